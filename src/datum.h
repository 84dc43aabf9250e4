/*
 * datum.h -- the datum tree: what the reader makes of a profile's text.
 * `(allow file-read* ...)` is just a list here; its meaning belongs to eval.
 * Every node carries its span.  Comments are kept beside the tree, in source
 * order (struct sb_parse_result), for the formatter and suppressions.
 */
#ifndef SB_DATUM_H
#define SB_DATUM_H

#include <stdbool.h>
#include <stdint.h>

#include "source.h"

/* Lists nest at most this deep; deeper input is a syntax error, not a crash. */
#define SB_MAX_NESTING 1000

enum sb_datum_kind {
	SB_DATUM_LIST,
	SB_DATUM_VECTOR,        /* #( ... ) */
	SB_DATUM_SYMBOL,
	SB_DATUM_STRING,        /* "..." after escape processing */
	SB_DATUM_RAW_STRING,    /* #"..." verbatim (regexes) */
	SB_DATUM_NUMBER,
	SB_DATUM_BOOLEAN,
	SB_DATUM_CHAR,
	SB_DATUM_QUOTE,         /* 'x */
	SB_DATUM_QUASIQUOTE,    /* `x */
	SB_DATUM_UNQUOTE,       /* ,x */
	SB_DATUM_UNQUOTE_SPLICING, /* ,@x */
	SB_DATUM_ERROR,         /* placeholder where a syntax error was reported */
};

/* Facts about a "..." literal that later checks need. */
#define SB_STR_DROPPED_ESCAPE 0x1u  /* a \c the reader turned into plain c */

struct sb_datum {
	enum sb_datum_kind kind;
	struct sb_span span;
	union {
		struct {
			struct sb_datum **items;
			uint32_t n;
			struct sb_datum *tail;   /* (a b . tail), else NULL */
		} list;                          /* LIST, VECTOR */
		struct {
			const char *s;           /* NUL-terminated; may hold NULs */
			uint32_t len;
			uint32_t flags;          /* SB_STR_* */
			uint32_t escape_off;     /* offset of the first dropped escape */
		} str;                           /* SYMBOL, STRING, RAW_STRING */
		struct {
			double value;
			int64_t integer;
			bool exact;              /* an integer literal */
		} num;
		bool boolean;
		uint32_t ch;
		struct sb_datum *quoted;         /* QUOTE .. UNQUOTE_SPLICING */
	} u;
};

struct sb_comment {
	struct sb_span span;     /* from ';' (or "#!") to the end of the line */
};

/* One parsed file: its top-level forms and its comments, both in order. */
struct sb_parse_result {
	uint32_t file;
	struct sb_datum **forms;
	bool *broken;            /* forms[i] holds a syntax error: not evaluated */
	uint32_t nforms;
	struct sb_comment *comments;
	uint32_t ncomments;
	unsigned nerrors;        /* syntax errors reported for this file */
};

/* true when d is the symbol name */
bool sb_datum_is_symbol(const struct sb_datum *d, const char *name);

/*
 * true when a and b are the same tree: the same kinds, list shapes and atom
 * values, byte for byte; spans are ignored.  When atext and btext (the source
 * texts the spans point into) are given, atoms must also be spelled the same
 * ("#x10" is not "16").  Walks with an explicit stack; false also when out of
 * memory.
 */
bool sb_datum_equal(const struct sb_datum *a, const char *atext,
                    const struct sb_datum *b, const char *btext);

#endif
