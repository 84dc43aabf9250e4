/*
 * datum.c -- small helpers over the datum tree.
 */
#include "datum.h"

#include <string.h>

const char *sb_datum_kind_name(enum sb_datum_kind kind)
{
	switch (kind) {
	case SB_DATUM_LIST:             return "list";
	case SB_DATUM_VECTOR:           return "vector";
	case SB_DATUM_SYMBOL:           return "symbol";
	case SB_DATUM_STRING:           return "string";
	case SB_DATUM_RAW_STRING:       return "regex string";
	case SB_DATUM_NUMBER:           return "number";
	case SB_DATUM_BOOLEAN:          return "boolean";
	case SB_DATUM_CHAR:             return "character";
	case SB_DATUM_QUOTE:            return "quote";
	case SB_DATUM_QUASIQUOTE:       return "quasiquote";
	case SB_DATUM_UNQUOTE:          return "unquote";
	case SB_DATUM_UNQUOTE_SPLICING: return "unquote-splicing";
	case SB_DATUM_ERROR:            return "error";
	}
	return "datum";
}

bool sb_datum_is_symbol(const struct sb_datum *d, const char *name)
{
	return d && d->kind == SB_DATUM_SYMBOL && strcmp(d->u.str.s, name) == 0;
}
