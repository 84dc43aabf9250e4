/*
 * check_parser.c -- unit tests for grammar/parser.y and src/parens.c: the
 * datum trees and spans sb_parse builds, comments, recovery from unbalanced
 * parentheses, dots and quotes (one mistake, one diagnostic), the nesting
 * limit, the error cap, and out-of-memory at every allocation.
 */
#include "testutil.h"

#include "arena.h"
#include "datum.h"
#include "parse.h"

/* The tree as text: lists, vectors, quote forms, atoms; "<error>" for error
 * placeholders.  Forms are separated by newlines. */
static void show(FILE *f, const struct sb_datum *d)
{
	if (!d) {
		fputs("<null>", f);
		return;
	}
	switch (d->kind) {
	case SB_DATUM_LIST:
	case SB_DATUM_VECTOR:
		fputs(d->kind == SB_DATUM_VECTOR ? "#(" : "(", f);
		for (uint32_t i = 0; i < d->u.list.n; i++) {
			if (i)
				fputc(' ', f);
			show(f, d->u.list.items[i]);
		}
		if (d->u.list.tail) {
			fputs(" . ", f);
			show(f, d->u.list.tail);
		}
		fputc(')', f);
		break;
	case SB_DATUM_SYMBOL:
		fwrite(d->u.str.s, 1, d->u.str.len, f);
		break;
	case SB_DATUM_STRING:
		fputc('"', f);
		fwrite(d->u.str.s, 1, d->u.str.len, f);
		fputc('"', f);
		break;
	case SB_DATUM_RAW_STRING:
		fputs("#\"", f);
		fwrite(d->u.str.s, 1, d->u.str.len, f);
		fputc('"', f);
		break;
	case SB_DATUM_NUMBER:
		if (d->u.num.exact)
			fprintf(f, "%lld", (long long)d->u.num.integer);
		else
			fprintf(f, "%g", d->u.num.value);
		break;
	case SB_DATUM_BOOLEAN:
		fputs(d->u.boolean ? "#t" : "#f", f);
		break;
	case SB_DATUM_CHAR:
		fprintf(f, "#\\x%x", (unsigned)d->u.ch);
		break;
	case SB_DATUM_QUOTE:            fputc('\'', f); show(f, d->u.quoted); break;
	case SB_DATUM_QUASIQUOTE:       fputc('`', f);  show(f, d->u.quoted); break;
	case SB_DATUM_UNQUOTE:          fputc(',', f);  show(f, d->u.quoted); break;
	case SB_DATUM_UNQUOTE_SPLICING: fputs(",@", f); show(f, d->u.quoted); break;
	case SB_DATUM_ERROR:
		fputs("<error>", f);
		break;
	}
}

static char *show_forms(const struct sb_parse_result *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	for (uint32_t i = 0; i < r->nforms; i++) {
		if (i)
			fputc('\n', f);
		show(f, r->forms[i]);
	}
	ck_assert_int_eq(fclose(f), 0);
	return tu_keep(buf);
}

static struct sb_parse_result *parse_str(struct str in)
{
	uint32_t file = tu_add_str(in);
	struct sb_parse_result *r = sb_parse(ctx, file);
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(r->file, file);
	ck_assert(!sb_ctx_oom(ctx));
	return r;
}

/* ------------------------------------------------------------ trees */

static const struct { struct str in; const char *want; uint32_t nforms; } trees[] = {
	{ S(""),                          "", 0 },
	{ S("  \n\t\n"),                  "", 0 },
	{ S("()"),                        "()", 1 },
	{ S("(a (b c) ())"),              "(a (b c) ())", 1 },
	{ S("(((x)))"),                   "(((x)))", 1 },
	{ S("(a . b)"),                   "(a . b)", 1 },
	{ S("(a b . c)"),                 "(a b . c)", 1 },
	{ S("(a . (b c))"),               "(a . (b c))", 1 },
	{ S("(a .b)"),                    "(a .b)", 1 },
	{ S("#()"),                       "#()", 1 },
	{ S("#(1 #(2) x)"),               "#(1 #(2) x)", 1 },
	{ S("'a"),                        "'a", 1 },
	{ S("''a"),                       "''a", 1 },
	{ S("'(a 'b)"),                   "'(a 'b)", 1 },
	{ S("`(a ,b ,@c)"),               "`(a ,b ,@c)", 1 },
	{ S("'()"),                       "'()", 1 },
	{ S("(version 1)\n(allow file-read* (subpath \"/usr\"))\n"),
	  "(version 1)\n(allow file-read* (subpath \"/usr\"))", 2 },
	{ S("#t #f #\\a \"s\" #\"^r\\.$\" 1.5 -3 #x1f sym"),
	  "#t\n#f\n#\\x61\n\"s\"\n#\"^r\\.$\"\n1.5\n-3\n31\nsym", 9 },
	{ S("(define x\n(list 1))"),      "(define x (list 1))", 1 },   /* '(' at column 1 inside */
	{ S("(a\n(b)\n(c))\n(d)"),        "(a (b) (c))\n(d)", 2 },
	{ S("  (a)\n  (b)"),              "(a)\n(b)", 2 },
	{ S("(a)(b)"),                    "(a)\n(b)", 2 },
	{ S("; only a comment\n"),        "", 0 },
	{ S("(a ; c\n b)"),               "(a b)", 1 },
	{ S("(a \"x;)\" b)"),             "(a \"x;)\" b)", 1 },          /* parens in strings */
	{ S("(a #\\( b)"),                "(a #\\x28 b)", 1 },           /* and in characters */
	{ S("(a #\"(\" b)"),              "(a #\"(\" b)", 1 },
	{ S("\xEF\xBB\xBF(a)"),           "(a)", 1 },                   /* after its diagnostic */
};

START_TEST(test_trees)
{
	struct sb_parse_result *r = parse_str(trees[_i].in);
	bool bom = trees[_i].in.n >= 3 && memcmp(trees[_i].in.s, "\xEF\xBB\xBF", 3) == 0;
	tu_assert_ndiags(ctx, bom ? 1 : 0);
	ck_assert_uint_eq(r->nerrors, bom ? 1 : 0);
	ck_assert_uint_eq(r->nforms, trees[_i].nforms);
	ck_assert_str_eq(show_forms(r), trees[_i].want);
}
END_TEST

/* ------------------------------------------------------------ spans */

struct sp { uint32_t start, end; };

static const struct { struct str in; uint32_t n; struct sp spans[4]; } form_spans[] = {
	{ S("(a)\n(b c)\n"),    2, { { 0, 3 }, { 4, 9 } } },
	{ S(" 'x "),            1, { { 1, 3 } } },
	{ S("'  x"),            1, { { 0, 4 } } },
	{ S("(a . b)"),         1, { { 0, 7 } } },
	{ S("#(1)"),            1, { { 0, 4 } } },
	{ S("a \"s\" #t"),      3, { { 0, 1 }, { 2, 5 }, { 6, 8 } } },
	{ S(",@(x) `y"),        2, { { 0, 5 }, { 6, 8 } } },
	{ S("(a\n b)"),         1, { { 0, 6 } } },
	{ S("\xEF\xBB\xBF(a)"), 1, { { 3, 6 } } },
};

START_TEST(test_form_spans)
{
	struct sb_parse_result *r = parse_str(form_spans[_i].in);
	ck_assert_uint_eq(r->nforms, form_spans[_i].n);
	for (uint32_t i = 0; i < r->nforms; i++) {
		ck_assert_uint_eq(r->forms[i]->span.file, r->file);
		ck_assert_uint_eq(r->forms[i]->span.start, form_spans[_i].spans[i].start);
		ck_assert_uint_eq(r->forms[i]->span.end, form_spans[_i].spans[i].end);
	}
}
END_TEST

/* Inner nodes carry their own spans. */
START_TEST(test_inner_spans)
{
	/*                      0123456789012345678901 */
	struct str in = S("(a (b . c) #(d) 'e)");
	struct sb_parse_result *r = parse_str(in);
	ck_assert_uint_eq(r->nforms, 1);
	const struct sb_datum *l = r->forms[0];
	ck_assert_int_eq(l->kind, SB_DATUM_LIST);
	ck_assert_uint_eq(l->u.list.n, 4);
	ck_assert_ptr_null(l->u.list.tail);
	static const struct sp want[] = { { 1, 2 }, { 3, 10 }, { 11, 15 }, { 16, 18 } };
	for (uint32_t i = 0; i < 4; i++) {
		ck_assert_uint_eq(l->u.list.items[i]->span.start, want[i].start);
		ck_assert_uint_eq(l->u.list.items[i]->span.end, want[i].end);
	}
	const struct sb_datum *pair = l->u.list.items[1];
	ck_assert_uint_eq(pair->u.list.n, 1);
	ck_assert_uint_eq(pair->u.list.items[0]->span.start, 4);
	ck_assert_uint_eq(pair->u.list.tail->span.start, 8);
	ck_assert_uint_eq(pair->u.list.tail->span.end, 9);
	ck_assert(sb_datum_is_symbol(pair->u.list.tail, "c"));
	const struct sb_datum *q = l->u.list.items[3];
	ck_assert_int_eq(q->kind, SB_DATUM_QUOTE);
	ck_assert_uint_eq(q->u.quoted->span.start, 17);
	ck_assert_uint_eq(q->u.quoted->span.end, 18);
	ck_assert_int_eq(l->u.list.items[2]->kind, SB_DATUM_VECTOR);
}
END_TEST

/* ------------------------------------------------------------ comments */

static const struct { struct str in; uint32_t n; struct sp spans[4]; } comments[] = {
	{ S("; a\n(x) ; b\n;c"),       3, { { 0, 3 }, { 8, 11 }, { 12, 14 } } },
	{ S("#!/x\n(a)"),              1, { { 0, 4 } } },
	{ S("(a ; in list\n b)"),      1, { { 3, 12 } } },
	{ S("#| blk |# ; c"),          1, { { 10, 13 } } },     /* a block comment is not kept */
	{ S("(a \"; not\" b)"),        0, { { 0, 0 } } },
	{ S(";\n;\n;\n;"),             4, { { 0, 1 }, { 2, 3 }, { 4, 5 }, { 6, 7 } } },
	{ S("(a\n; c\n(b)"),           1, { { 3, 6 } } },       /* kept across recovery */
};

START_TEST(test_comments)
{
	struct sb_parse_result *r = parse_str(comments[_i].in);
	ck_assert_uint_eq(r->ncomments, comments[_i].n);
	for (uint32_t i = 0; i < r->ncomments; i++) {
		ck_assert_uint_eq(r->comments[i].span.file, r->file);
		ck_assert_uint_eq(r->comments[i].span.start, comments[_i].spans[i].start);
		ck_assert_uint_eq(r->comments[i].span.end, comments[_i].spans[i].end);
	}
}
END_TEST

/* Many comments: the array grows and keeps order. */
START_TEST(test_many_comments)
{
	static char in[1000 * 4];
	for (int i = 0; i < 1000; i++)
		memcpy(in + 4 * i, ";c\n ", 4);
	struct str s = { in, sizeof in };
	struct sb_parse_result *r = parse_str(s);
	ck_assert_uint_eq(r->ncomments, 1000);
	for (uint32_t i = 0; i < 1000; i++) {
		ck_assert_uint_eq(r->comments[i].span.start, 4 * i);
		ck_assert_uint_eq(r->comments[i].span.end, 4 * i + 2);
	}
	tu_assert_ndiags(ctx, 0);
}
END_TEST

/* ------------------------------------------------------------ recovery */

struct want_diag {
	uint32_t start, end;
	const char *message;
	int note;             /* offset of its one note, or -1 for none */
	const char *note_message;
};

static const struct {
	struct str in;
	const char *forms;
	size_t n;
	struct want_diag d[4];
} recovery[] = {
	/* a missing ')' before a form at column 1: that form still parses */
	{ S("(allow a\n(deny b)\n"), "(allow a)\n(deny b)", 1,
	  { { 0, 1, "unclosed '(': missing ')'", 9,
	      "the next top-level form starts here; the form above probably lacks a ')'" } } },
	{ S("(version 1)\n(allow a (b)\n(deny c)\n"), "(version 1)\n(allow a (b))\n(deny c)", 1,
	  { { 12, 13, "unclosed '(': missing ')'", 25, "the next top-level form starts here" } } },
	/* a missing ')' at the end of the file */
	{ S("(version 1)\n(allow a (b)\n"), "(version 1)\n(allow a (b))", 1,
	  { { 12, 13, "unclosed '(': missing ')'", 25, "the file ends here" } } },
	{ S("(a (b"), "(a (b))", 1,
	  { { 0, 1, "unclosed '(': 2 ')' are missing", 5, "the file ends here" } } },
	{ S("(allow a\n  (deny b)\n"), "(allow a (deny b))", 1,   /* not at column 1 */
	  { { 0, 1, "unclosed '('", 20, "the file ends here" } } },
	{ S("#(a b"), "#(a b)", 1, { { 0, 1, "unclosed '('", 5, "the file ends here" } } },
	/* one extra ')' */
	{ S("(a))\n(b)"), "(a)\n(b)", 1,
	  { { 3, 4, "unexpected ')' with no matching '('", -1, NULL } } },
	{ S(")(a)"), "(a)", 1, { { 0, 1, "unexpected ')'", -1, NULL } } },
	{ S("(a) ; ok\n)\n(b)"), "(a)\n(b)", 1, { { 9, 10, "unexpected ')'", -1, NULL } } },
	/* dots and quotes */
	{ S("( . a)"), "<error>", 1,
	  { { 2, 3, "illegal dot expression: '.' needs an item before it", -1, NULL } } },
	{ S("(a . b c)"), "<error>", 1,
	  { { 7, 8, "expected ')' after the item that follows '.'", -1, NULL } } },
	{ S("(a . )"), "<error>", 1,
	  { { 5, 6, "unexpected ')': '.' must be followed by one more item, as in (a . b)",
	      -1, NULL } } },
	{ S("(a ')"), "<error>", 1,
	  { { 4, 5, "unexpected ')': a quote, quasiquote or unquote needs a datum after it",
	      -1, NULL } } },
	{ S("(a ,@)"), "<error>", 1, { { 5, 6, "needs a datum after it", -1, NULL } } },
	{ S("(a . b . c)"), "<error>", 1,
	  { { 7, 8, "illegal dot expression: a '.' goes between the last two items", -1, NULL } } },
	{ S("#(a . b)"), "<error>", 1, { { 4, 5, "illegal dot expression", -1, NULL } } },
	{ S("a . b"), "a\nb", 1, { { 2, 3, "illegal dot expression", -1, NULL } } },
	{ S("(x) '"), "(x)", 1,
	  { { 5, 5, "unexpected end of file: a quote, quasiquote or unquote needs a datum",
	      -1, NULL } } },
	{ S("(a (b ')) (c)"), "(a <error>)\n(c)", 1, { { 7, 8, "needs a datum", -1, NULL } } },
	/* the lexer's error is the only one */
	{ S("(a \"abc"), "(a)", 1, { { 3, 4, "unterminated string", -1, NULL } } },
	{ S("(a (b \"abc\n(c)"), "(a (b))", 1, { { 6, 7, "unterminated string", -1, NULL } } },
	{ S("'\"abc"), "", 1, { { 1, 2, "unterminated string", -1, NULL } } },
	{ S("(a . \"abc"), "<error>", 1, { { 5, 6, "unterminated string", -1, NULL } } },
	{ S("(a #\"abc"), "(a)", 1, { { 3, 5, "unterminated regex string", -1, NULL } } },
	{ S("(a #| c |# b)"), "(a b)", 1, { { 3, 5, "block comments", -1, NULL } } },
	{ S("(a #| c"), "(a)", 1, { { 3, 5, "block comments", -1, NULL } } },
	{ S("(a #foo b)"), "(a <error> b)", 1, { { 3, 7, "unknown '#' syntax", -1, NULL } } },
	{ S("(x 99999999999999999999)"), "(x <error>)", 1,
	  { { 3, 23, "out of range", -1, NULL } } },
	{ S("(a\0)"), "(a)", 1, { { 2, 3, "NUL byte", -1, NULL } } },
	/* several independent errors, each reported once, in file order */
	{ S("(a))\n(b . )\n(c\n(d)\n#foo\n"), "(a)\n<error>\n(c)\n(d)\n<error>", 4,
	  { { 3, 4, "unexpected ')'", -1, NULL },
	    { 10, 11, "'.' must be followed by one more item", -1, NULL },
	    { 12, 13, "unclosed '('", 15, "the next top-level form starts here" },
	    { 19, 23, "unknown '#' syntax '#foo'", -1, NULL } } },
	/* balanced: the column-1 heuristic stays off */
	{ S("(a\n(b . c d)\n)"), "(a <error>)", 1, { { 10, 11, "expected ')'", -1, NULL } } },
};

START_TEST(test_recovery)
{
	struct sb_parse_result *r = parse_str(recovery[_i].in);
	struct sb_diag_config cfg;
	sb_diag_config_init(&cfg);
	sb_diag_finish(ctx, &cfg);
	tu_assert_ndiags(ctx, recovery[_i].n);
	ck_assert_uint_eq(r->nerrors, recovery[_i].n);
	for (size_t i = 0; i < recovery[_i].n; i++) {
		const struct want_diag *w = &recovery[_i].d[i];
		const struct sb_diag *d = ctx->diags[i];
		ck_assert_int_eq(d->rule, SB_RULE_SYNTAX_ERROR);
		ck_assert_msg(d->span.start == w->start && d->span.end == w->end,
		              "diagnostic %zu at [%u,%u), want [%u,%u):%s", i, d->span.start,
		              d->span.end, w->start, w->end, tu_diag_dump(ctx));
		ck_assert_msg(strstr(d->message, w->message) != NULL, "'%s' lacks '%s'",
		              d->message, w->message);
		if (w->note < 0) {
			ck_assert_uint_eq(d->nnotes, 0);
			continue;
		}
		ck_assert_uint_eq(d->nnotes, 1);
		ck_assert_uint_eq(d->notes[0].span.start, (uint32_t)w->note);
		ck_assert_uint_eq(d->notes[0].span.end, (uint32_t)w->note);
		ck_assert_msg(strstr(d->notes[0].message, w->note_message) != NULL,
		              "note '%s' lacks '%s'", d->notes[0].message, w->note_message);
	}
	ck_assert_str_eq(show_forms(r), recovery[_i].forms);
}
END_TEST

/* ------------------------------------------------------------ limits */

static char *repeat(const char *unit, size_t times, const char *tail)
{
	size_t u = strlen(unit), t = strlen(tail);
	char *s = malloc(u * times + t + 1);
	ck_assert_ptr_nonnull(s);
	for (size_t i = 0; i < times; i++)
		memcpy(s + i * u, unit, u);
	memcpy(s + u * times, tail, t + 1);
	return s;
}

static const struct {
	size_t opens, closes;
	const char *open;
	bool error;
} depths[] = {
	{ 1000,    1000, "(",  false },   /* exactly the limit */
	{ 1000,    1000, "#(", false },
	{ 1001,    1001, "(",  true },
	{ 1001,    1001, "#(", true },
	{ 1001,    0,    "(",  true },
	{ 1000000, 0,    "(",  true },
	{ 1000000, 1000000, "(", true },
};

START_TEST(test_depth)
{
	char *opens = repeat(depths[_i].open, depths[_i].opens, "x");
	char *in = repeat(")", depths[_i].closes, "");
	size_t lo = strlen(opens), lc = strlen(in);
	char *all = malloc(lo + lc + 1);
	ck_assert_ptr_nonnull(all);
	memcpy(all, opens, lo);
	memcpy(all + lo, in, lc + 1);
	struct str s = { all, lo + lc };
	struct sb_parse_result *r = parse_str(s);
	size_t w = strlen(depths[_i].open);
	ck_assert_uint_eq(r->nforms, 1);
	if (!depths[_i].error) {
		tu_assert_ndiags(ctx, 0);
		const struct sb_datum *d = r->forms[0];
		for (int level = 1; level < 1000; level++) {
			ck_assert_uint_eq(d->u.list.n, 1);
			d = d->u.list.items[0];
		}
		ck_assert_uint_eq(d->u.list.n, 1);
		ck_assert(sb_datum_is_symbol(d->u.list.items[0], "x"));
	} else {
		tu_assert_ndiags(ctx, 1);
		uint32_t at = (uint32_t)(SB_MAX_NESTING * w);
		tu_expect(ctx, SB_RULE_SYNTAX_ERROR, at, at + (uint32_t)w,
		          "lists nested deeper than 1000 levels; the rest of the file is not read");
		ck_assert_uint_eq(r->nerrors, 1);
	}
	free(opens);
	free(in);
	free(all);
}
END_TEST

/* A deep chain of quotes is bounded too: one diagnostic, no crash. */
START_TEST(test_deep_quotes)
{
	char *in = repeat("'", 1000000, "a");
	struct str s = { in, strlen(in) };
	struct sb_parse_result *r = parse_str(s);
	tu_assert_ndiags(ctx, 1);
	ck_assert_int_eq(ctx->diags[0]->rule, SB_RULE_RESOURCE_LIMIT);
	ck_assert_ptr_nonnull(strstr(ctx->diags[0]->message, "parser stopped"));
	ck_assert_uint_eq(r->nerrors, 1);
	free(in);
}
END_TEST

/* A file with 1000 errors of one kind reports a bounded number of them,
 * ending with one "too many". */
static const struct { const char *unit; size_t want; } caps[] = {
	{ "( . a)\n",  SB_MAX_ERRORS + 1 },
	{ "(a . )\n",  SB_MAX_ERRORS + 1 },
	{ "(a ')\n",   SB_MAX_ERRORS + 1 },
	{ ")\n",       SB_MAX_ERRORS + 1 },
	{ "(a\n",      SB_MAX_ERRORS + 1 },
	{ "#foo\n",    SB_MAX_ERRORS + 1 },   /* the lexer's errors */
	/* one budget for the file: lexer and parser errors together, 50 in all */
	{ "#foo ( . a)\n", SB_MAX_ERRORS + 1 },
	{ "\"\\x\" )\n", SB_MAX_ERRORS + 1 },
};

START_TEST(test_error_cap)
{
	char *in = repeat(caps[_i].unit, 1000, "");
	struct str s = { in, strlen(in) };
	struct sb_parse_result *r = parse_str(s);
	struct sb_diag_config cfg;
	sb_diag_config_init(&cfg);
	sb_diag_finish(ctx, &cfg);
	tu_assert_ndiags(ctx, caps[_i].want);
	ck_assert_uint_ge(r->nerrors, caps[_i].want);
	if (caps[_i].want > SB_MAX_ERRORS)
		ck_assert_ptr_nonnull(strstr(ctx->diags[ctx->ndiags - 1]->message, "too many"));
	free(in);
}
END_TEST

/* ------------------------------------------------------------ out of memory */

static const char oom_text[] =
	"; header\n"
	"(version 1)\n"
	"(allow file-read* (subpath \"/usr\") (regex #\"^/a\\.b$\"))\n"
	"(deny default) ; trailing\n"
	"(define (f x) `(a ,x ,@(list 1 2.5 #t #\\space)))\n"
	"#(1 2 3) '(a . b)\n"
	"(broken . )\n"
	"(z))\n"
	"(unclosed\n"
	"(x #foo \"a\\.b\")\n"
	"(y)\n";

static const char *oom_baseline(void)
{
	struct sb_ctx *c = sb_ctx_new();
	ck_assert_ptr_nonnull(c);
	uint32_t file = tu_add_named(c, "oom.sb", oom_text, sizeof oom_text - 1);
	struct sb_parse_result *r = sb_parse(c, file);
	ck_assert_ptr_nonnull(r);
	const char *s = show_forms(r);
	ck_assert_uint_eq(r->ncomments, 2);
	ck_assert_uint_eq(c->ndiags, 4);
	sb_ctx_free(c);
	return s;
}

#define OOM_STEPS 200   /* sb_parse makes 161 allocations for oom_text */

/* The Nth allocation of sb_parse fails: NULL, or a result, never a crash. */
START_TEST(test_oom)
{
	uint32_t file = tu_add_named(ctx, "oom.sb", oom_text, sizeof oom_text - 1);
	sb_arena_fail_after(ctx->arena, (unsigned long)_i + 1);
	struct sb_parse_result *r = sb_parse(ctx, file);
	if (!r) {
		ck_assert(sb_ctx_oom(ctx));
	} else if (!sb_ctx_oom(ctx)) {
		ck_assert_str_eq(show_forms(r), oom_baseline());
	} else {
		ck_assert_uint_eq(r->nforms, 0);
	}
	/* whatever was recorded can still be finished and rendered */
	struct sb_diag_config cfg;
	sb_diag_config_init(&cfg);
	sb_diag_finish(ctx, &cfg);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	struct sb_text_options opt = { false, false };
	sb_diag_render_text(ctx, f, &opt);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_uint_eq(len, strlen(buf));
	free(buf);
}
END_TEST

/* OOM_STEPS covers every allocation: one more and the parse succeeds. */
START_TEST(test_oom_covers_all)
{
	uint32_t file = tu_add_named(ctx, "oom.sb", oom_text, sizeof oom_text - 1);
	sb_arena_fail_after(ctx->arena, OOM_STEPS);
	struct sb_parse_result *r = sb_parse(ctx, file);
	ck_assert_ptr_nonnull(r);
	ck_assert(!sb_ctx_oom(ctx));
	ck_assert_str_eq(show_forms(r), oom_baseline());
	ck_assert_str_eq(show_forms(r),
		"(version 1)\n"
		"(allow file-read* (subpath \"/usr\") (regex #\"^/a\\.b$\"))\n"
		"(deny default)\n"
		"(define (f x) `(a ,x ,@(list 1 2.5 #t #\\x20)))\n"
		"#(1 2 3)\n'(a . b)\n<error>\n(z)\n(unclosed)\n(x <error> \"a.b\")\n(y)");
}
END_TEST

static Suite *parser_suite(void)
{
	Suite *s = suite_create("parser");
	TU_LOOP_CASE(s, "trees", test_trees, trees);
	TU_LOOP_CASE(s, "form_spans", test_form_spans, form_spans);
	tcase_add_test(tu_case(s, "inner_spans"), test_inner_spans);
	TU_LOOP_CASE(s, "comments", test_comments, comments);
	tcase_add_test(tu_case(s, "many_comments"), test_many_comments);
	TU_LOOP_CASE(s, "recovery", test_recovery, recovery);

	TCase *tc = tu_case(s, "depth");
	tcase_add_loop_test(tc, test_depth, 0, (int)SB_COUNTOF(depths));
	tcase_add_test(tc, test_deep_quotes);
	tcase_set_timeout(tc, 60);

	TU_LOOP_CASE(s, "error_cap", test_error_cap, caps);

	tc = tu_case(s, "oom");
	tcase_add_loop_test(tc, test_oom, 0, OOM_STEPS - 1);
	tcase_add_test(tc, test_oom_covers_all);
	return s;
}

int main(void)
{
	return tu_run(parser_suite());
}
