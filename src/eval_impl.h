/*
 * eval_impl.h -- what eval.c, builtins.c and sbpl_lib.c share.  Not for use
 * outside the evaluator.
 */
#ifndef SB_EVAL_IMPL_H
#define SB_EVAL_IMPL_H

#include <stdarg.h>

#include "ctx.h"
#include "eval.h"
#include "value.h"

struct sb_binding {
	struct sb_sym *sym;
	struct sb_value *val;
};

struct sb_env {
	struct sb_env *up;           /* NULL: the next scope is the globals */
	struct sb_binding *b;
	uint32_t n, cap;
};

/* with-filter / with-modifier / with-operations, innermost last */
struct sb_wrap {
	enum { SB_WRAP_FILTER, SB_WRAP_MODIFIER, SB_WRAP_OPERATIONS } kind;
	struct sb_value *value;
	struct sb_wrap *up;
};

struct sb_eval {
	struct sb_ctx *ctx;
	struct sb_arena *a;
	struct sb_eval_options opt;
	struct sb_sym **symtab;
	size_t nsyms, symcap;
	struct sb_value *nil, *t, *f, *voidv, *unknown;
	uint64_t steps;
	unsigned depth;
	bool aborted;                /* a resource limit was hit: stop everything */
	bool inexact;                /* something unknown was evaluated */
	unsigned conditional;        /* > 0 while evaluating a branch of an unknown test */
	const struct sb_origin *origin;
	struct sb_wrap *wraps;
	struct sb_rule_list *capture;  /* non-NULL inside apply-message-filter */
	struct sb_profile *profile;
	uint32_t file;               /* file being evaluated */
	struct sb_span toplevel;     /* the top-level form being evaluated */
	bool auto_budget;            /* max_steps grows with each file read */
	uint32_t main_file;
	uint32_t input;              /* sb_eval_file calls so far (the current input, 1-based) */
	unsigned import_depth;
	const char **import_stack;   /* canonical paths being imported */
	uint32_t seq;
	struct {                     /* (rule, file, offset) already reported */
		uint64_t *keys;
		size_t n, cap;
	} seen;
};

/* special form ids (struct sb_sym.special) */
enum {
	SF_NONE, SF_QUOTE, SF_QUASIQUOTE, SF_LAMBDA, SF_DEFINE, SF_SET, SF_IF, SF_COND,
	SF_CASE, SF_AND, SF_OR, SF_WHEN, SF_UNLESS, SF_LET, SF_LETSTAR, SF_LETREC,
	SF_BEGIN, SF_DO, SF_MACRO, SF_DEFINE_MACRO, SF_DEFINE_ONCE, SF_WITH,
	SF_WITH_FILTER, SF_WITH_MODIFIER, SF_WITH_OPERATIONS, SF_APPLY_MESSAGE_FILTER,
	SF_DEBUG, SF_DELAY, SF_UNQUOTE, SF_UNQUOTE_SPLICING,
};

struct sb_sym *sb_intern(struct sb_eval *E, const char *name, size_t len);
struct sb_value *sb_sym_value(struct sb_eval *E, const char *name, struct sb_span span);

/* Report helpers; all return E->unknown so callers can `return sb_err(...)`. */
__attribute__((format(printf, 4, 5)))
struct sb_value *sb_err(struct sb_eval *E, enum sb_rule_id rule, struct sb_span span,
                        const char *fmt, ...);
struct sb_diag *sb_eval_report(struct sb_eval *E, enum sb_rule_id rule, struct sb_span span,
                               const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));
/* Add "in the call to F here" notes for the current call chain. */
void sb_eval_note_origin(struct sb_eval *E, struct sb_diag *d);

/* Apply a procedure value to evaluated arguments. */
struct sb_value *sb_apply(struct sb_eval *E, struct sb_value *fn, struct sb_value **args,
                          uint32_t n, struct sb_span call);
struct sb_value *sb_eval_value(struct sb_eval *E, struct sb_value *x, struct sb_env *env);
/* Charge n steps; false (and aborted) once the budget is spent. */
bool sb_eval_step(struct sb_eval *E, uint64_t n);

/*
 * If v is #f from a missing parameter, report missing-parameter once (where
 * what says what needed a string) and return true.
 */
bool sb_check_missing_param(struct sb_eval *E, const struct sb_value *v, const char *what);
/* A value where a string is needed: the string, or NULL after a report (or unknown). */
const struct sb_value *sb_want_string(struct sb_eval *E, struct sb_value *v,
                                      const char *what, struct sb_span call);

/* Registration of primitives (builtins.c, sbpl_lib.c). */
void sb_define_prim(struct sb_eval *E, const struct sb_prim *p);
void sb_builtins_init(struct sb_eval *E);
void sb_sbpl_init(struct sb_eval *E);
/* Resolve an unbound global from the SBPL tables (operations, filters,
 * modifiers, constants); NULL when the name is none of them. */
struct sb_value *sb_sbpl_resolve(struct sb_eval *E, struct sb_sym *sym,
                                 struct sb_span span);
struct sb_value *sb_sbpl_with(struct sb_eval *E, struct sb_value *form, struct sb_env *env);
struct sb_value *sb_sbpl_message_filter(struct sb_eval *E, struct sb_value *form,
                                        struct sb_env *env);
bool sb_sbpl_is_action(const struct sb_value *fn);
/* Import a file (the (import "x") directive). */
struct sb_value *sb_sbpl_import(struct sb_eval *E, const struct sb_value *path,
                                struct sb_span call);
void sb_sbpl_version(struct sb_eval *E, struct sb_value *v, struct sb_span call);

/* List helpers */
struct sb_value *sb_list_from(struct sb_eval *E, struct sb_value **v, uint32_t n,
                              struct sb_span span);

#endif
