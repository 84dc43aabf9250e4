/*
 * equiv.c -- semantic equivalence of sbplc's output with its input, for the
 * corpus target (tests/check-corpus.sh) and the golden suite.
 *
 *   equiv [-D K=V] [-I DIR] [--prelude F] [--minimize | --fmt] FILE...
 *
 * Evaluates FILE... in order (one file: compile; several: merge), writes the
 * normalized profile (with --fmt: the one file laid out by sbplc fmt, with
 * the same parameters and preludes), reads that back, and asks for every
 * operation of the tables and every probe argument (each path and name in
 * either profile, its parents, a child, its /private twin, and no argument)
 * whether the two give the same decision:
 *   - by the precedence model (src/model.c) on both sides;
 *   - by a naive twin written here: it walks the rule list as ARCHITECTURE.md
 *     describes, with no index, and must agree with the model wherever both
 *     know the answer.
 * Also checks that compiling the output again gives the same bytes (a fixed
 * point; fmt's idempotence is tests/fmt-verify's).  Exit 0: equivalent; 1: a difference (printed); 2: could not run
 * (the input has errors, for instance); 77: nothing to compare.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "ctx.h"
#include "emit.h"
#include "fmt.h"
#include "eval.h"
#include "lint.h"
#include "model.h"
#include "parse.h"
#include "regex.h"
#include "sbpl_db.h"
#include "value.h"

#define MAX_ARGS 256

struct probes {
	char **v;
	size_t n, cap;
};

static void add_probe(struct probes *p, const char *s, size_t n)
{
	for (size_t i = 0; i < p->n; i++)   /* small sets; kept simple */
		if (strlen(p->v[i]) == n && memcmp(p->v[i], s, n) == 0)
			return;
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->v = realloc(p->v, p->cap * sizeof *p->v);
		if (!p->v)
			exit(2);
	}
	char *c = malloc(n + 1);
	if (!c)
		exit(2);
	memcpy(c, s, n);
	c[n] = '\0';
	p->v[p->n++] = c;
}

/* s, its parent directories, a child, and its /private twin (or the other way). */
static void add_variants(struct probes *p, const char *s, size_t n)
{
	if (n == 0 || n > 4096 || memchr(s, '\0', n))
		return;
	add_probe(p, s, n);
	char buf[4200];
	snprintf(buf, sizeof buf, "%.*s/x", (int)n, s);
	add_probe(p, buf, strlen(buf));
	snprintf(buf, sizeof buf, "%.*sx", (int)n, s);
	add_probe(p, buf, strlen(buf));
	for (size_t k = n; k-- > 1;)
		if (s[k] == '/')
			add_probe(p, s, k);
	if (s[0] == '/')
		add_probe(p, "/", 1);
	static const char *const links[] = { "/tmp", "/var", "/etc" };
	for (size_t i = 0; i < 3; i++) {
		size_t l = strlen(links[i]);
		if (n >= l && memcmp(s, links[i], l) == 0 && (n == l || s[l] == '/')) {
			snprintf(buf, sizeof buf, "/private%.*s", (int)n, s);
			add_probe(p, buf, strlen(buf));
		}
		if (n >= 8 + l && memcmp(s, "/private", 8) == 0 && memcmp(s + 8, links[i], l) == 0)
			add_probe(p, s + 8, n - 8);
	}
}

static void probe_filter(struct sb_arena *a, struct probes *p, const struct sb_filter *f)
{
	if (!f)
		return;
	if (f->kind != SB_FILTER_LEAF) {
		for (uint32_t i = 0; i < f->nkids; i++)
			probe_filter(a, p, f->kids[i]);
		return;
	}
	const struct sb_value *v = f->arg;
	if (!v || v->kind != SB_V_STR)
		return;
	if (f->regex) {
		const char *lit = sb_regex_exact_literal(f->regex);
		const char *pre = sb_regex_literal_prefix(f->regex);
		if (lit)
			add_variants(p, lit, strlen(lit));
		if (pre)
			add_variants(p, pre, strlen(pre));
		return;
	}
	add_variants(p, v->u.str.s, v->u.str.len);
	(void)a;
}

/* ---- the naive twin: the rule list read as ARCHITECTURE.md says ---- */

static enum sb_match3 naive_match(struct sb_arena *a, const struct sb_filter *f,
                                  const char *arg, size_t len)
{
	enum sb_match3 r;
	switch (f->kind) {
	case SB_FILTER_ANY:
		r = SB_MATCH_NO;
		for (uint32_t i = 0; i < f->nkids && r != SB_MATCH_YES; i++) {
			enum sb_match3 k = naive_match(a, f->kids[i], arg, len);
			if (k > r)
				r = k;
		}
		return r;
	case SB_FILTER_ALL:
		r = SB_MATCH_YES;
		for (uint32_t i = 0; i < f->nkids && r != SB_MATCH_NO; i++) {
			enum sb_match3 k = naive_match(a, f->kids[i], arg, len);
			if (k < r)
				r = k;
		}
		return r;
	case SB_FILTER_NOT:
		r = naive_match(a, f->kids[0], arg, len);
		return r == SB_MATCH_YES ? SB_MATCH_NO : r == SB_MATCH_NO ? SB_MATCH_YES : r;
	default:
		return sb_model_match(a, f, arg, len);   /* one leaf: the shared matcher */
	}
}

static enum sb_decision of(enum sb_action a)
{
	return a == SB_ACTION_ALLOW ? SB_DECISION_ALLOW : SB_DECISION_DENY;
}

/*
 * Later filtered rules first; then the last unfiltered rule; then the parent
 * operation; a terminal gives its built-in action.  A rule that may match
 * makes the answer unknown unless every candidate agrees.
 */
static enum sb_decision naive_decide(struct sb_arena *a, const struct sb_rule_list *l,
                                     const struct sb_db_op *op, int target, const char *arg,
                                     size_t len)
{
	bool maybe[2] = { false, false };
	for (const struct sb_db_op *cur = op; cur;) {
		for (size_t i = l->n; i-- > 0;) {
			const struct sb_rule *r = l->v[i];
			if (r->op != cur || !r->filter)
				continue;
			enum sb_match3 m = r->conditional ? SB_MATCH_MAYBE
			                                  : naive_match(a, r->filter, arg, len);
			if (m == SB_MATCH_MAYBE)
				maybe[r->action] = true;
			if (m == SB_MATCH_YES)
				goto decided_by_rule_at_i;
			continue;
decided_by_rule_at_i:
			if (maybe[!r->action])
				return SB_DECISION_UNKNOWN;
			return of(r->action);
		}
		for (size_t i = l->n; i-- > 0;) {
			const struct sb_rule *r = l->v[i];
			if (r->op == cur && !r->filter) {
				if (r->conditional) {
					maybe[r->action] = true;
					continue;
				}
				return maybe[!r->action] ? SB_DECISION_UNKNOWN : of(r->action);
			}
		}
		const struct sb_db_op *parent = sb_db_op_parent_in(cur, target);
		if (!parent) {
			enum sb_decision d = sb_db_op_terminal_in(cur, target) == SB_DB_ACTION_ALLOW
			                     ? SB_DECISION_ALLOW : SB_DECISION_DENY;
			bool other = d == SB_DECISION_ALLOW ? maybe[SB_ACTION_DENY] : maybe[SB_ACTION_ALLOW];
			return other ? SB_DECISION_UNKNOWN : d;
		}
		cur = parent;
	}
	return SB_DECISION_UNKNOWN;
}

/* The modifiers of the deciding rule, as one string: they are part of the decision. */
static void mods_key(struct sb_arena *a, const struct sb_rule *r, char *buf, size_t size)
{
	buf[0] = '\0';
	size_t len = 0;
	for (uint32_t i = 0; r && i < r->nmods && len < size; i++) {
		const struct sb_modifier *m = r->mods[i];
		int n = snprintf(buf + len, size - len, "(%s %s %zu)",
		                 m->mod ? m->mod->name : m->spelled,
		                 m->arg ? sb_value_repr(a, m->arg) : "", m->nnested);
		if (n < 0)
			break;
		len += (size_t)n;
	}
}

static const char *dname(enum sb_decision d)
{
	return d == SB_DECISION_ALLOW ? "allow" : d == SB_DECISION_DENY ? "deny" : "unknown";
}

struct side {
	struct sb_ctx *ctx;
	struct sb_profile *profile;
	struct sb_model *model;
	char *text;     /* its normalized form */
	size_t len;
	struct sb_parse_result *parse;  /* of its first input */
};

static bool has_error(const struct sb_ctx *ctx)
{
	for (size_t i = 0; i < ctx->ndiags; i++)
		if (ctx->diags[i]->severity == SB_SEV_ERROR &&
		    ctx->diags[i]->rule != SB_RULE_MERGE_CONFLICT)
			return true;
	return false;
}

static void print_errors(const struct sb_ctx *ctx, const char *what)
{
	for (size_t i = 0; i < ctx->ndiags; i++) {
		const struct sb_diag *d = ctx->diags[i];
		if (d->severity != SB_SEV_ERROR)
			continue;
		const struct sb_source *s = sb_ctx_source(ctx, d->span.file);
		uint32_t line = 0, col = 0;
		if (s)
			sb_source_linecol(s, d->span.start, &line, &col);
		fprintf(stderr, "equiv: %s: %s:%u:%u: %s [%s]\n", what, s ? s->name : "?", line, col,
		        d->message, sb_rule_info(d->rule)->id);
	}
}

/* Evaluate files (registered in s->ctx) and emit; false after a message. */
static bool build(struct side *s, const uint32_t *files, size_t n,
                  const struct sb_lint_options *lo, bool minimize, char **names, const char *what,
                  bool emit)
{
	struct sb_merge_result res;
	if (!sb_lint_merge(s->ctx, files, n, lo, &res) || !res.profile) {
		fprintf(stderr, "equiv: %s: out of memory\n", what);
		return false;
	}
	s->profile = res.profile;
	s->parse = res.parses[0];
	if (has_error(s->ctx) || res.profile->aborted) {
		print_errors(s->ctx, what);
		return false;
	}
	if (!emit) {
		s->model = sb_model_new(s->ctx->arena, &res.profile->rules, lo->target);
		return s->model != NULL;
	}
	struct sb_emit_options eo = {
		.inputs = names, .ninputs = n,
		.defines = lo->defines, .ndefines = lo->ndefines,
		.parses = res.parses, .nparses = res.ninputs,
		.minimize = minimize, .target = lo->target,
	};
	struct sb_emit_stats st;
	if (!sb_emit_profile(s->ctx, res.profile, &eo, &s->text, &s->len, &st)) {
		print_errors(s->ctx, what);
		fprintf(stderr, "equiv: %s: cannot be written normalized\n", what);
		return false;
	}
	s->model = sb_model_new(s->ctx->arena, &res.profile->rules, lo->target);
	return s->model != NULL;
}

/* Free both sides (either may be half made) and return status. */
static int finish(struct side *in, struct side *out, int status)
{
	free(in->text);
	free(out->text);
	if (in->ctx)
		sb_ctx_free(in->ctx);
	if (out->ctx)
		sb_ctx_free(out->ctx);
	return status;
}

int main(int argc, char **argv)
{
	struct side in = { 0 }, out = { 0 };
	const char *defines[MAX_ARGS], *includes[MAX_ARGS], *preludes[MAX_ARGS];
	char *files[MAX_ARGS];
	size_t nd = 0, ni = 0, np = 0, nf = 0;
	bool minimize = false, fmt = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--minimize") == 0)
			minimize = true;
		else if (strcmp(a, "--fmt") == 0)
			fmt = true;
		else if (strcmp(a, "-D") == 0 && i + 1 < argc && nd < MAX_ARGS)
			defines[nd++] = argv[++i];
		else if (strncmp(a, "-D", 2) == 0 && a[2] && nd < MAX_ARGS)
			defines[nd++] = a + 2;
		else if (strcmp(a, "-I") == 0 && i + 1 < argc && ni < MAX_ARGS)
			includes[ni++] = argv[++i];
		else if (strcmp(a, "--prelude") == 0 && i + 1 < argc && np < MAX_ARGS)
			preludes[np++] = argv[++i];
		else if (a[0] != '-' && nf < MAX_ARGS)
			files[nf++] = argv[i];
		else {
			fprintf(stderr, "equiv: bad argument '%s'\n", a);
			return 2;
		}
	}
	if (nf == 0 || (fmt && (nf != 1 || minimize))) {
		fprintf(stderr, "usage: equiv [-D K=V] [-I DIR] [--prelude F] [--minimize | --fmt] "
		        "FILE...\n");
		return 2;
	}

	/* the input side */
	in.ctx = sb_ctx_new();
	uint32_t pid[MAX_ARGS], fid[MAX_ARGS];
	if (!in.ctx)
		return finish(&in, &out, 2);
	for (size_t k = 0; k < np + nf; k++) {
		const char *path = k < np ? preludes[k] : files[k - np];
		struct sb_source_error err;
		struct sb_source *src = sb_source_read(in.ctx->arena, path, path, &err);
		if (!src) {
			fprintf(stderr, "equiv: cannot read '%s': %s\n", path, sb_source_strerror(&err));
			return finish(&in, &out, 2);
		}
		uint32_t id = sb_ctx_add_source(in.ctx, src);
		if (k < np)
			pid[k] = id;
		else
			fid[k - np] = id;
	}
	struct sb_lint_options lo = {
		.defines = defines, .ndefines = nd, .include_dirs = includes, .nincludes = ni,
		.preludes = pid, .npreludes = np, .target = 0,
	};
	if (!build(&in, fid, nf, &lo, minimize, files, "input", !fmt))
		return finish(&in, &out, 2);
	if (fmt) {
		/* the formatted text is the input now; parameters and preludes stay */
		const struct sb_source *src = sb_ctx_source(in.ctx, fid[0]);
		if (in.parse->nerrors > 0 || !sb_fmt(src, in.parse, &in.text, &in.len))
			return finish(&in, &out, 2);
	}

	/* the output side: the normalized text read back as a profile of its own */
	out.ctx = sb_ctx_new();
	if (!out.ctx)
		return finish(&in, &out, 2);
	struct sb_lint_options none = { 0 }, *olo = &none;
	uint32_t opid[MAX_ARGS];
	for (size_t k = 0; fmt && k < np; k++) {
		const struct sb_source *ps = sb_ctx_source(in.ctx, pid[k]);
		struct sb_source *copy = sb_source_from_bytes(out.ctx->arena, ps->name, ps->text, ps->len);
		if (!copy || (opid[k] = sb_ctx_add_source(out.ctx, copy)) == UINT32_MAX)
			return finish(&in, &out, 2);
		copy->path = ps->path;
	}
	struct sb_lint_options same = lo;
	if (fmt) {
		same.preludes = opid;
		olo = &same;
	}
	const char *oname0 = fmt ? files[0] : "<compiled>";
	struct sb_source *os = sb_source_from_bytes(out.ctx->arena, oname0, in.text, in.len);
	if (os && fmt)
		os->path = sb_ctx_source(in.ctx, fid[0])->path;
	uint32_t oid = os ? sb_ctx_add_source(out.ctx, os) : UINT32_MAX;
	char compiled[] = "<compiled>";
	char *oname[1] = { compiled };
	if (oid == UINT32_MAX || !build(&out, &oid, 1, olo, false, oname, "output", !fmt)) {
		fputs(in.text, stderr);
		return finish(&in, &out, 1);
	}
	int status = 0;
	if (!fmt && (out.len != in.len || memcmp(out.text, in.text, in.len) != 0)) {
		fprintf(stderr, "equiv: compiling the output again gives other bytes "
		        "(not a fixed point)\n--- first\n%s--- second\n%s", in.text, out.text);
		status = 1;
	}

	struct probes pr = { 0 };
	for (size_t i = 0; i < in.profile->rules.n; i++)
		probe_filter(in.ctx->arena, &pr, in.profile->rules.v[i]->filter);
	for (size_t i = 0; i < out.profile->rules.n; i++)
		probe_filter(out.ctx->arena, &pr, out.profile->rules.v[i]->filter);
	add_probe(&pr, "/", 1);
	add_probe(&pr, "/private/tmp/sbplc-probe", 24);

	size_t nops = sb_db_op_count(), checked = 0, naive_checked = 0, bad = 0;
	/* the naive twin (slow: it walks every rule) runs for the operations that
	 * have rules of their own; the others only pass on to their parent */
	bool *own = calloc(nops, sizeof *own);
	if (!own)
		return finish(&in, &out, 2);
	for (size_t i = 0; i < in.profile->rules.n; i++)
		if (in.profile->rules.v[i]->op)
			own[in.profile->rules.v[i]->op->index] = true;
	for (size_t i = 0; i < out.profile->rules.n; i++)
		if (out.profile->rules.v[i]->op)
			own[out.profile->rules.v[i]->op->index] = true;
	for (size_t o = 0; o < nops && bad < 20; o++) {
		const struct sb_db_op *op = sb_db_op_at(o);
		for (size_t q = 0; q <= pr.n && bad < 20; q++) {
			const char *arg = q < pr.n ? pr.v[q] : NULL;
			size_t len = arg ? strlen(arg) : 0;
			struct sb_model_result a, b;
			sb_model_decide(in.model, op, arg, len, &a);
			sb_model_decide(out.model, op, arg, len, &b);
			enum sb_decision na = a.decision, nb = b.decision;
			if (own[op->index]) {
				na = naive_decide(in.ctx->arena, &in.profile->rules, op, 0, arg, len);
				nb = naive_decide(out.ctx->arena, &out.profile->rules, op, 0, arg, len);
			}
			checked++;
			const char *why = NULL;
			char ka[512], kb[512];
			mods_key(in.ctx->arena, a.rule, ka, sizeof ka);
			mods_key(out.ctx->arena, b.rule, kb, sizeof kb);
			if (a.decision != b.decision)
				why = "model(input) != model(output)";
			else if (strcmp(ka, kb) != 0)
				why = "the deciding rules' modifiers differ";
			else if (na != nb && (!minimize || na != SB_DECISION_UNKNOWN))
				/* a dropped dead rule may turn "unknown" into an answer for a
				 * request no real one looks like (a path filter, no path) */
				why = "naive(input) != naive(output)";
			else if (own[op->index] && na != SB_DECISION_UNKNOWN &&
			         a.decision != SB_DECISION_UNKNOWN) {
				naive_checked++;
				if (na != a.decision)
					why = "naive != model";
			}
			if (why) {
				fprintf(stderr, "equiv: %s: %s %s: model %s/%s, naive %s/%s\n", why, op->name,
				        arg ? arg : "(no argument)", dname(a.decision), dname(b.decision),
				        dname(na), dname(nb));
				bad++;
				status = 1;
			}
		}
	}
	printf("equiv: %zu requests (%zu operations x %zu probes + none), %zu also by the naive "
	       "twin; %zu differ; %zu -> %zu rules\n", checked, nops, pr.n, naive_checked, bad,
	       in.profile->rules.n, out.profile->rules.n);
	free(own);
	for (size_t i = 0; i < pr.n; i++)
		free(pr.v[i]);
	free(pr.v);
	return finish(&in, &out, status);
}
