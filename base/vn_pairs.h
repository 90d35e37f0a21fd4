/*
 * vn_pairs.h — the exact-pair filter of index format 4 (vn_schema.h,
 * VN_SLOT_PAIRS): per document, a Bloom filter of its adjacent word pairs
 * that carry accents ("trong cả", "đảng viên"), in their exact forms. The
 * query's re-ranking asks it, for its few candidates, whether a pair the
 * query typed with accents stands in the document as typed. (Format 3 wrote
 * each such pair as a term, P<exact> <exact>: a third of the indexer's work
 * and a quarter of the index, for that one test.)
 *
 * The filter of a document with n distinct pairs has VN_PAIRS_BITS bits per
 * pair, rounded up to whole bytes, and VN_PAIRS_PROBES bits set per pair: a
 * pair the document does not have tests present with a probability of
 * about 0.05 %; a pair it has always tests present. The indexer and the
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

#define VN_PAIRS_BITS 16
#define VN_PAIRS_PROBES 11

/* The hash of the pair "a b" (two tokens' exact forms, as vn_text gives
 * them). */
uint64_t vn_pairs_hash(const char *a, size_t an, const char *b, size_t bn);
/* Bytes of the filter of n distinct pairs (0 for none: no value is set). */
size_t vn_pairs_bytes(size_t n);
/* Set pair h in the filter f[0..len) (len > 0; f zeroed beforehand). */
void vn_pairs_set(unsigned char *f, size_t len, uint64_t h);
/* 1 when pair h tests present in f[0..len); 0 when len is 0. */
int vn_pairs_test(const unsigned char *f, size_t len, uint64_t h);

#ifdef __cplusplus
}
#endif

#endif
