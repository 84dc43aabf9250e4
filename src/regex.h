/*
 * regex.h -- the SBPL regex dialect (POSIX-ERE-like, as libsandbox compiles
 * it into an automaton): parse, compile to a Thompson NFA, search in linear
 * time.  No back-references, no backtracking.  Patterns and subjects are bytes.
 */
#ifndef SB_REGEX_H
#define SB_REGEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Groups nest at most this deep; deeper is the error "nesting too deep". */
#define SB_REGEX_MAX_NESTING 1000
/* Largest count in {n,m} (POSIX RE_DUP_MAX). */
#define SB_REGEX_MAX_REPEAT 255
/* Largest compiled program, in NFA instructions ("regex too large"). */
#define SB_REGEX_MAX_INSNS ((uint32_t)1 << 14)

struct sb_arena;
struct sb_regex;                      /* opaque, lives in the arena */

struct sb_regex_error {
	uint32_t offset;                  /* byte offset into the pattern of the problem */
	const char *message;              /* lower case, no final period; static or arena */
};

/*
 * Parse and compile pat[0..len).  The result lives in a.  NULL on error with
 * *err filled: offset points at the offending byte (for an unclosed '(' at
 * that '('), message is static or, when it quotes the pattern, in a.  NULL
 * with message "out of memory" when the arena or malloc fails.
 */
struct sb_regex *sb_regex_compile(struct sb_arena *a, const char *pat, size_t len,
                                  struct sb_regex_error *err);

/*
 * Search semantics of the sandbox: true when the regex matches any substring
 * of s[0..n) ('^' matches only at 0, '$' only at n).  Time O(n * size of the
 * regex), memory O(size); false also when the scratch memory cannot be had.
 */
bool sb_regex_search(const struct sb_regex *re, const char *s, size_t n);

/* true when every match must start at the beginning of the subject. */
bool sb_regex_anchored(const struct sb_regex *re);

/*
 * When anchored: the longest literal string every matching subject must begin
 * with ("^/Users/[^/]+/x" -> "/Users/"), "" when none; an arena string.  NULL
 * when not anchored.
 */
const char *sb_regex_literal_prefix(const struct sb_regex *re);

/*
 * When the pattern is exactly ^LITERAL$, LITERAL made only of plain or escaped
 * characters and one-character brackets such as "[.]": that string (arena);
 * else NULL.  "^$" gives "".
 */
const char *sb_regex_exact_literal(const struct sb_regex *re);

/* Number of NFA instructions, at most SB_REGEX_MAX_INSNS + 1 (tests, limits). */
size_t sb_regex_size(const struct sb_regex *re);

#endif
