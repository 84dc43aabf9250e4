/*
 * diag.h -- diagnostics as data: rule id, severity, primary span, message,
 * notes and fixes.  Library code appends them to the context and returns;
 * renderers (diag_text.c, diag_json.c) and the front ends decide what to print.
 */
#ifndef SB_DIAG_H
#define SB_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "source.h"

struct sb_ctx;

enum sb_severity {
	SB_SEV_OFF = 0,         /* -W no-RULE */
	SB_SEV_NOTE,
	SB_SEV_WARNING,
	SB_SEV_ERROR,
};

enum sb_rule_id {
#define SB_RULE(e, id, sev, summary) SB_RULE_##e,
#include "diag_rules.def"
#undef SB_RULE
	SB_RULE__COUNT
};

struct sb_rule_info {
	const char *id;
	enum sb_severity severity;
	const char *summary;
};

const struct sb_rule_info *sb_rule_info(enum sb_rule_id rule);
/* The rule named id, or false. */
bool sb_rule_lookup(const char *id, enum sb_rule_id *out);
const char *sb_severity_name(enum sb_severity sev);

/* Longer messages are cut (they quote the user's text, which can be huge). */
#define SB_MAX_MESSAGE 400

/* A span whose file is SB_NO_FILE points nowhere (a note without location). */
#define SB_NO_FILE UINT32_MAX

struct sb_diag_note {
	struct sb_span span;
	const char *message;
};

struct sb_diag_edit {
	struct sb_span span;
	const char *replacement;
};

struct sb_diag_fix {
	const char *description;
	struct sb_diag_edit *edits;
	size_t nedits;
	bool safe;              /* lint --fix may apply it without asking */
};

struct sb_diag {
	enum sb_rule_id rule;
	enum sb_severity severity;  /* after -W and .sbplcrc */
	struct sb_span span;
	const char *message;
	struct sb_diag_note *notes;
	size_t nnotes;
	struct sb_diag_fix *fixes;
	size_t nfixes;
	size_t seq;                 /* report order, the last sort key */
};

/*
 * Append a finding at span with a printf-style message.  Returns the record so
 * that notes and fixes can be added, or NULL when out of memory (the helpers
 * below accept NULL, so callers need not check).
 */
struct sb_diag *sb_diag_report(struct sb_ctx *ctx, enum sb_rule_id rule,
                               struct sb_span span, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void sb_diag_note(struct sb_ctx *ctx, struct sb_diag *d, struct sb_span span,
                  const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/*
 * Report-time severity for a rule whose cases differ (an identical repeated
 * version is a warning, a conflicting one an error).  -W still overrides it.
 */
void sb_diag_set_severity(struct sb_diag *d, enum sb_severity sev);
/* One fix replacing span with replacement. */
void sb_diag_fix(struct sb_ctx *ctx, struct sb_diag *d, const char *description,
                 struct sb_span span, const char *replacement, bool safe);

/*
 * Per-rule severity after -W, plus --fail-on.  sb_diag_config_init gives every
 * rule its default severity.
 */
struct sb_diag_config {
	enum sb_severity severity[SB_RULE__COUNT];
	bool explicit_severity[SB_RULE__COUNT];  /* set by -W: overrides the report */
	enum sb_severity fail_on;
};
void sb_diag_config_init(struct sb_diag_config *cfg);
/*
 * Apply one -W argument: "RULE" (enable at default), "no-RULE", "error=RULE",
 * "warning=RULE", "note=RULE".  Returns false when the rule id is unknown.
 */
bool sb_diag_config_apply_w(struct sb_diag_config *cfg, const char *arg);
/* "error", "warning" or "note" -> severity; false when it is none of them. */
bool sb_severity_parse(const char *name, enum sb_severity *out);

/*
 * Finish a context's findings: apply cfg severities (dropping rules switched
 * off), sort by file, line, column, then report order, and drop exact
 * repeats.  Call once, after every stage has run.
 */
void sb_diag_finish(struct sb_ctx *ctx, const struct sb_diag_config *cfg);
/* A finding's severity once cfg is applied (what sb_diag_finish will give it). */
enum sb_severity sb_diag_effective(const struct sb_diag *d, const struct sb_diag_config *cfg);
/* Is there a finding of rule (whatever -W makes of it)? */
bool sb_diag_reported(const struct sb_ctx *ctx, enum sb_rule_id rule);
/* The worst severity among the finished findings (SB_SEV_OFF when none). */
enum sb_severity sb_diag_worst(const struct sb_ctx *ctx);

/* Renderers (diag_text.c, diag_json.c).  They print only to out. */
struct sb_text_options {
	bool color;
	bool quiet;                 /* -q: no source lines, no summary */
};
void sb_diag_render_text(const struct sb_ctx *ctx, FILE *out,
                         const struct sb_text_options *opt);
/*
 * JSON document of the contract for all contexts (one per input file).
 * Returns false on an allocation or write failure.
 */
bool sb_diag_render_json(struct sb_ctx *const *ctxs, size_t n, FILE *out);

#endif
