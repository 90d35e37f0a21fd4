/* Parser of the query language (query/parse.c): operators, phrases,
 * filters, dates as typed, malformed syntax falling back to plain words,
 * the nesting cap and the word cap. Table-driven. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vn_query_int.h"

typedef struct pcase {
	const char *in;
	const char *canon;    /* vq_to_string */
	int syntax_error;
	const char *from, *to; /* "" = none */
	int has_root;
} pcase;

static const pcase cases[] = {
	{ "dang vien", "dang vien", 0, "", "", 1 },
	{ "  đảng   viên  ", "đảng viên", 0, "", "", 1 },
	{ "a AND b", "a b", 0, "", "", 1 },
	{ "a && b", "a b", 0, "", "", 1 },
	{ "a OR b", "a OR b", 0, "", "", 1 },
	{ "a || b c", "a OR b c", 0, "", "", 1 },
	{ "a or b", "a or b", 0, "", "", 1 },          /* lower case: words */
	{ "và hoặc", "và hoặc", 0, "", "", 1 },         /* Vietnamese: words */
	{ "a -b", "a -b", 0, "", "", 1 },
	{ "a NOT b", "a -b", 0, "", "", 1 },
	{ "a \xe2\x88\x92" "b", "a -b", 0, "", "", 1 },  /* U+2212 minus */
	{ "+a b", "a b", 0, "", "", 1 },
	{ "a - b", "a - b", 0, "", "", 1 },            /* a lone dash is a word */
	{ "KT-XH", "KT-XH", 0, "", "", 1 },
	{ "\"đảng viên\" mới", "\"đảng viên\" mới", 0, "", "", 1 },
	{ "\xe2\x80\x9c" "nông thôn mới" "\xe2\x80\x9d", "\"nông thôn mới\"", 0, "", "", 1 },
	{ "-\"a b\" c", "-\"a b\" c", 0, "", "", 1 },
	{ "(a OR b) c", "(a OR b) c", 0, "", "", 1 },
	{ "((a))", "a", 0, "", "", 1 },
	{ "a -(b OR c)", "a -(b OR c)", 0, "", "", 1 },
	{ "title:đảng viên", "title:đảng viên", 0, "", "", 1 },
	{ "title:\"đảng viên\"", "title:\"đảng viên\"", 0, "", "", 1 },
	{ "TITLE:x", "title:x", 0, "", "", 1 },
	{ "category:\"Thời sự\" x", "x category:\"Thời sự\"", 0, "", "", 1 },
	{ "site:abc.gov.vn kind:legal", "site:abc.gov.vn kind:legal", 0, "", "", 0 },
	{ "lang:en festival", "festival lang:en", 0, "", "", 1 },
	{ "http://x.vn", "http://x.vn", 0, "", "", 1 },  /* not a field */
	{ "title:", "", 0, "", "", 0 },
	/* dates */
	{ "ngân sách 21/03/2023", "ngân sách 21/03/2023", 0, "20230321", "20230321", 1 },
	{ "họp ngày 1/3/2023", "họp 01/03/2023", 0, "20230301", "20230301", 1 },
	{ "2023-03-21", "21/03/2023", 0, "20230321", "20230321", 0 },
	{ "tháng 3/2023", "từ 01/03/2023 đến 31/03/2023", 0, "20230301", "20230331", 0 },
	{ "Tháng 2/2024 họp", "họp từ 01/02/2024 đến 29/02/2024", 0, "20240201", "20240229", 1 },
	{ "thang 3 nam 2023 x", "x từ 01/03/2023 đến 31/03/2023", 0, "20230301", "20230331", 1 },
	{ "năm 2023", "từ 01/01/2023 đến 31/12/2023", 0, "20230101", "20231231", 0 },
	{ "kế hoạch năm 2020", "kế hoạch năm 2020", 0, "", "", 1 },
	{ "3/2020", "từ 01/03/2020 đến 31/03/2020", 0, "20200301", "20200331", 0 },
	{ "Quyết định 3/2020", "Quyết định 3/2020", 0, "", "", 1 },
	{ "31/02/2023", "31/02/2023", 0, "", "", 1 },      /* no such day */
	{ "15/2020/NĐ-CP", "15/2020/NĐ-CP", 0, "", "", 1 },
	{ "từ 01/03/2023 đến 31/03/2023 họp", "họp từ 01/03/2023 đến 31/03/2023", 0, "20230301", "20230331", 1 },
	{ "tu 3/2023 den 5/2023", "từ 01/03/2023 đến 31/05/2023", 0, "20230301", "20230531", 0 },
	{ "Từ năm 2020 đến năm 2021 x", "x từ 01/01/2020 đến 31/12/2021", 0, "20200101", "20211231", 1 },
	{ "-21/03/2023 a", "-21/03/2023 a", 0, "", "", 1 },
	/* malformed: plain words, filters still apply */
	{ "(a b", "a b", 1, "", "", 1 },
	{ "a b)", "a b", 1, "", "", 1 },
	{ "a OR", "a OR", 1, "", "", 1 },
	{ "OR a", "OR a", 1, "", "", 1 },
	{ "a OR OR b", "a OR OR b", 1, "", "", 1 },
	{ "OWL AND", "OWL AND", 1, "", "", 1 },
	{ "AND", "AND", 1, "", "", 1 },
	{ "\"abc def", "abc def", 1, "", "", 1 },
	{ "NOT a", "-a", 0, "", "", 1 },               /* only negations: kept (browsed) */
	{ "-a -b", "-a -b", 0, "", "", 1 },
	{ "covid -19", "covid -19", 0, "", "", 1 },    /* a number after - is not left out */
	{ "() x", "x", 0, "", "", 1 },      /* an empty group is nothing */
	{ "(a category:x", "a category:x", 1, "", "", 1 },
	{ "((((((((a))))))))", "a", 0, "", "", 1 },      /* depth 8: fine */
	{ "(((((((((a)))))))))", "a", 1, "", "", 1 },     /* depth 9: plain words */
	{ "", "", 0, "", "", 0 },
	{ "   ", "", 0, "", "", 0 },
};

static void test_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const pcase *c = &cases[i];
		vq_parsed p;
		vn_buf b = VN_BUF_INIT;
		assert_int_equal(vq_parse(&p, c->in, strlen(c->in), 32), 0);
		assert_int_equal(vq_to_string(&p, &b), 0);
		const char *got = b.data ? b.data : "";
		if (strcmp(got, c->canon) || p.syntax_error != c->syntax_error || strcmp(p.date_from, c->from) ||
		    strcmp(p.date_to, c->to) || (p.root != NULL) != c->has_root)
			print_error("case %zu \"%s\": got \"%s\" err=%d from=%s to=%s root=%d\n", i, c->in, got,
				    p.syntax_error, p.date_from, p.date_to, p.root != NULL);
		assert_string_equal(got, c->canon);
		assert_int_equal(p.syntax_error, c->syntax_error);
		assert_string_equal(p.date_from, c->from);
		assert_string_equal(p.date_to, c->to);
		assert_int_equal(p.root != NULL, c->has_root);
		vn_buf_free(&b);
		vq_parsed_free(&p);
	}
}

static void test_tree(void **state)
{
	(void)state;
	vq_parsed p;
	const char *q = "a b -c \"d e\" OR title:f";
	assert_int_equal(vq_parse(&p, q, strlen(q), 32), 0);
	assert_non_null(p.root);
	assert_int_equal(p.root->type, VQ_OR);
	assert_int_equal(p.root->nkids, 2);
	const vq_node *l = p.root->kids[0];
	assert_int_equal(l->type, VQ_AND);
	assert_int_equal(l->nkids, 3);
	assert_int_equal(l->kids[0]->type, VQ_TEXT);
	assert_string_equal(l->kids[0]->text, "a b"); /* adjacent words form one run */
	assert_int_equal(l->kids[1]->negated, 1);
	assert_int_equal(l->kids[2]->type, VQ_PHRASE);
	assert_int_equal(p.root->kids[1]->field, VQ_FIELD_TITLE);
	vq_parsed_free(&p);

	/* "-19" after a word is part of the run, not a negation */
	q = "covid -19";
	assert_int_equal(vq_parse(&p, q, strlen(q), 32), 0);
	assert_non_null(p.root);
	assert_int_equal(p.root->type, VQ_TEXT);
	assert_int_equal(p.root->negated, 0);
	vq_parsed_free(&p);

	/* only negations: the tree keeps them for the engine to browse the rest */
	q = "NOT covid";
	assert_int_equal(vq_parse(&p, q, strlen(q), 32), 0);
	assert_non_null(p.root);
	assert_int_equal(p.root->negated, 1);
	assert_int_equal(p.syntax_error, 0);
	vq_parsed_free(&p);
}

static void test_filters(void **state)
{
	(void)state;
	vq_parsed p;
	const char *q = "category:\"Thời sự\" site:a.gov.vn kind:legal x";
	assert_int_equal(vq_parse(&p, q, strlen(q), 32), 0);
	assert_string_equal(p.category, "Thời sự");
	assert_string_equal(p.site, "a.gov.vn");
	assert_string_equal(p.kind, "legal");
	assert_null(p.lang);
	vq_parsed_free(&p);
}

static void test_word_cap(void **state)
{
	(void)state;
	vn_buf q = VN_BUF_INIT;
	for (int i = 0; i < 5000; i++)
		vn_buf_printf(&q, "w%d ", i);
	vq_parsed p;
	assert_int_equal(vq_parse(&p, q.data, q.len, 32), 0);
	assert_int_equal(p.nwords, 32);
	assert_int_equal(p.truncated, 1);
	assert_non_null(p.root);
	assert_int_equal(p.root->type, VQ_TEXT);
	vq_parsed_free(&p);
	/* deep nesting far past the cap, unbalanced, in a huge query */
	vn_buf_clear(&q);
	for (int i = 0; i < 20000; i++)
		vn_buf_putc(&q, '(');
	vn_buf_puts(&q, "x");
	assert_int_equal(vq_parse(&p, q.data, q.len, 32), 0);
	assert_int_equal(p.syntax_error, 1);
	assert_non_null(p.root);
	vq_parsed_free(&p);
	vn_buf_free(&q);
}

static void test_every_prefix(void **state)
{
	/* every prefix of a query full of syntax parses without crashing */
	(void)state;
	const char *q = "(a OR \"b c\") -title:\"d\" category:\"Thời sự\" từ 01/03/2023 đến 3/2023 NOT (e AND f)";
	size_t n = strlen(q);
	for (size_t i = 0; i <= n; i++) {
		vq_parsed p;
		vn_buf b = VN_BUF_INIT;
		assert_int_equal(vq_parse(&p, q, i, 32), 0);
		assert_int_equal(vq_to_string(&p, &b), 0);
		vn_buf_free(&b);
		vq_parsed_free(&p);
	}
}

static void test_dates(void **state)
{
	(void)state;
	static const struct { const char *s; int month_ok, year_ok, ok; const char *lo, *hi; } d[] = {
		{ "21/03/2023", 0, 0, 1, "20230321", "20230321" },
		{ "21-03-2023", 0, 0, 1, "20230321", "20230321" },
		{ "21.03.2023", 0, 0, 1, "20230321", "20230321" },
		{ "2023-03-21", 0, 0, 1, "20230321", "20230321" },
		{ "29/02/2024", 0, 0, 1, "20240229", "20240229" },
		{ "29/02/2023", 0, 0, 0, "", "" },
		{ "29/02/1900", 0, 0, 0, "", "" },
		{ "00/01/2023", 0, 0, 0, "", "" },
		{ "01/13/2023", 0, 0, 0, "", "" },
		{ "3/2023", 0, 0, 0, "", "" },
		{ "3/2023", 1, 0, 1, "20230301", "20230331" },
		{ "2023-12", 1, 0, 1, "20231201", "20231231" },
		{ "3.2023", 1, 0, 0, "", "" },
		{ "2023", 0, 0, 0, "", "" },
		{ "2023", 0, 1, 1, "20230101", "20231231" },
		{ "1234.567", 1, 1, 0, "", "" },
		{ "1/2/3", 1, 1, 0, "", "" },
		{ "a/b/c", 1, 1, 0, "", "" },
		{ "/2023", 1, 1, 0, "", "" },
	};
	for (size_t i = 0; i < sizeof d / sizeof d[0]; i++) {
		char lo[9] = "", hi[9] = "";
		int ok = vq_parse_date(d[i].s, strlen(d[i].s), lo, hi, d[i].month_ok, d[i].year_ok);
		if (ok != d[i].ok)
			print_error("date %s\n", d[i].s);
		assert_int_equal(ok, d[i].ok);
		if (ok) {
			assert_string_equal(lo, d[i].lo);
			assert_string_equal(hi, d[i].hi);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),   cmocka_unit_test(test_tree),
		cmocka_unit_test(test_filters), cmocka_unit_test(test_word_cap),
		cmocka_unit_test(test_every_prefix), cmocka_unit_test(test_dates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
