/* legacy_bytes.c — input that is not UTF-8 at all (facts §4).
 *
 * Old portal files were saved by the Vietnamese code pages and fonts
 * themselves: raw TCVN3 (ABC) or VNI-Windows bytes, or Windows-1258. Such
 * text reaches a reader as bytes that do not form UTF-8, and replacing each
 * one by U+FFFD would turn every accented letter into the same garbage.
 *
 * Every one of these encodings is one byte per character, so the decision is
 * only how to read a byte: as Windows-1258 (a real Vietnamese code page), or
 * as Windows-1252 — which is exactly how raw TCVN3 and VNI bytes become the
 * mojibake that repair.c already recognises and repairs. Both readings are
 * tried and the one giving more valid Vietnamese syllables with marks wins.
 *
 * Text that is mostly UTF-8 with a few stray bytes is left as UTF-8 (the
 * stray bytes become U+FFFD): a legacy reading would spoil its real letters.
 */
#include <string.h>

#include "vn_repair.h"
#include "vn_text.h"

/* Windows-1258 where it differs from Windows-1252 (bytes 0x8A 0x8E 0x9A 0x9E
 * are undefined there and kept as C1 controls, as cp1252's holes are). */
static uint32_t cp1258_char(unsigned char b)
{
	switch (b) {
	case 0x8A: case 0x8E: case 0x9A: case 0x9E: return b;
	case 0xC3: return 0x0102; /* Ă */
	case 0xCC: return 0x0300; /* combining grave */
	case 0xD0: return 0x0110; /* Đ */
	case 0xD2: return 0x0309; /* combining hook above */
	case 0xD5: return 0x01A0; /* Ơ */
	case 0xDD: return 0x01AF; /* Ư */
	case 0xDE: return 0x0303; /* combining tilde */
	case 0xE3: return 0x0103; /* ă */
	case 0xEC: return 0x0301; /* combining acute */
	case 0xF0: return 0x0111; /* đ */
	case 0xF2: return 0x0323; /* combining dot below */
	case 0xF5: return 0x01A1; /* ơ */
	case 0xFD: return 0x01B0; /* ư */
	case 0xFE: return 0x20AB; /* ₫ */
	default: break;
	}
	return b >= 0x80 && b < 0xA0 ? vn__cp1252_hi[b - 0x80] : b;
}

static uint32_t cp1252_char(unsigned char b)
{
	return b >= 0x80 && b < 0xA0 ? vn__cp1252_hi[b - 0x80] : b;
}

/* Every byte ≥ 0x80 as one character of the code page. */
static int decode_single(const char *s, size_t n, uint32_t (*map)(unsigned char), vn_buf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	if (vn_buf_reserve(out, n + n / 2 + 16) < 0)
		return VN_ENOMEM;
	for (size_t i = 0; i < n; i++) {
		if (p[i] < 0x80) {
			if (vn_buf_putc(out, p[i]) < 0)
				return VN_ENOMEM;
		} else if (vn_buf_put_utf8(out, map(p[i])) < 0) {
			return VN_ENOMEM;
		}
	}
	return 0;
}

static int is_word_cp(uint32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
	       (cp >= 0xC0 && cp != 0xD7 && cp != 0xF7 && cp < 0x2000 && cp != 0xFFFD);
}

/* How Vietnamese the UTF-8 text s looks: the number of its words that are
 * valid syllables and hold a letter beyond ASCII (plain ASCII words say
 * nothing about the code page), or 0 when that is under two or under half
 * of the words that hold such a letter — too little to trust a reading. */
static size_t marked_syllables(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t w[32];
	size_t wn = 0, valid = 0, marked_words = 0, i = 0;
	int marked = 0, too_long = 0;
	while (i <= n) {
		uint32_t cp = 0;
		size_t k = 1;
		if (i < n)
			k = vn_utf8_decode(&cp, p + i, n - i);
		if (i < n && is_word_cp(cp)) {
			if (wn < 32)
				w[wn++] = cp;
			else
				too_long = 1;
			marked |= cp >= 0x80;
		} else {
			if (wn && marked) {
				marked_words++;
				valid += !too_long && vn__repair_is_syllable(w, wn);
			}
			wn = 0;
			marked = too_long = 0;
		}
		i += k;
	}
	return valid >= 2 && valid * 2 >= marked_words ? valid : 0;
}

/* The better single-byte reading of s into out: 1 (and *charset) when one
 * of them gives Vietnamese, 0 when neither does (out untouched), or
 * VN_ENOMEM. Windows-1252 text is repaired when it is TCVN3 or VNI. */
static int read_legacy(const char *s, size_t n, vn_buf *out, int *charset)
{
	vn_buf w1252 = VN_BUF_INIT, fixed = VN_BUF_INIT, w1258 = VN_BUF_INIT;
	int rc = VN_ENOMEM;
	if (decode_single(s, n, cp1252_char, &w1252) || decode_single(s, n, cp1258_char, &w1258))
		goto out;
	const vn_buf *as1252 = &w1252;
	int enc = vn__repair_detect(w1252.data, w1252.len);
	if (enc != VN_ENC_UTF8) {
		if (vn__repair_convert(w1252.data, w1252.len, enc, &fixed, NULL) < 0)
			goto out;
		as1252 = &fixed;
	}
	size_t s1258 = marked_syllables(w1258.data, w1258.len);
	size_t s1252 = marked_syllables(as1252->data, as1252->len);
	rc = 0;
	if (s1258 || s1252) {
		const vn_buf *win = s1258 > s1252 ? &w1258 : as1252;
		*charset = win == &w1258 ? VN_BYTES_CP1258 : VN_BYTES_CP1252;
		rc = vn_buf_append(out, win->data, win->len) < 0 ? VN_ENOMEM : 1;
	}
out:
	vn_buf_free(&w1252);
	vn_buf_free(&fixed);
	vn_buf_free(&w1258);
	return rc;
}

int vn_text_decode_bytes(const char *s, size_t n, vn_buf *out, int *out_charset)
{
	int charset = VN_BYTES_UTF8;
	if (out_charset)
		*out_charset = charset;
	if (!out || (!s && n))
		return VN_EINVAL;
	vn_buf_clear(out);
	if (vn_utf8_valid(s, n))
		return vn_buf_append(out, s, n) < 0 ? VN_ENOMEM : 0;

	/* A legacy file forms a well-formed multi-byte character only by
	 * accident: with more than one per ten stray bytes, or when no reading
	 * gives Vietnamese, this is damaged UTF-8. */
	const unsigned char *p = (const unsigned char *)s;
	size_t good = 0, bad = 0;
	for (size_t i = 0; i < n;) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		size_t k = vn_utf8_decode(&cp, p + i, n - i);
		if (cp == 0xFFFD && k == 1)
			bad++;
		else
			good++;
		i += k;
	}
	int rc = good * 10 < bad ? read_legacy(s, n, out, &charset) : 0;
	if (rc == 0) {
		/* repair's UTF-8 pass: invalid bytes become U+FFFD */
		charset = VN_BYTES_UTF8_REPLACED;
		rc = vn__repair_convert(s, n, VN_ENC_UTF8, out, NULL);
	}
	if (out_charset)
		*out_charset = charset;
	return rc < 0 ? rc : 0;
}
