/*
 * version.c -- version-missing, duplicate-version, version-unsupported.
 * libsandbox needs exactly one (version N): none is "no version specified",
 * two that differ is "only one version may be specified" (reference §3.1).
 * Only 1 has documented meaning; 2 and 3 compile on macOS 13+.
 */
#include <stdint.h>

#include "checks.h"
#include "ctx.h"
#include "datum.h"

static const struct sb_datum *version_arg(const struct sb_datum *form)
{
	if (form->kind != SB_DATUM_LIST || form->u.list.n == 0 ||
	    !sb_datum_is_symbol(form->u.list.items[0], "version"))
		return NULL;
	return form;
}

void sb_check_version(struct sb_ctx *ctx, const struct sb_parse_result *pr)
{
	const struct sb_datum *first = NULL;
	int64_t first_v = 0;
	for (uint32_t i = 0; i < pr->nforms; i++) {
		const struct sb_datum *form = version_arg(pr->forms[i]);
		if (!form)
			continue;
		const struct sb_datum *arg = form->u.list.n == 2 ? form->u.list.items[1] : NULL;
		if (!arg || arg->kind != SB_DATUM_NUMBER || !arg->u.num.exact) {
			sb_diag_report(ctx, SB_RULE_BAD_ARGUMENT, arg ? arg->span : form->span,
			               "(version ...) takes one integer, as in (version 1)");
			if (!first)
				first = form;
			continue;
		}
		int64_t v = arg->u.num.integer;
		if (first) {
			struct sb_diag *d;
			if (v == first_v) {
				d = sb_diag_report(ctx, SB_RULE_DUPLICATE_VERSION, form->span,
				                   "(version %lld) is repeated", (long long)v);
				sb_diag_set_severity(d, SB_SEV_WARNING);
			} else {
				d = sb_diag_report(ctx, SB_RULE_DUPLICATE_VERSION, form->span,
				                   "(version %lld) conflicts with the earlier "
				                   "(version %lld); libsandbox rejects the profile",
				                   (long long)v, (long long)first_v);
			}
			sb_diag_note(ctx, d, first->span, "the first version is declared here");
			continue;
		}
		first = form;
		first_v = v;
		if (v != 1)
			sb_diag_report(ctx, SB_RULE_VERSION_UNSUPPORTED, arg->span,
			               v == 2 || v == 3
			               ? "(version %lld) compiles only on macOS 13 or later and its "
			                 "meaning is undocumented; use (version 1)"
			               : "(version %lld) is not a known SBPL version; use (version 1)",
			               (long long)v);
	}
	if (!first && pr->nerrors == 0) {
		struct sb_span sp = { pr->file, 0, 0 };
		struct sb_diag *d = sb_diag_report(ctx, SB_RULE_VERSION_MISSING, sp,
		        "no (version 1) in the profile; sandbox-exec rejects it with "
		        "\"no version specified\"");
		sb_diag_fix(ctx, d, "declare the version", sp, "(version 1)\n", true);
	}
}
