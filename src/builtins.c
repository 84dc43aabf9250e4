/*
 * builtins.c -- the Scheme primitives real profiles use (reference §3.5):
 * lists, higher-order procedures, numbers, strings, characters, predicates.
 * An unknown argument makes the result unknown, silently: the error that made
 * it was already reported.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval_impl.h"

#define PRIM(fn) static struct sb_value *fn(struct sb_eval *E, struct sb_value **a, \
	uint32_t n, struct sb_span call, const void *data)
#define UNUSED (void)E; (void)a; (void)n; (void)call; (void)data

static bool any_unknown(struct sb_value **a, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (a[i]->kind == SB_V_UNKNOWN)
			return true;
	return false;
}

static struct sb_value *boolv(struct sb_eval *E, bool b)
{
	return b ? E->t : E->f;
}

static struct sb_value *type_error(struct sb_eval *E, const char *fn, const char *want,
                                   struct sb_value *got, struct sb_span call)
{
	if (got->kind == SB_V_UNKNOWN)
		return E->unknown;
	if (sb_check_missing_param(E, got, fn))
		return E->unknown;
	return sb_err(E, SB_RULE_BAD_ARGUMENT, got->span.file == SB_NO_FILE ? call : got->span,
	              "'%s' needs %s, got %s", fn, want, sb_value_repr(E->a, got));
}

/* ------------------------------------------------------------ lists */

PRIM(p_cons) { UNUSED; return sb_value_cons(E->a, a[0], a[1], call); }

/* c[ad]+r: data is the path, read right to left ("ad" = car of cdr) */
PRIM(p_cxr)
{
	UNUSED;
	const char *path = data;
	struct sb_value *v = a[0];
	for (size_t i = strlen(path); i-- > 0;) {
		if (v->kind == SB_V_UNKNOWN)
			return v;
		if (v->kind != SB_V_PAIR) {
			const char *name = sb_arena_printf(E->a, "c%sr", path);
			return type_error(E, name ? name : "c...r", "a pair", v, call);
		}
		v = path[i] == 'a' ? v->u.pair.car : v->u.pair.cdr;
	}
	return v;
}

PRIM(p_list) { UNUSED; return sb_list_from(E, a, n, call); }

PRIM(p_length)
{
	UNUSED;
	long len = sb_list_length(a[0]);
	if (len < 0)
		return type_error(E, "length", "a list", a[0], call);
	return sb_value_int(E->a, len, call);
}

PRIM(p_append)
{
	UNUSED;
	if (n == 0)
		return E->nil;
	struct sb_value *head = E->nil, **tail = &head;
	for (uint32_t i = 0; i + 1 < n; i++) {
		if (a[i]->kind == SB_V_UNKNOWN)
			return E->unknown;
		if (sb_list_length(a[i]) < 0)
			return type_error(E, "append", "a list", a[i], call);
		sb_eval_step(E, (uint64_t)sb_list_length(a[i]));
		for (struct sb_value *p = a[i]; p->kind == SB_V_PAIR; p = p->u.pair.cdr) {
			struct sb_value *c = sb_value_cons(E->a, p->u.pair.car, E->nil, p->span);
			if (!c)
				return E->unknown;
			*tail = c;
			tail = &c->u.pair.cdr;
		}
	}
	*tail = a[n - 1];
	return head;
}

PRIM(p_reverse)
{
	UNUSED;
	if (sb_list_length(a[0]) < 0)
		return type_error(E, "reverse", "a list", a[0], call);
	struct sb_value *r = E->nil;
	for (struct sb_value *p = a[0]; p->kind == SB_V_PAIR; p = p->u.pair.cdr)
		if (!(r = sb_value_cons(E->a, p->u.pair.car, r, p->span)))
			return E->unknown;
	return r;
}

static bool want_index(struct sb_eval *E, struct sb_value *v, const char *fn, int64_t *out,
                       struct sb_span call)
{
	if (v->kind != SB_V_NUM || !(v->flags & SB_VF_EXACT) || v->u.num.i < 0) {
		type_error(E, fn, "a non-negative integer", v, call);
		return false;
	}
	*out = v->u.num.i;
	return true;
}

/* list-tail, and list-ref through it (data: the name to report) */
PRIM(p_list_tail)
{
	UNUSED;
	const char *fn = data ? data : "list-tail";
	int64_t k;
	if (any_unknown(a, n) || !want_index(E, a[1], fn, &k, call))
		return E->unknown;
	struct sb_value *p = a[0];
	for (; k > 0 && p->kind == SB_V_PAIR; k--)
		p = p->u.pair.cdr;
	if (k > 0)
		return sb_err(E, SB_RULE_BAD_ARGUMENT, call, "'%s': the list is too short", fn);
	return p;
}

PRIM(p_list_ref)
{
	(void)data;
	struct sb_value *t = p_list_tail(E, a, n, call, "list-ref");
	if (t->kind != SB_V_PAIR)
		return t->kind == SB_V_UNKNOWN ? t : sb_err(E, SB_RULE_BAD_ARGUMENT, call,
		                                            "'list-ref': the list is too short");
	return t->u.pair.car;
}

/* memq/memv/member (data: 0 eq, 1 eqv, 2 equal) and assq/assv/assoc (3..5) */
PRIM(p_mem)
{
	UNUSED;
	int kind = (int)(intptr_t)data;
	if (any_unknown(a, n))
		return E->unknown;
	for (struct sb_value *p = a[1]; p->kind == SB_V_PAIR; p = p->u.pair.cdr) {
		struct sb_value *item = p->u.pair.car;
		struct sb_value *key = item;
		if (kind >= 3) {
			if (item->kind != SB_V_PAIR)
				continue;
			key = item->u.pair.car;
		}
		bool hit = kind % 3 == 2 ? sb_value_equal(a[0], key) : sb_value_eqv(a[0], key);
		if (hit)
			return kind >= 3 ? item : p;
	}
	return E->f;
}

PRIM(p_set_car)
{
	UNUSED;
	if (a[0]->kind != SB_V_PAIR)
		return type_error(E, data ? "set-cdr!" : "set-car!", "a pair", a[0], call);
	if (data)
		a[0]->u.pair.cdr = a[1];
	else
		a[0]->u.pair.car = a[1];
	return E->voidv;
}

PRIM(p_last_pair)
{
	UNUSED;
	struct sb_value *p = a[0];
	if (p->kind != SB_V_PAIR)
		return type_error(E, "last-pair", "a pair", p, call);
	while (p->u.pair.cdr->kind == SB_V_PAIR)
		p = p->u.pair.cdr;
	return p;
}

/* ------------------------------------------------------------ higher order */

/* Collect the elements of the lists in a[1..n) for map / for-each. */
static struct sb_value *map_each(struct sb_eval *E, struct sb_value **a, uint32_t n,
                                 struct sb_span call, bool collect, const char *name)
{
	if (any_unknown(a, n))
		return E->unknown;
	struct sb_value *lists[8];
	if (n - 1 > 8)
		return sb_err(E, SB_RULE_UNSUPPORTED_CONSTRUCT, call,
		              "'%s' over more than 8 lists", name);
	for (uint32_t i = 1; i < n; i++) {
		if (sb_list_length(a[i]) < 0)
			return type_error(E, name, "a list", a[i], call);
		lists[i - 1] = a[i];
	}
	struct sb_value *head = E->nil, **tail = &head;
	for (;;) {
		struct sb_value *args[8];
		for (uint32_t i = 0; i < n - 1; i++) {
			if (lists[i]->kind != SB_V_PAIR)
				return collect ? head : E->voidv;
			args[i] = lists[i]->u.pair.car;
			lists[i] = lists[i]->u.pair.cdr;
		}
		struct sb_value *r = sb_apply(E, a[0], args, n - 1, call);
		if (E->aborted)
			return E->unknown;
		if (collect) {
			struct sb_value *c = sb_value_cons(E->a, r, E->nil, call);
			if (!c)
				return E->unknown;
			*tail = c;
			tail = &c->u.pair.cdr;
		}
	}
}

PRIM(p_map) { UNUSED; return map_each(E, a, n, call, true, "map"); }
PRIM(p_for_each) { UNUSED; return map_each(E, a, n, call, false, "for-each"); }

PRIM(p_apply)
{
	UNUSED;
	/* (apply f a b ... list) */
	struct sb_value *last = a[n - 1];
	if (last->kind == SB_V_UNKNOWN || a[0]->kind == SB_V_UNKNOWN)
		return E->unknown;
	long len = sb_list_length(last);
	if (len < 0)
		return type_error(E, "apply", "a list as its last argument", last, call);
	uint32_t total = n - 2 + (uint32_t)len;
	struct sb_value **args = sb_arena_calloc(E->a, total ? total : 1, sizeof *args);
	if (!args)
		return E->unknown;
	uint32_t k = 0;
	for (uint32_t i = 1; i + 1 < n; i++)
		args[k++] = a[i];
	for (struct sb_value *p = last; p->kind == SB_V_PAIR; p = p->u.pair.cdr)
		args[k++] = p->u.pair.car;
	return sb_apply(E, a[0], args, k, call);
}

/* filter (data 0) and partition (data 1): partition returns (matching rest) */
PRIM(p_filter)
{
	UNUSED;
	if (any_unknown(a, n))
		return E->unknown;
	if (sb_list_length(a[1]) < 0)
		return type_error(E, data ? "partition" : "filter", "a list", a[1], call);
	struct sb_value *yes = E->nil, **ty = &yes, *no = E->nil, **tn = &no;
	for (struct sb_value *p = a[1]; p->kind == SB_V_PAIR; p = p->u.pair.cdr) {
		struct sb_value *r = sb_apply(E, a[0], &p->u.pair.car, 1, call);
		if (r->kind == SB_V_UNKNOWN)
			return E->unknown;
		struct sb_value *c = sb_value_cons(E->a, p->u.pair.car, E->nil, p->span);
		if (!c)
			return E->unknown;
		if (sb_value_truthy(r)) {
			*ty = c;
			ty = &c->u.pair.cdr;
		} else {
			*tn = c;
			tn = &c->u.pair.cdr;
		}
	}
	if (!data)
		return yes;
	struct sb_value *pair[2] = { yes, no };
	return sb_list_from(E, pair, 2, call);
}

/*
 * (foldr f init list) as in Apple's init.scm, which keeps TinyScheme's
 * definition: despite its name a left fold, (f (f (f init a) b) c).  foldl
 * (not in init.scm) folds the same way.
 */
PRIM(p_fold)
{
	UNUSED;
	if (any_unknown(a, n))
		return E->unknown;
	long len = sb_list_length(a[2]);
	if (len < 0)
		return type_error(E, data ? "foldl" : "foldr", "a list", a[2], call);
	struct sb_value **items = sb_arena_calloc(E->a, len ? (size_t)len : 1, sizeof *items);
	if (!items)
		return E->unknown;
	long k = 0;
	for (struct sb_value *p = a[2]; p->kind == SB_V_PAIR; p = p->u.pair.cdr)
		items[k++] = p->u.pair.car;
	struct sb_value *acc = a[1];
	for (long i = 0; i < len; i++) {
		struct sb_value *args[2] = { acc, items[i] };
		acc = sb_apply(E, a[0], args, 2, call);
	}
	return acc;
}

/* flatten (10.12+ init.scm): nested lists into one list */
PRIM(p_flatten)
{
	UNUSED;
	struct sb_value *head = E->nil, **tail = &head;
	struct sb_value *stack[SB_MAX_CALL_DEPTH / 4];
	size_t sp = 0;
	stack[sp++] = a[0];
	while (sp) {
		struct sb_value *v = stack[--sp];
		if (v->kind == SB_V_UNKNOWN)
			return v;
		if (v->kind == SB_V_NIL)
			continue;
		if (v->kind == SB_V_PAIR) {
			if (sp + 2 > sizeof stack / sizeof stack[0])
				return sb_err(E, SB_RULE_RESOURCE_LIMIT, call, "'flatten': list nested too deep");
			stack[sp++] = v->u.pair.cdr;
			stack[sp++] = v->u.pair.car;
			continue;
		}
		struct sb_value *c = sb_value_cons(E->a, v, E->nil, call);
		if (!c)
			return E->unknown;
		*tail = c;
		tail = &c->u.pair.cdr;
	}
	return head;
}

/* ------------------------------------------------------------ predicates */

PRIM(p_is)
{
	UNUSED;
	int k = (int)(intptr_t)data;
	struct sb_value *v = a[0];
	if (v->kind == SB_V_UNKNOWN)
		return E->unknown;
	switch (k) {
	case 0: return boolv(E, v->kind == SB_V_NIL);
	case 1: return boolv(E, v->kind == SB_V_PAIR);
	case 2: return boolv(E, sb_list_length(v) >= 0);
	case 3: return boolv(E, v->kind == SB_V_SYM);
	case 4: return boolv(E, v->kind == SB_V_STR);
	case 5: return boolv(E, v->kind == SB_V_NUM);
	case 6: return boolv(E, v->kind == SB_V_NUM && (v->flags & SB_VF_EXACT));
	case 7: return boolv(E, v->kind == SB_V_BOOL);
	case 8: return boolv(E, v->kind == SB_V_CLOSURE || v->kind == SB_V_PRIM);
	case 9: return boolv(E, v->kind == SB_V_CHAR);
	case 10: return boolv(E, v->kind == SB_V_VECTOR);
	case 11: return boolv(E, v->kind != SB_V_PAIR);    /* atom? */
	}
	return E->f;
}

PRIM(p_not) { UNUSED; return a[0]->kind == SB_V_UNKNOWN ? a[0] : boolv(E, !sb_value_truthy(a[0])); }

PRIM(p_eq)
{
	UNUSED;
	if (any_unknown(a, n))
		return E->unknown;
	return boolv(E, data ? sb_value_equal(a[0], a[1]) : sb_value_eqv(a[0], a[1]));
}

/* ------------------------------------------------------------ numbers */

static bool nums(struct sb_eval *E, struct sb_value **a, uint32_t n, const char *fn,
                 struct sb_span call, bool *exact)
{
	*exact = true;
	for (uint32_t i = 0; i < n; i++) {
		if (a[i]->kind == SB_V_UNKNOWN)
			return false;
		if (a[i]->kind != SB_V_NUM) {
			type_error(E, fn, "a number", a[i], call);
			return false;
		}
		*exact = *exact && (a[i]->flags & SB_VF_EXACT);
	}
	return true;
}

static struct sb_value *num_result(struct sb_eval *E, bool exact, int64_t i, double d,
                                   struct sb_span call)
{
	if (exact)
		return sb_value_int(E->a, i, call);
	struct sb_value *v = sb_value_new(E->a, SB_V_NUM, call);
	if (!v)
		return E->unknown;
	v->u.num.d = d;
	v->u.num.i = (int64_t)d;
	return v;
}

/* + - * (data: '+', '-', '*') with wrap-around avoided through __builtin checks */
PRIM(p_arith)
{
	UNUSED;
	char op = (char)(intptr_t)data;
	bool exact;
	if (!nums(E, a, n, op == '+' ? "+" : op == '-' ? "-" : "*", call, &exact))
		return E->unknown;
	int64_t acc = op == '*' ? 1 : 0;
	double dacc = op == '*' ? 1.0 : 0.0;
	for (uint32_t i = 0; i < n; i++) {
		int64_t x = a[i]->u.num.i;
		double dx = a[i]->u.num.d;
		bool first_minus = op == '-' && i == 0 && n > 1;
		if (first_minus) {
			acc = x;
			dacc = dx;
			continue;
		}
		bool ovf = false;
		switch (op) {
		case '+': ovf = __builtin_add_overflow(acc, x, &acc); dacc += dx; break;
		case '-': ovf = __builtin_sub_overflow(acc, x, &acc); dacc -= dx; break;
		default:  ovf = __builtin_mul_overflow(acc, x, &acc); dacc *= dx; break;
		}
		if (ovf && exact)
			exact = false;
	}
	return num_result(E, exact, acc, dacc, call);
}

PRIM(p_divide)
{
	UNUSED;
	bool exact;
	if (!nums(E, a, n, "/", call, &exact))
		return E->unknown;
	double d = n == 1 ? 1.0 : a[0]->u.num.d;
	for (uint32_t i = n == 1 ? 0 : 1; i < n; i++) {
		if (a[i]->u.num.d == 0.0)
			return sb_err(E, SB_RULE_BAD_ARGUMENT, call, "division by zero");
		d /= a[i]->u.num.d;
	}
	bool whole = exact && d == floor(d) && fabs(d) < 9e18;
	return num_result(E, whole, (int64_t)d, d, call);
}

/* quotient remainder modulo (data 0 1 2) */
PRIM(p_intdiv)
{
	UNUSED;
	int k = (int)(intptr_t)data;
	static const char *const names[] = { "quotient", "remainder", "modulo" };
	bool exact;
	if (!nums(E, a, n, names[k], call, &exact))
		return E->unknown;
	if (!exact)
		return type_error(E, names[k], "integers", a[0]->flags & SB_VF_EXACT ? a[1] : a[0],
		                  call);
	int64_t x = a[0]->u.num.i, y = a[1]->u.num.i;
	if (y == 0)
		return sb_err(E, SB_RULE_BAD_ARGUMENT, call, "'%s' by zero", names[k]);
	if (y == -1)
		return sb_value_int(E->a, k == 0 ? (x == INT64_MIN ? x : -x) : 0, call);
	int64_t r = k == 0 ? x / y : x % y;
	if (k == 2 && r != 0 && ((r < 0) != (y < 0)))
		r += y;
	return sb_value_int(E->a, r, call);
}

/* = < > <= >= (data: 0..4) */
PRIM(p_compare)
{
	UNUSED;
	int k = (int)(intptr_t)data;
	static const char *const names[] = { "=", "<", ">", "<=", ">=" };
	bool exact;
	if (!nums(E, a, n, names[k], call, &exact))
		return E->unknown;
	for (uint32_t i = 0; i + 1 < n; i++) {
		double x = a[i]->u.num.d, y = a[i + 1]->u.num.d;
		bool ok;
		if (exact) {
			int64_t p = a[i]->u.num.i, q = a[i + 1]->u.num.i;
			ok = k == 0 ? p == q : k == 1 ? p < q : k == 2 ? p > q : k == 3 ? p <= q : p >= q;
		} else {
			ok = k == 0 ? x == y : k == 1 ? x < y : k == 2 ? x > y : k == 3 ? x <= y : x >= y;
		}
		if (!ok)
			return E->f;
	}
	return E->t;
}

/* zero? positive? negative? odd? even? (data 0..4) */
PRIM(p_numpred)
{
	UNUSED;
	int k = (int)(intptr_t)data;
	static const char *const names[] = { "zero?", "positive?", "negative?", "odd?", "even?" };
	bool exact;
	if (!nums(E, a, 1, names[k], call, &exact))
		return E->unknown;
	double d = a[0]->u.num.d;
	int64_t i = a[0]->u.num.i;
	switch (k) {
	case 0: return boolv(E, d == 0.0);
	case 1: return boolv(E, d > 0.0);
	case 2: return boolv(E, d < 0.0);
	case 3: return boolv(E, i % 2 != 0);
	default: return boolv(E, i % 2 == 0);
	}
}

/* abs min max (data 0 1 2) */
PRIM(p_minmax)
{
	UNUSED;
	int k = (int)(intptr_t)data;
	bool exact;
	if (!nums(E, a, n, k == 0 ? "abs" : k == 1 ? "min" : "max", call, &exact))
		return E->unknown;
	if (k == 0) {   /* -INT64_MIN does not fit: inexact, as when + - * overflow */
		int64_t i = a[0]->u.num.i;
		if (i == INT64_MIN)
			exact = false;
		return num_result(E, exact, i < 0 && exact ? -i : i, fabs(a[0]->u.num.d), call);
	}
	struct sb_value *best = a[0];
	for (uint32_t i = 1; i < n; i++)
		if (k == 1 ? a[i]->u.num.d < best->u.num.d : a[i]->u.num.d > best->u.num.d)
			best = a[i];
	return best;
}

PRIM(p_exactness)
{
	UNUSED;
	bool exact;
	if (!nums(E, a, 1, data ? "exact->inexact" : "inexact->exact", call, &exact))
		return E->unknown;
	if (data)
		return num_result(E, false, 0, a[0]->u.num.d, call);
	return sb_value_int(E->a, (int64_t)a[0]->u.num.d, call);
}

PRIM(p_number_to_string)
{
	UNUSED;
	bool exact;
	if (!nums(E, a, n, "number->string", call, &exact))
		return E->unknown;
	int64_t radix = n == 2 ? a[1]->u.num.i : 10;
	if (radix != 2 && radix != 8 && radix != 10 && radix != 16)
		return sb_err(E, SB_RULE_BAD_ARGUMENT, a[1]->span.file == SB_NO_FILE ? call : a[1]->span,
		              "'number->string' takes a radix of 2, 8, 10 or 16");
	const char *s;
	if (a[0]->flags & SB_VF_EXACT && radix != 10) {
		char buf[72];
		size_t k = sizeof buf;
		int64_t i = a[0]->u.num.i;
		uint64_t u = i < 0 ? -(uint64_t)i : (uint64_t)i;
		buf[--k] = '\0';
		do {
			buf[--k] = "0123456789abcdef"[u % (uint64_t)radix];
			u /= (uint64_t)radix;
		} while (u);
		if (i < 0)
			buf[--k] = '-';
		s = sb_arena_strdup(E->a, buf + k);
	} else {
		s = a[0]->flags & SB_VF_EXACT ? sb_arena_printf(E->a, "%lld", (long long)a[0]->u.num.i)
		                              : sb_arena_printf(E->a, "%.15g", a[0]->u.num.d);
	}
	return s ? sb_value_str(E->a, s, (uint32_t)strlen(s), call) : E->unknown;
}

PRIM(p_string_to_number)
{
	UNUSED;
	const struct sb_value *s = sb_want_string(E, a[0], "string->number", call);
	if (!s)
		return E->unknown;
	int base = 10;
	if (n == 2 && a[1]->kind == SB_V_NUM)
		base = (int)a[1]->u.num.i;
	if (s->u.str.len == 0 || strlen(s->u.str.s) != s->u.str.len)
		return E->f;
	char *end;
	long long v = strtoll(s->u.str.s, &end, base);
	if (*end == '\0')
		return sb_value_int(E->a, v, call);
	double d = strtod(s->u.str.s, &end);
	if (*end == '\0' && base == 10)
		return num_result(E, false, 0, d, call);
	return E->f;
}

/* ------------------------------------------------------------ strings */

PRIM(p_string_append)
{
	UNUSED;
	size_t total = 0;
	bool unknown = false;
	for (uint32_t i = 0; i < n; i++) {
		const struct sb_value *s = sb_want_string(E, a[i], "string-append", call);
		if (!s) {
			unknown = true;
			continue;
		}
		total += s->u.str.len;
	}
	if (unknown)
		return E->unknown;
	if (total > SB_MAX_STRING)
		return sb_err(E, SB_RULE_RESOURCE_LIMIT, call,
		              "'string-append' would build a string of %zu bytes, over the %u limit",
		              total, SB_MAX_STRING);
	if (!sb_eval_step(E, total / 64))
		return E->unknown;
	char *buf = sb_arena_alloc(E->a, total + 1);
	if (!buf)
		return E->unknown;
	size_t k = 0;
	for (uint32_t i = 0; i < n; i++) {
		memcpy(buf + k, a[i]->u.str.s, a[i]->u.str.len);
		k += a[i]->u.str.len;
	}
	struct sb_value *r = sb_value_str(E->a, buf, (uint32_t)total, call);
	/* one literal piece and nothing else: keep pointing at the literal */
	if (r && n == 1) {
		r->flags = a[0]->flags;
		r->span = a[0]->span;
		r->u.str.escape_off = a[0]->u.str.escape_off;
	}
	return r ? r : E->unknown;
}

PRIM(p_string_length)
{
	UNUSED;
	const struct sb_value *s = sb_want_string(E, a[0], "string-length", call);
	return s ? sb_value_int(E->a, s->u.str.len, call) : E->unknown;
}

PRIM(p_substring)
{
	UNUSED;
	const struct sb_value *s = sb_want_string(E, a[0], "substring", call);
	int64_t from, to = s ? s->u.str.len : 0;
	if (!s || !want_index(E, a[1], "substring", &from, call) ||
	    (n == 3 && !want_index(E, a[2], "substring", &to, call)))
		return E->unknown;
	if (from > to || to > s->u.str.len)
		return sb_err(E, SB_RULE_BAD_ARGUMENT, call,
		              "'substring' %lld..%lld is outside the string of length %u",
		              (long long)from, (long long)to, s->u.str.len);
	char *c = sb_arena_strndup(E->a, s->u.str.s + from, (size_t)(to - from));
	return c ? sb_value_str(E->a, c, (uint32_t)(to - from), call) : E->unknown;
}

PRIM(p_string_ref)
{
	UNUSED;
	const struct sb_value *s = sb_want_string(E, a[0], "string-ref", call);
	int64_t k;
	if (!s || !want_index(E, a[1], "string-ref", &k, call))
		return E->unknown;
	if (k >= s->u.str.len)
		return sb_err(E, SB_RULE_BAD_ARGUMENT, call,
		              "'string-ref' index %lld is past the end of a string of length %u",
		              (long long)k, s->u.str.len);
	struct sb_value *c = sb_value_new(E->a, SB_V_CHAR, call);
	if (!c)
		return E->unknown;
	c->u.ch = (unsigned char)s->u.str.s[k];
	return c;
}

/* string=? string<? string>? string-ci=? (data 0..3) */
PRIM(p_string_compare)
{
	UNUSED;
	int k = (int)(intptr_t)data;
	static const char *const names[] = { "string=?", "string<?", "string>?", "string-ci=?" };
	const struct sb_value *x = sb_want_string(E, a[0], names[k], call);
	const struct sb_value *y = sb_want_string(E, a[1], names[k], call);
	if (!x || !y)
		return E->unknown;
	size_t m = x->u.str.len < y->u.str.len ? x->u.str.len : y->u.str.len;
	int c;
	if (k == 3) {
		c = 0;
		for (size_t i = 0; i < m && !c; i++) {
			int p = x->u.str.s[i], q = y->u.str.s[i];
			p = p >= 'A' && p <= 'Z' ? p + 32 : p;
			q = q >= 'A' && q <= 'Z' ? q + 32 : q;
			c = p - q;
		}
	} else {
		c = memcmp(x->u.str.s, y->u.str.s, m);
	}
	if (!c)
		c = x->u.str.len < y->u.str.len ? -1 : x->u.str.len > y->u.str.len;
	return boolv(E, k == 1 ? c < 0 : k == 2 ? c > 0 : c == 0);
}

/* string-prefix? / string-suffix? (data 0 1): (string-prefix? prefix s) */
PRIM(p_string_affix)
{
	UNUSED;
	const char *fn = data ? "string-suffix?" : "string-prefix?";
	const struct sb_value *p = sb_want_string(E, a[0], fn, call);
	const struct sb_value *s = sb_want_string(E, a[1], fn, call);
	if (!p || !s)
		return E->unknown;
	if (p->u.str.len > s->u.str.len)
		return E->f;
	size_t off = data ? s->u.str.len - p->u.str.len : 0;
	return boolv(E, memcmp(s->u.str.s + off, p->u.str.s, p->u.str.len) == 0);
}

PRIM(p_string_to_symbol)
{
	UNUSED;
	const struct sb_value *s = sb_want_string(E, a[0], "string->symbol", call);
	if (!s)
		return E->unknown;
	struct sb_value *v = sb_value_new(E->a, SB_V_SYM, call);
	struct sb_sym *sym = sb_intern(E, s->u.str.s, s->u.str.len);
	if (!v || !sym)
		return E->unknown;
	v->u.sym = sym;
	return v;
}

PRIM(p_symbol_to_string)
{
	UNUSED;
	if (a[0]->kind != SB_V_SYM)
		return type_error(E, "symbol->string", "a symbol", a[0], call);
	return sb_value_str(E->a, a[0]->u.sym->name, a[0]->u.sym->len, call);
}

PRIM(p_string_to_list)
{
	UNUSED;
	const struct sb_value *s = sb_want_string(E, a[0], "string->list", call);
	if (!s)
		return E->unknown;
	struct sb_value *l = E->nil;
	for (uint32_t i = s->u.str.len; i-- > 0;) {
		struct sb_value *c = sb_value_new(E->a, SB_V_CHAR, call);
		if (!c || !(l = sb_value_cons(E->a, c, l, call)))
			return E->unknown;
		c->u.ch = (unsigned char)s->u.str.s[i];
	}
	return l;
}

/* (split-string "a:b" ":") -> ("a" "b"), as libsandbox's library has it */
PRIM(p_split_string)
{
	UNUSED;
	const struct sb_value *s = sb_want_string(E, a[0], "split-string", call);
	const struct sb_value *sep = sb_want_string(E, a[1], "split-string", call);
	if (!s || !sep)
		return E->unknown;
	if (sep->u.str.len == 0)
		return sb_err(E, SB_RULE_BAD_ARGUMENT, call, "'split-string' needs a separator");
	struct sb_value *head = E->nil, **tail = &head;
	const char *p = s->u.str.s, *end = p + s->u.str.len;
	for (;;) {
		const char *q = p;
		while (q + sep->u.str.len <= end && memcmp(q, sep->u.str.s, sep->u.str.len) != 0)
			q++;
		if (q + sep->u.str.len > end)
			q = end;
		char *piece = sb_arena_strndup(E->a, p, (size_t)(q - p));
		struct sb_value *v = piece ? sb_value_str(E->a, piece, (uint32_t)(q - p), call) : NULL;
		struct sb_value *c = v ? sb_value_cons(E->a, v, E->nil, call) : NULL;
		if (!c)
			return E->unknown;
		*tail = c;
		tail = &c->u.pair.cdr;
		if (q == end)
			return head;
		p = q + sep->u.str.len;
	}
}

/* list->string (data 0) and string (data 1): characters into a string */
PRIM(p_chars_to_string)
{
	UNUSED;
	struct sb_value *list = data ? sb_list_from(E, a, n, call) : a[0];
	long len = sb_list_length(list);
	if (list->kind == SB_V_UNKNOWN)
		return list;
	if (len < 0)
		return type_error(E, "list->string", "a list of characters", list, call);
	char *buf = sb_arena_alloc(E->a, (size_t)len + 1);
	if (!buf)
		return E->unknown;
	long k = 0;
	for (struct sb_value *p = list; p->kind == SB_V_PAIR; p = p->u.pair.cdr) {
		if (p->u.pair.car->kind != SB_V_CHAR)
			return type_error(E, data ? "string" : "list->string", "characters",
			                  p->u.pair.car, call);
		buf[k++] = (char)p->u.pair.car->u.ch;
	}
	return sb_value_str(E->a, buf, (uint32_t)len, call);
}

/* ------------------------------------------------------------ characters */

static bool chars(struct sb_eval *E, struct sb_value **a, uint32_t n, const char *fn,
                  struct sb_span call)
{
	for (uint32_t i = 0; i < n; i++) {
		if (a[i]->kind == SB_V_UNKNOWN)
			return false;
		if (a[i]->kind != SB_V_CHAR) {
			type_error(E, fn, "a character", a[i], call);
			return false;
		}
	}
	return true;
}

PRIM(p_char_eq)
{
	UNUSED;
	if (!chars(E, a, n, "char=?", call))
		return E->unknown;
	return boolv(E, a[0]->u.ch == a[1]->u.ch);
}

PRIM(p_char_to_integer)
{
	UNUSED;
	if (!chars(E, a, 1, "char->integer", call))
		return E->unknown;
	return sb_value_int(E->a, a[0]->u.ch, call);
}

PRIM(p_integer_to_char)
{
	UNUSED;
	bool exact;
	if (!nums(E, a, 1, "integer->char", call, &exact))
		return E->unknown;
	struct sb_value *c = sb_value_new(E->a, SB_V_CHAR, call);
	if (!c)
		return E->unknown;
	c->u.ch = (uint32_t)(a[0]->u.num.i & 0xff);
	return c;
}

/* ------------------------------------------------------------ vectors */

PRIM(p_vector)
{
	UNUSED;
	struct sb_value *v = sb_value_new(E->a, SB_V_VECTOR, call);
	if (!v)
		return E->unknown;
	v->u.vec.items = sb_arena_calloc(E->a, n ? n : 1, sizeof *v->u.vec.items);
	if (!v->u.vec.items)
		return E->unknown;
	memcpy(v->u.vec.items, a, n * sizeof *a);
	v->u.vec.n = n;
	return v;
}

PRIM(p_vector_ref)
{
	UNUSED;
	int64_t k;
	if (any_unknown(a, n))
		return E->unknown;
	if (a[0]->kind != SB_V_VECTOR)
		return type_error(E, "vector-ref", "a vector", a[0], call);
	if (!want_index(E, a[1], "vector-ref", &k, call))
		return E->unknown;
	if (k >= a[0]->u.vec.n)
		return sb_err(E, SB_RULE_BAD_ARGUMENT, call, "'vector-ref' index out of range");
	return a[0]->u.vec.items[k];
}

PRIM(p_vector_length)
{
	UNUSED;
	if (a[0]->kind != SB_V_VECTOR)
		return type_error(E, "vector-length", "a vector", a[0], call);
	return sb_value_int(E->a, a[0]->u.vec.n, call);
}

PRIM(p_vector_to_list)
{
	UNUSED;
	if (a[0]->kind != SB_V_VECTOR)
		return type_error(E, "vector->list", "a vector", a[0], call);
	return sb_list_from(E, a[0]->u.vec.items, a[0]->u.vec.n, call);
}

/* ------------------------------------------------------------ the rest */

PRIM(p_error)
{
	UNUSED;
	const char *msg = n && a[0]->kind == SB_V_STR ? a[0]->u.str.s : "error";
	if (E->conditional)
		return E->unknown;    /* a branch sbplc cannot decide: say nothing */
	return sb_err(E, SB_RULE_BAD_ARGUMENT, call,
	              "the profile calls (error \"%s\"); sandbox-exec stops with this message",
	              msg);
}

PRIM(p_gensym)
{
	UNUSED;
	static const char prefix[] = " gensym-";
	char buf[40];
	snprintf(buf, sizeof buf, "%s%zu", prefix, E->nsyms);
	struct sb_value *v = sb_value_new(E->a, SB_V_SYM, call);
	struct sb_sym *s = sb_intern(E, buf, strlen(buf));
	if (!v || !s)
		return E->unknown;
	v->u.sym = s;
	return v;
}

/* Procedures that read files or code at run time: named so a profile can
 * define things with them, reported when actually called. */
PRIM(p_unsupported)
{
	UNUSED;
	if (E->conditional)
		return E->unknown;
	return sb_err(E, SB_RULE_UNSUPPORTED_CONSTRUCT, call,
	              "'%s' is not supported by sbplc", (const char *)data);
}

PRIM(p_void) { UNUSED; return E->voidv; }

static const char *const cxr_paths[] = {
	"a", "d", "aa", "ad", "da", "dd", "aaa", "aad", "ada", "add", "daa", "dad", "dda",
	"ddd", "aaaa", "aaad", "aada", "aadd", "adaa", "adad", "adda", "addd", "daaa",
	"daad", "dada", "dadd", "ddaa", "ddad", "ddda", "dddd",
};

#define D(x) ((const void *)(intptr_t)(x))
static const struct sb_prim prims[] = {
	{ "cons", p_cons, 2, 2, NULL }, { "list", p_list, 0, -1, NULL },
	{ "length", p_length, 1, 1, NULL }, { "append", p_append, 0, -1, NULL },
	{ "reverse", p_reverse, 1, 1, NULL }, { "list-tail", p_list_tail, 2, 2, NULL },
	{ "list-ref", p_list_ref, 2, 2, NULL },
	{ "memq", p_mem, 2, 2, D(0) }, { "memv", p_mem, 2, 2, D(1) },
	{ "member", p_mem, 2, 2, D(2) }, { "assq", p_mem, 2, 2, D(3) },
	{ "assv", p_mem, 2, 2, D(4) }, { "assoc", p_mem, 2, 2, D(5) },
	{ "set-car!", p_set_car, 2, 2, NULL }, { "set-cdr!", p_set_car, 2, 2, D(1) },
	{ "last-pair", p_last_pair, 1, 1, NULL },
	{ "map", p_map, 2, -1, NULL }, { "for-each", p_for_each, 2, -1, NULL },
	{ "apply", p_apply, 2, -1, NULL }, { "filter", p_filter, 2, 2, NULL },
	{ "partition", p_filter, 2, 2, D(1) }, { "foldr", p_fold, 3, 3, NULL },
	{ "foldl", p_fold, 3, 3, D(1) }, { "flatten", p_flatten, 1, 1, NULL },
	{ "null?", p_is, 1, 1, D(0) }, { "pair?", p_is, 1, 1, D(1) },
	{ "list?", p_is, 1, 1, D(2) }, { "symbol?", p_is, 1, 1, D(3) },
	{ "string?", p_is, 1, 1, D(4) }, { "number?", p_is, 1, 1, D(5) },
	{ "integer?", p_is, 1, 1, D(6) }, { "boolean?", p_is, 1, 1, D(7) },
	{ "procedure?", p_is, 1, 1, D(8) }, { "char?", p_is, 1, 1, D(9) },
	{ "vector?", p_is, 1, 1, D(10) }, { "atom?", p_is, 1, 1, D(11) },
	{ "not", p_not, 1, 1, NULL }, { "eq?", p_eq, 2, 2, NULL }, { "eqv?", p_eq, 2, 2, NULL },
	{ "equal?", p_eq, 2, 2, D(1) },
	{ "+", p_arith, 0, -1, D('+') }, { "-", p_arith, 1, -1, D('-') },
	{ "*", p_arith, 0, -1, D('*') }, { "/", p_divide, 1, -1, NULL },
	{ "quotient", p_intdiv, 2, 2, D(0) }, { "remainder", p_intdiv, 2, 2, D(1) },
	{ "modulo", p_intdiv, 2, 2, D(2) },
	{ "=", p_compare, 1, -1, D(0) }, { "<", p_compare, 1, -1, D(1) },
	{ ">", p_compare, 1, -1, D(2) }, { "<=", p_compare, 1, -1, D(3) },
	{ ">=", p_compare, 1, -1, D(4) },
	{ "zero?", p_numpred, 1, 1, D(0) }, { "positive?", p_numpred, 1, 1, D(1) },
	{ "negative?", p_numpred, 1, 1, D(2) }, { "odd?", p_numpred, 1, 1, D(3) },
	{ "even?", p_numpred, 1, 1, D(4) },
	{ "abs", p_minmax, 1, 1, D(0) }, { "min", p_minmax, 1, -1, D(1) },
	{ "max", p_minmax, 1, -1, D(2) },
	{ "inexact->exact", p_exactness, 1, 1, NULL }, { "exact->inexact", p_exactness, 1, 1, D(1) },
	{ "number->string", p_number_to_string, 1, 2, NULL },
	{ "string->number", p_string_to_number, 1, 2, NULL },
	{ "string-append", p_string_append, 0, -1, NULL },
	{ "string-length", p_string_length, 1, 1, NULL },
	{ "substring", p_substring, 2, 3, NULL }, { "string-ref", p_string_ref, 2, 2, NULL },
	{ "string=?", p_string_compare, 2, 2, D(0) }, { "string<?", p_string_compare, 2, 2, D(1) },
	{ "string>?", p_string_compare, 2, 2, D(2) },
	{ "string-ci=?", p_string_compare, 2, 2, D(3) },
	{ "string-prefix?", p_string_affix, 2, 2, NULL },
	{ "string-suffix?", p_string_affix, 2, 2, D(1) },
	{ "string->symbol", p_string_to_symbol, 1, 1, NULL },
	{ "symbol->string", p_symbol_to_string, 1, 1, NULL },
	{ "string->list", p_string_to_list, 1, 1, NULL },
	{ "list->string", p_chars_to_string, 1, 1, NULL },
	{ "string", p_chars_to_string, 0, -1, D(1) },
	{ "split-string", p_split_string, 2, 2, NULL },
	{ "char=?", p_char_eq, 2, 2, NULL }, { "char->integer", p_char_to_integer, 1, 1, NULL },
	{ "integer->char", p_integer_to_char, 1, 1, NULL },
	{ "vector", p_vector, 0, -1, NULL }, { "vector-ref", p_vector_ref, 2, 2, NULL },
	{ "vector-length", p_vector_length, 1, 1, NULL },
	{ "vector->list", p_vector_to_list, 1, 1, NULL },
	{ "error", p_error, 0, -1, NULL }, { "gensym", p_gensym, 0, 0, NULL },
	{ "newline", p_void, 0, 1, NULL }, { "display", p_void, 1, 2, NULL },
	{ "write", p_void, 1, 2, NULL },
	{ "load", p_unsupported, 1, 2, "load" }, { "eval", p_unsupported, 1, 2, "eval" },
	{ "read", p_unsupported, 0, 1, "read" },
	{ "open-input-string", p_unsupported, 1, 1, "open-input-string" },
	{ "open-input-file", p_unsupported, 1, 1, "open-input-file" },
	{ "open-output-file", p_unsupported, 1, 1, "open-output-file" },
	{ "with-output-to-file", p_unsupported, 2, 2, "with-output-to-file" },
	{ "call-with-current-continuation", p_unsupported, 1, 1, "call/cc" },
	{ "call/cc", p_unsupported, 1, 1, "call/cc" },
};

void sb_builtins_init(struct sb_eval *E)
{
	for (size_t i = 0; i < sizeof prims / sizeof prims[0]; i++)
		sb_define_prim(E, &prims[i]);
	for (size_t i = 0; i < sizeof cxr_paths / sizeof cxr_paths[0]; i++) {
		struct sb_prim *p = sb_arena_alloc(E->a, sizeof *p);
		if (!p)
			return;
		p->name = sb_arena_printf(E->a, "c%sr", cxr_paths[i]);
		p->fn = p_cxr;
		p->min = p->max = 1;
		p->data = cxr_paths[i];
		sb_define_prim(E, p);
	}
}
