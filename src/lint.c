/*
 * lint.c -- the pipeline for one source: parse, then the checks.
 */
#include "lint.h"

#include "checks/checks.h"
#include "ctx.h"
#include "parse.h"

struct sb_parse_result *sb_lint(struct sb_ctx *ctx, uint32_t file,
                                const struct sb_lint_options *opt)
{
	(void)opt;
	struct sb_parse_result *pr = sb_parse(ctx, file);
	if (!pr)
		return NULL;
	sb_check_version(ctx, pr);
	return sb_ctx_oom(ctx) ? NULL : pr;
}
