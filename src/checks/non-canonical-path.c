/*
 * non-canonical-path.c -- /tmp, /var and /etc are symbolic links into
 * /private; the kernel matches the resolved path, so a filter spelled with
 * the link never matches (reference §6.4).  The link itself is legitimate
 * for operations that do not follow it: lstat()/readlink() of "/tmp" is
 * file-read-metadata, removing it is file-write-unlink.
 */
#include <string.h>

#include "checks.h"
#include "ctx.h"
#include "leaf.h"
#include "path.h"
#include "regex.h"

static bool names_the_link(const struct sb_rule *r)
{
	static const char *const ops[] = { "file-read-metadata", "file-write-unlink" };
	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
		const struct sb_db_op *op = sb_db_op_lookup(ops[i]);
		/* the rule's operation is that one or a wildcard above it */
		if (op && r->op && sb_db_op_is_under(op, r->op))
			return true;
	}
	return false;
}

static void check_leaf(struct sb_check_ctx *c, const struct sb_rule *r, const struct sb_filter *f)
{
	const struct sb_value *v = sb_leaf_string(f);
	if (!v || !sb_leaf_is_path(f))
		return;
	enum sb_db_match m = sb_leaf_match(f);
	const char *path = v->u.str.s;
	size_t len = v->u.str.len;
	size_t skip = 0;            /* regex: the anchored literal prefix is the path */
	if (m == SB_DB_MATCH_REGEX) {
		const char *pre = f->regex ? sb_regex_literal_prefix(f->regex) : NULL;
		if (!pre || path[0] != '^')
			return;
		/* only when the link is a whole component of the prefix */
		size_t pl = strlen(pre);
		const struct sb_symlink *l = sb_path_symlinked_prefix(pre, pl);
		if (!l || (pl == strlen(l->link) && pl < len - 1 && path[1 + pl] != '/' &&
		           path[1 + pl] != '$'))
			return;
		skip = 1;
	} else if (m == SB_DB_MATCH_NONE) {
		return;
	}
	const struct sb_symlink *l = sb_path_symlinked_prefix(path + skip, len - skip);
	if (!l)
		return;
	if (m == SB_DB_MATCH_EXACT && sb_path_is_symlink_itself(path, len) && names_the_link(r))
		return;
	struct sb_diag *d = sb_diag_report(c->ctx, SB_RULE_NON_CANONICAL_PATH, v->span,
	        "'%s' is a symbolic link; the sandbox sees '%s'", l->link, l->target);
	if (!(v->flags & SB_VF_LITERAL))
		return;
	const char *canon = sb_path_canonical(c->ctx->arena, path + skip, len - skip);
	if (!canon)
		return;
	const char *text = skip ? sb_arena_printf(c->ctx->arena, "^%s", canon) : canon;
	const char *q = text ? sb_leaf_quote(c->ctx->arena, text, strlen(text),
	                                     (v->flags & SB_VF_RAW) != 0) : NULL;
	/* the link itself may be named on purpose for another operation of the
	 * same filter: then let a person decide */
	sb_diag_fix(c->ctx, d, "use the canonical path", v->span, q,
	            !sb_path_is_symlink_itself(path, len));
}

SB_CHECK(non_canonical_path)
{
	sb_checks_each_leaf(c, check_leaf);
}
