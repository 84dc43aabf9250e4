/*
 * strbuf.c -- see strbuf.h.
 */
#include "strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool reserve(struct sb_strbuf *b, size_t more)
{
	if (b->failed)
		return false;
	if (more < b->cap - b->len)
		return true;
	size_t cap = b->cap ? b->cap : 256;
	while (cap - b->len <= more) {
		if (cap > ((size_t)-1) / 2) {
			b->failed = true;
			return false;
		}
		cap *= 2;
	}
	char *s = realloc(b->s, cap);
	if (!s) {
		b->failed = true;
		return false;
	}
	b->s = s;
	b->cap = cap;
	return true;
}

void sb_strbuf_add(struct sb_strbuf *b, const char *s, size_t n)
{
	if (!reserve(b, n))
		return;
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void sb_strbuf_puts(struct sb_strbuf *b, const char *s)
{
	sb_strbuf_add(b, s, strlen(s));
}

void sb_strbuf_putc(struct sb_strbuf *b, char c)
{
	sb_strbuf_add(b, &c, 1);
}

void sb_strbuf_fill(struct sb_strbuf *b, char c, size_t n)
{
	if (!reserve(b, n))
		return;
	memset(b->s + b->len, c, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void sb_strbuf_printf(struct sb_strbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->failed = true;
		return;
	}
	if (!reserve(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *sb_strbuf_take(struct sb_strbuf *b, size_t *len)
{
	if (b->failed || !reserve(b, 0)) {
		sb_strbuf_free(b);
		return NULL;
	}
	b->s[b->len] = '\0';   /* also when nothing was ever added */
	char *s = b->s;
	*len = b->len;
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void sb_strbuf_free(struct sb_strbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}
