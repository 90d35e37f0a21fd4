/*
 * article_jsonl_fuzzer.c — JSON records through the article reader: JSON
 * Lines (repaired UTF-8, long lines, failures that must not stop the
 * reader) and .json documents.
 * Input layout: byte 0 picks the format (bit 0: .json instead of JSON Lines)
 * and a small body limit (bit 1) so the over-limit paths run; the rest is
 * the file.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vn_article_int.h"

static void check(const vn_article *a, int st)
{
	if (st != VN_ARTICLE_OK)
		return;
	if (!a->id || !a->kind || !a->lang)
		abort();
	if (a->deleted)
		return;
	if (!a->title || !a->body || !a->source)
		abort();
	if (a->date) {
		char d[11];
		if (strlen(a->date) != 10 || vn_article_parse_date(d, a->date, 10) != 0 || strcmp(d, a->date))
			abort();
	}
	/* the reader handed over repaired text: jansson accepted it */
	if (!vn_utf8_valid(a->title, a->title_len) || !vn_utf8_valid(a->body, a->body_len))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	vn_article_options o = { NULL, (data[0] & 2) ? 64 : 0 };
	enum vn_article__format fmt = (data[0] & 1) ? VN_ARTICLE_FMT_JSON : VN_ARTICLE_FMT_JSONL;
	vn_article_reader *r = NULL;
	vn_error err = VN_ERROR_INIT;
	if (vn_article__reader_open_memory(&r, fmt, (const char *)data + 1, size - 1, "fuzz.jsonl", &o,
					   &err) != 0)
		return 0;
	vn_article a;
	int st, rc;
	size_t n = 0;
	while ((rc = vn_article_next(r, &a, &st, &err)) > 0) {
		check(&a, st);
		if (st == VN_ARTICLE_FAILED && err.msg[0] == '\0')
			abort();   /* a failure always says why */
		if (++n > size + 2)
			abort();   /* never more records than lines */
	}
	if (rc < 0 && rc != VN_ENOMEM)
		abort();
	vn_article_reader_free(r);
	return 0;
}
