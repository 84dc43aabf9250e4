/*
 * redundant-rule.c -- a filtered rule that never decides a request because
 * later filtered rules of the same action on the same operation match
 * everything it matches: removing it changes no decision; or an unfiltered
 * rule that a later unfiltered rule of the same action (other modifiers)
 * replaces as the operation's fallback.
 */
#include "precedence.h"

SB_CHECK(redundant_rule)
{
	struct sb_analysis an;
	if (!sb_precedence_analyze(c, &an))
		return;
	for (size_t i = 0; i < an.n; i++) {
		if (an.dead[i].kind != SB_DEAD_REDUNDANT)
			continue;
		const struct sb_rule *r = c->profile->rules.v[i];
		struct sb_diag *d;
		if (!r->filter)
			d = sb_diag_report(c->ctx, SB_RULE_REDUNDANT_RULE, sb_rule_site(r),
			                   "this unfiltered %s rule on '%s' changes no decision: a "
			                   "later unfiltered %s rule replaces it as the fallback",
			                   sb_action_name(r->action), r->op->name,
			                   sb_action_name(r->action));
		else
			d = sb_diag_report(c->ctx, SB_RULE_REDUNDANT_RULE, sb_rule_site(r),
			                   "this %s rule on '%s' changes no decision: later "
			                   "%s rules match everything it matches",
			                   sb_action_name(r->action), r->op->name,
			                   sb_action_name(r->action));
		sb_note_rule_text(c, d, r);
		for (size_t k = 0; k < an.dead[i].nwitness; k++)
			sb_diag_note(c->ctx, d, sb_rule_site(an.dead[i].witness[k]),
			             r->filter ? "this later rule decides first"
			                       : "the last unfiltered rule, which is the fallback");
	}
}
