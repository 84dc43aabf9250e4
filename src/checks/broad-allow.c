/*
 * broad-allow.c -- (allow default), and allows that let the process write or
 * execute anything: an unfiltered allow of file*, file-write* (or one of its
 * children), process*, process-exec*, or such an allow on (subpath "/"),
 * (prefix "/"), a regex that matches every path, or an equivalent.
 * Read-only allows are deliberate in many profiles and not reported.
 */
#include <string.h>

#include "checks.h"
#include "ctx.h"
#include "eval.h"
#include "leaf.h"
#include "regex.h"

static bool write_or_exec(const struct sb_db_op *op)
{
	static const char *const roots[] = { "file-write*", "process-exec*" };
	static const char *const exact[] = { "default", "file*", "process*" };
	for (size_t i = 0; i < sizeof exact / sizeof exact[0]; i++)
		if (strcmp(op->name, exact[i]) == 0)
			return true;
	for (size_t i = 0; i < sizeof roots / sizeof roots[0]; i++) {
		const struct sb_db_op *root = sb_db_op_lookup(roots[i]);
		if (root && sb_db_op_is_under(op, root))
			return true;
	}
	return false;
}

/* The path filter of f that matches every path (f itself, or one of the
 * filters f ORs together), or NULL. */
static const struct sb_filter *everything(struct sb_check_ctx *c, const struct sb_filter *f)
{
	if (f->kind == SB_FILTER_ANY) {
		for (uint32_t i = 0; i < f->nkids; i++) {
			const struct sb_filter *all = everything(c, f->kids[i]);
			if (all)
				return all;
		}
		return NULL;
	}
	const struct sb_value *v = f->kind == SB_FILTER_LEAF ? sb_leaf_string(f) : NULL;
	if (!v || !sb_leaf_is_path(f))
		return NULL;
	switch (sb_leaf_match(f)) {
	case SB_DB_MATCH_SUBPATH:
		return strcmp(v->u.str.s, "/") == 0 ? f : NULL;
	case SB_DB_MATCH_PREFIX:
		return strcmp(v->u.str.s, "/") == 0 || v->u.str.len == 0 ? f : NULL;
	case SB_DB_MATCH_REGEX: {
		const struct sb_regex *re = f->regex;
		static const char *const probes[] = { "/", "/a", "/Users/me/.ssh/id_ed25519",
		                                      "/private/etc/sudoers", "/x/y z/\n" };
		if (!re)
			return NULL;
		for (size_t i = 0; i < sizeof probes / sizeof probes[0]; i++)
			if (!sb_regex_search(re, probes[i], strlen(probes[i])))
				return NULL;
		return f;
	}
	default:
		return NULL;
	}
}

SB_CHECK(broad_allow)
{
	const struct sb_rule_list *l = &c->profile->rules;
	for (size_t i = 0; i < l->n; i++) {
		const struct sb_rule *r = l->v[i];
		const struct sb_filter *all;
		if (r->action != SB_ACTION_ALLOW || !write_or_exec(r->op))
			continue;
		if (strcmp(r->op->name, "default") == 0 && !r->filter)
			sb_diag_report(c->ctx, SB_RULE_BROAD_ALLOW, r->span,
			               "(allow default) allows every operation the profile does not "
			               "deny; start from (deny default) and allow what is needed");
		else if (!r->filter)
			sb_diag_report(c->ctx, SB_RULE_BROAD_ALLOW, r->op_span,
			               "unfiltered allow of '%s' lets the process %s anywhere",
			               r->op->name, strncmp(r->op->name, "process", 7) == 0
			               ? "execute programs" : "write files");
		else if ((all = everything(c, r->filter)))
			sb_diag_report(c->ctx, SB_RULE_BROAD_ALLOW, all->span,
			               "this filter matches every path, so '%s' is allowed everywhere",
			               r->op->name);
	}
}
