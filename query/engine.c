/*
 * engine.c — vn_query_open / vn_query_run: the parsed query (parse.c) is
 * turned into a Xapian query over the terms of vn_schema.h, run, and the
 * page's hits are dressed with snippets, marks, facets and a suggestion.
 *
 * Matching per word (query words go through the same text core as the
 * indexed text, never used raw):
 *   typed with marks:  X<exact>·W_EXACT  OR  T<tonefree>·W_TONE  OR  key
 *   typed without:     key (every accent variant), OR Z<stem> for English
 * so "đảng" ranks đảng above đang above dạng, and "dang" finds them all.
 * Words of a run are ANDed (OR when nothing has them all), and boosted
 * (AND_MAYBE) by folded bigrams B, title terms S and title bigrams SB:
 * this is what ranks "Đảng viên" first for "dang vien".
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "vn_db.h"
#include "vn_pairs.h"
#include "vn_query.h"
#include "vn_query_int.h"
#include "vn_schema.h"
#include "vn_text.h"

#ifndef VN_DEFAULT_SYNONYMS
#define VN_DEFAULT_SYNONYMS "query/synonyms.txt"
#endif
#ifndef VN_INSTALLED_SYNONYMS
#define VN_INSTALLED_SYNONYMS "/usr/local/share/vnsearch/synonyms.txt"
#endif

/* Ranking weights; vq_tune documents each. */
typedef struct vq_weights {
	double exact, tone, stem;     /* per-word alternatives over the key (1.0) */
	double bigram, bigram_plain;  /* B boost: accented query / unaccented query */
	double bigram_exact;          /* P boost: a pair typed with accents found with them */
	double title, title_bigram;   /* S and SB boosts */
	double title_all;             /* every word of a run in the title */
	double title_phrase;          /* ... standing together, in order */
	double k1, b;                 /* BM25 */
	double recency;               /* hybrid: recency weight per query word */
	double bigram_idf, idf_ref;   /* B boost × (idf/idf_ref)^bigram_idf: -1 = each
				       * pair weighs alike whatever its rarity */
	double tb_idf;                /* the same for the SB boost */
	/* re-ranking of the rr_k best candidates by features BM25 does not see;
	 * each feature lies in [0, 1] and adds to the candidate's weight
	 * divided by the best candidate's */
	double rr_k;                  /* candidates re-ranked (0: no re-ranking) */
	double rr_run, rr_runx;       /* longest run of query words standing together
				       * in the title, folded / with the accents typed */
	double rr_full, rr_fullx;     /* the whole run of words in the title as typed */
	double rr_fullnum;            /* ... rr_full for a run with a number in it: a
				       * document's number in its title ("Thông tư số
				       * 08/2023/TT-…" for "thông tư 08/2023") singles it
				       * out among the many texts that cite it */
	double rr_cov, rr_covx;       /* share of the query words in the title */
	double rr_len;                /* share of the title the query covers */
	double rr_lenfull;            /* ... when every run stands whole in the title */
	double rr_pairs;              /* share of the query's adjacent pairs found adjacent */
	double rr_pairsx;             /* share of its pairs typed with accents found so (VN_SLOT_PAIRS) */
	double rr_recency;            /* hybrid: 2^(-age/half-life) */
	double rr_l0;                 /* title features × min(1, rr_l0 / title tokens):
				       * some sources put a whole lead paragraph in the title */
	double xt_df;                 /* in a run of two or more words, X and T terms in more
				       * than this share of the articles stay out of the search */
	double key_df;                /* ... and a word whose form typed (X when typed with
				       * accents, else the key) is in more than this share
				       * is not required (0: every word is) */
} vq_weights;

/* Tuned with bench/query/eval.sh on known-item sets of ../shared/corpus
 * (bench/quality/make_sets.py): a low k1 (term frequency saturates fast,
 * close to counting the distinct words and pairs matched) and strong
 * bigram evidence gave the best MRR for both title and body queries. */
static const vq_weights default_weights = {
	.exact = 1.0, .tone = 0.5, .stem = 0.7,
	.bigram = 8.0, .bigram_plain = 8.0, .bigram_exact = 0,
	.title = 0, .title_bigram = 0, .title_all = 2.5, .title_phrase = 0,
	.k1 = 0.5, .b = 0.75,
	.recency = 0.4,
	.bigram_idf = -1.0, .idf_ref = 5.5, .tb_idf = -1.0,
	.rr_k = 20, .rr_run = 0, .rr_runx = 0, .rr_full = 0.5, .rr_fullx = 0.2, .rr_fullnum = 1.5,
	.rr_cov = 0, .rr_covx = 0, .rr_len = 0.05, .rr_lenfull = 0.4, .rr_pairs = 0.5, .rr_recency = 0.15,
	.rr_pairsx = 1,
	.rr_l0 = 20,
	.xt_df = 0.1, .key_df = 0.6,
};

/* Below this many articles document frequencies say little about how
 * common a word is, and key_df is not applied. */
#define KEY_DF_MIN_DOCS 1000

struct vn_query_engine {
	vn_db *db;
	vn_text *text;      /* "vi": query words, snippets */
	vn_text *text_en;   /* stems for English words; made on first need */
	vq_synonyms syn;
	vn_query_config cfg;
	vq_weights w;
	char newest[9];     /* newest article date: "now" for the recency decay */
	uint32_t doccount;
	vn_buf term, data, tmp;
};

static void tune_from_env(vq_weights *w)
{
	/* VN_QUERY_TUNE="exact=1,tone=0.5,..." — a benchmark aid (bench/query). */
	const char *s = getenv("VN_QUERY_TUNE");
	if (!s)
		return;
	char name[32];
	double v;
	int used;
	while (sscanf(s, " %31[a-z0-9_]=%lf%n", name, &v, &used) == 2) {
		if (!strcmp(name, "exact")) w->exact = v;
		else if (!strcmp(name, "tone")) w->tone = v;
		else if (!strcmp(name, "stem")) w->stem = v;
		else if (!strcmp(name, "bigram")) w->bigram = v;
		else if (!strcmp(name, "bigram_plain")) w->bigram_plain = v;
		else if (!strcmp(name, "bigram_exact")) w->bigram_exact = v;
		else if (!strcmp(name, "title")) w->title = v;
		else if (!strcmp(name, "title_bigram")) w->title_bigram = v;
		else if (!strcmp(name, "title_all")) w->title_all = v;
		else if (!strcmp(name, "title_phrase")) w->title_phrase = v;
		else if (!strcmp(name, "k1")) w->k1 = v;
		else if (!strcmp(name, "b")) w->b = v;
		else if (!strcmp(name, "recency")) w->recency = v;
		else if (!strcmp(name, "bigram_idf")) w->bigram_idf = v;
		else if (!strcmp(name, "idf_ref")) w->idf_ref = v;
		else if (!strcmp(name, "tb_idf")) w->tb_idf = v;
		else if (!strcmp(name, "rr_k")) w->rr_k = v;
		else if (!strcmp(name, "rr_run")) w->rr_run = v;
		else if (!strcmp(name, "rr_runx")) w->rr_runx = v;
		else if (!strcmp(name, "rr_full")) w->rr_full = v;
		else if (!strcmp(name, "rr_fullx")) w->rr_fullx = v;
		else if (!strcmp(name, "rr_fullnum")) w->rr_fullnum = v;
		else if (!strcmp(name, "rr_cov")) w->rr_cov = v;
		else if (!strcmp(name, "rr_covx")) w->rr_covx = v;
		else if (!strcmp(name, "rr_len")) w->rr_len = v;
		else if (!strcmp(name, "rr_lenfull")) w->rr_lenfull = v;
		else if (!strcmp(name, "rr_pairs")) w->rr_pairs = v;
		else if (!strcmp(name, "rr_pairsx")) w->rr_pairsx = v;
		else if (!strcmp(name, "rr_recency")) w->rr_recency = v;
		else if (!strcmp(name, "rr_l0")) w->rr_l0 = v;
		else if (!strcmp(name, "xt_df")) w->xt_df = v;
		else if (!strcmp(name, "key_df")) w->key_df = v;
		s += used;
		if (*s == ',')
			s++;
	}
}

static void find_newest(vn_query_engine *e)
{
	/* The date slot's upper bound comes from the index statistics, so
	 * opening the engine (once per CGI request) reads no document. */
	e->newest[0] = 0;
	if (vn_db_value_upper_bound(e->db, VN_SLOT_DATE, &e->tmp, NULL) == 0 && e->tmp.len == 8)
		memcpy(e->newest, e->tmp.data, 9);
	if (!e->newest[0]) {
		time_t now = time(NULL);
		struct tm tm;
		gmtime_r(&now, &tm);
		char buf[32];
		snprintf(buf, sizeof buf, "%04d%02d%02d", (tm.tm_year + 1900) % 10000, (tm.tm_mon + 1) % 100,
			 tm.tm_mday % 100);
		memcpy(e->newest, buf, 8);
		e->newest[8] = 0;
	}
}

int vn_query_open(vn_query_engine **out, const char *const *paths, size_t npaths,
		  const vn_query_config *cfg, vn_error *err)
{
	*out = NULL;
	if (!paths || npaths == 0)
		return vn_error_set(err, VN_EINVAL, "no index given");
	vn_query_engine *e = calloc(1, sizeof *e);
	if (!e)
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	vn_query_config def = VN_QUERY_CONFIG_INIT;
	e->cfg = cfg ? *cfg : def;
	if (e->cfg.half_life_days <= 0)
		e->cfg.half_life_days = 365;
	if (e->cfg.no_time_limit)
		e->cfg.time_limit = 0; /* the shim's "no limit": no timer, no thread */
	else if (e->cfg.time_limit <= 0)
		e->cfg.time_limit = 2.0;
	if (e->cfg.max_query_bytes == 0)
		e->cfg.max_query_bytes = 1024;
	if (e->cfg.max_terms == 0)
		e->cfg.max_terms = 32;
	if (e->cfg.snippet_chars == 0)
		e->cfg.snippet_chars = 240;
	if (e->cfg.facet_sample == 0)
		e->cfg.facet_sample = 2000;
	e->cfg.synonyms_path = NULL; /* not kept: the caller's string */
	e->w = default_weights;
	tune_from_env(&e->w);

	int rc = vn_db_open(&e->db, paths, npaths, err);
	if (rc)
		goto fail;
	vn_buf fmt = VN_BUF_INIT;
	rc = vn_db_get_metadata(e->db, VN_META_FORMAT, &fmt, err);
	if (!rc) {
		char want[16];
		snprintf(want, sizeof want, "%d", VN_INDEX_FORMAT);
		if (fmt.len == 0)
			rc = vn_error_set(err, VN_EVERSION, "%s: not a vnsearch index (no %s)", paths[0],
					  VN_META_FORMAT);
		else if (strcmp(fmt.data, want) != 0)
			rc = vn_error_set(err, VN_EVERSION,
					  "%s: index format %s, this program reads format %s: rebuild it with vnindex --rebuild",
					  paths[0], fmt.data, want);
	}
	vn_buf_free(&fmt);
	if (rc)
		goto fail;
	if ((rc = vn_text_new(&e->text, "vi", err)))
		goto fail;
	if (cfg && cfg->synonyms_path) {
		if ((rc = vq_synonyms_load(&e->syn, e->text, cfg->synonyms_path, err)))
			goto fail;
	} else {
		/* the default list is optional: a missing file means no synonyms */
		/* Installed copy first (a server), then the source tree's (a
		 * developer's build). */
		static const char *const defaults[] = { VN_INSTALLED_SYNONYMS, VN_DEFAULT_SYNONYMS };
		for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++) {
			vn_error ignore = VN_ERROR_INIT;
			int lrc = vq_synonyms_load(&e->syn, e->text, defaults[i], &ignore);
			if (lrc == VN_ENOMEM) {
				rc = vn_error_set(err, VN_ENOMEM, "out of memory");
				goto fail;
			}
			if (lrc == 0)
				break;
		}
	}
	e->doccount = vn_db_doccount(e->db);
	find_newest(e);
	*out = e;
	return 0;
fail:
	vn_query_close(e);
	return rc;
}

void vn_query_close(vn_query_engine *e)
{
	if (!e)
		return;
	vn_db_free(e->db);
	vn_text_free(e->text);
	vn_text_free(e->text_en);
	vq_synonyms_free(&e->syn);
	vn_buf_free(&e->term);
	vn_buf_free(&e->data);
	vn_buf_free(&e->tmp);
	free(e);
}

/* The English text engine, made when a query first needs stems: most
 * queries never do, and a plain-CGI process answers one query. */
static int engine_text_en(vn_query_engine *e, vn_text **out, vn_error *err)
{
	if (!e->text_en) {
		int rc = vn_text_new(&e->text_en, "en", err);
		if (rc)
			return rc;
	}
	*out = e->text_en;
	return 0;
}

/* ---- building the Xapian query -------------------------------------------- */

typedef struct qtok {
	char *exact, *tonefree, *key, *stem;
	unsigned flags;
	size_t offset, length; /* in the run's text */
} qtok;

typedef struct qb {
	vn_query_engine *e;
	vn_error *err;
	int rc;
	int loose;          /* OR the words of a run instead of AND */
	int stem_mode;      /* 0 never, 1 auto (ASCII words with Z terms), 2 always */
	vq_qword *qw;       /* words to highlight */
	size_t nqw, capqw;
	size_t nwords;      /* positive words searched */
	int exclude_only;   /* only negations ("-covid category:y-te"): the query is
			     * every article but those, browsed */
	size_t nruns_multi; /* runs with two or more words (for the loose retry) */
	double est_weight;  /* rough top weight of the query, for the recency scale */
	/* tokens of the run being built */
	qtok *toks;
	size_t ntoks, captoks;
	/* every positive word of the query in order, for the re-ranking */
	struct rrword { char *exact, *key; size_t exact_len, key_len; int marked; uint32_t run; } *rw;
	size_t nrw, caprw;
	uint32_t nruns;
} qb;

typedef struct qlist {
	vn_db_query **q;
	size_t n, cap;
} qlist;

static void ql_free(qlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		vn_db_query_free(l->q[i]);
	free(l->q);
	l->q = NULL;
	l->n = l->cap = 0;
}

static void ql_push(qb *B, qlist *l, vn_db_query *q)
{
	if (!q)
		return;
	if (l->n == l->cap) {
		size_t nc = l->cap ? l->cap * 2 : 8;
		vn_db_query **nq = realloc(l->q, nc * sizeof *nq);
		if (!nq) {
			vn_db_query_free(q);
			B->rc = vn_error_set(B->err, VN_ENOMEM, "out of memory");
			return;
		}
		l->q = nq;
		l->cap = nc;
	}
	l->q[l->n++] = q;
}

/* Combines and frees the list; one element is returned as is. */
static vn_db_query *ql_take(qb *B, qlist *l, int op, unsigned param)
{
	vn_db_query *q = NULL;
	if (B->rc || l->n == 0) {
		ql_free(l);
		return NULL;
	}
	if (l->n == 1 && op != VN_DBQ_PHRASE) {
		q = l->q[0];
		l->n = 0;
		ql_free(l);
		return q;
	}
	B->rc = vn_db_query_combine(&q, op, l->q, l->n, param, B->err);
	ql_free(l);
	return B->rc ? NULL : q;
}

static vn_db_query *combine2(qb *B, int op, vn_db_query *a, vn_db_query *b)
{
	if (!a || !b) {
		vn_db_query_free(b);
		return a ? a : NULL;
	}
	vn_db_query *subs[2] = { a, b }, *q = NULL;
	if (!B->rc)
		B->rc = vn_db_query_combine(&q, op, subs, 2, 0, B->err);
	vn_db_query_free(a);
	vn_db_query_free(b);
	return q;
}

static vn_db_query *scaled(qb *B, vn_db_query *q, double f)
{
	if (!q || f == 1.0)
		return q;
	vn_db_query *s = NULL;
	if (!B->rc)
		B->rc = vn_db_query_scale(&s, q, f, B->err);
	vn_db_query_free(q);
	return s;
}

/* A term prefix+a[+" "+b]; NULL when the term is not in the index (so
 * the query stays small) unless keep is set. */
static vn_db_query *term2(qb *B, const char *prefix, const char *a, const char *b, int keep,
			  uint32_t *tf_out)
{
	vn_buf *t = &B->e->term;
	uint32_t tf = 0;
	if (B->rc)
		return NULL;
	vn_buf_clear(t);
	if (vn_buf_puts(t, prefix) || vn_buf_puts(t, a) || (b && (vn_buf_putc(t, ' ') || vn_buf_puts(t, b)))) {
		B->rc = vn_error_set(B->err, VN_ENOMEM, "out of memory");
		return NULL;
	}
	if (t->len > 240)
		return NULL; /* longer than Xapian's term limit: cannot be indexed */
	int rc = vn_db_termfreq(B->e->db, t->data, t->len, &tf, B->err);
	if (rc) {
		B->rc = rc;
		return NULL;
	}
	if (tf_out)
		*tf_out = tf;
	if (!tf && !keep)
		return NULL;
	vn_db_query *q = NULL;
	B->rc = vn_db_query_term(&q, t->data, t->len, 1, B->err);
	return q;
}

static double idf(const qb *B, uint32_t tf)
{
	double n = B->e->doccount ? B->e->doccount : 1;
	return log((n + 1) / ((double)tf + 0.5));
}

static char *dupn(const char *s, size_t n)
{
	char *d = malloc(n + 1);
	if (d) {
		memcpy(d, s, n);
		d[n] = 0;
	}
	return d;
}

static void qtoks_clear(qb *B)
{
	for (size_t i = 0; i < B->ntoks; i++) {
		free(B->toks[i].exact);
		free(B->toks[i].tonefree);
		free(B->toks[i].key);
		free(B->toks[i].stem);
	}
	B->ntoks = 0;
}

static int collect_tok(const vn_token *tok, void *payload)
{
	qb *B = payload;
	if (B->ntoks == B->captoks) {
		size_t nc = B->captoks ? B->captoks * 2 : 16;
		qtok *nt = realloc(B->toks, nc * sizeof *nt);
		if (!nt)
			return VN_ENOMEM;
		B->toks = nt;
		B->captoks = nc;
	}
	qtok *q = &B->toks[B->ntoks];
	memset(q, 0, sizeof *q);
	q->exact = dupn(tok->exact, tok->exact_len);
	q->tonefree = dupn(tok->tonefree, tok->tonefree_len);
	q->key = dupn(tok->key, tok->key_len);
	q->stem = tok->stem ? dupn(tok->stem, tok->stem_len) : NULL;
	q->flags = tok->flags;
	q->offset = tok->offset;
	q->length = tok->length;
	B->ntoks++;
	if (!q->exact || !q->tonefree || !q->key || (tok->stem && !q->stem))
		return VN_ENOMEM;
	return 0;
}

static int tokenize_run(qb *B, const char *s, size_t n)
{
	qtoks_clear(B);
	vn_text *t = B->e->text;
	int rc = B->stem_mode ? engine_text_en(B->e, &t, B->err) : 0;
	if (rc)
		return B->rc = rc;
	rc = vn_text_tokenize(t, s, n, 1, collect_tok, B);
	if (rc)
		return B->rc = vn_error_set(B->err, rc, "tokenizing the query: %s", vn_strerror(rc));
	return 0;
}

/* The tokens of the run just tokenized, for the re-ranking of the top
 * candidates (titles and adjacent pairs); at most 32 words in all. */
static void record_run(qb *B)
{
	if (B->rc || B->ntoks == 0)
		return;
	uint32_t run = B->nruns++;
	for (size_t i = 0; i < B->ntoks && B->nrw < 32; i++) {
		if (B->nrw == B->caprw) {
			size_t nc = B->caprw ? B->caprw * 2 : 8;
			struct rrword *nr = realloc(B->rw, nc * sizeof *nr);
			if (!nr) {
				B->rc = vn_error_set(B->err, VN_ENOMEM, "out of memory");
				return;
			}
			B->rw = nr;
			B->caprw = nc;
		}
		struct rrword *w = &B->rw[B->nrw++];
		w->exact = strdup(B->toks[i].exact);
		w->key = strdup(B->toks[i].key);
		w->exact_len = w->exact ? strlen(w->exact) : 0;
		w->key_len = w->key ? strlen(w->key) : 0;
		w->marked = (B->toks[i].flags & VN_TOK_MARKED) != 0;
		w->run = run;
		if (!w->exact || !w->key) {
			B->rc = vn_error_set(B->err, VN_ENOMEM, "out of memory");
			return;
		}
	}
}

/* phrase: the expansion the word comes from (see vq_qword), NULL for a word
 * asked for on its own; a word asked for both ways, or in two phrases, is
 * marked wherever it stands. */
static void add_qword_in(qb *B, const char *exact, const char *tonefree, const char *key, int marked,
			 const char *phrase)
{
	if (B->rc)
		return;
	for (size_t i = 0; i < B->nqw; i++)
		if (!strcmp(B->qw[i].key, key) && !strcmp(B->qw[i].exact, exact)) {
			if (B->qw[i].phrase && (!phrase || strcmp(B->qw[i].phrase, phrase))) {
				free(B->qw[i].phrase);
				B->qw[i].phrase = NULL;
			}
			return;
		}
	if (B->nqw == B->capqw) {
		size_t nc = B->capqw ? B->capqw * 2 : 16;
		vq_qword *nq = realloc(B->qw, nc * sizeof *nq);
		if (!nq) {
			B->rc = vn_error_set(B->err, VN_ENOMEM, "out of memory");
			return;
		}
		B->qw = nq;
		B->capqw = nc;
	}
	vq_qword *w = &B->qw[B->nqw];
	w->exact = strdup(exact);
	w->tonefree = strdup(tonefree);
	w->key = strdup(key);
	w->marked = marked;
	w->phrase = phrase ? strdup(phrase) : NULL;
	B->nqw++;
	if (!w->exact || !w->tonefree || !w->key || (phrase && !w->phrase))
		B->rc = vn_error_set(B->err, VN_ENOMEM, "out of memory");
}

static void add_qword(qb *B, const char *exact, const char *tonefree, const char *key, int marked)
{
	add_qword_in(B, exact, tonefree, key, marked, NULL);
}

/* prefix+form as a query, or NULL when it is absent or in more than dfmax
 * articles; *tf gets its frequency either way. */
static vn_db_query *rare_term(qb *B, const char *prefix, const char *form, double dfmax, uint32_t *tf)
{
	vn_db_query *q = term2(B, prefix, form, NULL, 0, tf);
	if (q && *tf > dfmax) {
		vn_db_query_free(q);
		q = NULL;
	}
	return q;
}

/* The query for one word: exact / tone-free / key / stem alternatives.
 * In a run of two or more words an X or T term that most articles have
 * stays out: its weight is small (BM25's idf of a form in a tenth of the
 * articles or more), yet its posting list, as long as the key's, costs as
 * much to walk; the run's pairs (B, and P in the re-ranking) carry the
 * accents typed. A lone word keeps them: "đảng" ranks đảng above đang. */
static vn_db_query *key_phrase(qb *B, char *const *keys, size_t n, const char *prefix);

/* "covid19", "iphone12", "u23": letters then digits, which the text core
 * keeps as one word where the articles mostly write two ("Covid-19",
 * "U.23"). Splits key into head (its letters) and tail (the digits); 0 when
 * it is not of that shape. */
static int letters_then_digits(const char *key, char *head, size_t hcap, char *tail, size_t tcap)
{
	size_t i = 0, n = strlen(key);
	while (i < n && key[i] >= 'a' && key[i] <= 'z')
		i++;
	if (i < 1 || i == n || i >= hcap || n - i >= tcap)
		return 0;
	for (size_t j = i; j < n; j++)
		if (key[j] < '0' || key[j] > '9')
			return 0;
	memcpy(head, key, i);
	head[i] = '\0';
	memcpy(tail, key + i, n - i + 1);
	return 1;
}

static vn_db_query *word_query(qb *B, const qtok *t, const char *prefix_key)
{
	qlist alts = { 0 };
	uint32_t tf = 0;
	int title = prefix_key[0] != 0;
	vn_db_query *k = term2(B, prefix_key, t->key, NULL, 1, &tf);
	double best_idf = idf(B, tf);
	ql_push(B, &alts, k);
	if (!title && (t->flags & VN_TOK_MARKED)) {
		uint32_t xtf = 0, ttf = 0;
		double dfmax = B->e->w.xt_df > 0 && B->ntoks >= 2 ? B->e->w.xt_df * B->e->doccount : 1e18;
		if (strcmp(t->exact, t->key))
			ql_push(B, &alts, scaled(B, rare_term(B, VN_PREFIX_EXACT, t->exact, dfmax, &xtf), B->e->w.exact));
		if (strcmp(t->tonefree, t->key))
			ql_push(B, &alts, scaled(B, rare_term(B, VN_PREFIX_TONEFREE, t->tonefree, dfmax, &ttf),
						 B->e->w.tone));
		if (xtf)
			best_idf += B->e->w.exact * idf(B, xtf);
	}
	if (!title && t->stem && !(t->flags & VN_TOK_MARKED) &&
	    (B->stem_mode == 2 || (B->stem_mode == 1 && vn_is_ascii(t->key, strlen(t->key))))) {
		ql_push(B, &alts, scaled(B, term2(B, VN_PREFIX_STEM, t->stem, NULL, 0, NULL), B->e->w.stem));
	}
	char head[32], tail[16];
	if (letters_then_digits(t->key, head, sizeof head, tail, sizeof tail)) {
		char *parts[2] = { head, tail };
		ql_push(B, &alts, key_phrase(B, parts, 2, prefix_key));
	}
	B->est_weight += best_idf * (B->e->w.k1 + 1);
	return ql_take(B, &alts, VN_DBQ_OR, 0);
}

/* A phrase over keys (prefix "" for body+title, S for title), as a single
 * term when one word. */
static vn_db_query *key_phrase(qb *B, char *const *keys, size_t n, const char *prefix)
{
	qlist l = { 0 };
	for (size_t i = 0; i < n; i++)
		ql_push(B, &l, term2(B, prefix, keys[i], NULL, 1, NULL));
	return ql_take(B, &l, n > 1 ? VN_DBQ_PHRASE : VN_DBQ_OR, 0);
}

/* "ubnd" or "uy ban nhan dan" as a query (keys split at spaces). */
static vn_db_query *alt_query(qb *B, const char *alt)
{
	char *copy = strdup(alt), *keys[64];
	size_t n = 0;
	if (!copy) {
		B->rc = vn_error_set(B->err, VN_ENOMEM, "out of memory");
		return NULL;
	}
	for (char *p = strtok(copy, " "); p && n < 64; p = strtok(NULL, " "))
		keys[n++] = p;
	vn_db_query *q = key_phrase(B, keys, n, "");
	/* an expansion is marked where it stands whole: "nhân" and "dân" of
	 * "Hội đồng nhân dân" are not marked on their own */
	for (size_t i = 0; i < n; i++)
		add_qword_in(B, keys[i], keys[i], keys[i], 0, n > 1 ? alt : NULL);
	free(copy);
	return q;
}

/* A number after a word that legal references put "số" between ("Quyết
 * định số 135", "Thông tư số 08/2023"): people leave the "số" out. */
static int number_after_filler(const qtok *a, const qtok *b)
{
	return (b->flags & VN_TOK_NUMBER) && !(a->flags & VN_TOK_NUMBER) && strcmp(a->key, "so") != 0;
}

/* Boosts for a run: folded bigrams of adjacent words (weighted more when
 * the pair was typed without accents: then adjacency is the best evidence
 * of which variant is meant), title words and title bigrams. */
static vn_db_query *run_boosts(qb *B, int title_only)
{
	qlist l = { 0 };
	const vq_weights *w = &B->e->w;
	for (size_t i = 0; i < B->ntoks; i++) {
		const qtok *a = &B->toks[i];
		if (!title_only && w->title > 0)
			ql_push(B, &l, scaled(B, term2(B, VN_PREFIX_TITLE, a->key, NULL, 0, NULL), w->title));
		if (i + 1 < B->ntoks && !(B->toks[i + 1].flags & VN_TOK_CLAUSE)) {
			const qtok *b = &B->toks[i + 1];
			int plain = !(a->flags & VN_TOK_MARKED) || !(b->flags & VN_TOK_MARKED);
			uint32_t tf = 0;
			vn_db_query *bg = term2(B, VN_PREFIX_BIGRAM, a->key, b->key, 0, &tf);
			if (number_after_filler(a, b)) {
				/* "quyết định 135" is "Quyết định số 135" */
				char *keys[3] = { a->key, "so", b->key };
				vn_db_query *ph = key_phrase(B, keys, 3, "");
				if (!bg)
					vn_db_query_free(term2(B, "", b->key, NULL, 1, &tf));
				bg = bg ? combine2(B, VN_DBQ_OR, bg, ph) : ph;
			}
			if (bg) {
				double f = plain ? w->bigram_plain : w->bigram;
				/* a pair counts by being there more than by its rarity:
				 * BM25's idf already grows with rarity, and a rare pair
				 * made by two query words that were never meant together
				 * (pairs typed in any order) outweighed the true pairs */
				if (w->bigram_idf != 0 && w->idf_ref > 0) {
					double bi = idf(B, tf);
					f *= pow((bi > 0.5 ? bi : 0.5) / w->idf_ref, w->bigram_idf);
				}
				B->est_weight += 0.5 * f * idf(B, tf) * (w->k1 + 1);
				ql_push(B, &l, scaled(B, bg, f));
				if (w->bigram_exact > 0 && ((a->flags | b->flags) & VN_TOK_MARKED)) {
					uint32_t ptf = 0;
					vn_db_query *pq = term2(B, VN_PREFIX_EXACT_BIGRAM, a->exact, b->exact, 0, &ptf);
					double pf = w->bigram_exact;
					if (pq && w->bigram_idf != 0 && w->idf_ref > 0) {
						double bi = idf(B, ptf);
						pf *= pow((bi > 0.5 ? bi : 0.5) / w->idf_ref, w->bigram_idf);
					}
					ql_push(B, &l, scaled(B, pq, pf));
				}
			}
			uint32_t stf = 0;
			vn_db_query *sb = w->title_bigram > 0 ?
				term2(B, VN_PREFIX_TITLE_BIGRAM, a->key, b->key, 0, &stf) : NULL;
			double sf = w->title_bigram;
			if (sb && w->tb_idf != 0 && w->idf_ref > 0) {
				double bi = idf(B, stf);
				sf *= pow((bi > 0.5 ? bi : 0.5) / w->idf_ref, w->tb_idf);
			}
			ql_push(B, &l, scaled(B, sb, sf));
		}
	}
	if (!title_only && B->ntoks >= 2 && w->title_all > 0) {
		/* a known item's title holds all the words typed: worth more than
		 * the sum of its words found anywhere */
		qlist all = { 0 };
		int absent = 0;
		for (size_t i = 0; i < B->ntoks && !absent; i++) {
			vn_db_query *t = term2(B, VN_PREFIX_TITLE, B->toks[i].key, NULL, 0, NULL);
			absent = !t;
			ql_push(B, &all, t);
		}
		if (absent) {
			ql_free(&all);
		} else {
			if (w->title_phrase > 0) {
				qlist ph = { 0 };
				for (size_t i = 0; i < B->ntoks; i++)
					ql_push(B, &ph, term2(B, VN_PREFIX_TITLE, B->toks[i].key, NULL, 1, NULL));
				ql_push(B, &l, scaled(B, ql_take(B, &ph, VN_DBQ_PHRASE, 0), w->title_phrase));
			}
			ql_push(B, &l, scaled(B, ql_take(B, &all, VN_DBQ_AND, 0), w->title_all));
		}
	}
	return ql_take(B, &l, VN_DBQ_OR, 0);
}

/* The words of a run that need not be required (key_df): in a run of two
 * or more, a word whose form typed is in most articles ("và", "của",
 * "các") hardly narrows the matches, while its posting list is the
 * longest to walk. It still counts through the run's pairs, the
 * re-ranking and the snippet. At least one word stays required. Returns
 * how many are marked in dense[0..nk). */
static size_t mark_dense(qb *B, const vq_node *n, unsigned char *dense, size_t nk)
{
	const vn_query_engine *e = B->e;
	size_t nd = 0;
	memset(dense, 0, nk);
	if (e->w.key_df <= 0 || e->doccount < KEY_DF_MIN_DOCS || n->field == VQ_FIELD_TITLE || n->negated ||
	    B->loose || nk < 2)
		return 0;
	double dfmax = e->w.key_df * e->doccount;
	for (size_t i = 0; i < nk && !B->rc; i++) {
		const qtok *t = &B->toks[i];
		vn_buf *b = &B->e->term;
		int marked = (t->flags & VN_TOK_MARKED) && strcmp(t->exact, t->key);
		vn_buf_clear(b);
		if (vn_buf_puts(b, marked ? VN_PREFIX_EXACT : "") || vn_buf_puts(b, marked ? t->exact : t->key)) {
			B->rc = vn_error_set(B->err, VN_ENOMEM, "out of memory");
			return 0;
		}
		uint32_t tf = 0;
		if (vn_db_termfreq(e->db, b->data, b->len, &tf, NULL) == 0 && tf > dfmax) {
			dense[i] = 1;
			nd++;
		}
	}
	return nd;
}

static int ascii_letters(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < 'a' || *s > 'z')
			return 0;
	return 1;
}

/* How many tokens from i stand joined to each other in s, with only a
 * joining mark between them and no space: "04/2022", "130/2018/NĐ-CP",
 * "TT-BTTTT", "Covid-19", "TP.HCM", "Bà Rịa–Vũng Tàu" (1 when token i
 * stands alone). */
static size_t joined_run(const qb *B, const char *s, size_t i, size_t nk)
{
	size_t j = i + 1;
	for (; j < nk; j++) {
		size_t from = B->toks[j - 1].offset + B->toks[j - 1].length, to = B->toks[j].offset;
		if (to <= from || to - from > 3)
			break;
		const char *g = s + from;
		size_t gl = to - from;
		int joins = (gl == 1 && strchr("/-._\\&+", g[0]) != NULL) ||
			    (gl == 3 && (!memcmp(g, "\u2010", 3) || !memcmp(g, "\u2011", 3) ||
					 !memcmp(g, "\u2013", 3) || !memcmp(g, "\u2014", 3)));
		if (!joins)
			break;
	}
	return j - i;
}

/* "Covid-19", "G-20": a joined pair of letters and a number, which some
 * articles write as one word ("covid19", "g20"); that word into one. */
static int pair_as_one_word(const qb *B, size_t i, size_t m, char *one, size_t cap)
{
	const qtok *a = &B->toks[i], *b = &B->toks[i + 1];
	return m == 2 && ascii_letters(a->key) && (b->flags & VN_TOK_NUMBER) &&
	       snprintf(one, cap, "%s%s", a->key, b->key) < (int)cap;
}

/* Words typed joined ("04/2022", "NĐ-CP"): a document number, a code, a
 * hyphenated name — meant together, so they must stand together (a phrase
 * over keys, as Xapian's QueryParser reads such words), each one's accents
 * boosting as in a quoted phrase. "Covid-19", "G-20" also find "covid19",
 * "g20" written as one word. */
static vn_db_query *joined_query(qb *B, size_t i, size_t m, int title)
{
	char *keys[32];
	qlist exact = { 0 };
	if (m > 32)
		m = 32;
	for (size_t j = 0; j < m; j++) {
		const qtok *t = &B->toks[i + j];
		keys[j] = t->key;
		if (!title && (t->flags & VN_TOK_MARKED) && strcmp(t->exact, t->key))
			ql_push(B, &exact, scaled(B, term2(B, VN_PREFIX_EXACT, t->exact, NULL, 0, NULL), B->e->w.exact));
		uint32_t tf = 0;
		vn_db_query_free(term2(B, "", t->key, NULL, 1, &tf));
		B->est_weight += idf(B, tf) * (B->e->w.k1 + 1);
	}
	vn_db_query *q = key_phrase(B, keys, m, title ? VN_PREFIX_TITLE : "");
	char one[64];
	if (pair_as_one_word(B, i, m, one, sizeof one))
		q = combine2(B, VN_DBQ_OR, q, term2(B, title ? VN_PREFIX_TITLE : "", one, NULL, 0, NULL));
	return combine2(B, VN_DBQ_AND_MAYBE, q, ql_take(B, &exact, VN_DBQ_OR, 0));
}

static vn_db_query *build_text(qb *B, const vq_node *n)
{
	int title = n->field == VQ_FIELD_TITLE;
	if (tokenize_run(B, n->text, n->len))
		return NULL;
	if (B->ntoks == 0)
		return NULL;
	if (!n->negated)
		record_run(B);
	qlist units = { 0 };
	char *keys[256];
	size_t nk = B->ntoks < 256 ? B->ntoks : 256;
	for (size_t i = 0; i < nk; i++)
		keys[i] = B->toks[i].key;
	unsigned char dense[256];
	size_t ndense = mark_dense(B, n, dense, nk);
	for (size_t i = 0; i < nk && !B->rc;) {
		const vq_syn_group *g = NULL;
		size_t m = title ? 0 : vq_synonyms_match(&B->e->syn, keys, nk, i, &g);
		if (!n->negated)
			for (size_t j = i; j < i + (m ? m : 1); j++) {
				add_qword(B, B->toks[j].exact, B->toks[j].tonefree, B->toks[j].key,
					  (B->toks[j].flags & VN_TOK_MARKED) != 0);
				/* "covid19" also marks the "Covid-19" it finds */
				char head[32], tail[16];
				if (letters_then_digits(B->toks[j].key, head, sizeof head, tail, sizeof tail)) {
					add_qword(B, head, head, head, 0);
					add_qword(B, tail, tail, tail, 0);
				}
			}
		if (m) {
			/* the words as typed, or any other form of the group */
			qlist typed = { 0 }, alts = { 0 };
			for (size_t j = i; j < i + m; j++)
				ql_push(B, &typed, word_query(B, &B->toks[j], ""));
			ql_push(B, &alts, ql_take(B, &typed, VN_DBQ_AND, 0));
			size_t typed_len = 0;
			char typed_key[512];
			typed_key[0] = 0;
			for (size_t j = i; j < i + m; j++) {
				size_t kl = strlen(keys[j]);
				if (typed_len + kl + 2 >= sizeof typed_key)
					break;
				if (typed_len)
					typed_key[typed_len++] = ' ';
				memcpy(typed_key + typed_len, keys[j], kl + 1);
				typed_len += kl;
			}
			for (size_t a = 0; a < g->nalts; a++)
				if (strcmp(g->alts[a], typed_key) != 0)
					ql_push(B, &alts, alt_query(B, g->alts[a]));
			ql_push(B, &units, ql_take(B, &alts, VN_DBQ_OR, 0));
			B->nwords += n->negated ? 0 : 1;
			i += m;
			continue;
		}
		size_t jm = joined_run(B, n->text, i, nk);
		if (jm >= 2) {
			for (size_t j = i + 1; j < i + jm && !n->negated; j++)
				add_qword(B, B->toks[j].exact, B->toks[j].tonefree, B->toks[j].key,
					  (B->toks[j].flags & VN_TOK_MARKED) != 0);
			/* "Covid-19" also marks the "covid19" it finds */
			char one[64];
			if (!n->negated && pair_as_one_word(B, i, jm, one, sizeof one))
				add_qword(B, one, one, one, 0);
			ql_push(B, &units, joined_query(B, i, jm, title));
			B->nwords += n->negated ? 0 : jm;
			i += jm;
			continue;
		}
		if (dense[i] && ndense < nk) {
			/* searched for by the run's pairs, marked in snippets */
			B->nwords++;
			i++;
			continue;
		}
		ql_push(B, &units, word_query(B, &B->toks[i], title ? VN_PREFIX_TITLE : ""));
		B->nwords += n->negated ? 0 : 1;
		i++;
	}
	size_t nunits = units.n;
	vn_db_query *core = ql_take(B, &units, B->loose ? VN_DBQ_OR : VN_DBQ_AND, 0);
	if (nunits > 1 && !n->negated)
		B->nruns_multi++;
	if (n->negated || !core)
		return core;
	return combine2(B, VN_DBQ_AND_MAYBE, core, run_boosts(B, title));
}

static vn_db_query *build_phrase(qb *B, const vq_node *n)
{
	int title = n->field == VQ_FIELD_TITLE;
	if (tokenize_run(B, n->text, n->len) || B->ntoks == 0)
		return NULL;
	if (!n->negated)
		record_run(B);
	char *keys[256];
	size_t nk = B->ntoks < 256 ? B->ntoks : 256;
	qlist exact = { 0 };
	for (size_t i = 0; i < nk; i++) {
		keys[i] = B->toks[i].key;
		if (!n->negated)
			add_qword(B, B->toks[i].exact, B->toks[i].tonefree, B->toks[i].key,
				  (B->toks[i].flags & VN_TOK_MARKED) != 0);
		/* a phrase of exact forms is not positional: the accents typed
		 * rank the phrase's hits, the keys decide what matches */
		if (!title && (B->toks[i].flags & VN_TOK_MARKED) && strcmp(B->toks[i].exact, B->toks[i].key))
			ql_push(B, &exact, scaled(B, term2(B, VN_PREFIX_EXACT, B->toks[i].exact, NULL, 0, NULL),
						  B->e->w.exact));
		uint32_t tf = 0;
		vn_db_query *tmp = term2(B, "", keys[i], NULL, 1, &tf);
		vn_db_query_free(tmp);
		B->est_weight += idf(B, tf) * (B->e->w.k1 + 1);
	}
	if (!n->negated)
		B->nwords += nk;
	vn_db_query *core = key_phrase(B, keys, nk, title ? VN_PREFIX_TITLE : "");
	if (n->negated || !core) {
		ql_free(&exact);
		return core;
	}
	core = combine2(B, VN_DBQ_AND_MAYBE, core, ql_take(B, &exact, VN_DBQ_OR, 0));
	return combine2(B, VN_DBQ_AND_MAYBE, core, run_boosts(B, title));
}

static vn_db_query *build_node(qb *B, const vq_node *n)
{
	if (B->rc)
		return NULL;
	switch (n->type) {
	case VQ_TEXT: return build_text(B, n);
	case VQ_PHRASE: return build_phrase(B, n);
	case VQ_OR: {
		qlist l = { 0 };
		for (size_t i = 0; i < n->nkids; i++) {
			vn_db_query *k = build_node(B, n->kids[i]);
			/* "a OR -b" has no useful meaning: the negated side is dropped */
			if (n->kids[i]->negated) {
				vn_db_query_free(k);
				continue;
			}
			ql_push(B, &l, k);
		}
		return ql_take(B, &l, VN_DBQ_OR, 0);
	}
	case VQ_AND: {
		qlist pos = { 0 }, neg = { 0 };
		for (size_t i = 0; i < n->nkids; i++)
			ql_push(B, n->kids[i]->negated ? &neg : &pos, build_node(B, n->kids[i]));
		vn_db_query *p = ql_take(B, &pos, B->loose ? VN_DBQ_OR : VN_DBQ_AND, 0);
		vn_db_query *q = ql_take(B, &neg, VN_DBQ_OR, 0);
		if (!p) {
			vn_db_query_free(q);
			return NULL;
		}
		return combine2(B, VN_DBQ_AND_NOT, p, q);
	}
	}
	return NULL;
}

static void qb_free(qb *B)
{
	qtoks_clear(B);
	free(B->toks);
	for (size_t i = 0; i < B->nqw; i++) {
		free(B->qw[i].exact);
		free(B->qw[i].tonefree);
		free(B->qw[i].key);
		free(B->qw[i].phrase);
	}
	free(B->qw);
	for (size_t i = 0; i < B->nrw; i++) {
		free(B->rw[i].exact);
		free(B->rw[i].key);
	}
	free(B->rw);
	memset(B, 0, sizeof *B);
}

/* ---- filters ---------------------------------------------------------------- */

static int request_date(const char *s, char out[9], int upper, vn_error *err)
{
	char lo[9], hi[9];
	if (!vq_parse_date(s, strlen(s), lo, hi, 1, 1))
		return vn_error_set(err, VN_EINVAL, "bad date \"%s\": use YYYY-MM-DD or DD/MM/YYYY", s);
	memcpy(out, upper ? hi : lo, 9);
	return 0;
}

static vn_db_query *bool_term(qb *B, const char *prefix, const char *v, int fold)
{
	vn_buf *t = &B->e->term;
	if (B->rc)
		return NULL;
	vn_buf_clear(t);
	if (vn_buf_puts(t, prefix)) {
		B->rc = vn_error_set(B->err, VN_ENOMEM, "out of memory");
		return NULL;
	}
	if (fold) {
		int rc = vn_text_key(B->e->text, v, strlen(v), &B->e->tmp);
		if (rc || vn_buf_append(t, B->e->tmp.data ? B->e->tmp.data : "", B->e->tmp.len)) {
			B->rc = vn_error_set(B->err, VN_ENOMEM, "out of memory");
			return NULL;
		}
	} else {
		for (const char *p = v; *p; p++)
			if (vn_buf_putc(t, (*p >= 'A' && *p <= 'Z') ? *p + 32 : *p)) {
				B->rc = vn_error_set(B->err, VN_ENOMEM, "out of memory");
				return NULL;
			}
	}
	vn_db_query *q = NULL;
	B->rc = vn_db_query_term(&q, t->data, t->len, 1, B->err);
	return q;
}

/* ---- results ------------------------------------------------------------------ */

static void hit_free(vn_query_hit *h)
{
	free(h->id);
	free(h->title);
	free(h->date);
	free(h->category);
	free(h->site);
	free(h->kind);
	free(h->url);
	free(h->snippet);
	free(h->snippet_marks);
	free(h->title_marks);
}

void vn_query_result_free(vn_query_result *r)
{
	if (!r)
		return;
	free(r->query);
	for (size_t i = 0; i < r->n_hits; i++)
		hit_free(&r->hits[i]);
	free(r->hits);
	free(r->suggestion);
	for (size_t i = 0; i < r->n_facets; i++) {
		for (size_t j = 0; j < r->facets[i].n_values; j++)
			free(r->facets[i].values[j].value);
		free(r->facets[i].values);
		free(r->facets[i].name);
	}
	free(r->facets);
	free(r->note);
	free(r);
}

/* ---- document data ---------------------------------------------------------
 * The stored JSON object (vn_schema.h) is read with a small scanner: only
 * the page's hits are read, only the fields shown are decoded, and the body
 * only when a snippet is wanted. jansson reads what the scanner refuses. */

enum { DF_ID, DF_TITLE, DF_DATE, DF_CATEGORY, DF_SITE, DF_KIND, DF_URL, DF_BODY, DF_SUMMARY, DF_COUNT };
static const char *const df_names[DF_COUNT] = { "id", "title", "date", "category", "site",
						"kind", "url", "body", "summary" };

typedef struct docf {
	const char *s[DF_COUNT]; /* raw string contents (between the quotes), NULL = absent/null */
	size_t n[DF_COUNT];
	int esc[DF_COUNT];       /* holds backslash escapes */
} docf;

static size_t ws(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
		i++;
	return i;
}

/* i at the opening quote: returns the index after the closing quote, 0 on error. */
static size_t scan_string(const char *s, size_t n, size_t i, int *esc)
{
	/* memchr for both bytes: a body is kilobytes of string */
	const char *q = NULL;
	*esc = 0;
	for (i++; i < n;) {
		if (!q || (size_t)(q - s) < i) {
			q = memchr(s + i, '"', n - i);
			if (!q)
				return 0;
		}
		size_t qi = (size_t)(q - s);
		const char *bs = memchr(s + i, '\\', qi - i);
		if (!bs)
			return qi + 1;
		*esc = 1;
		i = (size_t)(bs - s) + 2; /* the escaped byte may be the quote */
	}
	return 0;
}

/* Skip a value that is not a string: literals, numbers, nested containers. */
static size_t skip_value(const char *s, size_t n, size_t i)
{
	int depth = 0, esc;
	while (i < n) {
		char c = s[i];
		if (c == '"') {
			i = scan_string(s, n, i, &esc);
			if (!i)
				return 0;
			if (!depth)
				return i;
			continue;
		}
		if (c == '{' || c == '[') {
			depth++;
		} else if (c == '}' || c == ']') {
			if (!depth)
				return i;
			if (--depth == 0)
				return i + 1;
		} else if (!depth && (c == ',' || c == ' ' || c == '\n' || c == '\t' || c == '\r')) {
			return i;
		}
		i++;
	}
	return depth ? 0 : i;
}

static int doc_scan(const char *s, size_t n, docf *d)
{
	memset(d, 0, sizeof *d);
	size_t i = ws(s, n, 0);
	if (i >= n || s[i] != '{')
		return -1;
	i = ws(s, n, i + 1);
	if (i < n && s[i] == '}')
		return 0;
	while (i < n) {
		int esc;
		if (s[i] != '"')
			return -1;
		size_t ks = i + 1, ke = scan_string(s, n, i, &esc);
		if (!ke || esc)
			return -1;
		size_t kl = ke - 1 - ks;
		i = ws(s, n, ke);
		if (i >= n || s[i] != ':')
			return -1;
		i = ws(s, n, i + 1);
		if (i >= n)
			return -1;
		int f = -1;
		for (int k = 0; k < DF_COUNT; k++)
			if (strlen(df_names[k]) == kl && memcmp(s + ks, df_names[k], kl) == 0)
				f = k;
		if (s[i] == '"') {
			size_t vs = i + 1, ve = scan_string(s, n, i, &esc);
			if (!ve)
				return -1;
			if (f >= 0) {
				d->s[f] = s + vs;
				d->n[f] = ve - 1 - vs;
				d->esc[f] = esc;
			}
			i = ve;
		} else {
			size_t e = skip_value(s, n, i);
			if (!e || e == i)
				return -1;
			i = e;
		}
		i = ws(s, n, i);
		if (i < n && s[i] == ',') {
			i = ws(s, n, i + 1);
			continue;
		}
		if (i < n && s[i] == '}')
			return 0;
		return -1;
	}
	return -1;
}

static int hexval(const char *s, uint32_t *out)
{
	uint32_t v = 0;
	for (int k = 0; k < 4; k++) {
		char c = s[k];
		v <<= 4;
		if (c >= '0' && c <= '9') v |= (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f') v |= (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F') v |= (uint32_t)(c - 'A' + 10);
		else return -1;
	}
	*out = v;
	return 0;
}

/* JSON string contents → UTF-8 (appended to b). */
static int unescape(vn_buf *b, const char *s, size_t n, int esc)
{
	if (!esc)
		return vn_buf_append(b, s, n);
	int rc = 0;
	for (size_t i = 0; i < n && !rc;) {
		const char *bs = memchr(s + i, '\\', n - i);
		size_t j = bs ? (size_t)(bs - s) : n;
		rc = vn_buf_append(b, s + i, j - i);
		if (j >= n || rc)
			break;
		if (j + 1 >= n)
			return VN_EINVAL;
		char c = s[j + 1];
		i = j + 2;
		switch (c) {
		case 'n': rc = vn_buf_putc(b, '\n'); break;
		case 't': rc = vn_buf_putc(b, '\t'); break;
		case 'r': rc = vn_buf_putc(b, '\r'); break;
		case 'b': rc = vn_buf_putc(b, '\b'); break;
		case 'f': rc = vn_buf_putc(b, '\f'); break;
		case 'u': {
			uint32_t cp, lo;
			if (i + 4 > n || hexval(s + i, &cp))
				return VN_EINVAL;
			i += 4;
			if (cp >= 0xd800 && cp < 0xdc00 && i + 6 <= n && s[i] == '\\' && s[i + 1] == 'u' &&
			    hexval(s + i + 2, &lo) == 0 && lo >= 0xdc00 && lo < 0xe000) {
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				i += 6;
			}
			rc = vn_buf_put_utf8(b, cp); /* a lone surrogate becomes U+FFFD */
			break;
		}
		default: rc = vn_buf_putc(b, c); break; /* \" \\ \/ */
		}
	}
	return rc;
}

static char *field_dup(vn_buf *tmp, const docf *d, int f)
{
	if (!d->s[f])
		return NULL;
	vn_buf_clear(tmp);
	if (unescape(tmp, d->s[f], d->n[f], d->esc[f]))
		return NULL;
	return dupn(tmp->data ? tmp->data : "", tmp->len);
}

static char *jstr(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	if (!json_is_string(v))
		return NULL;
	return dupn(json_string_value(v), json_string_length(v));
}

/* Fields from jansson, for data the scanner refused: copied into a
 * re-serialized compact object the scanner reads. */
static int doc_fallback(vn_buf *out, const char *data, size_t len)
{
	json_error_t je;
	json_t *o = json_loadb(data, len, 0, &je);
	int rc = 0;
	vn_buf_clear(out);
	rc |= vn_buf_putc(out, '{');
	for (int k = 0; k < DF_COUNT && o && json_is_object(o); k++) {
		char *v = jstr(o, df_names[k]);
		if (!v)
			continue;
		if (out->len > 1)
			rc |= vn_buf_putc(out, ',');
		rc |= vn_json_string(out, df_names[k], strlen(df_names[k]));
		rc |= vn_buf_putc(out, ':');
		rc |= vn_json_string(out, v, strlen(v));
		free(v);
	}
	rc |= vn_buf_putc(out, '}');
	json_decref(o);
	return rc ? VN_ENOMEM : 0;
}

static int fill_hit(vn_query_engine *e, qb *B, const vn_query_request *req, vn_query_hit *h,
		    const char *data, size_t len)
{
	docf d;
	vn_buf alt = VN_BUF_INIT;
	if (doc_scan(data, len, &d) != 0) {
		if (doc_fallback(&alt, data, len) || doc_scan(alt.data, alt.len, &d) != 0) {
			vn_buf_free(&alt);
			return VN_ENOMEM;
		}
	}
	vn_buf *tmp = &e->tmp;
	static const int want[] = { DF_ID, DF_TITLE, DF_DATE, DF_CATEGORY, DF_SITE, DF_KIND, DF_URL };
	char **dst[] = { &h->id, &h->title, &h->date, &h->category, &h->site, &h->kind, &h->url };
	int rc = 0;
	for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
		*dst[k] = field_dup(tmp, &d, want[k]);
		if (d.s[want[k]] && !*dst[k])
			rc = VN_ENOMEM;
	}
	if (!rc && !h->id && !(h->id = strdup("")))
		rc = VN_ENOMEM;
	if (!rc && !h->title && !(h->title = strdup("")))
		rc = VN_ENOMEM;
	if (!rc && B->nqw)
		rc = vq_mark_all(e->text, h->title, strlen(h->title), B->qw, B->nqw, &h->title_marks,
				 &h->n_title_marks);
	/* the snippet comes from the body; from the summary when the body has
	 * none of the words and the summary does (a hit found by its summary) */
	static const int from[] = { DF_BODY, DF_SUMMARY };
	for (size_t k = 0; !rc && req->want_snippets && k < 2 && (!h->snippet || !h->n_snippet_marks); k++) {
		int f = from[k];
		if (!d.s[f] || !d.n[f])
			continue;
		char *sn = NULL;
		vn_query_span *sm = NULL;
		size_t nsm = 0;
		vn_buf_clear(tmp);
		if (unescape(tmp, d.s[f], d.n[f], d.esc[f]))
			rc = VN_ENOMEM;
		if (!rc)
			rc = vq_snippet(e->text, tmp->data ? tmp->data : "", tmp->len, B->qw, B->nqw,
					e->cfg.snippet_chars, &sn, &sm, &nsm);
		if (!rc && (!h->snippet || nsm)) {
			free(h->snippet);
			free(h->snippet_marks);
			h->snippet = sn;
			h->snippet_marks = sm;
			h->n_snippet_marks = nsm;
		} else {
			free(sn);
			free(sm);
		}
	}
	if (!rc && req->want_snippets && !h->snippet && !(h->snippet = strdup("")))
		rc = VN_ENOMEM;
	vn_buf_free(&alt);
	return rc;
}

typedef struct facet_ctx {
	vn_query_facet *f;
	size_t max;
	double scale;    /* estimated matches / matches counted (> 1: a sample) */
	int rc;
} facet_ctx;

static int facet_cb(const char *value, size_t len, uint32_t count, void *payload)
{
	facet_ctx *c = payload;
	vn_query_facet *f = c->f;
	if (f->n_values >= c->max)
		return 1;
	if (c->scale > 1.0) {
		double v = floor(count * c->scale + 0.5);
		count = v > 4e9 ? 4000000000u : (uint32_t)v;
	}
	vn_query_facet_value *nv = realloc(f->values, (f->n_values + 1) * sizeof *nv);
	if (!nv)
		return c->rc = VN_ENOMEM;
	f->values = nv;
	nv[f->n_values].value = dupn(value, len);
	nv[f->n_values].count = count;
	if (!nv[f->n_values].value)
		return c->rc = VN_ENOMEM;
	f->n_values++;
	return 0;
}

static const struct { const char *name; unsigned slot; size_t max; } facet_slots[] = {
	{ "category", VN_SLOT_CATEGORY, 30 }, { "site", VN_SLOT_SITE, 30 }, { "kind", VN_SLOT_KIND, 10 },
	{ "year", VN_SLOT_YEAR, 30 },         { "month", VN_SLOT_MONTH, 36 },
};
#define N_FACETS (sizeof facet_slots / sizeof facet_slots[0])

static int set_note(vn_query_result *r, const char *s)
{
	if (r->note) {
		size_t a = strlen(r->note), b = strlen(s);
		char *n = realloc(r->note, a + b + 3);
		if (!n)
			return VN_ENOMEM;
		memcpy(n + a, "; ", 2);
		memcpy(n + a + 2, s, b + 1);
		r->note = n;
		return 0;
	}
	r->note = strdup(s);
	return r->note ? 0 : VN_ENOMEM;
}

void vq_engine_view(vn_query_engine *e, struct vq_engine_view *v)
{
	v->db = e->db;
	v->text = e->text;
	v->syn = &e->syn;
}

/* Everything but the search proper: build the query for mode loose. */
static vn_db_query *build_all(vn_query_engine *e, const vq_parsed *p, const vn_query_request *req,
			      qb *B, int loose, vn_error *err, vn_db_query **filter_out)
{
	memset(B, 0, sizeof *B);
	B->e = e;
	B->err = err;
	B->loose = loose;
	const char *lang = p->lang ? p->lang : req->lang;
	if (lang && *lang)
		B->stem_mode = (!strcmp(lang, "vi") || !strcmp(lang, "vie")) ? 0 : 2;
	else
		B->stem_mode = 1;
	vn_db_query *q = NULL;
	const vq_node *root = p->root;
	int all_negated = root && root->type == VQ_AND && root->nkids > 0;
	for (size_t i = 0; all_negated && i < root->nkids; i++)
		all_negated = root->kids[i]->negated;
	if (root && (root->negated || all_negated)) {
		/* nothing to find, only what to leave out: browse the rest */
		qlist neg = { 0 };
		if (root->negated)
			ql_push(B, &neg, build_node(B, root));
		else
			for (size_t i = 0; i < root->nkids; i++)
				ql_push(B, &neg, build_node(B, root->kids[i]));
		vn_db_query *excl = ql_take(B, &neg, VN_DBQ_OR, 0), *all = NULL;
		if (excl && !B->rc && (B->rc = vn_db_query_match_all(&all, err)) == 0)
			q = combine2(B, VN_DBQ_AND_NOT, all, excl);
		else
			vn_db_query_free(excl);
		B->exclude_only = q != NULL;
	} else if (root) {
		q = build_node(B, root);
	}

	/* filters */
	qlist f = { 0 };
	const char *cat = p->category ? p->category : req->category;
	const char *site = p->site ? p->site : req->site;
	const char *kind = p->kind ? p->kind : req->kind;
	if (cat && *cat)
		ql_push(B, &f, bool_term(B, VN_PREFIX_CATEGORY, cat, 1));
	if (site && *site)
		ql_push(B, &f, bool_term(B, VN_PREFIX_SITE, site, 0));
	if (kind && *kind)
		ql_push(B, &f, bool_term(B, VN_PREFIX_KIND, kind, 0));
	if (p->lang && *p->lang)
		ql_push(B, &f, bool_term(B, VN_PREFIX_LANG, p->lang, 0));
	char lo[9] = "", hi[9] = "";
	memcpy(lo, p->date_from, 9);
	memcpy(hi, p->date_to, 9);
	if (!B->rc && req->from && *req->from) {
		char d[9] = "";
		if ((B->rc = request_date(req->from, d, 0, err)) == 0 && (!lo[0] || strcmp(d, lo) > 0))
			memcpy(lo, d, 9);
	}
	if (!B->rc && req->to && *req->to) {
		char d[9] = "";
		if ((B->rc = request_date(req->to, d, 1, err)) == 0 && (!hi[0] || strcmp(d, hi) < 0))
			memcpy(hi, d, 9);
	}
	if (!B->rc && (lo[0] || hi[0])) {
		vn_db_query *r = NULL;
		B->rc = vn_db_query_value_range(&r, VN_SLOT_DATE, lo[0] ? lo : NULL, lo[0] ? 8 : 0,
						hi[0] ? hi : NULL, hi[0] ? 8 : 0, err);
		ql_push(B, &f, r);
	}
	*filter_out = ql_take(B, &f, VN_DBQ_AND, 0);
	if (B->rc) {
		vn_db_query_free(q);
		vn_db_query_free(*filter_out);
		*filter_out = NULL;
		return NULL;
	}
	return q;
}

static int run_search(vn_query_engine *e, const vn_query_request *req, vn_db_query *q,
		      vn_db_query *filter, int browse, double est_weight, size_t nwords, uint32_t offset,
		      uint32_t limit, vn_db_mset **ms, vn_error *err)
{
	vn_db_search *s = NULL;
	vn_db_query *full = NULL, *rec = NULL, *tmp = NULL;
	int rc = 0;
	int sort = req->sort;
	if (browse) {
		if (!q && (rc = vn_db_query_match_all(&tmp, err)))
			goto out;
		sort = VN_QUERY_SORT_DATE;
		if (!q)
			q = tmp;
	}
	const vn_db_query *use = q;
	/* newest first; articles of the same day by relevance, so the query is
	 * scored (browsing has no relevance: match-all weighs nothing) */
	if (sort == VN_QUERY_SORT_HYBRID && !browse) {
		/* the decay's top weight is a fraction of what a good match scores,
		 * so that date orders near-equal matches but never buries the best */
		double maxw = e->w.recency * (est_weight > 0 ? est_weight / (nwords ? (double)nwords : 1) : 1.0);
		rc = vn_db_query_recency(&rec, VN_SLOT_DATE, e->newest, e->cfg.half_life_days, maxw, maxw * 0.5,
					 err);
		if (rc)
			goto out;
		vn_db_query *subs[2] = { q, rec };
		if ((rc = vn_db_query_combine(&full, VN_DBQ_AND_MAYBE, subs, 2, 0, err)))
			goto out;
		use = full;
	}
	if (filter) {
		vn_db_query *subs[2] = { (vn_db_query *)use, filter }, *f2 = NULL;
		if ((rc = vn_db_query_combine(&f2, VN_DBQ_FILTER, subs, 2, 0, err)))
			goto out;
		vn_db_query_free(full);
		full = f2;
		use = full;
	}
	if ((rc = vn_db_search_new(&s, e->db, err)) || (rc = vn_db_search_set_query(s, use, err)) ||
	    (rc = vn_db_search_set_bm25(s, e->w.k1, 0, 1, e->w.b, 0.5, err)) ||
	    (rc = vn_db_search_set_time_limit(s, e->cfg.time_limit, err)))
		goto out;
	if (sort == VN_QUERY_SORT_DATE &&
	    (rc = vn_db_search_set_sort(s, browse ? VN_SORT_VALUE : VN_SORT_VALUE_THEN_RELEVANCE,
					VN_SLOT_DATE, 1, err)))
		goto out;
	rc = vn_db_search_run(s, offset, limit, offset + limit + 1, ms, err);
out:
	vn_db_search_free(s);
	vn_db_query_free(full);
	vn_db_query_free(rec);
	vn_db_query_free(tmp);
	return rc;
}

/* Facets count a sample of the matches, the first facet_sample in index
 * order, and the counts are scaled to the estimate afterwards: counting all
 * 14,000 matches of a common word made a search 4x slower. The sample comes
 * from a search of its own, without weights (Xapian drops the optional
 * boosts of an unweighted AND_MAYBE: the same matches, none of the
 * scoring), so that the ranked search looks at few matches beyond its page
 * and prunes by weight; its totals, from as many matches, are the
 * result's. The values are read from each slot's value stream in one walk
 * over the sample's docids (Xapian's ValueCountMatchSpy looked each one up
 * on its own: 3x the instructions of the whole facet search). */
typedef struct fcount {
	size_t off;         /* the value in the tally's arena */
	const char *v;      /* ... once the arena stops moving (tally_sort) */
	uint32_t n, count;
} fcount;

typedef struct ftally {
	fcount *a;
	size_t n, cap;
	vn_buf arena;
	int rc;
} ftally;

static void tally_add(ftally *t, const char *v, size_t len)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->a[i].n == len && memcmp(t->arena.data + t->a[i].off, v, len) == 0) {
			t->a[i].count++;
			return;
		}
	if (t->n == t->cap) {
		size_t nc = t->cap ? t->cap * 2 : 32;
		fcount *na = realloc(t->a, nc * sizeof *na);
		if (!na) {
			t->rc = VN_ENOMEM;
			return;
		}
		t->a = na;
		t->cap = nc;
	}
	size_t at = t->arena.len;
	if (vn_buf_append(&t->arena, v, len) || vn_buf_putc(&t->arena, 0)) {
		t->rc = VN_ENOMEM;
		return;
	}
	t->a[t->n++] = (fcount){ at, NULL, (uint32_t)len, 1 };
}

static int tally_cmp(const void *a, const void *b)
{
	/* most frequent first, then by value (Xapian's order) */
	const fcount *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	size_t m = x->n < y->n ? x->n : y->n;
	int c = memcmp(x->v, y->v, m);
	return c ? c : (x->n > y->n) - (x->n < y->n);
}

static void tally_sort(ftally *t)
{
	for (size_t i = 0; i < t->n; i++)
		t->a[i].v = t->arena.data + t->a[i].off;
	if (t->n > 1)
		qsort(t->a, t->n, sizeof *t->a, tally_cmp);
}

static void tally_free(ftally *t)
{
	free(t->a);
	vn_buf_free(&t->arena);
	memset(t, 0, sizeof *t);
}

typedef struct fwalk {
	ftally *t, *year; /* year: the month's first four bytes (the indexer writes both) */
} fwalk;

static int facet_value_cb(size_t i, const char *v, size_t len, void *payload)
{
	(void)i;
	fwalk *w = payload;
	tally_add(w->t, v, len);
	if (w->year && len >= 4)
		tally_add(w->year, v, 4);
	return w->t->rc || (w->year && w->year->rc);
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* The sample's search: its mset in *ms (for the totals), its docids
 * ascending in *ids_out (malloc'd, *n_out entries). */
static int run_facets(vn_query_engine *e, vn_db_query *q, vn_db_query *filter, int browse, vn_db_mset **ms,
		      vn_docid **ids_out, size_t *n_out, vn_error *err)
{
	vn_db_search *s = NULL;
	vn_db_query *all = NULL, *bool_q = NULL, *full = NULL;
	int rc = 0;
	*ids_out = NULL;
	*n_out = 0;
	if (browse || !q) {
		if ((rc = vn_db_query_match_all(&all, err)))
			goto out;
		q = all;
	}
	if ((rc = vn_db_query_scale(&bool_q, q, 0, err)))
		goto out;
	const vn_db_query *use = bool_q;
	if (filter) {
		vn_db_query *subs[2] = { bool_q, filter };
		if ((rc = vn_db_query_combine(&full, VN_DBQ_FILTER, subs, 2, 0, err)))
			goto out;
		use = full;
	}
	if ((rc = vn_db_search_new(&s, e->db, err)) || (rc = vn_db_search_set_query(s, use, err)) ||
	    (rc = vn_db_search_set_time_limit(s, e->cfg.time_limit, err)) ||
	    (rc = vn_db_search_run(s, 0, e->cfg.facet_sample, e->cfg.facet_sample, ms, err)))
		goto out;
	uint32_t n = vn_db_mset_size(*ms);
	vn_docid *ids = malloc((n ? n : 1) * sizeof *ids);
	if (!ids) {
		rc = vn_error_set(err, VN_ENOMEM, "out of memory");
		goto out;
	}
	for (uint32_t i = 0; i < n; i++) {
		vn_db_hit h;
		if ((rc = vn_db_mset_hit(*ms, i, &h))) {
			free(ids);
			rc = vn_error_set(err, rc, "reading the facet sample");
			goto out;
		}
		ids[i] = h.docid;
	}
	qsort(ids, n, sizeof *ids, cmp_u32);
	*ids_out = ids;
	*n_out = n;
out:
	vn_db_search_free(s);
	vn_db_query_free(full);
	vn_db_query_free(bool_q);
	vn_db_query_free(all);
	return rc;
}

/* The facets of the sample ids[0..n) into r (scaled to r->total). */
static int count_facets(vn_query_engine *e, const vn_docid *ids, size_t n, vn_query_result *r, vn_error *err)
{
	ftally t[N_FACETS];
	memset(t, 0, sizeof t);
	int rc = 0;
	size_t year = N_FACETS, month = N_FACETS;
	for (size_t i = 0; i < N_FACETS; i++) {
		if (facet_slots[i].slot == VN_SLOT_YEAR)
			year = i;
		if (facet_slots[i].slot == VN_SLOT_MONTH)
			month = i;
	}
	for (size_t i = 0; i < N_FACETS && !rc; i++) {
		if (i == year && month < N_FACETS)
			continue;
		fwalk w = { &t[i], i == month && year < N_FACETS ? &t[year] : NULL };
		rc = vn_db_values_in(e->db, facet_slots[i].slot, ids, n, facet_value_cb, &w, err);
		if (t[i].rc || (w.year && w.year->rc))
			rc = vn_error_set(err, VN_ENOMEM, "out of memory");
	}
	if (!rc && !(r->facets = calloc(N_FACETS, sizeof *r->facets)))
		rc = vn_error_set(err, VN_ENOMEM, "out of memory");
	for (size_t i = 0; i < N_FACETS && !rc; i++) {
		vn_query_facet *f = &r->facets[r->n_facets++];
		if (!(f->name = strdup(facet_slots[i].name))) {
			rc = vn_error_set(err, VN_ENOMEM, "out of memory");
			break;
		}
		double scale = 1.0;
		if (n > 0 && r->total > n && !r->total_exact) {
			scale = (double)r->total / (double)n;
			r->facets_estimated = 1;
		}
		tally_sort(&t[i]);
		facet_ctx c = { f, facet_slots[i].max, scale, 0 };
		for (size_t k = 0; k < t[i].n; k++)
			if (facet_cb(t[i].a[k].v, t[i].a[k].n, t[i].a[k].count, &c))
				break;
		if (c.rc)
			rc = vn_error_set(err, VN_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < N_FACETS; i++)
		tally_free(&t[i]);
	return rc;
}

/* ---- re-ranking the top candidates ------------------------------------------
 * Xapian ranks all matches by BM25 over the terms; the best rr_k are then
 * ordered again with what BM25 cannot see: how much of the query stands in
 * the title word for word, with the accents typed, how much of the title the
 * query covers, how many of the query's adjacent pairs the article has, and
 * for hybrid sorting the date. The title's tokens come from a value slot
 * (VN_SLOT_TITLE_TOKENS), the pairs from one posting-list walk each. */

typedef struct rrcand {
	vn_docid docid;
	uint32_t idx;       /* position in the mset */
	double weight, score;
	double ftitle;      /* the title features, weighted */
	uint32_t pairs;     /* query pairs present */
	uint32_t pairsx;    /* query pairs typed with accents present with them */
	int has_date;
	char date[9];
} rrcand;

typedef struct rrctx {
	rrcand *c;
	const qb *B;
	const vq_weights *w;
	int numbers; /* the query has a number: titles' "số" before one is left out;
		      * none: titles' numbers are */
	uint64_t pairs[32];  /* hashes of the query pairs typed with accents */
	size_t npairs;
} rrctx;

#define RR_MAX_TOK VN_TITLE_TOKENS_MAX

typedef struct rrtok { const char *s; size_t n; } rrtok;

static size_t split_tokens(const char *s, size_t n, rrtok *out, size_t cap)
{
	size_t k = 0, i = 0;
	while (i < n && k < cap) {
		while (i < n && s[i] == ' ')
			i++;
		size_t st = i;
		while (i < n && s[i] != ' ')
			i++;
		if (i > st) {
			out[k].s = s + st;
			out[k].n = i - st;
			k++;
		}
	}
	return k;
}

static int tok_is(const rrtok *t, const char *s, size_t n)
{
	return n == t->n && memcmp(t->s, s, n) == 0;
}

/* Does query word w match title token j (exact: with the accents typed)? */
static int word_at(const struct rrword *w, const rrtok *tx, const rrtok *tk, size_t j, int exact)
{
	if (exact && w->marked)
		return tok_is(&tx[j], w->exact, w->exact_len);
	return tok_is(&tk[j], w->key, w->key_len);
}

/* "số" before a number ("Thông tư số 08/2023", "Quyết định số 1852"): legal
 * titles write it, people searching for the document often leave it out;
 * the title run is matched without it on both sides. */
static int filler_before_number(const char *key, size_t kl, const char *next, size_t nl)
{
	return kl == 2 && memcmp(key, "so", 2) == 0 && nl > 0 && next[0] >= '0' && next[0] <= '9';
}

/* The query's accented pairs found in candidate i's pair set. */
static int rr_pairs_cb(size_t i, const char *v, size_t len, void *payload)
{
	rrctx *x = payload;
	for (size_t k = 0; k < x->npairs; k++)
		x->c[i].pairsx += (uint32_t)vn_pairs_test((const unsigned char *)v, len, x->pairs[k]);
	return 0;
}

static int rr_title_cb(size_t i, const char *v, size_t len, void *payload)
{
	rrctx *x = payload;
	const qb *B = x->B;
	const vq_weights *w = x->w;
	const char *nl = memchr(v, '\n', len);
	if (!nl || B->nrw == 0)
		return 0;
	rrtok tx[RR_MAX_TOK], tk[RR_MAX_TOK];
	size_t nx = split_tokens(v, (size_t)(nl - v), tx, RR_MAX_TOK);
	size_t nk = split_tokens(nl + 1, len - (size_t)(nl - v) - 1, tk, RR_MAX_TOK);
	size_t nt = nx < nk ? nx : nk, kept = 0;
	for (size_t j = 0; j < nt; j++) {
		if (x->numbers && j + 1 < nt && filler_before_number(tk[j].s, tk[j].n, tk[j + 1].s, tk[j + 1].n))
			continue;
		/* a query without numbers is matched past the title's numbers
		 * ("hoạt động của phòng" in "hoạt động của 2 phòng khám") */
		if (!x->numbers && tk[j].n && tk[j].s[0] >= '0' && tk[j].s[0] <= '9')
			continue;
		tx[kept] = tx[j];
		tk[kept++] = tk[j];
	}
	nt = kept;
	if (nt == 0)
		return 0;
	const struct rrword *qv[32];
	size_t nq = 0;
	for (size_t q = 0; q < B->nrw && nq < 32; q++) {
		const struct rrword *r = &B->rw[q], *r2 = q + 1 < B->nrw ? &B->rw[q + 1] : NULL;
		if (r2 && r2->run == r->run && filler_before_number(r->key, r->key_len, r2->key, r2->key_len))
			continue;
		qv[nq++] = r;
	}
	double f = 0, total = (double)nq;
	int whole = 1;
	for (size_t a = 0; a < nq;) {
		size_t b = a;
		while (b < nq && qv[b]->run == qv[a]->run)
			b++;
		size_t m = b - a, best[2] = { 0, 0 }, cov[2] = { 0, 0 };
		int has_number = 0;
		for (size_t q = a; q < b; q++)
			has_number |= qv[q]->key_len && qv[q]->key[0] >= '0' && qv[q]->key[0] <= '9';
		for (int ex = 0; ex < 2; ex++) {
			for (size_t q = a; q < b; q++) {
				for (size_t j = 0; j < nt; j++) {
					size_t l = 0;
					while (q + l < b && j + l < nt && word_at(qv[q + l], tx, tk, j + l, ex))
						l++;
					if (l > best[ex])
						best[ex] = l;
					if (l)
						break;
				}
			}
			for (size_t q = a; q < b && (ex ? w->rr_covx : w->rr_cov) != 0; q++)
				for (size_t j = 0; j < nt; j++)
					if (word_at(qv[q], tx, tk, j, ex)) {
						cov[ex]++;
						break;
					}
		}
		double share = m / total;
		f += share * (w->rr_run * best[0] / m + w->rr_runx * best[1] / m +
			      w->rr_cov * cov[0] / m + w->rr_covx * cov[1] / m +
			      (m >= 2 && best[0] == m ? (has_number ? w->rr_fullnum : w->rr_full) : 0) +
			      (best[1] == m ? w->rr_fullx : 0));
		whole &= best[0] == m;
		a = b;
	}
	double lenf = total / nt;
	f += w->rr_len * (lenf > 1 ? 1 : lenf);
	if (whole && nq >= 2)
		f += w->rr_lenfull * (lenf > 1 ? 1 : lenf);
	if (w->rr_l0 > 0 && nt > w->rr_l0)
		f *= w->rr_l0 / nt;
	x->c[i].ftitle = f;
	return 0;
}

static int rr_date_cb(size_t i, const char *v, size_t len, void *payload)
{
	rrctx *x = payload;
	if (len == 8) {
		memcpy(x->c[i].date, v, 8);
		x->c[i].date[8] = 0;
		x->c[i].has_date = 1;
	}
	return 0;
}

static long days_of(const char *ymd)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = (ymd[0] - '0') * 1000 + (ymd[1] - '0') * 100 + (ymd[2] - '0') * 10 + (ymd[3] - '0') - 1900;
	tm.tm_mon = (ymd[4] - '0') * 10 + (ymd[5] - '0') - 1;
	tm.tm_mday = (ymd[6] - '0') * 10 + (ymd[7] - '0');
	tm.tm_hour = 12;
	return (long)(timegm(&tm) / 86400);
}

static int cmp_docid(const void *a, const void *b)
{
	const rrcand *x = a, *y = b;
	return x->docid < y->docid ? -1 : x->docid > y->docid;
}

static int cmp_score(const void *a, const void *b)
{
	const rrcand *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* The mset's candidates in their new order: *order_out[k] is the mset
 * position of the k-th hit (malloc'd, n entries). */
/* wdf[i] = the pair term prefix+"a b"'s wdf in ids[i] (0: absent). */
static int pair_wdf_in(vn_query_engine *e, const char *prefix, const char *a, const char *b, const vn_docid *ids,
		       size_t n, uint32_t *wdf, vn_error *err)
{
	vn_buf *t = &e->term;
	vn_buf_clear(t);
	if (vn_buf_puts(t, prefix) || vn_buf_puts(t, a) || vn_buf_putc(t, ' ') || vn_buf_puts(t, b))
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	return vn_db_wdf_in(e->db, t->data, t->len, ids, n, wdf, err);
}

static int rerank(vn_query_engine *e, const qb *B, int hybrid, vn_db_mset *ms, uint32_t **order_out,
		  double **score_out, vn_error *err)
{
	const vq_weights *w = &e->w;
	uint32_t n = vn_db_mset_size(ms);
	*order_out = NULL;
	*score_out = NULL;
	rrcand *c = calloc(n ? n : 1, sizeof *c);
	vn_docid *ids = malloc((n ? n : 1) * sizeof *ids);
	uint32_t *wdf = malloc((n ? n : 1) * sizeof *wdf);
	uint32_t *order = malloc((n ? n : 1) * sizeof *order);
	double *score = malloc((n ? n : 1) * sizeof *score);
	int rc = 0;
	if (!c || !ids || !wdf || !order || !score) {
		rc = vn_error_set(err, VN_ENOMEM, "out of memory");
		goto out;
	}
	double top = 0;
	for (uint32_t i = 0; i < n; i++) {
		vn_db_hit h;
		if ((rc = vn_db_mset_hit(ms, i, &h)))
			goto out;
		c[i].docid = h.docid;
		c[i].idx = i;
		c[i].weight = h.weight;
		if (h.weight > top)
			top = h.weight;
	}
	if (top <= 0)
		top = 1;
	qsort(c, n, sizeof *c, cmp_docid);
	for (uint32_t i = 0; i < n; i++)
		ids[i] = c[i].docid;
	rrctx x = { c, B, w, 0, { 0 }, 0 };
	for (size_t q = 0; q < B->nrw; q++)
		x.numbers |= B->rw[q].key_len && B->rw[q].key[0] >= '0' && B->rw[q].key[0] <= '9';
	if ((rc = vn_db_values_in(e->db, VN_SLOT_TITLE_TOKENS, ids, n, rr_title_cb, &x, err)))
		goto out;
	uint32_t npairs = 0;
	for (size_t a = 0; a + 1 < B->nrw && w->rr_pairs != 0; a++) {
		if (B->rw[a].run != B->rw[a + 1].run)
			continue;
		npairs++;
		if ((rc = pair_wdf_in(e, VN_PREFIX_BIGRAM, B->rw[a].key, B->rw[a + 1].key, ids, n, wdf, err)))
			goto out;
		for (uint32_t i = 0; i < n; i++)
			c[i].pairs += wdf[i] > 0;
	}
	for (size_t a = 0; a + 1 < B->nrw && w->rr_pairsx != 0 && x.npairs < 32; a++) {
		const struct rrword *p = &B->rw[a], *q = &B->rw[a + 1];
		if (p->run != q->run || !(p->marked || q->marked))
			continue;
		x.pairs[x.npairs++] = vn_pairs_hash(p->exact, p->exact_len, q->exact, q->exact_len);
	}
	uint32_t npairsx = (uint32_t)x.npairs;
	if (npairsx && (rc = vn_db_values_in(e->db, VN_SLOT_PAIRS, ids, n, rr_pairs_cb, &x, err)))
		goto out;
	long now = days_of(e->newest);
	if (hybrid && (rc = vn_db_values_in(e->db, VN_SLOT_DATE, ids, n, rr_date_cb, &x, err)))
		goto out;
	for (uint32_t i = 0; i < n; i++) {
		double sc = c[i].weight / top + c[i].ftitle;
		if (npairs)
			sc += w->rr_pairs * c[i].pairs / npairs;
		if (npairsx)
			sc += w->rr_pairsx * c[i].pairsx / npairsx;
		if (hybrid) {
			double rec = 0.5;
			if (c[i].has_date) {
				long age = now - days_of(c[i].date);
				rec = pow(2.0, -(age > 0 ? (double)age : 0.0) / e->cfg.half_life_days);
			}
			sc += w->rr_recency * rec;
		}
		c[i].score = sc;
	}
	qsort(c, n, sizeof *c, cmp_score);
	for (uint32_t i = 0; i < n; i++) {
		order[i] = c[i].idx;
		score[i] = c[i].score * top;
	}
	*order_out = order;
	*score_out = score;
	order = NULL;
	score = NULL;
out:
	free(c);
	free(ids);
	free(wdf);
	free(order);
	free(score);
	return rc;
}

static int run_query(vn_query_engine *e, const vn_query_request *req, int allow_loose, int *loosened,
		     vn_query_result **out, vn_error *err)
{
	*out = NULL;
	*loosened = 0;
	if (!e || !req)
		return vn_error_set(err, VN_EINVAL, "no engine or request");
	vn_query_result *r = calloc(1, sizeof *r);
	if (!r)
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	uint32_t limit = req->limit ? req->limit : 10;
	if (limit > 100)
		limit = 100;
	uint32_t offset = req->offset > 100000 ? 100000 : req->offset;
	r->offset = offset;
	r->limit = limit;

	/* the query as the text core sees it: repaired (TCVN3, double UTF-8),
	 * NFC, new-style tones; then cut to the byte cap at a UTF-8 boundary */
	const char *qs = req->query ? req->query : "";
	size_t qn = req->query ? (req->query_len ? req->query_len : strlen(req->query)) : 0;
	int cut = 0;
	vn_buf canon = VN_BUF_INIT;
	int rc = vq_canonical_query(e, qs, qn, &canon, err);
	if (rc) {
		free(r);
		return vn_error_set(err, rc, "normalizing the query: %s", vn_strerror(rc));
	}
	size_t cn = canon.len;
	if (cn > e->cfg.max_query_bytes) {
		cn = e->cfg.max_query_bytes;
		while (cn > 0 && ((unsigned char)canon.data[cn] & 0xc0) == 0x80)
			cn--;
		cut = 1;
	}
	vq_parsed p;
	rc = vq_parse(&p, canon.data ? canon.data : "", cn, e->cfg.max_terms);
	if (rc) {
		vn_buf_free(&canon);
		free(r);
		return vn_error_set(err, rc, "out of memory");
	}
	qb B;
	uint32_t *rr_order = NULL;
	double *rr_score = NULL;
	vn_db_query *filter = NULL, *q = NULL;
	vn_db_mset *ms = NULL, *fms = NULL;
	vn_docid *fids = NULL;
	size_t nfids = 0;
	vn_buf tmp = VN_BUF_INIT;
	q = build_all(e, &p, req, &B, 0, err, &filter);
	rc = B.rc;
	if (rc)
		goto fail;
	int browse = B.exclude_only;
	if (!q) {
		if (!filter && B.nwords == 0) {
			rc = vn_error_set(err, VN_EINVAL, p.root ? "the query has no words to search for"
							       : "empty query: type words or give a filter");
			goto fail;
		}
		if (!filter) {
			rc = vn_error_set(err, VN_EINVAL, "empty query: type words or give a filter");
			goto fail;
		}
		browse = 1;
	}
	/* the first pages come from re-ranking the best rr_k candidates; deeper
	 * pages (and date order) from Xapian's order alone */
	uint32_t rr_k = e->w.rr_k > 0 ? (uint32_t)e->w.rr_k : 0;
	int rr = !browse && req->sort != VN_QUERY_SORT_DATE && rr_k > 0 && offset + limit <= rr_k;
	vn_query_request rreq = *req;
	if (rr)
		rreq.sort = VN_QUERY_SORT_RELEVANCE;
	uint32_t s_off = rr ? 0 : offset, s_lim = rr ? rr_k : limit;
	rc = run_search(e, &rreq, q, filter, browse, B.est_weight, B.nwords, s_off, s_lim, &ms, err);
	if (rc)
		goto fail;
	if (allow_loose && !browse && vn_db_mset_size(ms) == 0 && offset == 0 &&
	    (B.nruns_multi || (p.root && p.root->type == VQ_AND))) {
		/* nothing has every word: show what has some of them */
		qb B2;
		vn_db_query *f2 = NULL, *q2 = build_all(e, &p, req, &B2, 1, err, &f2);
		if (B2.rc) {
			rc = B2.rc;
			qb_free(&B2);
			goto fail;
		}
		vn_db_mset *ms2 = NULL;
		if (q2 && (rc = run_search(e, &rreq, q2, f2, 0, B2.est_weight, B2.nwords, s_off, s_lim, &ms2, err))) {
			vn_db_query_free(q2);
			vn_db_query_free(f2);
			qb_free(&B2);
			goto fail;
		}
		if (ms2 && vn_db_mset_size(ms2)) {
			vn_db_mset_free(ms);
			ms = ms2;
			qb_free(&B);
			B = B2;
			vn_db_query_free(q);
			vn_db_query_free(filter);
			q = q2;
			filter = f2;
			*loosened = 1;
			if ((rc = set_note(r, "no article has all the words: showing articles with some of them")))
				goto nomem;
		} else {
			vn_db_mset_free(ms2);
			qb_free(&B2);
			vn_db_query_free(q2);
			vn_db_query_free(f2);
		}
	}
	if (req->want_facets && (rc = run_facets(e, q, filter, browse, &fms, &fids, &nfids, err)))
		goto fail;

	uint32_t est, lower, upper;
	vn_db_mset_totals(fms ? fms : ms, &est, &lower, &upper);
	r->total = est;
	r->total_exact = lower == upper;
	uint32_t n = vn_db_mset_size(ms), first = 0;
	if (rr) {
		if ((rc = rerank(e, &B, req->sort == VN_QUERY_SORT_HYBRID, ms, &rr_order, &rr_score, err)))
			goto fail;
		first = offset < n ? offset : n;
		n = n - first < limit ? n - first : limit;
	}
	if (n) {
		r->hits = calloc(n, sizeof *r->hits);
		if (!r->hits)
			goto nomem;
	}
	for (uint32_t i = 0; i < n; i++) {
		vn_db_hit h;
		uint32_t at = rr ? rr_order[first + i] : i;
		if ((rc = vn_db_mset_hit(ms, at, &h)) || (rc = vn_db_mset_data(ms, at, &e->data, err)))
			goto fail;
		vn_query_hit *hit = &r->hits[r->n_hits++];
		hit->score = rr ? rr_score[first + i] : h.weight;
		if ((rc = fill_hit(e, &B, req, hit, e->data.data ? e->data.data : "", e->data.len)))
			goto nomem;
	}
	if (req->want_facets && (rc = count_facets(e, fids, nfids, r, err)))
		goto fail;
	if ((rc = vq_to_string(&p, &tmp)))
		goto nomem;
	r->query = vn_buf_detach(&tmp, NULL);
	if (!r->query)
		goto nomem;
	if (p.syntax_error && (rc = set_note(r, "syntax error: searched as plain words")))
		goto nomem;
	if ((p.truncated || cut) && (rc = set_note(r, "query too long: the end was left out")))
		goto nomem;
	if (req->want_suggestion && !p.syntax_error && p.root && p.root->type == VQ_TEXT && !p.root->negated &&
	    p.root->field == VQ_FIELD_ANY) {
		char *sg = NULL;
		if (vq_suggest(e, p.root->text, p.root->len, &sg) == VN_ENOMEM)
			goto nomem;
		r->suggestion = sg;
	}
	vn_db_mset_free(ms);
	vn_db_mset_free(fms);
	free(fids);
	vn_db_query_free(q);
	vn_db_query_free(filter);
	qb_free(&B);
	vq_parsed_free(&p);
	vn_buf_free(&canon);
	vn_buf_free(&tmp);
	free(rr_order);
	free(rr_score);
	*out = r;
	return 0;
nomem:
	rc = vn_error_set(err, VN_ENOMEM, "out of memory");
fail:
	vn_db_mset_free(ms);
	vn_db_mset_free(fms);
	free(fids);
	vn_db_query_free(q);
	vn_db_query_free(filter);
	qb_free(&B);
	vq_parsed_free(&p);
	vn_buf_free(&canon);
	vn_buf_free(&tmp);
	free(rr_order);
	free(rr_score);
	vn_query_result_free(r);
	return rc;
}

/* A query that finds nothing as typed but has a suggestion ("ddangr vieen",
 * "phat trienn") shows the suggestion's hits, and says so: an empty page
 * with a link is a dead end for most users, and the articles with only some
 * of the words typed ("phạt" for "phat trienn") are worse than the words
 * meant. With hits of its own the suggestion is only offered. */
int vn_query_run(vn_query_engine *e, const vn_query_request *req, vn_query_result **out, vn_error *err)
{
	vn_query_result *r = NULL;
	int loosened = 0, again_loosened = 0;
	int rc = run_query(e, req, 1, &loosened, &r, err);
	if (rc || (!loosened && (r->n_hits || r->total)) || !r->suggestion || r->offset)
		return *out = r, rc;
	vn_query_request again = *req;
	again.query = r->suggestion;
	again.query_len = strlen(r->suggestion);
	again.want_suggestion = 0;
	vn_query_result *s = NULL;
	vn_error ignored = VN_ERROR_INIT;
	/* against a loosened result only the suggestion's every word counts */
	if (run_query(e, &again, !loosened, &again_loosened, &s, &ignored) || s->n_hits == 0) {
		vn_query_result_free(s);
		return *out = r, 0;
	}
	/* the result keeps the query as typed and its suggestion */
	free(s->query);
	s->query = r->query;
	r->query = NULL;
	s->suggestion = r->suggestion;
	r->suggestion = NULL;
	s->suggestion_searched = 1;
	vn_query_result_free(r);
	*out = s;
	return 0;
}

/* ---- JSON ---------------------------------------------------------------------- */

static int json_opt(vn_buf *b, const char *s)
{
	return s ? vn_json_string(b, s, strlen(s)) : vn_buf_puts(b, "null");
}

/* HTML text with <mark> around the spans (spans sorted, non-overlapping). */
int vq_marked_html(vn_buf *b, const char *s, const vn_query_span *m, size_t nm)
{
	size_t pos = 0, len = strlen(s);
	int rc = 0;
	for (size_t i = 0; i < nm && !rc; i++) {
		if (m[i].start < pos || m[i].start + (size_t)m[i].len > len)
			continue;
		rc |= vn_escape_html(b, s + pos, m[i].start - pos);
		rc |= vn_buf_puts(b, "<mark>");
		rc |= vn_escape_html(b, s + m[i].start, m[i].len);
		rc |= vn_buf_puts(b, "</mark>");
		pos = m[i].start + m[i].len;
	}
	rc |= vn_escape_html(b, s + pos, len - pos);
	return rc ? VN_ENOMEM : 0;
}

int vn_query_result_json(const vn_query_result *r, vn_buf *out)
{
	int rc = 0;
	vn_buf html = VN_BUF_INIT;
	rc |= vn_buf_puts(out, "{\"query\":");
	rc |= json_opt(out, r->query ? r->query : "");
	rc |= vn_buf_printf(out, ",\"total\":%u,\"hits\":[", r->total);
	for (size_t i = 0; i < r->n_hits; i++) {
		const vn_query_hit *h = &r->hits[i];
		if (i)
			rc |= vn_buf_putc(out, ',');
		rc |= vn_buf_puts(out, "{\"id\":");
		rc |= json_opt(out, h->id);
		rc |= vn_buf_puts(out, ",\"title\":");
		rc |= json_opt(out, h->title);
		rc |= vn_buf_puts(out, ",\"date\":");
		rc |= json_opt(out, h->date);
		rc |= vn_buf_puts(out, ",\"category\":");
		rc |= json_opt(out, h->category);
		rc |= vn_buf_puts(out, ",\"site\":");
		rc |= json_opt(out, h->site);
		rc |= vn_buf_puts(out, ",\"url\":");
		rc |= json_opt(out, h->url);
		double sc = isfinite(h->score) ? h->score : 0;
		rc |= vn_buf_printf(out, ",\"score\":%.4f,\"snippet\":", sc);
		if (h->snippet) {
			vn_buf_clear(&html);
			rc |= vq_marked_html(&html, h->snippet, h->snippet_marks, h->n_snippet_marks);
			rc |= vn_json_string(out, html.data ? html.data : "", html.len);
		} else {
			rc |= vn_buf_puts(out, "null");
		}
		rc |= vn_buf_putc(out, '}');
	}
	rc |= vn_buf_puts(out, "],\"suggestion\":");
	rc |= json_opt(out, r->suggestion);
	if (r->suggestion_searched)
		rc |= vn_buf_puts(out, ",\"suggestion_searched\":true");
	if (r->note) {
		rc |= vn_buf_puts(out, ",\"note\":");
		rc |= json_opt(out, r->note);
	}
	rc |= vn_buf_puts(out, ",\"facets\":{");
	for (size_t i = 0; i < r->n_facets; i++) {
		const vn_query_facet *f = &r->facets[i];
		if (i)
			rc |= vn_buf_putc(out, ',');
		rc |= json_opt(out, f->name);
		rc |= vn_buf_puts(out, ":[");
		for (size_t j = 0; j < f->n_values; j++) {
			if (j)
				rc |= vn_buf_putc(out, ',');
			rc |= vn_buf_puts(out, "{\"value\":");
			rc |= json_opt(out, f->values[j].value);
			rc |= vn_buf_printf(out, ",\"count\":%u}", f->values[j].count);
		}
		rc |= vn_buf_putc(out, ']');
	}
	rc |= vn_buf_putc(out, '}');
	if (r->facets_estimated)
		rc |= vn_buf_puts(out, ",\"facets_estimated\":true");
	rc |= vn_buf_putc(out, '}');
	vn_buf_free(&html);
	return rc ? VN_ENOMEM : 0;
}
