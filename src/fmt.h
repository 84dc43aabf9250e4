/*
 * fmt.h -- layout of a profile (sbplc fmt): the datum tree and its comments
 * printed back with consistent indentation, spacing and line breaks.  Layout
 * only: atoms are copied byte for byte from the source, nothing is evaluated,
 * and the datum tree of the output equals the input's.  Nothing here prints.
 */
#ifndef SB_FMT_H
#define SB_FMT_H

#include <stdbool.h>
#include <stddef.h>

#include "datum.h"
#include "source.h"

/* Lines are kept within this many bytes where the atoms allow it. */
#define SB_FMT_WIDTH 100

/*
 * Lay out src, which pr was parsed from (sb_parse).  On success *out is a
 * malloc'd buffer of *len bytes followed by a NUL, owned by the caller; false
 * only when out of memory.  pr must hold no syntax error: a form the parser
 * could not read is not in the tree, so its text would be lost (the front end
 * refuses such files).  The rules are in doc/sbplc.1, "fmt".
 */
bool sb_fmt(const struct sb_source *src, const struct sb_parse_result *pr,
            char **out, size_t *len);

#endif
