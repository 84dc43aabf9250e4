/*
 * checks.h -- the checks, one file each under src/checks/.
 */
#ifndef SB_CHECKS_H
#define SB_CHECKS_H

struct sb_ctx;
struct sb_parse_result;

/* version-missing, duplicate-version, version-unsupported over top-level forms */
void sb_check_version(struct sb_ctx *ctx, const struct sb_parse_result *pr);

#endif
