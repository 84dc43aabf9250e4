/*
 * utf8.c -- see utf8.h.
 */
#include "utf8.h"

#include <stdint.h>

size_t sb_utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t len;
	uint32_t cp;
	if (c < 0x80)
		return 1;
	else if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1Fu; }
	else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0Fu; }
	else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07u; }
	else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3Fu);
	}
	static const uint32_t min[] = { 0, 0, 0x80, 0x800, 0x10000 };
	if (cp < min[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}
