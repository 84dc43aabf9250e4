/*
 * check_sbpl_db.c -- unit tests for src/sbpl_db.c: table invariants, operation lookup
 * and fallback chains (reference ref. 4.1/ref. 4.2), aliases, filter spellings and
 * applicability (ref. 5.2), modifiers, versions, constants, suggestions, library names.
 */
#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbpl_db.h"

#ifndef SB_COUNTOF
#define SB_COUNTOF(a) (sizeof(a) / sizeof((a)[0]))
#endif

#define ALLOW SB_DB_ACTION_ALLOW
#define DENY  SB_DB_ACTION_DENY
#define NONE  SB_DB_ACTION_NONE
#define KNOWN    SB_DB_AVAIL_KNOWN
#define NOT_YET  SB_DB_AVAIL_NOT_YET
#define REMOVED  SB_DB_AVAIL_REMOVED
#define IOS_ONLY SB_DB_AVAIL_IOS_ONLY

static const struct sb_db_op *op(const char *name)
{
	const struct sb_db_op *o = sb_db_op_lookup(name);
	ck_assert_msg(o != NULL, "operation '%s' missing", name);
	return o;
}

static const struct sb_db_filter *filter(const char *spelled)
{
	const struct sb_db_spelling *sp = sb_db_filter_lookup(spelled);
	ck_assert_msg(sp != NULL, "filter '%s' missing", spelled);
	return sp->filter;
}

static const struct sb_db_modifier *modifier(const char *name)
{
	const struct sb_db_modifier *m = sb_db_modifier_lookup(name);
	ck_assert_msg(m != NULL, "modifier '%s' missing", name);
	return m;
}

/* ------------------------------------------------------------ table invariants */

START_TEST(test_op_invariants)
{
	const struct sb_db_op *o = sb_db_op_at((size_t)_i), *p = o;
	int depth = 0;

	ck_assert_ptr_nonnull(o);
	ck_assert_uint_eq(o->index, (unsigned)_i);
	ck_assert_ptr_eq(sb_db_op_lookup(o->name), o);
	if (_i > 0)
		ck_assert_int_lt(strcmp(sb_db_op_at((size_t)_i - 1)->name, o->name), 0);
	while (p->parent != NULL && depth++ < 16)
		p = p->parent;
	ck_assert_ptr_null(p->parent);                 /* every chain ends ... */
	ck_assert_int_ne(p->terminal, NONE);           /* ... at a terminal */
	ck_assert(o->parent == NULL || o->terminal == NONE);
	ck_assert_uint_eq(o->categories & ~o->categories_below, 0);
	if (o->name[strlen(o->name) - 1] == '*')
		ck_assert(o->flags & SB_DB_OP_WILDCARD);
	if (o->parent != NULL)
		ck_assert(o->parent->flags & SB_DB_OP_WILDCARD);   /* has a child */
	if (o->flags & SB_DB_OP_MESSAGE_FILTER)
		ck_assert_str_eq(p->name, "default-message-filter");
	if ((o->flags & SB_DB_OP_WILDCARD) && o->name[strlen(o->name) - 1] != '*') {
		size_t i, children = 0;            /* "has children": someone falls back to it */
		for (i = 0; i < sb_db_op_count(); i++)
			children += sb_db_op_at(i)->parent == o || sb_db_op_at(i)->history_parent == o;
		ck_assert_uint_gt(children, 0);
	}
	if (o->versions.ios_only)
		ck_assert_int_eq(o->versions.since, 0);
	else
		ck_assert_int_ge(o->versions.since, 1006);
}
END_TEST

START_TEST(test_filter_invariants)
{
	const struct sb_db_filter *f = sb_db_filter_at((size_t)_i);
	const struct sb_db_spelling *sp;

	ck_assert_ptr_nonnull(f);
	if (_i > 0)
		ck_assert_int_lt(strcmp(sb_db_filter_at((size_t)_i - 1)->name, f->name), 0);
	sp = sb_db_filter_lookup(f->name);
	ck_assert_ptr_nonnull(sp);
	ck_assert_ptr_eq(sp->filter, f);
	ck_assert_ptr_null(sp->alias);
	ck_assert_ptr_nonnull(sb_db_category_name(f->category));
	ck_assert(f->id >= -1 && f->id <= 92);
}
END_TEST

START_TEST(test_modifier_invariants)
{
	const struct sb_db_modifier *m = sb_db_modifier_at((size_t)_i);

	ck_assert_ptr_nonnull(m);
	ck_assert_ptr_eq(sb_db_modifier_lookup(m->name), m);
	ck_assert_uint_ne(m->actions, 0);
	ck_assert((m->scope == SB_DB_MOD_LISTED_OPS) == (m->ops != NULL));
}
END_TEST

START_TEST(test_library_invariants)
{
	const struct sb_db_libfn *l = sb_db_library_at((size_t)_i);

	ck_assert_ptr_nonnull(l);
	ck_assert_ptr_eq(sb_db_library_lookup(l->name), l);
	if (_i > 0)
		ck_assert_int_lt(strcmp(sb_db_library_at((size_t)_i - 1)->name, l->name), 0);
}
END_TEST

START_TEST(test_counts)
{
	ck_assert_uint_eq(sb_db_op_count(), 231);   /* the rows of reference/operations.tsv */
	ck_assert_ptr_null(sb_db_op_at(sb_db_op_count()));
	ck_assert_uint_ge(sb_db_filter_count(), 93); /* the 14.4 table, plus older names */
	ck_assert_ptr_null(sb_db_filter_at(sb_db_filter_count()));
	ck_assert_uint_ge(sb_db_modifier_count(), 18);
	ck_assert_ptr_null(sb_db_modifier_at(sb_db_modifier_count()));
	ck_assert_ptr_null(sb_db_library_at(sb_db_library_count()));
	ck_assert_ptr_null(sb_db_op_lookup(NULL));
	ck_assert_ptr_null(sb_db_filter_lookup(NULL));
	ck_assert_ptr_null(sb_db_modifier_lookup(NULL));
}
END_TEST

/* ------------------------------------------------------------ operations */

#define W SB_DB_OP_WILDCARD
#define M SB_DB_OP_MESSAGE_FILTER
#define I SB_DB_OP_PARENT_INFERRED
#define U SB_DB_OP_CATEGORIES_UNKNOWN

static const struct { const char *name; bool found; unsigned flags; } lookups[] = {
	{ "file-read*",          true,  W },
	{ "file-read-data",      true,  0 },
	{ "default",             true,  W },          /* root: everything falls back to it */
	{ "mach-task-read",      true,  W },          /* no '*', but -inspect falls back to it */
	{ "file-mount",          true,  W },          /* file-mount-update */
	{ "network-inbound",     true,  W },          /* network-bind */
	{ "user-preference-read", true, W },          /* managed-preference-read */
	{ "mach-priv-task-port", true,  W },          /* mach-task* */
	{ "xpc-message-send",    true,  M },
	{ "default-message-filter", true, W | M },
	{ "file-lock",           true,  I | U },      /* 14.4 only: no filter data */
	{ "process-exec",        true,  U },          /* the 10.6-10.9 operation */
	{ "ipc-posix-shm-read*", true,  W | U },      /* up to 10.14 */
	{ "sandbox-check",       true,  I | U },      /* iOS only */
	{ "file-raed*",          false, 0 },
	{ "File-read*",          false, 0 },          /* names are case-sensitive */
	{ "literal",             false, 0 },          /* a filter */
	{ "",                    false, 0 },
};

START_TEST(test_op_lookup)
{
	const struct sb_db_op *o = sb_db_op_lookup(lookups[_i].name);

	if (!lookups[_i].found) {
		ck_assert_ptr_null(o);
		return;
	}
	ck_assert_ptr_nonnull(o);
	ck_assert_str_eq(o->name, lookups[_i].name);
	ck_assert_uint_eq(o->flags, lookups[_i].flags);
}
END_TEST

/* "a > b > c: deny" -- the fallback chain on VERSION and the terminal action */
static void chain(const struct sb_db_op *o, int version, char *buf, size_t size)
{
	size_t n = 0;
	int depth = 0;
	enum sb_db_action t;

	buf[0] = '\0';
	for (;;) {
		n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? " > " : "", o->name);
		const struct sb_db_op *p = sb_db_op_parent_in(o, version);
		if (p == NULL || ++depth > 16)
			break;
		o = p;
	}
	t = sb_db_op_terminal_in(o, version);
	snprintf(buf + n, size - n, ": %s", t == ALLOW ? "allow" : t == DENY ? "deny" : "none");
}

static const struct { const char *name; int version; const char *want; } chains[] = {
	{ "file-read-data", 0, "file-read-data > file-read* > file* > default: deny" },
	{ "file-read-xattr", 1010, "file-read-xattr > file-read* > file* > default: deny" },
	{ "file-write-unlink", 0, "file-write-unlink > file-write* > file* > default: deny" },
	{ "file-mount-update", 0, "file-mount-update > file-mount > file* > default: deny" },
	{ "network-bind", 0, "network-bind > network-inbound > network* > default: deny" },
	{ "ipc-posix-shm-write-data", 0,
	  "ipc-posix-shm-write-data > ipc-posix-shm-write* > ipc-posix-shm* > ipc-posix* > ipc* > default: deny" },
	{ "ipc-posix-sem-post", 0, "ipc-posix-sem-post > ipc-posix-sem* > ipc-posix* > ipc* > default: deny" },
	{ "ipc-posix-shm-read-data", 0, "ipc-posix-shm-read-data > ipc-posix-shm* > ipc-posix* > ipc* > default: deny" },
	{ "ipc-posix-shm-read-data", 1014,
	  "ipc-posix-shm-read-data > ipc-posix-shm-read* > ipc-posix-shm* > ipc-posix* > ipc* > default: deny" },
	/* the capability ladder (12.3+), and its flat 10.x form */
	{ "mach-task-name", 0,
	  "mach-task-name > mach-task-inspect > mach-task-read > mach-task* > mach-priv-task-port > mach-priv* > mach* > default: deny" },
	{ "mach-task-name", 1015, "mach-task-name > mach* > default: deny" },
	{ "mach-task-special-port-set", 0,
	  "mach-task-special-port-set > mach-task-special-port* > mach-task* > mach-priv-task-port > mach-priv* > mach* > default: deny" },
	{ "process-exec-interpreter", 0, "process-exec-interpreter > process-exec* > process* > default: deny" },
	{ "process-info-pidinfo", 0, "process-info-pidinfo > process-info* > process* > default: deny" },
	{ "process-info-pidinfo", 1015, "process-info-pidinfo > process-info*: allow" },
	{ "process-info-codesignature", 1012, "process-info-codesignature: allow" },
	{ "managed-preference-read", 0, "managed-preference-read > user-preference-read > user-preference* > default: deny" },
	{ "iokit-open-user-client", 0, "iokit-open-user-client > iokit-open* > iokit* > default: deny" },
	{ "iokit-get-properties", 1015, "iokit-get-properties: allow" },
	{ "system-kext-load", 0, "system-kext-load > system-kext* > system* > default: deny" },
	{ "system-mac-label", 0, "system-mac-label > system-mac* > system* > default: deny" },
	{ "system-mac-label", 1015, "system-mac-label > system* > default: deny" },
	{ "fs-quota-set-limits", 0, "fs-quota-set-limits > fs-quota-set* > fs-quota* > default: deny" },
	{ "process-codesigning-entitlements-der-blob-get", 0,
	  "process-codesigning-entitlements-der-blob-get > process-codesigning-entitlements-blob-get > process-codesigning* > process* > default: deny" },
	{ "syscall-unix", 0, "syscall-unix > syscall* > default: deny" },
	{ "syscall-unix", 1015, "syscall-unix: allow" },
	{ "xpc-message-send", 0, "xpc-message-send > default-message-filter: allow" },
	{ "iokit-external-trap", 0, "iokit-external-trap > default-message-filter: allow" },
	/* terminals (ref. 4.2) */
	{ "default", 0, "default: deny" },
	{ "job-creation", 0, "job-creation: deny" },
	{ "storage-class-map", 0, "storage-class-map: deny" },
	{ "system-privilege", 0, "system-privilege: allow" },
	{ "mach-derive-port", 0, "mach-derive-port: allow" },
	{ "file-write-setugid", 0, "file-write-setugid: deny" },
	{ "file-write-setugid", 1012, "file-write-setugid > file-write* > file* > default: deny" },
	{ "mach-kernel-endpoint", 0, "mach-kernel-endpoint: allow" },
	{ "mach-kernel-endpoint", 1205, "mach-kernel-endpoint > mach* > default: deny" },
	{ "nvram-get", 1015, "nvram-get > nvram*: allow" },
	{ "priv-netinet-reservedport", 0, "priv-netinet-reservedport > priv-netinet* > priv*: allow" },
};

START_TEST(test_chain)
{
	char buf[512];

	chain(op(chains[_i].name), chains[_i].version, buf, sizeof(buf));
	ck_assert_str_eq(buf, chains[_i].want);
}
END_TEST

static const struct { const char *op, *ancestor; int version; bool want; } under[] = {
	{ "file-read-data", "file-read*", 0, true },
	{ "file-read-data", "file*", 0, true },
	{ "file-read-data", "default", 0, true },
	{ "file-read-data", "file-read-data", 0, true },     /* reflexive */
	{ "file-read*", "file-read-data", 0, false },
	{ "file-read-data", "file-write*", 0, false },
	{ "file-write-setugid", "file-write*", 0, false },    /* terminal since 10.13 */
	{ "file-write-setugid", "file-write*", 1012, true },
	{ "process-info-pidinfo", "default", 0, true },
	{ "process-info-pidinfo", "default", 1015, false },  /* (deny default) did not cover it */
	{ "mach-task-name", "mach-priv-task-port", 0, true },
	{ "mach-task-name", "mach-priv-task-port", 1015, false },
	{ "xpc-message-send", "default", 0, false },
	{ "network-bind", "network-inbound", 0, true },
	{ "network-outbound", "network-inbound", 0, false },
};

START_TEST(test_is_under)
{
	ck_assert_int_eq(sb_db_op_is_under_in(op(under[_i].op), op(under[_i].ancestor), under[_i].version),
	                 under[_i].want);
	if (under[_i].version == 0)
		ck_assert_int_eq(sb_db_op_is_under(op(under[_i].op), op(under[_i].ancestor)), under[_i].want);
}
END_TEST

/* ------------------------------------------------------------ aliases */

#define SPELL SB_DB_ALIAS_SPELLING
#define DEPR  SB_DB_ALIAS_DEPRECATED
#define OTHER SB_DB_ALIAS_OTHER_MEANING
#define NOOP  SB_DB_ALIAS_NOOP
#define OPNS  SB_DB_NS_OPERATION
#define FLNS  SB_DB_NS_FILTER
#define MDNS  SB_DB_NS_MODIFIER

static const struct {
	const char *name; enum sb_db_ns ns; bool found;
	enum sb_db_alias_kind kind; const char *target, *arg;
} aliases[] = {
	{ "process-exec", OPNS, true, SPELL, "process-exec*", NULL },
	{ "ipc-posix-shm", OPNS, true, SPELL, "ipc-posix-shm*", NULL },
	{ "file-unlink", OPNS, true, DEPR, "file-write-unlink", NULL },
	{ "file-write-mount", OPNS, true, DEPR, "file-mount", NULL },
	{ "file-write-umount", OPNS, true, DEPR, "file-unmount", NULL },
	{ "iokit-open", OPNS, true, DEPR, "iokit-open-user-client", NULL },
	{ "file-fsctl", OPNS, true, DEPR, "system-fsctl", NULL },
	{ "sysctl-write", OPNS, true, OTHER, "sysctl*", NULL },
	{ "system-misc", OPNS, true, OTHER, "system*", NULL },
	{ "file-issue-extension-read", OPNS, true, OTHER, "file-issue-extension", NULL },
	{ "system-chud", OPNS, true, NOOP, NULL, NULL },
	{ "mach-per-user-lookup", OPNS, true, NOOP, NULL, NULL },
	{ "literal", FLNS, true, SPELL, "path", NULL },
	{ "regex", FLNS, true, SPELL, "path-regex", NULL },
	{ "from", FLNS, true, SPELL, "local", NULL },
	{ "to", FLNS, true, SPELL, "remote", NULL },
	{ "mount-relative-literal", FLNS, true, SPELL, "mount-relative-path", NULL },
	{ "iokit-user-client-class", FLNS, true, DEPR, "iokit-registry-entry-class", NULL },
	{ "granted-extensions", FLNS, true, SPELL, "extension", NULL },
	{ "mach-extension", FLNS, true, SPELL, "extension", NULL },
	{ "no-log", MDNS, true, SPELL, "no-report", NULL },
	{ "no-profile", MDNS, true, SPELL, "no-sandbox", NULL },
	{ "termination", MDNS, true, DEPR, "send-signal", "SIGKILL" },
	{ "no-callout", MDNS, true, NOOP, NULL, NULL },
	{ "partial-symbolication", MDNS, true, NOOP, NULL, NULL },
	{ "literal", OPNS, false, SPELL, NULL, NULL },         /* wrong namespace */
	{ "process-exec", FLNS, false, SPELL, NULL, NULL },
	{ "file-read*", OPNS, false, SPELL, NULL, NULL },      /* a real name, not an alias */
	{ "", MDNS, false, SPELL, NULL, NULL },
};

START_TEST(test_alias)
{
	const struct sb_db_alias *a = sb_db_alias_lookup(aliases[_i].name, aliases[_i].ns);

	if (!aliases[_i].found) {
		ck_assert_ptr_null(a);
		return;
	}
	ck_assert_ptr_nonnull(a);
	ck_assert_str_eq(a->name, aliases[_i].name);
	ck_assert_int_eq(a->ns, aliases[_i].ns);
	ck_assert_int_eq(a->kind, aliases[_i].kind);
	if (aliases[_i].target)
		ck_assert_str_eq(a->target, aliases[_i].target);
	else
		ck_assert_ptr_null(a->target);
	if (aliases[_i].arg)
		ck_assert_str_eq(a->target_arg, aliases[_i].arg);
	else
		ck_assert_ptr_null(a->target_arg);
}
END_TEST

static const struct { const char *name; int version; const char *want; int via; } resolves[] = {
	{ "process-exec", 0, "process-exec*", SPELL },
	{ "process-exec", 1404, "process-exec*", SPELL },
	{ "process-exec", 1009, "process-exec", -1 },        /* still an operation in 10.9 */
	{ "file-read*", 0, "file-read*", -1 },
	{ "sysctl-write", 0, "sysctl*", OTHER },
	{ "iokit-open", 0, "iokit-open-user-client", DEPR },
	{ "iokit-open", 1015, "iokit-open", -1 },
	{ "qtn-download", 0, NULL, NOOP },
	{ "qtn-download", 1010, "qtn-download", -1 },
	{ "file-unlink", 1006, "file-write-unlink", DEPR },
	{ "frobnicate", 0, NULL, -1 },
	{ "literal", 0, NULL, -1 },
};

START_TEST(test_op_resolve)
{
	const struct sb_db_alias *via = (const void *)&via;   /* must be overwritten */
	const struct sb_db_op *o = sb_db_op_resolve(resolves[_i].name, resolves[_i].version, &via);

	if (resolves[_i].want)
		ck_assert_str_eq(o->name, resolves[_i].want);
	else
		ck_assert_ptr_null(o);
	if (resolves[_i].via < 0) {
		ck_assert_ptr_null(via);
	} else {
		ck_assert_ptr_nonnull(via);
		ck_assert_int_eq(via->kind, resolves[_i].via);
	}
	ck_assert_ptr_eq(sb_db_op_resolve(resolves[_i].name, resolves[_i].version, NULL), o);
}
END_TEST

/* ------------------------------------------------------------ filters */

#define EXACT   SB_DB_MATCH_EXACT
#define SUBPATH SB_DB_MATCH_SUBPATH
#define PREFIX  SB_DB_MATCH_PREFIX
#define REGEX   SB_DB_MATCH_REGEX
#define MNONE   SB_DB_MATCH_NONE

static const struct {
	const char *spelled, *filter; enum sb_db_match match; bool alias; enum sb_db_arg arg;
} spellings[] = {
	{ "literal", "path", EXACT, true, SB_DB_ARG_PATH },
	{ "path", "path", EXACT, false, SB_DB_ARG_PATH },
	{ "subpath", "path", SUBPATH, false, SB_DB_ARG_PATH },
	{ "prefix", "path", PREFIX, true, SB_DB_ARG_PATH },
	{ "path-prefix", "path", PREFIX, false, SB_DB_ARG_PATH },
	{ "regex", "path", REGEX, true, SB_DB_ARG_PATH },
	{ "path-regex", "path", REGEX, false, SB_DB_ARG_PATH },
	{ "path-literal", "path", EXACT, true, SB_DB_ARG_PATH },
	{ "mount-relative-literal", "mount-relative-path", EXACT, true, SB_DB_ARG_PATH },
	{ "mount-relative-regex", "mount-relative-path", REGEX, true, SB_DB_ARG_PATH },
	{ "global-name", "global-name", EXACT, false, SB_DB_ARG_STRING_PATTERN },
	{ "global-name-prefix", "global-name", PREFIX, false, SB_DB_ARG_STRING_PATTERN },
	{ "global-name-regex", "global-name", REGEX, false, SB_DB_ARG_STRING_PATTERN },
	{ "xattr-regex", "xattr", REGEX, false, SB_DB_ARG_STRING_PATTERN },
	{ "sysctl-name-prefix", "sysctl-name", PREFIX, false, SB_DB_ARG_STRING_PATTERN },
	{ "iokit-registry-entry-class-prefix", "iokit-registry-entry-class", PREFIX, false,
	  SB_DB_ARG_STRING_PATTERN },
	{ "iokit-user-client-class", "iokit-registry-entry-class", EXACT, true, SB_DB_ARG_STRING_PATTERN },
	{ "iokit-user-client-class-regex", "iokit-registry-entry-class", REGEX, true,
	  SB_DB_ARG_STRING_PATTERN },
	{ "%entitlement-string-regex", "%entitlement-string", REGEX, false, SB_DB_ARG_STRING_PATTERN },
	{ "extension", "extension", EXACT, false, SB_DB_ARG_STRING },
	{ "granted-extensions", "extension", EXACT, true, SB_DB_ARG_STRING },
	{ "from", "local", MNONE, true, SB_DB_ARG_NETWORK },
	{ "remote", "remote", MNONE, false, SB_DB_ARG_NETWORK },
	{ "target", "target", MNONE, false, SB_DB_ARG_SYMBOL },
	{ "vnode-type", "vnode-type", MNONE, false, SB_DB_ARG_SYMBOL },
	{ "file-mode", "file-mode", MNONE, false, SB_DB_ARG_BITMASK },
	{ "syscall-number", "syscall-number", MNONE, false, SB_DB_ARG_INTEGER },
	{ "extension-path-ancestor", "extension-path-ancestor", MNONE, false, SB_DB_ARG_BOOLEAN },
	{ "kas-info-selector", "kas-info-selector", MNONE, false, SB_DB_ARG_UNKNOWN },
	{ "process-name-regex", "process-name", REGEX, false, SB_DB_ARG_STRING_PATTERN },
};

START_TEST(test_spelling)
{
	const struct sb_db_spelling *sp = sb_db_filter_lookup(spellings[_i].spelled);

	ck_assert_ptr_nonnull(sp);
	ck_assert_str_eq(sp->name, spellings[_i].spelled);
	ck_assert_str_eq(sp->filter->name, spellings[_i].filter);
	ck_assert_int_eq(sp->match, spellings[_i].match);
	ck_assert_int_eq(sp->alias != NULL, spellings[_i].alias);
	ck_assert_int_eq(sp->filter->arg, spellings[_i].arg);
	if (sp->match != MNONE)
		ck_assert_uint_ne(sp->filter->matches & (1u << sp->match), 0);
}
END_TEST

static const char *const not_filters[] = {
	"subpth", "global-name-subpath", "literal-prefix", "file-read*", "with", "", "Path",
	"xattr-", "-regex",
};

START_TEST(test_not_filter)
{
	ck_assert_ptr_null(sb_db_filter_lookup(not_filters[_i]));
}
END_TEST

static const struct { const char *filter, *op; bool want; } applicable[] = {
	{ "global-name", "mach-lookup", true },
	{ "global-name", "file-read-data", false },
	{ "global-name-regex", "mach-register", true },
	{ "xpc-service-name", "mach-lookup", true },
	{ "global-name", "mach*", true },              /* through mach-lookup */
	{ "subpath", "file-read*", true },
	{ "subpath", "file-read-data", true },
	{ "literal", "file-write-setugid", true },
	{ "subpath", "process-info*", false },
	{ "target", "process-info*", true },           /* its children take target */
	{ "target", "process-info-listpids", false },
	{ "target", "signal", true },
	{ "subpath", "process-exec*", true },
	{ "literal", "process-exec-interpreter", true },
	{ "vnode-type", "process-exec*", false },
	{ "subpath", "network-outbound", true },
	{ "remote", "network-outbound", true },
	{ "local", "file-read-data", false },
	{ "xattr", "file-read*", true },               /* through file-read-xattr */
	{ "xattr", "file-read-data", false },
	{ "xattr-prefix", "file-write-xattr", true },
	{ "iokit-registry-entry-class", "iokit-open*", true },   /* through -user-client */
	{ "iokit-user-client-class", "iokit-open-user-client", true },
	{ "iokit-connection", "iokit-open-user-client", true },
	{ "iokit-property", "iokit-open-user-client", false },
	{ "iokit-property", "iokit-get-properties", true },
	{ "preference-domain", "user-preference-read", true },
	{ "preference-domain", "managed-preference-read", true },
	{ "sysctl-name", "sysctl-read", true },
	{ "sysctl-name", "file-read-data", false },
	{ "signal-number", "signal", true },
	{ "socket-domain", "system-socket", true },
	{ "ipc-posix-name", "ipc-posix-shm*", true },
	{ "ipc-posix-name", "ipc-posix-shm-read-data", true },
	{ "syscall-number", "syscall-unix", true },
	{ "syscall-number", "syscall-mach", false },
	{ "machtrap-number", "syscall-mach", true },
	{ "fsctl-command", "system-fsctl", true },
	{ "ioctl-command", "file-ioctl", true },
	{ "ioctl-command", "file-read-data", false },
	{ "extension-class", "file-issue-extension", true },
	{ "right-name", "authorization-right-obtain", true },
	{ "appleevent-destination", "appleevent-send", true },
	/* generic categories (ref. 5.2) */
	{ "extension", "mach-lookup", true },
	{ "process-attribute", "file-write*", true },
	{ "signing-identifier", "process-fork", true },
	{ "system-attribute", "network-outbound", true },
	{ "state-flag", "hid-control", true },
	{ "extension", "storage-class-map", false },   /* only path */
	{ "subpath", "storage-class-map", true },
	/* message filters: system, process and their own category */
	{ "message-number", "mach-message-send", true },
	{ "kernel-mig-routine", "xpc-message-send", true },
	{ "iokit-method-number", "iokit-external-method", true },
	{ "message-number", "mach-lookup", false },
	{ "extension", "mach-message-send", false },
	{ "state-flag", "mach-message-send", true },   /* seen in decompiled message filters */
	{ "subpath", "default", true },                /* the root: under it, everything */
	/* no data: accept */
	{ "global-name", "file-lock", true },
	{ "global-name", "process-exec", true },       /* the 10.x operation */
	{ "fileprovider-syncroot-path", "file-read-data", true },
	{ "process-name", "mach-lookup", true },
	/* corpus cases: Apple and third-party profiles that the 13.0 table rejects */
	{ "subpath", "mach-priv-host-port", false },
	{ "literal", "job-creation", false },
	{ "global-name", "ipc-posix-shm-read-data", false },
};

START_TEST(test_applicable)
{
	ck_assert_int_eq(sb_db_filter_applicable(filter(applicable[_i].filter), op(applicable[_i].op)),
	                 applicable[_i].want);
}
END_TEST

START_TEST(test_category_names)
{
	ck_assert_str_eq(sb_db_category_name(SB_DB_CATEGORY_UNKNOWN), "unknown");
	ck_assert_str_eq(sb_db_category_name(filter("global-name")->category), "mach");
	ck_assert_str_eq(sb_db_category_name(filter("subpath")->category), "path");
	ck_assert_str_eq(sb_db_category_name(filter("iokit-connection")->category),
	                 "iokit-registry-entry-class");
	ck_assert_uint_eq(filter("mount-root-path")->category, SB_DB_CATEGORY_UNKNOWN);
	ck_assert_ptr_null(sb_db_category_name(100000));
	ck_assert(sb_db_filter_applicable(NULL, op("default")));
	ck_assert(sb_db_filter_applicable(filter("path"), NULL));
}
END_TEST

static const struct { const char *filter, *symbol; bool want; } symbols[] = {
	{ "target", "self", true },
	{ "target", "initproc", true },
	{ "target", "same-sandbox", true },
	{ "target", "SIGKILL", false },
	{ "target", "myself", false },
	{ "semaphore-owner", "platform-binary", true },
	{ "semaphore-owner", "others", true },
	{ "vnode-type", "TTY", true },
	{ "vnode-type", "REGULAR-FILE", true },
	{ "vnode-type", "tty", false },
	{ "socket-domain", "AF_SYSTEM", true },
	{ "socket-domain", "AF_MULTIPATH", true },     /* family AF_ */
	{ "socket-type", "SOCK_RAW", true },
	{ "socket-type", "AF_INET", false },           /* complete set */
	{ "syscall-number", "SYS_open", true },
	{ "syscall-number", "SYS_", true },            /* incomplete set: unknown names pass */
	{ "syscall-number", "SIGKILL", false },        /* ... but not another set's names */
	{ "socket-domain", "SIGKILL", false },
	{ "process-attribute", "self", false },
	{ "fsctl-command", "APFSIOC_MARK_PURGEABLE", true },
	{ "fsctl-command", "afpfsGetMountInfoFSCTL", true },
	{ "local", "tcp", true },
	{ "remote", "unix-socket", true },
	{ "to", "udp6", true },
	{ "remote", "http", false },
	{ "system-attribute", "apple-internal", true },
	{ "system-attribute", "sandbox-debug-mode", true },
	{ "system-attribute", "debug-mode", false },
	{ "csr", "CSR_ALLOW_UNRESTRICTED_FS", true },
	{ "task-special-port", "TASK_READ_PORT", true },
	{ "task-special-port", "HOST_LOCKD_PORT", false },
	{ "host-special-port", "HOST_LOCKD_PORT", true },
	{ "privilege-id", "PRIV_ADJTIME", true },
	{ "privilege-id", "PRIV_SOMETHING_NEWER", true },
	{ "process-attribute", "is-platform-binary", true },
	{ "process-attribute", "is-something-unlisted", true },  /* 5 of 14 names known */
	{ "iokit-usb-interface-class", "kUSBHIDInterfaceClass", true },
	{ "uid", "root", true },                        /* integer names not listed anywhere */
	{ "path", "foo", false },                       /* a string filter */
	{ "extension-path-ancestor", "foo", false },
	{ "target", "", false },
};

START_TEST(test_symbol_allowed)
{
	ck_assert_int_eq(sb_db_symbol_allowed(filter(symbols[_i].filter), symbols[_i].symbol),
	                 symbols[_i].want);
}
END_TEST

/* ------------------------------------------------------------ modifiers */

static const struct { const char *mod; enum sb_db_action action; const char *op; bool want; } mods[] = {
	{ "no-report", DENY, "file-read*", true },
	{ "no-report", ALLOW, "file-read*", false },
	{ "no-report", NONE, "file-read*", true },      /* action not checked */
	{ "report", ALLOW, "mach-lookup", true },
	{ "report", ALLOW, "mach-message-send", true },
	{ "no-sandbox", ALLOW, "process-exec*", true },
	{ "no-sandbox", ALLOW, "process-exec-interpreter", true },
	{ "no-sandbox", ALLOW, "process*", true },      /* a wildcard over process-exec* */
	{ "no-sandbox", ALLOW, "process-fork", false },
	{ "no-sandbox", DENY, "process-exec*", false },
	{ "default-sandbox", ALLOW, "process-exec*", true },
	{ "send-signal", DENY, "default", true },
	{ "send-signal", ALLOW, "file-write*", true },
	{ "send-signal", DENY, "mach-message-send", false },
	{ "errno", DENY, "file-write*", true },
	{ "errno", ALLOW, "file-write*", false },
	{ "grant", ALLOW, "system-privilege", true },
	{ "grant", ALLOW, "file-read*", false },
	{ "no-times", ALLOW, "file-read-metadata", true },
	{ "no-times", ALLOW, "file-read*", true },
	{ "no-times", ALLOW, "file-read-data", false },
	{ "message", DENY, "default", true },
	{ "message", ALLOW, "xpc-message-send", true },
	{ "message-filter", ALLOW, "mach-lookup", true },
	{ "message-filter", ALLOW, "iokit-open-user-client", true },
	{ "message-filter", ALLOW, "file-read*", false },
	{ "assign-storage-class", ALLOW, "storage-class-map", true },
	{ "no-storage-class", ALLOW, "file-issue-extension", true },
	{ "sip-override", DENY, "file-write*", true },
	{ "telemetry", ALLOW, "iokit-open-user-client", true },
};

START_TEST(test_modifier_applicable)
{
	ck_assert_int_eq(sb_db_modifier_applicable(modifier(mods[_i].mod), mods[_i].action, op(mods[_i].op)),
	                 mods[_i].want);
}
END_TEST

static const struct { const char *name; int version; const char *want; int via; } mod_resolves[] = {
	{ "no-log", 0, "no-report", SPELL },
	{ "no-report", 0, "no-report", -1 },
	{ "no-profile", 1404, "no-sandbox", SPELL },
	{ "termination", 0, "send-signal", DEPR },
	{ "no-callout", 0, NULL, NOOP },
	{ "rootless-modifier", 1012, "rootless", SPELL },
	{ "no-lg", 0, NULL, -1 },
};

START_TEST(test_modifier_resolve)
{
	const struct sb_db_alias *via;
	const struct sb_db_modifier *m = sb_db_modifier_resolve(mod_resolves[_i].name,
	                                                        mod_resolves[_i].version, &via);

	if (mod_resolves[_i].want)
		ck_assert_str_eq(m->name, mod_resolves[_i].want);
	else
		ck_assert_ptr_null(m);
	if (mod_resolves[_i].via < 0)
		ck_assert_ptr_null(via);
	else
		ck_assert_int_eq(via->kind, mod_resolves[_i].via);
}
END_TEST

static const struct { const char *mod, *symbol; bool want; } mod_symbols[] = {
	{ "send-signal", "SIGKILL", true },
	{ "send-signal", "SIGSYS", true },
	{ "send-signal", "EPERM", false },
	{ "errno", "EPERM", true },
	{ "errno", "ENOTSUP", true },
	{ "errno", "ENEWERROR", true },                 /* family E[A-Z] */
	{ "errno", "SIGKILL", false },
	{ "message", "foo", false },
	{ "report", "foo", false },
};

START_TEST(test_modifier_symbol)
{
	ck_assert_int_eq(sb_db_modifier_symbol_allowed(modifier(mod_symbols[_i].mod), mod_symbols[_i].symbol),
	                 mod_symbols[_i].want);
}
END_TEST

/* ------------------------------------------------------------ versions */

static const struct { const char *text; int want; } parses[] = {
	{ "macos-14.4", 1404 }, { "14.4", 1404 }, { "10.15", 1015 }, { "macOS-13.0", 1300 },
	{ "MACOS 12.3", 1203 }, { "macos14.4", 1404 }, { "14", 1400 }, { "14.4.1", 1404 },
	{ "26", 2600 }, { "10.6", 1006 },
	{ "", -1 }, { "macos-", -1 }, { "9.1", -1 }, { "14.", -1 }, { "14.4x", -1 }, { "x14", -1 },
	{ "100.1", -1 }, { "14.123", -1 }, { "14.4.", -1 }, { "-14.4", -1 }, { "14,4", -1 },
	{ "ios-17", -1 },
};

START_TEST(test_version_parse)
{
	ck_assert_int_eq(sb_db_version_parse(parses[_i].text), parses[_i].want);
}
END_TEST

START_TEST(test_version_format)
{
	char buf[16];

	ck_assert_int_eq(sb_db_version_parse(NULL), -1);
	sb_db_version_format(1015, buf, sizeof(buf));
	ck_assert_str_eq(buf, "10.15");
	sb_db_version_format(1404, buf, sizeof(buf));
	ck_assert_str_eq(buf, "14.4");
	sb_db_version_format(1300, buf, sizeof(buf));
	ck_assert_str_eq(buf, "13.0");
	sb_db_version_format(0, buf, sizeof(buf));
	ck_assert_str_eq(buf, "any");
	sb_db_version_format(1015, buf, 3);
	ck_assert_str_eq(buf, "10");             /* truncated, still terminated */
}
END_TEST

enum kind { OPK, FLK, MDK, ALK };
static const struct { enum kind kind; const char *name; int version; enum sb_db_avail want; int ver; } avail[] = {
	{ OPK, "file-read-data", 0, KNOWN, 0 },
	{ OPK, "file-read-data", 1006, KNOWN, 0 },
	{ OPK, "file-read-data", 1404, KNOWN, 0 },
	{ OPK, "file-read-data", 2600, KNOWN, 0 },
	{ OPK, "iokit-open-user-client", 1015, NOT_YET, 1203 },
	{ OPK, "iokit-open-user-client", 1100, KNOWN, 0 },    /* no table for 11: no claim */
	{ OPK, "iokit-open-user-client", 1203, KNOWN, 0 },
	{ OPK, "iokit-open", 1015, KNOWN, 0 },
	{ OPK, "iokit-open", 1100, KNOWN, 0 },
	{ OPK, "iokit-open", 1203, REMOVED, 1203 },
	{ OPK, "file-lock", 1300, NOT_YET, 1404 },
	{ OPK, "file-lock", 1400, KNOWN, 0 },
	{ OPK, "process-codesigning*", 1015, NOT_YET, 1203 },
	{ OPK, "process-codesigning*", 1300, KNOWN, 0 },
	{ OPK, "process-codesigning*", 1404, REMOVED, 1404 },
	{ OPK, "process-legacy-codesigning*", 1300, NOT_YET, 1404 },
	{ OPK, "syscall-unix", 1014, NOT_YET, 1015 },
	{ OPK, "syscall-unix", 1015, KNOWN, 0 },
	{ OPK, "mach-task-special-port*", 1205, NOT_YET, 1300 },
	{ OPK, "priv*", 1009, KNOWN, 0 },
	{ OPK, "priv*", 1010, REMOVED, 1010 },
	{ OPK, "sandbox-check", 0, KNOWN, 0 },
	{ OPK, "sandbox-check", 1404, IOS_ONLY, 0 },
	{ FLK, "task-special-port", 1205, NOT_YET, 1300 },
	{ FLK, "task-special-port", 1300, KNOWN, 0 },
	{ FLK, "kas-info-selector", 1300, NOT_YET, 1404 },
	{ FLK, "process-name", 1010, KNOWN, 0 },
	{ FLK, "process-name", 1012, REMOVED, 1012 },
	{ FLK, "path", 1006, KNOWN, 0 },
	{ FLK, "syscall-mask", 1404, IOS_ONLY, 0 },
	{ MDK, "protobox-override", 1203, KNOWN, 0 },
	{ MDK, "protobox-override", 1300, REMOVED, 1300 },
	{ MDK, "rootless", 1015, KNOWN, 0 },
	{ MDK, "rootless", 1203, REMOVED, 1203 },
	{ MDK, "sip-override", 1010, NOT_YET, 1203 },
	{ MDK, "sip-override", 1015, KNOWN, 0 },
	{ MDK, "no-report", 1006, KNOWN, 0 },
	{ ALK, "prefix", 1010, NOT_YET, 1011 },
	{ ALK, "prefix", 1011, KNOWN, 0 },
	{ ALK, "literal", 1006, KNOWN, 0 },
};

START_TEST(test_known_in)
{
	const struct sb_db_versions *v = NULL;
	enum sb_db_avail got = KNOWN;
	const char *name = avail[_i].name;
	int version = avail[_i].version;

	switch (avail[_i].kind) {
	case OPK:
		got = sb_db_op_known_in(op(name), version);
		v = &op(name)->versions;
		break;
	case FLK:
		got = sb_db_filter_known_in(filter(name), version);
		v = &filter(name)->versions;
		break;
	case MDK:
		got = sb_db_modifier_known_in(modifier(name), version);
		v = &modifier(name)->versions;
		break;
	case ALK: {
		const struct sb_db_alias *a = sb_db_alias_lookup(name, FLNS);
		ck_assert_ptr_nonnull(a);
		got = sb_db_alias_known_in(a, version);
		v = &a->versions;
		break;
	}
	}
	ck_assert_int_eq(got, avail[_i].want);
	ck_assert_int_eq(sb_db_versions_check(v, version), got);
	if (got == NOT_YET)
		ck_assert_int_eq(v->since, avail[_i].ver);        /* "known only since macOS N" */
	if (got == REMOVED)
		ck_assert_int_eq(v->absent_from, avail[_i].ver);  /* "removed in macOS N" */
}
END_TEST

/* ------------------------------------------------------------ constants */

static const struct { const char *name; bool found, known; long value; } constants[] = {
	{ "SIGKILL", true, true, 9 }, { "SIGHUP", true, true, 1 }, { "SIGUSR2", true, true, 31 },
	{ "SIGSYS", true, true, 12 }, { "SIGIOT", true, true, 6 },
	{ "EPERM", true, true, 1 }, { "ENOTSUP", true, true, 45 }, { "EWOULDBLOCK", true, true, 35 },
	{ "EOPNOTSUPP", true, true, 102 }, { "ELAST", true, true, 106 },
	{ "AF_INET", true, true, 2 }, { "AF_INET6", true, true, 30 }, { "AF_SYSTEM", true, true, 32 },
	{ "AF_MAX", true, false, 0 },
	{ "SOCK_DGRAM", true, true, 2 },
	{ "PRIV_ADJTIME", true, true, 1000 }, { "PRIV_NETINET_RESERVEDPORT", true, true, 11000 },
	{ "CSR_ALLOW_UNRESTRICTED_FS", true, true, 2 }, { "CSR_ALLOW_UNAUTHENTICATED_ROOT", true, true, 2048 },
	{ "TASK_READ_PORT", true, true, 6 }, { "HOST_AUTOMOUNTD_PORT", true, true, 11 },
	{ "PERSONA_ENTERPRISE", true, true, 8 }, { "__DARWIN_NSIG", true, true, 32 },
	{ "self", true, false, 0 }, { "same-sandbox", true, false, 0 }, { "REGULAR-FILE", true, false, 0 },
	{ "tcp", true, false, 0 }, { "unix-socket", true, false, 0 }, { "apple-internal", true, false, 0 },
	{ "sip-protected", true, false, 0 },
	/* families: accepted, value unknown */
	{ "SYS_open", true, false, 0 }, { "SYS___pthread_kill", true, false, 0 },
	{ "MSC_mach_msg_trap", true, false, 0 }, { "F_GETPATH", true, false, 0 },
	{ "FSIOC_CAS_BSDFLAGS", true, false, 0 }, { "APFSIOC_MARK_PURGEABLE", true, false, 0 },
	{ "HFSIOC_VOLUME_STATUS", true, false, 0 }, { "afpfsGetMountInfoFSCTL", true, false, 0 },
	{ "smbfsUniqueShareIDFSCTL", true, false, 0 }, { "kUSBHIDInterfaceClass", true, false, 0 },
	{ "kUSBSomeNewClass", true, false, 0 }, { "EFOO", true, false, 0 }, { "SO_NOSIGPIPE", true, false, 0 },
	/* not constants */
	{ "SYS_", false, false, 0 }, { "FSCTL", false, false, 0 }, { "E", false, false, 0 },
	{ "Eabc", false, false, 0 }, { "SYS_open-x", false, false, 0 }, { "SIGFOO", false, false, 0 },
	{ "sigkill", false, false, 0 }, { "file-read*", false, false, 0 }, { "", false, false, 0 },
	{ "kUSB", false, false, 0 },
};

START_TEST(test_constant)
{
	long value = -1;
	bool known = true;

	ck_assert_int_eq(sb_db_constant_lookup(constants[_i].name, &value, &known), constants[_i].found);
	ck_assert_int_eq(known, constants[_i].known);
	ck_assert_int_eq(value, constants[_i].value);
	ck_assert_int_eq(sb_db_constant_lookup(constants[_i].name, NULL, NULL), constants[_i].found);
}
END_TEST

/* ------------------------------------------------------------ suggestions */

static const struct { enum sb_db_ns ns; const char *in, *want; } suggestions[] = {
	{ OPNS, "file-raed*", "file-read*" },
	{ OPNS, "file-read-dta", "file-read-data" },
	{ OPNS, "file-read-date", "file-read-data" },
	{ OPNS, "mach-lokup", "mach-lookup" },
	{ OPNS, "networkoutbound", "network-outbound" },
	{ OPNS, "proces-exec", "process-exec" },        /* the spelling alias is closest */
	{ OPNS, "iokit-opn", "iokit-open*" },
	{ OPNS, "sysctl-reed", "sysctl-read" },
	{ OPNS, "frobnicate", NULL },
	{ OPNS, "x", NULL },
	{ OPNS, "", NULL },
	{ OPNS, "file-read*", NULL },                   /* an exact name is not a suggestion */
	{ OPNS, "process-exec", NULL },                 /* an exact alias neither (not process-exec*) */
	{ FLNS, "ip", NULL },
	{ FLNS, "subpth", "subpath" },
	{ FLNS, "literall", "literal" },
	{ FLNS, "global-nme", "global-name" },
	{ FLNS, "xattr-regx", "xattr-regex" },
	{ FLNS, "ipc-posix-name-prefx", "ipc-posix-name-prefix" },
	{ FLNS, "reqex", "regex" },
	{ FLNS, "zzzzzz", NULL },
	{ MDNS, "no-reprt", "no-report" },
	{ MDNS, "no-lg", "no-log" },
	{ MDNS, "send-signl", "send-signal" },
	{ MDNS, "xyz", NULL },
	{ OPNS, "a-very-long-name-that-is-longer-than-any-operation-name-in-the-table-by-far", NULL },
};

START_TEST(test_suggest)
{
	const char *got = sb_db_suggest(suggestions[_i].ns, suggestions[_i].in);

	if (suggestions[_i].want)
		ck_assert_str_eq(got, suggestions[_i].want);
	else
		ck_assert_ptr_null(got);
}
END_TEST

/* ------------------------------------------------------------ library */

static const struct { const char *name; bool found; enum sb_db_lib_kind kind; const char *expands; } library[] = {
	{ "require-any", true, SB_DB_LIB_COMBINATOR, NULL },
	{ "require-not", true, SB_DB_LIB_COMBINATOR, NULL },
	{ "require-entitlement", true, SB_DB_LIB_FILTER, "%entitlement-load" },
	{ "entitlement-value-regex", true, SB_DB_LIB_FILTER, "%entitlement-string-regex" },
	{ "tty", true, SB_DB_LIB_FILTER, "vnode-type TTY" },
	{ "debug-mode", true, SB_DB_LIB_FILTER, "system-attribute sandbox-debug-mode" },
	{ "path-ancestors", true, SB_DB_LIB_FILTER, "literal" },
	{ "container", true, SB_DB_LIB_FILTER, "extension com.apple.sandbox.container" },
	{ "with-filter", true, SB_DB_LIB_MACRO, NULL },
	{ "apply-message-filter", true, SB_DB_LIB_MODIFIER, "message-filter" },
	{ "with", true, SB_DB_LIB_MODIFIER, NULL },
	{ "_IO", true, SB_DB_LIB_FUNCTION, NULL },
	{ "param", true, SB_DB_LIB_FUNCTION, NULL },
	{ "allow", true, SB_DB_LIB_ACTION, NULL },
	{ "debug", true, SB_DB_LIB_MACRO, NULL },
	{ "*params*", true, SB_DB_LIB_VARIABLE, NULL },
	{ "%entitlement-is-present", false, SB_DB_LIB_FILTER, NULL },  /* a filter, in the filter table */
	{ "literal", false, SB_DB_LIB_FILTER, NULL },
	{ "bogus", false, SB_DB_LIB_FILTER, NULL },
};

START_TEST(test_library)
{
	const struct sb_db_libfn *l = sb_db_library_lookup(library[_i].name);

	if (!library[_i].found) {
		ck_assert_ptr_null(l);
		return;
	}
	ck_assert_ptr_nonnull(l);
	ck_assert_int_eq(l->kind, library[_i].kind);
	if (library[_i].expands)
		ck_assert_str_eq(l->expands, library[_i].expands);
	else
		ck_assert_ptr_null(l->expands);
}
END_TEST

/* Every alias target exists in its namespace. */
START_TEST(test_alias_targets)
{
	const char *names[] = { "process-exec", "file-unlink", "sysctl-write", "iokit-open",
	                        "managed-preference*", "ipc-posix-shm-read*", "time-set" };
	size_t i;

	for (i = 0; i < SB_COUNTOF(names); i++) {
		const struct sb_db_alias *a = sb_db_alias_lookup(names[i], OPNS);
		ck_assert_ptr_nonnull(a);
		ck_assert_ptr_nonnull(sb_db_op_lookup(a->target));
	}
	ck_assert_ptr_nonnull(sb_db_filter_lookup(sb_db_alias_lookup("regex", FLNS)->target));
	ck_assert_ptr_nonnull(sb_db_modifier_lookup(sb_db_alias_lookup("no-log", MDNS)->target));
}
END_TEST

#define LOOP_CASE(s, name, test, n) do {                          \
		TCase *tc_ = tcase_create(name);                  \
		tcase_add_loop_test(tc_, test, 0, (int)(n));      \
		suite_add_tcase(s, tc_);                          \
	} while (0)

static Suite *sbpl_db_suite(void)
{
	Suite *s = suite_create("sbpl_db");
	TCase *tc;

	LOOP_CASE(s, "op_invariants", test_op_invariants, sb_db_op_count());
	LOOP_CASE(s, "filter_invariants", test_filter_invariants, sb_db_filter_count());
	LOOP_CASE(s, "modifier_invariants", test_modifier_invariants, sb_db_modifier_count());
	LOOP_CASE(s, "library_invariants", test_library_invariants, sb_db_library_count());
	tc = tcase_create("tables");
	tcase_add_test(tc, test_counts);
	tcase_add_test(tc, test_category_names);
	tcase_add_test(tc, test_alias_targets);
	tcase_add_test(tc, test_version_format);
	suite_add_tcase(s, tc);
	LOOP_CASE(s, "op_lookup", test_op_lookup, SB_COUNTOF(lookups));
	LOOP_CASE(s, "chain", test_chain, SB_COUNTOF(chains));
	LOOP_CASE(s, "is_under", test_is_under, SB_COUNTOF(under));
	LOOP_CASE(s, "alias", test_alias, SB_COUNTOF(aliases));
	LOOP_CASE(s, "op_resolve", test_op_resolve, SB_COUNTOF(resolves));
	LOOP_CASE(s, "spelling", test_spelling, SB_COUNTOF(spellings));
	LOOP_CASE(s, "not_filter", test_not_filter, SB_COUNTOF(not_filters));
	LOOP_CASE(s, "applicable", test_applicable, SB_COUNTOF(applicable));
	LOOP_CASE(s, "symbol_allowed", test_symbol_allowed, SB_COUNTOF(symbols));
	LOOP_CASE(s, "modifier_applicable", test_modifier_applicable, SB_COUNTOF(mods));
	LOOP_CASE(s, "modifier_resolve", test_modifier_resolve, SB_COUNTOF(mod_resolves));
	LOOP_CASE(s, "modifier_symbol", test_modifier_symbol, SB_COUNTOF(mod_symbols));
	LOOP_CASE(s, "version_parse", test_version_parse, SB_COUNTOF(parses));
	LOOP_CASE(s, "known_in", test_known_in, SB_COUNTOF(avail));
	LOOP_CASE(s, "constant", test_constant, SB_COUNTOF(constants));
	LOOP_CASE(s, "suggest", test_suggest, SB_COUNTOF(suggestions));
	LOOP_CASE(s, "library", test_library, SB_COUNTOF(library));
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(sbpl_db_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
