/* test_articles_corpus.c — the real corpora (shared/corpus, shared/corpus-gov)
 * read through the directory reader: every article comes out, none fails.
 * Exits 77 (skipped) when the shared folder is absent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "vn_article.h"

typedef struct counts {
	size_t ok, failed, dated, deleted, warned, procedure, legal, news;
	size_t bytes;
} counts;

static void read_all(const char *dir, counts *c)
{
	memset(c, 0, sizeof *c);
	vn_article_reader *r = NULL;
	vn_error err = VN_ERROR_INIT;
	if (vn_article_reader_open(&r, dir, NULL, &err) != 0)
		fail_msg("open %s: %s", dir, err.msg);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		vn_article a;
		int st;
		int rc = vn_article_next(r, &a, &st, &err);
		assert_true(rc >= 0);
		if (rc == 0)
			break;
		if (st != VN_ARTICLE_OK) {
			if (c->failed < 5)
				print_message("FAILED: %s\n", err.msg);
			c->failed++;
			continue;
		}
		c->ok++;
		assert_non_null(a.id);
		assert_non_null(a.title);
		assert_non_null(a.body);
		assert_non_null(a.source);
		c->bytes += a.body_len + a.title_len;
		c->dated += a.date != NULL;
		c->warned += a.warning != NULL;
		c->deleted += a.deleted;
		c->procedure += strcmp(a.kind, "procedure") == 0;
		c->legal += strcmp(a.kind, "legal") == 0;
		c->news += strcmp(a.kind, "news") == 0;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	vn_article_reader_free(r);
	double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	print_message("%s: %zu articles, %zu failed, %zu dated, %zu with warnings, "
		      "%.1f MB of text in %.2f s (%.0f articles/s)\n",
		      dir, c->ok, c->failed, c->dated, c->warned, (double)c->bytes / 1e6, s,
		      s > 0 ? (double)c->ok / s : 0.0);
}

static void test_news_corpus(void **state)
{
	(void)state;
	counts c;
	read_all(VN_SHARED_DIR "/corpus", &c);
	assert_int_equal(c.ok, 37691);
	assert_int_equal(c.failed, 0);
	assert_int_equal(c.dated, 4058);   /* corpus/README.md, "Date coverage" */
	assert_int_equal(c.news, 37691);
	assert_int_equal(c.deleted, 0);
}

static void test_gov_corpus(void **state)
{
	(void)state;
	counts c;
	read_all(VN_SHARED_DIR "/corpus-gov", &c);
	assert_int_equal(c.ok, 6035);
	assert_int_equal(c.failed, 0);
	assert_int_equal(c.procedure, 2378);   /* corpus-gov/README.md */
	assert_int_equal(c.legal, 3657);
	assert_int_equal(c.dated, 3652);
	assert_int_equal(c.warned, 2);         /* the two Bình Dương documents without a number */
}

int main(void)
{
	if (access(VN_SHARED_DIR "/corpus", R_OK) != 0) {
		fprintf(stderr, "skipped: %s/corpus is absent\n", VN_SHARED_DIR);
		return 77;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_news_corpus),
		cmocka_unit_test(test_gov_corpus),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
