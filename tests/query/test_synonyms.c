/* The abbreviation list (query/synonyms.c): folding, matching the longest
 * form, malformed lines, and a body's name finding the abbreviations of the
 * bodies it is part of (MTTQ → UBMTTQ) but not the other way round. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "vn_query_int.h"
#include "vn_text.h"

static vn_text *T;

static int setup(void **state)
{
	(void)state;
	return vn_text_new(&T, "vi", NULL);
}

static int teardown(void **state)
{
	(void)state;
	vn_text_free(T);
	return 0;
}

static const char list[] = "# comment\n"
			   "UBND = Ủy ban nhân dân\r\n"
			   "UBMTTQ = Ủy ban Mặt trận Tổ quốc\n"
			   "MTTQ = Mặt trận Tổ quốc\n"
			   "no second form here\n"
			   "QH = Quốc hội\n"
			   "ĐBQH = Đại biểu Quốc hội\n"
			   "TP.HCM | TPHCM = Thành phố Hồ Chí Minh\n";

static int has_alt(const vq_syn_group *g, const char *alt)
{
	for (size_t i = 0; g && i < g->nalts; i++)
		if (strcmp(g->alts[i], alt) == 0)
			return 1;
	return 0;
}

/* The group found for the folded words of q at its start, and how many
 * words it covered. */
static size_t match(const vq_synonyms *s, const char *q, const vq_syn_group **g)
{
	static char buf[256];
	char *keys[16];
	size_t n = 0;
	vn_buf k = VN_BUF_INIT;
	assert_int_equal(vn_text_key(T, q, strlen(q), &k), 0);
	assert_true(k.len < sizeof buf);
	memcpy(buf, k.data, k.len + 1);
	vn_buf_free(&k);
	for (char *p = strtok(buf, " "); p && n < 16; p = strtok(NULL, " "))
		keys[n++] = p;
	return vq_synonyms_match(s, keys, n, 0, g);
}

static void test_groups(void **state)
{
	(void)state;
	vq_synonyms s = { NULL, 0 };
	vn_error err = VN_ERROR_INIT;
	assert_int_equal(vq_synonyms_parse(&s, T, list, sizeof list - 1, &err), 0);
	assert_int_equal(s.ngroups, 6); /* the malformed line is skipped */

	const vq_syn_group *g;
	assert_int_equal(match(&s, "ubnd", &g), 1);
	assert_true(has_alt(g, "uy ban nhan dan"));
	assert_int_equal(match(&s, "Uỷ ban nhân dân phường", &g), 4);
	assert_true(has_alt(g, "ubnd"));
	assert_int_equal(match(&s, "TP.HCM", &g), 2); /* "tp hcm": two keys */
	assert_true(has_alt(g, "thanh pho ho chi minh"));

	/* the longest form wins: "Ủy ban Mặt trận Tổ quốc" is UBMTTQ, not MTTQ */
	assert_int_equal(match(&s, "Ủy ban Mặt trận Tổ quốc", &g), 6);
	assert_true(has_alt(g, "ubmttq"));
	assert_false(has_alt(g, "mttq"));

	/* "Mặt trận Tổ quốc" and MTTQ also find UBMTTQ; Quốc hội finds ĐBQH */
	assert_int_equal(match(&s, "Mặt trận Tổ quốc", &g), 4);
	assert_true(has_alt(g, "mttq"));
	assert_true(has_alt(g, "ubmttq"));
	assert_int_equal(match(&s, "MTTQ", &g), 1);
	assert_true(has_alt(g, "ubmttq"));
	assert_int_equal(match(&s, "quoc hoi", &g), 2);
	assert_true(has_alt(g, "dbqh"));
	assert_false(has_alt(g, "dai bieu quoc hoi")); /* only abbreviations */
	/* ...but not the other way round */
	assert_int_equal(match(&s, "UBMTTQ", &g), 1);
	assert_false(has_alt(g, "mttq"));
	assert_int_equal(match(&s, "ĐBQH", &g), 1);
	assert_false(has_alt(g, "qh"));

	assert_int_equal(match(&s, "nhân dân", &g), 0);
	assert_null(g);
	vq_synonyms_free(&s);
}

/* The list shipped in the repo loads, and every group has two forms. */
static void test_shipped_list(void **state)
{
	(void)state;
	vq_synonyms s = { NULL, 0 };
	vn_error err = VN_ERROR_INIT;
	assert_int_equal(vq_synonyms_load(&s, T, VN_SOURCE_DIR "/query/synonyms.txt", &err), 0);
	assert_true(s.ngroups >= 30);
	for (size_t i = 0; i < s.ngroups; i++)
		assert_true(s.groups[i].nalts >= 2);
	const vq_syn_group *g;
	assert_int_equal(match(&s, "Mặt trận Tổ quốc", &g), 4);
	assert_true(has_alt(g, "ubmttq"));
	vq_synonyms_free(&s);
	assert_int_equal(vq_synonyms_load(&s, T, VN_SOURCE_DIR "/no/such/file", &err), VN_ENOTFOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_shipped_list),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
