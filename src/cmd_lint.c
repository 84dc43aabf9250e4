/*
 * cmd_lint.c -- `sbplc lint [options] FILE...`: check profiles, print the
 * findings, exit 0 / 1 / 2 (doc/diagnostics.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"
#include "cmd.h"
#include "ctx.h"
#include "lint.h"

static const char usage[] =
"usage: sbplc lint [options] FILE...\n"
"Check SBPL profiles; '-' reads standard input.\n"
"\n"
"  --format=text|json     output format (default text)\n"
"  --fail-on=error|warning|note\n"
"                         lowest severity that makes the exit status 1 (default warning)\n"
"  -W RULE, -W no-RULE, -W error=RULE\n"
"                         enable, disable or re-grade a rule\n"
"  --color=auto|always|never  colour text output (auto: on a terminal, unless NO_COLOR)\n"
"  -q, --quiet            one line per finding, no source excerpt\n"
"  --help, --version\n"
"\n"
"Exit status: 0 no finding at or above --fail-on, 1 findings, 2 could not lint.\n";

int sb_cmd_lint(int argc, char **argv)
{
	struct sb_cli cli;
	switch (sb_cli_parse(&cli, argc, argv, usage)) {
	case SB_CLI_DONE:  sb_cli_free(&cli); return SB_EXIT_OK;
	case SB_CLI_ERROR: sb_cli_free(&cli); return SB_EXIT_FAILURE;
	case SB_CLI_RUN:   break;
	}
	if (cli.nfiles == 0) {
		sb_cli_error("no input files; usage: sbplc lint [options] FILE... ('-' for stdin)");
		sb_cli_free(&cli);
		return SB_EXIT_FAILURE;
	}

	struct sb_ctx **ctxs = calloc(cli.nfiles, sizeof *ctxs);
	size_t nctx = 0;
	int status = SB_EXIT_OK;
	bool failed = ctxs == NULL;
	struct sb_text_options topt = { sb_cli_use_color(&cli, STDOUT_FILENO), cli.quiet };
	struct sb_lint_options lopt = { 0 };

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
		uint32_t file = sb_ctx_add_source(ctx, src);
		if (file == UINT32_MAX || !sb_lint(ctx, file, &lopt)) {
			sb_cli_error("out of memory while linting '%s'", name);
			status = SB_EXIT_FAILURE;
			sb_ctx_free(ctx);
			continue;
		}
		sb_diag_finish(ctx, &cli.diag);
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
	sb_cli_free(&cli);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		sb_cli_error("cannot write to standard output");
		failed = true;
	}
	return failed ? SB_EXIT_FAILURE : status;
}
