/*
 * wildcard-rule-bypassed.c -- a filtered rule on a wildcard operation
 * (file-read*) that a child operation (file-read-data) never reaches: the
 * child's own rules of the other action decide every request the wildcard
 * rule matches (reference §6.1 rule 3).
 */
#include "precedence.h"

SB_CHECK(wildcard_rule_bypassed)
{
	struct sb_analysis an;
	if (!sb_precedence_analyze(c, &an))
		return;
	for (size_t i = 0; i < an.nbypass; i++) {
		const struct sb_bypass *b = &an.bypass[i];
		struct sb_diag *d = sb_diag_report(c->ctx, SB_RULE_WILDCARD_RULE_BYPASSED, sb_rule_site(b->rule),
		                                   "this %s rule on '%s' never applies to '%s': "
		                                   "rules on '%s' itself decide first",
		                                   sb_action_name(b->rule->action), b->rule->op->name,
		                                   b->child->name, b->child->name);
		sb_note_rule_text(c, d, b->rule);
		sb_diag_note(c->ctx, d, sb_rule_site(b->witness),
		             "'%s' is decided by this %s rule; write the %s on '%s' to override it",
		             b->child->name, sb_action_name(b->witness->action),
		             sb_action_name(b->rule->action), b->child->name);
	}
}
