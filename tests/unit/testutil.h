/*
 * testutil.h -- helpers shared by the unit tests: a checked fixture that owns
 * one context, sources made from strings, and lookups over the diagnostics.
 * Header-only (static inline), so each check_<module> program stays one file.
 */
#ifndef SB_TESTUTIL_H
#define SB_TESTUTIL_H

#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "diag.h"
#include "source.h"

#ifndef SB_COUNTOF
#define SB_COUNTOF(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* A string literal with its length, so rows may hold NUL bytes. */
struct str { const char *s; size_t n; };
#define S(lit) { (lit), sizeof(lit) - 1 }

/* The context of the checked fixture; each test runs in its own process. */
static struct sb_ctx *ctx __attribute__((unused));

/* malloc'd buffers a test hands out (rendered text), freed by the fixture. */
#define TU_MAX_KEPT 64
static void *tu_kept[TU_MAX_KEPT] __attribute__((unused));
static size_t tu_nkept __attribute__((unused));

static inline void *tu_keep(void *p)
{
	ck_assert_uint_lt(tu_nkept, TU_MAX_KEPT);
	tu_kept[tu_nkept++] = p;
	return p;
}

static inline void tu_setup(void)
{
	ctx = sb_ctx_new();
	ck_assert_ptr_nonnull(ctx);
}

static inline void tu_teardown(void)
{
	sb_ctx_free(ctx);
	ctx = NULL;
	while (tu_nkept > 0)
		free(tu_kept[--tu_nkept]);
}

/* Register bytes[0..len) as file `name` of c; returns its file number. */
static inline uint32_t tu_add_named(struct sb_ctx *c, const char *name,
                                    const char *bytes, size_t len)
{
	struct sb_source *src = sb_source_from_bytes(c->arena, name, bytes, len);
	ck_assert_ptr_nonnull(src);
	uint32_t file = sb_ctx_add_source(c, src);
	ck_assert_uint_ne(file, UINT32_MAX);
	return file;
}

/* Register bytes as "test.sb" in the fixture's context. */
static inline uint32_t tu_add(const char *bytes, size_t len)
{
	return tu_add_named(ctx, "test.sb", bytes, len);
}

static inline uint32_t tu_add_str(struct str s)
{
	return tu_add(s.s, s.n);
}

/* Every diagnostic of c, one per line, for failure messages (only on a
 * failure, which ends the test process: the buffer is not freed). */
static inline const char *tu_diag_dump(const struct sb_ctx *c)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return "(no memory)";
	for (size_t i = 0; i < c->ndiags; i++) {
		const struct sb_diag *d = c->diags[i];
		if (i == 20) {   /* Check's messages are short */
			fprintf(f, "\n  ... %zu more", c->ndiags - i);
			break;
		}
		fprintf(f, "\n  [%u,%u) %s: %s", d->span.start, d->span.end,
		        sb_rule_info(d->rule)->id, d->message);
		for (size_t k = 0; k < d->nnotes; k++)
			fprintf(f, "\n    note [%u,%u): %s", d->notes[k].span.start,
			        d->notes[k].span.end, d->notes[k].message);
	}
	fclose(f);
	return buf ? buf : "";
}

/* Assert that c holds exactly n diagnostics, listing them when it does not
 * (the "sink that fails on anything unexpected"). */
#define tu_assert_ndiags(c, n) \
	ck_assert_msg((c)->ndiags == (size_t)(n), "want %zu diagnostics, got %zu:%s", \
	              (size_t)(n), (c)->ndiags, tu_diag_dump(c))

/* How many diagnostics of rule c holds. */
static inline size_t tu_count(const struct sb_ctx *c, enum sb_rule_id rule)
{
	size_t n = 0;
	for (size_t i = 0; i < c->ndiags; i++)
		n += c->diags[i]->rule == rule;
	return n;
}

/* The first diagnostic of rule whose span is [start, end), or NULL. */
static inline const struct sb_diag *tu_find(const struct sb_ctx *c, enum sb_rule_id rule,
                                            uint32_t start, uint32_t end)
{
	for (size_t i = 0; i < c->ndiags; i++) {
		const struct sb_diag *d = c->diags[i];
		if (d->rule == rule && d->span.start == start && d->span.end == end)
			return d;
	}
	return NULL;
}

/* Assert a diagnostic of rule at [start, end) whose message contains text. */
static inline const struct sb_diag *tu_expect(const struct sb_ctx *c, enum sb_rule_id rule,
                                              uint32_t start, uint32_t end,
                                              const char *text)
{
	const struct sb_diag *d = tu_find(c, rule, start, end);
	ck_assert_msg(d != NULL, "no %s at [%u,%u); have:%s", sb_rule_info(rule)->id,
	              start, end, tu_diag_dump(c));
	if (text)
		ck_assert_msg(strstr(d->message, text) != NULL, "message '%s' lacks '%s'",
		              d->message, text);
	return d;
}

/* One TCase per behaviour, each row of its table a loop iteration. */
#define TU_LOOP_CASE(s, name, test, table) do {                           \
		TCase *tc_ = tcase_create(name);                          \
		tcase_add_checked_fixture(tc_, tu_setup, tu_teardown);    \
		tcase_add_loop_test(tc_, test, 0, (int)SB_COUNTOF(table)); \
		suite_add_tcase(s, tc_);                                  \
	} while (0)

/* A TCase of plain tests with the fixture. */
static inline TCase *tu_case(Suite *s, const char *name)
{
	TCase *tc = tcase_create(name);
	tcase_add_checked_fixture(tc, tu_setup, tu_teardown);
	suite_add_tcase(s, tc);
	return tc;
}

static inline int tu_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* A reproducible pseudo-random number below n (an LCG; *state is the seed). */
static inline unsigned tu_rnd(uint64_t *state, unsigned n)
{
	*state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((*state >> 33) % n);
}

#endif
