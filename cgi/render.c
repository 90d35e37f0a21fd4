/*
 * render.c — the page, the hits, the pagination, the error pages, the
 * OpenSearch description and the autocomplete JSON. Every value from the
 * request or the index reaches the output through vn_escape_html,
 * vn_escape_url or vn_json_string (house style 12); markup built here is
 * handed to templates as html variables, everything else as text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vn_cgi.h"

#define NV(a) (sizeof(a) / sizeof((a)[0]))
#define TEXT(n, v) { n, v, slen(v), 0 }
#define HTML(n, b) { n, (b).data, (b).len, 1 }

static size_t slen(const char *s)
{
	return s ? strlen(s) : 0;
}

const char *vn_cgi_status_text(int status)
{
	switch (status) {
	case 200: return "OK";
	case 400: return "Bad Request";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 413: return "Content Too Large";
	case 415: return "Unsupported Media Type";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return "Error";
	}
}

int vn_cgi_headers(vn_buf *out, int status, const char *content_type, const char *cache,
		   size_t content_length)
{
	/* No inline script or style anywhere, so 'self' is all the page needs;
	 * form-action keeps a restyled template from posting elsewhere. */
	return vn_buf_printf(out,
			     "Status: %d %s\r\n"
			     "Content-Type: %s\r\n"
			     "Content-Length: %zu\r\n"
			     "Cache-Control: %s\r\n"
			     "Content-Security-Policy: default-src 'self'; img-src 'self' data:; "
			     "object-src 'none'; base-uri 'none'; form-action 'self'; "
			     "frame-ancestors 'self'\r\n"
			     "X-Content-Type-Options: nosniff\r\n"
			     "Referrer-Policy: same-origin\r\n"
			     "\r\n",
			     status, vn_cgi_status_text(status), content_type, content_length,
			     cache ? cache : "no-store");
}

/* "2023-09-05" → "05/09/2023"; anything else is shown as it is. */
static void show_date(char out[11], const char *iso)
{
	if (iso && strlen(iso) == 10 && iso[4] == '-' && iso[7] == '-') {
		memcpy(out, iso + 8, 2);
		out[2] = '/';
		memcpy(out + 3, iso + 5, 2);
		out[5] = '/';
		memcpy(out + 6, iso, 4);
		out[10] = 0;
	} else {
		snprintf(out, 11, "%s", iso ? iso : "");
	}
}

/* Only absolute http(s) URLs become links: javascript:, data: and relative
 * paths from an index never reach an href. */
static int linkable(const char *url)
{
	return url && (strncasecmp(url, "http://", 7) == 0 || strncasecmp(url, "https://", 8) == 0);
}

/* Append "self?q=…&…&page=N" (raw: the caller escapes it for its context). */
static int search_url(vn_buf *out, const vn_cgi_site *site, const vn_cgi_request *req,
		      const char *q, int page)
{
	int rc = vn_buf_puts(out, site->self_url ? site->self_url : "");
	rc = rc ? rc : vn_buf_puts(out, "?q=");
	rc = rc ? rc : vn_escape_url(out, q, strlen(q));
	if (!rc && req->from_shown[0]) {
		rc = vn_buf_puts(out, "&from=");
		rc = rc ? rc : vn_escape_url(out, req->from_shown, strlen(req->from_shown));
	}
	if (!rc && req->to_shown[0]) {
		rc = vn_buf_puts(out, "&to=");
		rc = rc ? rc : vn_escape_url(out, req->to_shown, strlen(req->to_shown));
	}
	if (!rc && req->cat) {
		rc = vn_buf_puts(out, "&cat=");
		rc = rc ? rc : vn_escape_url(out, req->cat, strlen(req->cat));
	}
	if (!rc && req->site) {
		rc = vn_buf_puts(out, "&site=");
		rc = rc ? rc : vn_escape_url(out, req->site, strlen(req->site));
	}
	if (!rc && req->sort_given) {
		static const char *const names[] = { "hybrid", "relevance", "date" };
		rc = vn_buf_printf(out, "&sort=%s", names[req->sort]);
	}
	if (!rc && page > 1)
		rc = vn_buf_printf(out, "&page=%d", page);
	return rc;
}

int vn_cgi_render_marked(vn_buf *out, const char *text, const vn_query_span *marks,
			 size_t n_marks)
{
	size_t len = text ? strlen(text) : 0, at = 0;
	int rc = 0;
	for (size_t i = 0; i < n_marks && rc == 0; i++) {
		size_t s = marks[i].start, e = s + marks[i].len;
		if (marks[i].len == 0 || s < at || e > len)
			continue; /* out of order, overlapping or out of range */
		rc = vn_escape_html(out, text + at, s - at);
		rc = rc ? rc : vn_buf_puts(out, "<mark>");
		rc = rc ? rc : vn_escape_html(out, text + s, e - s);
		rc = rc ? rc : vn_buf_puts(out, "</mark>");
		at = e;
	}
	return rc ? rc : vn_escape_html(out, text + at, len - at);
}

static int render_hit(vn_buf *out, const vn_cgi_templates *t, const vn_query_hit *h, size_t rank)
{
	vn_buf title = VN_BUF_INIT, snippet = VN_BUF_INIT;
	char date[11], num[24];
	int rc;
	show_date(date, h->date);
	snprintf(num, sizeof num, "%zu", rank);
	rc = vn_cgi_render_marked(&title, h->title && *h->title ? h->title : "(không có tiêu đề)",
				  h->title && *h->title ? h->title_marks : NULL,
				  h->n_title_marks);
	rc = rc ? rc : vn_cgi_render_marked(&snippet, h->snippet, h->snippet_marks,
					    h->n_snippet_marks);
	rc = rc ? rc : vn_buf_reserve(&title, 1);
	rc = rc ? rc : vn_buf_reserve(&snippet, 1);
	if (!rc) {
		vn_cgi_var vars[] = {
			TEXT("url", linkable(h->url) ? h->url : NULL),
			HTML("title", title),
			TEXT("date", date),
			TEXT("category", h->category),
			TEXT("site", h->site),
			HTML("snippet", snippet),
			TEXT("rank", num),
		};
		rc = vn_cgi_expand(out, t->text[VN_TPL_HIT], t->len[VN_TPL_HIT], vars, NV(vars));
	}
	vn_buf_free(&title);
	vn_buf_free(&snippet);
	return rc;
}

static int render_pagination(vn_buf *out, const vn_cgi_templates *t, const vn_cgi_site *site,
			     const vn_cgi_request *req, int pages)
{
	vn_buf links = VN_BUF_INIT, prev = VN_BUF_INIT, next = VN_BUF_INIT, url = VN_BUF_INIT;
	char cur[16], tot[16];
	int rc = 0, first = req->page - 4, last;
	if (first < 1)
		first = 1;
	last = first + 9;
	if (last > pages)
		last = pages;
	if (last - 9 < first && last - 9 >= 1)
		first = last - 9;
	for (int p = first; p <= last && rc == 0; p++) {
		if (p == req->page) {
			rc = vn_buf_printf(&links, "<span class=\"vs-page-current\" "
					   "aria-current=\"page\">%d</span>", p);
			continue;
		}
		vn_buf_clear(&url);
		rc = search_url(&url, site, req, req->q, p);
		rc = rc ? rc : vn_buf_puts(&links, "<a class=\"vs-page\" href=\"");
		rc = rc ? rc : vn_escape_html(&links, url.data, url.len);
		rc = rc ? rc : vn_buf_printf(&links, "\">%d</a>", p);
	}
	if (!rc && req->page > 1 && req->page <= pages)
		rc = search_url(&prev, site, req, req->q, req->page - 1);
	if (!rc && req->page < pages)
		rc = search_url(&next, site, req, req->q, req->page + 1);
	snprintf(cur, sizeof cur, "%d", req->page);
	snprintf(tot, sizeof tot, "%d", pages);
	rc = rc ? rc : vn_buf_reserve(&links, 1);
	if (!rc) {
		vn_cgi_var vars[] = {
			TEXT("current", cur),
			TEXT("total", tot),
			TEXT("prev_url", prev.data),
			TEXT("next_url", next.data),
			HTML("pages", links),
		};
		rc = vn_cgi_expand(out, t->text[VN_TPL_PAGINATION], t->len[VN_TPL_PAGINATION], vars,
				   NV(vars));
	}
	vn_buf_free(&links);
	vn_buf_free(&prev);
	vn_buf_free(&next);
	vn_buf_free(&url);
	return rc;
}

static int option(vn_buf *out, const char *value, const char *label, int selected)
{
	int rc = vn_buf_puts(out, "<option value=\"");
	rc = rc ? rc : vn_escape_html(out, value, strlen(value));
	rc = rc ? rc : vn_buf_puts(out, selected ? "\" selected>" : "\">");
	rc = rc ? rc : vn_escape_html(out, label, strlen(label));
	return rc ? rc : vn_buf_puts(out, "</option>");
}

static int category_options(vn_buf *out, const vn_cgi_request *req, const vn_query_result *res)
{
	int rc = option(out, "", "Tất cả chuyên mục", !req->cat), found = 0;
	for (size_t f = 0; res && f < res->n_facets && rc == 0; f++) {
		const vn_query_facet *fa = &res->facets[f];
		if (!fa->name || strcmp(fa->name, "category") != 0)
			continue;
		for (size_t i = 0; i < fa->n_values && rc == 0; i++) {
			const char *v = fa->values[i].value;
			char label[64];
			vn_buf l = VN_BUF_INIT;
			if (!v || !*v)
				continue;
			int sel = req->cat && strcmp(req->cat, v) == 0;
			found |= sel;
			/* "~": scaled from a sample of the matches, not counted */
			snprintf(label, sizeof label, res->facets_estimated ? " (~%u)" : " (%u)",
				 fa->values[i].count);
			rc = vn_buf_puts(&l, v);
			rc = rc ? rc : vn_buf_puts(&l, label);
			rc = rc ? rc : option(out, v, l.data, sel);
			vn_buf_free(&l);
		}
	}
	if (!rc && req->cat && !found)
		rc = option(out, req->cat, req->cat, 1);
	return rc;
}

static int sort_options(vn_buf *out, const vn_cgi_request *req)
{
	int rc = option(out, "hybrid", "Phù hợp và mới", req->sort == VN_QUERY_SORT_HYBRID);
	rc = rc ? rc : option(out, "relevance", "Phù hợp nhất", req->sort == VN_QUERY_SORT_RELEVANCE);
	return rc ? rc : option(out, "date", "Mới nhất", req->sort == VN_QUERY_SORT_DATE);
}

/* The page around a body; error (text) set for error pages. */
static int render_frame(vn_buf *out, const vn_cgi_templates *t, const vn_cgi_site *site,
			const vn_cgi_request *req, const vn_query_result *res, const char *error,
			const vn_buf *summary, const vn_buf *suggestion, const vn_buf *message,
			const vn_buf *hits, const vn_buf *pagination)
{
	vn_buf cats = VN_BUF_INIT, sorts = VN_BUF_INIT, css = VN_BUF_INIT, js = VN_BUF_INIT,
	       os = VN_BUF_INIT;
	const char *self = site->self_url ? site->self_url : "";
	int rc = category_options(&cats, req, res);
	rc = rc ? rc : sort_options(&sorts, req);
	rc = rc ? rc : vn_buf_printf(&css, "%s?asset=vnsearch.css", self);
	rc = rc ? rc : vn_buf_printf(&js, "%s?asset=app.js", self);
	rc = rc ? rc : vn_buf_printf(&os, "%s?opensearch=1", self);
	/* The form always submits sort, so only a non-default one opens the panel. */
	int filtered = req && (req->from[0] || req->to[0] || req->cat || req->site ||
			       req->sort != VN_QUERY_SORT_HYBRID);
	if (!rc) {
		static const vn_buf none = VN_BUF_INIT;
		vn_cgi_var vars[] = {
			TEXT("site_name", site->site_name),
			TEXT("self_url", *self ? self : "?"),
			TEXT("css_url", css.data),
			TEXT("js_url", js.data),
			TEXT("opensearch_url", os.data),
			TEXT("q", req ? req->q : ""),
			TEXT("from", req ? req->from_shown : ""),
			TEXT("to", req ? req->to_shown : ""),
			TEXT("site", req ? req->site : NULL),
			TEXT("filters_open", filtered ? "open" : NULL),
			TEXT("searched", res ? "1" : NULL),
			TEXT("error", error),
			TEXT("note", res ? res->note : NULL),
			HTML("category_options", cats),
			HTML("sort_options", sorts),
			HTML("summary", summary ? *summary : none),
			HTML("suggestion", suggestion ? *suggestion : none),
			HTML("message", message ? *message : none),
			HTML("hits", hits ? *hits : none),
			HTML("pagination", pagination ? *pagination : none),
		};
		rc = vn_cgi_expand(out, t->text[VN_TPL_PAGE], t->len[VN_TPL_PAGE], vars, NV(vars));
	}
	vn_buf_free(&cats);
	vn_buf_free(&sorts);
	vn_buf_free(&css);
	vn_buf_free(&js);
	vn_buf_free(&os);
	return rc;
}

static int link_to(vn_buf *out, const char *url, size_t n, const char *text)
{
	int rc = vn_buf_puts(out, "<a href=\"");
	rc = rc ? rc : vn_escape_html(out, url, n);
	rc = rc ? rc : vn_buf_puts(out, "\">");
	rc = rc ? rc : vn_escape_html(out, text, strlen(text));
	return rc ? rc : vn_buf_puts(out, "</a>");
}

int vn_cgi_render_page(vn_buf *out, const vn_cgi_templates *t, const vn_cgi_site *site,
		       const vn_cgi_request *req, const vn_query_result *res)
{
	vn_buf summary = VN_BUF_INIT, sugg = VN_BUF_INIT, msg = VN_BUF_INIT, hits = VN_BUF_INIT,
	       pag = VN_BUF_INIT, url = VN_BUF_INIT;
	int rc = 0;
	if (res) {
		int ps = site->page_size > 0 ? site->page_size : 10;
		unsigned long long pages = ((unsigned long long)res->total + (unsigned)ps - 1) /
					   (unsigned)ps;
		if (pages > VN_CGI_MAX_PAGE)
			pages = VN_CGI_MAX_PAGE;
		if (res->total > 0)
			rc = vn_buf_printf(&summary, "Tìm thấy %s<strong>%u</strong> kết quả",
					   res->total_exact ? "" : "khoảng ", res->total);
		if (!rc && res->suggestion && *res->suggestion && res->suggestion_searched) {
			rc = vn_buf_puts(&sugg, "Không có kết quả cho «");
			rc = rc ? rc : vn_escape_html(&sugg, req->q, req->q_len);
			rc = rc ? rc : vn_buf_puts(&sugg, "». Hiển thị kết quả cho: <strong>");
			rc = rc ? rc : vn_escape_html(&sugg, res->suggestion, strlen(res->suggestion));
			rc = rc ? rc : vn_buf_puts(&sugg, "</strong>");
		} else if (!rc && res->suggestion && *res->suggestion) {
			rc = search_url(&url, site, req, res->suggestion, 1);
			rc = rc ? rc : vn_buf_puts(&sugg, "Có phải bạn muốn tìm: ");
			rc = rc ? rc : link_to(&sugg, url.data, url.len, res->suggestion);
		}
		if (!rc && res->total == 0) {
			rc = vn_buf_puts(&msg, "<p class=\"vs-empty-title\">Không tìm thấy kết quả nào");
			if (!rc && req->q_len) {
				rc = vn_buf_puts(&msg, " cho «");
				rc = rc ? rc : vn_escape_html(&msg, req->q, req->q_len);
				rc = rc ? rc : vn_buf_puts(&msg, "»");
			}
			rc = rc ? rc : vn_buf_puts(&msg, ".</p><ul class=\"vs-tips\">"
				"<li>Kiểm tra lại chính tả, hoặc gõ không dấu (ví dụ: <em>dang vien</em>).</li>"
				"<li>Dùng ít từ hơn hoặc từ phổ biến hơn.</li>");
			if (!rc && (req->from[0] || req->to[0] || req->cat || req->site)) {
				vn_cgi_request plain = *req;
				plain.from[0] = plain.to[0] = 0;
				plain.from_shown[0] = plain.to_shown[0] = 0;
				plain.cat = plain.site = NULL;
				vn_buf_clear(&url);
				rc = search_url(&url, site, &plain, req->q, 1);
				rc = rc ? rc : vn_buf_puts(&msg, "<li>");
				rc = rc ? rc : link_to(&msg, url.data, url.len,
						       "Bỏ bộ lọc ngày và chuyên mục");
				rc = rc ? rc : vn_buf_puts(&msg, ".</li>");
			}
			rc = rc ? rc : vn_buf_puts(&msg, "</ul>");
		} else if (!rc && res->n_hits == 0) {
			/* A page past the end: say so and link back to the last one. */
			vn_buf_clear(&url);
			rc = search_url(&url, site, req, req->q, (int)(pages ? pages : 1));
			rc = rc ? rc : vn_buf_printf(&msg, "<p class=\"vs-empty-title\">Trang %d không "
						     "có kết quả.</p><p>", req->page);
			rc = rc ? rc : link_to(&msg, url.data, url.len, "Quay lại trang cuối");
			rc = rc ? rc : vn_buf_puts(&msg, "</p>");
		}
		for (size_t i = 0; i < res->n_hits && rc == 0; i++)
			rc = render_hit(&hits, t, &res->hits[i], (size_t)res->offset + i + 1);
		if (!rc && pages > 1 && res->n_hits > 0)
			rc = render_pagination(&pag, t, site, req, (int)pages);
	}
	rc = rc ? rc : render_frame(out, t, site, req, res, NULL, &summary, &sugg, &msg, &hits, &pag);
	vn_buf_free(&summary);
	vn_buf_free(&sugg);
	vn_buf_free(&msg);
	vn_buf_free(&hits);
	vn_buf_free(&pag);
	vn_buf_free(&url);
	return rc;
}

int vn_cgi_render_error(vn_buf *out, const vn_cgi_templates *t, const vn_cgi_site *site,
			int status, const char *message, const vn_cgi_request *req)
{
	vn_cgi_request empty;
	char line[600];
	memset(&empty, 0, sizeof empty);
	empty.q = (char *)"";
	empty.page = 1;
	/* A 400 does not refill the box: the value may be what was malformed. */
	if (!req || status == 400 || !req->q)
		req = &empty;
	snprintf(line, sizeof line, "%s", message ? message : vn_cgi_status_text(status));
	return render_frame(out, t, site, req, NULL, line, NULL, NULL, NULL, NULL, NULL);
}

int vn_cgi_render_opensearch(vn_buf *out, const vn_cgi_templates *t, const vn_cgi_site *site)
{
	vn_buf tpl = VN_BUF_INIT, sugg = VN_BUF_INIT;
	const char *base = site->base_url ? site->base_url : "";
	int rc = vn_buf_printf(&tpl, "%s?q={searchTerms}", base);
	rc = rc ? rc : vn_buf_printf(&sugg, "%s?complete={searchTerms}", base);
	if (!rc) {
		vn_cgi_var vars[] = {
			TEXT("site_name", site->site_name),
			TEXT("search_url", tpl.data),
			TEXT("suggest_url", sugg.data),
			TEXT("base_url", base),
		};
		rc = vn_cgi_expand(out, t->text[VN_TPL_OPENSEARCH], t->len[VN_TPL_OPENSEARCH], vars,
				   NV(vars));
	}
	vn_buf_free(&tpl);
	vn_buf_free(&sugg);
	return rc;
}

int vn_cgi_render_complete(vn_buf *out, const char *list, size_t len, size_t n)
{
	size_t at = 0;
	int rc = vn_buf_putc(out, '[');
	for (size_t i = 0; i < n && at < len && rc == 0; i++) {
		const char *s = list + at;
		size_t l = strnlen(s, len - at);
		if (i)
			rc = vn_buf_putc(out, ',');
		rc = rc ? rc : vn_json_string(out, s, l);
		at += l + 1;
	}
	return rc ? rc : vn_buf_putc(out, ']');
}

int vn_cgi_render_json_error(vn_buf *out, int status, const char *message)
{
	int rc = vn_buf_puts(out, "{\"error\":");
	rc = rc ? rc : vn_json_string(out, message, strlen(message));
	return rc ? rc : vn_buf_printf(out, ",\"status\":%d}", status);
}
