/* test_base.c — error records, buffers, escapers, UTF-8 and number parsing,
 * the exact-pair set. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vn_base.h"
#include "vn_pairs.h"

static void test_error_set_and_clear(void **state)
{
	(void)state;
	vn_error err = VN_ERROR_INIT;
	assert_int_equal(vn_error_set(&err, VN_EIO, "cannot open %s\nsecond line", "x.jsonl"), VN_EIO);
	assert_int_equal(err.code, VN_EIO);
	assert_string_equal(err.msg, "cannot open x.jsonl second line");
	assert_int_equal(vn_error_set(NULL, VN_EINVAL, "ignored"), VN_EINVAL);
	vn_error_set_class(&err, VN_ELOCKED, "DatabaseLockError", "locked");
	assert_string_equal(err.klass, "DatabaseLockError");
	vn_error_clear(&err);
	assert_int_equal(err.code, 0);
	assert_string_equal(err.msg, "");
	assert_string_equal(vn_strerror(VN_ELOCKED), "database locked by another writer");
	assert_string_equal(vn_strerror(12345), "unknown error");
}

static void test_buf_grows_and_detaches(void **state)
{
	(void)state;
	vn_buf b = VN_BUF_INIT;
	for (int i = 0; i < 1000; i++)
		assert_int_equal(vn_buf_printf(&b, "%d,", i % 10), 0);
	assert_int_equal(b.len, 2000);
	assert_int_equal(b.data[b.len], '\0');
	assert_int_equal(vn_buf_put_utf8(&b, 0x1EC7), 0); /* ệ */
	assert_memory_equal(b.data + 2000, "\xE1\xBB\x87", 3);
	vn_buf_clear(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
	size_t n = 99;
	char *p = vn_buf_detach(&b, &n);
	assert_non_null(p);
	assert_int_equal(n, 0);
	assert_null(b.data);
	free(p);
	vn_buf_free(&b);
	vn_buf_free(NULL);
}

static void test_escape_html_every_byte(void **state)
{
	(void)state;
	vn_buf b = VN_BUF_INIT;
	/* Every ASCII byte: no raw < > & " ' may survive. */
	for (int c = 1; c < 128; c++) {
		char ch = (char)c;
		vn_buf_clear(&b);
		assert_int_equal(vn_escape_html(&b, &ch, 1), 0);
		if (strchr("<>&\"'", c))
			assert_int_equal(b.data[0], '&');
		else
			assert_int_equal(b.len, 1);
	}
	vn_buf_clear(&b);
	assert_int_equal(vn_escape_html(&b, "<script>\"x\"&'y'</script>", 24), 0);
	assert_string_equal(b.data, "&lt;script&gt;&quot;x&quot;&amp;&#39;y&#39;&lt;/script&gt;");
	vn_buf_clear(&b);
	assert_int_equal(vn_escape_html(&b, "\xff\xfe" "Đảng", 2 + 7), 0);
	assert_string_equal(b.data, "\xEF\xBF\xBD\xEF\xBF\xBD" "Đảng");
	vn_buf_free(&b);
}

static void test_escape_json(void **state)
{
	(void)state;
	vn_buf b = VN_BUF_INIT;
	const char in[] = "a\"b\\c\n\x01</script>\xE2\x80\xA8" "đ\xC3";
	assert_int_equal(vn_json_string(&b, in, sizeof in - 1), 0);
	assert_string_equal(b.data, "\"a\\\"b\\\\c\\n\\u0001</script>\\u2028đ\\ufffd\"");
	vn_buf_free(&b);
}

static void test_escape_url(void **state)
{
	(void)state;
	vn_buf b = VN_BUF_INIT;
	assert_int_equal(vn_escape_url(&b, "đảng viên&x=1", strlen("đảng viên&x=1")), 0);
	assert_string_equal(b.data, "%C4%91%E1%BA%A3ng+vi%C3%AAn%26x%3D1");
	vn_buf_free(&b);
}

static void test_utf8_decode_invalid(void **state)
{
	(void)state;
	uint32_t cp;
	/* overlong, surrogate, truncated, stray continuation, too large */
	const char *bad[] = { "\xC0\xAF", "\xED\xA0\x80", "\xE1\xBA", "\x80", "\xF5\x80\x80\x80" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(vn_utf8_decode(&cp, (const unsigned char *)bad[i], strlen(bad[i])), 1);
		assert_int_equal(cp, 0xFFFD);
		assert_false(vn_utf8_valid(bad[i], strlen(bad[i])));
	}
	assert_int_equal(vn_utf8_decode(&cp, (const unsigned char *)"\xE1\xBB\x87", 3), 3);
	assert_int_equal(cp, 0x1EC7);
	assert_true(vn_utf8_valid("Việt Nam \xEF\xBF\xBD", strlen("Việt Nam \xEF\xBF\xBD")));
	/* the bounds of RFC 3629 section 4, and an error past an 8-byte ASCII run */
	const char *bad2[] = { "\xE0\x80\x80", "\xF0\x80\x80\x80", "\xF4\x90\x80\x80",
			       "abcdefghij\xC3", "abcdefgh\xE1\xBB\x28xyz" };
	for (size_t i = 0; i < sizeof bad2 / sizeof bad2[0]; i++)
		assert_false(vn_utf8_valid(bad2[i], strlen(bad2[i])));
	const char *good[] = { "\xE0\xA0\x80", "\xED\x9F\xBF", "\xF4\x8F\xBF\xBF",
			       "\xF0\x9F\x98\x80 abcdefghijklmnop đảng" };
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		assert_true(vn_utf8_valid(good[i], strlen(good[i])));
	char out[4];
	assert_int_equal(vn_utf8_encode(out, 0xD800), 3); /* surrogate → U+FFFD */
	assert_memory_equal(out, "\xEF\xBF\xBD", 3);
}

static void test_parse_int_bounds(void **state)
{
	(void)state;
	long long v = 0;
	assert_int_equal(vn_parse_int(&v, "42", 2, 1, 100), 0);
	assert_int_equal(v, 42);
	assert_int_equal(vn_parse_int(&v, "-3", 2, -5, 5), 0);
	assert_int_equal(v, -3);
	assert_int_equal(vn_parse_int(&v, "101", 3, 1, 100), VN_ERANGE);
	assert_int_equal(vn_parse_int(&v, "99999999999999999999999", 23, 0, 10), VN_ERANGE);
	assert_int_equal(vn_parse_int(&v, "4x", 2, 0, 10), VN_EINVAL);
	assert_int_equal(vn_parse_int(&v, "", 0, 0, 10), VN_EINVAL);
	assert_int_equal(vn_parse_int(&v, "-", 1, -10, 10), VN_EINVAL);
}

/* Every pair of a document tests present, whatever the repeats; pairs it
 * lacks do not (their fingerprints are 32 bits: none collides here); the
 * value is sorted and without repeats; the hash is that of "a b" and of
 * nothing else ("ab c", "a bc" differ). */
static void test_pairs_set(void **state)
{
	(void)state;
	assert_true(vn_pairs_hash("ab", 2, "c", 1) != vn_pairs_hash("a", 1, "bc", 2));
	assert_true(vn_pairs_hash("trong", 5, "cả", 3) != vn_pairs_hash("trong", 5, "cá", 3));
	assert_int_equal(vn_pairs_build(NULL, 0, NULL), 0);
	assert_int_equal(vn_pairs_test((const unsigned char *)"", 0, 1), 0);
	assert_int_equal(vn_pairs_test((const unsigned char *)"abc", 3, 1), 0);
	enum { N = 1000, ABSENT = 200000 };
	uint64_t *h = malloc(2 * N * sizeof *h);
	unsigned char *v = malloc(2 * N * VN_PAIRS_BYTES);
	assert_non_null(h);
	assert_non_null(v);
	char a[32], b[32];
	for (int i = 0; i < 2 * N; i++) {   /* each pair twice, in two orders */
		int k = i < N ? i : 2 * N - 1 - i;
		int an = snprintf(a, sizeof a, "từ%d", k), bn = snprintf(b, sizeof b, "đôi%d", k * 7);
		h[i] = vn_pairs_hash(a, (size_t)an, b, (size_t)bn);
	}
	size_t len = vn_pairs_build(h, 2 * N, v);
	assert_int_equal(len, N * VN_PAIRS_BYTES);
	for (size_t i = VN_PAIRS_BYTES; i < len; i += VN_PAIRS_BYTES)
		assert_true(memcmp(v + i - VN_PAIRS_BYTES, v + i, VN_PAIRS_BYTES) < 0);
	for (int i = 0; i < N; i++) {
		int an = snprintf(a, sizeof a, "từ%d", i), bn = snprintf(b, sizeof b, "đôi%d", i * 7);
		assert_true(vn_pairs_test(v, len, vn_pairs_hash(a, (size_t)an, b, (size_t)bn)));
	}
	int fp = 0;
	for (int i = 0; i < ABSENT; i++) {
		int an = snprintf(a, sizeof a, "khác%d", i), bn = snprintf(b, sizeof b, "đôi%d", i);
		fp += vn_pairs_test(v, len, vn_pairs_hash(a, (size_t)an, b, (size_t)bn));
	}
	assert_int_equal(fp, 0);
	/* one pair; sorted input; a few hundred random ones (the heap sort) */
	h[0] = vn_pairs_hash("a", 1, "b", 1);
	uint64_t one = h[0];
	assert_int_equal(vn_pairs_build(h, 1, v), VN_PAIRS_BYTES);
	assert_true(vn_pairs_test(v, VN_PAIRS_BYTES, one));
	uint64_t x = 88172645463325252ull;
	for (int i = 0; i < 777; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		h[i] = i % 5 ? x : (uint64_t)(i % 3) << 32;   /* and many repeats */
	}
	len = vn_pairs_build(h, 777, v);
	for (size_t i = VN_PAIRS_BYTES; i < len; i += VN_PAIRS_BYTES)
		assert_true(memcmp(v + i - VN_PAIRS_BYTES, v + i, VN_PAIRS_BYTES) < 0);
	free(h);
	free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_error_set_and_clear),
		cmocka_unit_test(test_buf_grows_and_detaches),
		cmocka_unit_test(test_escape_html_every_byte),
		cmocka_unit_test(test_escape_json),
		cmocka_unit_test(test_escape_url),
		cmocka_unit_test(test_utf8_decode_invalid),
		cmocka_unit_test(test_parse_int_bounds),
		cmocka_unit_test(test_pairs_set),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
