/*
 * legacy_query.c — a query pasted from an old document in TCVN3 or VNI, or
 * double-encoded UTF-8, searched as the Vietnamese it was meant to be.
 *
 * The text core repairs a text only on evidence from many words, because it
 * runs on whole articles and a false repair would spoil the index. A query
 * has two or three words ("ViÖt Nam", "giaùo duïc", "dù Cuéc thi" where the
 * TCVN3 "dự" reads as the valid "dù"), too few for that rule, but the query
 * side has something better than rules: the index. Each reading of the query
 * (as typed, as TCVN3, as VNI, as double UTF-8) is judged by how many of its
 * non-ASCII words the index holds in exactly that form; a reading replaces
 * the query only when it finds strictly more of them than the query as
 * typed, so a correct query, including one with a foreign name ("Loïc",
 * "Zürich"), stays as it is.
 */
#include <string.h>

#include "vn_db.h"
#include "vn_query_int.h"
#include "vn_schema.h"
#include "vn_text.h"

/* A byte that starts U+0080-U+00FF (C2 C3) or Windows-1252 punctuation
 * (C5 C6 CB, E2 80-84): what every legacy reading needs to change anything. */
static int may_be_legacy(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n; i++) {
		unsigned c = p[i];
		if (c == 0xC2 || c == 0xC3 || c == 0xC5 || c == 0xC6 || c == 0xCB)
			return 1;
		if (c == 0xE2 && i + 1 < n && (p[i + 1] == 0x80 || p[i + 1] == 0x84))
			return 1;
	}
	return 0;
}

typedef struct evidence {
	vn_db *db;
	vn_buf term;
	int score; /* +1 per non-ASCII word the index holds, -1 per other */
	int rc;
	vn_error *err;
} evidence;

static int weigh_token(const vn_token *tok, void *payload)
{
	evidence *ev = payload;
	if (vn_is_ascii(tok->exact, tok->exact_len))
		return 0;
	/* the exact form is indexed as X<exact>, or as the bare key when the
	 * two are the same (vn_schema.h) */
	int same = tok->exact_len == tok->key_len && memcmp(tok->exact, tok->key, tok->key_len) == 0;
	vn_buf_clear(&ev->term);
	if ((!same && vn_buf_puts(&ev->term, VN_PREFIX_EXACT)) ||
	    vn_buf_append(&ev->term, tok->exact, tok->exact_len)) {
		ev->rc = VN_ENOMEM;
		return 1;
	}
	uint32_t tf = 0;
	if (ev->term.len <= 240) {
		int rc = vn_db_termfreq(ev->db, ev->term.data, ev->term.len, &tf, ev->err);
		if (rc) {
			ev->rc = rc;
			return 1;
		}
	}
	ev->score += tf ? 1 : -1;
	return 0;
}

/* A symbol of U+0080-U+00FF or Windows-1252 punctuation: what a legacy
 * letter looks like when read in the wrong code page ("®", "»", "´", "‡"). */
static int legacy_symbol(uint32_t c)
{
	if (c >= 0x80 && c <= 0xBF)
		return 1;
	if (c == 0xD7 || c == 0xF7)
		return 1;
	return (c >= 0x2013 && c <= 0x203A) || c == 0x20AC || c == 0x2122 || c == 0x2C6 || c == 0x2DC;
}

static int letter_or_digit(uint32_t c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
	return !legacy_symbol(c) && c != 0xA0;
}

/* Symbols inside words: a reading that leaves them there ("Viá»‡t",
 * "cÃ´ng", "®èi") has not been decoded, whatever fragments of it are words. */
static int symbols_in_words(const char *s, size_t n)
{
	int count = 0;
	uint32_t prev = ' ';
	size_t i = 0;
	while (i < n) {
		uint32_t c;
		size_t k = vn_utf8_decode(&c, (const unsigned char *)s + i, n - i);
		uint32_t next = ' ';
		if (i + k < n)
			vn_utf8_decode(&next, (const unsigned char *)s + i + k, n - i - k);
		if (legacy_symbol(c) && (letter_or_digit(prev) || letter_or_digit(next)))
			count++;
		prev = c;
		i += k;
	}
	return count;
}

static int weigh(struct vq_engine_view *v, const char *s, size_t n, int *score, vn_error *err)
{
	evidence ev = { v->db, VN_BUF_INIT, 0, 0, err };
	int rc = vn_text_tokenize(v->text, s, n, 0, weigh_token, &ev);
	vn_buf_free(&ev.term);
	if (ev.rc)
		return ev.rc;
	if (rc < 0)
		return rc;
	*score = ev.score - symbols_in_words(s, n);
	return 0;
}

int vq_canonical_query(struct vn_query_engine *e, const char *s, size_t n, vn_buf *out, vn_error *err)
{
	struct vq_engine_view v;
	vq_engine_view(e, &v);
	int rc = vn_text_canonical(v.text, s, n, out);
	if (rc || !may_be_legacy(out->data, out->len))
		return rc;
	int best = 0;
	if ((rc = weigh(&v, out->data, out->len, &best, err)))
		return rc;
	vn_buf reading = VN_BUF_INIT, canon = VN_BUF_INIT;
	static const int encs[] = { VN_ENC_TCVN3, VN_ENC_VNI, VN_ENC_DOUBLE_UTF8 };
	for (size_t i = 0; i < sizeof encs / sizeof *encs && !rc; i++) {
		int score = 0;
		if ((rc = vn_text_decode_as(s, n, encs[i], &reading)))
			break;
		if (reading.len == n && memcmp(reading.data, s, n) == 0)
			continue;
		if ((rc = vn_text_canonical(v.text, reading.data ? reading.data : "", reading.len, &canon)) ||
		    (rc = weigh(&v, canon.data ? canon.data : "", canon.len, &score, err)))
			break;
		if (score > best) {
			vn_buf tmp = *out;
			*out = canon;
			canon = tmp;
			best = score;
		}
	}
	vn_buf_free(&reading);
	vn_buf_free(&canon);
	return rc;
}
