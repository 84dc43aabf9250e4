/*
 * check_regex.c -- unit tests for src/regex.c: every error with its offset,
 * corpus patterns that must compile, search semantics, the anchored prefix
 * and exact literal, out of memory, and the size and time bounds.
 */
#include "testutil.h"

#include "arena.h"
#include "regex.h"


/* the arena of the fixture's context (testutil.h) */
#define arena (ctx->arena)

static struct sb_regex *compile_ok(const char *pat)
{
	struct sb_regex_error err = { 0, NULL };
	struct sb_regex *re = sb_regex_compile(arena, pat, strlen(pat), &err);
	ck_assert_msg(re != NULL, "'%.60s': %s at %u", pat, err.message ? err.message : "?",
	              (unsigned)err.offset);
	return re;
}

/* A pattern of n copies of s, then tail; malloc'd. */
static char *repeat_str(const char *s, size_t n, const char *tail)
{
	size_t ls = strlen(s), lt = strlen(tail);
	char *p = malloc(ls * n + lt + 1);
	ck_assert_ptr_nonnull(p);
	for (size_t i = 0; i < n; i++)
		memcpy(p + i * ls, s, ls);
	memcpy(p + ls * n, tail, lt + 1);
	return p;
}

/* sb_regex_compile: errors, with the exact offset and message */

static const struct { const char *pat; unsigned off; const char *msg; } errors[] = {
	{ "(",              0, "unbalanced '('" },
	{ "a(b",            1, "unbalanced '('" },
	{ "(a(b)",          0, "unbalanced '('" },
	{ "^(/a|/b",        1, "unbalanced '('" },
	{ "((a)",           0, "unbalanced '('" },
	{ ")",              0, "unbalanced ')'" },
	{ "a)",             1, "unbalanced ')'" },
	{ "())",            2, "unbalanced ')'" },
	{ "^/a(/b))$",      7, "unbalanced ')'" },
	{ "\\1",            0, "back-references are not supported" },
	{ "(a)\\1",         3, "back-references are not supported" },
	{ "^(x|y)/\\9$",    7, "back-references are not supported" },
	{ "[a",             0, "unterminated bracket expression" },
	{ "x[^",            1, "unterminated bracket expression" },
	{ "[]",             0, "unterminated bracket expression" },  /* ']' first is a member */
	{ "[^]",            0, "unterminated bracket expression" },
	{ "/a[b\\",         2, "unterminated bracket expression" },
	{ "x[[:alpha:]",    1, "unterminated bracket expression" },
	{ "[a-",            0, "unterminated bracket expression" },
	{ "[z-a]",          1, "range 'z-a' is out of order" },
	{ "ab[0-9a-Z]",     6, "range 'a-Z' is out of order" },
	{ "[\\.-\\-]",      1, "range '\\.-\\-' is out of order" },
	{ "*a",             0, "nothing to repeat" },
	{ "+",              0, "nothing to repeat" },
	{ "?",              0, "nothing to repeat" },
	{ "a|*b",           2, "nothing to repeat" },
	{ "(+a)",           1, "nothing to repeat" },
	{ "(?:x)",          1, "nothing to repeat" },                /* PCRE group */
	{ "a||?",           3, "nothing to repeat" },
	{ "{2}",            0, "nothing to repeat" },
	{ "x(|{1,2})",      3, "nothing to repeat" },
	{ "\\",             0, "trailing backslash" },
	{ "/a\\.b\\",       5, "trailing backslash" },
	{ "a{256}",         1, "repetition count in '{256}' exceeds 255" },
	{ "a{1,300}",       1, "repetition count in '{1,300}' exceeds 255" },
	{ "a{99999999999}", 1, "repetition count in '{99999999999}' exceeds 255" },
	{ "xa{5,3}",        2, "repetition range '{5,3}' is out of order" },
	{ "a{1,0}",         1, "repetition range '{1,0}' is out of order" },
	{ "[[:foo:]]",      1, "unknown character class '[:foo:]'" },
	{ "x[a[:Alpha:]]",  3, "unknown character class '[:Alpha:]'" },
	{ "(a{255}){255}",  8, "regex too large" },
	{ "[0-9]{200}x{200}(ab){200}.{200}(.{200}){80}", 39, "regex too large" },  /* the sum */
	{ "a{200}(b{255}{64})", 6, "regex too large" },            /* blamed on the group */
};

START_TEST(test_errors)
{
	struct sb_regex_error err = { 99, NULL };
	const char *pat = errors[_i].pat;
	ck_assert_ptr_null(sb_regex_compile(arena, pat, strlen(pat), &err));
	ck_assert_ptr_nonnull(err.message);
	ck_assert_str_eq(err.message, errors[_i].msg);
	ck_assert_uint_eq(err.offset, errors[_i].off);
}
END_TEST

/* sb_regex_compile: valid patterns (corpus ones and dialect corners) */

static const char *const valid[] = {
	/* from the corpus */
	"/com\\.apple\\.sandbox($|/)",
	"^/private/var/folders/[^/]+/[^/]+/C($|/)",
	"^(/private)?/var/folders/[^/]+/[^/]+/T($|/)",
	"/Users/[a-zA-Z]+/Library/Keychains/\\.[a-zA-Z0-9]{10}",
	"^com\\.apple\\.ist\\.ds\\.appleconnect2\\.service\\.PluginProcess\\[[0-9]+\\]$",
	"^com\\.apple\\.ist\\.ds\\.appleconnect2\\.service\\.com\\.apple\\.WebKit\\.Plugin"
		"\\.(32|64)(\\.Development)?\\[[0-9]+\\]$",
	"^IOPCI((Class|Primary|Property|)Match|Express(Capabilities|Link(Status|Capabilities))"
		"|MSIMode|Resourced|Tunnelled)",
	"/Library/Caches/com\\.apple\\.(appstore|iBooksX|iTunes|configurator\\.ui)"
		"(/CommerceRequestCache/?)?",
	"/Library/Keychains/login\\.keychain\\.sb-\\..*\\$",
	"/private/var/PersonaVolumes/[UNSUPPORTED]+/Containers/Data/[UNSUPPORTED]+/",
	"^/Applications/\xe7\x99\xbe\xe5\xba\xa6Hi.app/",
	"^/private/var/[-0-9A-F]+/Library/DeviceRegistry/[-0-9A-Z]+$",
	"[0-9A-Fa-f-]+\\.sock$",
	"[a-f0-9\\.]",
	"[^\\.]",
	"[-.][^/]",
	"[cC]ache[dD]",
	".+[.]app/(.+/)?[.]ds_store$",
	"/Library/Preferences/(.*/)?com\\.apple\\.driver\\..*\\.plist",
	"(^|/)\\.DS_Store$",
	"^/Library/Fonts(/|$)",
	"\\.app(/$)",
	/* dialect corners */
	"",
	"()",
	"(|_compat)",
	"(a|)",
	"a||b",
	"^$",
	"$^",
	"^",
	"$",
	"^*a",                                  /* a repeated assertion */
	"a**",
	"a+?",                                  /* (a+)?, not lazy: same language */
	".*?x",
	"a{0}",
	"a{0,0}",
	"a{,3}",
	"a{2,}",
	"(){255}",
	"a{",                                   /* not a bound: literal '{' */
	"a{x}",
	"a{1",
	"a{}",
	"a{,}",
	"a{ 1}",
	"{",
	"}",
	"]",
	"x{1,2}}",
	"[]a]",
	"[^]a]",
	"[-a]",
	"[a-]",
	"[a-c-e]",
	"[--/]",
	"[-\\w.]",
	"[\\]]",
	"[\\\\]",
	"[a-\\w]",
	"[[.]",
	"[[:]",
	"[[:alpha:][:digit:]_]",
	"[[:alnum:][:blank:][:cntrl:][:graph:][:lower:][:print:][:punct:][:space:]"
		"[:upper:][:xdigit:]]",
	"\\w+\\d\\s\\S\\W\\D",
	"\\n\\t\\r",
	"\\q\\<\\>\\b",                          /* unknown escaped letters are literal */
	"\\0",
	"\\.\\/\\$\\^\\(\\)\\[\\]\\{\\}\\|\\*\\+\\?\\!\\-",
	"((((((((((a))))))))))",
	"(a{255}){64}",                         /* 16320 instructions: just fits */
};

START_TEST(test_valid)
{
	struct sb_regex *re = compile_ok(valid[_i]);
	ck_assert_uint_ge(sb_regex_size(re), 1);
	ck_assert_uint_le(sb_regex_size(re), SB_REGEX_MAX_INSNS + 1);
	ck_assert(!sb_arena_failed(arena));
}
END_TEST

/* sb_regex_search */


static const struct { const char *pat; struct str subject; bool want; } searches[] = {
	/* unanchored: any substring */
	{ "/com\\.apple\\.sandbox($|/)", S("/Users/me/Library/com.apple.sandbox"),        true },
	{ "/com\\.apple\\.sandbox($|/)", S("/Users/me/Library/com.apple.sandbox/x"),      true },
	{ "/com\\.apple\\.sandbox($|/)", S("/com.apple.sandbox.plist"),                   false },
	{ "/com\\.apple\\.sandbox($|/)", S("/comxapplexsandbox"),                          false },
	{ "/com\\.apple\\.sandbox($|/)", S("/com.apple.sandboxes/com.apple.sandbox"),     true },
	{ "abc",                S("xxabcxx"),   true },
	{ "abc",                S("ab"),        false },
	{ "",                   S(""),          true },
	{ "",                   S("abc"),       true },
	{ "a|",                 S("zzz"),       true },
	/* ^ and $ */
	{ "^/Users/",           S("/Users/me"), true },
	{ "^/Users/",           S("/x/Users/"), false },
	{ "\\.plist$",          S("a.plist"),   true },
	{ "\\.plist$",          S("a.plist~"),  false },
	{ "^$",                 S(""),          true },
	{ "^$",                 S("a"),         false },
	{ "$^",                 S(""),          true },
	{ "$^",                 S("a"),         false },
	{ "a^b",                S("ab"),        false },
	{ "a$b",                S("ab"),        false },
	{ "^*a",                S("ba"),        true },
	{ "^+a",                S("ba"),        false },
	/* ^ and $ inside groups and alternatives */
	{ "(^|/)\\.DS_Store$",  S(".DS_Store"),       true },
	{ "(^|/)\\.DS_Store$",  S("/a/.DS_Store"),    true },
	{ "(^|/)\\.DS_Store$",  S("/a/x.DS_Store"),   false },
	{ "^a|b$",              S("xxb"),       true },
	{ "^a|b$",              S("axx"),       true },
	{ "^a|b$",              S("xax"),       false },
	{ "^(/private)?/var/folders/[^/]+/[^/]+/T($|/)", S("/var/folders/ab/cd/T"),          true },
	{ "^(/private)?/var/folders/[^/]+/[^/]+/T($|/)", S("/private/var/folders/ab/cd/T/x"), true },
	{ "^(/private)?/var/folders/[^/]+/[^/]+/T($|/)", S("/private/var/folders/ab/T"),     false },
	{ "^(/private)?/var/folders/[^/]+/[^/]+/T($|/)", S("/x/var/folders/ab/cd/T"),        false },
	{ "\\.app(/$)",         S("/A.app/"),   true },
	{ "\\.app(/$)",         S("/A.app"),    false },
	/* alternation, empty alternatives */
	{ "^lib(|_compat)\\.so$", S("lib.so"),        true },
	{ "^lib(|_compat)\\.so$", S("lib_compat.so"), true },
	{ "^lib(|_compat)\\.so$", S("lib_x.so"),      false },
	{ "^(a|)b$",            S("b"),         true },
	{ "^(a|)b$",            S("ab"),        true },
	{ "^(a|)b$",            S("aab"),       false },
	{ "^IOFB(CLUTDefer|Config|Dependent(ID|Index))$", S("IOFBDependentIndex"), true },
	{ "^IOFB(CLUTDefer|Config|Dependent(ID|Index))$", S("IOFBDependent"),      false },
	/* classes */
	{ "^[^/]+$",            S("abc"),       true },
	{ "^[^/]+$",            S("a/c"),       false },
	{ "^[]a]+$",            S("]a]"),       true },
	{ "^[^]a]$",            S("]"),         false },
	{ "^[^]a]$",            S("b"),         true },
	{ "^[-\\w.]+$",         S("a-b.c_9"),   true },
	{ "^[-\\w.]+$",         S("a/b"),       false },
	{ "^[a-c-e]+$",         S("b-e"),       true },
	{ "^[a-c-e]+$",         S("d"),         false },
	{ "^[\\]]$",            S("]"),         true },
	{ "^[a-f0-9\\.]+$",     S("ab.09"),     true },
	{ "^[a-f0-9\\.]+$",     S("\\"),        false },
	{ "^[[:digit:][:upper:]]+$", S("A9Z"),  true },
	{ "^[[:digit:][:upper:]]+$", S("A9z"),  false },
	{ "^[[:space:]]$",      S("\v"),        true },
	{ "^[[:punct:]]+$",     S("!/:@[`{~"),  true },
	{ "^[[:punct:]]$",      S("a"),         false },
	{ "^[[:xdigit:]]+$",    S("09afAF"),    true },
	{ "^[[:xdigit:]]$",     S("g"),         false },
	{ "^\\w+$",             S("Az_09"),     true },
	{ "^\\w$",              S("-"),         false },
	{ "^\\W$",              S("-"),         true },
	{ "^\\d\\D\\s\\S$",     S("1a\tb"),     true },
	{ "^\\d$",              S("a"),         false },
	{ "^a\\nb\\tc\\rd$",    S("a\nb\tc\rd"), true },
	{ "^\\q$",              S("q"),         true },
	{ "^.$",                S("\n"),        true },   /* '.' is any byte */
	{ "^.$",                S("\0"),        true },
	{ "^a.c$",              S("a\xff" "c"), true },
	{ "^\xc3\xa9$",         S("\xc3\xa9"),  true },   /* bytes, not characters */
	{ "^[\xc3\xa9]$",       S("\xa9"),      true },
	{ "^[\\.]$",            S("."),         true },
	{ "^[.]$",              S("x"),         false },
	{ "^\\.$",              S("x"),         false },
	{ "^[^\\w\\W]*$",       S(""),          true },   /* the empty set */
	{ "[^\\w\\W]",          S("abc"),       false },
	{ "ABC",                S("abc"),       false },  /* case-sensitive */
	/* literal braces and escaped metacharacters */
	{ "^a{$",               S("a{"),        true },
	{ "^a{x}$",             S("a{x}"),      true },
	{ "^a{1$",              S("a{1"),       true },
	{ "^}$",                S("}"),         true },
	{ "^\\[[0-9]+\\]$",     S("[12]"),      true },
	{ "\\$$",               S("a$"),        true },
	{ "\\$",                S("a"),         false },
	{ "^\\(\\)\\|\\*\\+\\?\\{$", S("()|*+?{"), true },
	/* repetition */
	{ "^x*$",               S(""),          true },
	{ "^x+$",               S(""),          false },
	{ "^x+$",               S("xxx"),       true },
	{ "^x?$",               S("xx"),        false },
	{ "^x{2,4}$",           S("x"),         false },
	{ "^x{2,4}$",           S("xx"),        true },
	{ "^x{2,4}$",           S("xxxx"),      true },
	{ "^x{2,4}$",           S("xxxxx"),     false },
	{ "^x{2,}$",            S("x"),         false },
	{ "^x{2,}$",            S("xxxxxxx"),   true },
	{ "^x{,2}$",            S(""),          true },
	{ "^x{,2}$",            S("xxx"),       false },
	{ "^x{3}$",             S("xxx"),       true },
	{ "^x{3}$",             S("xxxx"),      false },
	{ "^x{0}$",             S(""),          true },
	{ "^x{0}$",             S("x"),         false },
	{ "^(ab){0,2}$",        S("abab"),      true },
	{ "^(ab){0,2}$",        S("aba"),       false },
	{ "^(a|b){3}$",         S("bab"),       true },
	{ "^(a|b){3}$",         S("ba"),        false },
	{ "^(a*)*$",            S("aaa"),       true },   /* empty loops terminate */
	{ "^(a*)+b$",           S("aaab"),      true },
	{ "^(a?){3}a{3}$",      S("aaa"),       true },
	{ "^()*x$",             S("x"),         true },
	{ "^((a{2}){2}){2}$",   S("aaaaaaaa"),  true },
	{ "^((a{2}){2}){2}$",   S("aaaaaaa"),   false },
	{ "^(a{1,2}b){2,3}$",   S("abaabab"),   true },
	{ "^(a{1,2}b){2,3}$",   S("ab"),        false },
	{ "^(a{1,2}b){2,3}$",   S("aaab"),      false },
	{ "/Users/[a-zA-Z]+/Library/Keychains/\\.[a-zA-Z0-9]{10}",
	  S("/Users/me/Library/Keychains/.0123456789"), true },
	{ "/Users/[a-zA-Z]+/Library/Keychains/\\.[a-zA-Z0-9]{10}",
	  S("/Users/me/Library/Keychains/.012345678"), false },
	{ "a+?b",               S("b"),         true },   /* (a+)?b */
	{ "a+?b",               S("xab"),       true },
};

START_TEST(test_search)
{
	struct sb_regex *re = compile_ok(searches[_i].pat);
	ck_assert_int_eq(sb_regex_search(re, searches[_i].subject.s, searches[_i].subject.n),
	                 searches[_i].want);
}
END_TEST

/* sb_regex_anchored, sb_regex_literal_prefix */

static const struct { const char *pat; bool anchored; const char *prefix; } prefixes[] = {
	{ "^/Users/[^/]+/x",        true,  "/Users/" },
	{ "^/Library/Fonts(/|$)",   true,  "/Library/Fonts" },
	{ "^/private/tmp/KSInstallAction\\.", true, "/private/tmp/KSInstallAction." },
	{ "^(/private)?/var/folders/", true, "/" },
	{ "^(/Users|/Users)/x",     true,  "/Users/x" },
	{ "^IOFB(CLUTDefer|Config)", true, "IOFBC" },
	{ "^IOFB(Defer|Config)",    true,  "IOFB" },
	{ "^com\\.apple[.]x[y]",    true,  "com.apple.xy" },
	{ "^a+b",                   true,  "a" },
	{ "^(ab)+c",                true,  "ab" },
	{ "^a{3}b",                 true,  "aaab" },
	{ "^/dev/r?disk[0-9]",      true,  "/dev/" },
	{ "^.*",                    true,  "" },
	{ "^",                      true,  "" },
	{ "^$",                     true,  "" },
	{ "^x$",                    true,  "x" },
	{ "^a|^b",                  true,  "" },
	{ "^ab|^ac",                true,  "a" },
	{ "(^a|^b)c",               true,  "" },
	{ "$^",                     true,  "" },
	{ "^\\0",                   true,  "0" },
	{ "^(ab)+[^\\w\\W]",        true,  NULL },   /* matches nothing: any prefix holds */
	{ "/com\\.apple\\.sandbox($|/)", false, NULL },
	{ "(^|/)x",                 false, NULL },
	{ "^a|b",                   false, NULL },
	{ "a^",                     false, NULL },
	{ "^*a",                    false, NULL },
	{ "^?a",                    false, NULL },
	{ "$",                      false, NULL },
	{ "",                       false, NULL },
	{ ".*^a",                   false, NULL },   /* conservative: '.*' can consume */
};

START_TEST(test_prefix)
{
	struct sb_regex *re = compile_ok(prefixes[_i].pat);
	ck_assert_int_eq(sb_regex_anchored(re), prefixes[_i].anchored);
	const char *got = sb_regex_literal_prefix(re);
	if (!prefixes[_i].anchored) {
		ck_assert_ptr_null(got);
		return;
	}
	ck_assert_ptr_nonnull(got);
	if (prefixes[_i].prefix)
		ck_assert_str_eq(got, prefixes[_i].prefix);
	else  /* only bounded */
		ck_assert_uint_le(strlen(got), sb_regex_size(re));
}
END_TEST

/* sb_regex_exact_literal */

static const struct { const char *pat, *want; } exacts[] = {
	{ "^/private/var/db/x$",            "/private/var/db/x" },
	{ "^/Library/Caches/com\\.apple\\.x$", "/Library/Caches/com.apple.x" },
	{ "^a[.]b[\\]]$",                   "a.b]" },
	{ "^\\(x\\)\\$$",                   "(x)$" },
	{ "^a\\nb$",                        "a\nb" },
	{ "^$",                             "" },
	{ "^a$b",                           NULL },
	{ "^a",                             NULL },
	{ "a$",                             NULL },
	{ "^a.$",                           NULL },
	{ "^a[bc]$",                        NULL },
	{ "^(ab)$",                         NULL },
	{ "^a|b$",                          NULL },
	{ "^ab?$",                          NULL },
	{ "^a\\w$",                         NULL },
	{ "^a{1}$",                         NULL },
	{ "^^a$",                           NULL },
	{ "^a$$",                           NULL },
	{ "^a\\0$",                         "a0" },
	{ "/a$",                            NULL },
};

START_TEST(test_exact)
{
	struct sb_regex *re = compile_ok(exacts[_i].pat);
	const char *got = sb_regex_exact_literal(re);
	if (exacts[_i].want) {
		ck_assert_ptr_nonnull(got);
		ck_assert_str_eq(got, exacts[_i].want);
		/* an exact literal is anchored, its prefix is itself and it matches itself */
		ck_assert(sb_regex_anchored(re));
		ck_assert_str_eq(sb_regex_literal_prefix(re), exacts[_i].want);
		ck_assert(sb_regex_search(re, got, strlen(got)));
	} else {
		ck_assert_ptr_null(got);
	}
}
END_TEST

/* Bounds: nesting, size, time */

START_TEST(test_deep_nesting)
{
	char *pat = repeat_str("(", 100000, "");
	struct sb_regex_error err = { 0, NULL };
	ck_assert_ptr_null(sb_regex_compile(arena, pat, strlen(pat), &err));
	ck_assert_str_eq(err.message, "nesting too deep");
	ck_assert_uint_eq(err.offset, SB_REGEX_MAX_NESTING);
	free(pat);
}
END_TEST

START_TEST(test_nesting_limit)
{
	/* SB_REGEX_MAX_NESTING groups are fine, one more is not */
	char *open = repeat_str("(", SB_REGEX_MAX_NESTING, "a");
	char *pat = repeat_str(")", SB_REGEX_MAX_NESTING, "");
	char *both = malloc(strlen(open) + strlen(pat) + 3);
	ck_assert_ptr_nonnull(both);
	strcpy(both, open);
	strcat(both, pat);
	struct sb_regex *re = compile_ok(both);
	ck_assert(sb_regex_search(re, "xa", 2));
	ck_assert(!sb_regex_search(re, "x", 1));

	strcpy(both, "(");
	strcat(both, open);
	strcat(both, pat);
	strcat(both, ")");
	struct sb_regex_error err = { 0, NULL };
	ck_assert_ptr_null(sb_regex_compile(arena, both, strlen(both), &err));
	ck_assert_str_eq(err.message, "nesting too deep");
	ck_assert_uint_eq(err.offset, SB_REGEX_MAX_NESTING);
	free(open);
	free(pat);
	free(both);
}
END_TEST

START_TEST(test_many_tiny_nodes)
{
	/* "()" and "^" emit little: the tree itself is bounded */
	char *pat = repeat_str("()", 200000, "");
	struct sb_regex_error err = { 0, NULL };
	ck_assert_ptr_null(sb_regex_compile(arena, pat, strlen(pat), &err));
	ck_assert_str_eq(err.message, "regex too large");
	ck_assert_uint_lt(err.offset, strlen(pat));
	free(pat);

	pat = repeat_str("a*", 100000, "");
	ck_assert_ptr_null(sb_regex_compile(arena, pat, strlen(pat), &err));
	ck_assert_str_eq(err.message, "regex too large");
	free(pat);

	pat = repeat_str("a", SB_REGEX_MAX_INSNS + 1, "");
	ck_assert_ptr_null(sb_regex_compile(arena, pat, strlen(pat), &err));
	ck_assert_str_eq(err.message, "regex too large");
	ck_assert_uint_eq(err.offset, SB_REGEX_MAX_INSNS);
	pat[SB_REGEX_MAX_INSNS] = '\0';
	struct sb_regex *re = compile_ok(pat);
	ck_assert_uint_eq(sb_regex_size(re), SB_REGEX_MAX_INSNS + 1);
	free(pat);
}
END_TEST

START_TEST(test_big_repetition)
{
	struct sb_regex *re = compile_ok("^(a{255}){64}$");
	ck_assert_uint_eq(sb_regex_size(re), 255 * 64 + 3);
	char *s = repeat_str("a", 255 * 64, "");
	ck_assert(sb_regex_search(re, s, 255 * 64));
	ck_assert(!sb_regex_search(re, s, 255 * 64 - 1));
	free(s);

	re = compile_ok("^[0-9a-f]{16}(-[0-9a-f]{4}){0,255}$");
	ck_assert(sb_regex_search(re, "0123456789abcdef-0000-ffff", 26));
	ck_assert(!sb_regex_search(re, "0123456789abcdef-000", 20));

	struct sb_regex_error err = { 0, NULL };
	ck_assert_ptr_null(sb_regex_compile(arena, "(a{255}){255}", 13, &err));
	ck_assert_str_eq(err.message, "regex too large");
	ck_assert_ptr_null(sb_regex_compile(arena, "((((a{255}){255}){255}){255})", 29, &err));
	ck_assert_str_eq(err.message, "regex too large");
	ck_assert_uint_eq(err.offset, 11);
}
END_TEST

START_TEST(test_megabyte_subject)
{
	const size_t n = (size_t)1 << 20;
	char *s = malloc(n);
	ck_assert_ptr_nonnull(s);
	memset(s, 'a', n);
	/* deadly for a backtracker; linear here */
	struct sb_regex *re = compile_ok("(a|aa)*(a*)*b");
	ck_assert(!sb_regex_search(re, s, n));
	s[n - 1] = 'b';
	ck_assert(sb_regex_search(re, s, n));

	memcpy(s + n - 19, "/com.apple.sandbox", 18);
	s[n - 1] = 'x';
	re = compile_ok("/com\\.apple\\.sandbox($|/)");
	ck_assert(!sb_regex_search(re, s, n));
	ck_assert(sb_regex_search(re, s, n - 1));  /* '$' */
	s[n - 1] = '/';
	ck_assert(sb_regex_search(re, s, n));

	re = compile_ok("^a*$");
	s[n - 1] = 'a';
	memset(s, 'a', n);
	ck_assert(sb_regex_search(re, s, n));
	s[n - 1] = 'b';
	ck_assert(!sb_regex_search(re, s, n));
	s[0] = 'b';
	ck_assert(!sb_regex_search(re, s, n));     /* stops at once: anchored */
	free(s);
}
END_TEST

/* Out of memory: every allocation in turn fails, never a crash. */
START_TEST(test_oom)
{
	static const char *const pats[] = {
		"^/Users/[^/]+/Library/(a|b){3}[[:alpha:]]\\w$",
		"^/private/x$",
		"a{1,300}",          /* an error message that quotes the pattern */
		"[z-a]",
	};
	for (size_t k = 0; k < SB_COUNTOF(pats); k++) {
		for (unsigned long nth = 1;; nth++) {
			struct sb_arena *a = sb_arena_new();
			ck_assert_ptr_nonnull(a);
			sb_arena_fail_after(a, nth);
			struct sb_regex_error err = { 0, NULL };
			struct sb_regex *re = sb_regex_compile(a, pats[k], strlen(pats[k]), &err);
			bool failed = sb_arena_failed(a);
			if (re) {
				ck_assert(!failed);
				ck_assert(sb_regex_anchored(re) == (pats[k][0] == '^'));
			} else {
				ck_assert_ptr_nonnull(err.message);
				if (failed)
					ck_assert_str_eq(err.message, "out of memory");
			}
			sb_arena_free(a);
			if (!failed)
				break;
		}
	}
}
END_TEST

/* A NULL pattern of length 0 is the empty regex; a NULL subject of length 0 is "". */
START_TEST(test_null_empty)
{
	struct sb_regex_error err = { 0, NULL };
	struct sb_regex *re = sb_regex_compile(arena, NULL, 0, &err);
	ck_assert_ptr_nonnull(re);
	ck_assert(sb_regex_search(re, NULL, 0));
	ck_assert(!sb_regex_anchored(re));
	ck_assert_ptr_null(sb_regex_literal_prefix(re));
	ck_assert_ptr_null(sb_regex_exact_literal(re));
	re = compile_ok("^a");
	ck_assert(!sb_regex_search(re, NULL, 0));
}
END_TEST

/* Patterns carry a length: a NUL byte is an ordinary literal. */
START_TEST(test_nul_bytes)
{
	struct sb_regex_error err = { 0, NULL };
	struct sb_regex *re = sb_regex_compile(arena, "^a\0b$", 5, &err);
	ck_assert_ptr_nonnull(re);
	ck_assert(sb_regex_search(re, "a\0b", 3));
	ck_assert(!sb_regex_search(re, "a", 1));
	ck_assert_str_eq(sb_regex_literal_prefix(re), "a");  /* stops before the NUL */
	ck_assert_ptr_null(sb_regex_exact_literal(re));
	ck_assert_ptr_null(sb_regex_compile(arena, "a\0(", 3, &err));
	ck_assert_str_eq(err.message, "unbalanced '('");
	ck_assert_uint_eq(err.offset, 2);
}
END_TEST

static Suite *regex_suite(void)
{
	Suite *s = suite_create("regex");

	TU_LOOP_CASE(s, "errors", test_errors, errors);
	TU_LOOP_CASE(s, "valid", test_valid, valid);
	TU_LOOP_CASE(s, "search", test_search, searches);
	TU_LOOP_CASE(s, "prefix", test_prefix, prefixes);
	TU_LOOP_CASE(s, "exact", test_exact, exacts);

	TCase *tc = tu_case(s, "limits");
	tcase_set_timeout(tc, 30);  /* sanitizers are slow; the work is linear */
	tcase_add_test(tc, test_deep_nesting);
	tcase_add_test(tc, test_nesting_limit);
	tcase_add_test(tc, test_many_tiny_nodes);
	tcase_add_test(tc, test_big_repetition);
	tcase_add_test(tc, test_megabyte_subject);

	tc = tu_case(s, "memory");
	tcase_add_test(tc, test_oom);
	tcase_add_test(tc, test_null_empty);
	tcase_add_test(tc, test_nul_bytes);
	return s;
}

int main(void)
{
	return tu_run(regex_suite());
}
