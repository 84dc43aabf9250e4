/*
 * parser.y -- tokens to datum tree.  The grammar builds datums only; what a
 * list means is eval's business.  Parentheses reach Bison already balanced
 * (src/parens.c), so recovery is needed only for misplaced dots and quotes;
 * nesting is bounded there too, so Bison's stack stays small.
 */
%require "3.6"
%define api.pure full
%define api.prefix {sb_yy}
%define api.token.prefix {TOK_}
%define api.location.type {struct sb_span}
%define parse.error custom
%define parse.lac full
%locations
%expect 0
%param {struct sb_parser *p}

%code requires {
#include <stdint.h>
#include "datum.h"
#include "lexer.h"
#include "parens.h"

struct sb_ctx;

/* items of a list being read, in order */
struct sb_items {
	struct sb_item *head, *tail;
	uint32_t n;
};

struct sb_parser {
	struct sb_ctx *ctx;
	uint32_t file;
	struct sb_lexer lx;
	struct sb_paren_plan plan;
	size_t next_fix;
	uint32_t pending_closers, closer_at;
	bool have_stash, abort;
	struct sb_token stash;
	struct sb_items forms;
	struct sb_comment *comments;
	uint32_t ncomments, cap_comments;
	unsigned nerrors;
	unsigned reported;          /* syntax errors reported for the file, every stage */
	int last_tok, prev_tok;     /* the lookahead and the token before it */
};

#define YYLLOC_DEFAULT(Cur, Rhs, N)                                     \
	do {                                                            \
		if (N) {                                                \
			(Cur).file = YYRHSLOC(Rhs, 1).file;             \
			(Cur).start = YYRHSLOC(Rhs, 1).start;           \
			(Cur).end = YYRHSLOC(Rhs, N).end;               \
		} else {                                                \
			(Cur).file = YYRHSLOC(Rhs, 0).file;             \
			(Cur).start = (Cur).end = YYRHSLOC(Rhs, 0).end; \
		}                                                       \
	} while (0)
}

%code provides {
int sb_yylex(SB_YYSTYPE *lval, struct sb_span *lloc, struct sb_parser *p);
void sb_yyerror(const struct sb_span *loc, struct sb_parser *p, const char *msg);
}

%code {
#include <string.h>
#include "ctx.h"
#include "parse.h"

struct sb_item {
	struct sb_datum *datum;
	struct sb_item *next;
};

static void items_add(struct sb_parser *p, struct sb_items *it, struct sb_datum *d);
static struct sb_datum *make_list(struct sb_parser *p, enum sb_datum_kind kind,
                                  struct sb_items *it, struct sb_datum *tail,
                                  const struct sb_span *sp);
static struct sb_datum *make_quote(struct sb_parser *p, enum sb_datum_kind kind,
                                   struct sb_datum *q, const struct sb_span *sp);
static struct sb_datum *make_error(struct sb_parser *p, const struct sb_span *sp);
static bool count_error(struct sb_parser *p, const struct sb_span *sp);
}

%union {
	struct sb_datum *datum;
	struct sb_items items;
}

%token LPAREN "'('" RPAREN "')'" VECTOR "'#('" QUOTE "quote" QUASIQUOTE "quasiquote"
%token UNQUOTE "unquote" UNQUOTE_SPLICING "unquote-splicing" DOT "'.'"
%token <datum> ATOM "atom"
%type <datum> datum
%type <items> items

%%

program
	: %empty
	| program datum       { items_add(p, &p->forms, $2); }
	| program error       { }
	;

datum
	: ATOM                         { $$ = $1; }
	| "'('" items "')'"            { $$ = make_list(p, SB_DATUM_LIST, &$2, NULL, &@$); }
	| "'('" items "'.'" datum "')'" {
		if ($2.n == 0) {
			struct sb_span sp = @3;
			if (count_error(p, &sp))
				sb_diag_report(p->ctx, SB_RULE_SYNTAX_ERROR, sp,
				               "illegal dot expression: '.' needs an item before it");
			$$ = make_error(p, &@$);
		} else {
			$$ = make_list(p, SB_DATUM_LIST, &$2, $4, &@$);
		}
	}
	| "'('" items error "')'"      { $$ = make_error(p, &@$); }
	| "'#('" items "')'"           { $$ = make_list(p, SB_DATUM_VECTOR, &$2, NULL, &@$); }
	| "'#('" items error "')'"     { $$ = make_error(p, &@$); }
	| "quote" datum                { $$ = make_quote(p, SB_DATUM_QUOTE, $2, &@$); }
	| "quasiquote" datum           { $$ = make_quote(p, SB_DATUM_QUASIQUOTE, $2, &@$); }
	| "unquote" datum              { $$ = make_quote(p, SB_DATUM_UNQUOTE, $2, &@$); }
	| "unquote-splicing" datum     { $$ = make_quote(p, SB_DATUM_UNQUOTE_SPLICING, $2, &@$); }
	;

items
	: %empty                       { $$.head = $$.tail = NULL; $$.n = 0; }
	| items datum                  { $$ = $1; items_add(p, &$$, $2); }
	;

%%

static void items_add(struct sb_parser *p, struct sb_items *it, struct sb_datum *d)
{
	struct sb_item *i = sb_arena_alloc(p->ctx->arena, sizeof *i);
	if (!i || !d)
		return;
	i->datum = d;
	if (it->tail)
		it->tail->next = i;
	else
		it->head = i;
	it->tail = i;
	it->n++;
}

static struct sb_datum **items_array(struct sb_parser *p, const struct sb_items *it)
{
	struct sb_datum **v = sb_arena_calloc(p->ctx->arena, it->n ? it->n : 1, sizeof *v);
	if (!v)
		return NULL;
	uint32_t k = 0;
	for (struct sb_item *i = it->head; i; i = i->next)
		v[k++] = i->datum;
	return v;
}

static struct sb_datum *make_list(struct sb_parser *p, enum sb_datum_kind kind,
                                  struct sb_items *it, struct sb_datum *tail,
                                  const struct sb_span *sp)
{
	struct sb_datum *d = sb_arena_alloc(p->ctx->arena, sizeof *d);
	if (!d)
		return NULL;
	d->kind = kind;
	d->span = *sp;
	d->u.list.items = items_array(p, it);
	d->u.list.n = d->u.list.items ? it->n : 0;
	d->u.list.tail = tail;
	return d;
}

static struct sb_datum *make_quote(struct sb_parser *p, enum sb_datum_kind kind,
                                   struct sb_datum *q, const struct sb_span *sp)
{
	struct sb_datum *d = sb_arena_alloc(p->ctx->arena, sizeof *d);
	if (!d)
		return NULL;
	d->kind = kind;
	d->span = *sp;
	d->u.quoted = q;
	return d;
}

static struct sb_datum *make_error(struct sb_parser *p, const struct sb_span *sp)
{
	struct sb_datum *d = sb_arena_alloc(p->ctx->arena, sizeof *d);
	if (d) {
		d->kind = SB_DATUM_ERROR;
		d->span = *sp;
	}
	return d;
}

/* Only Bison's own failures come here ("memory exhausted"); syntax errors
 * go through yyreport_syntax_error. */
void sb_yyerror(const struct sb_span *loc, struct sb_parser *p, const char *msg)
{
	sb_diag_report(p->ctx, SB_RULE_RESOURCE_LIMIT, *loc, "parser stopped: %s", msg);
	p->nerrors++;
}

static const char *token_words(yysymbol_kind_t k)
{
	switch (k) {
	case YYSYMBOL_YYEOF:    return "end of file";
	case YYSYMBOL_RPAREN:   return "')'";
	case YYSYMBOL_DOT:      return "'.'";
	default:                   return yysymbol_name(k);
	}
}

/*
 * Count one syntax error; false when it must not be reported because
 * SB_MAX_ERRORS were (the first one past says so and stops the parse).
 */
static bool count_error(struct sb_parser *p, const struct sb_span *sp)
{
	p->nerrors++;
	unsigned used = ++p->reported;   /* with the lexer's and the pre-pass's */
	if (used <= SB_MAX_ERRORS)
		return true;
	if (used == SB_MAX_ERRORS + 1)
		sb_diag_report(p->ctx, SB_RULE_SYNTAX_ERROR, *sp,
		               "too many syntax errors; stopping here");
	p->abort = true;
	return false;
}

static int yyreport_syntax_error(const yypcontext_t *yyctx, struct sb_parser *p)
{
	yysymbol_kind_t got = yypcontext_token(yyctx);
	struct sb_span sp = *yypcontext_location(yyctx);
	/* The file ended inside a string or comment: the lexer said so, and
	 * what is missing at the end follows from it (first error wins). */
	if (p->lx.eof_in_token && sp.start >= p->plan.stop)
		return 0;
	if (!count_error(p, &sp))
		return 0;
	if (got == YYSYMBOL_DOT) {
		sb_diag_report(p->ctx, SB_RULE_SYNTAX_ERROR, sp,
		               "illegal dot expression: a '.' goes between the last two items "
		               "of a list, as in (a . b)");
		return 0;
	}
	yysymbol_kind_t want[4];
	int n = yypcontext_expected_tokens(yyctx, want, 4);
	if (n == 1 && want[0] == YYSYMBOL_RPAREN) {
		sb_diag_report(p->ctx, SB_RULE_SYNTAX_ERROR, sp,
		               "unexpected %s; expected ')' after the item that follows '.'",
		               token_words(got));
		return 0;
	}
	/* Balanced parens leave two cases: nothing after a '.' or a quote. */
	if (p->prev_tok == TOK_DOT)
		sb_diag_report(p->ctx, SB_RULE_SYNTAX_ERROR, sp,
		               "unexpected %s: '.' must be followed by one more item, as in (a . b)",
		               token_words(got));
	else
		sb_diag_report(p->ctx, SB_RULE_SYNTAX_ERROR, sp,
		               "unexpected %s: a quote, quasiquote or unquote needs a datum after it",
		               token_words(got));
	return 0;
}

static void keep_comment(struct sb_parser *p, const struct sb_token *t)
{
	if (p->ncomments == p->cap_comments) {
		uint32_t cap = p->cap_comments ? p->cap_comments * 2 : 64;
		struct sb_comment *c = sb_arena_grow(p->ctx->arena, p->comments, p->ncomments,
		                                     cap, sizeof *c);
		if (!c)
			return;
		p->comments = c;
		p->cap_comments = cap;
	}
	struct sb_span sp = { p->file, t->start, t->end };
	p->comments[p->ncomments++].span = sp;
}

/* Next token for Bison, with the paren plan applied. */
static int next_token(SB_YYSTYPE *lval, struct sb_span *lloc, struct sb_parser *p);

int sb_yylex(SB_YYSTYPE *lval, struct sb_span *lloc, struct sb_parser *p)
{
	p->prev_tok = p->last_tok;
	p->last_tok = next_token(lval, lloc, p);
	return p->last_tok;
}

static int next_token(SB_YYSTYPE *lval, struct sb_span *lloc, struct sb_parser *p)
{
	struct sb_token t;
	lloc->file = p->file;
	if (p->pending_closers) {
		p->pending_closers--;
		lloc->start = lloc->end = p->closer_at;
		return TOK_RPAREN;
	}
	if (p->reported > SB_MAX_ERRORS)
		p->abort = true;   /* the lexer spent the file's error budget */
	if (p->abort || sb_ctx_oom(p->ctx)) {
		lloc->start = lloc->end = p->plan.stop;
		return TOK_YYEOF;
	}
	for (;;) {
		if (p->have_stash) {
			t = p->stash;
			p->have_stash = false;
		} else {
			sb_lexer_next(&p->lx, &t);
			if (t.kind == SB_TOK_COMMENT) {
				keep_comment(p, &t);
				continue;
			}
		}
		if (t.kind == SB_TOK_EOF || t.start >= p->plan.stop) {
			t.kind = SB_TOK_EOF;
			t.start = t.end = t.start < p->plan.stop ? t.start : p->plan.stop;
		}
		if (p->next_fix < p->plan.nfixes) {
			const struct sb_paren_fix *f = &p->plan.fixes[p->next_fix];
			if (f->offset <= t.start || t.kind == SB_TOK_EOF) {
				p->next_fix++;
				if (f->skip)
					continue;   /* the ')' at f->offset is dropped */
				p->stash = t;
				p->have_stash = true;
				p->pending_closers = f->closers - 1;
				p->closer_at = f->offset;
				lloc->start = lloc->end = f->offset;
				return TOK_RPAREN;
			}
		}
		break;
	}
	lloc->start = t.start;
	lloc->end = t.end;
	lval->datum = t.atom;
	switch (t.kind) {
	case SB_TOK_EOF:              return TOK_YYEOF;
	case SB_TOK_LPAREN:           return TOK_LPAREN;
	case SB_TOK_RPAREN:           return TOK_RPAREN;
	case SB_TOK_VECTOR:           return TOK_VECTOR;
	case SB_TOK_QUOTE:            return TOK_QUOTE;
	case SB_TOK_QUASIQUOTE:       return TOK_QUASIQUOTE;
	case SB_TOK_UNQUOTE:          return TOK_UNQUOTE;
	case SB_TOK_UNQUOTE_SPLICING: return TOK_UNQUOTE_SPLICING;
	case SB_TOK_DOT:              return TOK_DOT;
	case SB_TOK_ATOM:             return TOK_ATOM;
	case SB_TOK_COMMENT:          break;
	}
	return TOK_SB_YYUNDEF;
}

/* Mark the form holding off: start <= off < end for a finding, start < off <=
 * end for an inserted ')' (it sits at the form's end).  Top-level forms are
 * disjoint and in order, so a binary search finds the only candidate. */
static void mark_form_at(struct sb_parse_result *r, uint32_t off, bool at_end)
{
	uint32_t lo = 0, hi = r->nforms;     /* first form starting after off */
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		uint32_t start = r->forms[mid]->span.start;
		if (at_end ? start < off : start <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return;
	const struct sb_span *sp = &r->forms[lo - 1]->span;
	if (at_end ? off <= sp->end : off < sp->end)
		r->broken[lo - 1] = true;
}

/* A form is broken when a syntax error of this file, or a ')' the paren
 * plan inserted, falls inside it: evaluating it would only repeat the error
 * in other words. */
static void mark_broken(struct sb_ctx *ctx, const struct sb_parser *p,
                        struct sb_parse_result *r)
{
	for (size_t i = 0; i < ctx->ndiags; i++) {
		const struct sb_diag *d = ctx->diags[i];
		if (d->rule == SB_RULE_SYNTAX_ERROR && d->span.file == p->file)
			mark_form_at(r, d->span.start, false);
	}
	for (size_t i = 0; i < p->plan.nfixes; i++)
		mark_form_at(r, p->plan.fixes[i].offset, true);
}

struct sb_parse_result *sb_parse(struct sb_ctx *ctx, uint32_t file)
{
	struct sb_parser *p = sb_arena_alloc(ctx->arena, sizeof *p);
	struct sb_parse_result *r = sb_arena_alloc(ctx->arena, sizeof *r);
	if (!p || !r)
		return NULL;
	p->ctx = ctx;
	p->file = file;
	if (!sb_parens_plan(ctx, file, &p->plan))
		return NULL;
	sb_lexer_init(&p->lx, ctx, file, false);
	p->lx.keep_trivia = true;
	p->reported = p->plan.nerrors + p->lx.nerrors;   /* the pre-pass's, a BOM */
	p->lx.reported = &p->reported;
	sb_yyparse(p);
	if (sb_ctx_oom(ctx))
		return NULL;
	r->file = file;
	r->forms = items_array(p, &p->forms);
	r->nforms = r->forms ? p->forms.n : 0;
	r->broken = sb_arena_calloc(ctx->arena, r->nforms ? r->nforms : 1, sizeof *r->broken);
	if (!r->broken)
		return NULL;
	mark_broken(ctx, p, r);
	r->comments = p->comments;
	r->ncomments = p->ncomments;
	r->nerrors = p->nerrors + p->lx.nerrors + p->plan.nerrors;
	return r;
}
