/*
 * modifier-action.c -- bad-argument for a (with MOD) that the rule's action
 * cannot take: (allow ... (with no-report)), (deny ... (with report)).
 * libsandbox rejects the whole profile ("MOD modifier does not apply to
 * ACTION action", 10.10 source, reference §5.4).  Which operations take a
 * modifier is listed only in the 13.0 table, so that is not checked here.
 */
#include "checks.h"
#include "ctx.h"
#include "eval.h"
#include "rules.h"
#include "sbpl_db.h"

static void check_rule(struct sb_check_ctx *c, const struct sb_rule *r)
{
	enum sb_db_action action = r->action == SB_ACTION_ALLOW ? SB_DB_ACTION_ALLOW
	                                                        : SB_DB_ACTION_DENY;
	for (uint32_t i = 0; i < r->nmods; i++) {
		const struct sb_modifier *m = r->mods[i];
		if (!m->mod || (m->mod->actions & (1u << action)))
			continue;
		const char *name = r->action == SB_ACTION_ALLOW ? "allow" : "deny";
		sb_diag_report(c->ctx, SB_RULE_BAD_ARGUMENT, m->span,
		               "(with %s) does not apply to %s rules: libsandbox rejects the profile "
		               "(\"%s modifier does not apply to %s action\")", m->spelled, name,
		               m->mod->name, name);
	}
}

SB_CHECK(modifier_action)
{
	const struct sb_rule_list *lists[2] = { &c->profile->rules, &c->profile->nested };
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < lists[k]->n; i++)
			check_rule(c, lists[k]->v[i]);
}
