/*
 * regex-unanchored.c -- a path regex is searched anywhere in the path
 * unless it starts with ^ (reference §6.5): (regex #"/\.ssh/") also matches
 * "/Users/me/backup/.ssh/x".  Apple relies on that on purpose at times, so
 * this is a note.
 */
#include "checks.h"
#include "ctx.h"
#include "leaf.h"
#include "regex.h"

static void check_leaf(struct sb_check_ctx *c, const struct sb_rule *r, const struct sb_filter *f)
{
	(void)r;
	const struct sb_value *v = sb_leaf_string(f);
	if (!v || !sb_leaf_is_path(f) || sb_leaf_match(f) != SB_DB_MATCH_REGEX)
		return;
	const struct sb_regex *re = f->regex;
	if (!re || sb_regex_anchored(re))
		return;   /* an invalid regex is reported by invalid-regex */
	sb_diag_report(c->ctx, SB_RULE_REGEX_UNANCHORED, v->span,
	               "path regex without '^' matches anywhere in the path; anchor it unless "
	               "that is the intent");
}

SB_CHECK(regex_unanchored)
{
	sb_checks_each_leaf(c, check_leaf);
}
