/*
 * fmt.c -- the datum tree and its comments laid out again (fmt.h).  Two walks
 * over the tree, both with an explicit stack: the first measures how wide
 * each datum would be on one line (or that it cannot be: a comment, a blank
 * line or a multi-line string inside); the second prints, putting a list on
 * one line when it fits and breaking it by its head otherwise.  Comments are
 * merged in by source offset.  Every decision depends only on the tree, the
 * comments' order and kind and the blank lines, which the output keeps, so
 * formatting the output again changes nothing.
 */
#include "fmt.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

#define INF UINT32_MAX          /* width of a datum that cannot be on one line */
#define ALIGN_MAX_HEAD 20       /* longer heads put their arguments on new lines */

/* Forms whose first `args` arguments stay beside the head and whose body is
 * indented 2, as Scheme editors indent them. */
static const struct { const char *name; uint32_t args; } body_forms[] = {
	{ "define", 1 }, { "define-once", 1 }, { "define-macro", 1 }, { "macro", 1 },
	{ "lambda", 1 }, { "let", 1 }, { "let*", 1 }, { "letrec", 1 }, { "letrec*", 1 },
	{ "when", 1 }, { "unless", 1 }, { "case", 1 }, { "do", 2 }, { "begin", 0 },
	{ "with-filter", 1 }, { "with-modifier", 1 },
	{ "require-any", 0 }, { "require-all", 0 },
};

/* How a list that does not fit on one line is broken (doc/sbplc.1). */
enum style {
	DATA,       /* each item on its own line, under the first */
	ALIGN,      /* head and first argument, then the others under the first argument */
	BODY,       /* head and its distinguished arguments, then the body indented 2 */
};

/* A datum being printed: a list or vector (its items, then the tail of a
 * dotted list), a quote form (its one datum) or the file (its forms). */
struct frame {
	const struct sb_datum *d;   /* NULL for the file */
	uint32_t next, n;           /* next child, number of children */
	uint32_t nline;             /* children that stay on the opening line */
	uint32_t fill;              /* children 1..fill fill lines (allow/deny operations) */
	uint32_t open_col;          /* column of the opening parenthesis */
	uint32_t ind;               /* indentation of a child or comment on its own line */
	uint32_t reserve;           /* closing parentheses that follow on the same line */
	uint32_t prev_end;          /* end of the last child or comment: gaps start here */
	enum style style;
	bool flat, first;
};

/* A datum being measured: its slot in the width table and its children's sum. */
struct mframe {
	const struct sb_datum *d;
	uint32_t next, n, sum;
	size_t slot;
};

struct fmt {
	const char *text;
	uint32_t len, base;         /* base: 3 after a byte-order mark, else 0 */
	const struct sb_parse_result *pr;
	uint32_t ci;                /* next comment */
	uint32_t *width;            /* one-line width of each datum, in pre-order */
	size_t nwidth, capwidth, wi;
	struct frame *stack;
	size_t depth, capstack;
	struct mframe *mstack;
	size_t mdepth, capmstack;
	struct sb_strbuf out;
	uint32_t col;               /* column of the next byte */
	bool line_start;            /* the current line holds nothing yet (col: its indent) */
	bool must_break;            /* the current line ends with a comment */
	bool any;                   /* something was printed */
	bool failed;
};

static bool grow(void **p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return true;
	size_t nc = *cap ? *cap : 64;
	while (nc < need)
		nc *= 2;
	void *np = realloc(*p, nc * size);
	if (!np)
		return false;
	*p = np;
	*cap = nc;
	return true;
}

static void put(struct fmt *f, const char *s, size_t n)
{
	if (f->line_start)
		sb_strbuf_fill(&f->out, ' ', f->col);
	sb_strbuf_add(&f->out, s, n);
	f->line_start = false;
	f->any = true;
	const char *nl = memchr(s, '\n', n);
	if (!nl) {
		f->col += (uint32_t)n;
		return;
	}
	/* a string spanning lines: the column is counted from its last line */
	const char *last = s + n;
	while (last[-1] != '\n')
		last--;
	f->col = (uint32_t)(s + n - last);
}

static void puts_(struct fmt *f, const char *s)
{
	put(f, s, strlen(s));
}

/* End the current line; the next byte goes at column ind, after a blank line
 * when blank.  Nothing is printed before the first byte of the file. */
static void newline(struct fmt *f, uint32_t ind, bool blank)
{
	if (f->any) {
		f->line_start = false;
		f->col = 0;
		put(f, blank ? "\n\n" : "\n", blank ? 2 : 1);
	}
	f->col = ind;
	f->line_start = true;
	f->must_break = false;
}

static uint32_t add(uint32_t a, uint32_t b)
{
	return a > INF - b ? INF : a + b;
}

/* At least one empty line in text[a..b), which holds only white space,
 * comments and dots. */
static bool blank_between(const struct fmt *f, uint32_t a, uint32_t b)
{
	if (a >= b)
		return false;
	const char *p = memchr(f->text + a, '\n', b - a);
	if (!p)
		return false;
	p++;
	return memchr(p, '\n', (size_t)(f->text + b - p)) != NULL;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* A comment in the open range (start, end), by binary search. */
static bool comment_within(const struct fmt *f, uint32_t start, uint32_t end)
{
	const struct sb_comment *c = f->pr->comments;
	uint32_t lo = 0, hi = f->pr->ncomments;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (c[mid].span.start <= start)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < f->pr->ncomments && c[lo].span.start < end;
}

static uint32_t nchildren(const struct sb_datum *d)
{
	switch (d->kind) {
	case SB_DATUM_LIST:
	case SB_DATUM_VECTOR:
		return d->u.list.n + (d->u.list.tail != NULL);
	case SB_DATUM_QUOTE:
	case SB_DATUM_QUASIQUOTE:
	case SB_DATUM_UNQUOTE:
	case SB_DATUM_UNQUOTE_SPLICING:
		return 1;
	default:
		return 0;
	}
}

static const struct sb_datum *child(const struct sb_datum *d, uint32_t i)
{
	if (d->kind == SB_DATUM_LIST || d->kind == SB_DATUM_VECTOR)
		return i < d->u.list.n ? d->u.list.items[i] : d->u.list.tail;
	return d->u.quoted;
}

static bool is_list(const struct sb_datum *d)
{
	return d->kind == SB_DATUM_LIST || d->kind == SB_DATUM_VECTOR;
}

/* What comes before a quote form's datum: "'", "`", ",", ",@", with a space
 * when ",@" would otherwise read differently (", @x" is not ",@x"). */
static const char *prefix(const struct fmt *f, const struct sb_datum *d)
{
	switch (d->kind) {
	case SB_DATUM_QUOTE:            return "'";
	case SB_DATUM_QUASIQUOTE:       return "`";
	case SB_DATUM_UNQUOTE:
		return f->text[d->u.quoted->span.start] == '@' ? ", " : ",";
	case SB_DATUM_UNQUOTE_SPLICING: return ",@";
	default:                        return "";
	}
}

static bool push(struct fmt *f, const struct frame *fr)
{
	if (!grow((void **)&f->stack, &f->capstack, f->depth + 1, sizeof *f->stack)) {
		f->failed = true;
		return false;
	}
	f->stack[f->depth++] = *fr;
	return true;
}

/* Width of d's span when it is an atom on one line, else INF. */
static uint32_t atom_width(const struct fmt *f, const struct sb_datum *d)
{
	uint32_t n = d->span.end - d->span.start;
	return memchr(f->text + d->span.start, '\n', n) ? INF : n;
}

/* Give d the next slot of the width table and a measuring frame. */
static bool enter(struct fmt *f, const struct sb_datum *d)
{
	if (!grow((void **)&f->width, &f->capwidth, f->nwidth + 1, sizeof *f->width) ||
	    !grow((void **)&f->mstack, &f->capmstack, f->mdepth + 1, sizeof *f->mstack)) {
		f->failed = true;
		return false;
	}
	uint32_t n = nchildren(d);
	struct mframe m = { .d = d, .n = n, .slot = f->nwidth };
	f->width[f->nwidth++] = n || is_list(d) ? 0 : atom_width(f, d);
	f->mstack[f->mdepth++] = m;
	return true;
}

/* One-line width of a list or quote form whose children add up to sum. */
static uint32_t compound_width(const struct fmt *f, const struct sb_datum *d, uint32_t n,
                               uint32_t sum)
{
	uint32_t w;
	if (is_list(d)) {
		w = add(sum, (d->kind == SB_DATUM_VECTOR ? 3 : 2) + (n ? n - 1 : 0));
		if (d->u.list.tail)
			w = add(w, 2);   /* " . " rather than " " */
	} else {
		w = add(sum, (uint32_t)strlen(prefix(f, d)));
	}
	return comment_within(f, d->span.start, d->span.end) ? INF : w;
}

/*
 * First walk: f->width[k] is the one-line width of the k-th datum in
 * pre-order, INF when it cannot be on one line (a comment, a blank line
 * between items, or a string spanning lines inside).
 */
static bool measure(struct fmt *f)
{
	for (uint32_t t = 0; t < f->pr->nforms; t++) {
		if (!enter(f, f->pr->forms[t]))
			return false;
		while (f->mdepth > 0) {
			struct mframe *m = &f->mstack[f->mdepth - 1];
			const struct sb_datum *d = m->d;
			if (m->next < m->n) {
				const struct sb_datum *c = child(d, m->next);
				if (is_list(d) && m->next > 0 &&
				    blank_between(f, child(d, m->next - 1)->span.end, c->span.start))
					m->sum = INF;
				m->next++;
				if (!enter(f, c))
					return false;
				continue;
			}
			uint32_t w = f->width[m->slot];
			if (m->n > 0 || is_list(d))
				w = f->width[m->slot] = compound_width(f, d, m->n, m->sum);
			f->mdepth--;
			if (f->mdepth > 0) {
				m = &f->mstack[f->mdepth - 1];
				m->sum = add(m->sum, w);
			}
		}
	}
	return true;
}

static void copy_span(struct fmt *f, uint32_t start, uint32_t end)
{
	put(f, f->text + start, end - start);
}

/* A comment with code before it on its line stays at the end of the line. */
static bool trailing(const struct fmt *f, uint32_t at)
{
	while (at > f->base && is_space(f->text[at - 1]))
		at--;
	return at > f->base && f->text[at - 1] != '\n';
}

/* Print the comments that start before limit, inside frame fr.  Returns
 * whether there were any. */
static bool comments_before(struct fmt *f, struct frame *fr, uint32_t limit)
{
	bool any = false;
	while (f->ci < f->pr->ncomments && f->pr->comments[f->ci].span.start < limit) {
		struct sb_span c = f->pr->comments[f->ci++].span;
		uint32_t end = c.end;
		while (end > c.start && is_space(f->text[end - 1]))
			end--;
		if (trailing(f, c.start) && !f->must_break && f->any) {
			puts_(f, " ");
		} else {
			newline(f, fr->ind, !fr->first && blank_between(f, fr->prev_end, c.start));
		}
		copy_span(f, c.start, end);
		f->must_break = true;
		fr->prev_end = c.end;
		fr->first = false;
		any = true;
	}
	return any;
}

static uint32_t body_args(const struct sb_datum *head, const struct sb_datum *next)
{
	for (size_t i = 0; i < sizeof body_forms / sizeof body_forms[0]; i++) {
		if (!sb_datum_is_symbol(head, body_forms[i].name))
			continue;
		/* named let: (let loop ((i 0)) body) */
		if (body_forms[i].args == 1 && next && next->kind == SB_DATUM_SYMBOL &&
		    strcmp(body_forms[i].name, "let") == 0)
			return 2;
		return body_forms[i].args;
	}
	return UINT32_MAX;
}

/* Start printing d at the current position; reserve: closing parentheses
 * that will follow it on its line.  Lists and quote forms get a frame. */
static void begin(struct fmt *f, const struct sb_datum *d, uint32_t reserve, bool flat_parent,
                  uint32_t parent_ind)
{
	uint32_t w = f->width[f->wi++];
	bool flat = flat_parent || (w != INF && add(add(f->col, w), reserve) <= SB_FMT_WIDTH);
	uint32_t n = nchildren(d);
	if (n == 0 && !is_list(d)) {
		copy_span(f, d->span.start, d->span.end);
		return;
	}
	struct frame fr = {
		.d = d, .n = n, .nline = 1, .open_col = f->col, .reserve = reserve,
		.flat = flat, .first = true,
	};
	if (!is_list(d)) {
		const char *p = prefix(f, d);
		puts_(f, p);
		fr.ind = parent_ind;
		fr.prev_end = d->span.start + (uint32_t)strlen(p);
		push(f, &fr);
		return;
	}
	bool vec = d->kind == SB_DATUM_VECTOR;
	puts_(f, vec ? "#(" : "(");
	fr.prev_end = d->span.start + (vec ? 2 : 1);
	fr.ind = fr.open_col + (vec ? 2 : 1);   /* where the head goes */
	const struct sb_datum *head = d->u.list.n ? d->u.list.items[0] : NULL;
	fr.style = DATA;
	if (!vec && head && head->kind == SB_DATUM_SYMBOL) {
		uint32_t k = body_args(head, d->u.list.n > 1 ? d->u.list.items[1] : NULL);
		if (k == UINT32_MAX && head->span.end - head->span.start <= ALIGN_MAX_HEAD) {
			fr.style = ALIGN;
			fr.nline = 2;
			/* (allow file-read* file-write* FILTER...): the operations
			 * share lines as far as they fit */
			if (sb_datum_is_symbol(head, "allow") || sb_datum_is_symbol(head, "deny"))
				while (fr.fill + 1 < d->u.list.n &&
				       d->u.list.items[fr.fill + 1]->kind == SB_DATUM_SYMBOL)
					fr.fill++;
		} else {
			fr.style = BODY;
			fr.nline = 1 + (k == UINT32_MAX ? 0 : k);
		}
	}
	push(f, &fr);
}

/* The indentation of a list's children once its head is printed. */
static void place_head(struct fmt *f, struct frame *fr)
{
	switch (fr->style) {
	case ALIGN: fr->ind = f->col + 1; break;
	case BODY:  fr->ind = fr->open_col + 2; break;
	case DATA:  fr->ind = fr->open_col + (fr->d->kind == SB_DATUM_VECTOR ? 2 : 1); break;
	}
}

/* Whether child i of fr, an atom, fits on the current line after a space. */
static bool fits_after(const struct fmt *f, const struct frame *fr, uint32_t i)
{
	uint32_t w = f->width[f->wi];   /* the child's slot: it is next in pre-order */
	uint32_t reserve = i + 1 == fr->n ? add(fr->reserve, 1) : 0;
	return add(add(f->col, 1), add(w, reserve)) <= SB_FMT_WIDTH;
}

/* Second walk: print the forms of the file, each on its own line. */
static void print(struct fmt *f)
{
	struct frame file = { .n = f->pr->nforms, .first = true, .prev_end = f->base };
	if (!push(f, &file))
		return;
	while (f->depth > 0 && !f->failed && !f->out.failed) {
		struct frame *fr = &f->stack[f->depth - 1];
		const struct sb_datum *d = fr->d;
		if (fr->next < fr->n) {
			uint32_t i = fr->next++;
			const struct sb_datum *c = d ? child(d, i) : f->pr->forms[i];
			bool tail = d && is_list(d) && i == d->u.list.n;
			/* a comment or a blank line before a child puts it on a new line */
			bool sep = false, blank = false;
			if (!fr->flat) {
				sep = comments_before(f, fr, c->span.start);
				blank = !fr->first && blank_between(f, fr->prev_end, c->span.start);
			}
			if (d && !is_list(d)) {
				/* a quote form's datum follows the prefix unless a comment
				 * came between them */
				if (f->must_break)
					newline(f, fr->ind, false);
			} else if (fr->flat || (!sep && !blank && !f->must_break &&
			           (i < fr->nline || (i <= fr->fill && fits_after(f, fr, i))))) {
				if (i > 0)
					puts_(f, " ");
			} else {
				newline(f, fr->ind, blank);
			}
			if (tail)
				puts_(f, ". ");
			fr->first = false;
			uint32_t reserve = 0;
			if (d && !is_list(d))
				reserve = fr->reserve;
			else if (d && i + 1 == fr->n)
				reserve = add(fr->reserve, 1);
			uint32_t ind = fr->ind;
			bool flat = fr->flat;
			size_t at = f->depth;
			begin(f, c, reserve, flat, ind);
			/* fr may have moved with the stack */
			fr = &f->stack[at - 1];
			if (i == 0 && d && is_list(d))
				place_head(f, fr);
			if (f->depth == at)   /* an atom: done */
				fr->prev_end = c->span.end;
			continue;
		}
		/* all children printed: close */
		if (!d) {
			comments_before(f, fr, f->len + 1);
			f->depth--;
			break;
		}
		if (is_list(d)) {
			if (!fr->flat)
				comments_before(f, fr, d->span.end - 1);
			if (f->must_break)
				newline(f, fr->open_col, false);
			puts_(f, ")");
		}
		uint32_t end = d->span.end;
		f->depth--;
		if (f->depth > 0)
			f->stack[f->depth - 1].prev_end = end;
	}
	if (f->any)
		puts_(f, "\n");
}

bool sb_fmt(const struct sb_source *src, const struct sb_parse_result *pr,
            char **out, size_t *len)
{
	struct fmt f = {
		.text = src->text, .len = src->len, .base = src->has_bom ? 3 : 0, .pr = pr,
		.line_start = true,
	};
	*out = NULL;
	*len = 0;
	bool ok = measure(&f);
	if (ok) {
		if (src->has_bom) {   /* kept as it is, outside any line's width */
			put(&f, src->text, 3);
			f.any = false;
			f.col = 0;
			f.line_start = true;
		}
		print(&f);
	}
	ok = ok && !f.failed && !f.out.failed;
	free(f.width);
	free(f.stack);
	free(f.mstack);
	if (!ok) {
		sb_strbuf_free(&f.out);
		return false;
	}
	*out = sb_strbuf_take(&f.out, len);   /* an empty profile: "" */
	return *out != NULL;
}
