/*
 * article_page_fuzzer.c — the scraped-page parser (title, date line, body,
 * by-line, boilerplate markers) over arbitrary bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vn_article_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	vn_article__doc d;
	vn_error err = VN_ERROR_INIT;
	int rc = vn_article__parse_page(&d, (const char *)data, size, &err);
	if (rc == 0) {
		if (!d.title || !d.body || d.title_len == 0 || d.body_len == 0)
			abort();
		/* a page that is not UTF-8 is decoded: one byte becomes at most
		 * three (a Windows-1252 symbol, or U+FFFD) */
		if (d.body_len > 3 * size || d.title_len > 3 * size)
			abort();
		if (!vn_utf8_valid(d.title, d.title_len) || !vn_utf8_valid(d.body, d.body_len))
			abort();
		/* lines are trimmed and blank ones dropped */
		if (d.body[0] == '\n' || d.body[d.body_len - 1] == '\n' || strstr(d.body, "\n\n"))
			abort();
		if (d.date) {
			char x[11];
			if (vn_article_parse_date(x, d.date, strlen(d.date)) != 0)
				abort();
		}
		vn_article__doc_free(&d);
	} else if (rc != VN_EINVAL && rc != VN_ENOMEM) {
		abort();
	} else if (d.title || d.body) {
		abort();
	}
	return 0;
}
