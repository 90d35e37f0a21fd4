/* Snippets and highlighting (query/snippet.c): marks fall exactly on the
 * matched words of the original text, also for a query without accents;
 * accented query words mark their own form; the window with the most
 * query words wins; cuts are at word boundaries with "…". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vn_query.h"
#include "vn_query_int.h"
#include "vn_text.h"

static vn_text *T;

static int setup(void **state)
{
	(void)state;
	return vn_text_new(&T, "vi", NULL);
}

static int teardown(void **state)
{
	(void)state;
	vn_text_free(T);
	return 0;
}

/* Query words as the engine makes them: through the text core. */
typedef struct qw_list {
	vq_qword w[16];
	size_t n;
} qw_list;

static int add_tok(const vn_token *t, void *payload)
{
	qw_list *l = payload;
	vq_qword *w = &l->w[l->n++];
	w->phrase = NULL;
	w->exact = strndup(t->exact, t->exact_len);
	w->tonefree = strndup(t->tonefree, t->tonefree_len);
	w->key = strndup(t->key, t->key_len);
	w->marked = (t->flags & VN_TOK_MARKED) != 0;
	return l->n == 16;
}

static void words(qw_list *l, const char *q)
{
	l->n = 0;
	assert_int_equal(vn_text_tokenize(T, q, strlen(q), 0, add_tok, l), 0);
}

static void words_free(qw_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->w[i].exact);
		free(l->w[i].tonefree);
		free(l->w[i].key);
	}
	l->n = 0;
}

/* The marked substrings joined by "|". */
static void marked(char *out, size_t cap, const char *s, const vn_query_span *m, size_t n)
{
	out[0] = 0;
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(out);
		snprintf(out + l, cap - l, "%s%.*s", i ? "|" : "", (int)m[i].len, s + m[i].start);
	}
}

static void test_marks(void **state)
{
	(void)state;
	static const struct { const char *text, *query, *want; } c[] = {
		{ "Đảng viên mới", "dang vien", "Đảng|viên" },
		{ "Đảng viên mới", "ĐẢNG VIÊN", "Đảng|viên" },
		{ "đang làm việc, đảng viên và dạng", "đảng", "đảng" },
		{ "đang làm việc và dạng", "đảng", "đang" },            /* no exact form: the tone-free one */
		{ "dang dở và dạng", "đảng", "dang|dạng" },             /* neither: every variant */
		{ "đang làm việc, đảng viên và dạng", "dang", "đang|đảng|dạng" },
		{ "UBND phường Minh An", "ubnd", "UBND" },
		{ "Thủy lợi và thuỷ sản", "thuỷ", "Thủy|thuỷ" },         /* old and new tone style */
		{ "Ủy ban nhân dân", "uy ban", "Ủy|ban" },
		{ "nothing here", "dang", "" },
	};
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		qw_list l;
		vn_query_span *m = NULL;
		size_t n = 0;
		char got[256];
		words(&l, c[i].query);
		assert_int_equal(vq_mark_all(T, c[i].text, strlen(c[i].text), l.w, l.n, &m, &n), 0);
		marked(got, sizeof got, c[i].text, m, n);
		if (strcmp(got, c[i].want))
			print_error("case %zu: got \"%s\"\n", i, got);
		assert_string_equal(got, c[i].want);
		free(m);
		words_free(&l);
	}
}

/* Every query word the snippet shows is marked, also after the point where
 * the scan found one stretch holding them all (it stops looking for a
 * better window there; the words after it were shown unmarked). */
static void test_marks_after_early_stop(void **state)
{
	(void)state;
	const char *text = "Ủy viên Bộ Chính trị đã trao huy hiệu 70 năm tuổi Đảng cho bốn đảng viên cao "
			   "tuổi. Ngày 20-5, Ủy viên Bộ Chính trị đã đến nhà riêng tại phường 12, quận 5 trao "
			   "huy hiệu cho ông Phúc và các đảng viên khác của chi bộ khu phố, nói chuyện rất lâu.";
	for (int whole = 0; whole < 2; whole++) {
		qw_list l;
		words(&l, "dang vien");
		char *s = NULL;
		vn_query_span *m = NULL;
		size_t n = 0;
		vq_snippet_whole = whole;
		assert_int_equal(vq_snippet(T, text, strlen(text), l.w, l.n, 240, &s, &m, &n), 0);
		vq_snippet_whole = 0;
		char got[512];
		marked(got, sizeof got, s, m, n);
		assert_string_equal(got, "viên|Đảng|đảng|viên|viên|đảng|viên");
		free(s);
		free(m);
		words_free(&l);
	}
}

/* The words of an abbreviation's expansion are marked where the whole
 * expansion stands, not one by one ("nhân dân" alone is not "Ủy ban nhân
 * dân"); a word asked for on its own is marked everywhere. */
static void test_phrase_marks(void **state)
{
	(void)state;
	const char *text = "Ủy viên Ủy ban nhân dân tỉnh họp với nhân dân trong tỉnh về ban hành quy chế; "
			   "UBND tỉnh chủ trì, nhân dân đồng tình và Ủy ban nhân dân huyện phối hợp thực hiện. "
			   "Các nội dung khác của cuộc họp được thông báo sau.";
	assert_true(strlen(text) >= 256); /* long enough for the piece scan */
	for (int whole = 0; whole < 2; whole++) {
		qw_list l;
		words(&l, "ubnd uy ban nhan dan");
		for (size_t i = 1; i < l.n; i++)
			l.w[i].phrase = strdup("uy ban nhan dan");
		char *s = NULL, got[512];
		vn_query_span *m = NULL;
		size_t n = 0;
		vq_snippet_whole = whole;
		assert_int_equal(vq_snippet(T, text, strlen(text), l.w, l.n, 400, &s, &m, &n), 0);
		vq_snippet_whole = 0;
		marked(got, sizeof got, s, m, n);
		assert_string_equal(got, "Ủy|ban|nhân|dân|UBND|Ủy|ban|nhân|dân");
		free(s);
		free(m);
		assert_int_equal(vq_mark_all(T, text, strlen(text), l.w, l.n, &m, &n), 0);
		marked(got, sizeof got, text, m, n);
		assert_string_equal(got, "Ủy|ban|nhân|dân|UBND|Ủy|ban|nhân|dân");
		free(m);
		for (size_t i = 1; i < l.n; i++) {
			free(l.w[i].phrase);
			l.w[i].phrase = NULL;
		}
		words_free(&l);
	}
}

static void test_window(void **state)
{
	(void)state;
	vn_buf t = VN_BUF_INIT;
	for (int i = 0; i < 60; i++)
		vn_buf_puts(&t, "Nội dung không liên quan gì đến câu hỏi cả. ");
	vn_buf_puts(&t, "Ở đây chỉ có đảng thôi. ");
	for (int i = 0; i < 60; i++)
		vn_buf_puts(&t, "Nội dung không liên quan gì đến câu hỏi cả. ");
	vn_buf_puts(&t, "Hội nghị phát triển Đảng viên mới năm 2026. ");
	for (int i = 0; i < 60; i++)
		vn_buf_puts(&t, "Nội dung không liên quan gì đến câu hỏi cả. ");
	qw_list l;
	words(&l, "dang vien");
	char *s = NULL;
	vn_query_span *m = NULL;
	size_t n = 0;
	assert_int_equal(vq_snippet(T, t.data, t.len, l.w, l.n, 120, &s, &m, &n), 0);
	assert_non_null(s);
	assert_non_null(strstr(s, "Đảng viên mới"));        /* the window with both words */
	assert_true(strncmp(s, "… ", strlen("… ")) == 0);  /* cut at the start */
	assert_true(strlen(s) >= 5 && strcmp(s + strlen(s) - strlen(" …"), " …") == 0);
	size_t chars = 0;
	for (const char *p = s; *p; p++)
		chars += ((unsigned char)*p & 0xc0) != 0x80;
	assert_true(chars <= 120 + 4);
	char got[256];
	marked(got, sizeof got, s, m, n);
	assert_string_equal(got, "Đảng|viên");
	/* the text around the cut ends in whole words */
	assert_non_null(strstr(s, "Hội nghị"));
	free(s);
	free(m);
	words_free(&l);
	vn_buf_free(&t);
}

static void test_short_and_empty(void **state)
{
	(void)state;
	qw_list l;
	char *s = NULL;
	vn_query_span *m = NULL;
	size_t n = 0;
	words(&l, "xyz");
	const char *text = "Một câu ngắn,\n\n  xuống   dòng.";
	assert_int_equal(vq_snippet(T, text, strlen(text), l.w, l.n, 240, &s, &m, &n), 0);
	assert_string_equal(s, "Một câu ngắn, xuống dòng."); /* whitespace collapsed, nothing cut */
	assert_int_equal(n, 0);
	free(s);
	free(m);
	s = NULL;
	assert_int_equal(vq_snippet(T, "", 0, l.w, l.n, 240, &s, &m, &n), 0);
	assert_string_equal(s, "");
	free(s);
	words_free(&l);
}

static void test_html(void **state)
{
	(void)state;
	vn_buf b = VN_BUF_INIT;
	const char *s = "a <b> Đảng & c";
	vn_query_span m[2] = { { 0, 1 }, { 6, 7 } };
	assert_int_equal(vq_marked_html(&b, s, m, 2), 0);
	assert_string_equal(b.data, "<mark>a</mark> &lt;b&gt; <mark>Đảng</mark> &amp; c");
	vn_buf_free(&b);
}

/* Long texts are tokenized only in the stretches that may hold a query
 * word (snippet.c, scan_pieces): the snippet, its marks and the marks of
 * the whole text are those of tokenizing everything, also around what the
 * fold there must not misjudge. Each case stands between neutral text so
 * that the text is long enough; want = the words marked in the text. */
static void test_pieces(void **state)
{
	(void)state;
	static const struct { const char *mid, *query, *want; } c[] = {
		{ "Đảng viên mới", "dang vien", "Đảng|viên" },
		{ "\xC4\x90" "a\xCC\x89ng vie\xCC\x82n, NFD", "dang vien",
		  "\xC4\x90" "a\xCC\x89ng|vie\xCC\x82n" },                                    /* decomposed marks */
		{ "ở Hà Nội – Đà Nẵng “Thủ tướng” (UBND)", "ha da thu ubnd", "Hà|Đà|Thủ|UBND" }, /* punctuation */
		{ "giá 1.234 tỷ, 3,5 %, năm 2024.", "1.234 3,5 2024", "1.234|3,5|2024" },        /* inner . and , */
		{ "COVID-19 và covid19", "covid 19", "COVID|19" },
		{ "a \xCC\x81" "dang b", "dang", "dang" },                                        /* a mark after a space */
		{ "\xC3\x90\xE1\xBA\xA3ng và \xEF\xBD\x84\xEF\xBD\x81\xEF\xBD\x8E\xEF\xBD\x87", "dang", "Ðảng|ｄａｎｇ" }, /* Ð, full-width */
		{ "Đả\xC2\xADng viên", "dang", "Đả\xC2\xADng" },                                   /* soft hyphen */
		{ "đảng\xE2\x80\x8Bviên", "dang vien", "đảng|viên" },                              /* zero-width space */
		{ "x \xBF dang \xC3 vien", "dang vien", "dang|vien" },                             /* stray bytes */
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaadang dang", "dang", "dang" },
		{ "nhưng cũng phải để định đóng", "nhung cung phai de dinh dong", "nhưng|cũng|phải|để|định|đóng" },
	};
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		vn_buf t = VN_BUF_INIT;
		for (int k = 0; k < 6; k++)
			vn_buf_puts(&t, "Nội dung không liên quan gì đến câu hỏi cả. ");
		vn_buf_puts(&t, c[i].mid);
		for (int k = 0; k < 6; k++)
			vn_buf_puts(&t, " Nội dung không liên quan gì đến câu hỏi cả.");
		qw_list l;
		words(&l, c[i].query);
		char *s[2] = { NULL, NULL };
		vn_query_span *m[2] = { NULL, NULL }, *a[2] = { NULL, NULL };
		size_t nm[2] = { 0, 0 }, na[2] = { 0, 0 };
		for (int whole = 0; whole < 2; whole++) {
			vq_snippet_whole = whole;
			assert_int_equal(vq_snippet(T, t.data, t.len, l.w, l.n, 240, &s[whole], &m[whole], &nm[whole]), 0);
			assert_int_equal(vq_mark_all(T, t.data, t.len, l.w, l.n, &a[whole], &na[whole]), 0);
		}
		vq_snippet_whole = 0;
		char got[512];
		marked(got, sizeof got, t.data, a[0], na[0]);
		if (strcmp(got, c[i].want))
			print_error("case %zu: got \"%s\"\n", i, got);
		assert_string_equal(got, c[i].want);
		assert_string_equal(s[0], s[1]);
		assert_int_equal(nm[0], nm[1]);
		assert_int_equal(na[0], na[1]);
		if (nm[0])
			assert_memory_equal(m[0], m[1], nm[0] * sizeof *m[0]);
		if (na[0])
			assert_memory_equal(a[0], a[1], na[0] * sizeof *a[0]);
		for (int k = 0; k < 2; k++) {
			free(s[k]);
			free(m[k]);
			free(a[k]);
		}
		words_free(&l);
		vn_buf_free(&t);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_marks), cmocka_unit_test(test_marks_after_early_stop),
		cmocka_unit_test(test_phrase_marks), cmocka_unit_test(test_window),
		cmocka_unit_test(test_short_and_empty), cmocka_unit_test(test_html),
		cmocka_unit_test(test_pieces),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
