/*
 * main.c -- `sbplc COMMAND ...`: pick the subcommand.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmd.h"
#include "config.h"

static const char usage[] =
"usage: sbplc COMMAND [options] FILE...\n"
"\n"
"Commands:\n"
"  lint      check profiles and report problems\n"
"  explain   describe a rule id: what it catches, why, how to fix it\n"
"  query     what a profile decides for one request (allow, deny, unknown) and why\n"
"  compile   write a profile normalized: evaluated, grouped by operation, no duplicates\n"
"  merge     combine profiles into one normalized profile; conflicts are errors\n"
"  fmt       lay out profiles (--check, --diff, -i); comments and strings kept\n"
"\n"
"'sbplc COMMAND --help' describes a command's options.\n";

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
	{ "lint", sb_cmd_lint },
	{ "explain", sb_cmd_explain },
	{ "query", sb_cmd_query },
	{ "compile", sb_cmd_compile },
	{ "merge", sb_cmd_merge },
	{ "fmt", sb_cmd_fmt },
};

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage, stderr);
		return SB_EXIT_FAILURE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(usage, stdout);
		return SB_EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("sbplc %s\n", PACKAGE_VERSION);
		return SB_EXIT_OK;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	sb_cli_error("unknown command '%s'; see 'sbplc --help'", argv[1]);
	return SB_EXIT_FAILURE;
}
