/* repair.c — legacy encoding detection and repair (facts §4).
 *
 * All three legacy forms reach us as Windows-1252 text: each character of the
 * input stands for one byte of the original. Decoding is therefore done per
 * character: character → cp1252 byte → meaning of that byte (TCVN3 table,
 * VNI base + mark, or a byte of a UTF-8 sequence).
 *
 * Why whole-text detection with a line-level guard: the indexer repairs a
 * title and a body separately, and a body that is mojibake is mojibake
 * throughout; but a page can still have a clean line pasted next to legacy
 * ones, so evidence is gathered only from lines that could be legacy, and
 * the conversion leaves alone any line the trial decode would not improve.
 */
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "vn_repair.h"
#include "vn_text.h"

/* Longest word analysed; a syllable has at most 7 letters, and a mojibake
 * word at most 3 input characters per letter (double UTF-8), plus marks. */
#define RP_MAXW 32

/* ---- Windows-1252 -------------------------------------------------------- */

/* Byte that cp stands for in Windows-1252 mojibake, or -1. C1 controls stand
 * for themselves because that is how the undefined bytes come through. */
static int cp1252_byte(uint32_t cp)
{
	if (cp < 0x100)
		return (int)cp;
	if (cp > 0x2122 || (cp > 0x2C6 && cp < 0x2013 && cp != 0x2DC))
		return -1;
	for (int i = 0; i < 32; i++)
		if (vn__cp1252_hi[i] == cp)
			return 0x80 + i;
	return -1;
}

/* À Á Â Ã È É Ê Ì Í Ò Ó Ô Õ Ù Ú Ý and their small letters: the only
 * U+00C0-U+00FF letters Vietnamese uses, bit (cp - 0xC0) & 31. */
static const uint64_t vi_latin1 =
	(1ull << 0x00) | (1ull << 0x01) | (1ull << 0x02) | (1ull << 0x03) |
	(1ull << 0x08) | (1ull << 0x09) | (1ull << 0x0A) | (1ull << 0x0C) |
	(1ull << 0x0D) | (1ull << 0x12) | (1ull << 0x13) | (1ull << 0x14) |
	(1ull << 0x15) | (1ull << 0x19) | (1ull << 0x1A) | (1ull << 0x1D);
static int vi_latin1_letter(uint32_t cp)
{
	if (cp < 0xC0 || cp > 0xFF)
		return 0;
	return (int)((vi_latin1 >> ((cp - 0xC0) & 31)) & 1); /* à is À + 0x20 */
}

/* ---- syllable validator (facts §2) --------------------------------------- */

static const struct vn__letter *letter_find(uint32_t cp)
{
	size_t lo = 0, hi = vn__letters_len;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (vn__letters[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < vn__letters_len && vn__letters[lo].cp == cp ? &vn__letters[lo] : NULL;
}

enum { NUC_OPEN = 1, NUC_CLOSED = 2 };

/* Vowel codes: a ă=A â=B e ê=E i o ô=O ơ=P u ư=U y. NUC_CLOSED nuclei need
 * a final consonant, NUC_OPEN ones take none (underthesea's nucleus list). */
static const struct {
	const char *v;
	unsigned char flags;
} nuclei[] = {
	{ "iEu", NUC_OPEN }, { "yEu", NUC_OPEN }, { "oai", NUC_OPEN }, { "oao", NUC_OPEN },
	{ "oay", NUC_OPEN }, { "oeo", NUC_OPEN }, { "uBy", NUC_OPEN }, { "uOi", NUC_OPEN },
	{ "UPi", NUC_OPEN }, { "UPu", NUC_OPEN }, { "uya", NUC_OPEN }, { "uyu", NUC_OPEN },
	{ "uyE", NUC_CLOSED },
	{ "ai", NUC_OPEN }, { "ao", NUC_OPEN }, { "au", NUC_OPEN }, { "ay", NUC_OPEN },
	{ "Bu", NUC_OPEN }, { "By", NUC_OPEN }, { "eo", NUC_OPEN }, { "Eu", NUC_OPEN },
	{ "ia", NUC_OPEN }, { "iu", NUC_OPEN }, { "oi", NUC_OPEN }, { "Oi", NUC_OPEN },
	{ "Pi", NUC_OPEN }, { "ua", NUC_OPEN }, { "ui", NUC_OPEN }, { "Ua", NUC_OPEN },
	{ "Ui", NUC_OPEN }, { "Uu", NUC_OPEN }, { "uP", NUC_OPEN },
	{ "iE", NUC_CLOSED }, { "yE", NUC_CLOSED }, { "uO", NUC_CLOSED }, { "UP", NUC_CLOSED },
	{ "oA", NUC_CLOSED }, { "uB", NUC_CLOSED }, { "oo", NUC_CLOSED },
	{ "oa", 0 }, { "oe", 0 }, { "uE", 0 }, { "uy", 0 },
	{ "A", NUC_CLOSED }, { "B", NUC_CLOSED },
	{ "a", 0 }, { "e", 0 }, { "E", 0 }, { "i", 0 }, { "o", 0 }, { "O", 0 }, { "P", 0 },
	{ "u", 0 }, { "U", 0 }, { "y", NUC_OPEN },
};

static const char *const initials[] = {
	"ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
	"b", "c", "d", "D", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
};

static const char *const finals[] = { "", "c", "ch", "m", "n", "ng", "nh", "p", "t" };

static int front_vowel(char c)
{
	return c == 'i' || c == 'e' || c == 'E' || c == 'y';
}

static int syllable_parse(const char *w, size_t len, int tone)
{
	for (size_t a = 0; a < sizeof initials / sizeof *initials; a++) {
		const char *ini = initials[a];
		size_t il = strlen(ini);
		if (il > len || memcmp(w, ini, il) != 0)
			continue;
		const char *rest = w + il;
		size_t rl = len - il;
		if (rl == 0)
			continue;
		char v0 = rest[0];
		/* Spelling rules: k, gh, ngh before front vowels only; c, g, ng not
		 * before e ê; c, ng not before i y; qu and gi not before u and i. */
		if ((!strcmp(ini, "k") || !strcmp(ini, "gh") || !strcmp(ini, "ngh")) && !front_vowel(v0))
			continue;
		if ((!strcmp(ini, "c") || !strcmp(ini, "g") || !strcmp(ini, "ng")) && (v0 == 'e' || v0 == 'E'))
			continue;
		if ((!strcmp(ini, "c") || !strcmp(ini, "ng")) && (v0 == 'i' || v0 == 'y'))
			continue;
		if ((!strcmp(ini, "qu") && (v0 == 'u' || v0 == 'U')) || (!strcmp(ini, "gi") && v0 == 'i'))
			continue;
		for (size_t b = 0; b < sizeof nuclei / sizeof *nuclei; b++) {
			size_t nl = strlen(nuclei[b].v);
			if (nl > rl || memcmp(rest, nuclei[b].v, nl) != 0)
				continue;
			const char *fin = rest + nl;
			size_t fl = rl - nl;
			int ok = 0;
			for (size_t c = 0; c < sizeof finals / sizeof *finals && !ok; c++)
				ok = strlen(finals[c]) == fl && memcmp(fin, finals[c], fl) == 0;
			if (!ok)
				continue;
			if (fl == 0 && (nuclei[b].flags & NUC_CLOSED))
				continue;
			if (fl > 0 && (nuclei[b].flags & NUC_OPEN))
				continue;
			/* Stop finals carry only sắc or nặng. */
			if (fl > 0 && (fin[0] == 'c' || fin[0] == 'p' || fin[0] == 't') && tone != 2 && tone != 5)
				continue;
			/* ch and nh follow a ê i y (anh, ếch, inh, huỳnh) only. */
			if (fl == 2 && fin[1] == 'h') {
				char last = rest[nl - 1];
				if (last != 'a' && last != 'E' && last != 'i' && last != 'y')
					continue;
			}
			return 1;
		}
	}
	return 0;
}

int vn__repair_is_syllable(const uint32_t *cps, size_t n)
{
	char base[RP_MAXW];
	unsigned char qual[RP_MAXW], tone[RP_MAXW];
	size_t m = 0;
	if (n == 0 || n > RP_MAXW)
		return 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t c = cps[i];
		if (c < 0x80) {
			if (c >= 'A' && c <= 'Z')
				c += 'a' - 'A';
			if (c < 'a' || c > 'z')
				return 0;
			base[m] = (char)c;
			qual[m] = tone[m] = 0;
			m++;
			continue;
		}
		int q = 0, t = 0;
		switch (c) {
		case 0x0300: case 0x0340: t = 1; break;
		case 0x0301: case 0x0341: t = 2; break;
		case 0x0303: t = 3; break;
		case 0x0309: t = 4; break;
		case 0x0323: t = 5; break;
		case 0x0302: q = 1; break;
		case 0x0306: q = 2; break;
		case 0x031B: q = 3; break;
		default: {
			const struct vn__letter *l = letter_find(c);
			if (!l)
				return 0;
			base[m] = l->base;
			qual[m] = l->quality;
			tone[m] = l->tone;
			m++;
			continue;
		}
		}
		/* A combining mark goes on the letter before it, once per kind. */
		if (m == 0 || !strchr("aeiouy", base[m - 1]))
			return 0;
		if (q) {
			if (qual[m - 1])
				return 0;
			char b = base[m - 1];
			if ((q == 1 && b != 'a' && b != 'e' && b != 'o') || (q == 2 && b != 'a') ||
			    (q == 3 && b != 'o' && b != 'u'))
				return 0;
			qual[m - 1] = (unsigned char)q;
		} else {
			if (tone[m - 1])
				return 0;
			tone[m - 1] = (unsigned char)t;
		}
	}
	if (m > 8)
		return 0;
	char w[8];
	int t = 0;
	for (size_t i = 0; i < m; i++) {
		if (tone[i]) {
			if (t)
				return 0;
			t = tone[i];
		}
		char b = base[i];
		switch (qual[i]) {
		case 1: b = b == 'a' ? 'B' : b == 'e' ? 'E' : 'O'; break;
		case 2: b = 'A'; break;
		case 3: b = b == 'o' ? 'P' : 'U'; break;
		default: break;
		}
		w[i] = b;
	}
	return syllable_parse(w, m, t);
}

/* ---- one decoding step per legacy encoding ------------------------------ */

static size_t decode_at(uint32_t *cp, const unsigned char *p, size_t lim, size_t i)
{
	return vn_utf8_decode(cp, p + i, lim - i);
}

static int vni_vowel(uint32_t c, int *idx, int *quality, int *upper)
{
	static const char vowels[] = "aeiouy";
	*quality = 0;
	*upper = 0;
	if (c >= 'A' && c <= 'Z') {
		*upper = 1;
		c += 'a' - 'A';
	}
	if (c < 0x80) {
		const char *v = c ? strchr(vowels, (int)c) : NULL;
		if (!v)
			return 0;
		*idx = (int)(v - vowels);
		return 1;
	}
	/* ơ ư written as one VNI byte (F4 F6, capitals D4 D6) take a tone mark. */
	switch (c) {
	case 0xD4: *upper = 1; /* fall through */
	case 0xF4: *idx = 3; *quality = 3; return 1;
	case 0xD6: *upper = 1; /* fall through */
	case 0xF6: *idx = 4; *quality = 3; return 1;
	default: return 0;
	}
}

/* Bytes that Windows-1252 has no character for: double UTF-8 that went
 * through a strict converter lost them, or got U+FFFD in their place
 * ("Ä�ảng", "phÆ°á»ng" for Đảng, phường). In the order tried. */
static const unsigned char lost_bytes[] = { 0x90, 0x9D, 0x81, 0x8D, 0x8F };
#define N_LOST (sizeof lost_bytes / sizeof lost_bytes[0])

/* Continuation bytes to put in the gaps of a word, in order (NULL: leave
 * gaps alone); gaps counts those met and not filled. */
typedef struct gap_fill {
	const unsigned char *bytes;
	size_t n, used;
	unsigned gaps;
} gap_fill;

/* VN_ENC_DOUBLE_UTF8: a lead byte b (character of k input bytes at i) and
 * its continuation bytes, each one character, make one UTF-8 sequence. */
static size_t step_double_utf8(int b, size_t k, const unsigned char *p, size_t lim, size_t i, uint32_t *out,
			       gap_fill *fill)
{
	if (b < 0xC2 || b > 0xF4)
		return k;
	unsigned char seq[4];
	size_t need = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4, used = k;
	seq[0] = (unsigned char)b;
	for (size_t j = 1; j < need; j++) {
		uint32_t cc = 0;
		size_t kk = i + used < lim ? decode_at(&cc, p, lim, i + used) : 0;
		int bb = kk ? cp1252_byte(cc) : -1;
		if (kk && bb >= 0x80 && bb <= 0xBF && !(cc == 0xFFFD && kk == 1)) {
			seq[j] = (unsigned char)bb;
			used += kk;
			continue;
		}
		if (!fill)
			return k;
		if (fill->used == fill->n) {
			fill->gaps++;
			return k;
		}
		/* a byte lost here: U+FFFD stands in its place, or nothing does */
		seq[j] = fill->bytes[fill->used++];
		if (kk && cc == 0xFFFD)
			used += kk;
	}
	uint32_t d;
	if (vn_utf8_decode(&d, seq, need) != need)
		return k;
	*out = d;
	return used;
}

/* Decode one source character (or character group) at p[i..lim) in enc into
 * *out; returns the input bytes consumed (≥ 1). Characters that enc cannot
 * have produced are passed through. */
static size_t step(int enc, const unsigned char *p, size_t lim, size_t i, uint32_t *out)
{
	uint32_t c;
	size_t k = decode_at(&c, p, lim, i);
	*out = c;
	if (enc == VN_ENC_UTF8)
		return k;
	int b = cp1252_byte(c);
	if (enc == VN_ENC_VNI) {
		int idx, q0, up;
		if (i + k < lim && vni_vowel(c, &idx, &q0, &up)) {
			uint32_t c2;
			size_t k2 = decode_at(&c2, p, lim, i + k);
			int b2 = cp1252_byte(c2);
			if (b2 >= 0xC0 && vn__vni_mark[b2 - 0xC0] != 0xFF) {
				int q = vn__vni_mark[b2 - 0xC0] >> 4, t = vn__vni_mark[b2 - 0xC0] & 15;
				if (!(q && q0)) {
					size_t at = ((size_t)idx * 4 + (size_t)(q ? q : q0)) * 6 + (size_t)t;
					uint16_t r = up ? vn__compose_upper[at] : vn__compose_lower[at];
					if (r) {
						*out = r;
						return k + k2;
					}
				}
			}
		}
		if (b >= 0xC0 && vn__vni_single[b - 0xC0])
			*out = vn__vni_single[b - 0xC0];
		return k;
	}
	if (b < 0x80)
		return k;
	if (enc == VN_ENC_TCVN3) {
		*out = vn__tcvn3_hi[b - 0x80];
		return k;
	}
	return step_double_utf8(b, k, p, lim, i, out, NULL);
}

/* ---- evidence ----------------------------------------------------------- */

typedef struct rp_stats {
	unsigned fixed;   /* invalid word that decodes to a valid syllable */
	unsigned broken;  /* valid syllable that decodes to an invalid word */
	unsigned swapped; /* valid syllable that decodes to another valid one */
	unsigned junk;    /* changed, invalid before and after */
	unsigned strong;  /* fixed words with a mark no Latin-1 word has */
	unsigned marked;  /* changed words or lone symbols with such a mark */
	unsigned words;   /* all words seen */
} rp_stats;

/* Characters that make up a word: letters, combining marks, every
 * U+0080-U+00FF character (TCVN3 uses § ® ¸ µ … as letters), the
 * Windows-1252 punctuation (double UTF-8 continuation bytes), and letters
 * of other scripts (so that a Russian or Chinese text counts its words). */
static int word_cp(uint32_t c)
{
	if (c < 0x80)
		return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
	if (c < 0x2000)
		return 1;
	if (c < 0x2070)
		return cp1252_byte(c) >= 0;
	return !(c >= 0x3000 && c < 0x3040) && c != 0xFEFF && c != 0xFFFD && !(c >= 0xFF00 && c < 0xFF10);
}

/* ă đ ĩ ũ ơ ư (either case), a combining mark or U+1EA0-U+1EF9. */
static int vietnamese_unicode(uint32_t c)
{
	switch (c) {
	case 0x102: case 0x103: case 0x110: case 0x111: case 0x128: case 0x129:
	case 0x168: case 0x169: case 0x1A0: case 0x1A1: case 0x1AF: case 0x1B0:
		return 1;
	default:
		return (c >= 0x300 && c < 0x370) || (c >= 0x1EA0 && c <= 0x1EF9);
	}
}

/* A line could be mojibake only if it holds no letter of Vietnamese
 * Unicode beyond Windows-1252: that means it already is Unicode ("ĐÃ”" is
 * correct text, not a double-encoded Ô).
 * Other scripts and letters (a Russian citation or "Kalinić" in a VNI
 * article) say nothing. Invalid UTF-8 means it is not text read through
 * Windows-1252 either. */
static int line_eligible(const unsigned char *p, size_t ls, size_t le)
{
	for (size_t i = ls; i < le;) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t c;
		size_t k = decode_at(&c, p, le, i);
		if ((c == 0xFFFD && k == 1) || vietnamese_unicode(c))
			return 0;
		i += k;
	}
	return 1;
}

/* Strong TCVN3 evidence: a symbol (A0-BF, × ÷) inside a word that decodes
 * to a syllable; Latin-1 words in other languages hold letters only. « and »
 * count only between letters ("kh«ng"): at a word's edge they are the
 * quotes of German »%s« or French «mot». Strong VNI evidence: a vowel
 * followed by a grave, hook or circumflex+hook mark, or ñ (đ) — no Latin-1
 * language writes those after a vowel. Strong double UTF-8 evidence: a
 * continuation byte that reads as a symbol or control, or Ä Å Æ (leads of
 * ă đ ĩ ũ ơ ư); Ã + punctuation alone is weak, "NGÃ”" is a capital word
 * before a closing quote as often as Ô. */
static int strong_word(int enc, const uint32_t *w, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		uint32_t c = w[i];
		if (enc == VN_ENC_TCVN3) {
			if (c == 0xAB || c == 0xBB) {
				if (i > 0 && i + 1 < n)
					return 1;
			} else if ((c >= 0xA0 && c <= 0xBF) || c == 0xD7 || c == 0xF7) {
				return 1;
			}
		} else if (enc == VN_ENC_VNI) {
			uint32_t prev = i ? w[i - 1] : 0, pl = prev | 0x20;
			int vowel = (prev < 0x80 && pl >= 'a' && strchr("aeiouy", (int)pl)) ||
				    prev == 0xF4 || prev == 0xF6 || prev == 0xD4 || prev == 0xD6;
			if (c == 0xF1 || c == 0xD1)
				return 1;
			if (vowel && (c == 0xF8 || c == 0xD8 || c == 0xFB || c == 0xDB || c == 0xE5 || c == 0xC5))
				return 1;
		} else if ((c >= 0x80 && c <= 0xBF) || c == 0xC4 || c == 0xC5 || c == 0xC6) {
			return 1;
		}
	}
	return 0;
}

static void analyze_line(int enc, const unsigned char *p, size_t ls, size_t le, rp_stats *st)
{
	size_t i = ls;
	while (i < le) {
		uint32_t c;
		size_t k = decode_at(&c, p, le, i);
		if (!word_cp(c) || (c == 0xFFFD && k == 1)) {
			i += k;
			continue;
		}
		size_t ws = i, we = i;
		uint32_t orig[RP_MAXW], dec[RP_MAXW];
		size_t on = 0, dn = 0;
		int high = 0;
		while (we < le) {
			size_t kk = decode_at(&c, p, le, we);
			if (!word_cp(c) || (c == 0xFFFD && kk == 1))
				break;
			high |= c >= 0x80 && cp1252_byte(c) >= 0;
			if (on < RP_MAXW)
				orig[on] = c;
			on++;
			we += kk;
		}
		i = we;
		st->words++;
		/* No character beyond ASCII that enc reads differently: unchanged. */
		if (on > RP_MAXW || !high)
			continue;
		for (size_t j = ws; j < we && dn < RP_MAXW;)
			j += step(enc, p, we, j, &dec[dn++]);
		if (dn == on && memcmp(orig, dec, on * sizeof *orig) == 0)
			continue;
		int strong = strong_word(enc, orig, on);
		st->marked += (unsigned)strong;
		/* A lone symbol is no evidence for the text: "£" reads as TCVN3
		 * "Ê", "·" as "ã". */
		if (on == 1)
			continue;
		if (enc == VN_ENC_DOUBLE_UTF8 && !strong)
			continue;
		int ov = vn__repair_is_syllable(orig, on);
		int dv = vn__repair_is_syllable(dec, dn);
		if (ov && dv)
			st->swapped++;
		else if (ov)
			st->broken++;
		else if (dv) {
			st->fixed++;
			st->strong += (unsigned)strong;
		} else
			st->junk++;
	}
}

static size_t line_end(const unsigned char *p, size_t n, size_t ls)
{
	const unsigned char *nl = memchr(p + ls, '\n', n - ls);
	return nl ? (size_t)(nl - p) : n;
}

/* The per-line guard of vn__repair_convert, for a text already judged
 * legacy: decode a line that fixes more than it disturbs, or that spoils no
 * valid word and shows a legacy mark (bylines "Nhãm phãng viªn", "T.§",
 * glued words "PhÆ°Æ¡ngTheo"). A clean line with only Vietnamese Latin-1
 * letters ("Cà Mau") shows no such mark and stays. */
static int line_improves(const rp_stats *st)
{
	if (st->fixed >= 1 && st->fixed >= st->broken + st->swapped)
		return 1;
	return st->broken == 0 && (st->fixed >= 1 || st->marked >= 1);
}

/* The whole-text decision. Genuine TCVN3 and VNI text has swapped words
 * (TCVN3 có is "cã", một is "mét", lễ is "lÔ"; VNI hơn is "hôn") but more
 * fixed ones; correct text that slips through the byte scan has almost only
 * swapped and broken ones. */
static int accept(int enc, const rp_stats *st)
{
	if (st->fixed < 2)
		return 0;
	/* Most words of legacy Vietnamese have a mark, so most change and get
	 * fixed; in another language a few do ("în", "på", "s«" of "%s«"). */
	if ((size_t)st->fixed * 5 < st->words)
		return 0;
	/* Without a mark no other language writes, ask for more fixed words
	 * and nothing against ("Kheá chöõa nhieàu beänh"). TCVN3 prose always
	 * has such marks (ă â ê ô ơ ư đ à á ả ã ạ are all symbols). */
	if (st->strong < 1 && (enc == VN_ENC_TCVN3 || st->fixed < 3 || st->broken || st->swapped || st->junk))
		return 0;
	if (st->broken * 10 > st->fixed || st->swapped > st->fixed || st->junk > st->fixed)
		return 0;
	/* Very short texts (queries, titles) get no benefit of the doubt. */
	if (st->words < 4 && (st->broken || st->swapped || st->junk))
		return 0;
	return 1;
}

/* 'a' 'e' 'o' 'i' 'u' 'y' (either case) for ASCII bytes, else 0. */
static const char ascii_vowel[128] = {
	['a'] = 'a', ['A'] = 'a', ['e'] = 'e', ['E'] = 'e', ['i'] = 'i', ['I'] = 'i',
	['o'] = 'o', ['O'] = 'o', ['u'] = 'u', ['U'] = 'u', ['y'] = 'y', ['Y'] = 'y',
};

/* A VNI vowel + mark pair whose mark reads as a Vietnamese Latin-1 letter
 * but which correct Vietnamese never writes: any vowel + ù or õ (acute and
 * tilde marks), a e o + â (circumflex), a + ê é è ú (breve forms), a e + á à
 * ã (circumflex with tone; "oá" "oà" "oã" are correct hoá, hoà, xoã). */
static int vni_pair(int v, uint32_t cp)
{
	if (!v)
		return 0;
	switch (cp | 0x20) { /* fold the capital marks onto the small ones */
	case 0xF9: case 0xF5: return 1;
	case 0xE2: return v == 'a' || v == 'e' || v == 'o';
	case 0xEA: case 0xE9: case 0xE8: case 0xFA: return v == 'a';
	case 0xE1: case 0xE0: case 0xE3: return v == 'a' || v == 'e';
	default: return 0;
	}
}

/* Offset of the first byte C2 or C3 in p[i..n), or n. Only those lead
 * bytes (U+0080-U+00FF) can start the evidence suspicious() looks for, and
 * Vietnamese text is mostly ASCII and E1 BA/BB letters, so the scan looks at
 * 16 (SSE2) or 8 bytes at a time. */
static inline size_t next_c2c3(const unsigned char *p, size_t n, size_t i)
{
#if defined(__SSE2__)
	const __m128i fe = _mm_set1_epi8((char)0xFE), c2 = _mm_set1_epi8((char)0xC2);
	for (; i + 16 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(v, fe), c2));
		if (m)
			return i + (size_t)__builtin_ctz(m);
	}
#elif defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
	for (; i + 8 <= n; i += 8) {
		uint64_t x;
		memcpy(&x, p + i, 8);
		x = (x & (0xFEull * ones)) ^ (0xC2ull * ones);
		/* a zero byte of x is a C2/C3 byte; the lowest flag is exact */
		uint64_t z = (x - ones) & ~x & highs;
		if (z)
			return i + (size_t)(__builtin_ctzll(z) >> 3);
	}
#endif
	for (; i < n; i++)
		if ((p[i] & 0xFE) == 0xC2)
			return i;
	return n;
}

/* One byte pass: is there any character that mojibake produces and correct
 * Vietnamese does not? That is a U+0080-U+00FF character other than the
 * Vietnamese letters and a no-break space, or a no-break space or
 * Windows-1252 punctuation right after Â Ã Ì Í (Ã€ for À, "Ã " for à), or
 * a VNI vowel + mark pair that correct text never has (vni_pair). Only lead bytes C2 C3 (U+0080-
 * U+00FF) and the punctuation's C5 C6 CB E2 need a look. */
static int suspicious(const unsigned char *p, size_t n)
{
	int after_lead = 0, prev_vowel = 0, vowel = 0;
	for (size_t i = 0; i < n; i++, prev_vowel = vowel) {
		if (!after_lead) {
			/* with no lead pending, every byte but C2 and C3 leaves the
			 * state as it is, and an ASCII byte is never skipped as a
			 * continuation, so the vowel before can be read back */
			size_t j = next_c2c3(p, n, i);
			if (j >= n)
				return 0;
			if (j != i) {
				i = j;
				prev_vowel = p[i - 1] < 0x80 ? ascii_vowel[p[i - 1]] : 0;
			}
		}
		unsigned char b = p[i];
		vowel = 0;
		if (b < 0xC2) {
			if (b < 0x80) {
				after_lead = 0;
				vowel = ascii_vowel[b];
			}
			continue; /* ASCII, or a continuation byte of a skipped character */
		}
		if (i + 1 >= n || (p[i + 1] & 0xC0) != 0x80) {
			after_lead = 0;
			continue;
		}
		if (b == 0xC2) {
			if (p[i + 1] != 0xA0 || after_lead)
				return 1;
			after_lead = 0;
			i++;
			continue;
		}
		if (b == 0xC3) {
			uint32_t cp = 0xC0u + (p[i + 1] & 0x3Fu);
			if (!vi_latin1_letter(cp) || vni_pair(prev_vowel, cp))
				return 1;
			/* Â Ã Ì Í lead the UTF-8 of U+0080-U+00FF and of the
			 * combining marks; other letters before punctuation are
			 * ordinary ("là”"). */
			after_lead = cp == 0xC2 || cp == 0xC3 || cp == 0xCC || cp == 0xCD;
			i++;
			continue;
		}
		if (after_lead && (b == 0xC5 || b == 0xC6 || b == 0xCB || b == 0xE2)) {
			uint32_t cp;
			size_t k = vn_utf8_decode(&cp, p + i, n - i);
			if (cp1252_byte(cp) >= 0x80)
				return 1;
			i += k - 1;
		}
		after_lead = 0;
	}
	return 0;
}

/* The byte-at-a-time original of suspicious(), kept as the reference of
 * the differential test (tests/text_repair). */
int vn__repair_suspicious_ref(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	int after_lead = 0, prev_vowel = 0, vowel = 0;
	for (size_t i = 0; i < n; i++, prev_vowel = vowel) {
		unsigned char b = p[i];
		vowel = 0;
		if (b < 0xC2) {
			if (b < 0x80) {
				after_lead = 0;
				vowel = ascii_vowel[b];
			}
			continue; /* ASCII, or a continuation byte of a skipped character */
		}
		if (i + 1 >= n || (p[i + 1] & 0xC0) != 0x80) {
			after_lead = 0;
			continue;
		}
		if (b == 0xC2) {
			if (p[i + 1] != 0xA0 || after_lead)
				return 1;
			after_lead = 0;
			i++;
			continue;
		}
		if (b == 0xC3) {
			uint32_t cp = 0xC0u + (p[i + 1] & 0x3Fu);
			if (!vi_latin1_letter(cp) || vni_pair(prev_vowel, cp))
				return 1;
			/* Â Ã Ì Í lead the UTF-8 of U+0080-U+00FF and of the
			 * combining marks; other letters before punctuation are
			 * ordinary ("là”"). */
			after_lead = cp == 0xC2 || cp == 0xC3 || cp == 0xCC || cp == 0xCD;
			i++;
			continue;
		}
		if (after_lead && (b == 0xC5 || b == 0xC6 || b == 0xCB || b == 0xE2)) {
			uint32_t cp;
			size_t k = vn_utf8_decode(&cp, p + i, n - i);
			if (cp1252_byte(cp) >= 0x80)
				return 1;
			i += k - 1;
		}
		after_lead = 0;
	}
	return 0;
}

int vn__repair_detect(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	if (!s || n == 0 || !suspicious(p, n))
		return VN_ENC_UTF8;
	static const int cands[] = { VN_ENC_DOUBLE_UTF8, VN_ENC_TCVN3, VN_ENC_VNI };
	int best = VN_ENC_UTF8;
	unsigned best_fixed = 0;
	for (size_t e = 0; e < sizeof cands / sizeof *cands; e++) {
		int enc = cands[e];
		rp_stats st = { 0, 0, 0, 0, 0, 0, 0 };
		for (size_t ls = 0; ls < n;) {
			size_t le = line_end(p, n, ls);
			if (line_eligible(p, ls, le))
				analyze_line(enc, p, ls, le, &st);
			ls = le + 1;
		}
		if (accept(enc, &st) && st.fixed > best_fixed) {
			best = enc;
			best_fixed = st.fixed;
		}
	}
	return best;
}

/* ---- conversion ---------------------------------------------------------- */

static int emit(vn_buf *out, vn_buf *offmap, uint32_t cp, size_t off)
{
	char u[4];
	size_t len = vn_utf8_encode(u, cp);
	int rc = vn_buf_append(out, u, len);
	if (rc || !offmap)
		return rc;
	uint32_t o[4];
	for (size_t j = 0; j < len; j++)
		o[j] = (uint32_t)off;
	rc = vn_buf_append(offmap, o, len * sizeof *o);
	if (rc)
		out->len -= len;
	return rc;
}

/* UTF-8 without an offset map: a valid sequence decodes and encodes to the
 * same bytes, so runs of them are copied whole and only an invalid byte
 * becomes U+FFFD, as convert_range would make it (its character-by-character
 * round trip was 2 % of vnindex's instructions). */
static int copy_utf8(const unsigned char *p, size_t ls, size_t le, vn_buf *out)
{
	size_t run = ls;
	for (size_t i = ls; i < le;) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		size_t k = vn_utf8_decode(&cp, p + i, le - i);
		if (k == 1) {
			/* a byte >= 0x80 alone is never valid */
			int rc = vn_buf_append(out, p + run, i - run);
			if (!rc)
				rc = vn_buf_append(out, "\xEF\xBF\xBD", 3);
			if (rc)
				return rc;
			run = i + 1;
		}
		i += k;
	}
	return vn_buf_append(out, p + run, le - run);
}

/* Decodes the double-UTF-8 word p[ws..we) with fill into cps/offs (at most
 * RP_MAXW); returns the count, or 0 when it does not fit. */
static size_t decode_word_filled(const unsigned char *p, size_t ws, size_t we, gap_fill *fill, uint32_t *cps,
				 size_t *offs)
{
	size_t n = 0;
	for (size_t j = ws; j < we;) {
		if (n == RP_MAXW)
			return 0;
		uint32_t c;
		size_t k = decode_at(&c, p, we, j);
		int b = cp1252_byte(c);
		cps[n] = c;
		offs[n] = j;
		if (b >= 0x80)
			k = step_double_utf8(b, k, p, we, j, &cps[n], fill);
		n++;
		j += k;
	}
	return n;
}

static uint32_t lower_vi(uint32_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z' ? c + 32 : c;
	if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
		return c + 32;
	if ((c >= 0x100 && c <= 0x17F) || (c >= 0x1EA0 && c <= 0x1EF9))
		return c | 1;
	if (c == 0x1A0 || c == 0x1AF)
		return c + 1;
	return c;
}

/* 1 small letter, -1 capital, 0 not a letter that has case. */
static int letter_case(uint32_t c)
{
	if (c < 0x80)
		return c >= 'a' && c <= 'z' ? 1 : c >= 'A' && c <= 'Z' ? -1 : 0;
	if (c >= 0xC0 && c <= 0xFE && c != 0xD7 && c != 0xF7 && c != 0xDF)
		return c >= 0xE0 ? 1 : -1;
	if ((c >= 0x100 && c <= 0x17F) || (c >= 0x1EA0 && c <= 0x1EF9))
		return c & 1 ? 1 : -1;
	if (c == 0x1A0 || c == 0x1AF)
		return -1;
	if (c == 0x1A1 || c == 0x1B0)
		return 1;
	return 0;
}

static int word_count_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct vn__word_count *)elem)->word);
}

/* How often the syllable cps[0..n) occurs in news text, when it is one a
 * lost byte makes ambiguous; 0 otherwise. */
static uint32_t lost_byte_word_count(const uint32_t *cps, size_t n)
{
	char w[RP_MAXW * 4 + 1];
	size_t len = 0;
	for (size_t i = 0; i < n; i++)
		len += vn_utf8_encode(w + len, lower_vi(cps[i]));
	w[len] = '\0';
	const struct vn__word_count *hit = bsearch(w, vn__lost_byte_words, vn__lost_byte_words_len,
						   sizeof vn__lost_byte_words[0], word_count_cmp);
	return hit ? hit->count : 0;
}

/* Punctuation that stands beside words and may have lost a byte: the
 * General Punctuation block (”, U+201D, is E2 80 9D). */
static int word_punct(uint32_t c)
{
	return (c >= 0x2010 && c <= 0x2027) || (c < 0x80 && c > ' ' && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z') &&
						   !(c >= '0' && c <= '9'));
}

/* How good a filling of a word's gaps is: 2 when its letters, punctuation
 * around them put aside, make a Vietnamese syllable ("công”"); 1 when every
 * character is a letter Vietnamese writes, a digit or such punctuation
 * (abbreviations: "HĐND", "Đắk"); 0 otherwise. */
static int filled_word_tier(const uint32_t *cps, size_t n)
{
	size_t a = 0, b = n;
	while (a < b && word_punct(cps[a]))
		a++;
	while (b > a && word_punct(cps[b - 1]))
		b--;
	if (a < b && vn__repair_is_syllable(cps + a, b - a))
		return 2;
	for (size_t j = 0; j < n; j++) {
		uint32_t c = cps[j];
		if (!(c < 0x80 ? ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9') || word_punct(c)
			       : word_punct(c) || letter_find(c) != NULL))
			return 0;
	}
	return 1;
}

/* A double-UTF-8 word with lost bytes (lost_bytes): the filling of its one
 * or two gaps that makes it a Vietnamese syllable, emitted; *done = 0 when
 * none does (the caller emits it as it is). Of several: a syllable before
 * letters that are no syllable (filled_word_tier), new letters in the case
 * of the word's other letters ("B?" in capitals is BỐ), the syllable most
 * frequent in news text ("v?" is về, not vọ, vỏ or vờ), and ” over ‐. */
static int emit_filled_word(const unsigned char *p, size_t ws, size_t we, vn_buf *out, vn_buf *offmap,
			    int *done)
{
	uint32_t cps[RP_MAXW];
	size_t offs[RP_MAXW];
	gap_fill probe = { NULL, 0, 0, 0 };
	*done = 0;
	size_t n0 = decode_word_filled(p, ws, we, &probe, cps, offs);
	if (n0 == 0 || probe.gaps == 0 || probe.gaps > 2)
		return 0;
	/* the case of the letters decoded without a gap */
	int lower = 0, upper = 0;
	for (size_t j = 0; j < n0; j++) {
		if (cps[j] >= 0x80 && cp1252_byte(cps[j]) >= 0x80)
			continue;   /* a byte of a sequence left undecoded */
		int lc = letter_case(cps[j]);
		lower |= lc > 0;
		upper |= lc < 0;
	}
	uint32_t best_cps[RP_MAXW];
	size_t best_offs[RP_MAXW], best_n = 0;
	size_t combos = probe.gaps == 1 ? N_LOST : N_LOST * N_LOST;
	long best_score = -1;
	for (size_t c = 0; c < combos; c++) {
		unsigned char bytes[2] = { lost_bytes[c % N_LOST], lost_bytes[c / N_LOST] };
		gap_fill f = { bytes, probe.gaps, 0, 0 };
		size_t n = decode_word_filled(p, ws, we, &f, cps, offs);
		if (n == 0 || f.gaps || f.used != probe.gaps)
			continue;
		int tier = filled_word_tier(cps, n);
		if (!tier)
			continue;
		int case_ok = 1;
		for (size_t j = 0; j < n; j++)
			if (cps[j] >= 0xC0) {
				int lc = letter_case(cps[j]);
				if ((lc > 0 && upper && !lower) || (lc < 0 && lower && j > 0))
					case_ok = 0;
			}
		int closing_quote = 0;
		for (size_t j = 0; j < n; j++)
			closing_quote |= cps[j] == 0x201D;
		long score = ((long)tier << 42) + ((long)case_ok << 41) +
			     ((long)lost_byte_word_count(cps, n) << 1) + closing_quote;
		if (score > best_score) {
			best_score = score;
			best_n = n;
			memcpy(best_cps, cps, n * sizeof *cps);
			memcpy(best_offs, offs, n * sizeof *offs);
		}
	}
	if (best_n == 0)
		return 0;
	for (size_t j = 0; j < best_n; j++) {
		int rc = emit(out, offmap, best_cps[j], best_offs[j]);
		if (rc)
			return rc;
	}
	*done = 1;
	return 0;
}

/* Decodes p[from..to) in enc, character (group) by character, into out. */
static int step_range(int enc, const unsigned char *p, size_t from, size_t to, vn_buf *out, vn_buf *offmap)
{
	for (size_t i = from; i < to;) {
		uint32_t cp;
		size_t k = step(enc, p, to, i, &cp);
		int rc = emit(out, offmap, cp, i);
		if (rc)
			return rc;
		i += k;
	}
	return 0;
}

static int convert_range(int enc, const unsigned char *p, size_t ls, size_t le, vn_buf *out, vn_buf *offmap)
{
	if (enc == VN_ENC_UTF8 && !offmap)
		return copy_utf8(p, ls, le, out);
	if (enc != VN_ENC_DOUBLE_UTF8)
		return step_range(enc, p, ls, le, out, offmap);
	/* word by word, so that a word with lost bytes can be mended; the runs
	 * between words hold no lead byte (those are all word characters) */
	for (size_t i = ls; i < le;) {
		size_t e = i;
		int in_word = -1;
		while (e < le) {
			uint32_t c;
			size_t k = decode_at(&c, p, le, e);
			int w = word_cp(c) || c == 0xFFFD;
			if (in_word < 0)
				in_word = w;
			else if (w != in_word)
				break;
			e += k;
		}
		int rc = 0, done = 0;
		if (in_word)
			rc = emit_filled_word(p, i, e, out, offmap, &done);
		if (!rc && !done)
			rc = step_range(enc, p, i, e, out, offmap);
		if (rc)
			return rc;
		i = e;
	}
	return 0;
}

int vn__repair_convert(const char *s, size_t n, int enc, vn_buf *out, vn_buf *offmap)
{
	if (!out || (!s && n))
		return VN_EINVAL;
	if (enc < VN_ENC_UTF8 || enc > VN_ENC_DOUBLE_UTF8)
		return VN_EINVAL;
	const unsigned char *p = (const unsigned char *)s;
	size_t out0 = out->len, map0 = offmap ? offmap->len : 0;
	int rc = vn_buf_reserve(out, n);
	if (!rc && offmap && n <= SIZE_MAX / 4)
		rc = vn_buf_reserve(offmap, n * 4);
	if (rc)
		return rc;
	if (enc == VN_ENC_UTF8) {
		rc = convert_range(enc, p, 0, n, out, offmap);
	} else {
		for (size_t ls = 0; ls < n && !rc;) {
			size_t le = line_end(p, n, ls);
			int line_enc = VN_ENC_UTF8;
			if (line_eligible(p, ls, le)) {
				rp_stats st = { 0, 0, 0, 0, 0, 0, 0 };
				analyze_line(enc, p, ls, le, &st);
				if (line_improves(&st))
					line_enc = enc;
			}
			rc = convert_range(line_enc, p, ls, le, out, offmap);
			if (!rc && le < n)
				rc = emit(out, offmap, '\n', le);
			ls = le + 1;
		}
	}
	if (rc) {
		/* Leave the buffers as they were on failure. */
		out->len = out0;
		if (out->data)
			out->data[out0] = '\0';
		if (offmap)
			offmap->len = map0;
	}
	return rc;
}

int vn_text_repair(vn_text *t, const char *s, size_t n, vn_buf *out, int *out_enc)
{
	(void)t;
	if (!out || (!s && n))
		return VN_EINVAL;
	vn_buf_clear(out);
	int enc = vn__repair_detect(s, n);
	if (out_enc)
		*out_enc = enc;
	return vn__repair_convert(s, n, enc, out, NULL);
}

int vn__repair_suspicious(const char *s, size_t n)
{
	return s && n ? suspicious((const unsigned char *)s, n) : 0;
}
