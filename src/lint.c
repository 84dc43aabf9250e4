/*
 * lint.c -- the pipeline for one profile: parse the preludes and the profile,
 * evaluate them in one environment, then run the checks over the rules.
 */
#include "lint.h"

#include "checks/checks.h"
#include "ctx.h"
#include "eval.h"
#include "parse.h"
#include "suppress.h"

bool sb_lint(struct sb_ctx *ctx, uint32_t file, const struct sb_lint_options *opt,
             struct sb_lint_result *out)
{
	struct sb_eval_options eo = {
		.defines = opt->defines, .ndefines = opt->ndefines,
		.include_dirs = opt->include_dirs, .nincludes = opt->nincludes,
		.target = opt->target,
	};
	out->parse = NULL;
	out->profile = NULL;
	struct sb_eval *E = sb_eval_new(ctx, &eo);
	if (!E)
		return false;
	for (size_t i = 0; i < opt->npreludes; i++) {
		struct sb_parse_result *pr = sb_parse(ctx, opt->preludes[i]);
		if (!pr || !sb_eval_file(E, pr))
			return false;
	}
	out->parse = sb_parse(ctx, file);
	if (!out->parse || !sb_eval_file(E, out->parse))
		return false;
	out->profile = sb_eval_finish(E);
	if (!out->profile)
		return false;
	struct sb_check_ctx cc = { ctx, out->profile, opt->target, file,
	                           out->parse->nerrors > 0, NULL };
	sb_checks_run(&cc);
	sb_suppress_apply(ctx, out->parse);
	return !sb_ctx_oom(ctx);
}
