/*
 * deprecated-operation.c -- names that newer libsandbox tables dropped or
 * keep only as aliases (reference §3.6): an old spelling of a current
 * operation (file-unlink), an alias that means more than it says
 * (sysctl-write is all of sysctl*), or a name that is now a no-op and whose
 * rule is dropped.  Plain spelling aliases (process-exec) are fine.
 */
#include <string.h>

#include "checks.h"
#include "ctx.h"
#include "eval.h"
#include "sbpl_db.h"

static void check_rule(struct sb_check_ctx *c, const struct sb_rule *r)
{
	const struct sb_db_alias *a = r->op_alias;
	/* before the alias existed the name was an operation of its own there
	 * (iokit-open up to 10.15, sysctl-write alone from 12.3): nothing to
	 * rename; target-version reports a name the target does not have */
	if (!a || (c->target && sb_db_alias_known_in(a, c->target) != SB_DB_AVAIL_KNOWN))
		return;
	const char *name = a->name;
	struct sb_diag *d;
	switch (a->kind) {
	case SB_DB_ALIAS_SPELLING:
		return;
	case SB_DB_ALIAS_DEPRECATED:
		if (a->note && strstr(a->note, "low confidence")) {
			/* the current name is a guess: say so, offer no edit */
			sb_diag_report(c->ctx, SB_RULE_DEPRECATED_OPERATION, r->op_span,
			               "'%s' is not in current operation tables; its successor is "
			               "probably '%s'", name, a->target);
			return;
		}
		d = sb_diag_report(c->ctx, SB_RULE_DEPRECATED_OPERATION, r->op_span,
		                   "'%s' is an old name of '%s'; use the current name", name,
		                   a->target);
		sb_diag_fix(c->ctx, d, "use the current name", r->op_span, a->target, true);
		return;
	case SB_DB_ALIAS_OTHER_MEANING:
		sb_diag_report(c->ctx, SB_RULE_DEPRECATED_OPERATION, r->op_span,
		               "'%s' is an alias of '%s' and means all of it, not what its name "
		               "says; write '%s' (or the narrower operation meant)", name,
		               a->target, a->target);
		return;
	case SB_DB_ALIAS_NOOP:
		sb_diag_report(c->ctx, SB_RULE_DEPRECATED_OPERATION, r->op_span,
		               "'%s' no longer exists; libsandbox drops the rule, so it does nothing",
		               name);
		return;
	}
}

SB_CHECK(deprecated_operation)
{
	const struct sb_rule_list *lists[3] = { &c->profile->rules, &c->profile->nested,
	                                        &c->profile->dropped };
	for (int k = 0; k < 3; k++)
		for (size_t i = 0; i < lists[k]->n; i++)
			check_rule(c, lists[k]->v[i]);
}
