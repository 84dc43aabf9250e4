/*
 * subpath-trailing-slash.c -- libsandbox up to macOS 10.10 rejects
 * (subpath "/a/"): "subpaths must not end with a slash" (sbpl1.scm, 10.10).
 * Apple's own 10.15 profiles contain such subpaths, so later versions accept
 * them, with matching nothing documents: an error when --target is 10.10 or
 * older, a warning otherwise.  "/" itself is fine.
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
	if (!v || !sb_leaf_is_path(f) || sb_leaf_match(f) != SB_DB_MATCH_SUBPATH ||
	    !sb_path_subpath_trailing_slash(v->u.str.s, v->u.str.len))
		return;
	bool rejected = c->target && c->target <= 1010;
	struct sb_diag *d = sb_diag_report(c->ctx, SB_RULE_SUBPATH_TRAILING_SLASH, v->span,
	        rejected ? "subpath '%s' ends with '/'; libsandbox rejects it (\"subpaths must not "
	                   "end with a slash\")"
	                 : "subpath '%s' ends with '/'; libsandbox up to macOS 10.10 rejects it "
	                   "and later versions do not document what it matches: drop the slash",
	        v->u.str.s);
	if (!rejected)
		sb_diag_set_severity(d, SB_SEV_WARNING);
	if (!(v->flags & SB_VF_LITERAL))
		return;
	size_t n = v->u.str.len;
	while (n > 1 && v->u.str.s[n - 1] == '/')
		n--;
	sb_diag_fix(c->ctx, d, "remove the trailing slash", v->span,
	            sb_leaf_quote(c->ctx->arena, v->u.str.s, n, (v->flags & SB_VF_RAW) != 0), false);
}

SB_CHECK(subpath_trailing_slash)
{
	sb_checks_each_leaf(c, check_leaf);
}
