/*
 * suggest.c — "did you mean": learned from the index itself, never forced.
 *  1. raw Telex ("ddangr vieen") when every word decodes to a syllable the
 *     index has and the words as typed are not in it;
 *  2. a misspelt word (its key absent from the index) → the indexed key at
 *     edit distance 1 that most often stands beside its neighbours (bigram
 *     terms), else the most frequent one (bounded: only absent words, only
 *     ASCII keys of 2..24 letters, at most 4 words per query);
 *  3. words typed without accents → the most frequent accented form in the
 *     index's A<key> metadata (vn_schema.h), bigrams first, then syllables,
 *     offered only when that form is frequent and clearly the usual one;
 *  4. a word typed with the wrong marks → the usual form: a pair the index
 *     (almost) never has as typed while one word's other form makes a very
 *     common pair ("nghỉ quyết" → "nghị quyết"), or a form the index never
 *     has ("phát triễn" → "phát triển").
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vn_db.h"
#include "vn_query.h"
#include "vn_query_int.h"
#include "vn_schema.h"
#include "vn_text.h"


#define MAX_WORDS 16
#define BIGRAM_MIN 2
#define SYLLABLE_MIN 3
/* A pair typed with a slip: its usual form is clearly the usual one
 * (PAIR_SLIP_SHARE of the pair's forms), common (in one article of
 * PAIR_SLIP_PER_DOCS, at least PAIR_SLIP_MIN times) and PAIR_SLIP_RATIO
 * times as common as the pair as typed. On 1,000 accented title runs of
 * ../shared/corpus (correct text) this offers 9 needless suggestions. */
#define PAIR_SLIP_SHARE 0.8
#define PAIR_SLIP_PER_DOCS 400
#define PAIR_SLIP_MIN 20
#define PAIR_SLIP_RATIO 200

typedef struct sword {
	char key[64], exact[64];
	unsigned flags;
	char choice[128]; /* chosen form ("" = as typed) */
	int corrected;    /* a misspelling replaced: key and exact are the fix */
	size_t offset, length; /* where the word stands in the query */
} sword;

typedef struct sctx {
	sword w[MAX_WORDS];
	size_t n;
	int overflow;
} sctx;

static int collect(const vn_token *t, void *payload)
{
	sctx *c = payload;
	if (c->n == MAX_WORDS || t->key_len >= 64 || t->exact_len >= 64) {
		c->overflow = 1;
		return 1;
	}
	sword *w = &c->w[c->n++];
	memset(w, 0, sizeof *w);
	memcpy(w->key, t->key, t->key_len);
	memcpy(w->exact, t->exact, t->exact_len);
	w->flags = t->flags;
	w->offset = t->offset;
	w->length = t->length;
	return 0;
}

static uint32_t tf_of(vn_db *db, const char *prefix, const char *s)
{
	char term[256];
	size_t pl = strlen(prefix), sl = strlen(s);
	uint32_t tf = 0;
	if (pl + sl >= sizeof term)
		return 0;
	memcpy(term, prefix, pl);
	memcpy(term + pl, s, sl);
	if (vn_db_termfreq(db, term, pl + sl, &tf, NULL))
		return 0;
	return tf;
}

/* The A<key> metadata ("form\tcount" lines) into tmp: 1 when there is some. */
static int suggest_data(vn_db *db, vn_buf *tmp, const char *key)
{
	char mk[160];
	size_t kl = strlen(key);
	if (kl + 2 > sizeof mk)
		return 0;
	mk[0] = VN_META_SUGGEST_PREFIX[0];
	memcpy(mk + 1, key, kl + 1);
	return vn_db_get_metadata(db, mk, tmp, NULL) == 0 && tmp->len > 0;
}

/* Top form of A<key>: 1 when it is frequent enough (count ≥ min and at
 * least share of all forms), form copied to out. */
static int top_form(vn_db *db, vn_buf *tmp, const char *key, uint32_t min, double share, char *out,
		    size_t cap)
{
	if (!suggest_data(db, tmp, key))
		return 0;
	const char *s = tmp->data;
	const char *tab = strchr(s, '\t');
	if (!tab)
		return 0;
	size_t fl = (size_t)(tab - s);
	unsigned long top = strtoul(tab + 1, NULL, 10), total = 0;
	for (const char *line = s; line && *line;) {
		const char *t = strchr(line, '\t');
		if (!t)
			break;
		total += strtoul(t + 1, NULL, 10);
		line = strchr(t, '\n');
		if (line)
			line++;
	}
	if (top < min || fl + 1 > cap || (total && (double)top / (double)total < share))
		return 0;
	memcpy(out, s, fl);
	out[fl] = 0;
	return 1;
}

/* How often form stands in the index, from the A<key> value in a (as
 * top_form leaves it in its tmp), which lists the key's most frequent
 * forms with their counts. A form not listed is rarer than the last one
 * listed when the list is full (VN_META_SUGGEST_FORMS forms): it counts as
 * that one; in a shorter list every form counted is listed, and it counts
 * as 0. */
static unsigned long form_count(const vn_buf *a, const char *form)
{
	size_t fl = strlen(form), n = 0;
	unsigned long last = 0;
	for (const char *line = a->data; line && *line;) {
		const char *t = strchr(line, '\t');
		if (!t)
			break;
		last = strtoul(t + 1, NULL, 10);
		n++;
		if ((size_t)(t - line) == fl && memcmp(line, form, fl) == 0)
			return last;
		line = strchr(t, '\n');
		if (line)
			line++;
	}
	return n >= VN_META_SUGGEST_FORMS ? last : 0;
}

/* How often "a b" stands in the index as a bigram (0 when a or b is NULL). */
static uint32_t bigram_tf(vn_db *db, const char *a, const char *b)
{
	char pair[160];
	if (!a || !b || snprintf(pair, sizeof pair, "%s %s", a, b) >= (int)sizeof pair)
		return 0;
	return tf_of(db, VN_PREFIX_BIGRAM, pair);
}

/* The indexed key at edit distance 1 from key (a-z0-9 only) that best fits
 * between its neighbours left and right (keys, either may be NULL): first
 * by how often it forms a bigram with them — "phat trein" is "phat trien",
 * not the more frequent "tren" — then by its own frequency. */
static int correct(vn_db *db, const char *key, const char *left, const char *right, char *out,
		   size_t cap)
{
	static const char alpha[] = "abcdefghijklmnopqrstuvwxyz";
	size_t n = strlen(key);
	char cand[32], best[32] = "";
	uint64_t best_score = 0;
	if (n < 2 || n > 24)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((key[i] >= 'a' && key[i] <= 'z') || (key[i] >= '0' && key[i] <= '9')))
			return 0;
#define TRY()                                                                              \
	do {                                                                               \
		uint32_t tf = tf_of(db, "", cand);                                         \
		if (tf) {                                                                  \
			uint64_t pairs = (uint64_t)bigram_tf(db, left, cand) +             \
					 bigram_tf(db, cand, right);                       \
			uint64_t score = (pairs << 32) | tf;                               \
			if (score > best_score) {                                          \
				best_score = score;                                        \
				memcpy(best, cand, sizeof best);                           \
			}                                                                  \
		}                                                                          \
	} while (0)
	for (size_t i = 0; i < n; i++) { /* deletion */
		memcpy(cand, key, i);
		memcpy(cand + i, key + i + 1, n - i);
		TRY();
	}
	for (size_t i = 0; i + 1 < n; i++) { /* transposition */
		memcpy(cand, key, n + 1);
		char t = cand[i];
		cand[i] = cand[i + 1];
		cand[i + 1] = t;
		if (strcmp(cand, key))
			TRY();
	}
	for (size_t i = 0; i < n; i++) /* substitution */
		for (const char *a = alpha; *a; a++) {
			if (*a == key[i])
				continue;
			memcpy(cand, key, n + 1);
			cand[i] = *a;
			TRY();
		}
	for (size_t i = 0; i <= n; i++) /* insertion */
		for (const char *a = alpha; *a; a++) {
			memcpy(cand, key, i);
			cand[i] = *a;
			memcpy(cand + i + 1, key + i, n - i + 1);
			TRY();
		}
#undef TRY
	if (!best_score || strlen(best) + 1 > cap)
		return 0;
	memcpy(out, best, strlen(best) + 1);
	return 1;
}

/* Word i's form in the index's usual form of a pair with a neighbour, when
 * that form has the neighbour exactly as typed ("Hồ Chi Minh": "chí" beside
 * "Hồ"); the first such pair decides, also when it keeps word i as typed.
 * marked_only: only beside a word typed with marks. 1 with the form in out. */
static int form_beside(vn_db *db, vn_buf *tmp, const sctx *c, size_t i, int marked_only, char *out,
		       size_t cap)
{
	const sword *a = &c->w[i];
	for (int side = 0; side < 2; side++) {
		if ((side == 0 && i == 0) || (side == 1 && i + 1 >= c->n))
			continue;
		const sword *b = &c->w[side == 0 ? i - 1 : i + 1];
		if ((b->flags & VN_TOK_NUMBER) || (marked_only && !(b->flags & VN_TOK_MARKED)))
			continue;
		char key[160], form[160];
		const sword *l = side == 0 ? b : a, *r = side == 0 ? a : b;
		if (snprintf(key, sizeof key, "%s %s", l->key, r->key) >= (int)sizeof key ||
		    !top_form(db, tmp, key, BIGRAM_MIN, 0.4, form, sizeof form))
			continue;
		char *sp = strchr(form, ' ');
		if (!sp)
			continue;
		*sp = 0;
		const char *mine = side == 0 ? sp + 1 : form, *theirs = side == 0 ? form : sp + 1;
		if (strcmp(theirs, b->exact) == 0 && strlen(mine) < cap) {
			memcpy(out, mine, strlen(mine) + 1);
			return 1;
		}
	}
	return 0;
}

/* The unmarked word i of a query typed with accents, accented only from a
 * pair with a marked neighbour typed as the index usually has it. */
static void accent_beside_marked(vn_db *db, vn_buf *tmp, sctx *c, size_t i)
{
	form_beside(db, tmp, c, i, 1, c->w[i].choice, sizeof c->w[i].choice);
}

/* A word typed with the wrong marks ("phát triễn"): its exact form is
 * never in the index while another form of its key is. The form comes from
 * a pair with a neighbour, else from the syllable's own usual form. */
static void fix_mismarked(vn_db *db, vn_buf *tmp, sctx *c, size_t i)
{
	sword *a = &c->w[i];
	if (tf_of(db, VN_PREFIX_EXACT, a->exact) > 0 ||
	    form_beside(db, tmp, c, i, 0, a->choice, sizeof a->choice))
		return;
	char form[160];
	if (top_form(db, tmp, a->key, SYLLABLE_MIN, 0.5, form, sizeof form) && strcmp(form, a->exact) != 0 &&
	    strlen(form) < sizeof a->choice)
		memcpy(a->choice, form, strlen(form) + 1);
}

/* Two words typed with marks that are each common but not together
 * ("nghỉ quyết" for "nghị quyết", "kính tế"): the pair's usual form, when
 * the pair as typed is (almost) absent among the forms the suggestion data
 * counts for the pair's key and the usual form differs from it in one word
 * only. */
static void fix_mismarked_pair(vn_db *db, vn_buf *tmp, sctx *c, size_t i)
{
	sword *a = &c->w[i], *b = &c->w[i + 1];
	if (!((a->flags | b->flags) & VN_TOK_MARKED) || ((a->flags | b->flags) & VN_TOK_NUMBER) ||
	    a->choice[0] || b->choice[0])
		return;
	char key[160], typed[160], form[160];
	uint32_t min = vn_db_doccount(db) / PAIR_SLIP_PER_DOCS;
	if (min < PAIR_SLIP_MIN)
		min = PAIR_SLIP_MIN;
	if (snprintf(key, sizeof key, "%s %s", a->key, b->key) >= (int)sizeof key ||
	    snprintf(typed, sizeof typed, "%s %s", a->exact, b->exact) >= (int)sizeof typed ||
	    !top_form(db, tmp, key, min, PAIR_SLIP_SHARE, form, sizeof form) || strcmp(form, typed) == 0)
		return;
	if ((uint64_t)form_count(tmp, typed) * PAIR_SLIP_RATIO > form_count(tmp, form))
		return;
	char *sp = strchr(form, ' ');
	if (!sp || (size_t)(sp - form) >= sizeof a->choice || strlen(sp + 1) >= sizeof b->choice)
		return;
	*sp = 0;
	/* one slip at a time: the other word stays exactly as typed */
	int keep_a = strcmp(form, a->exact) == 0, keep_b = strcmp(sp + 1, b->exact) == 0;
	if (keep_a == keep_b)
		return;
	if (keep_a)
		memcpy(b->choice, sp + 1, strlen(sp + 1) + 1);
	else
		memcpy(a->choice, form, strlen(form) + 1);
}

/* ---- accents for a query typed without any ---------------------------------
 *
 * The most likely accented reading of the whole query, not word by word: a
 * Viterbi pass over each word's candidate forms (its A<key> syllable forms
 * and the halves of the forms its pairs with its neighbours have), scored
 * as a chain of pairs,
 *     P(f1..fn) ≈ Π P(fi fi+1 | ki ki+1) / Π P(fi | ki)   (interior words),
 * each pair's share smoothed towards the product of its syllables' shares
 * (DECODE_PRIOR pseudo-counts), so that a pair the index has never seen
 * falls back to the syllables. Greedy pairing read "so giao duc" as "sở
 * giáo đức" (the pair "so giao", then "đức" alone); the chain takes "giáo
 * dục" from the next pair. On 2,000 runs of 2-6 words of articles that are
 * not in the index (../shared/corpus-large), typed without accents: the
 * whole run right 0.629 → 0.764, words right 0.860 → 0.915.
 */
#define DECODE_FORMS 12
#define DECODE_LIST 8
#define DECODE_PRIOR 3.0

typedef struct dform {
	char s[64];
	uint32_t count; /* as a syllable form; 0 when only its pairs have it */
} dform;

typedef struct dpair {
	char a[64], b[64];
	uint32_t count;
} dpair;

typedef struct dword {
	dform f[DECODE_FORMS];
	size_t nf;
	double total;      /* Σ count + nf: add-one shares */
	dpair p[DECODE_LIST]; /* forms of the pair with the next word */
	size_t np;
	double ptotal;
	double best[DECODE_FORMS];
	unsigned char from[DECODE_FORMS];
} dword;

/* The "form\tcount" lines of A<key>, at most cap, each form split at its
 * first space into a and b when split (bigram keys). Returns how many. */
static size_t read_forms(vn_db *db, vn_buf *tmp, const char *key, int split, dpair *out, size_t cap)
{
	size_t n = 0;
	if (!suggest_data(db, tmp, key))
		return 0;
	const char *p = tmp->data, *end = tmp->data + tmp->len;
	while (p < end && n < cap) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		const char *tab = memchr(p, '\t', (size_t)(le - p));
		if (tab && tab > p) {
			const char *sp = split ? memchr(p, ' ', (size_t)(tab - p)) : NULL;
			size_t la = (size_t)((sp ? sp : tab) - p), lb = sp ? (size_t)(tab - sp - 1) : 0;
			if ((!split || (sp && lb)) && la < sizeof out->a && lb < sizeof out->b) {
				dpair *d = &out[n++];
				memcpy(d->a, p, la);
				d->a[la] = 0;
				memcpy(d->b, sp ? sp + 1 : "", lb);
				d->b[lb] = 0;
				unsigned long c = strtoul(tab + 1, NULL, 10);
				d->count = c > UINT32_MAX ? UINT32_MAX : (uint32_t)c;
			}
		}
		p = le + 1;
	}
	return n;
}

static size_t form_index(dword *d, const char *f, uint32_t count)
{
	for (size_t k = 0; k < d->nf; k++)
		if (strcmp(d->f[k].s, f) == 0)
			return k;
	if (d->nf == DECODE_FORMS || strlen(f) >= sizeof d->f[0].s)
		return DECODE_FORMS;
	memcpy(d->f[d->nf].s, f, strlen(f) + 1);
	d->f[d->nf].count = count;
	return d->nf++;
}

static double share_of(const dword *d, size_t k)
{
	return (d->f[k].count + 1.0) / d->total;
}

static uint32_t pair_count(const dword *d, const char *a, const char *b)
{
	for (size_t k = 0; k < d->np; k++)
		if (strcmp(d->p[k].a, a) == 0 && strcmp(d->p[k].b, b) == 0)
			return d->p[k].count;
	return 0;
}

static double pair_share(const dword *d, const dword *e, size_t a, size_t b)
{
	double c = pair_count(d, d->f[a].s, e->f[b].s);
	return (c + DECODE_PRIOR * share_of(d, a) * share_of(e, b)) / (d->ptotal + DECODE_PRIOR);
}

/* Words c->w[lo..hi) (typed without marks, no numbers among them) get the
 * accents of the chain's best reading in their choice. A form is offered
 * only on evidence: a pair with a neighbour's chosen form seen BIGRAM_MIN
 * times, or, without one, a syllable form seen SYLLABLE_MIN times — and, for
 * a word with no pair data beside it, at least half of its key's forms
 * ("dat" alone may be đất, đạt or đặt; "UBND tinh" has no pair data). */
static int decode_accents(vn_db *db, vn_buf *tmp, sctx *c, size_t lo, size_t hi)
{
	size_t n = hi - lo;
	if (n == 0)
		return 0;
	dword *d = calloc(n, sizeof *d);
	if (!d)
		return VN_ENOMEM;
	dpair list[DECODE_LIST];
	for (size_t i = 0; i < n; i++) {
		size_t m = read_forms(db, tmp, c->w[lo + i].key, 0, list, DECODE_LIST);
		for (size_t k = 0; k < m; k++)
			form_index(&d[i], list[k].a, list[k].count);
	}
	for (size_t i = 0; i + 1 < n; i++) {
		char key[160];
		if (snprintf(key, sizeof key, "%s %s", c->w[lo + i].key, c->w[lo + i + 1].key) >= (int)sizeof key)
			continue;
		d[i].np = read_forms(db, tmp, key, 1, d[i].p, DECODE_LIST);
		for (size_t k = 0; k < d[i].np; k++) {
			d[i].ptotal += d[i].p[k].count;
			form_index(&d[i], d[i].p[k].a, 0);
			form_index(&d[i + 1], d[i].p[k].b, 0);
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (d[i].nf == 0) /* the index has no form of it: as typed */
			form_index(&d[i], c->w[lo + i].exact, 0);
		d[i].total = d[i].nf;
		for (size_t k = 0; k < d[i].nf; k++)
			d[i].total += d[i].f[k].count;
	}
	for (size_t k = 0; k < d[0].nf; k++)
		d[0].best[k] = n == 1 ? log(share_of(&d[0], k)) : 0;
	for (size_t i = 1; i < n; i++)
		for (size_t b = 0; b < d[i].nf; b++) {
			double best = -HUGE_VAL;
			for (size_t a = 0; a < d[i - 1].nf; a++) {
				double v = d[i - 1].best[a] + log(pair_share(&d[i - 1], &d[i], a, b));
				if (v > best) {
					best = v;
					d[i].from[b] = (unsigned char)a;
				}
			}
			d[i].best[b] = best - (i + 1 < n ? log(share_of(&d[i], b)) : 0);
		}
	size_t pick[MAX_WORDS], k = 0;
	for (size_t b = 1; b < d[n - 1].nf; b++)
		if (d[n - 1].best[b] > d[n - 1].best[k])
			k = b;
	for (size_t i = n; i-- > 0;) {
		pick[i] = k;
		if (i)
			k = d[i].from[k];
	}
	for (size_t i = 0; i < n; i++) {
		sword *w = &c->w[lo + i];
		const dform *f = &d[i].f[pick[i]];
		int paired = (i > 0 && pair_count(&d[i - 1], d[i - 1].f[pick[i - 1]].s, f->s) >= BIGRAM_MIN) ||
			     (i + 1 < n && pair_count(&d[i], f->s, d[i + 1].f[pick[i + 1]].s) >= BIGRAM_MIN);
		int context = (i > 0 && d[i - 1].np) || (i + 1 < n && d[i].np);
		int alone = f->count >= SYLLABLE_MIN && (context || f->count + 1.0 >= 0.5 * d[i].total);
		if ((paired || alone) && strcmp(f->s, w->exact) != 0 && strlen(f->s) < sizeof w->choice)
			memcpy(w->choice, f->s, strlen(f->s) + 1);
	}
	free(d);
	return 0;
}

/* The words of s (one word decoded from Telex) are real: each one's exact
 * form, or its key when it has no marks, is indexed. */
static int real_words(vn_db *db, vn_text *t, const char *s, size_t n)
{
	sctx d;
	d.n = 0;
	d.overflow = 0;
	vn_text_tokenize(t, s, n, 0, collect, &d);
	if (d.overflow || d.n == 0)
		return 0;
	for (size_t i = 0; i < d.n; i++) {
		int marked = strcmp(d.w[i].exact, d.w[i].key) != 0;
		if (!(marked ? tf_of(db, VN_PREFIX_EXACT, d.w[i].exact) : tf_of(db, "", d.w[i].key)))
			return 0;
	}
	return 1;
}

/* Telex word by word, when the whole query is not Telex: a word that is no
 * syllable but that the index has as typed ("tp", "UBND") stands beside the
 * decoded ones ("tp hoof chis minh" → "tp hồ chí minh"). At least one word
 * must decode. raw: the query's words, one of them not indexed. */
static int telex_words(vn_db *db, vn_text *t, const char *q, size_t n, const sctx *raw, char **out)
{
	vn_buf s = VN_BUF_INIT, w = VN_BUF_INIT;
	size_t at = 0;
	int decoded = 0, ok = raw->n >= 2, err = 0;
	for (size_t i = 0; i < raw->n && ok && !err; i++) {
		const sword *r = &raw->w[i];
		if (r->offset < at || r->offset + r->length > n) {
			ok = 0;
			break;
		}
		err |= vn_buf_append(&s, q + at, r->offset - at);
		at = r->offset + r->length;
		vn_buf_clear(&w);
		int rc = vn_text_telex(t, q + r->offset, r->length, &w);
		if (rc < 0) {
			err = 1;
		} else if (rc == 1 && w.len && real_words(db, t, w.data, w.len)) {
			err |= vn_buf_append(&s, w.data, w.len);
			decoded = 1;
		} else if ((r->flags & VN_TOK_NUMBER) || tf_of(db, "", r->key)) {
			err |= vn_buf_append(&s, q + r->offset, r->length);
		} else {
			ok = 0;
		}
	}
	err |= vn_buf_append(&s, q + at, n - at);
	vn_buf_free(&w);
	if (err || !ok || !decoded) {
		vn_buf_free(&s);
		return err ? VN_ENOMEM : 0;
	}
	*out = vn_buf_detach(&s, NULL);
	return *out ? 1 : VN_ENOMEM;
}

/* Raw Telex or VNI: the whole query decoded, else word by word; only when
 * some word typed is not in the index (else the query is fine as typed)
 * and every decoded word is. */
static int telex(vn_db *db, vn_text *t, const char *q, size_t n, char **out)
{
	sctx raw;
	raw.n = 0;
	raw.overflow = 0;
	vn_text_tokenize(t, q, n, 0, collect, &raw);
	int raw_known = 1;
	for (size_t i = 0; i < raw.n && raw_known; i++)
		raw_known = tf_of(db, "", raw.w[i].key) != 0;
	if (raw_known || raw.overflow || raw.n == 0)
		return 0;
	vn_buf dec = VN_BUF_INIT;
	int rc = vn_text_telex(t, q, n, &dec);
	if (rc < 0)
		return rc;
	if (rc == 1 && dec.len && real_words(db, t, dec.data, dec.len)) {
		*out = vn_buf_detach(&dec, NULL);
		return *out ? 1 : VN_ENOMEM;
	}
	vn_buf_free(&dec);
	return telex_words(db, t, q, n, &raw, out);
}

int vq_suggest(vn_query_engine *e, const char *q, size_t n, char **out)
{
	struct vq_engine_view v;
	*out = NULL;
	vq_engine_view(e, &v);
	if (n == 0)
		return 0;
	int rc = telex(v.db, v.text, q, n, out);
	if (rc)
		return rc < 0 ? rc : 0;

	sctx c;
	memset(&c, 0, sizeof c);
	rc = vn_text_tokenize(v.text, q, n, 0, collect, &c);
	if (rc < 0)
		return rc;
	if (c.overflow || c.n == 0)
		return 0;
	int changed = 0, corrections = 0;
	vn_buf tmp = VN_BUF_INIT;
	/* misspellings first, so the corrected word can be accented below */
	for (size_t i = 0; i < c.n; i++) {
		sword *w = &c.w[i];
		if ((w->flags & VN_TOK_NUMBER) || tf_of(v.db, "", w->key) || corrections >= 4)
			continue;
		char fixed[64];
		corrections++;
		const char *left = i ? c.w[i - 1].key : NULL;
		const char *right = i + 1 < c.n && !(c.w[i + 1].flags & VN_TOK_NUMBER) ? c.w[i + 1].key : NULL;
		if (correct(v.db, w->key, left, right, fixed, sizeof fixed)) {
			memcpy(w->key, fixed, sizeof fixed);
			memcpy(w->exact, fixed, sizeof fixed);
			w->flags &= ~(unsigned)VN_TOK_MARKED;
			memcpy(w->choice, fixed, strlen(fixed) + 1);
			w->corrected = 1;
			changed = 1;
		}
	}
	/* accents, only for words typed without. A query typed with accents
	 * has its unmarked words meant as they are ("Việt Nam" is not "việt
	 * năm" because năm is the usual form of nam): there only a pair with a
	 * marked neighbour typed as the index usually has it may accent them. */
	int typed_marks = 0;
	for (size_t i = 0; i < c.n; i++)
		typed_marks |= (c.w[i].flags & VN_TOK_MARKED) != 0;
	for (size_t i = 0; i + 1 < c.n; i++)
		fix_mismarked_pair(v.db, &tmp, &c, i);
	for (size_t i = 0; i < c.n; i++)
		if ((c.w[i].flags & VN_TOK_MARKED) && !(c.w[i].flags & VN_TOK_NUMBER) && !c.w[i].choice[0] &&
		    tf_of(v.db, "", c.w[i].key))
			fix_mismarked(v.db, &tmp, &c, i);
	for (size_t i = 0; i < c.n && typed_marks; i++)
		if (!(c.w[i].flags & (VN_TOK_MARKED | VN_TOK_NUMBER)))
			accent_beside_marked(v.db, &tmp, &c, i);
	/* typed without any accents: each run of words between numbers is read
	 * as a whole */
	rc = 0;
	for (size_t i = 0; i < c.n && !typed_marks && rc == 0;) {
		size_t j = i;
		while (j < c.n && !(c.w[j].flags & VN_TOK_NUMBER))
			j++;
		rc = decode_accents(v.db, &tmp, &c, i, j);
		i = j + 1;
	}
	if (rc) {
		vn_buf_free(&tmp);
		return rc;
	}
	/* the query as typed, its words replaced: "1852/QD-UBND" keeps its
	 * slash and hyphen ("1852/QĐ-UBND") */
	vn_buf s = VN_BUF_INIT;
	int err = 0;
	size_t at = 0;
	for (size_t i = 0; i < c.n; i++) {
		const sword *w = &c.w[i];
		const char *f = w->choice[0] ? w->choice : w->exact;
		if (w->offset < at || w->offset + w->length > n)
			continue; /* not in q as typed (cannot happen for canonical text) */
		err |= vn_buf_append(&s, q + at, w->offset - at);
		at = w->offset + w->length;
		/* an abbreviation as the list writes it ("hdnd" → "HĐND": a change
		 * when it brings the đ typed as d), other words in the case typed
		 * ("Nguyen Phu Trong" → "Nguyễn Phú Trọng") */
		const char *shown = w->flags & VN_TOK_SYLLABLE ? NULL : vq_synonyms_shown(v.syn, w->key);
		if (shown && !(w->flags & VN_TOK_MARKED) && !vn_is_ascii(shown, strlen(shown)) &&
		    vn_text_canonical(v.text, shown, strlen(shown), &tmp) == 0) {
			changed = 1;
			err |= vn_buf_append(&s, tmp.data, tmp.len);
		} else if (strcmp(f, w->exact) == 0 && !w->corrected) {
			err |= vn_buf_append(&s, q + w->offset, w->length);
		} else {
			changed = 1;
			if (vn_text_recase(f, strlen(f), w->flags, &tmp) == 0)
				err |= vn_buf_append(&s, tmp.data, tmp.len);
			else
				err |= vn_buf_puts(&s, f);
		}
	}
	err |= vn_buf_append(&s, q + at, n - at);
	vn_buf_free(&tmp);
	if (err) {
		vn_buf_free(&s);
		return VN_ENOMEM;
	}
	if (!changed) {
		vn_buf_free(&s);
		return 0;
	}
	*out = vn_buf_detach(&s, NULL);
	return *out ? 0 : VN_ENOMEM;
}
