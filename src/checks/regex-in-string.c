/*
 * regex-in-string.c -- the reader turns an unknown escape "\c" into plain
 * "c" (TinyScheme, reference §2), so (regex "^/a\.b") matches "^/a.b" where
 * any character stands for the dot.  #"..." keeps backslashes.
 */
#include <string.h>

#include "checks.h"
#include "ctx.h"
#include "leaf.h"

static void check_leaf(struct sb_check_ctx *c, const struct sb_rule *r, const struct sb_filter *f)
{
	(void)r;
	const struct sb_value *v = sb_leaf_string(f);
	/* only literals: a computed regex has no one place to point at */
	if (!v || sb_leaf_match(f) != SB_DB_MATCH_REGEX || !(v->flags & SB_VF_DROPPED_ESCAPE) ||
	    !(v->flags & SB_VF_LITERAL))
		return;
	const struct sb_source *src = sb_ctx_source(c->ctx, v->span.file);
	struct sb_span at = { v->span.file, v->u.str.escape_off, v->u.str.escape_off + 2 };
	struct sb_diag *d = sb_diag_report(c->ctx, SB_RULE_REGEX_IN_STRING, at,
	        "the string reader turns '%.2s' into '%c', so the regex loses its backslash; "
	        "write the regex as #\"...\"", src ? src->text + at.start : "\\?",
	        src ? src->text[at.start + 1] : '?');
	/* #"..." of the text as written, when that is what the author meant:
	 * a literal with no quote inside and no real escape (\\ or \") */
	if (!src || (v->flags & SB_VF_RAW))
		return;
	const char *inner = src->text + v->span.start + 1;
	size_t n = v->span.end - v->span.start - 2;
	for (size_t i = 0; i + 1 < n; i++)
		if (inner[i] == '\\' && (inner[i + 1] == '\\' || inner[i + 1] == '"'))
			return;
	sb_diag_fix(c->ctx, d, "write the regex as a raw string", v->span,
	            sb_arena_printf(c->ctx->arena, "#\"%.*s\"", (int)n, inner), false);
}

SB_CHECK(regex_in_string)
{
	sb_checks_each_leaf(c, check_leaf);
}
