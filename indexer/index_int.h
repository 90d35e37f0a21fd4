/*
 * index_int.h — internal interface of the indexer between its parts:
 * building one document (index_doc.c), the suggestion counts
 * (index_suggest.c) and the runner (index_run.c). Not installed.
 */
#ifndef VN_INDEX_INT_H
#define VN_INDEX_INT_H

#include <stddef.h>
#include <stdint.h>

#include "vn_article.h"
#include "vn_base.h"
#include "vn_db.h"
#include "vn_index.h"
#include "vn_schema.h"
#include "vn_text.h"

/* Xapian (glass) refuses terms and metadata keys longer than this. */
#define VN_INDEX_TERM_MAX 245
/* Boolean term naming the directory input and file a document came from
 * "F<16 hex digits of the directory's hash>:<path relative to it>" (see
 * vn_schema.h). */
#define VN_INDEX_SOURCE_PREFIX VN_PREFIX_SOURCE

/* ---- suggestion counts (index_suggest.c) --------------------------------- */

typedef struct vn__sugg vn__sugg;

int vn__sugg_new(vn__sugg **out);
void vn__sugg_free(vn__sugg *s);
/* Count one occurrence of form (exact, accented) under key (folded). */
int vn__sugg_add(vn__sugg *s, const char *key, size_t klen, const char *form, size_t flen);
size_t vn__sugg_size(const vn__sugg *s);        /* keys held */
size_t vn__sugg_bytes(const vn__sugg *s);       /* memory held, approximately */
void vn__sugg_clear(vn__sugg *s);
/* Add the counts into the A<key> metadata of w (most frequent form first,
 * at most VN__SUGG_FORMS forms per key). Bigram keys (with a space) seen
 * fewer than min_bigram times are left out unless the key is already
 * stored. Does not commit; does not clear s. fresh says that w holds no
 * A<key> metadata yet (a new partial index), so nothing is read back. */
int vn__sugg_merge(vn__sugg *s, vn_db_writer *w, unsigned min_bigram, int fresh, vn_error *err);
#define VN__SUGG_FORMS VN_META_SUGGEST_FORMS
/* The A<key> values of one key from several partial indexes, merged as
 * vn__sugg_merge merges: counts of a form summed, the VN__SUGG_FORMS most
 * frequent kept. Appends to out; VN_ENOMEM. */
int vn__sugg_resolve(const char *const *tags, const size_t *lens, size_t ntags, vn_buf *out);

/* ---- one document (index_doc.c) ------------------------------------------- */

typedef struct vn__builder vn__builder;

int vn__builder_new(vn__builder **out, vn_error *err);
void vn__builder_free(vn__builder *b);

/* The id term "Q<id>" into out; VN_EINVAL when the id is empty or too long. */
int vn__id_term(vn_buf *out, const char *id, size_t len, vn_error *err);

/*
 * Fill doc (cleared first) with every term, value and the data of article a.
 * source_term: the F term for directory inputs, or NULL. sugg (may be NULL)
 * receives the suggestion counts. A bad article gives VN_EINVAL with err
 * saying why (the caller adds file and line).
 */
int vn__build_doc(vn__builder *b, const vn_article *a, const char *source_term, const char *hash,
		  vn_db_doc *doc, vn__sugg *sugg, vn_error *err);

/* FNV-1a 64 content hash over every field, the source term and the format. */
void vn__article_hash(char out[17], const vn_article *a, const char *source_term);

#endif
