/*
 * test_index.c — what vn_index writes for one article, read back with the
 * reader API exactly as the query side will: terms, positions, values,
 * data, metadata; and the outcomes of re-indexing, bad input, locking and
 * format versions.
 */
#define _GNU_SOURCE
#include <ftw.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "vn_db.h"
#include "vn_index.h"
#include "vn_pairs.h"
#include "vn_schema.h"

static char tmpdir[64];

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	return remove(p);
}

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/vn-test-index-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	nftw(tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	return 0;
}

static char *db_path(const char *name)
{
	static char p[128];
	snprintf(p, sizeof p, "%s/%s", tmpdir, name);
	return p;
}

static vn_article article(const char *id, const char *title, const char *body)
{
	vn_article a;
	memset(&a, 0, sizeof a);
	a.id = id;
	a.title = title;
	a.title_len = title ? strlen(title) : 0;
	a.body = body;
	a.body_len = body ? strlen(body) : 0;
	a.kind = "news";
	a.lang = "vi";
	return a;
}

static vn_index *open_index(const char *path, int rebuild)
{
	vn_index_options o;
	memset(&o, 0, sizeof o);
	o.rebuild = rebuild;
	vn_index *ix = NULL;
	vn_error e = VN_ERROR_INIT;
	int rc = vn_index_open(&ix, path, &o, &e);
	if (rc)
		fail_msg("vn_index_open: %s", e.msg);
	return ix;
}

static vn_db *open_db(const char *path)
{
	vn_db *db = NULL;
	vn_error e = VN_ERROR_INIT;
	if (vn_db_open(&db, &path, 1, &e))
		fail_msg("vn_db_open: %s", e.msg);
	return db;
}

/* A new index at path holding the n articles, committed. */
static void index_articles(const char *path, const vn_article *v, size_t n)
{
	vn_index *ix = open_index(path, 0);
	int res;
	vn_error e = VN_ERROR_INIT;
	for (size_t i = 0; i < n; i++)
		if (vn_index_add(ix, &v[i], &res, &e))
			fail_msg("vn_index_add %s: %s", v[i].id, e.msg);
	assert_int_equal(vn_index_commit(ix, &e), 0);
	vn_index_free(ix);
}

static uint32_t tf(vn_db *db, const char *term)
{
	uint32_t n = 0;
	assert_int_equal(vn_db_termfreq(db, term, strlen(term), &n, NULL), 0);
	return n;
}

/* Docid of the document holding term (the id term). */
static vn_docid docid_of(vn_db *db, const char *term)
{
	vn_db_query *q = NULL;
	vn_db_search *s = NULL;
	vn_db_mset *ms = NULL;
	vn_db_hit h;
	assert_int_equal(vn_db_query_term(&q, term, strlen(term), 1, NULL), 0);
	assert_int_equal(vn_db_search_new(&s, db, NULL), 0);
	assert_int_equal(vn_db_search_set_query(s, q, NULL), 0);
	assert_int_equal(vn_db_search_run(s, 0, 10, 0, &ms, NULL), 0);
	assert_int_equal(vn_db_mset_size(ms), 1);
	assert_int_equal(vn_db_mset_hit(ms, 0, &h), 0);
	vn_db_mset_free(ms);
	vn_db_search_free(s);
	vn_db_query_free(q);
	return h.docid;
}

static void assert_value(vn_db *db, vn_docid id, unsigned slot, const char *want)
{
	vn_buf b = VN_BUF_INIT;
	assert_int_equal(vn_db_document_value(db, id, slot, &b, NULL), 0);
	assert_int_equal(b.len, strlen(want));
	if (b.len)
		assert_memory_equal(b.data, want, b.len);
	vn_buf_free(&b);
}

static void assert_positions(vn_db *db, vn_docid id, const char *term, const uint32_t *want, size_t n)
{
	uint32_t got[32];
	size_t ng = 0;
	assert_int_equal(vn_db_positions(db, id, term, strlen(term), got, 32, &ng, NULL), 0);
	if (ng != n)
		fail_msg("%s: %zu positions, want %zu", term, ng, n);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(got[i], want[i]);
}

static void assert_meta(vn_db *db, const char *key, const char *want)
{
	vn_buf b = VN_BUF_INIT;
	assert_int_equal(vn_db_get_metadata(db, key, &b, NULL), 0);
	if (b.len != strlen(want) || memcmp(b.data, want, b.len))
		fail_msg("metadata %s = \"%s\", want \"%s\"", key, b.data ? b.data : "", want);
	vn_buf_free(&b);
}

static const char *T1 = "Đảng viên mới";
static const char *B1 = "Đảng viên trẻ, đảng viên nữ. Thuỷ lợi";

static void test_one_article(void **state)
{
	(void)state;
	const char *path = db_path("one");
	vn_index *ix = open_index(path, 0);
	vn_article a = article("tin-1", T1, B1);
	a.date = "2023-03-21";
	a.category = "Thời sự";
	a.site = "tanan.gov.vn";
	a.url = "https://tanan.gov.vn/tin-1";
	a.author = "Võ Còn";
	int res = -1;
	vn_error e = VN_ERROR_INIT;
	assert_int_equal(vn_index_add(ix, &a, &res, &e), 0);
	assert_int_equal(res, VN_INDEX_ADDED);
	assert_int_equal(vn_index_commit(ix, &e), 0);
	vn_index_free(ix);

	vn_db *db = open_db(path);
	assert_int_equal(vn_db_doccount(db), 1);
	vn_docid id = docid_of(db, "Qtin-1");

	/* key positional; title 1..3, body from 3 + VN_FIELD_GAP */
	uint32_t dang[] = { 1, 103, 106 };
	assert_positions(db, id, "dang", dang, 3);
	uint32_t vien[] = { 2, 104, 107 };
	assert_positions(db, id, "vien", vien, 3);
	uint32_t sdang[] = { 1 };
	assert_positions(db, id, "Sdang", sdang, 1);
	assert_positions(db, id, "Smoi", (uint32_t[]){ 3 }, 1);
	/* exact only where it differs from the key; tone-free only where it
	 * differs from both */
	assert_int_equal(tf(db, "Xđảng"), 1);
	assert_int_equal(tf(db, "Tđang"), 1);
	assert_int_equal(tf(db, "Xviên"), 1);
	assert_int_equal(tf(db, "Tviên"), 0);
	assert_int_equal(tf(db, "Xthuỷ"), 1);
	assert_int_equal(tf(db, "Xloi"), 0);
	assert_int_equal(tf(db, "Tmơi"), 1);
	assert_int_equal(tf(db, "Xmới"), 1);
	/* bigrams inside clauses only */
	assert_int_equal(tf(db, "Bdang vien"), 1);
	assert_int_equal(tf(db, "Bvien moi"), 1);
	assert_int_equal(tf(db, "Bvien tre"), 1);
	assert_int_equal(tf(db, "Btre dang"), 0);   /* a comma between */
	assert_int_equal(tf(db, "Bnu thuy"), 0);    /* a full stop between */
	assert_int_equal(tf(db, "Bmoi dang"), 0);   /* title and body */
	assert_int_equal(tf(db, "Bthuy loi"), 1);
	assert_int_equal(tf(db, "SBdang vien"), 1);
	assert_int_equal(tf(db, "SBvien tre"), 0);
	/* the pairs with accents: in the set, inside clauses only; the
	 * length they add is VP's wdf, 5 per title pair (format 3's P terms) */
	vn_buf pf = VN_BUF_INIT;
	assert_int_equal(vn_db_document_value(db, id, VN_SLOT_PAIRS, &pf, NULL), 0);
	assert_int_equal(pf.len, 5 * VN_PAIRS_BYTES);
	const char *in[][2] = { { "đảng", "viên" }, { "viên", "mới" }, { "viên", "trẻ" }, { "viên", "nữ" },
				{ "thuỷ", "lợi" } };
	const char *out[][2] = { { "trẻ", "đảng" }, { "nữ", "thuỷ" }, { "mới", "đảng" }, { "đang", "viên" } };
	for (size_t i = 0; i < 5; i++)
		if (!vn_pairs_test((const unsigned char *)pf.data, pf.len,
				   vn_pairs_hash(in[i][0], strlen(in[i][0]), in[i][1], strlen(in[i][1]))))
			fail_msg("pair %s %s not in the set", in[i][0], in[i][1]);
	for (size_t i = 0; i < 4; i++)
		if (vn_pairs_test((const unsigned char *)pf.data, pf.len,
				  vn_pairs_hash(out[i][0], strlen(out[i][0]), out[i][1], strlen(out[i][1]))))
			fail_msg("pair %s %s in the set", out[i][0], out[i][1]);
	vn_buf_free(&pf);
	assert_int_equal(tf(db, "Pđảng viên"), 0);
	uint32_t vp = 0;
	assert_int_equal(vn_db_wdf_in(db, VN_TERM_PAIR_LENGTH, strlen(VN_TERM_PAIR_LENGTH), &id, 1, &vp, NULL), 0);
	assert_int_equal(vp, 2 * VN_TITLE_WDF + 5);
	assert_int_equal(tf(db, "Ztre"), 0);        /* no stems for Vietnamese */
	/* filters */
	const char *bools[] = { "Cthoi su", "Htanan.gov.vn", "Knews", "Lvi", "Y2023", "M202303", "D20230321" };
	for (size_t i = 0; i < sizeof bools / sizeof bools[0]; i++)
		if (tf(db, bools[i]) != 1)
			fail_msg("filter term %s missing", bools[i]);
	/* values */
	assert_value(db, id, VN_SLOT_DATE, "20230321");
	assert_value(db, id, VN_SLOT_MONTH, "2023-03");
	assert_value(db, id, VN_SLOT_YEAR, "2023");
	assert_value(db, id, VN_SLOT_CATEGORY, "Thời sự");
	assert_value(db, id, VN_SLOT_SITE, "tanan.gov.vn");
	assert_value(db, id, VN_SLOT_KIND, "news");
	assert_value(db, id, VN_SLOT_LANG, "vi");
	assert_value(db, id, VN_SLOT_SOURCE, "");
	char hash[17];
	vn_index_article_hash(hash, &a);
	assert_value(db, id, VN_SLOT_HASH, hash);
	/* data */
	vn_buf d = VN_BUF_INIT;
	assert_int_equal(vn_db_document_data(db, id, &d, NULL), 0);
	json_error_t je;
	json_t *j = json_loadb(d.data, d.len, 0, &je);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "id")), "tin-1");
	assert_string_equal(json_string_value(json_object_get(j, "title")), T1);
	assert_string_equal(json_string_value(json_object_get(j, "body")), B1);
	assert_string_equal(json_string_value(json_object_get(j, "date")), "2023-03-21");
	assert_string_equal(json_string_value(json_object_get(j, "category")), "Thời sự");
	assert_string_equal(json_string_value(json_object_get(j, "author")), "Võ Còn");
	assert_string_equal(json_string_value(json_object_get(j, "url")), "https://tanan.gov.vn/tin-1");
	assert_string_equal(json_string_value(json_object_get(j, "kind")), "news");
	json_decref(j);
	vn_buf_free(&d);
	/* metadata: format, stats, suggestions */
	char fmt[8];
	snprintf(fmt, sizeof fmt, "%d", VN_INDEX_FORMAT);
	assert_meta(db, VN_META_FORMAT, fmt);
	assert_meta(db, "Adang", "đảng\t3\n");
	assert_meta(db, "Adang vien", "đảng viên\t3\n");
	assert_meta(db, "Athuy", "thuỷ\t1\n");
	vn_buf st = VN_BUF_INIT;
	assert_int_equal(vn_db_get_metadata(db, VN_META_STATS, &st, NULL), 0);
	j = json_loadb(st.data, st.len, 0, &je);
	assert_non_null(j);
	assert_int_equal(json_integer_value(json_object_get(j, "documents")), 1);
	json_decref(j);
	vn_buf_free(&st);
	vn_db_free(db);
}

static void test_reindex_outcomes(void **state)
{
	(void)state;
	const char *path = db_path("outcomes");
	vn_index *ix = open_index(path, 0);
	vn_article a = article("a", "Tiêu đề", "Nội dung bài viết");
	int res;
	vn_error e = VN_ERROR_INIT;
	assert_int_equal(vn_index_add(ix, &a, &res, &e), 0);
	assert_int_equal(res, VN_INDEX_ADDED);
	assert_int_equal(vn_index_add(ix, &a, &res, &e), 0);
	assert_int_equal(res, VN_INDEX_UNCHANGED);
	a.body = "Nội dung đã sửa";
	a.body_len = strlen(a.body);
	assert_int_equal(vn_index_add(ix, &a, &res, &e), 0);
	assert_int_equal(res, VN_INDEX_REPLACED);
	assert_int_equal(vn_index_commit(ix, &e), 0);
	vn_index_free(ix);

	vn_db *db = open_db(path);
	assert_int_equal(vn_db_doccount(db), 1);
	assert_int_equal(tf(db, "sua"), 1);
	assert_int_equal(tf(db, "viet"), 0);   /* the old body's terms are gone */
	vn_db_free(db);

	ix = open_index(path, 0);
	assert_int_equal(vn_index_delete(ix, "a", 1, &res, &e), 0);
	assert_int_equal(res, VN_INDEX_DELETED);
	assert_int_equal(vn_index_delete(ix, "a", 1, &res, &e), 0);
	assert_int_equal(res, VN_INDEX_ABSENT);
	vn_article del = article("zzz", NULL, NULL);
	del.deleted = 1;
	assert_int_equal(vn_index_add(ix, &del, &res, &e), 0);
	assert_int_equal(res, VN_INDEX_ABSENT);
	/* not committed: discarded */
	vn_index_free(ix);
	db = open_db(path);
	assert_int_equal(vn_db_doccount(db), 1);
	vn_db_free(db);

	ix = open_index(path, 0);
	assert_int_equal(vn_index_delete(ix, "a", 1, &res, &e), 0);
	assert_int_equal(vn_index_commit(ix, &e), 0);
	vn_index_summary s;
	vn_index_get_summary(ix, &s);
	assert_int_equal(s.deleted, 1);
	vn_buf line = VN_BUF_INIT;
	assert_int_equal(vn_index_summary_format(&s, &line), 0);
	assert_string_equal(line.data, "added 0, replaced 0, unchanged 0, deleted 1, failed 0");
	vn_buf_free(&line);
	vn_index_free(ix);
	db = open_db(path);
	assert_int_equal(vn_db_doccount(db), 0);
	vn_db_free(db);
}

static void test_bad_articles(void **state)
{
	(void)state;
	vn_index *ix = open_index(db_path("bad"), 0);
	struct {
		const char *id, *title, *body, *why;
	} cases[] = {
		{ "t", NULL, "thân bài", "no title" },
		{ "t", "  \n", "thân bài", "no title" },
		{ "b", "Tiêu đề", "", "no body" },
		{ NULL, "Tiêu đề", "thân bài", "no id" },
		{ "", "Tiêu đề", "thân bài", "no id" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		vn_article a = article(cases[i].id, cases[i].title, cases[i].body);
		int res = -1;
		vn_error e = VN_ERROR_INIT;
		assert_int_equal(vn_index_add(ix, &a, &res, &e), 0);
		assert_int_equal(res, VN_INDEX_FAILED);
		if (!strstr(e.msg, cases[i].why))
			fail_msg("case %zu: message \"%s\" does not say \"%s\"", i, e.msg, cases[i].why);
	}
	char longid[400];
	memset(longid, 'x', sizeof longid - 1);
	longid[sizeof longid - 1] = '\0';
	vn_article a = article(longid, "Tiêu đề", "thân bài");
	int res;
	vn_error e = VN_ERROR_INIT;
	assert_int_equal(vn_index_add(ix, &a, &res, &e), 0);
	assert_int_equal(res, VN_INDEX_FAILED);
	/* invalid UTF-8 is repaired, not fatal; a very long token is skipped */
	char body[600];
	memset(body, 'a', 599);
	body[599] = '\0';
	body[3] = (char)0xff;
	a = article("u", "Ti\xc3\xaau \xff\xfe", body);
	assert_int_equal(vn_index_add(ix, &a, &res, &e), 0);
	assert_int_equal(res, VN_INDEX_ADDED);
	vn_index_summary s;
	vn_index_get_summary(ix, &s);
	assert_int_equal(s.failed, 6);
	assert_int_equal(s.added, 1);
	vn_index_free(ix);
}

static void test_lock_and_format(void **state)
{
	(void)state;
	const char *path = db_path("lock");
	vn_index *ix = open_index(path, 0);
	vn_index *ix2 = NULL;
	vn_error e = VN_ERROR_INIT;
	assert_int_equal(vn_index_open(&ix2, path, NULL, &e), VN_ELOCKED);
	assert_non_null(strstr(e.msg, "locked"));
	assert_null(ix2);
	/* searches go on while a writer holds the lock */
	vn_db *db = open_db(path);
	assert_int_equal(vn_db_doccount(db), 0);
	vn_db_free(db);
	vn_index_free(ix);

	/* an index of another format is refused, and --rebuild overwrites it */
	vn_db_writer *w = NULL;
	assert_int_equal(vn_db_writer_open(&w, path, VN_DB_OPEN, 0, NULL), 0);
	assert_int_equal(vn_db_writer_set_metadata(w, VN_META_FORMAT, "999", 3, NULL), 0);
	assert_int_equal(vn_db_writer_commit(w, NULL), 0);
	vn_db_writer_free(w);
	assert_int_equal(vn_index_open(&ix2, path, NULL, &e), VN_EVERSION);
	char want[128];
	snprintf(want, sizeof want, "has format 999, this vnindex writes %d: rebuild with --rebuild",
		 VN_INDEX_FORMAT);
	if (!strstr(e.msg, want))
		fail_msg("message: %s", e.msg);
	/* A rebuild replaces the old index when something is written (here a
	 * commit; a run builds beside it and swaps): opening alone keeps it. */
	ix = open_index(path, 1);
	vn_index_free(ix);
	db = open_db(path);
	assert_meta(db, VN_META_FORMAT, "999");
	vn_db_free(db);
	ix = open_index(path, 1);
	assert_int_equal(vn_index_commit(ix, &e), 0);
	vn_index_free(ix);
	db = open_db(path);
	char fmt[8];
	snprintf(fmt, sizeof fmt, "%d", VN_INDEX_FORMAT);
	assert_meta(db, VN_META_FORMAT, fmt);
	vn_db_free(db);
}

static void test_stems_for_english(void **state)
{
	(void)state;
	const char *path = db_path("en");
	vn_index *ix = open_index(path, 0);
	vn_article a = article("en-1", "Running reports", "The committees were meeting");
	a.lang = "en";
	int res;
	vn_error e = VN_ERROR_INIT;
	assert_int_equal(vn_index_add(ix, &a, &res, &e), 0);
	assert_int_equal(res, VN_INDEX_ADDED);
	assert_int_equal(vn_index_commit(ix, &e), 0);
	vn_index_free(ix);
	vn_db *db = open_db(path);
	assert_int_equal(tf(db, "Zrun"), 1);
	assert_int_equal(tf(db, "Zcommitte"), 1);
	assert_int_equal(tf(db, "Len"), 1);
	assert_int_equal(tf(db, "running"), 1);
	vn_db_free(db);
}

/* A title too short to be judged on its own ("ViÖt Nam") is read in the
 * code page its article's body is in; a correct title beside a TCVN3 body
 * stays as it is. */
static void test_short_legacy_title(void **state)
{
	(void)state;
	const char *path = db_path("legacy");
	/* TCVN3 of "Uỷ ban nhân dân phường tổ chức hội nghị triển khai kế
	 * hoạch năm 2023." */
	const char *body = "Uû ban nh©n d©n ph\xc2\xad" "êng tæ chøc héi nghÞ triÓn khai kÕ ho¹ch n¨m 2023.";
	vn_article v[2] = { article("moj-1", "ViÖt Nam", body), article("moj-2", "Cà Mau", body) };
	index_articles(path, v, 2);
	vn_db *db = open_db(path);
	assert_int_equal(tf(db, "Sviet"), 1);  /* title key of "Việt" */
	assert_int_equal(tf(db, "Xviệt"), 1);
	assert_int_equal(tf(db, "Scau"), 0);   /* "Cà" was not re-read as TCVN3 */
	assert_int_equal(tf(db, "Sca"), 1);
	assert_int_equal(tf(db, "Shoi"), 0);
	vn_db_free(db);
}

/* A summary exported apart from the body is searchable, after the body; a
 * summary the body begins with is not counted twice. */
static void test_summary_indexed(void **state)
{
	(void)state;
	const char *path = db_path("summary");
	vn_article v[2] = { article("sum-1", "Lễ khánh thành cầu", "Sáng nay, tỉnh tổ chức lễ khánh thành."),
			    article("sum-2", "Tin khác", "Sông Hoài trong xanh. Du khách đông.") };
	v[0].summary = "Cầu Cẩm Nam nối đôi bờ sông Hoài.";
	v[1].summary = "Sông Hoài trong xanh.";
	index_articles(path, v, 2);
	vn_db *db = open_db(path);
	assert_int_equal(tf(db, "cam"), 1);
	assert_int_equal(tf(db, "Xcẩm"), 1);
	assert_int_equal(tf(db, "Bcam nam"), 1);
	vn_docid d1 = docid_of(db, "Qsum-1"), d2 = docid_of(db, "Qsum-2");
	/* title 4 tokens (1-4), body from 4 + 100 (8 tokens), summary from 12 + 200 */
	assert_positions(db, d1, "cau", (const uint32_t[]){ 4, 212 }, 2);
	assert_positions(db, d1, "cam", (const uint32_t[]){ 213 }, 1);
	assert_positions(db, d2, "song", (const uint32_t[]){ 102 }, 1);
	vn_db_free(db);
}

/* The two-thread run and the one-thread run write the same index. */
typedef struct termlist {
	vn_buf all;
} termlist;

static int collect(const char *term, size_t len, uint32_t termfreq, void *payload)
{
	termlist *t = payload;
	vn_buf_append(&t->all, term, len);
	vn_buf_printf(&t->all, " %u\n", termfreq);
	return 0;
}

static void run_over(const char *path, int threads, const char *input, vn_index_summary *s)
{
	vn_index_options o;
	memset(&o, 0, sizeof o);
	o.threads = threads;
	o.batch_size = 7;
	vn_index *ix = NULL;
	vn_error e = VN_ERROR_INIT;
	assert_int_equal(vn_index_open(&ix, path, &o, &e), 0);
	const char *in[] = { input };
	if (vn_index_run(ix, in, 1, s, &e))
		fail_msg("run: %s", e.msg);
	vn_index_free(ix);
}

static void test_threads_agree(void **state)
{
	(void)state;
	const char *input = VN_SOURCE_DIR "/corpus/articles.jsonl";
	char p1[128], p2[128];
	snprintf(p1, sizeof p1, "%s", db_path("t1"));
	snprintf(p2, sizeof p2, "%s", db_path("t2"));
	vn_index_summary s1, s2;
	run_over(p1, 1, input, &s1);
	run_over(p2, 2, input, &s2);
	assert_memory_equal(&s1, &s2, sizeof s1);
	assert_true(s1.added > 10);
	termlist t1 = { VN_BUF_INIT }, t2 = { VN_BUF_INIT };
	vn_db *d1 = open_db(p1), *d2 = open_db(p2);
	assert_int_equal(vn_db_allterms(d1, "", 0, collect, &t1, NULL), 0);
	assert_int_equal(vn_db_allterms(d2, "", 0, collect, &t2, NULL), 0);
	assert_int_equal(t1.all.len, t2.all.len);
	assert_memory_equal(t1.all.data, t2.all.data, t1.all.len);
	vn_db_free(d1);
	vn_db_free(d2);
	vn_buf_free(&t1.all);
	vn_buf_free(&t2.all);
	/* a second run changes nothing */
	run_over(p2, 2, input, &s2);
	assert_int_equal(s2.added + s2.replaced + s2.deleted, 0);
	assert_int_equal(s2.unchanged, s1.added);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_article),
		cmocka_unit_test(test_reindex_outcomes),
		cmocka_unit_test(test_bad_articles),
		cmocka_unit_test(test_lock_and_format),
		cmocka_unit_test(test_stems_for_english),
		cmocka_unit_test(test_short_legacy_title),
		cmocka_unit_test(test_summary_indexed),
		cmocka_unit_test(test_threads_agree),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
