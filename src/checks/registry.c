/*
 * registry.c -- every check, in the order they run.
 */
#include "arena.h"
#include "checks.h"
#include "ctx.h"
#include "eval.h"
#include "rules.h"

static const struct sb_check checks[] = {
	{ "version-missing", sb_check_version_missing },
	{ "target-version", sb_check_target_version },
	{ "filter-not-applicable", sb_check_filter_not_applicable },
	{ "network-address", sb_check_network_address },
	{ "modifier-action", sb_check_modifier_action },
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

/*
 * Every leaf of f, in order.  The explicit stack holds one frame per level
 * (a node and its next kid), so a require-any of 100,000 filters needs one
 * frame, and depth, which the input chooses, costs heap, not C stack.
 */
static void each_leaf(struct sb_check_ctx *c, const struct sb_rule *r, const struct sb_filter *f,
                      void (*fn)(struct sb_check_ctx *, const struct sb_rule *,
                                 const struct sb_filter *))
{
	struct frame { const struct sb_filter *f; uint32_t next; };
	struct frame small[32], *st = small;
	size_t n = 0, cap = sizeof small / sizeof small[0];
	st[n++] = (struct frame){ f, 0 };
	while (n) {
		struct frame *top = &st[n - 1];
		if (top->f->kind == SB_FILTER_LEAF) {
			fn(c, r, top->f);
			n--;
			continue;
		}
		if (top->next == top->f->nkids) {
			n--;
			continue;
		}
		const struct sb_filter *kid = top->f->kids[top->next++];
		if (n == cap) {
			struct frame *ns = sb_arena_grow(c->ctx->arena, st, n, cap * 2, sizeof *ns);
			if (!ns)
				return;
			st = ns;
			cap *= 2;
		}
		st[n++] = (struct frame){ kid, 0 };
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
