/*
 * invalid-regex.c -- every -regex filter argument must compile in the SBPL
 * regex dialect (reference §6.6); libsandbox rejects the profile otherwise.
 * The finding points at the exact byte when the regex is a literal.
 */
#include "checks.h"
#include "ctx.h"
#include "leaf.h"
#include "regex.h"

static void check_leaf(struct sb_check_ctx *c, const struct sb_rule *r, const struct sb_filter *f)
{
	(void)r;
	const struct sb_value *v = sb_leaf_string(f);
	if (!v || sb_leaf_match(f) != SB_DB_MATCH_REGEX)
		return;
	if (f->regex)
		return;
	struct sb_regex_error err = f->regex_error;
	struct sb_span at;
	if (sb_leaf_byte_span(c->ctx, v, err.offset, &at))
		sb_diag_report(c->ctx, SB_RULE_INVALID_REGEX, at, "invalid regex: %s", err.message);
	else
		sb_diag_report(c->ctx, SB_RULE_INVALID_REGEX, v->span,
		               "invalid regex: %s (at byte %u of the regex)", err.message,
		               (unsigned)err.offset + 1);
}

SB_CHECK(invalid_regex)
{
	sb_checks_each_leaf(c, check_leaf);
}
