/*
 * checks.h -- the checks, one file per rule id under src/checks/, each a
 * function of the evaluated profile, all listed in registry.c.
 */
#ifndef SB_CHECKS_H
#define SB_CHECKS_H

#include <stdbool.h>
#include <stdint.h>

struct sb_ctx;
struct sb_profile;
struct sb_rule;
struct sb_filter;
struct sb_analysis;
struct sb_parse_result;

struct sb_check_ctx {
	struct sb_ctx *ctx;
	const struct sb_profile *profile;
	int target;                  /* --target version, 0: any known */
	uint32_t main_file;
	bool syntax_errors;          /* the profile did not parse cleanly */
	struct sb_analysis *analysis;/* precedence analysis, made once (precedence.h) */
	const struct sb_parse_result *main_parse;  /* of main_file: its top-level forms */
};

struct sb_check {
	const char *name;
	void (*run)(struct sb_check_ctx *c);
};

void sb_checks_run(struct sb_check_ctx *c);

/* Call fn on every leaf filter of every rule (top level and nested),
 * with the rule it belongs to. */
void sb_checks_each_leaf(struct sb_check_ctx *c,
                         void (*fn)(struct sb_check_ctx *c, const struct sb_rule *r,
                                    const struct sb_filter *leaf));

#define SB_CHECK(name) void sb_check_##name(struct sb_check_ctx *c)
SB_CHECK(version_missing);
SB_CHECK(non_canonical_path);
SB_CHECK(subpath_trailing_slash);
SB_CHECK(relative_path);
SB_CHECK(invalid_regex);
SB_CHECK(regex_in_string);
SB_CHECK(regex_unanchored);
SB_CHECK(network_address);
SB_CHECK(modifier_action);
SB_CHECK(broad_allow);
SB_CHECK(deprecated_operation);
SB_CHECK(filter_not_applicable);
SB_CHECK(target_version);
SB_CHECK(path_utf8);
SB_CHECK(duplicate_rule);
SB_CHECK(shadowed_rule);
SB_CHECK(redundant_rule);
SB_CHECK(wildcard_rule_bypassed);
SB_CHECK(unfiltered_after_filtered);

#endif
