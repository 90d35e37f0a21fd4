/*
 * vn_text_test.h — hooks for the differential tests of the text core's fast
 * paths (tests/text/test_text_diff.c); not part of the public API.
 */
#ifndef VN_TEXT_TEST_H
#define VN_TEXT_TEST_H

#include <stddef.h>

#include "vn_text.h"

/* on != 0: every word goes the general way (no simple-word scan, no word
 * cache), the reference the fast paths are compared with. */
void vn__text_set_reference(vn_text *t, int on);

/* Number of offsets of s[0..n) where the 16-byte simple-word scan and its
 * byte-at-a-time reference disagree (expected 0). */
size_t vn__text_simple_len_check(const char *s, size_t n);

#endif
