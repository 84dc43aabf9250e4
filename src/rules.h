/*
 * rules.h -- what evaluation produces: an ordered list of rules, one
 * operation each, with their filter trees, modifiers and origins.  The checks,
 * the precedence model and the emitters all read this and nothing else.
 */
#ifndef SB_RULES_H
#define SB_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "regex.h"
#include "source.h"

struct sb_value;
struct sb_db_op;
struct sb_db_alias;
struct sb_db_spelling;
struct sb_db_modifier;

enum sb_action { SB_ACTION_ALLOW, SB_ACTION_DENY };

enum sb_filter_kind {
	SB_FILTER_LEAF,      /* (subpath "/a"), (global-name "x"), (remote tcp "*:80") */
	SB_FILTER_ANY,       /* require-any, or several filters in one rule */
	SB_FILTER_ALL,       /* require-all */
	SB_FILTER_NOT,       /* require-not */
	SB_FILTER_UNKNOWN,   /* a filter sbplc cannot know (it depends on an error or the system) */
};

struct sb_filter {
	enum sb_filter_kind kind;
	struct sb_span span;                  /* the expression that made it */
	/* LEAF */
	const struct sb_db_spelling *spelling;/* filter, match form, alias used */
	const char *spelled;                  /* the name as written */
	struct sb_value *arg;                 /* the argument (NULL: none) */
	struct sb_value *arg2;                /* network filters: the address */
	const struct sb_regex *regex;         /* a -regex argument, compiled once; NULL when
	                                         invalid (see regex_error) or not a regex */
	struct sb_regex_error regex_error;
	/* ANY, ALL, NOT */
	struct sb_filter **kids;
	uint32_t nkids;
};

struct sb_modifier {
	const struct sb_db_modifier *mod;     /* NULL when the name is unknown */
	const struct sb_db_alias *alias;
	const char *spelled;
	struct sb_value *arg;                 /* (with send-signal SIGKILL): SIGKILL */
	struct sb_span span;                  /* the (with ...) form */
	struct sb_rule **nested;              /* apply-message-filter rules */
	size_t nnested;
};

/* A function call or import on the way from a top-level form to a rule. */
struct sb_origin {
	struct sb_span call;                  /* the call or (import ...) form */
	const char *what;                     /* function name, or the imported file */
	const struct sb_origin *up;
};

struct sb_rule {
	enum sb_action action;
	const struct sb_db_op *op;
	const struct sb_db_alias *op_alias;   /* spelled through an alias, or NULL */
	struct sb_span op_span;               /* where the operation was named */
	struct sb_filter *filter;             /* NULL: unfiltered */
	struct sb_modifier **mods;
	uint32_t nmods;
	struct sb_span span;                  /* the (allow ...) call */
	const struct sb_origin *origin;       /* calls and imports around it */
	uint32_t seq;                         /* order of evaluation */
	bool conditional;                     /* made under a condition sbplc could not decide */
	bool nested;                          /* inside apply-message-filter */
};

/* A rule list in evaluation order. */
struct sb_rule_list {
	struct sb_rule **v;
	size_t n, cap;
};


#endif
