/* The abbreviation list (query/synonyms.c): folding, matching the longest
 * form, malformed lines, and a body's name finding the abbreviations of the
 * bodies it is part of (MTTQ → UBMTTQ) but not the other way round. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
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

/* ---- the linking of narrower bodies against a plain reference -------------
 * synonyms.c rules pairs out by their word bits before comparing strings;
 * the result must be exactly what comparing every pair gives, alternative
 * for alternative and in the same order (the order decides which group a
 * query finds first). The reference is the rule written out directly. */

static int ref_inside(const char *a, const char *b)
{
	size_t al = strlen(a), bl = strlen(b);
	if (al >= bl)
		return 0;
	for (const char *p = b; (p = strstr(p, a)) != NULL; p++)
		if ((p == b || p[-1] == ' ') && (p[al] == 0 || p[al] == ' '))
			return 1;
	return 0;
}

/* groups[i] as char* lists; own[i] = how many are the line's own forms. */
typedef struct ref_group {
	char *alts[64];
	size_t n, own;
} ref_group;

static void ref_add(ref_group *g, const char *s)
{
	for (size_t i = 0; i < g->n; i++)
		if (strcmp(g->alts[i], s) == 0)
			return;
	assert_true(g->n < 64);
	g->alts[g->n++] = (char *)s;
}

static void ref_link(ref_group *gs, size_t ng)
{
	for (size_t a = 0; a < ng; a++)
		for (size_t i = 0; i < gs[a].own; i++) {
			if (!strchr(gs[a].alts[i], ' '))
				continue;
			for (size_t b = 0; b < ng; b++) {
				int inside = 0;
				for (size_t j = 0; b != a && j < gs[b].n && !inside; j++)
					inside = ref_inside(gs[a].alts[i], gs[b].alts[j]);
				for (size_t j = 0; inside && j < gs[b].n; j++)
					if (!strchr(gs[b].alts[j], ' '))
						ref_add(&gs[a], gs[b].alts[j]);
			}
		}
}

/* Parse text with synonyms.c and compare with the reference linking of the
 * same groups' own forms. */
static void check_against_ref(const char *text)
{
	vq_synonyms s = { NULL, 0 };
	vn_error err = VN_ERROR_INIT;
	assert_int_equal(vq_synonyms_parse(&s, T, text, strlen(text), &err), 0);
	ref_group *ref = calloc(s.ngroups ? s.ngroups : 1, sizeof *ref);
	assert_non_null(ref);
	for (size_t g = 0; g < s.ngroups; g++) {
		for (size_t i = 0; i < s.groups[g].nown; i++)
			ref_add(&ref[g], s.groups[g].alts[i]);
		ref[g].own = ref[g].n;
	}
	ref_link(ref, s.ngroups);
	for (size_t g = 0; g < s.ngroups; g++) {
		assert_int_equal(s.groups[g].nalts, ref[g].n);
		for (size_t i = 0; i < ref[g].n; i++)
			assert_string_equal(s.groups[g].alts[i], ref[g].alts[i]);
	}
	free(ref);
	vq_synonyms_free(&s);
}

static void test_link_matches_reference(void **state)
{
	(void)state;
	check_against_ref(list);
	/* the shipped list */
	FILE *f = fopen(VN_SOURCE_DIR "/query/synonyms.txt", "rb");
	assert_non_null(f);
	static char shipped[1 << 16];
	size_t n = fread(shipped, 1, sizeof shipped - 1, f);
	fclose(f);
	shipped[n] = 0;
	check_against_ref(shipped);
	/* Random lists over six words, so that forms stand inside each other
	 * often, in chains (a narrower body's borrowed form passed on), with
	 * repeated words and words sharing a bit. */
	static const char *const vocab[] = { "ba", "na", "ca", "nam", "bac", "can" };
	unsigned seed = 12345;
	for (int round = 0; round < 300; round++) {
		char text[4096];
		size_t len = 0;
		int lines = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 12;
		for (int l = 0; l < lines; l++) {
			int forms = 2 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 2;
			for (int fi = 0; fi < forms; fi++) {
				int words = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 4;
				for (int w = 0; w < words; w++) {
					unsigned r = (seed = seed * 1103515245u + 12345u) >> 16;
					len += (size_t)snprintf(text + len, sizeof text - len, "%s%s",
								w ? " " : "", vocab[r % 6]);
				}
				len += (size_t)snprintf(text + len, sizeof text - len, "%s",
							fi + 1 < forms ? " = " : "\n");
			}
		}
		check_against_ref(text);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_shipped_list),
		cmocka_unit_test(test_link_matches_reference),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
