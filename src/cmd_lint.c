/*
 * cmd_lint.c -- `sbplc lint [options] FILE...`: check profiles, print the
 * findings, exit 0 / 1 / 2 (doc/diagnostics.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cmd.h"
#include "ctx.h"
#include "datum.h"
#include "eval.h"
#include "fix.h"
#include "lint.h"
#include "output.h"
#include "sbpl_db.h"

static const char usage[] =
"usage: sbplc lint [options] FILE...\n"
"Check SBPL profiles; '-' reads standard input.\n"
"\n"
"  --format=text|json     output format (default text)\n"
"  --fail-on=error|warning|note\n"
"                         lowest severity that makes the exit status 1 (default warning)\n"
"  -D KEY=VALUE           set a profile parameter, (param \"KEY\")\n"
"  -I DIR                 search DIR for (import \"file.sb\")\n"
"  --prelude FILE         evaluate FILE before each profile (a base the profile extends)\n"
"  --target=macos-VERSION report names that this macOS version does not know\n"
"  -W RULE, -W no-RULE, -W error=RULE\n"
"                         enable, disable or re-grade a rule\n"
"  --color=auto|always|never  colour text output (auto: on a terminal, unless NO_COLOR)\n"
"  --fix                  apply the safe fixes in place (atomically): canonical paths,\n"
"                         repeated rules removed, current names; print what changed,\n"
"                         then the findings that are left\n"
"  -q, --quiet            one line per finding, no source excerpt\n"
"  --help, --version\n"
"\n"
"Exit status: 0 no finding at or above --fail-on, 1 findings, 2 could not lint.\n";

/*
 * Findings inside a prelude are reported once, with the first profile: the
 * preludes are files 0..n-1 of every context (doc/diagnostics.md).
 */
static void drop_prelude_findings(struct sb_ctx *ctx, size_t npreludes)
{
	size_t k = 0;
	for (size_t i = 0; i < ctx->ndiags; i++)
		if (ctx->diags[i]->span.file >= npreludes)
			ctx->diags[k++] = ctx->diags[i];
	ctx->ndiags = k;
}

/* What every file's lint shares: the options and the preludes read once. */
struct run {
	const struct sb_cli *cli;
	const struct sb_source **preludes;
	uint32_t *prelude_ids;             /* their file numbers in the current context */
	const struct sb_lint_options *lopt;
};

/*
 * Lint src (already read into ctx) after the preludes, and finish the
 * findings.  false when out of memory (after a message).
 */
static bool lint_in(struct sb_ctx *ctx, struct sb_source *src, const struct run *run,
                    bool first, struct sb_lint_result *res, bool *limit)
{
	const struct sb_cli *cli = run->cli;
	/* each context gets its own copy of the preludes, read once: they are
	 * evaluated again before every profile */
	bool copied = true;
	for (size_t k = 0; k < cli->npreludes; k++) {
		const struct sb_source *pre = run->preludes[k];
		struct sb_source *ps = sb_source_from_bytes(ctx->arena, pre->name, pre->text, pre->len);
		if (ps)
			ps->path = sb_arena_strdup(ctx->arena, pre->path);
		run->prelude_ids[k] = ps ? sb_ctx_add_source(ctx, ps) : UINT32_MAX;
		copied = copied && run->prelude_ids[k] != UINT32_MAX;
	}
	uint32_t file = sb_ctx_add_source(ctx, src);
	if (!copied || file == UINT32_MAX || !sb_lint(ctx, file, run->lopt, res)) {
		sb_cli_error("out of memory while linting '%s'", src->name);
		return false;
	}
	/* a limit stopped the job, whether or not -W hides the finding */
	if (sb_diag_reported(ctx, SB_RULE_RESOURCE_LIMIT))
		*limit = true;
	if (!first)
		drop_prelude_findings(ctx, cli->npreludes);
	sb_diag_finish(ctx, &cli->diag);
	return true;
}

/*
 * lint --fix: apply the safe fixes to path atomically, say what changed, and
 * lint the new text in a fresh context (returned in *ctxp) so that the
 * findings shown are those still left, at their new lines.  false: give up
 * on this file (after a message); *status says how.
 */
static bool fix_file(struct sb_ctx **ctxp, const char *path, const struct sb_lint_result *res,
                     const struct run *run, bool first, int *status, bool *limit)
{
	struct sb_ctx *ctx = *ctxp;
	const struct sb_source *src = sb_ctx_source(ctx, res->parse->file);
	if (res->parse->nerrors > 0 || *limit) {
		fprintf(stderr, "sbplc: not fixing '%s': %s\n", src->name,
		        *limit ? "evaluation stopped at a limit" : "it has syntax errors");
		return true;
	}
	struct sb_fix_result fx;
	if (!sb_fix_apply(ctx, res->parse->file, &fx)) {
		sb_cli_error("out of memory while fixing '%s'", src->name);
		*status = SB_EXIT_FAILURE;
		return false;
	}
	if (fx.napplied == 0) {
		sb_fix_result_free(&fx);
		return true;
	}
	struct sb_write_error werr;
	char msg[600];
	if (!sb_write_file_atomic(path, fx.text, fx.len, &werr)) {
		sb_cli_error("%s; '%s' not fixed", sb_write_strerror(&werr, msg, sizeof msg), src->name);
		sb_fix_result_free(&fx);
		*status = SB_EXIT_FAILURE;
		return false;
	}
	for (size_t i = 0; i < fx.napplied; i++) {
		const struct sb_diag *d = fx.applied[i];
		uint32_t line, col;
		sb_source_linecol(src, d->span.start, &line, &col);
		fprintf(stderr, "%s:%u:%u: fixed: %s [%s]\n", src->name, line, col,
		        d->fixes[0].description, sb_rule_info(d->rule)->id);
	}
	fprintf(stderr, "sbplc: fixed %zu finding%s in '%s'\n", fx.napplied,
	        fx.napplied == 1 ? "" : "s", src->name);
	struct sb_ctx *again = sb_ctx_new();
	struct sb_source *fixed = again ? sb_source_from_bytes(again->arena, src->name, fx.text,
	                                                       fx.len) : NULL;
	sb_fix_result_free(&fx);
	struct sb_lint_result res2;
	if (!fixed || !(fixed->path = sb_arena_strdup(again->arena, src->path ? src->path : path)) ||
	    !lint_in(again, fixed, run, first, &res2, limit)) {
		if (again)
			sb_ctx_free(again);
		sb_cli_error("out of memory while linting the fixed '%s'", path);
		*status = SB_EXIT_FAILURE;
		return false;
	}
	sb_ctx_free(ctx);
	*ctxp = again;
	return true;
}

int sb_cmd_lint(int argc, char **argv)
{
	struct sb_cli cli;
	int done = sb_cli_start(&cli, argc, argv, usage);
	if (done >= 0)
		return done;
	if (cli.nfiles == 0) {
		sb_cli_error("no input files; usage: sbplc lint [options] FILE... ('-' for stdin)");
		sb_cli_free(&cli);
		return SB_EXIT_FAILURE;
	}
	for (size_t i = 0; cli.fix && i < cli.nfiles; i++) {
		if (strcmp(cli.files[i], "-") == 0) {
			sb_cli_error("--fix rewrites files in place; it cannot fix standard input");
			sb_cli_free(&cli);
			return SB_EXIT_FAILURE;
		}
	}

	struct sb_ctx **ctxs = calloc(cli.nfiles, sizeof *ctxs);
	size_t nctx = 0;
	int status = SB_EXIT_OK;
	bool failed = ctxs == NULL;
	struct sb_text_options topt = { sb_cli_use_color(&cli, STDOUT_FILENO), cli.quiet };
	uint32_t *prelude_ids = calloc(cli.npreludes + 1, sizeof *prelude_ids);
	const struct sb_source **preludes = calloc(cli.npreludes + 1, sizeof *preludes);
	struct sb_arena *prelude_arena = sb_arena_new();
	failed = failed || !preludes || !prelude_arena;
	for (size_t k = 0; !failed && k < cli.npreludes; k++) {
		struct sb_source_error err;
		preludes[k] = sb_source_read(prelude_arena, cli.preludes[k], cli.preludes[k], &err);
		if (!preludes[k]) {
			sb_cli_error("cannot read the prelude '%s': %s", cli.preludes[k],
			             sb_source_strerror(&err));
			status = SB_EXIT_FAILURE;
			failed = true;
		}
	}
	struct sb_lint_options lopt = sb_cli_lint_options(&cli, prelude_ids);
	struct run run = { &cli, preludes, prelude_ids, &lopt };
	failed = failed || !prelude_ids;

	for (size_t i = 0; !failed && i < cli.nfiles; i++) {
		const char *path = cli.files[i];
		const char *name = path[0] == '-' && path[1] == '\0' ? "<stdin>" : path;
		struct sb_ctx *ctx = sb_ctx_new();
		if (!ctx) {
			sb_cli_error("out of memory");
			failed = true;
			break;
		}
		struct sb_source_error err;
		struct sb_source *src = sb_source_read(ctx->arena, path, name, &err);
		if (!src) {
			sb_cli_error("cannot read '%s': %s", name, sb_source_strerror(&err));
			status = SB_EXIT_FAILURE;
			sb_ctx_free(ctx);
			continue;
		}
		struct sb_lint_result res;
		bool limit = false;
		if (!lint_in(ctx, src, &run, i == 0, &res, &limit) ||
		    (cli.fix && !fix_file(&ctx, path, &res, &run, i == 0, &status, &limit))) {
			status = SB_EXIT_FAILURE;
			sb_ctx_free(ctx);
			continue;
		}
		if (limit)
			status = SB_EXIT_FAILURE;
		if (status == SB_EXIT_OK && sb_diag_worst(ctx) >= cli.diag.fail_on &&
		    sb_diag_worst(ctx) != SB_SEV_OFF)
			status = SB_EXIT_FINDINGS;
		if (cli.format == SB_FORMAT_TEXT) {
			sb_diag_render_text(ctx, stdout, &topt);
			sb_ctx_free(ctx);
		} else {
			ctxs[nctx++] = ctx;   /* one JSON document for all files */
		}
	}
	if (!failed && cli.format == SB_FORMAT_JSON && !sb_diag_render_json(ctxs, nctx, stdout)) {
		sb_cli_error("cannot write the JSON output");
		failed = true;
	}
	for (size_t i = 0; i < nctx; i++)
		sb_ctx_free(ctxs[i]);
	free(ctxs);
	free(prelude_ids);
	free(preludes);
	sb_arena_free(prelude_arena);
	sb_cli_free(&cli);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		sb_cli_error("cannot write to standard output");
		failed = true;
	}
	return failed ? SB_EXIT_FAILURE : status;
}
