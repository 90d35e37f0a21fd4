/*
 * vn_text.c — the text core: Unicode clean-up, syllables and tone placement,
 * tokens and their three forms (vn_text.h). Spec: shared/normalization-facts.md
 * ("facts §N").
 *
 * How the work is split, and why it is fast:
 *  - One scanner walks the (repaired) UTF-8 and turns every grapheme-ish
 *    cluster into a "cell". ASCII is classified by a byte table; the
 *    precomposed Latin letters that Vietnamese uses (U+00C0..U+01B0,
 *    U+1EA0..U+1EF9, Đ/đ) are split into base letter, quality mark, tone and
 *    case by the generated tables in vn_tables.c, and combining marks that
 *    follow them are merged into those slots directly. Because quality and
 *    tone are separate slots, the mark-order trap and the composite form
 *    (facts §1) disappear by construction.
 *  - Everything else (other scripts' combining sequences, compatibility
 *    characters, singletons) goes through utf8proc one cluster at a time, into
 *    scratch buffers held in the vn_text, so nothing is allocated per token.
 *  - Words (runs of letters/digits, with . or , kept between digits) are then
 *    parsed as syllables (facts §2) and the tone is put where the new style
 *    wants it; the three forms are written from the compose table.
 */
#include "vn_text.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "vn_repair.h"
#include "vn_text_test.h"

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

/* Generated tables (vn_tables.c, DO NOT EDIT there). */
extern const uint16_t vn__dec_latin[241];  /* U+00C0..U+01B0 */
extern const uint16_t vn__dec_viet[90];    /* U+1EA0..U+1EF9 */
extern const uint16_t vn__compose[2][26][5][6];

/* Quality and tone slots, as packed in the tables. */
enum { Q_NONE = 0, Q_CIRC = 1, Q_BREVE = 2, Q_HORN = 3, Q_STROKE = 4 };
enum { T_NONE = 0, T_GRAVE = 1, T_ACUTE = 2, T_HOOK = 3, T_TILDE = 4, T_DOT = 5 };

/* Cell kinds inside a word. */
enum {
	K_VL = 0,   /* ASCII letter with optional Vietnamese quality/tone: base/q/tone used */
	K_OL,       /* any other letter or number-like character: cp used */
	K_DIGIT,    /* decimal digit */
	K_MARK,     /* combining mark that did not compose */
	K_INNER,    /* . or , between digits */
	K_IGN       /* default-ignorable (soft hyphen...) kept by CANONICAL only */
};

/* Separator classes (what a non-word character means for the flags). */
enum { S_NONE = 0, S_SPACE, S_NL, S_DOT, S_SENT, S_CLAUSE, S_OTHER };

/* Longest word kept whole; longer runs are cut so that a line without any
 * separator cannot make scratch buffers grow with the input. Far above any
 * real Vietnamese or English word. */
#define VN_WORD_MAX 256
/* Longest word that may be a syllable ("nghiêng" has 7 letters). */
#define VN_SYL_MAX 8
/* Bytes one cell may take in the key form (compatibility decomposition
 * plus case folding of one code point stays far below this). */
#define VN_CELL_KEY_MAX 80

typedef struct cell {
	size_t so, se;     /* source bytes of the cluster in the scanned text */
	uint32_t cp;       /* code point (not for K_VL) */
	uint8_t kind, base, q, tone, upper;
} cell;

/* Word cache. Most words of running text are short runs of ASCII and
 * precomposed letters ending at a plain separator; their forms depend on
 * their bytes only, and a news text uses a few thousand distinct ones, so
 * the forms are looked up by the raw bytes instead of being recomputed.
 * An entry is one 64-byte cache line (the table is bigger than L2, and a
 * lookup is then one memory access): the word zero-padded to WC_RAW bytes
 * as the tag, and its forms packed CANONICAL|exact|tonefree|key; words whose
 * forms do not fit go the general way each time. Two-way set-associative.
 * Copies out of an entry move WC_FORM bytes at once, so the table has one
 * spare entry at its end to read into. */
#define WC_RAW 16
#define WC_FORM 20
#define WC_DATA 43
#define WC_SETS 8192
/* A new handle starts with a small table that grows (x4, contents dropped)
 * between scans once it has missed more words than it holds: a short-lived
 * user (one CGI request: a query and ten snippets) touches a few pages, a
 * long run (the indexer) reaches WC_SETS within its first documents. */
#define WC_SETS_FIRST 128
#define WC_SAME 0x80        /* in wcent.flags: CANONICAL is the word's own bytes */
typedef struct wcent {
	uint64_t raw[2];    /* the tag; an empty entry matches no word */
	uint8_t cnl, exl, tfl, kyl;
	uint8_t flags;      /* word-intrinsic VN_TOK_* (not SENTENCE/CLAUSE) */
	char d[WC_DATA];    /* cn | ex | tf | ky */
} wcent;

struct vn_text {
	struct sb_stemmer *stemmer; /* NULL for Vietnamese */
	int reference;              /* tests: general path only (vn_text_test.h) */
	wcent *cache;               /* (cache_mask + 1) * 2 (+ 1 spare) entries, 64-aligned */
	void *cache_mem;            /* cache's allocation (freed) */
	size_t cache_mask;          /* sets - 1 */
	size_t cache_fills;         /* misses since the table was made */
	cell word[VN_WORD_MAX];
	size_t wn;
	char cn[VN_WORD_MAX * 4 + 8];
	char ex[VN_WORD_MAX * 4 + 8];
	char tf[VN_WORD_MAX * 4 + 8];
	char ky[VN_WORD_MAX * VN_CELL_KEY_MAX + 8];
	vn_buf rep;        /* repaired text */
	vn_buf offmap;     /* uint32_t per repaired byte → input offset */
	vn_buf clu;        /* one slow cluster re-encoded as clean UTF-8 */
	utf8proc_int32_t *u32;
	size_t u32cap;
	vn_buf tmp;        /* internal (vn_text_is_syllable, telex) */
};

/* ---- character classes --------------------------------------------------- */

/* ASCII: 0 = letter/digit handled by the caller, else S_* for separators. */
static const uint8_t ascii_sep[128] = {
	S_OTHER, S_OTHER, S_OTHER, S_OTHER, S_OTHER, S_OTHER, S_OTHER, S_OTHER,
	S_OTHER, S_SPACE, S_NL, S_SPACE, S_SPACE, S_NL, S_OTHER, S_OTHER,
	S_OTHER, S_OTHER, S_OTHER, S_OTHER, S_OTHER, S_OTHER, S_OTHER, S_OTHER,
	S_OTHER, S_OTHER, S_OTHER, S_OTHER, S_OTHER, S_OTHER, S_OTHER, S_OTHER,
	/* space ! " # $ % & ' ( ) * + , - . / */
	S_SPACE, S_SENT, S_CLAUSE, S_OTHER, S_OTHER, S_OTHER, S_OTHER, S_OTHER,
	S_CLAUSE, S_CLAUSE, S_OTHER, S_OTHER, S_CLAUSE, S_OTHER, S_DOT, S_OTHER,
	/* 0-9 : ; < = > ? */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, S_CLAUSE, S_CLAUSE, S_OTHER, S_OTHER, S_OTHER, S_SENT,
	/* @ A-O */
	S_OTHER, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	/* P-Z [ \ ] ^ _ */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, S_CLAUSE, S_OTHER, S_CLAUSE, S_OTHER, S_OTHER,
	/* ` a-o */
	S_OTHER, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	/* p-z { | } ~ DEL */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, S_CLAUSE, S_OTHER, S_CLAUSE, S_OTHER, S_OTHER,
};

/* Packed letter (base | q<<5 | tone<<8 | upper<<11) or 0. */
static inline unsigned letter_of(uint32_t cp)
{
	if (cp < 0x80) {
		if (cp >= 'a' && cp <= 'z')
			return cp - 'a' + 1;
		if (cp >= 'A' && cp <= 'Z')
			return (cp - 'A' + 1) | 0x800u;
		return 0;
	}
	if (cp >= 0xC0 && cp <= 0x1B0)
		return vn__dec_latin[cp - 0xC0];
	if (cp >= 0x1EA0 && cp <= 0x1EF9)
		return vn__dec_viet[cp - 0x1EA0];
	return 0;
}

static inline uint32_t compose(unsigned upper, unsigned base, unsigned q, unsigned tone)
{
	return vn__compose[upper][base - 1][q][tone];
}

/* Vietnamese combining marks → quality / tone slot (0 when not one). */
static inline unsigned mark_quality(uint32_t d)
{
	switch (d) {
	case 0x302: return Q_CIRC;
	case 0x306: return Q_BREVE;
	case 0x31B: return Q_HORN;
	default: return 0;
	}
}

static inline unsigned mark_tone(uint32_t d)
{
	switch (d) {
	case 0x300: case 0x340: return T_GRAVE; /* U+0340/1 are canonical equivalents (facts §1) */
	case 0x301: case 0x341: return T_ACUTE;
	case 0x309: return T_HOOK;
	case 0x303: return T_TILDE;
	case 0x323: return T_DOT;
	default: return 0;
	}
}

/* A code point that NFC may merge into the cluster before it: a non-zero
 * combining class, a starter that composes as a second element (Indic vowel
 * signs: utf8proc marks those with comb_index >= 0x8000), or Hangul V/T. */
static int is_joiner(uint32_t d)
{
	if (d < 0x300 || letter_of(d))
		return 0;
	if ((d >= 0x1161 && d <= 0x1175) || (d >= 0x11A8 && d <= 0x11C2))
		return 1;
	const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)d);
	return p->combining_class != 0 || (p->comb_index != UINT16_MAX && p->comb_index >= 0x8000);
}

static inline size_t decode(uint32_t *cp, const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c < 0xE0 && n >= 2 && (s[1] & 0xC0) == 0x80) {
		*cp = ((c & 0x1Fu) << 6) | (s[1] & 0x3Fu);
		return 2;
	}
	if (c > 0xE0 && c < 0xED && n >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
		*cp = ((c & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
		return 3;
	}
	return vn_utf8_decode(cp, s, n);
}

/* Separator class of a non-ASCII code point that is not a word character,
 * or 0 when it is one (its cell kind goes to *kind). */
static unsigned classify(uint32_t cp, unsigned *kind, unsigned *upper)
{
	*upper = 0;
	switch (cp) {
	case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
		return S_SPACE; /* zero-width characters separate words (facts, conventions) */
	case 0x85: case 0x2028: case 0x2029:
		return S_NL;
	case 0x2026: case 0x3002: case 0xFF01: case 0xFF1F: case 0xFF0E:
		return S_SENT;
	case 0x2013: case 0x2014: case 0x201C: case 0x201D: case 0x201E: case 0x00AB:
	case 0x00BB: case 0xFF0C: case 0xFF1B: case 0xFF1A: case 0xFF08: case 0xFF09:
	case 0x3001:
		return S_CLAUSE;
	default:
		break;
	}
	const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)cp);
	switch (p->category) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LT:
		*upper = 1;
		/* fall through */
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		*kind = K_OL;
		return 0;
	case UTF8PROC_CATEGORY_ND:
		*kind = K_DIGIT;
		return 0;
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		*kind = K_MARK;
		return 0;
	case UTF8PROC_CATEGORY_ZS:
		return S_SPACE;
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
		return S_NL;
	case UTF8PROC_CATEGORY_CF:
		*kind = K_IGN;
		return 0;
	case UTF8PROC_CATEGORY_PS:
	case UTF8PROC_CATEGORY_PE:
		return S_CLAUSE;
	default:
		return S_OTHER;
	}
}

/* ---- syllables (facts §2) ------------------------------------------------- */

/* Vowel codes. */
enum { V_A = 1, V_AW, V_AA, V_E, V_EE, V_I, V_O, V_OO, V_OW, V_U, V_UW, V_Y };

/* Vowel code of a letter, 0 for a consonant, -1 for a letter that cannot
 * appear in a Vietnamese syllable (a quality mark on the wrong letter, a
 * tone on a consonant). */
static const int8_t vowel_tab[27][5] = {
	/* quality: none, circumflex, breve, horn, stroke */
	[1] = { V_A, V_AA, V_AW, -1, -1 },
	[2] = { 0, -1, -1, -1, -1 }, [3] = { 0, -1, -1, -1, -1 },
	[4] = { 0, -1, -1, -1, 0 },                     /* d, đ */
	[5] = { V_E, V_EE, -1, -1, -1 },
	[6] = { 0, -1, -1, -1, -1 }, [7] = { 0, -1, -1, -1, -1 }, [8] = { 0, -1, -1, -1, -1 },
	[9] = { V_I, -1, -1, -1, -1 },
	[10] = { 0, -1, -1, -1, -1 }, [11] = { 0, -1, -1, -1, -1 }, [12] = { 0, -1, -1, -1, -1 },
	[13] = { 0, -1, -1, -1, -1 }, [14] = { 0, -1, -1, -1, -1 },
	[15] = { V_O, V_OO, -1, V_OW, -1 },
	[16] = { 0, -1, -1, -1, -1 }, [17] = { 0, -1, -1, -1, -1 }, [18] = { 0, -1, -1, -1, -1 },
	[19] = { 0, -1, -1, -1, -1 }, [20] = { 0, -1, -1, -1, -1 },
	[21] = { V_U, -1, -1, V_UW, -1 },
	[22] = { 0, -1, -1, -1, -1 }, [23] = { 0, -1, -1, -1, -1 }, [24] = { 0, -1, -1, -1, -1 },
	[25] = { V_Y, -1, -1, -1, -1 },
	[26] = { 0, -1, -1, -1, -1 },
};

static inline int vowel_code(unsigned base, unsigned q, unsigned tone)
{
	int v = vowel_tab[base][q];
	return (v == 0 && tone) ? -1 : v;
}

/* Nucleus table: index n1 | n2 << 4 | n3 << 8; entry = final rule (bits 0-1:
 * 1 no final, 2 optional, 3 required) | tone index without a final << 2 |
 * tone index with a final << 4. Tone indices follow facts §2 rules 1-5 in the
 * new style (oa, oe, uy without a final put it on the second vowel). */
#define N1(a) (a)
#define N2(a, b) ((a) | ((b) << 4))
#define N3(a, b, c) ((a) | ((b) << 4) | ((c) << 8))
#define NO_F(p) (1 | ((p) << 2))
#define OPT_F(p, pc) (2 | ((p) << 2) | ((pc) << 4))
#define REQ_F(pc) (3 | ((pc) << 4))
static const uint8_t nucleus_tab[4096] = {
	[N1(V_A)] = OPT_F(0, 0), [N1(V_AW)] = REQ_F(0), [N1(V_AA)] = REQ_F(0),
	[N1(V_E)] = OPT_F(0, 0), [N1(V_EE)] = OPT_F(0, 0), [N1(V_I)] = OPT_F(0, 0),
	[N1(V_O)] = OPT_F(0, 0), [N1(V_OO)] = OPT_F(0, 0), [N1(V_OW)] = OPT_F(0, 0),
	[N1(V_U)] = OPT_F(0, 0), [N1(V_UW)] = OPT_F(0, 0), [N1(V_Y)] = OPT_F(0, 0),
	[N2(V_A, V_I)] = NO_F(0), [N2(V_A, V_O)] = NO_F(0), [N2(V_A, V_U)] = NO_F(0),
	[N2(V_A, V_Y)] = NO_F(0), [N2(V_AA, V_U)] = NO_F(0), [N2(V_AA, V_Y)] = NO_F(0),
	[N2(V_E, V_O)] = NO_F(0), [N2(V_EE, V_U)] = NO_F(0), [N2(V_I, V_A)] = NO_F(0),
	[N2(V_I, V_EE)] = REQ_F(1), [N2(V_I, V_U)] = NO_F(0),
	[N2(V_O, V_A)] = OPT_F(1, 1), [N2(V_O, V_AW)] = REQ_F(1), [N2(V_O, V_E)] = OPT_F(1, 1),
	[N2(V_O, V_I)] = NO_F(0), [N2(V_OO, V_I)] = NO_F(0), [N2(V_OW, V_I)] = NO_F(0),
	[N2(V_O, V_O)] = REQ_F(1),
	[N2(V_U, V_A)] = NO_F(0), [N2(V_U, V_AA)] = REQ_F(1), [N2(V_U, V_EE)] = OPT_F(1, 1),
	[N2(V_U, V_I)] = NO_F(0), [N2(V_U, V_OO)] = REQ_F(1), [N2(V_U, V_OW)] = NO_F(1),
	[N2(V_U, V_Y)] = OPT_F(1, 1),
	[N2(V_UW, V_A)] = NO_F(0), [N2(V_UW, V_I)] = NO_F(0), [N2(V_UW, V_U)] = NO_F(0),
	[N2(V_UW, V_OW)] = REQ_F(1), [N2(V_Y, V_EE)] = REQ_F(1),
	[N3(V_I, V_EE, V_U)] = NO_F(1), [N3(V_O, V_A, V_I)] = NO_F(1),
	[N3(V_O, V_A, V_O)] = NO_F(1), [N3(V_O, V_A, V_Y)] = NO_F(1),
	[N3(V_O, V_E, V_O)] = NO_F(1), [N3(V_U, V_AA, V_Y)] = NO_F(1),
	[N3(V_U, V_OO, V_I)] = NO_F(1), [N3(V_U, V_Y, V_A)] = NO_F(1),
	[N3(V_U, V_Y, V_EE)] = REQ_F(2), [N3(V_U, V_Y, V_U)] = NO_F(1),
	[N3(V_UW, V_OW, V_I)] = NO_F(1), [N3(V_UW, V_OW, V_U)] = NO_F(1),
	[N3(V_Y, V_EE, V_U)] = NO_F(1),
};

/* Initial consonants (facts §2), spelled with base letters, 'D' for đ:
 * b c ch d đ g gh h k kh l m n ng ngh nh p ph r s t th tr v x (qu and gi
 * are handled by the parser). */
static int initial_ok(const char *c, size_t n)
{
	switch (n) {
	case 1:
		return c[0] == 'D' || (c[0] >= 'a' && c[0] <= 'z' &&
				       ((1u << (c[0] - 'a')) & 0xAEBCCEu)); /* b c d g h k l m n p r s t v x */
	case 2:
		if (c[1] == 'h')
			return c[0] == 'c' || c[0] == 'g' || c[0] == 'k' || c[0] == 'n' || c[0] == 'p' ||
			       c[0] == 't';
		return (c[0] == 't' && c[1] == 'r') || (c[0] == 'n' && c[1] == 'g');
	case 3:
		return c[0] == 'n' && c[1] == 'g' && c[2] == 'h';
	default:
		return 0;
	}
}

/* 0 invalid, 1 plain final, 2 stop final (c ch p t: only sắc/nặng). */
static int final_kind(const char *c, size_t n)
{
	if (n == 1)
		return (c[0] == 'c' || c[0] == 'p' || c[0] == 't') ? 2 : (c[0] == 'm' || c[0] == 'n');
	if (n == 2 && (c[0] == 'c' || c[0] == 'n') && (c[1] == 'h' || c[1] == 'g'))
		return c[0] == 'c' ? (c[1] == 'h' ? 2 : 0) : 1;
	return 0;
}

/* Parse letters (base/q/tone arrays of m ≤ VN_SYL_MAX) as one syllable.
 * On success stores the syllable's tone and the index of the letter that
 * carries it in the new style, and returns 1. The tone may sit on any vowel
 * of the input (qúy, gìa, thủơ, nghịêm): a syllable has one tone. */
static int parse_syllable(const uint8_t *base, const uint8_t *q, const uint8_t *tone, size_t m,
			  unsigned *out_tone, size_t *out_pos)
{
	if (m == 0 || m > VN_SYL_MAX)
		return 0;
	int vc[VN_SYL_MAX];
	char cons[VN_SYL_MAX];
	unsigned tn = 0;
	for (size_t i = 0; i < m; i++) {
		vc[i] = vowel_code(base[i], q[i], tone[i]);
		if (vc[i] < 0)
			return 0;
		if (tone[i]) {
			if (tn)
				return 0;
			tn = tone[i];
		}
		cons[i] = (base[i] == 'd' - 'a' + 1 && q[i] == Q_STROKE) ? 'D' : (char)('a' + base[i] - 1);
	}
	size_t i = 0;
	while (i < m && vc[i] == 0)
		i++;
	size_t nuc = i;
	if (i == 1 && cons[0] == 'q') {
		/* qu is the initial: quý, quốc (facts §2) */
		if (i + 1 >= m || vc[i] != V_U)
			return 0;
		nuc = i + 1;
	} else if (i == 1 && cons[0] == 'g' && vc[1] == V_I && m > 2 && vc[2] > 0) {
		nuc = 2; /* gi + vowel: già, giường; gì, gìn keep i as nucleus */
	} else if (i > 0 && !initial_ok(cons, i)) {
		return 0;
	}
	size_t e = nuc;
	while (e < m && vc[e] > 0)
		e++;
	size_t nv = e - nuc;
	if (nv == 0 || nv > 3)
		return 0;
	unsigned key = (unsigned)vc[nuc];
	if (nv > 1)
		key |= (unsigned)vc[nuc + 1] << 4;
	if (nv > 2)
		key |= (unsigned)vc[nuc + 2] << 8;
	unsigned ent = nucleus_tab[key];
	if (!ent)
		return 0;
	size_t nf = m - e;
	int fk = 0;
	if (nf) {
		for (size_t j = e; j < m; j++)
			if (vc[j] != 0)
				return 0;
		fk = final_kind(cons + e, nf);
		if (!fk || (ent & 3) == 1)
			return 0;
		if (fk == 2 && tn != T_NONE && tn != T_ACUTE && tn != T_DOT)
			return 0;
	} else if ((ent & 3) == 3) {
		return 0;
	}
	*out_tone = tn;
	*out_pos = nuc + (nf ? (ent >> 4) & 3 : (ent >> 2) & 3);
	return 1;
}

/* ---- lifecycle ----------------------------------------------------------- */

static int lang_is_vi(const char *lang)
{
	return !lang || !*lang || !strcasecmp(lang, "vi") || !strcasecmp(lang, "vie") ||
	       !strcasecmp(lang, "vietnamese");
}

int vn_text_set_lang(vn_text *t, const char *lang, vn_error *err)
{
	if (!t)
		return vn_error_set(err, VN_EINVAL, "vn_text_set_lang: no handle");
	struct sb_stemmer *st = NULL;
	if (!lang_is_vi(lang)) {
		char low[32];
		size_t n = strlen(lang);
		if (n >= sizeof low)
			return vn_error_set(err, VN_EINVAL, "unknown language");
		for (size_t i = 0; i <= n; i++)
			low[i] = (char)((lang[i] >= 'A' && lang[i] <= 'Z') ? lang[i] + 32 : lang[i]);
		st = sb_stemmer_new(low, "UTF_8");
		if (!st)
			return vn_error_set(err, VN_EINVAL, "unknown language \"%s\"", low);
	}
	if (t->stemmer)
		sb_stemmer_delete(t->stemmer);
	t->stemmer = st;
	return 0;
}

/* A zeroed table of `sets` sets in place of the current one. calloc, not
 * aligned_alloc + memset: a big block is mapped fresh and already zero, so
 * a page costs something only when a word lands in it. */
static int cache_make(vn_text *t, size_t sets)
{
	void *mem = calloc(1, (sets * 2 + 1) * sizeof(wcent) + 63);
	if (!mem)
		return VN_ENOMEM;
	free(t->cache_mem);
	t->cache_mem = mem;
	t->cache = (wcent *)(((uintptr_t)mem + 63) & ~(uintptr_t)63);
	t->cache_mask = sets - 1;
	t->cache_fills = 0;
	return 0;
}

int vn_text_new(vn_text **out, const char *lang, vn_error *err)
{
	if (!out)
		return vn_error_set(err, VN_EINVAL, "vn_text_new: no output pointer");
	*out = NULL;
	vn_text *t = calloc(1, sizeof *t);
	if (!t || cache_make(t, WC_SETS_FIRST) != 0) {
		free(t);
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	}
	int rc = vn_text_set_lang(t, lang, err);
	if (rc) {
		free(t->cache_mem);
		free(t);
		return rc;
	}
	*out = t;
	return 0;
}

void vn_text_free(vn_text *t)
{
	if (!t)
		return;
	if (t->stemmer)
		sb_stemmer_delete(t->stemmer);
	vn_buf_free(&t->rep);
	vn_buf_free(&t->offmap);
	vn_buf_free(&t->clu);
	vn_buf_free(&t->tmp);
	free(t->u32);
	free(t->cache_mem);
	free(t);
}

/* ---- the scanner ---------------------------------------------------------- */

/* A simple word found ahead: where, and its cache tag and set. */
#define LOOKAHEAD 32
typedef struct wrec {
	size_t start, len;
	uint64_t x[2];
	wcent *set;
} wrec;

typedef struct scan scan;
struct scan {
	vn_text *t;
	vn_buf *canon;      /* CANONICAL output, or NULL */
	vn_buf *key;        /* KEY output, or NULL */
	unsigned pend;      /* flags for the next word */
	int dot;            /* a '.' was seen; a following space makes it a sentence end */
	/* tokenize */
	const uint32_t *map; /* offmap of repaired text, or NULL */
	size_t map_len, in_len;
	size_t scan_len;     /* length of the text being scanned */
	wrec rec[LOOKAHEAD]; /* simple words found ahead (look_ahead) */
	/* CANONICAL: scanned bytes [lz_from, lz_to) that come out unchanged
	 * and are copied in one go when something else is written */
	const unsigned char *text;
	size_t lz_from, lz_to;
	size_t rn, ri, ahead;
	uint32_t pos;
	vn_token_fn fn;
	void *payload;
	int plain;          /* tokens only: no CANONICAL, KEY, stemmer or offset map */
	size_t ntok;
	unsigned last_flags;
};

static int do_word(scan *sc);
static inline int cached_word(scan *sc, const unsigned char *s, size_t n, size_t at, const wrec *r);
static inline void raw_load(uint64_t x[2], const unsigned char *s, size_t n, size_t avail);

/* Room for k more bytes and the terminator. Outputs are written in place
 * without terminating each piece; vn_text_normalize terminates them once. */
static inline int room(vn_buf *b, size_t k)
{
	return b->cap - b->len > k ? 0 : vn_buf_reserve(b, k);
}

static inline char *put_utf8(char *p, uint32_t cp);

static int put_cp(vn_buf *b, uint32_t cp)
{
	int rc = room(b, 4);
	if (rc)
		return rc;
	b->len = (size_t)(put_utf8(b->data + b->len, cp) - b->data);
	return 0;
}

static int lazy_flush(scan *sc)
{
	if (sc->lz_to == sc->lz_from)
		return 0;
	vn_buf *b = sc->canon;
	size_t k = sc->lz_to - sc->lz_from;
	int rc = room(b, k);
	if (rc)
		return rc;
	memcpy(b->data + b->len, sc->text + sc->lz_from, k);
	b->len += k;
	sc->lz_from = sc->lz_to;
	return 0;
}

/* s[from, to) comes out of CANONICAL unchanged. */
static inline int lazy_add(scan *sc, size_t from, size_t to)
{
	if (sc->lz_to != from) {
		int rc = lazy_flush(sc);
		if (rc)
			return rc;
		sc->lz_from = from;
	}
	sc->lz_to = to;
	return 0;
}

/* Something else is written to CANONICAL: what was unchanged goes first. */
static inline int canon_put_cp(scan *sc, uint32_t cp)
{
	int rc = lazy_flush(sc);
	return rc ? rc : put_cp(sc->canon, cp);
}

static int end_word(scan *sc)
{
	if (!sc->t->wn)
		return 0;
	int rc = do_word(sc);
	sc->t->wn = 0;
	return rc;
}

static int sep(scan *sc, unsigned cls, uint32_t cp)
{
	int rc = end_word(sc);
	if (rc)
		return rc;
	switch (cls) {
	case S_SPACE:
		if (sc->dot)
			sc->pend |= VN_TOK_SENTENCE;
		sc->dot = 0;
		break;
	case S_NL:
	case S_SENT:
		sc->pend |= VN_TOK_SENTENCE;
		break;
	case S_DOT:
		sc->dot = 1;
		break;
	case S_CLAUSE:
		sc->pend |= VN_TOK_CLAUSE;
		break;
	default:
		break;
	}
	if (sc->canon)
		return canon_put_cp(sc, cp);
	return 0;
}

/* Append one cell to the word (starting a word when none is open). */
static inline int add_cell(scan *sc, const cell *c)
{
	vn_text *t = sc->t;
	if (t->wn == 0) {
		if (c->kind == K_MARK || c->kind == K_IGN) {
			/* a mark or ignorable with no word to attach to separates */
			if (sc->canon)
				return canon_put_cp(sc, c->cp);
			return 0;
		}
		if (sc->pend & VN_TOK_SENTENCE)
			sc->pend |= VN_TOK_CLAUSE;
		sc->last_flags = sc->pend;
		sc->pend = 0;
		sc->dot = 0;
	} else if (t->wn == VN_WORD_MAX) {
		int rc = end_word(sc);
		if (rc)
			return rc;
		sc->last_flags = 0;
	}
	t->word[t->wn++] = *c;
	return 0;
}

static int emit_cp(scan *sc, uint32_t cp, size_t so, size_t se)
{
	cell c;
	c.so = so;
	c.se = se;
	c.cp = cp;
	unsigned pk = letter_of(cp);
	if (pk) {
		c.kind = K_VL;
		c.base = pk & 31;
		c.q = (pk >> 5) & 7;
		c.tone = (pk >> 8) & 7;
		c.upper = (pk >> 11) & 1;
		return add_cell(sc, &c);
	}
	if (cp < 0x80) {
		if (cp >= '0' && cp <= '9') {
			c.kind = K_DIGIT;
			c.upper = 0;
			return add_cell(sc, &c);
		}
		return sep(sc, ascii_sep[cp], cp);
	}
	unsigned kind = 0, upper = 0;
	unsigned cls = classify(cp, &kind, &upper);
	if (cls)
		return sep(sc, cls, cp);
	c.kind = (uint8_t)kind;
	c.upper = (uint8_t)upper;
	c.base = c.q = c.tone = 0;
	return add_cell(sc, &c);
}

/* Normalise the cluster s[i..e) with utf8proc (NFC; compatibility folding
 * happens per cell when the forms are written): canonical decomposition, quality marks moved before tone marks among the marks of
 * class 230 (facts §1: NFC keeps é+U+0302 otherwise), then composition. */
static int slow_cluster(scan *sc, const unsigned char *s, size_t i, size_t e)
{
	vn_text *t = sc->t;
	vn_buf_clear(&t->clu);
	for (size_t k = i; k < e;) {
		uint32_t cp;
		k += decode(&cp, s + k, e - k);
		int rc = put_cp(&t->clu, cp);
		if (rc)
			return rc;
	}
	utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_DECOMPOSE;
	utf8proc_ssize_t r;
	for (;;) {
		r = utf8proc_decompose((const utf8proc_uint8_t *)t->clu.data, (utf8proc_ssize_t)t->clu.len,
				       t->u32, (utf8proc_ssize_t)t->u32cap, opt);
		if (r < 0)
			return VN_EINTERNAL;
		if ((size_t)r <= t->u32cap)
			break;
		size_t cap = (size_t)r + 16;
		if (cap > SIZE_MAX / sizeof *t->u32)
			return VN_ENOMEM;
		utf8proc_int32_t *nb = realloc(t->u32, cap * sizeof *nb);
		if (!nb)
			return VN_ENOMEM;
		t->u32 = nb;
		t->u32cap = cap;
	}
	utf8proc_int32_t *b = t->u32;
	for (utf8proc_ssize_t k = 0; k < r;) {
		if (utf8proc_get_property(b[k])->combining_class != 230) {
			k++;
			continue;
		}
		utf8proc_ssize_t j = k;
		while (j < r && utf8proc_get_property(b[j])->combining_class == 230)
			j++;
		/* stable partition of b[k..j): quality marks first */
		for (utf8proc_ssize_t a = k + 1; a < j; a++) {
			if (!mark_quality((uint32_t)b[a]))
				continue;
			utf8proc_int32_t v = b[a];
			utf8proc_ssize_t z = a;
			while (z > k && !mark_quality((uint32_t)b[z - 1])) {
				b[z] = b[z - 1];
				z--;
			}
			b[z] = v;
		}
		k = j;
	}
	r = utf8proc_normalize_utf32(b, r, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (r < 0)
		return VN_EINTERNAL;
	for (utf8proc_ssize_t k = 0; k < r; k++) {
		int rc = emit_cp(sc, (uint32_t)b[k], i, e);
		if (rc)
			return rc;
	}
	return 0;
}

/* Length of the simple word at s[i..n), or 0: a run of up to WC_RAW
 * bytes of ASCII letters/digits and letters of the tables (no marks
 * following), ending at a plain separator: ASCII other than a . or , inside
 * a number, NBSP, or U+2000..U+200D / U+2010..U+2027 (spaces, dashes,
 * quotes, …). Its forms depend on its bytes only. */
static inline size_t simple_len_ref(const unsigned char *s, size_t n, size_t i)
{
	size_t j = i;
	size_t lim = n - i > WC_RAW ? i + WC_RAW + 1 : n;
	while (j < lim) {
		unsigned b = s[j];
		if (b < 0x80) {
			if (ascii_sep[b])
				break;
			j++;
			continue;
		}
		/* U+00C0..U+01B0 (leads C3..C6) and U+1EA0..U+1EF9 (E1 BA/BB):
		 * the second/third byte indexes the letter tables directly */
		if (b - 0xC3u <= 3u && j + 1 < n && (s[j + 1] & 0xC0) == 0x80) {
			unsigned idx = ((b - 0xC3u) << 6) | (s[j + 1] & 0x3Fu);
			if (idx >= 241 || !vn__dec_latin[idx])
				break;
			j += 2;
			continue;
		}
		if (b == 0xE1 && j + 2 < n && s[j + 1] - 0xBAu <= 1u && (s[j + 2] & 0xC0) == 0x80) {
			unsigned idx = (((s[j + 1] - 0xBAu) << 6) | (s[j + 2] & 0x3Fu)) - 0x20u;
			if (idx >= 90 || !vn__dec_viet[idx])
				break;
			j += 3;
			continue;
		}
		break;
	}
	if (j == i || j - i > WC_RAW)
		return 0;
	if (j < n) {
		unsigned b = s[j];
		if (b < 0x80) {
			if ((b == '.' || b == ',') && s[j - 1] <= '9' && j + 1 < n && s[j + 1] >= '0' &&
			    s[j + 1] <= '9')
				return 0;
		} else if (b == 0xC2) {
			if (!(j + 1 < n && s[j + 1] == 0xA0))
				return 0;
		} else if (b == 0xE2) {
			if (!(j + 2 < n && s[j + 1] == 0x80 &&
			      ((s[j + 2] >= 0x80 && s[j + 2] <= 0x8D) || (s[j + 2] >= 0x90 && s[j + 2] <= 0xA7))))
				return 0;
		} else {
			return 0;
		}
	}
	return j - i;
}

/* The same answer as simple_len_ref, 16 bytes at a time: one SSE2 load
 * classifies ASCII word bytes, separators and non-ASCII bytes; only the
 * non-ASCII letters are checked one by one against the tables. Needs 16
 * readable bytes at s + i; elsewhere (and without SSE2) the reference. */
#if defined(__SSE2__)
/* len_mask[k]: the first k bytes of 16 */
static const unsigned char len_mask[17][16] __attribute__((aligned(16))) = {
#define LM(k) { [0 ... (k) - 1] = 0xFF }
	{ 0 }, LM(1), LM(2), LM(3), LM(4), LM(5), LM(6), LM(7), LM(8), LM(9), LM(10), LM(11), LM(12),
	LM(13), LM(14), LM(15), LM(16),
#undef LM
};
#endif

static inline void raw_load(uint64_t x[2], const unsigned char *s, size_t n, size_t avail);

/* Also stores the word's cache tag (raw_load) in x when it returns > 0,
 * and in *skip how many ASCII separators follow the word (at least the
 * ones the scan saw; 0 when unknown). */
static inline size_t simple_scan(const unsigned char *s, size_t n, size_t i, uint64_t x[2], size_t *skip)
{
#if defined(__SSE2__)
	if (likely(n - i >= 17)) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i low = _mm_or_si128(v, _mm_set1_epi8(0x20));
		__m128i dig = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
					    _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
		__m128i let = _mm_and_si128(_mm_cmpgt_epi8(low, _mm_set1_epi8('a' - 1)),
					    _mm_cmplt_epi8(low, _mm_set1_epi8('z' + 1)));
		unsigned hi = (unsigned)_mm_movemask_epi8(v);
		unsigned word = (unsigned)_mm_movemask_epi8(_mm_or_si128(dig, let));
		unsigned stop = ~(word | hi) & 0xFFFFu;
		if (unlikely(!stop))
			goto general; /* 16 bytes or more without a separator */
		size_t e = (size_t)__builtin_ctz(stop); /* first ASCII separator */
		/* letters of the tables before it; another character ends the run */
		unsigned todo = hi & ((1u << e) - 1);
		while (todo) {
			size_t j = (size_t)__builtin_ctz(todo);
			unsigned b = s[i + j];
			if (b - 0xC3u <= 3u && (s[i + j + 1] & 0xC0) == 0x80) {
				unsigned idx = ((b - 0xC3u) << 6) | (s[i + j + 1] & 0x3Fu);
				if (idx >= 241 || !vn__dec_latin[idx]) {
					e = j;
					break;
				}
				todo &= ~(3u << j);
				continue;
			}
			if (b == 0xE1 && s[i + j + 1] - 0xBAu <= 1u && (s[i + j + 2] & 0xC0) == 0x80) {
				unsigned idx = (((s[i + j + 1] - 0xBAu) << 6) | (s[i + j + 2] & 0x3Fu)) - 0x20u;
				if (idx >= 90 || !vn__dec_viet[idx]) {
					e = j;
					break;
				}
				todo &= ~(7u << j);
				continue;
			}
			e = j;
			break;
		}
		if (e == 0)
			return 0;
		/* the run of separators after the word, inside the 16 bytes */
		*skip = (hi >> e) & 1 ? 0 : (size_t)__builtin_ctz(~(stop >> e));
		size_t j = i + e;
		unsigned b = s[j];
		if (b < 0x80) {
			if ((b == '.' || b == ',') && s[j - 1] <= '9' && s[j + 1] >= '0' && s[j + 1] <= '9')
				return 0;
		} else if (b == 0xC2) {
			if (s[j + 1] != 0xA0)
				return 0;
		} else if (b == 0xE2) {
			if (!(s[j + 1] == 0x80 &&
			      ((s[j + 2] >= 0x80 && s[j + 2] <= 0x8D) || (s[j + 2] >= 0x90 && s[j + 2] <= 0xA7))))
				return 0;
		} else {
			return 0;
		}
		__m128i m = _mm_and_si128(v, _mm_load_si128((const __m128i *)(const void *)len_mask[e]));
		x[0] = (uint64_t)_mm_cvtsi128_si64(m);
		x[1] = (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(m, m));
		return e;
	}
	general:;
#endif
	size_t len = simple_len_ref(s, n, i);
	if (len)
		raw_load(x, s + i, len, n - i);
	*skip = 0;
	return len;
}

static inline size_t simple_len(const unsigned char *s, size_t n, size_t i)
{
	uint64_t x[2];
	size_t skip;
	return simple_scan(s, n, i, x, &skip);
}

/* The cache record of the simple word s[i..i+len) with tag x. */
static inline void word_rec(scan *sc, wrec *r, size_t i, size_t len, const uint64_t x[2])
{
	r->start = i;
	r->len = len;
	r->x[0] = x[0];
	r->x[1] = x[1];
	uint64_t h = (x[0] * 0x9E3779B97F4A7C15ull) ^ (x[1] * 0xC2B2AE3D27D4EB4Full);
	r->set = &sc->t->cache[((h >> 40) & sc->t->cache_mask) * 2];
}

/* Find the next LOOKAHEAD simple words from `from` on, hash them and
 * prefetch their cache sets. A record is used only where the scanner
 * itself starts a word at the same offset, so where the look-ahead
 * segments differently nothing changes but speed. */
static void look_ahead(scan *sc, const unsigned char *s, size_t n, size_t from)
{
	size_t i = from;
	sc->rn = sc->ri = 0;
	while (i < n && sc->rn < LOOKAHEAD) {
		unsigned c = s[i];
		if (c < 0x80 && ascii_sep[c]) {
			i++;
			continue;
		}
		uint64_t x[2];
		size_t skip;
		size_t len = simple_scan(s, n, i, x, &skip);
		if (len) {
			wrec *r = &sc->rec[sc->rn++];
			word_rec(sc, r, i, len, x);
			__builtin_prefetch(r->set);
			__builtin_prefetch(r->set + 1);
			/* the separators after it are skipped as the loop would */
			i += len + skip;
			continue;
		}
		/* not simple: skip this run of letters, or one other character */
		size_t j = i + 1;
		while (j < n && (s[j] & 0xC0) == 0x80)
			j++;
		if (c < 0x80 || (c >= 0xC3 && c <= 0xC6) || c == 0xE1)
			while (j < n && ((s[j] < 0x80 && !ascii_sep[s[j]]) || (s[j] & 0xC0) == 0x80 ||
					 (s[j] >= 0xC3 && s[j] <= 0xC6) || s[j] == 0xE1))
				j++;
		i = j;
	}
	sc->ahead = i;
}

static int run_scan(scan *sc, const char *text, size_t n)
{
	const unsigned char *s = (const unsigned char *)text;
	vn_text *t = sc->t;
	int rc = 0;
	size_t i = 0;
	/* Between scans no record points into the table: it may grow. A
	 * failed allocation keeps the small one (it is only a cache). */
	if (t->cache_mask + 1 < WC_SETS && t->cache_fills > (t->cache_mask + 1) * 2)
		(void)cache_make(t, (t->cache_mask + 1) * 4);
	t->wn = 0;
	sc->scan_len = n;
	sc->rn = sc->ri = sc->ahead = 0;
	sc->text = s;
	sc->lz_from = sc->lz_to = 0;
	while (i < n) {
		unsigned c = s[i];
		if (c == ' ' && t->wn == 0) {
			/* the commonest separator, as sep() would do it */
			if (sc->dot)
				sc->pend |= VN_TOK_SENTENCE;
			sc->dot = 0;
			if (sc->canon && (rc = lazy_add(sc, i, i + 1)) != 0)
				return rc;
			i++;
			continue;
		}
		if (t->wn == 0 && (c >= 0x80 || !ascii_sep[c]) && likely(!t->reference)) {
			/* a word starts: a simple one (see simple_len) goes through
			 * the cache. Its entry was looked up and prefetched by the
			 * look-ahead, which keeps LOOKAHEAD words ahead, since the
			 * cache access is what costs most per word. */
			while (sc->ri < sc->rn && sc->rec[sc->ri].start < i)
				sc->ri++;
			if (sc->ri == sc->rn && sc->ahead <= i)
				look_ahead(sc, s, n, i);
			if (sc->ri < sc->rn && sc->rec[sc->ri].start == i) {
				/* simple words joined by single spaces, the bulk of
				 * running text, go from one record to the next; after a
				 * cached word no word is open and no '.' pending, so a
				 * space only joins the lazy CANONICAL copy */
				for (;;) {
					const wrec *r = &sc->rec[sc->ri++];
					if ((rc = cached_word(sc, s + i, r->len, i, r)) != 0)
						return rc;
					i += r->len;
					if (i + 1 >= n || s[i] != ' ')
						break;
					if (sc->ri == sc->rn && sc->ahead <= i + 1)
						look_ahead(sc, s, n, i + 1);
					if (sc->ri == sc->rn || sc->rec[sc->ri].start != i + 1)
						break;
					if (sc->canon && (rc = lazy_add(sc, i, i + 1)) != 0)
						return rc;
					i++;
				}
				continue;
			}
			uint64_t x[2];
			size_t skip;
			size_t len = simple_scan(s, n, i, x, &skip);
			if (len) {
				wrec r;
				word_rec(sc, &r, i, len, x);
				if ((rc = cached_word(sc, s + i, len, i, &r)) != 0)
					return rc;
				i += len;
				continue;
			}
		}
		/* ASCII fast path; U+0300 starts at byte 0xCC, so a smaller next
		 * byte cannot begin a combining mark. */
		if (c < 0x80 && (i + 1 >= n || s[i + 1] < 0xCC)) {
			unsigned cls = ascii_sep[c];
			if (!cls) {
				cell *w;
				if (t->wn == 0 || t->wn == VN_WORD_MAX) {
					cell tmp = { i, i + 1, c, K_DIGIT, 0, 0, 0, 0 };
					if (c >= 'a' && c <= 'z') {
						tmp.kind = K_VL;
						tmp.base = (uint8_t)(c - 'a' + 1);
					} else if (c >= 'A' && c <= 'Z') {
						tmp.kind = K_VL;
						tmp.base = (uint8_t)(c - 'A' + 1);
						tmp.upper = 1;
					}
					if ((rc = add_cell(sc, &tmp)) != 0)
						return rc;
				} else {
					w = &t->word[t->wn++];
					w->so = i;
					w->se = i + 1;
					w->cp = c;
					w->q = w->tone = 0;
					if (c >= 'a') {
						w->kind = K_VL;
						w->base = (uint8_t)(c - 'a' + 1);
						w->upper = 0;
					} else if (c >= 'A') {
						w->kind = K_VL;
						w->base = (uint8_t)(c - 'A' + 1);
						w->upper = 1;
					} else {
						w->kind = K_DIGIT;
						w->base = 0;
						w->upper = 0;
					}
				}
				i++;
				continue;
			}
			if ((c == '.' || c == ',') && t->wn && t->wn < VN_WORD_MAX &&
			    t->word[t->wn - 1].kind == K_DIGIT && t->word[t->wn - 1].cp < 0x80 &&
			    i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9') {
				/* digit groups stay inside numbers: 1.234.567, 3,5 */
				cell *w = &t->word[t->wn++];
				*w = (cell){ i, i + 1, c, K_INNER, 0, 0, 0, 0 };
				i++;
				continue;
			}
			if ((rc = sep(sc, cls, c)) != 0)
				return rc;
			i++;
			continue;
		}
		uint32_t cp;
		size_t k = decode(&cp, s + i, n - i);
		size_t j = i + k;
		unsigned pk = letter_of(cp);
		if (pk) {
			unsigned base = pk & 31, q = (pk >> 5) & 7, tone = (pk >> 8) & 7, up = (pk >> 11) & 1;
			int slow = 0;
			while (j < n && s[j] >= 0xCC) {
				uint32_t d;
				size_t kd = decode(&d, s + j, n - j);
				unsigned mq = mark_quality(d), mt = mark_tone(d);
				if (mq && !q && compose(0, base, mq, tone)) {
					q = mq;
				} else if (mt && !tone && compose(0, base, q, mt)) {
					tone = mt;
				} else {
					slow = is_joiner(d);
					break;
				}
				j += kd;
			}
			if (!slow) {
				cell cl = { i, j, cp, K_VL, (uint8_t)base, (uint8_t)q, (uint8_t)tone, (uint8_t)up };
				if (t->wn && t->wn < VN_WORD_MAX)
					t->word[t->wn++] = cl;
				else if ((rc = add_cell(sc, &cl)) != 0)
					return rc;
				i = j;
				continue;
			}
		} else if (cp == 0xFFFD && k == 1) {
			/* an invalid byte is a unit of its own: nothing joins it, so
			 * tokens never start or end inside a broken sequence */
			if ((rc = emit_cp(sc, cp, i, j)) != 0)
				return rc;
			i = j;
			continue;
		} else {
			int slow = 0;
			if (j < n && s[j] >= 0xCC) {
				uint32_t d;
				decode(&d, s + j, n - j);
				slow = is_joiner(d);
			}
			if (!slow && cp >= 0xA0) {
				const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)cp);
				slow = p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0;
				slow = slow || is_joiner(cp);
			}
			if (!slow) {
				if ((rc = emit_cp(sc, cp, i, j)) != 0)
					return rc;
				i = j;
				continue;
			}
		}
		/* slow: take the whole cluster */
		j = i + k;
		while (j < n && s[j] >= 0xCC) {
			uint32_t d;
			size_t kd = decode(&d, s + j, n - j);
			if (!is_joiner(d))
				break;
			j += kd;
		}
		if ((rc = slow_cluster(sc, s, i, j)) != 0)
			return rc;
		i = j;
	}
	rc = end_word(sc);
	if (!rc && sc->canon)
		rc = lazy_flush(sc);
	return rc;
}

/* ---- words ------------------------------------------------------------------ */

/* New-style tone placement on a word made only of letters (facts §2). Sets
 * *syl when the word is a valid syllable. */
static void place_tone(vn_text *t, int *syl)
{
	size_t m = 0;
	uint8_t base[VN_SYL_MAX] = { 0 }, q[VN_SYL_MAX] = { 0 }, tone[VN_SYL_MAX] = { 0 };
	size_t idx[VN_SYL_MAX] = { 0 };
	*syl = 0;
	for (size_t i = 0; i < t->wn; i++) {
		const cell *c = &t->word[i];
		if (c->kind == K_IGN)
			continue;
		if (c->kind != K_VL || m == VN_SYL_MAX)
			return;
		base[m] = c->base;
		q[m] = c->q;
		tone[m] = c->tone;
		idx[m++] = i;
	}
	unsigned tn;
	size_t pos;
	if (!parse_syllable(base, q, tone, m, &tn, &pos))
		return;
	*syl = 1;
	for (size_t i = 0; i < m; i++)
		t->word[idx[i]].tone = 0;
	t->word[idx[pos]].tone = (uint8_t)tn;
}

static inline char *put_utf8(char *p, uint32_t cp)
{
	if (cp < 0x80) {
		*p++ = (char)cp;
	} else if (cp < 0x800) {
		*p++ = (char)(0xC0 | (cp >> 6));
		*p++ = (char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		*p++ = (char)(0xE0 | (cp >> 12));
		*p++ = (char)(0x80 | ((cp >> 6) & 0x3F));
		*p++ = (char)(0x80 | (cp & 0x3F));
	} else {
		*p++ = (char)(0xF0 | (cp >> 18));
		*p++ = (char)(0x80 | ((cp >> 12) & 0x3F));
		*p++ = (char)(0x80 | ((cp >> 6) & 0x3F));
		*p++ = (char)(0x80 | (cp & 0x3F));
	}
	return p;
}

/* Compatibility decomposition (+ case fold, + marks stripped for the key)
 * of one code point, recomposed; the per-cell half of NFKC (facts §3). */
static char *fold_cp(char *p, uint32_t cp, int strip)
{
	utf8proc_int32_t buf[VN_CELL_KEY_MAX / 4];
	int bc = 0;
	utf8proc_option_t opt = UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE | UTF8PROC_DECOMPOSE;
	if (strip)
		opt |= UTF8PROC_STRIPMARK;
	utf8proc_ssize_t r = utf8proc_decompose_char((utf8proc_int32_t)cp, buf, VN_CELL_KEY_MAX / 4, opt, &bc);
	if (r < 0 || r > VN_CELL_KEY_MAX / 4)
		return put_utf8(p, cp);
	if (!strip && r > 1)
		r = utf8proc_normalize_utf32(buf, r, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	for (utf8proc_ssize_t i = 0; i < r; i++) {
		unsigned pk = strip ? letter_of((uint32_t)buf[i]) : 0;
		/* đ and its look-alikes have no decomposition: fold them here */
		if (pk)
			*p++ = (char)('a' + (pk & 31) - 1);
		else
			p = put_utf8(p, (uint32_t)buf[i]);
	}
	return p;
}

/* The three forms of the current word into t->ex / t->tf / t->ky. */
static void build_forms(vn_text *t, size_t *ex_len, size_t *tf_len, size_t *ky_len, unsigned *flags)
{
	char *e = t->ex, *f = t->tf, *k = t->ky;
	unsigned nletters = 0, nupper = 0, number = 1, first_upper = 0;
	for (size_t i = 0; i < t->wn; i++) {
		const cell *c = &t->word[i];
		switch (c->kind) {
		case K_VL: {
			const uint16_t *row = vn__compose[0][c->base - 1][c->q];
			e = put_utf8(e, row[c->tone]);
			f = put_utf8(f, row[0]);
			*k++ = (char)('a' + c->base - 1);
			if (!nletters)
				first_upper = c->upper;
			nletters++;
			nupper += c->upper;
			number = 0;
			break;
		}
		case K_OL: {
			char *e0 = e;
			e = fold_cp(e, c->cp, 0);
			memcpy(f, e0, (size_t)(e - e0));
			f += e - e0;
			k = fold_cp(k, c->cp, 1);
			if (!nletters)
				first_upper = c->upper;
			nletters++;
			nupper += c->upper;
			number = 0;
			break;
		}
		case K_DIGIT:
		case K_INNER:
			if (c->cp < 0x80) {
				*e++ = *f++ = *k++ = (char)c->cp;
			} else {
				/* full-width and other decimal digits fold to ASCII */
				char *e0 = e;
				e = fold_cp(e, c->cp, 0);
				memcpy(f, e0, (size_t)(e - e0));
				f += e - e0;
				memcpy(k, e0, (size_t)(e - e0));
				k += e - e0;
			}
			break;
		case K_MARK:
			e = put_utf8(e, c->cp);
			f = put_utf8(f, c->cp);
			number = 0;
			break;
		default:
			break;
		}
	}
	*ex_len = (size_t)(e - t->ex);
	*tf_len = (size_t)(f - t->tf);
	*ky_len = (size_t)(k - t->ky);
	*e = *f = *k = 0;
	unsigned fl = 0;
	if (number)
		fl |= VN_TOK_NUMBER;
	if (first_upper)
		fl |= VN_TOK_CAPITAL;
	if (nletters >= 2 && nupper == nletters)
		fl |= VN_TOK_ALLCAPS;
	if (*ex_len != *ky_len || memcmp(t->ex, t->ky, *ky_len) != 0)
		fl |= VN_TOK_MARKED;
	*flags = fl;
}

/* What a finished word gives: CANONICAL bytes, the three forms and the
 * word's own flags (pointers into t or into a cache entry). */
typedef struct wres {
	const char *cn, *ex, *tf, *ky;
	size_t cnl, exl, tfl, kyl;
	unsigned flags;
} wres;

/* Tone placement, then CANONICAL and the forms of the cells in t->word. */
static void compute_word(vn_text *t, wres *r, int forms)
{
	int syl;
	place_tone(t, &syl);
	char *p = t->cn;
	for (size_t i = 0; i < t->wn; i++) {
		const cell *c = &t->word[i];
		p = put_utf8(p, c->kind == K_VL ? compose(c->upper, c->base, c->q, c->tone) : c->cp);
	}
	r->cn = t->cn;
	r->cnl = (size_t)(p - t->cn);
	r->ex = t->ex;
	r->tf = t->tf;
	r->ky = t->ky;
	r->exl = r->tfl = r->kyl = 0;
	r->flags = 0;
	if (forms) {
		build_forms(t, &r->exl, &r->tfl, &r->kyl, &r->flags);
		if (syl)
			r->flags |= VN_TOK_SYLLABLE;
	}
}

/* Hand a finished word at so..se (scanned text) to the outputs. */
static int emit_word(scan *sc, const wres *r, size_t so, size_t se)
{
	vn_text *t = sc->t;
	int rc;
	if (sc->canon && ((rc = lazy_flush(sc)) != 0 || (rc = vn_buf_append(sc->canon, r->cn, r->cnl)) != 0))
		return rc;
	if (!r->kyl)
		return 0;
	if (sc->key) {
		if (sc->key->len && (rc = vn_buf_putc(sc->key, ' ')) != 0)
			return rc;
		if ((rc = vn_buf_append(sc->key, r->ky, r->kyl)) != 0)
			return rc;
	}
	if (!sc->fn)
		return 0;
	vn_token tok;
	tok.exact = r->ex;
	tok.exact_len = r->exl;
	tok.tonefree = r->tf;
	tok.tonefree_len = r->tfl;
	tok.key = r->ky;
	tok.key_len = r->kyl;
	tok.stem = NULL;
	tok.stem_len = 0;
	if (t->stemmer) {
		const sb_symbol *st = sb_stemmer_stem(t->stemmer, (const sb_symbol *)r->ky, (int)r->kyl);
		if (!st)
			return VN_ENOMEM;
		tok.stem = (const char *)st;
		tok.stem_len = (size_t)sb_stemmer_length(t->stemmer);
	}
	if (sc->map) {
		size_t a = sc->map[so], b;
		size_t z = se;
		while (z < sc->map_len && sc->map[z] == sc->map[se - 1])
			z++;
		b = z < sc->map_len ? sc->map[z] : sc->in_len;
		so = a;
		se = b > a ? b : a;
	}
	tok.offset = so;
	tok.length = se - so;
	tok.position = sc->pos++;
	tok.flags = r->flags | sc->last_flags;
	sc->ntok++;
	return sc->fn(&tok, sc->payload);
}

/* One word is complete (the general path). */
static int do_word(scan *sc)
{
	vn_text *t = sc->t;
	wres r;
	compute_word(t, &r, sc->fn || sc->key);
	size_t last = t->wn - 1;
	while (last > 0 && t->word[last].kind == K_IGN)
		last--;
	return emit_word(sc, &r, t->word[0].so, t->word[last].se);
}

/* A simple word s[0..n) (n ≤ WC_RAW; only ASCII alphanumerics and letters
 * of the tables, ending at a plain separator) at offset `at`, through the
 * cache. */
/* The word s[0..n) (n ≤ WC_RAW) zero-padded to WC_RAW bytes as two words;
 * avail = bytes readable from s. */
static inline void raw_load(uint64_t x[2], const unsigned char *s, size_t n, size_t avail)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (avail >= 16) {
		memcpy(&x[0], s, 8);
		memcpy(&x[1], s + 8, 8);
		if (n < 8) {
			x[0] &= ((uint64_t)1 << (8 * n)) - 1;
			x[1] = 0;
		} else if (n < 16) {
			x[1] &= ((uint64_t)1 << (8 * (n - 8))) - 1;
		}
		return;
	}
#endif
	(void)avail;
	unsigned char b[16] = { 0 };
	memcpy(b, s, n);
	memcpy(x, b, 16);
}

_Static_assert(sizeof(wcent) == 64, "a cache entry is one cache line");

/* Cache miss: compute the word's forms the general way and store them in
 * way 0 of its set (the older way goes). Returns the entry, or NULL when the
 * forms do not fit an entry: then *r holds them (in t's buffers). */
__attribute__((noinline)) static wcent *cache_fill(scan *sc, const unsigned char *s, size_t n, size_t at,
						   const wrec *rec, wres *r)
{
	vn_text *t = sc->t;
	t->cache_fills++;
	t->wn = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = decode(&cp, s + i, n - i);
		cell *c = &t->word[t->wn++];
		unsigned pk = letter_of(cp);
		c->so = at + i;
		c->se = at + i + k;
		c->cp = cp;
		c->kind = pk ? K_VL : K_DIGIT;
		c->base = (uint8_t)(pk & 31);
		c->q = (uint8_t)((pk >> 5) & 7);
		c->tone = (uint8_t)((pk >> 8) & 7);
		c->upper = (uint8_t)((pk >> 11) & 1);
		i += k;
	}
	compute_word(t, r, 1);
	t->wn = 0;
	if (r->cnl + r->exl + r->tfl + r->kyl > WC_DATA || r->cnl > WC_FORM || r->kyl > WC_RAW)
		return NULL;
	wcent *set = rec->set, *e = set;
	set[1] = set[0];
	e->raw[0] = rec->x[0];
	e->raw[1] = rec->x[1];
	e->cnl = (uint8_t)r->cnl;
	e->exl = (uint8_t)r->exl;
	e->tfl = (uint8_t)r->tfl;
	e->kyl = (uint8_t)r->kyl;
	e->flags = (uint8_t)(r->flags | (r->cnl == n && memcmp(r->cn, s, n) == 0 ? WC_SAME : 0));
	memcpy(e->d, r->cn, r->cnl);
	memcpy(e->d + r->cnl, r->ex, r->exl);
	memcpy(e->d + r->cnl + r->exl, r->tf, r->tfl);
	memcpy(e->d + r->cnl + r->exl + r->tfl, r->ky, r->kyl);
	return e;
}

__attribute__((always_inline)) static inline int cached_word(scan *sc, const unsigned char *s, size_t n, size_t at,
							  const wrec *rec)
{
	vn_text *t = sc->t;
	const uint64_t *x = rec->x;
	wcent *e = rec->set;
	if (unlikely(e->raw[0] != x[0] || e->raw[1] != x[1])) {
		e++;
		if (e->raw[0] == x[0] && e->raw[1] == x[1]) {
			/* a hit in way 1 moves to way 0: frequent words then
			 * stay in way 0 and this branch is rarely taken */
			wcent tmp = e[0];
			e[0] = e[-1];
			e[-1] = tmp;
			e--;
		} else {
			wres r;
			e = cache_fill(sc, s, n, at, rec, &r);
			if (!e) {
				unsigned pend = sc->pend;
				if (pend & VN_TOK_SENTENCE)
					pend |= VN_TOK_CLAUSE;
				sc->last_flags = pend;
				sc->pend = 0;
				sc->dot = 0;
				return emit_word(sc, &r, at, at + n);
			}
		}
	}
	unsigned pend = sc->pend;
	if (pend & VN_TOK_SENTENCE)
		pend |= VN_TOK_CLAUSE;
	sc->last_flags = pend;
	sc->pend = 0;
	sc->dot = 0;
	int rc;
	if (likely(sc->plain))
		goto token;
	/* whole fixed-size fields are copied (cheaper than variable copies);
	 * only the first cnl/kyl bytes count */
	if (sc->canon && (e->flags & WC_SAME)) {
		if ((rc = lazy_add(sc, at, at + n)) != 0)
			return rc;
	} else if (sc->canon) {
		vn_buf *c = sc->canon;
		if ((rc = lazy_flush(sc)) != 0)
			return rc;
		if ((rc = room(c, WC_FORM)) != 0)
			return rc;
		memcpy(c->data + c->len, e->d, WC_FORM);
		c->len += e->cnl;
	}
	if (sc->key) {
		vn_buf *k = sc->key;
		if ((rc = room(k, WC_RAW + 1)) != 0)
			return rc;
		k->data[k->len] = ' ';
		k->len += k->len != 0;
		memcpy(k->data + k->len, e->d + e->cnl + e->exl + e->tfl, WC_RAW);
		k->len += e->kyl;
	}
	if (!sc->fn)
		return 0;
	if (t->stemmer || sc->map) {
		const char *d = e->d;
		wres r = { d, d + e->cnl, d + e->cnl + e->exl, d + e->cnl + e->exl + e->tfl,
			   e->cnl, e->exl, e->tfl, e->kyl, e->flags & ~(unsigned)WC_SAME };
		return emit_word(sc, &r, at, at + n);
	}
token:;
	vn_token tok;
	tok.exact = e->d + e->cnl;
	tok.exact_len = e->exl;
	tok.tonefree = tok.exact + e->exl;
	tok.tonefree_len = e->tfl;
	tok.key = tok.tonefree + e->tfl;
	tok.key_len = e->kyl;
	tok.stem = NULL;
	tok.stem_len = 0;
	tok.offset = at;
	tok.length = n;
	tok.position = sc->pos++;
	tok.flags = (e->flags & ~(unsigned)WC_SAME) | pend;
	sc->ntok++;
	return sc->fn(&tok, sc->payload);
}

/* Run the scanner over s[0..n), repairing legacy encodings first (facts §4:
 * before anything strips ignorables such as U+00AD, which is TCVN3's ư). */
static int scan_text(scan *sc, const char *s, size_t n)
{
	vn_text *t = sc->t;
	sc->pend = VN_TOK_SENTENCE | VN_TOK_CLAUSE;
	sc->dot = 0;
	sc->map = NULL;
	sc->in_len = n;
	int enc = n ? vn__repair_detect(s, n) : VN_ENC_UTF8;
	if (enc == VN_ENC_UTF8)
		return run_scan(sc, s, n);
	vn_buf_clear(&t->rep);
	vn_buf_clear(&t->offmap);
	int rc = vn__repair_convert(s, n, enc, &t->rep, sc->fn ? &t->offmap : NULL);
	if (rc)
		return rc;
	if (sc->fn) {
		sc->map = (const uint32_t *)(const void *)t->offmap.data;
		sc->plain = 0;
		sc->map_len = t->offmap.len / sizeof(uint32_t);
		if (sc->map_len != t->rep.len)
			return VN_EINTERNAL;
	}
	return run_scan(sc, t->rep.data ? t->rep.data : "", t->rep.len);
}

int vn_text_tokenize(vn_text *t, const char *s, size_t n, uint32_t first_position,
		     vn_token_fn fn, void *payload)
{
	if (!t || !fn || (!s && n))
		return VN_EINVAL;
	scan sc;
	memset(&sc, 0, sizeof sc);
	sc.t = t;
	sc.pos = first_position;
	sc.fn = fn;
	sc.payload = payload;
	sc.plain = !t->stemmer;
	return scan_text(&sc, s, n);
}

int vn_text_normalize(vn_text *t, const char *s, size_t n, vn_buf *canonical, vn_buf *key)
{
	if (!t || (!canonical && !key) || (!s && n))
		return VN_EINVAL;
	scan sc;
	memset(&sc, 0, sizeof sc);
	sc.t = t;
	sc.canon = canonical;
	sc.key = key;
	int rc = 0;
	if (canonical) {
		vn_buf_clear(canonical);
		rc = vn_buf_reserve(canonical, n + 16);
	}
	if (key) {
		vn_buf_clear(key);
		if (!rc)
			rc = vn_buf_reserve(key, n / 2 + 16);
	}
	if (!rc)
		rc = scan_text(&sc, s, n);
	if (!rc) {
		if (canonical)
			canonical->data[canonical->len] = 0;
		if (key)
			key->data[key->len] = 0;
	}
	if (rc) {
		if (canonical)
			vn_buf_clear(canonical);
		if (key)
			vn_buf_clear(key);
	}
	return rc;
}

int vn_text_canonical(vn_text *t, const char *s, size_t n, vn_buf *out)
{
	if (!out)
		return VN_EINVAL;
	return vn_text_normalize(t, s, n, out, NULL);
}

int vn_text_decode_as(const char *s, size_t n, int enc, vn_buf *out)
{
	if (!out || (!s && n) || enc <= VN_ENC_UTF8 || enc > VN_ENC_DOUBLE_UTF8)
		return VN_EINVAL;
	vn_buf_clear(out);
	return vn__repair_convert(s ? s : "", n, enc, out, NULL);
}

int vn_text_key(vn_text *t, const char *s, size_t n, vn_buf *out)
{
	if (!out)
		return VN_EINVAL;
	return vn_text_normalize(t, s, n, NULL, out);
}

int vn_text_fold_word(vn_text *t, const char *s, size_t n, vn_buf *out)
{
	return vn_text_key(t, s, n, out);
}

struct one_tok {
	size_t count;
	unsigned flags;
	size_t offset, length;
};

static int one_tok_cb(const vn_token *tok, void *payload)
{
	struct one_tok *o = payload;
	if (++o->count > 1)
		return 1;
	o->flags = tok->flags;
	o->offset = tok->offset;
	o->length = tok->length;
	return 0;
}

int vn_text_is_syllable(vn_text *t, const char *s, size_t n)
{
	if (!t || !s || !n)
		return 0;
	struct one_tok o = { 0, 0, 0, 0 };
	int rc = vn_text_tokenize(t, s, n, 0, one_tok_cb, &o);
	return rc == 0 && o.count == 1 && (o.flags & VN_TOK_SYLLABLE) && o.offset == 0 && o.length == n;
}

/* ---- Telex (facts §5) ------------------------------------------------------ */

/* Decode one ASCII word; returns 1 and appends to out when it gives a valid
 * syllable, 0 when not. */
static int telex_word(const char *w, size_t n, vn_buf *out, int *changed)
{
	uint8_t base[VN_SYL_MAX + 1], q[VN_SYL_MAX + 1], tone[VN_SYL_MAX + 1], up[VN_SYL_MAX + 1];
	size_t m = 0;
	unsigned tn = 0;
	int seen_vowel = 0;
	for (size_t i = 0; i < n; i++) {
		char c = w[i];
		unsigned upper = c >= 'A' && c <= 'Z';
		char lc = upper ? (char)(c + 32) : c;
		if (c >= '0' && c <= '9') {
			/* VNI keys (facts §5): 1-5 tones, 0 none, 6 circumflex, 7
			 * horn, 8 breve, 9 đ — "vie65t" is việt, "d9ang3" đảng */
			if (c == '9') {
				if (!m || base[0] != 4 || q[0] != 0)
					return 0;
				q[0] = Q_STROKE;
				continue;
			}
			if (!seen_vowel)
				return 0;
			if (c <= '5') {
				static const uint8_t vni_tone[6] = { T_NONE, T_ACUTE, T_GRAVE, T_HOOK, T_TILDE, T_DOT };
				tn = vni_tone[c - '0'];
				continue;
			}
			int done = 0;
			if (c == '7') /* uo → ươ, as Telex w */
				for (size_t j = (base[0] == 17) ? 1 : 0; j + 1 < m && !done; j++)
					if (base[j] == 21 && base[j + 1] == 15 && !q[j] && !q[j + 1]) {
						q[j] = q[j + 1] = Q_HORN;
						done = 1;
					}
			for (size_t j = m; j > 0 && !done; j--) {
				unsigned b = base[j - 1];
				if (q[j - 1] != 0 || (j - 1 == 1 && base[0] == 17 && b == 21))
					continue;
				if (c == '6' && (b == 1 || b == 5 || b == 15))
					q[j - 1] = Q_CIRC, done = 1;
				else if (c == '7' && (b == 15 || b == 21))
					q[j - 1] = Q_HORN, done = 1;
				else if (c == '8' && b == 1)
					q[j - 1] = Q_BREVE, done = 1;
			}
			if (!done)
				return 0;
			continue;
		}
		if (lc < 'a' || lc > 'z')
			return 0;
		if (lc == 'd' && !seen_vowel && m && base[m - 1] == 4 && q[m - 1] == 0) {
			q[m - 1] = Q_STROKE;
			continue;
		}
		if (seen_vowel) {
			const char *tk = strchr("zfsrxj", lc);
			if (tk) {
				unsigned k = (unsigned)(tk - "zfsrxj"); /* z = none, then f s r x j */
				k = k == 0 ? T_NONE : k == 1 ? T_GRAVE : k == 2 ? T_ACUTE :
				    k == 3 ? T_HOOK : k == 4 ? T_TILDE : T_DOT;
				/* the last key wins; z with no tone, or the same key twice,
				 * types the letter itself (as Telex keyboards do) */
				if (k != tn) {
					tn = k;
					continue;
				}
				tn = T_NONE;
			}
		}
		if (lc == 'w') {
			if (seen_vowel) {
				/* uo → ươ (nguoiwf → người), else the last a/o/u takes
				 * breve/horn; a q before u is the initial qu */
				int done = 0;
				for (size_t j = (m && base[0] == 17) ? 1 : 0; j + 1 < m && !done; j++)
					if (base[j] == 21 && base[j + 1] == 15 && !q[j] && !q[j + 1]) {
						q[j] = q[j + 1] = Q_HORN;
						done = 1;
					}
				for (size_t j = m; j > 0 && !done; j--) {
					unsigned b = base[j - 1];
					if ((b == 1 || b == 15 || b == 21) && q[j - 1] == 0 &&
					    !(j - 1 == 1 && base[0] == 17)) {
						q[j - 1] = b == 1 ? Q_BREVE : Q_HORN;
						done = 1;
					}
				}
				if (!done)
					return 0;
				continue;
			}
			if (m == VN_SYL_MAX)
				return 0;
			base[m] = 21;
			q[m] = Q_HORN;
			tone[m] = 0;
			up[m++] = (uint8_t)upper;
			seen_vowel = 1;
			continue;
		}
		unsigned b = (unsigned)(lc - 'a' + 1);
		if ((lc == 'a' || lc == 'e' || lc == 'o') && m && base[m - 1] == b && q[m - 1] == 0) {
			q[m - 1] = Q_CIRC;
			continue;
		}
		if (m == VN_SYL_MAX)
			return 0;
		base[m] = (uint8_t)b;
		q[m] = 0;
		tone[m] = 0;
		up[m++] = (uint8_t)upper;
		if (strchr("aeiouy", lc))
			seen_vowel = 1;
	}
	if (!seen_vowel)
		return 0;
	/* put the tone on the first vowel; the parser says where it belongs */
	for (size_t i = 0; i < m; i++)
		if (vowel_code(base[i], q[i], 0) > 0) {
			tone[i] = (uint8_t)tn;
			break;
		}
	unsigned st;
	size_t pos;
	if (!parse_syllable(base, q, tone, m, &st, &pos))
		return 0;
	for (size_t i = 0; i < m; i++)
		tone[i] = 0;
	tone[pos] = (uint8_t)st;
	size_t before = out->len;
	for (size_t i = 0; i < m; i++)
		if (vn_buf_put_utf8(out, compose(up[i], base[i], q[i], tone[i])))
			return -1;
	if (out->len - before != n || memcmp(out->data + before, w, n) != 0)
		*changed = 1;
	return 1;
}

int vn_text_telex(vn_text *t, const char *s, size_t n, vn_buf *out)
{
	if (!t || !out || (!s && n))
		return VN_EINVAL;
	vn_buf_clear(out);
	int nwords = 0;
	size_t i = 0;
	while (i < n) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
			if (vn_buf_putc(out, s[i]))
				goto oom;
			i++;
			continue;
		}
		size_t j = i, digits = 1;
		while (j < n && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' && s[j] != '\r') {
			if (s[j] < '0' || s[j] > '9')
				digits = 0;
			j++;
		}
		if (digits) {
			/* numbers pass through: "ddaij hooij 2020" */
			if (vn_buf_append(out, s + i, j - i))
				goto oom;
		} else {
			/* a word typed without keys ("nam" of "vieejt nam") stays as
			 * it is, when it is a syllable */
			int changed = 0;
			int r = telex_word(s + i, j - i, out, &changed);
			if (r < 0)
				goto oom;
			if (r == 0) {
				vn_buf_clear(out);
				return 0;
			}
			nwords += changed;
		}
		i = j;
	}
	if (!nwords) {
		vn_buf_clear(out);
		return 0;
	}
	return 1;
oom:
	vn_buf_clear(out);
	return VN_ENOMEM;
}

/* ---- case of a word ---------------------------------------------------------- */

int vn_text_recase(const char *s, size_t n, unsigned flags, vn_buf *out)
{
	vn_buf_clear(out);
	if (!s || !vn_utf8_valid(s, n))
		return VN_EINVAL;
	int all = (flags & VN_TOK_ALLCAPS) != 0, first = all || (flags & VN_TOK_CAPITAL) != 0;
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		size_t len = vn_utf8_decode(&cp, (const unsigned char *)s + i, n - i);
		if (len == 0)
			return VN_EINVAL;
		/* only letters count as "the first": a leading digit or mark does
		 * not take the capital */
		utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)cp);
		int letter = cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
		if (letter && first) {
			cp = (uint32_t)utf8proc_toupper((utf8proc_int32_t)cp);
			first = all;
		}
		if (vn_buf_put_utf8(out, cp)) {
			vn_buf_clear(out);
			return VN_ENOMEM;
		}
		i += len;
	}
	return 0;
}

/* ---- test hooks (vn_text_test.h) ------------------------------------------- */

void vn__text_set_reference(vn_text *t, int on)
{
	if (t)
		t->reference = on != 0;
}

size_t vn__text_simple_len_check(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t bad = 0;
	for (size_t i = 0; i < n; i++)
		bad += simple_len(p, n, i) != simple_len_ref(p, n, i);
	return bad;
}
