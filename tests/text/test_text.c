/* test_text.c — the text core (text/vn_text.h): CANONICAL and KEY forms,
 * tone placement (facts §2), tokens with offsets/positions/flags, the three
 * token forms, stemming, Telex, syllables. Table-driven; expected strings
 * that involve tone placement are built from combining sequences with
 * utf8proc's NFC so that they do not depend on the tables under test. */
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

static vn_text *T;
static vn_buf B1, B2;

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
	vn_buf_free(&B1);
	vn_buf_free(&B2);
	return 0;
}

static const char *canon(const char *s)
{
	assert_int_equal(vn_text_canonical(T, s, strlen(s), &B1), 0);
	return B1.data ? B1.data : "";
}

static const char *key(const char *s)
{
	assert_int_equal(vn_text_key(T, s, strlen(s), &B2), 0);
	return B2.data ? B2.data : "";
}

/* NFC of s (a UTF-8 string with combining marks), caller frees. */
static char *nfc(const char *s)
{
	char *r = (char *)utf8proc_NFC((const utf8proc_uint8_t *)s);
	assert_non_null(r);
	return r;
}

static char *nfd(const char *s)
{
	char *r = (char *)utf8proc_NFD((const utf8proc_uint8_t *)s);
	assert_non_null(r);
	return r;
}

/* ---- tokens collected ------------------------------------------------------ */

#define MAXTOK 64
typedef struct tokrec {
	char exact[64], tonefree[64], key[64], stem[64];
	int has_stem;
	size_t offset, length;
	uint32_t position;
	unsigned flags;
} tokrec;

typedef struct toks {
	size_t n;
	tokrec t[MAXTOK];
} toks;

static void copy_str(char *dst, const char *s, size_t n)
{
	assert_true(n < 64);
	memcpy(dst, s, n);
	dst[n] = 0;
}

static int collect(const vn_token *tok, void *payload)
{
	toks *ts = payload;
	assert_true(ts->n < MAXTOK);
	tokrec *r = &ts->t[ts->n++];
	copy_str(r->exact, tok->exact, tok->exact_len);
	copy_str(r->tonefree, tok->tonefree, tok->tonefree_len);
	copy_str(r->key, tok->key, tok->key_len);
	r->has_stem = tok->stem != NULL;
	if (tok->stem)
		copy_str(r->stem, tok->stem, tok->stem_len);
	r->offset = tok->offset;
	r->length = tok->length;
	r->position = tok->position;
	r->flags = tok->flags;
	return 0;
}

static void tokenize(vn_text *t, const char *s, size_t n, uint32_t first, toks *out)
{
	memset(out, 0, sizeof *out);
	assert_int_equal(vn_text_tokenize(t, s, n, first, collect, out), 0);
	for (size_t i = 0; i < out->n; i++) {
		assert_true(out->t[i].offset + out->t[i].length <= n);
		assert_true(out->t[i].length > 0);
		assert_int_equal(out->t[i].position, first + i);
	}
}

/* ---- CANONICAL --------------------------------------------------------------- */

struct pair {
	const char *in, *want;
};

static void test_canonical_table(void **state)
{
	(void)state;
	static const struct pair cases[] = {
		/* the vn_text.h example */
		{ "Ủy ban  nhân dân TP.HCM", "Uỷ ban  nhân dân TP.HCM" },
		{ "", "" },
		{ "   ", "   " },
		{ "Hello, world!", "Hello, world!" },
		/* NFD and the composite form (facts §1) */
		{ "Vie\xcc\xa3\xcc\x82t Nam", "Việt Nam" },
		{ "Vi\xc3\xaa\xcc\xa3t Nam", "Việt Nam" },       /* ê + dot below */
		{ "ti\xc3\xaa\xcc\x81ng", "tiếng" },              /* ê + acute */
		{ "ng\xc6\xb0\xc6\xa1\xcc\x80i", "người" },       /* ơ + grave */
		{ "\xc4\x83\xcc\x89", "ẳ" },                      /* ă + hook */
		/* mark order: tone before quality, class 230 both */
		{ "e\xcc\x81\xcc\x82", "ế" },
		{ "a\xcc\x89\xcc\x86", "ẳ" },
		{ "o\xcc\x83\xcc\x82", "ỗ" },
		{ "A\xcc\x80\xcc\x82", "Ầ" },
		/* horn/dot are reordered by NFC already */
		{ "o\xcc\x81\xcc\x9b", "ớ" },
		{ "e\xcc\xa3\xcc\x82", "ệ" },
		{ "u\xcc\xa3\xcc\x9b", "ự" },
		/* precomposed toned letter + quality mark */
		{ "\xc3\xa9\xcc\x82", "ế" },                      /* é + circumflex */
		{ "ti\xc3\xa9\xcc\x82ng", "tiếng" },
		/* U+0340/U+0341 */
		{ "a\xcd\x80", "à" },
		{ "a\xcd\x81", "á" },
		/* Ð/ð (cp1252 0xD0) → Đ/đ (facts §3) */
		{ "\xc3\x90\xe1\xba\xa3ng", "Đảng" },
		{ "\xc3\xb0i", "đi" },
		{ "\xc3\x90\xe1\xba\xa3m ba\xe1\xbb\x8f", "Đảm bảo" },
		/* misplaced tones (facts §2) */
		{ "qúy", "quý" },
		{ "gìa", "già" },
		{ "thủơ", "thuở" },
		{ "nghịêm", "nghiệm" },
		{ "lựơng", "lượng" },
		{ "baỏ", "bảo" },
		{ "Ðảm baỏ chất lựơng", "Đảm bảo chất lượng" },
		{ "mìa", "mìa" },
		{ "míă", "míă" },            /* ă cannot end a syllable: left alone */
		{ "ngòai", "ngoài" },
		{ "xóay", "xoáy" },
		{ "khủyu", "khuỷu" },
		{ "hòan", "hoàn" },
		{ "húynh", "huýnh" },
		{ "qủa", "quả" },
		{ "gịưa", "giựa" },
		{ "giữa", "giữa" },
		{ "gì", "gì" },
		{ "gìn", "gìn" },
		{ "quốc", "quốc" },
		{ "quyển", "quyển" },
		{ "khuyến", "khuyến" },
		{ "huế", "huế" },
		{ "người", "người" },
		{ "rượu", "rượu" },
		{ "mía", "mía" },
		{ "của", "của" },
		/* old → new style (facts §2 rule 5) */
		{ "hòa bình", "hoà bình" },
		{ "Hóa học", "Hoá học" },
		{ "khỏe", "khoẻ" },
		{ "thủy", "thuỷ" },
		{ "Thụy Sĩ", "Thuỵ Sĩ" },
		{ "THỦY ĐIỆN HÒA BÌNH", "THUỶ ĐIỆN HOÀ BÌNH" },
		{ "ĐẢNG ỦY", "ĐẢNG UỶ" },
		{ "tùy", "tuỳ" },
		{ "lũy", "luỹ" },
		{ "quý", "quý" },
		{ "túi", "túi" },
		/* foreign words and unparsable tokens stay as they are */
		{ "café", "café" },
		{ "iPhone", "iPhone" },
		{ "Đắk Lắk", "Đắk Lắk" },
		{ "José Zürich naïve", "José Zürich naïve" },
		{ "Ðắk", "Đắk" },
		/* spacing, punctuation, other scripts kept */
		{ "a\tb\n", "a\tb\n" },
		{ "«Hòa»—“hòa”", "«Hoà»—“hoà”" },
		{ "中文 hòa", "中文 hoà" },
		{ "ＡＢＣ", "ＡＢＣ" },
		{ "ngư\xc2\xadời", "ngư\xc2\xadời" },
		{ "a\xc2\xa0" "b", "a\xc2\xa0" "b" },
		/* invalid UTF-8 becomes U+FFFD */
		{ "a\xff" "b", "a\xef\xbf\xbd" "b" },
		{ "\xe1\xbb", "\xef\xbf\xbd\xef\xbf\xbd" },
		{ "\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd" },
		{ "h\xc3\xb2" "a\xed\xa0\x80", "hoà\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
		/* singletons and other combining sequences via utf8proc */
		{ "\xe2\x84\xab", "\xc3\x85" },                  /* Å angstrom → Å */
		{ "c\xcc\xa7", "\xc3\xa7" },                      /* c + cedilla → ç */
		{ "<\xcc\xb8", "\xe2\x89\xae" },                  /* < + U+0338 → ≮ */
		{ "\xe1\x84\x80\xe1\x85\xa1", "\xea\xb0\x80" },   /* Hangul L+V → 가 */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *got = canon(cases[i].in);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("canonical(\"%s\") = \"%s\", want \"%s\"", cases[i].in, got, cases[i].want);
	}
}

static void test_key_table(void **state)
{
	(void)state;
	static const struct pair cases[] = {
		{ "Ủy ban  nhân dân TP.HCM", "uy ban nhan dan tp hcm" },
		{ "", "" },
		{ " \t\n ", "" },
		{ "...!?", "" },
		/* numbers, dates, document numbers (facts, conventions) */
		{ "2015-2020", "2015 2020" },
		{ "01-3", "01 3" },
		{ "30/2020/NĐ-CP", "30 2020 nd cp" },
		{ "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020", "nghi dinh so 30 2020 nd cp ngay 05 3 2020" },
		{ "1.234.567", "1.234.567" },
		{ "3,5 triệu", "3,5 trieu" },
		{ "4.0", "4.0" },
		{ "21/03/2023", "21 03 2023" },
		{ "15h30", "15h30" },
		{ "v.v…", "v v" },
		{ "10.000đ", "10.000d" },
		{ "50%", "50" },
		{ "năm 2020.", "nam 2020" },
		{ "1.", "1" },
		{ ",5", "5" },
		{ "1.a", "1 a" },
		{ "a.1", "a 1" },
		{ "1..2", "1 2" },
		{ "1,234,567.89", "1,234,567.89" },
		{ "TP.HCM", "tp hcm" },
		{ "KT-XH", "kt xh" },
		{ "UBND HĐND UBMTTQ", "ubnd hdnd ubmttq" },
		{ "ĐBQH TTXVN QĐND", "dbqh ttxvn qdnd" },
		{ "Tp. Hồ Chí Minh", "tp ho chi minh" },
		/* đ folding (facts §3) */
		{ "Đảng Ðảm hoà", "dang dam hoa" },
		{ "đường ĐƯỜNG", "duong duong" },
		{ "Ɖ", "d" },
		/* both styles, NFD, composite */
		{ "hòa hoà ho\xcc\x80" "a hoa\xcc\x80", "hoa hoa hoa hoa" },
		{ "Vie\xcc\xa3\xcc\x82t", "viet" },
		/* compatibility folding */
		{ "ＡＢＣ１２３", "abc123" },
		{ "a\xc2\xa0" "b", "a b" },
		{ "a\xe2\x80\x8b" "b", "a b" },                  /* ZWSP separates */
		{ "a\xe2\x80\x8d" "b", "a b" },                  /* ZWJ too */
		{ "ngư\xc2\xadời", "nguoi" },                     /* soft hyphen removed */
		{ "\xef\xac\x81le", "file" },                     /* ﬁ ligature */
		{ "x\xc2\xb2", "x2" },
		/* loanwords */
		{ "café", "cafe" },
		{ "iPhone 15", "iphone 15" },
		{ "Zürich naïve", "zurich naive" },
		{ "straße", "strasse" },
		{ "Đắk Lắk", "dak lak" },
		/* other scripts: kept, case-folded */
		{ "中文", "中文" },
		{ "Ελλάδα", "ελλαδα" },
		/* invalid bytes separate */
		{ "a\xff" "b", "a b" },
		{ "\xff\xfe", "" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *got = key(cases[i].in);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("key(\"%s\") = \"%s\", want \"%s\"", cases[i].in, got, cases[i].want);
	}
}

/* ---- every oa/oe/uy × 5 tones × case, both styles (facts §2 rule 5) --------- */

static const char *const TONES[5] = { "\xcc\x80", "\xcc\x81", "\xcc\x89", "\xcc\x83", "\xcc\xa3" };

static void apply_case(char *s, int mode)
{
	/* mode 0 lower, 1 capitalised, 2 upper (ASCII letters of a decomposed
	 * string only, so marks are unaffected) */
	int first = 1;
	for (char *p = s; *p; p++) {
		if (*p >= 'a' && *p <= 'z' && (mode == 2 || (mode == 1 && first)))
			*p = (char)(*p - 32);
		if ((unsigned char)*p < 0x80)
			first = 0;
	}
}

static void test_oa_oe_uy_both_styles(void **state)
{
	(void)state;
	static const char *const nuclei[3][2] = { { "o", "a" }, { "o", "e" }, { "u", "y" } };
	static const char *const initials[] = { "", "h", "kh", "th", "x", "l", "t", "ng" };
	static const char *const finals[3] = { "n", "n", "nh" };
	size_t checked = 0;
	for (int v = 0; v < 3; v++)
		for (size_t in = 0; in < sizeof initials / sizeof initials[0]; in++)
			for (int tn = 0; tn < 5; tn++)
				for (int cs = 0; cs < 3; cs++)
					for (int fin = 0; fin < 2; fin++) {
						char olds[64], news[64], plain[64];
						const char *f = fin ? finals[v] : "";
						snprintf(olds, sizeof olds, "%s%s%s%s%s", initials[in], nuclei[v][0], TONES[tn],
							 nuclei[v][1], f);
						snprintf(news, sizeof news, "%s%s%s%s%s", initials[in], nuclei[v][0],
							 nuclei[v][1], TONES[tn], f);
						snprintf(plain, sizeof plain, "%s%s%s%s", initials[in], nuclei[v][0], nuclei[v][1], f);
						apply_case(olds, cs);
						apply_case(news, cs);
						char *o = nfc(olds), *nw = nfc(news);
						/* new style with a final is also the only style (hoàn) */
						const char *got = canon(o);
						if (strcmp(got, nw) != 0)
							fail_msg("canonical(%s) = %s, want %s", o, got, nw);
						assert_string_equal(canon(nw), nw);
						assert_string_equal(canon(olds), nw); /* decomposed input */
						assert_string_equal(key(o), plain);
						assert_string_equal(key(nw), plain);
						/* exact forms agree, lower case */
						toks a, b;
						tokenize(T, o, strlen(o), 0, &a);
						tokenize(T, nw, strlen(nw), 0, &b);
						assert_int_equal(a.n, 1);
						assert_int_equal(b.n, 1);
						assert_string_equal(a.t[0].exact, b.t[0].exact);
						assert_string_equal(a.t[0].tonefree, plain);
						assert_true(a.t[0].flags & VN_TOK_SYLLABLE);
						assert_true(a.t[0].flags & VN_TOK_MARKED);
						assert_int_equal(a.t[0].length, strlen(o));
						free(o);
						free(nw);
						checked++;
					}
	assert_int_equal(checked, 3 * 8 * 5 * 3 * 2);
}

/* Every vowel × 6 tones × case: NFD and NFC give the same CANONICAL and the
 * plain vowel as key; as the nucleus of "b_" each is a syllable. */
static void test_every_vowel_every_tone(void **state)
{
	(void)state;
	static const char *const vowels[12] = { "a", "a\xcc\x86", "a\xcc\x82", "e", "e\xcc\x82", "i",
						"o", "o\xcc\x82", "o\xcc\x9b", "u", "u\xcc\x9b", "y" };
	static const char base[12] = { 'a', 'a', 'a', 'e', 'e', 'i', 'o', 'o', 'o', 'u', 'u', 'y' };
	for (int v = 0; v < 12; v++)
		for (int tn = -1; tn < 5; tn++)
			for (int up = 0; up < 2; up++) {
				char d[32], want_key[8];
				snprintf(d, sizeof d, "b%s%s", vowels[v], tn < 0 ? "" : TONES[tn]);
				if (up)
					apply_case(d, 2);
				char *c = nfc(d);
				assert_string_equal(canon(d), c);
				assert_string_equal(canon(c), c);
				char *dd = nfd(c);
				assert_string_equal(canon(dd), c);
				free(dd);
				snprintf(want_key, sizeof want_key, "b%c", base[v]);
				assert_string_equal(key(d), want_key);
				assert_string_equal(key(c), want_key);
				/* ă and â need a final consonant */
				int want_syl = !(v == 1 || v == 2);
				assert_int_equal(vn_text_is_syllable(T, c, strlen(c)), want_syl);
				char withf[40];
				snprintf(withf, sizeof withf, "%sn", c);
				assert_int_equal(vn_text_is_syllable(T, withf, strlen(withf)), 1);
				free(c);
			}
}

/* ---- tokens: offsets, positions, flags, forms -------------------------------- */

static void test_tokens_forms_and_flags(void **state)
{
	(void)state;
	const char *s = "Thủy điện Hòa Bình, TP.HCM. Năm 2020 UBND tỉnh\ncafé";
	toks ts;
	tokenize(T, s, strlen(s), 100, &ts);
	static const struct {
		const char *exact, *tonefree, *key;
		unsigned flags;
	} want[] = {
		{ "thuỷ", "thuy", "thuy", VN_TOK_SENTENCE | VN_TOK_CLAUSE | VN_TOK_SYLLABLE | VN_TOK_MARKED | VN_TOK_CAPITAL },
		{ "điện", "điên", "dien", VN_TOK_SYLLABLE | VN_TOK_MARKED },
		{ "hoà", "hoa", "hoa", VN_TOK_SYLLABLE | VN_TOK_MARKED | VN_TOK_CAPITAL },
		{ "bình", "binh", "binh", VN_TOK_SYLLABLE | VN_TOK_MARKED | VN_TOK_CAPITAL },
		{ "tp", "tp", "tp", VN_TOK_CLAUSE | VN_TOK_ALLCAPS | VN_TOK_CAPITAL },
		{ "hcm", "hcm", "hcm", VN_TOK_ALLCAPS | VN_TOK_CAPITAL },
		{ "năm", "năm", "nam", VN_TOK_SENTENCE | VN_TOK_CLAUSE | VN_TOK_SYLLABLE | VN_TOK_MARKED | VN_TOK_CAPITAL },
		{ "2020", "2020", "2020", VN_TOK_NUMBER },
		{ "ubnd", "ubnd", "ubnd", VN_TOK_ALLCAPS | VN_TOK_CAPITAL },
		{ "tỉnh", "tinh", "tinh", VN_TOK_SYLLABLE | VN_TOK_MARKED },
		{ "café", "cafe", "cafe", VN_TOK_SENTENCE | VN_TOK_CLAUSE | VN_TOK_MARKED },
	};
	assert_int_equal(ts.n, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < ts.n; i++) {
		assert_string_equal(ts.t[i].exact, want[i].exact);
		assert_string_equal(ts.t[i].tonefree, want[i].tonefree);
		assert_string_equal(ts.t[i].key, want[i].key);
		if (ts.t[i].flags != want[i].flags)
			fail_msg("token %zu (%s): flags %#x, want %#x", i, ts.t[i].exact, ts.t[i].flags, want[i].flags);
		assert_int_equal(ts.t[i].position, 100 + i);
		assert_false(ts.t[i].has_stem);
	}
	/* offsets refer to the input */
	assert_int_equal(ts.t[0].offset, 0);
	assert_int_equal(ts.t[0].length, strlen("Thủy"));
	assert_memory_equal(s + ts.t[2].offset, "Hòa", ts.t[2].length);
	assert_memory_equal(s + ts.t[5].offset, "HCM", 3);
	assert_memory_equal(s + ts.t[10].offset, "café", ts.t[10].length);
}

static void test_tokens_numbers_dates_abbreviations(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		const char *keys[8];
		unsigned number_mask; /* bit i: token i is a NUMBER */
	} cases[] = {
		{ "2015-2020", { "2015", "2020" }, 3 },
		{ "30/2020/NĐ-CP", { "30", "2020", "nd", "cp" }, 3 },
		{ "1.234.567 đồng", { "1.234.567", "dong" }, 1 },
		{ "3,5%", { "3,5" }, 1 },
		{ "4.0", { "4.0" }, 1 },
		{ "21/03/2023", { "21", "03", "2023" }, 7 },
		{ "15h30", { "15h30" }, 0 },
		{ "10.000đ", { "10.000d" }, 0 },
		{ "１２", { "12" }, 1 },
		{ "UBND HĐND", { "ubnd", "hdnd" }, 0 },
		{ "TP.HCM", { "tp", "hcm" }, 0 },
	};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		toks ts;
		tokenize(T, cases[c].in, strlen(cases[c].in), 0, &ts);
		size_t nk = 0;
		while (nk < 8 && cases[c].keys[nk])
			nk++;
		if (ts.n != nk)
			fail_msg("%s: %zu tokens, want %zu", cases[c].in, ts.n, nk);
		for (size_t i = 0; i < nk; i++) {
			assert_string_equal(ts.t[i].key, cases[c].keys[i]);
			assert_int_equal(!!(ts.t[i].flags & VN_TOK_NUMBER), (cases[c].number_mask >> i) & 1);
		}
	}
	/* offsets of 30/2020/NĐ-CP */
	toks ts;
	const char *s = "30/2020/NĐ-CP";
	tokenize(T, s, strlen(s), 0, &ts);
	assert_int_equal(ts.t[0].offset, 0);
	assert_int_equal(ts.t[1].offset, 3);
	assert_int_equal(ts.t[2].offset, 8);
	assert_int_equal(ts.t[2].length, 3);
	assert_int_equal(ts.t[3].offset, 12);
	assert_true(ts.t[2].flags & VN_TOK_ALLCAPS);
	assert_true(ts.t[2].flags & VN_TOK_MARKED);
}

static void test_tokens_boundaries(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		unsigned flags[6];
	} cases[] = {
		{ "a b", { VN_TOK_SENTENCE | VN_TOK_CLAUSE, 0 } },
		{ "a. b", { VN_TOK_SENTENCE | VN_TOK_CLAUSE, VN_TOK_SENTENCE | VN_TOK_CLAUSE } },
		{ "a.b", { VN_TOK_SENTENCE | VN_TOK_CLAUSE, 0 } },
		{ "a! b? c", { 3, 3, 3 } },
		{ "a, b; c: d", { 3, VN_TOK_CLAUSE, VN_TOK_CLAUSE, VN_TOK_CLAUSE } },
		{ "a (b) c", { 3, VN_TOK_CLAUSE, VN_TOK_CLAUSE } },
		{ "a \"b\"", { 3, VN_TOK_CLAUSE } },
		{ "a\nb", { 3, 3 } },
		{ "a – b", { 3, VN_TOK_CLAUSE } },
		{ "a - b", { 3, 0 } },
		{ "a.\" b", { 3, 3 } },
		{ "a… b", { 3, 3 } },
		{ "«a» b", { 3, VN_TOK_CLAUSE } },
	};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		toks ts;
		tokenize(T, cases[c].in, strlen(cases[c].in), 0, &ts);
		for (size_t i = 0; i < ts.n; i++) {
			unsigned f = ts.t[i].flags & (VN_TOK_SENTENCE | VN_TOK_CLAUSE);
			if (f != cases[c].flags[i])
				fail_msg("\"%s\" token %zu: boundary flags %u, want %u", cases[c].in, i, f, cases[c].flags[i]);
		}
	}
}

static void test_tokens_offsets_nfd_and_marks(void **state)
{
	(void)state;
	/* decomposed input: the token covers the whole cluster */
	const char *s = "ho\xcc\x80" "a Vie\xcc\xa3\xcc\x82t";
	toks ts;
	tokenize(T, s, strlen(s), 7, &ts);
	assert_int_equal(ts.n, 2);
	assert_string_equal(ts.t[0].exact, "hoà");
	assert_int_equal(ts.t[0].offset, 0);
	assert_int_equal(ts.t[0].length, 5);
	assert_string_equal(ts.t[1].exact, "việt");
	assert_int_equal(ts.t[1].offset, 6);
	assert_int_equal(ts.t[1].length, strlen(s) - 6);
	assert_int_equal(ts.t[1].position, 8);
	/* a soft hyphen inside a word: one token spanning it */
	s = "ngư\xc2\xadời ở";
	tokenize(T, s, strlen(s), 0, &ts);
	assert_int_equal(ts.n, 2);
	assert_string_equal(ts.t[0].exact, "người");
	assert_int_equal(ts.t[0].length, strlen("ngư\xc2\xadời"));
	/* invalid bytes end tokens and never fall inside one */
	s = "ab\xff" "cd\xe1\xbb";
	tokenize(T, s, strlen(s), 0, &ts);
	assert_int_equal(ts.n, 2);
	assert_int_equal(ts.t[0].length, 2);
	assert_int_equal(ts.t[1].offset, 3);
	assert_int_equal(ts.t[1].length, 2);
	/* empty input: no tokens, no call */
	tokenize(T, "", 0, 0, &ts);
	assert_int_equal(ts.n, 0);
	tokenize(T, NULL, 0, 0, &ts);
	assert_int_equal(ts.n, 0);
}

static int stop_after_two(const vn_token *tok, void *payload)
{
	(void)tok;
	int *n = payload;
	return ++*n == 2 ? 42 : 0;
}

static void test_tokenize_stop_and_errors(void **state)
{
	(void)state;
	int n = 0;
	assert_int_equal(vn_text_tokenize(T, "a b c d", 7, 0, stop_after_two, &n), 42);
	assert_int_equal(n, 2);
	assert_int_equal(vn_text_tokenize(NULL, "a", 1, 0, stop_after_two, &n), VN_EINVAL);
	assert_int_equal(vn_text_tokenize(T, "a", 1, 0, NULL, NULL), VN_EINVAL);
	assert_int_equal(vn_text_tokenize(T, NULL, 1, 0, stop_after_two, &n), VN_EINVAL);
	assert_int_equal(vn_text_canonical(T, NULL, 1, &B1), VN_EINVAL);
	assert_int_equal(vn_text_key(T, "a", 1, NULL), VN_EINVAL);
	assert_int_equal(vn_text_normalize(T, "a", 1, NULL, NULL), VN_EINVAL);
}

static void test_long_words_and_lines(void **state)
{
	(void)state;
	/* a 100 000-letter word is cut into bounded tokens, all inside the input */
	size_t n = 100000;
	char *s = malloc(n + 1);
	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		s[i] = (char)('a' + i % 26);
	s[n] = 0;
	assert_int_equal(vn_text_canonical(T, s, n, &B1), 0);
	assert_int_equal(B1.len, n);
	assert_memory_equal(B1.data, s, n);
	assert_int_equal(vn_text_key(T, s, n, &B2), 0);
	size_t j = 0, spaces = 0;
	for (size_t i = 0; i < B2.len; i++) {
		if (B2.data[i] == ' ') {
			spaces++;
			continue;
		}
		assert_int_equal(B2.data[i], s[j]);
		j++;
	}
	assert_int_equal(j, n);
	assert_true(spaces > 0 && spaces < n / 100);
	/* many short words: the key is the text itself */
	n = 6 * 16000 - 1;
	for (size_t i = 0; i < n; i++)
		s[i] = (i % 6 == 5) ? ' ' : "thuong"[i % 6 == 5 ? 0 : i % 6];
	assert_int_equal(vn_text_key(T, s, n, &B2), 0);
	assert_int_equal(B2.len, n);
	assert_memory_equal(B2.data, s, n);
	free(s);
}

/* ---- forms of single words --------------------------------------------------- */

static void test_fold_word_and_is_syllable(void **state)
{
	(void)state;
	static const struct pair folds[] = {
		{ "Đảng", "dang" }, { "ĐƯỜNG", "duong" }, { "Thuỵ", "thuy" }, { "café", "cafe" },
		{ "Ðắk", "dak" }, { "ho\xcc\x80" "a", "hoa" }, { "", "" },
	};
	for (size_t i = 0; i < sizeof folds / sizeof folds[0]; i++) {
		assert_int_equal(vn_text_fold_word(T, folds[i].in, strlen(folds[i].in), &B1), 0);
		assert_string_equal(B1.data ? B1.data : "", folds[i].want);
	}
	static const char *const yes[] = {
		"a", "ba", "nghiêng", "NGHIÊNG", "quý", "qúy", "già", "gìa", "gì", "gìn", "giường", "người",
		"thuở", "thủơ", "khuỷu", "ngoài", "hoà", "hòa", "huỳnh", "quyển", "khuya", "Nguyễn", "Đảng",
		"đ\xc6\xb0\xe1\xbb\x9dng", "uỷ", "yêu", "oanh", "xoong", "học", "hoạch", "tuyết", "ho\xcc\x80" "a",
		"the", "ban", "ai", "ơi", "ươi", "việt", "chuyện",
	};
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (vn_text_is_syllable(T, yes[i], strlen(yes[i])) != 1)
			fail_msg("\"%s\" should be a syllable", yes[i]);
	static const char *const no[] = {
		"", "Đắk", "Lắk", "café", "iPhone", "abc", "hàt", "hảc", "ba ba", "ba.", "2020", "ă", "qu",
		"strong", "fa", "wa", "zê", "ngh", "iê", "hoaa", "nguyênn", "xyz", "a1", "ĉa", "bî", "ñ",
		"thuơng", "khôngg",
	};
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		if (vn_text_is_syllable(T, no[i], strlen(no[i])) != 0)
			fail_msg("\"%s\" should not be a syllable", no[i]);
	assert_int_equal(vn_text_is_syllable(NULL, "a", 1), 0);
	assert_int_equal(vn_text_is_syllable(T, NULL, 0), 0);
}

static void test_recase(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		unsigned flags;
		const char *want;
	} cases[] = {
		{ "hđnd", VN_TOK_ALLCAPS, "HĐND" },
		{ "đảng", VN_TOK_CAPITAL, "Đảng" },
		{ "ủy", VN_TOK_CAPITAL | VN_TOK_ALLCAPS, "ỦY" },
		{ "nguyễn", 0, "nguyễn" },
		{ "nguyễn", VN_TOK_MARKED | VN_TOK_SYLLABLE, "nguyễn" },
		{ "2023", VN_TOK_CAPITAL, "2023" },
		{ "19a", VN_TOK_CAPITAL, "19A" },
		{ "ươn", VN_TOK_ALLCAPS, "ƯƠN" },
		{ "", VN_TOK_ALLCAPS, "" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(vn_text_recase(cases[i].in, strlen(cases[i].in), cases[i].flags, &B1), 0);
		assert_string_equal(B1.data ? B1.data : "", cases[i].want);
	}
	assert_int_equal(vn_text_recase("\xff", 1, VN_TOK_CAPITAL, &B1), VN_EINVAL);
	assert_int_equal(B1.len, 0);
	assert_int_equal(vn_text_recase(NULL, 0, 0, &B1), VN_EINVAL);
}

/* ---- stemming ---------------------------------------------------------------- */

static void test_stemming(void **state)
{
	(void)state;
	vn_error err = VN_ERROR_INIT;
	vn_text *en;
	assert_int_equal(vn_text_new(&en, "en", &err), 0);
	toks ts;
	const char *s = "festivals festival Running runs";
	tokenize(en, s, strlen(s), 0, &ts);
	assert_int_equal(ts.n, 4);
	for (size_t i = 0; i < 4; i++)
		assert_true(ts.t[i].has_stem);
	assert_string_equal(ts.t[0].stem, ts.t[1].stem);
	assert_string_equal(ts.t[2].stem, "run");
	assert_string_equal(ts.t[3].stem, "run");
	assert_string_equal(ts.t[0].key, "festivals");
	/* language switches */
	assert_int_equal(vn_text_set_lang(en, "vi", &err), 0);
	tokenize(en, s, strlen(s), 0, &ts);
	assert_false(ts.t[0].has_stem);
	assert_int_equal(vn_text_set_lang(en, "French", &err), 0);
	tokenize(en, "festivals", 9, 0, &ts);
	assert_true(ts.t[0].has_stem);
	assert_int_equal(vn_text_set_lang(en, "klingon", &err), VN_EINVAL);
	assert_int_equal(err.code, VN_EINVAL);
	tokenize(en, "festivals", 9, 0, &ts); /* old language kept */
	assert_true(ts.t[0].has_stem);
	vn_text_free(en);
	vn_text *bad = (vn_text *)1;
	assert_int_equal(vn_text_new(&bad, "xx", &err), VN_EINVAL);
	assert_null(bad);
	assert_int_equal(vn_text_new(NULL, NULL, &err), VN_EINVAL);
	vn_text *vi;
	assert_int_equal(vn_text_new(&vi, "", &err), 0);
	vn_text_free(vi);
	vn_text_free(NULL);
}

/* ---- Telex (facts §5) ----------------------------------------------------------- */

static void test_telex(void **state)
{
	(void)state;
	static const struct pair yes[] = {
		{ "ddangr vieen", "đảng viên" },
		{ "vieejt", "việt" },
		{ "tieengs", "tiếng" },
		{ "tieesng", "tiếng" },
		{ "tieengsf", "tiềng" },
		{ "nguoiwf", "người" },
		{ "truwowngf", "trường" },
		{ "hoaf", "hoà" },
		{ "thuyr", "thuỷ" },
		{ "quoocs", "quốc" },
		{ "gif", "gì" },
		{ "giaf", "già" },
		{ "DDANGR", "ĐẢNG" },
		{ "Vieejt Nams", "Việt Nám" },
		{ "tw", "tư" },
		{ "awn", "ăn" },
		{ "ddaij hooij 2020", "đại hội 2020" },
		{ "khoer", "khoẻ" },
		{ "chuyeenj", "chuyện" },
		{ "thanhf phoos", "thành phố" },
		/* a word typed without keys stays, when the others changed */
		{ "Vieejt Nam", "Việt Nam" },
		{ "thanh phoos hoof chis minh", "thanh phố hồ chí minh" },
		/* VNI keys */
		{ "vie65t", "việt" },
		{ "d9a3ng vie6n", "đảng viên" },
		{ "d9ang3 vie6n", "đảng viên" },
		{ "nguo7i2", "người" },
		{ "truo7ng2", "trường" },
		{ "hoa2", "hoà" },
		{ "la8m", "lăm" },
		{ "to6i", "tôi" },
	};
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		int r = vn_text_telex(T, yes[i].in, strlen(yes[i].in), &B1);
		if (r != 1 || strcmp(B1.data, yes[i].want) != 0)
			fail_msg("telex(\"%s\") = %d \"%s\", want \"%s\"", yes[i].in, r, B1.data ? B1.data : "",
				 yes[i].want);
	}
	static const char *const no[] = {
		"hello", "ddangr hello", "viet nam", "", "2020", "việt", "xyz", "strong", "ddangr vien",
		"aw", "café", "viet nam 2020", "covid19", "9ang", "a6b", "ba8",
	};
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
		int r = vn_text_telex(T, no[i], strlen(no[i]), &B1);
		if (r != 0)
			fail_msg("telex(\"%s\") = %d \"%s\", want 0", no[i], r, B1.data);
		assert_int_equal(B1.len, 0);
	}
	assert_int_equal(vn_text_telex(T, NULL, 1, &B1), VN_EINVAL);
}

/* ---- every byte, every truncation ------------------------------------------- */

static int check_bounds(const vn_token *tok, void *payload)
{
	size_t n = *(size_t *)payload;
	assert_true(tok->offset + tok->length <= n);
	assert_true(tok->key_len > 0);
	return 0;
}

static void test_every_byte_and_truncation(void **state)
{
	(void)state;
	for (int b = 0; b < 256; b++) {
		char s[3] = { 'a', (char)b, 'b' };
		size_t n = 3;
		assert_int_equal(vn_text_tokenize(T, s, n, 0, check_bounds, &n), 0);
		assert_int_equal(vn_text_canonical(T, s, n, &B1), 0);
		assert_true(vn_utf8_valid(B1.data, B1.len));
		assert_int_equal(vn_text_key(T, s, n, &B2), 0);
		assert_true(vn_utf8_valid(B2.data, B2.len));
	}
	const char *s = "Ðảm baỏ chất lựơng Vie\xcc\xa3\xcc\x82t 1.234,5 ＡＢ ngư\xc2\xadời";
	size_t len = strlen(s);
	for (size_t n = 0; n <= len; n++) {
		char *cp = malloc(n ? n : 1);
		assert_non_null(cp);
		memcpy(cp, s, n);
		assert_int_equal(vn_text_tokenize(T, cp, n, 0, check_bounds, &n), 0);
		assert_int_equal(vn_text_canonical(T, cp, n, &B1), 0);
		assert_true(vn_utf8_valid(B1.data, B1.len));
		assert_int_equal(vn_text_telex(T, cp, n, &B2) >= 0, 1);
		free(cp);
	}
}

static void test_normalize_matches_parts(void **state)
{
	(void)state;
	const char *s = "Ủy ban  nhân dân TP.HCM ＡＢ ｈòa ½ x²";
	vn_buf c = VN_BUF_INIT, k = VN_BUF_INIT;
	assert_int_equal(vn_text_normalize(T, s, strlen(s), &c, &k), 0);
	assert_string_equal(c.data, canon(s));
	assert_string_equal(k.data, key(s));
	assert_int_equal(vn_text_normalize(T, s, strlen(s), NULL, &k), 0);
	assert_string_equal(k.data, key(s));
	vn_buf_free(&c);
	vn_buf_free(&k);
}

/* Legacy text goes through repair first and offsets still refer to the
 * input: whatever the repair detects, the key of the input is the key of
 * its repaired text, and tokens stay inside the input. */
static void test_repair_integration(void **state)
{
	(void)state;
	static const char *const samples[] = {
		"ViÖt Nam", "§¶ng ñy", "ng\xc2\xad" "êi d©n", "Vieät Nam", "Viá»‡t Nam", "Việt Nam",
	};
	for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
		const char *s = samples[i];
		size_t n = strlen(s);
		vn_buf rep = VN_BUF_INIT, k2 = VN_BUF_INIT;
		int enc = -1;
		assert_int_equal(vn_text_repair(T, s, n, &rep, &enc), 0);
		assert_int_equal(vn_text_key(T, s, n, &B2), 0);
		assert_int_equal(vn_text_key(T, rep.data, rep.len, &k2), 0);
		assert_string_equal(B2.data ? B2.data : "", k2.data ? k2.data : "");
		toks ts;
		tokenize(T, s, n, 0, &ts);
		for (size_t j = 0; j < ts.n; j++)
			assert_true(ts.t[j].offset < n);
		vn_buf_free(&rep);
		vn_buf_free(&k2);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_canonical_table),
		cmocka_unit_test(test_key_table),
		cmocka_unit_test(test_oa_oe_uy_both_styles),
		cmocka_unit_test(test_every_vowel_every_tone),
		cmocka_unit_test(test_tokens_forms_and_flags),
		cmocka_unit_test(test_tokens_numbers_dates_abbreviations),
		cmocka_unit_test(test_tokens_boundaries),
		cmocka_unit_test(test_tokens_offsets_nfd_and_marks),
		cmocka_unit_test(test_tokenize_stop_and_errors),
		cmocka_unit_test(test_long_words_and_lines),
		cmocka_unit_test(test_fold_word_and_is_syllable),
		cmocka_unit_test(test_stemming),
		cmocka_unit_test(test_telex),
		cmocka_unit_test(test_recase),
		cmocka_unit_test(test_every_byte_and_truncation),
		cmocka_unit_test(test_normalize_matches_parts),
		cmocka_unit_test(test_repair_integration),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
