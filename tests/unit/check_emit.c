/*
 * check_emit.c -- the normalized profile (src/emit.c) on thousands of random
 * profiles: mixed operations along one fallback chain, filtered and
 * unfiltered rules, require-any/all/not nested, aliases, modifiers, repeats.
 * For each, the emitted text is read back and must decide every request of
 * a probe set as the input does (by the model, with the deciding rule's
 * modifiers), and emitting it again must give the same bytes.  --minimize
 * output must decide the same too.  Plus exact cases: spellings, escapes,
 * comments, order.
 */
#include "testutil.h"

#include "emit.h"
#include "eval.h"
#include "lint.h"
#include "model.h"
#include "sbpl_db.h"
#include "value.h"

static uint64_t rng_state;

static unsigned rnd(unsigned n)
{
	return tu_rnd(&rng_state, n);
}

static const char *const ops[] = {
	"default", "file*", "file-read*", "file-read-data", "file-read-metadata", "file-write*",
	"file-write-data", "process-exec", "process-exec*",
};
static const char *const paths[] = {
	"/", "/a", "/a/b", "/a/b/c", "/ab", "/tmp/x", "/private/tmp/x", "/b", "/a/\"q",
};
static const char *const leaves[] = {
	"(literal \"/a\")", "(path \"/a/b\")", "(subpath \"/a\")", "(subpath \"/a/b\")",
	"(prefix \"/a\")", "(path-prefix \"/ab\")", "(regex #\"^/a/[^/]+$\")", "(regex \"^/b\")",
	"(literal \"/tmp/x\")", "(subpath \"/private/tmp\")", "(literal \"/a/\\\"q\")",
};
static const char *const mods[] = {
	"", "", "", "(with report)", "(with no-log)", "(with send-signal SIGKILL)",
};

/* A random filter expression, at most depth levels of require-* around leaves. */
static void gen_filter(char *buf, size_t size, int depth)
{
	size_t len = strlen(buf);
	unsigned k = depth > 0 ? rnd(6) : 0;
	if (k <= 2) {
		snprintf(buf + len, size - len, "%s", leaves[rnd(SB_COUNTOF(leaves))]);
		return;
	}
	const char *head = k == 3 ? "require-any" : k == 4 ? "require-all" : "require-not";
	snprintf(buf + len, size - len, "(%s ", head);
	gen_filter(buf, size, depth - 1);
	if (k != 5) {
		strcat(buf, " ");
		gen_filter(buf, size, depth - 1);
	}
	strcat(buf, ")");
}

static void gen_profile(char *text, size_t size)
{
	snprintf(text, size, "(version 1)\n");
	unsigned nr = 1 + rnd(10);
	for (unsigned k = 0; k < nr; k++) {
		size_t len = strlen(text);
		const char *op = ops[rnd(SB_COUNTOF(ops))];
		const char *act = rnd(2) ? "allow" : "deny";
		const char *mod = mods[rnd(SB_COUNTOF(mods))];
		/* only what the action takes (reference §5.4): report on allow, no-log on deny */
		if ((act[0] == 'a' && strstr(mod, "no-log")) || (act[0] == 'd' && strstr(mod, "report")))
			mod = "";
		if (strcmp(op, "default") == 0 || rnd(4) == 0) {
			snprintf(text + len, size - len, "(%s %s %s)\n", act, op, mod);
			continue;
		}
		snprintf(text + len, size - len, "(%s %s ", act, op);
		if (rnd(3) == 0) {   /* a second operation in the same rule */
			strcat(text, ops[1 + rnd(SB_COUNTOF(ops) - 1)]);
			strcat(text, " ");
		}
		gen_filter(text, size, 2);
		if (rnd(3) == 0) {   /* several filters: OR-ed */
			strcat(text, " ");
			gen_filter(text, size, 1);
		}
		len = strlen(text);
		snprintf(text + len, size - len, " %s)\n", mod);
		if (rnd(5) == 0) {   /* an exact repeat */
			const char *start = strrchr(text, '(');
			while (start > text && start[-1] != '\n')
				start--;
			size_t l = strlen(start);
			char line[1024];
			if (l < sizeof line) {
				memcpy(line, start, l + 1);
				strcat(text, line);
			}
		}
	}
}

struct built {
	const struct sb_profile *p;
	struct sb_model *m;
	char *text;
	size_t len;
};

static void build(const char *name, const char *text, size_t len, bool minimize, struct built *b)
{
	uint32_t file = tu_add_named(ctx, name, text, len);
	struct sb_lint_options opt = { 0 };
	struct sb_lint_result res;
	ck_assert(sb_lint(ctx, file, &opt, &res));
	b->p = res.profile;
	ck_assert_msg(b->p && b->p->exact, "%s", text);
	struct sb_parse_result *parses[1] = { res.parse };
	char nm[] = "random.sb";
	char *names[1] = { nm };
	struct sb_emit_options eo = { .inputs = names, .ninputs = 1, .parses = parses, .nparses = 1,
	                              .minimize = minimize };
	struct sb_emit_stats st;
	ck_assert_msg(sb_emit_profile(ctx, b->p, &eo, &b->text, &b->len, &st), "%s%s", text,
	              tu_diag_dump(ctx));
	b->m = sb_model_new(ctx->arena, &b->p->rules, 0);
	ck_assert_ptr_nonnull(b->m);
}

static void mods_of(const struct sb_rule *r, char *buf, size_t size)
{
	buf[0] = '\0';
	for (uint32_t i = 0; r && i < r->nmods; i++) {
		size_t len = strlen(buf);
		snprintf(buf + len, size - len, "%s ", r->mods[i]->mod ? r->mods[i]->mod->name
		                                                      : r->mods[i]->spelled);
	}
}

/* in and out decide every operation x path alike, deciding rules' modifiers included */
static void assert_same_decisions(const struct built *in, const struct built *out,
                                  const char *text)
{
	for (size_t o = 0; o < SB_COUNTOF(ops); o++) {
		const struct sb_db_op *op = sb_db_op_resolve(ops[o], 0, NULL);
		ck_assert_ptr_nonnull(op);
		for (size_t q = 0; q <= SB_COUNTOF(paths); q++) {
			const char *arg = q < SB_COUNTOF(paths) ? paths[q] : NULL;
			struct sb_model_result a, b;
			sb_model_decide(in->m, op, arg, arg ? strlen(arg) : 0, &a);
			sb_model_decide(out->m, op, arg, arg ? strlen(arg) : 0, &b);
			char ma[256], mb[256];
			mods_of(a.rule, ma, sizeof ma);
			mods_of(b.rule, mb, sizeof mb);
			ck_assert_msg(a.decision == b.decision && strcmp(ma, mb) == 0,
			              "%s %s: %d [%s] vs %d [%s]\n--- input\n%s--- output\n%s", ops[o],
			              arg ? arg : "-", a.decision, ma, b.decision, mb, text, out->text);
		}
	}
}

START_TEST(random_profiles)
{
	rng_state = 0xe317u + (uint64_t)_i * 7919u;
	for (int round = 0; round < 300; round++) {
		char text[8192];
		gen_profile(text, sizeof text);
		for (int minimize = 0; minimize < 2; minimize++) {
			struct built in, out, again;
			build("random.sb", text, strlen(text), minimize, &in);
			build("out.sb", in.text, in.len, false, &out);
			assert_same_decisions(&in, &out, text);
			if (!minimize) {   /* a fixed point: the header of a compiled input is kept */
				build("again.sb", out.text, out.len, false, &again);
				ck_assert_msg(again.len == out.len && memcmp(again.text, out.text, out.len) == 0,
				              "not a fixed point:\n%s---\n%s", out.text, again.text);
				free(again.text);
			}
			free(in.text);
			free(out.text);
			sb_ctx_free(ctx);
			ctx = sb_ctx_new();
		}
	}
}
END_TEST

/* ---- exact cases ---- */

static const char *emit_text(const char *text)
{
	struct built b;
	build("case.sb", text, strlen(text), false, &b);
	tu_keep(b.text);
	const char *body = strstr(b.text, "(version");
	ck_assert_ptr_nonnull(body);
	return body;
}

struct emit_case { const char *in, *want; };
static const struct emit_case emit_cases[] = {
	/* spellings: aliases resolved, path filters as Apple writes them */
	{ "(allow process-exec (path \"/bin/sh\") (path-prefix \"/opt\") (path-regex #\"^/x\"))",
	  "(version 1)\n\n(allow process-exec* (literal \"/bin/sh\") (prefix \"/opt\") (regex #\"^/x\"))\n" },
	/* require-any flattened into the rule, require-all into require-all */
	{ "(allow file-read* (require-any (literal \"/a\") (require-any (literal \"/b\"))))",
	  "(version 1)\n\n(allow file-read* (literal \"/a\") (literal \"/b\"))\n" },
	{ "(allow file-read* (require-all (require-all (literal \"/a\") (subpath \"/\")) (subpath \"/a\")))",
	  "(version 1)\n\n(allow file-read* (require-all (literal \"/a\") (subpath \"/\") (subpath \"/a\")))\n" },
	/* strings re-escaped; a regex with a quote stays a string */
	{ "(allow file-read* (literal \"/a\\tb\\\\c\\\"d\\x01\"))",
	  "(version 1)\n\n(allow file-read* (literal \"/a\\tb\\\\c\\\"d\\x01\"))\n" },
	{ "(allow file-read* (regex \"^/x\\\"y\"))",
	  "(version 1)\n\n(allow file-read* (regex \"^/x\\\"y\"))\n" },
	/* the default rule first, groups in table order, order inside a group kept */
	{ "(allow mach-lookup (global-name \"b\"))\n(allow file-read* (literal \"/2\"))\n"
	  "(deny default)\n(allow file-read* (literal \"/1\"))\n(allow mach-lookup (global-name \"a\"))",
	  "(version 1)\n\n(deny default)\n\n(allow file-read* (literal \"/2\"))\n"
	  "(allow file-read* (literal \"/1\"))\n\n(allow mach-lookup (global-name \"b\"))\n"
	  "(allow mach-lookup (global-name \"a\"))\n" },
	/* an exact repeat: the later copy stays, with its comment */
	{ "(allow file-read* (literal \"/a\")) ; first\n(deny file-read* (literal \"/b\"))\n"
	  "(allow file-read* (literal \"/a\")) ; second",
	  "(version 1)\n\n(deny file-read* (literal \"/b\"))\n(allow file-read* (literal \"/a\"))  ; second\n" },
	/* modifiers kept, first; a repeat with other modifiers is not a repeat */
	{ "(deny file-write* (subpath \"/S\") (with send-signal SIGKILL))\n(deny file-write* (subpath \"/S\"))",
	  "(version 1)\n\n(deny file-write* (with send-signal SIGKILL) (subpath \"/S\"))\n"
	  "(deny file-write* (subpath \"/S\"))\n" },
	/* comments above and inside a rule come along before it */
	{ ";; header, not attached\n\n;; the libraries\n(allow file-read*\n  ; system\n  (subpath \"/usr/lib\"))",
	  "(version 1)\n\n;; the libraries\n; system\n(allow file-read* (subpath \"/usr/lib\"))\n" },
	/* evaluated: no define, no conditional left */
	{ "(define (lib p) (subpath (string-append \"/usr/\" p)))\n(if #t (allow file-read* (lib \"lib\")))",
	  "(version 1)\n\n(allow file-read* (subpath \"/usr/lib\"))\n" },
};

START_TEST(emit_case)
{
	const struct emit_case *t = &emit_cases[_i];
	char *text = tu_keep(malloc(strlen(t->in) + 32));
	sprintf(text, "(version 1)\n%s\n", t->in);
	ck_assert_str_eq(emit_text(text), t->want);
}
END_TEST

START_TEST(refuses_unknown)
{
	/* a condition sbplc cannot decide (after an error): the rule may or may not exist */
	const char *text = "(version 1)\n(if (no-such-test) (allow file-read* (subpath \"/a\")))\n";
	uint32_t file = tu_add(text, strlen(text));
	struct sb_lint_options opt = { 0 };
	struct sb_lint_result res;
	ck_assert(sb_lint(ctx, file, &opt, &res));
	char *out = NULL;
	size_t len = 0;
	struct sb_emit_options eo = { 0 };
	struct sb_emit_stats st;
	ck_assert(!sb_emit_profile(ctx, res.profile, &eo, &out, &len, &st));
	ck_assert_ptr_null(out);
	ck_assert_uint_eq(tu_count(ctx, SB_RULE_UNSUPPORTED_CONSTRUCT), 1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("emit");
	TCase *tc = tcase_create("emit");
	tcase_add_checked_fixture(tc, tu_setup, tu_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, random_profiles, 0, 6);
	tcase_add_loop_test(tc, emit_case, 0, (int)SB_COUNTOF(emit_cases));
	tcase_add_test(tc, refuses_unknown);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
