/*
 * duplicate-rule.c -- a rule with the same action, operation and filter as an
 * earlier one, with no rule of the other action that could match the same
 * requests written between them: removing either changes no decision.
 */
#include "precedence.h"

SB_CHECK(duplicate_rule)
{
	struct sb_analysis an;
	if (!sb_precedence_analyze(c, &an))
		return;
	for (size_t i = 0; i < an.n; i++) {
		if (an.dead[i].kind != SB_DEAD_DUPLICATE)
			continue;
		const struct sb_rule *r = c->profile->rules.v[i];
		struct sb_diag *d = sb_diag_report(c->ctx, SB_RULE_DUPLICATE_RULE, r->span,
		                                   "this %s rule on '%s' repeats an earlier rule "
		                                   "with the same filter", sb_action_name(r->action),
		                                   r->op->name);
		sb_diag_note(c->ctx, d, an.dead[i].witness[0]->span, "the earlier rule is here");
	}
}
