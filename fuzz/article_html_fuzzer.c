/*
 * article_html_fuzzer.c — HTML pages with and without per-site selectors.
 * Input layout: when the input holds a line "====", what precedes it is a
 * selector file (sites.conf syntax, also fuzzed) and what follows is the
 * page; otherwise all of it is the page, read with the built-in defaults.
 * The page's directory name is "xa.hoian.gov.vn" (a site hint).
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vn_article_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	const char *sep = memmem(s, size, "\n====\n", 6);
	vn_article__html_config *cfg = NULL;
	vn_error err = VN_ERROR_INIT;
	if (sep) {
		if (vn_article__html_config_parse(&cfg, s, (size_t)(sep - s), "fuzz.conf", &err) != 0) {
			if (cfg || err.msg[0] == '\0')
				abort();
			return 0;
		}
		size -= (size_t)(sep + 6 - s);
		s = sep + 6;
	}
	vn_article__doc d;
	int rc = vn_article__parse_html(&d, s, size, cfg, "xa.hoian.gov.vn", &err);
	if (rc == 0) {
		if (!d.title || !d.body || strlen(d.title) != d.title_len || strlen(d.body) > d.body_len)
			abort();
		if (d.date) {
			char x[11];
			if (vn_article_parse_date(x, d.date, strlen(d.date)) != 0)
				abort();
		}
		vn_article__doc_free(&d);
	} else if (rc != VN_EINVAL && rc != VN_ENOMEM) {
		abort();
	}
	vn_article__html_config_free(cfg);
	return 0;
}
