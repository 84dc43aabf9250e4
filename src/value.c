/*
 * value.c -- constructors, equality and printing of values.  Walks over
 * values that programs build at run time use explicit stacks or bounds:
 * a list can be as long or as deep as a loop makes it.
 */
#include "value.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

struct sb_value *sb_value_new(struct sb_arena *a, enum sb_vkind kind, struct sb_span span)
{
	struct sb_value *v = sb_arena_alloc(a, sizeof *v);
	if (v) {
		v->kind = (uint8_t)kind;
		v->span = span;
	}
	return v;
}

struct sb_value *sb_value_str(struct sb_arena *a, const char *s, uint32_t len,
                              struct sb_span span)
{
	struct sb_value *v = sb_value_new(a, SB_V_STR, span);
	if (v) {
		v->u.str.s = s;
		v->u.str.len = len;
	}
	return v;
}

struct sb_value *sb_value_int(struct sb_arena *a, int64_t i, struct sb_span span)
{
	struct sb_value *v = sb_value_new(a, SB_V_NUM, span);
	if (v) {
		v->flags = SB_VF_EXACT;
		v->u.num.i = i;
		v->u.num.d = (double)i;
	}
	return v;
}

struct sb_value *sb_value_cons(struct sb_arena *a, struct sb_value *car,
                               struct sb_value *cdr, struct sb_span span)
{
	struct sb_value *v = sb_value_new(a, SB_V_PAIR, span);
	if (v) {
		v->u.pair.car = car;
		v->u.pair.cdr = cdr;
	}
	return v;
}

long sb_list_length(const struct sb_value *v)
{
	long n = 0;
	while (v && v->kind == SB_V_PAIR) {
		n++;
		v = v->u.pair.cdr;
	}
	return v && v->kind == SB_V_NIL ? n : -1;
}

bool sb_value_truthy(const struct sb_value *v)
{
	return !(v->kind == SB_V_BOOL && !v->u.boolean.b);
}

bool sb_value_eqv(const struct sb_value *a, const struct sb_value *b)
{
	if (a == b)
		return true;
	if (a->kind != b->kind)
		return false;
	switch ((enum sb_vkind)a->kind) {
	case SB_V_NIL:
	case SB_V_VOID:
		return true;
	case SB_V_BOOL:
		return a->u.boolean.b == b->u.boolean.b;
	case SB_V_NUM:
		if ((a->flags ^ b->flags) & SB_VF_EXACT)
			return false;
		return a->flags & SB_VF_EXACT ? a->u.num.i == b->u.num.i : a->u.num.d == b->u.num.d;
	case SB_V_SYM:
		return a->u.sym == b->u.sym;
	case SB_V_CHAR:
		return a->u.ch == b->u.ch;
	case SB_V_PRIM:
		return a->u.prim == b->u.prim;
	case SB_V_OP:
		return a->u.op.op == b->u.op.op;
	case SB_V_STR:     /* TinyScheme: eqv? on strings is identity */
	default:
		return false;
	}
}

static bool equal_atom(const struct sb_value *a, const struct sb_value *b)
{
	if (a->kind == SB_V_STR && b->kind == SB_V_STR)
		return a->u.str.len == b->u.str.len &&
		       memcmp(a->u.str.s, b->u.str.s, a->u.str.len) == 0;
	return sb_value_eqv(a, b);
}

bool sb_value_equal(const struct sb_value *a, const struct sb_value *b)
{
	/* explicit stack of pairs still to compare */
	size_t cap = 64, n = 0;
	const struct sb_value **st = malloc(cap * 2 * sizeof *st);
	if (!st)
		return false;
	bool eq = true;
	st[n * 2] = a;
	st[n * 2 + 1] = b;
	n++;
	while (eq && n > 0) {
		n--;
		const struct sb_value *x = st[n * 2], *y = st[n * 2 + 1];
		if (x == y)
			continue;
		if (x->kind == SB_V_PAIR && y->kind == SB_V_PAIR) {
			if (n + 2 > cap) {
				const struct sb_value **ns = realloc(st, cap * 4 * sizeof *st);
				if (!ns) {
					eq = false;
					break;
				}
				st = ns;
				cap *= 2;
			}
			st[n * 2] = x->u.pair.cdr;
			st[n * 2 + 1] = y->u.pair.cdr;
			n++;
			st[n * 2] = x->u.pair.car;
			st[n * 2 + 1] = y->u.pair.car;
			n++;
		} else if (x->kind == SB_V_VECTOR && y->kind == SB_V_VECTOR) {
			if (x->u.vec.n != y->u.vec.n) {
				eq = false;
				break;
			}
			for (uint32_t i = 0; eq && i < x->u.vec.n; i++)
				eq = equal_atom(x->u.vec.items[i], y->u.vec.items[i]) ||
				     sb_value_equal(x->u.vec.items[i], y->u.vec.items[i]);
		} else {
			eq = equal_atom(x, y);
		}
	}
	free(st);
	return eq;
}

const char *sb_vkind_name(enum sb_vkind kind)
{
	switch (kind) {
	case SB_V_NIL:     return "empty list";
	case SB_V_BOOL:    return "boolean";
	case SB_V_NUM:     return "number";
	case SB_V_STR:     return "string";
	case SB_V_SYM:     return "symbol";
	case SB_V_CHAR:    return "character";
	case SB_V_PAIR:    return "list";
	case SB_V_VECTOR:  return "vector";
	case SB_V_CLOSURE: return "procedure";
	case SB_V_PRIM:    return "procedure";
	case SB_V_OP:      return "operation";
	case SB_V_FILTER:  return "filter";
	case SB_V_MOD:     return "modifier";
	case SB_V_UNKNOWN: return "unknown value";
	case SB_V_VOID:    return "no value";
	}
	return "value";
}

/* Append to a bounded buffer; returns false once it is full. */
struct buf {
	char s[96];
	size_t n;
};

static bool put(struct buf *b, const char *s, size_t n)
{
	size_t room = sizeof b->s - 1 - b->n;
	if (n > room) {
		memcpy(b->s + b->n, s, room);
		b->n += room;
		return false;
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	return true;
}

static bool repr(struct buf *b, const struct sb_value *v, int depth)
{
	char tmp[48];
	switch ((enum sb_vkind)v->kind) {
	case SB_V_STR:
		return put(b, "\"", 1) && put(b, v->u.str.s, strnlen(v->u.str.s, v->u.str.len)) &&
		       put(b, "\"", 1);
	case SB_V_SYM:
		return put(b, v->u.sym->name, v->u.sym->len);
	case SB_V_NUM:
		if (v->flags & SB_VF_EXACT)
			snprintf(tmp, sizeof tmp, "%lld", (long long)v->u.num.i);
		else
			snprintf(tmp, sizeof tmp, "%g", v->u.num.d);
		return put(b, tmp, strlen(tmp));
	case SB_V_BOOL:
		return put(b, v->u.boolean.b ? "#t" : "#f", 2);
	case SB_V_CHAR:
		snprintf(tmp, sizeof tmp, "#\\%c", (char)v->u.ch);
		return put(b, tmp, strlen(tmp));
	case SB_V_NIL:
		return put(b, "()", 2);
	case SB_V_PAIR: {
		if (depth > 3)
			return put(b, "(...)", 5);
		if (!put(b, "(", 1))
			return false;
		int k = 0;
		for (; v->kind == SB_V_PAIR; v = v->u.pair.cdr, k++) {
			if (k && !put(b, " ", 1))
				return false;
			if (k >= 6)
				return put(b, "...)", 4);
			if (!repr(b, v->u.pair.car, depth + 1))
				return false;
		}
		if (v->kind != SB_V_NIL && !(put(b, " . ", 3) && repr(b, v, depth + 1)))
			return false;
		return put(b, ")", 1);
	}
	default: {
		const char *k = sb_vkind_name((enum sb_vkind)v->kind);
		return put(b, "#<", 2) && put(b, k, strlen(k)) && put(b, ">", 1);
	}
	}
}

const char *sb_value_repr(struct sb_arena *a, const struct sb_value *v)
{
	struct buf b = { .n = 0 };
	if (!repr(&b, v, 0) && b.n >= 3)
		memcpy(b.s + b.n - 3, "...", 3);
	return sb_arena_strndup(a, b.s, b.n);
}
