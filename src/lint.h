/*
 * lint.h -- the library's front door: run every stage on one source and
 * leave the findings in the context.  Front ends (cmd_*.c) render them.
 */
#ifndef SB_LINT_H
#define SB_LINT_H

#include <stdbool.h>
#include <stdint.h>

struct sb_ctx;
struct sb_parse_result;

struct sb_lint_options {
	int reserved;           /* parameters, imports and targets come with eval */
};

/*
 * Parse and check file (registered in ctx).  Returns the parse result (also
 * for later stages such as fmt), or NULL when out of memory.
 */
struct sb_parse_result *sb_lint(struct sb_ctx *ctx, uint32_t file,
                                const struct sb_lint_options *opt);

#endif
