/*
 * hash.h -- FNV-1a, the one byte hash the hash tables of the library share
 * (the model's filter index, the emitter's duplicate set, diag's repeats).
 */
#ifndef SB_HASH_H
#define SB_HASH_H

#include <stddef.h>
#include <stdint.h>

#define SB_FNV_OFFSET 1469598103934665603ULL
#define SB_FNV_PRIME  1099511628211ULL

/* Continue hash h over bytes p[0..n). */
static inline uint64_t sb_fnv1a(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * SB_FNV_PRIME;
	return h;
}

#endif
