/*
 * redundant-rule.c -- a filtered rule that never decides a request because
 * later filtered rules of the same action on the same operation match
 * everything it matches: removing it changes no decision; or an unfiltered
 * rule that a later unfiltered rule of the same action (other modifiers)
 * replaces as the operation's fallback.
 */
#include "precedence.h"

SB_CHECK(redundant_rule)
{
	sb_report_dead(c, SB_DEAD_REDUNDANT, SB_RULE_REDUNDANT_RULE, "changes no decision");
}
