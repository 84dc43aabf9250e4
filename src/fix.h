/*
 * fix.h -- lint --fix: apply the fixes that findings carry and that are
 * marked safe (they keep the profile's meaning, or make the rule mean what
 * its author evidently meant: canonical paths, a repeated rule removed).
 */
#ifndef SB_FIX_H
#define SB_FIX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sb_ctx;
struct sb_diag;

struct sb_fix_result {
	char *text;                     /* malloc'd new contents of the file */
	size_t len;
	const struct sb_diag **applied; /* malloc'd: the findings whose fix was applied */
	size_t napplied;
};

/*
 * Apply to file's text every safe fix of ctx's findings whose edits are all
 * in file and overlap no fix applied before it (findings in report order).
 * false when out of memory.  Nothing applied: napplied 0, text a copy.
 */
bool sb_fix_apply(const struct sb_ctx *ctx, uint32_t file, struct sb_fix_result *out);
void sb_fix_result_free(struct sb_fix_result *r);

#endif
