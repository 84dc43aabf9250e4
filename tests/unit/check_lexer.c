/*
 * check_lexer.c -- unit tests for grammar/lexer.re: every token kind with
 * its span, the value of every atom kind, comments in trivia mode, and every
 * lexical error with its span and message.
 */
#include <math.h>

#include "testutil.h"

#include "datum.h"
#include "lexer.h"

#define MAXTOK 10

struct tok { enum sb_tok_kind kind; uint32_t start, end; };

/* Lex all of in; returns the number of tokens before EOF, *eof is the EOF token. */
static size_t lex_all(struct str in, bool trivia, struct sb_token *out, size_t max,
                      struct sb_lexer *lx, struct sb_token *eof)
{
	uint32_t file = tu_add_str(in);
	sb_lexer_init(lx, ctx, file, false);
	lx->keep_trivia = trivia;
	size_t n = 0;
	for (;;) {
		struct sb_token t;
		sb_lexer_next(lx, &t);
		if (t.kind == SB_TOK_EOF) {
			*eof = t;
			return n;
		}
		ck_assert_msg(n < max, "more than %zu tokens", max);
		out[n++] = t;
	}
}

/* The single atom of in, with no diagnostic. */
static const struct sb_datum *one_atom(struct str in)
{
	struct sb_lexer lx;
	struct sb_token t[MAXTOK], eof;
	size_t n = lex_all(in, false, t, MAXTOK, &lx, &eof);
	tu_assert_ndiags(ctx, 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(t[0].kind, SB_TOK_ATOM);
	ck_assert_uint_eq(t[0].start, 0);
	ck_assert_uint_eq(t[0].end, in.n);
	ck_assert_ptr_nonnull(t[0].atom);
	ck_assert_uint_eq(t[0].atom->span.start, 0);
	ck_assert_uint_eq(t[0].atom->span.end, in.n);
	ck_assert_uint_eq(eof.start, in.n);
	ck_assert_uint_eq(eof.end, in.n);
	return t[0].atom;
}

static void check_tokens(const struct sb_token *got, size_t n, const struct tok *want,
                         size_t nwant)
{
	for (size_t i = 0; i < n && i < nwant; i++) {
		ck_assert_msg(got[i].kind == want[i].kind && got[i].start == want[i].start &&
		              got[i].end == want[i].end,
		              "token %zu: got kind %d [%u,%u), want kind %d [%u,%u)", i,
		              got[i].kind, got[i].start, got[i].end, want[i].kind,
		              want[i].start, want[i].end);
		ck_assert_int_eq(got[i].atom != NULL, got[i].kind == SB_TOK_ATOM);
	}
	ck_assert_uint_eq(n, nwant);
}

/* ------------------------------------------------------------ token kinds */

#define LP  SB_TOK_LPAREN
#define RP  SB_TOK_RPAREN
#define VEC SB_TOK_VECTOR
#define QT  SB_TOK_QUOTE
#define QQ  SB_TOK_QUASIQUOTE
#define UQ  SB_TOK_UNQUOTE
#define UQS SB_TOK_UNQUOTE_SPLICING
#define DOT SB_TOK_DOT
#define AT  SB_TOK_ATOM
#define CMT SB_TOK_COMMENT

static const struct {
	struct str in;
	bool trivia;
	unsigned errs;          /* diagnostics expected (checked in "errors") */
	size_t n;
	struct tok t[MAXTOK];
} tokens[] = {
	{ S("("),        false, 0, 1, { { LP, 0, 1 } } },
	{ S(")"),        false, 0, 1, { { RP, 0, 1 } } },
	{ S("#("),       false, 0, 1, { { VEC, 0, 2 } } },
	{ S("'"),        false, 0, 1, { { QT, 0, 1 } } },
	{ S("`"),        false, 0, 1, { { QQ, 0, 1 } } },
	{ S(","),        false, 0, 1, { { UQ, 0, 1 } } },
	{ S(",@"),       false, 0, 1, { { UQS, 0, 2 } } },
	{ S(", @"),      false, 0, 2, { { UQ, 0, 1 }, { AT, 2, 3 } } },
	{ S("."),        false, 0, 1, { { DOT, 0, 1 } } },
	{ S(" . "),      false, 0, 1, { { DOT, 1, 2 } } },
	{ S(".)"),       false, 0, 2, { { DOT, 0, 1 }, { RP, 1, 2 } } },
	{ S("(a . b)"),  false, 0, 5, { { LP, 0, 1 }, { AT, 1, 2 }, { DOT, 3, 4 }, { AT, 5, 6 },
	                             { RP, 6, 7 } } },
	{ S("(a .b)"),   false, 0, 4, { { LP, 0, 1 }, { AT, 1, 2 }, { AT, 3, 5 }, { RP, 5, 6 } } },
	{ S("a.b"),      false, 0, 1, { { AT, 0, 3 } } },
	{ S("..."),      false, 0, 1, { { AT, 0, 3 } } },
	{ S(".5"),       false, 0, 1, { { AT, 0, 2 } } },
	{ S("'a"),       false, 0, 2, { { QT, 0, 1 }, { AT, 1, 2 } } },
	{ S("''a"),      false, 0, 3, { { QT, 0, 1 }, { QT, 1, 2 }, { AT, 2, 3 } } },
	{ S("`(,a ,@b)"), false, 0, 7, { { QQ, 0, 1 }, { LP, 1, 2 }, { UQ, 2, 3 }, { AT, 3, 4 },
	                              { UQS, 5, 7 }, { AT, 7, 8 }, { RP, 8, 9 } } },
	{ S(" \t\r\n\f\va "), false, 0, 1, { { AT, 6, 7 } } },
	{ S("a'b a,b a#b a`b"), false, 0, 4, { { AT, 0, 3 }, { AT, 4, 7 }, { AT, 8, 11 },
	                                    { AT, 12, 15 } } },
	{ S("x\"s\"y"),  false, 0, 3, { { AT, 0, 1 }, { AT, 1, 4 }, { AT, 4, 5 } } },
	{ S("a(b)c"),    false, 0, 5, { { AT, 0, 1 }, { LP, 1, 2 }, { AT, 2, 3 }, { RP, 3, 4 },
	                             { AT, 4, 5 } } },
	{ S("[a b]"),    false, 0, 2, { { AT, 0, 2 }, { AT, 3, 5 } } },   /* [ ] are not delimiters */
	{ S("#(1 2)"),   false, 0, 4, { { VEC, 0, 2 }, { AT, 2, 3 }, { AT, 4, 5 }, { RP, 5, 6 } } },
	{ S("#\\(#\\)"), false, 0, 2, { { AT, 0, 3 }, { AT, 3, 6 } } },
	{ S("(#\\a)"),   false, 0, 3, { { LP, 0, 1 }, { AT, 1, 4 }, { RP, 4, 5 } } },
	{ S("#\\;x"),    false, 0, 2, { { AT, 0, 3 }, { AT, 3, 4 } } },  /* #\; then x */
	{ S("#\\ a"),    false, 0, 2, { { AT, 0, 3 }, { AT, 3, 4 } } },
	{ S("#\\\"a"),   false, 0, 2, { { AT, 0, 3 }, { AT, 3, 4 } } },
	{ S("#\\ab(c"),  false, 1, 3, { { AT, 0, 4 }, { LP, 4, 5 }, { AT, 5, 6 } } },
	{ S("#t#f"),     false, 1, 1, { { AT, 0, 4 } } },
	{ S("#\"a\\\"b"), false, 0, 2, { { AT, 0, 5 }, { AT, 5, 6 } } },  /* raw: no escapes */
	{ S("\"a\nb\""), false, 0, 1, { { AT, 0, 5 } } },   /* strings span lines */
	{ S("\"a\\\"b\""), false, 0, 1, { { AT, 0, 6 } } },
	{ S("a;c\nb"),   false, 0, 2, { { AT, 0, 1 }, { AT, 4, 5 } } },
	{ S("a;c\nb"),   true, 0,  3, { { AT, 0, 1 }, { CMT, 1, 3 }, { AT, 4, 5 } } },
	{ S("; hi\n(a)"), true, 0, 4, { { CMT, 0, 4 }, { LP, 5, 6 }, { AT, 6, 7 }, { RP, 7, 8 } } },
	{ S("; hi\n(a)"), false, 0, 3, { { LP, 5, 6 }, { AT, 6, 7 }, { RP, 7, 8 } } },
	{ S(";"),        true, 0,  1, { { CMT, 0, 1 } } },
	{ S(";;; x ;; y"), true, 0, 1, { { CMT, 0, 10 } } },
	{ S("#!/usr/bin/sandbox-exec\na"), true, 0, 2, { { CMT, 0, 23 }, { AT, 24, 25 } } },
	{ S("#!/usr/bin/sandbox-exec\na"), false, 0, 1, { { AT, 24, 25 } } },
	{ S("#!"),       true, 0,  1, { { CMT, 0, 2 } } },
	{ S("\"; no\""), true, 0,  1, { { AT, 0, 6 } } },   /* ';' inside a string */
	{ S(""),         false, 0, 0, { { 0, 0, 0 } } },
	{ S("  \n "),    true, 0,  0, { { 0, 0, 0 } } },
};

START_TEST(test_tokens)
{
	struct sb_lexer lx;
	struct sb_token t[MAXTOK], eof;
	size_t n = lex_all(tokens[_i].in, tokens[_i].trivia, t, MAXTOK, &lx, &eof);
	tu_assert_ndiags(ctx, tokens[_i].errs);
	check_tokens(t, n, tokens[_i].t, tokens[_i].n);
	ck_assert_uint_eq(eof.start, tokens[_i].in.n);
	ck_assert_uint_eq(eof.end, tokens[_i].in.n);
	ck_assert(!lx.eof_in_token);
	ck_assert_uint_eq(lx.nerrors, ctx->ndiags);
}
END_TEST

/* EOF is sticky: asking again keeps answering EOF at the end. */
START_TEST(test_eof_repeats)
{
	struct sb_lexer lx;
	struct sb_token t;
	uint32_t file = tu_add("a", 1);
	sb_lexer_init(&lx, ctx, file, false);
	sb_lexer_next(&lx, &t);
	ck_assert_int_eq(t.kind, SB_TOK_ATOM);
	for (int i = 0; i < 3; i++) {
		sb_lexer_next(&lx, &t);
		ck_assert_int_eq(t.kind, SB_TOK_EOF);
		ck_assert_uint_eq(t.start, 1);
		ck_assert_uint_eq(t.end, 1);
	}
}
END_TEST

/* The quiet lexer (paren pre-pass) returns the same tokens, no atoms, no
 * diagnostics. */
START_TEST(test_quiet)
{
	static const char in[] = "(#foo \"a\\.\" #\\bad 99999999999999999999 #| x |# ; c\n\"open";
	uint32_t file = tu_add(in, sizeof in - 1);
	struct sb_lexer lx;
	struct sb_token t;
	static const struct tok want[] = {
		{ LP, 0, 1 }, { AT, 1, 5 }, { AT, 6, 11 }, { AT, 12, 17 }, { AT, 18, 38 },
	};
	sb_lexer_init(&lx, ctx, file, true);
	for (size_t i = 0; i < SB_COUNTOF(want); i++) {
		sb_lexer_next(&lx, &t);
		ck_assert_int_eq(t.kind, want[i].kind);
		ck_assert_uint_eq(t.start, want[i].start);
		ck_assert_uint_eq(t.end, want[i].end);
		ck_assert_ptr_null(t.atom);
	}
	sb_lexer_next(&lx, &t);
	ck_assert_int_eq(t.kind, SB_TOK_EOF);
	ck_assert_uint_eq(t.start, sizeof in - 1);
	ck_assert(lx.eof_in_token);
	ck_assert_uint_eq(lx.nerrors, 0);
	tu_assert_ndiags(ctx, 0);
}
END_TEST

/* ------------------------------------------------------------ symbols */

static const struct { struct str in; } symbols[] = {
	{ S("file-read*") }, { S("%finalize") }, { S("*params*") }, { S("sbpl-filter?") },
	{ S("set!") }, { S("AF_INET") }, { S("REGULAR-FILE") }, { S("a_b-c") },
	{ S("[x]") }, { S("-") }, { S("+") }, { S("...") }, { S("a.b") }, { S("1+") },
	{ S("-a") }, { S("1e") }, { S("e3") }, { S("1.2.3") }, { S("+.") }, { S("-.") },
	{ S("1e+") }, { S("1e3x") }, { S("Allow") }, { S("ALLOW") }, { S("a'b") },
	{ S("\xc3\xa9t\xc3\xa9") }, { S("\xff") }, { S("a|b") }, { S("{}") },
};

START_TEST(test_symbols)
{
	const struct sb_datum *d = one_atom(symbols[_i].in);
	ck_assert_int_eq(d->kind, SB_DATUM_SYMBOL);
	ck_assert_uint_eq(d->u.str.len, symbols[_i].in.n);
	ck_assert_mem_eq(d->u.str.s, symbols[_i].in.s, symbols[_i].in.n);
	ck_assert_int_eq(d->u.str.s[d->u.str.len], '\0');   /* not folded: case-sensitive */
	ck_assert_uint_eq(d->u.str.flags, 0);
}
END_TEST

/* ------------------------------------------------------------ numbers */

static const struct {
	struct str in;
	bool exact;
	int64_t integer;
	double value;
} numbers[] = {
	{ S("0"),       true,  0,     0.0 },
	{ S("42"),      true,  42,    42.0 },
	{ S("-7"),      true,  -7,    -7.0 },
	{ S("+5"),      true,  5,     5.0 },
	{ S("007"),     true,  7,     7.0 },
	{ S("1.5"),     false, 0,     1.5 },
	{ S("-0.25"),   false, 0,     -0.25 },
	{ S(".5"),      false, 0,     0.5 },
	{ S("1."),      false, 0,     1.0 },
	{ S("1e3"),     false, 0,     1000.0 },
	{ S("1E-2"),    false, 0,     0.01 },
	{ S("-2.5e+1"), false, 0,     -25.0 },
	{ S("#x682f"),  true,  0x682f, (double)0x682f },
	{ S("#xFF"),    true,  255,   255.0 },
	{ S("#o0004"),  true,  4,     4.0 },
	{ S("#o777"),   true,  511,   511.0 },
	{ S("#b101"),   true,  5,     5.0 },
	{ S("#d12"),    true,  12,    12.0 },
	{ S("9223372036854775807"),  true, INT64_MAX, (double)INT64_MAX },
	{ S("-9223372036854775808"), true, INT64_MIN, (double)INT64_MIN },
	{ S("#x7fffffffffffffff"),   true, INT64_MAX, (double)INT64_MAX },
};

START_TEST(test_numbers)
{
	const struct sb_datum *d = one_atom(numbers[_i].in);
	ck_assert_int_eq(d->kind, SB_DATUM_NUMBER);
	ck_assert_int_eq(d->u.num.exact, numbers[_i].exact);
	ck_assert_int_eq(d->u.num.integer, numbers[_i].integer);
	ck_assert_double_eq_tol(d->u.num.value, numbers[_i].value, 1e-9);
}
END_TEST

/* ------------------------------------------------------------ strings */

static const struct {
	struct str in, want;
	bool dropped;
	uint32_t escape_off;
} strings[] = {
	{ S("\"\""),            S(""),        false, 0 },
	{ S("\"abc\""),         S("abc"),     false, 0 },
	{ S("\"a\\nb\""),       S("a\nb"),    false, 0 },
	{ S("\"\\t\""),         S("\t"),      false, 0 },
	{ S("\"\\r\""),         S("\r"),      false, 0 },
	{ S("\"\\\"\""),        S("\""),      false, 0 },
	{ S("\"\\\\\""),        S("\\"),      false, 0 },
	{ S("\"\\x41\""),       S("A"),       false, 0 },
	{ S("\"\\x4a\\x4A\""),  S("JJ"),      false, 0 },
	{ S("\"\\x41B\""),      S("AB"),      false, 0 },   /* two hex digits at most */
	{ S("\"\\x4g\""),       S("\x04g"),   false, 0 },
	{ S("\"\\101\""),       S("A"),       false, 0 },
	{ S("\"\\1012\""),      S("A2"),      false, 0 },   /* three octal digits at most */
	{ S("\"\\18\""),        S("\x01" "8"), false, 0 },
	{ S("\"\\0\""),         S("\0"),      false, 0 },
	{ S("\"\\.\""),         S("."),       true,  1 },
	{ S("\"a\\.b\\.c\""),   S("a.b.c"),   true,  2 },   /* the first dropped escape */
	{ S("\"\\n\\q\""),      S("\nq"),     true,  3 },
	{ S("\"^/a\\.b$\""),    S("^/a.b$"),  true,  4 },
	{ S("\"\\X41\""),       S("X41"),     true,  1 },
	{ S("\"a\nb\""),        S("a\nb"),    false, 0 },   /* multi-line */
	{ S("\"a\r\nb\""),      S("a\r\nb"),  false, 0 },
	{ S("\"(a) ; b\""),     S("(a) ; b"), false, 0 },
	{ S("\"\xc3\xa9\xff\""), S("\xc3\xa9\xff"), false, 0 },
};

START_TEST(test_strings)
{
	const struct sb_datum *d = one_atom(strings[_i].in);
	ck_assert_int_eq(d->kind, SB_DATUM_STRING);
	ck_assert_uint_eq(d->u.str.len, strings[_i].want.n);
	ck_assert_mem_eq(d->u.str.s, strings[_i].want.s, strings[_i].want.n);
	ck_assert_int_eq(d->u.str.s[d->u.str.len], '\0');
	ck_assert_uint_eq(d->u.str.flags, strings[_i].dropped ? SB_STR_DROPPED_ESCAPE : 0);
	ck_assert_uint_eq(d->u.str.escape_off, strings[_i].escape_off);
}
END_TEST

static const struct { struct str in, want; } raws[] = {
	{ S("#\"\""),              S("") },
	{ S("#\"^/a\\.b$\""),      S("^/a\\.b$") },    /* backslashes kept */
	{ S("#\"a\\\""),           S("a\\") },          /* a backslash cannot escape '"' */
	{ S("#\"\\n\\x41\""),      S("\\n\\x41") },
	{ S("#\"a\nb\""),          S("a\nb") },
	{ S("#\"(;)\""),           S("(;)") },
};

START_TEST(test_raw_strings)
{
	const struct sb_datum *d = one_atom(raws[_i].in);
	ck_assert_int_eq(d->kind, SB_DATUM_RAW_STRING);
	ck_assert_uint_eq(d->u.str.len, raws[_i].want.n);
	ck_assert_mem_eq(d->u.str.s, raws[_i].want.s, raws[_i].want.n);
	ck_assert_int_eq(d->u.str.s[d->u.str.len], '\0');
	ck_assert_uint_eq(d->u.str.flags, 0);
}
END_TEST

/* ------------------------------------------------------------ #t #f chars */

static const struct { struct str in; bool value; } booleans[] = {
	{ S("#t"), true }, { S("#f"), false },
};

START_TEST(test_booleans)
{
	const struct sb_datum *d = one_atom(booleans[_i].in);
	ck_assert_int_eq(d->kind, SB_DATUM_BOOLEAN);
	ck_assert_int_eq(d->u.boolean, booleans[_i].value);
}
END_TEST

static const struct { struct str in; uint32_t ch; } chars[] = {
	{ S("#\\a"),       'a' },
	{ S("#\\A"),       'A' },
	{ S("#\\space"),   ' ' },
	{ S("#\\newline"), '\n' },
	{ S("#\\return"),  '\r' },
	{ S("#\\tab"),     '\t' },
	{ S("#\\x41"),     0x41 },
	{ S("#\\xff"),     0xff },
	{ S("#\\x7"),      0x07 },
	{ S("#\\x"),       'x' },
	{ S("#\\("),       '(' },
	{ S("#\\)"),       ')' },
	{ S("#\\/"),       '/' },
	{ S("#\\*"),       '*' },
	{ S("#\\;"),       ';' },
	{ S("#\\\""),      '"' },
	{ S("#\\#"),       '#' },
	{ S("#\\ "),       ' ' },
	{ S("#\\\n"),      '\n' },
};

START_TEST(test_chars)
{
	const struct sb_datum *d = one_atom(chars[_i].in);
	ck_assert_int_eq(d->kind, SB_DATUM_CHAR);
	ck_assert_uint_eq(d->u.ch, chars[_i].ch);
}
END_TEST

/* ------------------------------------------------------------ errors */

static const struct {
	struct str in;
	uint32_t start, end;        /* the diagnostic's span */
	const char *message;        /* a substring of it */
	size_t ntok;                /* tokens before EOF */
	enum sb_datum_kind kind;    /* of the first token's atom, when it is one */
	bool eof_in_token;
} errors[] = {
	{ S("\"abc"),         0, 1, "unterminated string: the file ends before its closing '\"'",
	  0, 0, true },
	{ S("(a \"abc\n(b)"), 3, 4, "unterminated string", 2, 0, true },
	{ S("\"a\\\""),       0, 1, "unterminated string", 0, 0, true },
	{ S("#\"abc"),        0, 2, "unterminated regex string", 0, 0, true },
	{ S("x #\""),         2, 4, "unterminated regex string", 1, SB_DATUM_SYMBOL, true },
	{ S("#| c |# a"),     0, 2, "block comments '#| ... |#' are not accepted by sandbox-exec",
	  1, SB_DATUM_SYMBOL, false },
	{ S("#||#(a)"),       0, 2, "sandbox-exec", 3, 0, false },
	{ S("#| a\n(b) |#c"), 0, 2, "use ';' comments", 1, SB_DATUM_SYMBOL, false },
	{ S("#| open"),       0, 2, "sandbox-exec", 0, 0, true },
	{ S("#foo"),          0, 4, "unknown '#' syntax '#foo'; sandbox-exec accepts", 1,
	  SB_DATUM_ERROR, false },
	{ S("#"),             0, 1, "unknown '#' syntax '#'", 1, SB_DATUM_ERROR, false },
	{ S("#true"),         0, 5, "unknown '#' syntax '#true'", 1, SB_DATUM_ERROR, false },
	{ S("#X1F"),          0, 4, "unknown '#' syntax '#X1F'", 1, SB_DATUM_ERROR, false },
	{ S("#t#f"),          0, 4, "unknown '#' syntax '#t#f'", 1, SB_DATUM_ERROR, false },
	{ S("#xZZ"),          0, 4, "invalid number '#xZZ'", 1, SB_DATUM_ERROR, false },
	{ S("#x"),            0, 2, "invalid number '#x'", 1, SB_DATUM_ERROR, false },
	{ S("#b102"),         0, 5, "invalid number '#b102'", 1, SB_DATUM_ERROR, false },
	{ S("#o8"),           0, 3, "invalid number '#o8'", 1, SB_DATUM_ERROR, false },
	{ S("#d1.5"),         0, 5, "invalid number '#d1.5'", 1, SB_DATUM_ERROR, false },
	{ S("#x-1"),          0, 4, "invalid number '#x-1'", 1, SB_DATUM_ERROR, false },
	{ S("#x+1"),          0, 4, "invalid number '#x+1'", 1, SB_DATUM_ERROR, false },
	{ S("#x10000000000000000"), 0, 19, "invalid number '#x10000000000000000'", 1,
	  SB_DATUM_ERROR, false },
	{ S("99999999999999999999"), 0, 20, "integer '99999999999999999999' is out of range",
	  1, SB_DATUM_ERROR, false },
	{ S("-9223372036854775809"), 0, 20, "integer '-9223372036854775809' is out of range",
	  1, SB_DATUM_ERROR, false },
	{ S("#\\foo"),        0, 5, "unknown character name '#\\foo'; sandbox-exec knows "
	  "#\\space, #\\newline, #\\return, #\\tab and #\\xHH", 1, SB_DATUM_ERROR, false },
	{ S("#\\x414"),       0, 6, "unknown character name '#\\x414'", 1, SB_DATUM_ERROR, false },
	{ S("#\\xZZ"),        0, 5, "unknown character name", 1, SB_DATUM_ERROR, false },
	{ S("#\\Space"),      0, 7, "unknown character name", 1, SB_DATUM_ERROR, false },
	{ S("\"\\xZ\""),      1, 3, "'\\x' in a string must be followed by hex digits", 1,
	  SB_DATUM_STRING, false },
	{ S("a \0 b"),        2, 3, "NUL byte in the profile; sandbox-exec stops reading at it",
	  2, SB_DATUM_SYMBOL, false },
	{ S("\0"),            0, 1, "NUL byte", 0, 0, false },
	{ S("\"a\0b\""),      2, 3, "NUL byte", 1, SB_DATUM_STRING, false },
	{ S("; a\0b\nc"),     3, 4, "NUL byte", 1, SB_DATUM_SYMBOL, false },
	{ S("#!a\0\nc"),      3, 4, "NUL byte", 1, SB_DATUM_SYMBOL, false },
	{ S("#\"a\0\""),      3, 4, "NUL byte", 1, SB_DATUM_RAW_STRING, false },
	{ S("\xEF\xBB\xBF(a)"), 0, 3, "UTF-8 byte order mark at the start of the file; "
	  "sandbox-exec reads it as part of the first symbol: remove it", 3, 0, false },
	{ S("#aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), 0, 63,
	  "'#aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...';", 1, SB_DATUM_ERROR, false },
};

START_TEST(test_errors)
{
	struct sb_lexer lx;
	struct sb_token t[MAXTOK], eof;
	size_t n = lex_all(errors[_i].in, false, t, MAXTOK, &lx, &eof);
	tu_assert_ndiags(ctx, 1);
	ck_assert_uint_eq(lx.nerrors, 1);
	const struct sb_diag *d = ctx->diags[0];
	ck_assert_int_eq(d->rule, SB_RULE_SYNTAX_ERROR);
	ck_assert_int_eq(d->severity, SB_SEV_ERROR);
	ck_assert_uint_eq(d->span.file, 0);
	ck_assert_uint_eq(d->span.start, errors[_i].start);
	ck_assert_uint_eq(d->span.end, errors[_i].end);
	ck_assert_msg(strstr(d->message, errors[_i].message) != NULL,
	              "message '%s' lacks '%s'", d->message, errors[_i].message);
	ck_assert_uint_eq(n, errors[_i].ntok);
	if (n > 0 && t[0].kind == SB_TOK_ATOM) {
		ck_assert_ptr_nonnull(t[0].atom);
		ck_assert_int_eq(t[0].atom->kind, errors[_i].kind);
	}
	ck_assert_int_eq(lx.eof_in_token, errors[_i].eof_in_token);
	ck_assert_uint_eq(eof.end, errors[_i].in.n);
}
END_TEST

/* "#\\" then a NUL: '#\\' is unknown syntax, then the NUL is a bad byte. */
START_TEST(test_char_then_nul)
{
	struct str in = S("#\\\0");
	struct sb_lexer lx;
	struct sb_token t[MAXTOK], eof;
	size_t n = lex_all(in, false, t, MAXTOK, &lx, &eof);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(t[0].atom->kind, SB_DATUM_ERROR);
	tu_assert_ndiags(ctx, 2);
	tu_expect(ctx, SB_RULE_SYNTAX_ERROR, 0, 2, "unknown '#' syntax '#\\'");
	tu_expect(ctx, SB_RULE_SYNTAX_ERROR, 2, 3, "NUL byte");
}
END_TEST

/* After an error the scanner carries on: the tokens after it are exact. */
START_TEST(test_error_recovery)
{
	static const char in[] = "#| x |# (a #foo \"s\") \0 b";
	struct str s = { in, sizeof in - 1 };
	struct sb_lexer lx;
	struct sb_token t[MAXTOK], eof;
	size_t n = lex_all(s, false, t, MAXTOK, &lx, &eof);
	static const struct tok want[] = {
		{ LP, 8, 9 }, { AT, 9, 10 }, { AT, 11, 15 }, { AT, 16, 19 }, { RP, 19, 20 },
		{ AT, 23, 24 },
	};
	check_tokens(t, n, want, SB_COUNTOF(want));
	tu_assert_ndiags(ctx, 3);
	tu_expect(ctx, SB_RULE_SYNTAX_ERROR, 0, 2, "block comments");
	tu_expect(ctx, SB_RULE_SYNTAX_ERROR, 11, 15, "'#foo'");
	tu_expect(ctx, SB_RULE_SYNTAX_ERROR, 21, 22, "NUL byte");
	ck_assert_str_eq(t[3].atom->u.str.s, "s");
}
END_TEST

/* A BOM is skipped: tokens start after it, offsets still count it. */
START_TEST(test_bom_tokens)
{
	struct str in = S("\xEF\xBB\xBF(a)");
	struct sb_lexer lx;
	struct sb_token t[MAXTOK], eof;
	size_t n = lex_all(in, false, t, MAXTOK, &lx, &eof);
	static const struct tok want[] = { { LP, 3, 4 }, { AT, 4, 5 }, { RP, 5, 6 } };
	check_tokens(t, n, want, SB_COUNTOF(want));
	ck_assert_str_eq(t[1].atom->u.str.s, "a");
}
END_TEST

/* Past SB_MAX_ERRORS the lexer counts, says "too many" once and reports no more. */
START_TEST(test_error_cap)
{
	static char in[5 * 200 + 1];
	for (int i = 0; i < 200; i++)
		memcpy(in + 5 * i, "#foo ", 5);
	struct str s = { in, 5 * 200 };
	struct sb_lexer lx;
	uint32_t file = tu_add_str(s);
	sb_lexer_init(&lx, ctx, file, false);
	struct sb_token t;
	size_t n = 0;
	for (sb_lexer_next(&lx, &t); t.kind != SB_TOK_EOF; sb_lexer_next(&lx, &t))
		n++;
	ck_assert_uint_eq(n, 200);
	ck_assert_uint_eq(lx.nerrors, 200);
	tu_assert_ndiags(ctx, SB_MAX_ERRORS + 1);
	ck_assert_uint_eq(tu_count(ctx, SB_RULE_SYNTAX_ERROR), SB_MAX_ERRORS + 1);
	ck_assert_ptr_nonnull(strstr(ctx->diags[SB_MAX_ERRORS]->message, "too many"));
}
END_TEST

static Suite *lexer_suite(void)
{
	Suite *s = suite_create("lexer");
	TU_LOOP_CASE(s, "tokens", test_tokens, tokens);
	TCase *tc = tu_case(s, "modes");
	tcase_add_test(tc, test_eof_repeats);
	tcase_add_test(tc, test_quiet);
	TU_LOOP_CASE(s, "symbols", test_symbols, symbols);
	TU_LOOP_CASE(s, "numbers", test_numbers, numbers);
	TU_LOOP_CASE(s, "strings", test_strings, strings);
	TU_LOOP_CASE(s, "raw_strings", test_raw_strings, raws);
	TU_LOOP_CASE(s, "booleans", test_booleans, booleans);
	TU_LOOP_CASE(s, "chars", test_chars, chars);
	TU_LOOP_CASE(s, "errors", test_errors, errors);
	tc = tu_case(s, "error_recovery");
	tcase_add_test(tc, test_error_recovery);
	tcase_add_test(tc, test_char_then_nul);
	tcase_add_test(tc, test_bom_tokens);
	tcase_add_test(tc, test_error_cap);
	return s;
}

int main(void)
{
	return tu_run(lexer_suite());
}
