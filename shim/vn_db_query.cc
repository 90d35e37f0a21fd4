/*
 * vn_db_query.cc — immutable query trees over Xapian::Query, and the
 * recency posting source.
 */
#include "vn_db_int.hh"

#include <cmath>
#include <cstring>

using vn_shim::guard;

namespace vn_shim {

/* Day number of a proleptic Gregorian date, counted from 1970-01-01, by
 * integer arithmetic: years start in March so the leap day is last, and a
 * 400-year era has a fixed number of days (146097). */
static long days_from_civil(long y, unsigned m, unsigned d) noexcept
{
	y -= m <= 2;
	const long era = (y >= 0 ? y : y - 399) / 400;
	const unsigned yoe = static_cast<unsigned>(y - era * 400);           /* [0, 399] */
	const unsigned mp = (m + 9) % 12;                                     /* March = 0 */
	const unsigned doy = (153 * mp + 2) / 5 + d - 1;                      /* [0, 365] */
	const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           /* [0, 146096] */
	return era * 146097 + static_cast<long>(doe) - 719468;
}

bool parse_yyyymmdd(const char *s, size_t n, long *out_days) noexcept
{
	if (s == nullptr || n < 8)
		return false;
	unsigned v[8];
	for (int i = 0; i < 8; i++) {
		unsigned c = static_cast<unsigned char>(s[i]);
		if (c < '0' || c > '9')
			return false;
		v[i] = c - '0';
	}
	long y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
	unsigned m = v[4] * 10 + v[5];
	unsigned d = v[6] * 10 + v[7];
	if (m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	*out_days = days_from_civil(y, m, d);
	return true;
}

} // namespace vn_shim

namespace {

/* Every document of the (sub)database, weighted by the age of its date
 * value. Xapian clones one per sub-database and calls init() with it, so
 * docids here are local: walking the all-documents posting list handles
 * sparse and interleaved docid ranges alike. The date is read through a
 * value stream kept in step with that walk (one sequential pass over the
 * value chunks, not a document lookup per hit). */
class RecencySource : public Xapian::PostingSource {
	Xapian::valueno slot;
	long today;
	double half_life, max_w, missing_w;

	Xapian::Database db;
	Xapian::PostingIterator it, end;
	/* Advanced lazily from get_weight(), which Xapian declares const. */
	mutable Xapian::ValueIterator vit;
	Xapian::ValueIterator vend;
	mutable std::string last_value;
	mutable double last_weight = 0;
	Xapian::doccount ndocs = 0;
	bool started = false;

public:
	RecencySource(Xapian::valueno slot_, long today_, double half_life_, double max_w_, double missing_w_)
		: slot(slot_), today(today_), half_life(half_life_), max_w(max_w_), missing_w(missing_w_)
	{
	}

	PostingSource *clone() const override
	{
		return new RecencySource(slot, today, half_life, max_w, missing_w);
	}

	void init(const Xapian::Database &db_) override
	{
		db = db_;
		ndocs = db.get_doccount();
		it = db.postlist_begin(std::string());
		end = db.postlist_end(std::string());
		vit = db.valuestream_begin(slot);
		vend = db.valuestream_end(slot);
		started = false;
		last_value.clear();
		/* Age is clamped at 0, so no weight exceeds the larger of the two. */
		set_maxweight(max_w > missing_w ? max_w : missing_w);
	}

	Xapian::doccount get_termfreq_min() const override { return ndocs; }
	Xapian::doccount get_termfreq_est() const override { return ndocs; }
	Xapian::doccount get_termfreq_max() const override { return ndocs; }

	void next(double) override
	{
		if (!started)
			started = true;
		else
			++it;
	}

	void skip_to(Xapian::docid did, double) override
	{
		started = true;
		it.skip_to(did);
	}

	bool at_end() const override { return started && it == end; }

	Xapian::docid get_docid() const override { return *it; }

	double get_weight() const override
	{
		Xapian::docid did = *it;
		if (vit != vend && vit.get_docid() < did)
			vit.skip_to(did);
		if (vit == vend || vit.get_docid() != did)
			return missing_w;
		const std::string v = *vit;
		/* Many documents share a date: reuse the last one's weight. */
		if (v == last_value)
			return last_weight;
		long days;
		double w = missing_w;
		if (vn_shim::parse_yyyymmdd(v.data(), v.size(), &days)) {
			double age = static_cast<double>(today - days);
			if (age < 0)
				age = 0;
			w = max_w * std::exp2(-age / half_life);
		}
		last_value = v;
		last_weight = w;
		return w;
	}

	std::string name() const override { return std::string(); }

	std::string get_description() const override
	{
		return "vn_recency(slot=" + std::to_string(slot) + ", today=" + std::to_string(today) +
		       ", half_life=" + std::to_string(half_life) + ")";
	}
};

int new_query(vn_db_query **out, vn_error *err, Xapian::Query q)
{
	return guard(err, [&]() -> int {
		*out = new vn_db_query{std::move(q)};
		return 0;
	});
}

int null_out(vn_error *err)
{
	return vn_error_set(err, VN_EINVAL, "out is NULL");
}

} // namespace

extern "C" {

int vn_db_query_term(vn_db_query **out, const char *term, size_t len, uint32_t wqf, vn_error *err)
{
	if (out == nullptr)
		return null_out(err);
	*out = nullptr;
	if (term == nullptr && len > 0)
		return vn_error_set(err, VN_EINVAL, "term is NULL");
	return guard(err, [&]() -> int {
		return new_query(out, err, Xapian::Query(std::string(term ? term : "", len), wqf));
	});
}

int vn_db_query_combine(vn_db_query **out, int op, vn_db_query *const *subs, size_t n, unsigned param,
			vn_error *err)
{
	if (out == nullptr)
		return null_out(err);
	*out = nullptr;
	if (subs == nullptr && n > 0)
		return vn_error_set(err, VN_EINVAL, "subqueries are NULL");
	for (size_t i = 0; i < n; i++)
		if (subs[i] == nullptr)
			return vn_error_set(err, VN_EINVAL, "subquery %zu is NULL", i);
	Xapian::Query::op xop;
	switch (op) {
	case VN_DBQ_AND: xop = Xapian::Query::OP_AND; break;
	case VN_DBQ_OR: xop = Xapian::Query::OP_OR; break;
	case VN_DBQ_AND_NOT: xop = Xapian::Query::OP_AND_NOT; break;
	case VN_DBQ_AND_MAYBE: xop = Xapian::Query::OP_AND_MAYBE; break;
	case VN_DBQ_FILTER: xop = Xapian::Query::OP_FILTER; break;
	case VN_DBQ_PHRASE: xop = Xapian::Query::OP_PHRASE; break;
	case VN_DBQ_NEAR: xop = Xapian::Query::OP_NEAR; break;
	case VN_DBQ_SYNONYM: xop = Xapian::Query::OP_SYNONYM; break;
	case VN_DBQ_ELITE_SET: xop = Xapian::Query::OP_ELITE_SET; break;
	case VN_DBQ_MAX: xop = Xapian::Query::OP_MAX; break;
	default: return vn_error_set(err, VN_EINVAL, "unknown query operator %d", op);
	}
	return guard(err, [&]() -> int {
		std::vector<Xapian::Query> v;
		v.reserve(n);
		for (size_t i = 0; i < n; i++)
			v.push_back(subs[i]->q);
		/* The window (PHRASE, NEAR) or set size (ELITE_SET); 0 lets
		 * Xapian use the number of subqueries / its default. */
		Xapian::termcount p = 0;
		if (op == VN_DBQ_PHRASE || op == VN_DBQ_NEAR || op == VN_DBQ_ELITE_SET)
			p = param;
		return new_query(out, err, Xapian::Query(xop, v.begin(), v.end(), p));
	});
}

int vn_db_query_scale(vn_db_query **out, const vn_db_query *q, double factor, vn_error *err)
{
	if (out == nullptr)
		return null_out(err);
	*out = nullptr;
	if (q == nullptr)
		return vn_error_set(err, VN_EINVAL, "query is NULL");
	if (!std::isfinite(factor) || factor < 0)
		return vn_error_set(err, VN_EINVAL, "scale factor %g is not a finite number >= 0", factor);
	return guard(err, [&]() -> int {
		return new_query(out, err, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q->q, factor));
	});
}

int vn_db_query_value_range(vn_db_query **out, unsigned slot, const char *lo, size_t lolen, const char *hi,
			    size_t hilen, vn_error *err)
{
	if (out == nullptr)
		return null_out(err);
	*out = nullptr;
	if (slot == Xapian::BAD_VALUENO)
		return vn_error_set(err, VN_EINVAL, "value slot %u is reserved", slot);
	return guard(err, [&]() -> int {
		using Q = Xapian::Query;
		/* An empty lower end is open too. Xapian turns ">= \"\"" into
		 * all documents, so the open lower end is "\0": every value
		 * that is set is at least that, and unset ones do not match. */
		if (lo != nullptr && lolen == 0)
			lo = nullptr;
		const std::string lowest(1, '\0');
		if (lo != nullptr && hi != nullptr)
			return new_query(out, err,
					 Q(Q::OP_VALUE_RANGE, slot, std::string(lo, lolen), std::string(hi, hilen)));
		if (hi != nullptr)
			return new_query(out, err, Q(Q::OP_VALUE_LE, slot, std::string(hi, hilen)));
		if (lo != nullptr)
			return new_query(out, err, Q(Q::OP_VALUE_GE, slot, std::string(lo, lolen)));
		return new_query(out, err, Q(Q::OP_VALUE_GE, slot, lowest));
	});
}

int vn_db_query_wildcard(vn_db_query **out, const char *prefix, size_t len, unsigned max_expansion,
			 vn_error *err)
{
	if (out == nullptr)
		return null_out(err);
	*out = nullptr;
	if (prefix == nullptr && len > 0)
		return vn_error_set(err, VN_EINVAL, "prefix is NULL");
	return guard(err, [&]() -> int {
		/* The limit is checked when the search expands the pattern: too
		 * many terms is a WildcardError there, which maps to VN_ERANGE. */
		return new_query(out, err,
				 Xapian::Query(Xapian::Query::OP_WILDCARD, std::string(prefix ? prefix : "", len),
					       max_expansion, Xapian::Query::WILDCARD_LIMIT_ERROR,
					       Xapian::Query::OP_SYNONYM));
	});
}

int vn_db_query_match_all(vn_db_query **out, vn_error *err)
{
	if (out == nullptr)
		return null_out(err);
	*out = nullptr;
	return guard(err, [&]() -> int { return new_query(out, err, Xapian::Query::MatchAll); });
}

int vn_db_query_match_nothing(vn_db_query **out, vn_error *err)
{
	if (out == nullptr)
		return null_out(err);
	*out = nullptr;
	return guard(err, [&]() -> int { return new_query(out, err, Xapian::Query::MatchNothing); });
}

int vn_db_query_recency(vn_db_query **out, unsigned slot, const char *today_yyyymmdd, double half_life_days,
			double max_weight, double missing_weight, vn_error *err)
{
	if (out == nullptr)
		return null_out(err);
	*out = nullptr;
	long today;
	if (today_yyyymmdd == nullptr ||
	    !vn_shim::parse_yyyymmdd(today_yyyymmdd, std::strlen(today_yyyymmdd), &today))
		return vn_error_set(err, VN_EINVAL, "today is not a YYYYMMDD date");
	if (!(half_life_days > 0) || !std::isfinite(half_life_days))
		return vn_error_set(err, VN_EINVAL, "half life must be a positive number of days");
	if (!(max_weight >= 0) || !(missing_weight >= 0) || !std::isfinite(max_weight) ||
	    !std::isfinite(missing_weight))
		return vn_error_set(err, VN_EINVAL, "recency weights must be finite and >= 0");
	if (slot == Xapian::BAD_VALUENO)
		return vn_error_set(err, VN_EINVAL, "value slot %u is reserved", slot);
	return guard(err, [&]() -> int {
		/* release(): the Query's reference count owns the source, so
		 * copies of the query share it and the last one deletes it. */
		std::unique_ptr<RecencySource> src(
			new RecencySource(slot, today, half_life_days, max_weight, missing_weight));
		Xapian::Query q(src->release());
		src.release();
		return new_query(out, err, std::move(q));
	});
}

int vn_db_query_describe(const vn_db_query *q, vn_buf *out, vn_error *err)
{
	if (q == nullptr || out == nullptr)
		return vn_error_set(err, VN_EINVAL, "%s is NULL", q == nullptr ? "query" : "out");
	return guard(err, [&]() -> int { return vn_shim::to_buf(out, q->q.get_description(), err); });
}

int vn_db_query_is_empty(const vn_db_query *q)
{
	return q == nullptr || q->q.empty();
}

void vn_db_query_free(vn_db_query *q)
{
	delete q;
}

} // extern "C"
