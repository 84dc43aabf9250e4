/*
 * duplicate-rule.c -- a rule with the same action, operation, filter and
 * modifiers as an earlier one, with no rule of the other action that could
 * match the same requests written between them: removing either changes no
 * decision.  When the repeat is a whole top-level form of its own lines, the
 * fix (safe, for lint --fix) deletes those lines.
 */
#include "precedence.h"

#include "datum.h"

/* The top-level form of the main file whose span is exactly span, or NULL. */
static const struct sb_datum *toplevel_form(const struct sb_parse_result *pr,
                                            struct sb_span span)
{
	if (!pr || pr->file != span.file)
		return NULL;
	uint32_t lo = 0, hi = pr->nforms;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (pr->forms[mid]->span.start < span.start)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < pr->nforms && pr->forms[lo]->span.start == span.start &&
	    pr->forms[lo]->span.end == span.end && !(pr->broken && pr->broken[lo]))
		return pr->forms[lo];
	return NULL;
}

static bool blank(const char *s, const char *end)
{
	for (; s < end; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r')
			return false;
	return true;
}

/*
 * The lines that hold only the rule at i (and perhaps a comment after it):
 * written directly at top level, the only rule its form makes.
 */
static bool own_lines(struct sb_check_ctx *c, size_t i, struct sb_span *lines)
{
	const struct sb_rule_list *l = &c->profile->rules;
	const struct sb_rule *r = l->v[i];
	if (r->origin || r->conditional || !toplevel_form(c->main_parse, r->span))
		return false;
	if ((i > 0 && l->v[i - 1]->span.start == r->span.start &&
	     l->v[i - 1]->span.file == r->span.file) ||
	    (i + 1 < l->n && l->v[i + 1]->span.start == r->span.start &&
	     l->v[i + 1]->span.file == r->span.file))
		return false;   /* (allow a b ...): one form, several rules */
	const struct sb_source *s = sb_ctx_source(c->ctx, r->span.file);
	if (!s)
		return false;
	const char *text = s->text, *start = text + r->span.start, *end = text + r->span.end;
	const char *bol = start;
	while (bol > text && bol[-1] != '\n')
		bol--;
	const char *eol = end;
	while (eol < text + s->len && *eol != '\n')
		eol++;
	const char *after = end;
	while (after < eol && (*after == ' ' || *after == '\t' || *after == '\r'))
		after++;
	if (!blank(bol, start) || (after < eol && *after != ';'))
		return false;
	if (eol < text + s->len)
		eol++;   /* and its line break */
	*lines = (struct sb_span){ r->span.file, (uint32_t)(bol - text), (uint32_t)(eol - text) };
	return true;
}

SB_CHECK(duplicate_rule)
{
	struct sb_analysis an;
	if (!sb_precedence_analyze(c, &an))
		return;
	for (size_t i = 0; i < an.n; i++) {
		if (an.dead[i].kind != SB_DEAD_DUPLICATE)
			continue;
		const struct sb_rule *r = c->profile->rules.v[i];
		struct sb_diag *d = sb_diag_report(c->ctx, SB_RULE_DUPLICATE_RULE, sb_rule_site(r),
		                                   "this %s rule on '%s' repeats an earlier rule "
		                                   "with the same filter", sb_action_name(r->action),
		                                   r->op->name);
		sb_note_rule_text(c, d, r);
		sb_diag_note(c->ctx, d, sb_rule_site(an.dead[i].witness[0]), "the earlier rule is here");
		struct sb_span lines;
		if (own_lines(c, i, &lines))
			sb_diag_fix(c->ctx, d, "remove the repeated rule", lines, "", true);
	}
}
