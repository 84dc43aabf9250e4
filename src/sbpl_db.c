/*
 * sbpl_db.c -- lookups over the SBPL name tables. The tables themselves are generated
 * from data/<table>.tsv into sbpl_db_tables.c (see data/gen-db.awk); this file only
 * searches them: binary search by strcmp(), no allocation, no state.
 */
#include "sbpl_db.h"

#include <stdio.h>
#include <string.h>

#define DB_BIT(n) (UINT64_C(1) << (n))
#define DB_COUNTOF(a) (sizeof(a) / sizeof((a)[0]))
#define DB_MAX_DEPTH 64          /* fallback chains are < 10 long; the generator checks cycles */
#define DB_MAX_SUGGEST_LEN 64    /* longer names are never close to a table name */

struct db_constant {
	const char *name;
	long value;
	bool value_known;
	uint64_t sets;
};

struct db_family {                /* PREFIX[A-Z]?[A-Za-z0-9_]* or [A-Za-z0-9_]*SUFFIX */
	const char *prefix;
	const char *suffix;
	bool upper_next;              /* the first character after PREFIX is A-Z */
	uint64_t sets;
};

#include "sbpl_db_tables.c"

/* ------------------------------------------------------------------ versions */

static bool parse_part(const char **p, int *out)
{
	int v = 0, digits = 0;

	while (**p >= '0' && **p <= '9') {
		if (++digits > 2)
			return false;
		v = v * 10 + (**p - '0');
		(*p)++;
	}
	*out = v;
	return digits > 0;
}

/* "macos-14.4", "macOS 14.4", "14.4", "10.15", "14", "14.4.1" -> 1404 etc.; -1 if bad. */
int sb_db_version_parse(const char *text)
{
	static const char prefix[] = "macos";
	const char *p = text;
	int major, minor = 0, patch;
	size_t i;

	if (p == NULL)
		return -1;
	for (i = 0; i < sizeof(prefix) - 1; i++)
		if ((p[i] | 0x20) != prefix[i])
			break;
	if (i == sizeof(prefix) - 1) {
		p += i;
		if (*p == '-' || *p == ' ')
			p++;
	}
	if (!parse_part(&p, &major) || major < 10)
		return -1;
	if (*p == '.') {
		p++;
		if (!parse_part(&p, &minor))
			return -1;
		if (*p == '.') {
			p++;
			if (!parse_part(&p, &patch))
				return -1;
		}
	}
	if (*p != '\0')
		return -1;
	return major * 100 + minor;
}

void sb_db_version_format(int version, char *buf, size_t size)
{
	if (size == 0)
		return;
	if (version <= 0)
		snprintf(buf, size, "any");
	else
		snprintf(buf, size, "%d.%d", version / 100, version % 100);
}

/*
 * Where a name stands in VERSION. Sampled tables (data/versions.tsv) are the only evidence:
 * "not yet" at or below the newest sampled table before its first version, "removed" at or
 * above the oldest sampled table after its last; between tables (10.11, 11, 15) nothing is
 * claimed, so a name is KNOWN there. Version 0 (any) knows every name, iOS-only ones too.
 */
enum sb_db_avail sb_db_versions_check(const struct sb_db_versions *v, int version)
{
	if (v == NULL || version <= 0)
		return SB_DB_AVAIL_KNOWN;
	if (v->ios_only)
		return SB_DB_AVAIL_IOS_ONLY;
	if (v->absent_before != 0 && version <= v->absent_before)
		return SB_DB_AVAIL_NOT_YET;
	if (v->absent_from != 0 && version >= v->absent_from)
		return SB_DB_AVAIL_REMOVED;
	return SB_DB_AVAIL_KNOWN;
}

/* ------------------------------------------------------------------ search */

/*
 * Binary search of a table sorted by its first member, a `const char *name`.
 * Every table struct starts with that member, so it is read through a pointer to
 * the first member of each element (C11 6.7.2.1p15).
 */
static const void *find(const void *base, size_t n, size_t size, const char *name)
{
	const char *bytes = base;
	size_t lo = 0, hi = n;

	if (name == NULL)
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const void *elem = bytes + mid * size;
		int c = strcmp(name, *(const char *const *)elem);
		if (c == 0)
			return elem;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

#define FIND(table, name) find((table), DB_COUNTOF(table), sizeof((table)[0]), (name))

/* ------------------------------------------------------------------ operations */

size_t sb_db_op_count(void)
{
	return DB_N_OPS;
}

const struct sb_db_op *sb_db_op_at(size_t index)
{
	return index < DB_N_OPS ? &db_ops[index] : NULL;
}

const struct sb_db_op *sb_db_op_lookup(const char *name)
{
	return FIND(db_ops, name);
}

enum sb_db_avail sb_db_op_known_in(const struct sb_db_op *op, int version)
{
	return op ? sb_db_versions_check(&op->versions, version) : SB_DB_AVAIL_KNOWN;
}

static bool in_history(const struct sb_db_op *op, int version)
{
	return version > 0 && op->history_until != 0 && version <= op->history_until;
}

const struct sb_db_op *sb_db_op_parent_in(const struct sb_db_op *op, int version)
{
	if (op == NULL)
		return NULL;
	return in_history(op, version) ? op->history_parent : op->parent;
}

enum sb_db_action sb_db_op_terminal_in(const struct sb_db_op *op, int version)
{
	if (op == NULL)
		return SB_DB_ACTION_NONE;
	return in_history(op, version) ? op->history_terminal : op->terminal;
}

bool sb_db_op_is_under_in(const struct sb_db_op *op, const struct sb_db_op *ancestor, int version)
{
	int depth;

	if (ancestor == NULL)
		return false;
	for (depth = 0; op != NULL && depth < DB_MAX_DEPTH; depth++) {
		if (op == ancestor)
			return true;
		op = sb_db_op_parent_in(op, version);
	}
	return false;
}

bool sb_db_op_is_under(const struct sb_db_op *op, const struct sb_db_op *ancestor)
{
	return sb_db_op_is_under_in(op, ancestor, 0);
}

/* ------------------------------------------------------------------ aliases */

const struct sb_db_alias *sb_db_alias_lookup(const char *name, enum sb_db_ns ns)
{
	const struct sb_db_alias *a = FIND(db_aliases, name);

	if (a == NULL)
		return NULL;
	/* the same name may be an alias in several namespaces: they are adjacent */
	while (a > db_aliases && strcmp(a[-1].name, name) == 0)
		a--;
	for (; a < db_aliases + DB_N_ALIASES && strcmp(a->name, name) == 0; a++)
		if (a->ns == ns)
			return a;
	return NULL;
}

enum sb_db_avail sb_db_alias_known_in(const struct sb_db_alias *alias, int version)
{
	return alias ? sb_db_versions_check(&alias->versions, version) : SB_DB_AVAIL_KNOWN;
}

/* The alias of NAME in NS that applies on VERSION, or NULL. */
static const struct sb_db_alias *alias_in(const char *name, enum sb_db_ns ns, int version)
{
	const struct sb_db_alias *a = sb_db_alias_lookup(name, ns);

	if (a != NULL && sb_db_alias_known_in(a, version) == SB_DB_AVAIL_KNOWN)
		return a;
	return NULL;
}

/*
 * NAME in operation position on VERSION: through an alias known in VERSION (process-exec ->
 * process-exec*), else the table. *via gets the alias used or NULL. NULL for an unknown name
 * and for a NOOP alias (then *via is set, so the caller can drop the rule quietly). The
 * result may still be unknown in VERSION: the caller checks sb_db_op_known_in().
 */
const struct sb_db_op *sb_db_op_resolve(const char *name, int version,
                                       const struct sb_db_alias **via)
{
	const struct sb_db_alias *a = alias_in(name, SB_DB_NS_OPERATION, version);

	if (via != NULL)
		*via = a;
	if (a == NULL)
		return sb_db_op_lookup(name);
	return a->target ? sb_db_op_lookup(a->target) : NULL;
}

/* ------------------------------------------------------------------ filters */

size_t sb_db_filter_count(void)
{
	return DB_N_FILTERS;
}

const struct sb_db_filter *sb_db_filter_at(size_t index)
{
	return index < DB_N_FILTERS ? &db_filters[index] : NULL;
}

const struct sb_db_spelling *sb_db_filter_lookup(const char *name)
{
	return FIND(db_spellings, name);
}

enum sb_db_avail sb_db_filter_known_in(const struct sb_db_filter *filter, int version)
{
	return filter ? sb_db_versions_check(&filter->versions, version) : SB_DB_AVAIL_KNOWN;
}

const char *sb_db_category_name(unsigned category)
{
	return category < DB_N_CATEGORIES ? db_category_names[category] : NULL;
}

/*
 * Reference 5.2 and the filter-not-applicable contract: OP (or, for a wildcard, some
 * operation under it with filter data) accepts FILTER's category. No data on either side
 * (category unknown, operation without a 13.0 category list): true, never a false error.
 */
bool sb_db_filter_applicable(const struct sb_db_filter *filter, const struct sb_db_op *op)
{
	if (filter == NULL || op == NULL || filter->category == SB_DB_CATEGORY_UNKNOWN)
		return true;
	if (op->flags & SB_DB_OP_CATEGORIES_UNKNOWN)
		return true;
	return (op->categories_below & DB_BIT(filter->category)) != 0;
}

/* ------------------------------------------------------------------ constants */

static bool is_ident(const char *s, size_t n)
{
	for (; n > 0; s++, n--)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		      (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

static bool family_matches(const struct db_family *f, const char *name)
{
	size_t len = strlen(name), plen = strlen(f->prefix), slen = strlen(f->suffix);

	if (len <= plen + slen)   /* the family's fixed part alone is not a name */
		return false;
	if (strncmp(name, f->prefix, plen) != 0 || strcmp(name + len - slen, f->suffix) != 0)
		return false;
	if (f->upper_next && !(name[plen] >= 'A' && name[plen] <= 'Z'))
		return false;
	return is_ident(name + plen, len - plen - slen);
}

static const struct db_family *find_family(const char *name, uint64_t sets)
{
	size_t i;

	for (i = 0; i < DB_N_FAMILIES; i++)
		if ((sets == 0 || (db_families[i].sets & sets) != 0) &&
		    family_matches(&db_families[i], name))
			return &db_families[i];
	return NULL;
}

/*
 * Is NAME a symbol the library binds to a constant? Listed names carry their value when a
 * header gives it; family names (SYS_open, APFSIOC_..., afpfs...FSCTL, E[A-Z]...) are
 * accepted with an unknown value because the full lists are not public.
 */
bool sb_db_constant_lookup(const char *name, long *value, bool *value_known)
{
	const struct db_constant *c = FIND(db_constants, name);
	bool found = c != NULL || (name != NULL && find_family(name, 0) != NULL);

	if (value != NULL)
		*value = c != NULL && c->value_known ? c->value : 0;
	if (value_known != NULL)
		*value_known = c != NULL && c->value_known;
	return found;
}

/* May SYMBOL be the argument of something that takes names from SETS of kind ARG? */
static bool symbol_in_sets(uint64_t sets, enum sb_db_arg arg, const char *symbol)
{
	const struct db_constant *c;

	if (symbol == NULL)
		return false;
	if (sets == 0)   /* an integer filter whose names no source lists */
		return arg == SB_DB_ARG_INTEGER;
	c = FIND(db_constants, symbol);
	if (c != NULL)   /* a known name: it must belong to one of the sets */
		return (c->sets & sets) != 0;
	if (find_family(symbol, sets) != NULL)
		return true;
	return (sets & db_sets_incomplete) != 0;
}

bool sb_db_symbol_allowed(const struct sb_db_filter *filter, const char *symbol)
{
	return filter != NULL && symbol_in_sets(filter->symbol_sets, filter->arg, symbol);
}

/* ------------------------------------------------------------------ modifiers */

size_t sb_db_modifier_count(void)
{
	return DB_N_MODIFIERS;
}

const struct sb_db_modifier *sb_db_modifier_at(size_t index)
{
	return index < DB_N_MODIFIERS ? &db_modifiers[index] : NULL;
}

const struct sb_db_modifier *sb_db_modifier_lookup(const char *name)
{
	return FIND(db_modifiers, name);
}

const struct sb_db_modifier *sb_db_modifier_resolve(const char *name, int version,
                                                    const struct sb_db_alias **via)
{
	const struct sb_db_alias *a = alias_in(name, SB_DB_NS_MODIFIER, version);

	if (via != NULL)
		*via = a;
	if (a == NULL)
		return sb_db_modifier_lookup(name);
	return a->target ? sb_db_modifier_lookup(a->target) : NULL;
}

enum sb_db_avail sb_db_modifier_known_in(const struct sb_db_modifier *mod, int version)
{
	return mod ? sb_db_versions_check(&mod->versions, version) : SB_DB_AVAIL_KNOWN;
}

/*
 * (with MOD) in an ACTION rule on OP: the action must be compatible (NONE: not checked)
 * and OP accepted: any operation, any but the message-filter ones, or a listed one -- or,
 * for a wildcard OP, an operation under it that is listed (no-sandbox on process*).
 */
bool sb_db_modifier_applicable(const struct sb_db_modifier *mod, enum sb_db_action action,
                               const struct sb_db_op *op)
{
	const struct sb_db_op *const *l;

	if (mod == NULL || op == NULL)
		return true;
	if (action != SB_DB_ACTION_NONE && (mod->actions & (1u << action)) == 0)
		return false;
	switch (mod->scope) {
	case SB_DB_MOD_ANY_OP:
		return true;
	case SB_DB_MOD_NON_MESSAGE_OP:
		/* every operation under a message-filter one is a message-filter one too */
		return (op->flags & SB_DB_OP_MESSAGE_FILTER) == 0;
	case SB_DB_MOD_LISTED_OPS:
		for (l = mod->ops; *l != NULL; l++)
			if (sb_db_op_is_under(*l, op))
				return true;
		return false;
	}
	return true;
}

bool sb_db_modifier_symbol_allowed(const struct sb_db_modifier *mod, const char *symbol)
{
	return mod != NULL && symbol_in_sets(mod->symbol_sets, mod->arg, symbol);
}

/* ------------------------------------------------------------------ library */

size_t sb_db_library_count(void)
{
	return DB_N_LIBRARY;
}

const struct sb_db_libfn *sb_db_library_at(size_t index)
{
	return index < DB_N_LIBRARY ? &db_library[index] : NULL;
}

const struct sb_db_libfn *sb_db_library_lookup(const char *name)
{
	return FIND(db_library, name);
}

/* ------------------------------------------------------------------ suggestions */

/*
 * Optimal-string-alignment distance (Damerau-Levenshtein without repeated edits of
 * one substring), or LIMIT + 1 as soon as every path exceeds LIMIT.
 */
static size_t edit_distance(const char *a, size_t la, const char *b, size_t lb, size_t limit)
{
	size_t rows[3][DB_MAX_SUGGEST_LEN + 1];
	size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2], *t;
	size_t i, j;

	for (j = 0; j <= lb; j++)
		prev[j] = j;
	for (i = 1; i <= la; i++) {
		size_t best = cur[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t d = prev[j] + 1;
			if (cur[j - 1] + 1 < d)
				d = cur[j - 1] + 1;
			if (prev[j - 1] + cost < d)
				d = prev[j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    prev2[j - 2] + 1 < d)
				d = prev2[j - 2] + 1;
			cur[j] = d;
			if (d < best)
				best = d;
		}
		if (best > limit)
			return limit + 1;
		t = prev2; prev2 = prev; prev = cur; cur = t;
	}
	return prev[lb];
}

struct suggestion {
	const char *name;
	size_t len;
	const char *best;
	size_t best_distance;
	bool exact;          /* NAME is itself a candidate: nothing to suggest */
};

static void consider(struct suggestion *s, const char *candidate)
{
	size_t lc = strlen(candidate);
	size_t longer = lc > s->len ? lc : s->len;
	size_t limit = longer / 3 > 1 ? longer / 3 : 1;
	size_t d;

	if (lc > DB_MAX_SUGGEST_LEN || (lc > s->len ? lc - s->len : s->len - lc) > limit)
		return;
	if (s->best != NULL && s->best_distance - 1 < limit)
		limit = s->best_distance - 1;   /* only a strictly better one replaces it */
	d = edit_distance(s->name, s->len, candidate, lc, limit);
	if (d == 0)
		s->exact = true;
	else if (d <= limit) {
		s->best = candidate;
		s->best_distance = d;
	}
}

static bool current(const struct sb_db_versions *v)
{
	return v->absent_from == 0 && !v->ios_only;
}

/*
 * "did you mean": the current name (not removed, not iOS-only; spelling aliases included,
 * deprecated ones not) nearest to NAME, at most max(1, longer length / 3) edits away, ties
 * to the first in table order. NULL when none is close or NAME is itself a name.
 */
const char *sb_db_suggest(enum sb_db_ns ns, const char *name)
{
	struct suggestion s = { name, 0, NULL, 0, false };
	size_t i;

	if (name == NULL || (s.len = strlen(name)) == 0 || s.len > DB_MAX_SUGGEST_LEN)
		return NULL;
	switch (ns) {
	case SB_DB_NS_OPERATION:
		for (i = 0; i < DB_N_OPS; i++)
			if (current(&db_ops[i].versions))
				consider(&s, db_ops[i].name);
		break;
	case SB_DB_NS_FILTER:
		for (i = 0; i < DB_N_SPELLINGS; i++) {
			const struct sb_db_spelling *sp = &db_spellings[i];
			if (current(&sp->filter->versions) &&
			    (sp->alias == NULL || sp->alias->kind == SB_DB_ALIAS_SPELLING))
				consider(&s, sp->name);
		}
		break;
	case SB_DB_NS_MODIFIER:
		for (i = 0; i < DB_N_MODIFIERS; i++)
			if (current(&db_modifiers[i].versions))
				consider(&s, db_modifiers[i].name);
		break;
	}
	for (i = 0; i < DB_N_ALIASES; i++)
		if (db_aliases[i].ns == ns && db_aliases[i].kind == SB_DB_ALIAS_SPELLING)
			consider(&s, db_aliases[i].name);
	return s.exact ? NULL : s.best;
}
