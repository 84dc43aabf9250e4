/*
 * network-address.c -- bad-argument for (local|remote PROTO "HOST:PORT"):
 * libsandbox accepts only * or localhost as host ("host must be * or
 * localhost in network address") and a port of * or 0..65535; one bad
 * address makes sandbox-exec reject the whole profile (reference §5.3).
 */
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "ctx.h"
#include "leaf.h"

static void check_leaf(struct sb_check_ctx *c, const struct sb_rule *r, const struct sb_filter *f)
{
	(void)r;
	if (!f->spelling || !f->spelling->filter || f->spelling->filter->arg != SB_DB_ARG_NETWORK ||
	    !f->arg2 || f->arg2->kind != SB_V_STR)
		return;
	const struct sb_value *v = f->arg2;
	const char *s = v->u.str.s;
	const char *colon = strrchr(s, ':');
	if (!colon) {
		sb_diag_report(c->ctx, SB_RULE_BAD_ARGUMENT, v->span,
		               "network address '%s' needs the form \"HOST:PORT\", as in \"*:443\" or "
		               "\"localhost:8080\"", s);
		return;
	}
	size_t hl = (size_t)(colon - s);
	if (!(hl == 1 && s[0] == '*') && !(hl == 9 && strncmp(s, "localhost", 9) == 0)) {
		sb_diag_report(c->ctx, SB_RULE_BAD_ARGUMENT, v->span,
		               "host '%.*s' in '%s': libsandbox accepts only * or localhost as host "
		               "and rejects the whole profile", (int)hl, s, s);
		return;
	}
	const char *port = colon + 1;
	if (strcmp(port, "*") == 0)
		return;
	char *end;
	long p = strtol(port, &end, 10);
	if (*port == '\0' || *end != '\0' || p < 0 || p > 65535 || *port == '-' || *port == '+')
		sb_diag_report(c->ctx, SB_RULE_BAD_ARGUMENT, v->span,
		               "port '%s' in '%s' is not * or a number from 0 to 65535", port, s);
}

SB_CHECK(network_address)
{
	sb_checks_each_leaf(c, check_leaf);
}
