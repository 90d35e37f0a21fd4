/*
 * vn_db_search.cc — Enquire setup, running a search, and reading the
 * resulting page (hits, data, values, term frequencies, facets).
 */
#include "vn_db_int.hh"

#include <cmath>

using vn_shim::guard;
using vn_shim::guard_reader;
using vn_shim::to_buf;

namespace {

int null_arg(vn_error *err, const char *what)
{
	return vn_error_set(err, VN_EINVAL, "%s is NULL", what);
}

bool finite_nonneg(double v)
{
	return std::isfinite(v) && v >= 0;
}

} // namespace

extern "C" {

int vn_db_search_new(vn_db_search **out, vn_db *db, vn_error *err)
{
	if (out == nullptr || db == nullptr)
		return null_arg(err, out == nullptr ? "out" : "db");
	*out = nullptr;
	return guard(err, [&]() -> int {
		*out = new vn_db_search(db);
		return 0;
	});
}

void vn_db_search_free(vn_db_search *s)
{
	delete s;
}

int vn_db_search_set_query(vn_db_search *s, const vn_db_query *q, vn_error *err)
{
	if (s == nullptr || q == nullptr)
		return null_arg(err, s == nullptr ? "search" : "query");
	return guard(err, [&]() -> int {
		s->enq.set_query(q->q);
		return 0;
	});
}

int vn_db_search_set_bm25(vn_db_search *s, double k1, double k2, double k3, double b, double min_normlen,
			  vn_error *err)
{
	if (s == nullptr)
		return null_arg(err, "search");
	if (!finite_nonneg(k1) || !finite_nonneg(k2) || !finite_nonneg(k3) || !finite_nonneg(b) || b > 1 ||
	    !finite_nonneg(min_normlen))
		return vn_error_set(err, VN_EINVAL, "BM25 parameters out of range (k1,k2,k3,min_normlen >= 0, 0 <= b <= 1)");
	return guard(err, [&]() -> int {
		s->enq.set_weighting_scheme(Xapian::BM25Weight(k1, k2, k3, b, min_normlen));
		return 0;
	});
}

int vn_db_search_set_sort(vn_db_search *s, int mode, unsigned slot, int descending, vn_error *err)
{
	if (s == nullptr)
		return null_arg(err, "search");
	if (mode != VN_SORT_RELEVANCE && slot == Xapian::BAD_VALUENO)
		return vn_error_set(err, VN_EINVAL, "value slot %u is reserved", slot);
	bool rev = descending != 0;
	return guard(err, [&]() -> int {
		switch (mode) {
		case VN_SORT_RELEVANCE: s->enq.set_sort_by_relevance(); break;
		case VN_SORT_VALUE: s->enq.set_sort_by_value(slot, rev); break;
		case VN_SORT_RELEVANCE_THEN_VALUE: s->enq.set_sort_by_relevance_then_value(slot, rev); break;
		case VN_SORT_VALUE_THEN_RELEVANCE: s->enq.set_sort_by_value_then_relevance(slot, rev); break;
		default: return vn_error_set(err, VN_EINVAL, "unknown sort mode %d", mode);
		}
		return 0;
	});
}

int vn_db_search_set_time_limit(vn_db_search *s, double seconds, vn_error *err)
{
	if (s == nullptr)
		return null_arg(err, "search");
	if (!finite_nonneg(seconds))
		return vn_error_set(err, VN_EINVAL, "time limit must be a finite number >= 0");
	return guard(err, [&]() -> int {
		s->enq.set_time_limit(seconds);
		return 0;
	});
}

int vn_db_search_add_facet(vn_db_search *s, unsigned slot, vn_error *err)
{
	if (s == nullptr)
		return null_arg(err, "search");
	if (slot == Xapian::BAD_VALUENO)
		return vn_error_set(err, VN_EINVAL, "value slot %u is reserved", slot);
	return guard(err, [&]() -> int {
		for (unsigned have : s->facet_slots)
			if (have == slot)
				return 0;
		s->facet_slots.push_back(slot);
		return 0;
	});
}

int vn_db_search_set_collapse(vn_db_search *s, unsigned slot, unsigned max_per_value, vn_error *err)
{
	if (s == nullptr)
		return null_arg(err, "search");
	return guard(err, [&]() -> int {
		if (max_per_value == 0 || slot == Xapian::BAD_VALUENO)
			s->enq.set_collapse_key(Xapian::BAD_VALUENO);
		else
			s->enq.set_collapse_key(slot, max_per_value);
		return 0;
	});
}

int vn_db_search_run(vn_db_search *s, uint32_t offset, uint32_t pagesize, uint32_t check_at_least,
		     vn_db_mset **out, vn_error *err)
{
	if (s == nullptr || out == nullptr)
		return null_arg(err, s == nullptr ? "search" : "out");
	*out = nullptr;
	/* Matchspies are fresh for every run (they count cumulatively) and owned
	 * by the mset, which outlives the call; the Enquire only borrows them
	 * and forgets them before this function returns. */
	int rc = guard_reader(s->db, err, [&]() -> int {
		std::unique_ptr<vn_db_mset> ms(new vn_db_mset());
		ms->db = s->db;
		struct unspy {
			Xapian::Enquire &e;
			~unspy() { e.clear_matchspies(); }
		} forget{s->enq};
		s->enq.clear_matchspies();
		for (unsigned slot : s->facet_slots) {
			auto spy = std::make_shared<Xapian::ValueCountMatchSpy>(slot);
			ms->facets.emplace_back(slot, spy);
			s->enq.add_matchspy(spy.get());
		}
		ms->ms = s->enq.get_mset(offset, pagesize, check_at_least);
		*out = ms.release();
		return 0;
	});
	return rc;
}

uint32_t vn_db_mset_size(const vn_db_mset *ms)
{
	return ms == nullptr ? 0 : ms->ms.size();
}

void vn_db_mset_totals(const vn_db_mset *ms, uint32_t *estimated, uint32_t *lower, uint32_t *upper)
{
	uint32_t e = 0, l = 0, u = 0;
	if (ms != nullptr) {
		e = ms->ms.get_matches_estimated();
		l = ms->ms.get_matches_lower_bound();
		u = ms->ms.get_matches_upper_bound();
	}
	if (estimated)
		*estimated = e;
	if (lower)
		*lower = l;
	if (upper)
		*upper = u;
}

int vn_db_mset_hit(const vn_db_mset *ms, uint32_t i, vn_db_hit *out)
{
	if (ms == nullptr || out == nullptr)
		return VN_EINVAL;
	if (i >= ms->ms.size())
		return VN_ERANGE;
	return guard(nullptr, [&]() -> int {
		Xapian::MSetIterator it = ms->ms[i];
		out->docid = *it;
		out->rank = it.get_rank();
		out->weight = it.get_weight();
		out->percent = it.get_percent();
		return 0;
	});
}

int vn_db_mset_data(vn_db_mset *ms, uint32_t i, vn_buf *out, vn_error *err)
{
	if (ms == nullptr || out == nullptr)
		return null_arg(err, ms == nullptr ? "mset" : "out");
	if (i >= ms->ms.size())
		return vn_error_set(err, VN_ERANGE, "hit %u is past the page (%u hits)", i,
				    (unsigned)ms->ms.size());
	/* The docid comes from this mset, over the same snapshot of the
	 * database, so Xapian's check that the document exists (a document
	 * length lookup per hit) is skipped; after a reopen (a writer changed
	 * the database) it may be gone, and the retry checks. */
	int attempt = 0;
	return guard_reader(ms->db, err, [&]() -> int {
		unsigned flags = attempt++ == 0 ? Xapian::DOC_ASSUME_VALID : 0;
		return vn_shim::decode_data(ms->db.get_document(*ms->ms[i], flags).get_data(), out, err);
	});
}

int vn_db_mset_value(vn_db_mset *ms, uint32_t i, unsigned slot, vn_buf *out, vn_error *err)
{
	if (ms == nullptr || out == nullptr)
		return null_arg(err, ms == nullptr ? "mset" : "out");
	if (i >= ms->ms.size())
		return vn_error_set(err, VN_ERANGE, "hit %u is past the page (%u hits)", i,
				    (unsigned)ms->ms.size());
	return guard_reader(ms->db, err, [&]() -> int {
		return to_buf(out, ms->db.get_document(*ms->ms[i]).get_value(slot), err);
	});
}

uint32_t vn_db_mset_termfreq(const vn_db_mset *ms, const char *term, size_t len)
{
	if (ms == nullptr || (term == nullptr && len > 0))
		return 0;
	uint32_t n = 0;
	if (guard(nullptr, [&]() -> int {
		    n = ms->ms.get_termfreq(std::string(term ? term : "", len));
		    return 0;
	    }) != 0)
		return 0;
	return n;
}

int vn_db_mset_facet(const vn_db_mset *ms, unsigned slot, vn_db_facet_fn fn, void *payload, vn_error *err)
{
	if (ms == nullptr || fn == nullptr)
		return null_arg(err, ms == nullptr ? "mset" : "fn");
	const Xapian::ValueCountMatchSpy *spy = nullptr;
	for (const auto &f : ms->facets)
		if (f.first == slot)
			spy = f.second.get();
	if (spy == nullptr)
		return vn_error_set(err, VN_ENOTFOUND, "no facet was added for slot %u", slot);
	int stop = 0;
	int rc = guard(err, [&]() -> int {
		/* top_values_begin reserves room for maxvalues: pass the real count. */
		size_t nvalues = 0;
		for (Xapian::TermIterator v = spy->values_begin(); v != spy->values_end(); ++v)
			nvalues++;
		Xapian::TermIterator it = spy->top_values_begin(nvalues);
		Xapian::TermIterator end = spy->top_values_end(nvalues);
		for (; it != end; ++it) {
			const std::string v = *it;
			stop = fn(v.data(), v.size(), it.get_termfreq(), payload);
			if (stop != 0)
				break;
		}
		return 0;
	});
	return rc != 0 ? rc : stop;
}

uint32_t vn_db_mset_facet_seen(const vn_db_mset *ms, unsigned slot)
{
	if (ms == nullptr)
		return 0;
	for (const auto &f : ms->facets)
		if (f.first == slot)
			return (uint32_t)f.second->get_total();
	return 0;
}

void vn_db_mset_free(vn_db_mset *ms)
{
	delete ms;
}

} // extern "C"
