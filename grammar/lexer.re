/*
 * lexer.re -- SBPL tokens (reference §2): TinyScheme's reader plus Apple's
 * #"..." raw strings.  Every byte has a rule; errors are reported here once
 * and the scanner carries on, so the parser never sees a broken token.
 * Compiled by re2c (3.0 and 4.x); the generated lexer.c is never committed.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "datum.h"
#include "lexer.h"

void sb_lexer_init(struct sb_lexer *lx, struct sb_ctx *ctx, uint32_t file, bool quiet)
{
	const struct sb_source *src = sb_ctx_source(ctx, file);
	memset(lx, 0, sizeof *lx);
	lx->ctx = ctx;
	lx->file = file;
	lx->quiet = quiet;
	lx->base = (const unsigned char *)src->text;
	lx->cur = lx->base;
	lx->lim = lx->base + src->len;
	if (src->has_bom) {
		/* TinyScheme does not skip a BOM: it would read it as part of the
		 * first symbol.  Say so, then read on as if it were not there. */
		if (!quiet) {
			struct sb_span sp = { file, 0, 3 };
			sb_diag_report(ctx, SB_RULE_SYNTAX_ERROR, sp,
			               "UTF-8 byte order mark at the start of the file; "
			               "sandbox-exec reads it as part of the first symbol: remove it");
			lx->nerrors++;
		}
		lx->cur += 3;
	}
}

static uint32_t off(const struct sb_lexer *lx, const unsigned char *p)
{
	return (uint32_t)(p - lx->base);
}

static struct sb_span span_of(const struct sb_lexer *lx, const unsigned char *a,
                              const unsigned char *b)
{
	struct sb_span sp = { lx->file, off(lx, a), off(lx, b) };
	return sp;
}

__attribute__((format(printf, 4, 5)))
static struct sb_diag *lex_error(struct sb_lexer *lx, const unsigned char *a,
                                 const unsigned char *b, const char *fmt, ...)
{
	if (lx->quiet)
		return NULL;
	lx->nerrors++;
	/* one budget for the file: the paren pre-pass, this lexer and the parser */
	unsigned used = lx->reported ? ++*lx->reported : lx->nerrors;
	if (used == SB_MAX_ERRORS + 1)
		sb_diag_report(lx->ctx, SB_RULE_SYNTAX_ERROR, span_of(lx, a, b),
		               "too many syntax errors; stopping here");
	if (used > SB_MAX_ERRORS)
		return NULL;
	va_list ap;
	va_start(ap, fmt);
	char *msg = sb_arena_vprintf(lx->ctx->arena, fmt, ap);
	va_end(ap);
	if (!msg)
		return NULL;
	return sb_diag_report(lx->ctx, SB_RULE_SYNTAX_ERROR, span_of(lx, a, b), "%s", msg);
}

static void tok_set(struct sb_lexer *lx, struct sb_token *t, enum sb_tok_kind kind)
{
	t->kind = kind;
	t->start = off(lx, lx->tok);
	t->end = off(lx, lx->cur);
	t->atom = NULL;
}

static struct sb_datum *new_atom(struct sb_lexer *lx, enum sb_datum_kind kind)
{
	struct sb_datum *d = sb_arena_alloc(lx->ctx->arena, sizeof *d);
	if (d) {
		d->kind = kind;
		d->span = span_of(lx, lx->tok, lx->cur);
	}
	return d;
}

/* A NUL byte ends the profile for libsandbox, which reads it as a C string. */
static void check_nul(struct sb_lexer *lx, const unsigned char *a, const unsigned char *b)
{
	const unsigned char *z = memchr(a, '\0', (size_t)(b - a));
	if (z)
		lex_error(lx, z, z + 1, "NUL byte in the profile; sandbox-exec stops reading at it");
}

/* Text of the token for messages, cut short so a huge token stays readable. */
static const char *tok_text(struct sb_lexer *lx)
{
	size_t n = (size_t)(lx->cur - lx->tok);
	const char *s;
	if (n > 40)
		s = sb_arena_printf(lx->ctx->arena, "%.37s...", (const char *)lx->tok);
	else
		s = sb_arena_strndup(lx->ctx->arena, (const char *)lx->tok, n);
	return s ? s : "";   /* out of memory: never a NULL for "%s" */
}

static int hexval(unsigned c)
{
	if (c >= '0' && c <= '9') return (int)c - '0';
	if (c >= 'a' && c <= 'f') return (int)c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return (int)c - 'A' + 10;
	return -1;
}

/*
 * "..." -- decode TinyScheme's escapes: \n \t \r \" \\ \xHH \ooo; any other
 * \c reads as plain c, which silently breaks regexes written as strings, so
 * the first such escape is recorded for the regex-in-string check.
 */
static void decode_string(struct sb_lexer *lx, struct sb_datum *d,
                          const unsigned char *p, const unsigned char *end)
{
	char *out = sb_arena_alloc(lx->ctx->arena, (size_t)(end - p) + 1);
	if (!out)
		return;
	size_t n = 0;
	while (p < end) {
		if (*p != '\\' || p + 1 >= end) {
			out[n++] = (char)*p++;
			continue;
		}
		const unsigned char *esc = p;
		unsigned c = p[1];
		p += 2;
		switch (c) {
		case 'n':  out[n++] = '\n'; break;
		case 't':  out[n++] = '\t'; break;
		case 'r':  out[n++] = '\r'; break;
		case '"':  out[n++] = '"'; break;
		case '\\': out[n++] = '\\'; break;
		case 'x': {
			int v = 0, digits = 0, h;
			while (digits < 2 && p < end && (h = hexval(*p)) >= 0) {
				v = v * 16 + h;
				p++;
				digits++;
			}
			if (digits == 0)
				lex_error(lx, esc, p, "'\\x' in a string must be followed by hex digits");
			out[n++] = (char)v;
			break;
		}
		case '0': case '1': case '2': case '3':
		case '4': case '5': case '6': case '7': {
			int v = (int)c - '0', digits = 1;
			while (digits < 3 && p < end && *p >= '0' && *p <= '7') {
				v = v * 8 + (*p++ - '0');
				digits++;
			}
			out[n++] = (char)(v & 0xff);
			break;
		}
		default:
			if (!(d->u.str.flags & SB_STR_DROPPED_ESCAPE)) {
				d->u.str.flags |= SB_STR_DROPPED_ESCAPE;
				d->u.str.escape_off = off(lx, esc);
			}
			out[n++] = (char)c;
			break;
		}
	}
	out[n] = '\0';
	d->u.str.s = out;
	d->u.str.len = (uint32_t)n;
}

static void lex_string(struct sb_lexer *lx, struct sb_token *t)
{
	for (;;) {
	/*!re2c
		re2c:api:style = free-form;
		re2c:define:YYCTYPE  = "unsigned char";
		re2c:define:YYCURSOR = "lx->cur";
		re2c:define:YYLIMIT  = "lx->lim";
		re2c:yyfill:enable = 0;
		re2c:eof = 0;

		'"'          { break; }
		"\\" [^]     { continue; }
		[^"\\]+      { continue; }
		"\\"         { continue; }
		$ {
			lx->eof_in_token = true;
			lex_error(lx, lx->tok, lx->tok + 1,
			          "unterminated string: the file ends before its closing '\"'");
			tok_set(lx, t, SB_TOK_EOF);
			t->start = t->end;
			return;
		}
	*/
	}
	tok_set(lx, t, SB_TOK_ATOM);
	check_nul(lx, lx->tok, lx->cur);
	if (lx->quiet)
		return;
	t->atom = new_atom(lx, SB_DATUM_STRING);
	if (t->atom)
		decode_string(lx, t->atom, lx->tok + 1, lx->cur - 1);
}

/* #"..." -- Apple's raw string: everything up to the next '"', verbatim. */
static void lex_raw_string(struct sb_lexer *lx, struct sb_token *t)
{
	const unsigned char *q = memchr(lx->cur, '"', (size_t)(lx->lim - lx->cur));
	if (!q) {
		lx->eof_in_token = true;
		lex_error(lx, lx->tok, lx->tok + 2,
		          "unterminated regex string: the file ends before its closing '\"'");
		lx->cur = lx->lim;
		tok_set(lx, t, SB_TOK_EOF);
		t->start = t->end;
		return;
	}
	lx->cur = q + 1;
	tok_set(lx, t, SB_TOK_ATOM);
	check_nul(lx, lx->tok, lx->cur);
	if (lx->quiet)
		return;
	struct sb_datum *d = t->atom = new_atom(lx, SB_DATUM_RAW_STRING);
	if (d) {
		d->u.str.len = (uint32_t)(q - lx->tok - 2);
		d->u.str.s = sb_arena_strndup(lx->ctx->arena, (const char *)lx->tok + 2,
		                              d->u.str.len);
	}
}

/* #| ... |# is not TinyScheme: report it, then skip it so the rest still parses. */
static void skip_block_comment(struct sb_lexer *lx)
{
	const unsigned char *p = lx->tok + 2, *end = NULL;
	for (; p + 1 < lx->lim; p++) {
		if (p[0] == '|' && p[1] == '#') {
			end = p + 2;
			break;
		}
	}
	lex_error(lx, lx->tok, lx->tok + 2,
	          "block comments '#| ... |#' are not accepted by sandbox-exec; use ';' comments");
	if (!end) {
		lx->eof_in_token = true;
		end = lx->lim;
	}
	lx->cur = end;
}

static bool parse_integer(const char *s, int base, int64_t *out)
{
	if (*s == '\0')
		return false;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, base);
	if (*end != '\0' || errno == ERANGE)
		return false;
	*out = (int64_t)v;
	return true;
}

/* A decimal number as TinyScheme reads it, else false (then it is a symbol). */
static bool is_decimal_number(const char *s)
{
	const char *p = s;
	bool digits = false, dot = false;
	if (*p == '+' || *p == '-')
		p++;
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits = true;
		else if (*p == '.' && !dot)
			dot = true;
		else if ((*p == 'e' || *p == 'E') && digits) {
			p++;
			if (*p == '+' || *p == '-')
				p++;
			if (!*p)
				return false;
			for (; *p; p++)
				if (*p < '0' || *p > '9')
					return false;
			return true;
		} else
			return false;
	}
	return digits;
}

/* An atom: ".", a number, or a symbol. */
static void lex_atom(struct sb_lexer *lx, struct sb_token *t)
{
	size_t n = (size_t)(lx->cur - lx->tok);
	if (n == 1 && lx->tok[0] == '.') {
		tok_set(lx, t, SB_TOK_DOT);
		return;
	}
	tok_set(lx, t, SB_TOK_ATOM);
	if (lx->quiet)
		return;
	char *s = sb_arena_strndup(lx->ctx->arena, (const char *)lx->tok, n);
	if (!s)
		return;
	if (is_decimal_number(s)) {
		struct sb_datum *d = t->atom = new_atom(lx, SB_DATUM_NUMBER);
		if (!d)
			return;
		int64_t v;
		if (parse_integer(s, 10, &v)) {
			d->u.num.exact = true;
			d->u.num.integer = v;
			d->u.num.value = (double)v;
		} else if (strpbrk(s, ".eE")) {
			d->u.num.value = strtod(s, NULL);
		} else {
			lex_error(lx, lx->tok, lx->cur, "integer '%s' is out of range", tok_text(lx));
			d->kind = SB_DATUM_ERROR;
		}
		return;
	}
	struct sb_datum *d = t->atom = new_atom(lx, SB_DATUM_SYMBOL);
	if (d) {
		d->u.str.s = s;
		d->u.str.len = (uint32_t)n;
	}
}

static const struct { const char *name; unsigned ch; } char_names[] = {
	{ "space", ' ' }, { "newline", '\n' }, { "return", '\r' }, { "tab", '\t' },
};

/* #\c, #\space, #\xHH -- the character names TinyScheme knows without
 * USE_ASCII_NAMES (reference §2). */
static void lex_char(struct sb_lexer *lx, struct sb_token *t)
{
	tok_set(lx, t, SB_TOK_ATOM);
	if (lx->quiet)
		return;
	struct sb_datum *d = t->atom = new_atom(lx, SB_DATUM_CHAR);
	if (!d)
		return;
	const unsigned char *p = lx->tok + 2;
	size_t n = (size_t)(lx->cur - p);
	if (n == 1) {
		d->u.ch = p[0];
		return;
	}
	for (size_t i = 0; i < sizeof char_names / sizeof char_names[0]; i++) {
		if (strlen(char_names[i].name) == n && memcmp(p, char_names[i].name, n) == 0) {
			d->u.ch = char_names[i].ch;
			return;
		}
	}
	if (p[0] == 'x' && n <= 3) {
		unsigned v = 0;
		size_t i = 1;
		for (; i < n && hexval(p[i]) >= 0; i++)
			v = v * 16 + (unsigned)hexval(p[i]);
		if (i == n) {
			d->u.ch = v;
			return;
		}
	}
	lex_error(lx, lx->tok, lx->cur, "unknown character name '%s'; sandbox-exec knows "
	          "#\\space, #\\newline, #\\return, #\\tab and #\\xHH", tok_text(lx));
	d->kind = SB_DATUM_ERROR;
}

/* #t, #f, #x1F, #o17, #b101, #d12; anything else is "undefined sharp expression". */
static void lex_sharp(struct sb_lexer *lx, struct sb_token *t)
{
	size_t n = (size_t)(lx->cur - lx->tok);
	if (n >= 2 && lx->tok[1] == '|') {
		skip_block_comment(lx);
		t->kind = SB_TOK_COMMENT;   /* caller continues */
		return;
	}
	tok_set(lx, t, SB_TOK_ATOM);
	if (lx->quiet)
		return;
	struct sb_datum *d = t->atom = new_atom(lx, SB_DATUM_BOOLEAN);
	if (!d)
		return;
	if (n == 2 && (lx->tok[1] == 't' || lx->tok[1] == 'f')) {
		d->u.boolean = lx->tok[1] == 't';
		return;
	}
	int base = 0;
	switch (n >= 2 ? lx->tok[1] : 0) {
	case 'x': base = 16; break;
	case 'o': base = 8; break;
	case 'b': base = 2; break;
	case 'd': base = 10; break;
	default: break;
	}
	if (base) {
		char *s = sb_arena_strndup(lx->ctx->arena, (const char *)lx->tok + 2, n - 2);
		int64_t v;
		if (s && *s != '+' && *s != '-' && *s != ' ' && parse_integer(s, base, &v)) {
			d->kind = SB_DATUM_NUMBER;
			d->u.num.exact = true;
			d->u.num.integer = v;
			d->u.num.value = (double)v;
			return;
		}
		lex_error(lx, lx->tok, lx->cur, "invalid number '%s'", tok_text(lx));
	} else {
		lex_error(lx, lx->tok, lx->cur, "unknown '#' syntax '%s'; sandbox-exec accepts "
		          "#t, #f, #x #o #b #d numbers, #\\ characters, #( vectors and #\" regex strings",
		          tok_text(lx));
	}
	d->kind = SB_DATUM_ERROR;
}

void sb_lexer_next(struct sb_lexer *lx, struct sb_token *t)
{
	for (;;) {
		lx->tok = lx->cur;
	/*!re2c
		ws    = [ \t\r\n\f\v];
		atomc = [^ \t\r\n\f\v()";\x00];
		start = [^ \t\r\n\f\v()";\x00'`,#];

		$              { tok_set(lx, t, SB_TOK_EOF); return; }
		ws+            { continue; }
		";" [^\n]*     {
			check_nul(lx, lx->tok, lx->cur);
			if (lx->keep_trivia) { tok_set(lx, t, SB_TOK_COMMENT); return; }
			continue;
		}
		"#!" [^\n]*    {
			check_nul(lx, lx->tok, lx->cur);
			if (lx->keep_trivia) { tok_set(lx, t, SB_TOK_COMMENT); return; }
			continue;
		}
		"("            { tok_set(lx, t, SB_TOK_LPAREN); return; }
		")"            { tok_set(lx, t, SB_TOK_RPAREN); return; }
		"#("           { tok_set(lx, t, SB_TOK_VECTOR); return; }
		"'"            { tok_set(lx, t, SB_TOK_QUOTE); return; }
		"`"            { tok_set(lx, t, SB_TOK_QUASIQUOTE); return; }
		",@"           { tok_set(lx, t, SB_TOK_UNQUOTE_SPLICING); return; }
		","            { tok_set(lx, t, SB_TOK_UNQUOTE); return; }
		'"'            { lex_string(lx, t); return; }
		'#"'           { lex_raw_string(lx, t); return; }
		/* as TinyScheme's readstr_upto: a delimiter right after #\ is the
		 * whole character (#\( #\; #\ ), else read to the next delimiter */
		"#\\" [ \t\r\n\f\v()";] { lex_char(lx, t); return; }
		"#\\" atomc+ { lex_char(lx, t); return; }
		"#" atomc*     {
			lex_sharp(lx, t);
			if (t->kind == SB_TOK_COMMENT)
				continue;
			return;
		}
		start atomc*   { lex_atom(lx, t); return; }
		*              {
			/* only a NUL byte inside the buffer gets here */
			check_nul(lx, lx->tok, lx->cur);
			continue;
		}
	*/
	}
}
