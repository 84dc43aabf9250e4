/*
 * datum.c -- small helpers over the datum tree.
 */
#include "datum.h"

#include <stdlib.h>
#include <string.h>

bool sb_datum_is_symbol(const struct sb_datum *d, const char *name)
{
	return d && d->kind == SB_DATUM_SYMBOL && strcmp(d->u.str.s, name) == 0;
}

/* Compare the node itself, not its children; spelling when texts are given. */
static bool same_node(const struct sb_datum *a, const char *atext,
                      const struct sb_datum *b, const char *btext)
{
	if (a->kind != b->kind)
		return false;
	if (atext && btext && a->kind != SB_DATUM_LIST && a->kind != SB_DATUM_VECTOR) {
		uint32_t an = a->span.end - a->span.start, bn = b->span.end - b->span.start;
		bool quote = a->kind >= SB_DATUM_QUOTE && a->kind <= SB_DATUM_UNQUOTE_SPLICING;
		if (!quote && (an != bn || memcmp(atext + a->span.start, btext + b->span.start, an)))
			return false;
	}
	switch (a->kind) {
	case SB_DATUM_LIST:
	case SB_DATUM_VECTOR:
		return a->u.list.n == b->u.list.n && !a->u.list.tail == !b->u.list.tail;
	case SB_DATUM_SYMBOL:
	case SB_DATUM_STRING:
	case SB_DATUM_RAW_STRING:
		return a->u.str.len == b->u.str.len &&
		       memcmp(a->u.str.s, b->u.str.s, a->u.str.len) == 0;
	case SB_DATUM_NUMBER:
		return a->u.num.exact == b->u.num.exact &&
		       (a->u.num.exact ? a->u.num.integer == b->u.num.integer
		                       : memcmp(&a->u.num.value, &b->u.num.value,
		                                sizeof a->u.num.value) == 0);
	case SB_DATUM_BOOLEAN:
		return a->u.boolean == b->u.boolean;
	case SB_DATUM_CHAR:
		return a->u.ch == b->u.ch;
	case SB_DATUM_QUOTE:
	case SB_DATUM_QUASIQUOTE:
	case SB_DATUM_UNQUOTE:
	case SB_DATUM_UNQUOTE_SPLICING:
	case SB_DATUM_ERROR:
		return true;
	}
	return false;
}

bool sb_datum_equal(const struct sb_datum *a, const char *atext,
                    const struct sb_datum *b, const char *btext)
{
	struct pair { const struct sb_datum *a, *b; } *stack = NULL;
	size_t n = 0, cap = 0;
	bool equal = true;
	const struct sb_datum *x = a, *y = b;
	for (;;) {
		if (!x || !y) {
			equal = !x && !y;
		} else if (!same_node(x, atext, y, btext)) {
			equal = false;
		} else {
			/* push the children, last first, so they pop in order */
			uint32_t k = 0;
			struct sb_datum **xs = NULL, **ys = NULL;
			if (x->kind == SB_DATUM_LIST || x->kind == SB_DATUM_VECTOR) {
				k = x->u.list.n;
				xs = x->u.list.items;
				ys = y->u.list.items;
			}
			size_t need = n + k + 2;
			if (need > cap) {
				size_t nc = cap ? cap : 64;
				while (nc < need)
					nc *= 2;
				struct pair *ns = realloc(stack, nc * sizeof *ns);
				if (!ns) {
					equal = false;
					break;
				}
				stack = ns;
				cap = nc;
			}
			if (k) {
				if (x->u.list.tail)
					stack[n++] = (struct pair){ x->u.list.tail, y->u.list.tail };
				for (uint32_t i = k; i-- > 0;)
					stack[n++] = (struct pair){ xs[i], ys[i] };
			} else if (x->kind >= SB_DATUM_QUOTE && x->kind <= SB_DATUM_UNQUOTE_SPLICING) {
				stack[n++] = (struct pair){ x->u.quoted, y->u.quoted };
			}
		}
		if (!equal || n == 0)
			break;
		n--;
		x = stack[n].a;
		y = stack[n].b;
	}
	free(stack);
	return equal;
}
