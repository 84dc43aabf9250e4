/*
 * explain.c -- look up a rule's page in the generated table.
 */
#include "explain.h"

#include <string.h>

const char *sb_explain_lookup(const char *id)
{
	size_t lo = 0, hi = sb_explain_count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(id, sb_explain_table[mid].id);
		if (c == 0)
			return sb_explain_table[mid].text;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}
