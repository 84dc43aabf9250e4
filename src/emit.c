/*
 * emit.c -- rule list to normalized SBPL (emit.h).  Each rule is printed to
 * its canonical text first; exact duplicates are then rules of equal text, so
 * one hash table finds them in linear time.  Filter trees are printed with an
 * explicit stack: their depth is the input's to choose.
 */
#include "emit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "ctx.h"
#include "datum.h"
#include "diag.h"
#include "eval.h"
#include "hash.h"
#include "model.h"
#include "rules.h"
#include "sbpl_db.h"
#include "strbuf.h"
#include "value.h"

/* apply-message-filter inside apply-message-filter: deeper is refused. */
#define MAX_MESSAGE_FILTER_DEPTH 4
/* Filters nested deeper than this, within a rule of a few levels, could not
 * be read back (SB_MAX_NESTING): evaluation can build them, the reader cannot. */
#define MAX_FILTER_DEPTH (SB_MAX_NESTING - 16)

struct emitter {
	struct sb_ctx *ctx;
	struct sb_strbuf *out;
	bool ok;                        /* false after a refusal was reported */
};

static void refuse(struct emitter *em, struct sb_span span, const char *what)
{
	sb_diag_report(em->ctx, SB_RULE_UNSUPPORTED_CONSTRUCT, span,
	               "cannot write a normalized profile: %s", what);
	em->ok = false;
}

/* ------------------------------------------------------------ atoms */

/* A "..." string that reads back as the same bytes (lexer.re's escapes). */
static void put_string(struct sb_strbuf *b, const char *s, size_t n)
{
	sb_strbuf_putc(b, '"');
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = NULL;
		char hex[5];
		if (c == '"')
			esc = "\\\"";
		else if (c == '\\')
			esc = "\\\\";
		else if (c == '\n')
			esc = "\\n";
		else if (c == '\t')
			esc = "\\t";
		else if (c == '\r')
			esc = "\\r";
		else if (c < 0x20 || c == 0x7f) {
			static const char digits[] = "0123456789abcdef";
			hex[0] = '\\', hex[1] = 'x', hex[2] = digits[c >> 4], hex[3] = digits[c & 15];
			hex[4] = '\0';
			esc = hex;
		}
		if (!esc)
			continue;
		sb_strbuf_add(b, s + run, i - run);
		sb_strbuf_puts(b, esc);
		run = i + 1;
	}
	sb_strbuf_add(b, s + run, n - run);
	sb_strbuf_putc(b, '"');
}

/* A regex as #"..." when it can be (no '"', no NUL), else as a string. */
static void put_regex(struct sb_strbuf *b, const char *s, size_t n)
{
	if (memchr(s, '"', n) || memchr(s, '\0', n)) {
		put_string(b, s, n);
		return;
	}
	sb_strbuf_add(b, "#\"", 2);
	sb_strbuf_add(b, s, n);
	sb_strbuf_putc(b, '"');
}

/* A symbol the reader gives back unchanged (lexer.re: atomc, not a number). */
static bool symbol_ok(const char *s)
{
	if (!*s || strchr("'`,#0123456789", *s) || ((*s == '+' || *s == '-' || *s == '.') && s[1] &&
	                                          strchr("0123456789.", s[1])))
		return false;
	for (const char *p = s; *p; p++)
		if (strchr(" \t\r\n\f\v()\";", *p) || (unsigned char)*p < 0x20)
			return false;
	return true;
}

static bool put_atom(struct emitter *em, const struct sb_value *v, bool regex,
                     struct sb_span where)
{
	struct sb_strbuf *b = em->out;
	switch (v->kind) {
	case SB_V_STR:
		if (regex)
			put_regex(b, v->u.str.s, v->u.str.len);
		else
			put_string(b, v->u.str.s, v->u.str.len);
		return true;
	case SB_V_SYM:
		if (!symbol_ok(v->u.sym->name))
			break;
		sb_strbuf_puts(b, v->u.sym->name);
		return true;
	case SB_V_NUM:
		if (v->flags & SB_VF_EXACT)
			sb_strbuf_printf(b, "%lld", (long long)v->u.num.i);
		else
			sb_strbuf_printf(b, "%.17g", v->u.num.d);
		return true;
	case SB_V_BOOL:
		sb_strbuf_puts(b, v->u.boolean.b ? "#t" : "#f");
		return true;
	default:
		break;
	}
	refuse(em, v->span.file == SB_NO_FILE ? where : v->span,
	       "a filter or modifier argument that is not a string, symbol, number or boolean");
	return false;
}

/* ------------------------------------------------------------ names */

/* Path filters read best in the spellings Apple's own profiles use. */
static const char *const preferred[][2] = {
	{ "path", "literal" },
	{ "path-prefix", "prefix" },
	{ "path-regex", "regex" },
	{ "mount-relative-path", "mount-relative-literal" },
	{ "mount-relative-path-regex", "mount-relative-regex" },
};

/* One spelling per filter and match form: aliases of kind "spelling" resolved. */
static const char *filter_name(const struct sb_filter *f)
{
	const struct sb_db_spelling *sp = f->spelling;
	if (!sp)
		return f->spelled;
	const char *name = sp->name;
	if (sp->alias && sp->alias->kind == SB_DB_ALIAS_SPELLING && sp->alias->target)
		name = sp->alias->target;
	for (size_t i = 0; i < sizeof preferred / sizeof preferred[0]; i++)
		if (strcmp(name, preferred[i][0]) == 0)
			name = preferred[i][1];
	const struct sb_db_spelling *c = sb_db_filter_lookup(name);
	if (!c || c->filter != sp->filter || c->match != sp->match)
		return f->spelled;   /* no such canonical spelling: keep what was written */
	return name;
}

/* ------------------------------------------------------------ filters */

static bool put_leaf(struct emitter *em, const struct sb_filter *f)
{
	struct sb_strbuf *b = em->out;
	bool regex = f->spelling && f->spelling->match == SB_DB_MATCH_REGEX;
	sb_strbuf_putc(b, '(');
	sb_strbuf_puts(b, filter_name(f));
	if (f->arg) {
		sb_strbuf_putc(b, ' ');
		if (!put_atom(em, f->arg, regex, f->span))
			return false;
	}
	if (f->arg2 && f->arg2->kind != SB_V_FILTER) {
		sb_strbuf_putc(b, ' ');
		if (!put_atom(em, f->arg2, false, f->span))
			return false;
	}
	return true;   /* the caller closes: a filter arg2 is printed as a child */
}

struct frame {
	const struct sb_filter *f;
	uint32_t next;      /* next kid to print */
	bool spliced;       /* printed without its own parentheses */
};

static const char *combinator(enum sb_filter_kind k)
{
	return k == SB_FILTER_ANY ? "require-any" : k == SB_FILTER_ALL ? "require-all"
	                                                               : "require-not";
}

/* Kid i of f for printing: the kids of ANY/ALL/NOT, or a network leaf's address filter. */
static const struct sb_filter *kid(const struct sb_filter *f, uint32_t i)
{
	if (f->kind == SB_FILTER_LEAF)
		return i == 0 && f->arg2 && f->arg2->kind == SB_V_FILTER ? f->arg2->u.filter : NULL;
	return i < f->nkids ? f->kids[i] : NULL;
}

/*
 * Print filter f as the rule's filter arguments, each preceded by a space:
 * a top-level require-any becomes several arguments (they mean the same), and
 * a require-any inside a require-any, a require-all inside a require-all, is
 * flattened into its parent.
 */
static bool put_filters(struct emitter *em, const struct sb_filter *top)
{
	struct sb_strbuf *b = em->out;
	size_t cap = 32, n = 0;
	struct frame *st = malloc(cap * sizeof *st);
	if (!st) {
		b->failed = true;
		return false;
	}
	bool ok = true;
	/* the root: spliced when it is a require-any */
	const struct sb_filter *pending = top;
	bool pending_spliced = top->kind == SB_FILTER_ANY;
	for (;;) {
		if (pending) {
			const struct sb_filter *f = pending;
			pending = NULL;
			if (f->kind == SB_FILTER_UNKNOWN) {
				refuse(em, f->span, "a filter sbplc could not evaluate");
				ok = false;
				break;
			}
			if (!pending_spliced) {
				sb_strbuf_putc(b, ' ');
				if (f->kind == SB_FILTER_LEAF) {
					if (!put_leaf(em, f)) {
						ok = false;
						break;
					}
				} else {
					sb_strbuf_putc(b, '(');
					sb_strbuf_puts(b, combinator(f->kind));
				}
			}
			if (n >= MAX_FILTER_DEPTH) {
				/* the reader (and libsandbox) would not take the output back */
				refuse(em, top->span, "a filter nested deeper than a profile can be read");
				ok = false;
				break;
			}
			if (n == cap) {
				struct frame *ns = realloc(st, cap * 2 * sizeof *st);
				if (!ns) {
					b->failed = true;
					ok = false;
					break;
				}
				st = ns;
				cap *= 2;
			}
			st[n++] = (struct frame){ f, 0, pending_spliced };
		}
		if (n == 0)
			break;
		struct frame *fr = &st[n - 1];
		const struct sb_filter *k = kid(fr->f, fr->next);
		if (k) {
			fr->next++;
			pending = k;
			pending_spliced = fr->f->kind != SB_FILTER_NOT && fr->f->kind != SB_FILTER_LEAF &&
			                  k->kind == fr->f->kind;
			continue;
		}
		if (!fr->spliced)
			sb_strbuf_putc(b, ')');
		n--;
	}
	free(st);
	return ok;
}

/* A filter that matches nothing: a require-any of nothing (flattened). */
static bool matches_nothing(const struct sb_filter *f)
{
	return f && f->kind == SB_FILTER_ANY && f->nkids == 0;
}

/* ------------------------------------------------------------ rules */

static bool put_rule(struct emitter *em, const struct sb_rule *r, unsigned depth);

static bool is_message_filter(const struct sb_modifier *m)
{
	return m->nested || strcmp(m->spelled, "apply-message-filter") == 0;
}

static bool put_modifier(struct emitter *em, const struct sb_modifier *m, unsigned depth)
{
	struct sb_strbuf *b = em->out;
	if (is_message_filter(m)) {
		if (depth >= MAX_MESSAGE_FILTER_DEPTH) {
			refuse(em, m->span, "apply-message-filter nested too deeply");
			return false;
		}
		sb_strbuf_puts(b, " (apply-message-filter");
		for (size_t i = 0; i < m->nnested; i++) {
			sb_strbuf_putc(b, ' ');
			if (!put_rule(em, m->nested[i], depth + 1))
				return false;
		}
		sb_strbuf_putc(b, ')');
		return true;
	}
	if (!m->mod && !m->alias) {
		refuse(em, m->span, "an unknown modifier");
		return false;
	}
	/* a no-op name (no-callout) is kept as written: ignored, but accepted */
	sb_strbuf_puts(b, " (with ");
	sb_strbuf_puts(b, m->mod ? m->mod->name : m->spelled);
	if (m->arg) {
		sb_strbuf_putc(b, ' ');
		if (!put_atom(em, m->arg, false, m->span))
			return false;
	}
	sb_strbuf_putc(b, ')');
	return true;
}

static bool put_rule(struct emitter *em, const struct sb_rule *r, unsigned depth)
{
	struct sb_strbuf *b = em->out;
	if (r->conditional) {
		refuse(em, r->span, "this rule exists only under a condition sbplc could not decide");
		return false;
	}
	if (!r->op) {
		refuse(em, r->op_span, "an unknown operation");
		return false;
	}
	sb_strbuf_putc(b, '(');
	sb_strbuf_puts(b, r->action == SB_ACTION_ALLOW ? "allow " : "deny ");
	sb_strbuf_puts(b, r->op->name);
	for (uint32_t i = 0; i < r->nmods; i++)
		if (!is_message_filter(r->mods[i]) && !put_modifier(em, r->mods[i], depth))
			return false;
	if (r->filter && !put_filters(em, r->filter))
		return false;
	for (uint32_t i = 0; i < r->nmods; i++)
		if (is_message_filter(r->mods[i]) && !put_modifier(em, r->mods[i], depth))
			return false;
	sb_strbuf_putc(b, ')');
	return true;
}

/* ------------------------------------------------------------ comments */

struct comments {
	const struct sb_parse_result *pr;
	const struct sb_source *src;
	bool *used;
};

static bool blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\f' && s[i] != '\v')
			return false;
	return true;
}

/* The comment stands alone on its line. */
static bool own_line(const struct sb_source *s, uint32_t start)
{
	uint32_t line, col;
	sb_source_linecol(s, start, &line, &col);
	return blank(s->text + s->line_starts[line - 1], col - 1);
}

/* Between the two offsets: white space with at most one line break. */
static bool adjacent(const struct sb_source *s, uint32_t from, uint32_t to)
{
	if (to < from)
		return false;
	const char *nl = memchr(s->text + from, '\n', to - from);
	if (!nl)
		return blank(s->text + from, to - from);
	const char *rest = nl + 1, *end = s->text + to;
	return blank(s->text + from, (size_t)(nl - (s->text + from))) &&
	       !memchr(rest, '\n', (size_t)(end - rest)) && blank(rest, (size_t)(end - rest));
}

/* First comment starting at or after offset. */
static uint32_t lower_bound(const struct sb_parse_result *pr, uint32_t offset)
{
	uint32_t lo = 0, hi = pr->ncomments;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (pr->comments[mid].span.start < offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void put_comment(struct sb_strbuf *b, const struct sb_source *s, const struct sb_comment *c)
{
	const char *t = s->text + c->span.start;
	size_t n = c->span.end - c->span.start;
	while (n > 0 && (t[n - 1] == '\r' || t[n - 1] == ' ' || t[n - 1] == '\t'))
		n--;
	if (n > 0 && t[0] != ';')
		sb_strbuf_puts(b, "; ");   /* a #! line becomes an ordinary comment */
	sb_strbuf_add(b, t, n);
}

/* The comments of the input file holding span, or NULL (an import, a prelude). */
static struct comments *comments_of(struct comments *cs, size_t ncs, struct sb_span span)
{
	for (size_t k = 0; k < ncs; k++)
		if (cs[k].pr->file == span.file)
			return &cs[k];
	return NULL;
}

/*
 * Comments that belong to the rule at span: the own-line block right above
 * it and those inside it, printed before the rule, each once.
 */
static void put_leading(struct sb_strbuf *b, struct comments *c, struct sb_span span)
{
	const struct sb_source *s = c->src;
	uint32_t top = lower_bound(c->pr, span.start), at = span.start;
	while (top > 0 && own_line(s, c->pr->comments[top - 1].span.start) &&
	       adjacent(s, c->pr->comments[top - 1].span.end, at)) {
		top--;
		at = c->pr->comments[top].span.start;
	}
	for (uint32_t i = top; i < c->pr->ncomments && c->pr->comments[i].span.start < span.end;
	     i++) {
		if (c->used[i])
			continue;
		c->used[i] = true;
		put_comment(b, s, &c->pr->comments[i]);
		sb_strbuf_putc(b, '\n');
	}
}

/* The comment ending the rule's last line, printed after it. */
static void put_trailing(struct sb_strbuf *b, struct comments *c, struct sb_span span)
{
	const struct sb_source *s = c->src;
	uint32_t i = lower_bound(c->pr, span.end);
	if (i < c->pr->ncomments && !c->used[i] &&
	    !memchr(s->text + span.end, '\n', c->pr->comments[i].span.start - span.end)) {
		c->used[i] = true;
		sb_strbuf_puts(b, "  ");
		put_comment(b, s, &c->pr->comments[i]);
	}
}

/* ------------------------------------------------------------ header */

/* A value for a one-line comment: control bytes shown as \n, \xHH. */
static void put_commentable(struct sb_strbuf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\n')
			sb_strbuf_puts(b, "\\n");
		else if (c < 0x20 || c == 0x7f)
			sb_strbuf_printf(b, "\\x%02x", c);
		else
			sb_strbuf_putc(b, (char)c);
	}
}

/*
 * The header names the inputs and parameters.  An input that is itself
 * sbplc output keeps its header: the provenance is still the original inputs,
 * and compiling a compiled profile must give the same bytes.
 */
static void put_header(struct sb_strbuf *b, const struct sb_emit_options *o,
                       struct comments *cs, size_t ncs)
{
	if (ncs > 0 && cs[0].pr->ncomments > 0) {
		const struct sb_source *s = cs[0].src;
		const struct sb_comment *c0 = &cs[0].pr->comments[0];
		size_t hl = strlen(SB_EMIT_HEADER);
		if (c0->span.end - c0->span.start >= hl &&
		    memcmp(s->text + c0->span.start, SB_EMIT_HEADER, hl) == 0 &&
		    blank(s->text, c0->span.start)) {
			uint32_t i = 0;
			for (uint32_t at = c0->span.start; i < cs[0].pr->ncomments; i++) {
				const struct sb_comment *c = &cs[0].pr->comments[i];
				if (!adjacent(s, at, c->span.start) || s->text[c->span.start] != ';' ||
				    s->text[c->span.start + 1] != ';')
					break;
				put_comment(b, s, c);
				sb_strbuf_putc(b, '\n');
				cs[0].used[i] = true;
				at = c->span.end;
			}
			return;
		}
	}
	sb_strbuf_puts(b, SB_EMIT_HEADER " from:");
	for (size_t i = 0; i < o->ninputs; i++) {
		sb_strbuf_putc(b, ' ');
		put_commentable(b, o->inputs[i]);
	}
	sb_strbuf_putc(b, '\n');
	if (o->npreludes) {
		sb_strbuf_puts(b, ";; Preludes:");
		for (size_t i = 0; i < o->npreludes; i++) {
			sb_strbuf_putc(b, ' ');
			put_commentable(b, o->preludes[i]);
		}
		sb_strbuf_putc(b, '\n');
	}
	if (o->ndefines) {
		sb_strbuf_puts(b, ";; Parameters:");
		for (size_t i = 0; i < o->ndefines; i++) {
			sb_strbuf_puts(b, " -D ");
			put_commentable(b, o->defines[i]);
		}
		sb_strbuf_putc(b, '\n');
	}
}

/* ------------------------------------------------------------ the profile */

struct item {
	const struct sb_rule *r;
	size_t pos;             /* in the rule list */
	size_t text, len;       /* its canonical text in the scratch buffer */
	unsigned rank;          /* operation group: default first, then table order */
};

static int by_group(const void *x, const void *y)
{
	const struct item *a = x, *b = y;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/*
 * Mark the earlier of every two items with equal text (same action,
 * operation, filters and modifiers) as a duplicate; items are in rule order.
 */
static bool mark_duplicates(struct item *it, size_t n, const char *text, bool *dup)
{
	size_t cap = 16;
	while (cap < n * 2)
		cap *= 2;
	size_t *slot = malloc(cap * sizeof *slot);
	if (!slot)
		return false;
	for (size_t i = 0; i < cap; i++)
		slot[i] = SIZE_MAX;
	for (size_t i = n; i-- > 0;) {   /* from the last: the later one stays */
		uint64_t h = sb_fnv1a(SB_FNV_OFFSET, text + it[i].text, it[i].len);
		for (size_t j = (size_t)h & (cap - 1);; j = (j + 1) & (cap - 1)) {
			if (slot[j] == SIZE_MAX) {
				slot[j] = i;
				break;
			}
			const struct item *o = &it[slot[j]];
			if (o->len == it[i].len && memcmp(text + o->text, text + it[i].text, o->len) == 0) {
				dup[i] = true;
				break;
			}
		}
	}
	free(slot);
	return true;
}

bool sb_emit_profile(struct sb_ctx *ctx, const struct sb_profile *p,
                     const struct sb_emit_options *opt, char **text, size_t *len,
                     struct sb_emit_stats *stats)
{
	*text = NULL;
	*len = 0;
	memset(stats, 0, sizeof *stats);
	stats->noop = p->dropped.n;
	size_t n = p->rules.n;
	struct sb_strbuf scratch = { 0 }, out = { 0 };
	struct item *it = calloc(n ? n : 1, sizeof *it);
	bool *dup = calloc(n ? n : 1, sizeof *dup);
	struct comments *cs = calloc(opt->nparses ? opt->nparses : 1, sizeof *cs);
	bool ok = it && dup && cs;
	for (size_t k = 0; ok && k < opt->nparses; k++) {
		cs[k].pr = opt->parses[k];
		cs[k].src = sb_ctx_source(ctx, cs[k].pr->file);
		cs[k].used = sb_arena_calloc(ctx->arena, cs[k].pr->ncomments + 1, sizeof *cs[k].used);
		ok = cs[k].src && cs[k].used;
	}
	struct sb_analysis an = { 0 };
	if (ok && opt->minimize)
		ok = sb_model_analyze(ctx->arena, &p->rules, opt->target, &an);

	/* canonical text of every rule, in rule order */
	struct emitter em = { ctx, &scratch, true };
	size_t m = 0;
	for (size_t i = 0; ok && i < n; i++) {
		const struct sb_rule *r = p->rules.v[i];
		if (matches_nothing(r->filter)) {
			stats->empty++;
			continue;
		}
		if (opt->minimize && an.dead && an.dead[i].kind != SB_DEAD_NONE) {
			stats->minimized++;
			continue;
		}
		size_t at = scratch.len;
		if (!put_rule(&em, r, 0))
			continue;   /* reported; keep going to report every such rule */
		bool is_default = r->op && strcmp(r->op->name, "default") == 0;
		it[m++] = (struct item){ r, i, at, scratch.len - at,
		                         is_default ? 0u : 1u + (r->op ? r->op->index : 0u) };
	}
	ok = ok && em.ok && !scratch.failed && mark_duplicates(it, m, scratch.s, dup);

	/* drop duplicates, then group by operation keeping the order inside a group */
	size_t kept = 0;
	for (size_t i = 0; ok && i < m; i++) {
		if (dup[i])
			stats->duplicates++;
		else
			it[kept++] = it[i];
	}
	if (ok)
		qsort(it, kept, sizeof *it, by_group);

	if (ok) {
		put_header(&out, opt, cs, opt->nparses);
		sb_strbuf_printf(&out, "(version %lld)\n",
		                 p->has_version ? (long long)p->version.value : 1LL);
		for (size_t i = 0; i < kept; i++) {
			if (i == 0 || it[i].rank != it[i - 1].rank)
				sb_strbuf_putc(&out, '\n');
			struct comments *c = comments_of(cs, opt->nparses, it[i].r->span);
			if (c)
				put_leading(&out, c, it[i].r->span);
			sb_strbuf_add(&out, scratch.s + it[i].text, it[i].len);
			if (c)
				put_trailing(&out, c, it[i].r->span);
			sb_strbuf_putc(&out, '\n');
		}
		stats->rules = kept;
		*text = sb_strbuf_take(&out, len);
		ok = *text != NULL;
	}
	sb_strbuf_free(&out);
	sb_strbuf_free(&scratch);
	free(it);
	free(dup);
	free(cs);
	return ok;
}
