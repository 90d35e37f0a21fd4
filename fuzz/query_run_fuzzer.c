/* query_run_fuzzer.c — the whole query path on arbitrary bytes typed into
 * the search box: canonical text and legacy readings, parsing, the Xapian
 * query, re-ranking, snippets and marks, suggestions (Telex, corrections,
 * the accent decoder) and the JSON, over a small real index built once in
 * a scratch directory. It must never fail except on memory or time, and
 * every mark must fall inside its string. */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vn_article.h"
#include "vn_index.h"
#include "vn_query.h"

static vn_query_engine *E;

/* A few articles whose words the seeds reach: accents, abbreviations,
 * legal numbers, joined words, numbers in titles. */
static const struct { const char *id, *title, *date, *body, *summary; } docs[] = {
	{ "a1", "Đảng ủy phường Tân An phát triển đảng viên", "2023-03-21",
	  "Hội nghị chuyên đề về công tác phát triển Đảng viên; UBND phường và Ủy ban nhân dân tỉnh.", NULL },
	{ "a2", "Thông tư số 08/2023/TT-BKHĐT", "2023-10-02", "Quy định mã số; Quyết định 135/QĐ-UBND.", NULL },
	{ "a3", "Sở Giáo dục họp lần 2", NULL, "Sở Giáo dục và Đào tạo; nước Đức; Covid-19 và covid19; G-20.",
	  "Lịch tiếp công dân tháng 7" },
	{ "a4", "Hội đồng nhân dân HĐND kỳ họp thứ 12", "2024-07-02",
	  "Nghị quyết HĐND; bảo hiểm xã hội BHXH; TP.HCM và Thành phố Hồ Chí Minh; hoà và hòa, thuỷ và thủy.", NULL },
};

static char scratch[] = "/tmp/vn_query_run_fuzzer.XXXXXX";

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	remove(path);
	return 0;
}

/* The scratch index goes when the process ends (libFuzzer and the replay
 * test both exit normally). */
static void remove_scratch(void)
{
	vn_query_close(E);
	E = NULL;
	nftw(scratch, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void build(void)
{
	char *dir = scratch;
	if (!mkdtemp(dir))
		abort();
	atexit(remove_scratch);
	char path[64];
	snprintf(path, sizeof path, "%s/idx", dir);
	vn_index_options o = { 0 };
	o.threads = 1;
	o.parallel = -1;
	vn_index *ix = NULL;
	vn_error err = VN_ERROR_INIT;
	if (vn_index_open(&ix, path, &o, &err))
		abort();
	for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
		vn_article a;
		memset(&a, 0, sizeof a);
		a.id = docs[i].id;
		a.title = docs[i].title;
		a.date = docs[i].date;
		a.body = docs[i].body;
		a.summary = docs[i].summary;
		int res;
		if (vn_index_add(ix, &a, &res, &err) || res == VN_INDEX_FAILED)
			abort();
	}
	if (vn_index_commit(ix, &err))
		abort();
	vn_index_free(ix);
	const char *paths[1] = { path };
	vn_query_config cfg = VN_QUERY_CONFIG_INIT;
	cfg.synonyms_path = VN_FUZZ_SYNONYMS;
	if (vn_query_open(&E, paths, 1, &cfg, &err))
		abort();
}

static void check_marks(const char *s, const vn_query_span *m, size_t n)
{
	size_t len = s ? strlen(s) : 0;
	for (size_t i = 0; i < n; i++)
		if (m[i].start > len || m[i].len > len - m[i].start)
			__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!E)
		build();
	/* query_len 0 means "up to the NUL": the text is given NUL-terminated */
	char *q = malloc(size + 1);
	if (!q)
		return 0;
	memcpy(q, data, size);
	q[size] = 0;
	vn_query_request rq = VN_QUERY_REQUEST_INIT;
	rq.query = q;
	rq.query_len = size;
	rq.sort = size ? data[0] % 3 : 0;
	rq.want_facets = size > 1 && (data[1] & 1);
	vn_query_result *r = NULL;
	vn_error err = VN_ERROR_INIT;
	int rc = vn_query_run(E, &rq, &r, &err);
	if (rc == 0) {
		for (size_t i = 0; i < r->n_hits; i++) {
			check_marks(r->hits[i].title, r->hits[i].title_marks, r->hits[i].n_title_marks);
			check_marks(r->hits[i].snippet, r->hits[i].snippet_marks, r->hits[i].n_snippet_marks);
		}
		vn_buf b = VN_BUF_INIT;
		if (vn_query_result_json(r, &b) == 0 && b.data && !vn_utf8_valid(b.data, b.len))
			__builtin_trap();
		vn_buf_free(&b);
	}
	vn_query_result_free(r);
	free(q);
	return 0;
}
