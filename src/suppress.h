/*
 * suppress.h -- inline suppressions (doc/diagnostics.md, "Suppression"):
 * "; sbplc: ignore RULE[,RULE] [-- reason]" on the line before a form or at
 * the end of its line silences those rules for that form; "; sbplc:
 * ignore-file RULE" silences them for the file.  A comment that silences
 * nothing is itself reported (unused-suppression).
 */
#ifndef SB_SUPPRESS_H
#define SB_SUPPRESS_H

struct sb_ctx;
struct sb_parse_result;

/* Drop the findings that pr's comments silence, and report the unused ones.
 * Call after every check has run, before sb_diag_finish. */
void sb_suppress_apply(struct sb_ctx *ctx, const struct sb_parse_result *pr);

#endif
