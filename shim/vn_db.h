/*
 * vn_db.h — the C API over xapian-core. The only header in vnsearch that
 * stands between C code and Xapian; no Xapian type or C++ exception crosses it.
 *
 * Contract:
 *  - Every function that can fail returns 0 or a negative VN_E* code
 *    (vn_base.h) and fills the caller's vn_error (may be NULL) with the code,
 *    Xapian's exception class in err->klass ("DatabaseLockError", ...) and
 *    its message. Mapping: DatabaseLockError → VN_ELOCKED,
 *    DatabaseModifiedError → VN_EMODIFIED, DatabaseCorruptError → VN_ECORRUPT,
 *    DatabaseNotFoundError/DatabaseOpeningError → VN_ENOTFOUND,
 *    DatabaseVersionError → VN_EVERSION, QueryParserError/InvalidArgumentError
 *    → VN_EQUERY/VN_EINVAL, std::bad_alloc → VN_ENOMEM, other → VN_EINTERNAL.
 *    Also: RangeError and WildcardError → VN_ERANGE, DocNotFoundError →
 *    VN_ENOTFOUND, InvalidOperationError → VN_EINVAL, DatabaseCreateError →
 *    VN_EIO. A missing path is DatabaseNotFoundError; DatabaseOpeningError
 *    is a path that exists but is no database (a plain file).
 *  - Handles are opaque; every *_free accepts NULL. Objects returned through
 *    `out` belong to the caller, who frees them with the matching *_free.
 *  - Strings go in as (pointer, length) and come out copied into a caller's
 *    vn_buf: no pointer into Xapian's memory is ever returned.
 *  - Readers (vn_db) and the writer (vn_db_writer) are separate handles. A
 *    reader that meets DatabaseModifiedError reopens and retries once by
 *    itself. A handle is used by one thread at a time.
 */
#ifndef VN_DB_H
#define VN_DB_H

#include <stddef.h>
#include <stdint.h>

#include "vn_base.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef uint32_t vn_docid;

typedef struct vn_db vn_db;               /* read-only; one or several databases */
typedef struct vn_db_writer vn_db_writer; /* the single writer of one database */
typedef struct vn_db_doc vn_db_doc;             /* a document being built */
typedef struct vn_db_query vn_db_query;         /* an immutable query tree */
typedef struct vn_db_search vn_db_search;       /* one search setup (Xapian::Enquire) */
typedef struct vn_db_mset vn_db_mset;           /* one page of results */

/* ---- readers ------------------------------------------------------------ */

/* Open paths[0..npaths) read-only, searched as one database (a province
 * portal over its wards' indexes). VN_ENOTFOUND if one is missing. */
int vn_db_open(vn_db **out, const char *const *paths, size_t npaths, vn_error *err);
/* See the latest commit. */
int vn_db_reopen(vn_db *db, vn_error *err);
void vn_db_free(vn_db *db);

uint32_t vn_db_doccount(const vn_db *db);
/* Average document length (for BM25-style decisions in the query layer). */
double vn_db_avlength(const vn_db *db);
/* Number of documents indexing term; 0 when absent. */
int vn_db_termfreq(vn_db *db, const char *term, size_t len, uint32_t *out, vn_error *err);
/* User metadata of the FIRST database (the format version and statistics);
 * out is cleared and left empty when the key is absent. */
int vn_db_get_metadata(vn_db *db, const char *key, vn_buf *out, vn_error *err);
/* Calls fn(key, len, value, vlen, payload) for every user metadata key of the
 * FIRST database beginning with prefix, in byte order; stops early when fn
 * returns non-zero (that value is returned). */
typedef int (*vn_db_meta_fn)(const char *key, size_t klen, const char *value, size_t vlen, void *payload);
int vn_db_metadata_each(vn_db *db, const char *prefix, size_t plen, vn_db_meta_fn fn, void *payload,
			vn_error *err);
/* An upper bound on the values in slot over all the databases, from their
 * statistics (no document is read): the largest value while nothing was
 * deleted. out is left empty when the slot is unused. */
int vn_db_value_upper_bound(vn_db *db, unsigned slot, vn_buf *out, vn_error *err);
/* Calls fn for every term beginning with prefix, in byte order, with its
 * term frequency; stops early when fn returns non-zero (that value is
 * returned). */
typedef int (*vn_db_term_fn)(const char *term, size_t len, uint32_t termfreq, void *payload);
int vn_db_allterms(vn_db *db, const char *prefix, size_t plen, vn_db_term_fn fn, void *payload,
		   vn_error *err);
/* A document's data and values by docid (as returned in an mset). */
int vn_db_document_data(vn_db *db, vn_docid id, vn_buf *out, vn_error *err);
int vn_db_document_value(vn_db *db, vn_docid id, unsigned slot, vn_buf *out, vn_error *err);
/* Positions of term in document id, ascending; *out_n = 0 when none.
 * out is an array the caller provides with room for cap entries. */
int vn_db_positions(vn_db *db, vn_docid id, const char *term, size_t len, uint32_t *out,
		    size_t cap, size_t *out_n, vn_error *err);

/* For the documents ids[0..n) (ascending docids, as a re-ranking of a few
 * candidates has them sorted): wdf[i] gets the within-document frequency
 * of term in ids[i], 0 when absent. One posting-list walk with skips. */
int vn_db_wdf_in(vn_db *db, const char *term, size_t len, const vn_docid *ids, size_t n,
		 uint32_t *wdf, vn_error *err);
/* For the documents ids[0..n) (ascending): fn(i, value, len) for each one
 * that has a value in slot, from one walk of the slot's value stream. A
 * non-zero return of fn stops the walk and is returned. */
typedef int (*vn_db_value_fn)(size_t i, const char *value, size_t len, void *payload);
int vn_db_values_in(vn_db *db, unsigned slot, const vn_docid *ids, size_t n, vn_db_value_fn fn,
		    void *payload, vn_error *err);

/* ---- the writer ---------------------------------------------------------- */

enum vn_db_mode {
	VN_DB_CREATE_OR_OPEN = 0,
	VN_DB_CREATE = 1,      /* fails if it exists */
	VN_DB_OPEN = 2,        /* fails (VN_ENOTFOUND) if it does not exist */
	VN_DB_OVERWRITE = 3,   /* replaces an existing database */
	/* or-ed into one of the above: a scratch database, which the caller
	 * throws away when the process dies before it is done with it (the
	 * partial indexes of a first load). Its commits are not synced to the
	 * disk and its blocks are updated in place (Xapian's DB_NO_SYNC and
	 * DB_DANGEROUS), so a crash or a power cut may leave it unreadable. */
	VN_DB_SCRATCH = 0x100
};

/* Opens the writer; VN_ELOCKED at once if another writer holds the lock
 * (also a second writer in the same process). VN_DB_CREATE on an existing
 * database fails with VN_EIO (DatabaseCreateError).
 * flush_threshold: documents changed before Xapian writes its buffered
 * postings out to the tables (0 = Xapian's default, 10000). Flushing bounds
 * memory only: nothing becomes visible before a commit. Xapian takes this
 * from XAPIAN_FLUSH_THRESHOLD alone, so the shim sets that variable for the
 * length of the open (under a lock) and restores it; a caller's own
 * XAPIAN_FLUSH_THRESHOLD applies when flush_threshold is 0. */
int vn_db_writer_open(vn_db_writer **out, const char *path, int mode, unsigned flush_threshold,
		      vn_error *err);
/* Frees the writer. Changes not committed (vn_db_writer_commit or a
 * committed transaction) are DISCARDED, never committed implicitly. */
void vn_db_writer_free(vn_db_writer *w);

/* Transactions: begin/commit/cancel. Outside a transaction, changes become
 * visible at vn_db_writer_commit. A crash at any moment leaves the database
 * at its last commit. As in Xapian, begin first commits the changes made
 * before it; transactions do not nest (VN_EINVAL), and vn_db_writer_commit
 * inside one is VN_EINVAL. Commit/cancel without begin is VN_EINVAL. */
int vn_db_writer_begin(vn_db_writer *w, vn_error *err);
int vn_db_writer_commit_transaction(vn_db_writer *w, vn_error *err);
int vn_db_writer_cancel_transaction(vn_db_writer *w, vn_error *err);
int vn_db_writer_commit(vn_db_writer *w, vn_error *err);

/* Add the document, or replace the one indexed by the unique id term. */
int vn_db_writer_replace(vn_db_writer *w, const char *idterm, size_t len, const vn_db_doc *doc,
			 vn_error *err);
/* Delete the document(s) indexed by idterm; VN_ENOTFOUND when none. */
int vn_db_writer_delete(vn_db_writer *w, const char *idterm, size_t len, vn_error *err);
/* Value `slot` of the document indexed by idterm, into out;
 * VN_ENOTFOUND when there is no such document. Sees uncommitted changes. */
int vn_db_writer_get_value(vn_db_writer *w, const char *idterm, size_t len, unsigned slot,
			   vn_buf *out, vn_error *err);
int vn_db_writer_set_metadata(vn_db_writer *w, const char *key, const char *value, size_t vlen,
			      vn_error *err);
int vn_db_writer_get_metadata(vn_db_writer *w, const char *key, vn_buf *out, vn_error *err);
int vn_db_writer_allterms(vn_db_writer *w, const char *prefix, size_t plen, vn_db_term_fn fn,
			  void *payload, vn_error *err);
uint32_t vn_db_writer_doccount(const vn_db_writer *w);

/* Add doc as a new document (no lookup by id term: for building a new
 * database); *out_id (may be NULL) receives its docid. */
int vn_db_writer_add(vn_db_writer *w, const vn_db_doc *doc, vn_docid *out_id, vn_error *err);
/* Delete one document by docid; VN_ENOTFOUND when there is none. */
int vn_db_writer_delete_docid(vn_db_writer *w, vn_docid id, vn_error *err);

/* ---- compaction ----------------------------------------------------------- */

/* Compaction levels and flags (Xapian::Compactor): FULL packs blocks tightly
 * and suits a database that is updated afterwards; FULLER packs further. */
enum vn_db_compact_flags {
	VN_DB_COMPACT_STANDARD = 0,
	VN_DB_COMPACT_FULL = 1,
	VN_DB_COMPACT_FULLER = 2,
	VN_DB_COMPACT_MULTIPASS = 8   /* merge postlists in several passes */
};
/* Called for a metadata key set in more than one source: tags[0..ntags) in
 * source order. Fill out (cleared beforehand) with the merged value. A
 * negative return makes vn_db_compact fail with that code (after the merge
 * has run to its end). */
typedef int (*vn_db_resolve_fn)(const char *key, size_t klen, const char *const *tags,
				const size_t *lens, size_t ntags, vn_buf *out, void *payload);
/* Merge sources[0..n) into a new database at dest (a directory that must not
 * exist yet), docids renumbered in source order. resolve NULL keeps the first
 * source's value of a duplicate key. A source may be a database that a
 * writer holds (its last commit is read). On failure dest may hold a partial
 * result, which the caller removes. */
int vn_db_compact(const char *const *sources, size_t n, const char *dest, unsigned flags,
		  vn_db_resolve_fn resolve, void *payload, vn_error *err);

/* ---- documents ----------------------------------------------------------- */

int vn_db_doc_new(vn_db_doc **out, vn_error *err);
void vn_db_doc_free(vn_db_doc *doc);
void vn_db_doc_clear(vn_db_doc *doc);   /* for reuse: no terms, values or data */
/* A term at a position (positions start at 1 in Xapian; 0 is accepted and
 * means the same as vn_db_doc_add_term). wdf grows by wdf_inc. */
int vn_db_doc_add_posting(vn_db_doc *doc, const char *term, size_t len, uint32_t pos, uint32_t wdf_inc,
		       vn_error *err);
int vn_db_doc_add_term(vn_db_doc *doc, const char *term, size_t len, uint32_t wdf_inc, vn_error *err);
/* A filter term: wdf 0, no positions, does not change the document length. */
int vn_db_doc_add_boolean_term(vn_db_doc *doc, const char *term, size_t len, vn_error *err);
int vn_db_doc_set_value(vn_db_doc *doc, unsigned slot, const char *value, size_t len, vn_error *err);
/* Any bytes. Stored compressed when that pays (raw DEFLATE behind a tag
 * byte, shim/vn_db_data.cc: Xapian's own zlib inflate cost a search more);
 * vn_db_document_data and vn_db_mset_data give the same bytes back, also
 * for data written before the codec (returned as stored). */
int vn_db_doc_set_data(vn_db_doc *doc, const char *data, size_t len, vn_error *err);

/* ---- queries ------------------------------------------------------------- */

enum vn_db_query_op {
	VN_DBQ_AND, VN_DBQ_OR, VN_DBQ_AND_NOT, VN_DBQ_AND_MAYBE, VN_DBQ_FILTER,
	VN_DBQ_PHRASE,     /* param: window (0 = number of subqueries) */
	VN_DBQ_NEAR,       /* param: window */
	VN_DBQ_SYNONYM,    /* subqueries weighted as one term */
	VN_DBQ_ELITE_SET,  /* param: set size */
	VN_DBQ_MAX
};

/* Every constructor returns a new query in *out that the caller frees;
 * subqueries are copied (the caller still frees its own). */
int vn_db_query_term(vn_db_query **out, const char *term, size_t len, uint32_t wqf, vn_error *err);
int vn_db_query_combine(vn_db_query **out, int op, vn_db_query *const *subs, size_t n, unsigned param,
		     vn_error *err);
int vn_db_query_scale(vn_db_query **out, const vn_db_query *q, double factor, vn_error *err);
/* Documents whose value in slot lies in [lo, hi] (byte order); lo or hi may
 * be NULL for an open end (an empty lo is open too). Documents without a
 * value in slot never match, even with both ends open. */
int vn_db_query_value_range(vn_db_query **out, unsigned slot, const char *lo, size_t lolen,
			 const char *hi, size_t hilen, vn_error *err);
/* Terms beginning with prefix, OR-ed (SYNONYM); more than max_expansion
 * terms is an error (VN_ERANGE) — a wildcard bomb does not run. The check
 * happens when the search expands it: vn_db_search_run fails with VN_ERANGE
 * and klass "WildcardError". max_expansion 0 = no limit. Over several
 * databases the limit applies to each one (Xapian 1.4). */
int vn_db_query_wildcard(vn_db_query **out, const char *prefix, size_t len, unsigned max_expansion,
		      vn_error *err);
int vn_db_query_match_all(vn_db_query **out, vn_error *err);
int vn_db_query_match_nothing(vn_db_query **out, vn_error *err);
/* Recency: a weight-only query that gives every document with a date in
 * slot (value "YYYYMMDD") the weight max_weight * 2^(-age_days/half_life),
 * with age counted from today_yyyymmdd; documents without a date get
 * missing_weight. Combine with AND_MAYBE to blend relevance and date.
 * Dates after today count as today (age 0), so no weight exceeds
 * max(max_weight, missing_weight). It visits every document: on its own it
 * matches the whole database. VN_EINVAL for a malformed today, a half life
 * <= 0 or a negative weight. */
int vn_db_query_recency(vn_db_query **out, unsigned slot, const char *today_yyyymmdd,
		     double half_life_days, double max_weight, double missing_weight, vn_error *err);
int vn_db_query_describe(const vn_db_query *q, vn_buf *out, vn_error *err);
int vn_db_query_is_empty(const vn_db_query *q);
void vn_db_query_free(vn_db_query *q);

/* ---- searching ------------------------------------------------------------ */

enum vn_db_sort {
	VN_SORT_RELEVANCE = 0,
	VN_SORT_VALUE = 1,                 /* by value slot only */
	VN_SORT_RELEVANCE_THEN_VALUE = 2,
	VN_SORT_VALUE_THEN_RELEVANCE = 3
};

int vn_db_search_new(vn_db_search **out, vn_db *db, vn_error *err);
void vn_db_search_free(vn_db_search *s);
int vn_db_search_set_query(vn_db_search *s, const vn_db_query *q, vn_error *err);
int vn_db_search_set_bm25(vn_db_search *s, double k1, double k2, double k3, double b,
		       double min_normlen, vn_error *err);
/* descending: 1 for newest first when slot holds dates. */
int vn_db_search_set_sort(vn_db_search *s, int mode, unsigned slot, int descending, vn_error *err);
/* Stop matching after this many seconds (0 = no limit); the results found by
 * then are returned (not an error), and the totals may be estimates. */
int vn_db_search_set_time_limit(vn_db_search *s, double seconds, vn_error *err);
/* Count values of slot over all matches (a facet); read with vn_db_mset_facet. */
int vn_db_search_add_facet(vn_db_search *s, unsigned slot, vn_error *err);
/* Keep at most max_per_value hits with the same value in slot (0 = off);
 * documents without a value are never collapsed. */
int vn_db_search_set_collapse(vn_db_search *s, unsigned slot, unsigned max_per_value, vn_error *err);
/* Run: hits [offset, offset+pagesize); check_at_least makes totals exact up
 * to that many. */
int vn_db_search_run(vn_db_search *s, uint32_t offset, uint32_t pagesize, uint32_t check_at_least,
		  vn_db_mset **out, vn_error *err);

typedef struct vn_db_hit {
	vn_docid docid;
	uint32_t rank;     /* 0-based, counted from the first result overall */
	double weight;
	int percent;
} vn_db_hit;

uint32_t vn_db_mset_size(const vn_db_mset *ms);
/* Totals: estimated, lower bound, upper bound. */
void vn_db_mset_totals(const vn_db_mset *ms, uint32_t *estimated, uint32_t *lower, uint32_t *upper);
int vn_db_mset_hit(const vn_db_mset *ms, uint32_t i, vn_db_hit *out);
int vn_db_mset_data(vn_db_mset *ms, uint32_t i, vn_buf *out, vn_error *err);
int vn_db_mset_value(vn_db_mset *ms, uint32_t i, unsigned slot, vn_buf *out, vn_error *err);
/* Term frequency of term across the searched databases, as the mset saw it. */
uint32_t vn_db_mset_termfreq(const vn_db_mset *ms, const char *term, size_t len);
/* Calls fn(value, len, count) for each value counted in the facet of slot,
 * most frequent first; VN_ENOTFOUND if no facet was added for slot. */
typedef int (*vn_db_facet_fn)(const char *value, size_t len, uint32_t count, void *payload);
int vn_db_mset_facet(const vn_db_mset *ms, unsigned slot, vn_db_facet_fn fn, void *payload, vn_error *err);
/* Number of matches the facet of slot counted (Xapian looks at about
 * check_at_least of them, not all); 0 if no facet was added for slot. */
uint32_t vn_db_mset_facet_seen(const vn_db_mset *ms, unsigned slot);
void vn_db_mset_free(vn_db_mset *ms);

#ifdef __cplusplus
}
#endif
#endif
