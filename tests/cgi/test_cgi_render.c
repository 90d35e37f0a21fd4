/*
 * test_cgi_render.c — templates, highlighting, configuration, and whole
 * responses from the handler over a fake query library (fake_query.c):
 * statuses, headers, and XSS payloads in every parameter coming out escaped.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vn_cgi.h"

extern int fake_query_opens;
extern unsigned fake_query_facet_sample;
extern int fake_query_runs;
extern int fake_query_no_time_limit;

/* ---- template expander ----------------------------------------------------- */

static char *expand(const char *tpl, const vn_cgi_var *vars, size_t n, int *rc)
{
	vn_buf b = VN_BUF_INIT;
	*rc = vn_cgi_expand(&b, tpl, strlen(tpl), vars, n);
	return vn_buf_detach(&b, NULL);
}

static void test_expand(void **state)
{
	(void)state;
	vn_cgi_var vars[] = {
		{ "name", "<b>&\"'", 6, 0 },
		{ "markup", "<b>ok</b>", 9, 1 },
		{ "empty", "", 0, 0 },
		{ "none", NULL, 0, 0 },
	};
	static const struct { const char *tpl, *want; } cases[] = {
		{ "a{{name}}b", "a&lt;b&gt;&amp;&quot;&#39;b" },
		{ "{{markup}}", "<b>ok</b>" },
		{ "{{unknown}}x", "x" },
		{ "{{#name}}yes{{/name}}{{^name}}no{{/name}}", "yes" },
		{ "{{#empty}}yes{{/empty}}{{^empty}}no{{/empty}}", "no" },
		{ "{{#none}}yes{{/none}}{{^none}}no{{/none}}", "no" },
		{ "{{#missing}}yes{{/missing}}", "" },
		{ "{{#name}}<{{#markup}}{{markup}}{{/markup}}>{{/name}}", "<<b>ok</b>>" },
		{ "{{#name}}1{{#name}}2{{/name}}3{{/name}}", "123" },
		{ "no tags", "no tags" },
		{ "{single} }} {", "{single} }} {" },
		{ "", "" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int rc;
		char *s = expand(cases[i].tpl, vars, 4, &rc);
		assert_int_equal(rc, 0);
		assert_string_equal(s, cases[i].want);
		free(s);
	}
	static const char *const bad[] = { "{{#name}}open", "{{/name}}", "{{name", "{{#name}}x{{/other}}" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int rc;
		free(expand(bad[i], vars, 4, &rc));
		assert_int_equal(rc, VN_EINVAL);
	}
	/* nesting deeper than the limit is refused, not recursed into */
	vn_buf deep = VN_BUF_INIT;
	for (int i = 0; i < 20; i++)
		vn_buf_puts(&deep, "{{#name}}");
	for (int i = 0; i < 20; i++)
		vn_buf_puts(&deep, "{{/name}}");
	int rc;
	free(expand(deep.data, vars, 4, &rc));
	assert_int_equal(rc, VN_EINVAL);
	vn_buf_free(&deep);
}

static void test_defaults_expand(void **state)
{
	(void)state;
	/* every embedded template is balanced (expands with no variables) */
	for (int i = 0; i < VN_TPL_COUNT; i++) {
		size_t n;
		const char *t = vn_cgi_tpl_default(i, &n);
		assert_non_null(t);
		assert_true(n > 0);
		assert_int_equal(strlen(t), n);
		vn_buf b = VN_BUF_INIT;
		if (i != VN_TPL_CSS && i != VN_TPL_JS)
			assert_int_equal(vn_cgi_expand(&b, t, n, NULL, 0), 0);
		vn_buf_free(&b);
	}
	assert_null(vn_cgi_tpl_default(VN_TPL_COUNT, NULL));
	assert_string_equal(vn_cgi_tpl_name(VN_TPL_HIT), "hit.html");
}

static void test_templates_dir(void **state)
{
	(void)state;
	char dir[] = "/tmp/vn_cgi_tplXXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[256];
	snprintf(path, sizeof path, "%s/hit.html", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("<li>{{title}}</li>", f);
	fclose(f);
	vn_cgi_templates t;
	assert_int_equal(vn_cgi_templates_load(&t, dir, NULL), 0);
	assert_string_equal(t.text[VN_TPL_HIT], "<li>{{title}}</li>");
	size_t n;
	assert_string_equal(t.text[VN_TPL_PAGE], vn_cgi_tpl_default(VN_TPL_PAGE, &n));
	vn_cgi_templates_free(&t);
	assert_int_equal(vn_cgi_templates_load(&t, "/nonexistent-dir", NULL), 0);
	vn_cgi_templates_free(&t);
	unlink(path);
	rmdir(dir);
}

/* ---- highlighting ------------------------------------------------------------- */

static void test_marked(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		vn_query_span marks[3];
		size_t n;
		const char *want;
	} cases[] = {
		{ "Đảng viên mới", { { 0, 13 } }, 1, "<mark>Đảng viên</mark> mới" },
		{ "a <b> c", { { 2, 3 } }, 1, "a <mark>&lt;b&gt;</mark> c" },
		{ "x & y & z", { { 0, 1 }, { 8, 1 } }, 2, "<mark>x</mark> &amp; y &amp; <mark>z</mark>" },
		{ "abc", { { 1, 5 } }, 1, "abc" },            /* past the end: dropped */
		{ "abcdef", { { 2, 2 }, { 3, 2 } }, 2, "ab<mark>cd</mark>ef" }, /* overlap dropped */
		{ "abcdef", { { 4, 1 }, { 0, 1 } }, 2, "abcd<mark>e</mark>f" }, /* out of order dropped */
		{ "abc", { { 1, 0 } }, 1, "abc" },            /* empty span */
		{ "abc", { { 0xffffffffu, 2 } }, 1, "abc" },  /* overflow-ish */
		{ "\"onerror=x", { { 0 } }, 0, "&quot;onerror=x" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		vn_buf b = VN_BUF_INIT;
		assert_int_equal(vn_cgi_render_marked(&b, cases[i].text, cases[i].marks, cases[i].n), 0);
		assert_int_equal(vn_buf_putc(&b, 0), 0);
		assert_string_equal(b.data, cases[i].want);
		vn_buf_free(&b);
	}
}

static void test_complete_json(void **state)
{
	(void)state;
	vn_buf b = VN_BUF_INIT;
	static const char list[] = "đảng viên\0a\"b</script>\0";
	assert_int_equal(vn_cgi_render_complete(&b, list, sizeof list - 1, 2), 0);
	assert_int_equal(vn_buf_putc(&b, 0), 0);
	assert_string_equal(b.data, "[\"đảng viên\",\"a\\\"b</script>\"]");
	vn_buf_clear(&b);
	assert_int_equal(vn_cgi_render_complete(&b, NULL, 0, 0), 0);
	assert_int_equal(b.len, 2);
	vn_buf_free(&b);
}

/* ---- configuration ------------------------------------------------------------ */

static void test_config(void **state)
{
	(void)state;
	vn_cgi_config c;
	vn_error err = VN_ERROR_INIT;
	memset(&c, 0, sizeof c);
	const char *text = "# comment\n"
			   "db = /srv/a:/srv/b\n"
			   "  templates=/etc/vnsearch/t  \n"
			   "half_life_days = 180.5\r\n"
			   "time_limit = 1.5 # seconds\n"
			   "page_size = 20\n"
			   "cache_entries = 0\n"
			   "facet_sample = 0\n"
			   "site_name = UBND phường Bến Nghé\n"
			   "base_url = https://x.gov.vn/tim-kiem\n\n";
	assert_int_equal(vn_cgi_config_parse(&c, text, strlen(text), "t", &err), 0);
	assert_int_equal(c.n_db, 2);
	assert_string_equal(c.db[0], "/srv/a");
	assert_string_equal(c.db[1], "/srv/b");
	assert_string_equal(c.templates, "/etc/vnsearch/t");
	assert_true(c.half_life_days == 180.5);
	assert_true(c.time_limit == 1.5);
	assert_int_equal(c.page_size, 20);
	assert_int_equal(c.cache_entries, 0);
	assert_int_equal(c.facet_sample, 0);
	assert_string_equal(c.site_name, "UBND phường Bến Nghé");
	assert_string_equal(c.base_url, "https://x.gov.vn/tim-kiem");
	vn_cgi_config_free(&c);

	static const char *const bad[] = {
		"nokey\n", "colour = red\n", "page_size = 0\n", "page_size = 101\n",
		"page_size = 10x\n", "time_limit = -1\n", "time_limit = nan\n",
		"half_life_days = 1e400\n", "time_limit = \n", "facet_sample = -1\n",
		"facet_sample = 10000001\n",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		memset(&c, 0, sizeof c);
		assert_int_equal(vn_cgi_config_parse(&c, bad[i], strlen(bad[i]), "t", &err), VN_EINVAL);
		assert_non_null(strstr(err.msg, "t:1"));
		vn_cgi_config_free(&c);
	}
	memset(&c, 0, sizeof c);
	assert_int_equal(vn_cgi_config_set_db(&c, "::a::b:", NULL), 0);
	assert_int_equal(c.n_db, 2);
	vn_cgi_config_free(&c);
}

struct env { const char *k[4], *v[4]; };

static const char *env_get(void *payload, const char *name)
{
	struct env *e = payload;
	for (int i = 0; i < 4 && e->k[i]; i++)
		if (strcmp(e->k[i], name) == 0)
			return e->v[i];
	return NULL;
}

static void test_config_load(void **state)
{
	(void)state;
	vn_cgi_config c;
	vn_error err = VN_ERROR_INIT;
	char path[] = "/tmp/vn_cgi_confXXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	const char *text = "db = /from/file\nsite_name = Xã A\n";
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	struct env e1 = { { "VNSEARCH_CONFIG" }, { path } };
	assert_int_equal(vn_cgi_config_load(&c, env_get, &e1, &err), 0);
	assert_string_equal(c.db[0], "/from/file");
	assert_string_equal(c.site_name, "Xã A");
	vn_cgi_config_free(&c);
	/* VNSEARCH_DB wins over the file's db */
	struct env e2 = { { "VNSEARCH_CONFIG", "VNSEARCH_DB" }, { path, "/env/a:/env/b" } };
	assert_int_equal(vn_cgi_config_load(&c, env_get, &e2, &err), 0);
	assert_int_equal(c.n_db, 2);
	assert_string_equal(c.db[1], "/env/b");
	vn_cgi_config_free(&c);
	unlink(path);
	/* a named file that is missing is an error; no index at all is too */
	assert_int_equal(vn_cgi_config_load(&c, env_get, &e1, &err), VN_ENOTFOUND);
	vn_cgi_config_free(&c);
	struct env e3 = { { "VNSEARCH_CONFIG" }, { "/nonexistent/vnsearch.conf" } };
	assert_int_equal(vn_cgi_config_load(&c, env_get, &e3, &err), VN_ENOTFOUND);
	vn_cgi_config_free(&c);
}

/* ---- whole responses over the fake library ----------------------------------- */

static vn_cgi_app app;
static int log_lines;
static char last_log[1024];

static void log_fn(void *payload, const char *line)
{
	(void)payload;
	log_lines++;
	snprintf(last_log, sizeof last_log, "%s", line);
}

static int setup(void **state)
{
	(void)state;
	static struct env e = { { "VNSEARCH_DB", "VNSEARCH_CONFIG" }, { "/fake/index", "" } };
	vn_cgi_app_init(&app, env_get, &e);
	return app.config_ok ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	vn_cgi_app_free(&app);
	return 0;
}

/* Run one request; returns the whole response (headers + body), caller frees. */
static char *handle(const char *method, const char *qs, const char *path_info, int *status)
{
	vn_cgi_input in = { method, qs, strlen(qs), NULL, NULL, 0, path_info };
	vn_cgi_server srv = { "/cgi-bin/vnsearch.cgi", "portal.example.vn", 0 };
	vn_buf out = VN_BUF_INIT;
	assert_int_equal(vn_cgi_app_handle(&app, &in, &srv, &out, log_fn, NULL), 0);
	assert_int_equal(vn_buf_putc(&out, 0), 0);
	assert_true(sscanf(out.data, "Status: %d", status) == 1);
	return out.data;
}

static const char *body_of(const char *resp)
{
	const char *b = strstr(resp, "\r\n\r\n");
	assert_non_null(b);
	return b + 4;
}

static void assert_common_headers(const char *resp)
{
	assert_non_null(strstr(resp, "charset=utf-8\r\n"));
	assert_non_null(strstr(resp, "\r\nContent-Security-Policy: default-src 'self';"));
	assert_non_null(strstr(resp, "\r\nX-Content-Type-Options: nosniff\r\n"));
	assert_non_null(strstr(resp, "\r\nCache-Control: "));
	/* Content-Length matches the body */
	size_t len;
	const char *cl = strstr(resp, "Content-Length: ");
	assert_non_null(cl);
	assert_true(sscanf(cl, "Content-Length: %zu", &len) == 1);
	assert_int_equal(strlen(body_of(resp)), len);
}

static void test_page(void **state)
{
	(void)state;
	int st;
	char *r = handle("GET", "q=dang+vien&page=2", NULL, &st);
	assert_int_equal(st, 200);
	assert_common_headers(r);
	assert_non_null(strstr(r, "Content-Type: text/html; charset=utf-8"));
	assert_non_null(strstr(r, "Cache-Control: public, max-age=60"));
	const char *b = body_of(r);
	assert_non_null(strstr(b, "<html lang=\"vi\">"));
	assert_non_null(strstr(b, "value=\"dang vien\""));
	assert_non_null(strstr(b, "Tìm thấy <strong>23</strong> kết quả"));
	assert_non_null(strstr(b, "Trang 2 / 3"));
	assert_non_null(strstr(b, "href=\"/cgi-bin/vnsearch.cgi?q=dang+vien&amp;page=3\""));
	assert_non_null(strstr(b, "href=\"/cgi-bin/vnsearch.cgi?q=dang+vien\""));  /* page 1 */
	assert_non_null(strstr(b, "aria-current=\"page\">2<"));
	assert_non_null(strstr(b, "Có phải bạn muốn tìm: <a href=\"/cgi-bin/vnsearch.cgi?q="
				  "%C4%91%E1%BA%A3ng+vi%C3%AAn\">đảng viên</a>"));
	assert_non_null(strstr(b, "<mark>Đảng viên</mark> dang vien"));
	assert_non_null(strstr(b, "Hội nghị <mark>đảng viên</mark> &lt;b&gt;dang vien&lt;/b&gt; &amp; cuộc họp"));
	assert_non_null(strstr(b, "<time>05/09/2023</time>"));
	assert_non_null(strstr(b, "<option value=\"Thời sự\">Thời sự (20)</option>"));
	/* the engine was opened with the page's facet sample (config default) */
	assert_int_equal(fake_query_facet_sample, 500);
	/* only http(s) URLs become links, and they are escaped for the attribute */
	assert_null(strstr(b, "href=\"javascript:"));
	assert_non_null(strstr(b, "href=\"https://ubnd.example.vn/tin?id=1&amp;x=&quot;&gt;&lt;script&gt;\""));
	assert_non_null(strstr(b, "href=\"/cgi-bin/vnsearch.cgi?asset=vnsearch.css\""));
	assert_null(strstr(b, "<script>"));
	free(r);
	/* counts scaled from a sample are marked as such */
	r = handle("GET", "q=sample", NULL, &st);
	assert_non_null(strstr(body_of(r), "<option value=\"Thời sự\">Thời sự (~20)</option>"));
	free(r);
	/* template syntax in a value is text: expansion is one pass */
	r = handle("GET", "q=%7B%7Bsite_name%7D%7D", NULL, &st);
	assert_non_null(strstr(body_of(r), "value=\"{{site_name}}\""));
	free(r);
}

static void test_front_and_empty(void **state)
{
	(void)state;
	int st;
	char *r = handle("GET", "", NULL, &st);
	assert_int_equal(st, 200);
	assert_non_null(strstr(body_of(r), "<form"));
	assert_null(strstr(body_of(r), "Tìm thấy"));
	free(r);
	/* the filter panel opens only when a filter is set (the form always sends sort) */
	r = handle("GET", "q=x&from=&to=&cat=&sort=hybrid", NULL, &st);
	assert_non_null(strstr(r, "<details class=\"vs-filters\" >"));
	free(r);
	r = handle("GET", "q=x&sort=date", NULL, &st);
	assert_non_null(strstr(r, "<details class=\"vs-filters\" open>"));
	assert_non_null(strstr(r, "<option value=\"date\" selected>"));
	free(r);
	r = handle("GET", "q=none&cat=Kinh+t%E1%BA%BF", NULL, &st);
	assert_int_equal(st, 200);
	assert_non_null(strstr(r, "Không tìm thấy kết quả nào cho «none»"));
	assert_non_null(strstr(r, "Bỏ bộ lọc ngày và chuyên mục"));
	assert_non_null(strstr(r, "<option value=\"Kinh tế\" selected>"));
	free(r);
	/* a page past the end: 200, empty, with a link back */
	r = handle("GET", "q=x&page=50", NULL, &st);
	assert_int_equal(st, 200);
	assert_non_null(strstr(r, "Trang 50 không có kết quả"));
	assert_non_null(strstr(r, "href=\"/cgi-bin/vnsearch.cgi?q=x&amp;page=3\">Quay lại trang cuối"));
	assert_null(strstr(r, "class=\"vs-hit\""));
	free(r);
}

static void test_json_and_complete(void **state)
{
	(void)state;
	int st;
	char *r = handle("GET", "q=%22%3C%2Fscript%3E&format=json", NULL, &st);
	assert_int_equal(st, 200);
	assert_common_headers(r);
	assert_non_null(strstr(r, "Content-Type: application/json; charset=utf-8"));
	assert_non_null(strstr(body_of(r), "{\"query\":\"\\\"</script>\",\"total\":23"));
	free(r);
	r = handle("GET", "format=json", NULL, &st);
	assert_int_equal(st, 400);
	assert_non_null(strstr(body_of(r), "\"status\":400"));
	free(r);
	r = handle("GET", "complete=dang+v", NULL, &st);
	assert_int_equal(st, 200);
	assert_common_headers(r);
	assert_string_equal(body_of(r), "[\"đảng viên\",\"đảng bộ\",\"\\\"quoted\\\"</script>\"]");
	free(r);
	r = handle("GET", "q=dan", "/complete", &st);
	assert_int_equal(st, 200);
	assert_string_equal(body_of(r), "[]");
	free(r);
	r = handle("GET", "", "/opensearch.xml", &st);
	assert_int_equal(st, 200);
	assert_non_null(strstr(r, "Content-Type: application/opensearchdescription+xml; charset=utf-8"));
	assert_non_null(strstr(r, "template=\"http://portal.example.vn/cgi-bin/vnsearch.cgi?q={searchTerms}\""));
	free(r);
	r = handle("GET", "asset=app.js", NULL, &st);
	assert_int_equal(st, 200);
	assert_non_null(strstr(r, "Content-Type: text/javascript; charset=utf-8"));
	assert_non_null(strstr(r, "vs-complete"));
	free(r);
	r = handle("HEAD", "asset=vnsearch.css", NULL, &st);
	assert_int_equal(st, 200);
	assert_string_equal(body_of(r), "");
	assert_null(strstr(r, "Content-Length: 0\r\n"));
	free(r);
}

static void test_errors(void **state)
{
	(void)state;
	static const struct { const char *method, *qs, *pi; int status; const char *says; } cases[] = {
		{ "GET", "q=x&page=0", NULL, 400, "Số trang không hợp lệ" },
		{ "GET", "q=x&page=-5", NULL, 400, "Số trang" },
		{ "GET", "q=%FF", NULL, 400, "UTF-8" },
		{ "GET", "q=x&from=32/01/2023", NULL, 400, "Ngày không hợp lệ" },
		{ "GET", "q=x&sort=x", NULL, 400, "sắp xếp" },
		{ "GET", "asset=../../etc/passwd", NULL, 404, "Không có tệp này" },
		{ "GET", "", "/etc/passwd", 404, "Không có trang này" },
		{ "PUT", "q=x", NULL, 405, "Phương thức" },
		{ "GET", "q=boom", NULL, 503, "tạm thời không sẵn sàng" },
		{ "GET", "q=slow", NULL, 503, "quá nhiều thời gian" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int st;
		log_lines = 0;
		char *r = handle(cases[i].method, cases[i].qs, cases[i].pi, &st);
		assert_int_equal(st, cases[i].status);
		assert_common_headers(r);
		assert_non_null(strstr(r, cases[i].says));
		assert_non_null(strstr(r, "<html lang=\"vi\">"));
		/* details go to the log, never to the page */
		assert_null(strstr(r, "secret-path-detail"));
		assert_int_equal(log_lines, 1);
		if (st >= 500)
			assert_non_null(strstr(r, "Cache-Control: no-store"));
		free(r);
	}
	assert_non_null(strstr(last_log, "time limit"));
	/* after an I/O failure the engine is reopened on the next request */
	int before = fake_query_opens, st;
	char *r = handle("GET", "q=boom", NULL, &st);
	free(r);
	r = handle("GET", "q=fine", NULL, &st);
	assert_int_equal(st, 200);
	assert_true(fake_query_opens > before);
	free(r);
	r = handle("GET", "q=%ZZ&format=json", NULL, &st);
	assert_int_equal(st, 400);
	free(r);
}

static void test_missing_index(void **state)
{
	(void)state;
	vn_cgi_app bad;
	struct env e = { { "VNSEARCH_DB", "VNSEARCH_CONFIG" }, { "/nonexistent", "" } };
	vn_cgi_app_init(&bad, env_get, &e);
	assert_true(bad.config_ok);
	vn_cgi_input in = { "GET", "q=x", 3, NULL, NULL, 0, NULL };
	vn_buf out = VN_BUF_INIT;
	assert_int_equal(vn_cgi_app_handle(&bad, &in, NULL, &out, log_fn, NULL), 0);
	vn_buf_putc(&out, 0);
	assert_non_null(strstr(out.data, "Status: 503"));
	assert_null(strstr(out.data, "secret-path-detail"));
	vn_buf_free(&out);
	vn_cgi_app_free(&bad);
	/* no configuration at all: 500, not a crash */
	struct env none = { { "VNSEARCH_CONFIG" }, { "/nonexistent/vnsearch.conf" } };
	vn_cgi_app_init(&bad, env_get, &none);
	assert_false(bad.config_ok);
	assert_int_equal(vn_cgi_app_handle(&bad, &in, NULL, &out, log_fn, NULL), 0);
	vn_buf_putc(&out, 0);
	assert_non_null(strstr(out.data, "Status: 500"));
	assert_null(strstr(out.data, "/nonexistent"));
	vn_buf_free(&out);
	vn_cgi_app_free(&bad);
}

/* A kept engine (FastCGI) reopens when the index on disk changes. */
static void test_reopen_on_update(void **state)
{
	(void)state;
	char dir[] = "/tmp/vn_cgi_idxXXXXXX", path[256];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/iamglass", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("rev1", f);
	fclose(f);
	struct env e = { { "VNSEARCH_DB", "VNSEARCH_CONFIG" }, { dir, "" } };
	vn_cgi_app a;
	vn_cgi_app_init(&a, env_get, &e);
	assert_true(a.config_ok);
	vn_cgi_input in = { "GET", "q=x", 3, NULL, NULL, 0, NULL };
	vn_buf out = VN_BUF_INIT;
	int before = fake_query_opens;
	assert_int_equal(vn_cgi_app_handle(&a, &in, NULL, &out, log_fn, NULL), 0);
	assert_int_equal(vn_cgi_app_handle(&a, &in, NULL, &out, log_fn, NULL), 0);
	assert_int_equal(fake_query_opens, before + 1);   /* kept */
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("revision 2", f);   /* a commit rewrites it (size and time change) */
	fclose(f);
	assert_int_equal(vn_cgi_app_handle(&a, &in, NULL, &out, log_fn, NULL), 0);
	assert_int_equal(fake_query_opens, before + 2);   /* reopened */

	/* The FastCGI answer cache: same request → same bytes without a search;
	 * another page, HEAD, an error, or an index update → a real answer. */
	vn_cgi_app_enable_cache(&a);
	assert_true(a.cache_slots > 0);
	vn_buf first = VN_BUF_INIT;
	int runs = fake_query_runs;
	assert_int_equal(vn_cgi_app_handle(&a, &in, NULL, &first, log_fn, NULL), 0);
	assert_int_equal(vn_cgi_app_handle(&a, &in, NULL, &out, log_fn, NULL), 0);
	assert_int_equal(fake_query_runs, runs + 1);
	assert_int_equal(out.len, first.len);
	assert_memory_equal(out.data, first.data, out.len);
	vn_cgi_input p2 = { "GET", "q=x&page=2", 10, NULL, NULL, 0, NULL };
	assert_int_equal(vn_cgi_app_handle(&a, &p2, NULL, &out, log_fn, NULL), 0);
	assert_int_equal(fake_query_runs, runs + 2);
	vn_cgi_input head = { "HEAD", "q=x", 3, NULL, NULL, 0, NULL };
	assert_int_equal(vn_cgi_app_handle(&a, &head, NULL, &out, log_fn, NULL), 0);
	assert_int_equal(fake_query_runs, runs + 3);
	vn_cgi_input boom = { "GET", "q=boom", 6, NULL, NULL, 0, NULL };
	assert_int_equal(vn_cgi_app_handle(&a, &boom, NULL, &out, log_fn, NULL), 0);
	assert_int_equal(vn_cgi_app_handle(&a, &boom, NULL, &out, log_fn, NULL), 0);
	assert_int_equal(fake_query_runs, runs + 7);   /* an I/O error is retried once */
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("revision three", f);
	fclose(f);
	assert_int_equal(vn_cgi_app_handle(&a, &in, NULL, &out, log_fn, NULL), 0);
	assert_int_equal(fake_query_runs, runs + 8);
	vn_buf_free(&first);
	vn_buf_free(&out);
	vn_cgi_app_free(&a);
	unlink(path);
	rmdir(dir);
}

/* The answer cache keeps two answers per set: with one set of two ways,
 * two queries asked in turn are both kept, a third replaces the one
 * answered from least recently. */
static void test_cache_ways(void **state)
{
	(void)state;
	char dir[] = "/tmp/vn_cgi_idxXXXXXX", path[256];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/iamglass", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("rev1", f);
	fclose(f);
	struct env e = { { "VNSEARCH_DB", "VNSEARCH_CONFIG" }, { dir, "" } };
	vn_cgi_app a;
	vn_cgi_app_init(&a, env_get, &e);
	a.cfg.cache_entries = 1;   /* rounded up to one set of two */
	vn_cgi_app_enable_cache(&a);
	assert_int_equal(a.cache_slots, 2);
	static const struct { const char *q; int searched; } steps[] = {
		{ "q=a", 1 }, { "q=b", 1 }, { "q=a", 0 }, { "q=b", 0 },
		{ "q=c", 1 },              /* replaces a (b was answered later) */
		{ "q=b", 0 }, { "q=a", 1 }, { "q=b", 0 },
	};
	vn_buf out = VN_BUF_INIT;
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		vn_cgi_input in = { "GET", steps[i].q, strlen(steps[i].q), NULL, NULL, 0, NULL };
		int runs = fake_query_runs;
		assert_int_equal(vn_cgi_app_handle(&a, &in, NULL, &out, log_fn, NULL), 0);
		assert_int_equal(fake_query_runs - runs, steps[i].searched);
		assert_non_null(strstr(out.data, "Status: 200"));
	}
	vn_buf_free(&out);
	vn_cgi_app_free(&a);
	unlink(path);
	rmdir(dir);
}

/* XSS payloads in every parameter: nothing executable comes out. */
/* ---- a plain-CGI process bounds each search with its own timer ---------------- */

struct bound_calls {
	int arms, disarms, fail;
	double seconds;
	char resp[16384];
};

static int fake_bound(void *payload, const char *resp, size_t len, double seconds)
{
	struct bound_calls *b = payload;
	if (!resp) {
		b->disarms++;
		return 0;
	}
	b->arms++;
	b->seconds = seconds;
	assert_true(len < sizeof b->resp);
	memcpy(b->resp, resp, len);
	b->resp[len] = 0;
	assert_int_equal(strlen(b->resp), len);
	return b->fail ? -1 : 0;
}

/* An app over a config file holding text (db = /fake/index and more). */
static void app_with_config(vn_cgi_app *a, const char *text)
{
	char path[] = "/tmp/vn_cgi_confXXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	struct env e = { { "VNSEARCH_CONFIG" }, { path } };
	vn_cgi_app_init(a, env_get, &e);
	unlink(path);
	assert_true(a->config_ok);
}

static void test_bound(void **state)
{
	(void)state;
	/* Which requests arm the timer, and the answer it would give: the
	 * timeout page in the request's format, never cached. */
	static const struct {
		const char *method, *qs;
		int arms, json, body;
		const char *says;
	} cases[] = {
		{ "GET", "q=dang+vien", 1, 0, 1, "value=\"dang vien\"" },
		{ "GET", "q=dang&format=json", 1, 1, 1, "\"status\":503" },
		{ "GET", "complete=da", 1, 1, 1, "\"status\":503" },
		{ "HEAD", "q=dang", 1, 0, 0, NULL },
		{ "GET", "asset=vnsearch.css", 0, 0, 0, NULL },
		{ "GET", "", 0, 0, 0, NULL },
		{ "GET", "q=x&page=0", 0, 0, 0, NULL },
	};
	vn_cgi_app a;
	app_with_config(&a, "db = /fake/index\ntime_limit = 3.5\n");
	struct bound_calls b;
	vn_cgi_app_set_bound(&a, fake_bound, &b);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		memset(&b, 0, sizeof b);
		vn_cgi_input in = { cases[i].method, cases[i].qs, strlen(cases[i].qs), NULL, NULL, 0,
				    NULL };
		vn_buf out = VN_BUF_INIT;
		assert_int_equal(vn_cgi_app_handle(&a, &in, NULL, &out, log_fn, NULL), 0);
		vn_buf_free(&out);
		assert_int_equal(b.arms, cases[i].arms);
		assert_int_equal(b.disarms, cases[i].arms); /* disarmed before the answer goes out */
		if (!cases[i].arms)
			continue;
		assert_true(b.seconds == 3.5);
		assert_non_null(strstr(b.resp, "Status: 503"));
		assert_non_null(strstr(b.resp, "Cache-Control: no-store"));
		assert_non_null(strstr(b.resp, cases[i].json ? "Content-Type: application/json"
							     : "Content-Type: text/html"));
		const char *body = strstr(b.resp, "\r\n\r\n");
		assert_non_null(body);
		assert_int_equal(body[4] != 0, cases[i].body);
		if (cases[i].body)
			assert_non_null(strstr(body, "quá nhiều thời gian"));
		if (cases[i].says)
			assert_non_null(strstr(body, cases[i].says));
	}
	/* the engine was opened without Xapian's limit: the timer bounds it */
	assert_int_equal(fake_query_no_time_limit, 1);
	vn_cgi_app_free(&a);

	/* No time_limit in the config: the query library's default, 2 s. A
	 * timer that cannot be armed leaves Xapian's limit on. */
	app_with_config(&a, "db = /fake/index\n");
	memset(&b, 0, sizeof b);
	b.fail = 1;
	vn_cgi_app_set_bound(&a, fake_bound, &b);
	int st;
	vn_cgi_input in = { "GET", "q=x", 3, NULL, NULL, 0, NULL };
	vn_buf out = VN_BUF_INIT;
	assert_int_equal(vn_cgi_app_handle(&a, &in, NULL, &out, log_fn, NULL), 0);
	assert_true(sscanf(out.data, "Status: %d", &st) == 1);
	assert_int_equal(st, 200);
	assert_int_equal(b.arms, 1);
	assert_int_equal(b.disarms, 0);
	assert_true(b.seconds == 2.0);
	assert_int_equal(fake_query_no_time_limit, 0);
	vn_cgi_app_free(&a);

	/* Without a bound (FastCGI): Xapian's limit, no timer. */
	app_with_config(&a, "db = /fake/index\n");
	assert_int_equal(vn_cgi_app_handle(&a, &in, NULL, &out, log_fn, NULL), 0);
	assert_int_equal(fake_query_no_time_limit, 0);
	vn_buf_free(&out);
	vn_cgi_app_free(&a);
}

static void test_xss_everywhere(void **state)
{
	(void)state;
	static const char *const payloads[] = {
		"%3Cscript%3Ealert(1)%3C%2Fscript%3E",
		"%22%3E%3Cimg+src%3Dx+onerror%3Dalert(1)%3E",
		"%27onmouseover%3D%27alert(1)",
		"javascript%3Aalert(1)",
		"%3C%2Ftitle%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E",
		"%7B%7Bq%7D%7D%7B%7B%23q%7D%7D",
		"%3Csvg%2Fonload%3Dalert(1)%3E",
	};
	static const char *const params[] = { "q", "cat", "site", "from", "to", "page", "sort",
					       "format", "complete", "asset", "x" };
	static const char *const forbidden[] = {
		"<script>", "<img", "<svg", "\"onerror", "'onmouseover",
		"href=\"javascript:", "</title><",
	};
	for (size_t p = 0; p < sizeof payloads / sizeof payloads[0]; p++) {
		for (size_t k = 0; k < sizeof params / sizeof params[0]; k++) {
			char qs[512];
			int st;
			snprintf(qs, sizeof qs, "q=tin&%s=%s", params[k], payloads[p]);
			if (strcmp(params[k], "q") == 0)
				snprintf(qs, sizeof qs, "q=%s", payloads[p]);
			for (int json = 0; json < 2; json++) {
				if (json)
					strncat(qs, "&format=json", sizeof qs - strlen(qs) - 1);
				char *r = handle("GET", qs, NULL, &st);
				assert_true(st == 200 || st == 400 || st == 404);
				if (strstr(r, "Content-Type: application/json; charset=utf-8\r\n")) {
					/* JSON is never sniffed as HTML */
					assert_non_null(strstr(r, "X-Content-Type-Options: nosniff"));
					free(r);
					continue;
				}
				for (size_t f = 0; f < sizeof forbidden / sizeof forbidden[0]; f++) {
					if (strstr(r, forbidden[f])) {
						print_error("%s leaks %s\n", qs, forbidden[f]);
						fail();
					}
				}
				free(r);
			}
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_expand),
		cmocka_unit_test(test_defaults_expand),
		cmocka_unit_test(test_templates_dir),
		cmocka_unit_test(test_marked),
		cmocka_unit_test(test_complete_json),
		cmocka_unit_test(test_cache_ways),
		cmocka_unit_test(test_config),
		cmocka_unit_test(test_config_load),
		cmocka_unit_test(test_page),
		cmocka_unit_test(test_front_and_empty),
		cmocka_unit_test(test_json_and_complete),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_missing_index),
		cmocka_unit_test(test_reopen_on_update),
		cmocka_unit_test(test_bound),
		cmocka_unit_test(test_xss_everywhere),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
