/*
 * test_cgi_request.c — the request parser, table-driven: every parameter,
 * its bounds and encodings, and the hostile inputs the issue lists.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vn_cgi.h"

struct row {
	const char *method;
	const char *qs;
	const char *path_info;
	int rc;          /* expected return code */
	int status;      /* expected http_status */
	const char *q;   /* expected q (NULL: don't check) */
	int page;        /* 0: don't check */
	const char *from, *to, *cat, *site;
	int sort;        /* -1: don't check */
	int format;      /* -1: don't check */
	int action;      /* -1: don't check */
};

#define OK(qs, q) { "GET", qs, NULL, 0, 200, q, 0, NULL, NULL, NULL, NULL, -1, -1, -1 }
#define BAD(qs, rc, st) { "GET", qs, NULL, rc, st, NULL, 0, NULL, NULL, NULL, NULL, -1, -1, -1 }

static const struct row rows[] = {
	/* q: encodings */
	OK("q=dang+vien", "dang vien"),
	OK("q=dang%20vien", "dang vien"),
	OK("q=%C4%91%E1%BA%A3ng+vi%C3%AAn", "đảng viên"),
	OK("q=%c4%91%e1%ba%a3ng", "đảng"),
	OK("q=a%2Bb", "a+b"),
	OK("q=a%26b%3Dc", "a&b=c"),
	OK("q=", ""),
	OK("", ""),
	OK("q", ""),
	OK("q=x&&&&", "x"),
	OK("q=tab%09and%0Anewline", "tab and newline"),
	OK("q=first&q=second", "first"),
	OK("foo=bar&q=x&utm_source=y", "x"),
	OK("q=((((((((((((((((((((a))))))))))))))))))))", "((((((((((((((((((((a))))))))))))))))))))"),
	OK("q=[[[[[[[[{{{{{{{{", "[[[[[[[[{{{{{{{{"),
	OK("q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "<script>alert(1)</script>"),
	OK("q=*%3F*%3F*", "*?*?*"),
	OK("q=x;page=2", "x"),
	BAD("q=%", VN_EINVAL, 400),
	BAD("q=%4", VN_EINVAL, 400),
	BAD("q=%zz", VN_EINVAL, 400),
	BAD("q=%G1", VN_EINVAL, 400),
	BAD("q=a%00b", VN_EINVAL, 400),
	BAD("q=%FF", VN_EUTF8, 400),
	BAD("q=%C0%AF", VN_EUTF8, 400),
	BAD("q=%ED%A0%80", VN_EUTF8, 400),
	BAD("q=%E1%BA", VN_EUTF8, 400),
	/* page */
	{ "GET", "q=x&page=1", NULL, 0, 200, "x", 1, NULL, NULL, NULL, NULL, -1, -1, -1 },
	{ "GET", "q=x&page=7", NULL, 0, 200, "x", 7, NULL, NULL, NULL, NULL, -1, -1, -1 },
	{ "GET", "q=x&page=1000", NULL, 0, 200, "x", 1000, NULL, NULL, NULL, NULL, -1, -1, -1 },
	{ "GET", "q=x&page=", NULL, 0, 200, "x", 1, NULL, NULL, NULL, NULL, -1, -1, -1 },
	{ "GET", "q=x", NULL, 0, 200, "x", 1, NULL, NULL, NULL, NULL, -1, -1, -1 },
	BAD("q=x&page=0", VN_ERANGE, 400),
	BAD("q=x&page=-1", VN_ERANGE, 400),
	BAD("q=x&page=1001", VN_ERANGE, 400),
	BAD("q=x&page=99999999999999999999999", VN_ERANGE, 400),
	BAD("q=x&page=2a", VN_ERANGE, 400),
	BAD("q=x&page=+2", VN_ERANGE, 400),
	BAD("q=x&page=%202", VN_ERANGE, 400),
	BAD("q=x&page=1e3", VN_ERANGE, 400),
	/* dates */
	{ "GET", "q=x&from=05%2F09%2F2023&to=31/12/2023", NULL, 0, 200, "x", 0, "2023-09-05",
	  "2023-12-31", NULL, NULL, -1, -1, -1 },
	{ "GET", "q=x&from=5/9/2023", NULL, 0, 200, "x", 0, "2023-09-05", "", NULL, NULL, -1, -1, -1 },
	{ "GET", "q=x&from=2023-09-05", NULL, 0, 200, "x", 0, "2023-09-05", "", NULL, NULL, -1, -1, -1 },
	{ "GET", "q=x&to=29/02/2024", NULL, 0, 200, "x", 0, "", "2024-02-29", NULL, NULL, -1, -1, -1 },
	{ "GET", "q=x&from=05-09-2023", NULL, 0, 200, "x", 0, "2023-09-05", "", NULL, NULL, -1, -1, -1 },
	{ "GET", "q=x&from=05.09.2023", NULL, 0, 200, "x", 0, "2023-09-05", "", NULL, NULL, -1, -1, -1 },
	{ "GET", "q=x&from=&to=", NULL, 0, 200, "x", 0, "", "", NULL, NULL, -1, -1, -1 },
	BAD("q=x&from=29/02/2023", VN_EINVAL, 400),
	BAD("q=x&from=31/04/2023", VN_EINVAL, 400),
	BAD("q=x&from=00/01/2023", VN_EINVAL, 400),
	BAD("q=x&from=01/13/2023", VN_EINVAL, 400),
	BAD("q=x&from=01/01/23", VN_EINVAL, 400),
	BAD("q=x&from=1/1/2023/1", VN_EINVAL, 400),
	BAD("q=x&from=01/01-2023", VN_EINVAL, 400),
	BAD("q=x&from=hom+qua", VN_EINVAL, 400),
	BAD("q=x&from=-1/-1/2023", VN_EINVAL, 400),
	BAD("q=x&from=01/01/2023%3Cscript%3E", VN_EINVAL, 400),
	BAD("q=x&from=31/12/2023&to=01/01/2023", VN_EINVAL, 400),
	/* cat, site */
	{ "GET", "q=x&cat=Th%E1%BB%9Di+s%E1%BB%B1&site=ubnd.gov.vn", NULL, 0, 200, "x", 0, NULL, NULL,
	  "Thời sự", "ubnd.gov.vn", -1, -1, -1 },
	{ "GET", "cat=Kinh+t%E1%BA%BF", NULL, 0, 200, "", 0, NULL, NULL, "Kinh tế", NULL, -1, -1, -1 },
	{ "GET", "q=x&cat=", NULL, 0, 200, "x", 0, NULL, NULL, NULL, NULL, -1, -1, -1 },
	BAD("q=x&cat=%FE", VN_EUTF8, 400),
	/* sort, format */
	{ "GET", "q=x&sort=date", NULL, 0, 200, "x", 0, NULL, NULL, NULL, NULL, VN_QUERY_SORT_DATE, -1, -1 },
	{ "GET", "q=x&sort=relevance", NULL, 0, 200, "x", 0, NULL, NULL, NULL, NULL,
	  VN_QUERY_SORT_RELEVANCE, -1, -1 },
	{ "GET", "q=x&sort=hybrid", NULL, 0, 200, "x", 0, NULL, NULL, NULL, NULL, VN_QUERY_SORT_HYBRID, -1, -1 },
	{ "GET", "q=x", NULL, 0, 200, "x", 0, NULL, NULL, NULL, NULL, VN_QUERY_SORT_HYBRID, VN_CGI_HTML, VN_CGI_SEARCH },
	BAD("q=x&sort=DATE", VN_EINVAL, 400),
	BAD("q=x&sort=date%00", VN_EINVAL, 400),
	BAD("q=x&sort=random", VN_EINVAL, 400),
	{ "GET", "q=x&format=json", NULL, 0, 200, "x", 0, NULL, NULL, NULL, NULL, -1, VN_CGI_JSON, -1 },
	{ "GET", "q=x&format=html", NULL, 0, 200, "x", 0, NULL, NULL, NULL, NULL, -1, VN_CGI_HTML, -1 },
	BAD("q=x&format=xml", VN_EINVAL, 400),
	/* complete, opensearch, assets, PATH_INFO */
	{ "GET", "complete=dang+v", NULL, 0, 200, "dang v", 0, NULL, NULL, NULL, NULL, -1, VN_CGI_JSON,
	  VN_CGI_COMPLETE },
	{ "GET", "q=other&complete=dang", NULL, 0, 200, "dang", 0, NULL, NULL, NULL, NULL, -1, -1,
	  VN_CGI_COMPLETE },
	{ "GET", "q=dang", "/complete", 0, 200, "dang", 0, NULL, NULL, NULL, NULL, -1, VN_CGI_JSON,
	  VN_CGI_COMPLETE },
	{ "GET", "", "/opensearch.xml", 0, 200, NULL, 0, NULL, NULL, NULL, NULL, -1, -1, VN_CGI_OPENSEARCH },
	{ "GET", "opensearch=1", NULL, 0, 200, NULL, 0, NULL, NULL, NULL, NULL, -1, -1, VN_CGI_OPENSEARCH },
	{ "GET", "q=x", "/", 0, 200, "x", 0, NULL, NULL, NULL, NULL, -1, -1, VN_CGI_SEARCH },
	{ "GET", "asset=app.js", NULL, 0, 200, NULL, 0, NULL, NULL, NULL, NULL, -1, -1, VN_CGI_ASSET },
	{ "GET", "asset=vnsearch.css", NULL, 0, 200, NULL, 0, NULL, NULL, NULL, NULL, -1, -1, VN_CGI_ASSET },
	BAD("asset=..%2F..%2Fetc%2Fpasswd", VN_EINVAL, 404),
	BAD("asset=page.html", VN_EINVAL, 404),
	{ "GET", "", "/../../etc/passwd", VN_EINVAL, 404, NULL, 0, NULL, NULL, NULL, NULL, -1, -1, -1 },
	{ "GET", "", "/completes", VN_EINVAL, 404, NULL, 0, NULL, NULL, NULL, NULL, -1, -1, -1 },
	/* methods */
	{ "HEAD", "q=x", NULL, 0, 200, "x", 0, NULL, NULL, NULL, NULL, -1, -1, -1 },
	{ "PUT", "q=x", NULL, VN_EINVAL, 405, NULL, 0, NULL, NULL, NULL, NULL, -1, -1, -1 },
	{ "DELETE", "", NULL, VN_EINVAL, 405, NULL, 0, NULL, NULL, NULL, NULL, -1, -1, -1 },
	{ NULL, "q=x", NULL, 0, 200, "x", 0, NULL, NULL, NULL, NULL, -1, -1, -1 },
};

static void check_row(const struct row *w)
{
	vn_cgi_request r;
	vn_error err = VN_ERROR_INIT;
	vn_cgi_input in = { w->method, w->qs, strlen(w->qs), NULL, NULL, 0, w->path_info };
	int rc = vn_cgi_parse_request(&r, &in, &err);
	if (rc != w->rc || r.http_status != w->status) {
		print_error("row qs=\"%s\": rc %d status %d (want %d %d) %s\n", w->qs, rc,
			    r.http_status, w->rc, w->status, err.msg);
		fail();
	}
	if (rc) {
		assert_non_null(r.reason);
		assert_true(strlen(err.msg) > 0);
	} else {
		if (w->q)
			assert_string_equal(r.q, w->q);
		assert_int_equal(strlen(r.q), r.q_len);
		if (w->page)
			assert_int_equal(r.page, w->page);
		if (w->from)
			assert_string_equal(r.from, w->from);
		if (w->to)
			assert_string_equal(r.to, w->to);
		if (w->cat)
			assert_string_equal(r.cat, w->cat);
		else if (strstr(w->qs, "cat="))
			assert_null(r.cat);
		if (w->site)
			assert_string_equal(r.site, w->site);
		if (w->sort >= 0)
			assert_int_equal(r.sort, w->sort);
		if (w->format >= 0)
			assert_int_equal(r.format, w->format);
		if (w->action >= 0)
			assert_int_equal(r.action, w->action);
	}
	vn_cgi_request_free(&r);
}

static void test_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		check_row(&rows[i]);
}

static int parse(vn_cgi_request *r, const char *method, const char *qs, size_t qn,
		 const char *ct, const char *body, size_t bn)
{
	vn_cgi_input in = { method, qs, qn, ct, body, bn, NULL };
	return vn_cgi_parse_request(r, &in, NULL);
}

static void test_query_cap(void **state)
{
	(void)state;
	vn_cgi_request r;
	char qs[2 + VN_CGI_MAX_QUERY_BYTES + 2];
	/* exactly at the cap: fine; one byte over: 400 */
	memcpy(qs, "q=", 2);
	memset(qs + 2, 'a', VN_CGI_MAX_QUERY_BYTES);
	assert_int_equal(parse(&r, "GET", qs, 2 + VN_CGI_MAX_QUERY_BYTES, NULL, NULL, 0), 0);
	assert_int_equal(r.q_len, VN_CGI_MAX_QUERY_BYTES);
	vn_cgi_request_free(&r);
	qs[2 + VN_CGI_MAX_QUERY_BYTES] = 'a';
	assert_int_equal(parse(&r, "GET", qs, 3 + VN_CGI_MAX_QUERY_BYTES, NULL, NULL, 0), VN_ERANGE);
	assert_int_equal(r.http_status, 400);
	vn_cgi_request_free(&r);
}

static void test_huge_query_string(void **state)
{
	(void)state;
	vn_cgi_request r;
	size_t n = 100 * 1024;
	char *qs = malloc(n);
	assert_non_null(qs);
	memcpy(qs, "q=", 2);
	memset(qs + 2, 'x', n - 2);
	assert_int_equal(parse(&r, "GET", qs, n, NULL, NULL, 0), VN_ERANGE);
	assert_int_equal(r.http_status, 400);
	vn_cgi_request_free(&r);
	/* as a POST body: 413 */
	assert_int_equal(parse(&r, "POST", "", 0, "application/x-www-form-urlencoded", qs, n),
			 VN_ERANGE);
	assert_int_equal(r.http_status, 413);
	vn_cgi_request_free(&r);
	free(qs);
}

static void test_many_params(void **state)
{
	(void)state;
	vn_cgi_request r;
	vn_buf b = VN_BUF_INIT;
	for (int i = 0; i < VN_CGI_MAX_PARAMS; i++)
		assert_int_equal(vn_buf_printf(&b, "%sx%d=1", i ? "&" : "", i), 0);
	assert_int_equal(parse(&r, "GET", b.data, b.len, NULL, NULL, 0), 0);
	vn_cgi_request_free(&r);
	assert_int_equal(vn_buf_puts(&b, "&one=more"), 0);
	assert_int_equal(parse(&r, "GET", b.data, b.len, NULL, NULL, 0), VN_ERANGE);
	assert_int_equal(r.http_status, 400);
	vn_cgi_request_free(&r);
	/* thousands: still a 400, and within the raw-length cap or not, never a crash */
	vn_buf_clear(&b);
	for (int i = 0; i < 5000; i++)
		assert_int_equal(vn_buf_puts(&b, "a=1&"), 0);
	assert_int_equal(parse(&r, "GET", b.data, b.len, NULL, NULL, 0), VN_ERANGE);
	assert_int_equal(r.http_status, 400);
	vn_cgi_request_free(&r);
	vn_buf_clear(&b);
	for (int i = 0; i < 3000; i++)
		assert_int_equal(vn_buf_puts(&b, "&"), 0);
	assert_int_equal(parse(&r, "GET", b.data, b.len, NULL, NULL, 0), 0); /* empty pairs don't count */
	vn_cgi_request_free(&r);
	vn_buf_free(&b);
}

static void test_post(void **state)
{
	(void)state;
	vn_cgi_request r;
	const char *body = "q=%C4%91%E1%BA%A3ng+vi%C3%AAn&page=2&sort=date";
	assert_int_equal(parse(&r, "POST", "", 0, "application/x-www-form-urlencoded", body,
			       strlen(body)), 0);
	assert_string_equal(r.q, "đảng viên");
	assert_int_equal(r.page, 2);
	assert_int_equal(r.sort, VN_QUERY_SORT_DATE);
	vn_cgi_request_free(&r);
	assert_int_equal(parse(&r, "POST", "", 0, "Application/X-WWW-Form-Urlencoded; charset=UTF-8",
			       body, strlen(body)), 0);
	vn_cgi_request_free(&r);
	/* query string parameters come first and win */
	assert_int_equal(parse(&r, "POST", "q=a", 3, "application/x-www-form-urlencoded", "q=b", 3), 0);
	assert_string_equal(r.q, "a");
	vn_cgi_request_free(&r);
	/* body parameters share the parameter cap */
	assert_int_equal(parse(&r, "POST", "", 0, "multipart/form-data; boundary=x", body,
			       strlen(body)), VN_EINVAL);
	assert_int_equal(r.http_status, 415);
	vn_cgi_request_free(&r);
	assert_int_equal(parse(&r, "POST", "", 0, NULL, body, strlen(body)), VN_EINVAL);
	assert_int_equal(r.http_status, 415);
	vn_cgi_request_free(&r);
	assert_int_equal(parse(&r, "POST", "", 0, "application/x-www-form-urlencodedx", body,
			       strlen(body)), VN_EINVAL);
	vn_cgi_request_free(&r);
	/* empty POST: the empty form */
	assert_int_equal(parse(&r, "POST", "", 0, NULL, NULL, 0), 0);
	assert_int_equal(r.has_q, 0);
	vn_cgi_request_free(&r);
	/* a body on GET is ignored */
	assert_int_equal(parse(&r, "GET", "q=a", 3, "text/plain", "q=%", 3), 0);
	vn_cgi_request_free(&r);
}

static void test_bytes_not_nul_terminated(void **state)
{
	(void)state;
	vn_cgi_request r;
	/* the parser reads only query_len bytes */
	const char buf[] = "q=abcXXXX";
	assert_int_equal(parse(&r, "GET", buf, 5, NULL, NULL, 0), 0);
	assert_string_equal(r.q, "abc");
	vn_cgi_request_free(&r);
	const char pct[] = "q=%4Z";
	assert_int_equal(parse(&r, "GET", pct, 4, NULL, NULL, 0), VN_EINVAL);
	vn_cgi_request_free(&r);
}

static void test_every_byte_decodes(void **state)
{
	(void)state;
	/* %XX for every byte: NUL refused; ASCII controls become spaces;
	 * lone bytes ≥ 0x80 are invalid UTF-8 */
	for (int c = 0; c < 256; c++) {
		char qs[16];
		vn_cgi_request r;
		snprintf(qs, sizeof qs, "q=%%%02X", c);
		int rc = parse(&r, "GET", qs, strlen(qs), NULL, NULL, 0);
		if (c == 0)
			assert_int_equal(rc, VN_EINVAL);
		else if (c >= 0x80)
			assert_int_equal(rc, VN_EUTF8);
		else {
			assert_int_equal(rc, 0);
			assert_int_equal(r.q_len, 1);
			if (c < 0x20 || c == 0x7f)
				assert_int_equal(r.q[0], ' ');
			else
				assert_int_equal((unsigned char)r.q[0], c);
		}
		vn_cgi_request_free(&r);
	}
}

static void test_url_decode(void **state)
{
	(void)state;
	vn_buf b = VN_BUF_INIT;
	assert_int_equal(vn_cgi_url_decode(&b, "a+b%2Bc%7e", 10), 0);
	assert_int_equal(b.len, 6);
	assert_memory_equal(b.data, "a b+c~", 6);
	vn_buf_clear(&b);
	assert_int_equal(vn_cgi_url_decode(&b, "%", 1), VN_EINVAL);
	assert_int_equal(vn_cgi_url_decode(&b, "%1", 2), VN_EINVAL);
	vn_buf_free(&b);
}

static void test_args(void **state)
{
	(void)state;
	char *argv[] = { (char *)"q=đảng viên", (char *)"page=2", (char *)"cat=a&b" };
	vn_buf b = VN_BUF_INIT;
	vn_cgi_request r;
	assert_int_equal(vn_cgi_args_to_query(&b, 3, argv), 0);
	assert_int_equal(parse(&r, "GET", b.data, b.len, NULL, NULL, 0), 0);
	assert_string_equal(r.q, "đảng viên");
	assert_int_equal(r.page, 2);
	assert_string_equal(r.cat, "a&b");
	vn_cgi_request_free(&r);
	char *bad[] = { (char *)"noequals" };
	vn_buf_clear(&b);
	assert_int_equal(vn_cgi_args_to_query(&b, 1, bad), VN_EINVAL);
	vn_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_query_cap),
		cmocka_unit_test(test_huge_query_string),
		cmocka_unit_test(test_many_params),
		cmocka_unit_test(test_post),
		cmocka_unit_test(test_bytes_not_nul_terminated),
		cmocka_unit_test(test_every_byte_decodes),
		cmocka_unit_test(test_url_decode),
		cmocka_unit_test(test_args),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
