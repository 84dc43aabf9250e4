/*
 * cmd.h -- subcommand entry points and exit statuses (doc/diagnostics.md).
 * Only main.c and the cmd_*.c front ends print or exit.
 */
#ifndef SB_CMD_H
#define SB_CMD_H

enum sb_exit {
	SB_EXIT_OK = 0,         /* done; nothing at or above --fail-on */
	SB_EXIT_FINDINGS = 1,   /* done; a finding at or above --fail-on */
	SB_EXIT_FAILURE = 2,    /* bad usage, unreadable input, resource limit */
};

int sb_cmd_lint(int argc, char **argv);
int sb_cmd_explain(int argc, char **argv);
int sb_cmd_query(int argc, char **argv);
int sb_cmd_compile(int argc, char **argv);
int sb_cmd_merge(int argc, char **argv);
int sb_cmd_fmt(int argc, char **argv);

#endif
