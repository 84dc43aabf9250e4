/*
 * cli.c -- common options (doc/diagnostics.md, "Command line").
 */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <stdbool.h>

#include "cmd.h"
#include "config.h"
#include "ctx.h"
#include "sbpl_db.h"

#define RC_NAME ".sbplcrc"
#define RC_MAX_ARGS 256

/*
 * Find .sbplcrc in the current directory or a parent and split it into
 * arguments: one option per line ("-W no-regex-unanchored", "--fail-on=error",
 * "-I profiles/lib"), '#' starts a comment line.  Relative -I and --prelude
 * paths are relative to the file's directory.  Returns the number of
 * arguments stored in out (malloc'd strings), or -1 after a message.
 * SBPLC_NO_RC=1 turns the lookup off (the test suite uses it).
 */
static int read_rc(char **out, char **rc_path)
{
	const char *off = getenv("SBPLC_NO_RC");
	if (off && *off)
		return 0;
	char dir[4096];
	if (!getcwd(dir, sizeof dir))
		return 0;
	FILE *f = NULL;
	for (;;) {
		char path[4200];
		snprintf(path, sizeof path, "%s/%s", strcmp(dir, "/") ? dir : "", RC_NAME);
		if ((f = fopen(path, "r")) != NULL) {
			*rc_path = strdup(path);
			break;
		}
		char *slash = strrchr(dir, '/');
		if (!slash || slash == dir) {
			if (slash == dir && dir[1]) {
				dir[1] = '\0';
				continue;
			}
			return 0;
		}
		*slash = '\0';
	}
	int n = 0, lineno = 0;
	char line[4096];
	while (fgets(line, sizeof line, f)) {
		lineno++;
		char *p = line + strspn(line, " \t");
		p[strcspn(p, "\r\n")] = '\0';
		if (*p == '\0' || *p == '#')
			continue;
		if (*p != '-' || n + 2 > RC_MAX_ARGS) {
			sb_cli_error("%s:%d: expected one option per line, as on the command line",
			             *rc_path, lineno);
			fclose(f);
			return -1;
		}
		char *sp = p + strcspn(p, " \t");
		char *value = NULL;
		if (*sp) {
			*sp++ = '\0';
			value = sp + strspn(sp, " \t");
		}
		out[n++] = strdup(p);
		if (value && *value) {
			bool rel = value[0] != '/' && (strcmp(p, "-I") == 0 || strcmp(p, "--prelude") == 0);
			if (rel) {
				size_t dl = strlen(dir);
				char *v = malloc(dl + strlen(value) + 2);
				if (v)
					sprintf(v, "%s/%s", dir, value);
				out[n++] = v;
			} else {
				out[n++] = strdup(value);
			}
		}
	}
	fclose(f);
	return n;
}

void sb_cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("sbplc: error: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

/*
 * If arg is the option name (short "-D" or long "--format"), store its value
 * (joined "-Dx", "--format=x", or the next argument) and return true.
 */
static bool take_value(const char *name, char **argv, int argc, int *i,
                       const char **value, bool *missing)
{
	const char *arg = argv[*i];
	size_t n = strlen(name);
	if (strncmp(arg, name, n) != 0)
		return false;
	bool is_long = name[1] == '-';
	if (arg[n] == '\0') {
		if (*i + 1 >= argc) {
			*missing = true;
			return true;
		}
		*value = argv[++*i];
		return true;
	}
	if (is_long && arg[n] == '=') {
		*value = arg + n + 1;
		return true;
	}
	if (!is_long) {
		*value = arg + n;
		return true;
	}
	return false;
}

enum sb_cli_result sb_cli_parse(struct sb_cli *cli, int argc, char **argv,
                                const char *usage)
{
	memset(cli, 0, sizeof *cli);
	/* .sbplcrc options come first, so the command line overrides them */
	char *rc[RC_MAX_ARGS];
	char *rc_path = NULL;
	int nrc = read_rc(rc, &rc_path);
	if (nrc < 0) {
		free(rc_path);
		return SB_CLI_ERROR;
	}
	cli->rc_args = nrc ? calloc((size_t)nrc + (size_t)argc + 1, sizeof *cli->rc_args) : NULL;
	if (nrc && cli->rc_args) {
		cli->rc_args[0] = argv[0];
		for (int i = 0; i < nrc; i++)
			cli->rc_args[i + 1] = rc[i];
		for (int i = 1; i < argc; i++)
			cli->rc_args[nrc + i] = argv[i];
		cli->nrc = (size_t)nrc;
		argv = cli->rc_args;
		argc += nrc;
	}
	free(rc_path);
	cli->cmd = argv[0];
	sb_diag_config_init(&cli->diag);
	cli->files = calloc((size_t)argc + 1, sizeof *cli->files);
	cli->defines = calloc((size_t)argc + 1, sizeof *cli->defines);
	cli->include_dirs = calloc((size_t)argc + 1, sizeof *cli->include_dirs);
	cli->preludes = calloc((size_t)argc + 1, sizeof *cli->preludes);
	if (!cli->files || !cli->defines || !cli->include_dirs || !cli->preludes) {
		sb_cli_error("out of memory");
		return SB_CLI_ERROR;
	}
	const char *env = getenv("NO_COLOR");
	bool no_color_env = env && *env;
	bool only_files = false;
	bool writes = strcmp(cli->cmd, "compile") == 0 || strcmp(cli->cmd, "merge") == 0;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i], *v = NULL;
		bool missing = false;
		if (only_files || arg[0] != '-' || strcmp(arg, "-") == 0) {
			cli->files[cli->nfiles++] = argv[i];
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			only_files = true;
		} else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			fputs(usage, stdout);
			return SB_CLI_DONE;
		} else if (strcmp(arg, "--version") == 0) {
			printf("sbplc %s\n", PACKAGE_VERSION);
			return SB_CLI_DONE;
		} else if (strcmp(arg, "-q") == 0 || strcmp(arg, "--quiet") == 0) {
			cli->quiet = true;
		} else if (take_value("--format", argv, argc, &i, &v, &missing)) {
			if (missing)
				goto no_value;
			if (strcmp(v, "text") == 0)
				cli->format = SB_FORMAT_TEXT;
			else if (strcmp(v, "json") == 0)
				cli->format = SB_FORMAT_JSON;
			else {
				sb_cli_error("unknown --format '%s'; expected text or json", v);
				return SB_CLI_ERROR;
			}
		} else if (take_value("--color", argv, argc, &i, &v, &missing)) {
			if (missing)
				goto no_value;
			if (strcmp(v, "auto") == 0)
				cli->color = SB_COLOR_AUTO;
			else if (strcmp(v, "always") == 0)
				cli->color = SB_COLOR_ALWAYS;
			else if (strcmp(v, "never") == 0)
				cli->color = SB_COLOR_NEVER;
			else {
				sb_cli_error("unknown --color '%s'; expected auto, always or never", v);
				return SB_CLI_ERROR;
			}
		} else if (take_value("--fail-on", argv, argc, &i, &v, &missing)) {
			if (missing)
				goto no_value;
			if (!sb_severity_parse(v, &cli->diag.fail_on)) {
				sb_cli_error("unknown --fail-on '%s'; expected error, warning or note", v);
				return SB_CLI_ERROR;
			}
		} else if (take_value("-D", argv, argc, &i, &v, &missing)) {
			if (missing)
				goto no_value;
			if (!strchr(v, '=') || v[0] == '=') {
				sb_cli_error("-D needs KEY=VALUE, got '%s'", v);
				return SB_CLI_ERROR;
			}
			cli->defines[cli->ndefines++] = v;
		} else if (take_value("-I", argv, argc, &i, &v, &missing)) {
			if (missing)
				goto no_value;
			cli->include_dirs[cli->nincludes++] = v;
		} else if (take_value("--prelude", argv, argc, &i, &v, &missing)) {
			if (missing)
				goto no_value;
			cli->preludes[cli->npreludes++] = v;
		} else if (take_value("--target", argv, argc, &i, &v, &missing)) {
			if (missing)
				goto no_value;
			cli->target = v;
			if ((cli->target_version = sb_db_version_parse(v)) < 0) {
				sb_cli_error("unknown --target '%s'; expected macos-VERSION, as in "
				             "macos-14.4", v);
				return SB_CLI_ERROR;
			}
		} else if (take_value("-W", argv, argc, &i, &v, &missing)) {
			if (missing)
				goto no_value;
			if (!sb_diag_config_apply_w(&cli->diag, v)) {
				sb_cli_error("unknown -W '%s'; expected RULE, no-RULE or "
				             "error|warning|note=RULE ('sbplc explain' lists the rules)", v);
				return SB_CLI_ERROR;
			}
		} else if (writes && take_value("-o", argv, argc, &i, &v, &missing)) {
			if (missing)
				goto no_value;
			cli->output = v;
		} else if (writes && strcmp(arg, "--minimize") == 0) {
			cli->minimize = true;
		} else if (writes && take_value("--max-size", argv, argc, &i, &v, &missing)) {
			if (missing)
				goto no_value;
			char *end;
			errno = 0;
			cli->max_size = strtoull(v, &end, 10);
			if (errno || end == v || *end || v[0] == '-' || cli->max_size == 0) {
				sb_cli_error("--max-size needs a positive number of bytes, got '%s'", v);
				return SB_CLI_ERROR;
			}
		} else if (strcmp(cli->cmd, "lint") == 0 && strcmp(arg, "--fix") == 0) {
			cli->fix = true;
		} else {
			sb_cli_error("unknown option '%s' for 'sbplc %s'; see 'sbplc %s --help'",
			             arg, cli->cmd, cli->cmd);
			return SB_CLI_ERROR;
		}
		continue;
no_value:
		sb_cli_error("option '%s' needs a value", arg);
		return SB_CLI_ERROR;
	}
	if (cli->color == SB_COLOR_AUTO && no_color_env)
		cli->color = SB_COLOR_NEVER;
	return SB_CLI_RUN;
}

int sb_cli_start(struct sb_cli *cli, int argc, char **argv, const char *usage)
{
	switch (sb_cli_parse(cli, argc, argv, usage)) {
	case SB_CLI_RUN:   return -1;
	case SB_CLI_DONE:  sb_cli_free(cli); return SB_EXIT_OK;
	case SB_CLI_ERROR: break;
	}
	sb_cli_free(cli);
	return SB_EXIT_FAILURE;
}

struct sb_lint_options sb_cli_lint_options(const struct sb_cli *cli,
                                           const uint32_t *prelude_ids)
{
	struct sb_lint_options o = {
		.defines = cli->defines, .ndefines = cli->ndefines,
		.include_dirs = cli->include_dirs, .nincludes = cli->nincludes,
		.preludes = prelude_ids, .npreludes = cli->npreludes,
		.target = cli->target_version,
	};
	return o;
}

bool sb_cli_read_preludes(struct sb_ctx *ctx, const struct sb_cli *cli, uint32_t *ids)
{
	for (size_t k = 0; k < cli->npreludes; k++) {
		struct sb_source_error err;
		struct sb_source *ps = sb_source_read(ctx->arena, cli->preludes[k], cli->preludes[k],
		                                      &err);
		if (!ps) {
			sb_cli_error("cannot read the prelude '%s': %s", cli->preludes[k],
			             sb_source_strerror(&err));
			return false;
		}
		if ((ids[k] = sb_ctx_add_source(ctx, ps)) == UINT32_MAX) {
			sb_cli_error("out of memory");
			return false;
		}
	}
	return true;
}

uint32_t sb_cli_read_input(struct sb_ctx *ctx, const char *path)
{
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	struct sb_source_error err;
	struct sb_source *src = sb_source_read(ctx->arena, path, name, &err);
	if (!src) {
		sb_cli_error("cannot read '%s': %s", name, sb_source_strerror(&err));
		return UINT32_MAX;
	}
	uint32_t file = sb_ctx_add_source(ctx, src);
	if (file == UINT32_MAX)
		sb_cli_error("out of memory while reading '%s'", name);
	return file;
}

bool sb_cli_use_color(const struct sb_cli *cli, int fd)
{
	if (cli->color == SB_COLOR_AUTO)
		return isatty(fd) != 0;
	return cli->color == SB_COLOR_ALWAYS;
}

void sb_cli_free(struct sb_cli *cli)
{
	for (size_t i = 0; cli->rc_args && i < cli->nrc; i++)
		free(cli->rc_args[i + 1]);
	free(cli->rc_args);
	cli->rc_args = NULL;
	free(cli->files);
	free(cli->defines);
	free(cli->include_dirs);
	free(cli->preludes);
	cli->files = NULL;
	cli->defines = cli->include_dirs = cli->preludes = NULL;
}
