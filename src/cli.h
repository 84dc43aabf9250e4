/*
 * cli.h -- option parsing shared by the subcommands.  Accepts "--opt=value",
 * "--opt value", "-Dvalue" and "-D value"; options and files may be mixed in
 * any order (the same on glibc and macOS); "--" ends options; "-" is stdin.
 */
#ifndef SB_CLI_H
#define SB_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "lint.h"

enum sb_format { SB_FORMAT_TEXT, SB_FORMAT_JSON };
enum sb_color { SB_COLOR_AUTO, SB_COLOR_ALWAYS, SB_COLOR_NEVER };

struct sb_cli {
	const char *cmd;            /* for messages: "lint" */
	char **files;
	size_t nfiles;
	enum sb_format format;
	enum sb_color color;
	bool quiet;
	struct sb_diag_config diag;
	const char **defines;       /* -D KEY=VALUE, in order */
	size_t ndefines;
	const char **include_dirs;  /* -I DIR */
	size_t nincludes;
	const char **preludes;      /* --prelude FILE */
	size_t npreludes;
	const char *target;         /* --target=macos-VERSION, or NULL */
	int target_version;         /* ... parsed: major*100+minor, 0 when not given */
	/* options of the commands that write (compile, merge; lint --fix) */
	const char *output;         /* -o FILE ('-': standard output) */
	bool minimize;              /* --minimize */
	unsigned long long max_size;/* --max-size=BYTES, 0: none */
	bool fix;                   /* lint --fix */
	char **rc_args;             /* argv with .sbplcrc options first (owned) */
	size_t nrc;
};

enum sb_cli_result { SB_CLI_RUN, SB_CLI_DONE, SB_CLI_ERROR };

/*
 * Parse argv (argv[0] is the subcommand).  usage is printed for --help.
 * DONE: --help or --version was answered; ERROR: a message was printed.
 */
enum sb_cli_result sb_cli_parse(struct sb_cli *cli, int argc, char **argv,
                                const char *usage);
/*
 * sb_cli_parse for a front end: -1 when the command should run, else its exit
 * status (--help or --version answered, or a usage error printed; cli freed).
 */
int sb_cli_start(struct sb_cli *cli, int argc, char **argv, const char *usage);
/* Lint options from the parsed command line; prelude_ids are the file
 * numbers of the preludes in the context (cli->npreludes of them). */
struct sb_lint_options sb_cli_lint_options(const struct sb_cli *cli,
                                           const uint32_t *prelude_ids);
struct sb_ctx;
/*
 * Read the --prelude files into ctx (ids[k]: the file number of the k-th).
 * false after a message.
 */
bool sb_cli_read_preludes(struct sb_ctx *ctx, const struct sb_cli *cli, uint32_t *ids);
/* Read path ('-': stdin) into ctx; its file number, or UINT32_MAX after a message. */
uint32_t sb_cli_read_input(struct sb_ctx *ctx, const char *path);
/* Whether to colour output going to a stream with this file descriptor. */
bool sb_cli_use_color(const struct sb_cli *cli, int fd);
void sb_cli_free(struct sb_cli *cli);

__attribute__((format(printf, 1, 2)))
void sb_cli_error(const char *fmt, ...);

#endif
