/*
 * sbpl_lib.c -- the SBPL library on top of the evaluator (reference §3):
 * the actions that append rules, filters and their combinators, (with ...)
 * modifiers, param, import, version, and the names libsandbox binds
 * (operations, filters, modifiers, constants) resolved from sbpl_db.
 */
#define _XOPEN_SOURCE 700   /* realpath */
#define _XOPEN_SOURCE 700      /* realpath() */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval_impl.h"
#include "parse.h"
#include "sbpl_db.h"

#define PRIM(fn) static struct sb_value *fn(struct sb_eval *E, struct sb_value **a, \
	uint32_t n, struct sb_span call, const void *data)
#define UNUSED (void)E; (void)a; (void)n; (void)call; (void)data

void sb_define_prim(struct sb_eval *E, const struct sb_prim *p)
{
	struct sb_sym *s = sb_intern(E, p->name, strlen(p->name));
	struct sb_span none = { SB_NO_FILE, 0, 0 };
	struct sb_value *v = s ? sb_value_new(E->a, SB_V_PRIM, none) : NULL;
	if (!v)
		return;
	v->u.prim = p;
	(s)->global = v;
}

/* ------------------------------------------------------------ strings */

bool sb_check_missing_param(struct sb_eval *E, const struct sb_value *v, const char *what)
{
	if (v->kind != SB_V_BOOL || v->u.boolean.b || !v->u.boolean.missing)
		return false;
	struct sb_missing_param *m = v->u.boolean.missing;
	E->inexact = true;
	if (m->reported || E->conditional)
		return true;
	m->reported = true;
	struct sb_diag *d = sb_diag_report(E->ctx, SB_RULE_MISSING_PARAMETER, m->span,
	        "parameter '%s' is not set, so (param \"%s\") is #f where %s needs a string; "
	        "pass -D %s=VALUE", m->name, m->name, what, m->name);
	sb_diag_fix(E->ctx, d, "pass the parameter", m->span,
	            sb_arena_printf(E->a, "-D %s=VALUE", m->name), false);
	/* the fix is a command-line change, not an edit: keep it out of --fix */
	if (d)
		d->nfixes = 0;
	sb_eval_note_origin(E, d);
	return true;
}

const struct sb_value *sb_want_string(struct sb_eval *E, struct sb_value *v,
                                      const char *what, struct sb_span call)
{
	if (v->kind == SB_V_STR)
		return v;
	if (v->kind == SB_V_UNKNOWN || sb_check_missing_param(E, v, what))
		return NULL;
	sb_err(E, SB_RULE_BAD_ARGUMENT, v->span.file == SB_NO_FILE ? call : v->span,
	       "'%s' needs a string, got %s", what, sb_value_repr(E->a, v));
	return NULL;
}

/* ------------------------------------------------------------ filters */

static struct sb_filter *filter_new(struct sb_eval *E, enum sb_filter_kind kind,
                                    struct sb_span span)
{
	struct sb_filter *f = sb_arena_alloc(E->a, sizeof *f);
	if (f) {
		f->kind = kind;
		f->span = span;
	}
	return f;
}

static struct sb_value *filter_value(struct sb_eval *E, struct sb_filter *f, struct sb_span span)
{
	struct sb_value *v = f ? sb_value_new(E->a, SB_V_FILTER, span) : NULL;
	if (!v)
		return E->unknown;
	v->u.filter = f;
	return v;
}

static struct sb_filter *unknown_filter(struct sb_eval *E, struct sb_span span)
{
	E->inexact = true;
	return filter_new(E, SB_FILTER_UNKNOWN, span);
}

/* Several filters: one, or their require-any. */
static struct sb_filter *any_of(struct sb_eval *E, struct sb_filter **v, uint32_t n,
                                struct sb_span span, enum sb_filter_kind kind)
{
	if (n == 1)
		return v[0];
	struct sb_filter *f = filter_new(E, kind, span);
	if (!f)
		return NULL;
	f->kids = sb_arena_calloc(E->a, n ? n : 1, sizeof *f->kids);
	if (!f->kids)
		return NULL;
	memcpy(f->kids, v, n * sizeof *v);
	f->nkids = n;
	return f;
}

/* One leaf for one argument, after checking its type. */
static struct sb_filter *leaf(struct sb_eval *E, const struct sb_db_spelling *sp,
                              const char *spelled, struct sb_value *arg, struct sb_value *arg2,
                              struct sb_span call)
{
	const struct sb_db_filter *flt = sp ? sp->filter : NULL;
	if (arg && arg->kind == SB_V_UNKNOWN)
		return unknown_filter(E, call);
	if (arg && flt) {
		enum sb_db_arg kind = flt->arg;
		bool ok = true;
		const char *want = NULL;
		switch (kind) {
		case SB_DB_ARG_PATH:
		case SB_DB_ARG_STRING_PATTERN:
		case SB_DB_ARG_STRING:
			if (arg->kind != SB_V_STR) {
				ok = false;
				want = kind == SB_DB_ARG_PATH ? "a path string" : "a string";
			}
			break;
		case SB_DB_ARG_INTEGER:
		case SB_DB_ARG_SYMBOL:
		case SB_DB_ARG_BITMASK:
			if (arg->kind == SB_V_SYM) {
				if (!sb_db_symbol_allowed(flt, arg->u.sym->name)) {
					sb_err(E, SB_RULE_BAD_ARGUMENT, arg->span,
					       "'%s' is not a value that '%s' accepts", arg->u.sym->name,
					       spelled);
					return unknown_filter(E, call);
				}
			} else if (arg->kind != SB_V_NUM) {
				ok = false;
				want = kind == SB_DB_ARG_SYMBOL ? "one of its symbolic values" : "an integer";
			}
			break;
		case SB_DB_ARG_BOOLEAN:
			if (arg->kind != SB_V_BOOL) {
				ok = false;
				want = "#t or #f";
			}
			break;
		case SB_DB_ARG_NETWORK:
			if (arg->kind != SB_V_SYM && arg->kind != SB_V_STR) {
				ok = false;
				want = "a protocol (ip, tcp, udp ...) and an optional \"host:port\"";
			}
			break;
		default:
			break;
		}
		if (!ok) {
			if (sb_check_missing_param(E, arg, spelled))
				return unknown_filter(E, call);
			sb_err(E, SB_RULE_BAD_ARGUMENT, arg->span.file == SB_NO_FILE ? call : arg->span,
			       "'%s' needs %s, got %s", spelled, want, sb_value_repr(E->a, arg));
			return unknown_filter(E, call);
		}
	}
	if (arg2 && arg2->kind == SB_V_UNKNOWN)
		return unknown_filter(E, call);
	if (arg2 && arg2->kind != SB_V_STR && arg2->kind != SB_V_FILTER) {
		if (sb_check_missing_param(E, arg2, spelled))
			return unknown_filter(E, call);
		sb_err(E, SB_RULE_BAD_ARGUMENT, arg2->span.file == SB_NO_FILE ? call : arg2->span,
		       "'%s' needs a \"host:port\" string, got %s", spelled,
		       sb_value_repr(E->a, arg2));
		return unknown_filter(E, call);
	}
	struct sb_filter *f = filter_new(E, SB_FILTER_LEAF, call);
	if (!f)
		return NULL;
	f->spelling = sp;
	f->spelled = spelled;
	f->arg = arg;
	f->arg2 = arg2;
	if (sp && sp->match == SB_DB_MATCH_REGEX && arg && arg->kind == SB_V_STR)
		f->regex = sb_regex_compile(E->a, arg->u.str.s, arg->u.str.len, &f->regex_error);
	return f;
}

/* (subpath "/a" "/b"), (global-name "x"), (remote tcp "*:80"), (extension-path-ancestor) */
PRIM(p_filter)
{
	UNUSED;
	const struct sb_db_spelling *sp = data;
	const char *spelled = sp->name;
	enum sb_db_arg kind = sp->filter ? sp->filter->arg : SB_DB_ARG_UNKNOWN;
	if (kind == SB_DB_ARG_NETWORK) {
		/* (remote tcp "*:80" "*:443"): one filter per address, OR-ed */
		if (n < 1)
			return sb_err(E, SB_RULE_BAD_ARGUMENT, call,
			              "'%s' needs a protocol and optional \"host:port\" addresses",
			              spelled);
		if (n <= 2)
			return filter_value(E, leaf(E, sp, spelled, a[0], n == 2 ? a[1] : NULL, call),
			                    call);
		struct sb_filter **v = sb_arena_calloc(E->a, n - 1, sizeof *v);
		if (!v)
			return E->unknown;
		for (uint32_t i = 1; i < n; i++)
			if (!(v[i - 1] = leaf(E, sp, spelled, a[0], a[i], call)))
				return E->unknown;
		return filter_value(E, any_of(E, v, n - 1, call, SB_FILTER_ANY), call);
	}
	if (n == 0) {
		if (kind == SB_DB_ARG_BOOLEAN || kind == SB_DB_ARG_NONE || kind == SB_DB_ARG_UNKNOWN)
			return filter_value(E, leaf(E, sp, spelled, NULL, NULL, call), call);
		return sb_err(E, SB_RULE_BAD_ARGUMENT, call, "'%s' needs an argument", spelled);
	}
	struct sb_filter *small[8], **v = n <= 8 ? small : sb_arena_calloc(E->a, n, sizeof *v);
	if (!v)
		return E->unknown;
	for (uint32_t i = 0; i < n; i++)
		if (!(v[i] = leaf(E, sp, spelled, a[i], NULL, call)))
			return E->unknown;
	return filter_value(E, any_of(E, v, n, call, SB_FILTER_ANY), call);
}

/* Collect filters from args for a combinator; NULL after a report. */
static struct sb_filter **filter_args(struct sb_eval *E, struct sb_value **a, uint32_t n,
                                      const char *name, struct sb_span call)
{
	struct sb_filter **v = sb_arena_calloc(E->a, n ? n : 1, sizeof *v);
	if (!v)
		return NULL;
	for (uint32_t i = 0; i < n; i++) {
		if (a[i]->kind == SB_V_FILTER)
			v[i] = a[i]->u.filter;
		else if (a[i]->kind == SB_V_UNKNOWN)
			v[i] = unknown_filter(E, a[i]->span);
		else {
			if (!sb_check_missing_param(E, a[i], name))
				sb_err(E, SB_RULE_BAD_ARGUMENT,
				       a[i]->span.file == SB_NO_FILE ? call : a[i]->span,
				       "arguments to '%s' must be filters, got %s", name,
				       sb_value_repr(E->a, a[i]));
			return NULL;
		}
		if (!v[i])
			return NULL;
	}
	return v;
}

/* require-any (data 0), require-all (1), require-not (2) */
PRIM(p_require)
{
	UNUSED;
	int k = (int)(intptr_t)data;
	static const char *const names[] = { "require-any", "require-all", "require-not" };
	if (n == 0)
		return sb_err(E, SB_RULE_BAD_ARGUMENT, call, "'%s' requires at least one filter",
		              names[k]);
	if (k == 2 && n != 1)
		return sb_err(E, SB_RULE_BAD_ARGUMENT, call, "'require-not' takes exactly one filter");
	struct sb_filter **v = filter_args(E, a, n, names[k], call);
	if (!v)
		return filter_value(E, unknown_filter(E, call), call);
	if (k == 2) {
		struct sb_filter *f = filter_new(E, SB_FILTER_NOT, call);
		if (!f)
			return E->unknown;
		f->kids = v;
		f->nkids = 1;
		return filter_value(E, f, call);
	}
	return filter_value(E, any_of(E, v, n, call, k == 0 ? SB_FILTER_ANY : SB_FILTER_ALL), call);
}

static const struct sb_db_spelling *spelling(const char *name)
{
	return sb_db_filter_lookup(name);
}

static struct sb_value *str_value(struct sb_eval *E, const char *s, struct sb_span span)
{
	struct sb_value *v = sb_value_str(E->a, s, (uint32_t)strlen(s), span);
	return v ? v : E->unknown;
}

/* (path-ancestors "/a/b/c") = (require-any (literal "/") (literal "/a") (literal "/a/b")) */
PRIM(p_path_ancestors)
{
	UNUSED;
	const struct sb_db_spelling *lit = spelling("literal");
	struct sb_filter **all = NULL;
	uint32_t nall = 0, cap = 0;
	for (uint32_t i = 0; i < n; i++) {
		const struct sb_value *s = sb_want_string(E, a[i], "path-ancestors", call);
		if (!s)
			return filter_value(E, unknown_filter(E, call), call);
		if (s->u.str.s[0] != '/' && strncmp(s->u.str.s, "${", 2) != 0)
			return sb_err(E, SB_RULE_BAD_ARGUMENT, s->span,
			              "'path-ancestors': path must start with a /");
		const char *p = s->u.str.s;
		for (uint32_t k = 0; k < s->u.str.len; k++) {
			if (p[k] != '/' || (k + 1 == s->u.str.len))
				continue;
			if (nall == cap) {
				cap = cap ? cap * 2 : 8;
				struct sb_filter **g = sb_arena_grow(E->a, all, nall, cap, sizeof *g);
				if (!g)
					return E->unknown;
				all = g;
			}
			char *anc = sb_arena_strndup(E->a, p, k ? k : 1);
			struct sb_value *av = anc ? str_value(E, anc, a[i]->span) : E->unknown;
			if (!(all[nall++] = leaf(E, lit, "literal", av, NULL, call)))
				return E->unknown;
		}
	}
	if (nall == 0)
		return filter_value(E, unknown_filter(E, call), call);
	return filter_value(E, any_of(E, all, nall, call, SB_FILTER_ANY), call);
}

/* (require-entitlement "key" [value-filter]) */
PRIM(p_require_entitlement)
{
	UNUSED;
	const struct sb_value *key = sb_want_string(E, a[0], "require-entitlement", call);
	if (!key)
		return filter_value(E, unknown_filter(E, call), call);
	struct sb_filter *v[2];
	v[0] = leaf(E, spelling("%entitlement-load"), "require-entitlement", a[0], NULL, call);
	if (n == 2) {
		if (a[1]->kind != SB_V_FILTER)
			return a[1]->kind == SB_V_UNKNOWN ? filter_value(E, unknown_filter(E, call), call)
			       : sb_err(E, SB_RULE_BAD_ARGUMENT, call,
			                "'require-entitlement': expected filter as second argument");
		v[1] = a[1]->u.filter;
	} else {
		v[1] = leaf(E, spelling("%entitlement-boolean"), "require-entitlement", E->t, NULL,
		            call);
	}
	if (!v[0] || !v[1])
		return E->unknown;
	return filter_value(E, any_of(E, v, 2, call, SB_FILTER_ALL), call);
}

/* entitlement-value (data 0) and entitlement-value-regex (data 1) */
PRIM(p_entitlement_value)
{
	UNUSED;
	if (a[0]->kind == SB_V_UNKNOWN)
		return filter_value(E, unknown_filter(E, call), call);
	if (data) {
		if (a[0]->kind != SB_V_STR)
			return sb_err(E, SB_RULE_BAD_ARGUMENT, call,
			              "entitlement-value-regex argument must be string");
		return filter_value(E, leaf(E, spelling("%entitlement-string-regex"),
		                            "entitlement-value-regex", a[0], NULL, call), call);
	}
	if (a[0]->kind == SB_V_STR)
		return filter_value(E, leaf(E, spelling("%entitlement-string"), "entitlement-value",
		                            a[0], NULL, call), call);
	if (a[0]->kind == SB_V_BOOL)
		return filter_value(E, leaf(E, spelling("%entitlement-boolean"), "entitlement-value",
		                            a[0], NULL, call), call);
	return sb_err(E, SB_RULE_BAD_ARGUMENT, call,
	              "entitlement-value argument must be string or boolean");
}

static struct sb_value *library_variable(struct sb_eval *E, const char *name,
                                        struct sb_span sp);

/* A library filter builder such as (tty) = (vnode-type TTY); data is the entry. */
PRIM(p_builder)
{
	UNUSED;
	const struct sb_db_libfn *fn = data;
	char name[64];
	const char *sp = strchr(fn->expands, ' ');
	size_t len = sp ? (size_t)(sp - fn->expands) : strlen(fn->expands);
	if (len >= sizeof name)
		return E->unknown;
	memcpy(name, fn->expands, len);
	name[len] = '\0';
	const struct sb_db_spelling *s = spelling(name);
	struct sb_value *arg = NULL;
	if (sp) {
		const char *x = sp + 1;
		if (strchr(x, '.'))
			arg = str_value(E, x, call);
		else if (x[0] == '*')
			arg = library_variable(E, x, call);
		else
			arg = sb_sym_value(E, x, call);
	}
	if (!s)
		return filter_value(E, unknown_filter(E, call), call);
	return filter_value(E, leaf(E, s, fn->name, arg, NULL, call), call);
}

/* ------------------------------------------------------------ rules */

static bool push_rule(struct sb_eval *E, struct sb_rule_list *l, struct sb_rule *r)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		struct sb_rule **v = sb_arena_grow(E->a, l->v, l->n, cap, sizeof *v);
		if (!v)
			return false;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = r;
	return true;
}

struct parts {
	struct sb_value **ops;
	uint32_t nops, capops;
	struct sb_filter **filters;
	uint32_t nfilters, capfilters;
	struct sb_modifier **mods;
	uint32_t nmods, capmods;
	bool unknown, bad;
	struct sb_value *noop;
};

static bool grow_push(struct sb_eval *E, void ***v, uint32_t *n, uint32_t *cap, void *x)
{
	if (*n == *cap) {
		uint32_t c = *cap ? *cap * 2 : 8;
		void **g = sb_arena_grow(E->a, *v, *n, c, sizeof *g);
		if (!g)
			return false;
		*v = g;
		*cap = c;
	}
	(*v)[(*n)++] = x;
	return true;
}

/* Sort one action argument (lists are flattened, as apply'd rule lists are). */
static void sort_arg(struct sb_eval *E, struct parts *p, struct sb_value *v, struct sb_span call,
                     const char *action)
{
	for (int guard = 0; v->kind == SB_V_PAIR && guard < 100000; guard++) {
		sort_arg(E, p, v->u.pair.car, call, action);
		v = v->u.pair.cdr;
	}
	switch (v->kind) {
	case SB_V_NIL:
		return;
	case SB_V_OP:
		if (v->u.op.op)
			grow_push(E, (void ***)&p->ops, &p->nops, &p->capops, v);
		else
			p->noop = v;   /* a name libsandbox maps to no-op: the rule is dropped */
		return;
	case SB_V_FILTER:
		grow_push(E, (void ***)&p->filters, &p->nfilters, &p->capfilters, v->u.filter);
		return;
	case SB_V_MOD:
		grow_push(E, (void ***)&p->mods, &p->nmods, &p->capmods, v->u.mod);
		return;
	case SB_V_UNKNOWN:
		p->unknown = true;
		return;
	default:
		if (sb_check_missing_param(E, v, action)) {
			p->unknown = true;
			return;
		}
		sb_err(E, SB_RULE_BAD_ARGUMENT, v->span.file == SB_NO_FILE ? call : v->span,
		       "'%s' takes operations, filters and modifiers; %s is none of them", action,
		       sb_value_repr(E->a, v));
		p->bad = true;
	}
}

/* (allow op... filter... modifier...) and (deny ...): data is the action */
PRIM(p_action)
{
	UNUSED;
	enum sb_action action = data ? SB_ACTION_DENY : SB_ACTION_ALLOW;
	const char *name = data ? "deny" : "allow";
	struct parts p = { 0 };
	for (uint32_t i = 0; i < n; i++)
		sort_arg(E, &p, a[i], call, name);
	for (struct sb_wrap *w = E->wraps; w; w = w->up) {
		if (w->kind == SB_WRAP_OPERATIONS)
			sort_arg(E, &p, w->value, call, "with-operations");
		else if (w->kind == SB_WRAP_MODIFIER)
			sort_arg(E, &p, w->value, call, "with-modifier");
	}
	if (p.noop) {
		/* keep a record for deprecated-operation; the no-op name itself does nothing */
		struct sb_rule *r = sb_arena_alloc(E->a, sizeof *r);
		if (r) {
			r->action = action;
			r->op_alias = p.noop->u.op.alias;
			r->op_span = p.noop->span;
			r->span = call;
			r->origin = E->origin;
			push_rule(E, &E->profile->dropped, r);
		}
		if (p.nops == 0)
			return E->voidv;
	}
	if (p.nops == 0) {
		if (!p.unknown && !p.bad)
			sb_err(E, SB_RULE_BAD_ARGUMENT, call,
			       "'%s' needs at least one operation, as in (%s file-read* ...)", name, name);
		return E->voidv;
	}
	struct sb_filter *filter = NULL;
	if (p.unknown || p.bad)   /* a bad argument was meant as a filter: not unfiltered */
		filter = unknown_filter(E, call);
	else if (p.nfilters)
		filter = any_of(E, p.filters, p.nfilters, call, SB_FILTER_ANY);
	for (struct sb_wrap *w = E->wraps; w; w = w->up) {
		if (w->kind != SB_WRAP_FILTER)
			continue;
		struct sb_filter *extra = w->value->kind == SB_V_FILTER ? w->value->u.filter
		                                                         : unknown_filter(E, call);
		if (!filter) {
			filter = extra;
		} else {
			struct sb_filter *both[2] = { filter, extra };
			filter = any_of(E, both, 2, call, SB_FILTER_ALL);
		}
	}
	struct sb_rule_list *out = E->capture ? E->capture : &E->profile->rules;
	for (uint32_t i = 0; i < p.nops; i++) {
		struct sb_rule *r = sb_arena_alloc(E->a, sizeof *r);
		if (!r)
			return E->unknown;
		r->action = action;
		r->op = p.ops[i]->u.op.op;
		r->op_alias = p.ops[i]->u.op.alias;
		r->op_span = p.ops[i]->span;
		r->filter = filter;
		r->mods = p.mods;
		r->nmods = p.nmods;
		r->span = call;
		r->origin = E->origin;
		r->seq = E->seq++;
		r->conditional = E->conditional > 0;
		r->nested = E->capture != NULL;
		if (!push_rule(E, out, r))
			return E->unknown;
	}
	return E->voidv;
}

bool sb_sbpl_is_action(const struct sb_value *fn)
{
	if (fn->kind != SB_V_PRIM)
		return false;
	return fn->u.prim->fn == p_action || fn->u.prim->fn == p_require;
}

/* (with NAME [ARG...]) -- NAME is not evaluated: it names the modifier. */
struct sb_value *sb_sbpl_with(struct sb_eval *E, struct sb_value *form, struct sb_env *env)
{
	struct sb_value *rest = form->u.pair.cdr;
	if (rest->kind != SB_V_PAIR || rest->u.pair.car->kind != SB_V_SYM)
		return sb_err(E, SB_RULE_BAD_ARGUMENT, form->span,
		              "(with NAME ...) needs a modifier name, as in (with report)");
	struct sb_value *namev = rest->u.pair.car;
	const char *name = namev->u.sym->name;
	const struct sb_db_alias *via = NULL;
	const struct sb_db_modifier *mod = sb_db_modifier_resolve(name, 0, &via);
	struct sb_modifier *m = sb_arena_alloc(E->a, sizeof *m);
	struct sb_value *v = sb_value_new(E->a, SB_V_MOD, form->span);
	if (!m || !v)
		return E->unknown;
	m->mod = mod;
	m->alias = via;
	m->spelled = name;
	m->span = form->span;
	v->u.mod = m;
	if (!mod && !via) {
		const char *s = sb_db_suggest(SB_DB_NS_MODIFIER, name);
		sb_err(E, SB_RULE_UNKNOWN_MODIFIER, namev->span,
		       s ? "unknown modifier '%s'; did you mean '%s'?" : "unknown modifier '%s'%s",
		       name, s ? s : "");
	}
	uint32_t nargs = 0;
	for (struct sb_value *p = rest->u.pair.cdr; p->kind == SB_V_PAIR; p = p->u.pair.cdr) {
		struct sb_value *arg = sb_eval_value(E, p->u.pair.car, env);
		if (nargs++ == 0)
			m->arg = arg;
	}
	if (via && via->target_arg && !m->arg)
		m->arg = sb_sym_value(E, via->target_arg, namev->span);
	if (mod && nargs > 1)
		sb_err(E, SB_RULE_BAD_ARGUMENT, form->span, "(with %s ...) takes at most one argument",
		       name);
	return v;
}

/* (apply-message-filter (allow msgop ...) ...): the nested rules become a
 * message-filter modifier of the enclosing rule. */
struct sb_value *sb_sbpl_message_filter(struct sb_eval *E, struct sb_value *form,
                                        struct sb_env *env)
{
	struct sb_rule_list nested = { 0 };
	struct sb_rule_list *saved = E->capture;
	E->capture = &nested;
	for (struct sb_value *p = form->u.pair.cdr; p->kind == SB_V_PAIR; p = p->u.pair.cdr)
		sb_eval_value(E, p->u.pair.car, env);
	E->capture = saved;
	struct sb_modifier *m = sb_arena_alloc(E->a, sizeof *m);
	struct sb_value *v = sb_value_new(E->a, SB_V_MOD, form->span);
	if (!m || !v)
		return E->unknown;
	m->mod = sb_db_modifier_lookup("message-filter");
	m->spelled = "apply-message-filter";
	m->span = form->span;
	m->nested = nested.v;
	m->nnested = nested.n;
	for (size_t i = 0; i < nested.n; i++)
		push_rule(E, &E->profile->nested, nested.v[i]);
	v->u.mod = m;
	return v;
}

/* ------------------------------------------------------------ directives */

PRIM(p_param)
{
	UNUSED;
	const struct sb_value *key = sb_want_string(E, a[0], "param", call);
	if (!key)
		return E->unknown;
	for (size_t i = E->opt.ndefines; i-- > 0;) {
		const char *d = E->opt.defines[i], *eq = strchr(d, '=');
		if (eq && (size_t)(eq - d) == key->u.str.len && memcmp(d, key->u.str.s, key->u.str.len) == 0)
			return str_value(E, eq + 1, call);
	}
	struct sb_missing_param *m = sb_arena_alloc(E->a, sizeof *m);
	struct sb_value *v = sb_value_new(E->a, SB_V_BOOL, call);
	if (!m || !v)
		return E->unknown;
	m->name = key->u.str.s;
	m->span = call;
	v->u.boolean.missing = m;
	return v;
}

PRIM(p_version)
{
	UNUSED;
	sb_sbpl_version(E, a[0], call);
	return E->voidv;
}

void sb_sbpl_version(struct sb_eval *E, struct sb_value *v, struct sb_span call)
{
	struct sb_profile *p = E->profile;
	p->version_seen = true;
	if (v->kind == SB_V_UNKNOWN)
		return;
	if (v->kind != SB_V_NUM || !(v->flags & SB_VF_EXACT)) {
		sb_err(E, SB_RULE_BAD_ARGUMENT, v->span.file == SB_NO_FILE ? call : v->span,
		       "(version ...) takes one integer, as in (version 1)");
		return;
	}
	int64_t n = v->u.num.i;
	if (p->has_version) {
		struct sb_diag *d;
		if (n == p->version.value) {
			if (call.file != p->version.span.file)
				return;   /* an imported file repeating the version is fine */
			d = sb_diag_report(E->ctx, SB_RULE_DUPLICATE_VERSION, call,
			                   "(version %lld) is repeated", (long long)n);
			sb_diag_set_severity(d, SB_SEV_WARNING);
		} else {
			d = sb_diag_report(E->ctx, SB_RULE_DUPLICATE_VERSION, call,
			                   "(version %lld) conflicts with the earlier (version %lld); "
			                   "libsandbox rejects the profile (\"only one version may be "
			                   "specified\")", (long long)n, (long long)p->version.value);
		}
		sb_diag_note(E->ctx, d, p->version.span, "the first version is declared here");
		return;
	}
	p->has_version = true;
	p->version.value = n;
	p->version.span = call;
	if (n != 1)
		sb_diag_report(E->ctx, SB_RULE_VERSION_UNSUPPORTED, v->span,
		               n == 2 || n == 3
		               ? "(version %lld) compiles only on macOS 13 or later and its meaning "
		                 "is undocumented; sbplc checks it as version 1"
		               : "(version %lld) is not a known SBPL version; use (version 1)",
		               (long long)n);
}

PRIM(p_import)
{
	UNUSED;
	const struct sb_value *path = sb_want_string(E, a[0], "import", call);
	if (!path)
		return E->unknown;
	return sb_sbpl_import(E, path, call);
}

static char *join(struct sb_eval *E, const char *dir, const char *name)
{
	return sb_arena_printf(E->a, "%s/%s", dir, name);
}

static bool is_file(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return false;
	fclose(f);
	return true;
}

/* Is the file with canonical path key on the way to this import: an import
 * in progress, or the profile and its preludes, which are evaluated around
 * every import? */
static bool being_evaluated(struct sb_eval *E, const char *key)
{
	for (unsigned i = 0; i < E->import_depth; i++)
		if (strcmp(E->import_stack[i], key) == 0)
			return true;
	for (uint32_t f = 0; f <= E->main_file && f < E->ctx->nfiles; f++) {
		const struct sb_source *src = sb_ctx_source(E->ctx, f);
		char rp[PATH_MAX];
		if (src && src->path && realpath(src->path, rp) && strcmp(rp, key) == 0)
			return true;
	}
	return false;
}

struct sb_value *sb_sbpl_import(struct sb_eval *E, const struct sb_value *pathv,
                                struct sb_span call)
{
	const char *name = pathv->u.str.s;
	const char *found = NULL;
	if (name[0] == '/') {
		if (is_file(name))
			found = name;
		/* Off macOS the system profile directories do not exist: -I DIR stands
		 * in for them, so /System/Library/Sandbox/Profiles/bsd.sb is looked
		 * up as bsd.sb in the -I directories. */
		static const char *const system_dirs[] = { "/System/Library/Sandbox/Profiles/",
		                                           "/usr/share/sandbox/" };
		for (size_t k = 0; !found && k < 2; k++) {
			size_t dl = strlen(system_dirs[k]);
			if (strncmp(name, system_dirs[k], dl) != 0 || strchr(name + dl, '/'))
				continue;
			for (size_t i = 0; !found && i < E->opt.nincludes; i++) {
				char *p = join(E, E->opt.include_dirs[i], name + dl);
				if (p && is_file(p))
					found = p;
			}
		}
	} else {
		const struct sb_source *cur = sb_ctx_source(E->ctx, E->file);
		if (cur && cur->path) {
			const char *slash = strrchr(cur->path, '/');
			char *dir = slash ? sb_arena_strndup(E->a, cur->path,
			                                     (size_t)(slash - cur->path))
			                  : sb_arena_strdup(E->a, ".");
			char *p = dir ? join(E, slash == cur->path ? "" : dir, name) : NULL;
			if (p && is_file(p))
				found = p;
		}
		for (size_t i = 0; !found && i < E->opt.nincludes; i++) {
			char *p = join(E, E->opt.include_dirs[i], name);
			if (p && is_file(p))
				found = p;
		}
	}
	if (!found)
		return sb_err(E, SB_RULE_IMPORT_NOT_FOUND, pathv->span,
		              "cannot find '%s' to import (searched %s%s)", name,
		              name[0] == '/' ? "that path" : "the importing file's directory",
		              name[0] == '/' || !E->opt.nincludes ? "; add -I DIR" : " and the -I directories");
	char real[PATH_MAX];
	const char *key = realpath(found, real) ? real : found;
	if (being_evaluated(E, key)) {
		struct sb_diag *d = sb_diag_report(E->ctx, SB_RULE_IMPORT_CYCLE, pathv->span,
		                                   "importing '%s' again while it is being "
		                                   "imported: an import cycle", name);
		sb_eval_note_origin(E, d);
		return E->unknown;
	}
	if (E->import_depth >= SB_MAX_IMPORT_DEPTH)
		return sb_err(E, SB_RULE_RESOURCE_LIMIT, call, "imports nested deeper than %d",
		              SB_MAX_IMPORT_DEPTH);
	if (!E->import_stack)
		E->import_stack = sb_arena_calloc(E->a, SB_MAX_IMPORT_DEPTH, sizeof *E->import_stack);
	struct sb_source_error err;
	struct sb_source *src = sb_source_read(E->a, found, found, &err);
	if (!src || !E->import_stack)
		return sb_err(E, SB_RULE_IMPORT_NOT_FOUND, pathv->span, "cannot read '%s': %s", found,
		              src ? "out of memory" : sb_source_strerror(&err));
	uint32_t file = sb_ctx_add_source(E->ctx, src);
	struct sb_parse_result *pr = file != UINT32_MAX ? sb_parse(E->ctx, file) : NULL;
	struct sb_origin *o = sb_arena_alloc(E->a, sizeof *o);
	if (!pr || !o)
		return E->unknown;
	o->call = call;
	o->what = sb_arena_strdup(E->a, key);
	o->up = E->origin;
	const struct sb_origin *saved = E->origin;
	E->origin = o;
	E->import_stack[E->import_depth++] = o->what;
	sb_eval_file(E, pr);
	E->import_depth--;
	E->origin = saved;
	return E->voidv;
}

PRIM(p_regex_quote)
{
	UNUSED;
	const struct sb_value *s = sb_want_string(E, a[0], "regex-quote", call);
	if (!s)
		return E->unknown;
	char *out = sb_arena_alloc(E->a, (size_t)s->u.str.len * 2 + 1);
	if (!out)
		return E->unknown;
	size_t k = 0;
	for (uint32_t i = 0; i < s->u.str.len; i++) {
		if (strchr("^.[$()|*+?{\\", s->u.str.s[i]) && s->u.str.s[i])
			out[k++] = '\\';
		out[k++] = s->u.str.s[i];
	}
	struct sb_value *v = sb_value_str(E->a, out, (uint32_t)k, call);
	if (v)
		v->flags = SB_VF_RAW;   /* backslashes here are meant for the regex */
	return v ? v : E->unknown;
}

PRIM(p_io)
{
	UNUSED;
	const struct sb_value *g = sb_want_string(E, a[0], "_IO", call);
	if (!g || a[1]->kind == SB_V_UNKNOWN)
		return E->unknown;
	if (a[1]->kind != SB_V_NUM || g->u.str.len == 0)
		return sb_err(E, SB_RULE_BAD_ARGUMENT, call, "'_IO' takes a one-letter string and "
		              "a number, as in (_IO \"d\" 24)");
	return sb_value_int(E->a, a[1]->u.num.i + 256 * (unsigned char)g->u.str.s[0], call);
}

PRIM(p_trace)
{
	UNUSED;
	if (a[0]->kind != SB_V_STR && a[0]->kind != SB_V_UNKNOWN &&
	    !sb_check_missing_param(E, a[0], "trace"))
		return sb_err(E, SB_RULE_BAD_ARGUMENT, call, "argument to trace must be a string");
	return E->voidv;
}

PRIM(p_defined)
{
	UNUSED;
	if (a[0]->kind != SB_V_SYM)
		return a[0]->kind == SB_V_UNKNOWN ? E->unknown
		       : sb_err(E, SB_RULE_BAD_ARGUMENT, call, "'defined?' takes a quoted symbol");
	struct sb_sym *s = a[0]->u.sym;
	if (s->global || s->special)
		return E->t;
	const struct sb_db_alias *via;
	const struct sb_db_op *op = sb_db_op_resolve(s->name, E->opt.target, &via);
	if (op)
		return E->opt.target && sb_db_op_known_in(op, E->opt.target) != SB_DB_AVAIL_KNOWN
		       ? E->f : E->t;
	return sb_sbpl_resolve(E, s, a[0]->span) ? E->t : E->f;
}

/* sbpl-filter? sbpl-operation? sbpl-modifier? (data: kind) */
PRIM(p_kind_is)
{
	UNUSED;
	if (a[0]->kind == SB_V_UNKNOWN)
		return E->unknown;
	return a[0]->kind == (intptr_t)data ? E->t : E->f;
}

PRIM(p_unsupported_action)
{
	UNUSED;
	return sb_err(E, SB_RULE_UNSUPPORTED_CONSTRUCT, call,
	              "'%s' is not supported by sbplc: nothing public says what it does",
	              (const char *)data);
}

PRIM(p_nothing) { UNUSED; return E->voidv; }
PRIM(p_unknown) { UNUSED; return E->unknown; }

#define D(x) ((const void *)(intptr_t)(x))
static const struct sb_prim prims[] = {
	{ "allow", p_action, 0, -1, NULL }, { "deny", p_action, 0, -1, D(1) },
	{ "delegate", p_unsupported_action, 0, -1, "delegate" },
	{ "require-any", p_require, 0, -1, D(0) }, { "require-all", p_require, 0, -1, D(1) },
	{ "require-not", p_require, 0, -1, D(2) },
	{ "param", p_param, 1, 1, NULL }, { "getenv", p_param, 1, 1, NULL },
	{ "version", p_version, 1, 1, NULL }, { "import", p_import, 1, 1, NULL },
	{ "regex-quote", p_regex_quote, 1, 1, NULL },
	{ "variable-quote", p_regex_quote, 1, 1, NULL },
	{ "path-ancestors", p_path_ancestors, 1, -1, NULL },
	{ "require-entitlement", p_require_entitlement, 1, 2, NULL },
	{ "entitlement-value", p_entitlement_value, 1, 1, NULL },
	{ "entitlement-value-regex", p_entitlement_value, 1, 1, D(1) },
	{ "_IO", p_io, 2, 2, NULL }, { "trace", p_trace, 1, 1, NULL },
	{ "defined?", p_defined, 1, 1, NULL },
	{ "sbpl-filter?", p_kind_is, 1, 1, D(SB_V_FILTER) },
	{ "sbpl-operation?", p_kind_is, 1, 1, D(SB_V_OP) },
	{ "sbpl-modifier?", p_kind_is, 1, 1, D(SB_V_MOD) },
	{ "%finalize", p_nothing, 0, 0, NULL },
	{ "record", p_nothing, 0, 1, NULL }, { "eliminate-duplicate-rules", p_nothing, 0, 0, NULL },
	{ "disable-callouts", p_nothing, 0, 0, NULL },
	{ "disable-full-symbolication", p_nothing, 0, 0, NULL },
};

void sb_sbpl_init(struct sb_eval *E)
{
	for (size_t i = 0; i < sizeof prims / sizeof prims[0]; i++)
		sb_define_prim(E, &prims[i]);
}

/* Library variables (reference §3.6). */
static struct sb_value *library_variable(struct sb_eval *E, const char *name, struct sb_span sp)
{
	static const struct { const char *name, *value; } strings[] = {
		{ "*target-platform*", "mac" },
		{ "*ios-sandbox-container*", "com.apple.sandbox.container" },
		{ "*ios-sandbox-application-group*", "com.apple.sandbox.application-group" },
		{ "*ios-sandbox-system-container*", "com.apple.sandbox.system-container" },
		{ "*ios-sandbox-system-group*", "com.apple.sandbox.system-group" },
		{ "*sandbox-executable-bundle*", "com.apple.sandbox.executable" },
	};
	for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
		if (strcmp(name, strings[i].name) == 0)
			return str_value(E, strings[i].value, sp);
	if (strcmp(name, "*entitlements*") == 0)
		return E->nil;
	if (strcmp(name, "*apply-implicit-policy*") == 0)
		return E->t;
	if (strcmp(name, "*params*") == 0) {
		struct sb_value *l = E->nil;
		for (size_t i = E->opt.ndefines; i-- > 0;) {
			const char *d = E->opt.defines[i], *eq = strchr(d, '=');
			char *k = eq ? sb_arena_strndup(E->a, d, (size_t)(eq - d)) : NULL;
			struct sb_value *pair = k ? sb_value_cons(E->a, str_value(E, k, sp),
			                                          str_value(E, eq + 1, sp), sp) : NULL;
			if (!pair || !(l = sb_value_cons(E->a, pair, l, sp)))
				return E->unknown;
		}
		return l;
	}
	if (strcmp(name, "*default-import-search-paths*") == 0) {
		struct sb_value *v[2] = { str_value(E, "/System/Library/Sandbox/Profiles", sp),
		                          str_value(E, "/usr/share/sandbox", sp) };
		return sb_list_from(E, v, 2, sp);
	}
	return E->unknown;
}

struct sb_value *sb_sbpl_resolve(struct sb_eval *E, struct sb_sym *sym, struct sb_span span)
{
	const char *name = sym->name;
	const struct sb_db_alias *via = NULL;
	const struct sb_db_op *op = sb_db_op_resolve(name, E->opt.target, &via);
	if (op || via) {
		struct sb_value *v = sb_value_new(E->a, SB_V_OP, span);
		if (!v)
			return NULL;
		v->u.op.op = op;      /* NULL for a no-op alias: the rule is dropped */
		v->u.op.alias = via;
		return v;
	}
	const struct sb_db_spelling *sp = sb_db_filter_lookup(name);
	if (sp) {
		struct sb_prim *p = sb_arena_alloc(E->a, sizeof *p);
		struct sb_value *v = p ? sb_value_new(E->a, SB_V_PRIM, span) : NULL;
		if (!v)
			return NULL;
		p->name = sp->name;
		p->fn = p_filter;
		p->min = 0;
		p->max = -1;
		p->data = sp;
		v->u.prim = p;
		return v;
	}
	const struct sb_db_libfn *lib = sb_db_library_lookup(name);
	if (lib) {
		if (lib->kind == SB_DB_LIB_VARIABLE)
			return library_variable(E, name, span);
		struct sb_prim *p = sb_arena_alloc(E->a, sizeof *p);
		struct sb_value *v = p ? sb_value_new(E->a, SB_V_PRIM, span) : NULL;
		if (!v)
			return NULL;
		p->name = lib->name;
		p->min = 0;
		p->max = -1;
		p->data = lib;
		p->fn = lib->kind == SB_DB_LIB_FILTER && lib->expands && strchr(lib->expands, ' ')
		        ? p_builder : p_unknown;
		v->u.prim = p;
		return v;
	}
	const struct sb_db_modifier *mod = sb_db_modifier_resolve(name, E->opt.target, &via);
	if (mod || via) {
		struct sb_modifier *m = sb_arena_alloc(E->a, sizeof *m);
		struct sb_value *v = m ? sb_value_new(E->a, SB_V_MOD, span) : NULL;
		if (!v)
			return NULL;
		m->mod = mod;
		m->alias = via;
		m->spelled = name;
		m->span = span;
		v->u.mod = m;
		return v;
	}
	if (sb_db_constant_lookup(name, NULL, NULL)) {
		struct sb_value *v = sb_value_new(E->a, SB_V_SYM, span);
		if (v)
			v->u.sym = sym;
		return v;
	}
	return NULL;
}
