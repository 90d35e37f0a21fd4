/* vn_text_decode_bytes: files that are not UTF-8 (facts §4) — raw TCVN3, VNI
 * and Windows-1258 bytes come out as the Vietnamese they encode; damaged
 * UTF-8 and bytes that read as no Vietnamese get U+FFFD, never a legacy
 * guess. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "vn_text.h"

static vn_text *T;

static int setup(void **state)
{
	(void)state;
	vn_error err = VN_ERROR_INIT;
	return vn_text_new(&T, "vi", &err);
}

static int teardown(void **state)
{
	(void)state;
	vn_text_free(T);
	return 0;
}

/* "đảng viên người Việt, ủy ban nhân dân phường" (TCVN3 has no capital
 * toned vowels, so the legacy samples are lower case where it matters) */
#define PLAIN "đảng viên người Việt, ủy ban nhân dân phường"

static void test_decode_table(void **state)
{
	(void)state;
	static const struct {
		const char *bytes, *canonical; /* canonical: what out reads as */
		int charset;
	} t[] = {
		/* valid UTF-8 is copied as it is */
		{ PLAIN, PLAIN, VN_BYTES_UTF8 },
		{ "", "", VN_BYTES_UTF8 },
		/* raw TCVN3 (.VnTime) bytes */
		{ "\xAE\xB6ng vi\xAAn ng\xAD\xEAi Vi\xD6t, \xF1y ban nh\xA9n d\xA9n ph\xAD\xEAng", PLAIN,
		  VN_BYTES_CP1252 },
		/* raw VNI-Windows bytes */
		{ "\xF1" "a\xFBng vie\xE2n ng\xF6\xF4\xF8i Vie\xE4t, u\xFBy ban nha\xE2n da\xE2n ph\xF6\xF4\xF8ng",
		  PLAIN, VN_BYTES_CP1252 },
		/* Windows-1258: precomposed quality letter + combining tone byte */
		{ "\xD0" "a\xD2ng vi\xEAn ng\xFD\xF5\xCCi Vi\xEA\xF2t, u\xD2y ban nh\xE2n d\xE2n ph\xFD\xF5\xCCng",
		  "Đảng viên người Việt, ủy ban nhân dân phường", VN_BYTES_CP1258 },
		/* UTF-8 with a stray byte: damaged UTF-8, the real letters kept */
		{ "Vi\xE1\xBB\x87t Nam \xFF ng\xC6\xB0\xE1\xBB\x9Di", "Việt Nam \xEF\xBF\xBD người",
		  VN_BYTES_UTF8_REPLACED },
		/* truncated sequence at the end */
		{ "ph\xC6\xB0\xE1\xBB", "phư\xEF\xBF\xBD\xEF\xBF\xBD", VN_BYTES_UTF8_REPLACED },
		/* bytes that read as no Vietnamese in any code page */
		{ "x\x80y \xFE\xFE", "x\xEF\xBF\xBDy \xEF\xBF\xBD\xEF\xBF\xBD", VN_BYTES_UTF8_REPLACED },
		{ "caf\xE9 cr\xE8me", "caf\xEF\xBF\xBD cr\xEF\xBF\xBDme", VN_BYTES_UTF8_REPLACED },
	};
	vn_buf out = VN_BUF_INIT, canon = VN_BUF_INIT, want = VN_BUF_INIT;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		int charset = -1;
		assert_int_equal(vn_text_decode_bytes(t[i].bytes, strlen(t[i].bytes), &out, &charset), 0);
		if (charset != t[i].charset)
			fail_msg("case %zu: charset %d, expected %d", i, charset, t[i].charset);
		assert_true(vn_utf8_valid(out.data ? out.data : "", out.len));
		/* compared in canonical form: NFC, new-style tones */
		assert_int_equal(vn_text_canonical(T, out.data ? out.data : "", out.len, &canon), 0);
		assert_int_equal(vn_text_canonical(T, t[i].canonical, strlen(t[i].canonical), &want), 0);
		if (strcmp(canon.data ? canon.data : "", want.data ? want.data : "") != 0)
			fail_msg("case %zu: \"%s\", expected \"%s\"", i, canon.data ? canon.data : "",
				 t[i].canonical);
	}
	vn_buf_free(&out);
	vn_buf_free(&canon);
	vn_buf_free(&want);
}

/* A long legacy page with one accidental well-formed pair is still read as
 * legacy; the output pointer may be NULL; bad arguments are refused. */
static void test_decode_edges(void **state)
{
	(void)state;
	vn_buf in = VN_BUF_INIT, out = VN_BUF_INIT;
	for (int i = 0; i < 20; i++)
		vn_buf_puts(&in, "\xAE\xB6ng vi\xAAn ng\xAD\xEAi Vi\xD6t. ");
	vn_buf_puts(&in, "\xC3\xA1");   /* two TCVN3 bytes that happen to be UTF-8 "á" */
	assert_int_equal(vn_text_decode_bytes(in.data, in.len, &out, NULL), 0);
	assert_non_null(strstr(out.data, "đảng viên người Việt."));
	assert_null(strstr(out.data, "\xEF\xBF\xBD"));

	assert_int_equal(vn_text_decode_bytes(NULL, 0, &out, NULL), 0);
	assert_int_equal(out.len, 0);
	assert_int_equal(vn_text_decode_bytes(NULL, 3, &out, NULL), VN_EINVAL);
	assert_int_equal(vn_text_decode_bytes("a", 1, NULL, NULL), VN_EINVAL);
	vn_buf_free(&in);
	vn_buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_table),
		cmocka_unit_test(test_decode_edges),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
