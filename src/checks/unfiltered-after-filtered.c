/*
 * unfiltered-after-filtered.c -- an unfiltered rule written after filtered
 * rules of the other action on the same operation, as if it could override
 * them: an unfiltered rule only sets the operation's fallback, so the
 * filtered rules still decide what they match (reference §6.1 rule 2).
 */
#include "precedence.h"

SB_CHECK(unfiltered_after_filtered)
{
	const struct sb_rule_list *l = &c->profile->rules;
	size_t nops = sb_db_op_count();
	const struct sb_rule **first[2];
	first[0] = sb_arena_calloc(c->ctx->arena, nops, sizeof *first[0]);
	first[1] = sb_arena_calloc(c->ctx->arena, nops, sizeof *first[1]);
	if (!first[0] || !first[1])
		return;
	for (size_t i = 0; i < l->n; i++) {
		const struct sb_rule *r = l->v[i];
		if (!r->op || r->op->index >= nops)
			continue;
		if (r->filter) {
			if (!r->conditional && !first[r->action][r->op->index])
				first[r->action][r->op->index] = r;
			continue;
		}
		const struct sb_rule *f = first[!r->action][r->op->index];
		if (!f)
			continue;
		struct sb_diag *d = sb_diag_report(c->ctx, SB_RULE_UNFILTERED_AFTER_FILTERED,
		                                   sb_rule_site(r),
		                                   "this unfiltered %s of '%s' does not override the "
		                                   "earlier filtered %s rules on '%s'; they still "
		                                   "decide what they match",
		                                   sb_action_name(r->action), r->op->name,
		                                   sb_action_name(f->action), r->op->name);
		sb_note_rule_text(c, d, r);
		sb_diag_note(c->ctx, d, sb_rule_site(f), "a filtered %s rule on '%s' that still applies",
		             sb_action_name(f->action), r->op->name);
	}
}
