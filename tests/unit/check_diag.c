/*
 * check_diag.c -- unit tests for src/diag.c, diag_text.c and diag_json.c:
 * recording findings, the rule table, -W, the final sort and dedupe, and
 * both renderers compared whole (text) or field by field (JSON, read back
 * with jansson).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <jansson.h>

#include "testutil.h"

static struct sb_span span(uint32_t file, uint32_t start, uint32_t end)
{
	struct sb_span sp = { file, start, end };
	return sp;
}

static void finish_default(void)
{
	struct sb_diag_config cfg;
	sb_diag_config_init(&cfg);
	sb_diag_finish(ctx, &cfg);
}

/* ------------------------------------------------------------ records */

START_TEST(test_report)
{
	uint32_t f = tu_add("(allow x)\n", 10);
	struct sb_diag *a = sb_diag_report(ctx, SB_RULE_UNKNOWN_OPERATION, span(f, 7, 8),
	                                   "unknown operation '%s' (%d)", "x", 42);
	struct sb_diag *b = sb_diag_report(ctx, SB_RULE_REDUNDANT_RULE, span(f, 0, 9), "plain");
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_uint_eq(ctx->ndiags, 2);
	ck_assert_ptr_eq(ctx->diags[0], a);
	ck_assert_ptr_eq(ctx->diags[1], b);
	ck_assert_int_eq(a->rule, SB_RULE_UNKNOWN_OPERATION);
	ck_assert_int_eq(a->severity, SB_SEV_ERROR);
	ck_assert_int_eq(b->severity, SB_SEV_NOTE);
	ck_assert_uint_eq(a->span.file, f);
	ck_assert_uint_eq(a->span.start, 7);
	ck_assert_uint_eq(a->span.end, 8);
	ck_assert_str_eq(a->message, "unknown operation 'x' (42)");
	ck_assert_str_eq(b->message, "plain");
	ck_assert_uint_eq(a->seq, 0);
	ck_assert_uint_eq(b->seq, 1);
	ck_assert_uint_eq(a->nnotes, 0);
	ck_assert_uint_eq(a->nfixes, 0);
	ck_assert(!ctx->finished);
}
END_TEST

/* The array of findings grows past its first capacity. */
START_TEST(test_report_many)
{
	uint32_t f = tu_add("x", 1);
	for (int i = 0; i < 1000; i++)
		ck_assert_ptr_nonnull(sb_diag_report(ctx, SB_RULE_SYNTAX_ERROR, span(f, 0, 1),
		                                     "n%d", i));
	ck_assert_uint_eq(ctx->ndiags, 1000);
	for (size_t i = 0; i < 1000; i++) {
		char want[16];
		snprintf(want, sizeof want, "n%zu", i);
		ck_assert_str_eq(ctx->diags[i]->message, want);
		ck_assert_uint_eq(ctx->diags[i]->seq, i);
	}
}
END_TEST

START_TEST(test_notes)
{
	uint32_t f = tu_add("(a)\n(b)\n", 8);
	struct sb_diag *d = sb_diag_report(ctx, SB_RULE_DUPLICATE_RULE, span(f, 4, 7), "dup");
	sb_diag_note(ctx, d, span(f, 0, 3), "the earlier rule is at line %d", 1);
	sb_diag_note(ctx, d, span(SB_NO_FILE, 0, 0), "second");
	sb_diag_note(ctx, NULL, span(f, 0, 3), "ignored");   /* report failed: no-op */
	ck_assert_uint_eq(d->nnotes, 2);
	ck_assert_str_eq(d->notes[0].message, "the earlier rule is at line 1");
	ck_assert_uint_eq(d->notes[0].span.start, 0);
	ck_assert_uint_eq(d->notes[0].span.end, 3);
	ck_assert_str_eq(d->notes[1].message, "second");
	ck_assert_uint_eq(d->notes[1].span.file, SB_NO_FILE);
	ck_assert_uint_eq(ctx->ndiags, 1);
}
END_TEST

START_TEST(test_fixes)
{
	uint32_t f = tu_add("(subpath \"/tmp\")", 16);
	struct sb_diag *d = sb_diag_report(ctx, SB_RULE_NON_CANONICAL_PATH, span(f, 9, 15), "p");
	sb_diag_fix(ctx, d, "use the canonical path", span(f, 9, 15), "\"/private/tmp\"", true);
	sb_diag_fix(ctx, d, "or delete it", span(f, 0, 16), "", false);
	sb_diag_fix(ctx, d, "no replacement", span(f, 0, 1), NULL, true);   /* dropped */
	sb_diag_fix(ctx, NULL, "no record", span(f, 0, 1), "x", true);        /* no-op */
	ck_assert_uint_eq(d->nfixes, 2);
	ck_assert_str_eq(d->fixes[0].description, "use the canonical path");
	ck_assert(d->fixes[0].safe);
	ck_assert_uint_eq(d->fixes[0].nedits, 1);
	ck_assert_uint_eq(d->fixes[0].edits[0].span.start, 9);
	ck_assert_uint_eq(d->fixes[0].edits[0].span.end, 15);
	ck_assert_str_eq(d->fixes[0].edits[0].replacement, "\"/private/tmp\"");
	ck_assert_str_eq(d->fixes[1].description, "or delete it");
	ck_assert(!d->fixes[1].safe);
	ck_assert_str_eq(d->fixes[1].edits[0].replacement, "");
	sb_diag_set_severity(NULL, SB_SEV_NOTE);   /* no-op */
	sb_diag_set_severity(d, SB_SEV_NOTE);
	ck_assert_int_eq(d->severity, SB_SEV_NOTE);
}
END_TEST

/* Out of memory: report returns NULL and the helpers accept it. */
START_TEST(test_report_oom)
{
	uint32_t f = tu_add("x", 1);
	sb_arena_fail_after(ctx->arena, (unsigned long)_i + 1);
	struct sb_diag *d = sb_diag_report(ctx, SB_RULE_SYNTAX_ERROR, span(f, 0, 1), "m%d", 1);
	sb_diag_note(ctx, d, span(f, 0, 1), "n");
	sb_diag_fix(ctx, d, "f", span(f, 0, 1), "r", true);
	if (d) {
		ck_assert_str_eq(d->message, "m1");
		ck_assert_uint_eq(ctx->ndiags, 1);
	} else {
		ck_assert_uint_eq(ctx->ndiags, 0);
	}
	ck_assert(sb_ctx_oom(ctx));
}
END_TEST

/* ------------------------------------------------------------ rule table */

static const struct { enum sb_rule_id rule; const char *id; enum sb_severity sev; } rules[] = {
	{ SB_RULE_SYNTAX_ERROR,        "syntax-error",        SB_SEV_ERROR },
	{ SB_RULE_UNKNOWN_OPERATION,   "unknown-operation",   SB_SEV_ERROR },
	{ SB_RULE_VERSION_UNSUPPORTED, "version-unsupported", SB_SEV_WARNING },
	{ SB_RULE_DUPLICATE_VERSION,   "duplicate-version",   SB_SEV_ERROR },
	{ SB_RULE_NON_CANONICAL_PATH,  "non-canonical-path",  SB_SEV_WARNING },
	{ SB_RULE_REDUNDANT_RULE,      "redundant-rule",      SB_SEV_NOTE },
	{ SB_RULE_REGEX_IN_STRING,     "regex-in-string",     SB_SEV_WARNING },
	{ SB_RULE_REGEX_UNANCHORED,    "regex-unanchored",    SB_SEV_NOTE },
	{ SB_RULE_UNUSED_SUPPRESSION,  "unused-suppression",  SB_SEV_NOTE },
	{ SB_RULE_RESOURCE_LIMIT,      "resource-limit",      SB_SEV_ERROR },
};

START_TEST(test_rule_info)
{
	const struct sb_rule_info *ri = sb_rule_info(rules[_i].rule);
	ck_assert_ptr_nonnull(ri);
	ck_assert_str_eq(ri->id, rules[_i].id);
	ck_assert_int_eq(ri->severity, rules[_i].sev);
	ck_assert_uint_gt(strlen(ri->summary), 0);
	enum sb_rule_id r = SB_RULE__COUNT;
	ck_assert(sb_rule_lookup(rules[_i].id, &r));
	ck_assert_int_eq(r, rules[_i].rule);
}
END_TEST

/* Every id looks up to itself, once; none is off by default. */
START_TEST(test_rule_table_whole)
{
	for (unsigned i = 0; i < SB_RULE__COUNT; i++) {
		const struct sb_rule_info *ri = sb_rule_info((enum sb_rule_id)i);
		enum sb_rule_id r;
		ck_assert(sb_rule_lookup(ri->id, &r));
		ck_assert_uint_eq(r, i);
		ck_assert_int_ne(ri->severity, SB_SEV_OFF);
		for (const char *p = ri->id; *p; p++)
			ck_assert_msg((*p >= 'a' && *p <= 'z') || *p == '-', "id '%s'", ri->id);
	}
	ck_assert_ptr_null(sb_rule_info(SB_RULE__COUNT));
	enum sb_rule_id r = SB_RULE_SYNTAX_ERROR;
	ck_assert(!sb_rule_lookup("no-such-rule", &r));
	ck_assert(!sb_rule_lookup("", &r));
	ck_assert(!sb_rule_lookup("Syntax-Error", &r));
	ck_assert_int_eq(r, SB_RULE_SYNTAX_ERROR);   /* untouched */
}
END_TEST

static const struct { const char *name; bool ok; enum sb_severity sev; } severities[] = {
	{ "error",   true,  SB_SEV_ERROR },
	{ "warning", true,  SB_SEV_WARNING },
	{ "note",    true,  SB_SEV_NOTE },
	{ "off",     false, SB_SEV_OFF },
	{ "Error",   false, SB_SEV_OFF },
	{ "",        false, SB_SEV_OFF },
	{ "errors",  false, SB_SEV_OFF },
};

START_TEST(test_severity_parse)
{
	enum sb_severity s = SB_SEV_OFF;
	ck_assert_int_eq(sb_severity_parse(severities[_i].name, &s), severities[_i].ok);
	ck_assert_int_eq(s, severities[_i].sev);
	if (severities[_i].ok)
		ck_assert_str_eq(sb_severity_name(s), severities[_i].name);
}
END_TEST

START_TEST(test_severity_name)
{
	ck_assert_str_eq(sb_severity_name(SB_SEV_OFF), "off");
	ck_assert_str_eq(sb_severity_name(SB_SEV_NOTE), "note");
	ck_assert_str_eq(sb_severity_name(SB_SEV_WARNING), "warning");
	ck_assert_str_eq(sb_severity_name(SB_SEV_ERROR), "error");
}
END_TEST

/* ------------------------------------------------------------ -W */

#define NONE SB_RULE__COUNT

static const struct {
	const char *args[2];      /* applied in order; the last one's result is `ok` */
	bool ok;
	enum sb_rule_id rule;        /* the one rule that differs from its default */
	enum sb_severity sev;
} wargs[] = {
	{ { "no-syntax-error" },                        true,  SB_RULE_SYNTAX_ERROR, SB_SEV_OFF },
	{ { "error=non-canonical-path" },               true,  SB_RULE_NON_CANONICAL_PATH,
	  SB_SEV_ERROR },
	{ { "warning=syntax-error" },                   true,  SB_RULE_SYNTAX_ERROR,
	  SB_SEV_WARNING },
	{ { "note=duplicate-rule" },                    true,  SB_RULE_DUPLICATE_RULE, SB_SEV_NOTE },
	{ { "redundant-rule" },                         true,  NONE, SB_SEV_OFF },
	{ { "no-redundant-rule", "redundant-rule" },    true,  NONE, SB_SEV_OFF },  /* back on */
	{ { "error=redundant-rule", "redundant-rule" }, true,  NONE, SB_SEV_OFF },
	{ { "no-syntax-error", "bogus" },               false, SB_RULE_SYNTAX_ERROR, SB_SEV_OFF },
	{ { "no-such-rule" },                           false, NONE, SB_SEV_OFF },
	{ { "such-rule" },                              false, NONE, SB_SEV_OFF },
	{ { "error=no-such" },                          false, NONE, SB_SEV_OFF },
	{ { "fatal=syntax-error" },                     false, NONE, SB_SEV_OFF },
	{ { "off=syntax-error" },                       false, NONE, SB_SEV_OFF },
	{ { "" },                                       false, NONE, SB_SEV_OFF },
	{ { "=syntax-error" },                          false, NONE, SB_SEV_OFF },
	{ { "error=" },                                 false, NONE, SB_SEV_OFF },
	{ { "averyveryverylongname=syntax-error" },     false, NONE, SB_SEV_OFF },
	{ { "no-" },                                    false, NONE, SB_SEV_OFF },
	{ { "no-no-syntax-error" },                     false, NONE, SB_SEV_OFF },
	{ { "Syntax-Error" },                           false, NONE, SB_SEV_OFF },
	{ { "error=syntax-error=x" },                   false, NONE, SB_SEV_OFF },
};

START_TEST(test_apply_w)
{
	struct sb_diag_config cfg, want;
	sb_diag_config_init(&cfg);
	sb_diag_config_init(&want);
	ck_assert_int_eq(cfg.fail_on, SB_SEV_WARNING);
	bool ok = false;
	for (int i = 0; i < 2 && wargs[_i].args[i]; i++)
		ok = sb_diag_config_apply_w(&cfg, wargs[_i].args[i]);
	ck_assert_int_eq(ok, wargs[_i].ok);
	if (wargs[_i].rule != NONE)
		want.severity[wargs[_i].rule] = wargs[_i].sev;
	for (unsigned r = 0; r < SB_RULE__COUNT; r++)
		ck_assert_msg(cfg.severity[r] == want.severity[r], "rule %s: %d, want %d",
		              sb_rule_info((enum sb_rule_id)r)->id, cfg.severity[r], want.severity[r]);
	ck_assert_int_eq(cfg.fail_on, SB_SEV_WARNING);
}
END_TEST

/* ------------------------------------------------------------ finish */

/* Sorted by file, then offset, then report order. */
START_TEST(test_finish_sort)
{
	uint32_t a = tu_add_named(ctx, "a.sb", "0123456789abcdefghij", 20);
	uint32_t b = tu_add_named(ctx, "b.sb", "0123456789", 10);
	sb_diag_report(ctx, SB_RULE_SYNTAX_ERROR, span(b, 5, 6), "b5");
	sb_diag_report(ctx, SB_RULE_REDUNDANT_RULE, span(a, 10, 11), "a10");
	sb_diag_report(ctx, SB_RULE_BROAD_ALLOW, span(a, 2, 9), "a2");
	sb_diag_report(ctx, SB_RULE_SYNTAX_ERROR, span(a, 10, 12), "a10b");
	sb_diag_report(ctx, SB_RULE_SYNTAX_ERROR, span(b, 0, 1), "b0");
	sb_diag_report(ctx, SB_RULE_DUPLICATE_RULE, span(a, 2, 3), "a2b");
	sb_diag_report(ctx, SB_RULE_SYNTAX_ERROR, span(a, 19, 20), "a19");
	finish_default();
	static const char *const want[] = { "a2", "a2b", "a10", "a10b", "a19", "b0", "b5" };
	tu_assert_ndiags(ctx, SB_COUNTOF(want));
	for (size_t i = 0; i < SB_COUNTOF(want); i++)
		ck_assert_str_eq(ctx->diags[i]->message, want[i]);
	ck_assert(ctx->finished);
}
END_TEST

struct rep { enum sb_rule_id rule; uint32_t file, start, end; const char *msg; };

#define SE SB_RULE_SYNTAX_ERROR
#define BA SB_RULE_BROAD_ALLOW

static const struct {
	size_t n;
	struct rep r[4];
	size_t want;
	const char *kept[3];        /* messages left, in order */
} dedupes[] = {
	{ 2, { { SE, 0, 1, 2, "m" }, { SE, 0, 1, 2, "m" } }, 1, { "m" } },
	{ 3, { { SE, 0, 1, 2, "m" }, { SE, 0, 1, 2, "m" }, { SE, 0, 1, 2, "m" } }, 1, { "m" } },
	{ 2, { { SE, 0, 1, 2, "m" }, { SE, 0, 1, 2, "n" } }, 2, { "m", "n" } },
	{ 2, { { SE, 0, 1, 2, "m" }, { SE, 0, 1, 3, "m" } }, 2, { "m", "m" } },
	{ 2, { { SE, 0, 1, 2, "m" }, { BA, 0, 1, 2, "m" } }, 2, { "m", "m" } },
	{ 2, { { SE, 0, 1, 2, "m" }, { SE, 1, 1, 2, "m" } }, 2, { "m", "m" } },
	{ 2, { { SE, 0, 1, 2, "m" }, { SE, 0, 2, 3, "m" } }, 2, { "m", "m" } },
	/* repeats that are not adjacent in report order */
	{ 3, { { SE, 0, 1, 2, "m" }, { SE, 0, 1, 2, "n" }, { SE, 0, 1, 2, "m" } }, 2, { "m", "n" } },
	{ 4, { { SE, 0, 1, 2, "m" }, { BA, 0, 1, 5, "x" }, { SE, 0, 0, 1, "y" },
	       { SE, 0, 1, 2, "m" } }, 3, { "y", "m", "x" } },
};

START_TEST(test_finish_dedupe)
{
	tu_add_named(ctx, "a.sb", "0123456789", 10);
	tu_add_named(ctx, "b.sb", "0123456789", 10);
	for (size_t i = 0; i < dedupes[_i].n; i++) {
		const struct rep *r = &dedupes[_i].r[i];
		sb_diag_report(ctx, r->rule, span(r->file, r->start, r->end), "%s", r->msg);
	}
	finish_default();
	tu_assert_ndiags(ctx, dedupes[_i].want);
	for (size_t i = 0; i < dedupes[_i].want; i++)
		ck_assert_str_eq(ctx->diags[i]->message, dedupes[_i].kept[i]);
	/* of a repeated finding, the first report is the one kept */
	for (size_t i = 0; i < ctx->ndiags; i++)
		if (strcmp(ctx->diags[i]->message, "m") == 0 &&
		    ctx->diags[i]->span.start == 1 && ctx->diags[i]->span.end == 2 &&
		    ctx->diags[i]->span.file == 0 && ctx->diags[i]->rule == SE)
			ck_assert_uint_eq(ctx->diags[i]->seq, 0);
}
END_TEST

/* -W no-RULE drops the rule's findings; -W SEV=RULE re-grades them. */
START_TEST(test_finish_config)
{
	uint32_t f = tu_add("0123456789", 10);
	sb_diag_report(ctx, SB_RULE_SYNTAX_ERROR, span(f, 0, 1), "se");
	sb_diag_report(ctx, SB_RULE_NON_CANONICAL_PATH, span(f, 1, 2), "ncp1");
	sb_diag_report(ctx, SB_RULE_REDUNDANT_RULE, span(f, 2, 3), "rr");
	sb_diag_report(ctx, SB_RULE_NON_CANONICAL_PATH, span(f, 3, 4), "ncp2");
	struct sb_diag_config cfg;
	sb_diag_config_init(&cfg);
	ck_assert(sb_diag_config_apply_w(&cfg, "no-non-canonical-path"));
	ck_assert(sb_diag_config_apply_w(&cfg, "error=redundant-rule"));
	sb_diag_finish(ctx, &cfg);
	tu_assert_ndiags(ctx, 2);
	ck_assert_str_eq(ctx->diags[0]->message, "se");
	ck_assert_int_eq(ctx->diags[0]->severity, SB_SEV_ERROR);
	ck_assert_str_eq(ctx->diags[1]->message, "rr");
	ck_assert_int_eq(ctx->diags[1]->severity, SB_SEV_ERROR);
}
END_TEST

/* A report-time severity stands unless -W changed that rule. */
static const struct {
	enum sb_rule_id rule;
	enum sb_severity set;
	const char *w;            /* NULL: no -W */
	enum sb_severity want;    /* SB_SEV_OFF: dropped */
} set_sevs[] = {
	{ SB_RULE_DUPLICATE_VERSION,  SB_SEV_WARNING, NULL,                         SB_SEV_WARNING },
	{ SB_RULE_DUPLICATE_VERSION,  SB_SEV_WARNING, "note=duplicate-version",     SB_SEV_NOTE },
	{ SB_RULE_DUPLICATE_VERSION,  SB_SEV_WARNING, "no-duplicate-version",       SB_SEV_OFF },
	{ SB_RULE_DUPLICATE_VERSION,  SB_SEV_WARNING, "duplicate-version",          SB_SEV_WARNING },
	{ SB_RULE_DUPLICATE_VERSION,  SB_SEV_WARNING, "error=redundant-rule",       SB_SEV_WARNING },
	{ SB_RULE_NON_CANONICAL_PATH, SB_SEV_NOTE,    "error=non-canonical-path",   SB_SEV_ERROR },
	{ SB_RULE_NON_CANONICAL_PATH, SB_SEV_ERROR,   NULL,                         SB_SEV_ERROR },
	{ SB_RULE_NON_CANONICAL_PATH, SB_SEV_OFF,     NULL,                         SB_SEV_OFF },
};

START_TEST(test_finish_set_severity)
{
	uint32_t f = tu_add("x", 1);
	struct sb_diag *d = sb_diag_report(ctx, set_sevs[_i].rule, span(f, 0, 1), "m");
	sb_diag_set_severity(d, set_sevs[_i].set);
	struct sb_diag_config cfg;
	sb_diag_config_init(&cfg);
	if (set_sevs[_i].w)
		ck_assert(sb_diag_config_apply_w(&cfg, set_sevs[_i].w));
	sb_diag_finish(ctx, &cfg);
	if (set_sevs[_i].want == SB_SEV_OFF) {
		tu_assert_ndiags(ctx, 0);
	} else {
		tu_assert_ndiags(ctx, 1);
		ck_assert_int_eq(ctx->diags[0]->severity, set_sevs[_i].want);
	}
	ck_assert_int_eq(sb_diag_worst(ctx), set_sevs[_i].want);
}
END_TEST

static const struct { size_t n; enum sb_severity sevs[3]; enum sb_severity want; } worsts[] = {
	{ 0, { 0 },                                          SB_SEV_OFF },
	{ 1, { SB_SEV_NOTE },                                SB_SEV_NOTE },
	{ 2, { SB_SEV_NOTE, SB_SEV_WARNING },                SB_SEV_WARNING },
	{ 3, { SB_SEV_WARNING, SB_SEV_ERROR, SB_SEV_NOTE },  SB_SEV_ERROR },
	{ 2, { SB_SEV_WARNING, SB_SEV_WARNING },             SB_SEV_WARNING },
};

START_TEST(test_worst)
{
	uint32_t f = tu_add("0123", 4);
	ck_assert_int_eq(sb_diag_worst(ctx), SB_SEV_OFF);
	for (uint32_t i = 0; i < worsts[_i].n; i++) {
		struct sb_diag *d = sb_diag_report(ctx, SB_RULE_SYNTAX_ERROR, span(f, i, i + 1),
		                                   "m%u", i);
		sb_diag_set_severity(d, worsts[_i].sevs[i]);
	}
	finish_default();
	ck_assert_int_eq(sb_diag_worst(ctx), worsts[_i].want);
}
END_TEST

/* ------------------------------------------------------------ text */

static char *render_text(bool color, bool quiet)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	struct sb_text_options opt = { color, quiet };
	sb_diag_render_text(ctx, f, &opt);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_uint_eq(strlen(buf), len);
	return tu_keep(buf);
}

static const char agent[] = "(allow file-write* (subpath \"/tmp/agent\"))\n(deny default)\n";

/* The contract's own example: a warning with a fix and a note. */
static void report_agent(void)
{
	uint32_t f = tu_add_named(ctx, "profiles/agent.sbpl", agent, sizeof agent - 1);
	struct sb_diag *d = sb_diag_report(ctx, SB_RULE_NON_CANONICAL_PATH, span(f, 28, 40),
	                                   "'%s' is a symbolic link; the sandbox sees '%s'",
	                                   "/tmp", "/private/tmp");
	sb_diag_fix(ctx, d, "use the canonical path", span(f, 28, 40),
	            "\"/private/tmp/agent\"", true);
	sb_diag_note(ctx, d, span(f, 43, 57), "a later rule here");
}

START_TEST(test_text_contract)
{
	report_agent();
	ck_assert_str_eq(render_text(false, false),
		"profiles/agent.sbpl:1:29: warning: '/tmp' is a symbolic link; "
		"the sandbox sees '/private/tmp' [non-canonical-path]\n"
		"    1 | (allow file-write* (subpath \"/tmp/agent\"))\n"
		"      |                             ^~~~~~~~~~~~\n"
		"      |                             \"/private/tmp/agent\"\n"
		"profiles/agent.sbpl:2:1: note: a later rule here\n");
}
END_TEST

START_TEST(test_text_quiet)
{
	report_agent();
	ck_assert_str_eq(render_text(false, true),
		"profiles/agent.sbpl:1:29: warning: '/tmp' is a symbolic link; "
		"the sandbox sees '/private/tmp' [non-canonical-path]\n");
}
END_TEST

START_TEST(test_text_color)
{
	report_agent();
	ck_assert_str_eq(render_text(true, false),
		"\033[1mprofiles/agent.sbpl:1:29:\033[0m \033[1;35mwarning:\033[0m \033[1m'/tmp' is "
		"a symbolic link; the sandbox sees '/private/tmp' [non-canonical-path]\033[0m\n"
		"    1 | (allow file-write* (subpath \"/tmp/agent\"))\n"
		"      |                             \033[1;32m^~~~~~~~~~~~\033[0m\n"
		"      |                             \033[32m\"/private/tmp/agent\"\033[0m\n"
		"\033[1mprofiles/agent.sbpl:2:1:\033[0m \033[1;36mnote:\033[0m a later rule here\n");
	/* without color, not one escape */
	ck_assert_ptr_null(strchr(render_text(false, false), '\033'));
}
END_TEST

static const struct {
	struct str src;
	uint32_t start, end;
	enum sb_severity sev;
	const char *want;
} snippets[] = {
	/* tabs are mirrored so the caret lines up in any tab width */
	{ S("\t(a\tb)\n"), 4, 5, SB_SEV_ERROR,
	  "test.sb:1:5: error: m [syntax-error]\n"
	  "    1 | \t(a\tb)\n"
	  "      | \t  \t^\n" },
	/* control bytes print as '?', one column each */
	{ S("(a \x01\x7f\x1b b)\n"), 7, 8, SB_SEV_ERROR,
	  "test.sb:1:8: error: m [syntax-error]\n"
	  "    1 | (a ??? b)\n"
	  "      |        ^\n" },
	{ S("(a \0 b)"), 3, 4, SB_SEV_ERROR,
	  "test.sb:1:4: error: m [syntax-error]\n"
	  "    1 | (a ? b)\n"
	  "      |    ^\n" },
	/* an empty span still gets a caret */
	{ S("(a)\n"), 1, 1, SB_SEV_ERROR,
	  "test.sb:1:2: error: m [syntax-error]\n"
	  "    1 | (a)\n"
	  "      |  ^\n" },
	/* a span over several lines is underlined to the end of its first */
	{ S("(a\n b)\n"), 0, 6, SB_SEV_WARNING,
	  "test.sb:1:1: warning: m [syntax-error]\n"
	  "    1 | (a\n"
	  "      | ^~\n" },
	{ S(""), 0, 0, SB_SEV_NOTE,
	  "test.sb:1:1: note: m [syntax-error]\n"
	  "    1 | \n"
	  "      | ^\n" },
	/* the CR of CRLF is not shown */
	{ S("(a b)\r\n"), 3, 4, SB_SEV_ERROR,
	  "test.sb:1:4: error: m [syntax-error]\n"
	  "    1 | (a b)\n"
	  "      |    ^\n" },
	/* at the end of a line */
	{ S("(a\n"), 2, 3, SB_SEV_ERROR,
	  "test.sb:1:3: error: m [syntax-error]\n"
	  "    1 | (a\n"
	  "      |   ^\n" },
	{ S("(version 1)\n(allow x)\n"), 13, 18, SB_SEV_ERROR,
	  "test.sb:2:2: error: m [syntax-error]\n"
	  "    2 | (allow x)\n"
	  "      |  ^~~~~\n" },
	{ S("\xEF\xBB\xBF(a)"), 0, 3, SB_SEV_ERROR,
	  "test.sb:1:1: error: m [syntax-error]\n"
	  "    1 | \xEF\xBB\xBF(a)\n"
	  "      | ^~~\n" },
};

START_TEST(test_text_snippet)
{
	uint32_t f = tu_add_str(snippets[_i].src);
	struct sb_diag *d = sb_diag_report(ctx, SB_RULE_SYNTAX_ERROR,
	                                   span(f, snippets[_i].start, snippets[_i].end), "m");
	sb_diag_set_severity(d, snippets[_i].sev);
	ck_assert_str_eq(render_text(false, false), snippets[_i].want);
}
END_TEST

/* Fix-it lines: only a one-edit fix on the diagnostic's line, cut at a newline. */
START_TEST(test_text_fixes)
{
	uint32_t f = tu_add("(a b)\n(c)\n", 10);
	struct sb_diag *d = sb_diag_report(ctx, SB_RULE_SYNTAX_ERROR, span(f, 3, 4), "m");
	sb_diag_fix(ctx, d, "one", span(f, 3, 4), "x\ny", true);
	sb_diag_fix(ctx, d, "elsewhere", span(f, 7, 8), "z", true);   /* line 2: not shown */
	sb_diag_fix(ctx, d, "start", span(f, 0, 0), "\t", true);
	ck_assert_str_eq(render_text(false, false),
		"test.sb:1:4: error: m [syntax-error]\n"
		"    1 | (a b)\n"
		"      |    ^\n"
		"      |    x\n"
		"      | \t\n");
}
END_TEST

/* Notes: one line each, with or without a location. */
START_TEST(test_text_notes)
{
	uint32_t f = tu_add("(a)\n(a)\n", 8);
	struct sb_diag *d = sb_diag_report(ctx, SB_RULE_DUPLICATE_RULE, span(f, 4, 7),
	                                   "the same rule as line %d", 1);
	sb_diag_note(ctx, d, span(f, 0, 3), "the earlier rule");
	sb_diag_note(ctx, d, span(SB_NO_FILE, 0, 0), "no location");
	ck_assert_str_eq(render_text(false, false),
		"test.sb:2:1: warning: the same rule as line 1 [duplicate-rule]\n"
		"    2 | (a)\n"
		"      | ^~~\n"
		"test.sb:1:1: note: the earlier rule\n"
		"sbplc: note: no location\n");
}
END_TEST

/* Bytes that would garble a terminal never reach it, in messages or names. */
START_TEST(test_text_control_in_message)
{
	uint32_t f = tu_add_named(ctx, "a\033]0;x\007.sb", "(a)", 3);
	struct sb_diag *d = sb_diag_report(ctx, SB_RULE_SYNTAX_ERROR, span(f, 1, 2),
	                                   "unknown '#' syntax '#\033[2J\001'");
	sb_diag_note(ctx, d, span(f, 0, 1), "n\033");
	ck_assert_str_eq(render_text(false, false),
		"a?]0;x?.sb:1:2: error: unknown '#' syntax '#?[2J?' [syntax-error]\n"
		"    1 | (a)\n"
		"      |  ^\n"
		"a?]0;x?.sb:1:1: note: n?\n");
}
END_TEST

/* A 100 KB line is shown as a window around the span. */
static const struct {
	uint32_t start, end;
	const char *caret_pad;    /* after "      | " */
	size_t from, to;          /* window of the line shown */
	size_t width;             /* of the underline */
} windows[] = {
	{ 50000, 50005, "   ", 49940, 50100, 5 },
	{ 0, 1,         "",    0,     160,   1 },
	{ 100001, 100002, "   ", 99941, 100002, 1 },   /* the final ')' */
	{ 50000, 60000, "   ", 49940, 50100, 100 },    /* clipped at the window */
	{ 59, 61,       "",    0,     160,   2 },
	{ 61, 62,       "   ", 1,     161,   1 },
};

START_TEST(test_text_long_line)
{
	size_t n = 100003;
	char *src = malloc(n);
	ck_assert_ptr_nonnull(src);
	src[0] = '(';
	memset(src + 1, 'a', 100000);
	src[100001] = ')';
	src[100002] = '\n';
	uint32_t f = tu_add(src, n);
	sb_diag_report(ctx, SB_RULE_SYNTAX_ERROR, span(f, windows[_i].start, windows[_i].end), "m");
	char *out = render_text(false, false);

	char want[1024];
	size_t from = windows[_i].from, to = windows[_i].to;
	int k = snprintf(want, sizeof want, "test.sb:1:%u: error: m [syntax-error]\n    1 | %s",
	                 windows[_i].start + 1, from ? "..." : "");
	memcpy(want + k, src + from, to - from);
	k += (int)(to - from);
	k += snprintf(want + k, sizeof want - (size_t)k, "%s\n      | %s",
	              to < 100002 ? "..." : "", windows[_i].caret_pad);
	for (size_t i = from; i < windows[_i].start; i++)
		want[k++] = ' ';
	want[k++] = '^';
	for (size_t i = 1; i < windows[_i].width; i++)
		want[k++] = '~';
	want[k++] = '\n';
	want[k] = '\0';
	ck_assert_str_eq(out, want);
	for (char *line = out, *nl; (nl = strchr(line, '\n')) != NULL; line = nl + 1)
		ck_assert_uint_lt((size_t)(nl - line), 400);
	free(src);
}
END_TEST

/* ------------------------------------------------------------ JSON */

static json_t *render_json(struct sb_ctx *const *ctxs, size_t n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	ck_assert(sb_diag_render_json(ctxs, n, f));
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_uint_gt(len, 0);
	ck_assert_int_eq(buf[len - 1], '\n');
	json_error_t err;
	json_t *doc = json_loads(buf, 0, &err);
	ck_assert_msg(doc != NULL, "invalid JSON (%s) at %d: %s", err.text, err.position, buf);
	free(buf);
	ck_assert(json_is_object(doc));
	ck_assert_int_eq(json_integer_value(json_object_get(doc, "version")), 1);
	json_t *tool = json_object_get(doc, "tool");
	ck_assert(json_is_object(tool));
	ck_assert_str_eq(json_string_value(json_object_get(tool, "name")), "sbplc");
	ck_assert_str_eq(json_string_value(json_object_get(tool, "version")), PACKAGE_VERSION);
	ck_assert(json_is_array(json_object_get(doc, "diagnostics")));
	return doc;
}

static const char *jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	ck_assert_msg(json_is_string(v), "'%s' is not a string", key);
	return json_string_value(v);
}

static json_int_t jint(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	ck_assert_msg(json_is_integer(v), "'%s' is not an integer", key);
	return json_integer_value(v);
}

START_TEST(test_json_contract)
{
	report_agent();
	uint32_t f = 0;
	sb_diag_report(ctx, SB_RULE_SYNTAX_ERROR, span(f, 43, 44), "second");
	finish_default();
	json_t *doc = render_json(&ctx, 1);
	json_t *diags = json_object_get(doc, "diagnostics");
	ck_assert_uint_eq(json_array_size(diags), 2);

	json_t *d = json_array_get(diags, 0);
	ck_assert_uint_eq(json_object_size(d), 10);
	ck_assert_str_eq(jstr(d, "file"), "profiles/agent.sbpl");
	ck_assert_int_eq(jint(d, "line"), 1);
	ck_assert_int_eq(jint(d, "column"), 29);
	ck_assert_int_eq(jint(d, "end_line"), 1);
	ck_assert_int_eq(jint(d, "end_column"), 41);   /* exclusive */
	ck_assert_str_eq(jstr(d, "severity"), "warning");
	ck_assert_str_eq(jstr(d, "rule"), "non-canonical-path");
	ck_assert_str_eq(jstr(d, "message"),
	                 "'/tmp' is a symbolic link; the sandbox sees '/private/tmp'");
	json_t *notes = json_object_get(d, "notes");
	ck_assert_uint_eq(json_array_size(notes), 1);
	json_t *n = json_array_get(notes, 0);
	ck_assert_str_eq(jstr(n, "file"), "profiles/agent.sbpl");
	ck_assert_int_eq(jint(n, "line"), 2);
	ck_assert_int_eq(jint(n, "column"), 1);
	ck_assert_str_eq(jstr(n, "message"), "a later rule here");
	json_t *fixes = json_object_get(d, "fixes");
	ck_assert_uint_eq(json_array_size(fixes), 1);
	json_t *fx = json_array_get(fixes, 0);
	ck_assert_str_eq(jstr(fx, "description"), "use the canonical path");
	json_t *edits = json_object_get(fx, "edits");
	ck_assert_uint_eq(json_array_size(edits), 1);
	json_t *e = json_array_get(edits, 0);
	ck_assert_str_eq(jstr(e, "file"), "profiles/agent.sbpl");
	ck_assert_int_eq(jint(e, "line"), 1);
	ck_assert_int_eq(jint(e, "column"), 29);
	ck_assert_int_eq(jint(e, "end_line"), 1);
	ck_assert_int_eq(jint(e, "end_column"), 41);
	ck_assert_str_eq(jstr(e, "replacement"), "\"/private/tmp/agent\"");

	d = json_array_get(diags, 1);   /* empty notes and fixes are still there */
	ck_assert_str_eq(jstr(d, "severity"), "error");
	ck_assert_str_eq(jstr(d, "rule"), "syntax-error");
	ck_assert_int_eq(jint(d, "line"), 2);
	ck_assert_int_eq(jint(d, "column"), 1);
	ck_assert_int_eq(jint(d, "end_line"), 2);
	ck_assert_int_eq(jint(d, "end_column"), 2);
	ck_assert(json_is_array(json_object_get(d, "notes")));
	ck_assert_uint_eq(json_array_size(json_object_get(d, "notes")), 0);
	ck_assert(json_is_array(json_object_get(d, "fixes")));
	ck_assert_uint_eq(json_array_size(json_object_get(d, "fixes")), 0);
	json_decref(doc);
}
END_TEST

/* A span over lines: end_line and end_column name the position after it. */
START_TEST(test_json_multiline)
{
	uint32_t f = tu_add("(a\n  b)\n", 8);
	sb_diag_report(ctx, SB_RULE_SYNTAX_ERROR, span(f, 0, 7), "m");
	json_t *doc = render_json(&ctx, 1);
	json_t *d = json_array_get(json_object_get(doc, "diagnostics"), 0);
	ck_assert_int_eq(jint(d, "line"), 1);
	ck_assert_int_eq(jint(d, "column"), 1);
	ck_assert_int_eq(jint(d, "end_line"), 2);
	ck_assert_int_eq(jint(d, "end_column"), 5);
	json_decref(doc);
}
END_TEST

START_TEST(test_json_empty)
{
	json_t *doc = render_json(NULL, 0);
	ck_assert_uint_eq(json_array_size(json_object_get(doc, "diagnostics")), 0);
	json_decref(doc);
	doc = render_json(&ctx, 1);
	ck_assert_uint_eq(json_array_size(json_object_get(doc, "diagnostics")), 0);
	json_decref(doc);
}
END_TEST

/* Several inputs: one document sorted by file name, line, column. */
START_TEST(test_json_sorted)
{
	struct sb_ctx *c2 = sb_ctx_new();
	ck_assert_ptr_nonnull(c2);
	uint32_t b = tu_add_named(ctx, "b.sb", "(x)\n(y)\n", 8);
	uint32_t a = tu_add_named(c2, "a.sb", "(x)\n(y)\n", 8);
	sb_diag_report(ctx, SB_RULE_SYNTAX_ERROR, span(b, 1, 2), "b1");
	sb_diag_report(c2, SB_RULE_SYNTAX_ERROR, span(a, 5, 6), "a2");
	sb_diag_report(c2, SB_RULE_SYNTAX_ERROR, span(a, 1, 2), "a1");
	sb_diag_report(c2, SB_RULE_BROAD_ALLOW, span(a, 1, 3), "a1b");
	struct sb_ctx *ctxs[] = { ctx, c2 };
	json_t *doc = render_json(ctxs, 2);
	json_t *diags = json_object_get(doc, "diagnostics");
	static const char *const want[] = { "a1", "a1b", "a2", "b1" };
	ck_assert_uint_eq(json_array_size(diags), SB_COUNTOF(want));
	for (size_t i = 0; i < SB_COUNTOF(want); i++)
		ck_assert_str_eq(jstr(json_array_get(diags, i), "message"), want[i]);
	json_decref(doc);
	sb_ctx_free(c2);
}
END_TEST

/* Invalid UTF-8 becomes U+FFFD; control bytes are escaped; JSON stays valid. */
static const struct { const char *in, *want; } utf8s[] = {
	{ "plain",                      "plain" },
	{ "caf\xc3\xa9 \xf0\x9f\x98\x80", "caf\xc3\xa9 \xf0\x9f\x98\x80" },   /* valid, kept */
	{ "a\xff" "b",                  "a\xef\xbf\xbd" "b" },
	{ "x\xc3(",                     "x\xef\xbf\xbd(" },               /* truncated */
	{ "\xc0\xaf",                   "\xef\xbf\xbd\xef\xbf\xbd" },     /* overlong */
	{ "\xed\xa0\x80",               "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },  /* surrogate */
	{ "\xf4\x90\x80\x80",           "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
	{ "end\xe2\x82",                "end\xef\xbf\xbd\xef\xbf\xbd" },
	{ "ctl\001\033[31m\177\t\"\\",  "ctl\001\033[31m\177\t\"\\" },
};

START_TEST(test_json_bytes)
{
	uint32_t f = tu_add_named(ctx, utf8s[_i].in, "(a)", 3);
	struct sb_diag *d = sb_diag_report(ctx, SB_RULE_SYNTAX_ERROR, span(f, 0, 1), "%s",
	                                   utf8s[_i].in);
	sb_diag_note(ctx, d, span(f, 1, 2), "%s", utf8s[_i].in);
	sb_diag_fix(ctx, d, utf8s[_i].in, span(f, 0, 1), utf8s[_i].in, false);
	json_t *doc = render_json(&ctx, 1);
	json_t *j = json_array_get(json_object_get(doc, "diagnostics"), 0);
	ck_assert_str_eq(jstr(j, "file"), utf8s[_i].want);
	ck_assert_str_eq(jstr(j, "message"), utf8s[_i].want);
	ck_assert_str_eq(jstr(json_array_get(json_object_get(j, "notes"), 0), "message"),
	                 utf8s[_i].want);
	json_t *fx = json_array_get(json_object_get(j, "fixes"), 0);
	ck_assert_str_eq(jstr(fx, "description"), utf8s[_i].want);
	ck_assert_str_eq(jstr(json_array_get(json_object_get(fx, "edits"), 0), "replacement"),
	                 utf8s[_i].want);
	json_decref(doc);
}
END_TEST

/* A note without a location keeps every key, as null. */
START_TEST(test_json_note_without_file)
{
	uint32_t f = tu_add("(a)", 3);
	struct sb_diag *d = sb_diag_report(ctx, SB_RULE_SYNTAX_ERROR, span(f, 0, 1), "m");
	sb_diag_note(ctx, d, span(SB_NO_FILE, 0, 0), "nowhere");
	json_t *doc = render_json(&ctx, 1);
	json_t *n = json_array_get(json_object_get(json_array_get(
		json_object_get(doc, "diagnostics"), 0), "notes"), 0);
	ck_assert(json_is_null(json_object_get(n, "file")));
	ck_assert(json_is_null(json_object_get(n, "line")));
	ck_assert(json_is_null(json_object_get(n, "column")));
	ck_assert_str_eq(jstr(n, "message"), "nowhere");
	json_decref(doc);
}
END_TEST

/* A stream that cannot be written makes the renderer return false. */
START_TEST(test_json_write_error)
{
	uint32_t f = tu_add("(a)", 3);
	sb_diag_report(ctx, SB_RULE_SYNTAX_ERROR, span(f, 0, 1), "m");
	FILE *out = fopen("/dev/null", "r");
	ck_assert_ptr_nonnull(out);
	ck_assert(!sb_diag_render_json(&ctx, 1, out));
	fclose(out);
}
END_TEST

static Suite *diag_suite(void)
{
	Suite *s = suite_create("diag");
	TCase *tc = tu_case(s, "record");
	tcase_add_test(tc, test_report);
	tcase_add_test(tc, test_report_many);
	tcase_add_test(tc, test_notes);
	tcase_add_test(tc, test_fixes);
	tcase_add_loop_test(tc, test_report_oom, 0, 3);

	TU_LOOP_CASE(s, "rule_info", test_rule_info, rules);
	tc = tu_case(s, "rule_table");
	tcase_add_test(tc, test_rule_table_whole);
	tcase_add_test(tc, test_severity_name);
	TU_LOOP_CASE(s, "severity_parse", test_severity_parse, severities);
	TU_LOOP_CASE(s, "apply_w", test_apply_w, wargs);

	tc = tu_case(s, "finish");
	tcase_add_test(tc, test_finish_sort);
	tcase_add_test(tc, test_finish_config);
	TU_LOOP_CASE(s, "dedupe", test_finish_dedupe, dedupes);
	TU_LOOP_CASE(s, "set_severity", test_finish_set_severity, set_sevs);
	TU_LOOP_CASE(s, "worst", test_worst, worsts);

	tc = tu_case(s, "text");
	tcase_add_test(tc, test_text_contract);
	tcase_add_test(tc, test_text_quiet);
	tcase_add_test(tc, test_text_color);
	tcase_add_test(tc, test_text_fixes);
	tcase_add_test(tc, test_text_notes);
	tcase_add_test(tc, test_text_control_in_message);
	TU_LOOP_CASE(s, "text_snippet", test_text_snippet, snippets);
	TU_LOOP_CASE(s, "text_long_line", test_text_long_line, windows);

	tc = tu_case(s, "json");
	tcase_add_test(tc, test_json_contract);
	tcase_add_test(tc, test_json_multiline);
	tcase_add_test(tc, test_json_empty);
	tcase_add_test(tc, test_json_sorted);
	tcase_add_test(tc, test_json_note_without_file);
	tcase_add_test(tc, test_json_write_error);
	TU_LOOP_CASE(s, "json_bytes", test_json_bytes, utf8s);
	return s;
}

int main(void)
{
	return tu_run(diag_suite());
}
