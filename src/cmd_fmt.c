/*
 * cmd_fmt.c -- `sbplc fmt [--check | --diff | -i] FILE...`: lay out profiles
 * (src/fmt.c) and print them, list or diff the files that would change, or
 * rewrite them in place.  A file with syntax errors is refused, untouched.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cmd.h"
#include "config.h"
#include "ctx.h"
#include "fmt.h"
#include "output.h"
#include "parse.h"
#include "udiff.h"

static const char usage[] =
"usage: sbplc fmt [--check | --diff | -i] FILE...\n"
"Lay out SBPL profiles: indentation, line breaks, spacing; comments, blank lines,\n"
"strings and regexes are kept.  '-' reads standard input.  Without an option the\n"
"formatted text goes to standard output.\n"
"\n"
"  --check                print the name of each file that is not formatted; change nothing\n"
"  --diff                 print a unified diff of the changes; change nothing\n"
"  -i, --in-place         rewrite the files that change (atomically, keeping their mode)\n"
"  --color=auto|always|never  colour syntax errors (auto: on a terminal, unless NO_COLOR)\n"
"  --help, --version\n"
"\n"
"Exit status: 0 done; 1 a file has syntax errors, or would change (--check);\n"
"2 could not run (bad usage, unreadable file, a file that cannot be written).\n";

struct fmt_opts {
	bool check, diff, in_place;
	bool color;
	char **files;
	size_t nfiles;
};

static int worse(int a, int b)
{
	return a > b ? a : b;
}

/* Parse argv; SB_EXIT_OK with o->files set to run, else the exit status
 * (-1 after --help or --version). */
static int parse_args(struct fmt_opts *o, int argc, char **argv)
{
	const char *color = "auto";
	bool only_files = false;
	o->files = calloc((size_t)argc + 1, sizeof *o->files);
	if (!o->files) {
		sb_cli_error("out of memory");
		return SB_EXIT_FAILURE;
	}
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (only_files || arg[0] != '-' || strcmp(arg, "-") == 0)
			o->files[o->nfiles++] = argv[i];
		else if (strcmp(arg, "--") == 0)
			only_files = true;
		else if (strcmp(arg, "--check") == 0)
			o->check = true;
		else if (strcmp(arg, "--diff") == 0)
			o->diff = true;
		else if (strcmp(arg, "-i") == 0 || strcmp(arg, "--in-place") == 0)
			o->in_place = true;
		else if (strncmp(arg, "--color=", 8) == 0)
			color = arg + 8;
		else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			fputs(usage, stdout);
			return -1;
		} else if (strcmp(arg, "--version") == 0) {
			printf("sbplc %s\n", PACKAGE_VERSION);
			return -1;
		} else {
			sb_cli_error("unknown option '%s' for 'sbplc fmt'; see 'sbplc fmt --help'", arg);
			return SB_EXIT_FAILURE;
		}
	}
	const char *no_color = getenv("NO_COLOR");
	if (strcmp(color, "always") == 0)
		o->color = true;
	else if (strcmp(color, "auto") == 0)
		o->color = !(no_color && *no_color) && isatty(STDERR_FILENO);
	else if (strcmp(color, "never") != 0) {
		sb_cli_error("unknown --color '%s'; expected auto, always or never", color);
		return SB_EXIT_FAILURE;
	}
	if (o->in_place && (o->check || o->diff)) {
		sb_cli_error("-i rewrites files; it does not go with --check or --diff");
		return SB_EXIT_FAILURE;
	}
	if (o->nfiles == 0) {
		sb_cli_error("no input files; usage: sbplc fmt [--check | --diff | -i] FILE... "
		             "('-' for stdin)");
		return SB_EXIT_FAILURE;
	}
	for (size_t i = 0; o->in_place && i < o->nfiles; i++) {
		if (strcmp(o->files[i], "-") == 0) {
			sb_cli_error("-i cannot rewrite standard input; without -i the formatted "
			             "text goes to standard output");
			return SB_EXIT_FAILURE;
		}
	}
	return SB_EXIT_OK;
}

/* The syntax errors of a file go to stderr, gcc-style; the file is left as it is. */
static int refuse(struct sb_ctx *ctx, const struct fmt_opts *o, const char *name)
{
	struct sb_diag_config cfg;
	sb_diag_config_init(&cfg);
	sb_diag_finish(ctx, &cfg);
	struct sb_text_options topt = { o->color, false };
	sb_diag_render_text(ctx, stderr, &topt);
	int status = sb_diag_reported(ctx, SB_RULE_RESOURCE_LIMIT) ? SB_EXIT_FAILURE
	                                                            : SB_EXIT_FINDINGS;
	sb_cli_error("'%s' is not formatted: it has syntax errors", name);
	return status;
}

/* Format one file as the options say; returns its exit status. */
static int fmt_one(const struct fmt_opts *o, struct sb_ctx *ctx, const char *path)
{
	uint32_t file = sb_cli_read_input(ctx, path);
	if (file == UINT32_MAX)
		return SB_EXIT_FAILURE;
	const struct sb_source *src = sb_ctx_source(ctx, file);
	const char *name = src->name;
	struct sb_parse_result *pr = sb_parse(ctx, file);
	char *text = NULL;
	size_t len = 0;
	if (pr && (pr->nerrors > 0 || ctx->ndiags > 0))
		return refuse(ctx, o, name);
	if (!pr || !sb_fmt(src, pr, &text, &len)) {
		sb_cli_error("out of memory while formatting '%s'", name);
		return SB_EXIT_FAILURE;
	}
	int status = SB_EXIT_OK;
	bool changed = len != src->len || memcmp(text, src->text, len) != 0;
	if (!o->check && !o->diff && !o->in_place)
		fwrite(text, 1, len, stdout);
	if (o->diff && !sb_udiff(src->text, src->len, text, len, name, stdout)) {
		sb_cli_error("cannot write the diff of '%s'", name);
		status = SB_EXIT_FAILURE;
	} else if (o->check && !o->diff && changed) {
		printf("%s\n", name);
	}
	if (o->check && changed)
		status = worse(status, SB_EXIT_FINDINGS);
	struct sb_write_error werr;
	if (o->in_place && changed && !sb_write_file_atomic(path, text, len, &werr)) {
		char buf[512];
		sb_cli_error("%s", sb_write_strerror(&werr, buf, sizeof buf));
		status = SB_EXIT_FAILURE;
	}
	free(text);
	return status;
}

int sb_cmd_fmt(int argc, char **argv)
{
	struct fmt_opts o = { 0 };
	int status = parse_args(&o, argc, argv);
	if (status != SB_EXIT_OK) {
		free(o.files);
		return status < 0 ? SB_EXIT_OK : status;
	}
	for (size_t i = 0; i < o.nfiles; i++) {
		struct sb_ctx *ctx = sb_ctx_new();
		if (!ctx) {
			sb_cli_error("out of memory");
			status = SB_EXIT_FAILURE;
			break;
		}
		status = worse(status, fmt_one(&o, ctx, o.files[i]));
		sb_ctx_free(ctx);
	}
	free(o.files);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		sb_cli_error("cannot write to standard output");
		status = SB_EXIT_FAILURE;
	}
	return status;
}
