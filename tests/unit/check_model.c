/*
 * check_model.c -- the precedence model (src/model.c): every case of the
 * model and each worked example of reference §6.1, table-driven; coverage;
 * and a differential property test against a naive decision function that
 * walks the rule list, plus "removing every rule flagged dead changes no
 * decision".
 */
#include "testutil.h"

#include "eval.h"
#include "lint.h"
#include "model.h"
#include "path.h"
#include "regex.h"
#include "sbpl_db.h"
#include "value.h"

static const struct sb_profile *lint_text(const char *text)
{
	uint32_t file = tu_add(text, strlen(text));
	struct sb_lint_options opt = { 0 };
	struct sb_lint_result res;
	ck_assert(sb_lint(ctx, file, &opt, &res));
	ck_assert_ptr_nonnull(res.profile);
	return res.profile;
}

static const struct sb_db_op *op_named(const char *name)
{
	const struct sb_db_op *op = sb_db_op_lookup(name);
	ck_assert_msg(op != NULL, "no operation %s", name);
	return op;
}

/* ---- table of model cases (reference §6.1 worked examples first) ---- */

struct model_case {
	const char *profile, *op, *arg;
	enum sb_decision want;
	int rule_line;          /* 1-based line of the deciding rule in profile; 0: built-in */
};

static const struct model_case model_cases[] = {
	/* §6.1: (deny file-read* (literal "/x")) (allow file-read*) ; /x still denied */
	{ "(deny file-read* (literal \"/x\"))\n(allow file-read*)", "file-read*", "/x", SB_DECISION_DENY, 1 },
	{ "(deny file-read* (literal \"/x\"))\n(allow file-read*)", "file-read-data", "/x", SB_DECISION_DENY, 1 },
	{ "(deny file-read* (literal \"/x\"))\n(allow file-read*)", "file-read-data", "/y", SB_DECISION_ALLOW, 2 },
	/* (allow file-read*) (deny file-read* (literal "/x")) ; /x denied */
	{ "(allow file-read*)\n(deny file-read* (literal \"/x\"))", "file-read-data", "/x", SB_DECISION_DENY, 2 },
	/* (deny file-read* (literal "/x")) (allow file-read-data) ; data of /x allowed */
	{ "(deny file-read* (literal \"/x\"))\n(allow file-read-data)", "file-read-data", "/x", SB_DECISION_ALLOW, 2 },
	{ "(deny file-read* (literal \"/x\"))\n(allow file-read-data)", "file-read-metadata", "/x", SB_DECISION_DENY, 1 },
	/* (allow file-read-data (subpath "/")) (deny file-read* (literal "/x")) */
	{ "(allow file-read-data (subpath \"/\"))\n(deny file-read* (literal \"/x\"))", "file-read-data", "/x", SB_DECISION_ALLOW, 1 },
	{ "(allow file-read-data (subpath \"/\"))\n(deny file-read* (literal \"/x\"))", "file-read-metadata", "/x", SB_DECISION_DENY, 2 },
	/* (deny file-write* (subpath "/a")) (allow file-write* (subpath "/a/b")) */
	{ "(deny file-write* (subpath \"/a\"))\n(allow file-write* (subpath \"/a/b\"))", "file-write-data", "/a/b/c", SB_DECISION_ALLOW, 2 },
	{ "(deny file-write* (subpath \"/a\"))\n(allow file-write* (subpath \"/a/b\"))", "file-write-data", "/a/c", SB_DECISION_DENY, 1 },
	{ "(deny file-write* (subpath \"/a\"))\n(allow file-write* (subpath \"/a/b\"))", "file-write-data", "/a", SB_DECISION_DENY, 1 },
	{ "(deny file-write* (subpath \"/a\"))\n(allow file-write* (subpath \"/a/b\"))", "file-write-data", "/b", SB_DECISION_DENY, 0 },
	/* (allow default) (deny file-write*) */
	{ "(allow default)\n(deny file-write*)", "file-write-data", "/q", SB_DECISION_DENY, 2 },
	{ "(allow default)\n(deny file-write*)", "file-read-data", "/q", SB_DECISION_ALLOW, 1 },
	{ "(allow default)\n(deny file-write*)\n(allow file-write-unlink)", "file-write-unlink", "/q", SB_DECISION_ALLOW, 3 },
	{ "(allow default)\n(deny file-write*)", "file-write-setugid", "/q", SB_DECISION_DENY, 0 },
	/* a later filtered rule beats an earlier one, both orders */
	{ "(allow file-read* (literal \"/x\"))\n(deny file-read* (literal \"/x\"))", "file-read-data", "/x", SB_DECISION_DENY, 2 },
	{ "(deny file-read* (literal \"/x\"))\n(allow file-read* (literal \"/x\"))", "file-read-data", "/x", SB_DECISION_ALLOW, 2 },
	/* an unfiltered rule never beats a filtered rule of the same operation */
	{ "(allow file-read* (literal \"/x\"))\n(deny file-read*)", "file-read-data", "/x", SB_DECISION_ALLOW, 1 },
	{ "(deny file-read*)\n(allow file-read* (literal \"/x\"))", "file-read-data", "/x", SB_DECISION_ALLOW, 2 },
	/* the last unfiltered rule is the fallback */
	{ "(deny file-read*)\n(allow file-read*)", "file-read-data", "/x", SB_DECISION_ALLOW, 2 },
	{ "(allow file-read*)\n(deny file-read*)", "file-read-data", "/x", SB_DECISION_DENY, 2 },
	/* an unfiltered child rule hides every wildcard rule */
	{ "(allow file-read* (literal \"/x\"))\n(deny file-read-data)", "file-read-data", "/x", SB_DECISION_DENY, 2 },
	/* any matching specific rule beats the wildcard, whatever the order */
	{ "(allow file-read-data (literal \"/x\"))\n(deny file* (literal \"/x\"))", "file-read-data", "/x", SB_DECISION_ALLOW, 1 },
	{ "(deny file* (literal \"/x\"))\n(allow file-read* (literal \"/x\"))", "file-read-data", "/x", SB_DECISION_ALLOW, 2 },
	/* chain file-read-data -> file-read* -> file* -> default */
	{ "(deny default)\n(allow file* (subpath \"/a\"))", "file-read-data", "/a/b", SB_DECISION_ALLOW, 2 },
	{ "(allow default)\n(deny file* (subpath \"/a\"))", "file-read-data", "/ab", SB_DECISION_ALLOW, 1 },
	{ "(deny default)", "file-read-data", "/x", SB_DECISION_DENY, 1 },
	{ "(version 1)", "file-read-data", "/x", SB_DECISION_DENY, 0 },
	/* default's position is irrelevant */
	{ "(allow file-read* (literal \"/x\"))\n(deny default)", "file-read-data", "/x", SB_DECISION_ALLOW, 1 },
	/* prefix has no component boundary; subpath does */
	{ "(deny default)\n(allow file-read* (prefix \"/a\"))", "file-read-data", "/ab", SB_DECISION_ALLOW, 2 },
	{ "(deny default)\n(allow file-read* (subpath \"/a\"))", "file-read-data", "/ab", SB_DECISION_DENY, 1 },
	{ "(deny default)\n(allow file-read* (regex #\"^/a(/|$)\"))", "file-read-data", "/a/b", SB_DECISION_ALLOW, 2 },
	{ "(deny default)\n(allow file-read* (require-all (subpath \"/a\") (require-not (literal \"/a/b\"))))", "file-read-data", "/a/b", SB_DECISION_DENY, 1 },
	{ "(deny default)\n(allow file-read* (require-all (subpath \"/a\") (require-not (literal \"/a/b\"))))", "file-read-data", "/a/c", SB_DECISION_ALLOW, 2 },
	/* three-valued: filters sbplc cannot evaluate make the decision unknown */
	{ "(deny default)\n(allow network-outbound (remote tcp \"*:80\"))", "network-outbound", "x", SB_DECISION_UNKNOWN, 1 },
	{ "(deny default)\n(allow file-read* (subpath \"/a\"))", "file-read-data", NULL, SB_DECISION_UNKNOWN, 1 },
	/* ... but not when a later rule decides first */
	{ "(allow network-outbound (remote tcp \"*:80\"))\n(deny network-outbound (remote tcp \"*:80\"))\n(deny network*)", "network-outbound", NULL, SB_DECISION_UNKNOWN, 3 },
};

static int line_of(const struct sb_rule *r)
{
	const struct sb_source *src = sb_ctx_source(ctx, r->span.file);
	int line = 1;
	for (uint32_t i = 0; i < r->span.start; i++)
		line += src->text[i] == '\n';
	return line;
}

START_TEST(model_case)
{
	const struct model_case *t = &model_cases[_i];
	const struct sb_profile *p = lint_text(t->profile);
	struct sb_model *m = sb_model_new(ctx->arena, &p->rules, 0);
	ck_assert_ptr_nonnull(m);
	struct sb_model_result r;
	sb_model_decide(m, op_named(t->op), t->arg, t->arg ? strlen(t->arg) : 0, &r);
	ck_assert_msg(r.decision == t->want, "case %d: decision %d, want %d", _i, r.decision, t->want);
	if (t->want != SB_DECISION_UNKNOWN || t->rule_line == 3) {
		int got = r.rule ? line_of(r.rule) : 0;
		ck_assert_msg(got == t->rule_line, "case %d: rule line %d, want %d", _i, got, t->rule_line);
	}
	ck_assert_uint_ge(r.nvia, 1);
	ck_assert_ptr_eq(r.via[0], op_named(t->op));
}
END_TEST

/* ---- coverage ---- */

struct cover_case { const char *f, *g; bool want; };
static const struct cover_case cover_cases[] = {
	{ "(subpath \"/a\")", "(literal \"/a\")", true },
	{ "(subpath \"/a\")", "(literal \"/a/b\")", true },
	{ "(subpath \"/a\")", "(literal \"/ab\")", false },
	{ "(prefix \"/a\")", "(literal \"/ab\")", true },
	{ "(prefix \"/a\")", "(subpath \"/a\")", true },
	{ "(subpath \"/a\")", "(prefix \"/a\")", false },
	{ "(subpath \"/a\")", "(prefix \"/a/\")", true },
	{ "(subpath \"/\")", "(subpath \"/x\")", true },
	{ "(literal \"/a\")", "(subpath \"/a\")", false },
	{ "(regex #\"^/a\")", "(literal \"/ab\")", true },
	{ "(regex #\"^/a$\")", "(literal \"/ab\")", false },
	{ "(regex #\"^/a\")", "(regex #\"^/a\")", true },
	{ "(regex #\"^/a\")", "(regex #\"^/ab\")", false },   /* not provable: say no */
	{ "(subpath \"/a\")", "(regex #\"^/a/b\")", true },
	{ "(literal \"/a/b\")", "(regex #\"^/a/b$\")", true },
	{ "(require-any (literal \"/x\") (subpath \"/a\"))", "(literal \"/a/b\")", true },
	{ "(subpath \"/a\")", "(require-any (literal \"/a/x\") (literal \"/a/y\"))", true },
	{ "(subpath \"/a\")", "(require-any (literal \"/a/x\") (literal \"/b\"))", false },
	{ "(subpath \"/a\")", "(require-all (literal \"/a/x\") (vnode-type REGULAR-FILE))", true },
	{ "(require-all (subpath \"/a\") (vnode-type REGULAR-FILE))", "(literal \"/a/x\")", false },
	{ "(require-not (literal \"/a\"))", "(literal \"/b\")", false },
	{ "(require-not (literal \"/a\"))", "(require-not (literal \"/a\"))", true },
	{ "(global-name \"x\")", "(global-name \"x\")", true },
	{ "(global-name-prefix \"com.\")", "(global-name \"com.x\")", true },
	{ "(literal \"/a\")", "(global-name \"/a\")", false },
};

static const struct sb_filter *filter_of(const char *text)
{
	char *prof = tu_keep(malloc(strlen(text) + 64));
	sprintf(prof, "(allow file-read* mach-lookup %s)", text);
	const struct sb_profile *p = lint_text(prof);
	ck_assert_uint_ge(p->rules.n, 1);
	return p->rules.v[0]->filter;
}

START_TEST(cover_case)
{
	const struct cover_case *t = &cover_cases[_i];
	const struct sb_filter *f = filter_of(t->f), *g = filter_of(t->g);
	ck_assert_msg(sb_model_filter_covers(ctx->arena, f, g) == t->want, "case %d: %s covers %s",
	              _i, t->f, t->g);
}
END_TEST

/* ---- differential property test ---- */

static uint64_t rng_state;
static unsigned rnd(unsigned n)
{
	return tu_rnd(&rng_state, n);
}

static const char *const paths[] = { "/", "/a", "/a/b", "/a/b/c", "/ab", "/b" };
static const char *const ops[] = { "file*", "file-read*", "file-read-data", "file-read-metadata",
                                   "file-write*", "file-write-data", "default" };
static const char *const regexes[] = { "^/a", "^/a/b$", "/b", "^/a(/|$)", "^/$" };

static void gen_leaf(char *buf, size_t size)
{
	size_t len = strlen(buf);
	const char *p = paths[rnd(SB_COUNTOF(paths))];
	switch (rnd(4)) {
	case 0: snprintf(buf + len, size - len, "(literal \"%s\")", p); break;
	case 1: snprintf(buf + len, size - len, "(subpath \"%s\")", p); break;
	case 2: snprintf(buf + len, size - len, "(prefix \"%s\")", p); break;
	default: snprintf(buf + len, size - len, "(regex #\"%s\")", regexes[rnd(SB_COUNTOF(regexes))]);
	}
}

static void gen_filter(char *buf, size_t size)
{
	unsigned k = rnd(10);
	size_t len = strlen(buf);
	if (k < 6)
		gen_leaf(buf, size);
	else if (k < 8) {
		snprintf(buf + len, size - len, "(require-any ");
		gen_leaf(buf, size);
		strcat(buf, " ");
		gen_leaf(buf, size);
		strcat(buf, ")");
	} else if (k < 9) {
		snprintf(buf + len, size - len, "(require-all ");
		gen_leaf(buf, size);
		strcat(buf, " ");
		gen_leaf(buf, size);
		strcat(buf, ")");
	} else {
		snprintf(buf + len, size - len, "(require-not ");
		gen_leaf(buf, size);
		strcat(buf, ")");
	}
}

/* Naive, obviously-correct matching over the test's filters. */
static bool naive_match(const struct sb_filter *f, const char *p)
{
	size_t n = strlen(p);
	switch (f->kind) {
	case SB_FILTER_LEAF: {
		const char *s = f->arg->u.str.s;
		size_t sl = strlen(s);
		switch (f->spelling->match) {
		case SB_DB_MATCH_EXACT: return strcmp(s, p) == 0;
		case SB_DB_MATCH_PREFIX: return strncmp(s, p, sl) == 0;
		case SB_DB_MATCH_SUBPATH:
			if (strcmp(s, "/") == 0)
				return p[0] == '/';
			return strcmp(s, p) == 0 || (strncmp(s, p, sl) == 0 && p[sl] == '/');
		default: {
			struct sb_regex_error err;
			struct sb_regex *re = sb_regex_compile(ctx->arena, s, sl, &err);
			ck_assert_ptr_nonnull(re);
			return sb_regex_search(re, p, n);
		}
		}
	}
	case SB_FILTER_ANY:
		for (uint32_t i = 0; i < f->nkids; i++)
			if (naive_match(f->kids[i], p))
				return true;
		return false;
	case SB_FILTER_ALL:
		for (uint32_t i = 0; i < f->nkids; i++)
			if (!naive_match(f->kids[i], p))
				return false;
		return true;
	case SB_FILTER_NOT:
		return !naive_match(f->kids[0], p);
	default:
		ck_abort_msg("unexpected filter");
		return false;
	}
}

/* The model, read off the rule list: no index. */
static enum sb_decision naive_decide(struct sb_rule *const *v, size_t n,
                                     const struct sb_db_op *op, const char *p)
{
	for (const struct sb_db_op *cur = op;;) {
		for (size_t i = n; i-- > 0;)            /* filtered, last written first */
			if (v[i]->op == cur && v[i]->filter && naive_match(v[i]->filter, p))
				return v[i]->action == SB_ACTION_ALLOW ? SB_DECISION_ALLOW : SB_DECISION_DENY;
		for (size_t i = n; i-- > 0;)            /* the last unfiltered rule */
			if (v[i]->op == cur && !v[i]->filter)
				return v[i]->action == SB_ACTION_ALLOW ? SB_DECISION_ALLOW : SB_DECISION_DENY;
		const struct sb_db_op *parent = sb_db_op_parent_in(cur, 0);
		if (!parent)
			return sb_db_op_terminal_in(cur, 0) == SB_DB_ACTION_ALLOW ? SB_DECISION_ALLOW
			                                                         : SB_DECISION_DENY;
		cur = parent;
	}
}

START_TEST(differential)
{
	rng_state = 0x5eed0000u + (uint64_t)_i;
	size_t flagged = 0, profiles = 0, decisions = 0;
	for (int round = 0; round < 500; round++) {
		char text[4096] = "(version 1)\n";
		unsigned nr = 1 + rnd(8);
		for (unsigned k = 0; k < nr; k++) {
			const char *op = ops[rnd(SB_COUNTOF(ops))];
			const char *act = rnd(2) ? "allow" : "deny";
			size_t len = strlen(text);
			if (strcmp(op, "default") == 0 || rnd(4) == 0) {
				snprintf(text + len, sizeof text - len, "(%s %s)\n", act, op);
				continue;
			}
			snprintf(text + len, sizeof text - len, "(%s %s ", act, op);
			gen_filter(text, sizeof text);
			strcat(text, ")\n");
		}
		const struct sb_profile *p = lint_text(text);
		ck_assert_uint_eq(p->rules.n, nr);
		struct sb_model *m = sb_model_new(ctx->arena, &p->rules, 0);
		ck_assert_ptr_nonnull(m);
		struct sb_analysis an;
		ck_assert(sb_model_analyze(ctx->arena, &p->rules, 0, &an));
		struct sb_rule *kept[16];
		size_t nkept = 0;
		for (size_t i = 0; i < p->rules.n; i++) {
			if (an.dead[i].kind == SB_DEAD_NONE)
				kept[nkept++] = p->rules.v[i];
			else
				flagged++;
		}
		profiles++;
		for (size_t o = 0; o < SB_COUNTOF(ops); o++)
			for (size_t q = 0; q < SB_COUNTOF(paths); q++) {
				const struct sb_db_op *op = op_named(ops[o]);
				struct sb_model_result r;
				sb_model_decide(m, op, paths[q], strlen(paths[q]), &r);
				enum sb_decision want = naive_decide(p->rules.v, p->rules.n, op, paths[q]);
				ck_assert_msg(r.decision == want, "%s\n%s %s: model %d, naive %d", text,
				              ops[o], paths[q], r.decision, want);
				enum sb_decision pruned = naive_decide(kept, nkept, op, paths[q]);
				ck_assert_msg(pruned == want, "%s\nremoving flagged rules changes %s %s",
				              text, ops[o], paths[q]);
				decisions++;
			}
		/* a bypassed wildcard rule never decides for that child */
		for (size_t b = 0; b < an.nbypass; b++)
			for (size_t q = 0; q < SB_COUNTOF(paths); q++) {
				struct sb_model_result r;
				sb_model_decide(m, an.bypass[b].child, paths[q], strlen(paths[q]), &r);
				ck_assert_msg(r.rule != an.bypass[b].rule, "%s\nbypassed rule decides %s",
				              text, paths[q]);
			}
		sb_ctx_free(ctx);       /* a fresh context per profile */
		ctx = sb_ctx_new();
	}
	ck_assert_uint_gt(flagged, 10);
	ck_assert_uint_eq(decisions, profiles * SB_COUNTOF(ops) * SB_COUNTOF(paths));
}
END_TEST

/* ---- the checks on the must-catch example ---- */

START_TEST(must_catch)
{
	const char *text = "(version 1)\n(deny default)\n(allow file-read-data (subpath \"/\"))\n"
	                   "(deny file-read* (literal \"/Users/me/.env\"))\n";
	lint_text(text);
	ck_assert_uint_eq(tu_count(ctx, SB_RULE_WILDCARD_RULE_BYPASSED), 1);
	ck_assert_uint_eq(tu_count(ctx, SB_RULE_SHADOWED_RULE), 0);
	size_t at = (size_t)(strstr(text, "(deny file-read*") - text);
	size_t end = at + strlen("(deny file-read* (literal \"/Users/me/.env\"))");
	const struct sb_diag *d = tu_expect(ctx, SB_RULE_WILDCARD_RULE_BYPASSED, (uint32_t)at,
	                                    (uint32_t)end, "file-read-data");
	ck_assert_uint_eq(d->nnotes, 1);
	ck_assert_uint_eq(d->notes[0].span.start, (size_t)(strstr(text, "(allow file-read-data") - text));
}
END_TEST

struct lint_case { const char *text; enum sb_rule_id rule; size_t n; };
static const struct lint_case lint_cases[] = {
	{ "(allow file-read* (literal \"/x\"))\n(deny file-read* (subpath \"/\"))", SB_RULE_SHADOWED_RULE, 1 },
	{ "(allow file-read* (literal \"/x\"))\n(allow file-read* (subpath \"/\"))", SB_RULE_REDUNDANT_RULE, 1 },
	{ "(allow file-read* (subpath \"/\"))\n(deny file-read* (literal \"/x\"))", SB_RULE_SHADOWED_RULE, 0 },
	{ "(allow file-read* (literal \"/x\"))\n(allow file-read* (literal \"/x\"))", SB_RULE_DUPLICATE_RULE, 1 },
	{ "(allow file-read* (literal \"/x\"))\n(allow file-read* (literal \"/x\"))", SB_RULE_REDUNDANT_RULE, 0 },
	{ "(allow file-read* (literal \"/x\"))\n(deny file-read* (subpath \"/\"))\n(allow file-read* (literal \"/x\"))", SB_RULE_DUPLICATE_RULE, 0 },
	{ "(allow file-read* (literal \"/x\"))\n(deny file-read* (subpath \"/b\"))\n(allow file-read* (literal \"/x\"))", SB_RULE_DUPLICATE_RULE, 1 },
	{ "(deny default)\n(deny file-read* (literal \"/x\"))", SB_RULE_REDUNDANT_RULE, 0 },
	{ "(deny file-read* (literal \"/x\"))\n(allow file-read*)", SB_RULE_UNFILTERED_AFTER_FILTERED, 1 },
	{ "(allow file-read*)\n(deny file-read* (literal \"/x\"))", SB_RULE_UNFILTERED_AFTER_FILTERED, 0 },
	{ "(deny file-read* (literal \"/x\"))\n(allow file-read-data)", SB_RULE_WILDCARD_RULE_BYPASSED, 1 },
	{ "(deny file-read* (literal \"/x\"))\n(allow file-read-data (literal \"/y\"))", SB_RULE_WILDCARD_RULE_BYPASSED, 0 },
	/* unrelated regexes prove nothing */
	{ "(allow file-read* (regex #\"^/a/[^/]+$\"))\n(deny file-read* (regex #\"^/a/.*\"))", SB_RULE_SHADOWED_RULE, 0 },
	/* a literal tested against a regex with the regex engine */
	{ "(allow file-read* (literal \"/a/x\"))\n(deny file-read* (regex #\"^/a/.*\"))", SB_RULE_SHADOWED_RULE, 1 },
	/* unknown filters never prove anything */
	{ "(allow network-outbound (remote tcp \"*:80\"))\n(deny network-outbound (remote tcp \"*:443\"))", SB_RULE_SHADOWED_RULE, 0 },
	/* modifiers come with the decision: not duplicates (corpus: chromium gpu_v2.sb) */
	{ "(deny default (with no-log))\n(deny default (with send-signal SIGKILL))", SB_RULE_DUPLICATE_RULE, 0 },
	{ "(allow file-read* (literal \"/x\") (with report))\n(allow file-read* (literal \"/x\"))", SB_RULE_DUPLICATE_RULE, 0 },
	{ "(allow file-read* (literal \"/x\") (with report))\n(allow file-read* (literal \"/x\") (with report))", SB_RULE_DUPLICATE_RULE, 1 },
	/* the child's own same-action rule decides first (corpus: pre-commit-sandbox) */
	{ "(deny file-write-mode)\n(allow file-write* file-write-mode (literal \"/x\"))", SB_RULE_WILDCARD_RULE_BYPASSED, 0 },
	/* the last unfiltered rule of the child is its fallback, not the first */
	{ "(allow file-read-data)\n(deny file-read-data)\n(deny file-read* (literal \"/x\"))", SB_RULE_WILDCARD_RULE_BYPASSED, 0 },
	{ "(deny file-read-data)\n(allow file-read-data)\n(deny file-read* (literal \"/x\"))", SB_RULE_WILDCARD_RULE_BYPASSED, 1 },
	/* a same-action rule of the child's that cannot match r's requests: still bypassed */
	{ "(deny file-read-data)\n(allow file-read-data (require-all (subpath \"/b\") (literal \"/b/c\")))\n(allow file-read* (literal \"/x\"))", SB_RULE_WILDCARD_RULE_BYPASSED, 1 },
	{ "(deny file-read-data)\n(allow file-read-data (require-all (subpath \"/x\") (literal \"/x\")))\n(allow file-read* (literal \"/x\"))", SB_RULE_WILDCARD_RULE_BYPASSED, 0 },
	/* the last unfiltered rule is the fallback: earlier ones never decide */
	{ "(allow file-read*)\n(deny file-read*)", SB_RULE_SHADOWED_RULE, 1 },
	{ "(deny default)\n(allow file-read* (literal \"/x\"))\n(allow default)", SB_RULE_SHADOWED_RULE, 1 },
	{ "(deny default (with no-log))\n(deny default)", SB_RULE_REDUNDANT_RULE, 1 },
	{ "(deny default)\n(deny default)", SB_RULE_REDUNDANT_RULE, 0 },
	{ "(allow file-read*)\n(if (param \"P\") (deny file-read*))", SB_RULE_SHADOWED_RULE, 0 },
	/* rules under an undecidable condition prove nothing */
	{ "(allow file-read* (literal \"/x\"))\n(if (param \"P\") (deny file-read* (subpath \"/\")))", SB_RULE_SHADOWED_RULE, 0 },
};

START_TEST(lint_case)
{
	const struct lint_case *t = &lint_cases[_i];
	char *text = tu_keep(malloc(strlen(t->text) + 32));
	sprintf(text, "(version 1)\n%s\n", t->text);
	lint_text(text);
	ck_assert_msg(tu_count(ctx, t->rule) == t->n, "case %d: want %zu %s:%s", _i, t->n,
	              sb_rule_info(t->rule)->id, tu_diag_dump(ctx));
}
END_TEST

/* near-linear: 100,000 rules analyse quickly */
START_TEST(scale)
{
	size_t n = 100000, cap = n * 64;
	char *text = tu_keep(malloc(cap));
	size_t len = (size_t)sprintf(text, "(version 1)\n(deny default)\n");
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(text + len, cap - len, "(%s file-read* (%s \"/d%zu/f%zu\"))\n",
		                        i % 3 ? "allow" : "deny", i % 2 ? "subpath" : "literal", i % 1000, i);
	lint_text(text);
	ck_assert_uint_eq(tu_count(ctx, SB_RULE_SHADOWED_RULE), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("model");
	TU_LOOP_CASE(s, "decide", model_case, model_cases);
	TU_LOOP_CASE(s, "covers", cover_case, cover_cases);
	TU_LOOP_CASE(s, "lint", lint_case, lint_cases);
	TCase *tc = tu_case(s, "differential");
	tcase_add_loop_test(tc, differential, 0, 8);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tu_case(s, "must-catch"), must_catch);
	tc = tu_case(s, "scale");
	tcase_add_test(tc, scale);
	tcase_set_timeout(tc, 60);
	return tu_run(s);
}
