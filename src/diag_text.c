/*
 * diag_text.c -- gcc/clang-style text: "FILE:LINE:COL: SEVERITY: MESSAGE [RULE]",
 * the source line, a caret and '~' underline, the fix-it line, then notes.
 * Very long lines are shown as a window around the span, so a 100 MB
 * one-line file prints a readable excerpt, not 100 MB.
 */
#include <string.h>

#include "ctx.h"
#include "diag.h"

#define WINDOW 160          /* bytes of a long line shown */
#define LEAD   60           /* of which before the caret */

struct colors {
	const char *bold, *reset, *sev[SB_SEV_ERROR + 1], *caret, *fix;
};

static const struct colors plain = { "", "", { "", "", "", "" }, "", "" };
static const struct colors ansi = {
	"\033[1m", "\033[0m",
	{ "", "\033[1;36m", "\033[1;35m", "\033[1;31m" },
	"\033[1;32m", "\033[32m",
};

/* Bytes that would garble a terminal are shown as '?', one column each. */
static void put_bytes(FILE *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		fputc(ch == '\t' || (ch >= 0x20 && ch != 0x7f) ? ch : '?', out);
	}
}

/* File names and messages quote the user's bytes: filter them too. */
static void put_str(FILE *out, const char *s)
{
	put_bytes(out, s, strlen(s));
}

static void print_location(FILE *out, const struct sb_ctx *ctx, struct sb_span sp,
                           const struct colors *c)
{
	const struct sb_source *src = sb_ctx_source(ctx, sp.file);
	if (!src) {
		fputs("sbplc: ", out);
		return;
	}
	uint32_t line, col;
	sb_source_linecol(src, sp.start, &line, &col);
	fputs(c->bold, out);
	put_str(out, src->name);
	fprintf(out, ":%u:%u:%s ", line, col, c->reset);
}

/* Mirror tabs of the source line so the caret lines up in any tab width. */
static void put_pad(FILE *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fputc(s[i] == '\t' ? '\t' : ' ', out);
}

static void print_snippet(FILE *out, const struct sb_ctx *ctx, const struct sb_diag *d,
                          const struct colors *c)
{
	const struct sb_source *src = sb_ctx_source(ctx, d->span.file);
	if (!src)
		return;
	uint32_t line, col, eline, ecol;
	sb_source_linecol(src, d->span.start, &line, &col);
	sb_source_linecol(src, d->span.end, &eline, &ecol);
	size_t len;
	const char *text = sb_source_line(src, line, &len);
	size_t caret = col - 1;
	size_t width = eline == line ? (ecol > col ? ecol - col : 1) : (len > caret ? len - caret : 1);
	if (caret > len)
		caret = len;
	size_t from = 0, to = len;
	if (len > WINDOW) {
		from = caret > LEAD ? caret - LEAD : 0;
		to = from + WINDOW < len ? from + WINDOW : len;
	}
	if (caret + width > to)
		width = to > caret ? to - caret : 1;
	const char *pre = from > 0 ? "..." : "";
	fprintf(out, "%5u | %s", line, pre);
	put_bytes(out, text + from, to - from);
	fprintf(out, "%s\n", to < len ? "..." : "");

	fprintf(out, "      | %s", from > 0 ? "   " : "");
	put_pad(out, text + from, caret - from);
	fprintf(out, "%s^", c->caret);
	for (size_t i = 1; i < width; i++)
		fputc('~', out);
	fprintf(out, "%s\n", c->reset);

	for (size_t i = 0; i < d->nfixes; i++) {
		const struct sb_diag_fix *f = &d->fixes[i];
		if (f->nedits != 1 || f->edits[0].span.file != d->span.file ||
		    !f->edits[0].replacement[0])
			continue;   /* a deletion has no text to show; JSON carries it */
		uint32_t fl, fc;
		sb_source_linecol(src, f->edits[0].span.start, &fl, &fc);
		if (fl != line || fc - 1 < from || fc - 1 > to)
			continue;
		fprintf(out, "      | %s", from > 0 ? "   " : "");
		put_pad(out, text + from, fc - 1 - from);
		fprintf(out, "%s", c->fix);
		const char *r = f->edits[0].replacement;
		size_t rn = strcspn(r, "\n");
		put_bytes(out, r, rn > WINDOW ? WINDOW : rn);
		fprintf(out, "%s\n", c->reset);
	}
}

void sb_diag_render_text(const struct sb_ctx *ctx, FILE *out,
                         const struct sb_text_options *opt)
{
	const struct colors *c = opt->color ? &ansi : &plain;
	for (size_t i = 0; i < ctx->ndiags; i++) {
		const struct sb_diag *d = ctx->diags[i];
		const struct sb_rule_info *ri = sb_rule_info(d->rule);
		print_location(out, ctx, d->span, c);
		fprintf(out, "%s%s:%s %s", c->sev[d->severity],
		        sb_severity_name(d->severity), c->reset, c->bold);
		put_str(out, d->message);
		fprintf(out, " [%s]%s\n", ri->id, c->reset);
		if (opt->quiet)
			continue;
		print_snippet(out, ctx, d, c);
		for (size_t k = 0; k < d->nnotes; k++) {
			print_location(out, ctx, d->notes[k].span, c);
			fprintf(out, "%snote:%s ", c->sev[SB_SEV_NOTE], c->reset);
			put_str(out, d->notes[k].message);
			fputc('\n', out);
		}
	}
}
