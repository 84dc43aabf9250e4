/*
 * utf8.h -- UTF-8 validation shared by the JSON renderer (which must emit
 * valid UTF-8) and the path checks (macOS file names are UTF-8).
 */
#ifndef SB_UTF8_H
#define SB_UTF8_H

#include <stddef.h>

/* Length of the valid UTF-8 sequence at s (n bytes left), or 0 when the
 * bytes there are not valid UTF-8 (overlong forms and surrogates included). */
size_t sb_utf8_seq(const unsigned char *s, size_t n);

#endif
