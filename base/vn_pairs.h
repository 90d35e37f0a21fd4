/*
 * vn_pairs.h — the exact-pair set of index format 4 (vn_schema.h,
 * VN_SLOT_PAIRS): per document, the adjacent word pairs that carry accents
 * ("trong cả", "đảng viên"), in their exact forms, as a sorted set of
 * 32-bit fingerprints. The query's re-ranking asks it, for its few
 * candidates, whether a pair the query typed with accents stands in the
 * document as typed. (Format 3 wrote each such pair as a term, P<exact>
 * <exact>: a third of the indexer's work and a quarter of the index, for
 * that one test.)
 *
 * The value is the distinct fingerprints of the document's pairs, 4 bytes
 * each, big-endian, ascending. A pair the document has always tests
 * present; one it does not have tests present when its fingerprint equals
 * one of the document's: about n / 2^32 for n pairs (1e-7 for a news
 * article's 400), so the test is as good as exact. The indexer and the
 * query side must agree on everything here: changing it changes the index
 * format.
 */
#ifndef VN_PAIRS_H
#define VN_PAIRS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define VN_PAIRS_BYTES 4   /* per distinct pair */

/* The hash of the pair "a b" (two tokens' exact forms, as vn_text gives
 * them); its high 32 bits are the pair's fingerprint. */
uint64_t vn_pairs_hash(const char *a, size_t an, const char *b, size_t bn);
/* The value of the pairs whose hashes are h[0..n) (repeats allowed; h is
 * reordered and overwritten) into out, which has room for n *
 * VN_PAIRS_BYTES bytes; returns the value's length (0 for n = 0: no value
 * is set). */
size_t vn_pairs_build(uint64_t *h, size_t n, unsigned char *out);
/* 1 when the pair of hash h is in the value v[0..len); 0 when it is not,
 * or when len is not a multiple of VN_PAIRS_BYTES. */
int vn_pairs_test(const unsigned char *v, size_t len, uint64_t h);

#ifdef __cplusplus
}
#endif

#endif
