/*
 * value.h -- Scheme values as the evaluator sees them.  Code is data: the
 * datum tree is turned into values once per file (sb_value_from_datum), so
 * macros, quasiquote and apply build code the same evaluator runs.  Every
 * value keeps the span it was written at (or made at), which is how a finding
 * about a string passed through three helper functions still points at the
 * literal the user wrote.
 */
#ifndef SB_VALUE_H
#define SB_VALUE_H

#include <stdbool.h>
#include <stdint.h>

#include "source.h"

struct sb_arena;
struct sb_datum;
struct sb_eval;
struct sb_env;
struct sb_filter;
struct sb_modifier;
struct sb_db_op;
struct sb_db_alias;

enum sb_vkind {
	SB_V_NIL,        /* the empty list */
	SB_V_BOOL,
	SB_V_NUM,
	SB_V_STR,
	SB_V_SYM,
	SB_V_CHAR,
	SB_V_PAIR,
	SB_V_VECTOR,
	SB_V_CLOSURE,    /* lambda, or a macro when SB_VF_MACRO */
	SB_V_PRIM,       /* a primitive written in C */
	SB_V_OP,         /* an operation: file-read* */
	SB_V_FILTER,     /* (subpath "/a"), (require-any ...) */
	SB_V_MOD,        /* (with report) */
	SB_V_UNKNOWN,    /* a value sbplc cannot know (after an error, or from the system) */
	SB_V_VOID,       /* what define, set! and for-each return */
};

/* flags */
#define SB_VF_EXACT          0x01u  /* NUM: an integer */
#define SB_VF_LITERAL        0x02u  /* STR: exactly a literal of the source; span is it */
#define SB_VF_RAW            0x04u  /* STR: written #"..." */
#define SB_VF_DROPPED_ESCAPE 0x08u  /* STR: the reader dropped a backslash (escape_off) */
#define SB_VF_MACRO          0x10u  /* CLOSURE: a macro */
#define SB_VF_CODE           0x20u  /* PAIR: read from source (not built at run time) */
#define SB_VF_SPREAD         0x40u  /* CLOSURE macro: takes the call's arguments (define-macro),
                                       not the whole form (macro) */

/* Where a #f came from when it is a missing (param "K"). */
struct sb_missing_param {
	const char *name;
	struct sb_span span;     /* the (param "K") call */
	bool reported;
};

struct sb_sym {
	const char *name;
	uint32_t len, hash;
	struct sb_value *global;     /* the global binding, NULL when unbound */
	struct sb_value *lib;        /* what the SBPL tables say the name is (cached) */
	int special;                 /* special form id, 0 when none */
	uint32_t def_input;          /* merge: 1 + the input whose define set global */
	struct sb_span def_span;     /* ... and that (define ...) form */
	struct sb_sym *next;         /* hash chain */
};

struct sb_closure {
	const char *name;            /* for call chains; "lambda" when anonymous */
	struct sb_value *params;     /* symbol, or a (possibly improper) list of symbols */
	struct sb_value *body;       /* list of forms */
	struct sb_env *env;
	struct sb_span span;
};

typedef struct sb_value *(*sb_prim_fn)(struct sb_eval *E, struct sb_value **args,
                                         uint32_t n, struct sb_span call, const void *data);

struct sb_prim {
	const char *name;
	sb_prim_fn fn;
	int16_t min, max;            /* arity; max -1: any */
	const void *data;            /* e.g. the filter spelling it builds */
};

struct sb_value {
	uint8_t kind;
	uint8_t flags;
	struct sb_span span;
	union {
		struct { int64_t i; double d; } num;
		struct { const char *s; uint32_t len; uint32_t escape_off; } str;
		struct { bool b; struct sb_missing_param *missing; } boolean;
		struct sb_sym *sym;
		uint32_t ch;
		struct { struct sb_value *car, *cdr; } pair;
		struct { struct sb_value **items; uint32_t n; } vec;
		struct sb_closure *clo;
		const struct sb_prim *prim;
		struct { const struct sb_db_op *op; const struct sb_db_alias *alias; } op;
		struct sb_filter *filter;
		struct sb_modifier *mod;
	} u;
};

/* Shared constants of an evaluator live in it; these make fresh values. */
struct sb_value *sb_value_new(struct sb_arena *a, enum sb_vkind kind, struct sb_span span);
struct sb_value *sb_value_str(struct sb_arena *a, const char *s, uint32_t len,
                              struct sb_span span);
struct sb_value *sb_value_int(struct sb_arena *a, int64_t i, struct sb_span span);
struct sb_value *sb_value_cons(struct sb_arena *a, struct sb_value *car,
                               struct sb_value *cdr, struct sb_span span);

/* Length of a proper list, or -1 when v is not one. */
long sb_list_length(const struct sb_value *v);
bool sb_value_truthy(const struct sb_value *v);
/* eqv? and equal? of R5RS (strings compared by content in equal? only). */
bool sb_value_eqv(const struct sb_value *a, const struct sb_value *b);
bool sb_value_equal(const struct sb_value *a, const struct sb_value *b);
const char *sb_vkind_name(enum sb_vkind kind);
/* Short external form for messages ("\"/tmp\"", "(a b ...)"); arena string. */
const char *sb_value_repr(struct sb_arena *a, const struct sb_value *v);

#endif
