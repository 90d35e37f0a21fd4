/*
 * vn_index.h — building and re-indexing a vnsearch index (the library
 * behind vnindex). What is written is defined in vn_schema.h; the inputs
 * are read with vn_article.h.
 *
 * Contract:
 *  - One vn_index is the single writer of one database: vn_index_open takes
 *    Xapian's write lock at once and fails with VN_ELOCKED when another
 *    writer holds it. Searches (readers) go on meanwhile and see each commit.
 *  - Re-indexing is idempotent: every document carries a content hash
 *    (VN_SLOT_HASH); an article whose hash did not change is skipped.
 *  - Nothing is committed implicitly: vn_index_commit (or vn_index_run,
 *    which commits every batch_size articles and at its end) makes changes
 *    visible; vn_index_free discards what was not committed. A crash at any
 *    moment leaves the index at its last commit, and re-running the same
 *    input completes the work.
 *  - Bad articles are never fatal: they are reported through the on_failure
 *    callback and counted; only failures of the database (I/O, corruption,
 *    lock, format) stop a run.
 *  - A vn_index is used by one thread at a time (vn_index_run starts and
 *    joins its own worker threads).
 *  - A first load (an empty index) or a rebuild is built beside the index
 *    and swapped in whole (renameat2 RENAME_EXCHANGE of the directories):
 *    searches see the old index until then, a crash leaves the old one, and
 *    the next vn_index_open removes what a killed run left beside it.
 */
#ifndef VN_INDEX_H
#define VN_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "vn_article.h"
#include "vn_base.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct vn_index vn_index;

/* Called once per bad record or unreadable input with one line naming the
 * file and line ("news.jsonl:12: malformed JSON ..."). */
typedef void (*vn_index_message_fn)(const char *msg, void *payload);

typedef struct vn_index_progress {
	uint64_t articles;      /* records read so far (all outcomes) */
	uint64_t bytes_done;    /* input bytes consumed, when known */
	uint64_t bytes_total;   /* total input bytes; 0 when unknown */
	double seconds;         /* since the run started */
} vn_index_progress;
typedef void (*vn_index_progress_fn)(const vn_index_progress *p, void *payload);

typedef struct vn_index_options {
	unsigned batch_size;        /* articles per commit; 0 → VN_INDEX_DEFAULT_BATCH */
	int rebuild;                /* 1: replace the index (any format); see `parallel` */
	int keep_missing;           /* 1: keep articles whose directory file disappeared */
	int threads;                /* 1: everything on the calling thread; 0 → 2 */
	const char *html_config;    /* per-site selectors for .html inputs (vn_article_options) */
	size_t max_body_bytes;      /* 0 → the readers' default (16 MiB) */
	vn_index_message_fn on_failure;  /* bad records; NULL = silent */
	vn_index_message_fn on_warning;  /* indexed without a field; NULL = silent */
	vn_index_progress_fn on_progress; /* about 4 times a second during vn_index_run */
	void *payload;
	/* First load: when the index is empty (or opts->rebuild), threads > 1
	 * and no input is stdin, vn_index_run builds partial indexes on two
	 * threads beside the index, merges them (Xapian compaction) and swaps
	 * the result in; -1 always takes the incremental path instead (also
	 * the environment variable VN_INDEX_SEQUENTIAL=1). */
	int parallel;
	unsigned chunk_size;        /* articles per partial index; 0 → VN_INDEX_DEFAULT_CHUNK */
} vn_index_options;

#define VN_INDEX_DEFAULT_BATCH 500u
#define VN_INDEX_DEFAULT_CHUNK 5000u

/* Outcome counts of a run (or of the calls since vn_index_open). */
typedef struct vn_index_summary {
	uint64_t added, replaced, unchanged, deleted, failed;
} vn_index_summary;

/* What vn_index_add / vn_index_delete did with one article. */
enum vn_index_result {
	VN_INDEX_ADDED = 0,
	VN_INDEX_REPLACED = 1,
	VN_INDEX_UNCHANGED = 2,
	VN_INDEX_DELETED = 3,
	VN_INDEX_ABSENT = 4,    /* delete of an id that is not indexed */
	VN_INDEX_FAILED = 5     /* a bad article; err says why */
};

/*
 * Open (or create) the index at path for writing.
 * @param[out] out   the handle, freed with vn_index_free
 * @param opts       may be NULL for the defaults
 * @return 0; VN_ELOCKED (another writer), VN_EVERSION (the index has another
 *         format; err says which, and --rebuild / opts->rebuild overwrites),
 *         VN_ENOTFOUND / VN_EIO (cannot create or open), VN_ENOMEM.
 */
int vn_index_open(vn_index **out, const char *path, const vn_index_options *opts, vn_error *err);
/* Discards uncommitted changes and releases the lock; NULL is fine. */
void vn_index_free(vn_index *ix);

/*
 * Index one article (added, replaced, or skipped when its content hash is
 * unchanged); a deletion record (a->deleted) deletes. *out_result (may be
 * NULL) says which. A bad article returns 0 with VN_INDEX_FAILED and err
 * filled; a negative return is a database failure.
 */
int vn_index_add(vn_index *ix, const vn_article *a, int *out_result, vn_error *err);
/* Delete by article id: VN_INDEX_DELETED or VN_INDEX_ABSENT. */
int vn_index_delete(vn_index *ix, const char *id, size_t len, int *out_result, vn_error *err);
/* Merge the suggestion counts, write vn:stats and commit. */
int vn_index_commit(vn_index *ix, vn_error *err);

/*
 * Index every input (files, directories, "-" for stdin; see vn_article.h),
 * committing every batch_size articles and at the end; for directory inputs,
 * deletes articles whose file disappeared unless keep_missing. Reading and
 * tokenizing run on a second thread while this one writes.
 * @param[out] out  counts of this run (filled even when the run fails)
 * @return 0 when the run completed (bad records are in out->failed), or a
 *         negative code for a failure that stopped it.
 */
int vn_index_run(vn_index *ix, const char *const *inputs, size_t ninputs, vn_index_summary *out,
		 vn_error *err);

/*
 * Rewrite the index compactly (Xapian compaction into a directory beside
 * it) and swap the result in atomically; searches that have the old one
 * open keep working. Commits pending changes first.
 * @param[out] before, after  sizes in bytes of the index (may be NULL)
 */
int vn_index_compact(vn_index *ix, uint64_t *before, uint64_t *after, vn_error *err);

/* Counts since vn_index_open. */
void vn_index_get_summary(const vn_index *ix, vn_index_summary *out);

/* "added N, replaced N, unchanged N, deleted N, failed N" into out (cleared). */
int vn_index_summary_format(const vn_index_summary *s, vn_buf *out);

/* The content hash of an article as stored in VN_SLOT_HASH (16 hex digits
 * and a NUL). Covers every field, the source and VN_INDEX_FORMAT. */
void vn_index_article_hash(char out[17], const vn_article *a);

#ifdef __cplusplus
}
#endif
#endif
