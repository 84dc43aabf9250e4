/*
 * check_path.c -- unit tests for src/path.c: symlinked prefixes, canonical
 * spelling, relative and trailing-slash arguments, literal/subpath/prefix
 * matching and containment.  Strings carry explicit lengths (NUL bytes).
 */
#include "testutil.h"

#include "arena.h"
#include "path.h"



/* the arena of the fixture's context (testutil.h) */
#define arena (ctx->arena)

/* sb_path_symlinked_prefix */

static const struct { struct str in; const char *link, *target; } prefixes[] = {
	{ S("/tmp"),               "/tmp", "/private/tmp" },
	{ S("/tmp/"),              "/tmp", "/private/tmp" },
	{ S("/tmp/x"),             "/tmp", "/private/tmp" },
	{ S("/tmp//x"),            "/tmp", "/private/tmp" },
	{ S("/tmp/\0x"),           "/tmp", "/private/tmp" },  /* NUL after the boundary */
	{ S("/var"),               "/var", "/private/var" },
	{ S("/var/"),              "/var", "/private/var" },
	{ S("/var/folders/zz/T/"), "/var", "/private/var" },  /* $TMPDIR */
	{ S("/var/tmp"),           "/var", "/private/var" },
	{ S("/var/db/x"),          "/var", "/private/var" },
	{ S("/etc"),               "/etc", "/private/etc" },
	{ S("/etc/passwd"),        "/etc", "/private/etc" },
	{ S(""),                   NULL, NULL },
	{ S("/"),                  NULL, NULL },
	{ S("/tm"),                NULL, NULL },
	{ S("/tmpfoo"),            NULL, NULL },  /* a prefix, not a path component */
	{ S("/tmp.x"),             NULL, NULL },
	{ S("/variable"),          NULL, NULL },
	{ S("/etcetera"),          NULL, NULL },
	{ S("/private/tmp"),       NULL, NULL },  /* already canonical */
	{ S("/private/var/folders/zz/T"), NULL, NULL },
	{ S("/private/etc/hosts"), NULL, NULL },
	{ S("/Var/x"),             NULL, NULL },  /* case-sensitive */
	{ S("/TMP"),               NULL, NULL },
	{ S("tmp/x"),              NULL, NULL },
	{ S("//tmp"),              NULL, NULL },
	{ S(" /tmp"),              NULL, NULL },
	{ S("/usr/tmp"),           NULL, NULL },
	{ S("${HOME}/tmp"),        NULL, NULL },
	{ S("/tmp\0/x"),           NULL, NULL },  /* NUL where the boundary would be */
	{ S("/tm\0p"),             NULL, NULL },
};

START_TEST(test_symlinked_prefix)
{
	const struct sb_symlink *l =
		sb_path_symlinked_prefix(prefixes[_i].in.s, prefixes[_i].in.n);
	if (prefixes[_i].link) {
		ck_assert_ptr_nonnull(l);
		ck_assert_str_eq(l->link, prefixes[_i].link);
		ck_assert_str_eq(l->target, prefixes[_i].target);
	} else {
		ck_assert_ptr_null(l);
	}
}
END_TEST

/* sb_path_canonical */

static const struct { struct str in, want; } paths[] = {
	{ S("/tmp/x"),             S("/private/tmp/x") },
	{ S("/tmp"),               S("/private/tmp") },
	{ S("/tmp/"),              S("/private/tmp/") },
	{ S("/tmp//x"),            S("/private/tmp//x") },
	{ S("/tmp/../etc"),        S("/private/tmp/../etc") },  /* spelling only */
	{ S("/tmp/a\0b"),          S("/private/tmp/a\0b") },
	{ S("/var"),               S("/private/var") },
	{ S("/var/folders/ab/T/"), S("/private/var/folders/ab/T/") },
	{ S("/var/tmp"),           S("/private/var/tmp") },
	{ S("/var/tmp/x"),         S("/private/var/tmp/x") },
	{ S("/etc"),               S("/private/etc") },
	{ S("/etc/hosts"),         S("/private/etc/hosts") },
	{ S("/private/tmp"),       { NULL, 0 } },  /* already canonical */
	{ S("/private/tmp/x"),     { NULL, 0 } },
	{ S("/private/var/folders/ab"), { NULL, 0 } },
	{ S("/private/etc/passwd"),     { NULL, 0 } },
	{ S("/tmpfoo"),            { NULL, 0 } },  /* a prefix, not a path component */
	{ S("/etcetera"),          { NULL, 0 } },
	{ S("/varx/y"),            { NULL, 0 } },
	{ S("/Var/x"),             { NULL, 0 } },  /* case-sensitive: left alone */
	{ S("/"),                  { NULL, 0 } },
	{ S(""),                   { NULL, 0 } },
	{ S("tmp"),                { NULL, 0 } },
	{ S("/tmp\0x"),            { NULL, 0 } },
};

START_TEST(test_canonical)             /* arena comes from a checked fixture */
{
	const char *got = sb_path_canonical(arena, paths[_i].in.s, paths[_i].in.n);
	ck_assert(!sb_arena_failed(arena));
	if (paths[_i].want.s) {
		ck_assert_ptr_nonnull(got);
		ck_assert_mem_eq(got, paths[_i].want.s, paths[_i].want.n);
		ck_assert_int_eq(got[paths[_i].want.n], '\0');
		/* the result is canonical: converting it again changes nothing */
		ck_assert_ptr_null(sb_path_symlinked_prefix(got, paths[_i].want.n));
	} else {
		ck_assert_ptr_null(got);
	}
}
END_TEST

START_TEST(test_canonical_oom)
{
	sb_arena_fail_after(arena, 1);
	ck_assert_ptr_null(sb_path_canonical(arena, "/tmp/x", 6));
	ck_assert(sb_arena_failed(arena));
}
END_TEST

/* sb_path_is_symlink_itself */

static const struct { struct str in; bool want; } itself[] = {
	{ S("/tmp"),         true },
	{ S("/var"),         true },
	{ S("/etc"),         true },
	{ S("/tmp/"),        false },  /* a trailing slash follows the link */
	{ S("/var/"),        false },
	{ S("/etc/"),        false },
	{ S("/tmp/x"),       false },
	{ S("/private/tmp"), false },
	{ S("/private/var"), false },
	{ S("/tmpx"),        false },
	{ S("/tm"),          false },
	{ S("/Tmp"),         false },
	{ S("/tmp\0"),       false },
	{ S("//tmp"),        false },
	{ S("tmp"),          false },
	{ S("/usr"),         false },
	{ S("/"),            false },
	{ S(""),             false },
};

START_TEST(test_symlink_itself)
{
	ck_assert_int_eq(sb_path_is_symlink_itself(itself[_i].in.s, itself[_i].in.n),
	                 itself[_i].want);
}
END_TEST

/* sb_path_is_relative */

static const struct { struct str in; bool want; } relative[] = {
	{ S(""),                  true },
	{ S("a"),                 true },
	{ S("tmp/x"),             true },
	{ S("./x"),               true },
	{ S("../x"),              true },
	{ S("~/x"),               true },
	{ S(" /x"),               true },
	{ S("\0/x"),              true },
	{ S("$HOME/x"),           true },   /* not the ${...} form */
	{ S("{HOME}/x"),          true },
	{ S("$"),                 true },
	{ S("${"),                true },
	{ S("${HOME"),            true },   /* unclosed */
	{ S("${HOME/x"),          true },
	{ S("${}"),               true },   /* no name */
	{ S("${}/x"),             true },
	{ S("/"),                 false },
	{ S("/x"),                false },
	{ S("//x"),               false },
	{ S("/${HOME}"),          false },
	{ S("${HOME}"),           false },
	{ S("${HOME}/x"),         false },
	{ S("${FRONT_USER_HOME}/Library"), false },
};

START_TEST(test_relative)
{
	ck_assert_int_eq(sb_path_is_relative(relative[_i].in.s, relative[_i].in.n),
	                 relative[_i].want);
}
END_TEST

/* sb_path_subpath_trailing_slash */

static const struct { struct str in; bool want; } trailing[] = {
	{ S("/a/"),           true },
	{ S("/private/tmp/"), true },
	{ S("//"),            true },
	{ S("/a//"),          true },
	{ S("a/"),            true },
	{ S("/"),             false },  /* (subpath "/") is allowed */
	{ S(""),              false },
	{ S("/a"),            false },
	{ S("/a/b"),          false },
	{ S("/a/."),          false },
	{ S("/a/\0"),         false },  /* ends in NUL, not '/' */
};

START_TEST(test_trailing_slash)
{
	ck_assert_int_eq(sb_path_subpath_trailing_slash(trailing[_i].in.s,
	                                                trailing[_i].in.n),
	                 trailing[_i].want);
}
END_TEST

/* Two-string predicates: (filter argument, path or other argument, want). */
struct pair { struct str a, b; bool want; };

static const struct pair subpath_match[] = {
	{ S("/a"),           S("/a"),                     true },
	{ S("/a"),           S("/a/"),                    true },
	{ S("/a"),           S("/a/b"),                   true },
	{ S("/a"),           S("/a/b/c"),                 true },
	{ S("/private/var"), S("/private/var/folders/x"), true },
	{ S("/"),            S("/"),                      true },
	{ S("/"),            S("/x"),                     true },
	{ S("/"),            S("//"),                     true },
	{ S("/a/"),          S("/a/"),                    true },
	{ S("/a\0b"),        S("/a\0b/c"),                true },
	{ S(""),             S(""),                       true },
	{ S("/a"),           S("/ab"),                    false },  /* not a component */
	{ S("/private/var"), S("/private/variable"),      false },
	{ S("/a"),           S("/"),                      false },
	{ S("/a"),           S(""),                       false },
	{ S("/a/b"),         S("/a"),                     false },
	{ S("/A"),           S("/a/b"),                   false },
	{ S("/a"),           S("/a\0/b"),                 false },
	{ S("/a/"),          S("/a/b"),                   false },  /* needs "/a//" */
	{ S("/"),            S(""),                       false },
	{ S("/"),            S("x"),                      false },
	{ S(""),             S("x"),                      false },
};

START_TEST(test_subpath_matches)
{
	const struct pair *r = &subpath_match[_i];
	ck_assert_int_eq(sb_path_subpath_matches(r->a.s, r->a.n, r->b.s, r->b.n), r->want);
}
END_TEST

static const struct pair prefix_match[] = {
	{ S("/a"),      S("/a"),       true },
	{ S("/a"),      S("/ab"),      true },   /* no component boundary */
	{ S("/a"),      S("/a/b"),     true },
	{ S("/a/"),     S("/a/b"),     true },
	{ S("/"),       S("/anything"), true },
	{ S("/cores/"), S("/cores/x"), true },
	{ S("/a\0"),    S("/a\0x"),    true },
	{ S(""),        S(""),         true },
	{ S(""),        S("x"),        true },
	{ S("/a/"),     S("/a"),       false },
	{ S("/cores/"), S("/coresx"),  false },
	{ S("/ab"),     S("/a"),       false },
	{ S("/a"),      S("/"),        false },
	{ S("/a"),      S(""),         false },
	{ S("/a"),      S("/A"),       false },
	{ S("/a\0"),    S("/a"),       false },
	{ S("/a\0"),    S("/ab"),      false },
};

START_TEST(test_prefix_matches)
{
	const struct pair *r = &prefix_match[_i];
	ck_assert_int_eq(sb_path_prefix_matches(r->a.s, r->a.n, r->b.s, r->b.n), r->want);
}
END_TEST

/* (outer subpath, inner subpath) */
static const struct pair sub_sub[] = {
	{ S("/a"),           S("/a"),                   true },
	{ S("/a"),           S("/a/b"),                 true },
	{ S("/a"),           S("/a/"),                  true },
	{ S("/"),            S("/"),                    true },
	{ S("/"),            S("/a"),                   true },
	{ S("/private/var"), S("/private/var/folders"), true },
	{ S("/a"),           S("/ab"),                  false },
	{ S("/private/var"), S("/private/var2"),        false },
	{ S("/a/b"),         S("/a"),                   false },
	{ S("/a"),           S("/"),                    false },
	{ S("/a"),           S(""),                     false },
	{ S("/"),            S(""),                     false },  /* "" is not under "/" */
	{ S("/a"),           S("/A/b"),                 false },
};

START_TEST(test_subpath_covers_subpath)
{
	const struct pair *r = &sub_sub[_i];
	ck_assert_int_eq(sb_path_subpath_covers_subpath(r->a.s, r->a.n, r->b.s, r->b.n),
	                 r->want);
}
END_TEST

/* (prefix, subpath) */
static const struct pair pre_sub[] = {
	{ S("/a"),            S("/a"),             true },
	{ S("/a"),            S("/ab"),            true },
	{ S("/a"),            S("/a/b"),           true },
	{ S("/a/"),           S("/a/b"),           true },
	{ S("/private/tmp/"), S("/private/tmp/x"), true },
	{ S("/"),             S("/"),              true },
	{ S("/"),             S("/a"),             true },
	{ S(""),              S("/"),              true },
	{ S("/a/"),           S("/a"),             false },  /* (subpath "/a") matches "/a" */
	{ S("/ab"),           S("/a"),             false },
	{ S("/a"),            S("/"),              false },
	{ S("/private/tmp/cvmsCodeSignObj"), S("/private/tmp"), false },
	{ S("/a"),            S("/A"),             false },
};

START_TEST(test_prefix_covers_subpath)
{
	const struct pair *r = &pre_sub[_i];
	ck_assert_int_eq(sb_path_prefix_covers_subpath(r->a.s, r->a.n, r->b.s, r->b.n),
	                 r->want);
}
END_TEST

/* (outer prefix, inner prefix) */
static const struct pair pre_pre[] = {
	{ S("/a"),  S("/a"),  true },
	{ S("/a"),  S("/ab"), true },
	{ S("/a"),  S("/a/"), true },
	{ S("/"),   S("/x"),  true },
	{ S(""),    S("/x"),  true },
	{ S(""),    S(""),    true },
	{ S("/ab"), S("/a"),  false },
	{ S("/a/"), S("/a"),  false },
	{ S("/x"),  S(""),    false },
	{ S("/x"),  S("/X"),  false },
	{ S("/a\0"), S("/a"), false },
};

START_TEST(test_prefix_covers_prefix)
{
	const struct pair *r = &pre_pre[_i];
	ck_assert_int_eq(sb_path_prefix_covers_prefix(r->a.s, r->a.n, r->b.s, r->b.n),
	                 r->want);
}
END_TEST

/* (subpath, prefix) */
static const struct pair sub_pre[] = {
	{ S("/a"),           S("/a/"),                  true },
	{ S("/a"),           S("/a/b"),                 true },
	{ S("/private/var"), S("/private/var/folders/"), true },
	{ S("/cores"),       S("/cores/"),              true },
	{ S("/"),            S("/"),                    true },
	{ S("/"),            S("/a"),                   true },
	{ S("/a"),           S("/a"),                   false },  /* prefix "/a" matches "/ab" */
	{ S("/a"),           S("/ab"),                  false },
	{ S("/a"),           S("/a\0"),                 false },
	{ S("/a"),           S("/"),                    false },
	{ S("/a/b"),         S("/a/"),                  false },
	{ S("/"),            S(""),                     false },  /* prefix "" matches "x" */
	{ S("/"),            S("a"),                    false },
	{ S("/a"),           S("/A/"),                  false },
};

START_TEST(test_subpath_covers_prefix)
{
	const struct pair *r = &sub_pre[_i];
	ck_assert_int_eq(sb_path_subpath_covers_prefix(r->a.s, r->a.n, r->b.s, r->b.n),
	                 r->want);
}
END_TEST

/* A NULL pointer with length 0 is the empty string everywhere. */
START_TEST(test_null_empty)
{
	ck_assert_ptr_null(sb_path_symlinked_prefix(NULL, 0));
	ck_assert_ptr_null(sb_path_canonical(arena, NULL, 0));
	ck_assert(!sb_path_is_symlink_itself(NULL, 0));
	ck_assert(sb_path_is_relative(NULL, 0));
	ck_assert(!sb_path_subpath_trailing_slash(NULL, 0));
	ck_assert(sb_path_subpath_matches(NULL, 0, NULL, 0));
	ck_assert(!sb_path_subpath_matches("/", 1, NULL, 0));
	ck_assert(sb_path_prefix_matches(NULL, 0, NULL, 0));
	ck_assert(!sb_path_prefix_matches("/", 1, NULL, 0));
	ck_assert(sb_path_subpath_covers_subpath(NULL, 0, NULL, 0));
	ck_assert(sb_path_prefix_covers_subpath(NULL, 0, NULL, 0));
	ck_assert(sb_path_prefix_covers_prefix(NULL, 0, NULL, 0));
	ck_assert(!sb_path_subpath_covers_prefix(NULL, 0, NULL, 0));
	ck_assert(!sb_arena_failed(arena));
}
END_TEST

static Suite *path_suite(void)
{
	Suite *s = suite_create("path");

	TU_LOOP_CASE(s, "symlinked_prefix", test_symlinked_prefix, prefixes);

	TCase *tc = tu_case(s, "canonical");
	tcase_add_loop_test(tc, test_canonical, 0, (int)SB_COUNTOF(paths));
	tcase_add_test(tc, test_canonical_oom);
	tcase_add_test(tc, test_null_empty);

	TU_LOOP_CASE(s, "symlink_itself", test_symlink_itself, itself);
	TU_LOOP_CASE(s, "relative", test_relative, relative);
	TU_LOOP_CASE(s, "trailing_slash", test_trailing_slash, trailing);
	TU_LOOP_CASE(s, "subpath_matches", test_subpath_matches, subpath_match);
	TU_LOOP_CASE(s, "prefix_matches", test_prefix_matches, prefix_match);
	TU_LOOP_CASE(s, "subpath_covers_subpath", test_subpath_covers_subpath, sub_sub);
	TU_LOOP_CASE(s, "prefix_covers_subpath", test_prefix_covers_subpath, pre_sub);
	TU_LOOP_CASE(s, "prefix_covers_prefix", test_prefix_covers_prefix, pre_pre);
	TU_LOOP_CASE(s, "subpath_covers_prefix", test_subpath_covers_prefix, sub_pre);
	return s;
}

int main(void)
{
	return tu_run(path_suite());
}
