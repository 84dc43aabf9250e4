/*
 * merge.c -- conflicts between the inputs of a merge (merge.h).
 */
#include "merge.h"

#include <stdbool.h>
#include <string.h>

#include "diag.h"
#include "eval.h"
#include "model.h"
#include "rules.h"
#include "sbpl_db.h"

static const char *rule_text(enum sb_action a)
{
	return a == SB_ACTION_ALLOW ? "(allow default)" : "(deny default)";
}

void sb_merge_check_defaults(struct sb_ctx *ctx, const struct sb_profile *p,
                             const size_t *rule_end, size_t ninputs)
{
	const struct sb_rule *prev = NULL;
	size_t prev_input = 0, input = 0;
	for (size_t i = 0; i < p->rules.n; i++) {
		while (input + 1 < ninputs && i >= rule_end[input])
			input++;
		const struct sb_rule *r = p->rules.v[i];
		if (!r->op || strcmp(r->op->name, "default") != 0 || r->filter || r->conditional)
			continue;
		/* one input may change its own default; another may not */
		bool other_input = prev && prev_input != input;
		struct sb_diag *d = NULL;
		if (other_input && prev->action != r->action)
			d = sb_diag_report(ctx, SB_RULE_MERGE_CONFLICT, r->span,
			                   "'%s' conflicts with '%s' in another input; merge will not "
			                   "pick one", rule_text(r->action), rule_text(prev->action));
		else if (other_input && !sb_model_same_modifiers(prev, r))
			/* (deny default) vs (deny default (with no-log)): the later one's
			 * modifiers would silently apply to every request */
			d = sb_diag_report(ctx, SB_RULE_MERGE_CONFLICT, r->span,
			                   "this default rule's modifiers differ from another input's; "
			                   "merge will not pick one");
		if (d)
			sb_diag_note(ctx, d, prev->span, "the other input's default rule");
		prev = r;
		prev_input = input;
	}
}
