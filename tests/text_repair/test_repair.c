/* test_repair.c — legacy encoding detection and repair (text/repair.c,
 * facts §4): every encoding round-trips known sentences, correct text in any
 * form is never touched, offsets map back into the input, and no input —
 * invalid, truncated, any byte — gives malformed output. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vn_repair.h"
#include "vn_text.h"

struct vector {
	int enc;
	const char *legacy; /* the Vietnamese text as it arrives, mojibake */
	const char *utf8;   /* what repair must give back */
};

#include "vectors.inc"

#define N_OF(a) (sizeof(a) / sizeof *(a))

static const char *enc_name(int enc)
{
	static const char *const names[] = { "UTF8", "TCVN3", "VNI", "DOUBLE_UTF8" };
	return enc >= 0 && enc <= 3 ? names[enc] : "?";
}

/* Output is well-formed and every offset points into the input, in order. */
static void check_output(const char *s, size_t n, const vn_buf *out, const vn_buf *map)
{
	assert_true(vn_utf8_valid(out->data ? out->data : "", out->len));
	if (!map)
		return;
	assert_int_equal(map->len, out->len * sizeof(uint32_t));
	uint32_t prev = 0;
	for (size_t i = 0; i < out->len; i++) {
		uint32_t o;
		memcpy(&o, map->data + i * sizeof o, sizeof o);
		assert_true(o < n);
		assert_true(o >= prev);
		prev = o;
	}
	(void)s;
}

static void test_vectors_round_trip(void **state)
{
	(void)state;
	vn_buf out = VN_BUF_INIT, map = VN_BUF_INIT;
	for (size_t i = 0; i < N_OF(vectors); i++) {
		const struct vector *v = &vectors[i];
		size_t n = strlen(v->legacy);
		int enc = vn__repair_detect(v->legacy, n);
		if (enc != v->enc)
			fail_msg("vector %zu: detected %s, want %s: %s", i, enc_name(enc), enc_name(v->enc), v->legacy);
		vn_buf_clear(&out);
		vn_buf_clear(&map);
		assert_int_equal(vn__repair_convert(v->legacy, n, v->enc, &out, &map), 0);
		if (strcmp(out.data, v->utf8) != 0)
			fail_msg("vector %zu (%s):\n got  %s\n want %s", i, enc_name(v->enc), out.data, v->utf8);
		check_output(v->legacy, n, &out, &map);
		/* Offsets land on the first byte of a source character. */
		for (size_t j = 0; j < out.len; j++) {
			uint32_t o;
			memcpy(&o, map.data + j * 4, 4);
			assert_true(((unsigned char)v->legacy[o] & 0xC0) != 0x80);
		}
		int got = -1;
		assert_int_equal(vn_text_repair(NULL, v->legacy, n, &out, &got), 0);
		assert_int_equal(got, v->enc);
		assert_string_equal(out.data, v->utf8);
	}
	vn_buf_free(&out);
	vn_buf_free(&map);
}

/* Correct Vietnamese in NFC, NFD and the Windows-1258 composite form. */
static void test_clean_vietnamese_untouched(void **state)
{
	(void)state;
	vn_buf out = VN_BUF_INIT;
	for (size_t i = 0; i < N_OF(clean_vi); i++) {
		int enc = -1;
		assert_int_equal(vn_text_repair(NULL, clean_vi[i], strlen(clean_vi[i]), &out, &enc), 0);
		if (enc != VN_ENC_UTF8)
			fail_msg("clean text %zu detected as %s: %s", i, enc_name(enc), clean_vi[i]);
		assert_string_equal(out.data, clean_vi[i]);
	}
	vn_buf_free(&out);
}

/* Text that legitimately holds Latin-1 and Windows-1252 characters. */
static const char *const negatives[] = {
	"café", "Müller", "naïve", "Zürich", "Über", "Garçon", "São Paulo", "Søren Kierkegaard",
	"Le café est très bon à Paris, où l'été est chaud.",
	"Die Straße in München ist schön, für alle Bürger gibt es Glühwein.",
	"El niño comió piña en Año Nuevo; aún más señores llegaron a la reunión.",
	"Noël à l'hôtel Crillon: maïs, aïoli, crème brûlée, pâté, Citroën, Zoë, Raúl.",
	"Søn og Møn, Ærø og Bjørn — Åland, Göteborg, Malmö, Tromsø.",
	"Österreich, Köln, Düsseldorf, Würzburg, Gauß, Jürgen Klopp, Mesut Özil",
	"© 2023", "© 2023 Báo Nhân Dân", "Giá: 50£", "Giá: 50£ · Phí: 20€ · ¥100 · ¢5",
	"µg/m³", "25°C", "½ kg", "§ 3 Abs. 2", "¶ 4", "Coca-Cola®", "Windows™", "±0,5 mm²",
	"«Hà Nội»", "“Hà Nội” — thủ đô…", "Giá vàng SJC: 66,5 triệu đồng/lượng (±0,2%)",
	"Cà Mau", "Tây Ninh", "Thái Bình", "Bà Rịa – Vũng Tàu", "Hà Nội\u00a0·\u00a0Thứ hai",
	"CÀ PHÊ\u00a0SỮA ĐÁ", "CÔ\u00a0GIÁO Ở\u00a0VÙNG CAO",
	"Â\u00a0Ê\u00a0Ô", "Ă Â Ê Ô Ơ Ư Đ", "à á â ã è é ê ì í ò ó ô õ ù ú ý",
	"if (a != b) { return x->y[i] & 0xFF; } // ©",
	"printf(\"%s\\n\", \"Ã\");",
	"https://example.com/tin-tuc?id=123&q=%C3%A9t%C3%A9",
	"1.234.567,89", "01/02/2023", "0912 345 678",
	"Email: lienhe@ubnd.gov.vn · Hotline: 1900 1234",
	"Ð Ðảng Ðà Nẵng", /* eth for Đ (facts §3) is not mojibake */
	"So­ft hy­phens in Eng­lish, Vi­ệt Nam",
	"Ðiện Biên Phủ, “nhà báo” ‘trẻ’ …",
	"Ã is a letter; so is Ä, Æ and Ð.",
	"ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ",
	/* correct Vietnamese written only with Windows-1252 letters, some with
	 * a vowel + letter pair that VNI also writes (giùm, hoá, thuê, xoã) */
	/* words that happen to decode to syllables: TCVN3 "s«" → "sô",
	 * "în" → "ợn", "på" → "pồ" (found in gettext catalogues) */
	"Konnte »%s« nicht nach »%s« kopieren: »%s« (»%s«)",
	"Eroare în timpul scrierii în fișierul în care în",
	"Tilføjer gruppe på systemet, så må du vente på svar",
	"Jag är på väg hem, så vi ses än en gång på fredag",
	"Le « %s » et « %c » ne sont pas « %d »",
	/* capitals before closing quotes: Ã” is also how Ô looks double-encoded */
	"“SẮM QUẠT ĐIỀU HÒA – HỐT QUÀ CỰC ĐÃ”. “SẮM QUẠT ĐIỀU HÒA – HỐT QUÀ CỰC ĐÃ”! “CỰC ĐÃ”",
	"“NGÃ” “NGÃ” “NGÃ” “BÃ”",
	"giùm tôi", "Hoá ra là thế", "Thuê nhà", "xoã tóc", "Ông Tám", "Bà Tâm và cô Mai",
	"Chú Tèo", "Tiên Yên", "Quê tôi ở Tây Ninh", "Má ơi", "quá",
	"",
};

static void test_negatives_untouched(void **state)
{
	(void)state;
	vn_buf out = VN_BUF_INIT;
	for (size_t i = 0; i < N_OF(negatives); i++) {
		size_t n = strlen(negatives[i]);
		int enc = vn__repair_detect(negatives[i], n);
		if (enc != VN_ENC_UTF8)
			fail_msg("negative %zu detected as %s: %s", i, enc_name(enc), negatives[i]);
		assert_int_equal(vn_text_repair(NULL, negatives[i], n, &out, &enc), 0);
		assert_int_equal(out.len, n);
		assert_memory_equal(out.data, negatives[i], n);
	}
	vn_buf_free(&out);
}

/* A clean line next to legacy lines: only the legacy ones change. */
static void test_mixed_lines(void **state)
{
	(void)state;
	const char *s = "Tin tức Hà Nội hôm nay\n"
			"ViÖt Nam lµ mét quèc gia n»m ë phÝa ®«ng b¸n ®¶o §«ng D­¬ng.\n"
			"Cà Mau\n"
			"§¶ng bé huyÖn l·nh ®¹o ph¸t triÓn kinh tÕ x· héi.\n"
			"Nhãm phãng viªn";
	const char *want = "Tin tức Hà Nội hôm nay\n"
			   "Việt Nam là một quốc gia nằm ở phía đông bán đảo Đông Dương.\n"
			   "Cà Mau\n"
			   "Đảng bộ huyện lãnh đạo phát triển kinh tế xã hội.\n"
			   "Nhóm phóng viên"; /* a byline: swapped words, but a TCVN3 mark */
	vn_buf out = VN_BUF_INIT, map = VN_BUF_INIT;
	assert_int_equal(vn__repair_detect(s, strlen(s)), VN_ENC_TCVN3);
	assert_int_equal(vn__repair_convert(s, strlen(s), VN_ENC_TCVN3, &out, &map), 0);
	assert_string_equal(out.data, want);
	check_output(s, strlen(s), &out, &map);
	/* Converting appends: out and offmap grow from where they were. */
	size_t before = out.len;
	assert_int_equal(vn__repair_convert("x", 1, VN_ENC_TCVN3, &out, &map), 0);
	assert_int_equal(out.len, before + 1);
	assert_int_equal(map.len, out.len * 4);
	vn_buf_free(&out);
	vn_buf_free(&map);
}

/* Titles carry little evidence; these still have enough. A citation in
 * another script does not stop a VNI line from being repaired. */
static void test_short_and_other_scripts(void **state)
{
	(void)state;
	static const struct vector cases[] = {
		{ VN_ENC_VNI, "Kheá chöõa nhieàu beänh", "Khế chữa nhiều bệnh" },
		{ VN_ENC_TCVN3, "CÇn Giê lÇn ®Çu cã lÔ héi xu©n quy m« lín",
		  "Cần Giờ lần đầu có lễ hội xuân quy mô lớn" },
		{ VN_ENC_VNI, "Hôn 300 loaøi hoa hoàng seõ khoe saéc taïi coâng vieân",
		  "Hơn 300 loài hoa hồng sẽ khoe sắc tại công viên" },
		{ VN_ENC_VNI, "Laäp cuù ñuùp vaøo löôùi Fiorentina, Kalinić ñaõ coù 17 baøn",
		  "Lập cú đúp vào lưới Fiorentina, Kalinić đã có 17 bàn" },
		{ VN_ENC_DOUBLE_UTF8, "Ä‘Ã´ng Ä‘áº£o", "đông đảo" },
	};
	vn_buf out = VN_BUF_INIT;
	for (size_t i = 0; i < N_OF(cases); i++) {
		int enc = -1;
		assert_int_equal(vn_text_repair(NULL, cases[i].legacy, strlen(cases[i].legacy), &out, &enc), 0);
		if (enc != cases[i].enc)
			fail_msg("case %zu: detected %s: %s", i, enc_name(enc), cases[i].legacy);
		assert_string_equal(out.data, cases[i].utf8);
	}
	/* One mojibake word is not enough evidence. */
	assert_int_equal(vn__repair_detect("ViÖt Nam", 9), VN_ENC_UTF8);
	vn_buf_free(&out);
}

/* Offsets of a known repair, byte by byte. */
static void test_offmap_exact(void **state)
{
	(void)state;
	/* "Vieät" (VNI): V i [e+ä → ệ, 3 bytes from offset 2] t at 5. */
	const char *s = "Vieät Nam laø moät quoác gia";
	vn_buf out = VN_BUF_INIT, map = VN_BUF_INIT;
	assert_int_equal(vn__repair_convert(s, strlen(s), VN_ENC_VNI, &out, &map), 0);
	assert_true(strncmp(out.data, "Việt Nam là một quốc gia", out.len) == 0);
	static const uint32_t want[] = { 0, 1, 2, 2, 2, 5 };
	for (size_t i = 0; i < N_OF(want); i++) {
		uint32_t o;
		memcpy(&o, map.data + i * 4, 4);
		assert_int_equal(o, want[i]);
	}
	/* Double UTF-8 "Ä‘" (5 bytes) → "đ" (2 bytes), both from offset 0. */
	const char *d = "Ä‘Ã´ng bá»™ Ä‘Ã£ há»p";
	vn_buf_clear(&out);
	vn_buf_clear(&map);
	assert_int_equal(vn__repair_convert(d, strlen(d), VN_ENC_DOUBLE_UTF8, &out, &map), 0);
	uint32_t o0, o1, o2;
	memcpy(&o0, map.data, 4);
	memcpy(&o1, map.data + 4, 4);
	memcpy(&o2, map.data + 8, 4);
	assert_int_equal(o0, 0);
	assert_int_equal(o1, 0);
	assert_int_equal(o2, 5); /* ô from "Ã´" */
	vn_buf_free(&out);
	vn_buf_free(&map);
}

/* UTF-8 read as Windows-1252 by a strict converter: each byte becomes its
 * Windows-1252 character, and the five bytes that have none (0x81 0x8D
 * 0x8F 0x90 0x9D) become U+FFFD (keep_gap) or vanish. */
static void strict_mojibake(const char *s, int keep_gap, vn_buf *out)
{
	vn_buf_clear(out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		uint32_t cp = *p;
		if (cp >= 0x80 && cp < 0xA0)
			cp = vn__cp1252_hi[cp - 0x80];
		if (cp == 0x81 || cp == 0x8D || cp == 0x8F || cp == 0x90 || cp == 0x9D) {
			if (!keep_gap)
				continue;
			cp = 0xFFFD;
		}
		char u[4];
		assert_int_equal(vn_buf_append(out, u, vn_utf8_encode(u, cp)), 0);
	}
}

/* Double UTF-8 that lost the bytes Windows-1252 lacks: each gap filled so
 * that the word is Vietnamese again, by syllable, case and frequency. */
static void test_lost_bytes(void **state)
{
	(void)state;
	static const char *const sentences[] = {
		"Đảng viên mới ở phường Tân An được kết nạp",
		"ĐOÀN THANH NIÊN BỐ TRÍ CÁN BỘ VỀ CƠ SỞ",
		"HĐND tỉnh Đắk Lắk họp về “nông thôn mới” và người dân",
		"Hội nghị trường học, chọn lọc, nhiều ý kiến về châu Á",
		"Ủy ban: Ông Đỗ Văn Ích đề nghị ý kiến",
	};
	vn_buf moj = VN_BUF_INIT, out = VN_BUF_INIT, map = VN_BUF_INIT;
	for (size_t i = 0; i < N_OF(sentences); i++)
		for (int keep_gap = 0; keep_gap < 2; keep_gap++) {
			strict_mojibake(sentences[i], keep_gap, &moj);
			vn_buf_clear(&out);
			vn_buf_clear(&map);
			assert_int_equal(vn__repair_convert(moj.data, moj.len, VN_ENC_DOUBLE_UTF8, &out, &map), 0);
			check_output(moj.data, moj.len, &out, &map);
			if (out.len != strlen(sentences[i]) || memcmp(out.data, sentences[i], out.len))
				fail_msg("%s (%s): got \"%.*s\"", sentences[i], keep_gap ? "U+FFFD" : "dropped",
					 (int)out.len, out.data);
		}
	/* detected as well, in a text long enough to tell */
	strict_mojibake("Sáng nay, Ủy ban nhân dân phường tổ chức hội nghị về công tác học tập "
			"và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh cho người dân.", 1, &moj);
	vn_buf_clear(&out);
	int enc = -1;
	assert_int_equal(vn_text_repair(NULL, moj.data, moj.len, &out, &enc), 0);
	assert_int_equal(enc, VN_ENC_DOUBLE_UTF8);
	assert_string_equal(out.data, "Sáng nay, Ủy ban nhân dân phường tổ chức hội nghị về công tác học tập "
				      "và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh cho người dân.");
	vn_buf_free(&moj);
	vn_buf_free(&out);
	vn_buf_free(&map);
}

static void test_vni_every_letter(void **state)
{
	(void)state;
	vn_buf out = VN_BUF_INIT;
	assert_int_equal(vn__repair_convert(vni_alphabet, strlen(vni_alphabet), VN_ENC_VNI, &out, NULL), 0);
	assert_string_equal(out.data, vni_alphabet_utf8);
	vn_buf_free(&out);
}

/* Sample bytes of facts §4, one word each inside a TCVN3 sentence. */
static void test_tcvn3_sample_bytes(void **state)
{
	(void)state;
	static const struct {
		unsigned char byte;
		const char *utf8;
	} samples[] = {
		{ 0xB5, "à" }, { 0xB8, "á" }, { 0xA8, "ă" }, { 0xA9, "â" }, { 0xAA, "ê" },
		{ 0xAB, "ô" }, { 0xAC, "ơ" }, { 0xAD, "ư" }, { 0xAE, "đ" }, { 0xD6, "ệ" },
	};
	vn_buf out = VN_BUF_INIT;
	for (size_t i = 0; i < N_OF(samples); i++) {
		/* the byte read as Windows-1252 is U+00xx */
		char in[3] = { (char)(0xC0 | (samples[i].byte >> 6)), (char)(0x80 | (samples[i].byte & 0x3F)), 0 };
		char line[64];
		snprintf(line, sizeof line, "ViÖt %s", in);
		vn_buf_clear(&out);
		assert_int_equal(vn__repair_convert(line, strlen(line), VN_ENC_TCVN3, &out, NULL), 0);
		char want[64];
		snprintf(want, sizeof want, "Việt %s", samples[i].utf8);
		assert_string_equal(out.data, want);
	}
	vn_buf_free(&out);
}

static void test_syllables(void **state)
{
	(void)state;
	static const struct {
		const char *w;
		int ok;
	} words[] = {
		{ "việt", 1 }, { "Việt", 1 }, { "VIỆT", 1 }, { "người", 1 }, { "nghiêng", 1 },
		{ "khuỷu", 1 }, { "ngoằn", 1 }, { "quốc", 1 }, { "gì", 1 }, { "giường", 1 },
		{ "huỳnh", 1 }, { "thuở", 1 }, { "đ", 0 }, { "Đảng", 1 }, { "Ðảng", 1 },
		{ "a", 1 }, { "ăn", 1 }, { "ă", 0 }, { "ân", 1 }, { "â", 0 }, { "xoong", 1 },
		{ "hoà", 1 }, { "hòa", 1 }, { "Vie\xCC\x82\xCC\xA3t", 1 }, /* NFD */
		{ "vi\xC3\xAA\xCC\xA3t", 1 }, /* composite */
		{ "quèc", 0 }, /* huyền with a stop final */
		{ "vit", 0 }, { "vít", 1 }, { "ca", 1 }, { "ce", 0 }, { "ke", 1 }, { "ka", 0 },
		{ "nge", 0 }, { "nghe", 1 }, { "ghi", 1 }, { "gha", 0 },
		{ "café", 0 }, { "Müller", 0 }, { "ViÖt", 0 }, { "the", 1 }, { "and", 0 },
		{ "việtt", 0 }, { "việẹt", 0 }, { "hello", 0 }, { "x", 0 }, { "ách", 1 },
		{ "oanh", 1 }, { "ônh", 0 }, { "yn", 0 }, { "yêu", 1 }, { "khuya", 1 },
	};
	for (size_t i = 0; i < N_OF(words); i++) {
		uint32_t cps[64];
		size_t n = 0;
		const unsigned char *p = (const unsigned char *)words[i].w;
		size_t len = strlen(words[i].w);
		for (size_t j = 0; j < len && n < 64;)
			j += vn_utf8_decode(&cps[n++], p + j, len - j);
		if (vn__repair_is_syllable(cps, n) != words[i].ok)
			fail_msg("syllable \"%s\": want %d", words[i].w, words[i].ok);
	}
	assert_int_equal(vn__repair_is_syllable(NULL, 0), 0);
}

/* Every single byte and every input prefix: no crash, well-formed output,
 * offsets in range — for every encoding. */
static void test_truncation_and_bytes(void **state)
{
	(void)state;
	vn_buf out = VN_BUF_INIT, map = VN_BUF_INIT;
	for (int enc = VN_ENC_UTF8; enc <= VN_ENC_DOUBLE_UTF8; enc++) {
		for (int b = 0; b < 256; b++) {
			char c = (char)b;
			vn_buf_clear(&out);
			vn_buf_clear(&map);
			(void)vn__repair_detect(&c, 1);
			assert_int_equal(vn__repair_convert(&c, 1, enc, &out, &map), 0);
			check_output(&c, 1, &out, &map);
		}
		for (size_t i = 0; i < N_OF(vectors); i += 3) {
			const char *s = vectors[i + (size_t)enc % 3].legacy;
			size_t n = strlen(s);
			for (size_t len = 0; len <= n; len++) {
				char *cut = malloc(len ? len : 1); /* exact size: ASan sees overreads */
				assert_non_null(cut);
				memcpy(cut, s, len);
				vn_buf_clear(&out);
				vn_buf_clear(&map);
				(void)vn__repair_detect(cut, len);
				assert_int_equal(vn__repair_convert(cut, len, enc, &out, &map), 0);
				check_output(cut, len, &out, &map);
				free(cut);
			}
		}
	}
	vn_buf_free(&out);
	vn_buf_free(&map);
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		const char *want; /* for VN_ENC_UTF8 */
	} cases[] = {
		{ "a\xFF" "b", "a\xEF\xBF\xBD" "b" },
		{ "\xC3", "\xEF\xBF\xBD" },
		{ "Vi\xE1\xBB", "Vi\xEF\xBF\xBD\xEF\xBF\xBD" },
		{ "\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD" },           /* overlong */
		{ "\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" }, /* surrogate */
		{ "\xF4\x90\x80\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" },
	};
	vn_buf out = VN_BUF_INIT, map = VN_BUF_INIT;
	for (size_t i = 0; i < N_OF(cases); i++) {
		size_t n = strlen(cases[i].in);
		vn_buf_clear(&out);
		assert_int_equal(vn__repair_convert(cases[i].in, n, VN_ENC_UTF8, &out, NULL), 0);
		assert_string_equal(out.data, cases[i].want);
		for (int enc = VN_ENC_TCVN3; enc <= VN_ENC_DOUBLE_UTF8; enc++) {
			vn_buf_clear(&out);
			vn_buf_clear(&map);
			assert_int_equal(vn__repair_convert(cases[i].in, n, enc, &out, &map), 0);
			check_output(cases[i].in, n, &out, &map);
		}
	}
	/* Mojibake with a stray invalid byte is still repaired around it. */
	const char *s = "ViÖt Nam lµ mét quèc gia \xFF n»m ë phÝa ®«ng";
	assert_int_equal(vn__repair_detect(s, strlen(s)), VN_ENC_UTF8); /* not all cp1252: no */
	vn_buf_free(&out);
	vn_buf_free(&map);
}

static void test_bad_arguments(void **state)
{
	(void)state;
	vn_buf out = VN_BUF_INIT;
	assert_int_equal(vn__repair_convert("a", 1, 7, &out, NULL), VN_EINVAL);
	assert_int_equal(vn__repair_convert("a", 1, -1, &out, NULL), VN_EINVAL);
	assert_int_equal(vn__repair_convert("a", 1, VN_ENC_UTF8, NULL, NULL), VN_EINVAL);
	assert_int_equal(vn__repair_convert(NULL, 0, VN_ENC_UTF8, &out, NULL), 0);
	assert_int_equal(vn__repair_detect(NULL, 0), VN_ENC_UTF8);
	assert_int_equal(vn_text_repair(NULL, NULL, 0, &out, NULL), 0);
	assert_int_equal(out.len, 0);
	vn_buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors_round_trip),
		cmocka_unit_test(test_clean_vietnamese_untouched),
		cmocka_unit_test(test_negatives_untouched),
		cmocka_unit_test(test_mixed_lines),
		cmocka_unit_test(test_short_and_other_scripts),
		cmocka_unit_test(test_offmap_exact),
		cmocka_unit_test(test_lost_bytes),
		cmocka_unit_test(test_vni_every_letter),
		cmocka_unit_test(test_tcvn3_sample_bytes),
		cmocka_unit_test(test_syllables),
		cmocka_unit_test(test_truncation_and_bytes),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_bad_arguments),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
