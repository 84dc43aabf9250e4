/*
 * fix.c -- see fix.h.  Edits are collected, sorted by position and spliced
 * into the text in one pass, so any number of fixes costs one copy.
 */
#include "fix.h"

#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "diag.h"
#include "strbuf.h"

static int by_start(const void *x, const void *y)
{
	const struct sb_diag_edit *a = *(const struct sb_diag_edit *const *)x;
	const struct sb_diag_edit *b = *(const struct sb_diag_edit *const *)y;
	if (a->span.start != b->span.start)
		return a->span.start < b->span.start ? -1 : 1;
	return a->span.end < b->span.end ? -1 : a->span.end > b->span.end;
}

/* Does [s, e) overlap an accepted edit?  Accepted spans are few per file. */
static bool overlaps(const struct sb_diag_edit *const *acc, size_t n, uint32_t s, uint32_t e)
{
	for (size_t i = 0; i < n; i++) {
		uint32_t as = acc[i]->span.start, ae = acc[i]->span.end;
		if (s < ae && as < e)
			return true;
		if (s == e && as == s)   /* two insertions at one place: order unclear */
			return true;
		if (as == ae && s <= as && as < e)
			return true;
	}
	return false;
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
	const struct sb_diag_edit **acc = calloc(nedits + 1, sizeof *acc);
	out->applied = calloc(ctx->ndiags + 1, sizeof *out->applied);
	if (!acc || !out->applied) {
		free(acc);
		sb_fix_result_free(out);
		return false;
	}
	size_t nacc = 0;
	for (size_t i = 0; i < ctx->ndiags; i++) {
		const struct sb_diag *d = ctx->diags[i];
		for (size_t k = 0; k < d->nfixes; k++) {
			const struct sb_diag_fix *f = &d->fixes[k];
			bool ok = f->safe && f->nedits > 0;
			for (size_t e = 0; ok && e < f->nedits; e++) {
				const struct sb_diag_edit *ed = &f->edits[e];
				ok = ed->span.file == file && ed->span.start <= ed->span.end &&
				     ed->span.end <= src->len &&
				     !overlaps(acc, nacc, ed->span.start, ed->span.end);
			}
			if (!ok)
				continue;
			for (size_t e = 0; e < f->nedits; e++)
				acc[nacc++] = &f->edits[e];
			out->applied[out->napplied++] = d;
			break;   /* one fix per finding */
		}
	}
	qsort(acc, nacc, sizeof *acc, by_start);
	struct sb_strbuf b = { 0 };
	uint32_t at = 0;
	for (size_t i = 0; i < nacc; i++) {
		sb_strbuf_add(&b, src->text + at, acc[i]->span.start - at);
		sb_strbuf_puts(&b, acc[i]->replacement);
		at = acc[i]->span.end;
	}
	sb_strbuf_add(&b, src->text + at, src->len - at);
	free(acc);
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
