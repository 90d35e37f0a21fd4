/*
 * vn_db.cc — the shim's error table, readers, writer and documents.
 * Every extern "C" body runs inside vn_shim::guard, so no C++ exception
 * reaches C; handles are allocated with new(std::nothrow) and owned by
 * unique_ptr until they are handed out, so an error path leaks nothing.
 */
#include "vn_db_int.hh"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>

#include <sys/stat.h>

using vn_shim::guard;
using vn_shim::guard_reader;
using vn_shim::to_buf;

namespace {

/* Xapian's exception classes (xapian-core exception_data.pm) and what each
 * means to a caller. Matched on get_type(), the most derived class name. */
struct xapian_class_code {
	const char *klass;
	int code;
};

const xapian_class_code xapian_codes[] = {
	{"DatabaseLockError", VN_ELOCKED},
	{"DatabaseModifiedError", VN_EMODIFIED},
	{"DatabaseCorruptError", VN_ECORRUPT},
	{"DatabaseNotFoundError", VN_ENOTFOUND},
	{"DatabaseOpeningError", VN_ENOTFOUND},
	{"DatabaseVersionError", VN_EVERSION},
	{"DatabaseCreateError", VN_EIO},
	{"DatabaseClosedError", VN_EINVAL},
	{"QueryParserError", VN_EQUERY},
	{"InvalidArgumentError", VN_EINVAL},
	{"InvalidOperationError", VN_EINVAL},
	{"RangeError", VN_ERANGE},
	{"WildcardError", VN_ERANGE},
	{"DocNotFoundError", VN_ENOTFOUND},
};

int code_for_class(const char *klass) noexcept
{
	for (const auto &c : xapian_codes)
		if (std::strcmp(c.klass, klass) == 0)
			return c.code;
	return VN_EINTERNAL;
}

} // namespace

namespace vn_shim {

int from_message(int code, const char *klass, const char *msg, vn_error *err) noexcept
{
	return vn_error_set_class(err, code, klass, msg);
}

int from_xapian(const Xapian::Error &e, vn_error *err) noexcept
{
	const char *klass = e.get_type();
	int code = code_for_class(klass);
	if (err == nullptr)
		return code;
	/* The message is built in a fixed buffer: no allocation while
	 * handling what may be an out-of-memory condition. */
	char msg[VN_ERROR_MSG_MAX];
	const char *sys = e.get_error_string();
	const std::string &m = e.get_msg();
	if (code == VN_ERANGE && std::strcmp(klass, "WildcardError") == 0)
		std::snprintf(msg, sizeof msg, "wildcard expands to too many terms: %s", m.c_str());
	else if (sys != nullptr && *sys != '\0')
		std::snprintf(msg, sizeof msg, "%s (%s)", m.c_str(), sys);
	else
		std::snprintf(msg, sizeof msg, "%s", m.c_str());
	return vn_error_set_class(err, code, klass, msg);
}

int to_buf(vn_buf *out, const std::string &s, vn_error *err) noexcept
{
	if (out == nullptr)
		return vn_error_set(err, VN_EINVAL, "output buffer is NULL");
	vn_buf_clear(out);
	int rc = vn_buf_append(out, s.data(), s.size());
	if (rc != 0)
		return vn_error_set(err, rc, "cannot copy %zu bytes out of Xapian", s.size());
	/* An empty string still gives a printable buffer. */
	if (out->data == nullptr && (rc = vn_buf_reserve(out, 0)) != 0)
		return vn_error_set(err, rc, "out of memory");
	return 0;
}

} // namespace vn_shim

namespace {

int null_arg(vn_error *err, const char *what)
{
	return vn_error_set(err, VN_EINVAL, "%s is NULL", what);
}

std::string str_of(const char *s, size_t n)
{
	return s == nullptr ? std::string() : std::string(s, n);
}

/* Xapian reads the flush threshold from XAPIAN_FLUSH_THRESHOLD only, once,
 * in the writable database's constructor. Setting it for the length of
 * that constructor (and putting the old value back) under one lock is the
 * only way to pass a per-writer value; writers are opened rarely. */
std::mutex flush_env_lock;

Xapian::WritableDatabase open_writable(const std::string &path, int flags, unsigned threshold)
{
	if (threshold == 0)
		return Xapian::WritableDatabase(path, flags);
	std::lock_guard<std::mutex> hold(flush_env_lock);
	const char *old = std::getenv("XAPIAN_FLUSH_THRESHOLD");
	std::string saved = old ? old : "";
	bool had = old != nullptr;
	std::string val = std::to_string(threshold);
	if (setenv("XAPIAN_FLUSH_THRESHOLD", val.c_str(), 1) != 0)
		throw std::bad_alloc();
	struct restore {
		bool had;
		const std::string &saved;
		~restore()
		{
			if (had)
				setenv("XAPIAN_FLUSH_THRESHOLD", saved.c_str(), 1);
			else
				unsetenv("XAPIAN_FLUSH_THRESHOLD");
		}
	} r{had, saved};
	return Xapian::WritableDatabase(path, flags);
}

/* Re-enter the writer's implicit transaction after a commit or a cancel. */
void ensure_txn(vn_db_writer *w)
{
	if (!w->txn_open) {
		w->db.begin_transaction(true);
		w->txn_open = true;
	}
}

int walk_terms(Xapian::TermIterator it, Xapian::TermIterator end, vn_db_term_fn fn, void *payload)
{
	for (; it != end; ++it) {
		const std::string t = *it;
		Xapian::doccount tf = it.get_termfreq();
		int rc = fn(t.data(), t.size(), tf, payload);
		if (rc != 0)
			return rc;
	}
	return 0;
}

} // namespace

extern "C" {

/* ---- readers ------------------------------------------------------------ */

int vn_db_open(vn_db **out, const char *const *paths, size_t npaths, vn_error *err)
{
	if (out == nullptr)
		return null_arg(err, "out");
	*out = nullptr;
	if (paths == nullptr || npaths == 0)
		return vn_error_set(err, VN_EINVAL, "no database path given");
	return guard(err, [&]() -> int {
		std::unique_ptr<vn_db> db(new vn_db());
		for (size_t i = 0; i < npaths; i++) {
			if (paths[i] == nullptr)
				return vn_error_set(err, VN_EINVAL, "database path %zu is NULL", i);
			Xapian::Database one(paths[i]);
			if (i == 0)
				db->first = one;
			db->db.add_database(one);
		}
		*out = db.release();
		return 0;
	});
}

int vn_db_reopen(vn_db *db, vn_error *err)
{
	if (db == nullptr)
		return null_arg(err, "db");
	return guard(err, [&]() -> int {
		db->db.reopen();
		db->first.reopen();
		return 0;
	});
}

void vn_db_free(vn_db *db)
{
	delete db;
}

uint32_t vn_db_doccount(const vn_db *db)
{
	if (db == nullptr)
		return 0;
	uint32_t n = 0;
	vn_db *d = const_cast<vn_db *>(db);
	if (guard_reader(d->db, nullptr, [&]() -> int {
		    n = d->db.get_doccount();
		    return 0;
	    }) != 0)
		return 0;
	return n;
}

double vn_db_avlength(const vn_db *db)
{
	if (db == nullptr)
		return 0.0;
	double v = 0.0;
	vn_db *d = const_cast<vn_db *>(db);
	if (guard_reader(d->db, nullptr, [&]() -> int {
		    v = d->db.get_avlength();
		    return 0;
	    }) != 0)
		return 0.0;
	return v;
}

int vn_db_termfreq(vn_db *db, const char *term, size_t len, uint32_t *out, vn_error *err)
{
	if (db == nullptr || out == nullptr || (term == nullptr && len > 0))
		return null_arg(err, db == nullptr ? "db" : out == nullptr ? "out" : "term");
	*out = 0;
	return guard_reader(db->db, err, [&]() -> int {
		*out = db->db.get_termfreq(str_of(term, len));
		return 0;
	});
}

int vn_db_get_metadata(vn_db *db, const char *key, vn_buf *out, vn_error *err)
{
	if (db == nullptr || key == nullptr || out == nullptr)
		return null_arg(err, db == nullptr ? "db" : key == nullptr ? "key" : "out");
	vn_buf_clear(out);
	return guard_reader(db->db, err, [&]() -> int {
		/* reopen() of the union reopens first too: they share internals. */
		return to_buf(out, db->first.get_metadata(key), err);
	});
}

int vn_db_metadata_each(vn_db *db, const char *prefix, size_t plen, vn_db_meta_fn fn, void *payload,
			vn_error *err)
{
	if (db == nullptr || fn == nullptr || (prefix == nullptr && plen > 0))
		return null_arg(err, db == nullptr ? "db" : fn == nullptr ? "fn" : "prefix");
	int stop = 0;
	int rc = guard(err, [&]() -> int {
		std::string p = str_of(prefix, plen);
		Xapian::TermIterator end = db->first.metadata_keys_end(p);
		for (Xapian::TermIterator it = db->first.metadata_keys_begin(p); it != end; ++it) {
			const std::string k = *it;
			const std::string v = db->first.get_metadata(k);
			if ((stop = fn(k.data(), k.size(), v.data(), v.size(), payload)) != 0)
				break;
		}
		return 0;
	});
	return rc != 0 ? rc : stop;
}

int vn_db_value_upper_bound(vn_db *db, unsigned slot, vn_buf *out, vn_error *err)
{
	if (db == nullptr || out == nullptr)
		return null_arg(err, db == nullptr ? "db" : "out");
	vn_buf_clear(out);
	return guard_reader(db->db, err, [&]() -> int {
		return to_buf(out, db->db.get_value_upper_bound(slot), err);
	});
}

int vn_db_allterms(vn_db *db, const char *prefix, size_t plen, vn_db_term_fn fn, void *payload,
		   vn_error *err)
{
	if (db == nullptr || fn == nullptr || (prefix == nullptr && plen > 0))
		return null_arg(err, db == nullptr ? "db" : fn == nullptr ? "fn" : "prefix");
	/* A retry after the callback has seen some terms would show them twice,
	 * so the reopen-and-retry only covers opening the iterator. */
	int stop = 0;
	int rc = guard(err, [&]() -> int {
		std::string p = str_of(prefix, plen);
		Xapian::TermIterator it;
		try {
			it = db->db.allterms_begin(p);
		} catch (const Xapian::DatabaseModifiedError &) {
			db->db.reopen();
			it = db->db.allterms_begin(p);
		}
		stop = walk_terms(it, db->db.allterms_end(p), fn, payload);
		return 0;
	});
	return rc != 0 ? rc : stop;
}

int vn_db_document_data(vn_db *db, vn_docid id, vn_buf *out, vn_error *err)
{
	if (db == nullptr || out == nullptr)
		return null_arg(err, db == nullptr ? "db" : "out");
	return guard_reader(db->db, err, [&]() -> int {
		return vn_shim::decode_data(db->db.get_document(id).get_data(), out, err);
	});
}

int vn_db_document_value(vn_db *db, vn_docid id, unsigned slot, vn_buf *out, vn_error *err)
{
	if (db == nullptr || out == nullptr)
		return null_arg(err, db == nullptr ? "db" : "out");
	return guard_reader(db->db, err, [&]() -> int {
		return to_buf(out, db->db.get_document(id).get_value(slot), err);
	});
}

int vn_db_positions(vn_db *db, vn_docid id, const char *term, size_t len, uint32_t *out, size_t cap,
		    size_t *out_n, vn_error *err)
{
	if (db == nullptr || out_n == nullptr || (term == nullptr && len > 0) ||
	    (out == nullptr && cap > 0))
		return null_arg(err, db == nullptr ? "db" : out_n == nullptr ? "out_n" : "term or out");
	*out_n = 0;
	return guard_reader(db->db, err, [&]() -> int {
		size_t n = 0;
		std::string t = str_of(term, len);
		Xapian::PositionIterator it = db->db.positionlist_begin(id, t);
		Xapian::PositionIterator end = db->db.positionlist_end(id, t);
		for (; it != end; ++it) {
			if (n == cap)
				return vn_error_set(err, VN_ERANGE,
						    "more than %zu positions of the term in document %u",
						    cap, (unsigned)id);
			out[n++] = *it;
		}
		*out_n = n;
		return 0;
	});
}

int vn_db_wdf_in(vn_db *db, const char *term, size_t len, const vn_docid *ids, size_t n,
		 uint32_t *wdf, vn_error *err)
{
	if (db == nullptr || (term == nullptr && len > 0) || (n > 0 && (ids == nullptr || wdf == nullptr)))
		return null_arg(err, db == nullptr ? "db" : "term, ids or wdf");
	for (size_t i = 0; i < n; i++)
		wdf[i] = 0;
	if (n == 0)
		return 0;
	return guard_reader(db->db, err, [&]() -> int {
		std::string t = str_of(term, len);
		Xapian::PostingIterator it = db->db.postlist_begin(t);
		Xapian::PostingIterator end = db->db.postlist_end(t);
		for (size_t i = 0; i < n && it != end; i++) {
			if (i > 0 && ids[i] < ids[i - 1])
				return vn_error_set(err, VN_EINVAL, "docids not ascending");
			it.skip_to(ids[i]);
			if (it != end && *it == ids[i])
				wdf[i] = it.get_wdf();
		}
		return 0;
	});
}

int vn_db_values_in(vn_db *db, unsigned slot, const vn_docid *ids, size_t n, vn_db_value_fn fn,
		    void *payload, vn_error *err)
{
	if (db == nullptr || fn == nullptr || (n > 0 && ids == nullptr))
		return null_arg(err, db == nullptr ? "db" : "fn or ids");
	if (n == 0)
		return 0;
	int stop = 0;
	int rc = guard_reader(db->db, err, [&]() -> int {
		stop = 0;
		Xapian::ValueIterator it = db->db.valuestream_begin(slot);
		Xapian::ValueIterator end = db->db.valuestream_end(slot);
		for (size_t i = 0; i < n && it != end && !stop; i++) {
			if (i > 0 && ids[i] < ids[i - 1])
				return vn_error_set(err, VN_EINVAL, "docids not ascending");
			it.skip_to(ids[i]);
			if (it != end && it.get_docid() == ids[i]) {
				const std::string v = *it;
				stop = fn(i, v.data(), v.size(), payload);
			}
		}
		return 0;
	});
	return rc != 0 ? rc : stop;
}

/* ---- the writer ---------------------------------------------------------- */

int vn_db_writer_open(vn_db_writer **out, const char *path, int mode, unsigned flush_threshold,
		      vn_error *err)
{
	if (out == nullptr || path == nullptr)
		return null_arg(err, out == nullptr ? "out" : "path");
	*out = nullptr;
	int flags;
	switch (mode & ~VN_DB_SCRATCH) {
	case VN_DB_CREATE_OR_OPEN: flags = Xapian::DB_CREATE_OR_OPEN; break;
	case VN_DB_CREATE: flags = Xapian::DB_CREATE; break;
	case VN_DB_OPEN: flags = Xapian::DB_OPEN; break;
	case VN_DB_OVERWRITE: flags = Xapian::DB_CREATE_OR_OVERWRITE; break;
	default: return vn_error_set(err, VN_EINVAL, "unknown writer mode %d", mode);
	}
	/* A scratch database is thrown away after a crash, so its commits need
	 * not reach the disk, and no reader needs its old blocks kept. */
	if (mode & VN_DB_SCRATCH)
		flags |= Xapian::DB_NO_SYNC | Xapian::DB_DANGEROUS;
	return guard(err, [&]() -> int {
		std::unique_ptr<vn_db_writer> w(new vn_db_writer());
		w->db = open_writable(path, flags, flush_threshold);
		ensure_txn(w.get());
		*out = w.release();
		return 0;
	});
}

void vn_db_writer_free(vn_db_writer *w)
{
	if (w == nullptr)
		return;
	/* close() while a transaction is open aborts it (database.h), so what
	 * was not committed is dropped; without an open transaction there is
	 * nothing pending either, because every change runs inside one. */
	(void)guard(nullptr, [&]() -> int {
		if (w->txn_open)
			w->db.cancel_transaction();
		w->txn_open = false;
		w->db.close();
		return 0;
	});
	delete w;
}

int vn_db_writer_begin(vn_db_writer *w, vn_error *err)
{
	if (w == nullptr)
		return null_arg(err, "w");
	if (w->user_txn)
		return vn_error_set(err, VN_EINVAL, "a transaction is already open");
	return guard(err, [&]() -> int {
		/* As in Xapian, changes made before begin are committed first. */
		if (w->txn_open) {
			w->db.commit_transaction();
			w->txn_open = false;
		}
		ensure_txn(w);
		w->user_txn = true;
		return 0;
	});
}

/* Ends the caller's transaction (commit or cancel) and reopens the shim's
 * own, so that uncommitted work stays discardable. */
static int end_user_txn(vn_db_writer *w, bool commit, vn_error *err)
{
	if (w == nullptr)
		return null_arg(err, "w");
	if (!w->user_txn)
		return vn_error_set(err, VN_EINVAL, "no transaction is open");
	return guard(err, [&]() -> int {
		if (w->txn_open) {
			if (commit)
				w->db.commit_transaction();
			else
				w->db.cancel_transaction();
			w->txn_open = false;
		}
		w->user_txn = false;
		ensure_txn(w);
		return 0;
	});
}

int vn_db_writer_commit_transaction(vn_db_writer *w, vn_error *err)
{
	return end_user_txn(w, true, err);
}

int vn_db_writer_cancel_transaction(vn_db_writer *w, vn_error *err)
{
	return end_user_txn(w, false, err);
}

int vn_db_writer_commit(vn_db_writer *w, vn_error *err)
{
	if (w == nullptr)
		return null_arg(err, "w");
	if (w->user_txn)
		return vn_error_set(err, VN_EINVAL,
				    "commit inside a transaction: use vn_db_writer_commit_transaction");
	return guard(err, [&]() -> int {
		if (w->txn_open) {
			w->db.commit_transaction();
			w->txn_open = false;
		}
		ensure_txn(w);
		return 0;
	});
}

int vn_db_writer_replace(vn_db_writer *w, const char *idterm, size_t len, const vn_db_doc *doc,
			 vn_error *err)
{
	if (w == nullptr || idterm == nullptr || doc == nullptr)
		return null_arg(err, w == nullptr ? "w" : idterm == nullptr ? "idterm" : "doc");
	if (len == 0)
		return vn_error_set(err, VN_EINVAL, "empty id term");
	return guard(err, [&]() -> int {
		ensure_txn(w);
		w->db.replace_document(std::string(idterm, len), doc->doc);
		return 0;
	});
}

int vn_db_writer_delete(vn_db_writer *w, const char *idterm, size_t len, vn_error *err)
{
	if (w == nullptr || idterm == nullptr)
		return null_arg(err, w == nullptr ? "w" : "idterm");
	if (len == 0)
		return vn_error_set(err, VN_EINVAL, "empty id term");
	return guard(err, [&]() -> int {
		std::string t(idterm, len);
		ensure_txn(w);
		if (w->db.postlist_begin(t) == w->db.postlist_end(t))
			return vn_error_set(err, VN_ENOTFOUND, "no document with id term %.*s",
					    (int)(len > 200 ? 200 : len), idterm);
		w->db.delete_document(t);
		return 0;
	});
}

int vn_db_writer_get_value(vn_db_writer *w, const char *idterm, size_t len, unsigned slot, vn_buf *out,
			   vn_error *err)
{
	if (w == nullptr || idterm == nullptr || out == nullptr)
		return null_arg(err, w == nullptr ? "w" : idterm == nullptr ? "idterm" : "out");
	vn_buf_clear(out);
	if (len == 0)
		return vn_error_set(err, VN_EINVAL, "empty id term");
	return guard(err, [&]() -> int {
		std::string t(idterm, len);
		Xapian::PostingIterator it = w->db.postlist_begin(t);
		if (it == w->db.postlist_end(t))
			return vn_error_set(err, VN_ENOTFOUND, "no document with id term %.*s",
					    (int)(len > 200 ? 200 : len), idterm);
		return to_buf(out, w->db.get_document(*it).get_value(slot), err);
	});
}

int vn_db_writer_set_metadata(vn_db_writer *w, const char *key, const char *value, size_t vlen,
			      vn_error *err)
{
	if (w == nullptr || key == nullptr || (value == nullptr && vlen > 0))
		return null_arg(err, w == nullptr ? "w" : key == nullptr ? "key" : "value");
	return guard(err, [&]() -> int {
		ensure_txn(w);
		w->db.set_metadata(key, str_of(value, vlen));
		return 0;
	});
}

int vn_db_writer_get_metadata(vn_db_writer *w, const char *key, vn_buf *out, vn_error *err)
{
	if (w == nullptr || key == nullptr || out == nullptr)
		return null_arg(err, w == nullptr ? "w" : key == nullptr ? "key" : "out");
	vn_buf_clear(out);
	return guard(err, [&]() -> int { return to_buf(out, w->db.get_metadata(key), err); });
}

int vn_db_writer_allterms(vn_db_writer *w, const char *prefix, size_t plen, vn_db_term_fn fn,
			  void *payload, vn_error *err)
{
	if (w == nullptr || fn == nullptr || (prefix == nullptr && plen > 0))
		return null_arg(err, w == nullptr ? "w" : fn == nullptr ? "fn" : "prefix");
	int stop = 0;
	int rc = guard(err, [&]() -> int {
		std::string p = str_of(prefix, plen);
		stop = walk_terms(w->db.allterms_begin(p), w->db.allterms_end(p), fn, payload);
		return 0;
	});
	return rc != 0 ? rc : stop;
}

uint32_t vn_db_writer_doccount(const vn_db_writer *w)
{
	if (w == nullptr)
		return 0;
	uint32_t n = 0;
	if (guard(nullptr, [&]() -> int {
		    n = w->db.get_doccount();
		    return 0;
	    }) != 0)
		return 0;
	return n;
}

int vn_db_writer_add(vn_db_writer *w, const vn_db_doc *doc, vn_docid *out_id, vn_error *err)
{
	if (w == nullptr || doc == nullptr)
		return null_arg(err, w == nullptr ? "w" : "doc");
	return guard(err, [&]() -> int {
		ensure_txn(w);
		Xapian::docid id = w->db.add_document(doc->doc);
		if (out_id != nullptr)
			*out_id = id;
		return 0;
	});
}

int vn_db_writer_delete_docid(vn_db_writer *w, vn_docid id, vn_error *err)
{
	if (w == nullptr)
		return null_arg(err, "w");
	if (id == 0)
		return vn_error_set(err, VN_ENOTFOUND, "docid 0 does not exist");
	return guard(err, [&]() -> int {
		ensure_txn(w);
		w->db.delete_document(id);
		return 0;
	});
}

/* ---- compaction ----------------------------------------------------------- */

} // extern "C"

namespace {

class resolving_compactor : public Xapian::Compactor {
  public:
	resolving_compactor(vn_db_resolve_fn fn, void *payload) : fn_(fn), payload_(payload) {}
	~resolving_compactor() override { vn_buf_free(&out_); }

	std::string resolve_duplicate_metadata(const std::string &key, size_t num_tags,
					       const std::string tags[]) override
	{
		if (fn_ == nullptr)
			return tags[0];
		std::vector<const char *> ptrs(num_tags);
		std::vector<size_t> lens(num_tags);
		for (size_t i = 0; i < num_tags; i++) {
			ptrs[i] = tags[i].data();
			lens[i] = tags[i].size();
		}
		vn_buf_clear(&out_);
		/* Glass hands over the table key, which is the user's key behind
		 * the two-byte metadata marker "\0\xc0"; callers see their key. */
		size_t skip = key.size() >= 2 && key[0] == '\0' && key[1] == '\xc0' ? 2 : 0;
		int rc = fn_(key.data() + skip, key.size() - skip, ptrs.data(), lens.data(), num_tags, &out_,
			     payload_);
		if (rc < 0) {
			/* Not thrown: an exception through Xapian's merge leaks its
			 * cursors. The compaction finishes and is reported failed. */
			if (failed_ == 0)
				failed_ = rc;
			return tags[0];
		}
		return std::string(out_.data == nullptr ? "" : out_.data, out_.len);
	}

	int failed() const { return failed_; }

  private:
	vn_db_resolve_fn fn_;
	void *payload_;
	vn_buf out_ = VN_BUF_INIT;
	int failed_ = 0;
};

} // namespace

extern "C" {

int vn_db_compact(const char *const *sources, size_t n, const char *dest, unsigned flags,
		  vn_db_resolve_fn resolve, void *payload, vn_error *err)
{
	if (sources == nullptr || dest == nullptr)
		return null_arg(err, sources == nullptr ? "sources" : "dest");
	if (n == 0)
		return vn_error_set(err, VN_EINVAL, "no database to compact");
	if (flags & ~unsigned(VN_DB_COMPACT_FULL | VN_DB_COMPACT_FULLER | VN_DB_COMPACT_MULTIPASS))
		return vn_error_set(err, VN_EINVAL, "unknown compaction flags %#x", flags);
	struct stat st;
	if (lstat(dest, &st) == 0)
		return vn_error_set(err, VN_EIO, "compaction target %s already exists", dest);
	return guard(err, [&]() -> int {
		Xapian::Database all;
		for (size_t i = 0; i < n; i++) {
			if (sources[i] == nullptr)
				return vn_error_set(err, VN_EINVAL, "source %zu is NULL", i);
			all.add_database(Xapian::Database(sources[i]));
		}
		resolving_compactor c(resolve, payload);
		unsigned xflags = 0;
		if (flags & VN_DB_COMPACT_FULLER)
			xflags |= Xapian::Compactor::FULLER;
		else if (flags & VN_DB_COMPACT_FULL)
			xflags |= Xapian::Compactor::FULL;
		if (flags & VN_DB_COMPACT_MULTIPASS)
			xflags |= Xapian::DBCOMPACT_MULTIPASS;
		all.compact(dest, xflags, 0, c);
		if (c.failed() != 0)
			return vn_error_set(err, c.failed(), "merging metadata failed: %s", vn_strerror(c.failed()));
		return 0;
	});
}

/* ---- documents ----------------------------------------------------------- */

int vn_db_doc_new(vn_db_doc **out, vn_error *err)
{
	if (out == nullptr)
		return null_arg(err, "out");
	*out = nullptr;
	return guard(err, [&]() -> int {
		*out = new vn_db_doc();
		return 0;
	});
}

void vn_db_doc_free(vn_db_doc *doc)
{
	delete doc;
}

void vn_db_doc_clear(vn_db_doc *doc)
{
	if (doc == nullptr)
		return;
	(void)guard(nullptr, [&]() -> int {
		doc->doc.clear_terms();
		doc->doc.clear_values();
		doc->doc.set_data(std::string());
		return 0;
	});
}

int vn_db_doc_add_posting(vn_db_doc *doc, const char *term, size_t len, uint32_t pos, uint32_t wdf_inc,
			  vn_error *err)
{
	if (doc == nullptr || term == nullptr)
		return null_arg(err, doc == nullptr ? "doc" : "term");
	return guard(err, [&]() -> int {
		if (pos == 0)
			doc->doc.add_term(std::string(term, len), wdf_inc);
		else
			doc->doc.add_posting(std::string(term, len), pos, wdf_inc);
		return 0;
	});
}

int vn_db_doc_add_term(vn_db_doc *doc, const char *term, size_t len, uint32_t wdf_inc, vn_error *err)
{
	return vn_db_doc_add_posting(doc, term, len, 0, wdf_inc, err);
}

int vn_db_doc_add_boolean_term(vn_db_doc *doc, const char *term, size_t len, vn_error *err)
{
	if (doc == nullptr || term == nullptr)
		return null_arg(err, doc == nullptr ? "doc" : "term");
	return guard(err, [&]() -> int {
		doc->doc.add_boolean_term(std::string(term, len));
		return 0;
	});
}

int vn_db_doc_set_value(vn_db_doc *doc, unsigned slot, const char *value, size_t len, vn_error *err)
{
	if (doc == nullptr || (value == nullptr && len > 0))
		return null_arg(err, doc == nullptr ? "doc" : "value");
	if (slot == Xapian::BAD_VALUENO)
		return vn_error_set(err, VN_EINVAL, "value slot %u is reserved", slot);
	return guard(err, [&]() -> int {
		doc->doc.add_value(slot, str_of(value, len));
		return 0;
	});
}

int vn_db_doc_set_data(vn_db_doc *doc, const char *data, size_t len, vn_error *err)
{
	if (doc == nullptr || (data == nullptr && len > 0))
		return null_arg(err, doc == nullptr ? "doc" : "data");
	return guard(err, [&]() -> int {
		doc->doc.set_data(vn_shim::encode_data(data, len));
		return 0;
	});
}

} // extern "C"
