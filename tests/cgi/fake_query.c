/*
 * fake_query.c — a stand-in for the query library with canned answers, so
 * that the CGI's handler (statuses, headers, escaping of index data, error
 * paths) is tested without an index. The query text picks the answer:
 *   "boom"  → VN_EIO with a detail that must not reach the page
 *   "slow"  → VN_ETIMEOUT
 *   "none"  → no match
 *   "sample" → like other, with facet counts flagged as estimates
 *   other   → 23 matches whose titles and categories echo the query (so an
 *             XSS payload in q also arrives as "index data")
 * The real library is exercised by tests/web and tests/browser.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vn_query.h"

struct vn_query_engine {
	int opened;
};

static struct vn_query_engine the_engine;
int fake_query_opens;
int fake_query_runs;
unsigned fake_query_facet_sample; /* what the last open was given */
int fake_query_no_time_limit;

int vn_query_open(vn_query_engine **out, const char *const *paths, size_t npaths,
		  const vn_query_config *cfg, vn_error *err)
{
	fake_query_facet_sample = cfg ? cfg->facet_sample : 0;
	fake_query_no_time_limit = cfg ? cfg->no_time_limit : 0;
	if (npaths == 0 || strcmp(paths[0], "/nonexistent") == 0)
		return vn_error_set(err, VN_ENOTFOUND, "cannot open /nonexistent: secret-path-detail");
	fake_query_opens++;
	the_engine.opened++;
	*out = &the_engine;
	return 0;
}

void vn_query_close(vn_query_engine *e)
{
	if (e)
		e->opened--;
}

#define TOTAL 23

static char *dup(const char *s)
{
	return s ? strdup(s) : NULL;
}

int vn_query_run(vn_query_engine *e, const vn_query_request *req, vn_query_result **out,
		 vn_error *err)
{
	(void)e;
	fake_query_runs++;
	char q[600];
	snprintf(q, sizeof q, "%.*s", (int)req->query_len, req->query);
	if (strcmp(q, "boom") == 0)
		return vn_error_set(err, VN_EIO, "DatabaseError: secret-path-detail");
	if (strcmp(q, "slow") == 0)
		return vn_error_set(err, VN_ETIMEOUT, "time limit");
	vn_query_result *r = calloc(1, sizeof *r);
	r->query = dup(q);
	r->offset = req->offset;
	r->limit = req->limit;
	r->total_exact = 1;
	if (strcmp(q, "none") != 0) {
		r->total = TOTAL;
		r->suggestion = dup(strcmp(q, "dang vien") == 0 ? "đảng viên" : q);
		size_t n = req->offset < TOTAL ? TOTAL - req->offset : 0;
		if (n > req->limit)
			n = req->limit;
		r->hits = calloc(n ? n : 1, sizeof *r->hits);
		r->n_hits = n;
		for (size_t i = 0; i < n; i++) {
			vn_query_hit *h = &r->hits[i];
			char t[700];
			snprintf(t, sizeof t, "Đảng viên %s", q);
			h->id = dup("id");
			h->title = dup(t);
			h->title_marks = calloc(1, sizeof *h->title_marks);
			h->title_marks[0].start = 0;
			h->title_marks[0].len = (uint32_t)strlen("Đảng viên");
			h->n_title_marks = 1;
			h->date = dup(i % 2 ? "2023-09-05" : NULL);
			h->category = dup(i == 0 ? q : "Thời sự");
			h->url = dup(i % 3 == 0 ? "javascript:alert(1)"
				     : i % 3 == 1 ? "https://ubnd.example.vn/tin?id=1&x=\"><script>"
						  : "http://ubnd.example.vn/a");
			snprintf(t, sizeof t, "Hội nghị đảng viên <b>%s</b> & cuộc họp", q);
			h->snippet = dup(t);
			h->snippet_marks = calloc(2, sizeof *h->snippet_marks);
			h->snippet_marks[0].start = (uint32_t)strlen("Hội nghị ");
			h->snippet_marks[0].len = (uint32_t)strlen("đảng viên");
			h->snippet_marks[1].start = 5000; /* out of range: dropped */
			h->snippet_marks[1].len = 3;
			h->n_snippet_marks = 2;
		}
		r->facets = calloc(1, sizeof *r->facets);
		r->n_facets = 1;
		r->facets[0].name = dup("category");
		r->facets[0].values = calloc(2, sizeof *r->facets[0].values);
		r->facets[0].n_values = 2;
		r->facets[0].values[0].value = dup("Thời sự");
		r->facets[0].values[0].count = 20;
		r->facets[0].values[1].value = dup(q);
		r->facets[0].values[1].count = 3;
		r->facets_estimated = strcmp(q, "sample") == 0;
	}
	*out = r;
	return 0;
}

void vn_query_result_free(vn_query_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n_hits; i++) {
		vn_query_hit *h = &r->hits[i];
		free(h->id), free(h->title), free(h->date), free(h->category), free(h->site);
		free(h->kind), free(h->url), free(h->snippet), free(h->snippet_marks);
		free(h->title_marks);
	}
	free(r->hits);
	for (size_t f = 0; f < r->n_facets; f++) {
		for (size_t i = 0; i < r->facets[f].n_values; i++)
			free(r->facets[f].values[i].value);
		free(r->facets[f].values);
		free(r->facets[f].name);
	}
	free(r->facets);
	free(r->query), free(r->suggestion), free(r->note);
	free(r);
}

int vn_query_result_json(const vn_query_result *r, vn_buf *out)
{
	int rc = vn_buf_puts(out, "{\"query\":");
	rc = rc ? rc : vn_json_string(out, r->query, strlen(r->query));
	rc = rc ? rc : vn_buf_printf(out, ",\"total\":%u,\"hits\":[", r->total);
	for (size_t i = 0; i < r->n_hits && rc == 0; i++) {
		rc = vn_buf_puts(out, i ? ",{\"title\":" : "{\"title\":");
		rc = rc ? rc : vn_json_string(out, r->hits[i].title, strlen(r->hits[i].title));
		rc = rc ? rc : vn_buf_putc(out, '}');
	}
	return rc ? rc : vn_buf_puts(out, "]}");
}

int vn_query_complete(vn_query_engine *e, const char *prefix, size_t n, size_t limit,
		      vn_buf *out, size_t *out_n, vn_error *err)
{
	(void)e, (void)limit, (void)err;
	static const char list[] = "đảng viên\0đảng bộ\0\"quoted\"</script>";
	*out_n = 0;
	if (n >= 4 && memcmp(prefix, "dang", 4) == 0) {
		int rc = vn_buf_append(out, list, sizeof list);
		*out_n = 3;
		return rc;
	}
	return 0;
}
