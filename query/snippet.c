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
#include "vn_text.h"

/* Bodies are long; the window is looked for in the first part only, which
 * bounds the work per hit. */
#define SNIPPET_SCAN_BYTES (64u * 1024u)
#define SNIPPET_MAX_MATCHES 512

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
		c->m[c->n++] = (match){ (uint32_t)t->offset, (uint32_t)t->length, ord, (uint16_t)i, strength };
		if (c->window && c->nwords <= 64 && (!w->marked || strength == 3)) {
			/* a word typed with accents counts in its exact form only,
			 * the form the window choice prefers */
			c->last[i] = (uint32_t)t->offset + 1;
			size_t k = 0;
			while (k < c->nwords && c->last[k] && c->last[k] + c->window > t->offset + 1)
				k++;
			if (k == c->nwords)
				return 1;
		}
		break;
	}
	return 0;
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

static int find(vn_text *t, const char *s, size_t n, const vq_qword *words, size_t nwords, size_t window,
		mctx *c)
{
	memset(c, 0, sizeof *c);
	c->words = words;
	c->nwords = nwords;
	c->window = window;
	for (size_t i = 0; i < nwords && i < 64; i++)
		c->klen[i] = (uint32_t)strlen(words[i].key);
	for (size_t i = 0; i < nwords; i++)
		c->sig |= key_sig(words[i].key, strlen(words[i].key));
	if (nwords == 0 || n == 0)
		return 0;
	int rc = vn_text_tokenize(t, s, n, 0, on_token, c);
	if (c->rc)
		return c->rc;
	if (rc < 0)
		return rc;
	prune(c);
	return 0;
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
	int rc = find(t, text, n, words, nwords, 0, &c);
	if (!rc)
		rc = spans_out(&c, 0, n, 0, out_marks, out_nmarks);
	free(c.m);
	return rc;
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
	int rc = find(t, text, scan, words, nwords, max_chars / 2, &c);
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
		for (; pos < a; pos++)
			chars += ((unsigned char)text[pos] & 0xc0) != 0x80;
		cstart[i] = (uint32_t)chars;
		for (; pos < e; pos++)
			chars += ((unsigned char)text[pos] & 0xc0) != 0x80;
		cend[i] = (uint32_t)chars;
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

	/* copy, collapsing whitespace, moving the marks along */
	vn_buf b = VN_BUF_INIT;
	vn_query_span *sp = NULL;
	size_t nsp = 0;
	int err = 0;
	if (start > 0)
		err |= vn_buf_puts(&b, "… ");
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
			sp[nsp++] = (vn_query_span){ (uint32_t)b.len, c.m[k].len };
			err |= vn_buf_append(&b, text + i, c.m[k].len);
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
				err |= vn_buf_putc(&b, ' ');
			in_space = 1;
		} else {
			err |= vn_buf_putc(&b, (char)ch);
			in_space = 0;
		}
		i++;
	}
	if (end < n)
		err |= vn_buf_puts(&b, " …");
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
