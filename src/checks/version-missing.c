/*
 * version-missing.c -- a profile (with its preludes and imports) that never
 * calls (version N) fails at finalize with "no version specified"
 * (reference §3.1).  The other version rules are reported by the evaluator
 * where the (version ...) form is evaluated.
 */
#include "checks.h"
#include "ctx.h"
#include "eval.h"

SB_CHECK(version_missing)
{
	if (c->profile->version_seen || c->syntax_errors || c->profile->aborted)
		return;   /* after a syntax error the version may be in the broken part */
	struct sb_span sp = { c->main_file, 0, 0 };
	struct sb_diag *d = sb_diag_report(c->ctx, SB_RULE_VERSION_MISSING, sp,
	        "no (version 1) in the profile; sandbox-exec rejects it with "
	        "\"no version specified\"");
	sb_diag_fix(c->ctx, d, "declare the version", sp, "(version 1)\n", true);
}
