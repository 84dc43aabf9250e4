/*
 * cmd_explain.c -- `sbplc explain RULE-ID`: what a rule catches, why, and
 * how to fix it; `sbplc explain` alone lists the rules.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmd.h"
#include "diag.h"
#include "explain.h"

int sb_cmd_explain(int argc, char **argv)
{
	if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		puts("usage: sbplc explain [RULE-ID]\n"
		     "Describe a rule id (what it catches, why it matters, how to fix it);\n"
		     "without an id, list every rule with its default severity.");
		return SB_EXIT_OK;
	}
	if (argc == 1) {
		for (unsigned i = 0; i < SB_RULE__COUNT; i++) {
			const struct sb_rule_info *ri = sb_rule_info((enum sb_rule_id)i);
			printf("%-26s %-8s %s\n", ri->id, sb_severity_name(ri->severity), ri->summary);
		}
		return SB_EXIT_OK;
	}
	if (argc != 2) {
		sb_cli_error("usage: sbplc explain [RULE-ID]");
		return SB_EXIT_FAILURE;
	}
	const char *text = sb_explain_lookup(argv[1]);
	if (!text) {
		sb_cli_error("unknown rule '%s'; 'sbplc explain' lists them", argv[1]);
		return SB_EXIT_FAILURE;
	}
	fputs(text, stdout);
	return SB_EXIT_OK;
}
