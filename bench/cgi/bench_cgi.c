/*
 * bench_cgi — what one request costs inside a long-lived (FastCGI) process,
 * split between the query library and the CGI's own work. Opens the index
 * the way vnsearch.cgi does (VNSEARCH_CONFIG / VNSEARCH_DB), then answers
 * every query of a file ROUNDS times (after one untimed round) through
 * vn_cgi_app_handle (the answer cache off), and separately times vn_query_run alone with the request the
 * handler makes and the rendering of its result, so that
 *   handle = query library + CGI (parse, render, headers)
 * Prints medians and means in microseconds, then the five queries whose
 * search took longest (mean over the rounds), for the query library's work:
 *   bench_cgi format=html requests=... handle_med_us=... query_med_us=...
 *             render_med_us=... handle_mean_us=... query_mean_us=... render_mean_us=...
 *   bench_cgi slowest: "q" 12.3 ms, ...
 * Usage: bench_cgi [--json] QUERIES_FILE [ROUNDS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vn_cgi.h"

static double now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_double);
	return n ? v[n / 2] : 0;
}

static double mean(const double *v, size_t n)
{
	double s = 0;
	for (size_t i = 0; i < n; i++)
		s += v[i];
	return n ? s / (double)n : 0;
}

static const char *env_get(void *payload, const char *name)
{
	(void)payload;
	return getenv(name);
}

static void log_stderr(void *payload, const char *line)
{
	(void)payload;
	fprintf(stderr, "%s\n", line);
}

int main(int argc, char **argv)
{
	int ai = 1, json = 0;
	if (ai < argc && strcmp(argv[ai], "--json") == 0) {
		json = 1;
		ai++;
	}
	if (ai >= argc) {
		fputs("usage: bench_cgi [--json] QUERIES_FILE [ROUNDS]\n", stderr);
		return 2;
	}
	int rounds = ai + 1 < argc ? atoi(argv[ai + 1]) : 3;
	FILE *f = fopen(argv[ai], "r");
	if (!f) {
		fprintf(stderr, "bench_cgi: cannot open %s\n", argv[ai]);
		return 1;
	}
	/* Each query as the query string the search box sends. */
	vn_buf qs = VN_BUF_INIT;
	size_t nq = 0, cap = 0;
	size_t *at = NULL;
	char line[1024];
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = 0;
		if (!*line)
			continue;
		char *args[2] = { NULL, NULL };
		vn_buf a = VN_BUF_INIT;
		vn_buf_printf(&a, "q=%s", line);
		args[0] = a.data;
		args[1] = json ? "format=json" : NULL;
		if (nq == cap) {
			cap = cap ? cap * 2 : 256;
			at = realloc(at, cap * sizeof *at);
		}
		at[nq++] = qs.len;
		if (!at || vn_cgi_args_to_query(&qs, json ? 2 : 1, args) || vn_buf_putc(&qs, 0)) {
			fputs("bench_cgi: out of memory\n", stderr);
			return 1;
		}
		vn_buf_free(&a);
	}
	fclose(f);

	vn_cgi_app app;
	vn_cgi_app_init(&app, env_get, NULL);
	if (!app.config_ok) {
		fprintf(stderr, "bench_cgi: %s\n", app.config_err.msg);
		return 1;
	}
	size_t n = nq * (size_t)rounds;
	double *th = calloc(n, sizeof *th), *tq = calloc(n, sizeof *tq), *tr = calloc(n, sizeof *tr);
	double *per_q = calloc(nq, sizeof *per_q);   /* summed search time per query */
	if (!th || !tq || !tr || !per_q) {
		fputs("bench_cgi: out of memory\n", stderr);
		return 1;
	}
	vn_buf out = VN_BUF_INIT, page = VN_BUF_INIT;
	vn_cgi_server srv = { "/vnsearch.cgi", "127.0.0.1", 0 };
	vn_cgi_site site = { "vnsearch", "/vnsearch.cgi", NULL,
			     app.cfg.page_size > 0 ? app.cfg.page_size : 10 };
	/* One untimed round first: the first search of a query reads its
	 * blocks from disk, which would land on whichever side ran first. */
	for (size_t i = 0; i < nq; i++) {
		const char *s = qs.data + at[i];
		vn_cgi_input in = { "GET", s, strlen(s), NULL, NULL, 0, NULL };
		if (vn_cgi_app_handle(&app, &in, &srv, &out, log_stderr, NULL) != 0) {
			fputs("bench_cgi: handler failed\n", stderr);
			return 1;
		}
	}
	size_t k = 0;
	for (int r = 0; r < rounds; r++) {
		for (size_t i = 0; i < nq; i++, k++) {
			const char *s = qs.data + at[i];
			vn_cgi_input in = { "GET", s, strlen(s), NULL, NULL, 0, NULL };
			/* Whichever runs second finds the query's index blocks warm,
			 * so the order alternates by round. */
			for (int pass = 0; pass < 2; pass++) {
				if ((pass == 0) == (r % 2 == 0)) {
					double t0 = now_us();
					if (vn_cgi_app_handle(&app, &in, &srv, &out, log_stderr, NULL) != 0) {
						fputs("bench_cgi: handler failed\n", stderr);
						return 1;
					}
					th[k] = now_us() - t0;
					continue;
				}
				/* The same search on its own, then its rendering. */
				vn_cgi_request req;
				vn_error err = VN_ERROR_INIT;
				vn_query_result *res = NULL;
				if (vn_cgi_parse_request(&req, &in, &err) != 0 || !app.engine) {
					vn_cgi_request_free(&req);
					continue;
				}
				vn_query_request qr = VN_QUERY_REQUEST_INIT;
				qr.query = req.q;
				qr.query_len = req.q_len;
				qr.sort = req.sort;
				qr.limit = (uint32_t)site.page_size;
				qr.want_facets = !json;
				double t0 = now_us();
				int rc = vn_query_run(app.engine, &qr, &res, &err);
				tq[k] = now_us() - t0;
				per_q[i] += tq[k];
				if (rc == 0) {
					vn_buf_clear(&page);
					t0 = now_us();
					rc = json ? vn_query_result_json(res, &page)
						  : vn_cgi_render_page(&page, &app.tpl, &site, &req, res);
					tr[k] = now_us() - t0;
				}
				vn_query_result_free(res);
				vn_cgi_request_free(&req);
			}
		}
	}
	printf("bench_cgi format=%s requests=%zu handle_med_us=%.0f query_med_us=%.0f "
	       "render_med_us=%.0f handle_mean_us=%.0f query_mean_us=%.0f render_mean_us=%.0f\n",
	       json ? "json" : "html", n, median(th, n), median(tq, n), median(tr, n), mean(th, n),
	       mean(tq, n), mean(tr, n));
	fputs("bench_cgi slowest:", stdout);
	for (int top = 0; top < 5 && top < (int)nq; top++) {
		size_t best = 0;
		for (size_t i = 1; i < nq; i++)
			if (per_q[i] > per_q[best])
				best = i;
		vn_cgi_request req;
		vn_error err = VN_ERROR_INIT;
		const char *s = qs.data + at[best];
		vn_cgi_input in = { "GET", s, strlen(s), NULL, NULL, 0, NULL };
		if (vn_cgi_parse_request(&req, &in, &err) == 0)
			printf("%s \"%s\" %.1f ms", top ? "," : "", req.q, per_q[best] / rounds / 1000);
		vn_cgi_request_free(&req);
		per_q[best] = -1;
	}
	putchar('\n');
	free(per_q);
	free(th);
	free(tq);
	free(tr);
	free(at);
	vn_buf_free(&qs);
	vn_buf_free(&out);
	vn_buf_free(&page);
	vn_cgi_app_free(&app);
	return 0;
}
