/*
 * precedence.h -- shared by the precedence checks (duplicate-rule,
 * shadowed-rule, redundant-rule, wildcard-rule-bypassed): the dead-rule
 * analysis of src/model.c over the profile's top-level rules.
 */
#ifndef SB_CHECKS_PRECEDENCE_H
#define SB_CHECKS_PRECEDENCE_H

#include "checks.h"
#include "ctx.h"
#include "eval.h"
#include "model.h"
#include "sbpl_db.h"

/* The analysis is done once per lint and shared by the four checks. */
static inline bool sb_precedence_analyze(struct sb_check_ctx *c, struct sb_analysis *an)
{
	if (!c->analysis) {
		struct sb_analysis *a = sb_arena_alloc(c->ctx->arena, sizeof *a);
		if (!a || !sb_model_analyze(c->ctx->arena, &c->profile->rules, c->target, a))
			return false;
		c->analysis = a;
	}
	*an = *c->analysis;
	return true;
}

static inline const char *sb_action_name(enum sb_action a)
{
	return a == SB_ACTION_ALLOW ? "allow" : "deny";
}

#endif
