/*
 * udiff.c -- unified diff (udiff.h): split both texts into lines, drop the
 * common head and tail, find a shortest edit of the middle with Myers'
 * O((N+M)D) algorithm while D and the work stay under a bound, then print
 * hunks with SB_UDIFF_CONTEXT lines of context, numbered as GNU diff does.
 */
#include "udiff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_D 1000                      /* edits searched for; V history is (D+1)^2 */
#define MAX_WORK ((size_t)50 * 1000 * 1000)

struct line {
	const char *s;
	size_t len;                     /* with its '\n', if it has one */
	uint64_t hash;
};

struct text {
	struct line *v;
	size_t n;
	bool *changed;                  /* deleted (a) or inserted (b) */
};

static bool split(const char *s, size_t len, struct text *t)
{
	size_t n = 0;
	for (const char *p = s, *end = s + len; p < end; n++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : end;
	}
	t->n = n;
	t->v = calloc(n ? n : 1, sizeof *t->v);
	t->changed = calloc(n ? n : 1, sizeof *t->changed);
	if (!t->v || !t->changed)
		return false;
	const char *p = s, *end = s + len;
	for (size_t i = 0; i < n; i++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl + 1 : end;
		uint64_t h = 1469598103934665603u;   /* FNV-1a */
		for (const char *q = p; q < e; q++)
			h = (h ^ (unsigned char)*q) * 1099511628211u;
		t->v[i].s = p;
		t->v[i].len = (size_t)(e - p);
		t->v[i].hash = h;
		p = e;
	}
	return true;
}

static bool same(const struct line *x, const struct line *y)
{
	return x->hash == y->hash && x->len == y->len && memcmp(x->s, y->s, x->len) == 0;
}

/*
 * Mark the changed lines of a[a0..a1) and b[b0..b1) along a shortest edit.
 * hist holds V after each round d, at hist[d*d .. d*d+2d], for k = -d..d.
 * false when the bound was reached: the caller marks everything changed.
 */
static bool myers(struct text *a, size_t a0, size_t a1, struct text *b, size_t b0,
                  size_t b1, long *hist)
{
	long n = (long)(a1 - a0), m = (long)(b1 - b0);
	size_t work = 0;
	long found = -1;
	for (long d = 0; d <= MAX_D && found < 0; d++) {
		long *v = hist + d * d, *pv = d ? hist + (d - 1) * (d - 1) : NULL;
		for (long k = -d; k <= d; k += 2) {
			long x;
			/* pv is indexed k + (d - 1) */
			if (d == 0)
				x = 0;
			else if (k == -d || (k != d && pv[k - 1 + d - 1] < pv[k + 1 + d - 1]))
				x = pv[k + 1 + d - 1];           /* down: insert b[y] */
			else
				x = pv[k - 1 + d - 1] + 1;       /* right: delete a[x] */
			long y = x - k;
			while (x < n && y < m && same(&a->v[a0 + (size_t)x], &b->v[b0 + (size_t)y]))
				x++, y++, work++;
			v[k + d] = x;
			if (++work > MAX_WORK)
				return false;
			if (x >= n && y >= m) {
				found = d;
				break;
			}
		}
	}
	if (found < 0)
		return false;
	long x = n, y = m;
	for (long d = found; d > 0; d--) {
		long *pv = hist + (d - 1) * (d - 1);
		long k = x - y;
		bool down = k == -d || (k != d && pv[k - 1 + d - 1] < pv[k + 1 + d - 1]);
		long pk = down ? k + 1 : k - 1;
		long px = pv[pk + d - 1], py = px - pk;
		if (down)
			b->changed[b0 + (size_t)py] = true;
		else
			a->changed[a0 + (size_t)px] = true;
		x = px;
		y = py;
	}
	return true;
}

struct op {
	char kind;                      /* ' ', '-', '+' */
	size_t ai, bi;                  /* line index in a and b before this op */
	const struct line *l;
};

static void put_line(FILE *out, char kind, const struct line *l)
{
	fputc(kind, out);
	fwrite(l->s, 1, l->len, out);
	if (l->len == 0 || l->s[l->len - 1] != '\n')
		fputs("\n\\ No newline at end of file\n", out);
}

/* GNU numbering: "start,count", "start" when count is 1; an empty range
 * names the line before it. */
static void put_range(FILE *out, char sign, size_t start0, size_t count)
{
	if (count == 1)
		fprintf(out, " %c%zu", sign, start0 + 1);
	else
		fprintf(out, " %c%zu,%zu", sign, count ? start0 + 1 : start0, count);
}

static void hunks(FILE *out, const struct op *ops, size_t nops, const char *name)
{
	bool header = false;
	size_t i = 0;
	while (i < nops) {
		while (i < nops && ops[i].kind == ' ')
			i++;
		if (i == nops)
			break;
		size_t s = i > SB_UDIFF_CONTEXT ? i - SB_UDIFF_CONTEXT : 0, e = i;
		/* extend over changes separated by at most 2 * CONTEXT equal lines */
		for (;;) {
			while (e < nops && ops[e].kind != ' ')
				e++;
			size_t eq = e;
			while (eq < nops && ops[eq].kind == ' ' && eq - e <= 2 * SB_UDIFF_CONTEXT)
				eq++;
			if (eq < nops && ops[eq].kind != ' ' && eq - e <= 2 * SB_UDIFF_CONTEXT) {
				e = eq;
				continue;
			}
			e = e + SB_UDIFF_CONTEXT < nops ? e + SB_UDIFF_CONTEXT : nops;
			break;
		}
		size_t na = 0, nb = 0;
		for (size_t k = s; k < e; k++) {
			na += ops[k].kind != '+';
			nb += ops[k].kind != '-';
		}
		if (!header) {
			fprintf(out, "--- a/%s\n+++ b/%s\n", name, name);
			header = true;
		}
		fputs("@@", out);
		put_range(out, '-', ops[s].ai, na);
		put_range(out, '+', ops[s].bi, nb);
		fputs(" @@\n", out);
		for (size_t k = s; k < e; k++)
			put_line(out, ops[k].kind, ops[k].l);
		i = e;
	}
}

bool sb_udiff(const char *a, size_t alen, const char *b, size_t blen, const char *name,
              FILE *out)
{
	if (alen == blen && memcmp(a, b, alen) == 0)
		return true;
	struct text ta = { 0 }, tb = { 0 };
	long *hist = NULL;
	struct op *ops = NULL;
	bool ok = split(a, alen, &ta) && split(b, blen, &tb);
	size_t head = 0, atail = ta.n, btail = tb.n;
	while (ok && head < ta.n && head < tb.n && same(&ta.v[head], &tb.v[head]))
		head++;
	while (ok && atail > head && btail > head && same(&ta.v[atail - 1], &tb.v[btail - 1]))
		atail--, btail--;
	if (ok && atail > head && btail > head) {
		hist = malloc((size_t)(MAX_D + 1) * (MAX_D + 1) * sizeof *hist);
		ok = hist != NULL;
	}
	if (ok && (atail == head || btail == head ||
	           !myers(&ta, head, atail, &tb, head, btail, hist))) {
		for (size_t i = head; i < atail; i++)
			ta.changed[i] = true;
		for (size_t i = head; i < btail; i++)
			tb.changed[i] = true;
	}
	ops = ok ? calloc(ta.n + tb.n + 1, sizeof *ops) : NULL;
	ok = ok && ops;
	size_t nops = 0;
	for (size_t i = 0, j = 0; ok && (i < ta.n || j < tb.n);) {
		struct op o = { ' ', i, j, NULL };
		if (i < ta.n && ta.changed[i])
			o.kind = '-', o.l = &ta.v[i++];
		else if (j < tb.n && tb.changed[j])
			o.kind = '+', o.l = &tb.v[j++];
		else if (i < ta.n && j < tb.n)
			o.l = &ta.v[i++], j++;
		else
			break;   /* unreachable: both sides mark the same middle */
		ops[nops++] = o;
	}
	if (ok)
		hunks(out, ops, nops, name);
	free(ops);
	free(hist);
	free(ta.v);
	free(ta.changed);
	free(tb.v);
	free(tb.changed);
	return ok && !ferror(out);
}
