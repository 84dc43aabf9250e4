/*
 * suppress.c -- inline suppressions.  A comment "; sbplc: ignore RULE,RULE
 * -- reason" silences those rules for one form: the form that starts after
 * it when the comment stands alone on its line, or the form that ends just
 * before it on the same line.  "; sbplc: ignore-file RULE" silences them in
 * the whole file.  Only the profile's own comments are read (not those of
 * preludes or imports).
 */
#include "suppress.h"

#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "datum.h"

#define MAX_RULES 16

struct directive {
	struct sb_span span;            /* the comment */
	bool whole_file;
	uint32_t start, end;            /* the silenced range (whole_file: all) */
	enum sb_rule_id rules[MAX_RULES];
	bool used[MAX_RULES];
	size_t nrules;
};

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* The children of a datum, for descending into it. */
static struct sb_datum **children(struct sb_datum *d, uint32_t *n)
{
	switch (d->kind) {
	case SB_DATUM_LIST:
	case SB_DATUM_VECTOR:
		*n = d->u.list.n;
		return d->u.list.items;
	case SB_DATUM_QUOTE:
	case SB_DATUM_QUASIQUOTE:
	case SB_DATUM_UNQUOTE:
	case SB_DATUM_UNQUOTE_SPLICING:
		*n = 1;
		return &d->u.quoted;
	default:
		*n = 0;
		return NULL;
	}
}

static uint32_t line_of(const struct sb_source *src, uint32_t off)
{
	uint32_t line, col;
	sb_source_linecol(src, off, &line, &col);
	return line;
}

/* How many of items[0..n) (in source order) start before off. */
static uint32_t count_before(struct sb_datum **items, uint32_t n, uint32_t off)
{
	uint32_t lo = 0, hi = n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (items[mid]->span.start < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The form a comment refers to; false when there is none.  Descends only as
 * deep as the parser nested (bounded by SB_MAX_NESTING); the forms of a list
 * are in source order and do not overlap, so each level is a binary search,
 * not a scan (a profile can have a directive on every one of its forms). */
static bool target_of(const struct sb_source *src, const struct sb_parse_result *pr,
                      struct sb_span c, bool alone, uint32_t *start, uint32_t *end)
{
	struct sb_datum **items = pr->forms;
	uint32_t n = pr->nforms;
	for (int depth = 0; depth <= SB_MAX_NESTING; depth++) {
		struct sb_datum *inside = NULL, *before = NULL, *after = NULL;
		uint32_t j = count_before(items, n, c.start);
		if (j > 0 && items[j - 1]->span.end > c.start)
			inside = items[j - 1];
		else if (j > 0)
			before = items[j - 1];
		uint32_t k = j + count_before(items + j, n - j, c.end);
		if (k < n)
			after = items[k];
		if (inside) {
			items = children(inside, &n);
			if (!items)
				return false;
			continue;
		}
		struct sb_datum *t = alone ? after : before;
		if (!t || (!alone && line_of(src, t->span.end > 0 ? t->span.end - 1 : 0) !=
		                     line_of(src, c.start)))
			return false;
		*start = t->span.start;
		*end = t->span.end;
		return true;
	}
	return false;
}

/* Parse "; sbplc: ignore[-file] RULE[,RULE] [-- reason]"; false when the
 * comment is not a directive.  Unknown rule ids are reported here. */
static bool parse(struct sb_ctx *ctx, const struct sb_source *src, struct sb_span c,
                  struct directive *out)
{
	const char *p = src->text + c.start, *end = src->text + c.end;
	while (p < end && (*p == ';' || *p == '#' || *p == '!' || is_blank(*p)))
		p++;
	if ((size_t)(end - p) < 6 || strncmp(p, "sbplc:", 6) != 0)
		return false;
	p += 6;
	while (p < end && is_blank(*p))
		p++;
	memset(out, 0, sizeof *out);
	out->span = c;
	if ((size_t)(end - p) >= 11 && strncmp(p, "ignore-file", 11) == 0) {
		out->whole_file = true;
		p += 11;
	} else if ((size_t)(end - p) >= 6 && strncmp(p, "ignore", 6) == 0) {
		p += 6;
	} else {
		return false;
	}
	for (;;) {
		while (p < end && (is_blank(*p) || *p == ','))
			p++;
		if (p >= end || (end - p >= 2 && p[0] == '-' && p[1] == '-'))
			break;
		const char *w = p;
		while (p < end && !is_blank(*p) && *p != ',')
			p++;
		char id[64];
		size_t len = (size_t)(p - w);
		enum sb_rule_id rule;
		struct sb_span at = { c.file, (uint32_t)(w - src->text), (uint32_t)(p - src->text) };
		if (len < sizeof id) {
			memcpy(id, w, len);
			id[len] = '\0';
		}
		if (len >= sizeof id || !sb_rule_lookup(id, &rule)) {
			sb_diag_report(ctx, SB_RULE_UNUSED_SUPPRESSION, at,
			               "'%.*s' is not a rule id; this suppression silences nothing "
			               "('sbplc explain' lists the rules)", (int)(len > 60 ? 60 : len), w);
			continue;
		}
		if (out->nrules < MAX_RULES)
			out->rules[out->nrules++] = rule;
	}
	return true;
}

/* Directives with the same silenced range, merged: which rules they list,
 * and which of those silenced a finding. */
struct group {
	uint32_t start, end;
	bool listed[SB_RULE__COUNT], used[SB_RULE__COUNT];
};

struct at { uint32_t start, end; size_t k; };   /* a directive or a finding, by offset */

static int cmp_at(const void *pa, const void *pb)
{
	const struct at *a = pa, *b = pb;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end > b->end ? -1 : 1;    /* the enclosing range first */
	return a->k < b->k ? -1 : a->k > b->k;
}

/*
 * Drop the findings in file that dirs[0..nd) silence and mark the directives
 * used.  Ranges are forms (nested or disjoint) or the whole file, so one sweep
 * over findings and ranges sorted by offset, with a stack of the ranges that
 * are open, costs O((findings + directives) log) rather than their product.
 */
static void drop_silenced(struct sb_ctx *ctx, uint32_t file, struct directive *dirs, size_t nd)
{
	if (nd == 0 || ctx->ndiags == 0)
		return;
	struct sb_arena *a = ctx->arena;
	struct at *order = sb_arena_calloc(a, nd, sizeof *order);
	size_t *gid = sb_arena_calloc(a, nd, sizeof *gid);
	struct group *g = sb_arena_calloc(a, nd, sizeof *g);
	size_t *stack = sb_arena_calloc(a, nd, sizeof *stack);
	struct at *found = sb_arena_calloc(a, ctx->ndiags, sizeof *found);
	bool *silenced = sb_arena_calloc(a, ctx->ndiags, sizeof *silenced);
	if (!order || !gid || !g || !stack || !found || !silenced)
		return;
	for (size_t k = 0; k < nd; k++)
		order[k] = (struct at){ dirs[k].start, dirs[k].end, k };
	qsort(order, nd, sizeof *order, cmp_at);
	size_t ng = 0;
	for (size_t i = 0; i < nd; i++) {
		if (ng == 0 || g[ng - 1].start != order[i].start || g[ng - 1].end != order[i].end) {
			g[ng].start = order[i].start;
			g[ng].end = order[i].end;
			ng++;
		}
		const struct directive *d = &dirs[order[i].k];
		gid[order[i].k] = ng - 1;
		for (size_t r = 0; r < d->nrules; r++)
			g[ng - 1].listed[d->rules[r]] = true;
	}
	size_t nf = 0;
	for (size_t i = 0; i < ctx->ndiags; i++) {
		const struct sb_diag *d = ctx->diags[i];
		if (d->span.file == file && d->rule != SB_RULE_UNUSED_SUPPRESSION)
			found[nf++] = (struct at){ d->span.start, d->span.start, i };
	}
	qsort(found, nf, sizeof *found, cmp_at);
	size_t top = 0, next = 0;
	for (size_t i = 0; i < nf; i++) {
		uint32_t off = found[i].start;
		for (; next < ng && g[next].start <= off; next++) {
			while (top && g[stack[top - 1]].end <= g[next].start)
				top--;
			stack[top++] = next;
		}
		while (top && g[stack[top - 1]].end <= off)
			top--;
		enum sb_rule_id rule = ctx->diags[found[i].k]->rule;
		for (size_t s = top; s-- > 0;) {
			struct group *x = &g[stack[s]];
			if (off >= x->start && off < x->end && x->listed[rule]) {
				x->used[rule] = true;
				silenced[found[i].k] = true;
			}
		}
	}
	size_t keep = 0;
	for (size_t i = 0; i < ctx->ndiags; i++)
		if (!silenced[i])
			ctx->diags[keep++] = ctx->diags[i];
	ctx->ndiags = keep;
	for (size_t k = 0; k < nd; k++)
		for (size_t r = 0; r < dirs[k].nrules; r++)
			dirs[k].used[r] = g[gid[k]].used[dirs[k].rules[r]];
}

void sb_suppress_apply(struct sb_ctx *ctx, const struct sb_parse_result *pr)
{
	const struct sb_source *src = sb_ctx_source(ctx, pr->file);
	if (!src || pr->ncomments == 0)
		return;
	struct directive *dirs = sb_arena_calloc(ctx->arena, pr->ncomments, sizeof *dirs);
	if (!dirs)
		return;
	size_t nd = 0;
	for (uint32_t i = 0; i < pr->ncomments; i++) {
		struct sb_span c = pr->comments[i].span;
		struct directive *d = &dirs[nd];
		if (!parse(ctx, src, c, d))
			continue;
		if (d->whole_file) {
			d->start = 0;
			d->end = UINT32_MAX;
		} else {
			uint32_t ls = c.start;
			while (ls > 0 && src->text[ls - 1] != '\n')
				ls--;
			bool alone = true;
			for (uint32_t k = ls; k < c.start; k++)
				alone = alone && is_blank(src->text[k]);
			if (!target_of(src, pr, c, alone, &d->start, &d->end)) {
				if (d->nrules)
					sb_diag_report(ctx, SB_RULE_UNUSED_SUPPRESSION, c,
					               "this suppression is not next to a form, so it "
					               "silences nothing");
				continue;
			}
		}
		nd++;
	}
	drop_silenced(ctx, pr->file, dirs, nd);
	for (size_t k = 0; k < nd; k++)
		for (size_t r = 0; r < dirs[k].nrules; r++)
			if (!dirs[k].used[r])
				sb_diag_report(ctx, SB_RULE_UNUSED_SUPPRESSION, dirs[k].span,
				               "'ignore %s' silences nothing here; remove it",
				               sb_rule_info(dirs[k].rules[r])->id);
}
