/*
 * vn_pairs.c — the exact-pair set (vn_pairs.h).
 */
#include "vn_pairs.h"

#include "vn_base.h"

/* FNV-1a over the bytes, then MurmurHash3's 64-bit finalizer: FNV alone
 * leaves the high bits (the fingerprint) of short keys poorly mixed. */
uint64_t vn_pairs_hash(const char *a, size_t an, const char *b, size_t bn)
{
	uint64_t h = vn_fnv1a(VN_FNV_OFFSET, a, an);
	h = vn_fnv1a(h, " ", 1);
	h = vn_fnv1a(h, b, bn);
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 33;
	return h;
}

/* Ascending, in place: a heapsort (a document's few hundred values; qsort's
 * callback per comparison cost more than the rest of the set). */
static void sift(uint64_t *v, size_t i, size_t n)
{
	uint64_t x = v[i];
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= n)
			break;
		if (c + 1 < n && v[c + 1] > v[c])
			c++;
		if (v[c] <= x)
			break;
		v[i] = v[c];
		i = c;
	}
	v[i] = x;
}

static void sort_u64(uint64_t *v, size_t n)
{
	if (n < 2)
		return;
	for (size_t i = n / 2; i-- > 0;)
		sift(v, i, n);
	for (size_t end = n - 1; end > 0; end--) {
		uint64_t t = v[0];
		v[0] = v[end];
		v[end] = t;
		sift(v, 0, end);
	}
}

size_t vn_pairs_build(uint64_t *h, size_t n, unsigned char *out)
{
	for (size_t i = 0; i < n; i++)
		h[i] >>= 32;
	sort_u64(h, n);
	size_t len = 0;
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && h[i] == h[i - 1])
			continue;
		uint32_t f = (uint32_t)h[i];
		out[len++] = (unsigned char)(f >> 24);
		out[len++] = (unsigned char)(f >> 16);
		out[len++] = (unsigned char)(f >> 8);
		out[len++] = (unsigned char)f;
	}
	return len;
}

static uint32_t at(const unsigned char *v, size_t i)
{
	const unsigned char *p = v + i * VN_PAIRS_BYTES;
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

int vn_pairs_test(const unsigned char *v, size_t len, uint64_t h)
{
	if (len % VN_PAIRS_BYTES)
		return 0;
	uint32_t f = (uint32_t)(h >> 32);
	size_t lo = 0, hi = len / VN_PAIRS_BYTES;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint32_t m = at(v, mid);
		if (m == f)
			return 1;
		if (m < f)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}
