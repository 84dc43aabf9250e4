/*
 * registry.c -- every check, in the order they run.
 */
#include "checks.h"
#include "eval.h"
#include "rules.h"

static const struct sb_check checks[] = {
	{ "version-missing", sb_check_version_missing },
	{ "target-version", sb_check_target_version },
	{ "filter-not-applicable", sb_check_filter_not_applicable },
	{ "network-address", sb_check_network_address },
	{ "path-utf8", sb_check_path_utf8 },
	{ "invalid-regex", sb_check_invalid_regex },
	{ "regex-in-string", sb_check_regex_in_string },
	{ "regex-unanchored", sb_check_regex_unanchored },
	{ "relative-path", sb_check_relative_path },
	{ "subpath-trailing-slash", sb_check_subpath_trailing_slash },
	{ "non-canonical-path", sb_check_non_canonical_path },
	{ "broad-allow", sb_check_broad_allow },
	{ "deprecated-operation", sb_check_deprecated_operation },
	{ "duplicate-rule", sb_check_duplicate_rule },
	{ "shadowed-rule", sb_check_shadowed_rule },
	{ "redundant-rule", sb_check_redundant_rule },
	{ "wildcard-rule-bypassed", sb_check_wildcard_rule_bypassed },
	{ "unfiltered-after-filtered", sb_check_unfiltered_after_filtered },
};

void sb_checks_run(struct sb_check_ctx *c)
{
	for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++)
		checks[i].run(c);
}

static void each_leaf(struct sb_check_ctx *c, const struct sb_rule *r, const struct sb_filter *f,
                      void (*fn)(struct sb_check_ctx *, const struct sb_rule *,
                                 const struct sb_filter *))
{
	/* filter trees are shallow in practice; bound the walk anyway */
	const struct sb_filter *stack[512];
	size_t n = 0;
	stack[n++] = f;
	while (n) {
		const struct sb_filter *x = stack[--n];
		if (x->kind == SB_FILTER_LEAF) {
			fn(c, r, x);
			continue;
		}
		for (uint32_t i = x->nkids; i-- > 0 && n < sizeof stack / sizeof stack[0];)
			stack[n++] = x->kids[i];
	}
}

void sb_checks_each_leaf(struct sb_check_ctx *c,
                         void (*fn)(struct sb_check_ctx *c, const struct sb_rule *r,
                                    const struct sb_filter *leaf))
{
	const struct sb_rule_list *lists[2] = { &c->profile->rules, &c->profile->nested };
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < lists[k]->n; i++)
			if (lists[k]->v[i]->filter)
				each_leaf(c, lists[k]->v[i], lists[k]->v[i]->filter, fn);
}
