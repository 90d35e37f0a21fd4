/* test_articles.c — article readers: dates, JSON Lines (plain, gzip, stream,
 * memory), .json, scraped pages, HTML pages, directories. Fixtures are
 * written to a fresh mkdtemp directory. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <cmocka.h>

#include "vn_article_int.h"
#include "vn_text.h"

/* ---- fixtures ------------------------------------------------------------ */

static char tmpdir[256];

static int setup_dir(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/vn-articles-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown_dir(void **state)
{
	(void)state;
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static char *path_in(const char *rel)
{
	static char p[8][512];
	static int k;
	k = (k + 1) % 8;
	snprintf(p[k], sizeof p[k], "%s/%s", tmpdir, rel);
	return p[k];
}

static void mkdirs(const char *rel)
{
	char buf[512];
	snprintf(buf, sizeof buf, "%s/%s", tmpdir, rel);
	for (char *s = buf + strlen(tmpdir) + 1; *s; s++)
		if (*s == '/') {
			*s = '\0';
			mkdir(buf, 0755);
			*s = '/';
		}
	mkdir(buf, 0755);
}

static const char *write_file(const char *rel, const char *data, size_t n)
{
	const char *p = path_in(rel);
	FILE *f = fopen(p, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
	return p;
}

static const char *write_str(const char *rel, const char *s)
{
	return write_file(rel, s, strlen(s));
}

/* A record copied out of the reader (its strings die with the next call). */
typedef struct rec {
	int status;
	char *id, *title, *date, *category, *site, *kind, *lang, *url, *author, *summary, *body;
	char *source, *warning, *msg, *origin;
	size_t title_len, body_len;
	uint64_t line;
	int deleted;
} rec;

typedef struct recs {
	rec *v;
	size_t n;
	int failed;
} recs;

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static void collect(vn_article_reader *r, recs *out)
{
	memset(out, 0, sizeof *out);
	size_t cap = 0;
	for (;;) {
		vn_article a;
		int st = -1;
		vn_error err = VN_ERROR_INIT;
		int rc = vn_article_next(r, &a, &st, &err);
		assert_true(rc >= 0);
		if (rc == 0)
			break;
		if (out->n == cap) {
			cap = cap ? 2 * cap : 16;
			out->v = realloc(out->v, cap * sizeof *out->v);
			assert_non_null(out->v);
		}
		rec *x = &out->v[out->n++];
		memset(x, 0, sizeof *x);
		x->status = st;
		x->id = dup_or_null(a.id);
		x->title = dup_or_null(a.title);
		x->date = dup_or_null(a.date);
		x->category = dup_or_null(a.category);
		x->site = dup_or_null(a.site);
		x->kind = dup_or_null(a.kind);
		x->lang = dup_or_null(a.lang);
		x->url = dup_or_null(a.url);
		x->author = dup_or_null(a.author);
		x->summary = dup_or_null(a.summary);
		if (a.body) {
			x->body = malloc(a.body_len + 1);
			assert_non_null(x->body);
			memcpy(x->body, a.body, a.body_len);
			x->body[a.body_len] = '\0';
		}
		x->source = dup_or_null(a.source);
		x->warning = dup_or_null(a.warning);
		x->origin = dup_or_null(a.origin);
		x->title_len = a.title_len;
		x->body_len = a.body_len;
		x->line = a.line;
		x->deleted = a.deleted;
		if (st == VN_ARTICLE_FAILED) {
			x->msg = strdup(err.msg);
			out->failed++;
			assert_true(err.msg[0] != '\0');
		} else {
			assert_int_equal(st, VN_ARTICLE_OK);
		}
	}
}

static void recs_free(recs *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		rec *x = &rs->v[i];
		char *fields[] = { x->id, x->title, x->date, x->category, x->site, x->kind, x->lang,
				   x->url, x->author, x->summary, x->body, x->source, x->warning, x->msg,
				   x->origin };
		for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++)
			free(fields[k]);
	}
	free(rs->v);
	memset(rs, 0, sizeof *rs);
}

static void read_path(const char *path, const vn_article_options *opts, recs *out)
{
	vn_article_reader *r = NULL;
	vn_error err = VN_ERROR_INIT;
	int rc = vn_article_reader_open(&r, path, opts, &err);
	if (rc != 0)
		fail_msg("open %s: %s", path, err.msg);
	collect(r, out);
	vn_article_reader_free(r);
}

static void read_mem(enum vn_article__format fmt, const char *buf, size_t n, recs *out)
{
	vn_article_reader *r = NULL;
	vn_error err = VN_ERROR_INIT;
	assert_int_equal(vn_article__reader_open_memory(&r, fmt, buf, n, "mem", NULL, &err), 0);
	collect(r, out);
	vn_article_reader_free(r);
}

/* ---- dates --------------------------------------------------------------- */

static void test_parse_date_table(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;   /* out NULL: VN_EINVAL */
	} t[] = {
		{ "21/03/2023", "2023-03-21" },
		{ "21/3/2023", "2023-03-21" },
		{ "1/3/2023", "2023-03-01" },
		{ "2023-03-21", "2023-03-21" },
		{ "21-03-2023", "2023-03-21" },
		{ "21.03.2023", "2023-03-21" },
		{ " 21/03/2023 ", "2023-03-21" },
		{ "\xC2\xA0" "21/03/2023", "2023-03-21" },
		{ "21/03/2023 08:30", "2023-03-21" },
		{ "2023-03-21T08:30:00+07:00", "2023-03-21" },
		{ "29/02/2024", "2024-02-29" },
		{ "29/02/2000", "2000-02-29" },
		{ "31/12/1999", "1999-12-31" },
		{ "31/02/2023", NULL },
		{ "2023-02-31", NULL },
		{ "29/02/2023", NULL },
		{ "29/02/1900", NULL },
		{ "31/04/2023", NULL },
		{ "00/01/2023", NULL },
		{ "01/13/2023", NULL },
		{ "01/00/2023", NULL },
		{ "21/03-2023", NULL },
		{ "21/03/23", NULL },
		{ "121/03/2023", NULL },
		{ "21/03/20234", NULL },
		{ "2023-03-21abc", NULL },
		{ "", NULL },
		{ "hôm nay", NULL },
		{ "0999-01-01", NULL },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		char out[11] = "x";
		int rc = vn_article_parse_date(out, t[i].in, strlen(t[i].in));
		if (t[i].out) {
			if (rc != 0)
				fail_msg("\"%s\" should parse", t[i].in);
			assert_string_equal(out, t[i].out);
		} else if (rc != VN_EINVAL) {
			fail_msg("\"%s\" should be rejected, got %s", t[i].in, out);
		}
	}
}

static void test_find_date(void **state)
{
	(void)state;
	char out[11];
	const char *s = "Cập nhật lúc 08:30, 31/02/2023 hay 123/4/2023 rồi ngày 05/04/2023 10:00";
	assert_int_equal(vn_article__find_date(out, s, strlen(s)), 0);
	assert_string_equal(out, "2023-04-05");
	s = "Số 12/2023/NĐ-CP không phải ngày";
	assert_int_equal(vn_article__find_date(out, s, strlen(s)), VN_ENOTFOUND);
	s = "ngày 2024-02-29";
	assert_int_equal(vn_article__find_date(out, s, strlen(s)), 0);
	assert_string_equal(out, "2024-02-29");
	/* the written form, when no numeric date is there */
	s = "Hội An, ngày 21 tháng 3 năm 2023";
	assert_int_equal(vn_article__find_date(out, s, strlen(s)), 0);
	assert_string_equal(out, "2023-03-21");
	s = "Ngày  5 tháng 12 năm 2024 (thứ Năm)";
	assert_int_equal(vn_article__find_date(out, s, strlen(s)), 0);
	assert_string_equal(out, "2024-12-05");
	s = "ngày 30 tháng 2 năm 2023; trong tháng 3 năm nay";
	assert_int_equal(vn_article__find_date(out, s, strlen(s)), VN_ENOTFOUND);
}

/* ---- JSON Lines ---------------------------------------------------------- */

/* A CMS export with its markup: the text is indexed, not the tags; text
 * that merely holds "<" or "&" stays as it is; markup without text fails. */
static void test_jsonl_html_markup(void **state)
{
	(void)state;
	const char *p = write_str(
		"markup.jsonl",
		"{\"id\": \"h1\", \"title\": \"Hội nghị &quot;Dân vận khéo&quot;\", \"body\": "
		"\"<p>Đoạn <strong>một</strong>&nbsp;về&nbsp;dân vận.</p><p style='x'>Đoạn hai.</p>"
		"<script>var lượt = 1;</script><br/>Võ Còn\", \"summary\": \"<em>Tóm tắt</em>\"}\n"
		"{\"id\": \"h2\", \"title\": \"Giá < 5 triệu & <<Luật>> AT&T\", \"body\": \"x < 5 và y > 3; R&D.\"}\n"
		"{\"id\": \"h3\", \"title\": \"Ảnh\", \"body\": \"<p><img src='a.jpg'></p>\"}\n");
	recs rs;
	read_path(p, NULL, &rs);
	assert_int_equal(rs.n, 3);
	assert_string_equal(rs.v[0].title, "Hội nghị \"Dân vận khéo\"");
	assert_string_equal(rs.v[0].body, "Đoạn một về dân vận.\nĐoạn hai.\nVõ Còn");
	assert_string_equal(rs.v[0].summary, "Tóm tắt");
	assert_string_equal(rs.v[1].title, "Giá < 5 triệu & <<Luật>> AT&T");
	assert_string_equal(rs.v[1].body, "x < 5 và y > 3; R&D.");
	assert_int_equal(rs.v[2].status, VN_ARTICLE_FAILED);
	assert_non_null(strstr(rs.v[2].msg, "only HTML markup"));
	recs_free(&rs);
}

/* Dates as CMS exports write them: Unix time (seconds or milliseconds,
 * read as the day in Vietnam, UTC+7), other field names. */
static void test_jsonl_date_forms(void **state)
{
	(void)state;
	static const struct {
		const char *line, *date;
	} cases[] = {
		{ "{\"id\": \"e1\", \"title\": \"T\", \"body\": \"B\", \"date\": 1679385600}", "2023-03-21" },
		/* 23:59:59 and 00:00:00 in Vietnam */
		{ "{\"id\": \"e2\", \"title\": \"T\", \"body\": \"B\", \"date\": 1679417999}", "2023-03-21" },
		{ "{\"id\": \"e3\", \"title\": \"T\", \"body\": \"B\", \"date\": 1679418000}", "2023-03-22" },
		{ "{\"id\": \"e4\", \"title\": \"T\", \"body\": \"B\", \"date\": 1709251200000}", "2024-03-01" },
		{ "{\"id\": \"e5\", \"title\": \"T\", \"body\": \"B\", \"date\": 12}", NULL },
		{ "{\"id\": \"e6\", \"title\": \"T\", \"body\": \"B\", \"published_at\": \"2024-01-02T08:00:00+07:00\"}",
		  "2024-01-02" },
		{ "{\"id\": \"e7\", \"title\": \"T\", \"body\": \"B\", \"ngay_dang\": \"05/06/2024\"}", "2024-06-05" },
	};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		recs rs;
		read_mem(VN_ARTICLE_FMT_JSONL, cases[c].line, strlen(cases[c].line), &rs);
		assert_int_equal(rs.n, 1);
		assert_int_equal(rs.v[0].status, VN_ARTICLE_OK);
		if (cases[c].date)
			assert_string_equal(rs.v[0].date, cases[c].date);
		else {
			assert_null(rs.v[0].date);
			assert_non_null(rs.v[0].warning);
		}
		recs_free(&rs);
	}
}

static void test_jsonl_fields(void **state)
{
	(void)state;
	const char *p = write_str(
		"fields.jsonl",
		"{\"id\": \"a1\", \"source\": \"repo/x.txt\", \"title\": \"Tiêu đề một\", \"date\": \"2023-03-21\", "
		"\"category\": \"Thời sự\", \"url\": \"https://x.vn/1\", \"body\": \"Đoạn một.\\nĐoạn hai.\"}\n"
		"\n"
		"{\"id\": 42, \"title\": \"Hai\", \"date\": \"21/3/2023\", \"body\": [\"p1\", \"p2\"], "
		"\"site\": \"hoian.gov.vn\", \"author\": \"Võ Còn\", \"lang\": \"en\", \"summary\": \"Tóm tắt\", "
		"\"kind\": \"Legal\", \"category\": null}\n"
		"{\"id\": \"a3\", \"title\": \"Ba\", \"date\": null, \"body\": \"x\", \"kind\": \"qa\"}");
	recs rs;
	read_path(p, NULL, &rs);
	assert_int_equal(rs.n, 3);
	assert_int_equal(rs.failed, 0);
	rec *a = &rs.v[0];
	assert_string_equal(a->id, "a1");
	assert_string_equal(a->title, "Tiêu đề một");
	assert_int_equal(a->title_len, strlen("Tiêu đề một"));
	assert_string_equal(a->date, "2023-03-21");
	assert_string_equal(a->category, "Thời sự");
	assert_string_equal(a->url, "https://x.vn/1");
	assert_string_equal(a->body, "Đoạn một.\nĐoạn hai.");
	assert_string_equal(a->kind, "news");
	assert_string_equal(a->lang, "vi");
	assert_string_equal(a->source, p);   /* the input file, always */
	assert_string_equal(a->origin, "repo/x.txt");
	assert_int_equal(a->line, 1);
	assert_null(a->warning);
	assert_null(a->author);
	rec *b = &rs.v[1];
	assert_string_equal(b->id, "42");
	assert_string_equal(b->date, "2023-03-21");
	assert_string_equal(b->body, "p1\np2");
	assert_string_equal(b->site, "hoian.gov.vn");
	assert_string_equal(b->author, "Võ Còn");
	assert_string_equal(b->lang, "en");
	assert_string_equal(b->summary, "Tóm tắt");
	assert_string_equal(b->kind, "legal");
	assert_null(b->category);
	assert_string_equal(b->source, p);
	assert_int_equal(b->line, 3);
	rec *c = &rs.v[2];
	assert_null(c->date);
	assert_string_equal(c->kind, "news");
	assert_non_null(c->warning);
	assert_non_null(strstr(c->warning, "unknown kind"));
	assert_int_equal(c->line, 4);
	recs_free(&rs);
}

static void test_jsonl_malformed_line_in_middle(void **state)
{
	(void)state;
	const char *p = write_str("bad.jsonl",
				  "{\"id\": \"1\", \"title\": \"t\", \"body\": \"b\"}\n"
				  "{\"id\": \"2\", \"title\": \"t\", \"body\": \n"
				  "[1, 2]\n"
				  "{\"id\": \"4\", \"title\": \"t\", \"body\": \"b\"}\n");
	recs rs;
	read_path(p, NULL, &rs);
	assert_int_equal(rs.n, 4);
	assert_int_equal(rs.failed, 2);
	assert_int_equal(rs.v[0].status, VN_ARTICLE_OK);
	assert_int_equal(rs.v[1].status, VN_ARTICLE_FAILED);
	char want[600];
	snprintf(want, sizeof want, "%s:2: malformed JSON: ", p);
	assert_true(strncmp(rs.v[1].msg, want, strlen(want)) == 0);
	assert_int_equal(rs.v[1].line, 2);
	assert_int_equal(rs.v[2].status, VN_ARTICLE_FAILED);
	assert_non_null(strstr(rs.v[2].msg, ":3: not a JSON object"));
	assert_int_equal(rs.v[3].status, VN_ARTICLE_OK);
	assert_string_equal(rs.v[3].id, "4");
	recs_free(&rs);
}

static void test_jsonl_missing_fields(void **state)
{
	(void)state;
	const char *p = write_str(
		"missing.jsonl",
		"{\"title\": \"t\", \"body\": \"b\"}\n"
		"{\"id\": \"\", \"title\": \"t\", \"body\": \"b\"}\n"
		"{\"id\": \"n1\", \"title\": \"t\"}\n"
		"{\"id\": \"n2\", \"title\": \"t\", \"body\": \"\"}\n"
		"{\"id\": \"n3\", \"body\": \"b\"}\n"
		"{\"id\": \"n4\", \"title\": null, \"body\": \"công bố thủ tục hành chính mới\\nđoạn hai\"}\n"
		"{\"id\": \"n5\", \"title\": \"\", \"summary\": \"Tóm tắt ngắn\", \"body\": \"b\"}\n"
		"{\"id\": \"n6\", \"title\": {\"x\": 1}, \"body\": \"b\"}\n");
	recs rs;
	read_path(p, NULL, &rs);
	assert_int_equal(rs.n, 8);
	assert_int_equal(rs.v[0].status, VN_ARTICLE_FAILED);
	assert_non_null(strstr(rs.v[0].msg, ":1: missing id"));
	assert_int_equal(rs.v[1].status, VN_ARTICLE_FAILED);
	assert_non_null(strstr(rs.v[1].msg, ":2: missing id"));
	assert_int_equal(rs.v[2].status, VN_ARTICLE_FAILED);
	assert_non_null(strstr(rs.v[2].msg, ":3: id n1: missing body"));
	assert_string_equal(rs.v[2].id, "n1");
	assert_int_equal(rs.v[3].status, VN_ARTICLE_FAILED);
	assert_non_null(strstr(rs.v[3].msg, "missing body"));
	assert_int_equal(rs.v[4].status, VN_ARTICLE_FAILED);
	assert_non_null(strstr(rs.v[4].msg, ":5: id n3: missing title"));
	assert_int_equal(rs.v[5].status, VN_ARTICLE_OK);
	assert_string_equal(rs.v[5].title, "công bố thủ tục hành chính mới");
	assert_non_null(strstr(rs.v[5].warning, "no title"));
	assert_int_equal(rs.v[6].status, VN_ARTICLE_OK);
	assert_string_equal(rs.v[6].title, "Tóm tắt ngắn");
	assert_int_equal(rs.v[7].status, VN_ARTICLE_OK);   /* object ignored, title from body */
	assert_string_equal(rs.v[7].title, "b");
	assert_non_null(strstr(rs.v[7].warning, "object"));
	assert_int_equal(rs.failed, 5);
	recs_free(&rs);
}

static void test_jsonl_invalid_utf8_and_bad_date(void **state)
{
	(void)state;
	const char *p = write_str(
		"utf8.jsonl",
		"{\"id\": \"u1\", \"title\": \"L\xE1\xBB\x97i \xFF m\xC3\", \"body\": \"th\xE1\xBB\", \"date\": \"31/02/2023\"}\n"
		"{\"id\": \"u2\", \"title\": \"ok \xEF\xBF\xBD\", \"body\": \"b\", \"date\": \"2023-02-31\"}\n"
		"{\"id\": \"u3\", \"title\": \"t\", \"body\": \"b\", \"date\": 20230321}\n"
		"{\"id\": \"u4\", \"title\": \"t\", \"body\": \"b\", \"date\": \"Thứ ba, 21/03/2023 - 08:30\"}\n"
		"{\"id\": \"u5\", \"title\": \"t\", \"body\": \"b\", \"date\": \"31/02/2023 08:30\"}\n");
	recs rs;
	read_path(p, NULL, &rs);
	assert_int_equal(rs.n, 5);
	assert_int_equal(rs.failed, 0);
	assert_string_equal(rs.v[0].title, "L\xE1\xBB\x97i \xEF\xBF\xBD m\xEF\xBF\xBD");
	assert_string_equal(rs.v[0].body, "th\xEF\xBF\xBD\xEF\xBF\xBD");
	assert_null(rs.v[0].date);
	assert_non_null(strstr(rs.v[0].warning, "invalid UTF-8"));
	assert_non_null(strstr(rs.v[0].warning, "31/02/2023"));
	assert_string_equal(rs.v[1].title, "ok \xEF\xBF\xBD");
	assert_null(rs.v[1].date);
	assert_null(strstr(rs.v[1].warning, "UTF-8"));   /* a real U+FFFD is valid input */
	assert_non_null(strstr(rs.v[1].warning, "2023-02-31"));
	assert_null(rs.v[2].date);
	assert_non_null(rs.v[2].warning);
	assert_string_equal(rs.v[3].date, "2023-03-21");
	assert_null(rs.v[3].warning);
	assert_null(rs.v[4].date);
	assert_non_null(rs.v[4].warning);
	recs_free(&rs);
}

/* Every class of malformed UTF-8 (RFC 3629 section 3/4) is repaired, every
 * well-formed one is kept as is. */
static void test_jsonl_utf8_table(void **state)
{
	(void)state;
	static const struct {
		const char *bytes;
		int valid;
	} t[] = {
		{ "a", 1 }, { "\xC3\xA9", 1 }, { "\xE1\xBB\x87", 1 }, { "\xF0\x9F\x98\x80", 1 },
		{ "\xEF\xBB\xBF", 1 }, { "\xED\x9F\xBF", 1 }, { "\xF4\x8F\xBF\xBF", 1 },
		{ "\xE0\xA0\x80", 1 }, { "12345678\xC3\xA9" "12345678", 1 },
		{ "\x80", 0 }, { "\xBF", 0 }, { "\xC0\x80", 0 }, { "\xC1\xBF", 0 },
		{ "\xE0\x9F\xBF", 0 }, { "\xED\xA0\x80", 0 }, { "\xF0\x8F\xBF\xBF", 0 },
		{ "\xF4\x90\x80\x80", 0 }, { "\xF5\x80\x80\x80", 0 }, { "\xFE", 0 },
		{ "\xE1\xBB", 0 }, { "\xC3", 0 }, { "\xF0\x9F\x98", 0 }, { "1234567\xC3", 0 },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		char line[200];
		int k = snprintf(line, sizeof line, "{\"id\": \"u\", \"title\": \"x%sx\", \"body\": \"b\"}",
				 t[i].bytes);
		recs rs;
		read_mem(VN_ARTICLE_FMT_JSONL, line, (size_t)k, &rs);
		assert_int_equal(rs.n, 1);
		if (rs.v[0].status != VN_ARTICLE_OK)
			fail_msg("case %zu failed: %s", i, rs.v[0].msg);
		if (t[i].valid) {
			assert_null(rs.v[0].warning);
			assert_int_equal(rs.v[0].title_len, strlen(t[i].bytes) + 2);
			assert_memory_equal(rs.v[0].title + 1, t[i].bytes, strlen(t[i].bytes));
		} else {
			if (!rs.v[0].warning || !strstr(rs.v[0].warning, "invalid UTF-8"))
				fail_msg("case %zu: no warning", i);
			assert_non_null(strstr(rs.v[0].title, "\xEF\xBF\xBD"));
			assert_true(vn_utf8_valid(rs.v[0].title, rs.v[0].title_len));
		}
		recs_free(&rs);
	}
}

static void test_jsonl_deleted(void **state)
{
	(void)state;
	const char *p = write_str("del.jsonl",
				  "{\"id\": \"gone\", \"deleted\": true}\n"
				  "{\"id\": \"kept\", \"deleted\": false, \"title\": \"t\", \"body\": \"b\"}\n"
				  "{\"deleted\": true}\n");
	recs rs;
	read_path(p, NULL, &rs);
	assert_int_equal(rs.n, 3);
	assert_int_equal(rs.v[0].status, VN_ARTICLE_OK);
	assert_int_equal(rs.v[0].deleted, 1);
	assert_string_equal(rs.v[0].id, "gone");
	assert_null(rs.v[0].body);
	assert_int_equal(rs.v[1].deleted, 0);
	assert_string_equal(rs.v[1].body, "b");
	assert_int_equal(rs.v[2].status, VN_ARTICLE_FAILED);
	recs_free(&rs);
}

static void test_jsonl_crlf_bom_blank(void **state)
{
	(void)state;
	const char *p = write_str("crlf.jsonl",
				  "\xEF\xBB\xBF{\"id\": \"c1\", \"title\": \"t\", \"body\": \"b\"}\r\n"
				  "   \r\n"
				  "{\"id\": \"c2\", \"title\": \"t\", \"body\": \"b2\"}\r\n");
	recs rs;
	read_path(p, NULL, &rs);
	assert_int_equal(rs.n, 2);
	assert_int_equal(rs.failed, 0);
	assert_string_equal(rs.v[0].id, "c1");
	assert_string_equal(rs.v[1].body, "b2");
	assert_int_equal(rs.v[1].line, 3);
	recs_free(&rs);
}

static void test_jsonl_gzip(void **state)
{
	(void)state;
	const char *p = path_in("g.jsonl.gz");
	gzFile gz = gzopen(p, "wb");
	assert_non_null(gz);
	for (int i = 0; i < 3000; i++)
		gzprintf(gz, "{\"id\": \"g%d\", \"title\": \"Tin %d\", \"body\": \"Nội dung %d\"}\n", i, i, i);
	assert_int_equal(gzclose(gz), Z_OK);
	/* a second gzip member appended: zcat reads both, so must we */
	gz = gzopen(p, "ab");
	gzprintf(gz, "{\"id\": \"last\", \"title\": \"t\", \"body\": \"b\"}\n");
	assert_int_equal(gzclose(gz), Z_OK);
	recs rs;
	read_path(p, NULL, &rs);
	assert_int_equal(rs.n, 3001);
	assert_int_equal(rs.failed, 0);
	assert_string_equal(rs.v[2999].body, "Nội dung 2999");
	assert_string_equal(rs.v[3000].id, "last");
	recs_free(&rs);

	/* a truncated gzip file: the records before the damage, then one failure */
	FILE *f = fopen(p, "rb");
	char buf[1 << 16];
	size_t n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	const char *q = write_file("trunc.jsonl.gz", buf, n / 2);
	read_path(q, NULL, &rs);
	assert_true(rs.n > 10);
	assert_int_equal(rs.failed, 1);
	assert_int_equal(rs.v[rs.n - 1].status, VN_ARTICLE_FAILED);
	assert_non_null(strstr(rs.v[rs.n - 1].msg, "trunc.jsonl.gz"));
	recs_free(&rs);
}

static void test_jsonl_big_body(void **state)
{
	(void)state;
	const size_t big = 50u << 20;
	size_t n = big + 256;
	char *line = malloc(n);
	assert_non_null(line);
	int h = snprintf(line, 64, "{\"id\": \"big\", \"title\": \"t\", \"body\": \"");
	memset(line + h, 'a', big);
	size_t k = (size_t)h + big;
	k += (size_t)sprintf(line + k, "\"}\n{\"id\": \"small\", \"title\": \"t\", \"body\": \"b\"}\n");
	const char *p = write_file("big.jsonl", line, k);
	free(line);

	recs rs;
	read_path(p, NULL, &rs);   /* default limit: 16 MiB */
	assert_int_equal(rs.n, 2);
	assert_int_equal(rs.v[0].status, VN_ARTICLE_FAILED);
	assert_non_null(strstr(rs.v[0].msg, "over the limit"));
	assert_non_null(strstr(rs.v[0].msg, ":1:"));
	assert_int_equal(rs.v[1].status, VN_ARTICLE_OK);
	assert_string_equal(rs.v[1].id, "small");
	recs_free(&rs);

	vn_article_options o = { NULL, 64u << 20 };
	read_path(p, &o, &rs);
	assert_int_equal(rs.n, 2);
	assert_int_equal(rs.failed, 0);
	assert_int_equal(rs.v[0].body_len, big);
	recs_free(&rs);

	/* a limit so small that the line itself is skipped unparsed */
	vn_article_options tiny = { NULL, 1000 };
	read_path(p, &tiny, &rs);
	assert_int_equal(rs.n, 2);
	assert_int_equal(rs.v[0].status, VN_ARTICLE_FAILED);
	assert_non_null(strstr(rs.v[0].msg, "record of"));
	assert_int_equal(rs.v[1].status, VN_ARTICLE_OK);
	recs_free(&rs);
}

static void test_jsonl_stream_and_memory(void **state)
{
	(void)state;
	const char *text = "{\"id\": \"s1\", \"title\": \"t\", \"body\": \"b\"}\n"
			   "{oops}\n"
			   "{\"id\": \"s3\", \"title\": \"t\", \"body\": \"b\"}";
	FILE *f = tmpfile();
	assert_non_null(f);
	fputs(text, f);
	rewind(f);
	vn_article_reader *r = NULL;
	vn_error err = VN_ERROR_INIT;
	assert_int_equal(vn_article__reader_open_stream(&r, f, "-", NULL, &err), 0);
	recs rs;
	collect(r, &rs);
	vn_article_reader_free(r);
	fclose(f);
	assert_int_equal(rs.n, 3);
	assert_int_equal(rs.failed, 1);
	assert_string_equal(rs.v[0].source, "-");
	assert_non_null(strstr(rs.v[1].msg, "-:2: malformed JSON"));
	assert_string_equal(rs.v[2].id, "s3");
	assert_int_equal(vn_article_reader_is_directory(NULL), 0);
	recs_free(&rs);

	read_mem(VN_ARTICLE_FMT_JSONL, text, strlen(text), &rs);
	assert_int_equal(rs.n, 3);
	assert_int_equal(rs.failed, 1);
	assert_string_equal(rs.v[2].id, "s3");
	recs_free(&rs);
}

/* "-" reads standard input, plain or gzip. */
static void test_stdin(void **state)
{
	(void)state;
	const char *p = path_in("stdin.jsonl.gz");
	gzFile gz = gzopen(p, "wb");
	assert_non_null(gz);
	gzprintf(gz, "{\"id\": \"in1\", \"title\": \"t\", \"body\": \"b\"}\n{bad\n"
		     "{\"id\": \"in3\", \"title\": \"t\", \"body\": \"b\"}\n");
	assert_int_equal(gzclose(gz), Z_OK);
	const char *plain = write_str("stdin.jsonl", "{\"id\": \"p1\", \"title\": \"t\", \"body\": \"b\"}\n");
	const char *inputs[2] = { p, plain };
	for (int k = 0; k < 2; k++) {
		int saved = dup(0);
		int fd = open(inputs[k], O_RDONLY);
		assert_true(saved >= 0 && fd >= 0);
		assert_int_equal(dup2(fd, 0), 0);
		close(fd);
		recs rs;
		read_path("-", NULL, &rs);
		assert_int_equal(dup2(saved, 0), 0);
		close(saved);
		if (k == 0) {
			assert_int_equal(rs.n, 3);
			assert_int_equal(rs.failed, 1);
			assert_non_null(strstr(rs.v[1].msg, "-:2: malformed JSON"));
			assert_string_equal(rs.v[2].id, "in3");
			assert_string_equal(rs.v[2].source, "-");
		} else {
			assert_int_equal(rs.n, 1);
			assert_string_equal(rs.v[0].id, "p1");
		}
		recs_free(&rs);
	}
}

static void test_json_document(void **state)
{
	(void)state;
	const char *p = write_str("arr.json", "[{\"id\": \"j1\", \"title\": \"t\", \"body\": \"b\"}, 5, "
					      "{\"id\": \"j3\", \"title\": \"t\", \"body\": \"b\"}]");
	recs rs;
	read_path(p, NULL, &rs);
	assert_int_equal(rs.n, 3);
	assert_int_equal(rs.failed, 1);
	assert_non_null(strstr(rs.v[1].msg, "record 2: not a JSON object"));
	assert_string_equal(rs.v[2].id, "j3");
	recs_free(&rs);
	p = write_str("one.json", "{\"id\": \"o1\",\n \"title\": \"t\",\n \"body\": \"b\"}\n");
	read_path(p, NULL, &rs);
	assert_int_equal(rs.n, 1);
	assert_string_equal(rs.v[0].id, "o1");
	recs_free(&rs);
	p = write_str("lines.json", "{\"id\": \"l1\", \"title\": \"t\", \"body\": \"b\"}\n"
				    "{\"id\": \"l2\", \"title\": \"t\", \"body\": \"b\"}\n");
	read_path(p, NULL, &rs);
	assert_int_equal(rs.n, 2);
	assert_int_equal(rs.failed, 0);
	assert_string_equal(rs.v[1].id, "l2");
	recs_free(&rs);
}

static void test_gov_raw_fields(void **state)
{
	(void)state;
	const char *p = write_str(
		"gov.jsonl",
		"{\"id\": \"tthc-1\", \"ten_thu_tuc\": \"Đăng ký khai sinh\", \"linh_vuc\": \"Hộ tịch\", "
		"\"detail_url\": \"https://dichvucong.gov.vn/x\", \"content\": \"Trình tự\"}\n"
		"{\"id\": \"bdvb-1\", \"so_ky_hieu\": \"1707/QĐ-UBND\", \"trich_yeu\": \"về việc công bố\", "
		"\"ngay_ban_hanh\": \"05/06/2020\"}\n");
	recs rs;
	read_path(p, NULL, &rs);
	assert_int_equal(rs.n, 2);
	assert_int_equal(rs.failed, 0);
	assert_string_equal(rs.v[0].title, "Đăng ký khai sinh");
	assert_string_equal(rs.v[0].category, "Hộ tịch");
	assert_string_equal(rs.v[0].kind, "procedure");
	assert_string_equal(rs.v[0].url, "https://dichvucong.gov.vn/x");
	assert_string_equal(rs.v[1].title, "1707/QĐ-UBND");
	assert_string_equal(rs.v[1].body, "về việc công bố");
	assert_string_equal(rs.v[1].date, "2020-06-05");
	assert_string_equal(rs.v[1].kind, "legal");
	recs_free(&rs);
}

/* ---- scraped pages ------------------------------------------------------- */

#define NBSP "\xC2\xA0"

/* Same structure as shared/seed-article.txt, made-up text. */
static const char synthetic_page[] =
	"ỦY BAN NHÂN DÂN PHƯỜNG MINH AN TỔNG KẾT CÔNG TÁC NĂM\n"
	"ỦY BAN NHÂN DÂN PHƯỜNG MINH AN TỔNG KẾT CÔNG TÁC NĂM (05/01/2024)\n"
	"Chiều ngày 04- 1, UBND phường Minh An đã tổ chức hội nghị tổng kết.\n"
	"\n"
	"Đồng chí Lê Văn Ba cho biết :" NBSP " Năm qua phường hoàn thành các chỉ tiêu.\n"
	"\n"
	NBSP NBSP NBSP " Tại hội nghị các đại biểu đã thảo luận ....\n"
	"\n"
	NBSP NBSP NBSP NBSP NBSP NBSP NBSP "\n"
	"\n"
	NBSP "\n"
	"\n"
	"Nguyễn Thị Hoa\n"
	"\n"
	"Lượt xem:" NBSP " 12 Bản in Quay lại\n"
	"\n"
	"Tin đã đưa\n"
	"Trang 1 / 3 1 2 3\n"
	NBSP " Go To" NBSP "\n"
	"Xem theo ngày :\n"
	"Giới thiệu\n";

static void check_synthetic(const rec *a)
{
	assert_int_equal(a->status, VN_ARTICLE_OK);
	assert_string_equal(a->title, "ỦY BAN NHÂN DÂN PHƯỜNG MINH AN TỔNG KẾT CÔNG TÁC NĂM");
	assert_string_equal(a->date, "2024-01-05");
	assert_string_equal(a->author, "Nguyễn Thị Hoa");
	assert_string_equal(a->body,
			    "Chiều ngày 04- 1, UBND phường Minh An đã tổ chức hội nghị tổng kết.\n"
			    "Đồng chí Lê Văn Ba cho biết :" NBSP " Năm qua phường hoàn thành các chỉ tiêu.\n"
			    "Tại hội nghị các đại biểu đã thảo luận ....");
	assert_null(a->warning);
}

static void test_page_synthetic(void **state)
{
	(void)state;
	recs rs;
	read_mem(VN_ARTICLE_FMT_PAGE, synthetic_page, strlen(synthetic_page), &rs);
	assert_int_equal(rs.n, 1);
	check_synthetic(&rs.v[0]);
	assert_string_equal(rs.v[0].id, "mem");
	assert_string_equal(rs.v[0].kind, "news");
	recs_free(&rs);

	/* the same with CRLF line ends and a BOM */
	vn_buf b = VN_BUF_INIT;
	vn_buf_puts(&b, "\xEF\xBB\xBF");
	for (const char *s = synthetic_page; *s; s++) {
		if (*s == '\n')
			vn_buf_putc(&b, '\r');
		vn_buf_putc(&b, *s);
	}
	read_mem(VN_ARTICLE_FMT_PAGE, b.data, b.len, &rs);
	assert_int_equal(rs.n, 1);
	check_synthetic(&rs.v[0]);
	recs_free(&rs);
	vn_buf_free(&b);
}

static void test_page_variants(void **state)
{
	(void)state;
	recs rs;
	/* no date line, no "Lượt xem", another marker */
	const char *p1 = "Tiêu đề\nĐoạn một của bài.\nĐoạn hai của bài.\nTrần Văn An\nTin đã đưa\nMenu\n";
	read_mem(VN_ARTICLE_FMT_PAGE, p1, strlen(p1), &rs);
	assert_int_equal(rs.v[0].status, VN_ARTICLE_OK);
	assert_string_equal(rs.v[0].title, "Tiêu đề");
	assert_null(rs.v[0].date);
	assert_string_equal(rs.v[0].author, "Trần Văn An");
	assert_string_equal(rs.v[0].body, "Đoạn một của bài.\nĐoạn hai của bài.");
	recs_free(&rs);

	/* no boilerplate at all, last line is a sentence (not a by-line) */
	const char *p2 = "Tiêu đề\nTiêu đề (1/2/2024)\nMột.\nHai câu cuối cùng của bài viết.\n";
	read_mem(VN_ARTICLE_FMT_PAGE, p2, strlen(p2), &rs);
	assert_string_equal(rs.v[0].date, "2024-02-01");
	assert_null(rs.v[0].author);
	assert_string_equal(rs.v[0].body, "Một.\nHai câu cuối cùng của bài viết.");
	recs_free(&rs);

	/* impossible date: indexed without it, with a warning */
	const char *p3 = "Tiêu đề\nTiêu đề (31/02/2023)\nThân bài.\n";
	read_mem(VN_ARTICLE_FMT_PAGE, p3, strlen(p3), &rs);
	assert_int_equal(rs.v[0].status, VN_ARTICLE_OK);
	assert_null(rs.v[0].date);
	assert_non_null(rs.v[0].warning);
	assert_string_equal(rs.v[0].body, "Thân bài.");
	recs_free(&rs);

	/* date on the title line only; a body line that starts like a marker but is long */
	const char *p4 = "Tiêu đề (21/03/2023)\nQuay lại câu chuyện năm trước, phường đã vận động được "
			 "nhiều hộ dân tham gia hiến đất mở đường, với tổng chiều dài hơn hai cây số "
			 "và nhiều công trình khác.\nLượt xem: 3\n";
	read_mem(VN_ARTICLE_FMT_PAGE, p4, strlen(p4), &rs);
	assert_string_equal(rs.v[0].title, "Tiêu đề");
	assert_string_equal(rs.v[0].date, "2023-03-21");
	assert_true(strncmp(rs.v[0].body, "Quay lại câu chuyện", strlen("Quay lại câu chuyện")) == 0);
	recs_free(&rs);

	/* "Lượt xem" inside a paragraph is not the counter */
	const char *p6 = "T\nT (21/03/2023)\nLượt xem video đạt một triệu.\nHai.\nLượt xem : 5\nMenu\n";
	read_mem(VN_ARTICLE_FMT_PAGE, p6, strlen(p6), &rs);
	assert_string_equal(rs.v[0].body, "Lượt xem video đạt một triệu.\nHai.");
	recs_free(&rs);

	/* initials are a by-line */
	const char *p7 = "T\nMột câu.\nHai câu.\nN.T.\nLượt xem: 5\n";
	read_mem(VN_ARTICLE_FMT_PAGE, p7, strlen(p7), &rs);
	assert_string_equal(rs.v[0].author, "N.T.");
	assert_string_equal(rs.v[0].body, "Một câu.\nHai câu.");
	recs_free(&rs);

	/* author glued to the counter */
	const char *p5 = "T\nT (21/03/2023)\nMột.\nHai.\nVõ Còn Lượt xem: 37 Bản in\n";
	read_mem(VN_ARTICLE_FMT_PAGE, p5, strlen(p5), &rs);
	assert_string_equal(rs.v[0].author, "Võ Còn");
	assert_string_equal(rs.v[0].body, "Một.\nHai.");
	recs_free(&rs);

	/* menu lines the scraper caught above the title: the title is the line
	 * repeated with the date, not "Trang chủ" */
	const char *p8 = "Trang chủ\nTin tức - Sự kiện\n\nLễ ra quân\nLễ ra quân (05/01/2024 09:30)\nMột.\n"
			 "Lượt xem: 2\n";
	read_mem(VN_ARTICLE_FMT_PAGE, p8, strlen(p8), &rs);
	assert_string_equal(rs.v[0].title, "Lễ ra quân");
	assert_string_equal(rs.v[0].date, "2024-01-05");
	assert_string_equal(rs.v[0].body, "Một.");
	recs_free(&rs);

	/* empty page, title only */
	read_mem(VN_ARTICLE_FMT_PAGE, NBSP "\n \n", 5, &rs);
	assert_int_equal(rs.v[0].status, VN_ARTICLE_FAILED);
	assert_non_null(strstr(rs.v[0].msg, "no title"));
	recs_free(&rs);
	read_mem(VN_ARTICLE_FMT_PAGE, "Chỉ tiêu đề\nChỉ tiêu đề (01/01/2024)\nLượt xem: 1\n",
		 strlen("Chỉ tiêu đề\nChỉ tiêu đề (01/01/2024)\nLượt xem: 1\n"), &rs);
	assert_int_equal(rs.v[0].status, VN_ARTICLE_FAILED);
	assert_non_null(strstr(rs.v[0].msg, "no body"));
	recs_free(&rs);
}

/* Pages from other portal software: a metadata line instead of the title's
 * repeat, menus and breadcrumbs above, labelled by-lines below. */
static void test_page_other_portals(void **state)
{
	(void)state;
	static const struct {
		const char *page, *title, *date, *author, *body;
	} cases[] = {
		{ "Trang chủ\nGiới thiệu\nTin tức - Sự kiện\nUBND XÃ HÒA PHƯỚC TẬP HUẤN CHUYỂN ĐỔI SỐ\n"
		  "Ngày đăng: 05/06/2024 | Lượt xem: 120\nSáng 04/6, xã tổ chức tập huấn.\nHọc viên thực hành.\n"
		  "Nguyễn Thị Lan - Văn phòng UBND xã\nChia sẻ Facebook Zalo\nCác tin khác\n",
		  "UBND XÃ HÒA PHƯỚC TẬP HUẤN CHUYỂN ĐỔI SỐ", "2024-06-05", "Nguyễn Thị Lan",
		  "Sáng 04/6, xã tổ chức tập huấn.\nHọc viên thực hành." },
		{ "Thông báo lịch tiếp công dân\nCập nhật lúc: 08:30 01/07/2024\nChủ tịch UBND phường tiếp công dân.\n"
		  "Tác giả: Văn phòng HĐND-UBND phường\nBản in Gửi email Quay lại\n",
		  "Thông báo lịch tiếp công dân", "2024-07-01", "Văn phòng HĐND-UBND phường",
		  "Chủ tịch UBND phường tiếp công dân." },
		{ "Tin tức\n21/03/2023 08:30\nHội nghị sơ kết quý I\nSáng nay phường tổ chức hội nghị.\nCác tin khác\n",
		  "Hội nghị sơ kết quý I", "2023-03-21", NULL, "Sáng nay phường tổ chức hội nghị." },
		{ "Phường ra quân dọn vệ sinh\nThứ Ba, 21/03/2023 - 08:30 (GMT+7)\nSáng 21/3, đoàn viên ra quân.\n"
		  "Minh Châu\n",
		  "Phường ra quân dọn vệ sinh", "2023-03-21", "Minh Châu", "Sáng 21/3, đoàn viên ra quân." },
		{ "Kế hoạch Ngày hội đại đoàn kết\nNgày 21 tháng 3 năm 2023\nỦy ban MTTQ phường ban hành kế hoạch.\n"
		  "Nội dung gồm nhiều hoạt động.\n",
		  "Kế hoạch Ngày hội đại đoàn kết", "2023-03-21", NULL,
		  "Ủy ban MTTQ phường ban hành kế hoạch.\nNội dung gồm nhiều hoạt động." },
		/* a first sentence that starts with a date is body, not metadata */
		{ "Thông báo nghỉ lễ\nNgày 04/6/2024, UBND xã thông báo lịch nghỉ lễ.\nCán bộ trực theo lịch.\n",
		  "Thông báo nghỉ lễ", NULL, NULL,
		  "Ngày 04/6/2024, UBND xã thông báo lịch nghỉ lễ.\nCán bộ trực theo lịch." },
		/* the view counter under the date line is not the end of the article */
		{ "PHÒNG CHỐNG SỐT XUẤT HUYẾT\nCập nhật: 21/03/2023\nLượt xem: 5\nTrạm y tế phun thuốc.\n"
		  "Người dân diệt lăng quăng.\nTin, ảnh: Minh Châu\nCác tin khác\nTin cũ\n",
		  "PHÒNG CHỐNG SỐT XUẤT HUYẾT", "2023-03-21", "Minh Châu",
		  "Trạm y tế phun thuốc.\nNgười dân diệt lăng quăng." },
		{ "Trang chủ > Tin tức > Hoạt động\nĐoàn phường tổ chức hiến máu\nHơn 100 đơn vị máu.\n"
		  "Đoàn viên hưởng ứng.\n",
		  "Đoàn phường tổ chức hiến máu", NULL, NULL, "Hơn 100 đơn vị máu.\nĐoàn viên hưởng ứng." },
	};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		recs rs;
		read_mem(VN_ARTICLE_FMT_PAGE, cases[c].page, strlen(cases[c].page), &rs);
		assert_int_equal(rs.n, 1);
		rec *a = &rs.v[0];
		if (a->status != VN_ARTICLE_OK)
			fail_msg("case %zu: %s", c, a->msg ? a->msg : "failed");
		assert_string_equal(a->title, cases[c].title);
		if (cases[c].date)
			assert_string_equal(a->date, cases[c].date);
		else
			assert_null(a->date);
		if (cases[c].author)
			assert_string_equal(a->author, cases[c].author);
		else
			assert_null(a->author);
		assert_string_equal(a->body, cases[c].body);
		recs_free(&rs);
	}
}

static void test_page_seed(void **state)
{
	(void)state;
	const char *seed = VN_SHARED_DIR "/seed-article.txt";
	if (access(seed, R_OK) != 0) {
		print_message("skipped: %s absent (the synthetic page covers the parser)\n", seed);
		skip();
	}
	recs rs;
	read_path(seed, NULL, &rs);
	assert_int_equal(rs.n, 1);
	rec *a = &rs.v[0];
	assert_int_equal(a->status, VN_ARTICLE_OK);
	assert_string_equal(a->title, "ĐẢNG ỦY PHƯỜNG TÂN AN TỔ CHỨC HỘI NGHỊ CHUYÊN ĐỀ VỀ CÔNG TÁC "
				      "PHÁT TRIỂN ĐẢNG VIÊN");
	assert_string_equal(a->date, "2023-03-21");
	assert_string_equal(a->author, "Võ Còn");
	const char *start = "Sáng ngày 01- 3";
	assert_true(strncmp(a->body, start, strlen(start)) == 0);
	const char *end = "Thực trạng công tác tạo nguồn và công tác phát triển đảng viên ....";
	assert_true(a->body_len >= strlen(end));
	assert_string_equal(a->body + a->body_len - strlen(end), end);
	assert_null(strstr(a->body, "Lượt xem"));
	assert_null(strstr(a->body, "Võ Còn"));
	assert_null(strstr(a->body, "\n" NBSP));
	assert_null(strstr(a->body, NBSP "\n"));
	assert_null(strstr(a->body, "\n\n"));
	assert_string_equal(a->id, seed);
	recs_free(&rs);
}


/* ---- HTML ---------------------------------------------------------------- */

static void parse_html_ok(const char *html, const vn_article__html_config *cfg, const char *dir,
			  vn_article__doc *d)
{
	vn_error err = VN_ERROR_INIT;
	int rc = vn_article__parse_html(d, html, strlen(html), cfg, dir, &err);
	if (rc != 0)
		fail_msg("parse_html: %s", err.msg);
}

/* Files saved before Unicode: raw TCVN3 in a JSON line, raw VNI in a
 * scraped page, undeclared Windows-1258 in an HTML page — each read in its
 * code page (the text core repairs TCVN3/VNI), with a warning, never as
 * U+FFFD garbage. */
static void test_legacy_encodings(void **state)
{
	(void)state;
	/* "đảng viên người Việt" ×2 in TCVN3 bytes */
	recs rs;
	static const char line[] = "{\"id\": \"t3\", \"title\": \"\xAE\xB6ng vi\xAAn ng\xAD\xEAi Vi\xD6t\", "
				   "\"body\": \"\xAE\xB6ng vi\xAAn ng\xAD\xEAi Vi\xD6t.\"}";
	read_mem(VN_ARTICLE_FMT_JSONL, line, sizeof line - 1, &rs);
	assert_int_equal(rs.n, 1);
	assert_int_equal(rs.v[0].status, VN_ARTICLE_OK);
	assert_string_equal(rs.v[0].title, "đảng viên người Việt");
	assert_non_null(strstr(rs.v[0].warning, "not UTF-8"));
	recs_free(&rs);

	/* VNI: title line, date line, body, author */
	static const char page[] = "Ta\xE4p hua\xE1n \xF1" "a\xFBng vie\xE2n m\xF4\xF9i\n"
				   "21/03/2023\n"
				   "Ca\xF9" "c \xF1" "a\xFBng vie\xE2n m\xF4\xF9i \xF1" "a\xF5 tham gia ta\xE4p hua\xE1n.\n";
	read_mem(VN_ARTICLE_FMT_PAGE, page, sizeof page - 1, &rs);
	assert_int_equal(rs.n, 1);
	assert_int_equal(rs.v[0].status, VN_ARTICLE_OK);
	assert_string_equal(rs.v[0].title, "Tập huấn đảng viên mới");
	assert_string_equal(rs.v[0].date, "2023-03-21");
	assert_non_null(strstr(rs.v[0].body, "đảng viên"));
	assert_null(strstr(rs.v[0].body, "\xEF\xBF\xBD"));
	recs_free(&rs);

	/* Windows-1258 (precomposed letter + combining tone byte), no charset */
	vn_article__doc d;
	parse_html_ok("<html><head><title>\xD0" "a\xD2ng vi\xEAn ng\xFD\xF5\xCCi Vi\xEA\xF2t</title></head>"
		      "<body><article><p>\xD0" "a\xD2ng vi\xEAn ng\xFD\xF5\xCCi Vi\xEA\xF2t.</p></article></body></html>",
		      NULL, NULL, &d);
	assert_string_equal(d.title, "Đa\xCC\x89ng viên ngươ\xCC\x80i Viê\xCC\xA3t");
	assert_non_null(strstr(d.warning, "Windows-1258"));
	vn_article__doc_free(&d);

	/* a charset name libxml2 does not know ("TCVN3"): read as Latin-1,
	 * which leaves the mojibake that the indexer's repair undoes */
	parse_html_ok("<html><head><meta charset='TCVN3'><title>\xAE\xB6ng vi\xAAn ng\xAD\xEAi Vi\xD6t"
		      "</title></head><body><article><p>\xAE\xB6ng vi\xAAn.</p></article></body></html>",
		      NULL, NULL, &d);
	assert_non_null(d.title);
	assert_true(vn_utf8_valid(d.title, d.title_len));
	vn_text *t;
	vn_buf fixed = VN_BUF_INIT;
	assert_int_equal(vn_text_new(&t, "vi", NULL), 0);
	assert_int_equal(vn_text_repair(t, d.title, d.title_len, &fixed, NULL), 0);
	assert_string_equal(fixed.data, "đảng viên người Việt");
	vn_buf_free(&fixed);
	vn_text_free(t);
	vn_article__doc_free(&d);
}

static void test_html_defaults(void **state)
{
	(void)state;
	vn_article__doc d;
	/* og:title, canonical host, <article>, junk dropped, entities decoded */
	parse_html_ok("<html lang='vi-VN'><head><meta charset='utf-8'>"
		      "<title>Tin hay - Cổng thông tin điện tử phường X</title>"
		      "<meta property='og:title' content=' Tin  hay '>"
		      "<meta name='vnsearch:id' content='x-42'>"
		      "<meta property='article:published_time' content='2023-03-21T08:00:00+07:00'>"
		      "<link rel='canonical' href='https://Phuong.X.gov.vn:443/a?b=1'>"
		      "<script>var a = 'Lượt xem';</script><style>p{}</style></head><body>"
		      "<nav><a href='/'>Trang chủ</a></nav><div class='top-menu'>Menu chữ</div>"
		      "<article><h1>Tin hay</h1><p>Đoạn &amp; một,\n   có   khoảng trắng.</p>"
		      "<div class='share-box'>Chia sẻ</div><p>Đoạn <b>hai</b>&nbsp;&nbsp;cuối.</p>"
		      "<table><tr><td>ô 1</td><td>ô 2</td></tr></table><ul><li>mục</li></ul>"
		      "<div style='display: none'>ẩn</div><form>Tìm kiếm</form></article>"
		      "<footer>Bản quyền</footer></body></html>",
		      NULL, NULL, &d);
	assert_string_equal(d.title, "Tin hay");
	assert_int_equal(d.title_len, strlen("Tin hay"));
	assert_string_equal(d.id, "x-42");
	assert_string_equal(d.date, "2023-03-21");
	assert_string_equal(d.site, "phuong.x.gov.vn");
	assert_string_equal(d.url, "https://Phuong.X.gov.vn:443/a?b=1");
	assert_string_equal(d.lang, "vi");
	assert_string_equal(d.body, "Tin hay\nĐoạn & một, có khoảng trắng.\nĐoạn hai cuối.\nô 1 ô 2\nmục");
	assert_int_equal(d.body_len, strlen(d.body));
	vn_article__doc_free(&d);

	/* <title> without the portal suffix; body by text density; no charset
	 * declared: read as UTF-8; weekday date after the title preferred over the
	 * banner's date of today */
	parse_html_ok("<html><head><title>Phường tổ chức lễ ra quân làm sạch bãi biển - Cổng TTĐT</title></head>"
		      "<body><div class='banner'>Thứ sáu, 27/11/2026</div>"
		      "<div id='left'><a href='/1'>Tin một rất dài dài dài dài dài dài dài dài dài dài dài dài</a>"
		      "<a href='/2'>Tin hai rất dài dài dài dài dài dài dài dài dài dài dài dài dài dài</a></div>"
		      "<div id='c'><h2>Lễ ra quân</h2><span>Cập nhật 01/01/2020</span>"
		      "<span>Thứ hai, 05/06/2023 07:00</span>"
		      "<div class='noi-dung'><p>Sáng nay, hơn 200 đoàn viên ra quân.</p><p>Thu gom 3 tấn rác.</p>"
		      "<p>Hoạt động kéo dài đến trưa.</p></div></div>"
		      "<div class='related-news'><p>Tin liên quan dài dài dài dài dài dài dài dài dài dài dài dài dài "
		      "dài dài dài dài dài dài dài dài dài dài dài dài dài dài dài dài dài</p></div></body></html>",
		      NULL, NULL, &d);
	assert_string_equal(d.title, "Phường tổ chức lễ ra quân làm sạch bãi biển");
	assert_string_equal(d.body, "Sáng nay, hơn 200 đoàn viên ra quân.\nThu gom 3 tấn rác.\nHoạt động kéo dài đến trưa.");
	assert_string_equal(d.date, "2026-11-27");   /* no title element in the tree: the first weekday date */
	assert_null(d.site);
	assert_null(d.id);
	assert_null(d.lang);
	vn_article__doc_free(&d);

	/* the same page with an h1 title: the date after it wins; the page's
	 * directory names the site */
	parse_html_ok("<html><body><div class='banner'>Thứ sáu, 27/11/2026</div>"
		      "<div><h1>Lễ ra quân</h1><span>Cập nhật 01/01/2020</span>"
		      "<span>Thứ hai, 05/06/2023 07:00</span><main><p>Thân bài.</p></main></div></body></html>",
		      NULL, "xa.hoian.gov.vn", &d);
	assert_string_equal(d.title, "Lễ ra quân");
	assert_string_equal(d.date, "2023-06-05");
	assert_string_equal(d.body, "Thân bài.");
	assert_string_equal(d.site, "xa.hoian.gov.vn");
	vn_article__doc_free(&d);

	/* impossible metadata date: dropped with a warning, the text date used */
	parse_html_ok("<html><head><meta property='article:published_time' content='2023-02-31'></head>"
		      "<body><h1>T</h1><p>21/03/2023</p><article>B</article></body></html>",
		      NULL, "pages", &d);
	assert_string_equal(d.date, "2023-03-21");
	assert_null(d.site);   /* "pages" is not a host */
	vn_article__doc_free(&d);
}

/* The lead paragraph printed apart from the body (class sapo) is the
 * summary, not another article's summary in a list; the date and by-line
 * at the top of the article element are not body. */
static void test_html_sapo_and_meta(void **state)
{
	(void)state;
	const char *page =
		"<html><head><title>Cổng thông tin điện tử huyện</title></head><body>"
		"<div class='menu'><a href='/'>TRANG CHỦ</a></div>"
		"<ul class='hot'><li><p class='summary'>Tóm tắt của một tin khác.</p></li></ul>"
		"<article><h1>Huyện triển khai chuyển đổi số năm 2024</h1>"
		"<div class='entry-meta'>Đăng ngày 15/01/2024 bởi Admin</div>"
		"<div class='sapo'>Ngày 12/1, UBND huyện tổ chức hội nghị.</div>"
		"<div class='content'><p>Năm 2024 huyện phấn đấu 80% hồ sơ trực tuyến.</p>"
		"<p>Các xã thành lập tổ công nghệ số.</p><p>Lượt xem: 12</p></div></article>"
		"</body></html>";
	vn_article__doc d;
	parse_html_ok(page, NULL, NULL, &d);
	assert_string_equal(d.title, "Huyện triển khai chuyển đổi số năm 2024");
	assert_string_equal(d.date, "2024-01-15");
	assert_string_equal(d.summary, "Ngày 12/1, UBND huyện tổ chức hội nghị.");
	assert_string_equal(d.body, "Ngày 12/1, UBND huyện tổ chức hội nghị.\n"
				    "Năm 2024 huyện phấn đấu 80% hồ sơ trực tuyến.\n"
				    "Các xã thành lập tổ công nghệ số.");
	vn_article__doc_free(&d);
}

/* Portals' own layouts without selectors: the article's heading is found
 * beside a <title> that names only the portal, a logo h1 (in <header>, a
 * link home, or class logo) and other news' titles (links). */
static void test_html_title_heading(void **state)
{
	(void)state;
	static const struct {
		const char *html, *title;
	} cases[] = {
		{ "<title>UBND phường Tân An - Cổng thông tin điện tử</title><body>"
		  "<div class='main'><h1 class='news-title'>Phường Tân An kết nạp đảng viên mới</h1>"
		  "<p>Sáng nay, Đảng ủy phường kết nạp ba đảng viên.</p></div></body>",
		  "Phường Tân An kết nạp đảng viên mới" },
		{ "<title>Cổng thông tin điện tử UBND phường Minh An</title><body>"
		  "<div class='top'><h1><a href='/'>UBND PHƯỜNG MINH AN</a></h1></div>"
		  "<div><h2 class='post-title'>Hội nghị tổng kết công tác dân số</h2>"
		  "<p>Chiều 4/1, phường tổng kết công tác dân số năm 2022.</p>"
		  "<h3><a href='/x'>Phường Minh An ra quân tổng vệ sinh</a></h3></div></body>",
		  "Hội nghị tổng kết công tác dân số" },
		{ "<title>Phát động thi đua yêu nước năm 2023 | UBND xã Cẩm Hà</title><body>"
		  "<header><h1>UBND XÃ CẨM HÀ TỈNH QUẢNG NAM</h1></header>"
		  "<main><h1>Phát động thi đua yêu nước năm 2023</h1><p>Sáng 15/2, xã phát động thi đua.</p></main>"
		  "</body>",
		  "Phát động thi đua yêu nước năm 2023" },
		{ "<title>Tin tức</title><body><div id='logo'><h1>Trang thông tin điện tử xã Tân Hiệp</h1></div>"
		  "<table><tr><td class='tieude'>Xã Tân Hiệp trao 200 suất quà Tết</td></tr>"
		  "<tr><td><p>Ngày 19/01/2023, xã trao 200 suất quà Tết cho hộ nghèo.</p></td></tr></table></body>",
		  "Xã Tân Hiệp trao 200 suất quà Tết" },
		{ "<title>Ra quân - Cổng thông tin điện tử phường Cẩm Phô thành phố Hội An</title><body>"
		  "<div><p>Hơn 200 đoàn viên ra quân làm sạch bãi biển.</p></div></body>",
		  "Ra quân" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		vn_article__doc d;
		parse_html_ok(cases[i].html, NULL, NULL, &d);
		if (strcmp(d.title, cases[i].title))
			fail_msg("case %zu: title \"%s\", want \"%s\"", i, d.title, cases[i].title);
		assert_null(strstr(d.body, cases[i].title)); /* the heading is not body text */
		vn_article__doc_free(&d);
	}
}

static void test_html_failures(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"", "<html></html>", "<html><body><p>no title anywhere</p></body></html>",
		"<html><head><title>Only a title</title></head><body><nav>menu</nav></body></html>",
		"\x00\x01\x02", "<<<>>>",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		vn_article__doc d;
		vn_error err = VN_ERROR_INIT;
		size_t n = i == 4 ? 3 : strlen(bad[i]);
		assert_int_equal(vn_article__parse_html(&d, bad[i], n, NULL, NULL, &err), VN_EINVAL);
		assert_true(strstr(err.msg, "title") || strstr(err.msg, "body") || strstr(err.msg, "HTML"));
		assert_null(d.title);
		assert_null(d.body);
	}
}

static void test_html_config(void **state)
{
	(void)state;
	const char *conf =
		"# selectors\n"
		"[default]      # for every site\n"
		"title = h1.title, h1\n"
		"drop = div.ads\n"
		"\n"
		"[site a.gov.vn]\n"
		"title = div.news #t\n"
		"body = div.news .content.main, div.other\n"
		"date = span.d\n"
		"author = p.by ; by-line\n"
		"category = SPAN.Cat\n"
		"summary = div.sapo\n"
		"drop = div.tools\n"
		"[site *.hoian.gov.vn]\n"
		"title = h3\n"
		"[site *.x.hoian.gov.vn]\n"
		"title = h4\n";
	vn_article__html_config *cfg = NULL;
	vn_error err = VN_ERROR_INIT;
	assert_int_equal(vn_article__html_config_parse(&cfg, conf, strlen(conf), "s.conf", &err), 0);
	const char *page =
		"<html><head><link rel='canonical' href='http://a.gov.vn/x'></head><body>"
		"<h1 class='title'>Sai</h1><h3>H3</h3><h4>H4</h4>"
		"<div class='news'><h2 id='T'>Đúng</h2><span class='d'>Ngày 02/01/2024</span>"
		"<span class='cat'>Y tế</span><div class='sapo'>Tóm tắt</div>"
		"<div class='main content'><p>Một</p><div class='tools'>In</div><div class='ads'>QC</div>"
		"<p class='by'>Lan Anh</p></div><div class='content main'><p>Hai</p></div></div>"
		"<div class='content main'><p>Ngoài news</p></div></body></html>";
	vn_article__doc d;
	parse_html_ok(page, cfg, NULL, &d);
	assert_string_equal(d.title, "Đúng");
	assert_string_equal(d.date, "2024-01-02");
	assert_string_equal(d.author, "Lan Anh");
	assert_string_equal(d.category, "Y tế");
	assert_string_equal(d.summary, "Tóm tắt");
	assert_string_equal(d.body, "Một\nHai");
	vn_article__doc_free(&d);

	/* the second body selector when the first matches nothing; [default] title */
	const char *page2 = "<html><head><meta property='og:url' content='https://a.gov.vn/y'></head><body>"
			    "<h1 class='title'>Mặc định</h1><div class='other'><p>Khác</p></div></body></html>";
	parse_html_ok(page2, cfg, NULL, &d);
	assert_string_equal(d.title, "Mặc định");
	assert_string_equal(d.body, "Khác");
	vn_article__doc_free(&d);

	/* wildcards: the longest suffix wins; the bare domain is not a subdomain */
	const char *tmpl = "<html><head><title>T</title><link rel='canonical' href='https://%s/'></head>"
			   "<body><h3>H3</h3><h4>H4</h4><article>B</article></body></html>";
	static const struct {
		const char *host, *title;
	} w[] = { { "xa.hoian.gov.vn", "H3" }, { "y.x.hoian.gov.vn", "H4" }, { "hoian.gov.vn", "T" },
		  { "b.gov.vn", "T" } };
	for (size_t i = 0; i < sizeof w / sizeof w[0]; i++) {
		char buf[400];
		snprintf(buf, sizeof buf, tmpl, w[i].host);
		parse_html_ok(buf, cfg, NULL, &d);
		assert_string_equal(d.title, w[i].title);
		vn_article__doc_free(&d);
	}
	vn_article__html_config_free(cfg);
	vn_article__html_config_free(NULL);

	static const struct {
		const char *text, *msg;
	} bad[] = {
		{ "[default]\ncolour = h1\n", "s.conf:2: unknown key \"colour\"" },
		{ "[site]\n", "s.conf:1: unknown section" },
		{ "[sites a]\n", "s.conf:1: unknown section" },
		{ "[default\n", "s.conf:1: bad section header" },
		{ "title h1\n", "s.conf:1: expected key = selectors" },
		{ "\n\ntitle = div > p\n", "s.conf:3: bad selector" },
		{ "title = h1,\n", "s.conf:1: bad selector" },
		{ "title = a[href]\n", "s.conf:1: bad selector" },
		{ "title = .\n", "s.conf:1: bad selector" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cfg = (vn_article__html_config *)1;
		assert_int_equal(vn_article__html_config_parse(&cfg, bad[i].text, strlen(bad[i].text), "s.conf",
							       &err),
				 VN_EINVAL);
		assert_null(cfg);
		if (!strstr(err.msg, bad[i].msg))
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, err.msg, bad[i].msg);
	}

	/* a config that cannot be read fails the open */
	vn_article_options o = { path_in("no-such.conf"), 0 };
	vn_article_reader *r = NULL;
	assert_true(vn_article_reader_open(&r, tmpdir, &o, &err) < 0);
	assert_null(r);
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* The sample corpus in the repository (corpus/README.md): every file reads,
 * and the HTML pages come out as the README describes with sites.conf. */
static void test_sample_corpus(void **state)
{
	(void)state;
	vn_article_options o = { VN_SOURCE_DIR "/corpus/html/sites.conf", 0 };
	recs rs;
	read_path(VN_SOURCE_DIR "/corpus", &o, &rs);
	assert_int_equal(rs.failed, 0);
	assert_int_equal(rs.n, 56 + 3 + 4);
	size_t html = 0, pages = 0, legal = 0, procedure = 0, en = 0, undated = 0;
	for (size_t i = 0; i < rs.n; i++) {
		rec *a = &rs.v[i];
		legal += strcmp(a->kind, "legal") == 0;
		procedure += strcmp(a->kind, "procedure") == 0;
		en += strcmp(a->lang, "en") == 0;
		undated += a->date == NULL;
		assert_null(strstr(a->body, "Lượt xem"));
		assert_null(strstr(a->body, "Bản in"));
		assert_null(strstr(a->body, "Tin liên quan"));
		assert_null(strstr(a->body, "Trang chủ"));
		if (strncmp(a->source, "html/", 5) == 0) {
			html++;
			assert_string_equal(a->id, a->source);
			assert_non_null(a->author);
			assert_non_null(a->date);
			assert_non_null(a->site);
			assert_false(ends_with(a->body, a->author));   /* the by-line is not body text */
			assert_null(strstr(a->body, a->title));
			assert_null(strstr(a->body, "In trang"));
		}
		if (strncmp(a->source, "pages/", 6) == 0) {
			pages++;
			assert_string_equal(a->id, a->source);
			assert_non_null(a->author);
			assert_non_null(a->date);
			assert_false(ends_with(a->body, a->author));
		}
		if (strcmp(a->source, "html/phuongtanan-2023-0321-mot-cua.html") == 0) {
			assert_string_equal(a->title, "Tiếp nhận hồ sơ qua dịch vụ công trực tuyến tăng mạnh");
			assert_string_equal(a->date, "2023-03-21");
			assert_string_equal(a->author, "Minh Thư");
			assert_string_equal(a->category, "Cải cách hành chính");
			assert_string_equal(a->site, "phuongtanan.hoian.gov.vn");
			assert_true(strncmp(a->body, "Theo báo cáo của UBND phường Tân An", 20) == 0);
			assert_non_null(strstr(a->body, "“Tôi nộp hồ sơ"));   /* &ldquo; decoded */
		}
		if (strcmp(a->source, "html/xacamha-2025-0505-tiem-chung.html") == 0) {
			assert_string_equal(a->title, "Tiêm chủng vắc xin sởi cho trẻ từ 1 đến 5 tuổi");
			assert_string_equal(a->date, "2025-05-05");
			assert_string_equal(a->author, "Trạm Y tế xã");
			assert_true(strncmp(a->body, "Thực hiện Kế hoạch số 156/KH-UBND", 20) == 0);
			assert_null(strstr(a->body, "Cẩm Hà ra quân"));
		}
		if (strcmp(a->source, "pages/tanan-2020-0108-tong-ket-bhyt.txt") == 0)
			assert_string_equal(a->date, "2020-01-08");
	}
	assert_int_equal(html, 3);
	assert_int_equal(pages, 4);
	assert_int_equal(legal, 4);
	assert_int_equal(procedure, 4);
	assert_int_equal(en, 4);
	assert_int_equal(undated, 3);
	recs_free(&rs);

	/* without sites.conf the defaults still find title and date of the DNN pages */
	read_path(VN_SOURCE_DIR "/corpus/html", NULL, &rs);
	assert_int_equal(rs.n, 3);
	assert_int_equal(rs.failed, 0);
	assert_string_equal(rs.v[0].title, "Nghề làm đèn lồng phố Hội vào mùa");
	assert_string_equal(rs.v[0].date, "2024-10-08");
	assert_string_equal(rs.v[2].date, "2025-05-05");
	recs_free(&rs);
}

/* ---- directories --------------------------------------------------------- */

static void test_directory_walk(void **state)
{
	(void)state;
	mkdirs("site/b/deep");
	mkdirs("site/a");
	mkdirs("site/.hidden");
	write_str("site/b/deep/p.txt", "Tiêu đề sâu\nThân bài sâu.\n");
	write_str("site/a/x.jsonl", "{\"id\": \"x1\", \"title\": \"t\", \"body\": \"b\", \"source\": \"other\"}\n"
				    "{\"id\": \"x2\", \"title\": \"t\", \"body\": \"b\"}\n");
	write_str("site/a/readme.md", "# not an article\n");
	write_str("site/.hidden/h.txt", "Ẩn\nẨn.\n");
	write_str("site/.dot.jsonl", "{}\n");
	write_str("site/top.txt", "Trên cùng\nThân.\n");
	write_str("site/B.txt", "Hoa\nThân.\n");
	write_str("site/top.html", "<html><head><meta name='vnsearch:id' content='trang-42'>"
				   "<title>Trang</title></head><body><article>Thân trang.</article></body></html>");
	write_str("site/a/locked.txt", "Khoá\nThân.\n");
	chmod(path_in("site/a/locked.txt"), 0);
	int root = geteuid() == 0;   /* root reads it anyway */
	assert_int_equal(symlink("nowhere.txt", path_in("site/b/dangling.txt")), 0);
	assert_int_equal(mkfifo(path_in("site/b/fifo.jsonl"), 0644), 0);
	assert_int_equal(symlink("..", path_in("site/b/loop")), 0);

	vn_article_reader *r = NULL;
	vn_error err = VN_ERROR_INIT;
	assert_int_equal(vn_article_reader_open(&r, path_in("site"), NULL, &err), 0);
	assert_int_equal(vn_article_reader_is_directory(r), 1);
	recs rs;
	collect(r, &rs);
	vn_article_reader_free(r);
	/* byte order: "B.txt" < "a" < "b" < "top.html" < "top.txt"; inside a:
	 * "locked.txt" < "readme.md" < "x.jsonl"; inside b: "dangling.txt" <
	 * "deep" < "fifo.jsonl" < "loop" */
	assert_int_equal(rs.n, 9);
	assert_string_equal(rs.v[0].id, "B.txt");
	assert_string_equal(rs.v[0].source, "B.txt");
	assert_string_equal(rs.v[1].source, "a/locked.txt");
	if (root) {
		assert_int_equal(rs.v[1].status, VN_ARTICLE_OK);
	} else {
		assert_int_equal(rs.v[1].status, VN_ARTICLE_FAILED);
		assert_non_null(strstr(rs.v[1].msg, "a/locked.txt: cannot read"));
	}
	assert_string_equal(rs.v[2].id, "x1");
	assert_string_equal(rs.v[2].source, "a/x.jsonl");   /* directory: the file, not the record's field */
	assert_string_equal(rs.v[2].origin, "other");
	assert_string_equal(rs.v[3].source, "a/x.jsonl");
	assert_int_equal(rs.v[3].line, 2);
	assert_int_equal(rs.v[4].status, VN_ARTICLE_FAILED);
	assert_string_equal(rs.v[4].source, "b/dangling.txt");
	assert_non_null(strstr(rs.v[4].msg, "b/dangling.txt"));
	assert_string_equal(rs.v[5].id, "b/deep/p.txt");
	assert_string_equal(rs.v[5].title, "Tiêu đề sâu");
	assert_int_equal(rs.v[6].status, VN_ARTICLE_FAILED);
	assert_non_null(strstr(rs.v[6].msg, "b/fifo.jsonl"));
	assert_string_equal(rs.v[7].id, "trang-42");   /* the page names its id */
	assert_string_equal(rs.v[7].source, "top.html");
	assert_string_equal(rs.v[7].body, "Thân trang.");
	assert_string_equal(rs.v[8].id, "top.txt");
	assert_int_equal(rs.failed, root ? 2 : 3);
	recs_free(&rs);
}

/* An HTML page that names no host takes its site from the nearest
 * directory named like a host. */
static void test_html_site_from_directory(void **state)
{
	(void)state;
	mkdirs("scrape/phuongtanan.hoian.gov.vn/2023/03");
	write_str("scrape/phuongtanan.hoian.gov.vn/2023/03/a.html",
		  "<html><head><title>Tin</title></head><body><article>Thân.</article></body></html>");
	write_str("scrape/b.html", "<html><head><title>Tin</title></head><body><article>Thân.</article></body></html>");
	recs rs;
	read_path(path_in("scrape"), NULL, &rs);
	assert_int_equal(rs.n, 2);
	assert_int_equal(rs.failed, 0);
	assert_string_equal(rs.v[0].id, "b.html");
	assert_null(rs.v[0].site);
	assert_string_equal(rs.v[1].id, "phuongtanan.hoian.gov.vn/2023/03/a.html");
	assert_string_equal(rs.v[1].site, "phuongtanan.hoian.gov.vn");
	recs_free(&rs);
}

static void test_open_errors(void **state)
{
	(void)state;
	vn_article_reader *r = (vn_article_reader *)1;
	vn_error err = VN_ERROR_INIT;
	assert_int_equal(vn_article_reader_open(&r, path_in("does-not-exist.jsonl"), NULL, &err),
			 VN_ENOTFOUND);
	assert_null(r);
	assert_non_null(strstr(err.msg, "does-not-exist.jsonl"));
	assert_int_equal(vn_article_reader_open(&r, NULL, NULL, &err), VN_EINVAL);
	vn_article_reader_free(NULL);
	/* a file of unknown suffix given directly is sniffed */
	const char *p = write_str("noext", "{\"id\": \"n\", \"title\": \"t\", \"body\": \"b\"}\n");
	recs rs;
	read_path(p, NULL, &rs);
	assert_int_equal(rs.n, 1);
	assert_string_equal(rs.v[0].id, "n");
	recs_free(&rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_date_table),
		cmocka_unit_test(test_find_date),
		cmocka_unit_test(test_jsonl_fields),
		cmocka_unit_test(test_jsonl_date_forms),
		cmocka_unit_test(test_jsonl_html_markup),
		cmocka_unit_test(test_jsonl_malformed_line_in_middle),
		cmocka_unit_test(test_jsonl_missing_fields),
		cmocka_unit_test(test_jsonl_invalid_utf8_and_bad_date),
		cmocka_unit_test(test_jsonl_utf8_table),
		cmocka_unit_test(test_jsonl_deleted),
		cmocka_unit_test(test_jsonl_crlf_bom_blank),
		cmocka_unit_test(test_jsonl_gzip),
		cmocka_unit_test(test_jsonl_big_body),
		cmocka_unit_test(test_jsonl_stream_and_memory),
		cmocka_unit_test(test_stdin),
		cmocka_unit_test(test_json_document),
		cmocka_unit_test(test_gov_raw_fields),
		cmocka_unit_test(test_page_synthetic),
		cmocka_unit_test(test_page_variants),
		cmocka_unit_test(test_page_other_portals),
		cmocka_unit_test(test_page_seed),
		cmocka_unit_test(test_legacy_encodings),
		cmocka_unit_test(test_html_defaults),
		cmocka_unit_test(test_html_title_heading),
		cmocka_unit_test(test_html_sapo_and_meta),
		cmocka_unit_test(test_html_failures),
		cmocka_unit_test(test_html_config),
		cmocka_unit_test(test_sample_corpus),
		cmocka_unit_test(test_directory_walk),
		cmocka_unit_test(test_html_site_from_directory),
		cmocka_unit_test(test_open_errors),
	};
	return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
