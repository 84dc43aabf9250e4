/*
 * merge.h -- what `sbplc merge` adds to the pipeline: the places where the
 * inputs disagree.  A name defined differently by two inputs is found by the
 * evaluator (sb_eval_options.merge); the default rules are compared here.
 */
#ifndef SB_MERGE_H
#define SB_MERGE_H

#include <stddef.h>

struct sb_ctx;
struct sb_profile;

/*
 * Report a merge-conflict for every unfiltered default rule whose action
 * differs from the one an earlier input set.  rule_end[k] is the number of
 * rules made once input k was evaluated.
 */
void sb_merge_check_defaults(struct sb_ctx *ctx, const struct sb_profile *p,
                             const size_t *rule_end, size_t ninputs);

#endif
