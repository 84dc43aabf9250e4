/*
 * arena.c -- bump allocator in chunks that double in size.  Large requests get
 * a chunk of their own so that a 100 MB string does not waste another 100 MB.
 */
#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ALIGN         16u
#define FIRST_CHUNK   (64u * 1024u)
#define MAX_CHUNK     (16u * 1024u * 1024u)

struct chunk {
	struct chunk *next;
	size_t size, used;
	/* data follows, ALIGN-aligned */
};

struct sb_arena {
	struct chunk *head;
	size_t next_size;
	size_t used, limit;
	unsigned long fail_countdown;
	bool failed;
};

#define CHUNK_HDR ((sizeof(struct chunk) + ALIGN - 1) & ~(size_t)(ALIGN - 1))

struct sb_arena *sb_arena_new(void)
{
	struct sb_arena *a = calloc(1, sizeof *a);
	if (a)
		a->next_size = FIRST_CHUNK;
	return a;
}

void sb_arena_free(struct sb_arena *a)
{
	if (!a)
		return;
	struct chunk *c = a->head;
	while (c) {
		struct chunk *next = c->next;
		free(c);
		c = next;
	}
	free(a);
}

static void *fail(struct sb_arena *a)
{
	a->failed = true;
	return NULL;
}

void *sb_arena_alloc(struct sb_arena *a, size_t size)
{
	if (a->failed)
		return NULL;
	if (a->fail_countdown && --a->fail_countdown == 0)
		return fail(a);
	if (size > SIZE_MAX / 2)
		return fail(a);
	size_t need = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if (need == 0)
		need = ALIGN;
	if (a->limit && a->used + need > a->limit)
		return fail(a);
	struct chunk *c = a->head;
	if (!c || c->size - c->used < need) {
		size_t sz = need > a->next_size / 2 ? need : a->next_size;
		struct chunk *n = malloc(CHUNK_HDR + sz);
		if (!n)
			return fail(a);
		n->size = sz;
		n->used = 0;
		if (sz == need && c && c->size - c->used >= ALIGN) {
			/* dedicated chunk: keep the current one on top */
			n->next = c->next;
			c->next = n;
		} else {
			n->next = c;
			a->head = n;
			if (sz == a->next_size && a->next_size < MAX_CHUNK)
				a->next_size *= 2;
		}
		c = n;
	}
	void *p = (char *)c + CHUNK_HDR + c->used;
	c->used += need;
	a->used += need;
	memset(p, 0, size);
	return p;
}

void *sb_arena_calloc(struct sb_arena *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return fail(a);
	return sb_arena_alloc(a, n * size);
}

char *sb_arena_strndup(struct sb_arena *a, const char *s, size_t n)
{
	if (n == SIZE_MAX)
		return fail(a);
	char *p = sb_arena_alloc(a, n + 1);
	if (p && n)
		memcpy(p, s, n);
	return p;
}

char *sb_arena_strdup(struct sb_arena *a, const char *s)
{
	return sb_arena_strndup(a, s, strlen(s));
}

char *sb_arena_vprintf(struct sb_arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return fail(a);
	char *p = sb_arena_alloc(a, (size_t)n + 1);
	if (p)
		vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *sb_arena_printf(struct sb_arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = sb_arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

void *sb_arena_grow(struct sb_arena *a, void *old, size_t old_n, size_t new_n,
                    size_t size)
{
	void *p = sb_arena_calloc(a, new_n, size);
	if (p && old && old_n)
		memcpy(p, old, (old_n < new_n ? old_n : new_n) * size);
	return p;
}

bool sb_arena_failed(const struct sb_arena *a)
{
	return a->failed;
}

size_t sb_arena_used(const struct sb_arena *a)
{
	return a->used;
}

void sb_arena_set_limit(struct sb_arena *a, size_t limit)
{
	a->limit = limit;
}

void sb_arena_fail_after(struct sb_arena *a, unsigned long nth)
{
	a->fail_countdown = nth;
}
