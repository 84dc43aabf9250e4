/*
 * arena.h -- per-compilation bump allocator.  Everything a compilation builds
 * (source text, datums, rules, diagnostics) lives here and is released by one
 * sb_arena_free(); nothing inside has a free of its own.
 */
#ifndef SB_ARENA_H
#define SB_ARENA_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct sb_arena;

/* A new empty arena, or NULL when out of memory. */
struct sb_arena *sb_arena_new(void);
void sb_arena_free(struct sb_arena *a);

/*
 * Zeroed memory aligned for any type, or NULL when out of memory (or when
 * sb_arena_set_limit's budget is spent); after a NULL, sb_arena_failed() is
 * true for good.
 */
void *sb_arena_alloc(struct sb_arena *a, size_t size);
/* n elements of size each, NULL on overflow of n * size. */
void *sb_arena_calloc(struct sb_arena *a, size_t n, size_t size);
/* Copy of s[0..n) with a NUL after it. */
char *sb_arena_strndup(struct sb_arena *a, const char *s, size_t n);
char *sb_arena_strdup(struct sb_arena *a, const char *s);
char *sb_arena_printf(struct sb_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *sb_arena_vprintf(struct sb_arena *a, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/*
 * Grow an array that lives in the arena: returns a copy of old (old_n
 * elements of size) with room for new_n, or NULL.  The old block is
 * abandoned, so callers double the capacity to keep the waste linear.
 */
void *sb_arena_grow(struct sb_arena *a, void *old, size_t old_n, size_t new_n,
                    size_t size);

bool sb_arena_failed(const struct sb_arena *a);
/* Bytes handed out so far (for limits and the benchmark). */
size_t sb_arena_used(const struct sb_arena *a);
/* Fail every allocation once more than limit bytes were handed out (0: none). */
void sb_arena_set_limit(struct sb_arena *a, size_t limit);
/* Tests: make the nth allocation from now on fail (0: never). */
void sb_arena_fail_after(struct sb_arena *a, unsigned long nth);

#endif
