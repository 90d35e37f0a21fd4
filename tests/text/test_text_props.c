/* test_text_props.c — properties of the text core over many inputs.
 * Built twice: test_text_props over generated Vietnamese-like text, and
 * (with VN_PROPS_CORPUS) test_text_corpus over a sample of the real news
 * corpus in ../shared/corpus (skipped, exit 77, when it is absent).
 *
 * Properties, for every text x:
 *   KEY(NFD(x)) = KEY(x);   CANONICAL(CANONICAL(x)) = CANONICAL(x);
 *   KEY(CANONICAL(x)) = KEY(x);
 *   old-style and new-style x (oa/oe/uy tones moved, facts §2) give the same
 *   tokens, exact forms included;
 *   every token lies inside x on UTF-8 boundaries; positions count up;
 *   NORMALIZE = CANONICAL + KEY. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <utf8proc.h>

#include "vn_text.h"

#ifdef VN_PROPS_CORPUS
#include <jansson.h>
#include <zlib.h>
#endif

static vn_text *T;

/* ---- token lists --------------------------------------------------------- */

typedef struct toklist {
	vn_buf forms;      /* exact \t key \n per token */
	size_t n;
	const char *in;
	size_t in_len;
	uint32_t next_pos;
	int valid;
} toklist;

static int is_cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

static int record(const vn_token *tok, void *payload)
{
	toklist *l = payload;
	/* inside the input, on UTF-8 boundaries, positions consecutive */
	assert_true(tok->length > 0);
	assert_true(tok->offset + tok->length <= l->in_len);
	assert_false(is_cont((unsigned char)l->in[tok->offset]));
	/* (with invalid input, a stray continuation byte may follow a token) */
	if (l->valid && tok->offset + tok->length < l->in_len)
		assert_false(is_cont((unsigned char)l->in[tok->offset + tok->length]));
	assert_int_equal(tok->position, l->next_pos);
	l->next_pos++;
	assert_true(tok->key_len > 0);
	assert_true(vn_utf8_valid(tok->exact, tok->exact_len));
	assert_true(vn_utf8_valid(tok->key, tok->key_len));
	assert_true(vn_utf8_valid(tok->tonefree, tok->tonefree_len));
	vn_buf_append(&l->forms, tok->exact, tok->exact_len);
	vn_buf_putc(&l->forms, '\t');
	vn_buf_append(&l->forms, tok->key, tok->key_len);
	vn_buf_putc(&l->forms, '\n');
	l->n++;
	return 0;
}

static void tokens_of(const char *s, size_t n, toklist *l)
{
	vn_buf_clear(&l->forms);
	l->n = 0;
	l->in = s;
	l->in_len = n;
	l->next_pos = 5;
	l->valid = vn_utf8_valid(s, n);
	assert_int_equal(vn_text_tokenize(T, s, n, 5, record, l), 0);
}

/* ---- style conversion (on NFD text) ----------------------------------------- */

static int is_tone_mark(uint32_t c)
{
	return c == 0x300 || c == 0x301 || c == 0x303 || c == 0x309 || c == 0x323;
}

static int is_letter_cp(uint32_t c)
{
	utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)c);
	return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
	       (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME) || cat == UTF8PROC_CATEGORY_ND;
}

/* 1 when cps[ws..we) is a valid syllable for the text core. */
static int word_is_syllable(const utf8proc_int32_t *cps, utf8proc_ssize_t ws, utf8proc_ssize_t we)
{
	char buf[256];
	size_t k = 0;
	for (utf8proc_ssize_t i = ws; i < we; i++) {
		if (k + 4 >= sizeof buf)
			return 0;
		k += (size_t)utf8proc_encode_char(cps[i], (utf8proc_uint8_t *)buf + k);
	}
	return vn_text_is_syllable(T, buf, k);
}

/* Move the tone of open oa/oe/uy syllables: to_old puts it on the first
 * vowel (hòa), else on the second (hoà). Only words that are valid
 * syllables either way are touched (Chloé is not one). Works on the code
 * points of NFD text. */
static char *restyle(const char *s, int to_old)
{
	utf8proc_int32_t *cps = NULL;
	utf8proc_ssize_t n = utf8proc_decompose((const utf8proc_uint8_t *)s, -1, NULL, 0,
						UTF8PROC_NULLTERM | UTF8PROC_DECOMPOSE);
	assert_true(n >= 0);
	cps = malloc(((size_t)n + 1) * sizeof *cps);
	assert_non_null(cps);
	n = utf8proc_decompose((const utf8proc_uint8_t *)s, -1, cps, n, UTF8PROC_NULLTERM | UTF8PROC_DECOMPOSE);
	for (utf8proc_ssize_t ws = 0; ws < n;) {
		if (!is_letter_cp((uint32_t)cps[ws])) {
			ws++;
			continue;
		}
		utf8proc_ssize_t we = ws;
		while (we < n && is_letter_cp((uint32_t)cps[we]))
			we++;
		if (we - ws >= 3 && word_is_syllable(cps, ws, we)) {
			utf8proc_ssize_t i = we - 3;
			uint32_t a = (uint32_t)cps[i] | 0x20, b;
			if (to_old) {
				/* a b TONE → a TONE b */
				b = (uint32_t)cps[i + 1] | 0x20;
				int pair = (a == 'o' && (b == 'a' || b == 'e')) || (a == 'u' && b == 'y');
				if (pair && is_tone_mark((uint32_t)cps[i + 2])) {
					utf8proc_int32_t tone = cps[i + 2];
					cps[i + 2] = cps[i + 1];
					cps[i + 1] = tone;
					if (!word_is_syllable(cps, ws, we)) {
						cps[i + 1] = cps[i + 2];
						cps[i + 2] = tone;
					}
				}
			} else if (is_tone_mark((uint32_t)cps[i + 1])) {
				/* a TONE b → a b TONE */
				b = (uint32_t)cps[i + 2] | 0x20;
				int pair = (a == 'o' && (b == 'a' || b == 'e')) || (a == 'u' && b == 'y');
				if (pair) {
					utf8proc_int32_t tone = cps[i + 1];
					cps[i + 1] = cps[i + 2];
					cps[i + 2] = tone;
					if (!word_is_syllable(cps, ws, we)) {
						cps[i + 2] = cps[i + 1];
						cps[i + 1] = tone;
					}
				}
			}
		}
		ws = we;
	}
	utf8proc_ssize_t m = utf8proc_reencode(cps, n, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	assert_true(m >= 0);
	return (char *)cps;
}

/* ---- the properties ---------------------------------------------------------- */

static size_t checked_texts, checked_tokens;

static int same(const vn_buf *a, const vn_buf *b)
{
	return a->len == b->len && (a->len == 0 || memcmp(a->data, b->data, a->len) == 0);
}

static void check_text(const char *s, size_t n)
{
	vn_buf c1 = VN_BUF_INIT, c2 = VN_BUF_INIT, k1 = VN_BUF_INIT, k2 = VN_BUF_INIT, tmp = VN_BUF_INIT;
	assert_int_equal(vn_text_canonical(T, s, n, &c1), 0);
	assert_true(vn_utf8_valid(c1.data, c1.len));
	assert_int_equal(vn_text_canonical(T, c1.data, c1.len, &c2), 0);
	if (!same(&c1, &c2))
		fail_msg("CANONICAL not idempotent for \"%.200s\"", s);
	assert_int_equal(vn_text_key(T, s, n, &k1), 0);
	assert_int_equal(vn_text_key(T, c1.data, c1.len, &k2), 0);
	if (!same(&k1, &k2))
		fail_msg("KEY(CANONICAL(x)) != KEY(x) for \"%.200s\":\n%.200s\n%.200s", s, k1.data, k2.data);
	/* NORMALIZE gives both at once */
	assert_int_equal(vn_text_normalize(T, s, n, &c2, &tmp), 0);
	assert_true(same(&c1, &c2));
	assert_true(same(&tmp, &k1));

	if (vn_utf8_valid(s, n) && !memchr(s, 0, n)) {
		char *z = strndup(s, n);
		assert_non_null(z);
		char *d = (char *)utf8proc_NFD((const utf8proc_uint8_t *)z);
		assert_non_null(d);
		assert_int_equal(vn_text_key(T, d, strlen(d), &k2), 0);
		if (!same(&k1, &k2))
			fail_msg("KEY(NFD(x)) != KEY(x) for \"%.200s\"", s);
		/* old and new style: same tokens, exact forms included */
		char *olds = restyle(d, 1), *news = restyle(d, 0);
		toklist a = { VN_BUF_INIT, 0, NULL, 0, 0, 0 }, b = { VN_BUF_INIT, 0, NULL, 0, 0, 0 };
		tokens_of(olds, strlen(olds), &a);
		tokens_of(news, strlen(news), &b);
		if (a.n != b.n || !same(&a.forms, &b.forms)) {
			size_t at = 0;
			while (at < a.forms.len && at < b.forms.len && a.forms.data[at] == b.forms.data[at])
				at++;
			while (at > 0 && a.forms.data[at - 1] != '\n')
				at--;
			fail_msg("old and new style differ at:\n%.80s\n--\n%.80s", a.forms.data + at, b.forms.data + at);
		}
		/* tokens of x itself: bounds checked in record() */
		tokens_of(s, n, &a);
		checked_tokens += a.n;
		vn_buf_free(&a.forms);
		vn_buf_free(&b.forms);
		free(olds);
		free(news);
		free(d);
		free(z);
	} else {
		toklist a = { VN_BUF_INIT, 0, NULL, 0, 0, 0 };
		tokens_of(s, n, &a);
		checked_tokens += a.n;
		vn_buf_free(&a.forms);
	}
	checked_texts++;
	vn_buf_free(&c1);
	vn_buf_free(&c2);
	vn_buf_free(&k1);
	vn_buf_free(&k2);
	vn_buf_free(&tmp);
}

#ifndef VN_PROPS_CORPUS
/* ---- generated text ---------------------------------------------------------- */

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static const char *const INITIALS[] = {
	"", "b", "c", "ch", "d", "\xc4\x91", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
	"nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
};
/* nuclei in NFD, quality marks only */
static const char *const NUCLEI[] = {
	"a", "a\xcc\x86", "a\xcc\x82", "e", "e\xcc\x82", "i", "o", "o\xcc\x82", "o\xcc\x9b", "u", "u\xcc\x9b", "y",
	"ai", "ao", "au", "ay", "a\xcc\x82u", "a\xcc\x82y", "eo", "e\xcc\x82u", "ia", "ie\xcc\x82", "iu", "oa",
	"oa\xcc\x86", "oe", "oi", "o\xcc\x82i", "o\xcc\x9bi", "oo", "ua", "ua\xcc\x82", "ue\xcc\x82", "ui",
	"uo\xcc\x82", "uo\xcc\x9b", "uy", "u\xcc\x9b" "a", "u\xcc\x9bi", "u\xcc\x9bu", "u\xcc\x9bo\xcc\x9b",
	"ye\xcc\x82", "ie\xcc\x82u", "oai", "oay", "oeo", "ua\xcc\x82y", "uo\xcc\x82i", "uya", "uye\xcc\x82",
	"uyu", "u\xcc\x9bo\xcc\x9bi", "u\xcc\x9bo\xcc\x9bu", "ye\xcc\x82u",
};
static const char *const FINALS[] = { "", "", "", "c", "ch", "m", "n", "ng", "nh", "p", "t" };
static const char *const TONE_MARKS[] = { "\xcc\x80", "\xcc\x81", "\xcc\x83", "\xcc\x89", "\xcc\xa3" };
static const char *const SEPS[] = {
	" ", " ", " ", " ", ", ", ". ", "\n", "-", "/", " (", ") ", "\xe2\x80\x9c", "\xe2\x80\x9d ", "\xc2\xa0",
	"\xe2\x80\xa6 ", ": ", "; ", "\t", "\xe2\x80\x8b", " \xe2\x80\x93 ",
};
static const char *const OTHER_WORDS[] = {
	"2020", "1.234.567", "3,5", "21/03/2023", "15h30", "TP.HCM", "UBND", "H\xc4\x90ND", "30/2020/N\xc4\x90-CP",
	"caf\xc3\xa9", "iPhone", "\xc4\x90\xe1\xba\xaf" "k", "\xef\xbc\xa1\xef\xbc\xa2", "x\xc2\xb2", "\xe4\xb8\xad\xe6\x96\x87",
	"\xc3\x90\xe1\xba\xa3m", "ng\xc6\xb0\xc2\xad\xe1\xbb\x9di", "v.v\xe2\x80\xa6", "KT-XH", "10.000\xc4\x91",
};

/* Append one random syllable in NFD, the tone after a random vowel (so that
 * misplaced tones occur too), in a random case. */
static void gen_syllable(vn_buf *b)
{
	char tmp[64];
	size_t k = 0;
	const char *in = INITIALS[rnd(sizeof INITIALS / sizeof *INITIALS)];
	const char *nu = NUCLEI[rnd(sizeof NUCLEI / sizeof *NUCLEI)];
	const char *fi = FINALS[rnd(sizeof FINALS / sizeof *FINALS)];
	k += (size_t)snprintf(tmp + k, sizeof tmp - k, "%s", in);
	size_t nuc_start = k;
	k += (size_t)snprintf(tmp + k, sizeof tmp - k, "%s", nu);
	size_t nuc_end = k;
	k += (size_t)snprintf(tmp + k, sizeof tmp - k, "%s", fi);
	int upper = rnd(10) == 0 ? 2 : rnd(4) == 0 ? 1 : 0;
	/* choose a vowel of the nucleus for the tone: after its marks */
	size_t vowel_ends[4];
	size_t nv = 0;
	for (size_t i = nuc_start; i < nuc_end; i++)
		if ((unsigned char)tmp[i] < 0x80) {
			size_t e = i + 1;
			while (e < nuc_end && (unsigned char)tmp[e] >= 0x80)
				e++;
			if (nv < 4)
				vowel_ends[nv++] = e;
		}
	int tone = (int)rnd(6) - 1;
	for (size_t i = 0; i < k; i++) {
		char c = tmp[i];
		int first = i == 0;
		if (c >= 'a' && c <= 'z' && (upper == 2 || (upper == 1 && first)))
			c = (char)(c - 32);
		vn_buf_putc(b, c);
		if (tone >= 0 && nv && i + 1 == vowel_ends[nv > 1 ? rnd(nv) : 0]) {
			vn_buf_puts(b, TONE_MARKS[tone]);
			tone = -1;
		}
	}
}

static void gen_text(vn_buf *b, unsigned words)
{
	vn_buf_clear(b);
	for (unsigned w = 0; w < words; w++) {
		unsigned r = rnd(20);
		if (r < 16)
			gen_syllable(b);
		else
			vn_buf_puts(b, OTHER_WORDS[rnd(sizeof OTHER_WORDS / sizeof *OTHER_WORDS)]);
		vn_buf_puts(b, SEPS[rnd(sizeof SEPS / sizeof *SEPS)]);
	}
}

static void test_generated_nfd(void **state)
{
	(void)state;
	vn_buf b = VN_BUF_INIT;
	for (int i = 0; i < 1000; i++) {
		gen_text(&b, 1 + rnd(40));
		check_text(b.data, b.len);
	}
	vn_buf_free(&b);
	assert_true(checked_tokens > 10000);
}

static void test_generated_nfc_and_composite(void **state)
{
	(void)state;
	vn_buf b = VN_BUF_INIT;
	for (int i = 0; i < 600; i++) {
		gen_text(&b, 1 + rnd(40));
		char *c = (char *)utf8proc_NFC((const utf8proc_uint8_t *)b.data);
		assert_non_null(c);
		check_text(c, strlen(c));
		/* the composite form: NFC of the qualities, tones still combining */
		vn_buf comp = VN_BUF_INIT, k1 = VN_BUF_INIT, k2 = VN_BUF_INIT, c1 = VN_BUF_INIT, c2 = VN_BUF_INIT;
		const char *p = b.data;
		while (*p) {
			/* copy runs without tone marks through NFC, keep tone marks */
			const char *q = p;
			while (*q && !(q[0] == '\xcc' && (q[1] == '\x80' || q[1] == '\x81' || q[1] == '\x83' ||
							  q[1] == '\x89')) && !(q[0] == '\xcc' && q[1] == '\xa3'))
				q++;
			char *seg = strndup(p, (size_t)(q - p));
			char *ns = (char *)utf8proc_NFC((const utf8proc_uint8_t *)seg);
			vn_buf_puts(&comp, ns);
			free(seg);
			free(ns);
			if (*q) {
				vn_buf_append(&comp, q, 2);
				q += 2;
			}
			p = q;
		}
		check_text(comp.data, comp.len);
		assert_int_equal(vn_text_canonical(T, comp.data, comp.len, &c1), 0);
		assert_int_equal(vn_text_canonical(T, c, strlen(c), &c2), 0);
		assert_string_equal(c1.data, c2.data);
		assert_int_equal(vn_text_key(T, comp.data, comp.len, &k1), 0);
		assert_int_equal(vn_text_key(T, b.data, b.len, &k2), 0);
		assert_string_equal(k1.data ? k1.data : "", k2.data ? k2.data : "");
		vn_buf_free(&comp);
		vn_buf_free(&k1);
		vn_buf_free(&k2);
		vn_buf_free(&c1);
		vn_buf_free(&c2);
		free(c);
	}
	vn_buf_free(&b);
}

static void test_generated_bytes(void **state)
{
	(void)state;
	/* random bytes biased towards UTF-8 lead/continuation bytes and marks */
	static const unsigned char pool[] = { 'a', 'o', ' ', '.', '1', 0xC3, 0xA0, 0xCC, 0x81, 0xE1, 0xBB, 0x87,
					      0xC6, 0xB0, 0x80, 0xFF, 0xC2, 0xAD, 0xE2, 0x80, 0x8B, 0xF0, 0x9F };
	unsigned char s[64];
	for (int i = 0; i < 10000; i++) {
		size_t n = rnd(sizeof s);
		for (size_t j = 0; j < n; j++)
			s[j] = pool[rnd(sizeof pool)];
		check_text((const char *)s, n);
	}
}

static void test_empty(void **state)
{
	(void)state;
	toklist a = { VN_BUF_INIT, 0, NULL, 0, 0, 0 };
	tokens_of("", 0, &a);
	assert_int_equal(a.n, 0);
	tokens_of(" ,.;\n\t\xe2\x80\x8b", 9, &a);
	assert_int_equal(a.n, 0);
	vn_buf_free(&a.forms);
}
#else
/* ---- the real corpus ------------------------------------------------------------ */

static void test_corpus_sample(void **state)
{
	(void)state;
	const char *dir = VN_SHARED_DIR "/corpus";
	DIR *d = opendir(dir);
	assert_non_null(d);
	char *names[64];
	size_t nn = 0;
	struct dirent *e;
	while ((e = readdir(d)) && nn < 64) {
		size_t l = strlen(e->d_name);
		if (l > 9 && !strcmp(e->d_name + l - 9, ".jsonl.gz"))
			names[nn++] = strdup(e->d_name);
	}
	closedir(d);
	assert_true(nn > 0);
	/* every 100th article of each file: about 380 articles (seconds, even
	 * under ASan) */
	size_t articles = 0;
	char *line = malloc(1 << 22);
	assert_non_null(line);
	for (size_t f = 0; f < nn; f++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, names[f]);
		gzFile gz = gzopen(path, "rb");
		assert_non_null(gz);
		size_t ln = 0;
		while (gzgets(gz, line, 1 << 22)) {
			if (ln++ % 100 != 0)
				continue;
			json_error_t jerr;
			json_t *j = json_loads(line, 0, &jerr);
			if (!j)
				continue;
			const char *fields[2] = { "title", "body" };
			for (int k = 0; k < 2; k++) {
				json_t *v = json_object_get(j, fields[k]);
				if (json_is_string(v))
					check_text(json_string_value(v), json_string_length(v));
			}
			json_decref(j);
			articles++;
		}
		gzclose(gz);
		free(names[f]);
	}
	free(line);
	print_message("checked %zu articles, %zu texts, %zu tokens\n", articles, checked_texts, checked_tokens);
	assert_true(articles > 100);
}
#endif

static int setup(void **state)
{
	(void)state;
	vn_error err = VN_ERROR_INIT;
	return vn_text_new(&T, NULL, &err);
}

static int teardown(void **state)
{
	(void)state;
	vn_text_free(T);
	return 0;
}

int main(void)
{
#ifdef VN_PROPS_CORPUS
	DIR *d = opendir(VN_SHARED_DIR "/corpus");
	if (!d) {
		printf("skipped: %s/corpus is absent\n", VN_SHARED_DIR);
		return 77;
	}
	closedir(d);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corpus_sample),
	};
#else
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_generated_nfd),
		cmocka_unit_test(test_generated_nfc_and_composite),
		cmocka_unit_test(test_generated_bytes),
	};
#endif
	return cmocka_run_group_tests(tests, setup, teardown);
}
