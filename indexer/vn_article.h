/*
 * vn_article.h — reading articles from what portals have: JSON Lines
 * (.jsonl, .jsonl.gz, stdin), scraped portal pages (the form of
 * ../shared/seed-article.txt), portal HTML pages (per-site selectors), and
 * directories of these. corpus/README.md documents every form.
 *
 * Contract:
 *  - A reader yields one vn_article at a time; the strings in it belong to
 *    the reader and stay valid until the next call to vn_article_next or
 *    vn_article_reader_free.
 *  - Bad input never stops the reader: a malformed record is reported
 *    through *out_status = VN_ARTICLE_FAILED with a message naming the file
 *    and line in err, and the next call goes on with the next record.
 *    vn_article_next returns 1 (a record or a failure), 0 at the end, or a
 *    negative code only when the reader itself cannot go on (allocation).
 *  - Strings are UTF-8 as found in the input (invalid bytes kept; the text
 *    core repairs them); fields missing in the input are NULL.
 */
#ifndef VN_ARTICLE_H
#define VN_ARTICLE_H

#include <stddef.h>
#include <stdint.h>

#include "vn_base.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct vn_article {
	const char *id;        /* unique; for files in a directory, the relative path unless the file names one */
	const char *title;
	const char *date;      /* normalized "YYYY-MM-DD", or NULL when absent or invalid */
	const char *category;
	const char *site;
	const char *kind;      /* "news" (default), "legal", "procedure" */
	const char *lang;      /* "vi" (default), "en", ... */
	const char *url;
	const char *author;
	const char *summary;
	const char *body;
	size_t title_len, body_len;
	int deleted;           /* {"id": "...", "deleted": true} */
	const char *source;    /* the input file as given (relative to a directory input) */
	uint64_t line;         /* 1-based line (JSONL) or 0 */
	const char *warning;   /* non-NULL when a field was dropped (e.g. date 31/02/2023) */
	const char *origin;    /* the record's own "source" field (JSON: where the text came
				* from, e.g. "<repo>/<path>"), or NULL; not the input file */
} vn_article;

enum vn_article_status {
	VN_ARTICLE_OK = 0,
	VN_ARTICLE_FAILED = 1   /* err names file and line; the article is not usable */
};

typedef struct vn_article_reader vn_article_reader;

typedef struct vn_article_options {
	const char *html_config;   /* per-site selector file for .html pages; NULL = defaults */
	size_t max_body_bytes;     /* larger bodies are failed; 0 → 16 MiB */
} vn_article_options;

/* Open a reader over one input: a file (.jsonl, .jsonl.gz, .json, .txt page,
 * .html/.htm), "-" for JSON Lines on stdin, or a directory (recursive,
 * files in sorted order). */
int vn_article_reader_open(vn_article_reader **out, const char *path,
			   const vn_article_options *opts, vn_error *err);
/* Next record: 1 with *out filled and *out_status set, 0 at the end. */
int vn_article_next(vn_article_reader *r, vn_article *out, int *out_status, vn_error *err);
/* 1 when the input is a directory (so the indexer may remove articles whose
 * file disappeared); sources seen are reported in vn_article.source. */
int vn_article_reader_is_directory(const vn_article_reader *r);
/* How far a reader over one JSON Lines file (not a directory, not "-") has
 * got: 1 with *out = the bytes of the file behind the records returned so
 * far, in the file's own bytes (for a .gz, the compressed bytes read,
 * scaled by the share of what was decompressed that the records used);
 * 0 when it cannot tell. The reader reads ahead, so the file position
 * alone would count up to a read's worth of records not yet returned. */
int vn_article_reader_offset(const vn_article_reader *r, uint64_t *out);
void vn_article_reader_free(vn_article_reader *r);

/* Parse a date as portals write it ("21/03/2023", "2023-03-21",
 * "21-03-2023", "21.03.2023") into "YYYY-MM-DD" (out has room for 11
 * bytes). VN_EINVAL for an invalid date such as 31/02/2023. */
int vn_article_parse_date(char out[11], const char *s, size_t n);

#ifdef __cplusplus
}
#endif
#endif
