/*
 * parse.h -- text to datum tree (grammar/parser.y).
 */
#ifndef SB_PARSE_H
#define SB_PARSE_H

#include <stdint.h>

#include "datum.h"

struct sb_ctx;

/*
 * Parse file (registered in ctx) into its top-level forms and comments.
 * Syntax errors are reported to ctx and recovered from: the result holds every
 * form that could be read.  NULL only when out of memory.
 */
struct sb_parse_result *sb_parse(struct sb_ctx *ctx, uint32_t file);

#endif
