/*
 * index_run.c — the index handle and the run over inputs.
 *
 * vn_index_run uses two threads: a worker reads the inputs, decides per
 * article whether it changed (content hash against a reader snapshot of
 * the last commit, plus a map of what this run already did), repairs and
 * tokenizes it and builds the Xapian document; the calling thread only
 * feeds the writer (replace, delete, commit). They meet at a bounded queue
 * of reusable items, so memory does not grow with the input.
 *
 * Commits: the worker sends a commit item every batch_size changes, so a
 * killed run is completed by the next one (unchanged articles are skipped
 * by their hash). Suggestion counts travel with a commit item when they
 * are merged (see send_commit).
 */
#define _GNU_SOURCE   /* nftw, realpath */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>

#include "index_int.h"
#include "vn_schema.h"

struct vn_index {
	char *path;
	char *real;                /* realpath of path, the directory that is swapped */
	char *work;                /* "<parent>/.<name>.vnindex-tmp": partials, compaction */
	int rebuild_pending;       /* --rebuild deferred to a parallel build and swap */
	vn_index_options opts;
	vn_db_writer *w;
	vn__builder *b;            /* vn_index_add on the caller's thread */
	vn__sugg *sugg;            /* counts not yet merged (vn_index_add) */
	vn_db_doc *doc;
	vn_buf idterm, value;
	vn_index_summary total;    /* since vn_index_open */
	double cpu_merge, cpu_commit;  /* seconds spent in commits (VN_INDEX_DEBUG) */
};

static void emit(const vn_index_options *o, vn_index_message_fn fn, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void emit(const vn_index_options *o, vn_index_message_fn fn, const char *fmt, ...)
{
	if (!fn)
		return;
	char line[VN_ERROR_MSG_MAX + 512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	fn(line, o->payload);
}

static int fatal_code(int rc)
{
	return rc != VN_EINVAL && rc != VN_ERANGE && rc != VN_EUTF8;
}

/* ---- the work directory ------------------------------------------------------ */

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)f;
	if (flag == FTW_DP)
		return rmdir(p) == 0 || errno == ENOENT ? 0 : -1;
	return unlink(p) == 0 || errno == ENOENT ? 0 : -1;
}

/* Removes a directory tree; a missing one is fine. */
static int rm_tree(const char *path, vn_error *err)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : vn_error_set(err, VN_EIO, "cannot stat %s: %s", path, strerror(errno));
	if (nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS) != 0)
		return vn_error_set(err, VN_EIO, "cannot remove %s: %s", path, strerror(errno));
	return 0;
}

/* The index's real directory and, beside it on the same filesystem, the
 * work directory for partial indexes and compaction results: the swap is a
 * rename, which needs one filesystem. Its name is derived from the index's,
 * so whoever holds the index's lock owns it. */
static int work_paths(vn_index *ix, vn_error *err)
{
	char real[PATH_MAX];
	if (!realpath(ix->path, real))
		return vn_error_set(err, VN_EIO, "cannot resolve %s: %s", ix->path, strerror(errno));
	const char *slash = strrchr(real, '/');
	const char *name = slash ? slash + 1 : real;
	size_t plen = slash ? (size_t)(slash - real) : 0;
	vn_buf w = VN_BUF_INIT;
	if (vn_buf_printf(&w, "%.*s/.%s.vnindex-tmp", (int)plen, real, *name ? name : "root") ||
	    !(ix->real = strdup(real))) {
		vn_buf_free(&w);
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	}
	ix->work = w.data;
	return 0;
}

/* Documents a writer buffers before Xapian writes its postings out. Small
 * is fast here: adding a document costs more the more are pending (2.4 ms
 * at 60-300 pending, 4.4 ms at 1000, 5.7 ms at 2500; measured on the
 * corpus), and memory stays low. VN_INDEX_FLUSH overrides it for tuning. */
#define VN_INDEX_FLUSH_DEFAULT 100u

static unsigned flush_threshold(void)
{
	const char *env = getenv("VN_INDEX_FLUSH");
	long long v;
	if (env && vn_parse_int(&v, env, strlen(env), 1, 10000000) == 0)
		return (unsigned)v;
	return VN_INDEX_FLUSH_DEFAULT;
}

static int parallel_allowed(const vn_index_options *o)
{
	if (o->threads < 2 || o->parallel < 0)
		return 0;
	const char *env = getenv("VN_INDEX_SEQUENTIAL");
	return !(env && *env && strcmp(env, "0") != 0);
}

/* ---- opening ---------------------------------------------------------------- */

int vn_index_open(vn_index **out, const char *path, const vn_index_options *opts, vn_error *err)
{
	*out = NULL;
	if (!path || !*path)
		return vn_error_set(err, VN_EINVAL, "no index directory given");
	vn_index *ix = calloc(1, sizeof *ix);
	if (!ix || !(ix->path = strdup(path))) {
		free(ix);
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	}
	if (opts)
		ix->opts = *opts;
	if (ix->opts.batch_size == 0)
		ix->opts.batch_size = VN_INDEX_DEFAULT_BATCH;
	if (ix->opts.threads <= 0)
		ix->opts.threads = 2;

	vn_error e = VN_ERROR_INIT;
	/* A rebuild that can run as a parallel build keeps the old index
	 * searchable until the new one is swapped in (index_run's first load);
	 * otherwise the index is overwritten at once, as before. */
	ix->rebuild_pending = ix->opts.rebuild && parallel_allowed(&ix->opts);
	int mode = ix->opts.rebuild && !ix->rebuild_pending ? VN_DB_OVERWRITE : VN_DB_CREATE_OR_OPEN;
	int rc = vn_db_writer_open(&ix->w, path, mode, flush_threshold(), &e);
	if (rc && ix->rebuild_pending && rc != VN_ELOCKED) {
		/* Not a database we can open (another backend, corrupt): overwrite. */
		ix->rebuild_pending = 0;
		vn_error_clear(&e);
		rc = vn_db_writer_open(&ix->w, path, VN_DB_OVERWRITE, flush_threshold(), &e);
	}
	if (rc) {
		if (rc == VN_ELOCKED)
			vn_error_set(err, rc, "index at %s is locked: another vnindex is writing it", path);
		else
			vn_error_set(err, rc, "cannot open index at %s: %s", path, e.msg);
		goto fail;
	}
	if ((rc = work_paths(ix, err)))
		goto fail;
	/* The lock is ours: a work directory left by a killed run is stale. */
	if ((rc = rm_tree(ix->work, err)))
		goto fail;
	if ((rc = vn_db_writer_get_metadata(ix->w, VN_META_FORMAT, &ix->value, err)))
		goto fail;
	if (ix->rebuild_pending) {
		/* Whatever the old index holds is replaced at the swap. */
	} else if (ix->value.len == 0) {
		if (vn_db_writer_doccount(ix->w) > 0) {
			rc = vn_error_set(err, VN_EVERSION,
					  "index at %s has no vnsearch format version: rebuild with --rebuild",
					  path);
			goto fail;
		}
		char v[16];
		int n = snprintf(v, sizeof v, "%d", VN_INDEX_FORMAT);
		/* Committed at once so that a reader of the new index knows its format. */
		if ((rc = vn_db_writer_set_metadata(ix->w, VN_META_FORMAT, v, (size_t)n, err)) ||
		    (rc = vn_db_writer_commit(ix->w, err)))
			goto fail;
	} else {
		long long have;
		if (vn_parse_int(&have, ix->value.data, ix->value.len, 0, INT_MAX) || have != VN_INDEX_FORMAT) {
			rc = vn_error_set(err, VN_EVERSION,
					  "index at %s has format %.20s, this vnindex writes %d: rebuild with --rebuild",
					  path, ix->value.data, VN_INDEX_FORMAT);
			goto fail;
		}
	}
	if ((rc = vn__builder_new(&ix->b, err)) || (rc = vn_db_doc_new(&ix->doc, err)))
		goto fail;
	if (vn__sugg_new(&ix->sugg)) {
		rc = vn_error_set(err, VN_ENOMEM, "out of memory");
		goto fail;
	}
	*out = ix;
	return 0;
fail:
	vn_index_free(ix);
	return rc;
}

void vn_index_free(vn_index *ix)
{
	if (!ix)
		return;
	vn_db_writer_free(ix->w);
	vn__builder_free(ix->b);
	vn__sugg_free(ix->sugg);
	vn_db_doc_free(ix->doc);
	vn_buf_free(&ix->idterm);
	vn_buf_free(&ix->value);
	free(ix->path);
	free(ix->real);
	free(ix->work);
	free(ix);
}

void vn_index_get_summary(const vn_index *ix, vn_index_summary *out)
{
	*out = ix->total;
}

int vn_index_summary_format(const vn_index_summary *s, vn_buf *out)
{
	vn_buf_clear(out);
	return vn_buf_printf(out, "added %llu, replaced %llu, unchanged %llu, deleted %llu, failed %llu",
			     (unsigned long long)s->added, (unsigned long long)s->replaced,
			     (unsigned long long)s->unchanged, (unsigned long long)s->deleted,
			     (unsigned long long)s->failed);
}

static void sum_add(vn_index_summary *a, const vn_index_summary *b)
{
	a->added += b->added;
	a->replaced += b->replaced;
	a->unchanged += b->unchanged;
	a->deleted += b->deleted;
	a->failed += b->failed;
}

/* ---- commit ------------------------------------------------------------------ */

static int write_stats_to(vn_db_writer *w, const vn_index_summary *run, vn_error *err)
{
	char when[32] = "";
	time_t now = time(NULL);
	struct tm tm;
	if (gmtime_r(&now, &tm))
		strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	vn_buf v = VN_BUF_INIT;
	int rc = vn_buf_printf(&v,
			       "{\"format\":%d,\"documents\":%u,\"last_run\":{\"added\":%llu,"
			       "\"replaced\":%llu,\"unchanged\":%llu,\"deleted\":%llu,\"failed\":%llu,"
			       "\"committed\":\"%s\"}}",
			       VN_INDEX_FORMAT, vn_db_writer_doccount(w),
			       (unsigned long long)run->added, (unsigned long long)run->replaced,
			       (unsigned long long)run->unchanged, (unsigned long long)run->deleted,
			       (unsigned long long)run->failed, when);
	if (rc)
		rc = vn_error_set(err, VN_ENOMEM, "out of memory");
	else
		rc = vn_db_writer_set_metadata(w, VN_META_STATS, v.data, v.len, err);
	vn_buf_free(&v);
	return rc;
}

static int write_stats(vn_index *ix, const vn_index_summary *run, vn_error *err)
{
	return write_stats_to(ix->w, run, err);
}

/* Bigram suggestions seen once in a large batch are mostly noise and cost a
 * metadata entry each; small batches (an upload of a few articles) keep all. */
static unsigned min_bigram_for(const vn__sugg *s)
{
	return vn__sugg_size(s) > 20000 ? 2 : 1;
}

/* CPU seconds of the calling thread. */
static double cpu_now(void)
{
	struct timespec t;
	if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t))
		return 0;
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int commit_with(vn_index *ix, vn__sugg *sugg, const vn_index_summary *run, vn_error *err)
{
	int rc;
	double t0 = cpu_now();
	if (sugg && (rc = vn__sugg_merge(sugg, ix->w, min_bigram_for(sugg), 0, err)))
		return rc;
	double t1 = cpu_now();
	if ((rc = write_stats(ix, run, err)) || (rc = vn_db_writer_commit(ix->w, err)))
		return rc;
	ix->cpu_merge += t1 - t0;
	ix->cpu_commit += cpu_now() - t1;
	if (sugg)
		vn__sugg_clear(sugg);
	return 0;
}

static int ensure_overwritten(vn_index *ix, vn_error *err);

int vn_index_commit(vn_index *ix, vn_error *err)
{
	int rc = ensure_overwritten(ix, err);
	if (rc)
		return rc;
	return commit_with(ix, ix->sugg, &ix->total, err);
}

/* ---- one article on the caller's thread ------------------------------------------ */

int vn_index_delete(vn_index *ix, const char *id, size_t len, int *out_result, vn_error *err)
{
	int res = VN_INDEX_FAILED;
	int rc = ensure_overwritten(ix, err);
	if (rc)
		return rc;
	rc = vn__id_term(&ix->idterm, id, len, err);
	if (rc == 0) {
		rc = vn_db_writer_delete(ix->w, ix->idterm.data, ix->idterm.len, err);
		if (rc == 0) {
			res = VN_INDEX_DELETED;
			ix->total.deleted++;
		} else if (rc == VN_ENOTFOUND) {
			res = VN_INDEX_ABSENT;
			rc = 0;
		}
	} else if (!fatal_code(rc)) {
		rc = 0;
		ix->total.failed++;
	}
	if (out_result)
		*out_result = res;
	return rc;
}

int vn_index_add(vn_index *ix, const vn_article *a, int *out_result, vn_error *err)
{
	if (a->deleted)
		return vn_index_delete(ix, a->id, a->id ? strlen(a->id) : 0, out_result, err);
	int res = VN_INDEX_FAILED;
	char hash[17];
	vn__article_hash(hash, a, NULL);
	int rc = ensure_overwritten(ix, err);
	if (rc)
		return rc;
	rc = vn__id_term(&ix->idterm, a->id, a->id ? strlen(a->id) : 0, err);
	int exists = 0;
	if (rc == 0) {
		rc = vn_db_writer_get_value(ix->w, ix->idterm.data, ix->idterm.len, VN_SLOT_HASH, &ix->value, err);
		if (rc == 0)
			exists = 1;
		else if (rc == VN_ENOTFOUND)
			rc = 0;
	}
	if (rc == 0 && exists && ix->value.len == 16 && memcmp(ix->value.data, hash, 16) == 0) {
		res = VN_INDEX_UNCHANGED;
		ix->total.unchanged++;
	} else if (rc == 0) {
		rc = vn__build_doc(ix->b, a, NULL, hash, ix->doc, ix->sugg, err);
		if (rc == 0)
			rc = vn_db_writer_replace(ix->w, ix->idterm.data, ix->idterm.len, ix->doc, err);
		if (rc == 0) {
			res = exists ? VN_INDEX_REPLACED : VN_INDEX_ADDED;
			if (exists)
				ix->total.replaced++;
			else
				ix->total.added++;
		}
	}
	if (rc && !fatal_code(rc)) {
		rc = 0;
		ix->total.failed++;
	}
	if (out_result)
		*out_result = res;
	return rc;
}

/* ---- the run: items and the queue ------------------------------------------------- */

enum item_kind { IT_DOC, IT_DELETE, IT_COMMIT, IT_SWEEP, IT_END };

typedef struct item {
	int kind;
	int is_new;
	vn_db_doc *doc;
	vn_buf idterm;          /* IT_DOC/IT_DELETE: Q term; IT_SWEEP: the F prefix */
	vn_buf where;           /* "file:line" for messages */
	vn__sugg *sugg;         /* IT_COMMIT: counts to merge, freed by the writer */
	vn_index_summary seen;  /* IT_COMMIT: the worker's counts so far */
} item;

#define QCAP 64

/* A set of 64-bit hashes (ids done in this run, source terms seen). */
typedef struct hset {
	uint64_t *k;
	uint64_t *v;
	size_t n, cap;
} hset;

static uint64_t fnv64(const char *s, size_t n)
{
	uint64_t h = vn_fnv1a(VN_FNV_OFFSET, s, n);
	return h ? h : 1;   /* 0 marks an empty slot */
}

static int hset_put(hset *s, uint64_t key, uint64_t val)
{
	if ((s->n + 1) * 2 > s->cap) {
		size_t nc = s->cap ? s->cap * 2 : 4096;
		uint64_t *k = calloc(nc, sizeof *k), *v = calloc(nc, sizeof *v);
		if (!k || !v) {
			free(k);
			free(v);
			return VN_ENOMEM;
		}
		for (size_t i = 0; i < s->cap; i++)
			if (s->k[i]) {
				size_t j = s->k[i] & (nc - 1);
				while (k[j])
					j = (j + 1) & (nc - 1);
				k[j] = s->k[i];
				v[j] = s->v[i];
			}
		free(s->k);
		free(s->v);
		s->k = k;
		s->v = v;
		s->cap = nc;
	}
	size_t j = key & (s->cap - 1);
	while (s->k[j] && s->k[j] != key)
		j = (j + 1) & (s->cap - 1);
	if (!s->k[j])
		s->n++;
	s->k[j] = key;
	s->v[j] = val;
	return 0;
}

static int hset_get(const hset *s, uint64_t key, uint64_t *val)
{
	if (!s->cap)
		return 0;
	size_t j = key & (s->cap - 1);
	while (s->k[j]) {
		if (s->k[j] == key) {
			if (val)
				*val = s->v[j];
			return 1;
		}
		j = (j + 1) & (s->cap - 1);
	}
	return 0;
}

static void hset_free(hset *s)
{
	free(s->k);
	free(s->v);
	memset(s, 0, sizeof *s);
}

typedef struct run {
	vn_index *ix;
	const char *const *inputs;
	size_t ninputs;
	int threaded;

	pthread_mutex_t mu;
	pthread_cond_t not_empty, not_full;
	item *full[QCAP], *freeq[QCAP];
	size_t full_head, full_n, free_n;
	item pool[QCAP];
	size_t npool;

	volatile int stop;         /* set by the writer on a fatal error */
	int fatal_rc;
	vn_error fatal_err;

	/* worker state */
	vn__builder *b;
	vn_db *snap;               /* last commit before the run, NULL when empty */
	hset done;                 /* id hash → content hash (0 = deleted) this run */
	hset sources;              /* F terms seen */
	vn__sugg *sugg;
	vn_index_summary wsum;     /* unchanged and failed, counted by the worker */
	uint64_t since_commit;
	vn_buf scratch, srcterm, value;
	vn_db_search *search;

	/* writer state */
	vn_index_summary rsum;     /* added, replaced, deleted, failed by the writer */

	double worker_cpu, writer_cpu;   /* seconds, for VN_INDEX_DEBUG */

	/* progress */
	uint64_t articles, bytes_total, bytes_done_files;
	int cur_fd;
	struct timespec t0, last;
} run;

static double since(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static item *get_free(run *r)
{
	if (!r->threaded)
		return &r->pool[0];
	pthread_mutex_lock(&r->mu);
	while (r->free_n == 0)
		pthread_cond_wait(&r->not_full, &r->mu);
	item *it = r->freeq[--r->free_n];
	pthread_mutex_unlock(&r->mu);
	return it;
}

static void writer_process(run *r, item *it);

static void submit(run *r, item *it)
{
	if (!r->threaded) {
		writer_process(r, it);
		return;
	}
	pthread_mutex_lock(&r->mu);
	r->full[(r->full_head + r->full_n) % QCAP] = it;
	r->full_n++;
	pthread_cond_signal(&r->not_empty);
	pthread_mutex_unlock(&r->mu);
}

static item *pop_full(run *r)
{
	pthread_mutex_lock(&r->mu);
	while (r->full_n == 0)
		pthread_cond_wait(&r->not_empty, &r->mu);
	item *it = r->full[r->full_head];
	r->full_head = (r->full_head + 1) % QCAP;
	r->full_n--;
	pthread_mutex_unlock(&r->mu);
	return it;
}

static void put_free(run *r, item *it)
{
	pthread_mutex_lock(&r->mu);
	r->freeq[r->free_n++] = it;
	pthread_cond_signal(&r->not_full);
	pthread_mutex_unlock(&r->mu);
}

/* ---- the writer side ---------------------------------------------------------------- */

/* The first fatal error of a run wins and tells every thread to stop; the
 * sequential and the parallel run keep the same four fields. */
static void record_fatal(pthread_mutex_t *mu, volatile int *stop, int *fatal_rc, vn_error *fatal_err,
			 int rc, const vn_error *e)
{
	pthread_mutex_lock(mu);
	if (!*fatal_rc) {
		*fatal_rc = rc;
		if (e)
			*fatal_err = *e;
		__atomic_store_n(stop, 1, __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(mu);
}

static void set_fatal(run *r, int rc, const vn_error *e)
{
	record_fatal(&r->mu, &r->stop, &r->fatal_rc, &r->fatal_err, rc, e);
}

typedef struct sweep_ctx {
	run *r;
	vn_buf terms;   /* NUL-separated F terms to delete */
	uint64_t ndocs;
	int rc;
} sweep_ctx;

static int sweep_term(const char *term, size_t len, uint32_t termfreq, void *payload)
{
	sweep_ctx *c = payload;
	if (hset_get(&c->r->sources, fnv64(term, len), NULL))
		return 0;
	if (vn_buf_append(&c->terms, term, len) || vn_buf_putc(&c->terms, '\0')) {
		c->rc = VN_ENOMEM;
		return 1;
	}
	(void)termfreq;
	return 0;
}

static void writer_sweep(run *r, item *it)
{
	vn_index *ix = r->ix;
	vn_error e = VN_ERROR_INIT;
	sweep_ctx c = { .r = r };
	int rc = vn_db_writer_allterms(ix->w, it->idterm.data, it->idterm.len, sweep_term, &c, &e);
	if (rc < 0 || c.rc) {
		if (c.rc)
			vn_error_set(&e, c.rc, "out of memory");
		set_fatal(r, c.rc ? c.rc : rc, &e);
		vn_buf_free(&c.terms);
		return;
	}
	for (size_t off = 0; off < c.terms.len;) {
		const char *t = c.terms.data + off;
		size_t n = strlen(t);
		off += n + 1;
		/* Count the documents first: a source file may have held several. */
		uint32_t before = vn_db_writer_doccount(ix->w);
		rc = vn_db_writer_delete(ix->w, t, n, &e);
		if (rc == 0)
			r->rsum.deleted += before - vn_db_writer_doccount(ix->w);
		else if (rc != VN_ENOTFOUND) {
			set_fatal(r, rc, &e);
			break;
		}
	}
	vn_buf_free(&c.terms);
}

static void writer_process(run *r, item *it)
{
	vn_index *ix = r->ix;
	vn_error e = VN_ERROR_INIT;
	int rc;
	if (r->stop && it->kind != IT_END) {
		if (it->kind == IT_COMMIT) {
			vn__sugg_free(it->sugg);
			it->sugg = NULL;
		}
		return;
	}
	switch (it->kind) {
	case IT_DOC:
		rc = vn_db_writer_replace(ix->w, it->idterm.data, it->idterm.len, it->doc, &e);
		if (rc == 0) {
			if (it->is_new)
				r->rsum.added++;
			else
				r->rsum.replaced++;
		} else if (!fatal_code(rc)) {
			r->rsum.failed++;
			emit(&ix->opts, ix->opts.on_failure, "%s: cannot index: %s", it->where.data, e.msg);
		} else {
			set_fatal(r, rc, &e);
		}
		break;
	case IT_DELETE:
		rc = vn_db_writer_delete(ix->w, it->idterm.data, it->idterm.len, &e);
		if (rc == 0)
			r->rsum.deleted++;
		else if (rc != VN_ENOTFOUND)
			set_fatal(r, rc, &e);
		break;
	case IT_SWEEP:
		writer_sweep(r, it);
		break;
	case IT_COMMIT: {
		vn_index_summary s = it->seen;
		s.added = r->rsum.added;
		s.replaced = r->rsum.replaced;
		s.deleted = r->rsum.deleted;
		s.failed += r->rsum.failed;
		rc = commit_with(ix, it->sugg, &s, &e);
		vn__sugg_free(it->sugg);
		it->sugg = NULL;
		if (rc)
			set_fatal(r, rc, &e);
		break;
	}
	case IT_END:
		break;
	}
}

/* ---- the worker side ---------------------------------------------------------------- */

static int worker_stopped(run *r)
{
	return __atomic_load_n(&r->stop, __ATOMIC_ACQUIRE);
}

/* Suggestion counts are merged into the metadata (a read and a write of
 * one entry per key) at the last commit and whenever the table outgrows
 * VN__SUGG_MERGE_BYTES, not at every commit: merging costs the writer
 * about as much per batch as a commit does. A killed run therefore loses
 * the counts gathered since the last merge; suggestions are advisory and
 * --rebuild recounts them. */
#define VN__SUGG_MERGE_BYTES ((size_t)96 << 20)

static void send_commit(run *r, int last)
{
	item *it = get_free(r);
	it->kind = IT_COMMIT;
	it->seen = r->wsum;
	it->sugg = NULL;
	if (last || vn__sugg_bytes(r->sugg) > VN__SUGG_MERGE_BYTES) {
		it->sugg = r->sugg;
		r->sugg = NULL;
		if (vn__sugg_new(&r->sugg)) {
			vn_error e = VN_ERROR_INIT;
			vn_error_set(&e, VN_ENOMEM, "out of memory");
			set_fatal(r, VN_ENOMEM, &e);
		}
	}
	submit(r, it);
	r->since_commit = 0;
}

/* The stored content hash of idterm in the snapshot: 1 found, 0 absent. */
static int snapshot_hash(run *r, const vn_buf *idterm, char out[17], vn_error *err)
{
	if (!r->snap)
		return 0;
	uint32_t tf = 0;
	int rc = vn_db_termfreq(r->snap, idterm->data, idterm->len, &tf, err);
	if (rc)
		return rc;
	if (tf == 0)
		return 0;
	vn_db_query *q = NULL;
	vn_db_mset *ms = NULL;
	vn_db_hit hit;
	if ((rc = vn_db_query_term(&q, idterm->data, idterm->len, 1, err)))
		return rc;
	rc = vn_db_search_set_query(r->search, q, err);
	vn_db_query_free(q);
	if (rc || (rc = vn_db_search_run(r->search, 0, 1, 0, &ms, err)))
		return rc;
	int found = 0;
	if (vn_db_mset_size(ms) > 0 && vn_db_mset_hit(ms, 0, &hit) == 0 &&
	    (rc = vn_db_document_value(r->snap, hit.docid, VN_SLOT_HASH, &r->value, err)) == 0) {
		found = 1;
		memset(out, 0, 17);
		memcpy(out, r->value.data ? r->value.data : "", r->value.len < 16 ? r->value.len : 16);
	}
	vn_db_mset_free(ms);
	return rc ? rc : found;
}

static uint64_t parse_hash(const char *h)
{
	uint64_t v = strtoull(h, NULL, 16);
	return v ? v : 1;
}

/* Existing state of an id: 0 absent, 1 present with its hash in out, or a
 * negative code. */
static int lookup(run *r, const vn_buf *idterm, char out[17], vn_error *err)
{
	if (!r->threaded) {
		int rc = vn_db_writer_get_value(r->ix->w, idterm->data, idterm->len, VN_SLOT_HASH, &r->value, err);
		if (rc == VN_ENOTFOUND)
			return 0;
		if (rc)
			return rc;
		memset(out, 0, 17);
		memcpy(out, r->value.data ? r->value.data : "", r->value.len < 16 ? r->value.len : 16);
		return 1;
	}
	uint64_t v;
	if (hset_get(&r->done, fnv64(idterm->data, idterm->len), &v)) {
		if (v == 0)
			return 0;
		snprintf(out, 17, "%016llx", (unsigned long long)v);
		return 1;
	}
	return snapshot_hash(r, idterm, out, err);
}

static void note_done(run *r, const vn_buf *idterm, uint64_t v)
{
	if (r->threaded && hset_put(&r->done, fnv64(idterm->data, idterm->len), v)) {
		vn_error e = VN_ERROR_INIT;
		vn_error_set(&e, VN_ENOMEM, "out of memory");
		set_fatal(r, VN_ENOMEM, &e);
	}
}

static void fail_article(run *r, const char *where, const char *msg)
{
	r->wsum.failed++;
	emit(&r->ix->opts, r->ix->opts.on_failure, "%s: %s", where, msg);
}

static void progress(run *r, int force)
{
	const vn_index_options *o = &r->ix->opts;
	if (!o->on_progress)
		return;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!force && since(&r->last, &now) < 0.25)
		return;
	r->last = now;
	vn_index_progress p = { r->articles, r->bytes_done_files, r->bytes_total, since(&r->t0, &now) };
	if (r->cur_fd >= 0) {
		off_t pos = lseek(r->cur_fd, 0, SEEK_CUR);
		if (pos > 0)
			p.bytes_done += (uint64_t)pos;
	}
	if (p.bytes_done > p.bytes_total)
		p.bytes_done = p.bytes_total;
	o->on_progress(&p, o->payload);
}

/* The reader's descriptor for a plain file input, found by device and inode,
 * so that progress can be measured in bytes (compressed bytes for .gz). */
static int find_fd(const struct stat *st)
{
	DIR *d = opendir("/proc/self/fd");
	if (!d)
		return -1;
	int found = -1;
	struct dirent *de;
	while ((de = readdir(d))) {
		char *end;
		long fd = strtol(de->d_name, &end, 10);
		struct stat fs;
		if (*end || fd < 0 || fd == dirfd(d) || fstat((int)fd, &fs))
			continue;
		if (fs.st_dev == st->st_dev && fs.st_ino == st->st_ino) {
			found = (int)fd;
			break;
		}
	}
	closedir(d);
	return found;
}

static __thread uint64_t walk_total;
static int walk_size(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)p;
	(void)f;
	if (flag == FTW_F && S_ISREG(st->st_mode))
		walk_total += (uint64_t)st->st_size;
	return 0;
}

static uint64_t input_size(const char *path)
{
	struct stat st;
	if (strcmp(path, "-") == 0 || stat(path, &st))
		return 0;
	if (S_ISREG(st.st_mode))
		return (uint64_t)st.st_size;
	if (!S_ISDIR(st.st_mode))
		return 0;
	walk_total = 0;
	nftw(path, walk_size, 32, FTW_PHYS);
	return walk_total;
}

/* "F<hash of the directory>:<relative path>", hashed further when too long. */
static int source_term(vn_buf *out, const char *dirkey, const char *source)
{
	vn_buf_clear(out);
	if (vn_buf_puts(out, VN_INDEX_SOURCE_PREFIX) || vn_buf_puts(out, dirkey) || vn_buf_putc(out, ':') ||
	    vn_buf_puts(out, source))
		return VN_ENOMEM;
	if (out->len > VN_INDEX_TERM_MAX) {
		char h[20];
		snprintf(h, sizeof h, "#%016llx", (unsigned long long)fnv64(source, strlen(source)));
		vn_buf_clear(out);
		if (vn_buf_puts(out, VN_INDEX_SOURCE_PREFIX) || vn_buf_puts(out, dirkey) ||
		    vn_buf_putc(out, ':') || vn_buf_puts(out, h))
			return VN_ENOMEM;
	}
	return 0;
}

static void where_of(char *w, size_t n, const vn_article *a, const char *input)
{
	const char *src = a->source ? a->source : input;
	if (a->line)
		snprintf(w, n, "%s:%llu", src, (unsigned long long)a->line);
	else
		snprintf(w, n, "%s", src);
}

/* One article read from an input. */
static void worker_article(run *r, const vn_article *a, const char *input, const char *dirkey)
{
	char where[PATH_MAX + 32];
	char hash[17], old[17];
	vn_error e = VN_ERROR_INIT;
	const char *sterm = NULL;
	where_of(where, sizeof where, a, input);

	if (dirkey && a->source) {
		if (source_term(&r->srcterm, dirkey, a->source) ||
		    hset_put(&r->sources, fnv64(r->srcterm.data, r->srcterm.len), 1)) {
			vn_error_set(&e, VN_ENOMEM, "out of memory");
			set_fatal(r, VN_ENOMEM, &e);
			return;
		}
		sterm = r->srcterm.data;
	}
	if (a->warning)
		emit(&r->ix->opts, r->ix->opts.on_warning, "%s: %s", where, a->warning);

	item *it = get_free(r);
	int rc = vn__id_term(&it->idterm, a->id, a->id ? strlen(a->id) : 0, &e);
	if (rc) {
		fail_article(r, where, e.msg);
		goto unused;
	}
	int state = lookup(r, &it->idterm, old, &e);
	if (state < 0) {
		set_fatal(r, state, &e);
		goto unused;
	}
	if (a->deleted) {
		if (state == 0)
			goto unused;
		it->kind = IT_DELETE;
		note_done(r, &it->idterm, 0);
		submit(r, it);
		r->since_commit++;
		return;
	}
	vn__article_hash(hash, a, sterm);
	if (state > 0 && strcmp(old, hash) == 0) {
		r->wsum.unchanged++;
		goto unused;
	}
	rc = vn__build_doc(r->b, a, sterm, hash, it->doc, r->sugg, &e);
	if (rc) {
		if (fatal_code(rc))
			set_fatal(r, rc, &e);
		else
			fail_article(r, where, e.msg);
		goto unused;
	}
	it->kind = IT_DOC;
	it->is_new = state == 0;
	vn_buf_clear(&it->where);
	vn_buf_puts(&it->where, where);
	note_done(r, &it->idterm, parse_hash(hash));
	submit(r, it);
	r->since_commit++;
	return;
unused:
	if (r->threaded)
		put_free(r, it);
}

static void worker_input(run *r, const char *input)
{
	vn_index *ix = r->ix;
	vn_article_options ao = { ix->opts.html_config, ix->opts.max_body_bytes };
	vn_article_reader *rd = NULL;
	vn_error e = VN_ERROR_INIT;
	int rc = vn_article_reader_open(&rd, input, &ao, &e);
	if (rc) {
		if (rc == VN_ENOMEM)
			set_fatal(r, rc, &e);
		else
			fail_article(r, input, e.msg[0] ? e.msg : vn_strerror(rc));
		return;
	}
	char dirkey[17] = "";
	int isdir = vn_article_reader_is_directory(rd);
	struct stat st;
	r->cur_fd = -1;
	if (isdir) {
		char real[PATH_MAX];
		const char *p = realpath(input, real) ? real : input;
		snprintf(dirkey, sizeof dirkey, "%016llx", (unsigned long long)fnv64(p, strlen(p)));
	}
	/* The reader may open its file on the first read: look for its
	 * descriptor once a record has been read. */
	struct stat in_st;
	int find_pending = !isdir && strcmp(input, "-") != 0 && stat(input, &in_st) == 0;

	vn_buf cur_src = VN_BUF_INIT;
	vn_article a;
	int status;
	int complete = 1;
	while (!worker_stopped(r)) {
		memset(&a, 0, sizeof a);
		vn_error_clear(&e);
		rc = vn_article_next(rd, &a, &status, &e);
		if (rc == 0)
			break;
		if (rc < 0) {
			complete = 0;
			if (rc == VN_ENOMEM) {
				set_fatal(r, rc, &e);
			} else {
				fail_article(r, input, e.msg[0] ? e.msg : vn_strerror(rc));
			}
			break;
		}
		r->articles++;
		if (find_pending) {
			r->cur_fd = find_fd(&in_st);
			find_pending = 0;
		}
		if (isdir && a.source && (!cur_src.data || strcmp(cur_src.data, a.source) != 0)) {
			/* A new file: the previous one is consumed. */
			if (cur_src.data) {
				char p[PATH_MAX * 2];
				snprintf(p, sizeof p, "%s/%s", input, cur_src.data);
				if (stat(p, &st) == 0)
					r->bytes_done_files += (uint64_t)st.st_size;
			}
			vn_buf_clear(&cur_src);
			vn_buf_puts(&cur_src, a.source);
		}
		if (status == VN_ARTICLE_FAILED) {
			char where[PATH_MAX + 32];
			if (isdir && a.source) {
				/* Keep the articles of a file that failed this time. */
				if (source_term(&r->srcterm, dirkey, a.source) == 0)
					hset_put(&r->sources, fnv64(r->srcterm.data, r->srcterm.len), 1);
			}
			if (e.msg[0]) {
				r->wsum.failed++;
				emit(&ix->opts, ix->opts.on_failure, "%s", e.msg);
			} else {
				where_of(where, sizeof where, &a, input);
				fail_article(r, where, "bad record");
			}
		} else {
			worker_article(r, &a, input, isdir ? dirkey : NULL);
		}
		if (r->since_commit >= ix->opts.batch_size)
			send_commit(r, 0);
		if ((r->articles & 31) == 0)
			progress(r, 0);
	}
	vn_buf_free(&cur_src);
	vn_article_reader_free(rd);
	r->bytes_done_files += input_size(input);
	r->cur_fd = -1;

	if (isdir && complete && !worker_stopped(r) && !ix->opts.keep_missing) {
		item *it = get_free(r);
		it->kind = IT_SWEEP;
		vn_buf_clear(&it->idterm);
		vn_buf_puts(&it->idterm, VN_INDEX_SOURCE_PREFIX);
		vn_buf_puts(&it->idterm, dirkey);
		vn_buf_putc(&it->idterm, ':');
		submit(r, it);
	}
}

static void *worker_main(void *arg)
{
	run *r = arg;
	for (size_t i = 0; i < r->ninputs && !worker_stopped(r); i++)
		worker_input(r, r->inputs[i]);
	progress(r, 1);
	r->worker_cpu = cpu_now();
	send_commit(r, 1);
	item *it = get_free(r);
	it->kind = IT_END;
	submit(r, it);
	return NULL;
}

static void writer_main(run *r)
{
	for (;;) {
		item *it = pop_full(r);
		int end = it->kind == IT_END;
		writer_process(r, it);
		put_free(r, it);
		if (end)
			break;
	}
}

/* ---- first load: partial indexes in parallel, merged and swapped in ------------ */

/*
 * When the index is empty (or rebuilt), nothing has to be looked up: every
 * article is new unless it appeared earlier in the input. The input is cut
 * into chunks of consecutive records (chunk k holds chunk_size << (k / 64)
 * records, so that the number of partial indexes grows slowly); chunk k is
 * indexed by worker k % 2 into its own partial index, written with
 * add_document and flushed once per chunk. Compaction then merges the
 * partials in chunk order, so documents keep the input's order.
 *
 * The calling thread reads and parses the input once and keeps the map of
 * what each id's last record did, so that every record is judged as the
 * sequential path would judge it: an id seen again with the same content
 * is unchanged, with other content replaced, a deletion record deletes.
 * The articles to index go, copied, to their chunk's worker through a queue
 * that holds up to one chunk: the reader is far faster than a worker, and
 * while one worker is still on chunk k the other must already have chunk
 * k + 1 to work on. (When both workers parsed every record themselves,
 * the parsing nobody used was 3-4 % of the run's instructions.) At the end
 * each worker deletes from its partials the documents that a later record
 * of the same id superseded.
 */

typedef struct written {
	uint64_t idh, rec;     /* id hash, record number + 1 */
	uint64_t chunk;
	vn_docid docid;
} written;

/* One article for a worker: the reader's verdict and a copy of the
 * article, its strings in the same allocation. */
typedef struct pjob {
	struct pjob *next;
	vn_article a;
	uint64_t rec, chunk, idh;
	int present;
	char hash[17];
	const char *sterm;         /* the F term, or NULL */
	const char *input;
} pjob;

typedef struct prun prun;

typedef struct pworker {
	prun *P;
	int id;
	pthread_t th;
	vn__builder *b;
	vn_db_doc *doc;
	vn__sugg *sugg;
	vn_db_writer *w;           /* the partial of chunk `open_chunk`, or NULL */
	uint64_t open_chunk;
	written *wr;
	size_t nwr, capwr;
	vn_index_summary sum;      /* added, replaced, and the builds that failed */
	vn_buf path;
	double cpu_build, cpu_add, cpu_flush, cpu_total;   /* VN_INDEX_DEBUG */
	/* the queue from the reader */
	pthread_mutex_t qmu;
	pthread_cond_t qcv;        /* a job came, a job was taken, or the end */
	pjob *head, *tail;
	size_t queued;
	int end;
} pworker;

#define PAR_WORKERS 2
#define PAR_GROWTH 64   /* chunks of one size before the size doubles */

struct prun {
	vn_index *ix;
	const char *const *inputs;
	size_t ninputs;
	unsigned chunk_size;
	unsigned flush;            /* documents per flush of a partial */
	pthread_mutex_t mu;        /* messages, progress, the fatal error */
	volatile int stop;
	int fatal_rc;
	vn_error fatal_err;
	run pg;                    /* progress fields, advanced by the reader */
	/* the reader (the calling thread) */
	hset state;                /* id hash → content hash of its live record, 0 deleted */
	hset surv;                 /* id hash → record number + 1 of the live document */
	vn_index_summary sum;      /* failed records, deleted, unchanged */
	vn_buf idterm, srcterm;
	uint64_t rec, chunk, chunk_end;   /* the chunk schedule: record count, current
					   * chunk, record that starts the next one */
	uint64_t chunk_first;      /* record that started the current chunk */
	uint64_t round_bytes;      /* input bytes read when the current chunk started */
	uint64_t targets[3];       /* the last round's planned chunks end at these bytes */
	unsigned ntargets, itarget;
	int probed;                /* the first chunk was measured for a plan */
	vn_article_reader *rd;     /* the input being read */
	double cpu_read;           /* VN_INDEX_DEBUG */
	pworker w[PAR_WORKERS];
};

static void par_fatal(prun *P, int rc, const vn_error *e)
{
	record_fatal(&P->mu, &P->stop, &P->fatal_rc, &P->fatal_err, rc, e);
}

static int par_stopped(prun *P)
{
	return __atomic_load_n(&P->stop, __ATOMIC_ACQUIRE);
}

static void par_emit(prun *P, vn_index_message_fn fn, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void par_emit(prun *P, vn_index_message_fn fn, const char *fmt, ...)
{
	if (!fn)
		return;
	char line[VN_ERROR_MSG_MAX + PATH_MAX + 64];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	pthread_mutex_lock(&P->mu);
	fn(line, P->ix->opts.payload);
	pthread_mutex_unlock(&P->mu);
}

static void par_nomem(prun *P)
{
	vn_error e = VN_ERROR_INIT;
	vn_error_set(&e, VN_ENOMEM, "out of memory");
	par_fatal(P, VN_ENOMEM, &e);
}

/* Waits a while on cv; a fatal error elsewhere is noticed within that. */
static void wait_a_while(pthread_cond_t *cv, pthread_mutex_t *mu)
{
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	t.tv_nsec += 50 * 1000 * 1000;
	if (t.tv_nsec >= 1000000000) {
		t.tv_sec++;
		t.tv_nsec -= 1000000000;
	}
	pthread_cond_timedwait(cv, mu, &t);
}

/* Hands j to W, waiting while W holds cap jobs; frees j when the run stops. */
static void job_push(prun *P, pworker *W, pjob *j, size_t cap)
{
	pthread_mutex_lock(&W->qmu);
	while (W->queued >= cap && !par_stopped(P))
		wait_a_while(&W->qcv, &W->qmu);
	if (par_stopped(P)) {
		pthread_mutex_unlock(&W->qmu);
		free(j);
		return;
	}
	j->next = NULL;
	if (W->tail)
		W->tail->next = j;
	else
		W->head = j;
	W->tail = j;
	W->queued++;
	pthread_cond_broadcast(&W->qcv);
	pthread_mutex_unlock(&W->qmu);
}

static void job_end(pworker *W)
{
	pthread_mutex_lock(&W->qmu);
	W->end = 1;
	pthread_cond_broadcast(&W->qcv);
	pthread_mutex_unlock(&W->qmu);
}

/* The next job, or NULL at the end of the input or when the run stops. */
static pjob *job_pop(prun *P, pworker *W)
{
	pthread_mutex_lock(&W->qmu);
	while (!W->head && !W->end && !par_stopped(P))
		wait_a_while(&W->qcv, &W->qmu);
	pjob *j = par_stopped(P) ? NULL : W->head;
	if (j) {
		W->head = j->next;
		if (!W->head)
			W->tail = NULL;
		W->queued--;
		pthread_cond_broadcast(&W->qcv);
	}
	pthread_mutex_unlock(&W->qmu);
	return j;
}

static void jobs_free(pworker *W)
{
	while (W->head) {
		pjob *j = W->head;
		W->head = j->next;
		free(j);
	}
	W->tail = NULL;
	W->queued = 0;
}

/* Copies s[0..n) and a NUL to *p, advancing it; NULL stays NULL. */
static const char *job_str(char **p, const char *s, size_t n)
{
	if (!s)
		return NULL;
	char *d = *p;
	memcpy(d, s, n);
	d[n] = '\0';
	*p = d + n + 1;
	return d;
}

static size_t opt_len(const char *s)
{
	return s ? strlen(s) : 0;
}

static pjob *job_new(const vn_article *a, const char *sterm, const char *input)
{
	/* title and body are measured as vn__build_doc measures them */
	size_t tl = a->title ? (a->title_len ? a->title_len : strlen(a->title)) : 0;
	size_t bl = a->body ? (a->body_len ? a->body_len : strlen(a->body)) : 0;
	const char *strs[] = { a->id, a->date, a->category, a->site, a->kind, a->lang, a->url, a->author,
			       a->summary, a->source, a->warning, a->origin, sterm };
	enum { NSTR = sizeof strs / sizeof strs[0] };
	size_t lens[NSTR];
	size_t total = sizeof(pjob) + tl + 1 + bl + 1;
	for (size_t i = 0; i < NSTR; i++) {
		lens[i] = opt_len(strs[i]);
		total += lens[i] + 1;
	}
	pjob *j = malloc(total);
	if (!j)
		return NULL;
	memset(j, 0, sizeof *j);
	char *p = (char *)(j + 1);
	j->a = *a;
	j->a.title = job_str(&p, a->title, tl);
	j->a.body = job_str(&p, a->body, bl);
	const char **dst[] = { &j->a.id, &j->a.date, &j->a.category, &j->a.site, &j->a.kind, &j->a.lang,
			       &j->a.url, &j->a.author, &j->a.summary, &j->a.source, &j->a.warning,
			       &j->a.origin, &j->sterm };
	for (size_t i = 0; i < NSTR; i++)
		*dst[i] = job_str(&p, strs[i], lens[i]);
	j->input = input;
	return j;
}

static int partial_path(pworker *W, uint64_t chunk)
{
	vn_buf_clear(&W->path);
	return vn_buf_printf(&W->path, "%s/p%08llu", W->P->ix->work, (unsigned long long)chunk);
}

/* Merge the chunk's suggestion counts into its partial, commit, close. */
static void close_partial(pworker *W)
{
	if (!W->w)
		return;
	vn_error e = VN_ERROR_INIT;
	double t0 = cpu_now();
	int rc = vn__sugg_merge(W->sugg, W->w, min_bigram_for(W->sugg), 1, &e);
	if (rc == 0)
		rc = vn_db_writer_commit(W->w, &e);
	W->cpu_flush += cpu_now() - t0;
	if (rc)
		par_fatal(W->P, rc, &e);
	vn__sugg_clear(W->sugg);
	vn_db_writer_free(W->w);
	W->w = NULL;
}

static int open_partial(pworker *W, uint64_t chunk)
{
	vn_error e = VN_ERROR_INIT;
	if (partial_path(W, chunk)) {
		par_nomem(W->P);
		return VN_ENOMEM;
	}
	/* Flushed every P->flush documents (see flush_threshold): memory stays
	 * bounded whatever the chunk size. A scratch database: a crash leaves
	 * the work directory, which the next run removes. */
	int rc = vn_db_writer_open(&W->w, W->path.data, VN_DB_CREATE | VN_DB_SCRATCH, W->P->flush, &e);
	if (rc) {
		par_fatal(W->P, rc, &e);
		return rc;
	}
	W->open_chunk = chunk;
	return 0;
}

static int blank(const char *s)
{
	if (!s)
		return 1;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

/* Input bytes behind the records read so far (compressed bytes of a .gz,
 * as the input's size counts them); 0 when the reader cannot tell (a
 * directory). */
static int bytes_read(const prun *P, uint64_t *out)
{
	uint64_t off;
	if (!P->rd || !vn_article_reader_offset(P->rd, &off))
		return 0;
	*out = P->pg.bytes_done_files + off;
	return 1;
}

static uint64_t chunk_records(const prun *P, uint64_t chunk)
{
	return (uint64_t)P->chunk_size << (chunk / PAR_GROWTH);
}

/*
 * The last round. Chunk k goes to worker k % 2, so the workers take the
 * chunks in rounds of two; near the input's end, what is left is cut into
 * two or four chunks of about the same size in bytes, so that both workers
 * finish together (a short last chunk left one of them idle for most of a
 * chunk, and an input shorter than a chunk had one worker). Planned at the
 * start of a round (an even chunk; the first chunk once PLAN_PROBE_BYTES,
 * or a quarter of a smaller input, are read, which tell the bytes per
 * record well enough):
 * left = the bytes from the round's start to the input's end, c = a whole
 * chunk's bytes at the bytes per record read so far; left <= 2c: two
 * chunks, left <= 4c: four. A planned chunk ends at its byte target, or at
 * twice the chunk size in records; the last one takes the rest of the
 * input. Without byte counts (a directory input) every chunk has
 * chunk_size records.
 */
#define PLAN_PROBE_BYTES ((uint64_t)256 << 10)

static void plan_last_round(prun *P, uint64_t r, uint64_t now)
{
	uint64_t total = P->pg.bytes_total;
	if (r == 0 || now >= total || P->round_bytes >= total)
		return;
	double c = (double)now / (double)r * (double)chunk_records(P, P->chunk);
	double left = (double)(total - P->round_bytes);
	unsigned n = left <= 2 * c ? 2 : left <= 4 * c ? 4 : 0;
	/* the first chunk may be past its share already: fewer, larger ones */
	while (n && (double)P->round_bytes + left / n <= (double)now)
		n /= 2;
	if (n < 2)
		return;
	for (unsigned i = 0; i + 1 < n; i++)
		P->targets[i] = P->round_bytes + (uint64_t)(left * (i + 1) / n);
	P->ntargets = n - 1;
	P->itarget = 0;
	P->chunk_end = P->chunk_first + 2 * chunk_records(P, P->chunk);
}

/* Record r (0-based) is about to be read into the current chunk: start
 * the next chunk first when the current one is complete. */
static void next_chunk(prun *P, uint64_t r)
{
	int planned = P->itarget < P->ntargets, next = r == P->chunk_end;
	uint64_t now = 0;
	if (!next && planned && r > P->chunk_first && bytes_read(P, &now) && now >= P->targets[P->itarget])
		next = 1;
	if (!next) {
		/* an input under four probes' worth is probed at a quarter of it,
		 * while its first half is still ahead */
		uint64_t probe = P->pg.bytes_total && P->pg.bytes_total / 4 < PLAN_PROBE_BYTES
					 ? P->pg.bytes_total / 4 : PLAN_PROBE_BYTES;
		if (P->chunk == 0 && !P->ntargets && !P->probed && (r & 15) == 0 && bytes_read(P, &now) &&
		    now >= probe) {
			P->probed = 1;
			plan_last_round(P, r, now);
		}
		return;
	}
	if (planned)
		P->itarget++;
	P->chunk++;
	P->chunk_first = r;
	int known = bytes_read(P, &now);
	P->round_bytes = known ? now : P->pg.bytes_total;
	if (P->ntargets && P->itarget == P->ntargets)
		P->chunk_end = UINT64_MAX;   /* the last planned chunk */
	else if (P->ntargets)
		P->chunk_end = r + 2 * chunk_records(P, P->chunk);
	else
		P->chunk_end = r + chunk_records(P, P->chunk);
	if (!P->ntargets && P->chunk % PAR_WORKERS == 0 && known)
		plan_last_round(P, r, now);
}

/* One record, judged by the reader; an article to index goes to its
 * chunk's worker. */
static void par_record(prun *P, const vn_article *a, int status, const vn_error *re, const char *input,
		       const char *dirkey)
{
	const vn_index_options *o = &P->ix->opts;
	next_chunk(P, P->rec++);
	char where[PATH_MAX + 32];
	if (status == VN_ARTICLE_FAILED) {
		P->sum.failed++;
		if (re->msg[0]) {
			par_emit(P, o->on_failure, "%s", re->msg);
		} else {
			where_of(where, sizeof where, a, input);
			par_emit(P, o->on_failure, "%s: bad record", where);
		}
		return;
	}
	if (a->warning) {
		where_of(where, sizeof where, a, input);
		par_emit(P, o->on_warning, "%s: %s", where, a->warning);
	}
	vn_error e = VN_ERROR_INIT;
	const char *sterm = NULL;
	if (dirkey && a->source) {
		if (source_term(&P->srcterm, dirkey, a->source)) {
			par_nomem(P);
			return;
		}
		sterm = P->srcterm.data;
	}
	if (vn__id_term(&P->idterm, a->id, a->id ? strlen(a->id) : 0, &e)) {
		P->sum.failed++;
		where_of(where, sizeof where, a, input);
		par_emit(P, o->on_failure, "%s: %s", where, e.msg);
		return;
	}
	uint64_t idh = fnv64(P->idterm.data, P->idterm.len), old = 0;
	int present = hset_get(&P->state, idh, &old) && old != 0;
	if (a->deleted) {
		if (present) {
			if (hset_put(&P->state, idh, 0))
				par_nomem(P);
			P->sum.deleted++;
		}
		return;
	}
	char hash[17];
	vn__article_hash(hash, a, sterm);
	uint64_t hv = parse_hash(hash);
	if (present && old == hv) {
		P->sum.unchanged++;
		return;
	}
	/* The worker's build fails on these (vn__build_doc), and then the id
	 * keeps its state. */
	if (!blank(a->title) && !blank(a->body) &&
	    (hset_put(&P->state, idh, hv) || hset_put(&P->surv, idh, P->rec))) {
		par_nomem(P);
		return;
	}
	pjob *j = job_new(a, sterm, input);
	if (!j) {
		par_nomem(P);
		return;
	}
	j->rec = P->rec;
	j->chunk = P->chunk;
	j->idh = idh;
	j->present = present;
	memcpy(j->hash, hash, sizeof hash);
	job_push(P, &P->w[P->chunk % PAR_WORKERS], j, (size_t)P->chunk_size << (P->chunk / PAR_GROWTH));
}

/* One article into the worker's partial of its chunk. */
static void par_build(pworker *W, const pjob *j)
{
	prun *P = W->P;
	vn_error e = VN_ERROR_INIT;
	if (W->w && W->open_chunk != j->chunk)
		close_partial(W);
	double t0 = cpu_now();
	int rc = vn__build_doc(W->b, &j->a, j->sterm, j->hash, W->doc, W->sugg, &e);
	double t1 = cpu_now();
	W->cpu_build += t1 - t0;
	if (rc) {
		if (fatal_code(rc)) {
			par_fatal(P, rc, &e);
		} else {
			char where[PATH_MAX + 32];
			where_of(where, sizeof where, &j->a, j->input);
			W->sum.failed++;
			par_emit(P, P->ix->opts.on_failure, "%s: %s", where, e.msg);
		}
		return;
	}
	vn_docid docid = 0;
	if (!W->w && open_partial(W, j->chunk))
		return;
	if ((rc = vn_db_writer_add(W->w, W->doc, &docid, &e))) {
		par_fatal(P, rc, &e);
		return;
	}
	W->cpu_add += cpu_now() - t1;
	if (W->nwr == W->capwr) {
		size_t nc = W->capwr ? W->capwr * 2 : 4096;
		written *nw = realloc(W->wr, nc * sizeof *nw);
		if (!nw) {
			par_nomem(P);
			return;
		}
		W->wr = nw;
		W->capwr = nc;
	}
	W->wr[W->nwr++] = (written){ j->idh, j->rec, j->chunk, docid };
	if (j->present)
		W->sum.replaced++;
	else
		W->sum.added++;
}

/* An input that cannot be opened or read further: out of memory stops the
 * run; anything else is one failure. */
static void par_input_failed(prun *P, const char *input, int rc, const vn_error *e)
{
	if (rc == VN_ENOMEM) {
		par_fatal(P, rc, e);
	} else {
		P->sum.failed++;
		par_emit(P, P->ix->opts.on_failure, "%s: %s", input, e->msg[0] ? e->msg : vn_strerror(rc));
	}
}

static void par_input(prun *P, const char *input)
{
	vn_index *ix = P->ix;
	run *pg = &P->pg;
	vn_article_options ao = { ix->opts.html_config, ix->opts.max_body_bytes };
	vn_article_reader *rd = NULL;
	vn_error e = VN_ERROR_INIT;
	int rc = vn_article_reader_open(&rd, input, &ao, &e);
	if (rc) {
		par_input_failed(P, input, rc, &e);
		return;
	}
	char dirkey[17] = "";
	int isdir = vn_article_reader_is_directory(rd);
	if (isdir) {
		char real[PATH_MAX];
		const char *p = realpath(input, real) ? real : input;
		snprintf(dirkey, sizeof dirkey, "%016llx", (unsigned long long)fnv64(p, strlen(p)));
	}
	struct stat in_st;
	int find_pending = !isdir && stat(input, &in_st) == 0;
	P->rd = rd;
	vn_article a;
	int status;
	while (!par_stopped(P)) {
		memset(&a, 0, sizeof a);
		vn_error_clear(&e);
		rc = vn_article_next(rd, &a, &status, &e);
		if (rc == 0)
			break;
		if (rc < 0) {
			par_input_failed(P, input, rc, &e);
			break;
		}
		par_record(P, &a, status, &e, input, isdir ? dirkey : NULL);
		pg->articles++;
		if (find_pending) {
			pg->cur_fd = find_fd(&in_st);
			find_pending = 0;
		}
		if ((pg->articles & 31) == 0) {
			pthread_mutex_lock(&P->mu);
			progress(pg, 0);
			pthread_mutex_unlock(&P->mu);
		}
	}
	P->rd = NULL;
	vn_article_reader_free(rd);
	pg->bytes_done_files += input_size(input);
	pg->cur_fd = -1;
}

static int written_by_chunk(const void *x, const void *y)
{
	const written *a = x, *b = y;
	if (a->chunk != b->chunk)
		return a->chunk < b->chunk ? -1 : 1;
	return a->docid < b->docid ? -1 : a->docid > b->docid;
}

/* Deletes from this worker's partials the documents that a later record of
 * the same id replaced or deleted. Runs when the reader is done: its maps
 * no longer change. */
static void drop_superseded(pworker *W)
{
	prun *P = W->P;
	vn_error e = VN_ERROR_INIT;
	size_t n = 0;
	for (size_t i = 0; i < W->nwr; i++) {
		uint64_t st = 0, sv = 0;
		hset_get(&P->state, W->wr[i].idh, &st);
		hset_get(&P->surv, W->wr[i].idh, &sv);
		if (st == 0 || sv != W->wr[i].rec)
			W->wr[n++] = W->wr[i];
	}
	if (n > 1) /* qsort(NULL, 0, ...) is undefined */
		qsort(W->wr, n, sizeof *W->wr, written_by_chunk);
	vn_db_writer *w = NULL;
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (i == 0 || W->wr[i].chunk != W->wr[i - 1].chunk) {
			if (w && (rc = vn_db_writer_commit(w, &e)))
				break;
			vn_db_writer_free(w);
			w = NULL;
			if (partial_path(W, W->wr[i].chunk)) {
				rc = vn_error_set(&e, VN_ENOMEM, "out of memory");
				break;
			}
			if ((rc = vn_db_writer_open(&w, W->path.data, VN_DB_OPEN | VN_DB_SCRATCH, 0, &e)))
				break;
		}
		rc = vn_db_writer_delete_docid(w, W->wr[i].docid, &e);
	}
	if (rc == 0 && w)
		rc = vn_db_writer_commit(w, &e);
	vn_db_writer_free(w);
	if (rc)
		par_fatal(W->P, rc, &e);
}

static void *par_main(void *arg)
{
	pworker *W = arg;
	prun *P = W->P;
	pjob *j;
	while ((j = job_pop(P, W))) {
		par_build(W, j);
		free(j);
	}
	if (!par_stopped(P))
		close_partial(W);
	if (!par_stopped(P))
		drop_superseded(W);
	W->cpu_total = cpu_now();
	return NULL;
}

/* A metadata key set in several sources: suggestion counts are summed,
 * anything else (format, statistics) takes the last source's value. */
static int resolve_meta(const char *key, size_t klen, const char *const *tags, const size_t *lens, size_t ntags,
			vn_buf *out, void *payload)
{
	(void)payload;
	size_t pl = strlen(VN_META_SUGGEST_PREFIX);
	if (klen > pl && memcmp(key, VN_META_SUGGEST_PREFIX, pl) == 0)
		return vn__sugg_resolve(tags, lens, ntags, out);
	return vn_buf_append(out, tags[ntags - 1], lens[ntags - 1]) ? VN_ENOMEM : 0;
}

/* 1 when this filesystem can exchange two directories atomically. */
static int exchange_works(const char *work)
{
	char a[PATH_MAX], b[PATH_MAX];
	snprintf(a, sizeof a, "%s/xa", work);
	snprintf(b, sizeof b, "%s/xb", work);
	int ok = mkdir(a, 0755) == 0 && mkdir(b, 0755) == 0 &&
		 renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE) == 0;
	rmdir(a);
	rmdir(b);
	return ok;
}

/* Tests kill the run at a named step (VN_INDEX_CRASH_AT=step) to check that
 * the index survives a crash at that very moment. */
static void crash_point(const char *step)
{
	const char *at = getenv("VN_INDEX_CRASH_AT");
	if (at && strcmp(at, step) == 0)
		raise(SIGKILL);
}

static uint64_t tree_bytes(const char *path)
{
	walk_total = 0;
	nftw(path, walk_size, 16, FTW_PHYS);
	return walk_total;
}

/*
 * Put the complete database at `fresh` in place of the index: exchange the
 * two directories in one rename, take the writer lock on the new one, then
 * let go of the old one and remove it. Readers that have the old index open
 * keep their open files. A crash before the exchange leaves the old index, after it
 * the new one; the work directory is removed by the next vn_index_open.
 */
static int swap_in(vn_index *ix, const char *fresh, vn_error *err)
{
	crash_point("compacted");
	if (renameat2(AT_FDCWD, ix->real, AT_FDCWD, fresh, RENAME_EXCHANGE) != 0)
		return vn_error_set(err, VN_EIO, "cannot swap %s into %s: %s", fresh, ix->real, strerror(errno));
	crash_point("exchanged");
	vn_db_writer *w = NULL;
	vn_error e = VN_ERROR_INIT;
	int rc = vn_db_writer_open(&w, ix->path, VN_DB_OPEN, 0, &e);
	if (rc) {
		if (rc == VN_ELOCKED)
			return vn_error_set(err, rc,
					    "index at %s is complete, but another vnindex took it over at once",
					    ix->path);
		return vn_error_set(err, rc, "cannot open index at %s after the swap: %s", ix->path, e.msg);
	}
	vn_db_writer_free(ix->w);
	ix->w = w;
	ix->rebuild_pending = 0;
	crash_point("swapped");
	return rm_tree(ix->work, err);
}

static int par_run(vn_index *ix, const char *const *inputs, size_t ninputs, vn_index_summary *out,
		   vn_error *err)
{
	prun *P = calloc(1, sizeof *P);
	if (!P)
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	int rc = 0;
	vn_buf fresh = VN_BUF_INIT;
	const char **src = NULL;
	size_t nsrc = 0, first_partial = 0;
	vn_index_summary s = { 0, 0, 0, 0, 0 };
	P->ix = ix;
	P->inputs = inputs;
	P->ninputs = ninputs;
	P->chunk_size = ix->opts.chunk_size ? ix->opts.chunk_size : VN_INDEX_DEFAULT_CHUNK;
	P->flush = flush_threshold();
	P->pg.ix = ix;
	P->pg.cur_fd = -1;
	pthread_mutex_init(&P->mu, NULL);
	for (int i = 0; i < PAR_WORKERS; i++) {
		pthread_mutex_init(&P->w[i].qmu, NULL);
		pthread_cond_init(&P->w[i].qcv, NULL);
	}
	P->chunk_end = P->chunk_size;
	int started = 0;
	for (int i = 0; i < PAR_WORKERS; i++) {
		pworker *W = &P->w[i];
		W->P = P;
		W->id = i;
		if ((rc = vn__builder_new(&W->b, err)) || (rc = vn_db_doc_new(&W->doc, err)))
			goto done;
		if (vn__sugg_new(&W->sugg)) {
			rc = vn_error_set(err, VN_ENOMEM, "out of memory");
			goto done;
		}
	}
	for (size_t i = 0; i < ninputs; i++)
		P->pg.bytes_total += input_size(inputs[i]);
	clock_gettime(CLOCK_MONOTONIC, &P->pg.t0);
	P->pg.last = P->pg.t0;

	for (; started < PAR_WORKERS; started++)
		if (pthread_create(&P->w[started].th, NULL, par_main, &P->w[started]) != 0) {
			vn_error e = VN_ERROR_INIT;
			vn_error_set(&e, VN_EINTERNAL, "cannot start a worker thread");
			par_fatal(P, VN_EINTERNAL, &e);
			break;
		}
	double r0 = cpu_now();
	for (size_t i = 0; i < ninputs && !par_stopped(P); i++)
		par_input(P, inputs[i]);
	P->cpu_read = cpu_now() - r0;
	for (int i = 0; i < started; i++)
		job_end(&P->w[i]);
	for (int i = 0; i < started; i++)
		pthread_join(P->w[i].th, NULL);
	crash_point("partials");
	progress(&P->pg, 1);
	sum_add(&s, &P->sum);
	for (int i = 0; i < PAR_WORKERS; i++)
		sum_add(&s, &P->w[i].sum);
	if (P->fatal_rc) {
		rc = P->fatal_rc;
		if (err)
			*err = P->fatal_err;
		goto done;
	}

	/* Merge: the old index first (its metadata; it has no documents), then
	 * the partials in chunk order. */
	uint64_t nchunks = P->chunk + 1;
	if (!(src = calloc(nchunks + 1, sizeof *src))) {
		rc = vn_error_set(err, VN_ENOMEM, "out of memory");
		goto done;
	}
	if (!ix->rebuild_pending)
		src[nsrc++] = ix->real;
	first_partial = nsrc;
	for (uint64_t k = 0; k < nchunks; k++) {
		pworker *W = &P->w[k % PAR_WORKERS];
		struct stat st;
		if (partial_path(W, k)) {
			rc = vn_error_set(err, VN_ENOMEM, "out of memory");
			goto done;
		}
		if (stat(W->path.data, &st) == 0) {
			src[nsrc] = strdup(W->path.data);
			if (!src[nsrc++]) {
				rc = vn_error_set(err, VN_ENOMEM, "out of memory");
				goto done;
			}
		}
	}
	if (vn_buf_printf(&fresh, "%s/new", ix->work)) {
		rc = vn_error_set(err, VN_ENOMEM, "out of memory");
		goto done;
	}
	struct timespec c0, c1;
	clock_gettime(CLOCK_MONOTONIC, &c0);
	if (nsrc == 0) {
		/* A rebuild from nothing: an empty index. */
		vn_db_writer *w = NULL;
		if ((rc = vn_db_writer_open(&w, fresh.data, VN_DB_CREATE, 0, err)) == 0)
			rc = vn_db_writer_commit(w, err);
		vn_db_writer_free(w);
	} else {
		rc = vn_db_compact(src, nsrc, fresh.data, VN_DB_COMPACT_FULL, resolve_meta, NULL, err);
	}
	if (rc)
		goto done;
	clock_gettime(CLOCK_MONOTONIC, &c1);
	{
		vn_db_writer *w = NULL;
		char v[16];
		int n = snprintf(v, sizeof v, "%d", VN_INDEX_FORMAT);
		if ((rc = vn_db_writer_open(&w, fresh.data, VN_DB_OPEN, 0, err)) == 0 &&
		    (rc = vn_db_writer_set_metadata(w, VN_META_FORMAT, v, (size_t)n, err)) == 0 &&
		    (rc = write_stats_to(w, &s, err)) == 0)
			rc = vn_db_writer_commit(w, err);
		vn_db_writer_free(w);
		if (rc)
			goto done;
	}
	/* The partials are merged: free their space before the swap. */
	for (size_t i = first_partial; i < nsrc; i++)
		if ((rc = rm_tree(src[i], err)))
			goto done;
	rc = swap_in(ix, fresh.data, err);
	if (getenv("VN_INDEX_DEBUG")) {
		fprintf(stderr, "vn_index_run: parallel first load, %zu partials, compaction %.2fs, reading %.2fs\n",
			nsrc - first_partial, since(&c0, &c1), P->cpu_read);
		for (int i = 0; i < PAR_WORKERS; i++)
			fprintf(stderr, "  worker %d: cpu %.2fs: build %.2fs, add %.2fs, flush+commit %.2fs\n", i,
				P->w[i].cpu_total, P->w[i].cpu_build, P->w[i].cpu_add, P->w[i].cpu_flush);
	}
done:
	if (out)
		*out = s;
	sum_add(&ix->total, &s);
	for (int i = 0; i < PAR_WORKERS; i++) {
		pworker *W = &P->w[i];
		vn_db_writer_free(W->w);
		vn__builder_free(W->b);
		vn_db_doc_free(W->doc);
		vn__sugg_free(W->sugg);
		free(W->wr);
		vn_buf_free(&W->path);
		jobs_free(W);
		pthread_cond_destroy(&W->qcv);
		pthread_mutex_destroy(&W->qmu);
	}
	hset_free(&P->state);
	hset_free(&P->surv);
	vn_buf_free(&P->idterm);
	vn_buf_free(&P->srcterm);
	if (src)
		for (size_t i = first_partial; i < nsrc; i++)
			free((char *)src[i]);
	free(src);
	vn_buf_free(&fresh);
	if (rc && ix->work) {
		/* The index keeps its last commit; what was built beside it goes. */
		vn_error e2 = VN_ERROR_INIT;
		rm_tree(ix->work, &e2);
	}
	pthread_mutex_destroy(&P->mu);
	free(P);
	return rc;
}

/* A rebuild that did not become a parallel build: overwrite now. The lock
 * is let go between closing and overwriting (Xapian cannot empty a database
 * through an open writer); a writer that slips in meanwhile makes this
 * fail with VN_ELOCKED. */
static int ensure_overwritten(vn_index *ix, vn_error *err)
{
	if (!ix->rebuild_pending)
		return 0;
	vn_db_writer_free(ix->w);
	ix->w = NULL;
	ix->rebuild_pending = 0;
	char v[16];
	int n = snprintf(v, sizeof v, "%d", VN_INDEX_FORMAT);
	int rc = vn_db_writer_open(&ix->w, ix->path, VN_DB_OVERWRITE, 0, err);
	if (rc == 0 && (rc = vn_db_writer_set_metadata(ix->w, VN_META_FORMAT, v, (size_t)n, err)) == 0)
		rc = vn_db_writer_commit(ix->w, err);
	return rc;
}

int vn_index_compact(vn_index *ix, uint64_t *before, uint64_t *after, vn_error *err)
{
	int rc = ensure_overwritten(ix, err);
	if (rc)
		return rc;
	if (vn__sugg_size(ix->sugg) > 0)
		rc = vn_index_commit(ix, err);
	else
		rc = vn_db_writer_commit(ix->w, err);
	if (rc)
		return rc;
	if (mkdir(ix->work, 0755) != 0 && errno != EEXIST)
		return vn_error_set(err, VN_EIO, "cannot create %s: %s", ix->work, strerror(errno));
	if (!exchange_works(ix->work)) {
		rm_tree(ix->work, NULL);
		return vn_error_set(err, VN_EIO, "the filesystem of %s cannot exchange directories atomically",
				    ix->real);
	}
	vn_buf fresh = VN_BUF_INIT;
	if (vn_buf_printf(&fresh, "%s/new", ix->work)) {
		rm_tree(ix->work, NULL);
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	}
	const char *src[] = { ix->real };
	if (before)
		*before = tree_bytes(ix->real);
	rc = vn_db_compact(src, 1, fresh.data, VN_DB_COMPACT_FULL, NULL, NULL, err);
	if (rc == 0 && after)
		*after = tree_bytes(fresh.data);
	if (rc == 0)
		rc = swap_in(ix, fresh.data, err);
	if (rc)
		rm_tree(ix->work, NULL);
	vn_buf_free(&fresh);
	return rc;
}

int vn_index_run(vn_index *ix, const char *const *inputs, size_t ninputs, vn_index_summary *out,
		 vn_error *err)
{
	int has_stdin = 0;
	for (size_t i = 0; i < ninputs; i++)
		has_stdin |= strcmp(inputs[i], "-") == 0;
	if (parallel_allowed(&ix->opts) && !has_stdin &&
	    (ix->rebuild_pending || vn_db_writer_doccount(ix->w) == 0)) {
		int rc = ix->rebuild_pending ? 0 : vn_index_commit(ix, err);
		if (rc)
			return rc;
		if (mkdir(ix->work, 0755) != 0 && errno != EEXIST)
			return vn_error_set(err, VN_EIO, "cannot create %s: %s", ix->work, strerror(errno));
		if (exchange_works(ix->work))
			return par_run(ix, inputs, ninputs, out, err);
		rm_tree(ix->work, NULL);
	}
	{
		int rc = ensure_overwritten(ix, err);
		if (rc)
			return rc;
	}
	vn_index_summary zero = { 0, 0, 0, 0, 0 };
	if (out)
		*out = zero;
	/* Counts still pending from vn_index_add go into this run's first commit. */
	run *r = calloc(1, sizeof *r);
	if (!r)
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	r->ix = ix;
	r->inputs = inputs;
	r->ninputs = ninputs;
	r->threaded = ix->opts.threads > 1;
	r->npool = r->threaded ? QCAP : 1;
	r->cur_fd = -1;
	int rc = 0;
	vn_error e = VN_ERROR_INIT;
	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->not_empty, NULL);
	pthread_cond_init(&r->not_full, NULL);
	for (size_t i = 0; i < r->npool; i++) {
		if ((rc = vn_db_doc_new(&r->pool[i].doc, err)))
			goto done;
		r->freeq[r->free_n++] = &r->pool[i];
	}
	if ((rc = vn__builder_new(&r->b, err)))
		goto done;
	r->sugg = ix->sugg;   /* take over what vn_index_add counted */
	ix->sugg = NULL;
	if (vn__sugg_new(&ix->sugg)) {
		rc = vn_error_set(err, VN_ENOMEM, "out of memory");
		goto done;
	}
	if (r->threaded && vn_db_writer_doccount(ix->w) > 0 && !ix->opts.rebuild) {
		/* Committed first so that the snapshot holds everything done so far. */
		if ((rc = vn_index_commit(ix, err)))
			goto done;
		const char *p = ix->path;
		if ((rc = vn_db_open(&r->snap, &p, 1, err)) || (rc = vn_db_search_new(&r->search, r->snap, err)))
			goto done;
	}
	for (size_t i = 0; i < ninputs; i++)
		r->bytes_total += input_size(inputs[i]);
	clock_gettime(CLOCK_MONOTONIC, &r->t0);
	r->last = r->t0;

	if (r->threaded) {
		pthread_t th;
		if (pthread_create(&th, NULL, worker_main, r) != 0) {
			rc = vn_error_set(err, VN_EINTERNAL, "cannot start the worker thread");
			goto done;
		}
		writer_main(r);
		r->writer_cpu = cpu_now();
		pthread_join(th, NULL);
	} else {
		worker_main(r);
	}
	if (getenv("VN_INDEX_DEBUG"))
		fprintf(stderr, "vn_index_run: worker cpu %.2fs, writer cpu %.2fs (suggestion merges %.2fs, commits %.2fs)\n",
			r->worker_cpu, r->writer_cpu, ix->cpu_merge, ix->cpu_commit);
	if (r->fatal_rc) {
		rc = r->fatal_rc;
		if (err)
			*err = r->fatal_err;
	}
done:
	{
		vn_index_summary s = { r->rsum.added, r->rsum.replaced, r->wsum.unchanged, r->rsum.deleted,
				       r->wsum.failed + r->rsum.failed };
		sum_add(&ix->total, &s);
		if (out)
			*out = s;
	}
	(void)e;
	for (size_t i = 0; i < r->npool; i++) {
		vn_db_doc_free(r->pool[i].doc);
		vn_buf_free(&r->pool[i].idterm);
		vn_buf_free(&r->pool[i].where);
		vn__sugg_free(r->pool[i].sugg);
	}
	vn__builder_free(r->b);
	vn__sugg_free(r->sugg);
	vn_db_search_free(r->search);
	vn_db_free(r->snap);
	hset_free(&r->done);
	hset_free(&r->sources);
	vn_buf_free(&r->scratch);
	vn_buf_free(&r->srcterm);
	vn_buf_free(&r->value);
	pthread_mutex_destroy(&r->mu);
	pthread_cond_destroy(&r->not_empty);
	pthread_cond_destroy(&r->not_full);
	free(r);
	return rc;
}
