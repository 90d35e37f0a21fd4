/*
 * vn_query.h — search the vnsearch index the way Vietnamese users type:
 * parse the query, match exact / tone-free / folded forms through the text
 * core (vn_text.h), rank by relevance and date, cut highlighted snippets,
 * offer suggestions and facet counts. vnquery and vnsearch.cgi are thin
 * front ends over this library, so both find and rank identically.
 *
 * Contract:
 *  - A vn_query_engine holds the opened indexes (one or several searched as
 *    one), a vn_text and the synonym list; one per thread. Open it once, run
 *    many requests (the CGI under FastCGI keeps it across requests).
 *  - vn_query_run never fails on a query's syntax: a syntax error falls back
 *    to plain words (result->note says so). It fails only on a missing or
 *    unreadable index, an index of another format version (VN_EVERSION), an
 *    empty query without filters (VN_EINVAL), or allocation failure.
 *  - Results are owned by the caller and freed with vn_query_result_free.
 *  - Every string in a result is well-formed UTF-8, not escaped; snippets
 *    come with highlight spans (byte ranges into the snippet text) so that
 *    each front end marks them up for its medium (terminal colour, <mark>).
 */
#ifndef VN_QUERY_H
#define VN_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include "vn_base.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct vn_query_engine vn_query_engine;

enum vn_query_sort {
	VN_QUERY_SORT_HYBRID = 0,    /* relevance blended with a recency decay (default) */
	VN_QUERY_SORT_RELEVANCE = 1,
	VN_QUERY_SORT_DATE = 2       /* newest first */
};

typedef struct vn_query_config {
	double half_life_days;   /* recency half-life for hybrid sort; 0 → default (365) */
	double time_limit;       /* seconds per search; 0 → default (2.0) */
	const char *synonyms_path; /* abbreviation list; NULL → built-in default file */
	size_t max_query_bytes;  /* longer queries are cut; 0 → default (1024) */
	size_t max_terms;        /* more words are dropped; 0 → default (32) */
	size_t snippet_chars;    /* approximate snippet length; 0 → default (240) */
	uint32_t facet_sample;   /* facets count about this many matches and scale the
				  * counts to the match estimate; 0 → default (2000) */
	int no_time_limit;       /* 1: time_limit is not applied to searches; for a
				  * caller that bounds the whole request itself (a CGI
				  * process answering once sets a timer): Xapian's time
				  * limit starts a helper thread in every process */
} vn_query_config;

#define VN_QUERY_CONFIG_INIT { 0, 0, NULL, 0, 0, 0, 0, 0 }

/* Open the engine over paths[0..npaths). cfg may be NULL (defaults). */
int vn_query_open(vn_query_engine **out, const char *const *paths, size_t npaths,
		  const vn_query_config *cfg, vn_error *err);
void vn_query_close(vn_query_engine *e);

typedef struct vn_query_request {
	const char *query;        /* as typed; may hold filters and dates (see below) */
	size_t query_len;
	const char *from;         /* "YYYY-MM-DD" or "DD/MM/YYYY" or NULL */
	const char *to;           /* inclusive, same forms, or NULL */
	const char *category;     /* display form or key; NULL = any */
	const char *site;
	const char *kind;         /* news | legal | procedure */
	const char *lang;         /* query language for stemming ("en"); NULL = auto */
	int sort;                 /* enum vn_query_sort */
	uint32_t offset;
	uint32_t limit;           /* page size; 0 → 10; capped at 100 */
	int want_facets;
	int want_suggestion;
	int want_snippets;        /* 0 → no snippet work (faster) */
} vn_query_request;

#define VN_QUERY_REQUEST_INIT { NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, \
				VN_QUERY_SORT_HYBRID, 0, 10, 1, 1, 1 }

typedef struct vn_query_span {
	uint32_t start;  /* byte offset into the string it marks */
	uint32_t len;
} vn_query_span;

typedef struct vn_query_hit {
	char *id, *title, *date /* "YYYY-MM-DD" or NULL */, *category, *site, *kind, *url;
	double score;
	char *snippet;                 /* plain text excerpt ("…" where cut) */
	vn_query_span *snippet_marks;  /* matched words in snippet */
	size_t n_snippet_marks;
	vn_query_span *title_marks;    /* matched words in title */
	size_t n_title_marks;
} vn_query_hit;

typedef struct vn_query_facet_value {
	char *value;
	uint32_t count;
} vn_query_facet_value;

typedef struct vn_query_facet {
	char *name;                    /* "category", "site", "kind", "year", "month" */
	vn_query_facet_value *values;  /* most frequent first */
	size_t n_values;
} vn_query_facet;

typedef struct vn_query_result {
	char *query;                   /* the query as understood (canonical text) */
	uint32_t total;                /* estimated number of matches */
	int total_exact;               /* 1 when total is exact */
	vn_query_hit *hits;
	size_t n_hits;
	char *suggestion;              /* "did you mean" text or NULL */
	int suggestion_searched;       /* 1: nothing matched the query as typed, so the
					* hits are the suggestion's ("ddangr vieen") */
	vn_query_facet *facets;
	size_t n_facets;
	int facets_estimated;          /* 1 when more matched than the facet sample: the
					* counts are scaled from the sample, not exact */
	char *note;                    /* e.g. "syntax error: searched as plain words", or NULL */
	uint32_t offset;
	uint32_t limit;
} vn_query_result;

int vn_query_run(vn_query_engine *e, const vn_query_request *req, vn_query_result **out,
		 vn_error *err);
void vn_query_result_free(vn_query_result *r);

/* The JSON object shared by vnquery --json and the CGI:
 * {"query","total","hits":[{"id","title","date","category","site","url",
 *  "score","snippet"}],"suggestion"[,"suggestion_searched":true][,"note"],
 *  "facets"[,"facets_estimated":true]}
 * — "note" only when there is one, "facets_estimated" only when the counts
 * are estimates, "suggestion_searched" only when the hits are the
 * suggestion's; "snippet" is HTML-escaped
 * text with the matched words in <mark>…</mark>. Appends to out. */
int vn_query_result_json(const vn_query_result *r, vn_buf *out);

/* Autocomplete: up to limit completions of a partly typed query (the last
 * word a prefix), most frequent first, as NUL-separated UTF-8 strings in out
 * (each followed by '\0'); *out_n gets the count. */
int vn_query_complete(vn_query_engine *e, const char *prefix, size_t n, size_t limit,
		      vn_buf *out, size_t *out_n, vn_error *err);

#ifdef __cplusplus
}
#endif
#endif
