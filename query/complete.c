/*
 * complete.c — autocomplete for the search box: the last word of what was
 * typed is a prefix. Candidates come from the index itself: indexed
 * bigrams "<previous word> <prefix…>" when there is a previous word, else
 * indexed keys "<prefix…>", most frequent first; each is shown in its most
 * frequent accented form (A<key> metadata, vn_schema.h). The scan is
 * bounded so a one-letter prefix stays cheap.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vn_db.h"
#include "vn_query.h"
#include "vn_query_int.h"
#include "vn_schema.h"
#include "vn_text.h"

#define COMPLETE_SCAN_MAX 4000
#define COMPLETE_MAX 50

typedef struct cand {
	char key[128];
	uint32_t tf;
} cand;

typedef struct cctx {
	cand c[COMPLETE_MAX];
	size_t n, want, scanned;
	size_t skip; /* bytes of the term before the completed key */
} cctx;

static int on_term(const char *term, size_t len, uint32_t tf, void *payload)
{
	cctx *c = payload;
	if (++c->scanned > COMPLETE_SCAN_MAX)
		return 1;
	if (len <= c->skip || len - c->skip >= sizeof c->c[0].key)
		return 0;
	const char *k = term + c->skip;
	size_t kl = len - c->skip;
	if (memchr(k, ' ', kl))
		return 0;
	/* keep the `want` most frequent (insertion into a small sorted array) */
	size_t i = c->n < c->want ? c->n++ : c->want;
	if (i == c->want) {
		if (tf <= c->c[c->want - 1].tf)
			return 0;
		i = c->want - 1;
	}
	while (i > 0 && c->c[i - 1].tf < tf) {
		c->c[i] = c->c[i - 1];
		i--;
	}
	memcpy(c->c[i].key, k, kl);
	c->c[i].key[kl] = 0;
	c->c[i].tf = tf;
	return 0;
}

/* Most frequent form of key from A<key>, or key itself. */
static int form_of(vn_db *db, const char *key, vn_buf *tmp, vn_buf *out)
{
	vn_buf_clear(tmp);
	char mk[160];
	size_t kl = strlen(key);
	if (kl + 2 <= sizeof mk) {
		mk[0] = VN_META_SUGGEST_PREFIX[0];
		memcpy(mk + 1, key, kl + 1);
		if (vn_db_get_metadata(db, mk, tmp, NULL) == 0 && tmp->len) {
			const char *tab = memchr(tmp->data, '\t', tmp->len);
			if (tab)
				return vn_buf_append(out, tmp->data, (size_t)(tab - tmp->data));
		}
	}
	return vn_buf_puts(out, key);
}

typedef struct ktok {
	char key[128];
	size_t off, len;
	int n, marked, any_marked;
} ktok;

/* 1 when A<a b> exists (left in tmp, a tab after the form). */
static int has_form(vn_db *db, const char *a, const char *b, vn_buf *tmp)
{
	char mk[300];
	int l = snprintf(mk, sizeof mk, "%s%s %s", VN_META_SUGGEST_PREFIX, a, b);
	if (l < 0 || (size_t)l >= sizeof mk)
		return 0;
	vn_buf_clear(tmp);
	return vn_db_get_metadata(db, mk, tmp, NULL) == 0 && tmp->len && memchr(tmp->data, '\t', tmp->len);
}

static int last_two(const vn_token *t, void *payload)
{
	ktok *k = payload; /* k[0] previous, k[1] last */
	if (t->key_len >= sizeof k->key)
		return 0;
	k[0] = k[1];
	memcpy(k[1].key, t->key, t->key_len);
	k[1].key[t->key_len] = 0;
	k[1].off = t->offset;
	k[1].len = t->length;
	k[1].n = k[0].n + 1;
	k[1].marked = (t->flags & VN_TOK_MARKED) != 0;
	k[1].any_marked = k[0].any_marked | k[1].marked;
	return 0;
}

int vn_query_complete(vn_query_engine *e, const char *prefix, size_t n, size_t limit,
		      vn_buf *out, size_t *out_n, vn_error *err)
{
	struct vq_engine_view v;
	*out_n = 0;
	if (!e || !prefix || !out)
		return vn_error_set(err, VN_EINVAL, "no engine or prefix");
	vq_engine_view(e, &v);
	size_t base = out->len;
	if (limit == 0)
		return 0;
	if (limit > COMPLETE_MAX)
		limit = COMPLETE_MAX;
	if (n > 256)
		n = 256;
	/* a trailing space means the last word is complete: nothing to do */
	if (n == 0 || prefix[n - 1] == ' ')
		return 0;
	vn_buf canon = VN_BUF_INIT, term = VN_BUF_INIT, tmp = VN_BUF_INIT, line = VN_BUF_INIT;
	int rc = vn_text_canonical(v.text, prefix, n, &canon);
	if (rc)
		goto done;
	ktok k[2];
	memset(k, 0, sizeof k);
	if ((rc = vn_text_tokenize(v.text, canon.data ? canon.data : "", canon.len, 0, last_two, k)) < 0)
		goto done;
	rc = 0;
	if (k[1].n == 0 || k[1].off + k[1].len != canon.len)
		goto done; /* ends in punctuation: no word to complete */
	cctx c;
	memset(&c, 0, sizeof c);
	c.want = limit;
	int bigram = k[1].n >= 2;
	if (bigram)
		rc = vn_buf_printf(&term, "%s%s %s", VN_PREFIX_BIGRAM, k[0].key, k[1].key);
	else
		rc = vn_buf_puts(&term, k[1].key);
	if (rc)
		goto done;
	c.skip = term.len - strlen(k[1].key);
	if ((rc = vn_db_allterms(v.db, term.data, term.len, on_term, &c, err)) < 0)
		goto done;
	rc = 0;
	if (bigram && c.n == 0) {
		/* no indexed pair: complete the word alone */
		vn_buf_clear(&term);
		if ((rc = vn_buf_puts(&term, k[1].key)))
			goto done;
		c.skip = 0;
		c.scanned = 0;
		if ((rc = vn_db_allterms(v.db, term.data, term.len, on_term, &c, err)) < 0)
			goto done;
		rc = 0;
	}
	int pair_done = bigram && c.skip > 0;
	for (size_t i = 0; i < c.n && !rc; i++) {
		vn_buf_clear(&line);
		if (pair_done && !k[1].any_marked && has_form(v.db, k[0].key, c.c[i].key, &tmp)) {
			/* the previous word typed without accents takes them from
			 * the pair's usual form: "dang v" → "đảng viên" */
			rc = vn_buf_append(&line, canon.data, k[0].off);
			rc = rc ? rc : vn_buf_append(&line, tmp.data, (size_t)((char *)memchr(tmp.data, '\t', tmp.len) - tmp.data));
		} else {
			rc = vn_buf_append(&line, canon.data, k[1].off);
			rc = rc ? rc : form_of(v.db, c.c[i].key, &tmp, &line);
		}
		/* the same text twice (two keys folding to one form) is shown once */
		int dup = 0;
		for (size_t off = base, j = 0; !rc && j < *out_n; j++) {
			size_t l = strlen(out->data + off);
			dup |= l == line.len && memcmp(out->data + off, line.data, l) == 0;
			off += l + 1;
		}
		if (!rc && !dup) {
			rc = vn_buf_append(out, line.data, line.len);
			rc = rc ? rc : vn_buf_putc(out, 0);
			if (!rc)
				(*out_n)++;
		}
	}
done:
	vn_buf_free(&canon);
	vn_buf_free(&term);
	vn_buf_free(&tmp);
	vn_buf_free(&line);
	if (rc == VN_ENOMEM)
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	return rc;
}
