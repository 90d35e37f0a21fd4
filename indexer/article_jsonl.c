/*
 * article_jsonl.c — one JSON record (a line of JSON Lines, or an element of
 * a .json array) into a vn_article.
 *
 * Fields (corpus/README.md): id, title, date, category, url, body; optional
 * site, author, lang, summary, kind, source. A record {"id": ..., "deleted":
 * true} deletes the article. The record's "source" (where the text came
 * from) goes to vn_article.origin; vn_article.source is always the input
 * file, which the indexer uses to re-index directories.
 *
 * Names used by the government sources (shared/corpus-gov/README.md, "How
 * each field was filled") are read when the usual name is absent, so their
 * raw exports index without conversion:
 *   title    ← ten_thu_tuc (procedure name), so_ky_hieu (document number)
 *   body     ← content, full_text, text, trich_yeu (abstract)
 *   date     ← published, ngay_ban_hanh (issue date)
 *   category ← linh_vuc (procedure field), topic_name
 *   url      ← link, detail_url, nguon_url
 *   summary  ← description, sapo
 *   kind     ← absent: "procedure" when ten_thu_tuc is present, "legal" when
 *              so_ky_hieu or trich_yeu is, else "news". Unknown kinds index
 *              as "news" with a warning.
 *
 * Values that are not strings: numbers become their decimal text (a numeric
 * id 42 → "42"), arrays of strings are joined (body with "\n", the others
 * with ", "), null and "" count as absent, objects are ignored with a
 * warning.
 *
 * Failures: no id, no body, or the title key absent altogether (a record of
 * some other shape). A title that is present but null or empty (2 of the
 * Bình Dương documents have no number) is replaced by the first words of
 * the summary or body, with a warning, so the document is still found.
 *
 * HTML markup in the body, title or summary (a CMS export: "<p>…</p>",
 * "&nbsp;") is reduced to its text (vn_article__html_text); a body with
 * no text left fails.
 *
 * Invalid UTF-8 inside a line: jansson rejects it, so the line is repaired
 * first (each invalid byte → U+FFFD) and the article carries a warning.
 * A date that is not a real date (31/02/2023) is dropped with a warning.
 */
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "vn_article_int.h"
#include "vn_text.h"

#define TITLE_FROM_BODY_MAX 120

void vn_article__warn(char warning[256], const char *fmt, ...)
{
	size_t len = strlen(warning);
	if (len + 3 >= 256)
		return;
	if (len) {
		memcpy(warning + len, "; ", 3);
		len += 2;
	}
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(warning + len, 256 - len, fmt, ap);
	va_end(ap);
}

void vn_article__json_reset(vn_article__json *j)
{
	if (j->root) {
		json_decref(j->root);
		j->root = NULL;
	}
	for (size_t i = 0; i < j->n_made; i++)
		free(j->made[i]);
	j->n_made = 0;
	j->warning[0] = '\0';
}

void vn_article__json_free(vn_article__json *j)
{
	if (!j)
		return;
	vn_article__json_reset(j);
	free(j->made);
	j->made = NULL;
	j->cap_made = 0;
	vn_buf_free(&j->fixed);
}

/* Keeps a string made for the current record; NULL on ENOMEM (p freed). */
static char *keep(vn_article__json *j, char *p)
{
	if (!p)
		return NULL;
	if (j->n_made == j->cap_made) {
		size_t cap = j->cap_made ? 2 * j->cap_made : 8;
		char **m = realloc(j->made, cap * sizeof *m);
		if (!m) {
			free(p);
			return NULL;
		}
		j->made = m;
		j->cap_made = cap;
	}
	j->made[j->n_made++] = p;
	return p;
}

enum { F_ABSENT = 0, F_NULL = 1, F_OK = 2 };

static const char *const k_id[] = { "id", NULL };
static const char *const k_title[] = { "title", "ten_thu_tuc", "so_ky_hieu", NULL };
static const char *const k_body[] = { "body", "content", "full_text", "text", "trich_yeu", NULL };
static const char *const k_date[] = { "date", "published", "published_at", "publish_date",
				       "ngay_ban_hanh", "ngay_dang", NULL };
static const char *const k_category[] = { "category", "linh_vuc", "topic_name", NULL };
static const char *const k_site[] = { "site", NULL };
static const char *const k_kind[] = { "kind", NULL };
static const char *const k_lang[] = { "lang", "language", NULL };
static const char *const k_url[] = { "url", "link", "detail_url", "nguon_url", NULL };
static const char *const k_author[] = { "author", NULL };
static const char *const k_summary[] = { "summary", "description", "sapo", NULL };
static const char *const k_source[] = { "source", NULL };

/* A scalar as text; made strings are kept in j. */
static int scalar_text(vn_article__json *j, json_t *v, const char **s, size_t *n)
{
	char tmp[64];
	switch (json_typeof(v)) {
	case JSON_STRING:
		*s = json_string_value(v);
		*n = json_string_length(v);
		return *n ? F_OK : F_NULL;
	case JSON_INTEGER:
		snprintf(tmp, sizeof tmp, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		break;
	case JSON_REAL:
		snprintf(tmp, sizeof tmp, "%.15g", json_real_value(v));
		break;
	case JSON_TRUE:
		*s = "true";
		*n = 4;
		return F_OK;
	case JSON_FALSE:
		*s = "false";
		*n = 5;
		return F_OK;
	default:
		return F_NULL;
	}
	char *p = keep(j, strdup(tmp));
	if (!p)
		return VN_ENOMEM;
	*s = p;
	*n = strlen(p);
	return F_OK;
}

/*
 * Looks up the first present name of keys. Returns F_OK (*s, *n set),
 * F_NULL (present but null/empty/unusable), F_ABSENT, or VN_ENOMEM.
 * *which gets the name found.
 */
static int get_text(vn_article__json *j, json_t *obj, const char *const *keys, const char *joiner,
		    const char **s, size_t *n, const char **which)
{
	int seen = F_ABSENT;
	*s = NULL;
	*n = 0;
	for (; *keys; keys++) {
		json_t *v = json_object_get(obj, *keys);
		if (!v)
			continue;
		*which = *keys;
		seen = F_NULL;
		if (json_is_array(v)) {
			vn_buf b = VN_BUF_INIT;
			size_t idx;
			json_t *e;
			int rc = 0;
			json_array_foreach(v, idx, e) {
				const char *es;
				size_t en;
				if (json_is_array(e) || json_is_object(e))
					continue;
				int r = scalar_text(j, e, &es, &en);
				if (r < 0) {
					rc = r;
					break;
				}
				if (r != F_OK)
					continue;
				if (b.len && (rc = vn_buf_puts(&b, joiner)) < 0)
					break;
				if ((rc = vn_buf_append(&b, es, en)) < 0)
					break;
			}
			if (rc < 0) {
				vn_buf_free(&b);
				return VN_ENOMEM;
			}
			if (b.len == 0) {
				vn_buf_free(&b);
				continue;
			}
			size_t len;
			char *p = keep(j, vn_buf_detach(&b, &len));
			if (!p)
				return VN_ENOMEM;
			*s = p;
			*n = len;
			return F_OK;
		}
		if (json_is_object(v)) {
			vn_article__warn(j->warning, "field \"%s\" is an object; ignored", *keys);
			continue;
		}
		int r = scalar_text(j, v, s, n);
		if (r != F_NULL)
			return r;
	}
	return seen;
}

/* The first line of text, cut at a word boundary within max bytes. */
static int title_from_text(vn_article__json *j, const char *s, size_t n, const char **out,
			   size_t *out_n)
{
	vn_article__trim(&s, &n);
	const char *nl = memchr(s, '\n', n);
	if (nl)
		n = (size_t)(nl - s);
	if (n > TITLE_FROM_BODY_MAX) {
		size_t cut = TITLE_FROM_BODY_MAX;
		while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
			cut--;
		size_t sp = cut;
		while (sp > TITLE_FROM_BODY_MAX / 2 && s[sp] != ' ')
			sp--;
		n = s[sp] == ' ' ? sp : cut;
	}
	vn_article__trim(&s, &n);
	if (n == 0)
		return F_NULL;
	char *p = malloc(n + 1);
	if (!keep(j, p))
		return VN_ENOMEM;
	memcpy(p, s, n);
	p[n] = '\0';
	*out = p;
	*out_n = n;
	return F_OK;
}

static const char *kind_of(const char *s, size_t n)
{
	static const char *const kinds[] = { "news", "legal", "procedure" };
	for (size_t i = 0; i < 3; i++)
		if (n == strlen(kinds[i]) && strncasecmp(s, kinds[i], n) == 0)
			return kinds[i];
	return NULL;
}

static int is_deleted(json_t *obj)
{
	json_t *v = json_object_get(obj, "deleted");
	if (!v)
		return 0;
	if (json_is_true(v))
		return 1;
	if (json_is_integer(v))
		return json_integer_value(v) != 0;
	if (json_is_string(v))
		return strcasecmp(json_string_value(v), "true") == 0 ||
		       strcmp(json_string_value(v), "1") == 0;
	return 0;
}

/* A field a CMS exported with its markup ("<p>…</p>", "&nbsp;") as its
 * text. 0 (*sp, *np replaced, or left when there is no markup), F_NULL when
 * no text is left, VN_ENOMEM. */
static int strip_markup(vn_article__json *j, const char **sp, size_t *np, int one_line)
{
	if (!*sp || !vn_article__looks_like_html(*sp, *np))
		return 0;
	char *txt = NULL;
	size_t tn = 0;
	int rc = vn_article__html_text(*sp, *np, one_line, &txt, &tn);
	if (rc == VN_ENOMEM)
		return VN_ENOMEM;
	if (rc)
		return 0; /* not parsable as HTML after all: kept as text */
	if (!txt)
		return F_NULL;
	if (!keep(j, txt))
		return VN_ENOMEM;
	*sp = txt;
	*np = tn;
	return 0;
}

#define GET(keys, joiner, field)                                              \
	do {                                                                  \
		rc = get_text(j, obj, keys, joiner, &s, &n, &which);          \
		if (rc < 0)                                                   \
			return vn_error_set(err, VN_ENOMEM, "out of memory"); \
		out->field = rc == F_OK ? s : NULL;                           \
	} while (0)

int vn_article__json_record(vn_article__json *j, json_t *obj, size_t max_body, const char *where,
			    vn_article *out, vn_error *err)
{
	const char *s, *which = NULL;
	size_t n;
	int rc;

	if (!json_is_object(obj))
		return vn_error_set(err, VN_EINVAL, "%s: not a JSON object", where);

	rc = get_text(j, obj, k_id, ", ", &s, &n, &which);
	if (rc < 0)
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	if (rc != F_OK)
		return vn_error_set(err, VN_EINVAL, "%s: missing id", where);
	out->id = s;

	if (is_deleted(obj)) {
		out->deleted = 1;
		return 0;
	}

	GET(k_body, "\n", body);
	out->body_len = out->body ? n : 0;
	if (!out->body)
		return vn_error_set(err, VN_EINVAL, "%s: id %.100s: missing body", where, out->id);
	if (out->body_len > max_body)
		return vn_error_set(err, VN_EINVAL,
				    "%s: id %.100s: body of %zu bytes is over the limit of %zu bytes",
				    where, out->id, out->body_len, max_body);
	rc = strip_markup(j, &out->body, &out->body_len, 0);
	if (rc == VN_ENOMEM)
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	if (rc == F_NULL)
		return vn_error_set(err, VN_EINVAL, "%s: id %.100s: the body has no text, only HTML markup",
				    where, out->id);

	GET(k_summary, "\n", summary);
	if (out->summary) {
		size_t sn = strlen(out->summary);
		if ((rc = strip_markup(j, &out->summary, &sn, 0)) == VN_ENOMEM)
			return vn_error_set(err, VN_ENOMEM, "out of memory");
		if (rc == F_NULL)
			out->summary = NULL;
	}
	rc = get_text(j, obj, k_title, " ", &s, &n, &which);
	if (rc < 0)
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	if (rc == F_ABSENT)
		return vn_error_set(err, VN_EINVAL, "%s: id %.100s: missing title", where, out->id);
	if (rc == F_NULL) {
		const char *from = out->summary ? out->summary : out->body;
		rc = title_from_text(j, from, strlen(from), &s, &n);
		if (rc < 0)
			return vn_error_set(err, VN_ENOMEM, "out of memory");
		if (rc != F_OK)
			return vn_error_set(err, VN_EINVAL, "%s: id %.100s: empty title", where,
					    out->id);
		vn_article__warn(j->warning, "no title; the first words of the %s were used",
				 out->summary ? "summary" : "body");
	}
	if ((rc = strip_markup(j, &s, &n, 1)) == VN_ENOMEM)
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	if (rc == F_NULL)
		return vn_error_set(err, VN_EINVAL, "%s: id %.100s: the title has no text, only HTML markup",
				    where, out->id);
	out->title = s;
	out->title_len = n;

	int procedure = json_object_get(obj, "ten_thu_tuc") != NULL;
	int legal = json_object_get(obj, "so_ky_hieu") || json_object_get(obj, "trich_yeu");

	GET(k_category, ", ", category);
	GET(k_site, ", ", site);
	GET(k_url, " ", url);
	GET(k_author, ", ", author);
	GET(k_lang, ", ", lang);
	if (!out->lang)
		out->lang = "vi";
	GET(k_source, " ", origin);

	rc = get_text(j, obj, k_kind, ", ", &s, &n, &which);
	if (rc < 0)
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	if (rc == F_OK) {
		out->kind = kind_of(s, n);
		if (!out->kind) {
			vn_article__warn(j->warning, "unknown kind \"%.40s\"; indexed as news", s);
			out->kind = "news";
		}
	} else {
		out->kind = procedure ? "procedure" : legal ? "legal" : "news";
	}

	/* the date: must parse, else the article is indexed without one */
	char out_date_buf[11];
	json_t *dv = NULL;
	for (const char *const *k = k_date; *k && !dv; k++)
		dv = json_object_get(obj, *k);
	if (dv && json_is_string(dv) && json_string_length(dv) > 0) {
		char d[11];
		const char *ds = json_string_value(dv);
		size_t dn = json_string_length(dv);
		/* exactly a date, else a date inside a short text ("21/03/2023 - 08:30") */
		if (vn_article_parse_date(d, ds, dn) == 0 ||
		    (dn <= 64 && vn_article__find_date(d, ds, dn) == 0)) {
			char *p = keep(j, strdup(d));
			if (!p)
				return vn_error_set(err, VN_ENOMEM, "out of memory");
			out->date = p;
		} else {
			vn_article__warn(j->warning, "date \"%.40s\" is not a valid date; dropped",
					 json_string_value(dv));
		}
	} else if (dv && json_is_integer(dv) && vn_article__unix_date(out_date_buf, json_integer_value(dv))) {
		char *p = keep(j, strdup(out_date_buf));
		if (!p)
			return vn_error_set(err, VN_ENOMEM, "out of memory");
		out->date = p;
	} else if (dv && !json_is_null(dv) && !json_is_string(dv)) {
		vn_article__warn(j->warning, "date is not a string; dropped");
	}
	return 0;
}

int vn_article__json_line(vn_article__json *j, const char *line, size_t n, size_t max_body,
			  const char *where, vn_article *out, vn_error *err)
{
	vn_article__json_reset(j);
	if (!vn_utf8_valid(line, n)) {
		/* stray bytes become U+FFFD; a line in a pre-Unicode code page
		 * (TCVN3, VNI, Windows-1258) is read in it */
		int charset;
		if (vn_text_decode_bytes(line, n, &j->fixed, &charset) < 0)
			return vn_error_set(err, VN_ENOMEM, "out of memory");
		line = j->fixed.data ? j->fixed.data : "";
		n = j->fixed.len;
		if (charset == VN_BYTES_UTF8_REPLACED)
			vn_article__warn(j->warning, "invalid UTF-8 replaced with U+FFFD");
		else
			vn_article__warn(j->warning, "not UTF-8: read as %s",
					 charset == VN_BYTES_CP1258 ? "Windows-1258" :
								      "a legacy Vietnamese encoding");
	}
	json_error_t jerr;
	j->root = json_loadb(line, n, JSON_ALLOW_NUL, &jerr);
	if (!j->root)
		return vn_error_set(err, VN_EINVAL, "%s: malformed JSON: %s (column %d)", where,
				    jerr.text, jerr.column);
	return vn_article__json_record(j, j->root, max_body, where, out, err);
}
