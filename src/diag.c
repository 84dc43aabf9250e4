/*
 * diag.c -- recording findings, the rule table, -W configuration, and the
 * final sort.  Rendering lives in diag_text.c and diag_json.c.
 */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "hash.h"

static const struct sb_rule_info rule_table[SB_RULE__COUNT] = {
#define SB_RULE(e, id, sev, summary) [SB_RULE_##e] = { id, SB_SEV_##sev, summary },
#include "diag_rules.def"
#undef SB_RULE
};

const struct sb_rule_info *sb_rule_info(enum sb_rule_id rule)
{
	return (unsigned)rule < SB_RULE__COUNT ? &rule_table[rule] : NULL;
}

bool sb_rule_lookup(const char *id, enum sb_rule_id *out)
{
	for (unsigned i = 0; i < SB_RULE__COUNT; i++) {
		if (strcmp(rule_table[i].id, id) == 0) {
			*out = (enum sb_rule_id)i;
			return true;
		}
	}
	return false;
}

const char *sb_severity_name(enum sb_severity sev)
{
	switch (sev) {
	case SB_SEV_OFF:     return "off";
	case SB_SEV_NOTE:    return "note";
	case SB_SEV_WARNING: return "warning";
	case SB_SEV_ERROR:   return "error";
	}
	return "error";
}

bool sb_severity_parse(const char *name, enum sb_severity *out)
{
	static const enum sb_severity all[] = { SB_SEV_NOTE, SB_SEV_WARNING, SB_SEV_ERROR };
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
		if (strcmp(name, sb_severity_name(all[i])) == 0) {
			*out = all[i];
			return true;
		}
	}
	return false;
}

struct sb_diag *sb_diag_report(struct sb_ctx *ctx, enum sb_rule_id rule,
                               struct sb_span span, const char *fmt, ...)
{
	struct sb_arena *a = ctx->arena;
	if (ctx->ndiags == ctx->cap_diags) {
		size_t cap = ctx->cap_diags ? ctx->cap_diags * 2 : 16;
		struct sb_diag **v = sb_arena_grow(a, ctx->diags, ctx->ndiags, cap, sizeof *v);
		if (!v)
			return NULL;
		ctx->diags = v;
		ctx->cap_diags = cap;
	}
	struct sb_diag *d = sb_arena_alloc(a, sizeof *d);
	if (!d)
		return NULL;
	va_list ap;
	va_start(ap, fmt);
	char *msg = sb_arena_vprintf(a, fmt, ap);
	va_end(ap);
	if (!msg)
		return NULL;
	/* messages quote the user's text: a 100 MB path must not make a 100 MB line */
	if (strlen(msg) > SB_MAX_MESSAGE) {
		size_t cut = SB_MAX_MESSAGE;
		while (cut > 0 && ((unsigned char)msg[cut] & 0xC0) == 0x80)
			cut--;   /* not inside a UTF-8 sequence */
		memcpy(msg + cut, "...", 4);
	}
	d->message = msg;
	d->rule = rule;
	d->severity = rule_table[rule].severity;
	d->span = span;
	d->seq = ctx->ndiags;
	ctx->diags[ctx->ndiags++] = d;
	return d;
}

void sb_diag_note(struct sb_ctx *ctx, struct sb_diag *d, struct sb_span span,
                  const char *fmt, ...)
{
	if (!d)
		return;
	struct sb_diag_note *v = sb_arena_grow(ctx->arena, d->notes, d->nnotes,
	                                       d->nnotes + 1, sizeof *v);
	if (!v)
		return;
	va_list ap;
	va_start(ap, fmt);
	v[d->nnotes].message = sb_arena_vprintf(ctx->arena, fmt, ap);
	va_end(ap);
	if (!v[d->nnotes].message)
		return;
	v[d->nnotes].span = span;
	d->notes = v;
	d->nnotes++;
}

void sb_diag_set_severity(struct sb_diag *d, enum sb_severity sev)
{
	if (d)
		d->severity = sev;
}

void sb_diag_fix(struct sb_ctx *ctx, struct sb_diag *d, const char *description,
                 struct sb_span span, const char *replacement, bool safe)
{
	if (!d || !replacement)
		return;
	struct sb_arena *a = ctx->arena;
	struct sb_diag_fix *v = sb_arena_grow(a, d->fixes, d->nfixes, d->nfixes + 1, sizeof *v);
	struct sb_diag_edit *e = sb_arena_alloc(a, sizeof *e);
	if (!v || !e)
		return;
	e->span = span;
	e->replacement = replacement;
	v[d->nfixes].description = description;
	v[d->nfixes].edits = e;
	v[d->nfixes].nedits = 1;
	v[d->nfixes].safe = safe;
	d->fixes = v;
	d->nfixes++;
}

void sb_diag_config_init(struct sb_diag_config *cfg)
{
	for (unsigned i = 0; i < SB_RULE__COUNT; i++) {
		cfg->severity[i] = rule_table[i].severity;
		cfg->explicit_severity[i] = false;
	}
	cfg->fail_on = SB_SEV_WARNING;
}

bool sb_diag_config_apply_w(struct sb_diag_config *cfg, const char *arg)
{
	enum sb_severity sev;
	enum sb_rule_id rule;
	const char *eq = strchr(arg, '=');
	if (strncmp(arg, "no-", 3) == 0 && sb_rule_lookup(arg + 3, &rule)) {
		cfg->severity[rule] = SB_SEV_OFF;
		cfg->explicit_severity[rule] = true;
		return true;
	}
	if (eq) {
		char name[16];
		size_t n = (size_t)(eq - arg);
		if (n >= sizeof name)
			return false;
		memcpy(name, arg, n);
		name[n] = '\0';
		if (!sb_severity_parse(name, &sev) || !sb_rule_lookup(eq + 1, &rule))
			return false;
		cfg->severity[rule] = sev;
		cfg->explicit_severity[rule] = true;
		return true;
	}
	if (!sb_rule_lookup(arg, &rule))
		return false;
	cfg->severity[rule] = rule_table[rule].severity;
	return true;
}

static int cmp_diag(const void *pa, const void *pb)
{
	const struct sb_diag *a = *(const struct sb_diag *const *)pa;
	const struct sb_diag *b = *(const struct sb_diag *const *)pb;
	if (a->span.file != b->span.file)
		return a->span.file < b->span.file ? -1 : 1;
	if (a->span.start != b->span.start)
		return a->span.start < b->span.start ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static bool same_diag(const struct sb_diag *a, const struct sb_diag *b)
{
	return a->rule == b->rule && a->span.file == b->span.file &&
	       a->span.start == b->span.start && a->span.end == b->span.end &&
	       strcmp(a->message, b->message) == 0;
}

enum sb_severity sb_diag_effective(const struct sb_diag *d, const struct sb_diag_config *cfg)
{
	/* a -W choice wins over the report's own severity */
	return cfg->explicit_severity[d->rule] ? cfg->severity[d->rule] : d->severity;
}

/* A hash of what same_diag() compares. */
static size_t diag_hash(const struct sb_diag *d)
{
	const uint32_t k[4] = { (uint32_t)d->rule, d->span.file, d->span.start, d->span.end };
	uint64_t h = sb_fnv1a(SB_FNV_OFFSET, k, sizeof k);
	h = sb_fnv1a(h, d->message, strlen(d->message));
	return (size_t)(h ^ (h >> 32));
}

void sb_diag_finish(struct sb_ctx *ctx, const struct sb_diag_config *cfg)
{
	size_t n = 0;
	for (size_t i = 0; i < ctx->ndiags; i++) {
		struct sb_diag *d = ctx->diags[i];
		d->severity = sb_diag_effective(d, cfg);
		if (d->severity != SB_SEV_OFF)
			ctx->diags[n++] = d;
	}
	ctx->ndiags = n;
	if (n > 1)
		qsort(ctx->diags, n, sizeof *ctx->diags, cmp_diag);
	/* a repeat need not be adjacent: other findings may start at the same
	 * offset (a function called 100,000 times reports at one span), so look
	 * each one up among the kept ones in a hash set */
	size_t cap = 16;
	while (cap < 2 * n)
		cap *= 2;
	size_t *set = n > 1 ? sb_arena_calloc(ctx->arena, cap, sizeof *set) : NULL;
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		const struct sb_diag *d = ctx->diags[i];
		bool repeat = false;
		if (set) {
			size_t j = diag_hash(d) & (cap - 1);
			for (; set[j] && !repeat; j = (j + 1) & (cap - 1))
				repeat = same_diag(ctx->diags[set[j] - 1], d);
			if (!repeat)
				set[j] = m + 1;   /* it lands at m below */
		} else {
			for (size_t k = m; !repeat && k-- > 0 &&
			     ctx->diags[k]->span.file == d->span.file &&
			     ctx->diags[k]->span.start == d->span.start;)
				repeat = same_diag(ctx->diags[k], d);
		}
		if (!repeat)
			ctx->diags[m++] = ctx->diags[i];
	}
	ctx->ndiags = m;
	ctx->finished = true;
}

bool sb_diag_reported(const struct sb_ctx *ctx, enum sb_rule_id rule)
{
	for (size_t i = 0; i < ctx->ndiags; i++)
		if (ctx->diags[i]->rule == rule)
			return true;
	return false;
}

enum sb_severity sb_diag_worst(const struct sb_ctx *ctx)
{
	enum sb_severity worst = SB_SEV_OFF;
	for (size_t i = 0; i < ctx->ndiags; i++)
		if (ctx->diags[i]->severity > worst)
			worst = ctx->diags[i]->severity;
	return worst;
}
