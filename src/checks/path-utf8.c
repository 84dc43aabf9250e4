/*
 * path-utf8.c -- bad-argument for a path filter whose string is not valid
 * UTF-8: macOS file names are UTF-8, so such a filter never matches.
 */
#include "checks.h"
#include "ctx.h"
#include "leaf.h"
#include "utf8.h"

/* Offset of the first byte that does not start a valid UTF-8 sequence, or -1. */
static long bad_utf8(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t len = sb_utf8_seq(s + i, n - i);
		if (len == 0)
			return (long)i;
		i += len;
	}
	return -1;
}

static void check_leaf(struct sb_check_ctx *c, const struct sb_rule *r, const struct sb_filter *f)
{
	(void)r;
	const struct sb_value *v = sb_leaf_string(f);
	if (!v || !sb_leaf_is_path(f) || sb_leaf_match(f) == SB_DB_MATCH_REGEX)
		return;
	long at = bad_utf8((const unsigned char *)v->u.str.s, v->u.str.len);
	if (at < 0)
		return;
	struct sb_span sp;
	if (!sb_leaf_byte_span(c->ctx, v, (size_t)at, &sp))
		sp = v->span;
	sb_diag_report(c->ctx, SB_RULE_BAD_ARGUMENT, sp,
	               "path is not valid UTF-8 (byte %ld); macOS file names are UTF-8, so this "
	               "filter never matches", at + 1);
}

SB_CHECK(path_utf8)
{
	sb_checks_each_leaf(c, check_leaf);
}
