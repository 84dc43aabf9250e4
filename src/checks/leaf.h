/*
 * leaf.h -- small questions the checks ask of a leaf filter.
 */
#ifndef SB_CHECKS_LEAF_H
#define SB_CHECKS_LEAF_H

#include <stdbool.h>
#include <stddef.h>

#include "rules.h"
#include "sbpl_db.h"
#include "value.h"

struct sb_arena;
struct sb_ctx;

/* The leaf's string argument, or NULL when it has none (or it is unknown). */
static inline const struct sb_value *sb_leaf_string(const struct sb_filter *f)
{
	return f->arg && f->arg->kind == SB_V_STR ? f->arg : NULL;
}

static inline enum sb_db_match sb_leaf_match(const struct sb_filter *f)
{
	return f->spelling ? f->spelling->match : SB_DB_MATCH_NONE;
}

/* A path filter (path, mount-relative-path, process-path): its argument is a path. */
static inline bool sb_leaf_is_path(const struct sb_filter *f)
{
	return f->spelling && f->spelling->filter && f->spelling->filter->arg == SB_DB_ARG_PATH;
}

/* Quote s as an SBPL string literal ("..." with \\ and \" escaped), or as
 * #"..." when raw; NULL when a raw string cannot hold it. */
const char *sb_leaf_quote(struct sb_arena *a, const char *s, size_t len, bool raw);

/* The span of byte i of a literal string value's text, when it can be known
 * exactly (raw strings, and strings without escapes); else false. */
bool sb_leaf_byte_span(const struct sb_ctx *ctx, const struct sb_value *v, size_t i,
                       struct sb_span *out);

#endif
