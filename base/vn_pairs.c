/*
 * vn_pairs.c — the exact-pair filter (vn_pairs.h).
 */
#include "vn_pairs.h"

/* FNV-1a over the bytes, then MurmurHash3's 64-bit finalizer: FNV alone
 * leaves the high bits of short keys poorly mixed, and both halves of the
 * hash are used for the probes. */
uint64_t vn_pairs_hash(const char *a, size_t an, const char *b, size_t bn)
{
	uint64_t h = 14695981039346656037ull;
	for (size_t i = 0; i < an; i++) {
		h ^= (unsigned char)a[i];
		h *= 1099511628211ull;
	}
	h ^= ' ';
	h *= 1099511628211ull;
	for (size_t i = 0; i < bn; i++) {
		h ^= (unsigned char)b[i];
		h *= 1099511628211ull;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 33;
	return h;
}

size_t vn_pairs_bytes(size_t n)
{
	if (n == 0)
		return 0;
	if (n > SIZE_MAX / VN_PAIRS_BITS - 8)
		return SIZE_MAX / 8;
	return (n * VN_PAIRS_BITS + 7) / 8;
}

/* Probe i of h in a filter of m bits (Kirsch and Mitzenmacher's double
 * hashing: two halves of one hash make all the probes). */
static uint64_t probe(uint64_t h, unsigned i, uint64_t m)
{
	uint64_t h1 = h & 0xffffffffu, h2 = (h >> 32) | 1;
	return (h1 + i * h2) % m;
}

void vn_pairs_set(unsigned char *f, size_t len, uint64_t h)
{
	uint64_t m = (uint64_t)len * 8;
	for (unsigned i = 0; i < VN_PAIRS_PROBES; i++) {
		uint64_t bit = probe(h, i, m);
		f[bit >> 3] |= (unsigned char)(1u << (bit & 7));
	}
}

int vn_pairs_test(const unsigned char *f, size_t len, uint64_t h)
{
	if (len == 0)
		return 0;
	uint64_t m = (uint64_t)len * 8;
	for (unsigned i = 0; i < VN_PAIRS_PROBES; i++) {
		uint64_t bit = probe(h, i, m);
		if (!(f[bit >> 3] & (1u << (bit & 7))))
			return 0;
	}
	return 1;
}
