/*
 * parens.h -- the paren-balance pre-pass.  Before parsing, one quiet scan
 * finds unbalanced parentheses and too-deep nesting, reports each once
 * ("unclosed '(' opened here", "unexpected ')'", "nesting deeper than N"),
 * and returns a plan of fixes that the parser's token feed applies, so that
 * Bison only ever sees balanced input and one stray paren is one diagnostic.
 */
#ifndef SB_PARENS_H
#define SB_PARENS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sb_ctx;

struct sb_paren_fix {
	uint32_t offset;        /* before the token starting here ... */
	uint32_t closers;       /* ... insert this many ')' */
	bool skip;              /* or: drop the ')' at offset */
};

struct sb_paren_plan {
	struct sb_paren_fix *fixes;   /* sorted by offset; in the arena */
	size_t nfixes;
	uint32_t stop;                /* treat the input as ending here */
	unsigned nerrors;             /* diagnostics reported */
};

/* Plan file's parentheses; false only when out of memory. */
bool sb_parens_plan(struct sb_ctx *ctx, uint32_t file, struct sb_paren_plan *plan);

#endif
