/*
 * lint.c -- the pipeline for one profile: parse the preludes and the profile,
 * evaluate them in one environment, then run the checks over the rules.  A
 * merge is the same pipeline over several inputs in order.
 */
#include "lint.h"

#include "arena.h"
#include "checks/checks.h"
#include "ctx.h"
#include "eval.h"
#include "merge.h"
#include "parse.h"
#include "suppress.h"

static bool run(struct sb_ctx *ctx, const uint32_t *files, size_t n,
                const struct sb_lint_options *opt, bool merge, struct sb_merge_result *out)
{
	struct sb_eval_options eo = {
		.defines = opt->defines, .ndefines = opt->ndefines,
		.include_dirs = opt->include_dirs, .nincludes = opt->nincludes,
		.target = opt->target, .merge = merge,
	};
	out->profile = NULL;
	out->ninputs = 0;
	out->parses = sb_arena_calloc(ctx->arena, n ? n : 1, sizeof *out->parses);
	out->rule_end = sb_arena_calloc(ctx->arena, n ? n : 1, sizeof *out->rule_end);
	struct sb_eval *E = sb_eval_new(ctx, &eo);
	if (!E || !out->parses || !out->rule_end)
		return false;
	for (size_t i = 0; i < opt->npreludes; i++) {
		struct sb_parse_result *pr = sb_parse(ctx, opt->preludes[i]);
		if (!pr || !sb_eval_file(E, pr))
			return false;
	}
	bool syntax_errors = false;
	for (size_t i = 0; i < n; i++) {
		struct sb_parse_result *pr = sb_parse(ctx, files[i]);
		if (!pr || !sb_eval_file(E, pr))
			return false;
		out->parses[i] = pr;
		out->rule_end[i] = sb_eval_rule_count(E);
		out->ninputs = i + 1;
		syntax_errors = syntax_errors || pr->nerrors > 0;
	}
	out->profile = sb_eval_finish(E);
	if (!out->profile)
		return false;
	if (merge)
		sb_merge_check_defaults(ctx, out->profile, out->rule_end, n);
	struct sb_check_ctx cc = { ctx, out->profile, opt->target, n ? files[0] : 0,
	                           syntax_errors, NULL, n ? out->parses[0] : NULL };
	sb_checks_run(&cc);
	for (size_t i = 0; i < n; i++)
		sb_suppress_apply(ctx, out->parses[i]);
	return !sb_ctx_oom(ctx);
}

bool sb_lint(struct sb_ctx *ctx, uint32_t file, const struct sb_lint_options *opt,
             struct sb_lint_result *out)
{
	struct sb_merge_result m;
	bool ok = run(ctx, &file, 1, opt, false, &m);
	out->parse = m.ninputs ? m.parses[0] : NULL;
	out->profile = m.profile;
	return ok;
}

bool sb_lint_merge(struct sb_ctx *ctx, const uint32_t *files, size_t n,
                   const struct sb_lint_options *opt, struct sb_merge_result *out)
{
	return run(ctx, files, n, opt, true, out);
}
