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

/*
 * Report every rule the analysis marked `kind` (shadowed or redundant) as
 * `rule`: what = "never decides" / "changes no decision"; the later rules
 * named are of the other action (shadowed) or the same (redundant).
 */
static inline void sb_report_dead(struct sb_check_ctx *c, enum sb_dead_kind kind,
                                  enum sb_rule_id rule, const char *what)
{
	struct sb_analysis an;
	if (!sb_precedence_analyze(c, &an))
		return;
	for (size_t i = 0; i < an.n; i++) {
		if (an.dead[i].kind != kind)
			continue;
		const struct sb_rule *r = c->profile->rules.v[i];
		enum sb_action later = kind == SB_DEAD_SHADOWED ? !r->action : r->action;
		struct sb_diag *d;
		if (!r->filter)
			d = sb_diag_report(c->ctx, rule, sb_rule_site(r),
			                   "this unfiltered %s rule on '%s' %s: a later unfiltered %s "
			                   "rule replaces it as the fallback", sb_action_name(r->action),
			                   r->op->name, what, sb_action_name(later));
		else
			d = sb_diag_report(c->ctx, rule, sb_rule_site(r),
			                   "this %s rule on '%s' %s: later %s rules match everything it "
			                   "matches", sb_action_name(r->action), r->op->name, what,
			                   sb_action_name(later));
		sb_note_rule_text(c, d, r);
		for (size_t k = 0; k < an.dead[i].nwitness; k++)
			sb_diag_note(c->ctx, d, sb_rule_site(an.dead[i].witness[k]),
			             r->filter ? "this later rule decides first"
			                       : "the last unfiltered rule, which is the fallback");
	}
}

#endif
