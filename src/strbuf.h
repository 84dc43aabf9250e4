/*
 * strbuf.h -- a growing byte buffer for text the library produces (emitted
 * profiles).  malloc'd, because the result outlives the arena it was made
 * from; after a failed allocation it stays failed and appends do nothing.
 */
#ifndef SB_STRBUF_H
#define SB_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

struct sb_strbuf {
	char *s;
	size_t len, cap;
	bool failed;
};

void sb_strbuf_add(struct sb_strbuf *b, const char *s, size_t n);
void sb_strbuf_puts(struct sb_strbuf *b, const char *s);
void sb_strbuf_putc(struct sb_strbuf *b, char c);
/* n copies of c (indentation) */
void sb_strbuf_fill(struct sb_strbuf *b, char c, size_t n);
void sb_strbuf_printf(struct sb_strbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Hand the bytes (NUL-terminated) to the caller, who frees them. */
char *sb_strbuf_take(struct sb_strbuf *b, size_t *len);
void sb_strbuf_free(struct sb_strbuf *b);

#endif
