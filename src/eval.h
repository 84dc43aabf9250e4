/*
 * eval.h -- evaluate profiles (datum trees) into a rule list: the Scheme
 * subset real profiles use plus the SBPL library (reference §1, §3, §6).
 * Errors are reported to the context and evaluation carries on with an
 * "unknown" value, so one run finds every problem; nothing here prints.
 */
#ifndef SB_EVAL_H
#define SB_EVAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rules.h"

struct sb_ctx;
struct sb_eval;
struct sb_parse_result;

/* Limits: each one ends evaluation with a resource-limit finding. */
#define SB_MAX_CALL_DEPTH    2000       /* nested evaluation (calls + expression depth) */
#define SB_MAX_IMPORT_DEPTH  32
#define SB_BASE_STEPS        5000000ULL   /* plus SB_STEPS_PER_BYTE per byte of input: the
                                            corpus needs at most 5,534; an endless loop
                                            stops in 0.4 s and about 240 MB */
#define SB_STEPS_PER_BYTE    16ULL
#define SB_MAX_EVAL_MEMORY   ((size_t)2 << 30)  /* bytes of arena in use */
#define SB_MAX_STRING        (64u << 20) /* a computed string longer than this */

struct sb_eval_options {
	const char *const *defines;   /* "KEY=VALUE" */
	size_t ndefines;
	const char *const *include_dirs;
	size_t nincludes;
	int target;                   /* macOS version (major*100+minor); 0: any known */
	uint64_t max_steps;           /* 0: SB_BASE_STEPS + SB_STEPS_PER_BYTE per input byte */
	bool merge;                   /* each sb_eval_file is one input of a merge: a name
	                                 defined differently by two inputs is a merge-conflict */
};

struct sb_version_decl {
	int64_t value;
	struct sb_span span;          /* the (version ...) form */
};

/* What evaluation made. */
struct sb_profile {
	struct sb_rule_list rules;    /* top-level rules in order */
	struct sb_rule_list nested;   /* rules inside apply-message-filter */
	struct sb_rule_list dropped;  /* rules on no-op names only (mach-per-user-lookup) */
	struct sb_version_decl version;
	bool has_version;
	bool version_seen;            /* a (version ...) form, even a malformed one */
	bool aborted;                 /* a resource limit stopped evaluation */
	bool exact;                   /* no error and no unknown value: the list is complete */
};

struct sb_eval *sb_eval_new(struct sb_ctx *ctx, const struct sb_eval_options *opt);
/*
 * Evaluate one parsed file's forms in the shared environment: preludes first,
 * then the profile.  false only when out of memory.
 */
bool sb_eval_file(struct sb_eval *E, const struct sb_parse_result *pr);
/* Top-level rules made so far (a merge records where each input's end). */
size_t sb_eval_rule_count(const struct sb_eval *E);
/* Run %finalize, check the version, and return the result (owned by ctx). */
struct sb_profile *sb_eval_finish(struct sb_eval *E);

#endif
