/*
 * vn_repair.h — internal to text/: detection and repair of legacy
 * Vietnamese encodings (facts §4). vn_text_repair (vn_text.h) is built on it,
 * and the tokenizer calls it so that offsets can be mapped back to the input.
 */
#ifndef VN_REPAIR_H
#define VN_REPAIR_H

#include <stddef.h>
#include <stdint.h>

#include "vn_base.h"

/* Which legacy encoding s[0..n) is in (enum vn_encoding in vn_text.h);
 * VN_ENC_UTF8 when nothing should be repaired. Conservative. */
int vn__repair_detect(const char *s, size_t n);

/* Convert s[0..n) from enc to well-formed UTF-8, appended to out. When
 * offmap is not NULL, one uint32_t is appended to it per output byte: the
 * byte offset in s of the input character that byte came from. Invalid
 * UTF-8 in s becomes U+FFFD. enc VN_ENC_UTF8 only replaces invalid bytes. */
int vn__repair_convert(const char *s, size_t n, int enc, vn_buf *out, vn_buf *offmap);

#endif
