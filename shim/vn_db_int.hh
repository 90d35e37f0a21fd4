/*
 * vn_db_int.hh — what the shim's .cc files share: the handle structs and the
 * one exception guard. Never included from C.
 */
#ifndef VN_DB_INT_HH
#define VN_DB_INT_HH

#include <xapian.h>

#include <memory>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include "vn_db.h"

struct vn_db {
	Xapian::Database db;     /* all paths, searched as one */
	Xapian::Database first;  /* paths[0]: where metadata lives */
};

struct vn_db_writer {
	Xapian::WritableDatabase db;
	/* The writer always sits inside a flushed Xapian transaction, so that
	 * freeing it cancels what was not committed (WritableDatabase's
	 * destructor would otherwise commit). txn_open says whether that
	 * transaction is currently begun; user_txn whether the caller opened
	 * one with vn_db_writer_begin. */
	bool txn_open = false;
	bool user_txn = false;
};

struct vn_db_doc {
	Xapian::Document doc;
};

struct vn_db_query {
	Xapian::Query q;
};

/* Holds its own reference to the databases: it stays usable after the
 * vn_db it came from is freed. */
struct vn_db_search {
	Xapian::Database db;
	Xapian::Enquire enq;
	std::vector<unsigned> facet_slots;
	explicit vn_db_search(vn_db *d) : db(d->db), enq(d->db) {}
};

struct vn_db_mset {
	Xapian::MSet ms;
	Xapian::Database db;
	std::vector<std::pair<unsigned, std::shared_ptr<Xapian::ValueCountMatchSpy>>> facets;
};

namespace vn_shim {

/* Fill err from a Xapian exception through the class table; returns the code. */
int from_xapian(const Xapian::Error &e, vn_error *err) noexcept;
int from_message(int code, const char *klass, const char *msg, vn_error *err) noexcept;

/* Run f (returning int) and turn every exception into a VN_E* code: the one
 * place where C++ exceptions stop. */
template <typename F>
int guard(vn_error *err, F &&f) noexcept
{
	try {
		return f();
	} catch (const Xapian::Error &e) {
		return from_xapian(e, err);
	} catch (const std::bad_alloc &) {
		return from_message(VN_ENOMEM, "bad_alloc", "out of memory", err);
	} catch (const std::exception &e) {
		return from_message(VN_EINTERNAL, "std::exception", e.what(), err);
	} catch (...) {
		return from_message(VN_EINTERNAL, "", "unknown C++ exception", err);
	}
}

/* Same for a reader: a DatabaseModifiedError reopens db and runs f once more. */
template <typename F>
int guard_reader(Xapian::Database &db, vn_error *err, F &&f) noexcept
{
	return guard(err, [&]() -> int {
		try {
			return f();
		} catch (const Xapian::DatabaseModifiedError &) {
			db.reopen();
			return f();
		}
	});
}

/* Copy a std::string into a caller's buffer (cleared first). */
int to_buf(vn_buf *out, const std::string &s, vn_error *err) noexcept;

/* Document data as stored (vn_db_data.cc): compressed when that pays. May
 * throw std::bad_alloc. */
std::string encode_data(const char *data, size_t len);
/* The stored form back into out (cleared first); VN_ECORRUPT when damaged. */
int decode_data(const std::string &s, vn_buf *out, vn_error *err) noexcept;

/* Days since 1970-01-01 of "YYYYMMDD" (first 8 bytes); false if malformed. */
bool parse_yyyymmdd(const char *s, size_t n, long *out_days) noexcept;

} // namespace vn_shim

#endif
