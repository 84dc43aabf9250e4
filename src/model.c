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
#include "hash.h"
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
/* Leaf pairs compared for those overlap checks, at most (per duplicate). */
#define DISJOINT_BUDGET 4096

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

/*
 * Filters whose string is what a request is about: its path or the name it
 * looks up.  Others hold an attribute the request does not carry (extension,
 * signing-identifier, xattr, storage-class, mount-relative-path ...), so a
 * request's argument says nothing about them: they "maybe" match.
 */
static bool about_argument(const struct sb_filter *f)
{
	static const char *const names[] = {
		"path", "global-name", "local-name", "xpc-service-name", "sysctl-name",
		"ipc-posix-name", "iokit-registry-entry-class", "preference-domain",
		"notification-name", "appleevent-destination", "right-name", "nvram-variable",
		"kext-bundle-id", "control-name", "filesystem-name", "mac-policy-name",
	};
	const char *name = f->spelling->filter->name;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(name, names[i]) == 0)
			return true;
	return false;
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
		if (!fs || !arg || !about_argument(f))
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

/* match form of a whole-filter key (duplicate filters), beside enum sb_db_match */
#define WHOLE 255u

/*
 * One key of the index: a leaf (operation, db filter, match form, string) or a
 * whole filter tree (match WHOLE, key the filter, compared structurally).
 */
struct ent {
	const void *key;                /* the leaf's string, or the whole filter */
	const void *filt;               /* db filter, or NULL for a whole-filter key */
	uint32_t len, op;
	uint8_t match;
	const struct sb_rule *best[2];  /* latest non-conditional rule per action */
};

/* Open addressing over small slots that point into a dense entry array. */
struct hslot { uint32_t idx, tag; };   /* idx: entry + 1 (0: empty); tag: hash bits */

struct index {
	struct ent *e;
	size_t ne, cape;
	struct hslot *slots;
	size_t cap;                     /* power of two, at least twice cape */
	/* regex leaves per operation, latest first */
	struct rx { const struct sb_rule *rule; const void *filt; const struct sb_regex *re;
	            const char *pre; size_t plen;   /* what every match begins with */
	            struct rx *next; } **rx;
	size_t nops;
	struct sb_arena *a;
};


static uint64_t mix(uint64_t h, uint64_t v)
{
	h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
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

/*
 * A hash of a filter tree consistent with equal_depth(): equal trees hash
 * alike.  false when the tree holds something never provably equal (an
 * unknown filter or value), which is then never a duplicate.
 */
static bool value_hash(const struct sb_value *v, uint64_t *h)
{
	if (!v) {
		*h = mix(*h, 1);
		return true;
	}
	switch (v->kind) {
	case SB_V_STR:
		*h = sb_fnv1a(mix(*h, 2 + ((uint64_t)v->u.str.len << 8)), v->u.str.s, v->u.str.len);
		return true;
	case SB_V_NUM:
		if (!(v->flags & SB_VF_EXACT))
			return false;
		*h = mix(mix(*h, 3), (uint64_t)v->u.num.i);
		return true;
	case SB_V_SYM:
		*h = mix(mix(*h, 4), (uint64_t)(uintptr_t)v->u.sym);
		return true;
	case SB_V_BOOL:
		*h = mix(*h, v->u.boolean.b ? 5 : 6);
		return true;
	default:
		return false;
	}
}

static bool filter_hash(const struct sb_filter *f, uint64_t *h, int depth)
{
	if (depth > MAX_DEPTH || f->kind == SB_FILTER_UNKNOWN)
		return false;
	*h = mix(*h, (uint64_t)f->kind + 16);
	if (f->kind == SB_FILTER_LEAF) {
		if (!f->spelling || !f->spelling->filter)
			return false;
		*h = mix(mix(*h, (uint64_t)(uintptr_t)f->spelling->filter), f->spelling->match);
		return value_hash(f->arg, h) && value_hash(f->arg2, h);
	}
	*h = mix(*h, f->nkids);
	for (uint32_t i = 0; i < f->nkids; i++)
		if (!filter_hash(f->kids[i], h, depth + 1))
			return false;
	return true;
}

static bool ent_is(const struct ent *e, uint32_t op, const void *filt, unsigned match,
                   const void *key, size_t len)
{
	if (e->op != op || e->filt != filt || e->match != match)
		return false;
	if (match == WHOLE)
		return equal_depth(e->key, key, 0);
	return e->len == len && memcmp(e->key, key, len) == 0;
}

/* The entry for a key; with create, a new empty one when absent (NULL: out of room). */
static struct ent *slot(struct index *x, uint64_t h, uint32_t op, const void *filt,
                        unsigned match, const void *key, size_t len, bool create)
{
	size_t mask = x->cap - 1;
	uint32_t tag = (uint32_t)(h >> 32);
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		struct hslot *s = &x->slots[i];
		if (!s->idx) {
			if (!create || x->ne == x->cape)
				return NULL;
			struct ent *e = &x->e[x->ne++];
			e->key = key;
			e->filt = filt;
			e->len = (uint32_t)len;
			e->op = op;
			e->match = (uint8_t)match;
			s->idx = (uint32_t)x->ne;
			s->tag = tag;
			return e;
		}
		if (s->tag == tag && ent_is(&x->e[s->idx - 1], op, filt, match, key, len))
			return &x->e[s->idx - 1];
	}
}

static void note_rule(struct ent *e, const struct sb_rule *r)
{
	if (e && !e->best[r->action])
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
	uint64_t h = finish(sb_fnv1a(SB_FNV_OFFSET, s, len), r->op->index, f->spelling->filter,
	                    match);
	note_rule(slot(x, h, r->op->index, f->spelling->filter, match, s, len, true), r);
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

/* A rule's whole-filter key: keyed says whether it has one, h its hash. */
struct fkey { uint64_t h; bool keyed; };

static uint64_t whole_hash(const struct fkey *k, uint32_t op)
{
	return finish(k->h, op, NULL, WHOLE);
}

static void index_insert(struct index *x, const struct sb_rule *r, const struct fkey *k)
{
	if (r->conditional)
		return;
	if (k->keyed && r->filter)
		note_rule(slot(x, whole_hash(k, r->op->index), r->op->index, NULL, WHOLE, r->filter,
		               0, true), r);
	if (r->filter)
		insert_leaves(x, r, r->filter, 0);
}

/* Which rules a query accepts as covers. */
struct want {
	uint32_t op;
	int action;                     /* -1: either */
	struct sb_dead *out;            /* witnesses collected here */
};

static bool has_wanted(const struct want *w, const struct ent *e)
{
	return e && (w->action >= 0 ? e->best[w->action] != NULL : e->best[0] || e->best[1]);
}

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

static const struct ent *find(struct index *x, struct want *w, const void *filt, unsigned match,
                              const char *s, size_t len, uint64_t h)
{
	return slot(x, finish(h, w->op, filt, match), w->op, filt, match, s, len, false);
}

static bool probe(struct index *x, struct want *w, const void *filt, unsigned match,
                  const char *s, size_t len, uint64_t h)
{
	return take(w, find(x, w, filt, match, s, len, h));
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
	if (probe(x, w, filt, m, s, len, sb_fnv1a(SB_FNV_OFFSET, s, len)))
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
	/* prefixes of s: (prefix P) and (subpath Q) candidates; the containment
	 * test (linear in k) runs only for a key that is in the index */
	uint64_t h = SB_FNV_OFFSET;
	for (size_t k = 0; k <= len; k++) {
		if (k > 0)
			h = sb_fnv1a(h, s + k - 1, 1);
		if (probe(x, w, filt, SB_DB_MATCH_PREFIX, s, k, h)) {
			bool ok = m == SB_DB_MATCH_EXACT ? sb_path_prefix_matches(s, k, s, len)
			        : m == SB_DB_MATCH_SUBPATH ? sb_path_prefix_covers_subpath(s, k, s, len)
			        : sb_path_prefix_covers_prefix(s, k, s, len);
			if (ok)
				return true;
		}
		if (k > 0 && (k == len || s[k] == '/' || k == 1)) {
			const struct ent *e = find(x, w, filt, SB_DB_MATCH_SUBPATH, s, k, h);
			if (!has_wanted(w, e))
				continue;
			bool ok = m == SB_DB_MATCH_EXACT ? sb_path_subpath_matches(s, k, s, len)
			        : m == SB_DB_MATCH_SUBPATH ? sb_path_subpath_covers_subpath(s, k, s, len)
			        : sb_path_subpath_covers_prefix(s, k, s, len);
			if (ok && take(w, e))
				return true;
		}
	}
	if (m == SB_DB_MATCH_EXACT) {
		if (probe(x, w, filt, SB_DB_MATCH_EXACT, s, len, sb_fnv1a(SB_FNV_OFFSET, s, len)))
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

/* Is filter f (whole-filter key k) covered by indexed rules of op / action? */
static bool covered(struct index *x, struct want *w, const struct sb_filter *f,
                    const struct fkey *k)
{
	if (f && k->keyed && take(w, slot(x, whole_hash(k, w->op), w->op, NULL, WHOLE, f, 0, false)))
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

/*
 * Provably no request matches both (require-any of path leaves only).  Each
 * leaf pair compared spends one of *budget; when it runs out the answer is
 * "not provable", so two large require-any filters cost a bounded amount.
 */
static bool disjoint(const struct sb_filter *f, const struct sb_filter *g, int depth,
                     size_t *budget)
{
	if (!f || !g || depth > MAX_DEPTH)
		return false;
	if (f->kind == SB_FILTER_ANY) {
		for (uint32_t i = 0; i < f->nkids; i++)
			if (!disjoint(f->kids[i], g, depth + 1, budget))
				return false;
		return true;
	}
	if (g->kind == SB_FILTER_ANY)
		return disjoint(g, f, depth + 1, budget);
	/* a require-all matches within each of its parts: one part apart is enough */
	if (f->kind == SB_FILTER_ALL) {
		for (uint32_t i = 0; i < f->nkids; i++)
			if (disjoint(f->kids[i], g, depth + 1, budget))
				return true;
		return false;
	}
	if (g->kind == SB_FILTER_ALL)
		return disjoint(g, f, depth + 1, budget);
	if (f->kind == SB_FILTER_LEAF && g->kind == SB_FILTER_LEAF) {
		if (*budget == 0)
			return false;
		--*budget;
		return leaves_disjoint(f, g);
	}
	return false;
}

/* ---------------------------------------------------------------- analysis */

/* Index entries rule r can add: its whole filter and the leaves insert_leaves visits. */
static size_t count_leaves(const struct sb_filter *f, int depth)
{
	if (depth > MAX_DEPTH)
		return 0;
	if (f->kind == SB_FILTER_LEAF)
		return 1;
	size_t k = 0;
	if (f->kind == SB_FILTER_ANY)
		for (uint32_t i = 0; i < f->nkids; i++)
			k += count_leaves(f->kids[i], depth + 1);
	return k;
}

static bool same_key(const struct sb_rule *r, const struct sb_rule *q)
{
	return r->op == q->op && r->action == q->action &&
	       (r->filter ? q->filter && equal_depth(r->filter, q->filter, 0) : !q->filter);
}

/*
 * The same modifiers: a rule's modifiers come with its decision (the last
 * unfiltered rule sets the fallback, (with report), (with send-signal ...)),
 * so two rules that differ only in them are not duplicates.  Message filters
 * are compared by identity: equal only when they are the same.
 */
bool sb_model_same_modifiers(const struct sb_rule *x, const struct sb_rule *y)
{
	if (x->nmods != y->nmods)
		return false;
	for (uint32_t i = 0; i < x->nmods; i++) {
		const struct sb_modifier *m = x->mods[i], *k = y->mods[i];
		if (m == k)
			continue;
		if (m->mod != k->mod || m->nnested || k->nnested ||
		    (!m->mod && strcmp(m->spelled, k->spelled) != 0) ||
		    !m->arg != !k->arg || (m->arg && !sb_value_equal(m->arg, k->arg)))
			return false;
	}
	return true;
}

bool sb_model_analyze(struct sb_arena *a, const struct sb_rule_list *rules, int target,
                      struct sb_analysis *out)
{
	memset(out, 0, sizeof *out);
	size_t n = rules->n, nops = sb_db_op_count();
	if (n >= UINT32_MAX / 4)
		return false;                   /* slots hold 32-bit positions */
	out->n = n;
	out->dead = sb_arena_calloc(a, n ? n : 1, sizeof *out->dead);
	struct fkey *keys = sb_arena_calloc(a, n ? n : 1, sizeof *keys);
	bool *twin = sb_arena_calloc(a, n ? n : 1, sizeof *twin);
	size_t *npos = sb_arena_calloc(a, nops * 4, sizeof *npos);
	if (!out->dead || !keys || !twin || !npos)
		return false;
	size_t nleaves = 0;
	for (size_t i = 0; i < n; i++) {
		const struct sb_rule *r = rules->v[i];
		if (!r->op || r->op->index >= nops)
			continue;
		keys[i].h = SB_FNV_OFFSET;
		keys[i].keyed = !r->filter || filter_hash(r->filter, &keys[i].h, 0);
		if (r->filter)
			nleaves += 1 + count_leaves(r->filter, 0);
		npos[r->op->index * 4 + (r->filter ? 0 : 2) + r->action]++;
	}
	if (nleaves >= UINT32_MAX / 4)
		return false;

	/* per op and action, positions of rules (filtered / unfiltered), for "between" */
	struct seqs { size_t *v; size_t n; } *pos = sb_arena_calloc(a, nops * 4, sizeof *pos);
	if (!pos)
		return false;
	for (size_t k = 0; k < nops * 4; k++)
		if (npos[k] && !(pos[k].v = sb_arena_calloc(a, npos[k], sizeof *pos[k].v)))
			return false;
	for (size_t i = 0; i < n; i++) {
		const struct sb_rule *r = rules->v[i];
		if (!r->op || r->op->index >= nops)
			continue;
		struct seqs *s = &pos[r->op->index * 4 + (r->filter ? 0 : 2) + r->action];
		s->v[s->n++] = i;
	}

	/* duplicates: forward, against the latest earlier rule with the same key;
	 * a slot holds that rule's position + 1 */
	size_t dcap = 16;
	while (dcap < 2 * n + 2)
		dcap *= 2;
	struct hslot *dt = sb_arena_calloc(a, dcap, sizeof *dt);
	if (!dt)
		return false;
	for (size_t i = 0; i < n; i++) {
		const struct sb_rule *r = rules->v[i];
		if (!r->op || r->op->index >= nops || !keys[i].keyed || r->conditional)
			continue;
		uint64_t h = finish(keys[i].h, r->op->index, NULL, r->action);
		uint32_t tag = (uint32_t)(h >> 32);
		struct hslot *e = NULL;
		for (size_t j = h & (dcap - 1);; j = (j + 1) & (dcap - 1)) {
			e = &dt[j];
			if (!e->idx || (e->tag == tag && same_key(rules->v[e->idx - 1], r) &&
			                   sb_model_same_modifiers(rules->v[e->idx - 1], r)))
				break;
		}
		if (e->idx) {
			size_t E = e->idx - 1;
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
			size_t pairs = DISJOINT_BUDGET;
			for (size_t k = lo; k < s->n && s->v[k] < i && ok; k++)
				ok = r->filter && budget-- > 0 &&
				     disjoint(r->filter, rules->v[s->v[k]]->filter, 0, &pairs);
			if (ok) {
				out->dead[i].kind = SB_DEAD_DUPLICATE;
				out->dead[i].witness[0] = rules->v[E];
				out->dead[i].nwitness = 1;
				twin[E] = true;
			}
		}
		e->tag = tag;
		e->idx = (uint32_t)i + 1;
	}

	/*
	 * Dead unfiltered rules: the last unfiltered rule of an operation is its
	 * fallback, so every earlier one never decides anything -- shadowed when
	 * the last is the other action (a later (allow default) undoes the
	 * profile's (deny default)), redundant when it is the same.
	 */
	const struct sb_rule **last_unf = sb_arena_calloc(a, nops, sizeof *last_unf);
	if (!last_unf)
		return false;
	for (size_t i = 0; i < n; i++) {
		const struct sb_rule *r = rules->v[i];
		if (r->op && r->op->index < nops && !r->filter && !r->conditional)
			last_unf[r->op->index] = r;
	}
	for (size_t i = 0; i < n; i++) {
		const struct sb_rule *r = rules->v[i];
		if (!r->op || r->op->index >= nops || r->filter || r->conditional || twin[i] ||
		    out->dead[i].kind != SB_DEAD_NONE)
			continue;
		const struct sb_rule *w = last_unf[r->op->index];
		if (!w || w == r)
			continue;
		out->dead[i].kind = w->action == r->action ? SB_DEAD_REDUNDANT : SB_DEAD_SHADOWED;
		out->dead[i].witness[0] = w;
		out->dead[i].nwitness = 1;
	}

	/* dead filtered rules: backward, against the index of later rules */
	struct index x = { .a = a, .nops = nops, .cape = nleaves };
	x.cap = 16;
	while (x.cap < 2 * nleaves + 2)
		x.cap *= 2;
	x.e = sb_arena_calloc(a, nleaves ? nleaves : 1, sizeof *x.e);
	x.slots = sb_arena_calloc(a, x.cap, sizeof *x.slots);
	x.rx = sb_arena_calloc(a, nops, sizeof *x.rx);
	if (!x.e || !x.slots || !x.rx)
		return false;
	for (size_t i = n; i-- > 0;) {
		const struct sb_rule *r = rules->v[i];
		if (!r->op || r->op->index >= nops)
			continue;
		struct sb_dead *d = &out->dead[i];
		if (r->filter && !r->conditional && d->kind == SB_DEAD_NONE && !twin[i]) {
			struct want w = { .op = r->op->index, .action = !r->action, .out = d };
			if (covered(&x, &w, r->filter, &keys[i]))
				d->kind = SB_DEAD_SHADOWED;
			else {
				w.action = r->action;
				if (covered(&x, &w, r->filter, &keys[i]))
					d->kind = SB_DEAD_REDUNDANT;
			}
		}
		if (r->filter)
			index_insert(&x, r, &keys[i]);
	}

	/* wildcard rules bypassed by a child operation's own rules */
	bool *has = sb_arena_calloc(a, nops, sizeof *has);
	bool *undecided = sb_arena_calloc(a, nops, sizeof *undecided);
	if (!has || !undecided)
		return false;
	for (size_t i = 0; i < n; i++) {
		const struct sb_rule *r = rules->v[i];
		if (!r->op || r->op->index >= nops)
			continue;
		has[r->op->index] = true;
		if (r->conditional)
			undecided[r->op->index] = true;   /* its rules may or may not exist */
	}
	size_t *withrules = sb_arena_calloc(a, nops, sizeof *withrules), nwith = 0;
	if (!withrules)
		return false;
	for (size_t k = 0; k < nops; k++)
		if (has[k] && !undecided[k])
			withrules[nwith++] = k;
	/* per wildcard operation, its operations with rules (in index order),
	 * found once rather than once per rule on it */
	struct kids { size_t *v; size_t n; bool done; } *under = sb_arena_calloc(a, nops, sizeof *under);
	if (!under)
		return false;
	size_t bcap = 0;
	for (size_t i = 0; i < n; i++) {
		const struct sb_rule *r = rules->v[i];
		if (!r->op || r->op->index >= nops || r->conditional || !r->filter ||
		    !(r->op->flags & SB_DB_OP_WILDCARD) || strcmp(r->op->name, "default") == 0)
			continue;
		struct kids *u = &under[r->op->index];
		if (!u->done) {
			if (!(u->v = sb_arena_calloc(a, nwith ? nwith : 1, sizeof *u->v)))
				return false;
			for (size_t j = 0; j < nwith; j++) {
				const struct sb_db_op *child = sb_db_op_at(withrules[j]);
				if (child != r->op && sb_db_op_is_under_in(child, r->op, target))
					u->v[u->n++] = withrules[j];
			}
			u->done = true;
		}
		for (size_t j = 0; j < u->n; j++) {
			size_t k = u->v[j];
			const struct sb_db_op *child = sb_db_op_at(k);
			/*
			 * The child never consults r when it has an unfiltered rule; it
			 * decides r's requests the other way when that fallback is the
			 * other action, or when its other-action rules cover r -- and, in
			 * both cases, none of its same-action rules may match r's requests.
			 */
			const struct sb_rule *wit = NULL;
			if (last_unf[k]) {
				if (last_unf[k]->action == r->action)
					continue;
				wit = last_unf[k];
			} else {
				struct sb_dead tmp = { 0 };
				struct want w = { .op = (uint32_t)k, .action = !r->action, .out = &tmp };
				if (covered(&x, &w, r->filter, &keys[i]) && tmp.nwitness)
					wit = tmp.witness[0];
			}
			if (!wit)
				continue;
			const struct seqs *same = &pos[k * 4 + 0 + r->action];
			bool apart = same->n <= BETWEEN_BUDGET;
			size_t pairs = DISJOINT_BUDGET;
			for (size_t q = 0; apart && q < same->n; q++)
				apart = disjoint(r->filter, rules->v[same->v[q]]->filter, 0, &pairs);
			if (!apart)
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
