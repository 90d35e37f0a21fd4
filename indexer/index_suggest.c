/*
 * index_suggest.c — counts of the accented forms of every folded syllable
 * and bigram, merged into the A<key> metadata (vn_schema.h) that the query
 * side reads to turn "dang vien" into "đảng viên".
 *
 * Memory stays bounded: a key keeps at most VN__SUGG_SLOTS forms (a form
 * seen once gives way to a new one when the slots are full), strings live
 * in 1 MiB arena blocks, and the runner merges and clears the table when it
 * outgrows its cap and at the end of a run.
 */
#include <stdlib.h>
#include <string.h>

#include "index_int.h"
#include "vn_schema.h"

#define VN__SUGG_SLOTS 8
#define ARENA_BLOCK (1u << 20)

struct sform {
	const char *s;
	uint32_t len, count;
};

struct sent {
	const char *key;
	uint32_t klen, hash, total;
	struct sform f[VN__SUGG_SLOTS];
};

struct ablock {
	struct ablock *next;
	size_t used, cap;
	char data[];
};

struct vn__sugg {
	uint32_t *slots;     /* 0 = empty, else entry index + 1 */
	size_t nslots;
	struct sent *ents;
	size_t nents, capents;
	struct ablock *blocks;
	size_t arena_bytes;
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

static const char *arena_copy(vn__sugg *t, const char *s, size_t n)
{
	struct ablock *b = t->blocks;
	if (!b || b->cap - b->used < n) {
		size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
		b = malloc(sizeof *b + cap);
		if (!b)
			return NULL;
		b->next = t->blocks;
		b->used = 0;
		b->cap = cap;
		t->blocks = b;
		t->arena_bytes += cap;
	}
	char *p = b->data + b->used;
	memcpy(p, s, n);
	b->used += n;
	return p;
}

int vn__sugg_new(vn__sugg **out)
{
	*out = calloc(1, sizeof **out);
	return *out ? 0 : VN_ENOMEM;
}

void vn__sugg_clear(vn__sugg *t)
{
	struct ablock *b = t->blocks;
	while (b) {
		struct ablock *n = b->next;
		free(b);
		b = n;
	}
	t->blocks = NULL;
	t->arena_bytes = 0;
	free(t->slots);
	free(t->ents);
	t->slots = NULL;
	t->ents = NULL;
	t->nslots = t->nents = t->capents = 0;
}

void vn__sugg_free(vn__sugg *t)
{
	if (!t)
		return;
	vn__sugg_clear(t);
	free(t);
}

size_t vn__sugg_size(const vn__sugg *t)
{
	return t->nents;
}

size_t vn__sugg_bytes(const vn__sugg *t)
{
	return t->arena_bytes + t->capents * sizeof(struct sent) + t->nslots * sizeof(uint32_t);
}

static int grow(vn__sugg *t)
{
	size_t n = t->nslots ? t->nslots * 2 : 4096;
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

int vn__sugg_add(vn__sugg *t, const char *key, size_t klen, const char *form, size_t flen)
{
	if (klen == 0 || klen + 1 > VN_INDEX_TERM_MAX || flen > 4 * VN_INDEX_TERM_MAX)
		return 0;
	if ((t->nents + 1) * 2 > t->nslots) {
		int rc = grow(t);
		if (rc)
			return rc;
	}
	uint32_t h = hash32(key, klen);
	size_t j = h & (t->nslots - 1);
	struct sent *e = NULL;
	while (t->slots[j]) {
		struct sent *c = &t->ents[t->slots[j] - 1];
		if (c->hash == h && c->klen == klen && memcmp(c->key, key, klen) == 0) {
			e = c;
			break;
		}
		j = (j + 1) & (t->nslots - 1);
	}
	if (!e) {
		if (t->nents == t->capents) {
			size_t nc = t->capents ? t->capents * 2 : 4096;
			struct sent *ne = realloc(t->ents, nc * sizeof *ne);
			if (!ne)
				return VN_ENOMEM;
			t->ents = ne;
			t->capents = nc;
		}
		const char *k = arena_copy(t, key, klen);
		if (!k)
			return VN_ENOMEM;
		e = &t->ents[t->nents];
		memset(e, 0, sizeof *e);
		e->key = k;
		e->klen = (uint32_t)klen;
		e->hash = h;
		t->slots[j] = (uint32_t)++t->nents;
	}
	e->total++;
	struct sform *empty = NULL, *least = NULL;
	for (int i = 0; i < VN__SUGG_SLOTS; i++) {
		struct sform *f = &e->f[i];
		if (!f->s) {
			if (!empty)
				empty = f;
			continue;
		}
		if (f->len == flen && memcmp(f->s, form, flen) == 0) {
			f->count++;
			return 0;
		}
		if (!least || f->count < least->count)
			least = f;
	}
	struct sform *dst = empty ? empty : (least && least->count <= 1 ? least : NULL);
	if (!dst)
		return 0;   /* a rare form among frequent ones: not a suggestion anyway */
	const char *s = arena_copy(t, form, flen);
	if (!s)
		return VN_ENOMEM;
	*dst = (struct sform){ s, (uint32_t)flen, 1 };
	return 0;
}

/* ---- merging into the metadata ------------------------------------------- */

struct cand {
	const char *s;
	size_t len;
	uint64_t count;
};

static int cand_cmp(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->s, y->s, n);
	if (c)
		return c;
	return x->len < y->len ? -1 : x->len > y->len;
}

/* A handful of candidates per key: insertion sort beats qsort's setup.
 * (Many partials' candidates for one key go to qsort.)
 * cand_cmp is a total order (the forms are distinct), so the result is
 * the one qsort gives. */
static void cand_sort(struct cand *c, size_t n)
{
	if (n > 16) {
		qsort(c, n, sizeof *c, cand_cmp);
		return;
	}
	for (size_t i = 1; i < n; i++) {
		struct cand x = c[i];
		size_t j = i;
		while (j > 0 && cand_cmp(&x, &c[j - 1]) < 0) {
			c[j] = c[j - 1];
			j--;
		}
		c[j] = x;
	}
}

/* "form\tcount\n", as vn_buf_printf's "%s\t%llu\n" writes it, without
 * formatting through vsnprintf twice per key */
static int put_cand(vn_buf *out, const struct cand *c)
{
	char num[24];
	size_t k = sizeof num;
	uint64_t v = c->count;
	num[--k] = '\n';
	do {
		num[--k] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	num[--k] = '\t';
	if (vn_buf_append(out, c->s, c->len) || vn_buf_append(out, num + k, sizeof num - k))
		return VN_ENOMEM;
	return 0;
}

static void cand_add(struct cand *c, size_t *n, const char *s, size_t len, uint64_t count)
{
	for (size_t i = 0; i < *n; i++)
		if (c[i].len == len && memcmp(c[i].s, s, len) == 0) {
			c[i].count += count;
			return;
		}
	c[(*n)++] = (struct cand){ s, len, count };
}

/* Parses "form\tcount\n" lines; ignores lines that do not fit. */
static void parse_stored(struct cand *c, size_t *n, size_t max, const char *v, size_t vlen)
{
	const char *p = v, *end = v + vlen;
	while (p < end && *n < max) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		const char *tab = memchr(p, '\t', (size_t)(le - p));
		long long cnt;
		if (tab && tab > p && vn_parse_int(&cnt, tab + 1, (size_t)(le - tab - 1), 0, INT64_MAX) == 0)
			cand_add(c, n, p, (size_t)(tab - p), (uint64_t)cnt);
		p = le + 1;
	}
}

/* Entries in key order, so that the metadata goes into the B-tree as an
 * append rather than at random places. */
static _Thread_local const struct sent *sort_ents;

static int ent_cmp(const void *a, const void *b)
{
	const struct sent *x = &sort_ents[*(const uint32_t *)a], *y = &sort_ents[*(const uint32_t *)b];
	size_t n = x->klen < y->klen ? x->klen : y->klen;
	int c = memcmp(x->key, y->key, n);
	if (c)
		return c;
	return x->klen < y->klen ? -1 : x->klen > y->klen;
}

int vn__sugg_merge(vn__sugg *t, vn_db_writer *w, unsigned min_bigram, int fresh, vn_error *err)
{
	vn_buf key = VN_BUF_INIT, stored = VN_BUF_INIT, val = VN_BUF_INIT;
	int rc = 0;
	uint32_t *order = malloc((t->nents ? t->nents : 1) * sizeof *order);
	if (!order)
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	size_t n_order = 0;
	for (size_t i = 0; i < t->nents; i++) {
		const struct sent *e = &t->ents[i];
		if (e->total < min_bigram && memchr(e->key, ' ', e->klen))
			continue;
		order[n_order++] = (uint32_t)i;
	}
	/* qsort takes no payload and two workers merge at once: the table
	 * compared in is thread-local */
	sort_ents = t->ents;
	qsort(order, n_order, sizeof *order, ent_cmp);
	for (size_t i = 0; i < n_order; i++) {
		struct sent *e = &t->ents[order[i]];
		vn_buf_clear(&key);
		if (vn_buf_puts(&key, VN_META_SUGGEST_PREFIX) || vn_buf_append(&key, e->key, e->klen)) {
			rc = vn_error_set(err, VN_ENOMEM, "out of memory");
			break;
		}
		vn_buf_clear(&stored);
		if (!fresh && (rc = vn_db_writer_get_metadata(w, key.data, &stored, err)))
			break;
		struct cand c[VN__SUGG_SLOTS + VN__SUGG_FORMS + 4];
		size_t n = 0;
		if (stored.len)
			parse_stored(c, &n, VN__SUGG_FORMS + 4, stored.data, stored.len);
		for (int k = 0; k < VN__SUGG_SLOTS; k++)
			if (e->f[k].s)
				cand_add(c, &n, e->f[k].s, e->f[k].len, e->f[k].count);
		cand_sort(c, n);
		vn_buf_clear(&val);
		for (size_t k = 0; k < n && k < VN__SUGG_FORMS; k++)
			if (put_cand(&val, &c[k])) {
				rc = vn_error_set(err, VN_ENOMEM, "out of memory");
				goto out;
			}
		if ((rc = vn_db_writer_set_metadata(w, key.data, val.data, val.len, err)))
			break;
	}
out:
	free(order);
	vn_buf_free(&key);
	vn_buf_free(&stored);
	vn_buf_free(&val);
	return rc;
}

int vn__sugg_resolve(const char *const *tags, const size_t *lens, size_t ntags, vn_buf *out)
{
	size_t max = ntags * (VN__SUGG_FORMS + 4);
	struct cand *c = malloc((max ? max : 1) * sizeof *c);
	if (!c)
		return VN_ENOMEM;
	size_t n = 0;
	for (size_t i = 0; i < ntags; i++)
		parse_stored(c, &n, n + VN__SUGG_FORMS + 4, tags[i], lens[i]);
	cand_sort(c, n);
	int rc = 0;
	for (size_t k = 0; k < n && k < VN__SUGG_FORMS && rc == 0; k++)
		rc = put_cand(out, &c[k]);
	free(c);
	return rc;
}
