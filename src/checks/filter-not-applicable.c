/*
 * filter-not-applicable.c -- every filter of a rule must apply to the rule's
 * operation ("X filter does not apply to Y operation", sbpl1.scm 10.10).
 * The categories per operation come from the 12.3/13.0 tables (reference
 * §5.2); Apple's own 10.15 profiles break them in places, so the finding is
 * an error only when --target is 12.3 or newer, a warning otherwise.  For a
 * wildcard operation a filter applies when some operation under it takes it.
 */
#include "checks.h"
#include "ctx.h"
#include "eval.h"
#include "leaf.h"

static void check_leaf(struct sb_check_ctx *c, const struct sb_rule *r, const struct sb_filter *f)
{
	if (!r->op || !f->spelling || !f->spelling->filter)
		return;
	if (sb_db_filter_applicable(f->spelling->filter, r->op))
		return;
	struct sb_diag *d = sb_diag_report(c->ctx, SB_RULE_FILTER_NOT_APPLICABLE, f->span,
	        "filter '%s' does not apply to operation '%s' (libsandbox: \"%s filter does "
	        "not apply to %s operation\")", f->spelled, r->op->name,
	        f->spelling->filter->name, r->op->name);
	if (!c->target || c->target < 1203) {
		sb_diag_set_severity(d, SB_SEV_WARNING);
		sb_diag_note(c->ctx, d, r->op_span, "the macOS 12.3/13.0 operation tables do not "
		             "list this filter for the operation; older versions may accept it");
	} else {
		sb_diag_note(c->ctx, d, r->op_span, "the operation is named here");
	}
}

SB_CHECK(filter_not_applicable)
{
	sb_checks_each_leaf(c, check_leaf);
}
