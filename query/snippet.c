/*
 * snippet.c — the excerpt under each hit: the window of the body with the
 * most distinct query words (adjacent ones preferred), cut at word
 * boundaries with "…", and the matched words marked. Matching re-tokenizes
 * the stored text with the text core, so offsets are exact and a query
 * typed without accents marks "Đảng viên" for "dang vien". A word typed
 * with accents marks only its own form (or tone-free form) when the text
 * has it, and every variant otherwise.
 */
#include <stdlib.h>
#include <string.h>

#include "vn_query.h"
#include "vn_query_int.h"
#include "vn_repair.h"
#include "vn_text.h"

/* Bodies are long; the window is looked for in the first part only, which
 * bounds the work per hit. */
#define SNIPPET_SCAN_BYTES (64u * 1024u)
#define SNIPPET_MAX_MATCHES 512

int vq_snippet_whole = 0;

typedef struct match {
	uint32_t off, len, ord;
	uint16_t word;
	uint8_t strength; /* 3: exact form, 2: tone-free form, 1: key only */
} match;

typedef struct mctx {
	const vq_qword *words;
	size_t nwords;
	uint32_t klen[64];  /* key lengths of the first 64 words (most tokens match none) */
	uint64_t sig;       /* a bit per (key length, first, last byte) of every word */
	match *m;
	size_t n, cap;
	uint32_t ord;
	int rc;
	/* early stop: once one stretch of window bytes holds every query word,
	 * no later window can hold more, so the rest need not be tokenized */
	size_t window;      /* 0 = scan everything */
	uint32_t last[64];  /* offset + 1 of each word's latest match */
	size_t base;        /* offset in the text of the piece being tokenized */
	size_t stopped;     /* early stop: the text was scanned up to here (0: all) */
	uint64_t bits[4];   /* fold_bit of every key (scan_pieces) */
} mctx;

static int eq(const char *a, size_t al, const char *b)
{
	size_t bl = strlen(b);
	return al == bl && memcmp(a, b, al) == 0;
}

static uint64_t key_sig(const char *k, size_t n)
{
	if (n == 0)
		return 1;
	return 1ull << (((unsigned char)k[0] * 7u + (unsigned char)k[n - 1] * 3u + (unsigned)n) & 63u);
}

static int on_token(const vn_token *t, void *payload)
{
	mctx *c = payload;
	uint32_t ord = c->ord++;
	if (!(c->sig & key_sig(t->key, t->key_len)))
		return 0;
	for (size_t i = 0; i < c->nwords; i++) {
		const vq_qword *w = &c->words[i];
		if (i < 64 ? (c->klen[i] != t->key_len || memcmp(t->key, w->key, t->key_len) != 0)
			   : !eq(t->key, t->key_len, w->key))
			continue;
		uint8_t strength = 1;
		if (w->marked && eq(t->exact, t->exact_len, w->exact))
			strength = 3;
		else if (w->marked && eq(t->tonefree, t->tonefree_len, w->tonefree))
			strength = 2;
		if (c->n == c->cap) {
			if (c->cap >= SNIPPET_MAX_MATCHES)
				return 1;
			size_t nc = c->cap ? c->cap * 2 : 32;
			match *nm = realloc(c->m, nc * sizeof *nm);
			if (!nm) {
				c->rc = VN_ENOMEM;
				return 1;
			}
			c->m = nm;
			c->cap = nc;
		}
		size_t off = c->base + t->offset;
		c->m[c->n++] = (match){ (uint32_t)off, (uint32_t)t->length, ord, (uint16_t)i, strength };
		if (c->window && c->nwords <= 64 && (!w->marked || strength == 3)) {
			/* a word typed with accents counts in its exact form only,
			 * the form the window choice prefers */
			c->last[i] = (uint32_t)off + 1;
			size_t k = 0;
			while (k < c->nwords && c->last[k] && c->last[k] + c->window > off + 1)
				k++;
			if (k == c->nwords) {
				c->stopped = off + t->length;
				return 1;
			}
		}
		break;
	}
	return 0;
}

/* ---- skipping text no query word can stand in --------------------------------
 * Tokenizing a body costs a few hundred instructions a token, and few of its
 * tokens are query words. A cheap pass over the bytes finds the stretches
 * of text that may hold one, and only those go through the text core;
 * every match comes out as a full tokenization gives it (tests/query).
 *
 * Why that holds: text split at ASCII whitespace (not followed by what
 * may join it, a combining mark) tokenizes piece by piece as it
 * does whole: no token spans the whitespace, and what the scanner carries
 * over it (sentence flags, positions) is not used here. A legacy-encoding
 * repair decides for the whole text, so pieces are used only when the
 * repair's byte pre-check finds nothing suspicious in the text: then it
 * finds nothing in any piece either. A token's key folds each character
 * on its own: ASCII letters to lower case, Vietnamese vowels to their
 * base letter, đ to d, Vietnamese combining marks after a letter to
 * nothing. A piece made only of such characters, ASCII and a few
 * punctuation marks is folded here the same way ("skeleton"), and it can
 * hold a query word only when one of its words equals a query key; a piece
 * with any other character is always tokenized. Matches are numbered by
 * token (adjacent query words); a skipped stretch holding a word adds one
 * to the count, which is all adjacency needs. */

enum { VC_OTHER = 0, VC_BREAK = 1, VC_MARK = 2 }; /* else a base letter 'a'..'z' */

/* U+0080..U+033F (two-byte UTF-8): Vietnamese letters, combining marks
 * and the no-break space. */
static const uint8_t vi_cp2[0x340 - 0x80] = {
	[0xA0 - 0x80] = VC_BREAK,
	[0xC0 - 0x80] = 'a', [0xC1 - 0x80] = 'a', [0xC2 - 0x80] = 'a', [0xC3 - 0x80] = 'a',
	[0xE0 - 0x80] = 'a', [0xE1 - 0x80] = 'a', [0xE2 - 0x80] = 'a', [0xE3 - 0x80] = 'a',
	[0x102 - 0x80] = 'a', [0x103 - 0x80] = 'a',
	[0xC8 - 0x80] = 'e', [0xC9 - 0x80] = 'e', [0xCA - 0x80] = 'e',
	[0xE8 - 0x80] = 'e', [0xE9 - 0x80] = 'e', [0xEA - 0x80] = 'e',
	[0xCC - 0x80] = 'i', [0xCD - 0x80] = 'i', [0xEC - 0x80] = 'i', [0xED - 0x80] = 'i',
	[0x128 - 0x80] = 'i', [0x129 - 0x80] = 'i',
	[0xD2 - 0x80] = 'o', [0xD3 - 0x80] = 'o', [0xD4 - 0x80] = 'o', [0xD5 - 0x80] = 'o',
	[0xF2 - 0x80] = 'o', [0xF3 - 0x80] = 'o', [0xF4 - 0x80] = 'o', [0xF5 - 0x80] = 'o',
	[0x1A0 - 0x80] = 'o', [0x1A1 - 0x80] = 'o',
	[0xD9 - 0x80] = 'u', [0xDA - 0x80] = 'u', [0xF9 - 0x80] = 'u', [0xFA - 0x80] = 'u',
	[0x168 - 0x80] = 'u', [0x169 - 0x80] = 'u', [0x1AF - 0x80] = 'u', [0x1B0 - 0x80] = 'u',
	[0xDD - 0x80] = 'y', [0xFD - 0x80] = 'y',
	[0x110 - 0x80] = 'd', [0x111 - 0x80] = 'd',
	[0x300 - 0x80] = VC_MARK, [0x301 - 0x80] = VC_MARK, [0x302 - 0x80] = VC_MARK,
	[0x303 - 0x80] = VC_MARK, [0x306 - 0x80] = VC_MARK, [0x309 - 0x80] = VC_MARK,
	[0x31B - 0x80] = VC_MARK, [0x323 - 0x80] = VC_MARK,
};

/* U+1EA0..U+1EF9, Latin Extended Additional's Vietnamese vowels. */
static const uint8_t vi_cp3[0x1EFA - 0x1EA0] = {
	[0x1EA0 - 0x1EA0 ... 0x1EB7 - 0x1EA0] = 'a', [0x1EB8 - 0x1EA0 ... 0x1EC7 - 0x1EA0] = 'e',
	[0x1EC8 - 0x1EA0 ... 0x1ECB - 0x1EA0] = 'i', [0x1ECC - 0x1EA0 ... 0x1EE3 - 0x1EA0] = 'o',
	[0x1EE4 - 0x1EA0 ... 0x1EF1 - 0x1EA0] = 'u', [0x1EF2 - 0x1EA0 ... 0x1EF9 - 0x1EA0] = 'y',
};

/* The class of the UTF-8 character at p (lead byte >= 0x80, avail bytes
 * there): a base letter, VC_BREAK (a separator), VC_MARK (a Vietnamese
 * combining mark) or VC_OTHER; *len gets its length. */
static inline unsigned vi_char(const unsigned char *p, size_t avail, size_t *len)
{
	unsigned b0 = p[0];
	if (b0 - 0xC2u <= 0xCCu - 0xC2u) {
		if (avail < 2 || (p[1] & 0xC0) != 0x80)
			return VC_OTHER;
		*len = 2;
		return vi_cp2[(((b0 & 0x1Fu) << 6) | (p[1] & 0x3Fu)) - 0x80];
	}
	if ((b0 == 0xE1 || b0 == 0xE2) && avail >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
		*len = 3;
		unsigned cp = ((b0 & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
		if (cp - 0x1EA0u < sizeof vi_cp3)
			return vi_cp3[cp - 0x1EA0u];
		switch (cp) {
		case 0x2013: case 0x2014: case 0x2018: case 0x2019: case 0x201C: case 0x201D: case 0x2026:
			return VC_BREAK;
		default:
			return VC_OTHER;
		}
	}
	return VC_OTHER;
}

static inline int is_ws(unsigned b)
{
	return b == ' ' || b == '\t' || b == '\n' || b == '\r';
}

/* Does a word of the piece u[ps..pe) fold to a query key? 1 also when
 * it holds a character this fold does not know. */
static int piece_hit(const mctx *c, const unsigned char *u, size_t ps, size_t pe)
{
	char w[64];
	size_t wl = 0, cells = 0;
	int letter = 0, digit = 0;
	for (size_t i = ps;; ) {
		unsigned b = i < pe ? u[i] : ' ', k;
		size_t len = 1;
		if (b < 0x80) {
			if ((b | 0x20u) - 'a' < 26u)
				k = b | 0x20u;
			else if (b - '0' < 10u)
				k = b;
			else if ((b == '.' || b == ',') && digit && i + 1 < pe && u[i + 1] - (unsigned)'0' < 10u)
				k = b; /* inside a number: 1.234, 3,5 */
			else
				k = VC_BREAK;
		} else {
			k = vi_char(u + i, pe - i, &len);
			if (k == VC_MARK && letter) {
				cells++;
				i += len;
				continue;
			}
			if (k == VC_MARK || k == VC_OTHER)
				return 1;
		}
		if (k > VC_MARK) {
			if (wl < sizeof w)
				w[wl] = (char)k;
			wl++;
			cells++;
			letter = k >= 'a';
			digit = k <= '9';
			i += len;
			continue;
		}
		if (wl) {
			/* a word longer than the text core's longest is cut there */
			if (cells > sizeof w)
				return 1;
			for (size_t q = 0; q < c->nwords; q++)
				if (c->klen[q] == wl && memcmp(c->words[q].key, w, wl) == 0)
					return 1;
		}
		wl = cells = 0;
		letter = digit = 0;
		if (i >= pe)
			return 0;
		i += len;
	}
}

/* A bit per (first letter, last letter, length) of a folded word. */
static inline unsigned fold_bit(unsigned first, unsigned last, size_t len)
{
	return (first * 31u + last * 7u + (unsigned)len * 131u) & 255u;
}

static int on_piece(mctx *c, vn_text *t, const char *s, size_t from, size_t to)
{
	c->base = from;
	return vn_text_tokenize(t, s + from, to - from, 0, on_token, c);
}

/* Byte classes of scan_pieces: ASCII letters and digits fold to
 * themselves (lower case), lead bytes start a character to look up. */
enum { BC_PUNCT = 0, BC_ALNUM, BC_CONT, BC_LEAD, BC_WS };
static const uint8_t byte_class[256] = {
	['0' ... '9'] = BC_ALNUM, ['A' ... 'Z'] = BC_ALNUM, ['a' ... 'z'] = BC_ALNUM,
	[0x80 ... 0xBF] = BC_CONT, [0xC0 ... 0xFF] = BC_LEAD,
	[' '] = BC_WS, ['\t'] = BC_WS, ['\n'] = BC_WS, ['\r'] = BC_WS,
};

/* Could the word just scanned (first and last letters folded, nl letters,
 * marks on them) be a query key? A word longer than piece_hit folds is
 * left to it. */
static inline int word_may_hit(const mctx *c, unsigned first, unsigned last, size_t nl, size_t marks)
{
	unsigned bit = fold_bit(first, last, nl);
	return nl + marks > 64 || (c->bits[bit >> 6] >> (bit & 63) & 1);
}

/* The tokens of s[0..n) that may match, tokenized in stretches of pieces
 * (text between whitespace) that may hold a query word. A piece that is
 * one word of letters (most are) is judged by its first and last letters
 * and length folded; one with punctuation inside by folding its words,
 * when one of them passes the same test (a word ends at punctuation; a
 * "." or "," after a digit may be inside a number, which piece_hit reads
 * as one word, so such a piece is always folded). */
static int scan_pieces(vn_text *t, const char *s, size_t n, mctx *c)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, ps = 0, rs = 0, re = 0, nl = 0, marks = 0;
	unsigned first = 0, last = 0;
	int open = 0, closed = 0, cand = 0, multi = 0, letter = 0, rc;
	int words = 0; /* a word of the piece has ended (nl counts the current one) */
	int need = 0;  /* ... and may be a query key */
	/* the word scanned ends (at a break, punctuation, or whitespace that a
	 * mark follows); inside: the piece must be folded whatever the word */
#define END_WORD(inside)                                                           \
	do {                                                                       \
		if (nl) {                                                          \
			need |= (inside) || word_may_hit(c, first, last, nl, marks); \
			words = 1;                                                 \
			nl = marks = 0;                                            \
		}                                                                  \
	} while (0)
	for (;;) {
		unsigned b = __builtin_expect(i < n, 1) ? u[i] : ' ', k;
		unsigned bc = byte_class[b];
		if (__builtin_expect(bc == BC_ALNUM, 1)) {
			/* a run of ASCII letters and digits: only its ends matter */
			size_t j = i + 1;
			while (j < n && byte_class[u[j]] == BC_ALNUM)
				j++;
			if (!nl)
				first = b - 'A' < 26u ? b | 0x20u : b;
			b = u[j - 1];
			last = b - 'A' < 26u ? b | 0x20u : b;
			letter = last >= 'a';
			nl += j - i;
			i = j;
			continue;
		}
		switch (bc) {
		case BC_LEAD: {
			size_t len = 1;
			k = vi_char(u + i, n - i, &len);
			i += len;
			if (k > VC_MARK) {
				letter = 1;
				break;
			}
			if (k == VC_MARK && letter) {
				marks++;
				continue; /* joins the letter before, adds nothing to the key */
			}
			if (k == VC_BREAK) {
				END_WORD(0);
				multi = 1;
				letter = 0;
			} else {
				cand = 1;
			}
			continue;
		}
		case BC_PUNCT:
			/* several words, or a number's inner . , */
			END_WORD((b == '.' || b == ',') && last - '0' < 10u);
			multi = 1;
			letter = 0;
			i++;
			continue;
		case BC_CONT:
			cand = 1; /* a stray byte: the text core makes it U+FFFD */
			i++;
			continue;
		default: {
			/* whitespace or the end: the piece u[ps..i) ends here unless
			 * what follows may join the whitespace (a combining mark of
			 * any script; only Vietnamese letters are known not to) */
			size_t q = i < n ? i + 1 : n, len;
			while (q < n && is_ws(u[q]))
				q++;
			if (q < n && u[q] >= 0xCC && vi_char(u + q, n - q, &len) <= VC_MARK) {
				END_WORD(0);
				multi = 1;
				letter = 0;
				i = q;
				continue;
			}
			if (!cand && multi) {
				if (nl)
					need |= word_may_hit(c, first, last, nl, marks);
				if (need)
					cand = piece_hit(c, u, ps, i);
			} else if (!cand && nl && word_may_hit(c, first, last, nl, 0)) {
				cand = piece_hit(c, u, ps, i);
			}
			if (cand) {
				if (!open) {
					c->ord += closed; /* a word between: the matches around it are not adjacent */
					rs = ps;
					open = 1;
				}
				re = i;
			} else if (open && (nl || words)) {
				if ((rc = on_piece(c, t, s, rs, re)) != 0)
					return rc;
				open = 0;
				closed = 1;
			}
			if (q >= n)
				return open ? on_piece(c, t, s, rs, re) : 0;
			cand = multi = letter = words = need = 0;
			nl = marks = 0;
			ps = i = q;
			continue;
		}
		}
		if (!nl)
			first = k;
		last = k;
		nl++;
	}
#undef END_WORD
}

/* Below this many bytes the whole text is tokenized (a title). */
#define PIECES_MIN_BYTES 256

static int pieces_apply(const mctx *c, const char *s, size_t n)
{
	if (n < PIECES_MIN_BYTES || c->nwords > 64 || vq_snippet_whole)
		return 0;
	for (size_t i = 0; i < c->nwords; i++)
		if (c->klen[i] == 0)
			return 0;
	return !vn__repair_suspicious(s, n);
}

/* A word typed with accents marks only its best form present in the text:
 * its exact form, else its tone-free form, else every variant. */
static void prune(mctx *c)
{
	unsigned char *best = calloc(c->nwords ? c->nwords : 1, 1);
	if (!best)
		return;
	for (size_t i = 0; i < c->n; i++)
		if (c->m[i].strength > best[c->m[i].word])
			best[c->m[i].word] = c->m[i].strength;
	size_t w = 0;
	for (size_t i = 0; i < c->n; i++)
		if (c->m[i].strength == best[c->m[i].word])
			c->m[w++] = c->m[i];
	c->n = w;
	free(best);
}

/* The i-th key of a space-joined phrase: its start in *k and length, or 0
 * past the end. */
static size_t phrase_key(const char *p, size_t i, const char **k)
{
	for (;; i--) {
		const char *e = strchr(p, ' ');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (i == 0) {
			*k = p;
			return n;
		}
		if (!e)
			return 0;
		p = e + 1;
	}
}

/* The match whose token is the ord-th of the text, or NULL (matches are in
 * text order). */
static const match *match_at(const mctx *c, uint32_t ord)
{
	size_t lo = 0, hi = c->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (c->m[mid].ord < ord)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->n && c->m[lo].ord == ord ? &c->m[lo] : NULL;
}

/* Does the phrase stand whole around match m, m being its k-th word? */
static int phrase_whole_at(const mctx *c, const match *m, const char *phrase, size_t k)
{
	if (m->ord < k)
		return 0;
	const char *key;
	size_t kl;
	for (size_t t = 0; (kl = phrase_key(phrase, t, &key)) > 0; t++) {
		const match *o = t == k ? m : match_at(c, m->ord - (uint32_t)k + (uint32_t)t);
		if (!o || !eq(key, kl, c->words[o->word].key))
			return 0;
	}
	return 1;
}

/* Words asked for only inside a phrase (an abbreviation's expansion) keep
 * their matches where the whole phrase stands. */
static void phrase_filter(mctx *c)
{
	int any = 0;
	for (size_t i = 0; i < c->nwords && !any; i++)
		any = c->words[i].phrase != NULL;
	if (!any)
		return;
	unsigned char *keep = malloc(c->n ? c->n : 1);
	if (!keep)
		return; /* out of memory: the marks stay as they are */
	for (size_t i = 0; i < c->n; i++) {
		const vq_qword *w = &c->words[c->m[i].word];
		keep[i] = !w->phrase;
		const char *key;
		size_t kl;
		for (size_t k = 0; !keep[i] && (kl = phrase_key(w->phrase, k, &key)) > 0; k++)
			keep[i] = eq(key, kl, w->key) && phrase_whole_at(c, &c->m[i], w->phrase, k);
	}
	size_t n = 0;
	for (size_t i = 0; i < c->n; i++)
		if (keep[i])
			c->m[n++] = c->m[i];
	c->n = n;
	free(keep);
}

static int find(vn_text *t, const char *s, size_t n, const vq_qword *words, size_t nwords, size_t window,
		int pruned, mctx *c)
{
	memset(c, 0, sizeof *c);
	c->words = words;
	c->nwords = nwords;
	c->window = window;
	for (size_t i = 0; i < nwords && i < 64; i++)
		c->klen[i] = (uint32_t)strlen(words[i].key);
	for (size_t i = 0; i < nwords; i++) {
		size_t kl = strlen(words[i].key);
		c->sig |= key_sig(words[i].key, kl);
		if (kl) {
			unsigned bit = fold_bit((unsigned char)words[i].key[0], (unsigned char)words[i].key[kl - 1], kl);
			c->bits[bit >> 6] |= 1ull << (bit & 63);
		}
	}
	if (nwords == 0 || n == 0)
		return 0;
	int rc = pieces_apply(c, s, n) ? scan_pieces(t, s, n, c) : vn_text_tokenize(t, s, n, 0, on_token, c);
	if (c->rc)
		return c->rc;
	if (rc < 0)
		return rc;
	if (pruned) {
		prune(c);
		phrase_filter(c);
	}
	return 0;
}

/* The matches of s[from..to) appended to c's (the text after an early stop
 * that the snippet shows), then every word's best form chosen again over
 * all of them. */
static int find_more(vn_text *t, const char *s, size_t from, size_t to, mctx *c)
{
	mctx more;
	int rc = find(t, s + from, to - from, c->words, c->nwords, 0, 0, &more);
	if (!rc && more.n) {
		if (c->n + more.n > c->cap) {
			match *nm = realloc(c->m, (c->n + more.n) * sizeof *nm);
			if (!nm)
				rc = VN_ENOMEM;
			else {
				c->m = nm;
				c->cap = c->n + more.n;
			}
		}
		for (size_t i = 0; !rc && i < more.n; i++) {
			more.m[i].off += (uint32_t)from;
			more.m[i].ord += c->ord; /* the tail's first token follows the head's last */
			c->m[c->n++] = more.m[i];
		}
	}
	free(more.m);
	if (!rc) {
		prune(c);
		phrase_filter(c);
	}
	return rc;
}

static int spans_out(const mctx *c, size_t lo, size_t hi, size_t shift, vn_query_span **out, size_t *nout)
{
	*out = NULL;
	*nout = 0;
	size_t k = 0;
	for (size_t i = 0; i < c->n; i++)
		k += c->m[i].off >= lo && c->m[i].off + c->m[i].len <= hi;
	if (!k)
		return 0;
	vn_query_span *sp = malloc(k * sizeof *sp);
	if (!sp)
		return VN_ENOMEM;
	k = 0;
	for (size_t i = 0; i < c->n; i++)
		if (c->m[i].off >= lo && c->m[i].off + c->m[i].len <= hi)
			sp[k++] = (vn_query_span){ (uint32_t)(c->m[i].off - lo + shift), c->m[i].len };
	*out = sp;
	*nout = k;
	return 0;
}

int vq_mark_all(vn_text *t, const char *text, size_t n, const vq_qword *words, size_t nwords,
		vn_query_span **out_marks, size_t *out_nmarks)
{
	mctx c;
	*out_marks = NULL;
	*out_nmarks = 0;
	int rc = find(t, text, n, words, nwords, 0, 1, &c);
	if (!rc)
		rc = spans_out(&c, 0, n, 0, out_marks, out_nmarks);
	free(c.m);
	return rc;
}

/* Characters in s[0..n): the bytes that do not continue a UTF-8 sequence,
 * counted eight at a time. */
static size_t count_chars(const char *s, size_t n)
{
	size_t c = 0, i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		/* 10xxxxxx: the top bit set and the next one clear */
		uint64_t cont = (x & ~(x << 1) & 0x8080808080808080ull) >> 7;
		c += 8 - (size_t)((cont * 0x0101010101010101ull) >> 56);
	}
	for (; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Byte offset of the character count chars after start (or n). */
static size_t advance_chars(const char *s, size_t n, size_t start, size_t chars)
{
	size_t i = start;
	while (i < n && chars) {
		i++;
		while (i < n && ((unsigned char)s[i] & 0xc0) == 0x80)
			i++;
		chars--;
	}
	return i;
}

static size_t back_chars(const char *s, size_t start, size_t chars)
{
	size_t i = start;
	while (i > 0 && chars) {
		i--;
		while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80)
			i--;
		chars--;
	}
	return i;
}

int vq_snippet(vn_text *t, const char *text, size_t n, const vq_qword *words, size_t nwords,
	       size_t max_chars, char **out_snippet, vn_query_span **out_marks, size_t *out_nmarks)
{
	*out_snippet = NULL;
	*out_marks = NULL;
	*out_nmarks = 0;
	if (max_chars < 20)
		max_chars = 20;
	size_t scan = n > SNIPPET_SCAN_BYTES ? SNIPPET_SCAN_BYTES : n;
	while (scan < n && scan > 0 && ((unsigned char)text[scan] & 0xc0) == 0x80)
		scan--;
	mctx c;
	int rc = find(t, text, scan, words, nwords, max_chars / 2, 1, &c);
	if (rc) {
		free(c.m);
		return rc;
	}

	/* best window: most distinct words, then adjacent pairs, then matches.
	 * A window holds the matches ending within wchars characters of its
	 * first match; characters are counted once, up to each match's end. */
	size_t best = 0;
	long best_score = -1;
	size_t wchars = max_chars * 3 / 4;
	/* characters from the text's start to each match's start and end */
	uint32_t *cstart = NULL, *cend = NULL;
	if (c.n) {
		if (!(cstart = malloc(2 * c.n * sizeof *cstart))) {
			free(c.m);
			return VN_ENOMEM;
		}
		cend = cstart + c.n;
	}
	size_t pos = 0, chars = 0;
	for (size_t i = 0; i < c.n; i++) {
		/* matches are in text order; a match may start inside the last
		 * one only if tokens overlap, which they do not */
		size_t a = c.m[i].off, e = c.m[i].off + c.m[i].len;
		if (a < pos) {
			pos = 0;
			chars = 0;
		}
		chars += count_chars(text + pos, a - pos);
		cstart[i] = (uint32_t)chars;
		chars += count_chars(text + a, e - a);
		cend[i] = (uint32_t)chars;
		pos = e;
	}
	for (size_t i = 0; i < c.n; i++) {
		unsigned char seen[64] = { 0 };
		long distinct = 0, adjacent = 0, count = 0;
		for (size_t j = i; j < c.n && cend[j] - cstart[i] <= wchars; j++) {
			size_t w = c.m[j].word % 64;
			if (!seen[w]) {
				seen[w] = 1;
				distinct++;
			}
			if (j > i && c.m[j].ord == c.m[j - 1].ord + 1 && c.m[j].word != c.m[j - 1].word)
				adjacent++;
			count++;
		}
		long score = distinct * 1000 + adjacent * 100 + (count > 20 ? 20 : count) * 10 +
			     c.m[i].strength;
		if (score > best_score) {
			best_score = score;
			best = i;
		}
	}
	free(cstart);

	size_t start = 0;
	if (c.n) {
		size_t m0 = c.m[best].off;
		/* a little context before the first match, from a sentence start
		 * when one is close */
		start = back_chars(text, m0, max_chars / 6);
		for (size_t i = m0; i > start; i--) {
			unsigned char ch = (unsigned char)text[i - 1];
			if (ch == '\n' || ((ch == '.' || ch == '!' || ch == '?') && i < m0 && is_space((unsigned char)text[i]))) {
				start = i;
				break;
			}
		}
		if (start > 0 && start < m0) {
			/* cut at a word boundary: skip the partial word */
			while (start < m0 && !is_space((unsigned char)text[start - 1]))
				start++;
		}
	}
	while (start < n && is_space((unsigned char)text[start]))
		start++;
	size_t end = advance_chars(text, n, start, max_chars);
	if (end < n) {
		size_t e2 = end;
		while (e2 > start && !is_space((unsigned char)text[e2]))
			e2--;
		if (e2 > start + (end - start) / 2)
			end = e2;
	}
	while (end > start && is_space((unsigned char)text[end - 1]))
		end--;
	/* the scan stopped once one stretch held every word; the words after
	 * that point inside the snippet are marked too */
	if (c.stopped && c.stopped < end && (rc = find_more(t, text, c.stopped, end, &c))) {
		free(c.m);
		return rc;
	}

	/* copy, collapsing whitespace, moving the marks along; the copy is no
	 * longer than the window plus the two "…" (collapsing only shortens),
	 * so it is written straight into storage reserved once */
	vn_buf b = VN_BUF_INIT;
	vn_query_span *sp = NULL;
	size_t nsp = 0;
	int err = vn_buf_reserve(&b, (end > start ? end - start : 0) + 8) != 0;
	char *o = b.data;
	size_t ol = 0;
	if (!err && start > 0) {
		memcpy(o, "… ", 4);
		ol = 4;
	}
	size_t k = 0;
	while (k < c.n && c.m[k].off < start)
		k++;
	if (c.n)
		sp = malloc(c.n * sizeof *sp);
	if (c.n && !sp)
		err = 1;
	int in_space = 0;
	for (size_t i = start; i < end && !err;) {
		if (k < c.n && c.m[k].off == i && c.m[k].off + c.m[k].len <= end) {
			sp[nsp++] = (vn_query_span){ (uint32_t)ol, c.m[k].len };
			memcpy(o + ol, text + i, c.m[k].len);
			ol += c.m[k].len;
			i += c.m[k].len;
			k++;
			in_space = 0;
			while (k < c.n && c.m[k].off < i)
				k++;
			continue;
		}
		while (k < c.n && c.m[k].off < i)
			k++;
		unsigned char ch = (unsigned char)text[i];
		if (is_space(ch)) {
			if (!in_space)
				o[ol++] = ' ';
			in_space = 1;
		} else {
			o[ol++] = (char)ch;
			in_space = 0;
		}
		i++;
	}
	if (!err && end < n) {
		memcpy(o + ol, " …", 4);
		ol += 4;
	}
	if (!err) {
		o[ol] = 0;
		b.len = ol;
	}
	free(c.m);
	if (err) {
		free(sp);
		vn_buf_free(&b);
		return VN_ENOMEM;
	}
	*out_snippet = vn_buf_detach(&b, NULL);
	if (!*out_snippet) {
		free(sp);
		return VN_ENOMEM;
	}
	if (nsp) {
		*out_marks = sp;
		*out_nmarks = nsp;
	} else {
		free(sp);
	}
	return 0;
}
