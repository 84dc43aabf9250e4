/*
 * lexer.h -- bytes to tokens (grammar/lexer.re).  The lexer reads a whole
 * NUL-terminated buffer and tracks byte offsets only.  It serves the parser,
 * the paren-balance pre-pass (quiet: no diagnostics, no atoms) and later the
 * formatter (comments come back as tokens only in trivia mode).
 */
#ifndef SB_LEXER_H
#define SB_LEXER_H

#include <stdbool.h>
#include <stdint.h>

struct sb_ctx;
struct sb_datum;

enum sb_tok_kind {
	SB_TOK_EOF,
	SB_TOK_LPAREN,          /* ( */
	SB_TOK_RPAREN,          /* ) */
	SB_TOK_VECTOR,          /* #( */
	SB_TOK_QUOTE,           /* ' */
	SB_TOK_QUASIQUOTE,      /* ` */
	SB_TOK_UNQUOTE,         /* , */
	SB_TOK_UNQUOTE_SPLICING,/* ,@ */
	SB_TOK_DOT,             /* . followed by a delimiter */
	SB_TOK_ATOM,            /* symbol, string, number, boolean, char: see atom */
	SB_TOK_COMMENT,         /* ; or #! to end of line (trivia mode only) */
};

struct sb_token {
	enum sb_tok_kind kind;
	uint32_t start, end;    /* byte offsets, half-open */
	struct sb_datum *atom;  /* SB_TOK_ATOM, unless the lexer is quiet */
};

struct sb_lexer {
	struct sb_ctx *ctx;
	uint32_t file;
	const unsigned char *base, *cur, *lim, *tok;
	bool quiet;             /* report nothing, build no atoms */
	bool keep_trivia;       /* return comments as SB_TOK_COMMENT */
	bool eof_in_token;      /* the input ended inside a string or comment */
	unsigned nerrors;       /* diagnostics this lexer reported */
	unsigned *reported;     /* syntax errors reported for the file by every stage
	                           (shared with the parser), or NULL: nerrors alone */
};

void sb_lexer_init(struct sb_lexer *lx, struct sb_ctx *ctx, uint32_t file, bool quiet);
/* Start scanning at offset (the parser resumes after a pre-pass stop). */
void sb_lexer_next(struct sb_lexer *lx, struct sb_token *tok);

#endif
