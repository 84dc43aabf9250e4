/*
 * datum.c -- small helpers over the datum tree.
 */
#include "datum.h"

#include <string.h>

bool sb_datum_is_symbol(const struct sb_datum *d, const char *name)
{
	return d && d->kind == SB_DATUM_SYMBOL && strcmp(d->u.str.s, name) == 0;
}
