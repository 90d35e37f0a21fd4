/*
 * vn_article_int.h — internals of the article readers (indexer/article_*.c),
 * shared by the reader, the format parsers, the tests and the fuzzers.
 * Not part of the indexer's public interface.
 */
#ifndef VN_ARTICLE_INT_H
#define VN_ARTICLE_INT_H

#include <stdio.h>

#include "vn_article.h"

#ifdef __cplusplus
extern "C" {
#endif

#define VN_ARTICLE_DEFAULT_MAX_BODY ((size_t)16 << 20)

/* Input formats, chosen from the file name (see vn_article__format_of). */
enum vn_article__format {
	VN_ARTICLE_FMT_NONE = 0,   /* not an article file: skipped in directories */
	VN_ARTICLE_FMT_JSONL,      /* .jsonl, .jsonl.gz, "-" */
	VN_ARTICLE_FMT_JSON,       /* .json: one object, an array of objects, or JSON Lines */
	VN_ARTICLE_FMT_PAGE,       /* .txt: a scraped portal page */
	VN_ARTICLE_FMT_HTML        /* .html, .htm */
};

/* Format of a file by its name (case-insensitive suffix). */
enum vn_article__format vn_article__format_of(const char *name);

/* One article parsed from a single-article file (.txt page or .html). Every
 * string is malloc'd and owned by the doc; vn_article__doc_free releases
 * them and leaves a zeroed doc. */
typedef struct vn_article__doc {
	char *id, *title, *date, *category, *site, *lang, *url, *author, *summary, *body;
	size_t title_len, body_len;
	char warning[256];   /* "" when nothing was dropped */
} vn_article__doc;

void vn_article__doc_free(vn_article__doc *d);

/* 1 when s[0..n) is a line of article metadata rather than text: every
 * part of it (split at '|', '•', '·') a labelled field or a bare date and
 * time ("Ngày đăng: 05/06/2024 | Lượt xem: 120", "Thứ Ba, 21/03/2023
 * 08:30", "Đăng ngày 20/02/2024 bởi Admin", "Tác giả: Võ Còn"). */
int vn_article__meta_line(const char *s, size_t n);

/* Scraped portal page (the form of shared/seed-article.txt). Returns 0 with
 * d filled, VN_EINVAL when no title or no body is found (err says which),
 * VN_ENOMEM. */
int vn_article__parse_page(vn_article__doc *d, const char *buf, size_t n, vn_error *err);

/* Per-site selectors for HTML pages, parsed from the INI-like file that
 * vn_article_options.html_config names (format in article_html.c). */
typedef struct vn_article__html_config vn_article__html_config;

int vn_article__html_config_load(vn_article__html_config **out, const char *path, vn_error *err);
int vn_article__html_config_parse(vn_article__html_config **out, const char *text, size_t n,
				  const char *name, vn_error *err);
void vn_article__html_config_free(vn_article__html_config *c);

/* HTML page. cfg may be NULL (defaults only); dir_name is the name of the
 * file's parent directory (a site hint when the page names no host) or
 * NULL. Returns 0, VN_EINVAL (no title or no body), VN_ENOMEM. */
/* 1 when s[0..n) holds HTML markup: a tag of HTML's text vocabulary
 * ("<p>", "</strong>", "<br/>") or a character entity ("&nbsp;"). */
int vn_article__looks_like_html(const char *s, size_t n);
/* The text of an HTML fragment (a body a CMS exported with its markup):
 * tags gone, entities decoded, scripts and styles dropped, white space
 * collapsed, paragraphs joined with '\n' (one_line: ' '). *out is malloc'd
 * (NULL, *out_n 0 when no text is left). 0, VN_EINVAL, VN_ENOMEM. */
int vn_article__html_text(const char *s, size_t n, int one_line, char **out, size_t *out_n);

int vn_article__parse_html(vn_article__doc *d, const char *buf, size_t n,
			   const vn_article__html_config *cfg, const char *dir_name, vn_error *err);

/* Open a reader over bytes in memory (not copied: buf must outlive the
 * reader) in the given format; name is used as source and in messages. */
int vn_article__reader_open_memory(vn_article_reader **out, enum vn_article__format fmt,
				   const char *buf, size_t n, const char *name,
				   const vn_article_options *opts, vn_error *err);

/* Open a JSON Lines reader over an open stream (plain text; the stream
 * stays the caller's and must outlive the reader). This is what "-" uses
 * for stdin, minus gzip detection. */
int vn_article__reader_open_stream(vn_article_reader **out, FILE *f, const char *name,
				   const vn_article_options *opts, vn_error *err);

/* The calendar day in Vietnam (UTC+7) of Unix time v (seconds, or
 * milliseconds when it is that large), as "YYYY-MM-DD". 0 when v is no
 * plausible publication time (before 1990 or after 2100), else 1. */
int vn_article__unix_date(char out[11], long long v);

/* First valid date written dd/mm/yyyy (separators / - .) or yyyy-mm-dd in
 * s[0..n), else the first written "ngày 21 tháng 3 năm 2023", as
 * "YYYY-MM-DD" in out. Returns 0, or VN_ENOTFOUND. */
int vn_article__find_date(char out[11], const char *s, size_t n);

/* Unicode white space that portals pad text with: ASCII blanks, U+00A0,
 * U+2000..U+200B, U+202F, U+205F, U+3000, U+FEFF. Returns the length of
 * the space at s[0..n) in bytes, or 0. */
size_t vn_article__space_len(const char *s, size_t n);

/* s[0..n) with leading and trailing white space (as above) removed. */
void vn_article__trim(const char **s, size_t *n);

/* Where the white space (as above) from s[p] ends. */
size_t vn_article__skip_spaces(const char *s, size_t n, size_t p);

/* Length of label at s[0..n) as a whole word, its first letter in either
 * case ("Ngày"/"ngày", "Đăng"/"đăng"); 0 when s does not start with it. */
size_t vn_article__label_at(const char *s, size_t n, const char *label);

/* ---- JSON records (article_jsonl.c) -------------------------------------- */

struct json_t;

/* Per-reader state for JSON records: the parsed record whose strings an
 * article points into, text made for this record (numbers as text, joined
 * arrays), the UTF-8-repaired line. Zero-initialise; vn_article__json_free. */
typedef struct vn_article__json {
	struct json_t *root;
	vn_buf fixed;
	char **made;
	size_t n_made, cap_made;
	char warning[256];
} vn_article__json;

void vn_article__json_reset(vn_article__json *j);   /* drops the current record */
void vn_article__json_free(vn_article__json *j);

/* Parse one JSON Lines line into out. where ("file:line") prefixes failure
 * messages. Returns 0 (out filled), VN_EINVAL (the record failed; err says
 * why; out->id/line/source set when known), VN_ENOMEM. */
int vn_article__json_line(vn_article__json *j, const char *line, size_t n, size_t max_body,
			  const char *where, vn_article *out, vn_error *err);

/* Same for a record already parsed (an element of a .json array); the
 * record is borrowed, not stolen. */
int vn_article__json_record(vn_article__json *j, struct json_t *obj, size_t max_body,
			    const char *where, vn_article *out, vn_error *err);

/* Appends to j->warning ("; "-separated, truncated to fit). */
void vn_article__warn(char warning[256], const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

#ifdef __cplusplus
}
#endif
#endif
