/*
 * lint.h -- the library's front door: read preludes and a profile, evaluate
 * them, run every check, and leave the findings in the context.  Front ends
 * (cmd_*.c) render them.
 */
#ifndef SB_LINT_H
#define SB_LINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sb_ctx;
struct sb_parse_result;
struct sb_profile;

struct sb_lint_options {
	const char *const *defines;     /* -D KEY=VALUE */
	size_t ndefines;
	const char *const *include_dirs;/* -I DIR */
	size_t nincludes;
	const uint32_t *preludes;       /* files registered in the ctx, evaluated first */
	size_t npreludes;
	int target;                     /* --target (major*100+minor), 0: any known */
};

struct sb_lint_result {
	struct sb_parse_result *parse;  /* of the profile itself */
	struct sb_profile *profile;     /* what evaluation made */
};

/*
 * Parse, evaluate and check file (registered in ctx).  false only when out of
 * memory; every problem with the profile is a finding in ctx.
 */
bool sb_lint(struct sb_ctx *ctx, uint32_t file, const struct sb_lint_options *opt,
             struct sb_lint_result *out);

/* What sb_lint_merge made: one profile from several inputs. */
struct sb_merge_result {
	struct sb_parse_result **parses;  /* per input */
	size_t *rule_end;                 /* per input: rules.n after it was evaluated */
	size_t ninputs;
	struct sb_profile *profile;
};

/*
 * sbplc merge: evaluate files[0..n) one after another in one environment (as
 * a profile importing them in that order would), check the result, and report
 * where the inputs disagree (merge-conflict).  false only when out of memory.
 */
bool sb_lint_merge(struct sb_ctx *ctx, const uint32_t *files, size_t n,
                   const struct sb_lint_options *opt, struct sb_merge_result *out);

#endif
