/*
 * index_doc.c — one article into one Xapian document, exactly as
 * vn_schema.h defines it. Runs on the reader thread of vn_index_run, so it
 * keeps all its scratch memory in the builder and allocates nothing per
 * token once the buffers have grown.
 */
#define _GNU_SOURCE   /* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index_int.h"
#include "vn_pairs.h"
#include "vn_schema.h"

/* Non-positional terms (X, T, B, SB, Z) of one document, summed per term so
 * that each reaches Xapian once with its total wdf. Open addressing over
 * offsets into one arena; cleared per document without freeing. */
typedef struct vn__termtab {
	uint32_t *slots;      /* 0 = empty, else entry index + 1 */
	size_t nslots;        /* power of two */
	struct vn__term { uint32_t off, len, wdf; uint32_t hash; } *ents;
	size_t nents, capents;
	vn_buf arena;
} vn__termtab;

struct vn__builder {
	vn_text *text;
	char lang[32];
	vn_buf title, body, summary, author;   /* repaired copies */
	vn_buf term, data, scratch;
	vn_buf prev_key, prev_exact;
	vn_buf title_exact, title_keys;        /* VN_SLOT_TITLE_TOKENS, built per title */
	vn__termtab tt;
	uint64_t *pairs;                       /* hashes of the accented pairs (vn_pairs.h) */
	size_t npairs, cappairs;
	uint64_t pair_wdf;                     /* their wdf, summed (VN_TERM_PAIR_LENGTH) */
	vn_buf pairf;                          /* their set, VN_SLOT_PAIRS */
};

static uint32_t hash32(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

static int tt_grow(vn__termtab *t)
{
	size_t n = t->nslots ? t->nslots * 2 : 1024;
	uint32_t *slots = calloc(n, sizeof *slots);
	if (!slots)
		return VN_ENOMEM;
	for (size_t i = 0; i < t->nents; i++) {
		size_t j = t->ents[i].hash & (n - 1);
		while (slots[j])
			j = (j + 1) & (n - 1);
		slots[j] = (uint32_t)i + 1;
	}
	free(t->slots);
	t->slots = slots;
	t->nslots = n;
	return 0;
}

static void tt_clear(vn__termtab *t)
{
	if (t->nents && t->slots)
		memset(t->slots, 0, t->nslots * sizeof *t->slots);
	t->nents = 0;
	vn_buf_clear(&t->arena);
}

static void tt_free(vn__termtab *t)
{
	free(t->slots);
	free(t->ents);
	vn_buf_free(&t->arena);
	memset(t, 0, sizeof *t);
}

static int tt_add(vn__termtab *t, const char *s, size_t n, uint32_t wdf)
{
	if (n > VN_INDEX_TERM_MAX)
		return 0;   /* Xapian would refuse it; such a token is noise */
	if ((t->nents + 1) * 2 > t->nslots) {
		int rc = tt_grow(t);
		if (rc)
			return rc;
	}
	uint32_t h = hash32(s, n);
	size_t j = h & (t->nslots - 1);
	while (t->slots[j]) {
		struct vn__term *e = &t->ents[t->slots[j] - 1];
		if (e->hash == h && e->len == n && memcmp(t->arena.data + e->off, s, n) == 0) {
			e->wdf += wdf;
			return 0;
		}
		j = (j + 1) & (t->nslots - 1);
	}
	if (t->nents == t->capents) {
		size_t nc = t->capents ? t->capents * 2 : 1024;
		struct vn__term *ne = realloc(t->ents, nc * sizeof *ne);
		if (!ne)
			return VN_ENOMEM;
		t->ents = ne;
		t->capents = nc;
	}
	if (t->arena.len > UINT32_MAX - n - 1)
		return VN_ERANGE;
	uint32_t off = (uint32_t)t->arena.len;
	int rc = vn_buf_append(&t->arena, s, n);
	if (rc)
		return rc;
	t->ents[t->nents] = (struct vn__term){ off, (uint32_t)n, wdf, h };
	t->slots[j] = (uint32_t)++t->nents;
	return 0;
}

int vn__builder_new(vn__builder **out, vn_error *err)
{
	*out = NULL;
	vn__builder *b = calloc(1, sizeof *b);
	if (!b)
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	int rc = vn_text_new(&b->text, "vi", err);
	if (rc) {
		free(b);
		return rc;
	}
	strcpy(b->lang, "vi");
	*out = b;
	return 0;
}

void vn__builder_free(vn__builder *b)
{
	if (!b)
		return;
	vn_text_free(b->text);
	vn_buf *bufs[] = { &b->title, &b->body, &b->summary, &b->author, &b->term,
			   &b->data, &b->scratch, &b->prev_key, &b->prev_exact,
			   &b->title_exact, &b->title_keys, &b->pairf };
	for (size_t i = 0; i < sizeof bufs / sizeof bufs[0]; i++)
		vn_buf_free(bufs[i]);
	tt_free(&b->tt);
	free(b->pairs);
	free(b);
}

int vn__id_term(vn_buf *out, const char *id, size_t len, vn_error *err)
{
	vn_buf_clear(out);
	if (!id || len == 0)
		return vn_error_set(err, VN_EINVAL, "article has no id");
	if (len + 1 > VN_INDEX_TERM_MAX)
		return vn_error_set(err, VN_EINVAL, "id longer than %d bytes", VN_INDEX_TERM_MAX - 1);
	if (memchr(id, '\0', len))
		return vn_error_set(err, VN_EINVAL, "id contains a NUL byte");
	if (vn_buf_puts(out, VN_PREFIX_ID) || vn_buf_append(out, id, len))
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	return 0;
}

/* ---- content hash ---------------------------------------------------------- */

typedef struct { uint64_t h; } fnv64;

static void fnv_bytes(fnv64 *f, const void *p, size_t n)
{
	f->h = vn_fnv1a(f->h, p, n);
}

/* Each field as (present?, length, bytes) so that moving bytes between
 * fields always changes the hash. */
static void fnv_field(fnv64 *f, const char *s, size_t n)
{
	unsigned char tag = s ? 1 : 0;
	fnv_bytes(f, &tag, 1);
	if (!s)
		return;
	uint64_t len = n;
	fnv_bytes(f, &len, sizeof len);
	fnv_bytes(f, s, n);
}

static void fnv_str(fnv64 *f, const char *s)
{
	fnv_field(f, s, s ? strlen(s) : 0);
}

void vn__article_hash(char out[17], const vn_article *a, const char *source_term)
{
	fnv64 f = { VN_FNV_OFFSET };
	int fmt = VN_INDEX_FORMAT;
	fnv_bytes(&f, &fmt, sizeof fmt);
	fnv_str(&f, a->id);
	fnv_field(&f, a->title, a->title ? (a->title_len ? a->title_len : strlen(a->title)) : 0);
	fnv_str(&f, a->date);
	fnv_str(&f, a->category);
	fnv_str(&f, a->site);
	fnv_str(&f, a->kind);
	fnv_str(&f, a->lang);
	fnv_str(&f, a->url);
	fnv_str(&f, a->author);
	fnv_str(&f, a->summary);
	fnv_field(&f, a->body, a->body ? (a->body_len ? a->body_len : strlen(a->body)) : 0);
	fnv_str(&f, source_term);
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < 16; i++)
		out[i] = hex[(f.h >> (60 - 4 * i)) & 15];
	out[16] = '\0';
}

void vn_index_article_hash(char out[17], const vn_article *a)
{
	vn__article_hash(out, a, NULL);
}

/* ---- tokens into terms ---------------------------------------------------- */

typedef struct tokctx {
	vn__builder *b;
	vn_db_doc *doc;
	vn__sugg *sugg;
	vn_error *err;
	uint32_t wdf;        /* VN_TITLE_WDF for the title, 1 for the body */
	int title;
	uint32_t ntokens;
	uint32_t ntitle;     /* title tokens put in VN_SLOT_TITLE_TOKENS */
	int have_prev, prev_syllable;
	int rc;
} tokctx;

/* t = a b c d, reserved once: on_token builds several terms of every
 * token, and a vn_buf_append per piece was 2 % of vnindex's instructions */
static int put4(vn_buf *t, const char *a, size_t an, const char *b, size_t bn, const char *c, size_t cn,
		const char *d, size_t dn)
{
	t->len = 0;
	if (vn_buf_reserve(t, an + bn + cn + dn))
		return VN_ENOMEM;
	char *p = t->data;
	if (an)
		memcpy(p, a, an);
	p += an;
	if (bn)
		memcpy(p, b, bn);
	p += bn;
	if (cn)
		memcpy(p, c, cn);
	p += cn;
	if (dn)
		memcpy(p, d, dn);
	p += dn;
	*p = '\0';
	t->len = an + bn + cn + dn;
	return 0;
}

static int put_term(vn_buf *t, const char *prefix, const char *s, size_t n)
{
	return put4(t, prefix, strlen(prefix), s, n, NULL, 0, NULL, 0);
}

static int put_bigram(vn_buf *t, const char *prefix, const vn_buf *a, const char *s, size_t n)
{
	return put4(t, prefix, strlen(prefix), a->data, a->len, " ", 1, s, n);
}

static int on_token(const vn_token *tok, void *payload)
{
	tokctx *c = payload;
	vn__builder *b = c->b;
	vn__termtab *tt = &b->tt;
	vn_buf *t = &b->term;
	int rc = 0;
	c->ntokens++;

	if (tok->key_len == 0)
		return 0;
	if (tok->key_len <= VN_INDEX_TERM_MAX) {
		rc = vn_db_doc_add_posting(c->doc, tok->key, tok->key_len, tok->position, c->wdf, c->err);
		if (rc)
			goto fail;
	}
	int x_differs = tok->exact_len != tok->key_len || memcmp(tok->exact, tok->key, tok->key_len);
	if (x_differs) {
		if ((rc = put_term(t, VN_PREFIX_EXACT, tok->exact, tok->exact_len)) ||
		    (rc = tt_add(tt, t->data, t->len, c->wdf)))
			goto fail;
		int t_differs = (tok->tonefree_len != tok->key_len ||
				 memcmp(tok->tonefree, tok->key, tok->key_len)) &&
				(tok->tonefree_len != tok->exact_len ||
				 memcmp(tok->tonefree, tok->exact, tok->exact_len));
		if (t_differs && ((rc = put_term(t, VN_PREFIX_TONEFREE, tok->tonefree, tok->tonefree_len)) ||
				  (rc = tt_add(tt, t->data, t->len, c->wdf))))
			goto fail;
	}
	if (tok->stem && tok->stem_len &&
	    ((rc = put_term(t, VN_PREFIX_STEM, tok->stem, tok->stem_len)) ||
	     (rc = tt_add(tt, t->data, t->len, c->wdf))))
		goto fail;
	if (c->title) {
		if (c->ntitle < VN_TITLE_TOKENS_MAX) {
			vn_buf *x = &b->title_exact, *k = &b->title_keys;
			if ((x->len && vn_buf_putc(x, ' ')) || vn_buf_append(x, tok->exact, tok->exact_len) ||
			    (k->len && vn_buf_putc(k, ' ')) || vn_buf_append(k, tok->key, tok->key_len)) {
				rc = VN_ENOMEM;
				goto fail;
			}
			c->ntitle++;
		}
		if ((rc = put_term(t, VN_PREFIX_TITLE, tok->key, tok->key_len)))
			goto fail;
		if (t->len <= VN_INDEX_TERM_MAX &&
		    (rc = vn_db_doc_add_posting(c->doc, t->data, t->len, tok->position, 1, c->err)))
			goto fail;
	}

	int syllable = (tok->flags & VN_TOK_SYLLABLE) != 0;
	int joined = c->have_prev && !(tok->flags & (VN_TOK_CLAUSE | VN_TOK_SENTENCE));
	if (joined) {
		if ((rc = put_bigram(t, VN_PREFIX_BIGRAM, &b->prev_key, tok->key, tok->key_len)) ||
		    (rc = tt_add(tt, t->data, t->len, c->wdf)))
			goto fail;
		/* the pair with its accents, when it has any: the re-ranking's
		 * evidence that "trong cả" stands here and not "trong cá"; as
		 * long as format 3's P<exact> <exact> term could be */
		if ((x_differs || b->prev_exact.len != b->prev_key.len ||
		     memcmp(b->prev_exact.data, b->prev_key.data, b->prev_key.len)) &&
		    b->prev_exact.len + tok->exact_len + 2 <= VN_INDEX_TERM_MAX) {
			if (b->npairs == b->cappairs) {
				size_t nc = b->cappairs ? b->cappairs * 2 : 1024;
				uint64_t *np = realloc(b->pairs, nc * sizeof *np);
				if (!np) {
					rc = VN_ENOMEM;
					goto fail;
				}
				b->pairs = np;
				b->cappairs = nc;
			}
			b->pairs[b->npairs++] =
				vn_pairs_hash(b->prev_exact.data, b->prev_exact.len, tok->exact, tok->exact_len);
			b->pair_wdf += c->wdf;
		}
		if (c->title &&
		    ((rc = put_bigram(t, VN_PREFIX_TITLE_BIGRAM, &b->prev_key, tok->key, tok->key_len)) ||
		     (rc = tt_add(tt, t->data, t->len, 1))))
			goto fail;
	}
	if (c->sugg && syllable) {
		if ((rc = vn__sugg_add(c->sugg, tok->key, tok->key_len, tok->exact, tok->exact_len)))
			goto fail;
		if (joined && c->prev_syllable) {
			/* key and form of the bigram, built in scratch: "key key\0form form" */
			vn_buf *s = &b->scratch, *f = &b->term;
			if (put4(s, b->prev_key.data, b->prev_key.len, " ", 1, tok->key, tok->key_len, NULL, 0) ||
			    put4(f, b->prev_exact.data, b->prev_exact.len, " ", 1, tok->exact, tok->exact_len, NULL, 0)) {
				rc = VN_ENOMEM;
				goto fail;
			}
			if ((rc = vn__sugg_add(c->sugg, s->data, s->len, f->data, f->len)))
				goto fail;
		}
	}
	if (put4(&b->prev_key, tok->key, tok->key_len, NULL, 0, NULL, 0, NULL, 0) ||
	    put4(&b->prev_exact, tok->exact, tok->exact_len, NULL, 0, NULL, 0, NULL, 0)) {
		rc = VN_ENOMEM;
		goto fail;
	}
	c->have_prev = 1;
	c->prev_syllable = syllable;
	return 0;
fail:
	c->rc = rc;
	if (rc == VN_ENOMEM)
		vn_error_set(c->err, VN_ENOMEM, "out of memory");
	return rc;
}

static int summary_in_body(const vn_buf *summary, const vn_buf *body)
{
	size_t window = summary->len * 2 + 64;
	if (window > body->len)
		window = body->len;
	return body->data && memmem(body->data, window, summary->data, summary->len) != NULL;
}

static int tokenize_field(vn__builder *b, tokctx *c, const vn_buf *s, uint32_t first, int title)
{
	c->title = title;
	c->wdf = title ? VN_TITLE_WDF : 1;
	c->have_prev = 0;
	c->prev_syllable = 0;
	c->rc = 0;
	int rc = vn_text_tokenize(b->text, s->data ? s->data : "", s->len, first, on_token, c);
	if (c->rc)
		return c->rc;
	if (rc)
		return vn_error_set(c->err, rc, "tokenizing failed: %s", vn_strerror(rc));
	return 0;
}

/* ---- the document ---------------------------------------------------------- */

static int json_field(vn_buf *d, int *first, const char *name, const char *s, size_t n)
{
	if (!s)
		return 0;
	if ((!*first && vn_buf_putc(d, ',')) || vn_json_string(d, name, strlen(name)) ||
	    vn_buf_putc(d, ':') || vn_json_string(d, s, n))
		return VN_ENOMEM;
	*first = 0;
	return 0;
}

static int add_bool(vn_buf *t, vn_db_doc *doc, const char *prefix, const char *s, size_t n,
		    vn_error *err)
{
	if (!s || n == 0)
		return 0;
	if (put_term(t, prefix, s, n))
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	if (t->len > VN_INDEX_TERM_MAX || memchr(t->data, '\0', t->len))
		return 0;   /* a filter value that long is not a filter anyone types */
	return vn_db_doc_add_boolean_term(doc, t->data, t->len, err);
}

static int set_value(vn_db_doc *doc, unsigned slot, const char *s, size_t n, vn_error *err)
{
	if (!s || n == 0)
		return 0;
	return vn_db_doc_set_value(doc, slot, s, n, err);
}

/* A field is repaired on its own evidence, or, when it has too little (a
 * title of two words, "ViÖt Nam"), in the code page its article's body was
 * found in (like_enc, VN_ENC_UTF8 for none): the reading is taken line by
 * line where it fixes more than it disturbs (vn_text_decode_as). */
static int repair(vn__builder *b, const char *s, size_t n, int like_enc, int *out_enc, vn_buf *out,
		  vn_error *err)
{
	int enc = VN_ENC_UTF8;
	vn_buf_clear(out);
	if (out_enc)
		*out_enc = enc;
	if (!s)
		return 0;
	int rc = vn_text_repair(b->text, s, n, out, &enc);
	if (!rc && enc == VN_ENC_UTF8 && like_enc != VN_ENC_UTF8)
		rc = vn_text_decode_as(s, n, like_enc, out);
	if (rc)
		return vn_error_set(err, rc, "text repair failed: %s", vn_strerror(rc));
	if (out_enc)
		*out_enc = enc;
	return 0;
}

static int is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return 0;
	return 1;
}

/* Only "YYYY-MM-DD" with digits in place is used; the readers normalize. */
static int date_ok(const char *d)
{
	if (!d || strlen(d) != 10 || d[4] != '-' || d[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9'))
			return 0;
	return 1;
}

static int set_lang(vn__builder *b, const char *lang, vn_error *err)
{
	if (strncmp(b->lang, lang, sizeof b->lang) == 0)
		return 0;
	vn_error e = VN_ERROR_INIT;
	int rc = vn_text_set_lang(b->text, lang, &e);
	if (rc == VN_EINVAL) {
		/* A language the stemmer does not know is indexed without stems. */
		rc = vn_text_set_lang(b->text, "vi", err);
		lang = "vi";
	} else if (rc) {
		if (err)
			*err = e;
		return rc;
	}
	if (rc)
		return rc;
	snprintf(b->lang, sizeof b->lang, "%s", lang);
	return 0;
}

/* The set of the document's accented pairs (vn_pairs.h). */
static int set_pairs(vn__builder *b, vn_db_doc *doc, vn_error *err)
{
	if (b->npairs == 0)
		return 0;
	vn_buf *f = &b->pairf;
	vn_buf_clear(f);
	if (b->npairs > SIZE_MAX / VN_PAIRS_BYTES - 1 || vn_buf_reserve(f, b->npairs * VN_PAIRS_BYTES))
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	size_t len = vn_pairs_build(b->pairs, b->npairs, (unsigned char *)f->data);
	f->len = len;
	f->data[len] = '\0';
	return vn_db_doc_set_value(doc, VN_SLOT_PAIRS, f->data, len, err);
}

int vn__build_doc(vn__builder *b, const vn_article *a, const char *source_term, const char *hash,
		  vn_db_doc *doc, vn__sugg *sugg, vn_error *err)
{
	int rc;
	size_t tlen = a->title ? (a->title_len ? a->title_len : strlen(a->title)) : 0;
	size_t blen = a->body ? (a->body_len ? a->body_len : strlen(a->body)) : 0;

	vn_db_doc_clear(doc);
	tt_clear(&b->tt);
	b->npairs = 0;
	b->pair_wdf = 0;
	if ((rc = vn__id_term(&b->term, a->id, a->id ? strlen(a->id) : 0, err)))
		return rc;
	if (!a->title || is_blank(a->title, tlen))
		return vn_error_set(err, VN_EINVAL, "article %s has no title", a->id);
	if (!a->body || is_blank(a->body, blen))
		return vn_error_set(err, VN_EINVAL, "article %s has no body", a->id);
	if ((rc = vn_db_doc_add_boolean_term(doc, b->term.data, b->term.len, err)))
		return rc;

	const char *lang = a->lang && *a->lang ? a->lang : "vi";
	const char *kind = a->kind && *a->kind ? a->kind : "news";
	if ((rc = set_lang(b, lang, err)))
		return rc;
	int body_enc = VN_ENC_UTF8;
	if ((rc = repair(b, a->body, blen, VN_ENC_UTF8, &body_enc, &b->body, err)) ||
	    (rc = repair(b, a->title, tlen, body_enc, NULL, &b->title, err)) ||
	    (rc = repair(b, a->summary, a->summary ? strlen(a->summary) : 0, body_enc, NULL, &b->summary, err)) ||
	    (rc = repair(b, a->author, a->author ? strlen(a->author) : 0, body_enc, NULL, &b->author, err)))
		return rc;

	tokctx c = { .b = b, .doc = doc, .sugg = sugg, .err = err };
	vn_buf_clear(&b->title_exact);
	vn_buf_clear(&b->title_keys);
	if ((rc = tokenize_field(b, &c, &b->title, 1, 1)))
		return rc;
	/* the title's tokens for the query's re-ranking, which reads them for
	 * its top candidates only: a value is far cheaper than the document */
	if (vn_buf_putc(&b->title_exact, '\n') ||
	    vn_buf_append(&b->title_exact, b->title_keys.data ? b->title_keys.data : "", b->title_keys.len))
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	if ((rc = set_value(doc, VN_SLOT_TITLE_TOKENS, b->title_exact.data, b->title_exact.len, err)))
		return rc;
	uint32_t body_first = c.ntokens + VN_FIELD_GAP;
	if ((rc = tokenize_field(b, &c, &b->body, body_first, 0)))
		return rc;
	/* a lead paragraph (sapo) exported apart from the body is searched like
	 * body text, after it; one the body already begins with is not counted
	 * twice */
	if (b->summary.len && !summary_in_body(&b->summary, &b->body) &&
	    (rc = tokenize_field(b, &c, &b->summary, c.ntokens + 2 * VN_FIELD_GAP, 0)))
		return rc;
	for (size_t i = 0; i < b->tt.nents; i++) {
		const struct vn__term *e = &b->tt.ents[i];
		if ((rc = vn_db_doc_add_term(doc, b->tt.arena.data + e->off, e->len, e->wdf, err)))
			return rc;
	}
	if ((rc = set_pairs(b, doc, err)))
		return rc;
	/* the length format 3's P terms gave the document: BM25's document
	 * lengths, and so the ranking, stay as they were tuned */
	if (b->pair_wdf && (rc = vn_db_doc_add_term(doc, VN_TERM_PAIR_LENGTH, strlen(VN_TERM_PAIR_LENGTH),
						     b->pair_wdf > UINT32_MAX ? UINT32_MAX : (uint32_t)b->pair_wdf,
						     err)))
		return rc;

	/* Filters and values. */
	const char *date = date_ok(a->date) ? a->date : NULL;
	if (date) {
		char ymd[9], ym[8];
		memcpy(ymd, date, 4);
		memcpy(ymd + 4, date + 5, 2);
		memcpy(ymd + 6, date + 8, 2);
		ymd[8] = '\0';
		memcpy(ym, date, 7);
		ym[7] = '\0';
		if ((rc = set_value(doc, VN_SLOT_DATE, ymd, 8, err)) ||
		    (rc = set_value(doc, VN_SLOT_MONTH, ym, 7, err)) ||
		    (rc = set_value(doc, VN_SLOT_YEAR, ymd, 4, err)) ||
		    (rc = add_bool(&b->term, doc, VN_PREFIX_YEAR, ymd, 4, err)) ||
		    (rc = add_bool(&b->term, doc, VN_PREFIX_MONTH, ymd, 6, err)) ||
		    (rc = add_bool(&b->term, doc, VN_PREFIX_DAY, ymd, 8, err)))
			return rc;
	}
	if (a->category && *a->category) {
		if ((rc = vn_text_key(b->text, a->category, strlen(a->category), &b->scratch)))
			return vn_error_set(err, rc, "category: %s", vn_strerror(rc));
		if ((rc = add_bool(&b->term, doc, VN_PREFIX_CATEGORY, b->scratch.data, b->scratch.len, err)) ||
		    (rc = set_value(doc, VN_SLOT_CATEGORY, a->category, strlen(a->category), err)))
			return rc;
	}
	if (a->site && *a->site &&
	    ((rc = add_bool(&b->term, doc, VN_PREFIX_SITE, a->site, strlen(a->site), err)) ||
	     (rc = set_value(doc, VN_SLOT_SITE, a->site, strlen(a->site), err))))
		return rc;
	if ((rc = add_bool(&b->term, doc, VN_PREFIX_KIND, kind, strlen(kind), err)) ||
	    (rc = set_value(doc, VN_SLOT_KIND, kind, strlen(kind), err)) ||
	    (rc = add_bool(&b->term, doc, VN_PREFIX_LANG, lang, strlen(lang), err)) ||
	    (rc = set_value(doc, VN_SLOT_LANG, lang, strlen(lang), err)) ||
	    (rc = set_value(doc, VN_SLOT_HASH, hash, strlen(hash), err)))
		return rc;
	if (source_term) {
		size_t n = strlen(source_term);
		if ((rc = vn_db_doc_add_boolean_term(doc, source_term, n, err)))
			return rc;
		if (a->source && (rc = set_value(doc, VN_SLOT_SOURCE, a->source, strlen(a->source), err)))
			return rc;
	}

	/* The data the result page shows and cuts the snippet from. */
	vn_buf *d = &b->data;
	int first = 1;
	vn_buf_clear(d);
	if (vn_buf_putc(d, '{') || json_field(d, &first, "id", a->id, strlen(a->id)) ||
	    json_field(d, &first, "title", b->title.data, b->title.len) ||
	    json_field(d, &first, "date", date, date ? 10 : 0) ||
	    json_field(d, &first, "category", a->category, a->category ? strlen(a->category) : 0) ||
	    json_field(d, &first, "site", a->site, a->site ? strlen(a->site) : 0) ||
	    json_field(d, &first, "kind", kind, strlen(kind)) ||
	    json_field(d, &first, "lang", lang, strlen(lang)) ||
	    json_field(d, &first, "url", a->url, a->url ? strlen(a->url) : 0) ||
	    json_field(d, &first, "author", a->author ? b->author.data : NULL, b->author.len) ||
	    json_field(d, &first, "summary", a->summary ? b->summary.data : NULL, b->summary.len) ||
	    json_field(d, &first, "body", b->body.data, b->body.len) || vn_buf_putc(d, '}'))
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	return vn_db_doc_set_data(doc, d->data, d->len, err);
}
