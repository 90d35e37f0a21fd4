/*
 * vn_text.h — Vietnamese text handling shared by the indexer and the query
 * side, so that both see exactly the same tokens. No Xapian here.
 * The specification is ../shared/normalization-facts.md (cited as "facts §N").
 *
 * Pipeline for any text (a title, a body, a query):
 *   1. decode UTF-8 (invalid bytes → U+FFFD) and repair legacy text
 *      (TCVN3 / VNI-Windows read as Windows-1252, UTF-8 decoded twice) — facts §4;
 *   2. Unicode: quality-before-tone mark order, NFC, Ð/ð → Đ/đ, compatibility
 *      folding (full-width, NBSP, zero-width as separators) — facts §1, §3;
 *   3. tone placement per valid syllable to the new style — facts §2;
 *   4. tokens with byte offsets in the ORIGINAL input, positions and
 *      sentence/clause flags; three forms each — exact, tone-free, key.
 *
 * Contract:
 *  - A vn_text holds scratch buffers and the stemmer; one per thread, not
 *    shared. Tokenizing allocates nothing per token: the strings in a
 *    vn_token are valid only during the callback.
 *  - Functions return 0 or a negative VN_E* code (vn_base.h); bad input is
 *    never an error (it is repaired or replaced with U+FFFD), only allocation
 *    failure or bad arguments are.
 */
#ifndef VN_TEXT_H
#define VN_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "vn_base.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct vn_text vn_text;

/* lang: "vi" (default when NULL or "") — never stemmed; any language
 * libstemmer_c knows ("en", "english", "fr", ...) adds a stemmed form to
 * every token. VN_EINVAL for an unknown language. */
int vn_text_new(vn_text **out, const char *lang, vn_error *err);
void vn_text_free(vn_text *t);
/* Switch language for later calls (the indexer reuses one vn_text). */
int vn_text_set_lang(vn_text *t, const char *lang, vn_error *err);

/* Token flags. */
enum {
	VN_TOK_SENTENCE = 1u << 0, /* a sentence boundary (. ! ? newline) precedes it;
				      the start of the text counts as one, and a '.'
				      only when a space follows it (TP.HCM is not) */
	VN_TOK_CLAUSE = 1u << 1,   /* a clause boundary (, ; : ( ) " – brackets) precedes it;
				      set together with VN_TOK_SENTENCE too */
	VN_TOK_NUMBER = 1u << 2,   /* all digits, with . or , groups inside */
	VN_TOK_SYLLABLE = 1u << 3, /* a valid Vietnamese syllable */
	VN_TOK_MARKED = 1u << 4,   /* has a diacritic or đ (key differs from exact) */
	VN_TOK_ALLCAPS = 1u << 5,  /* written in capitals in the input, ≥ 2 letters (UBND) */
	VN_TOK_CAPITAL = 1u << 6   /* first letter is a capital */
};

typedef struct vn_token {
	const char *exact;     /* lower case, NFC, new-style tone: "thuỷ", "đường" */
	size_t exact_len;
	const char *tonefree;  /* tone removed, quality marks and đ kept: "thuy", "đương" */
	size_t tonefree_len;
	const char *key;       /* every mark removed, đ→d: "thuy", "duong" */
	size_t key_len;
	const char *stem;      /* stemmed key for non-Vietnamese text, else NULL */
	size_t stem_len;
	size_t offset;         /* byte offset of the token in the input passed in */
	size_t length;         /* its byte length there */
	uint32_t position;     /* first_position + index of the token */
	unsigned flags;        /* VN_TOK_* */
} vn_token;

/* Return 0 to go on; any other value stops tokenizing and is returned. */
typedef int (*vn_token_fn)(const vn_token *tok, void *payload);

/* Tokenize s[0..n): fn is called once per token in order. Positions start
 * at first_position. Offsets always refer to s, even when the text was
 * repaired from a legacy encoding. */
int vn_text_tokenize(vn_text *t, const char *s, size_t n, uint32_t first_position,
		     vn_token_fn fn, void *payload);

/* Legacy encodings that repair detects. */
enum vn_encoding {
	VN_ENC_UTF8 = 0,      /* nothing to repair */
	VN_ENC_TCVN3 = 1,     /* TCVN3 (ABC) bytes read as Windows-1252 */
	VN_ENC_VNI = 2,       /* VNI-Windows bytes read as Windows-1252 */
	VN_ENC_DOUBLE_UTF8 = 3 /* UTF-8 decoded as Windows-1252 and re-encoded */
};

/* Repaired, well-formed UTF-8 of s into out (cleared first); *out_enc (may
 * be NULL) says what was repaired. Text needing no repair is copied with
 * invalid bytes replaced by U+FFFD. Detection is conservative: correct
 * Vietnamese, English, code and numbers are never changed. */
int vn_text_repair(vn_text *t, const char *s, size_t n, vn_buf *out, int *out_enc);

/* Bytes of unknown encoding as well-formed UTF-8, for readers of files that
 * may predate Unicode. Valid UTF-8 is copied. Mostly-UTF-8 text with stray
 * bytes gets U+FFFD for them. Otherwise every byte is one character of
 * Windows-1258 or of Windows-1252 (then repaired: raw TCVN3 and VNI bytes),
 * whichever gives more valid Vietnamese syllables. out is cleared first;
 * *out_charset (may be NULL) gets a VN_BYTES_* value. Returns 0, VN_EINVAL
 * or VN_ENOMEM. Needs no vn_text. */
enum vn_bytes_charset {
	VN_BYTES_UTF8 = 0,          /* valid UTF-8, copied */
	VN_BYTES_UTF8_REPLACED = 1, /* UTF-8 with invalid bytes → U+FFFD */
	VN_BYTES_CP1252 = 2,        /* Windows-1252, TCVN3 or VNI (repaired) */
	VN_BYTES_CP1258 = 3         /* Windows-1258 */
};
int vn_text_decode_bytes(const char *s, size_t n, vn_buf *out, int *out_charset);

/* CANONICAL form (the vnnorm left column): repair, Ð→Đ, mark order, NFC,
 * new-style tones; case, spacing and punctuation kept. out is cleared first. */
int vn_text_canonical(vn_text *t, const char *s, size_t n, vn_buf *out);

/* s read as legacy text in enc (VN_ENC_TCVN3, VN_ENC_VNI or
 * VN_ENC_DOUBLE_UTF8), whatever the detection would say: each line whose
 * trial decode fixes a word without spoiling more is decoded, others are
 * copied. For a caller that can judge the readings itself (a query checked
 * against an index); out is cleared first. Returns 0, VN_EINVAL, VN_ENOMEM. */
int vn_text_decode_as(const char *s, size_t n, int enc, vn_buf *out);

/* KEY form (the vnnorm right column): the folded keys of the tokens joined
 * by single spaces. out is cleared first. */
int vn_text_key(vn_text *t, const char *s, size_t n, vn_buf *out);

/* Both forms in one pass (what vnnorm prints). @param[out] canonical,
 * @param[out] key: either may be NULL, not both; each is cleared first and
 * gets exactly what vn_text_canonical / vn_text_key would give (the caller
 * owns and frees the buffers). Returns 0, VN_EINVAL (bad arguments) or
 * VN_ENOMEM (both outputs are then empty). */
int vn_text_normalize(vn_text *t, const char *s, size_t n, vn_buf *canonical, vn_buf *key);

/* Fold one already-tokenized word to its key (for callers that hold a term,
 * e.g. a suggestion table). out is cleared first. */
int vn_text_fold_word(vn_text *t, const char *s, size_t n, vn_buf *out);

/* Telex or VNI input ("ddangr vieen", "d9a3ng vie6n" → "đảng viên"; facts
 * §5): out gets the decoded text and the return is 1 when every word
 * decoded to a valid Vietnamese syllable (numbers pass through) and at least
 * one differs from the input ("vieejt nam" → "việt nam"), 0 otherwise (out
 * is then left empty), negative on error. */
int vn_text_telex(vn_text *t, const char *s, size_t n, vn_buf *out);

/* 1 when s[0..n) (one word, any case/form) is a valid Vietnamese syllable. */
int vn_text_is_syllable(vn_text *t, const char *s, size_t n);

/* One word s[0..n) in lower case (as the index's forms are) written in the
 * case a typed token's flags describe: VN_TOK_ALLCAPS → every letter upper
 * ("hđnd" → "HĐND"), VN_TOK_CAPITAL → the first letter upper ("đảng" →
 * "Đảng"); other flags leave it as it is. out is cleared first. Returns 0,
 * VN_EINVAL (NULL or invalid UTF-8) or VN_ENOMEM. Needs no vn_text. */
int vn_text_recase(const char *s, size_t n, unsigned flags, vn_buf *out);

#ifdef __cplusplus
}
#endif
#endif
