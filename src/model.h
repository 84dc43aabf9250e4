/*
 * model.h -- the precedence model (ARCHITECTURE.md "Precedence, in one
 * paragraph"; reference §6.1): the evaluated rules indexed per operation, one
 * decision procedure for a request, and the sound "which rules are dead"
 * analysis the precedence checks report from.
 *
 * For one operation, filtered rules are tried from the last written to the
 * first; the first that matches decides.  Otherwise the last unfiltered rule
 * of the operation decides, else the parent operation's rules are consulted
 * (file-read-data -> file-read* -> file* -> default), and a terminal
 * operation (default, file-write-setugid, ...) gives its built-in action.
 * Matching is three-valued: a filter sbplc cannot evaluate for the request
 * (network, integer, entitlement, unknown filters, rules made under an
 * undecidable condition) "maybe" matches, and then the decision is unknown.
 */
#ifndef SB_MODEL_H
#define SB_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rules.h"

struct sb_arena;
struct sb_db_op;
struct sb_profile;

enum sb_match3 { SB_MATCH_NO, SB_MATCH_MAYBE, SB_MATCH_YES };
enum sb_decision { SB_DECISION_ALLOW, SB_DECISION_DENY, SB_DECISION_UNKNOWN };

/* Operations consulted by one decision, at most this many (chains are short). */
#define SB_MODEL_MAX_VIA 16

struct sb_model_result {
	enum sb_decision decision;
	/* the rule that decides (when unknown: the one that would decide if
	 * every "maybe" were "no"); NULL: the built-in action of terminal_op */
	const struct sb_rule *rule;
	const struct sb_rule *maybe;          /* first rule that made it unknown, or NULL */
	const struct sb_db_op *via[SB_MODEL_MAX_VIA];  /* operations consulted, in order */
	size_t nvia;
	const struct sb_db_op *terminal_op;   /* when rule is NULL */
};

struct sb_model;

/*
 * Index rules (top-level rules of a profile, in order) per operation for
 * target (0: any known version).  Lives in a; NULL when out of memory.
 */
struct sb_model *sb_model_new(struct sb_arena *a, const struct sb_rule_list *rules, int target);

/* Decide a request for op with argument arg[0..len) (arg NULL: none given). */
void sb_model_decide(struct sb_model *m, const struct sb_db_op *op, const char *arg,
                     size_t len, struct sb_model_result *out);

/* Does filter f match the request argument (NULL: unknown)?  a compiles regexes. */
enum sb_match3 sb_model_match(struct sb_arena *a, const struct sb_filter *f,
                              const char *arg, size_t len);

/*
 * Coverage, sound: true only when every request g matches is provably matched
 * by f (literal ⊆ subpath ⊆ prefix containment, equal strings, require-any as
 * unions, require-all / require-not / regexes only when provable).
 */
bool sb_model_filter_covers(struct sb_arena *a, const struct sb_filter *f,
                            const struct sb_filter *g);

/* The same modifiers, in order (message filters equal only when identical). */
bool sb_model_same_modifiers(const struct sb_rule *x, const struct sb_rule *y);

/* Structural equality of two filter trees (same filters, same arguments). */
bool sb_model_filter_equal(const struct sb_filter *f, const struct sb_filter *g);

/* ---- dead-rule analysis for the precedence checks ---- */

enum sb_dead_kind {
	SB_DEAD_NONE,
	SB_DEAD_DUPLICATE,     /* same action, op and filter as `witness` (earlier) */
	SB_DEAD_SHADOWED,      /* later opposite-action rules decide all it matches */
	SB_DEAD_REDUNDANT,     /* later same-action rules decide all it matches */
};

#define SB_DEAD_MAX_WITNESS 3

struct sb_dead {
	enum sb_dead_kind kind;
	const struct sb_rule *witness[SB_DEAD_MAX_WITNESS];
	size_t nwitness;
};

struct sb_bypass {
	const struct sb_rule *rule;           /* the wildcard rule */
	const struct sb_db_op *child;         /* an operation under it that never reaches it */
	const struct sb_rule *witness;        /* the child's rule that decides instead */
};

struct sb_analysis {
	struct sb_dead *dead;                 /* per rule of the list, by position */
	size_t n;
	struct sb_bypass *bypass;
	size_t nbypass;
};

/* Analyse rules (in order); false when out of memory. */
bool sb_model_analyze(struct sb_arena *a, const struct sb_rule_list *rules, int target,
                      struct sb_analysis *out);

#endif
