/*
 * check_fmt.c -- unit tests for src/fmt.c, src/udiff.c and sb_datum_equal:
 * each layout rule (flat when it fits, the three ways to break a list,
 * comments, blank lines, atoms copied as written, CRLF, BOM), that every
 * expected output is a fixed point with the input's tree, and the unified
 * diff's hunks, numbering and bounded fallback.
 */
#include "testutil.h"

#include "datum.h"
#include "fmt.h"
#include "parse.h"
#include "udiff.h"

/* sb_fmt of bytes, parsed as a new file of the fixture's context; the tree
 * is returned in *pr for comparisons. */
static char *fmt_bytes(struct str in, size_t *len, struct sb_parse_result **pr,
                       const struct sb_source **src)
{
	uint32_t file = tu_add_str(in);
	*pr = sb_parse(ctx, file);
	ck_assert_ptr_nonnull(*pr);
	*src = sb_ctx_source(ctx, file);
	/* a byte-order mark is the one syntax error fmt itself copes with */
	ck_assert_msg((*pr)->nerrors == ((*src)->has_bom ? 1 : 0), "unexpected:%s",
	              tu_diag_dump(ctx));
	char *out;
	ck_assert(sb_fmt(*src, *pr, &out, len));
	ck_assert_uint_eq(strlen(out), *len);   /* no NUL inside these cases */
	return tu_keep(out);
}

/* a path that leaves no room for anything else on a line */
#define W100 "/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

static const struct { const char *what; struct str in; const char *want; } layouts[] = {
	{ "fits: one line, single spaces", S("(  allow\tfile-read*\n  (literal  \"/a\")  )"),
	  "(allow file-read* (literal \"/a\"))\n" },
	{ "allow breaks under its first argument (column 7)",
	  S("(allow file-read* (literal \"" W100 "\") (subpath \"/b\"))"),
	  "(allow file-read*\n       (literal \"" W100 "\")\n       (subpath \"/b\"))\n" },
	{ "deny aligns at column 6",
	  S("(deny file-write* (literal \"" W100 "\"))"),
	  "(deny file-write*\n      (literal \"" W100 "\"))\n" },
	{ "operations of allow share the first line",
	  S("(allow file-read* file-write* (literal \"" W100 "\"))"),
	  "(allow file-read* file-write*\n       (literal \"" W100 "\"))\n" },
	{ "define: the name beside the head, the body indented 2",
	  S("(define (f x) (string-append \"" W100 "\" x))"),
	  "(define (f x)\n  (string-append \"" W100 "\"\n                 x))\n" },
	{ "named let keeps name and bindings beside the head",
	  S("(let loop ((i 0)) (loop \"" W100 "\"))"),
	  "(let loop ((i 0))\n  (loop \"" W100 "\"))\n" },
	{ "a head longer than 20 bytes: arguments indented 2",
	  S("(apply-write-and-issue-extension allow (subpath \"" W100 "\"))"),
	  "(apply-write-and-issue-extension\n  allow\n  (subpath \"" W100 "\"))\n" },
	{ "a list whose head is not a symbol: items under the first",
	  S("((a \"" W100 "\") (b c))"),
	  "((a \"" W100 "\")\n (b c))\n" },
	{ "require-any: filters indented 2",
	  S("(require-any (subpath \"" W100 "\") (subpath \"/b\"))"),
	  "(require-any\n  (subpath \"" W100 "\")\n  (subpath \"/b\"))\n" },
	{ "vector items under the first", S("#(\"" W100 "\" 2)"),
	  "#(\"" W100 "\"\n  2)\n" },
	{ "one top-level form per line", S("(version 1) (deny default)"),
	  "(version 1)\n(deny default)\n" },
	{ "end-of-line comment stays after its datum",
	  S("(version 1)   ; v1  \n(deny default)"),
	  "(version 1) ; v1\n(deny default)\n" },
	{ "a comment inside a list breaks it; ')' after a comment gets its own line",
	  S("(allow file-read*\n (literal \"/a\") ; why\n)"),
	  "(allow file-read*\n       (literal \"/a\") ; why\n)\n" },
	{ "own-line comment at the children's indentation",
	  S("(allow file-read*\n;; the tmp dir\n(literal \"/a\"))"),
	  "(allow file-read*\n       ;; the tmp dir\n       (literal \"/a\"))\n" },
	{ "comment right after '('", S("( ; c\n allow x)"), "( ; c\n allow x)\n" },
	{ "comment right after '#('", S("#( ; c\n a b)"), "#( ; c\n  a\n  b)\n" },
	{ "blank lines: at most one, none at the start",
	  S("\n\n(version 1)\n\n\n\n(deny default)\n"), "(version 1)\n\n(deny default)\n" },
	{ "a blank line inside a list is kept and breaks it",
	  S("(allow file-read*\n (literal \"/a\")\n\n (literal \"/b\"))"),
	  "(allow file-read*\n       (literal \"/a\")\n\n       (literal \"/b\"))\n" },
	{ "no blank line after '(' or before ')'", S("(\n\n a b\n\n)"), "(a b)\n" },
	{ "CRLF becomes LF", S("(version 1)\r\n; note\r\n(deny default)\r\n"),
	  "(version 1)\n; note\n(deny default)\n" },
	{ "strings, regexes, numbers and characters as written",
	  S("(f \"a\\x41\\\"b\"  #\"^/x\\.y$\" #x1F  1e3 #\\space #\\a)"),
	  "(f \"a\\x41\\\"b\" #\"^/x\\.y$\" #x1F 1e3 #\\space #\\a)\n" },
	{ "a string over several lines is copied and forces a break",
	  S("(define s \"line one\n   line two\")"),
	  "(define s\n  \"line one\n   line two\")\n" },
	{ "#\\ followed by a space keeps its space", S("(a #\\ )"), "(a #\\ )\n" },
	{ "quote forms keep their prefix",
	  S("'(a b) `(c ,d ,@e)"), "'(a b)\n`(c ,d ,@e)\n" },
	{ "', @x' is not ',@x'", S("`(a , @x)"), "`(a , @x)\n" },
	{ "dotted pair", S("( a  .  b )"), "(a . b)\n" },
	{ "comment between quote and datum", S("' ; why\n(a)"), "' ; why\n(a)\n" },
	{ "#! line and ;; header kept", S("#!/usr/bin/sandbox-exec -f\n;; header\n(version 1)"),
	  "#!/usr/bin/sandbox-exec -f\n;; header\n(version 1)\n" },
	{ "empty file", S(""), "" },
	{ "white space only", S(" \n\t\n"), "" },
	{ "comments only", S(";; a\n\n\n;; b"), ";; a\n\n;; b\n" },
	{ "no final newline", S("(version 1)"), "(version 1)\n" },
	{ "bytes that are not UTF-8 in a comment", S("; caf\xe9\n(a)"), "; caf\xe9\n(a)\n" },
	{ "a byte-order mark is kept", S("\xEF\xBB\xBF(version 1)"), "\xEF\xBB\xBF(version 1)\n" },
};

START_TEST(test_layout)
{
	size_t len;
	struct sb_parse_result *pr;
	const struct sb_source *src;
	const char *got = fmt_bytes(layouts[_i].in, &len, &pr, &src);
	ck_assert_msg(strcmp(got, layouts[_i].want) == 0, "%s:\n--- got\n%s--- want\n%s",
	              layouts[_i].what, got, layouts[_i].want);
}
END_TEST

/* The expected output is a fixed point with the input's tree and comments. */
START_TEST(test_fixed_point)
{
	size_t len, len2;
	struct sb_parse_result *pr, *pr2;
	const struct sb_source *src, *src2;
	fmt_bytes(layouts[_i].in, &len, &pr, &src);
	const char *want = layouts[_i].want;
	struct str w = { want, strlen(want) };
	const char *again = fmt_bytes(w, &len2, &pr2, &src2);
	ck_assert_str_eq(again, want);
	ck_assert_uint_eq(pr->nforms, pr2->nforms);
	for (uint32_t i = 0; i < pr->nforms; i++)
		ck_assert(sb_datum_equal(pr->forms[i], src->text, pr2->forms[i], src2->text));
	ck_assert_uint_eq(pr->ncomments, pr2->ncomments);
}
END_TEST

/* Lines stay within SB_FMT_WIDTH where atoms allow: 300 short filters. */
START_TEST(test_width)
{
	char *in = tu_keep(malloc(300 * 20 + 32));
	size_t n = (size_t)sprintf(in, "(allow file-read*");
	for (int i = 0; i < 300; i++)
		n += (size_t)sprintf(in + n, " (literal \"/%d\")", i);
	n += (size_t)sprintf(in + n, ")");
	size_t len;
	struct sb_parse_result *pr;
	const struct sb_source *src;
	struct str s = { in, n };
	const char *got = fmt_bytes(s, &len, &pr, &src);
	size_t lines = 0;
	for (const char *p = got; *p; lines++) {
		const char *nl = strchr(p, '\n');
		ck_assert_ptr_nonnull(nl);
		ck_assert_uint_le((size_t)(nl - p), SB_FMT_WIDTH);
		p = nl + 1;
	}
	ck_assert_uint_eq(lines, 1 + 300);   /* "(allow file-read*", then a filter a line */
}
END_TEST

static const struct {
	const char *a, *b;
	bool equal;
} trees[] = {
	{ "(a (b c) . d)", "(a\n(b   c) . d)", true },
	{ "(a b)", "(a b c)", false },
	{ "(a . b)", "(a b)", false },
	{ "\"x\"", "x", false },
	{ "#(1 2)", "(1 2)", false },
	{ "'a", "`a", false },
	{ "#x10", "16", false },        /* same value, spelled otherwise */
	{ "\"\\x41\"", "\"A\"", false },
	{ "1.5", "1.5", true },
	{ "#\\a", "#\\b", false },
};

START_TEST(test_datum_equal)
{
	uint32_t fa = tu_add_named(ctx, "a.sb", trees[_i].a, strlen(trees[_i].a));
	uint32_t fb = tu_add_named(ctx, "b.sb", trees[_i].b, strlen(trees[_i].b));
	struct sb_parse_result *a = sb_parse(ctx, fa), *b = sb_parse(ctx, fb);
	ck_assert(a && b && a->nforms == 1 && b->nforms == 1);
	ck_assert_int_eq(sb_datum_equal(a->forms[0], sb_ctx_source(ctx, fa)->text,
	                                b->forms[0], sb_ctx_source(ctx, fb)->text),
	                 trees[_i].equal);
}
END_TEST

static char *udiff(const char *a, const char *b)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	ck_assert(sb_udiff(a, strlen(a), b, strlen(b), "p.sb", f));
	ck_assert_int_eq(fclose(f), 0);
	return tu_keep(buf);
}

static const struct { const char *a, *b, *want; } diffs[] = {
	{ "x\n", "x\n", "" },
	{ "a\nb\nc\n", "a\nB\nc\n",
	  "--- a/p.sb\n+++ b/p.sb\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n" },
	{ "", "a\n", "--- a/p.sb\n+++ b/p.sb\n@@ -0,0 +1 @@\n+a\n" },
	{ "a", "a\n",
	  "--- a/p.sb\n+++ b/p.sb\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+a\n" },
	/* changes 7 equal lines apart are two hunks, 6 apart one */
	{ "0\n1\n2\n3\n4\n5\n6\n7\n8\n", "X\n1\n2\n3\n4\n5\n6\n7\nY\n",
	  "--- a/p.sb\n+++ b/p.sb\n@@ -1,4 +1,4 @@\n-0\n+X\n 1\n 2\n 3\n"
	  "@@ -6,4 +6,4 @@\n 5\n 6\n 7\n-8\n+Y\n" },
	{ "0\n1\n2\n3\n4\n5\n6\n7\n", "X\n1\n2\n3\n4\n5\n6\nY\n",
	  "--- a/p.sb\n+++ b/p.sb\n@@ -1,8 +1,8 @@\n-0\n+X\n 1\n 2\n 3\n 4\n 5\n 6\n-7\n+Y\n" },
	{ "a\nb\n", "b\n", "--- a/p.sb\n+++ b/p.sb\n@@ -1,2 +1 @@\n-a\n b\n" },
};

START_TEST(test_udiff)
{
	ck_assert_str_eq(udiff(diffs[_i].a, diffs[_i].b), diffs[_i].want);
}
END_TEST

/* Past the edit bound the middle is one replacement: still a valid diff. */
START_TEST(test_udiff_bound)
{
	enum { N = 3000 };
	char *a = tu_keep(malloc(N * 8 + 1)), *b = tu_keep(malloc(N * 8 + 1));
	size_t na = 0, nb = 0;
	for (int i = 0; i < N; i++) {
		na += (size_t)sprintf(a + na, "a%d\n", i);
		nb += (size_t)sprintf(b + nb, "%s%d\n", i == 0 || i == N - 1 ? "a" : "b", i);
	}
	const char *d = udiff(a, b);
	const char *h = strstr(d, "\n@@ -1,3000 +1,3000 @@\n a0\n-a1\n");
	ck_assert_ptr_nonnull(h);
	ck_assert_ptr_null(strstr(h + 1, "\n@@"));   /* one hunk */
}
END_TEST

/* ---- random texts: the tree, the comments and idempotence hold ---- */

static uint64_t rng;

static unsigned rnd(unsigned n)
{
	return tu_rnd(&rng, n);
}

static void put_ws(char *b, size_t *n)
{
	static const char *const ws[] = { " ", " ", "  ", "\n", "\n\n\n", "\t", " ; note\n",
	                                  "\n;; own line\n", "\r\n" };
	*n += (size_t)sprintf(b + *n, "%s", ws[rnd(SB_COUNTOF(ws))]);
}

/* Random data, with comments and blank lines anywhere white space may go. */
static void gen_text(char *b, size_t *n, size_t cap, int depth)
{
	static const char *const atoms[] = {
		"allow", "file-read*", "(subpath \"/a\")", "\"two\nlines\"", "#\"^/x\"",
		"42", "#t", "#\\a", "'q", "`(a ,b ,@c)", "\"" "/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" "\"", "define", "require-any", "let",
	};
	if (depth == 0 || *n + 400 > cap || rnd(3) == 0) {
		*n += (size_t)sprintf(b + *n, "%s", atoms[rnd(SB_COUNTOF(atoms))]);
		return;
	}
	unsigned k = rnd(8);
	*n += (size_t)sprintf(b + *n, "%s", k == 0 ? "#(" : "(");
	unsigned items = rnd(6);
	for (unsigned i = 0; i < items; i++) {
		if (i > 0 || rnd(4) == 0)
			put_ws(b, n);
		gen_text(b, n, cap, depth - 1);
	}
	if (k == 1 && items > 0)
		*n += (size_t)sprintf(b + *n, " . x");
	if (rnd(4) == 0)
		put_ws(b, n);
	*n += (size_t)sprintf(b + *n, ")");
}

START_TEST(test_random)
{
	rng = 0xf00du + (uint64_t)_i * 104729u;
	for (int round = 0; round < 200; round++) {
		char in[16384];
		size_t n = 0;
		unsigned forms = 1 + rnd(5);
		for (unsigned f = 0; f < forms; f++) {
			gen_text(in, &n, sizeof in - 512, 4);
			put_ws(in, &n);
			in[n++] = '\n';
		}
		in[n] = '\0';
		size_t len, len2;
		struct sb_parse_result *pr, *pr2;
		const struct sb_source *src, *src2;
		const char *out = fmt_bytes((struct str){ in, n }, &len, &pr, &src);
		const char *again = fmt_bytes((struct str){ out, len }, &len2, &pr2, &src2);
		ck_assert_msg(len == len2 && memcmp(out, again, len) == 0,
		              "not idempotent:\n--- in\n%s--- once\n%s--- twice\n%s", in, out, again);
		ck_assert_uint_eq(pr->nforms, pr2->nforms);
		for (uint32_t i = 0; i < pr->nforms; i++)
			ck_assert_msg(sb_datum_equal(pr->forms[i], src->text, pr2->forms[i], src2->text),
			              "tree differs:\n--- in\n%s--- out\n%s", in, out);
		ck_assert_uint_eq(pr->ncomments, pr2->ncomments);
		for (uint32_t i = 0; i < pr->ncomments; i++) {
			const struct sb_span *a = &pr->comments[i].span, *b = &pr2->comments[i].span;
			size_t la = a->end - a->start, lb = b->end - b->start;
			while (la > 0 && strchr(" \t\r", src->text[a->start + la - 1]))
				la--;
			ck_assert_msg(la == lb && memcmp(src->text + a->start, src2->text + b->start, la) == 0,
			              "comment %u differs:\n--- in\n%s--- out\n%s", i, in, out);
		}
		sb_ctx_free(ctx);   /* each round in a fresh context; kept buffers go at the end */
		ctx = sb_ctx_new();
		while (tu_nkept > 0)
			free(tu_kept[--tu_nkept]);
	}
}
END_TEST

static Suite *fmt_suite(void)
{
	Suite *s = suite_create("fmt");
	TU_LOOP_CASE(s, "layout", test_layout, layouts);
	TU_LOOP_CASE(s, "fixed_point", test_fixed_point, layouts);
	tcase_add_test(tu_case(s, "width"), test_width);
	TU_LOOP_CASE(s, "datum_equal", test_datum_equal, trees);
	TU_LOOP_CASE(s, "udiff", test_udiff, diffs);
	tcase_add_test(tu_case(s, "udiff_bound"), test_udiff_bound);
	tcase_add_loop_test(tu_case(s, "random"), test_random, 0, 10);
	return s;
}

int main(void)
{
	return tu_run(fmt_suite());
}
