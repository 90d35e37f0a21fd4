/*
 * vn_db_data.cc — the codec of document data (vn_db.h, "Document data").
 *
 * Glass compresses document data with zlib, and a search inflates the
 * whole of each hit's data (the article's JSON with its body): zlib's
 * inflate was an eighth of the instructions of a query. The shim
 * compresses the data itself as raw DEFLATE with libdeflate, whose
 * whole-buffer decoder needs about 40 % fewer instructions and half the
 * time for the same bytes, at the same ratio. Glass then finds nothing
 * left to compress and stores the bytes as they are.
 *
 * Stored form, by its first byte:
 *   0x01 <length, LEB128> <raw DEFLATE>   compressed
 *   0x00 <bytes>                          stored (short, or did not shrink)
 *   empty                                 empty data
 *   anything else                         data written without the codec
 *                                         (index format 3 and older: a JSON
 *                                         object), returned as it is
 */
#include "vn_db_int.hh"

#include <libdeflate.h>

namespace {

enum : unsigned char { TAG_STORED = 0x00, TAG_DEFLATE = 0x01 };

/* Shorter data is stored: a DEFLATE stream would not pay for its header. */
constexpr size_t MIN_COMPRESS = 64;
/* libdeflate's level 1: the indexer pays for this and for glass's zlib
 * trying the result again. Against level 6 (zlib's ratio) it takes 0.18 G
 * instead of 0.33 G instructions for 1,000 articles, the full corpus's
 * docdata grows 61.1 → 63.8 MB (0.4 % of the index), and a query's
 * decoding 0.68 → 0.69 M instructions (q1000's first 200, same output). */
constexpr int LEVEL = 1;
/* A length claimed by stored data beyond this is corruption, not data. */
constexpr uint64_t MAX_DATA = 1u << 30;

/* One compressor and decompressor per thread (the indexer writes from two
 * threads); made on first use, freed when the thread ends. */
struct codec {
	libdeflate_compressor *c = nullptr;
	libdeflate_decompressor *d = nullptr;
	~codec()
	{
		libdeflate_free_compressor(c);
		libdeflate_free_decompressor(d);
	}
};

thread_local codec tls;

} // namespace

namespace vn_shim {

std::string encode_data(const char *data, size_t len)
{
	if (len == 0)
		return std::string();
	if (len >= MIN_COMPRESS) {
		if (tls.c == nullptr && (tls.c = libdeflate_alloc_compressor(LEVEL)) == nullptr)
			throw std::bad_alloc();
		size_t bound = libdeflate_deflate_compress_bound(tls.c, len);
		std::string out(1 + 10 + bound, '\0');
		size_t at = 0;
		out[at++] = static_cast<char>(TAG_DEFLATE);
		for (uint64_t v = len;; v >>= 7) {
			unsigned char b = v & 0x7f;
			if (v >> 7) {
				out[at++] = static_cast<char>(b | 0x80);
			} else {
				out[at++] = static_cast<char>(b);
				break;
			}
		}
		size_t n = libdeflate_deflate_compress(tls.c, data, len, &out[at], bound);
		if (n != 0 && at + n < 1 + len) {
			out.resize(at + n);
			return out;
		}
	}
	std::string out;
	out.reserve(1 + len);
	out.push_back(static_cast<char>(TAG_STORED));
	out.append(data, len);
	return out;
}

int decode_data(const std::string &s, vn_buf *out, vn_error *err) noexcept
{
	if (s.empty() || (static_cast<unsigned char>(s[0]) != TAG_DEFLATE &&
			  static_cast<unsigned char>(s[0]) != TAG_STORED))
		return to_buf(out, s, err);
	if (static_cast<unsigned char>(s[0]) == TAG_STORED) {
		vn_buf_clear(out);
		if (vn_buf_append(out, s.data() + 1, s.size() - 1) != 0 ||
		    (out->data == nullptr && vn_buf_reserve(out, 0) != 0))
			return vn_error_set(err, VN_ENOMEM, "out of memory");
		return 0;
	}
	const unsigned char *p = reinterpret_cast<const unsigned char *>(s.data()) + 1;
	const unsigned char *end = reinterpret_cast<const unsigned char *>(s.data()) + s.size();
	uint64_t len = 0;
	for (unsigned shift = 0;; shift += 7) {
		if (p == end || shift > 35)
			return vn_error_set(err, VN_ECORRUPT, "document data: bad length");
		len |= static_cast<uint64_t>(*p & 0x7f) << shift;
		if (!(*p++ & 0x80))
			break;
	}
	if (len > MAX_DATA)
		return vn_error_set(err, VN_ECORRUPT, "document data: length %llu", (unsigned long long)len);
	if (tls.d == nullptr && (tls.d = libdeflate_alloc_decompressor()) == nullptr)
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	vn_buf_clear(out);
	if (vn_buf_reserve(out, static_cast<size_t>(len)) != 0)
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	size_t got = 0;
	if (libdeflate_deflate_decompress(tls.d, p, static_cast<size_t>(end - p), out->data,
					  static_cast<size_t>(len), &got) != LIBDEFLATE_SUCCESS ||
	    got != len)
		return vn_error_set(err, VN_ECORRUPT, "document data: the DEFLATE stream is damaged");
	out->len = got;
	out->data[got] = '\0';
	return 0;
}

} // namespace vn_shim
