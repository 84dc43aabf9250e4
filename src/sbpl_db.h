/*
 * sbpl_db.h -- what SBPL names mean: operations (with their fallback tree), filters,
 * modifiers, aliases, bare-symbol constants and library functions, per macOS version.
 * Pure lookups over static const tables that data/gen-db.awk generates from data/<table>.tsv.
 */
#ifndef SBPL_DB_H
#define SBPL_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Versions are major*100+minor: 1015 is macOS 10.15, 1404 is 14.4. Version 0 means
 * "any known version" (the union of every table, iOS-only names included).
 */
int sb_db_version_parse(const char *text);            /* "macos-14.4", "14.4", "10.15"; -1 if bad */
void sb_db_version_format(int version, char *buf, size_t size);   /* 1015 -> "10.15" */

struct sb_db_versions {
	int since;           /* first version whose table has the name; 0 = no claim */
	int last;            /* last such version; 0 = still in the newest table */
	int absent_before;   /* newest sampled table before `since` (absent at or below it); 0 = none */
	int absent_from;     /* oldest sampled table after `last` (absent at or above it); 0 = none */
	bool ios_only;       /* seen only in iOS data */
};

enum sb_db_avail {
	SB_DB_AVAIL_KNOWN,       /* known in that version, or no table says otherwise */
	SB_DB_AVAIL_NOT_YET,     /* "known only since macOS <versions.since>" */
	SB_DB_AVAIL_REMOVED,     /* "removed in macOS <versions.absent_from>" */
	SB_DB_AVAIL_IOS_ONLY,    /* no macOS table has it */
};
enum sb_db_avail sb_db_versions_check(const struct sb_db_versions *v, int version);

enum sb_db_action { SB_DB_ACTION_NONE, SB_DB_ACTION_ALLOW, SB_DB_ACTION_DENY };
enum sb_db_ns { SB_DB_NS_OPERATION, SB_DB_NS_FILTER, SB_DB_NS_MODIFIER };

/* Operations. The table is sorted by name; index == position in it. */
#define SB_DB_OP_WILDCARD           0x1u  /* name ends in '*' or other operations fall back to it */
#define SB_DB_OP_MESSAGE_FILTER     0x2u  /* only valid inside apply-message-filter */
#define SB_DB_OP_PARENT_INFERRED    0x4u  /* fallback guessed from the name; no table shows it */
#define SB_DB_OP_CATEGORIES_UNKNOWN 0x8u  /* no filter data: every filter is accepted */

struct sb_db_op {
	const char *name;
	const struct sb_db_op *parent;     /* fallback in the newest table; NULL at a terminal */
	enum sb_db_action terminal;        /* built-in default of a terminal, else NONE */
	int history_until;                 /* 0, or: up to this version the fallback was */
	const struct sb_db_op *history_parent;    /* ... this operation, or */
	enum sb_db_action history_terminal;       /* ... this terminal action */
	unsigned flags;
	uint64_t categories;               /* filter categories accepted (bit n = category n) */
	uint64_t categories_below;         /* accepted by this operation or one under it */
	struct sb_db_versions versions;
	unsigned index;
	const char *source;
};

size_t sb_db_op_count(void);
const struct sb_db_op *sb_db_op_at(size_t index);     /* NULL past the end */
const struct sb_db_op *sb_db_op_lookup(const char *name);  /* table names only, no aliases */
enum sb_db_avail sb_db_op_known_in(const struct sb_db_op *op, int version);
/* Fallback and terminal action in effect on VERSION (0: newest table). */
const struct sb_db_op *sb_db_op_parent_in(const struct sb_db_op *op, int version);
enum sb_db_action sb_db_op_terminal_in(const struct sb_db_op *op, int version);
/* True when ANCESTOR is OP itself or on OP's fallback chain (newest table / VERSION). */
bool sb_db_op_is_under(const struct sb_db_op *op, const struct sb_db_op *ancestor);
bool sb_db_op_is_under_in(const struct sb_db_op *op, const struct sb_db_op *ancestor, int version);

/* Aliases: names the library binds to another operation, filter or modifier. */
enum sb_db_alias_kind {
	SB_DB_ALIAS_SPELLING,       /* process-exec -> process-exec*: fine, not reported */
	SB_DB_ALIAS_DEPRECATED,     /* file-unlink -> file-write-unlink: report the current name */
	SB_DB_ALIAS_OTHER_MEANING,  /* sysctl-write -> sysctl*: means more than it says */
	SB_DB_ALIAS_NOOP,           /* system-chud: the rule (or modifier) is dropped */
};
struct sb_db_alias {
	const char *name;
	enum sb_db_ns ns;
	enum sb_db_alias_kind kind;
	const char *target;         /* operation, filter spelling or modifier; NULL for NOOP */
	const char *target_arg;     /* argument supplied to the target ("SIGKILL"), or NULL */
	struct sb_db_versions versions;
	const char *note;
};
const struct sb_db_alias *sb_db_alias_lookup(const char *name, enum sb_db_ns ns);
enum sb_db_avail sb_db_alias_known_in(const struct sb_db_alias *alias, int version);
/*
 * NAME in operation position on VERSION: follows an alias known in VERSION, else the
 * table. *via (may be NULL) gets the alias used or NULL. Returns NULL for an unknown
 * name and for a NOOP alias (then *via is set). The result may still be unknown in
 * VERSION: check sb_db_op_known_in().
 */
const struct sb_db_op *sb_db_op_resolve(const char *name, int version, const struct sb_db_alias **via);

/* Filters. */
enum sb_db_arg {
	SB_DB_ARG_NONE,            /* modifiers without argument */
	SB_DB_ARG_PATH,            /* path pattern */
	SB_DB_ARG_STRING_PATTERN,  /* string, matched per spelling (exact / -prefix / -regex) */
	SB_DB_ARG_STRING,          /* exact string */
	SB_DB_ARG_INTEGER,         /* integer; symbolic names accepted */
	SB_DB_ARG_SYMBOL,          /* integer from a fixed symbol set */
	SB_DB_ARG_BITMASK,         /* octal bitmask (file-mode) */
	SB_DB_ARG_BOOLEAN,         /* no argument, or #t / #f */
	SB_DB_ARG_NETWORK,         /* PROTO ["HOST:PORT"] */
	SB_DB_ARG_RULES,           /* nested rules (apply-message-filter) */
	SB_DB_ARG_UNKNOWN,
};
enum sb_db_match {
	SB_DB_MATCH_NONE,          /* not a string filter */
	SB_DB_MATCH_EXACT,         /* literal, path, global-name, ... */
	SB_DB_MATCH_SUBPATH,
	SB_DB_MATCH_PREFIX,
	SB_DB_MATCH_REGEX,
};
#define SB_DB_CATEGORY_UNKNOWN 0u   /* a filter in it is accepted on every operation */

struct sb_db_filter {
	const char *name;          /* canonical: "path", "global-name" */
	int id;                    /* id in the macOS 14.4 table, -1 if not there */
	unsigned category;
	enum sb_db_arg arg;
	unsigned matches;          /* bit (1u << enum sb_db_match) per accepted spelling */
	uint64_t symbol_sets;      /* bare symbols accepted as argument (internal bit set) */
	struct sb_db_versions versions;
	const char *source;
};
struct sb_db_spelling {        /* a filter name as written in a profile */
	const char *name;          /* "global-name-prefix", "literal", "subpath" */
	const struct sb_db_filter *filter;
	enum sb_db_match match;
	const struct sb_db_alias *alias;   /* set when NAME is an alias ("literal", "from") */
};
size_t sb_db_filter_count(void);
const struct sb_db_filter *sb_db_filter_at(size_t index);
const struct sb_db_spelling *sb_db_filter_lookup(const char *name);
enum sb_db_avail sb_db_filter_known_in(const struct sb_db_filter *filter, int version);
const char *sb_db_category_name(unsigned category);
/*
 * Reference §5.2: OP's categories include FILTER's; for a wildcard, the categories of
 * any operation under it count. Unknown data on either side: true.
 */
bool sb_db_filter_applicable(const struct sb_db_filter *filter, const struct sb_db_op *op);
/*
 * May SYMBOL, written bare, be FILTER's argument? True for a name in the filter's symbol
 * sets or in one of their families (SYS_..., kUSB...), and for any symbol when the sets
 * are known to be incomplete or the filter takes integers whose names are not listed.
 */
bool sb_db_symbol_allowed(const struct sb_db_filter *filter, const char *symbol);

/* Modifiers, written (with NAME [ARG]). */
enum sb_db_mod_scope {
	SB_DB_MOD_ANY_OP,
	SB_DB_MOD_NON_MESSAGE_OP,  /* every operation but the message-filter ones */
	SB_DB_MOD_LISTED_OPS,      /* only `ops` */
};
struct sb_db_modifier {
	const char *name;
	unsigned actions;          /* bit (1u << enum sb_db_action) per compatible action */
	enum sb_db_arg arg;        /* NONE, INTEGER, STRING or RULES */
	uint64_t symbol_sets;
	enum sb_db_mod_scope scope;
	const struct sb_db_op *const *ops;   /* NULL-terminated, for SB_DB_MOD_LISTED_OPS */
	struct sb_db_versions versions;
	const char *source;
};
size_t sb_db_modifier_count(void);
const struct sb_db_modifier *sb_db_modifier_at(size_t index);
const struct sb_db_modifier *sb_db_modifier_lookup(const char *name);  /* no aliases */
/* As sb_db_op_resolve(), for modifier names (no-log -> no-report). */
const struct sb_db_modifier *sb_db_modifier_resolve(const char *name, int version,
                                                    const struct sb_db_alias **via);
enum sb_db_avail sb_db_modifier_known_in(const struct sb_db_modifier *mod, int version);
/* ACTION compatible (NONE: not checked) and OP accepted; a wildcard OP counts when some
 * operation under it accepts the modifier. */
bool sb_db_modifier_applicable(const struct sb_db_modifier *mod, enum sb_db_action action,
                               const struct sb_db_op *op);
bool sb_db_modifier_symbol_allowed(const struct sb_db_modifier *mod, const char *symbol);

/*
 * Bare-symbol constants (SIGKILL, AF_INET, self, REGULAR-FILE, EPERM, ...) and families
 * of names with unknown values (SYS_*, MSC_*, FSIOC_*, E[A-Z]*, ...). VALUE and
 * VALUE_KNOWN may be NULL; *value is 0 when not known.
 */
bool sb_db_constant_lookup(const char *name, long *value, bool *value_known);

/* Library functions, macros, directives and variables the evaluator must provide. */
enum sb_db_lib_kind {
	SB_DB_LIB_ACTION, SB_DB_LIB_DIRECTIVE, SB_DB_LIB_COMBINATOR, SB_DB_LIB_FILTER,
	SB_DB_LIB_MODIFIER, SB_DB_LIB_MACRO, SB_DB_LIB_FUNCTION, SB_DB_LIB_INTROSPECTION,
	SB_DB_LIB_VARIABLE,
};
struct sb_db_libfn {
	const char *name;
	enum sb_db_lib_kind kind;
	const char *expands;       /* what a filter builder stands for ("vnode-type TTY"), or NULL */
	struct sb_db_versions versions;
	const char *note;
};
size_t sb_db_library_count(void);
const struct sb_db_libfn *sb_db_library_at(size_t index);
const struct sb_db_libfn *sb_db_library_lookup(const char *name);

/*
 * The current name closest to NAME (Damerau-Levenshtein, at most max(1, len/3) edits),
 * for "did you mean". NULL when none is close. The string is static.
 */
const char *sb_db_suggest(enum sb_db_ns ns, const char *name);

#endif /* SBPL_DB_H */
