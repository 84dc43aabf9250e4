/*
 * parens.c -- find where parentheses do not balance, before parsing.
 *
 * A missing ')' is only detectable at the end of the file, far from the
 * mistake.  Profiles put each top-level form at column 1, so when the file
 * ends unbalanced, the first '(' at column 1 that opens while a form is still
 * open is where the earlier form should have ended: the fix closes it there
 * and the rest of the file parses normally.  The heuristic is used only when
 * the file is known to be unbalanced, never to reject a balanced file.
 */
#include "parens.h"

#include <stdlib.h>

#include "ctx.h"
#include "datum.h"
#include "lexer.h"

struct event {
	uint32_t offset;
	bool open, col1;
};

struct vec {
	struct event *v;
	size_t n, cap;
};

static bool push(struct vec *e, struct event ev)
{
	if (e->n == e->cap) {
		size_t cap = e->cap ? e->cap * 2 : 256;
		struct event *v = realloc(e->v, cap * sizeof *v);
		if (!v)
			return false;
		e->v = v;
		e->cap = cap;
	}
	e->v[e->n++] = ev;
	return true;
}

static bool add_fix(struct sb_ctx *ctx, struct sb_paren_plan *plan, size_t *cap,
                    struct sb_paren_fix fix)
{
	if (plan->nfixes == *cap) {
		size_t ncap = *cap ? *cap * 2 : 8;
		struct sb_paren_fix *f = sb_arena_grow(ctx->arena, plan->fixes, plan->nfixes,
		                                       ncap, sizeof *f);
		if (!f)
			return false;
		plan->fixes = f;
		*cap = ncap;
	}
	plan->fixes[plan->nfixes++] = fix;
	return true;
}

static void report_unclosed(struct sb_ctx *ctx, struct sb_paren_plan *plan, uint32_t file,
                            uint32_t open, size_t depth, uint32_t at, bool at_eof)
{
	struct sb_span sp = { file, open, open + 1 };
	struct sb_span here = { file, at, at };
	struct sb_diag *d;
	if (depth == 1)
		d = sb_diag_report(ctx, SB_RULE_SYNTAX_ERROR, sp, "unclosed '(': missing ')'");
	else
		d = sb_diag_report(ctx, SB_RULE_SYNTAX_ERROR, sp,
		                   "unclosed '(': %zu ')' are missing", depth);
	if (at_eof)
		sb_diag_note(ctx, d, here, "the file ends here");
	else
		sb_diag_note(ctx, d, here, "the next top-level form starts here; "
		             "the form above probably lacks a ')'");
	plan->nerrors++;
}

/*
 * Room for one more diagnostic?  Past SB_MAX_ERRORS, say so once and treat
 * the input as ending at offset, as the parser does.
 */
static bool room_for_error(struct sb_ctx *ctx, struct sb_paren_plan *plan, uint32_t file,
                           uint32_t offset)
{
	if (plan->nerrors < SB_MAX_ERRORS)
		return true;
	struct sb_span sp = { file, offset, offset };
	sb_diag_report(ctx, SB_RULE_SYNTAX_ERROR, sp, "too many syntax errors; stopping here");
	plan->nerrors++;
	plan->stop = offset;
	return false;
}

bool sb_parens_plan(struct sb_ctx *ctx, uint32_t file, struct sb_paren_plan *plan)
{
	const struct sb_source *src = sb_ctx_source(ctx, file);
	struct sb_lexer lx;
	struct sb_token t;
	struct vec ev = { 0 };
	size_t depth = 0, fixcap = 0;
	bool ok = true;

	plan->fixes = NULL;
	plan->nfixes = 0;
	plan->stop = src->len;
	plan->nerrors = 0;

	/* Pass 1: collect paren events; stop at the nesting limit. */
	sb_lexer_init(&lx, ctx, file, true);
	for (sb_lexer_next(&lx, &t); t.kind != SB_TOK_EOF; sb_lexer_next(&lx, &t)) {
		if (t.kind != SB_TOK_LPAREN && t.kind != SB_TOK_VECTOR && t.kind != SB_TOK_RPAREN)
			continue;
		struct event e = { t.start, t.kind != SB_TOK_RPAREN,
		                   t.start == 0 || src->text[t.start - 1] == '\n' };
		if (e.open && ++depth > SB_MAX_NESTING) {
			struct sb_span sp = { file, t.start, t.end };
			sb_diag_report(ctx, SB_RULE_SYNTAX_ERROR, sp,
			               "lists nested deeper than %d levels; the rest of the file is "
			               "not read", SB_MAX_NESTING);
			plan->nerrors++;
			plan->stop = t.start;
			break;
		}
		if (!e.open && depth > 0)
			depth--;
		if (!push(&ev, e)) {
			free(ev.v);
			return false;
		}
	}
	bool unclosed = depth > 0;

	/* Pass 2: decide the fixes. */
	uint32_t *stack = malloc((SB_MAX_NESTING + 1) * sizeof *stack);
	size_t sp = 0;
	if (!stack) {
		free(ev.v);
		return false;
	}
	for (size_t i = 0; ok && i < ev.n; i++) {
		struct event e = ev.v[i];
		if (e.open) {
			if (unclosed && e.col1 && sp > 0) {
				if (!room_for_error(ctx, plan, file, e.offset))
					break;
				report_unclosed(ctx, plan, file, stack[0], sp, e.offset, false);
				struct sb_paren_fix f = { e.offset, (uint32_t)sp, false };
				ok = add_fix(ctx, plan, &fixcap, f);
				sp = 0;
			}
			stack[sp++] = e.offset;
		} else if (sp > 0) {
			sp--;
		} else {
			if (!room_for_error(ctx, plan, file, e.offset))
				break;
			struct sb_span s = { file, e.offset, e.offset + 1 };
			sb_diag_report(ctx, SB_RULE_SYNTAX_ERROR, s,
			               "unexpected ')' with no matching '('");
			plan->nerrors++;
			struct sb_paren_fix f = { e.offset, 0, true };
			ok = add_fix(ctx, plan, &fixcap, f);
		}
	}
	bool quiet_eof = lx.eof_in_token || plan->stop != src->len;
	if (ok && sp > 0) {
		if (!quiet_eof && room_for_error(ctx, plan, file, plan->stop))
			report_unclosed(ctx, plan, file, stack[0], sp, plan->stop, true);
		struct sb_paren_fix f = { plan->stop, (uint32_t)sp, false };
		ok = add_fix(ctx, plan, &fixcap, f);
	}
	free(stack);
	free(ev.v);
	return ok && !sb_ctx_oom(ctx);
}
