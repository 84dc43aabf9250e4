/*
 * eval.c -- the evaluator: symbols, environments, special forms, application
 * with proper tail calls, macros and quasiquote.  The Scheme primitives are in
 * builtins.c and the SBPL library in sbpl_lib.c.
 *
 * Errors do not stop evaluation: they are reported and the expression yields
 * the "unknown" value, which every primitive passes through silently.  A test
 * on an unknown value evaluates both branches as "conditional", so the rules
 * they make are checked but never used to prove another rule dead.
 * Recursion is bounded by SB_MAX_CALL_DEPTH and work by a step budget.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval_impl.h"
#include "parse.h"
#include "sbpl_db.h"

/* ------------------------------------------------------------ symbols */

static uint32_t hash_bytes(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static bool symtab_grow(struct sb_eval *E)
{
	size_t cap = E->symcap ? E->symcap * 2 : 1024;
	struct sb_sym **t = sb_arena_calloc(E->a, cap, sizeof *t);
	if (!t)
		return false;
	for (size_t i = 0; i < E->symcap; i++) {
		struct sb_sym *s = E->symtab[i];
		while (s) {
			struct sb_sym *next = s->next;
			size_t k = s->hash & (cap - 1);
			s->next = t[k];
			t[k] = s;
			s = next;
		}
	}
	E->symtab = t;
	E->symcap = cap;
	return true;
}

struct sb_sym *sb_intern(struct sb_eval *E, const char *name, size_t len)
{
	if (E->nsyms >= E->symcap / 2 && !symtab_grow(E))
		return NULL;
	uint32_t h = hash_bytes(name, len);
	for (struct sb_sym *s = E->symtab[h & (E->symcap - 1)]; s; s = s->next)
		if (s->hash == h && s->len == len && memcmp(s->name, name, len) == 0)
			return s;
	struct sb_sym *s = sb_arena_alloc(E->a, sizeof *s);
	char *copy = sb_arena_strndup(E->a, name, len);
	if (!s || !copy)
		return NULL;
	s->name = copy;
	s->len = (uint32_t)len;
	s->hash = h;
	size_t k = h & (E->symcap - 1);
	s->next = E->symtab[k];
	E->symtab[k] = s;
	E->nsyms++;
	return s;
}

struct sb_value *sb_sym_value(struct sb_eval *E, const char *name, struct sb_span span)
{
	struct sb_sym *s = sb_intern(E, name, strlen(name));
	struct sb_value *v = s ? sb_value_new(E->a, SB_V_SYM, span) : NULL;
	if (!v)
		return E->unknown;
	v->u.sym = s;
	return v;
}

static const struct { const char *name; int id; } special_forms[] = {
	{ "quote", SF_QUOTE }, { "quasiquote", SF_QUASIQUOTE }, { "lambda", SF_LAMBDA },
	{ "define", SF_DEFINE }, { "set!", SF_SET }, { "if", SF_IF }, { "cond", SF_COND },
	{ "case", SF_CASE }, { "and", SF_AND }, { "or", SF_OR }, { "when", SF_WHEN },
	{ "unless", SF_UNLESS }, { "let", SF_LET }, { "let*", SF_LETSTAR },
	{ "letrec", SF_LETREC }, { "letrec*", SF_LETREC }, { "begin", SF_BEGIN },
	{ "do", SF_DO }, { "macro", SF_MACRO }, { "define-macro", SF_DEFINE_MACRO },
	{ "define-once", SF_DEFINE_ONCE }, { "with", SF_WITH },
	{ "with-filter", SF_WITH_FILTER }, { "with-modifier", SF_WITH_MODIFIER },
	{ "with-operations", SF_WITH_OPERATIONS },
	{ "apply-message-filter", SF_APPLY_MESSAGE_FILTER }, { "debug", SF_DEBUG },
	{ "delay", SF_DELAY }, { "unquote", SF_UNQUOTE },
	{ "unquote-splicing", SF_UNQUOTE_SPLICING },
};

/* ------------------------------------------------------------ reporting */

/* Findings are keyed by (rule, file, offset) so that an error inside a loop
 * is reported once, not once per iteration. */
static bool seen_add(struct sb_eval *E, uint64_t key)
{
	if (E->seen.n * 2 >= E->seen.cap) {
		size_t cap = E->seen.cap ? E->seen.cap * 2 : 256;
		uint64_t *k = sb_arena_calloc(E->a, cap, sizeof *k);
		if (!k)
			return false;
		for (size_t i = 0; i < E->seen.cap; i++) {
			if (!E->seen.keys[i])
				continue;
			size_t j = (size_t)(E->seen.keys[i] * 0x9E3779B97F4A7C15ull) & (cap - 1);
			while (k[j])
				j = (j + 1) & (cap - 1);
			k[j] = E->seen.keys[i];
		}
		E->seen.keys = k;
		E->seen.cap = cap;
	}
	size_t j = (size_t)(key * 0x9E3779B97F4A7C15ull) & (E->seen.cap - 1);
	while (E->seen.keys[j]) {
		if (E->seen.keys[j] == key)
			return false;
		j = (j + 1) & (E->seen.cap - 1);
	}
	E->seen.keys[j] = key;
	E->seen.n++;
	return true;
}

void sb_eval_note_origin(struct sb_eval *E, struct sb_diag *d)
{
	int k = 0;
	for (const struct sb_origin *o = E->origin; o && d; o = o->up, k++) {
		if (k == 4) {
			sb_diag_note(E->ctx, d, o->call, "(and further calls)");
			break;
		}
		if (o->what && o->what[0] == '/')
			sb_diag_note(E->ctx, d, o->call, "in the file imported here");
		else
			sb_diag_note(E->ctx, d, o->call, "in the call to '%s' here",
			             o->what ? o->what : "lambda");
	}
}

struct sb_diag *sb_eval_report(struct sb_eval *E, enum sb_rule_id rule, struct sb_span span,
                               const char *fmt, va_list ap)
{
	uint64_t key = ((uint64_t)rule << 56) ^ ((uint64_t)span.file << 32) ^ span.start;
	key = key ? key : 1;
	if (!seen_add(E, key))
		return NULL;
	char *msg = sb_arena_vprintf(E->a, fmt, ap);
	if (!msg)
		return NULL;
	struct sb_diag *d = sb_diag_report(E->ctx, rule, span, "%s", msg);
	sb_eval_note_origin(E, d);
	return d;
}

struct sb_value *sb_err(struct sb_eval *E, enum sb_rule_id rule, struct sb_span span,
                        const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sb_eval_report(E, rule, span, fmt, ap);
	va_end(ap);
	E->inexact = true;
	return E->unknown;
}

bool sb_eval_step(struct sb_eval *E, uint64_t n)
{
	if (E->aborted)
		return false;
	uint64_t before = E->steps;
	E->steps += n;
	if (E->steps > E->opt.max_steps) {
		E->aborted = true;
		sb_diag_report(E->ctx, SB_RULE_RESOURCE_LIMIT, E->toplevel,
		               "evaluation stopped after %llu steps in this form; the profile loops "
		               "without end or builds too much", (unsigned long long)E->opt.max_steps);
		return false;
	}
	if ((before >> 12) != (E->steps >> 12) && sb_arena_used(E->a) > SB_MAX_EVAL_MEMORY) {
		E->aborted = true;
		sb_diag_report(E->ctx, SB_RULE_RESOURCE_LIMIT, E->toplevel,
		               "evaluation stopped: it used more than %zu MiB; the profile loops "
		               "without end or builds too much", SB_MAX_EVAL_MEMORY >> 20);
		return false;
	}
	return true;
}

/* ------------------------------------------------------------ datums */

/* Datum trees are at most SB_MAX_NESTING deep (the parser guarantees it), so
 * this recursion is bounded. */
static struct sb_value *from_datum(struct sb_eval *E, const struct sb_datum *d)
{
	struct sb_value *v;
	switch (d->kind) {
	case SB_DATUM_LIST:
	case SB_DATUM_VECTOR: {
		if (d->kind == SB_DATUM_VECTOR) {
			v = sb_value_new(E->a, SB_V_VECTOR, d->span);
			if (!v)
				return E->unknown;
			v->u.vec.n = d->u.list.n;
			v->u.vec.items = sb_arena_calloc(E->a, d->u.list.n ? d->u.list.n : 1,
			                                 sizeof *v->u.vec.items);
			for (uint32_t i = 0; v->u.vec.items && i < d->u.list.n; i++)
				v->u.vec.items[i] = from_datum(E, d->u.list.items[i]);
			return v;
		}
		struct sb_value *tail = d->u.list.tail ? from_datum(E, d->u.list.tail) : E->nil;
		for (uint32_t i = d->u.list.n; i-- > 0;) {
			struct sb_span sp = { d->span.file, d->u.list.items[i]->span.start, d->span.end };
			if (i == 0)
				sp = d->span;
			struct sb_value *p = sb_value_cons(E->a, from_datum(E, d->u.list.items[i]),
			                                   tail, sp);
			if (!p)
				return E->unknown;
			p->flags = SB_VF_CODE;
			tail = p;
		}
		return tail;
	}
	case SB_DATUM_SYMBOL: {
		v = sb_value_new(E->a, SB_V_SYM, d->span);
		struct sb_sym *s = sb_intern(E, d->u.str.s, d->u.str.len);
		if (!v || !s)
			return E->unknown;
		v->u.sym = s;
		return v;
	}
	case SB_DATUM_STRING:
	case SB_DATUM_RAW_STRING:
		v = sb_value_str(E->a, d->u.str.s, d->u.str.len, d->span);
		if (!v)
			return E->unknown;
		v->flags = SB_VF_LITERAL;
		if (d->kind == SB_DATUM_RAW_STRING)
			v->flags |= SB_VF_RAW;
		if (d->u.str.flags & SB_STR_DROPPED_ESCAPE) {
			v->flags |= SB_VF_DROPPED_ESCAPE;
			v->u.str.escape_off = d->u.str.escape_off;
		}
		return v;
	case SB_DATUM_NUMBER:
		v = sb_value_new(E->a, SB_V_NUM, d->span);
		if (!v)
			return E->unknown;
		v->flags = d->u.num.exact ? SB_VF_EXACT : 0;
		v->u.num.i = d->u.num.integer;
		v->u.num.d = d->u.num.value;
		return v;
	case SB_DATUM_BOOLEAN:
		v = sb_value_new(E->a, SB_V_BOOL, d->span);
		if (v)
			v->u.boolean.b = d->u.boolean;
		return v ? v : E->unknown;
	case SB_DATUM_CHAR:
		v = sb_value_new(E->a, SB_V_CHAR, d->span);
		if (v)
			v->u.ch = d->u.ch;
		return v ? v : E->unknown;
	case SB_DATUM_QUOTE:
	case SB_DATUM_QUASIQUOTE:
	case SB_DATUM_UNQUOTE:
	case SB_DATUM_UNQUOTE_SPLICING: {
		static const char *const names[] = { "quote", "quasiquote", "unquote",
		                                     "unquote-splicing" };
		const char *name = names[d->kind - SB_DATUM_QUOTE];
		struct sb_span head = { d->span.file, d->span.start, d->span.start };
		struct sb_value *inner = sb_value_cons(E->a, from_datum(E, d->u.quoted), E->nil,
		                                       d->u.quoted->span);
		v = inner ? sb_value_cons(E->a, sb_sym_value(E, name, head), inner, d->span) : NULL;
		if (v)
			v->flags = SB_VF_CODE;
		return v ? v : E->unknown;
	}
	case SB_DATUM_ERROR:
		return E->unknown;   /* already reported by the reader */
	}
	return E->unknown;
}

/* ------------------------------------------------------------ environments */

static struct sb_env *env_new(struct sb_eval *E, struct sb_env *up, uint32_t cap)
{
	struct sb_env *e = sb_arena_alloc(E->a, sizeof *e);
	if (!e)
		return NULL;
	e->up = up;
	e->cap = cap ? cap : 4;
	e->b = sb_arena_calloc(E->a, e->cap, sizeof *e->b);
	return e->b ? e : NULL;
}

static struct sb_binding *env_find(struct sb_env *env, struct sb_sym *s)
{
	for (; env; env = env->up)
		for (uint32_t i = env->n; i-- > 0;)
			if (env->b[i].sym == s)
				return &env->b[i];
	return NULL;
}

static void env_define(struct sb_eval *E, struct sb_env *env, struct sb_sym *s,
                       struct sb_value *v)
{
	if (!env) {
		(s)->global = v;
		return;
	}
	for (uint32_t i = 0; i < env->n; i++) {
		if (env->b[i].sym == s) {
			env->b[i].val = v;
			return;
		}
	}
	if (env->n == env->cap) {
		struct sb_binding *b = sb_arena_grow(E->a, env->b, env->n, env->cap * 2, sizeof *b);
		if (!b)
			return;
		env->b = b;
		env->cap *= 2;
	}
	env->b[env->n].sym = s;
	env->b[env->n].val = v;
	env->n++;
}

enum role { ROLE_VAR, ROLE_OPERATION, ROLE_FILTER };

/*
 * What the SBPL tables make of an unbound name, or NULL.  Operations and
 * constants get a fresh value carrying this occurrence's span, so a finding
 * about `file-unlink` points at the place it is written.
 */
static struct sb_value *library_value(struct sb_eval *E, struct sb_sym *s,
                                      struct sb_span span)
{
	struct sb_sym *m = s;
	if (!m->lib && !(m->lib = sb_sbpl_resolve(E, s, span)))
		return NULL;
	if (m->lib->kind != SB_V_OP && m->lib->kind != SB_V_SYM)
		return m->lib;
	struct sb_value *v = sb_value_new(E->a, (enum sb_vkind)m->lib->kind, span);
	if (!v)
		return E->unknown;
	v->u = m->lib->u;
	return v;
}

/* The value of symbol v; reports when it is unbound. */
static struct sb_value *lookup(struct sb_eval *E, struct sb_value *v, struct sb_env *env,
                               enum role role)
{
	struct sb_sym *s = v->u.sym;
	struct sb_binding *b = env_find(env, s);
	if (b)
		return b->val;
	if (s->global)
		return s->global;
	struct sb_value *r = library_value(E, s, v->span);
	if (r)
		return r;
	if (s->special)
		return sb_err(E, SB_RULE_UNSUPPORTED_CONSTRUCT, v->span,
		              "'%s' is a special form, not a value", s->name);
	const char *op = sb_db_suggest(SB_DB_NS_OPERATION, s->name);
	const char *flt = sb_db_suggest(SB_DB_NS_FILTER, s->name);
	if (role == ROLE_OPERATION && op)
		return sb_err(E, SB_RULE_UNKNOWN_OPERATION, v->span,
		              "unknown operation '%s'; did you mean '%s'?", s->name, op);
	if (role == ROLE_OPERATION)
		return sb_err(E, SB_RULE_UNKNOWN_OPERATION, v->span,
		              "unknown operation '%s' (sandbox-exec: \"unbound variable: %s\")",
		              s->name, s->name);
	if (role == ROLE_FILTER && flt)
		return sb_err(E, SB_RULE_UNKNOWN_FILTER, v->span,
		              "unknown filter '%s'; did you mean '%s'?", s->name, flt);
	if (role == ROLE_FILTER)
		return sb_err(E, SB_RULE_UNKNOWN_FILTER, v->span,
		              "unknown filter '%s' (sandbox-exec: \"unbound variable: %s\")",
		              s->name, s->name);
	if (op || flt)
		return sb_err(E, SB_RULE_UNBOUND_VARIABLE, v->span,
		              "unbound variable '%s'; did you mean the %s '%s'?", s->name,
		              op ? "operation" : "filter", op ? op : flt);
	return sb_err(E, SB_RULE_UNBOUND_VARIABLE, v->span,
	              "unbound variable '%s' (sandbox-exec: \"unbound variable: %s\")",
	              s->name, s->name);
}

/* ------------------------------------------------------------ helpers */

static struct sb_value *car(struct sb_value *v) { return v->u.pair.car; }
static struct sb_value *cdr(struct sb_value *v) { return v->u.pair.cdr; }
static bool is_pair(const struct sb_value *v) { return v->kind == SB_V_PAIR; }
static bool is_sym(const struct sb_value *v) { return v->kind == SB_V_SYM; }

struct sb_value *sb_list_from(struct sb_eval *E, struct sb_value **v, uint32_t n,
                              struct sb_span span)
{
	struct sb_value *l = E->nil;
	for (uint32_t i = n; i-- > 0;) {
		struct sb_value *p = sb_value_cons(E->a, v[i], l, span);
		if (!p)
			return E->unknown;
		l = p;
	}
	return l;
}

static struct sb_value *bad_form(struct sb_eval *E, struct sb_value *form, const char *what)
{
	return sb_err(E, SB_RULE_SYNTAX_ERROR, form->span, "malformed %s", what);
}

/* Evaluate a body (list of forms) and return the last value; tail position
 * is not kept here (callers that care evaluate the last form themselves). */
static struct sb_value *eval_body(struct sb_eval *E, struct sb_value *body, struct sb_env *env)
{
	struct sb_value *r = E->voidv;
	for (; is_pair(body) && !E->aborted; body = cdr(body))
		r = sb_eval_value(E, car(body), env);
	return r;
}

/*
 * Both branches of a test sbplc cannot decide are evaluated, so their rules
 * are checked.  A loop whose exit test is unknown would recurse through here
 * without end, so only a few undecided tests are followed inside each other.
 */
#define SB_MAX_UNDECIDED 3

/* Evaluate every form of a non-empty body but the last, and return the last
 * for the caller to evaluate in tail position. */
static struct sb_value *all_but_last(struct sb_eval *E, struct sb_value *body,
                                     struct sb_env *env)
{
	for (; is_pair(cdr(body)); body = cdr(body))
		sb_eval_value(E, car(body), env);
	return car(body);
}

static void eval_conditionally(struct sb_eval *E, struct sb_value *body, struct sb_env *env)
{
	E->inexact = true;
	if (E->conditional >= SB_MAX_UNDECIDED)
		return;
	E->conditional++;
	E->inexact = true;
	eval_body(E, body, env);
	E->conditional--;
}

/* ------------------------------------------------------------ closures */

static struct sb_value *make_closure(struct sb_eval *E, const char *name,
                                     struct sb_value *params, struct sb_value *body,
                                     struct sb_env *env, struct sb_span span)
{
	struct sb_closure *c = sb_arena_alloc(E->a, sizeof *c);
	struct sb_value *v = sb_value_new(E->a, SB_V_CLOSURE, span);
	if (!c || !v)
		return E->unknown;
	c->name = name;
	c->params = params;
	c->body = body;
	c->env = env;
	c->span = span;
	v->u.clo = c;
	return v;
}

/* Bind a closure's parameters to args in a new frame; NULL after a report. */
static struct sb_env *bind_params(struct sb_eval *E, const struct sb_closure *c,
                                  struct sb_value **args, uint32_t n, struct sb_span call)
{
	struct sb_env *env = env_new(E, c->env, n + 1);
	if (!env)
		return NULL;
	struct sb_value *p = c->params;
	uint32_t i = 0;
	for (; is_pair(p); p = cdr(p), i++) {
		if (i >= n) {
			sb_err(E, SB_RULE_BAD_ARGUMENT, call, "'%s' needs %ld argument%s, got %u",
			       c->name, sb_list_length(c->params) < 0 ? (long)i + 1
			                                              : sb_list_length(c->params),
			       sb_list_length(c->params) == 1 ? "" : "s", n);
			return NULL;
		}
		if (is_sym(car(p)))
			env_define(E, env, car(p)->u.sym, args[i]);
	}
	if (is_sym(p)) {
		env_define(E, env, p->u.sym, sb_list_from(E, args + i, n - i, call));
	} else if (i < n) {
		sb_err(E, SB_RULE_BAD_ARGUMENT, call, "'%s' takes %u argument%s, got %u",
		       c->name, i, i == 1 ? "" : "s", n);
		return NULL;
	}
	return env;
}

struct sb_value *sb_apply(struct sb_eval *E, struct sb_value *fn, struct sb_value **args,
                          uint32_t n, struct sb_span call)
{
	if (E->aborted)
		return E->unknown;
	if (fn->kind == SB_V_PRIM) {
		const struct sb_prim *p = fn->u.prim;
		if ((int)n < p->min || (p->max >= 0 && (int)n > p->max)) {
			if (p->min == p->max)
				return sb_err(E, SB_RULE_BAD_ARGUMENT, call,
				              "'%s' takes %d argument%s, got %u", p->name, p->min,
				              p->min == 1 ? "" : "s", n);
			return sb_err(E, SB_RULE_BAD_ARGUMENT, call,
			              "'%s' takes %s%d argument%s, got %u", p->name,
			              (int)n < p->min ? "at least " : "at most ",
			              (int)n < p->min ? p->min : p->max,
			              ((int)n < p->min ? p->min : p->max) == 1 ? "" : "s", n);
		}
		return p->fn(E, args, n, call, p->data);
	}
	if (fn->kind == SB_V_CLOSURE && !(fn->flags & SB_VF_MACRO)) {
		struct sb_origin *o = sb_arena_alloc(E->a, sizeof *o);
		struct sb_env *env = bind_params(E, fn->u.clo, args, n, call);
		if (!env || !o)
			return E->unknown;
		const struct sb_origin *saved = E->origin;
		o->call = call;
		o->what = fn->u.clo->name;
		o->up = saved;
		E->origin = o;
		struct sb_value *r = eval_body(E, fn->u.clo->body, env);
		E->origin = saved;
		return r;
	}
	if (fn->kind == SB_V_UNKNOWN)
		return E->unknown;
	return sb_err(E, SB_RULE_BAD_ARGUMENT, call, "%s is not a procedure",
	              sb_value_repr(E->a, fn));
}

/* ------------------------------------------------------------ quasiquote */

static struct sb_value *quasi(struct sb_eval *E, struct sb_value *x, struct sb_env *env,
                              int level);

static bool tagged(const struct sb_value *x, const char *name)
{
	return is_pair(x) && is_sym(x->u.pair.car) && strcmp(x->u.pair.car->u.sym->name, name) == 0 &&
	       is_pair(x->u.pair.cdr);
}

static struct sb_value *quasi_list(struct sb_eval *E, struct sb_value *x, struct sb_env *env,
                                   int level)
{
	struct sb_value *head = E->nil, **tail = &head;
	for (; is_pair(x); x = cdr(x)) {
		if (tagged(x, "unquote") && level == 1) {
			/* `(a . ,b) */
			*tail = sb_eval_value(E, car(cdr(x)), env);
			return head;
		}
		struct sb_value *item = car(x);
		if (tagged(item, "unquote-splicing") && level == 1) {
			struct sb_value *l = sb_eval_value(E, car(cdr(item)), env);
			if (l->kind == SB_V_UNKNOWN)
				return E->unknown;
			for (; is_pair(l); l = cdr(l)) {
				struct sb_value *p = sb_value_cons(E->a, car(l), E->nil, item->span);
				if (!p)
					return E->unknown;
				*tail = p;
				tail = &p->u.pair.cdr;
			}
			continue;
		}
		struct sb_value *p = sb_value_cons(E->a, quasi(E, item, env, level), E->nil, x->span);
		if (!p)
			return E->unknown;
		p->flags = x->flags & SB_VF_CODE;
		*tail = p;
		tail = &p->u.pair.cdr;
	}
	*tail = x->kind == SB_V_NIL ? E->nil : quasi(E, x, env, level);
	return head;
}

static struct sb_value *quasi(struct sb_eval *E, struct sb_value *x, struct sb_env *env,
                              int level)
{
	if (E->depth > SB_MAX_CALL_DEPTH || !sb_eval_step(E, 1))
		return E->unknown;
	if (!is_pair(x))
		return x;
	bool splice = tagged(x, "unquote-splicing");
	if (tagged(x, "unquote") || splice) {
		if (level == 1 && splice)
			return sb_err(E, SB_RULE_SYNTAX_ERROR, x->span,
			              "',@' (unquote-splicing) outside a list");
		if (level == 1)
			return sb_eval_value(E, car(cdr(x)), env);
		/* nested: keep the unquote, its operand one level further out */
		E->depth++;
		struct sb_value *r = quasi_list(E, cdr(x), env, level - 1);
		E->depth--;
		r = r->kind == SB_V_UNKNOWN ? r : sb_value_cons(E->a, car(x), r, x->span);
		return r ? r : E->unknown;
	}
	E->depth++;
	struct sb_value *r = quasi_list(E, x, env, tagged(x, "quasiquote") ? level + 1 : level);
	E->depth--;
	return r;
}

/* ------------------------------------------------------------ special forms */

/* Two definitions mean the same: equal values, or procedures with equal code. */
static bool same_definition(const struct sb_value *a, const struct sb_value *b)
{
	if (a->kind == SB_V_CLOSURE && b->kind == SB_V_CLOSURE)
		return a->u.clo->env == b->u.clo->env && (a->flags & ~SB_VF_CODE) ==
		       (b->flags & ~SB_VF_CODE) &&
		       sb_value_equal(a->u.clo->params, b->u.clo->params) &&
		       sb_value_equal(a->u.clo->body, b->u.clo->body);
	return sb_value_equal(a, b);
}

/*
 * sbplc merge: a global defined by one input and defined again, differently,
 * by another is a conflict; evaluating them in order would silently let the
 * later one win, also for the earlier input's later calls.
 */
static void check_merge_define(struct sb_eval *E, struct sb_sym *name, struct sb_value *val,
                               struct sb_span form)
{
	if (name->global && name->def_input && name->def_input != E->input &&
	    !same_definition(name->global, val)) {
		struct sb_diag *d = sb_diag_report(E->ctx, SB_RULE_MERGE_CONFLICT, form,
		                                   "'%s' is defined differently by two inputs; "
		                                   "merge will not pick one", name->name);
		sb_diag_note(E->ctx, d, name->def_span, "the other definition of '%s'", name->name);
	}
	name->def_input = E->input;
	name->def_span = form;
}

static struct sb_value *sf_define(struct sb_eval *E, struct sb_value *form, struct sb_env *env,
                                  bool once)
{
	struct sb_value *rest = cdr(form);
	if (!is_pair(rest))
		return bad_form(E, form, "define");
	struct sb_value *target = car(rest);
	struct sb_sym *name;
	struct sb_value *val;
	if (is_pair(target)) {          /* (define (f . params) body...) */
		if (!is_sym(car(target)))
			return bad_form(E, form, "define");
		name = car(target)->u.sym;
		if (once && (env ? env_find(env, name) != NULL : name->global != NULL))
			return E->voidv;
		val = make_closure(E, name->name, cdr(target), cdr(rest), env, form->span);
	} else if (is_sym(target)) {
		name = target->u.sym;
		if (once && (env ? env_find(env, name) != NULL : name->global != NULL))
			return E->voidv;
		val = is_pair(cdr(rest)) ? sb_eval_value(E, car(cdr(rest)), env) : E->voidv;
		if (val->kind == SB_V_CLOSURE && strcmp(val->u.clo->name, "lambda") == 0)
			val->u.clo->name = name->name;
	} else {
		return bad_form(E, form, "define");
	}
	if (!env && E->opt.merge)
		check_merge_define(E, name, val, form->span);
	env_define(E, env, name, val);
	return E->voidv;
}

static struct sb_value *sf_set(struct sb_eval *E, struct sb_value *form, struct sb_env *env)
{
	if (sb_list_length(form) != 3 || !is_sym(car(cdr(form))))
		return bad_form(E, form, "set!");
	struct sb_value *sym = car(cdr(form));
	struct sb_value *val = sb_eval_value(E, car(cdr(cdr(form))), env);
	struct sb_binding *b = env_find(env, sym->u.sym);
	if (b) {
		b->val = val;
		return E->voidv;
	}
	if (!sym->u.sym->global && !library_value(E, sym->u.sym, sym->span))
		return sb_err(E, SB_RULE_UNBOUND_VARIABLE, sym->span,
		              "set! of unbound variable '%s'", sym->u.sym->name);
	sym->u.sym->global = val;
	return E->voidv;
}

/* (macro (name form) body...), (macro name expr), (define-macro (name . args) body...) */
static struct sb_value *sf_macro(struct sb_eval *E, struct sb_value *form, struct sb_env *env,
                                 bool spread)
{
	struct sb_value *rest = cdr(form);
	if (!is_pair(rest))
		return bad_form(E, form, "macro");
	struct sb_value *target = car(rest), *m;
	struct sb_sym *name;
	if (is_pair(target) && is_sym(car(target))) {
		name = car(target)->u.sym;
		m = make_closure(E, name->name, cdr(target), cdr(rest), env, form->span);
	} else if (is_sym(target) && is_pair(cdr(rest))) {
		name = target->u.sym;
		m = sb_eval_value(E, car(cdr(rest)), env);
		if (m->kind != SB_V_CLOSURE)
			return bad_form(E, form, "macro");
		/* a copy: the lambda's own value must not turn into a macro */
		m = make_closure(E, name->name, m->u.clo->params, m->u.clo->body,
		                 m->u.clo->env, form->span);
	} else {
		return bad_form(E, form, "macro");
	}
	if (m->kind != SB_V_CLOSURE)
		return E->unknown;
	m->flags |= SB_VF_MACRO | (spread ? SB_VF_SPREAD : 0);
	env_define(E, env, name, m);
	return E->voidv;
}

/* Expand macro m applied to form. */
static struct sb_value *expand(struct sb_eval *E, struct sb_value *m, struct sb_value *form)
{
	struct sb_value *args[1];
	if (m->flags & SB_VF_SPREAD) {   /* define-macro: the arguments, unevaluated */
		struct sb_value *v[64];
		uint32_t n = 0;
		for (struct sb_value *p = cdr(form); is_pair(p); p = cdr(p)) {
			if (n == 64)
				return sb_err(E, SB_RULE_UNSUPPORTED_CONSTRUCT, form->span,
				              "macro call with more than 64 arguments");
			v[n++] = car(p);
		}
		struct sb_value tmp = *m;
		tmp.flags &= (uint8_t)~(SB_VF_MACRO | SB_VF_SPREAD);
		return sb_apply(E, &tmp, v, n, form->span);
	}
	args[0] = form;
	struct sb_value tmp = *m;
	tmp.flags &= (uint8_t)~SB_VF_MACRO;
	return sb_apply(E, &tmp, args, 1, form->span);
}

/* let, let*, letrec, named let.  Returns the env for the body and the body
 * in *body, or NULL after a report. */
static struct sb_env *let_env(struct sb_eval *E, struct sb_value *form, struct sb_env *env,
                              int kind, struct sb_value **body)
{
	struct sb_value *rest = cdr(form);
	if (!is_pair(rest))
		return bad_form(E, form, "let"), NULL;
	struct sb_value *name = NULL;
	if (kind == SF_LET && is_sym(car(rest))) {
		name = car(rest);
		rest = cdr(rest);
		if (!is_pair(rest))
			return bad_form(E, form, "let"), NULL;
	}
	struct sb_value *bindings = car(rest);
	*body = cdr(rest);
	long nb = sb_list_length(bindings);
	if (nb < 0)
		return bad_form(E, form, "let"), NULL;
	struct sb_env *inner = env_new(E, env, (uint32_t)nb + 1);
	if (!inner)
		return NULL;
	if (kind == SF_LETREC)
		for (struct sb_value *b = bindings; is_pair(b); b = cdr(b))
			if (is_pair(car(b)) && is_sym(car(car(b))))
				env_define(E, inner, car(car(b))->u.sym, E->unknown);
	struct sb_value *params = E->nil, **ptail = &params;
	for (struct sb_value *b = bindings; is_pair(b); b = cdr(b)) {
		struct sb_value *bind = car(b);
		if (!is_pair(bind) || !is_sym(car(bind)))
			return bad_form(E, form, "let binding"), NULL;
		struct sb_value *init = is_pair(cdr(bind)) ? car(cdr(bind)) : NULL;
		struct sb_env *where = kind == SF_LET ? env : inner;
		struct sb_value *v = init ? sb_eval_value(E, init, where) : E->unknown;
		if (v->kind == SB_V_CLOSURE && strcmp(v->u.clo->name, "lambda") == 0)
			v->u.clo->name = car(bind)->u.sym->name;
		env_define(E, inner, car(bind)->u.sym, v);
		if (name) {
			struct sb_value *p = sb_value_cons(E->a, car(bind), E->nil, bind->span);
			if (!p)
				return NULL;
			*ptail = p;
			ptail = &p->u.pair.cdr;
		}
	}
	if (name) {
		/* (let loop ((v init) ...) body): loop is a procedure in scope of body */
		struct sb_env *self = env_new(E, env, 1);
		if (!self)
			return NULL;
		struct sb_value *proc = make_closure(E, name->u.sym->name, params, *body, self,
		                                     form->span);
		env_define(E, self, name->u.sym, proc);
		inner->up = self;
	}
	return inner;
}

/* (do ((var init step)...) (test expr...) body...) */
static struct sb_value *sf_do(struct sb_eval *E, struct sb_value *form, struct sb_env *env)
{
	if (sb_list_length(form) < 3)
		return bad_form(E, form, "do");
	struct sb_value *specs = car(cdr(form)), *test = car(cdr(cdr(form)));
	struct sb_value *body = cdr(cdr(cdr(form)));
	struct sb_env *inner = env_new(E, env, 4);
	if (!inner || !is_pair(test))
		return bad_form(E, form, "do");
	for (struct sb_value *s = specs; is_pair(s); s = cdr(s))
		if (is_pair(car(s)) && is_sym(car(car(s))) && is_pair(cdr(car(s))))
			env_define(E, inner, car(car(s))->u.sym, sb_eval_value(E, car(cdr(car(s))), env));
	while (!E->aborted) {
		struct sb_value *t = sb_eval_value(E, car(test), inner);
		if (t->kind == SB_V_UNKNOWN)
			return E->unknown;
		if (sb_value_truthy(t))
			return eval_body(E, cdr(test), inner);
		eval_body(E, body, inner);
		struct sb_env *next = env_new(E, env, inner->n + 1);
		if (!next)
			return E->unknown;
		for (uint32_t i = 0; i < inner->n; i++)
			env_define(E, next, inner->b[i].sym, inner->b[i].val);
		for (struct sb_value *s = specs; is_pair(s); s = cdr(s))
			if (is_pair(car(s)) && is_sym(car(car(s))) && is_pair(cdr(car(s))) &&
			    is_pair(cdr(cdr(car(s)))))
				env_define(E, next, car(car(s))->u.sym,
				           sb_eval_value(E, car(cdr(cdr(car(s)))), inner));
		inner = next;
	}
	return E->unknown;
}

static struct sb_value *sf_with_wrap(struct sb_eval *E, struct sb_value *form,
                                     struct sb_env *env, int kind)
{
	if (!is_pair(cdr(form)))
		return bad_form(E, form, car(form)->u.sym->name);
	struct sb_wrap w = { .up = E->wraps };
	w.kind = kind == SF_WITH_FILTER ? SB_WRAP_FILTER
	       : kind == SF_WITH_MODIFIER ? SB_WRAP_MODIFIER : SB_WRAP_OPERATIONS;
	w.value = sb_eval_value(E, car(cdr(form)), env);
	/* (the other two are sorted with each enclosed rule's arguments) */
	if (w.kind == SB_WRAP_FILTER && w.value->kind != SB_V_FILTER &&
	    w.value->kind != SB_V_UNKNOWN && !sb_check_missing_param(E, w.value, "with-filter"))
		sb_err(E, SB_RULE_BAD_ARGUMENT,
		       w.value->span.file == SB_NO_FILE ? form->span : w.value->span,
		       "'with-filter' needs a filter, got %s", sb_value_repr(E->a, w.value));
	E->wraps = &w;
	struct sb_value *r = eval_body(E, cdr(cdr(form)), env);
	E->wraps = w.up;
	return r;
}

/* ------------------------------------------------------------ eval */

static bool is_special(const struct sb_value *head, struct sb_env *env)
{
	return is_sym(head) && head->u.sym->special && !head->u.sym->global &&
	       !env_find(env, head->u.sym);
}

/* Evaluate an argument of an action or filter combinator: a misspelled name
 * there is an unknown operation (bare, in an action) or filter (called), as
 * sandbox-exec would fail on it.  bare: the role of a bare name. */
static struct sb_value *eval_action_arg(struct sb_eval *E, struct sb_value *x,
                                        struct sb_env *env, enum role bare)
{
	if (is_sym(x))
		return lookup(E, x, env, bare);
	if (is_pair(x) && is_sym(car(x)) && !is_special(car(x), env)) {
		struct sb_value *h = car(x);
		if (!env_find(env, h->u.sym) && !h->u.sym->global &&
		    !library_value(E, h->u.sym, h->span)) {
			lookup(E, h, env, ROLE_FILTER);
			for (struct sb_value *a = cdr(x); is_pair(a); a = cdr(a))
				sb_eval_value(E, car(a), env);
			return E->unknown;
		}
	}
	return sb_eval_value(E, x, env);
}

struct sb_value *sb_eval_value(struct sb_eval *E, struct sb_value *x, struct sb_env *env)
{
	if (E->aborted)
		return E->unknown;
	if (++E->depth > SB_MAX_CALL_DEPTH) {
		E->depth--;
		E->aborted = true;
		sb_diag_report(E->ctx, SB_RULE_RESOURCE_LIMIT, x->span,
		               "evaluation nested deeper than %d calls; the profile recurses "
		               "without end", SB_MAX_CALL_DEPTH);
		return E->unknown;
	}
	const struct sb_origin *saved_origin = E->origin, *entry = NULL;
	struct sb_value *result = E->unknown;
	for (;;) {
		if (!sb_eval_step(E, 1))
			break;
		if (is_sym(x)) {
			result = lookup(E, x, env, ROLE_VAR);
			break;
		}
		if (!is_pair(x)) {
			result = x;       /* self-evaluating (vectors too, as TinyScheme) */
			break;
		}
		struct sb_value *head = car(x);
		if (is_special(head, env)) {
			int sf = head->u.sym->special;
			struct sb_value *rest = cdr(x);
			switch (sf) {
			case SF_QUOTE:
				result = is_pair(rest) ? car(rest) : bad_form(E, x, "quote");
				goto done;
			case SF_QUASIQUOTE:
				result = is_pair(rest) ? quasi(E, car(rest), env, 1)
				                       : bad_form(E, x, "quasiquote");
				goto done;
			case SF_UNQUOTE:
			case SF_UNQUOTE_SPLICING:
				result = sb_err(E, SB_RULE_SYNTAX_ERROR, x->span,
				                "'%s' outside a quasiquote", head->u.sym->name);
				goto done;
			case SF_LAMBDA:
				result = is_pair(rest)
				         ? make_closure(E, "lambda", car(rest), cdr(rest), env, x->span)
				         : bad_form(E, x, "lambda");
				goto done;
			case SF_DEFINE:
			case SF_DEFINE_ONCE:
				result = sf_define(E, x, env, sf == SF_DEFINE_ONCE);
				goto done;
			case SF_SET:
				result = sf_set(E, x, env);
				goto done;
			case SF_MACRO:
			case SF_DEFINE_MACRO:
				result = sf_macro(E, x, env, sf == SF_DEFINE_MACRO);
				goto done;
			case SF_DEBUG:     /* a no-op macro since 10.9 (reference §3.4) */
				result = E->voidv;
				goto done;
			case SF_DELAY:
				result = sb_err(E, SB_RULE_UNSUPPORTED_CONSTRUCT, x->span,
				                "'delay' is not supported by sbplc");
				goto done;
			case SF_WITH:
				result = sb_sbpl_with(E, x, env);
				goto done;
			case SF_APPLY_MESSAGE_FILTER:
				result = sb_sbpl_message_filter(E, x, env);
				goto done;
			case SF_WITH_FILTER:
			case SF_WITH_MODIFIER:
			case SF_WITH_OPERATIONS:
				result = sf_with_wrap(E, x, env, sf);
				goto done;
			case SF_DO:
				result = sf_do(E, x, env);
				goto done;
			case SF_IF: {
				long n = sb_list_length(x);
				if (n != 3 && n != 4) {
					result = bad_form(E, x, "if");
					goto done;
				}
				struct sb_value *t = sb_eval_value(E, car(rest), env);
				struct sb_value *then = car(cdr(rest));
				struct sb_value *els = n == 4 ? cdr(cdr(rest)) : E->nil;
				if (t->kind == SB_V_UNKNOWN) {
					struct sb_value one = *rest;
					one.u.pair.car = then;
					one.u.pair.cdr = E->nil;
					eval_conditionally(E, &one, env);
					eval_conditionally(E, els, env);
					result = E->unknown;
					goto done;
				}
				if (sb_value_truthy(t)) {
					x = then;
					continue;
				}
				if (!is_pair(els)) {
					result = E->nil;   /* TinyScheme: (if #f x) is () */
					goto done;
				}
				x = car(els);
				continue;
			}
			case SF_WHEN:
			case SF_UNLESS: {
				if (!is_pair(rest)) {
					result = bad_form(E, x, head->u.sym->name);
					goto done;
				}
				struct sb_value *t = sb_eval_value(E, car(rest), env);
				if (t->kind == SB_V_UNKNOWN) {
					eval_conditionally(E, cdr(rest), env);
					result = E->unknown;
					goto done;
				}
				if (sb_value_truthy(t) != (sf == SF_WHEN) || !is_pair(cdr(rest))) {
					result = E->nil;
					goto done;
				}
				struct sb_value *b = cdr(rest);
				x = all_but_last(E, b, env);
				continue;
			}
			case SF_BEGIN: {
				if (!is_pair(rest)) {
					result = E->voidv;
					goto done;
				}
				x = all_but_last(E, rest, env);
				continue;
			}
			case SF_AND:
			case SF_OR: {
				result = sf == SF_AND ? E->t : E->f;
				if (!is_pair(rest))
					goto done;
				for (; is_pair(cdr(rest)); rest = cdr(rest)) {
					struct sb_value *v = sb_eval_value(E, car(rest), env);
					if (v->kind == SB_V_UNKNOWN) {
						eval_conditionally(E, cdr(rest), env);
						result = E->unknown;
						goto done;
					}
					if (sb_value_truthy(v) != (sf == SF_AND)) {
						result = v;
						goto done;
					}
				}
				x = car(rest);
				continue;
			}
			case SF_COND: {
				result = E->nil;
				for (; is_pair(rest); rest = cdr(rest)) {
					struct sb_value *cl = car(rest);
					if (!is_pair(cl)) {
						result = bad_form(E, x, "cond clause");
						goto done;
					}
					bool is_else = is_sym(car(cl)) && strcmp(car(cl)->u.sym->name, "else") == 0;
					struct sb_value *t = is_else ? E->t : sb_eval_value(E, car(cl), env);
					if (t->kind == SB_V_UNKNOWN) {
						eval_conditionally(E, cdr(cl), env);
						for (rest = cdr(rest); is_pair(rest); rest = cdr(rest))
							if (is_pair(car(rest)))
								eval_conditionally(E, cdr(car(rest)), env);
						result = E->unknown;
						goto done;
					}
					if (!sb_value_truthy(t))
						continue;
					struct sb_value *body = cdr(cl);
					if (!is_pair(body)) {
						result = t;
						goto done;
					}
					if (is_sym(car(body)) && strcmp(car(body)->u.sym->name, "=>") == 0 &&
					    is_pair(cdr(body))) {
						struct sb_value *f = sb_eval_value(E, car(cdr(body)), env);
						result = sb_apply(E, f, &t, 1, cl->span);
						goto done;
					}
					x = all_but_last(E, body, env);
					goto next;
				}
				goto done;
			}
			case SF_CASE: {
				if (!is_pair(rest)) {
					result = bad_form(E, x, "case");
					goto done;
				}
				struct sb_value *key = sb_eval_value(E, car(rest), env);
				result = E->nil;
				if (key->kind == SB_V_UNKNOWN) {
					for (rest = cdr(rest); is_pair(rest); rest = cdr(rest))
						if (is_pair(car(rest)))
							eval_conditionally(E, cdr(car(rest)), env);
					result = E->unknown;
					goto done;
				}
				for (rest = cdr(rest); is_pair(rest); rest = cdr(rest)) {
					struct sb_value *cl = car(rest);
					if (!is_pair(cl))
						continue;
					bool hit = is_sym(car(cl)) && strcmp(car(cl)->u.sym->name, "else") == 0;
					for (struct sb_value *d = car(cl); !hit && is_pair(d); d = cdr(d))
						hit = sb_value_eqv(key, car(d)) ||
						      (key->kind == SB_V_STR && sb_value_equal(key, car(d)));
					if (!hit)
						continue;
					struct sb_value *body = cdr(cl);
					if (!is_pair(body))
						goto done;
					x = all_but_last(E, body, env);
					goto next;
				}
				goto done;
			}
			case SF_LET:
			case SF_LETSTAR:
			case SF_LETREC: {
				struct sb_value *body;
				struct sb_env *inner = let_env(E, x, env, sf, &body);
				if (!inner || !is_pair(body)) {
					result = inner ? E->voidv : E->unknown;
					goto done;
				}
				env = inner;
				x = all_but_last(E, body, env);
				continue;
			}
			}
			result = bad_form(E, x, "special form");
			goto done;
		}

		/* application */
		struct sb_value *fn = is_sym(head) ? lookup(E, head, env, ROLE_VAR)
		                                   : sb_eval_value(E, head, env);
		if (fn->kind == SB_V_CLOSURE && (fn->flags & SB_VF_MACRO)) {
			x = expand(E, fn, x);
			if (x->kind == SB_V_UNKNOWN)
				break;
			continue;
		}
		struct sb_value *small[8], **args = small;
		long n = sb_list_length(cdr(x));
		if (n < 0) {
			result = bad_form(E, x, "call (a dotted argument list)");
			goto done;
		}
		if (n > 8) {
			args = sb_arena_calloc(E->a, (size_t)n, sizeof *args);
			if (!args)
				goto done;
		}
		bool action = sb_sbpl_is_action(fn);
		/* a bare name in (require-any ...) names a filter value, not an operation */
		enum role bare = action && strncmp(fn->u.prim->name, "require-", 8) == 0
		                 ? ROLE_VAR : ROLE_OPERATION;
		uint32_t i = 0;
		for (struct sb_value *a = cdr(x); is_pair(a); a = cdr(a))
			args[i++] = action ? eval_action_arg(E, car(a), env, bare)
			                   : sb_eval_value(E, car(a), env);
		if (E->aborted)
			goto done;
		if (fn->kind == SB_V_CLOSURE) {
			/* tail call: the body runs in this loop */
			struct sb_env *inner = bind_params(E, fn->u.clo, args, i, x->span);
			if (!inner || !is_pair(fn->u.clo->body)) {
				result = inner ? E->voidv : E->unknown;
				goto done;
			}
			/*
			 * A tail call replaces the frames in between, but the call that
			 * entered here (where the user wrote it) stays in the chain.  A
			 * loop calls from the same place again and again: one frame.
			 */
			const struct sb_origin *cur = E->origin;
			if (cur == saved_origin || cur->call.start != x->span.start ||
			    cur->call.file != x->span.file || cur->what != fn->u.clo->name) {
				struct sb_origin *o = sb_arena_alloc(E->a, sizeof *o);
				if (!o)
					goto done;
				o->call = x->span;
				o->what = fn->u.clo->name;
				o->up = entry ? entry : saved_origin;
				E->origin = o;
				if (!entry)
					entry = o;
			}
			env = inner;
			struct sb_value *body = fn->u.clo->body;
			x = all_but_last(E, body, env);
			continue;
		}
		result = sb_apply(E, fn, args, i, x->span);
		goto done;
next:
		continue;
	}
done:
	E->origin = saved_origin;
	E->depth--;
	return result;
}

/* ------------------------------------------------------------ driver */

struct sb_eval *sb_eval_new(struct sb_ctx *ctx, const struct sb_eval_options *opt)
{
	struct sb_eval *E = sb_arena_alloc(ctx->arena, sizeof *E);
	struct sb_profile *prof = sb_arena_alloc(ctx->arena, sizeof *prof);
	if (!E || !prof)
		return NULL;
	E->ctx = ctx;
	E->a = ctx->arena;
	E->opt = *opt;
	E->auto_budget = !E->opt.max_steps;
	if (E->auto_budget)
		E->opt.max_steps = SB_BASE_STEPS;
	E->profile = prof;
	E->main_file = UINT32_MAX;
	E->toplevel.file = SB_NO_FILE;
	struct sb_span none = { SB_NO_FILE, 0, 0 };
	E->nil = sb_value_new(E->a, SB_V_NIL, none);
	E->t = sb_value_new(E->a, SB_V_BOOL, none);
	E->f = sb_value_new(E->a, SB_V_BOOL, none);
	E->voidv = sb_value_new(E->a, SB_V_VOID, none);
	E->unknown = sb_value_new(E->a, SB_V_UNKNOWN, none);
	if (!E->nil || !E->t || !E->f || !E->voidv || !E->unknown || !symtab_grow(E))
		return NULL;
	E->t->u.boolean.b = true;
	for (size_t i = 0; i < sizeof special_forms / sizeof special_forms[0]; i++) {
		struct sb_sym *s = sb_intern(E, special_forms[i].name,
		                                              strlen(special_forms[i].name));
		if (!s)
			return NULL;
		s->special = special_forms[i].id;
	}
	sb_builtins_init(E);
	sb_sbpl_init(E);
	return sb_ctx_oom(ctx) ? NULL : E;
}

bool sb_eval_file(struct sb_eval *E, const struct sb_parse_result *pr)
{
	uint32_t saved = E->file;
	struct sb_span saved_top = E->toplevel;
	E->file = pr->file;
	const struct sb_source *src = sb_ctx_source(E->ctx, pr->file);
	if (E->auto_budget && src)   /* a bigger profile may do more work */
		E->opt.max_steps += SB_STEPS_PER_BYTE * src->len;
	if (E->main_file == UINT32_MAX)
		E->main_file = pr->file;
	if (E->import_depth == 0)
		E->input++;
	for (uint32_t i = 0; i < pr->nforms && !E->aborted; i++) {
		if (pr->broken && pr->broken[i])
			continue;   /* its syntax error is reported; evaluating adds only noise */
		struct sb_value *form = from_datum(E, pr->forms[i]);
		if (E->import_depth == 0 || saved_top.file == SB_NO_FILE)
			E->toplevel = form->span;
		sb_eval_value(E, form, NULL);
	}
	E->file = saved;
	if (E->import_depth > 0)
		E->toplevel = saved_top;
	return !sb_ctx_oom(E->ctx);
}

size_t sb_eval_rule_count(const struct sb_eval *E)
{
	return E->profile->rules.n;
}

struct sb_profile *sb_eval_finish(struct sb_eval *E)
{
	struct sb_profile *p = E->profile;
	struct sb_sym *fin = sb_intern(E, "%finalize", 9);
	if (fin && fin->global && fin->global->kind == SB_V_CLOSURE && !E->aborted)
		sb_apply(E, fin->global, NULL, 0, fin->global->span);
	p->aborted = E->aborted;
	p->exact = !E->inexact && !E->aborted;
	return sb_ctx_oom(E->ctx) ? NULL : p;
}
