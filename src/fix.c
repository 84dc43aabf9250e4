/*
 * fix.c -- see fix.h.  Accepted edits are kept in position order and spliced
 * into the text in one pass, so any number of fixes costs one copy.
 */
#include "fix.h"

#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "diag.h"
#include "strbuf.h"

/* Edits in position order: by start, then end. */
static int cmp_edit(uint32_t as, uint32_t ae, uint32_t bs, uint32_t be)
{
	if (as != bs)
		return as < bs ? -1 : 1;
	return ae < be ? -1 : ae > be;
}

/* Do [s, e) and the edit a clash?  Two insertions at one place clash too
 * (their order would be unclear), and so does an insertion inside a range. */
static bool clash(const struct sb_diag_edit *a, uint32_t s, uint32_t e)
{
	uint32_t as = a->span.start, ae = a->span.end;
	return (s < ae && as < e) || (s == e && as == s) || (as == ae && s <= as && as < e);
}

/*
 * The accepted edits, kept in position order and clash-free, so a new edit
 * can clash only with its neighbours: a binary search finds them, and since
 * findings come sorted by position, inserting is almost always appending.
 */
struct accepted {
	const struct sb_diag_edit **v;
	size_t n;
};

static size_t position(const struct accepted *acc, uint32_t s, uint32_t e)
{
	size_t lo = 0, hi = acc->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cmp_edit(acc->v[mid]->span.start, acc->v[mid]->span.end, s, e) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool clashes(const struct accepted *acc, uint32_t s, uint32_t e)
{
	size_t p = position(acc, s, e);
	for (size_t j = p; j-- > 0 && acc->v[j]->span.end >= s;)
		if (clash(acc->v[j], s, e))
			return true;
	for (size_t j = p; j < acc->n && acc->v[j]->span.start <= e; j++)
		if (clash(acc->v[j], s, e))
			return true;
	return false;
}

static void accept(struct accepted *acc, const struct sb_diag_edit *ed)
{
	size_t p = position(acc, ed->span.start, ed->span.end);
	memmove(acc->v + p + 1, acc->v + p, (acc->n - p) * sizeof *acc->v);
	acc->v[p] = ed;
	acc->n++;
}

bool sb_fix_apply(const struct sb_ctx *ctx, uint32_t file, struct sb_fix_result *out)
{
	memset(out, 0, sizeof *out);
	const struct sb_source *src = sb_ctx_source(ctx, file);
	if (!src)
		return false;
	size_t nedits = 0;
	for (size_t i = 0; i < ctx->ndiags; i++)
		for (size_t k = 0; k < ctx->diags[i]->nfixes; k++)
			nedits += ctx->diags[i]->fixes[k].nedits;
	struct accepted acc = { calloc(nedits + 1, sizeof *acc.v), 0 };
	out->applied = calloc(ctx->ndiags + 1, sizeof *out->applied);
	if (!acc.v || !out->applied) {
		free(acc.v);
		sb_fix_result_free(out);
		return false;
	}
	for (size_t i = 0; i < ctx->ndiags; i++) {
		const struct sb_diag *d = ctx->diags[i];
		for (size_t k = 0; k < d->nfixes; k++) {
			const struct sb_diag_fix *f = &d->fixes[k];
			bool ok = f->safe && f->nedits > 0;
			for (size_t e = 0; ok && e < f->nedits; e++) {
				const struct sb_diag_edit *ed = &f->edits[e];
				ok = ed->span.file == file && ed->span.start <= ed->span.end &&
				     ed->span.end <= src->len &&
				     !clashes(&acc, ed->span.start, ed->span.end);
			}
			if (!ok)
				continue;
			for (size_t e = 0; e < f->nedits; e++)
				accept(&acc, &f->edits[e]);
			out->applied[out->napplied++] = d;
			break;   /* one fix per finding */
		}
	}
	struct sb_strbuf b = { 0 };
	uint32_t at = 0;
	for (size_t i = 0; i < acc.n; i++) {
		sb_strbuf_add(&b, src->text + at, acc.v[i]->span.start - at);
		sb_strbuf_puts(&b, acc.v[i]->replacement);
		at = acc.v[i]->span.end;
	}
	sb_strbuf_add(&b, src->text + at, src->len - at);
	free(acc.v);
	out->text = sb_strbuf_take(&b, &out->len);
	if (!out->text) {
		sb_fix_result_free(out);
		return false;
	}
	return true;
}

void sb_fix_result_free(struct sb_fix_result *r)
{
	free(r->text);
	free(r->applied);
	r->text = NULL;
	r->applied = NULL;
	r->len = r->napplied = 0;
}
