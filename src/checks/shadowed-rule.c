/*
 * shadowed-rule.c -- a filtered rule that never decides a request because
 * later filtered rules of the other action on the same operation match
 * everything it matches (later filtered rules are tried first); or an
 * unfiltered rule that a later unfiltered rule of the other action replaces
 * as the operation's fallback ((deny default) ... (allow default)).
 */
#include "precedence.h"

SB_CHECK(shadowed_rule)
{
	sb_report_dead(c, SB_DEAD_SHADOWED, SB_RULE_SHADOWED_RULE, "never decides");
}
