/*
 * cgi_request_fuzzer.c — the CGI request parser over arbitrary bytes, then
 * the page rendered from whatever it accepted (so the values that pass the
 * validators also go through every escaper and URL builder).
 * Input layout: byte 0 picks the method and whether PATH_INFO is set; the
 * rest is split at the first two '\n' into query string, content type and
 * body.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vn_cgi.h"

static vn_cgi_templates tpl;
static int loaded;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const methods[] = { "GET", "POST", "HEAD", "PUT" };
	static const char *const paths[] = { NULL, "/complete", "/opensearch.xml", "/x" };
	if (!loaded) {
		if (vn_cgi_templates_load(&tpl, NULL, NULL))
			abort();
		loaded = 1;
	}
	if (size == 0)
		return 0;
	vn_cgi_input in = { 0 };
	in.method = methods[data[0] & 3];
	in.path_info = (data[0] & 0x10) ? paths[(data[0] >> 2) & 3] : NULL;
	const char *s = (const char *)data + 1, *end = (const char *)data + size;
	const char *nl1 = memchr(s, '\n', (size_t)(end - s));
	in.query_string = s;
	in.query_len = nl1 ? (size_t)(nl1 - s) : (size_t)(end - s);
	char ct[64] = "";
	if (nl1) {
		const char *c = nl1 + 1;
		const char *nl2 = memchr(c, '\n', (size_t)(end - c));
		size_t cl = nl2 ? (size_t)(nl2 - c) : (size_t)(end - c);
		if (cl >= sizeof ct)
			cl = sizeof ct - 1;
		memcpy(ct, c, cl);
		ct[cl] = 0;
		in.content_type = ct;
		if (nl2) {
			in.body = nl2 + 1;
			in.body_len = (size_t)(end - nl2 - 1);
		}
	}
	vn_cgi_request r;
	int rc = vn_cgi_parse_request(&r, &in, NULL);
	vn_cgi_site site = { "Cổng <thông tin>", "/s", NULL, 10 };
	vn_buf out = VN_BUF_INIT;
	if (rc == 0) {
		if (!r.q || strlen(r.q) != r.q_len || r.q_len > VN_CGI_MAX_QUERY_BYTES ||
		    !vn_utf8_valid(r.q, r.q_len) || r.page < 1 || r.page > VN_CGI_MAX_PAGE)
			abort();
		if (vn_cgi_render_page(&out, &tpl, &site, &r, NULL))
			abort();
	} else if (rc != VN_ENOMEM) {
		if (r.http_status < 400 || !r.reason)
			abort();
		if (vn_cgi_render_error(&out, &tpl, &site, r.http_status, r.reason, &r))
			abort();
	}
	vn_buf_free(&out);
	vn_cgi_request_free(&r);
	return 0;
}
