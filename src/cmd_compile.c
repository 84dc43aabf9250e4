/*
 * cmd_compile.c -- `sbplc compile FILE -o OUT` and `sbplc merge FILE... -o
 * OUT`: one pipeline, one input or several.  Evaluate and check; with no
 * error, write the normalized profile atomically (src/output.h) and say how
 * big it is.  Diagnostics go to standard error, since standard output may be
 * the profile itself (-o -).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cmd.h"
#include "ctx.h"
#include "emit.h"
#include "eval.h"
#include "lint.h"
#include "output.h"

static const char compile_usage[] =
"usage: sbplc compile [options] FILE -o OUT\n"
"Evaluate and check a profile, then write it normalized: no define, param,\n"
"import or conditional left; (version 1), the default rule, then one group of\n"
"rules per operation; exact duplicates dropped.  It means what FILE meant.\n"
"\n"
"  -o OUT                 write here ('-': standard output); written atomically,\n"
"                         never when the profile has an error\n"
"  --minimize             also drop rules the precedence model proves never decide\n"
"  --max-size=BYTES       an output larger than this is an error (nothing written)\n"
"  -D KEY=VALUE           set a profile parameter, (param \"KEY\")\n"
"  -I DIR                 search DIR for (import \"file.sb\")\n"
"  --prelude FILE         evaluate FILE before the profile (its rules are included)\n"
"  --target=macos-VERSION check against this macOS version's tables\n"
"  --format=text|json     diagnostics format on standard error (default text)\n"
"  --fail-on=error|warning|note, -W RULE, -W no-RULE, -W error=RULE, --color=WHEN\n"
"  -q, --quiet            no summary line, one line per finding\n"
"  --help, --version\n"
"\n"
"Exit status: 0 written, 1 findings at or above --fail-on (written unless one is an\n"
"error) or too big, 2 could not compile (usage, unreadable input, unwritable output).\n";

static const char merge_usage[] =
"usage: sbplc merge [options] FILE... -o OUT\n"
"One normalized profile equivalent to evaluating the FILEs one after another,\n"
"as a profile importing them in that order would.  Where they disagree -- an\n"
"(allow default) and a (deny default), a name defined differently, two\n"
"versions -- it is an error with both locations, never a silent pick.\n"
"\n"
"  Options as for 'sbplc compile' (-o, --minimize, --max-size, -D, -I, --prelude,\n"
"  --target, --format, --fail-on, -W, --color, -q); -D applies to every FILE.\n"
"\n"
"Exit status: as for 'sbplc compile'.\n";

static bool has_error(const struct sb_ctx *ctx, const struct sb_diag_config *cfg)
{
	for (size_t i = 0; i < ctx->ndiags; i++)
		if (sb_diag_effective(ctx->diags[i], cfg) == SB_SEV_ERROR)
			return true;
	return false;
}

static bool render(struct sb_ctx *ctx, const struct sb_cli *cli)
{
	if (cli->format == SB_FORMAT_JSON)
		return sb_diag_render_json(&ctx, 1, stderr);
	struct sb_text_options topt = { sb_cli_use_color(cli, STDERR_FILENO), cli->quiet };
	sb_diag_render_text(ctx, stderr, &topt);
	return true;
}

static int run(int argc, char **argv, const char *usage, bool merge)
{
	struct sb_cli cli;
	int done = sb_cli_start(&cli, argc, argv, usage);
	if (done >= 0)
		return done;
	int status = SB_EXIT_FAILURE;
	struct sb_ctx *ctx = NULL;
	uint32_t *prelude_ids = NULL, *files = NULL;
	char *text = NULL;
	if (cli.nfiles == 0 || (!merge && cli.nfiles != 1) || !cli.output) {
		sb_cli_error("usage: sbplc %s [options] %s -o OUT ('-o -' for standard output)",
		             cli.cmd, merge ? "FILE..." : "FILE");
		goto out;
	}
	ctx = sb_ctx_new();
	prelude_ids = calloc(cli.npreludes + 1, sizeof *prelude_ids);
	files = calloc(cli.nfiles, sizeof *files);
	if (!ctx || !prelude_ids || !files) {
		sb_cli_error("out of memory");
		goto out;
	}
	if (!sb_cli_read_preludes(ctx, &cli, prelude_ids))
		goto out;
	for (size_t i = 0; i < cli.nfiles; i++)
		if ((files[i] = sb_cli_read_input(ctx, cli.files[i])) == UINT32_MAX)
			goto out;

	struct sb_lint_options lopt = sb_cli_lint_options(&cli, prelude_ids);
	struct sb_merge_result res = { 0 };
	struct sb_lint_result one;
	bool linted;
	if (merge) {
		linted = sb_lint_merge(ctx, files, cli.nfiles, &lopt, &res);
	} else if ((linted = sb_lint(ctx, files[0], &lopt, &one))) {
		res.parses = &one.parse;
		res.ninputs = 1;
		res.profile = one.profile;
	}
	if (!linted) {
		sb_cli_error("out of memory");
		goto out;
	}
	size_t len = 0;
	struct sb_emit_stats stats;
	bool emitted = false;
	/* a limit stopped the job, whether or not -W hides the finding */
	bool limit = sb_diag_reported(ctx, SB_RULE_RESOURCE_LIMIT);
	if (!limit && !has_error(ctx, &cli.diag)) {
		struct sb_emit_options eo = {
			.inputs = cli.files, .ninputs = cli.nfiles,
			.defines = cli.defines, .ndefines = cli.ndefines,
			.preludes = cli.preludes, .npreludes = cli.npreludes,
			.parses = res.parses,
			.nparses = res.ninputs,
			.minimize = cli.minimize, .target = cli.target_version,
		};
		emitted = sb_emit_profile(ctx, res.profile, &eo, &text, &len, &stats);
		if (!emitted && sb_ctx_oom(ctx)) {
			sb_cli_error("out of memory");
			goto out;
		}
	}
	sb_diag_finish(ctx, &cli.diag);
	if (!render(ctx, &cli)) {
		sb_cli_error("cannot write the JSON output");
		goto out;
	}
	enum sb_severity worst = sb_diag_worst(ctx);
	if (limit)
		goto out;
	status = worst != SB_SEV_OFF && worst >= cli.diag.fail_on ? SB_EXIT_FINDINGS : SB_EXIT_OK;
	if (!emitted) {
		if (!cli.quiet)
			fprintf(stderr, "sbplc: no output written: the %s has errors\n",
			        merge ? "merged profile" : "profile");
		status = SB_EXIT_FINDINGS;
		goto out;
	}
	if (cli.max_size && len > cli.max_size) {
		sb_cli_error("the %s profile is %zu bytes (%zu rules), more than --max-size=%llu; "
		             "nothing written", merge ? "merged" : "compiled", len, stats.rules,
		             cli.max_size);
		status = SB_EXIT_FINDINGS;
		goto out;
	}
	struct sb_write_error werr;
	char msg[600];
	if (!sb_write_file_atomic(cli.output, text, len, &werr)) {
		sb_cli_error("%s; nothing written", sb_write_strerror(&werr, msg, sizeof msg));
		status = SB_EXIT_FAILURE;
		goto out;
	}
	if (!cli.quiet) {
		fprintf(stderr, "sbplc: wrote %s: %zu rules, %zu bytes",
		        strcmp(cli.output, "-") == 0 ? "<stdout>" : cli.output, stats.rules, len);
		if (stats.duplicates)
			fprintf(stderr, "; %zu exact duplicate%s dropped", stats.duplicates,
			        stats.duplicates == 1 ? "" : "s");
		if (cli.minimize)
			fprintf(stderr, "; --minimize dropped %zu rule%s that never decide",
			        stats.minimized, stats.minimized == 1 ? "" : "s");
		if (stats.noop)
			fprintf(stderr, "; %zu rule%s on no-op operation names dropped", stats.noop,
			        stats.noop == 1 ? "" : "s");
		if (stats.empty)
			fprintf(stderr, "; %zu rule%s matching nothing dropped", stats.empty,
			        stats.empty == 1 ? "" : "s");
		fputc('\n', stderr);
	}
out:
	free(text);
	if (ctx)
		sb_ctx_free(ctx);
	free(prelude_ids);
	free(files);
	sb_cli_free(&cli);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		sb_cli_error("cannot write to standard output");
		status = SB_EXIT_FAILURE;
	}
	return status;
}

int sb_cmd_compile(int argc, char **argv)
{
	return run(argc, argv, compile_usage, false);
}

int sb_cmd_merge(int argc, char **argv)
{
	return run(argc, argv, merge_usage, true);
}
