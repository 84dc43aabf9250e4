/*
 * target-version.c -- with --target=macos-VERSION, the operations, filters
 * and modifiers that version's tables do not have (unknown-operation,
 * unknown-filter, unknown-modifier): a profile that compiles on the
 * developer's Mac can fail on a user's older one.
 */
#include <stdio.h>

#include "checks.h"
#include "ctx.h"
#include "eval.h"
#include "leaf.h"

static bool unavailable(struct sb_check_ctx *c, enum sb_db_avail av,
                        const struct sb_db_versions *v, char *why, size_t n)
{
	char ver[16], tgt[16];
	sb_db_version_format(c->target, tgt, sizeof tgt);
	switch (av) {
	case SB_DB_AVAIL_KNOWN:
		return false;
	case SB_DB_AVAIL_NOT_YET:
		sb_db_version_format(v->since, ver, sizeof ver);
		snprintf(why, n, "is known only since macOS %s (target: macOS %s)", ver, tgt);
		return true;
	case SB_DB_AVAIL_REMOVED:
		sb_db_version_format(v->absent_from, ver, sizeof ver);
		snprintf(why, n, "was removed in macOS %s (target: macOS %s)", ver, tgt);
		return true;
	case SB_DB_AVAIL_IOS_ONLY:
		snprintf(why, n, "is known only on iOS");
		return true;
	}
	return false;
}

static void check_leaf(struct sb_check_ctx *c, const struct sb_rule *r, const struct sb_filter *f)
{
	(void)r;
	char why[128];
	const struct sb_db_filter *flt = f->spelling ? f->spelling->filter : NULL;
	if (flt && unavailable(c, sb_db_filter_known_in(flt, c->target), &flt->versions, why,
	                       sizeof why))
		sb_diag_report(c->ctx, SB_RULE_UNKNOWN_FILTER, f->span, "filter '%s' %s",
		               f->spelled, why);
}

/*
 * The operation name the rule spells is missing from the target's tables.  A
 * name spelled through an alias is available when the alias is, or when the
 * target's own table has an operation of that name: the evaluator resolves
 * aliases for any version, so iokit-open (an operation up to 10.15, an alias
 * from 12.3) and process-exec (an operation up to 10.9) come here as aliases.
 */
static bool op_unavailable(struct sb_check_ctx *c, const struct sb_rule *r, char *why, size_t n)
{
	const struct sb_db_alias *a = r->op_alias;
	if (!a)
		return unavailable(c, sb_db_op_known_in(r->op, c->target), &r->op->versions, why, n);
	char alias_why[128];
	if (!unavailable(c, sb_db_alias_known_in(a, c->target), &a->versions, alias_why,
	                 sizeof alias_why))
		return false;
	const struct sb_db_op *own = sb_db_op_lookup(a->name);
	if (!own) {
		snprintf(why, n, "%s", alias_why);
		return true;
	}
	enum sb_db_avail av = sb_db_op_known_in(own, c->target);
	if (!unavailable(c, av, &own->versions, why, n))
		return false;
	if (av != SB_DB_AVAIL_NOT_YET)      /* the earliest version that has the name */
		snprintf(why, n, "%s", alias_why);
	return true;
}

SB_CHECK(target_version)
{
	if (!c->target)
		return;
	char why[128];
	const struct sb_rule_list *l = &c->profile->rules;
	for (size_t i = 0; i < l->n; i++) {
		const struct sb_rule *r = l->v[i];
		if (op_unavailable(c, r, why, sizeof why))
			sb_diag_report(c->ctx, SB_RULE_UNKNOWN_OPERATION, r->op_span, "operation '%s' %s",
			               r->op_alias ? r->op_alias->name : r->op->name, why);
		for (uint32_t k = 0; k < r->nmods; k++) {
			const struct sb_db_modifier *m = r->mods[k]->mod;
			if (m && unavailable(c, sb_db_modifier_known_in(m, c->target), &m->versions, why,
			                     sizeof why))
				sb_diag_report(c->ctx, SB_RULE_UNKNOWN_MODIFIER, r->mods[k]->span,
				               "modifier '%s' %s", r->mods[k]->spelled, why);
		}
	}
	sb_checks_each_leaf(c, check_leaf);
}
