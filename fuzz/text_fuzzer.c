/* text_fuzzer.c — the whole text pipeline (text/vn_text.h) on arbitrary
 * bytes: repair, tokenize, CANONICAL, KEY, Telex, fold, is_syllable, and
 * the reading of non-UTF-8 bytes (vn_text_decode_bytes). Checks
 * what must hold for any input: tokens inside the input with consecutive
 * positions and non-empty valid UTF-8 forms, valid UTF-8 output, NORMALIZE
 * = CANONICAL + KEY, KEY = the keys of the tokens joined by spaces, and
 * CANONICAL idempotent on text that needs no legacy repair. The first byte
 * picks the language (Vietnamese or English, which adds stems). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vn_repair.h"
#include "vn_text.h"

static vn_text *vi_text, *en_text;

struct acc {
	const uint8_t *in;
	size_t n;
	uint32_t next;
	vn_buf keys;
};

static int on_token(const vn_token *t, void *payload)
{
	struct acc *a = payload;
	if (t->length == 0 || t->offset + t->length > a->n || t->position != a->next)
		__builtin_trap();
	if (!t->key_len || !vn_utf8_valid(t->key, t->key_len) || !vn_utf8_valid(t->exact, t->exact_len) ||
	    !vn_utf8_valid(t->tonefree, t->tonefree_len))
		__builtin_trap();
	a->next++;
	if (a->keys.len)
		vn_buf_putc(&a->keys, ' ');
	vn_buf_append(&a->keys, t->key, t->key_len);
	return 0;
}

static int same(const vn_buf *a, const vn_buf *b)
{
	return a->len == b->len && (a->len == 0 || memcmp(a->data, b->data, a->len) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!vi_text && (vn_text_new(&vi_text, NULL, NULL) || vn_text_new(&en_text, "en", NULL)))
		__builtin_trap();
	vn_text *t = (size && data[0] == 'E') ? en_text : vi_text;
	const char *s = (const char *)data;
	struct acc a = { data, size, 3, VN_BUF_INIT };
	vn_buf c = VN_BUF_INIT, k = VN_BUF_INIT, c2 = VN_BUF_INIT, k2 = VN_BUF_INIT;
	if (vn_text_tokenize(t, s, size, 3, on_token, &a))
		__builtin_trap();
	if (vn_text_canonical(t, s, size, &c) || !vn_utf8_valid(c.data, c.len))
		__builtin_trap();
	if (vn_text_key(t, s, size, &k) || !vn_utf8_valid(k.data, k.len) || !same(&k, &a.keys))
		__builtin_trap();
	if (vn_text_normalize(t, s, size, &c2, &k2) || !same(&c, &c2) || !same(&k, &k2))
		__builtin_trap();
	if (vn__repair_detect(s, size) == VN_ENC_UTF8 && c.len && vn__repair_detect(c.data, c.len) == VN_ENC_UTF8) {
		if (vn_text_canonical(t, c.data, c.len, &c2) || !same(&c, &c2))
			__builtin_trap();
		if (vn_text_key(t, c.data, c.len, &k2) || !same(&k, &k2))
			__builtin_trap();
	}
	int r = vn_text_telex(t, s, size, &c2);
	if (r < 0 || (r == 1 && !vn_utf8_valid(c2.data, c2.len)) || (r == 0 && c2.len))
		__builtin_trap();
	if (vn_text_fold_word(t, s, size, &k2) || !same(&k, &k2))
		__builtin_trap();
	r = vn_text_is_syllable(t, s, size);
	if (r != 0 && r != 1)
		__builtin_trap();
	/* bytes of any encoding: valid UTF-8 out, valid UTF-8 in copied as is */
	int charset = -1;
	if (vn_text_decode_bytes(s, size, &c2, &charset) || !vn_utf8_valid(c2.data, c2.len) ||
	    charset < VN_BYTES_UTF8 || charset > VN_BYTES_CP1258)
		__builtin_trap();
	if (vn_utf8_valid(s, size) && (charset != VN_BYTES_UTF8 || c2.len != size ||
				       (size && memcmp(c2.data, s, size) != 0)))
		__builtin_trap();
	vn_buf_free(&a.keys);
	vn_buf_free(&c);
	vn_buf_free(&k);
	vn_buf_free(&c2);
	vn_buf_free(&k2);
	return 0;
}
