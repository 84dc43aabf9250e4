/*
 * relative-path.c -- the kernel matches absolute, resolved paths, so a
 * literal, subpath or prefix that does not start with '/' never matches
 * (libsandbox 10.14+: "path must start with a /").  "${HOME}/x" pattern
 * variables of decompiled profiles are absolute once expanded.
 */
#include <string.h>

#include "checks.h"
#include "ctx.h"
#include "leaf.h"
#include "path.h"

static void check_leaf(struct sb_check_ctx *c, const struct sb_rule *r, const struct sb_filter *f)
{
	(void)r;
	const struct sb_value *v = sb_leaf_string(f);
	enum sb_db_match m = sb_leaf_match(f);
	if (!v || !sb_leaf_is_path(f) || m == SB_DB_MATCH_REGEX || m == SB_DB_MATCH_NONE ||
	    !sb_path_is_relative(v->u.str.s, v->u.str.len))
		return;
	if (strcmp(f->spelling->filter->name, "mount-relative-path") == 0)
		return;   /* relative to the mount point by design */
	sb_diag_report(c->ctx, SB_RULE_RELATIVE_PATH, v->span,
	               v->u.str.len ? "path '%s' is relative; the sandbox matches absolute paths, "
	                              "so this filter never matches"
	                            : "empty path%s; the sandbox matches absolute paths",
	               v->u.str.s);
}

SB_CHECK(relative_path)
{
	sb_checks_each_leaf(c, check_leaf);
}
