/*
 * explain.h -- the text of doc/rules/<id>.md for `sbplc explain`, compiled in
 * at build time (doc/gen-explain.awk) so the binary needs no installed docs.
 */
#ifndef SB_EXPLAIN_H
#define SB_EXPLAIN_H

#include <stddef.h>

struct sb_explain_entry {
	const char *id;
	const char *text;
};

extern const struct sb_explain_entry sb_explain_table[];  /* sorted by id */
extern const size_t sb_explain_count;

/* The page for rule id, or NULL. */
const char *sb_explain_lookup(const char *id);

#endif
