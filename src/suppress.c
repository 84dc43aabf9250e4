/*
 * suppress.c -- inline suppressions.  A comment "; sbplc: ignore RULE,RULE
 * -- reason" silences those rules for one form: the form that starts after
 * it when the comment stands alone on its line, or the form that ends just
 * before it on the same line.  "; sbplc: ignore-file RULE" silences them in
 * the whole file.  Only the profile's own comments are read (not those of
 * preludes or imports).
 */
#include "suppress.h"

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

/* The form a comment refers to; false when there is none.  Descends only as
 * deep as the parser nested (bounded by SB_MAX_NESTING). */
static bool target_of(const struct sb_source *src, const struct sb_parse_result *pr,
                      struct sb_span c, bool alone, uint32_t *start, uint32_t *end)
{
	struct sb_datum **items = pr->forms;
	uint32_t n = pr->nforms;
	for (int depth = 0; depth <= SB_MAX_NESTING; depth++) {
		struct sb_datum *inside = NULL, *before = NULL, *after = NULL;
		for (uint32_t i = 0; i < n; i++) {
			struct sb_datum *d = items[i];
			if (d->span.start < c.start && d->span.end > c.start)
				inside = d;
			else if (d->span.end <= c.start)
				before = d;
			else if (!after && d->span.start >= c.end)
				after = d;
		}
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
	/* drop the silenced findings; directives are few, findings many */
	size_t keep = 0;
	for (size_t i = 0; i < ctx->ndiags; i++) {
		struct sb_diag *g = ctx->diags[i];
		bool silenced = false;
		for (size_t k = 0; k < nd && g->span.file == pr->file; k++) {
			if (g->span.start < dirs[k].start || g->span.start >= dirs[k].end ||
			    g->rule == SB_RULE_UNUSED_SUPPRESSION)
				continue;
			for (size_t r = 0; r < dirs[k].nrules; r++) {
				if (dirs[k].rules[r] == g->rule) {
					dirs[k].used[r] = true;
					silenced = true;
				}
			}
		}
		if (!silenced)
			ctx->diags[keep++] = g;
	}
	ctx->ndiags = keep;
	for (size_t k = 0; k < nd; k++)
		for (size_t r = 0; r < dirs[k].nrules; r++)
			if (!dirs[k].used[r])
				sb_diag_report(ctx, SB_RULE_UNUSED_SUPPRESSION, dirs[k].span,
				               "'ignore %s' silences nothing here; remove it",
				               sb_rule_info(dirs[k].rules[r])->id);
}
