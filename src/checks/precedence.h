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

/*
 * Where to report a rule: the outermost function call that made it (short of
 * an import), since one function body makes many rules and its own span
 * would name none of the calls; the rule itself when no function made it.
 */
static inline struct sb_span sb_rule_site(const struct sb_rule *r)
{
	struct sb_span site = r->span;
	for (const struct sb_origin *o = r->origin; o; o = o->up) {
		if (o->what && o->what[0] == '/')
			break;   /* an (import ...): the rule is written in that file */
		site = o->call;
	}
	return site;
}

/* After reporting at sb_rule_site: show the rule's own text when it is elsewhere. */
static inline void sb_note_rule_text(struct sb_check_ctx *c, struct sb_diag *d,
                                     const struct sb_rule *r)
{
	struct sb_span site = sb_rule_site(r);
	if (site.file != r->span.file || site.start != r->span.start)
		sb_diag_note(c->ctx, d, r->span, "the rule, as written in the function");
}

static inline const char *sb_action_name(enum sb_action a)
{
	return a == SB_ACTION_ALLOW ? "allow" : "deny";
}

#endif
