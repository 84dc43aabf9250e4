/*
 * model.c -- the precedence model: per-operation rule lists, the decision
 * procedure, sound coverage between filters, and the dead-rule analysis.
 * The analysis is near-linear: rules are walked last to first and inserted
 * into a hash index keyed by (operation, filter, match form, string); a
 * leaf's possible covers are found by probing the prefixes of its string
 * (incrementally hashed), never by comparing rule pairs.
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "model.h"
#include "path.h"
#include "regex.h"
#include "sbpl_db.h"
#include "value.h"

/* Filter trees deeper than this are "maybe" / "not provable". */
#define MAX_DEPTH 64
/* Regex rules of one operation tried against one literal, at most. */
#define REGEX_BUDGET 64
/* Opposite-action rules between two duplicates checked for overlap, at most. */
#define BETWEEN_BUDGET 32

/* ---------------------------------------------------------------- leaves */

static const char *leaf_str(const struct sb_filter *f, size_t *len)
{
	if (f->kind != SB_FILTER_LEAF || !f->spelling || !f->spelling->filter || !f->arg ||
	    f->arg->kind != SB_V_STR || f->arg2)
		return NULL;
	enum sb_db_arg k = f->spelling->filter->arg;
	if (k != SB_DB_ARG_PATH && k != SB_DB_ARG_STRING_PATTERN && k != SB_DB_ARG_STRING)
		return NULL;
	*len = f->arg->u.str.len;
	return f->arg->u.str.s;
}

static enum sb_db_match leaf_match(const struct sb_filter *f)
{
	return f->spelling ? f->spelling->match : SB_DB_MATCH_NONE;
}

/*
 * The automaton of regex leaf f (its string s[0..n)): the one evaluation
 * compiled with the filter, so that the analysis does not compile (and
 * allocate) every regex again for each question it asks; compiled here only
 * for a filter built without one.  NULL when the regex is invalid.
 */
static const struct sb_regex *leaf_regex(struct sb_arena *a, const struct sb_filter *f,
                                         const char *s, size_t n)
{
	if (f->regex)
		return f->regex;
	if (f->regex_error.message)
		return NULL;            /* invalid; invalid-regex reports it */
	struct sb_regex_error err;
	return sb_regex_compile(a, s, n, &err);
}

static bool value_equal(const struct sb_value *x, const struct sb_value *y)
{
	if (!x || !y)
		return x == y;
	if (x->kind != y->kind)
		return false;
	switch (x->kind) {
	case SB_V_STR:
		return x->u.str.len == y->u.str.len &&
		       memcmp(x->u.str.s, y->u.str.s, x->u.str.len) == 0;
	case SB_V_NUM:
		return (x->flags & SB_VF_EXACT) && (y->flags & SB_VF_EXACT) &&
		       x->u.num.i == y->u.num.i;
	case SB_V_SYM:
		return x->u.sym == y->u.sym;
	case SB_V_BOOL:
		return x->u.boolean.b == y->u.boolean.b;
	default:
		return false;   /* unknown values are never provably equal */
	}
}

static bool equal_depth(const struct sb_filter *f, const struct sb_filter *g, int depth)
{
	if (depth > MAX_DEPTH || f->kind != g->kind || f->kind == SB_FILTER_UNKNOWN)
		return false;
	if (f->kind == SB_FILTER_LEAF)
		return f->spelling && g->spelling && f->spelling->filter == g->spelling->filter &&
		       f->spelling->match == g->spelling->match && f->spelling->filter &&
		       value_equal(f->arg, g->arg) && value_equal(f->arg2, g->arg2);
	if (f->nkids != g->nkids)
		return false;
	for (uint32_t i = 0; i < f->nkids; i++)
		if (!equal_depth(f->kids[i], g->kids[i], depth + 1))
			return false;
	return true;
}

bool sb_model_filter_equal(const struct sb_filter *f, const struct sb_filter *g)
{
	if (!f || !g)
		return f == g;
	return equal_depth(f, g, 0);
}

/* Leaf f matches every string leaf g matches. */
static bool leaf_covers(struct sb_arena *a, const struct sb_filter *f, const struct sb_filter *g)
{
	if (equal_depth(f, g, 0))
		return true;
	size_t fl, gl;
	const char *fs = leaf_str(f, &fl), *gs = leaf_str(g, &gl);
	if (!fs || !gs || f->spelling->filter != g->spelling->filter)
		return false;
	enum sb_db_match fm = leaf_match(f), gm = leaf_match(g);
	const char *lit = NULL, *pre = NULL;   /* what a regex g is known to be */
	if (gm == SB_DB_MATCH_REGEX) {
		const struct sb_regex *re = leaf_regex(a, g, gs, gl);
		if (!re)
			return false;
		lit = sb_regex_exact_literal(re);
		pre = sb_regex_literal_prefix(re);
		if (lit) {
			gs = lit;
			gl = strlen(lit);
			gm = SB_DB_MATCH_EXACT;
		} else if (pre && fm != SB_DB_MATCH_REGEX) {
			gs = pre;
			gl = strlen(pre);
			gm = SB_DB_MATCH_PREFIX;
		} else
			return false;
	}
	switch (fm) {
	case SB_DB_MATCH_EXACT:
		return gm == SB_DB_MATCH_EXACT && fl == gl && memcmp(fs, gs, fl) == 0;
	case SB_DB_MATCH_SUBPATH:
		if (gm == SB_DB_MATCH_EXACT)
			return sb_path_subpath_matches(fs, fl, gs, gl);
		if (gm == SB_DB_MATCH_SUBPATH)
			return sb_path_subpath_covers_subpath(fs, fl, gs, gl);
		if (gm == SB_DB_MATCH_PREFIX)
			return sb_path_subpath_covers_prefix(fs, fl, gs, gl);
		return false;
	case SB_DB_MATCH_PREFIX:
		if (gm == SB_DB_MATCH_EXACT)
			return sb_path_prefix_matches(fs, fl, gs, gl);
		if (gm == SB_DB_MATCH_SUBPATH)
			return sb_path_prefix_covers_subpath(fs, fl, gs, gl);
		if (gm == SB_DB_MATCH_PREFIX)
			return sb_path_prefix_covers_prefix(fs, fl, gs, gl);
		return false;
	case SB_DB_MATCH_REGEX:
		if (gm == SB_DB_MATCH_EXACT) {
			const struct sb_regex *re = leaf_regex(a, f, fs, fl);
			return re && sb_regex_search(re, gs, gl);
		}
		return false;
	default:
		return false;
	}
}

static bool covers_depth(struct sb_arena *a, const struct sb_filter *f,
                         const struct sb_filter *g, int depth)
{
	if (depth > MAX_DEPTH)
		return false;
	if (equal_depth(f, g, 0))
		return true;
	if (g->kind == SB_FILTER_ANY) {
		for (uint32_t i = 0; i < g->nkids; i++)
			if (!covers_depth(a, f, g->kids[i], depth + 1))
				return false;
		return true;
	}
	if (f->kind == SB_FILTER_ANY)
		for (uint32_t i = 0; i < f->nkids; i++)
			if (covers_depth(a, f->kids[i], g, depth + 1))
				return true;
	if (f->kind == SB_FILTER_ALL && f->nkids > 0) {
		bool all = true;
		for (uint32_t i = 0; i < f->nkids && all; i++)
			all = covers_depth(a, f->kids[i], g, depth + 1);
		if (all)
			return true;
	}
	if (g->kind == SB_FILTER_ALL) {
		for (uint32_t i = 0; i < g->nkids; i++)
			if (covers_depth(a, f, g->kids[i], depth + 1))
				return true;
		return false;
	}
	if (f->kind == SB_FILTER_LEAF && g->kind == SB_FILTER_LEAF)
		return leaf_covers(a, f, g);
	return false;
}

bool sb_model_filter_covers(struct sb_arena *a, const struct sb_filter *f,
                            const struct sb_filter *g)
{
	if (!f)
		return true;        /* unfiltered matches everything */
	if (!g)
		return false;
	return covers_depth(a, f, g, 0);
}

/* ---------------------------------------------------------------- matching */

static enum sb_match3 match_depth(struct sb_arena *a, const struct sb_filter *f,
                                  const char *arg, size_t len, int depth)
{
	if (depth > MAX_DEPTH)
		return SB_MATCH_MAYBE;
	switch (f->kind) {
	case SB_FILTER_LEAF: {
		size_t fl;
		const char *fs = leaf_str(f, &fl);
		if (!fs || !arg)
			return SB_MATCH_MAYBE;
		bool m;
		switch (leaf_match(f)) {
		case SB_DB_MATCH_EXACT:
			m = fl == len && memcmp(fs, arg, len) == 0;
			break;
		case SB_DB_MATCH_SUBPATH:
			m = sb_path_subpath_matches(fs, fl, arg, len);
			break;
		case SB_DB_MATCH_PREFIX:
			m = sb_path_prefix_matches(fs, fl, arg, len);
			break;
		case SB_DB_MATCH_REGEX: {
			const struct sb_regex *re = leaf_regex(a, f, fs, fl);
			if (!re)
				return SB_MATCH_MAYBE;
			m = sb_regex_search(re, arg, len);
			break;
		}
		default:
			return SB_MATCH_MAYBE;
		}
		return m ? SB_MATCH_YES : SB_MATCH_NO;
	}
	case SB_FILTER_ANY: {
		enum sb_match3 r = SB_MATCH_NO;
		for (uint32_t i = 0; i < f->nkids && r != SB_MATCH_YES; i++) {
			enum sb_match3 k = match_depth(a, f->kids[i], arg, len, depth + 1);
			if (k > r)
				r = k;
		}
		return r;
	}
	case SB_FILTER_ALL: {
		enum sb_match3 r = SB_MATCH_YES;
		for (uint32_t i = 0; i < f->nkids && r != SB_MATCH_NO; i++) {
			enum sb_match3 k = match_depth(a, f->kids[i], arg, len, depth + 1);
			if (k < r)
				r = k;
		}
		return r;
	}
	case SB_FILTER_NOT: {
		if (f->nkids != 1)
			return SB_MATCH_MAYBE;
		enum sb_match3 k = match_depth(a, f->kids[0], arg, len, depth + 1);
		return k == SB_MATCH_YES ? SB_MATCH_NO : k == SB_MATCH_NO ? SB_MATCH_YES
		                                                          : SB_MATCH_MAYBE;
	}
	default:
		return SB_MATCH_MAYBE;
	}
}

enum sb_match3 sb_model_match(struct sb_arena *a, const struct sb_filter *f,
                              const char *arg, size_t len)
{
	if (!f)
		return SB_MATCH_YES;
	return match_depth(a, f, arg, len, 0);
}

/* ---------------------------------------------------------------- the model */

struct op_rules {
	const struct sb_rule **filtered;      /* in order */
	size_t nfiltered;
	const struct sb_rule **unfiltered;
	size_t nunfiltered;
};

struct sb_model {
	struct sb_arena *a;
	int target;
	struct op_rules *ops;                 /* by sb_db_op index */
	size_t nops;
};

struct sb_model *sb_model_new(struct sb_arena *a, const struct sb_rule_list *rules, int target)
{
	struct sb_model *m = sb_arena_alloc(a, sizeof *m);
	if (!m)
		return NULL;
	m->a = a;
	m->target = target;
	m->nops = sb_db_op_count();
	m->ops = sb_arena_calloc(a, m->nops, sizeof *m->ops);
	size_t *nf = sb_arena_calloc(a, m->nops, sizeof *nf), *nu = sb_arena_calloc(a, m->nops, sizeof *nu);
	if (!m->ops || !nf || !nu)
		return NULL;
	for (size_t i = 0; i < rules->n; i++) {
		const struct sb_rule *r = rules->v[i];
		if (!r->op || r->op->index >= m->nops)
			continue;
		if (r->filter)
			nf[r->op->index]++;
		else
			nu[r->op->index]++;
	}
	for (size_t k = 0; k < m->nops; k++) {
		if (nf[k] && !(m->ops[k].filtered = sb_arena_calloc(a, nf[k], sizeof(void *))))
			return NULL;
		if (nu[k] && !(m->ops[k].unfiltered = sb_arena_calloc(a, nu[k], sizeof(void *))))
			return NULL;
	}
	for (size_t i = 0; i < rules->n; i++) {
		const struct sb_rule *r = rules->v[i];
		if (!r->op || r->op->index >= m->nops)
			continue;
		struct op_rules *o = &m->ops[r->op->index];
		if (r->filter)
			o->filtered[o->nfiltered++] = r;
		else
			o->unfiltered[o->nunfiltered++] = r;
	}
	return m;
}

static enum sb_decision of_action(enum sb_action a)
{
	return a == SB_ACTION_ALLOW ? SB_DECISION_ALLOW : SB_DECISION_DENY;
}

void sb_model_decide(struct sb_model *m, const struct sb_db_op *op, const char *arg,
                     size_t len, struct sb_model_result *out)
{
	memset(out, 0, sizeof *out);
	const struct sb_rule *decider = NULL;
	const struct sb_db_op *cur = op;
	while (cur && !decider) {
		if (out->nvia < SB_MODEL_MAX_VIA)
			out->via[out->nvia++] = cur;
		const struct op_rules *o = cur->index < m->nops ? &m->ops[cur->index] : NULL;
		for (size_t i = o ? o->nfiltered : 0; i-- > 0 && !decider;) {
			const struct sb_rule *r = o->filtered[i];
			enum sb_match3 k = sb_model_match(m->a, r->filter, arg, len);
			if (k == SB_MATCH_YES && r->conditional)
				k = SB_MATCH_MAYBE;
			if (k == SB_MATCH_YES)
				decider = r;
			else if (k == SB_MATCH_MAYBE && !out->maybe)
				out->maybe = r;
		}
		for (size_t i = o ? o->nunfiltered : 0; i-- > 0 && !decider;) {
			const struct sb_rule *r = o->unfiltered[i];
			if (!r->conditional)
				decider = r;
			else if (!out->maybe)
				out->maybe = r;
		}
		if (decider)
			break;
		const struct sb_db_op *parent = sb_db_op_parent_in(cur, m->target);
		if (!parent) {
			enum sb_db_action t = sb_db_op_terminal_in(cur, m->target);
			out->terminal_op = cur;
			out->decision = t == SB_DB_ACTION_ALLOW ? SB_DECISION_ALLOW : SB_DECISION_DENY;
			break;
		}
		cur = parent;
	}
	if (decider) {
		out->rule = decider;
		out->decision = of_action(decider->action);
	}
	if (out->maybe)
		out->decision = SB_DECISION_UNKNOWN;
}

/* ---------------------------------------------------------------- the index */

struct ent {
	uint64_t h;
	const void *filt;               /* db filter, or NULL for a whole-filter key */
	const char *s;
	uint32_t len, op;
	uint8_t match, used;
	const struct sb_rule *best[2];  /* latest non-conditional rule per action */
};

struct index {
	struct ent *v;
	size_t cap;                     /* power of two */
	/* regex leaves per operation, latest first */
	struct rx { const struct sb_rule *rule; const void *filt; const struct sb_regex *re;
	            const char *pre; size_t plen;   /* what every match begins with */
	            struct rx *next; } **rx;
	size_t nops;
	struct sb_arena *a;
};

#define FNV_OFF 1469598103934665603ULL
#define FNV_PRIME 1099511628211ULL

static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * FNV_PRIME;
	return h;
}

static uint64_t finish(uint64_t h, uint32_t op, const void *filt, unsigned match)
{
	h ^= ((uint64_t)op << 32) ^ (uint64_t)(uintptr_t)filt ^ ((uint64_t)match << 56);
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 32;
	return h;
}

static struct ent *slot(struct index *x, uint64_t h, uint32_t op, const void *filt,
                        unsigned match, const char *s, size_t len, bool create)
{
	size_t mask = x->cap - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		struct ent *e = &x->v[i];
		if (!e->used) {
			if (!create)
				return NULL;
			e->used = 1;
			e->h = h;
			e->op = op;
			e->filt = filt;
			e->match = (uint8_t)match;
			e->s = s;
			e->len = (uint32_t)len;
			return e;
		}
		if (e->h == h && e->op == op && e->filt == filt && e->match == match &&
		    e->len == len && memcmp(e->s, s, len) == 0)
			return e;
	}
}

/* A whole filter as text (for duplicate keys); NULL when it holds unknowns. */
static bool ser(struct sb_arena *a, const struct sb_filter *f, char **buf, size_t *n,
                size_t *cap, int depth);

static bool put(struct sb_arena *a, char **buf, size_t *n, size_t *cap, const char *s, size_t len)
{
	if (*n + len + 1 > *cap) {
		size_t nc = (*cap ? *cap * 2 : 64);
		while (nc < *n + len + 1)
			nc *= 2;
		char *nb = sb_arena_grow(a, *buf, *n, nc, 1);
		if (!nb)
			return false;
		*buf = nb;
		*cap = nc;
	}
	memcpy(*buf + *n, s, len);
	*n += len;
	(*buf)[*n] = 0;
	return true;
}

static bool ser_value(struct sb_arena *a, const struct sb_value *v, char **buf, size_t *n,
                      size_t *cap)
{
	char tmp[48];
	if (!v)
		return put(a, buf, n, cap, "-", 1);
	switch (v->kind) {
	case SB_V_STR:
		snprintf(tmp, sizeof tmp, "s%u:", (unsigned)v->u.str.len);
		return put(a, buf, n, cap, tmp, strlen(tmp)) &&
		       put(a, buf, n, cap, v->u.str.s, v->u.str.len);
	case SB_V_NUM:
		if (!(v->flags & SB_VF_EXACT))
			return false;
		snprintf(tmp, sizeof tmp, "n%lld", (long long)v->u.num.i);
		return put(a, buf, n, cap, tmp, strlen(tmp));
	case SB_V_SYM:
		snprintf(tmp, sizeof tmp, "y%u:", (unsigned)v->u.sym->len);
		return put(a, buf, n, cap, tmp, strlen(tmp)) &&
		       put(a, buf, n, cap, v->u.sym->name, v->u.sym->len);
	case SB_V_BOOL:
		return put(a, buf, n, cap, v->u.boolean.b ? "#t" : "#f", 2);
	default:
		return false;
	}
}

static bool ser(struct sb_arena *a, const struct sb_filter *f, char **buf, size_t *n,
                size_t *cap, int depth)
{
	char tmp[64];
	if (depth > MAX_DEPTH || f->kind == SB_FILTER_UNKNOWN)
		return false;
	if (f->kind == SB_FILTER_LEAF) {
		if (!f->spelling || !f->spelling->filter)
			return false;
		snprintf(tmp, sizeof tmp, "(%p %d ", (const void *)f->spelling->filter,
		         (int)f->spelling->match);
		return put(a, buf, n, cap, tmp, strlen(tmp)) && ser_value(a, f->arg, buf, n, cap) &&
		       put(a, buf, n, cap, " ", 1) && ser_value(a, f->arg2, buf, n, cap) &&
		       put(a, buf, n, cap, ")", 1);
	}
	snprintf(tmp, sizeof tmp, "[%d", (int)f->kind);
	if (!put(a, buf, n, cap, tmp, strlen(tmp)))
		return false;
	for (uint32_t i = 0; i < f->nkids; i++)
		if (!put(a, buf, n, cap, " ", 1) || !ser(a, f->kids[i], buf, n, cap, depth + 1))
			return false;
	return put(a, buf, n, cap, "]", 1);
}

static const char *filter_key(struct sb_arena *a, const struct sb_filter *f, size_t *len)
{
	char *buf = NULL;
	size_t n = 0, cap = 0;
	if (!f)
		return *len = 1, "U";
	if (!ser(a, f, &buf, &n, &cap, 0) || !buf)
		return NULL;
	*len = n;
	return buf;
}

static void note_rule(struct ent *e, const struct sb_rule *r)
{
	if (!e->best[r->action])
		e->best[r->action] = r;    /* walked last to first: keep the latest */
}

/* Leaves a rule matches through require-any only (each one alone implies the rule). */
static void insert_leaves(struct index *x, const struct sb_rule *r, const struct sb_filter *f,
                          int depth)
{
	if (depth > MAX_DEPTH)
		return;
	if (f->kind == SB_FILTER_ANY) {
		for (uint32_t i = 0; i < f->nkids; i++)
			insert_leaves(x, r, f->kids[i], depth + 1);
		return;
	}
	if (f->kind != SB_FILTER_LEAF)
		return;
	size_t len;
	const char *s = leaf_str(f, &len);
	if (!s)
		return;
	unsigned match = leaf_match(f);
	uint64_t h = finish(fnv(FNV_OFF, s, len), r->op->index, f->spelling->filter, match);
	struct ent *e = slot(x, h, r->op->index, f->spelling->filter, match, s, len, true);
	note_rule(e, r);
	if (match == SB_DB_MATCH_REGEX) {
		struct rx *n = sb_arena_alloc(x->a, sizeof *n);
		if (!n)
			return;
		n->rule = r;
		n->filt = f->spelling->filter;
		n->re = leaf_regex(x->a, f, s, len);
		n->pre = n->re ? sb_regex_literal_prefix(n->re) : NULL;
		n->plen = n->pre ? strlen(n->pre) : 0;
		n->next = x->rx[r->op->index];
		x->rx[r->op->index] = n;
	}
}

static void index_insert(struct index *x, const struct sb_rule *r, const char *key, size_t klen)
{
	if (r->conditional)
		return;
	if (key) {
		uint64_t h = finish(fnv(FNV_OFF, key, klen), r->op->index, NULL, 255);
		note_rule(slot(x, h, r->op->index, NULL, 255, key, klen, true), r);
	}
	if (r->filter)
		insert_leaves(x, r, r->filter, 0);
}

/* Which rules a query accepts as covers. */
struct want {
	uint32_t op;
	int action;                     /* -1: either */
	struct sb_dead *out;            /* witnesses collected here */
};

static bool take(struct want *w, const struct ent *e)
{
	if (!e)
		return false;
	const struct sb_rule *r = NULL;
	if (w->action >= 0)
		r = e->best[w->action];
	else
		r = e->best[0] ? e->best[0] : e->best[1];
	if (!r)
		return false;
	if (w->out) {
		bool have = false;
		for (size_t i = 0; i < w->out->nwitness; i++)
			have |= w->out->witness[i] == r;
		if (!have && w->out->nwitness < SB_DEAD_MAX_WITNESS)
			w->out->witness[w->out->nwitness++] = r;
	}
	return true;
}

static bool probe(struct index *x, struct want *w, const void *filt, unsigned match,
                  const char *s, size_t len, uint64_t h)
{
	return take(w, slot(x, finish(h, w->op, filt, match), w->op, filt, match, s, len, false));
}

/* Is the leaf covered by indexed rules of the wanted operation and action? */
static bool leaf_covered(struct index *x, struct want *w, const struct sb_filter *f)
{
	size_t len;
	const char *s = leaf_str(f, &len);
	if (!s)
		return false;
	const void *filt = f->spelling->filter;
	enum sb_db_match m = leaf_match(f);
	if (probe(x, w, filt, m, s, len, fnv(FNV_OFF, s, len)))
		return true;                   /* the same leaf */
	if (m == SB_DB_MATCH_REGEX) {
		const struct sb_regex *re = leaf_regex(x->a, f, s, len);
		const char *lit = re ? sb_regex_exact_literal(re) : NULL;
		const char *pre = re ? sb_regex_literal_prefix(re) : NULL;
		if (lit) {
			s = lit;
			m = SB_DB_MATCH_EXACT;
		} else if (pre && *pre) {
			s = pre;
			m = SB_DB_MATCH_PREFIX;
		} else
			return false;
		len = strlen(s);
	}
	if (m != SB_DB_MATCH_EXACT && m != SB_DB_MATCH_SUBPATH && m != SB_DB_MATCH_PREFIX)
		return false;
	/* prefixes of s: (prefix P) and (subpath Q) candidates */
	uint64_t h = FNV_OFF;
	for (size_t k = 0; k <= len; k++) {
		if (k > 0)
			h = fnv(h, s + k - 1, 1);
		if (probe(x, w, filt, SB_DB_MATCH_PREFIX, s, k, h)) {
			bool ok = m == SB_DB_MATCH_EXACT ? sb_path_prefix_matches(s, k, s, len)
			        : m == SB_DB_MATCH_SUBPATH ? sb_path_prefix_covers_subpath(s, k, s, len)
			        : sb_path_prefix_covers_prefix(s, k, s, len);
			if (ok)
				return true;
		}
		if (k > 0 && (k == len || s[k] == '/' || k == 1)) {
			bool ok = m == SB_DB_MATCH_EXACT ? sb_path_subpath_matches(s, k, s, len)
			        : m == SB_DB_MATCH_SUBPATH ? sb_path_subpath_covers_subpath(s, k, s, len)
			        : sb_path_subpath_covers_prefix(s, k, s, len);
			if (ok && probe(x, w, filt, SB_DB_MATCH_SUBPATH, s, k, h))
				return true;
		}
	}
	if (m == SB_DB_MATCH_EXACT) {
		if (probe(x, w, filt, SB_DB_MATCH_EXACT, s, len, fnv(FNV_OFF, s, len)))
			return true;
		int budget = REGEX_BUDGET;
		for (const struct rx *r = x->rx[w->op]; r && budget-- > 0; r = r->next) {
			if (!r->re || r->filt != filt ||
			    (w->action >= 0 && (int)r->rule->action != w->action))
				continue;
			if (r->plen && (r->plen > len || memcmp(r->pre, s, r->plen) != 0))
				continue;      /* an anchored regex whose prefix s lacks cannot match */
			if (sb_regex_search(r->re, s, len)) {
				struct ent e = { .best = { NULL, NULL } };
				e.best[r->rule->action] = r->rule;
				return take(w, &e);
			}
		}
	}
	return false;
}

static bool covered_depth(struct index *x, struct want *w, const struct sb_filter *f, int depth)
{
	if (depth > MAX_DEPTH)
		return false;
	switch (f->kind) {
	case SB_FILTER_LEAF:
		return leaf_covered(x, w, f);
	case SB_FILTER_ANY:
		for (uint32_t i = 0; i < f->nkids; i++)
			if (!covered_depth(x, w, f->kids[i], depth + 1))
				return false;
		return true;
	case SB_FILTER_ALL:
		for (uint32_t i = 0; i < f->nkids; i++)
			if (covered_depth(x, w, f->kids[i], depth + 1))
				return true;
		return false;
	default:
		return false;
	}
}

/* Is rule r's filter covered by indexed rules of op / action? */
static bool covered(struct index *x, struct want *w, const struct sb_filter *f,
                    const char *key, size_t klen)
{
	if (key && take(w, slot(x, finish(fnv(FNV_OFF, key, klen), w->op, NULL, 255), w->op,
	                        NULL, 255, key, klen, false)))
		return true;
	size_t saved = w->out ? w->out->nwitness : 0;
	if (f && covered_depth(x, w, f, 0))
		return true;
	if (w->out)
		w->out->nwitness = saved;
	return false;
}

/* ---------------------------------------------------------------- disjointness */

static bool leaves_disjoint(const struct sb_filter *f, const struct sb_filter *g)
{
	size_t fl, gl;
	const char *fs = leaf_str(f, &fl), *gs = leaf_str(g, &gl);
	if (!fs || !gs || f->spelling->filter != g->spelling->filter ||
	    f->spelling->filter->arg != SB_DB_ARG_PATH)
		return false;
	enum sb_db_match fm = leaf_match(f), gm = leaf_match(g);
	if (fm > gm) {
		const char *ts = fs; fs = gs; gs = ts;
		size_t tl = fl; fl = gl; gl = tl;
		enum sb_db_match tm = fm; fm = gm; gm = tm;
	}
	/* EXACT < SUBPATH < PREFIX < REGEX */
	switch (fm) {
	case SB_DB_MATCH_EXACT:
		if (gm == SB_DB_MATCH_EXACT)
			return fl != gl || memcmp(fs, gs, fl) != 0;
		if (gm == SB_DB_MATCH_SUBPATH)
			return !sb_path_subpath_matches(gs, gl, fs, fl);
		if (gm == SB_DB_MATCH_PREFIX)
			return !sb_path_prefix_matches(gs, gl, fs, fl);
		return false;
	case SB_DB_MATCH_SUBPATH:
		if (gm == SB_DB_MATCH_SUBPATH)
			return !sb_path_subpath_matches(fs, fl, gs, gl) &&
			       !sb_path_subpath_matches(gs, gl, fs, fl);
		if (gm == SB_DB_MATCH_PREFIX)
			return !sb_path_prefix_matches(gs, gl, fs, fl) &&
			       !sb_path_subpath_matches(fs, fl, gs, gl);
		return false;
	case SB_DB_MATCH_PREFIX:
		if (gm == SB_DB_MATCH_PREFIX)
			return !sb_path_prefix_matches(fs, fl, gs, gl) &&
			       !sb_path_prefix_matches(gs, gl, fs, fl);
		return false;
	default:
		return false;
	}
}

/* Provably no request matches both (require-any of path leaves only). */
static bool disjoint(const struct sb_filter *f, const struct sb_filter *g, int depth)
{
	if (!f || !g || depth > MAX_DEPTH)
		return false;
	if (f->kind == SB_FILTER_ANY) {
		for (uint32_t i = 0; i < f->nkids; i++)
			if (!disjoint(f->kids[i], g, depth + 1))
				return false;
		return true;
	}
	if (g->kind == SB_FILTER_ANY)
		return disjoint(g, f, depth + 1);
	if (f->kind == SB_FILTER_LEAF && g->kind == SB_FILTER_LEAF)
		return leaves_disjoint(f, g);
	return false;
}

/* ---------------------------------------------------------------- analysis */

struct dupent { const char *key; size_t len; uint64_t h; uint32_t op; int action;
                size_t last; bool used; };

bool sb_model_analyze(struct sb_arena *a, const struct sb_rule_list *rules, int target,
                      struct sb_analysis *out)
{
	memset(out, 0, sizeof *out);
	size_t n = rules->n, nops = sb_db_op_count();
	out->n = n;
	out->dead = sb_arena_calloc(a, n ? n : 1, sizeof *out->dead);
	const char **keys = sb_arena_calloc(a, n ? n : 1, sizeof *keys);
	size_t *klens = sb_arena_calloc(a, n ? n : 1, sizeof *klens);
	bool *twin = sb_arena_calloc(a, n ? n : 1, sizeof *twin);
	if (!out->dead || !keys || !klens || !twin)
		return false;
	size_t nleaves = 0;
	for (size_t i = 0; i < n; i++) {
		const struct sb_rule *r = rules->v[i];
		if (!r->op || r->op->index >= nops)
			continue;
		keys[i] = filter_key(a, r->filter, &klens[i]);
		nleaves += 2;
		if (r->filter && r->filter->kind == SB_FILTER_ANY)
			nleaves += r->filter->nkids;
	}

	/* per op and action, positions of rules (filtered / unfiltered), for "between" */
	struct seqs { size_t *v; size_t n, cap; } *pos = sb_arena_calloc(a, nops * 4, sizeof *pos);
	if (!pos)
		return false;
	for (size_t i = 0; i < n; i++) {
		const struct sb_rule *r = rules->v[i];
		if (!r->op || r->op->index >= nops)
			continue;
		struct seqs *s = &pos[r->op->index * 4 + (r->filter ? 0 : 2) + r->action];
		if (s->n == s->cap) {
			size_t nc = s->cap ? s->cap * 2 : 8;
			size_t *nv = sb_arena_grow(a, s->v, s->n, nc, sizeof *nv);
			if (!nv)
				return false;
			s->v = nv;
			s->cap = nc;
		}
		s->v[s->n++] = i;
	}

	/* duplicates: forward, against the latest earlier rule with the same key */
	size_t dcap = 16;
	while (dcap < 2 * n + 2)
		dcap *= 2;
	struct dupent *dt = sb_arena_calloc(a, dcap, sizeof *dt);
	if (!dt)
		return false;
	for (size_t i = 0; i < n; i++) {
		const struct sb_rule *r = rules->v[i];
		if (!keys[i] || r->conditional)
			continue;
		uint64_t h = finish(fnv(FNV_OFF, keys[i], klens[i]), r->op->index, NULL, r->action);
		struct dupent *e = NULL;
		for (size_t j = h & (dcap - 1);; j = (j + 1) & (dcap - 1)) {
			e = &dt[j];
			if (!e->used || (e->h == h && e->op == r->op->index && e->action == (int)r->action &&
			                 e->len == klens[i] && memcmp(e->key, keys[i], klens[i]) == 0))
				break;
		}
		if (e->used) {
			size_t E = e->last;
			/* opposite-action rules written between them that may overlap */
			struct seqs *s = &pos[r->op->index * 4 + (r->filter ? 0 : 2) + !r->action];
			size_t lo = 0, hi = s->n;
			while (lo < hi) {
				size_t mid = (lo + hi) / 2;
				if (s->v[mid] <= E)
					lo = mid + 1;
				else
					hi = mid;
			}
			bool ok = true;
			int budget = BETWEEN_BUDGET;
			for (size_t k = lo; k < s->n && s->v[k] < i && ok; k++)
				ok = r->filter && budget-- > 0 &&
				     disjoint(r->filter, rules->v[s->v[k]]->filter, 0);
			if (ok) {
				out->dead[i].kind = SB_DEAD_DUPLICATE;
				out->dead[i].witness[0] = rules->v[E];
				out->dead[i].nwitness = 1;
				twin[E] = true;
			}
		} else {
			e->used = true;
			e->h = h;
			e->op = r->op->index;
			e->action = r->action;
			e->key = keys[i];
			e->len = klens[i];
		}
		e->last = i;
	}

	/* dead filtered rules: backward, against the index of later rules */
	struct index x = { .a = a, .nops = nops };
	x.cap = 16;
	while (x.cap < 2 * nleaves + 2)
		x.cap *= 2;
	x.v = sb_arena_calloc(a, x.cap, sizeof *x.v);
	x.rx = sb_arena_calloc(a, nops, sizeof *x.rx);
	if (!x.v || !x.rx)
		return false;
	for (size_t i = n; i-- > 0;) {
		const struct sb_rule *r = rules->v[i];
		if (!r->op || r->op->index >= nops)
			continue;
		struct sb_dead *d = &out->dead[i];
		if (r->filter && !r->conditional && d->kind == SB_DEAD_NONE && !twin[i]) {
			struct want w = { .op = r->op->index, .action = !r->action, .out = d };
			if (covered(&x, &w, r->filter, keys[i], klens[i]))
				d->kind = SB_DEAD_SHADOWED;
			else {
				w.action = r->action;
				if (covered(&x, &w, r->filter, keys[i], klens[i]))
					d->kind = SB_DEAD_REDUNDANT;
			}
		}
		if (r->filter)
			index_insert(&x, r, keys[i], klens[i]);
	}

	/* wildcard rules bypassed by a child operation's own rules */
	bool *has = sb_arena_calloc(a, nops, sizeof *has);
	const struct sb_rule **unf[2];
	unf[0] = sb_arena_calloc(a, nops, sizeof *unf[0]);
	unf[1] = sb_arena_calloc(a, nops, sizeof *unf[1]);
	if (!has || !unf[0] || !unf[1])
		return false;
	for (size_t i = 0; i < n; i++) {
		const struct sb_rule *r = rules->v[i];
		if (!r->op || r->op->index >= nops || r->conditional)
			continue;
		has[r->op->index] = true;
		if (!r->filter && !unf[r->action][r->op->index])
			unf[r->action][r->op->index] = r;
	}
	size_t *withrules = sb_arena_calloc(a, nops, sizeof *withrules), nwith = 0;
	if (!withrules)
		return false;
	for (size_t k = 0; k < nops; k++)
		if (has[k])
			withrules[nwith++] = k;
	size_t bcap = 0;
	for (size_t i = 0; i < n; i++) {
		const struct sb_rule *r = rules->v[i];
		if (!r->op || r->op->index >= nops || r->conditional || !r->filter ||
		    !(r->op->flags & SB_DB_OP_WILDCARD) || strcmp(r->op->name, "default") == 0)
			continue;
		for (size_t j = 0; j < nwith; j++) {
			size_t k = withrules[j];
			const struct sb_db_op *child = sb_db_op_at(k);
			if (child == r->op || !sb_db_op_is_under_in(child, r->op, target))
				continue;
			const struct sb_rule *wit = unf[!r->action][k];
			struct sb_dead tmp = { 0 };
			struct want w = { .op = (uint32_t)k, .action = !r->action, .out = &tmp };
			if (!wit && covered(&x, &w, r->filter, keys[i], klens[i]) && tmp.nwitness)
				wit = tmp.witness[0];
			if (!wit)
				continue;
			if (out->nbypass == bcap) {
				size_t nc = bcap ? bcap * 2 : 8;
				struct sb_bypass *nb = sb_arena_grow(a, out->bypass, bcap, nc, sizeof *nb);
				if (!nb)
					return false;
				out->bypass = nb;
				bcap = nc;
			}
			out->bypass[out->nbypass++] = (struct sb_bypass){ r, child, wit };
			break;
		}
	}
	return !sb_arena_failed(a);
}
