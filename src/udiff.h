/*
 * udiff.h -- a unified diff of two texts, line by line (sbplc fmt --diff).
 * Like the text renderers it writes only to the stream it is given.
 */
#ifndef SB_UDIFF_H
#define SB_UDIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Lines of context around each change, as diff -u. */
#define SB_UDIFF_CONTEXT 3

/*
 * Write the unified diff from a[0..alen) to b[0..blen) to out, headed
 * "--- a/NAME" and "+++ b/NAME"; nothing when the texts are equal.  The
 * shortest edit is searched for a bounded time (Myers' algorithm, common
 * head and tail lines first); past the bound the differing middle is shown
 * as one replacement, so a huge input never takes quadratic time.  false
 * when out of memory (nothing written then) or when writing failed.
 */
bool sb_udiff(const char *a, size_t alen, const char *b, size_t blen, const char *name,
              FILE *out);

#endif
