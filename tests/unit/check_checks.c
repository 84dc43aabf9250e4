/*
 * check_checks.c -- unit tests for src/checks/: each check run through
 * sb_lint on small profiles, with the findings it must report (rule id,
 * severity, line:column, the text the span covers, message, fix-it) and
 * look-alikes it must leave alone.  Every row asserts the whole set of
 * findings, so a check that fires where another one should not shows up.
 */
#include "testutil.h"

#include "lint.h"

/* One expected finding. */
struct want {
	enum sb_rule_id rule;
	enum sb_severity sev;
	uint32_t line, col;      /* 1-based, byte column; line 0 ends the list */
	const char *text;        /* what the span covers in the source */
	const char *msg[2];      /* substrings of the message (NULL: none) */
	const char *fix;         /* the one fix's replacement; NULL: no fix at all */
	bool safe;               /* the fix may be applied without asking */
	const char *fix_text;    /* what the fix replaces, when not the span's text */
	const char *note;        /* substring of the first note; NULL: not checked */
};

#define MAX_WANT 3

struct row {
	const char *src;
	int target;              /* --target, major*100+minor; 0: any known */
	const char *define;      /* one -D KEY=VALUE, or NULL */
	const char *prelude;     /* a --prelude's text, or NULL */
	struct want want[MAX_WANT];
};

#define V "(version 1)\n"
#define E SB_SEV_ERROR
#define W SB_SEV_WARNING
#define N SB_SEV_NOTE

/* A finding without a fix; with a fix over its span; with a fix over fix_text;
 * with a note.  rule is the SB_RULE_ suffix, m1 and m2 message substrings. */
#define F(rule, sev, line, col, text, m1, m2) \
	{ SB_RULE_##rule, sev, line, col, text, { m1, m2 }, NULL, false, NULL, NULL }
#define FIX(rule, sev, line, col, text, m1, m2, fix, safe) \
	{ SB_RULE_##rule, sev, line, col, text, { m1, m2 }, fix, safe, NULL, NULL }
#define FIXAT(rule, sev, line, col, text, m1, m2, fix, safe, fix_text) \
	{ SB_RULE_##rule, sev, line, col, text, { m1, m2 }, fix, safe, fix_text, NULL }
#define NOTE(rule, sev, line, col, text, m1, m2, note) \
	{ SB_RULE_##rule, sev, line, col, text, { m1, m2 }, NULL, false, NULL, note }
/* No finding at all. */
#define NONE { { 0 } }

/* The diagnostic of rule w->rule at w->line:w->col of file, or NULL. */
static const struct sb_diag *find_at(uint32_t file, const struct want *w)
{
	const struct sb_source *src = sb_ctx_source(ctx, file);
	for (size_t i = 0; i < ctx->ndiags; i++) {
		const struct sb_diag *d = ctx->diags[i];
		uint32_t line, col;
		if (d->rule != w->rule || d->span.file != file)
			continue;
		sb_source_linecol(src, d->span.start, &line, &col);
		if (line == w->line && col == w->col)
			return d;
	}
	return NULL;
}

/* Assert that text[start, end) of file is want. */
static void assert_covers(uint32_t file, struct sb_span sp, const char *want, const char *what)
{
	const struct sb_source *src = sb_ctx_source(ctx, file);
	size_t n = strlen(want);
	ck_assert_uint_eq(sp.file, file);
	ck_assert_msg(sp.end >= sp.start && sp.end - sp.start == n &&
	              memcmp(src->text + sp.start, want, n) == 0,
	              "%s covers '%.*s', want '%s'", what,
	              sp.end >= sp.start ? (int)(sp.end - sp.start) : 0,
	              src->text + sp.start, want);
}

static void expect(uint32_t file, const struct want *w)
{
	const struct sb_diag *d = find_at(file, w);
	ck_assert_msg(d != NULL, "no %s at %u:%u; have:%s", sb_rule_info(w->rule)->id,
	              w->line, w->col, tu_diag_dump(ctx));
	ck_assert_msg(d->severity == w->sev, "%s at %u:%u is a %s, want %s",
	              sb_rule_info(w->rule)->id, w->line, w->col,
	              sb_severity_name(d->severity), sb_severity_name(w->sev));
	assert_covers(file, d->span, w->text, "the span");
	for (int k = 0; k < 2; k++)
		if (w->msg[k])
			ck_assert_msg(strstr(d->message, w->msg[k]) != NULL,
			              "message '%s' lacks '%s'", d->message, w->msg[k]);
	if (!w->fix) {
		ck_assert_msg(d->nfixes == 0, "unexpected fix '%s'", d->nfixes &&
		              d->fixes[0].nedits ? d->fixes[0].edits[0].replacement : "");
	} else {
		ck_assert_uint_eq(d->nfixes, 1);
		ck_assert_uint_eq(d->fixes[0].nedits, 1);
		ck_assert_ptr_nonnull(d->fixes[0].description);
		ck_assert_str_eq(d->fixes[0].edits[0].replacement, w->fix);
		ck_assert_int_eq(d->fixes[0].safe, w->safe);
		assert_covers(file, d->fixes[0].edits[0].span, w->fix_text ? w->fix_text : w->text,
		              "the fix");
	}
	if (w->note) {
		ck_assert_uint_ge(d->nnotes, 1);
		ck_assert_msg(strstr(d->notes[0].message, w->note) != NULL,
		              "note '%s' lacks '%s'", d->notes[0].message, w->note);
	}
}

static void run_row(const struct row *r)
{
	struct sb_lint_options opt = { .target = r->target };
	const char *defines[1] = { r->define };
	uint32_t prelude = 0;
	if (r->define) {
		opt.defines = defines;
		opt.ndefines = 1;
	}
	if (r->prelude) {
		prelude = tu_add_named(ctx, "prelude.sb", r->prelude, strlen(r->prelude));
		opt.preludes = &prelude;
		opt.npreludes = 1;
	}
	uint32_t file = tu_add(r->src, strlen(r->src));
	struct sb_lint_result res;
	ck_assert(sb_lint(ctx, file, &opt, &res));
	ck_assert_ptr_nonnull(res.profile);
	size_t n = 0;
	for (; n < MAX_WANT && r->want[n].line; n++)
		expect(file, &r->want[n]);
	tu_assert_ndiags(ctx, n);   /* nothing else */
}

#define ROW_TEST(name, table) \
	START_TEST(name) { run_row(&table[_i]); } END_TEST

/* non-canonical-path */

static const struct row non_canonical[] = {
	{ V "(allow file-read* (subpath \"/tmp/x\"))", 0, NULL, NULL, {
	  FIX(NON_CANONICAL_PATH, W, 2, 28, "\"/tmp/x\"", "'/tmp' is a symbolic link",
	    "'/private/tmp'", "\"/private/tmp/x\"", true) } },
	{ V "(allow file-read* (subpath #\"/tmp/x\"))", 0, NULL, NULL, {    /* stays raw */
	  FIX(NON_CANONICAL_PATH, W, 2, 28, "#\"/tmp/x\"", "'/tmp'", NULL, "#\"/private/tmp/x\"",
	    true) } },
	{ V "(allow file-read* (subpath \"/private/tmp\"))", 0, NULL, NULL, NONE },
	{ V "(allow file-read* (subpath \"/tmpfoo\"))", 0, NULL, NULL, NONE },
	{ V "(allow file-read* (literal \"/var/log/x\"))", 0, NULL, NULL, {
	  FIX(NON_CANONICAL_PATH, W, 2, 28, "\"/var/log/x\"", "'/var' is a symbolic link",
	    "'/private/var'", "\"/private/var/log/x\"", true) } },
	{ V "(allow file-read* (literal \"/etc/hosts\"))", 0, NULL, NULL, {
	  FIX(NON_CANONICAL_PATH, W, 2, 28, "\"/etc/hosts\"", "'/etc' is a symbolic link",
	    "'/private/etc'", "\"/private/etc/hosts\"", true) } },
	{ V "(allow file-read* (literal \"/private/etc/hosts\"))", 0, NULL, NULL, NONE },
	{ V "(allow file-read* (literal \"/etcetera\"))", 0, NULL, NULL, NONE },
	/* the link itself under subpath: everything below it is meant, the fix asks first */
	{ V "(allow file-read* (subpath \"/var\"))", 0, NULL, NULL, {
	  FIX(NON_CANONICAL_PATH, W, 2, 28, "\"/var\"", "'/var'", NULL, "\"/private/var\"",
	    false) } },
	{ V "(allow file-read* (regex #\"^/tmp/\"))", 0, NULL, NULL, {
	  FIX(NON_CANONICAL_PATH, W, 2, 26, "#\"^/tmp/\"", "'/tmp' is a symbolic link", NULL,
	    "#\"^/private/tmp/\"", true) } },
	{ V "(allow file-read* (regex #\"^/tmpfoo\"))", 0, NULL, NULL, NONE },
	/* unanchored: "/tmp/" may be anywhere, not the link; only the note */
	{ V "(allow file-read* (regex #\"/tmp/\"))", 0, NULL, NULL, {
	  F(REGEX_UNANCHORED, N, 2, 26, "#\"/tmp/\"", "'^'", NULL) } },
	/* lstat() of the link itself is file-read-metadata: fine there */
	{ V "(allow file-read-metadata (literal \"/tmp\"))", 0, NULL, NULL, NONE },
	{ V "(allow file-read* (literal \"/tmp\"))", 0, NULL, NULL, NONE },
	{ V "(allow file-read-data (literal \"/tmp\"))", 0, NULL, NULL, {
	  FIX(NON_CANONICAL_PATH, W, 2, 32, "\"/tmp\"", "'/tmp' is a symbolic link", NULL,
	    "\"/private/tmp\"", false) } },
	/* computed paths: reported where they are made, with no edit to offer */
	{ V "(allow file-read* (subpath (string-append \"/tmp\" \"/x\")))", 0, NULL, NULL, {
	  F(NON_CANONICAL_PATH, W, 2, 28, "(string-append \"/tmp\" \"/x\")",
	    "'/tmp' is a symbolic link", NULL) } },
	{ V "(allow file-read* (subpath (param \"DIR\")))", 0, "DIR=/tmp/x", NULL, {
	  F(NON_CANONICAL_PATH, W, 2, 28, "(param \"DIR\")", "'/tmp'", NULL) } },
	{ V "(allow file-read* (subpath (param \"DIR\")))", 0, "DIR=/private/tmp/x", NULL,
	  NONE },
	/* not a path filter */
	{ V "(allow mach-lookup (global-name \"/tmp/x\"))", 0, NULL, NULL, NONE },
};
ROW_TEST(test_non_canonical, non_canonical)

/* subpath-trailing-slash */

static const struct row trailing_slash[] = {
	{ V "(allow file-read* (subpath \"/a/\"))", 0, NULL, NULL, {
	  FIX(SUBPATH_TRAILING_SLASH, W, 2, 28, "\"/a/\"", "subpath '/a/' ends with '/'",
	    "drop the slash", "\"/a\"", false) } },
	{ V "(allow file-read* (subpath \"/a/\"))", 1010, NULL, NULL, {
	  FIX(SUBPATH_TRAILING_SLASH, E, 2, 28, "\"/a/\"", "ends with '/'",
	    "subpaths must not end with a slash", "\"/a\"", false) } },
	{ V "(allow file-read* (subpath \"/a/\"))", 1009, NULL, NULL, {
	  FIX(SUBPATH_TRAILING_SLASH, E, 2, 28, "\"/a/\"", "subpaths must not end with a slash",
	    NULL, "\"/a\"", false) } },
	{ V "(allow file-read* (subpath \"/a/\"))", 1012, NULL, NULL, {
	  FIX(SUBPATH_TRAILING_SLASH, W, 2, 28, "\"/a/\"", "drop the slash", NULL, "\"/a\"",
	    false) } },
	{ V "(allow file-read* (subpath \"/a//\"))", 0, NULL, NULL, {
	  FIX(SUBPATH_TRAILING_SLASH, W, 2, 28, "\"/a//\"", "'/a//'", NULL, "\"/a\"", false) } },
	{ V "(allow file-read* (subpath #\"/a/\"))", 0, NULL, NULL, {
	  FIX(SUBPATH_TRAILING_SLASH, W, 2, 28, "#\"/a/\"", "'/a/'", NULL, "#\"/a\"", false) } },
	{ V "(allow file-read* (subpath \"/\"))", 1010, NULL, NULL, NONE },
	{ V "(allow file-read* (subpath \"/a\"))", 1010, NULL, NULL, NONE },
	{ V "(allow file-read* (literal \"/a/\"))", 1010, NULL, NULL, NONE },
	{ V "(allow file-read* (prefix \"/a/\"))", 0, NULL, NULL, NONE },
};
ROW_TEST(test_trailing_slash, trailing_slash)

/* relative-path */

static const struct row relative[] = {
	{ V "(allow file-read* (literal \"a/b\"))", 0, NULL, NULL, {
	  F(RELATIVE_PATH, E, 2, 28, "\"a/b\"", "path 'a/b' is relative", "never matches") } },
	{ V "(allow file-read* (prefix \"./x\"))", 0, NULL, NULL, {
	  F(RELATIVE_PATH, E, 2, 27, "\"./x\"", "'./x' is relative", NULL) } },
	{ V "(allow file-read* (literal \"\"))", 0, NULL, NULL, {
	  F(RELATIVE_PATH, E, 2, 28, "\"\"", "empty path", NULL) } },
	{ V "(allow file-read* (subpath (param \"X\")))", 0, "X=a/b", NULL, {
	  F(RELATIVE_PATH, E, 2, 28, "(param \"X\")", "'a/b'", NULL) } },
	{ V "(allow file-read* (subpath \"${HOME}/x\"))", 0, NULL, NULL, NONE },
	{ V "(allow file-read* (literal \"/a/b\"))", 0, NULL, NULL, NONE },
	/* only literal, subpath and prefix are checked, not regexes */
	{ V "(allow file-read* (regex #\"^a/b\"))", 0, NULL, NULL, NONE },
	{ V "(allow file-read* (mount-relative-path \"a/b\"))", 0, NULL, NULL, NONE },
	{ V "(allow mach-lookup (global-name \"a/b\"))", 0, NULL, NULL, NONE },
};
ROW_TEST(test_relative, relative)

/* invalid-regex */

static const struct row invalid_regex[] = {
	{ V "(allow file-read* (regex #\"a(b\"))", 0, NULL, NULL, {
	  F(INVALID_REGEX, E, 2, 29, "(", "invalid regex: ", "unbalanced '('") } },
	/* a string without escapes maps byte for byte too */
	{ V "(allow file-read* (regex \"a(b\"))", 0, NULL, NULL, {
	  F(INVALID_REGEX, E, 2, 28, "(", "unbalanced '('", NULL) } },
	/* with escapes the offsets shift: the whole string, and the byte in the message */
	{ V "(allow file-read* (regex \"^a\\\\((b\"))", 0, NULL, NULL, {
	  F(INVALID_REGEX, E, 2, 26, "\"^a\\\\((b\"", "unbalanced '('",
	    "(at byte 5 of the regex)") } },
	{ V "(allow file-read* (regex #\"^(a)\\1\"))", 0, NULL, NULL, {
	  F(INVALID_REGEX, E, 2, 32, "\\", "back-reference", NULL) } },
	{ V "(allow file-read* (regex #\"^[a-\"))", 0, NULL, NULL, {
	  F(INVALID_REGEX, E, 2, 29, "[", "bracket", NULL) } },
	/* every -regex filter, not only paths */
	{ V "(allow mach-lookup (global-name-regex #\"a(b\"))", 0, NULL, NULL, {
	  F(INVALID_REGEX, E, 2, 42, "(", "unbalanced '('", NULL) } },
	{ V "(allow file-read* (regex #\"^/a(b|c)?/[^/]+\\.txt$\"))", 0, NULL, NULL, NONE },
	{ V "(allow file-read* (regex \"^/a\\\\(b\"))", 0, NULL, NULL, NONE },  /* \( */
	{ V "(allow file-read* (literal \"/a(b\"))", 0, NULL, NULL, NONE },    /* not a regex */
};
ROW_TEST(test_invalid_regex, invalid_regex)

/* regex-in-string */

static const struct row regex_in_string[] = {
	{ V "(allow file-read* (regex \"^/a\\.b\"))", 0, NULL, NULL, {
	  FIXAT(REGEX_IN_STRING, W, 2, 30, "\\.", "turns '\\.' into '.'", "#\"...\"",
	    "#\"^/a\\.b\"", false, "\"^/a\\.b\"") } },
	{ V "(allow mach-lookup (global-name-regex \"^com\\.apple\"))", 0, NULL, NULL, {
	  FIXAT(REGEX_IN_STRING, W, 2, 44, "\\.", "'\\.'", NULL, "#\"^com\\.apple\"", false,
	    "\"^com\\.apple\"") } },
	/* a real escape (\\) in the same string: the raw spelling would differ, no fix */
	{ V "(allow file-read* (regex \"^/a\\.b\\\\.\"))", 0, NULL, NULL, {
	  F(REGEX_IN_STRING, W, 2, 30, "\\.", "'\\.'", NULL) } },
	{ V "(allow file-read* (regex #\"^/a\\.b\"))", 0, NULL, NULL, NONE },
	{ V "(allow file-read* (regex \"^/a\\\\.b\"))", 0, NULL, NULL, NONE },  /* "\\." */
	{ V "(allow file-read* (literal \"/a\\.b\"))", 0, NULL, NULL, NONE },
	{ V "(allow mach-lookup (global-name \"com\\.apple\"))", 0, NULL, NULL, NONE },
};
ROW_TEST(test_regex_in_string, regex_in_string)

/* regex-unanchored */

static const struct row unanchored[] = {
	{ V "(allow file-read* (regex #\"/\\.ssh/\"))", 0, NULL, NULL, {
	  F(REGEX_UNANCHORED, N, 2, 26, "#\"/\\.ssh/\"", "path regex without '^'",
	    "anywhere in the path") } },
	{ V "(allow file-read* (regex #\"\\.plist$\"))", 0, NULL, NULL, {
	  F(REGEX_UNANCHORED, N, 2, 26, "#\"\\.plist$\"", "'^'", NULL) } },
	{ V "(allow file-read* (regex #\"^/Users/[^/]+/\\.ssh/\"))", 0, NULL, NULL, NONE },
	{ V "(allow mach-lookup (global-name-regex #\"foo\"))", 0, NULL, NULL, NONE },
	/* an invalid regex is invalid-regex's alone */
	{ V "(allow file-read* (regex #\"a(b\"))", 0, NULL, NULL, {
	  F(INVALID_REGEX, E, 2, 29, "(", "unbalanced", NULL) } },
};
ROW_TEST(test_unanchored, unanchored)

/* network addresses (bad-argument) */

#define NET "(allow network-outbound (remote tcp "
static const struct row network[] = {
	{ V NET "\"*:80\"))", 0, NULL, NULL, NONE },
	{ V NET "\"localhost:8080\"))", 0, NULL, NULL, NONE },
	{ V NET "\"*:*\"))", 0, NULL, NULL, NONE },
	{ V NET "\"*:0\"))", 0, NULL, NULL, NONE },
	{ V NET "\"*:65535\"))", 0, NULL, NULL, NONE },
	{ V "(allow network-outbound (remote tcp))", 0, NULL, NULL, NONE },
	{ V "(allow network-inbound (local udp \"*:53\"))", 0, NULL, NULL, NONE },
	{ V NET "\"example.com:443\"))", 0, NULL, NULL, {
	  F(BAD_ARGUMENT, E, 2, 37, "\"example.com:443\"", "host 'example.com'",
	    "only * or localhost") } },
	{ V NET "\"127.0.0.1:80\"))", 0, NULL, NULL, {
	  F(BAD_ARGUMENT, E, 2, 37, "\"127.0.0.1:80\"", "host '127.0.0.1'", NULL) } },
	{ V NET "\"*:70000\"))", 0, NULL, NULL, {
	  F(BAD_ARGUMENT, E, 2, 37, "\"*:70000\"", "port '70000'", "0 to 65535") } },
	{ V NET "\"*:65536\"))", 0, NULL, NULL, {
	  F(BAD_ARGUMENT, E, 2, 37, "\"*:65536\"", "port '65536'", NULL) } },
	{ V NET "\"*:-1\"))", 0, NULL, NULL, {
	  F(BAD_ARGUMENT, E, 2, 37, "\"*:-1\"", "port '-1'", NULL) } },
	{ V NET "\"*:\"))", 0, NULL, NULL, {
	  F(BAD_ARGUMENT, E, 2, 37, "\"*:\"", "port ''", NULL) } },
	{ V NET "\"localhost:http\"))", 0, NULL, NULL, {
	  F(BAD_ARGUMENT, E, 2, 37, "\"localhost:http\"", "port 'http'", NULL) } },
	{ V NET "\"*\"))", 0, NULL, NULL, {
	  F(BAD_ARGUMENT, E, 2, 37, "\"*\"", "'*'", "\"HOST:PORT\"") } },
	{ V "(allow network-inbound (local udp \"localhos:53\"))", 0, NULL, NULL, {
	  F(BAD_ARGUMENT, E, 2, 35, "\"localhos:53\"", "host 'localhos'", NULL) } },
};
ROW_TEST(test_network, network)

/* broad-allow */

static const struct row broad[] = {
	{ V "(allow default)", 0, NULL, NULL, {
	  F(BROAD_ALLOW, W, 2, 1, "(allow default)", "(allow default) allows every operation",
	    "(deny default)") } },
	{ V "(allow file-write*)", 0, NULL, NULL, {
	  F(BROAD_ALLOW, W, 2, 8, "file-write*", "unfiltered allow of 'file-write*'",
	    "write files") } },
	{ V "(allow file-write-data)", 0, NULL, NULL, {
	  F(BROAD_ALLOW, W, 2, 8, "file-write-data", "'file-write-data'", NULL) } },
	{ V "(allow file*)", 0, NULL, NULL, {
	  F(BROAD_ALLOW, W, 2, 8, "file*", "'file*'", NULL) } },
	{ V "(allow process-exec*)", 0, NULL, NULL, {
	  F(BROAD_ALLOW, W, 2, 8, "process-exec*", "unfiltered allow of 'process-exec*'",
	    "execute programs") } },
	{ V "(allow file-write* (subpath \"/\"))", 0, NULL, NULL, {
	  F(BROAD_ALLOW, W, 2, 20, "(subpath \"/\")", "matches every path", "'file-write*'") } },
	{ V "(allow file-write* (prefix \"/\"))", 0, NULL, NULL, {
	  F(BROAD_ALLOW, W, 2, 20, "(prefix \"/\")", "every path", NULL) } },
	{ V "(allow file-write* (regex #\"^/\"))", 0, NULL, NULL, {
	  F(BROAD_ALLOW, W, 2, 20, "(regex #\"^/\")", "every path", NULL) } },
	{ V "(allow file-write* (regex #\".*\"))", 0, NULL, NULL, {
	  F(BROAD_ALLOW, W, 2, 20, "(regex #\".*\")", "every path", NULL),
	  F(REGEX_UNANCHORED, N, 2, 27, "#\".*\"", "'^'", NULL) } },
	/* one of several filters: the finding points at that one */
	{ V "(allow file-write* (subpath \"/private/tmp/x\") (subpath \"/\"))", 0, NULL, NULL, {
	  F(BROAD_ALLOW, W, 2, 47, "(subpath \"/\")", "every path", NULL) } },
	{ V "(allow process-exec* (subpath \"/\"))", 0, NULL, NULL, {
	  F(BROAD_ALLOW, W, 2, 22, "(subpath \"/\")", "'process-exec*'", NULL) } },
	{ V "(allow file-read*)", 0, NULL, NULL, NONE },
	{ V "(allow file-read* (subpath \"/\"))", 0, NULL, NULL, NONE },
	{ V "(deny default)", 0, NULL, NULL, NONE },
	{ V "(deny file-write*)", 0, NULL, NULL, NONE },
	{ V "(allow file-write* (subpath \"/private/tmp/x\"))", 0, NULL, NULL, NONE },
	{ V "(allow file-write* (regex #\"^/private/tmp/\"))", 0, NULL, NULL, NONE },
	{ V "(allow process-exec (literal \"/bin/ls\"))", 0, NULL, NULL, NONE },
	{ V "(allow network-outbound)", 0, NULL, NULL, NONE },
};
ROW_TEST(test_broad, broad)

/* deprecated-operation */

static const struct row deprecated[] = {
	{ V "(allow file-unlink (literal \"/private/tmp/y\"))", 0, NULL, NULL, {
	  FIX(DEPRECATED_OPERATION, W, 2, 8, "file-unlink",
	    "'file-unlink' is an old name of 'file-write-unlink'", NULL, "file-write-unlink",
	    true) } },
	{ V "(deny file-write-mount)", 0, NULL, NULL, {
	  FIX(DEPRECATED_OPERATION, W, 2, 7, "file-write-mount", "'file-mount'", NULL, "file-mount",
	    true) } },
	{ V "(allow sysctl-write)", 0, NULL, NULL, {
	  F(DEPRECATED_OPERATION, W, 2, 8, "sysctl-write", "alias of 'sysctl*'",
	    "means all of it") } },
	{ V "(allow mach-per-user-lookup)", 0, NULL, NULL, {
	  F(DEPRECATED_OPERATION, W, 2, 8, "mach-per-user-lookup", "no longer exists",
	    "drops the rule") } },
	/* the successor is a guess: said, and no edit */
	{ V "(allow iokit-open)", 0, NULL, NULL, {
	  F(DEPRECATED_OPERATION, W, 2, 8, "iokit-open", "probably 'iokit-open-user-client'",
	    NULL) } },
	{ V "(allow iokit-open)", 1300, NULL, NULL, {
	  F(DEPRECATED_OPERATION, W, 2, 8, "iokit-open", "iokit-open", NULL) } },
	/* where the target still has the name as an operation of its own */
	{ V "(allow iokit-open)", 1015, NULL, NULL, NONE },
	{ V "(allow mach-per-user-lookup)", 1014, NULL, NULL, NONE },
	/* a plain spelling alias in wide use */
	{ V "(allow process-exec (literal \"/bin/ls\"))", 0, NULL, NULL, NONE },
	{ V "(allow file-write-unlink (literal \"/private/tmp/y\"))", 0, NULL, NULL, NONE },
};
ROW_TEST(test_deprecated, deprecated)

/* filter-not-applicable */

static const struct row not_applicable[] = {
	{ V "(allow mach-lookup (subpath \"/a\"))", 0, NULL, NULL, {
	  NOTE(FILTER_NOT_APPLICABLE, W, 2, 20, "(subpath \"/a\")",
	    "filter 'subpath' does not apply to operation 'mach-lookup'",
	    "path filter does not apply to mach-lookup operation", "12.3/13.0") } },
	{ V "(allow mach-lookup (subpath \"/a\"))", 1300, NULL, NULL, {
	  NOTE(FILTER_NOT_APPLICABLE, E, 2, 20, "(subpath \"/a\")",
	    "does not apply to operation 'mach-lookup'", NULL, "named here") } },
	{ V "(allow mach-lookup (subpath \"/a\"))", 1203, NULL, NULL, {
	  F(FILTER_NOT_APPLICABLE, E, 2, 20, "(subpath \"/a\")", "'subpath'", NULL) } },
	{ V "(allow mach-lookup (subpath \"/a\"))", 1015, NULL, NULL, {
	  F(FILTER_NOT_APPLICABLE, W, 2, 20, "(subpath \"/a\")", "'subpath'", NULL) } },
	{ V "(allow file-read* (global-name \"x\"))", 0, NULL, NULL, {
	  F(FILTER_NOT_APPLICABLE, W, 2, 19, "(global-name \"x\")",
	    "filter 'global-name' does not apply to operation 'file-read*'", NULL) } },
	/* nested: each leaf of a combinator is checked */
	{ V "(allow mach-lookup (require-all (global-name \"a\") (literal \"/b\")))", 0, NULL,
	  NULL, {
	  F(FILTER_NOT_APPLICABLE, W, 2, 51, "(literal \"/b\")", "'literal'", NULL) } },
	{ V "(allow file-read* (subpath \"/a\"))", 1300, NULL, NULL, NONE },
	{ V "(allow mach-lookup (global-name \"com.apple.x\"))", 1300, NULL, NULL, NONE },
	{ V "(allow network-outbound (literal \"/private/var/run/syslog\"))", 1300, NULL, NULL,
	  NONE },
};
ROW_TEST(test_not_applicable, not_applicable)

/* --target: names the target's tables do not have */

static const struct row target[] = {
	{ V "(allow iokit-open-user-client)", 1015, NULL, NULL, {
	  F(UNKNOWN_OPERATION, E, 2, 8, "iokit-open-user-client",
	    "operation 'iokit-open-user-client' is known only since macOS 12.3",
	    "(target: macOS 10.15)") } },
	{ V "(allow iokit-open-user-client)", 1203, NULL, NULL, NONE },
	{ V "(allow iokit-open-user-client)", 0, NULL, NULL, NONE },
	{ V "(allow load-unsigned-code)", 1300, NULL, NULL, {
	  F(UNKNOWN_OPERATION, E, 2, 8, "load-unsigned-code",
	    "operation 'load-unsigned-code' was removed in macOS 12.3", "(target: macOS 13.0)") } },
	{ V "(allow load-unsigned-code)", 1015, NULL, NULL, NONE },
	/* names that are aliases now but operations of their own on the target */
	{ V "(allow iokit-open)", 1015, NULL, NULL, NONE },
	{ V "(allow process-exec (literal \"/bin/ls\"))", 1009, NULL, NULL, NONE },
	{ V "(allow process-exec* (require-responsible-binary-with-entitlement \"x\"))", 1205,
	  NULL, NULL, {
	  F(UNKNOWN_FILTER, E, 2, 22, "(require-responsible-binary-with-entitlement \"x\")",
	    "filter 'require-responsible-binary-with-entitlement' is known only since macOS 13.0",
	    NULL) } },
	{ V "(deny file-read-data (with sip-override))", 1010, NULL, NULL, {
	  F(UNKNOWN_MODIFIER, E, 2, 22, "(with sip-override)",
	    "modifier 'sip-override' is known only since macOS 12.3", NULL) } },
	{ V "(deny file-read-data (with sip-override))", 1300, NULL, NULL, NONE },
};
ROW_TEST(test_target, target)

/* version-missing */

static const struct row version[] = {
	{ "(allow file-read* (literal \"/a\"))\n", 0, NULL, NULL, {
	  FIX(VERSION_MISSING, E, 1, 1, "", "no (version 1)", "no version specified",
	    "(version 1)\n", true) } },
	{ "", 0, NULL, NULL, {
	  FIX(VERSION_MISSING, E, 1, 1, "", "no (version 1)", NULL, "(version 1)\n", true) } },
	{ ";; comment\n(deny default)\n", 0, NULL, NULL, {
	  FIX(VERSION_MISSING, E, 1, 1, "", NULL, NULL, "(version 1)\n", true) } },
	/* after a syntax error the version may be in the broken part */
	{ "(allow file-read* (literal \"/a\")\n", 0, NULL, NULL, {
	  F(SYNTAX_ERROR, E, 1, 1, "(", "missing ')'", NULL) } },
	/* a prelude may declare it */
	{ "(allow file-read* (literal \"/a\"))\n", 0, NULL, V, NONE },
	{ V "(allow file-read* (literal \"/a\"))\n", 0, NULL, NULL, NONE },
	{ "(deny default)\n" V, 0, NULL, NULL, NONE },
};
ROW_TEST(test_version, version)

int main(void)
{
	Suite *s = suite_create("checks");
	TU_LOOP_CASE(s, "non-canonical-path", test_non_canonical, non_canonical);
	TU_LOOP_CASE(s, "subpath-trailing-slash", test_trailing_slash, trailing_slash);
	TU_LOOP_CASE(s, "relative-path", test_relative, relative);
	TU_LOOP_CASE(s, "invalid-regex", test_invalid_regex, invalid_regex);
	TU_LOOP_CASE(s, "regex-in-string", test_regex_in_string, regex_in_string);
	TU_LOOP_CASE(s, "regex-unanchored", test_unanchored, unanchored);
	TU_LOOP_CASE(s, "network-address", test_network, network);
	TU_LOOP_CASE(s, "broad-allow", test_broad, broad);
	TU_LOOP_CASE(s, "deprecated-operation", test_deprecated, deprecated);
	TU_LOOP_CASE(s, "filter-not-applicable", test_not_applicable, not_applicable);
	TU_LOOP_CASE(s, "target-version", test_target, target);
	TU_LOOP_CASE(s, "version-missing", test_version, version);
	return tu_run(s);
}
