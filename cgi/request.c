/*
 * request.c — the request parser: (method, query string, content type,
 * body, PATH_INFO) → vn_cgi_request. A pure function over bytes, so the
 * fuzzer drives it directly. Form decoding follows the WHATWG URL standard's
 * application/x-www-form-urlencoded parser (split on '&', first '=' splits
 * name from value, '+' is a space, %XX a byte), except that a malformed
 * %-escape is an error here rather than kept literally: a search box never
 * sends one, so it is a broken or hostile client and gets a 400.
 */
#include <stdlib.h>
#include <string.h>

#include "vn_cgi.h"

static int hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int vn_cgi_url_decode(vn_buf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		int rc;
		if (c == '+') {
			c = ' ';
		} else if (c == '%') {
			if (n - i < 3)
				return VN_EINVAL;
			int hi = hexval((unsigned char)s[i + 1]);
			int lo = hexval((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0)
				return VN_EINVAL;
			c = (unsigned char)(hi << 4 | lo);
			i += 2;
		}
		if (c == 0)
			return VN_EINVAL;
		rc = vn_buf_putc(out, c);
		if (rc)
			return rc;
	}
	return 0;
}

int vn_cgi_args_to_query(vn_buf *out, int argc, char **argv)
{
	for (int i = 0; i < argc; i++) {
		const char *eq = strchr(argv[i], '=');
		int rc;
		if (!eq)
			return VN_EINVAL;
		if (out->len && (rc = vn_buf_putc(out, '&')))
			return rc;
		if ((rc = vn_escape_url(out, argv[i], (size_t)(eq - argv[i]))) ||
		    (rc = vn_buf_putc(out, '=')) ||
		    (rc = vn_escape_url(out, eq + 1, strlen(eq + 1))))
			return rc;
	}
	return 0;
}

void vn_cgi_request_free(vn_cgi_request *r)
{
	if (!r)
		return;
	free(r->q);
	free(r->cat);
	free(r->site);
	r->q = r->cat = r->site = NULL;
}

static int fail(vn_cgi_request *r, int status, const char *reason, int code, vn_error *err,
		const char *detail)
{
	r->http_status = status;
	r->reason = reason;
	return vn_error_set(err, code, "%s", detail);
}

/* Days in month m of year y (proleptic Gregorian). */
static int month_days(int y, int m)
{
	static const int d[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

/* Accept "dd/mm/yyyy" (also d/m/yyyy, and '-' or '.' as separators, as
 * Vietnamese users write dates) and "yyyy-mm-dd" (what <input type=date>
 * sends). Writes "YYYY-MM-DD" to iso and "dd/mm/yyyy" to shown. */
static int parse_date(const char *s, size_t n, char iso[11], char shown[11])
{
	long long part[3];
	size_t start = 0, k = 0;
	char sep = 0;
	if (n == 0 || n > 10)
		return VN_EINVAL;
	for (size_t i = 0; i <= n; i++) {
		if (i == n || s[i] == '/' || s[i] == '-' || s[i] == '.') {
			if (k == 3)
				return VN_EINVAL;
			if (i < n) {
				if (sep && s[i] != sep)
					return VN_EINVAL;
				sep = s[i];
			}
			if (vn_parse_int(&part[k], s + start, i - start, 0, 9999) ||
			    i - start > 4 || s[start] == '-')
				return VN_EINVAL;
			k++;
			start = i + 1;
		}
	}
	if (k != 3)
		return VN_EINVAL;
	long long y, m, d;
	if (s[4] == '-' && n == 10 && sep == '-') {
		y = part[0], m = part[1], d = part[2];
	} else {
		d = part[0], m = part[1], y = part[2];
		if (y < 1000)
			return VN_EINVAL;
	}
	if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > month_days((int)y, (int)m))
		return VN_EINVAL;
	/* snprintf would do, but gcc's -Wformat-truncation cannot see the ranges. */
	char *o = iso;
	o[0] = (char)('0' + y / 1000), o[1] = (char)('0' + y / 100 % 10);
	o[2] = (char)('0' + y / 10 % 10), o[3] = (char)('0' + y % 10), o[4] = '-';
	o[5] = (char)('0' + m / 10), o[6] = (char)('0' + m % 10), o[7] = '-';
	o[8] = (char)('0' + d / 10), o[9] = (char)('0' + d % 10), o[10] = 0;
	o = shown;
	o[0] = iso[8], o[1] = iso[9], o[2] = '/', o[3] = iso[5], o[4] = iso[6], o[5] = '/';
	memcpy(o + 6, iso, 4);
	o[10] = 0;
	return 0;
}

/* Controls other than NUL (refused by the decoder) become spaces: a pasted
 * tab or newline is a word break, and nothing downstream must see them. */
static void blank_controls(char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			s[i] = ' ';
}

enum field { F_Q, F_PAGE, F_FROM, F_TO, F_CAT, F_SITE, F_SORT, F_FORMAT, F_COMPLETE,
	     F_ASSET, F_OPENSEARCH, F_COUNT };

static const char *const field_names[F_COUNT] = {
	"q", "page", "from", "to", "cat", "site", "sort", "format", "complete", "asset",
	"opensearch"
};

static int field_of(const char *name, size_t n)
{
	for (int f = 0; f < F_COUNT; f++)
		if (strlen(field_names[f]) == n && memcmp(field_names[f], name, n) == 0)
			return f;
	return -1;
}

static const char *const sort_names[] = { "hybrid", "relevance", "date" };

/* Validate and store one decoded value. */
static int take(vn_cgi_request *r, int f, char *v, size_t n, int *seen_complete, vn_error *err)
{
	long long page;
	switch (f) {
	case F_Q:
		if (*seen_complete)
			return 0; /* complete=PREFIX is the text to complete */
		if (n > VN_CGI_MAX_QUERY_BYTES)
			return fail(r, 400, "Câu tìm kiếm quá dài (tối đa 512 byte).", VN_ERANGE,
				    err, "q longer than the cap");
		blank_controls(v, n);
		free(r->q);
		r->q = strdup(v);
		if (!r->q)
			return VN_ENOMEM;
		r->q_len = n;
		r->has_q = 1;
		return 0;
	case F_PAGE:
		if (n == 0)
			return 0;
		if (vn_parse_int(&page, v, n, 1, VN_CGI_MAX_PAGE))
			return fail(r, 400, "Số trang không hợp lệ (từ 1 đến 1000).", VN_ERANGE,
				    err, "page not an integer in 1..1000");
		r->page = (int)page;
		return 0;
	case F_FROM:
	case F_TO:
		if (n == 0)
			return 0;
		if (parse_date(v, n, f == F_FROM ? r->from : r->to,
			       f == F_FROM ? r->from_shown : r->to_shown))
			return fail(r, 400, "Ngày không hợp lệ (dạng ngày/tháng/năm, ví dụ 05/09/2023).",
				    VN_EINVAL, err, "bad date in from/to");
		return 0;
	case F_CAT:
	case F_SITE:
	case F_COMPLETE:
		if (n > VN_CGI_MAX_FIELD_BYTES)
			return fail(r, 400, "Giá trị tham số quá dài.", VN_ERANGE, err,
				    "cat/site/complete longer than the cap");
		blank_controls(v, n);
		if (f == F_COMPLETE) {
			*seen_complete = 1;
			free(r->q);
			r->q = strdup(v);
			if (!r->q)
				return VN_ENOMEM;
			r->q_len = n;
			return 0;
		}
		if (n == 0)
			return 0;
		{
			char **slot = f == F_CAT ? &r->cat : &r->site;
			free(*slot);
			*slot = strdup(v);
			return *slot ? 0 : VN_ENOMEM;
		}
	case F_SORT:
		if (n == 0)
			return 0;
		for (int s = 0; s < 3; s++)
			if (strcmp(v, sort_names[s]) == 0) {
				r->sort = s;
				r->sort_given = 1;
				return 0;
			}
		return fail(r, 400, "Cách sắp xếp không hợp lệ (relevance, date hoặc hybrid).",
			    VN_EINVAL, err, "bad sort");
	case F_FORMAT:
		if (n == 0 || strcmp(v, "html") == 0)
			r->format = VN_CGI_HTML;
		else if (strcmp(v, "json") == 0)
			r->format = VN_CGI_JSON;
		else
			return fail(r, 400, "Định dạng không hợp lệ (html hoặc json).", VN_EINVAL,
				    err, "bad format");
		return 0;
	case F_ASSET:
		if (strcmp(v, "vnsearch.css") == 0)
			r->asset = VN_TPL_CSS;
		else if (strcmp(v, "app.js") == 0)
			r->asset = VN_TPL_JS;
		else
			return fail(r, 404, "Không có tệp này.", VN_EINVAL, err, "unknown asset");
		r->action = VN_CGI_ASSET;
		return 0;
	case F_OPENSEARCH:
		r->action = VN_CGI_OPENSEARCH;
		return 0;
	}
	return 0;
}

static int parse_pairs(vn_cgi_request *r, const char *s, size_t n, size_t *count,
		       unsigned *seen, int *seen_complete, vn_error *err)
{
	vn_buf v = VN_BUF_INIT;
	size_t i = 0;
	int rc = 0;
	while (i < n && rc == 0) {
		size_t end = i;
		while (end < n && s[end] != '&' && s[end] != ';')
			end++;
		if (end > i) {
			if (++*count > VN_CGI_MAX_PARAMS) {
				rc = fail(r, 400, "Quá nhiều tham số.", VN_ERANGE, err,
					  "more parameters than the cap");
				break;
			}
			size_t eq = i;
			while (eq < end && s[eq] != '=')
				eq++;
			/* Names are plain ASCII; an encoded name is not one of ours. */
			int f = field_of(s + i, eq - i);
			if (f >= 0 && !(*seen & (1u << f))) {
				/* The first occurrence wins: a later duplicate cannot
				 * override a value a link or the form put first. */
				*seen |= 1u << f;
				vn_buf_clear(&v);
				const char *val = eq < end ? s + eq + 1 : s + end;
				size_t vlen = eq < end ? end - eq - 1 : 0;
				rc = vn_cgi_url_decode(&v, val, vlen);
				if (rc == VN_EINVAL) {
					rc = fail(r, 400, "Tham số bị mã hóa sai.", VN_EINVAL, err,
						  "bad %-escape or NUL in a value");
					break;
				}
				if (rc)
					break;
				if ((rc = vn_buf_putc(&v, 0)))
					break;
				v.len--;
				if (!vn_utf8_valid(v.data, v.len)) {
					rc = fail(r, 400, "Tham số không phải văn bản UTF-8 hợp lệ.",
						  VN_EUTF8, err, "invalid UTF-8 in a value");
					break;
				}
				rc = take(r, f, v.data, v.len, seen_complete, err);
			}
		}
		i = end + 1;
	}
	vn_buf_free(&v);
	return rc;
}

/* Case-insensitive prefix test for media types (RFC 9110 §8.3.1: type and
 * subtype are case-insensitive). */
static int media_is(const char *ct, const char *type)
{
	size_t n = strlen(type);
	for (size_t i = 0; i < n; i++) {
		char c = ct[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != type[i])
			return 0;
	}
	return ct[n] == 0 || ct[n] == ';' || ct[n] == ' ' || ct[n] == '\t';
}

int vn_cgi_parse_request(vn_cgi_request *out, const vn_cgi_input *in, vn_error *err)
{
	vn_cgi_request *r = out;
	size_t count = 0;
	unsigned seen = 0;
	int seen_complete = 0, rc;
	const char *method = in->method && *in->method ? in->method : "GET";

	memset(r, 0, sizeof *r);
	r->page = 1;
	r->sort = VN_QUERY_SORT_HYBRID;
	r->http_status = 200;
	r->q = strdup("");
	if (!r->q)
		return VN_ENOMEM;

	if (strcmp(method, "HEAD") == 0) {
		r->head = 1;
	} else if (strcmp(method, "GET") != 0 && strcmp(method, "POST") != 0) {
		return fail(r, 405, "Phương thức không được hỗ trợ.", VN_EINVAL, err,
			    "method not GET, HEAD or POST");
	}

	if (in->path_info && *in->path_info && strcmp(in->path_info, "/") != 0) {
		if (strcmp(in->path_info, "/complete") == 0)
			r->action = VN_CGI_COMPLETE;
		else if (strcmp(in->path_info, "/opensearch.xml") == 0)
			r->action = VN_CGI_OPENSEARCH;
		else
			return fail(r, 404, "Không có trang này.", VN_EINVAL, err,
				    "unknown PATH_INFO");
	}

	if (in->query_len > VN_CGI_MAX_INPUT)
		return fail(r, 400, "Yêu cầu quá dài.", VN_ERANGE, err,
			    "query string longer than the cap");
	if (in->query_string &&
	    (rc = parse_pairs(r, in->query_string, in->query_len, &count, &seen, &seen_complete,
			      err)))
		return rc;

	if (strcmp(method, "POST") == 0) {
		if (in->body_len > VN_CGI_MAX_INPUT)
			return fail(r, 413, "Nội dung gửi lên quá lớn.", VN_ERANGE, err,
				    "body longer than the cap");
		if (in->body_len > 0) {
			if (!in->content_type ||
			    !media_is(in->content_type, "application/x-www-form-urlencoded"))
				return fail(r, 415, "Chỉ nhận biểu mẫu dạng "
					    "application/x-www-form-urlencoded.", VN_EINVAL, err,
					    "POST body of another content type");
			if ((rc = parse_pairs(r, in->body, in->body_len, &count, &seen,
					      &seen_complete, err)))
				return rc;
		}
	}

	if (seen_complete && r->action == VN_CGI_SEARCH)
		r->action = VN_CGI_COMPLETE;
	if (r->action == VN_CGI_COMPLETE || r->action == VN_CGI_OPENSEARCH ||
	    r->action == VN_CGI_ASSET)
		r->format = r->action == VN_CGI_COMPLETE ? VN_CGI_JSON : VN_CGI_HTML;
	if (r->from[0] && r->to[0] && strcmp(r->from, r->to) > 0)
		return fail(r, 400, "Ngày bắt đầu sau ngày kết thúc.", VN_EINVAL, err,
			    "from after to");
	return 0;
}
