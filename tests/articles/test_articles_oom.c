/* test_articles_oom.c — house style 15: fail the Nth allocation, for every
 * N, while reading a directory that holds every input format. The reader
 * must report VN_ENOMEM or a failed record, never crash or leak (run under
 * ASan). Allocations of the readers and vn_base are caught with the
 * linker's --wrap, jansson's through its allocator hook. libxml2's are not
 * failed: libxml2 2.9.14 loops forever in htmlParseDocument when its
 * allocator fails (seen here with xmlMemSetup). */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <jansson.h>
#include <cmocka.h>

#include "vn_article_int.h"

static long countdown = -1;   /* < 0: never fail */
static long failed;

static int fail_now(void)
{
	if (countdown >= 0 && countdown-- == 0) {
		failed++;
		return 1;
	}
	return 0;
}

void *__real_malloc(size_t n);
void *__real_calloc(size_t a, size_t b);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);

void *__wrap_malloc(size_t n)
{
	return fail_now() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t a, size_t b)
{
	return fail_now() ? NULL : __real_calloc(a, b);
}

void *__wrap_realloc(void *p, size_t n)
{
	return fail_now() ? NULL : __real_realloc(p, n);
}

char *__wrap_strdup(const char *s)
{
	return fail_now() ? NULL : __real_strdup(s);
}

char *__wrap_strndup(const char *s, size_t n)
{
	return fail_now() ? NULL : __real_strndup(s, n);
}

static void *lib_malloc(size_t n)
{
	return fail_now() ? NULL : __real_malloc(n);
}

static char dir[256];

static void put(const char *rel, const char *text)
{
	char p[512];
	snprintf(p, sizeof p, "%s/%s", dir, rel);
	FILE *f = fopen(p, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Reads everything; returns how many records came and whether it ended
 * with VN_ENOMEM. */
static int read_all(const char *conf, size_t *records)
{
	vn_article_options o = { conf, 0 };
	vn_article_reader *r = NULL;
	vn_error err = VN_ERROR_INIT;
	*records = 0;
	int rc = vn_article_reader_open(&r, dir, &o, &err);
	if (rc < 0) {
		assert_int_equal(rc, VN_ENOMEM);
		assert_null(r);
		return rc;
	}
	for (;;) {
		vn_article a;
		int st = -1;
		rc = vn_article_next(r, &a, &st, &err);
		if (rc <= 0)
			break;
		(*records)++;
		if (st == VN_ARTICLE_FAILED)
			assert_true(err.msg[0] != '\0');
		else
			assert_true(a.id != NULL);
	}
	vn_article_reader_free(r);
	if (rc < 0)
		assert_int_equal(rc, VN_ENOMEM);
	return rc;
}

static void test_every_allocation_fails_once(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/vn-articles-oom-XXXXXX");
	assert_non_null(mkdtemp(dir));
	put("a.jsonl", "{\"id\": \"1\", \"title\": \"Tiêu đề\", \"body\": [\"p1\", \"p2\"], \"date\": \"21/03/2023\"}\n"
		       "{\"id\": 2, \"title\": null, \"body\": \"b \xff\", \"kind\": \"legal\", \"source\": \"x\"}\n"
		       "{bad}\n{\"id\": \"3\", \"deleted\": true}\n");
	put("b.json", "[{\"id\": \"j\", \"title\": \"t\", \"body\": \"b\"}]");
	put("c.txt", "TIÊU ĐỀ\nTIÊU ĐỀ (21/03/2023)\nThân bài.\n\nVõ Còn\nLượt xem: 3\n");
	put("d.html", "<html lang='vi'><head><title>Tin - Cổng</title><meta property='og:title' content='Tin'>"
		      "<link rel='canonical' href='https://a.gov.vn/x'></head><body><nav>m</nav>"
		      "<div class='news'><h1>Tin</h1><span class='d'>Thứ ba, 21/03/2023</span>"
		      "<div class='c'><p>Một.</p><p class='by'>Lan</p></div></div></body></html>");
	put("sites.conf", "[default]\ndrop = nav\n[site a.gov.vn]\ntitle = div.news h1\nbody = div.c\n"
			  "date = span.d\nauthor = p.by\n");
	char conf[300];
	snprintf(conf, sizeof conf, "%s/sites.conf", dir);

	size_t full;
	countdown = -1;
	assert_int_equal(read_all(conf, &full), 0);
	assert_int_equal(full, 7);

	json_set_alloc_funcs(lib_malloc, free);
	long n;
	for (n = 0; n < 100000; n++) {
		countdown = n;
		failed = 0;
		size_t got;
		int rc = read_all(conf, &got);
		if (n == 0)   /* the reader's own first allocation is caught */
			assert_int_equal(rc, VN_ENOMEM);
		if (failed == 0)
			break;   /* the run needed fewer than n allocations: all covered */
	}
	countdown = -1;
	json_set_alloc_funcs(malloc, free);
	print_message("failed each of the first %ld allocations in turn\n", n);
	assert_true(n > 100);

	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_allocation_fails_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
