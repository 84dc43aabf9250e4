/*
 * path-utf8.c -- bad-argument for a path filter whose string is not valid
 * UTF-8: macOS file names are UTF-8, so such a filter never matches.
 */
#include "checks.h"
#include "ctx.h"
#include "leaf.h"

/* Offset of the first byte that does not start a valid UTF-8 sequence, or -1. */
static long bad_utf8(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned char c = s[i];
		size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
		           : (c & 0xF8) == 0xF0 ? 4 : 0;
		if (len == 0 || i + len > n || (len == 2 && c < 0xC2))
			return (long)i;
		for (size_t k = 1; k < len; k++)
			if ((s[i + k] & 0xC0) != 0x80)
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
