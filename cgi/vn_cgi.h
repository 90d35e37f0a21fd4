/*
 * vn_cgi.h — the parts of vnsearch.cgi: the request parser (a pure function
 * over what the web server hands us), the site configuration, the template
 * engine and the renderers, and the request handler that ties them to the
 * query library. main.c only moves bytes between the server and these.
 *
 * Contract:
 *  - Nothing from the request chooses a file: the index, the templates and
 *    every option come from the environment (VNSEARCH_DB) or the config file
 *    (VNSEARCH_CONFIG); an asset name in the request is looked up in a fixed
 *    table.
 *  - Parameters pass a whitelist with bounded validators (house style 11);
 *    unknown names are ignored but still count toward VN_CGI_MAX_PARAMS.
 *  - Every byte of output that came from the request or the index goes
 *    through an escaper of vn_base.h (house style 12).
 *  - Functions return 0 or a negative VN_E* code and fill a caller's
 *    vn_error; nothing here exits.
 */
#ifndef VN_CGI_H
#define VN_CGI_H

#include <stddef.h>
#include <stdint.h>

#include "vn_base.h"
#include "vn_query.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Caps. A request over one of them gets a 400 (413 for the body) page that
 * says which; none is silently truncated, so what is searched is always
 * what was asked. */
#define VN_CGI_MAX_INPUT 16384        /* raw query string, or POST body, bytes */
#define VN_CGI_MAX_PARAMS 64          /* name=value pairs, known or not */
#define VN_CGI_MAX_QUERY_BYTES 512    /* q after decoding */
#define VN_CGI_MAX_FIELD_BYTES 128    /* cat, site, complete after decoding */
#define VN_CGI_MAX_PAGE 1000
#define VN_CGI_COMPLETE_LIMIT 8       /* suggestions per autocomplete answer */

enum vn_cgi_action {
	VN_CGI_SEARCH = 0,     /* the page (or its JSON) */
	VN_CGI_COMPLETE,       /* ?complete=PREFIX or PATH_INFO /complete?q=PREFIX */
	VN_CGI_OPENSEARCH,     /* PATH_INFO /opensearch.xml or ?opensearch=1 */
	VN_CGI_ASSET           /* ?asset=vnsearch.css | app.js */
};

enum vn_cgi_format { VN_CGI_HTML = 0, VN_CGI_JSON = 1 };

/* The embedded/overridable files. Order matters: it indexes the tables. */
enum vn_cgi_tpl {
	VN_TPL_PAGE = 0,
	VN_TPL_HIT,
	VN_TPL_PAGINATION,
	VN_TPL_OPENSEARCH,
	VN_TPL_CSS,
	VN_TPL_JS,
	VN_TPL_COUNT
};

/* What the web server gave us, unparsed. Lengths are explicit so that the
 * fuzzer can hand in any bytes; NULL pointers mean "absent". */
typedef struct vn_cgi_input {
	const char *method;          /* REQUEST_METHOD; NULL → GET */
	const char *query_string;
	size_t query_len;
	const char *content_type;    /* CONTENT_TYPE */
	const char *body;            /* POST body (already capped by the caller) */
	size_t body_len;
	const char *path_info;       /* PATH_INFO, e.g. "/complete" */
} vn_cgi_input;

/* A parsed request. Strings are owned (vn_cgi_request_free), decoded,
 * well-formed UTF-8 without NUL, and within the caps above. */
typedef struct vn_cgi_request {
	int action;                  /* enum vn_cgi_action */
	int format;                  /* enum vn_cgi_format */
	int head;                    /* HEAD: headers only */
	char *q;                     /* "" when absent */
	size_t q_len;
	int has_q;                   /* q was in the request (even empty) */
	int page;                    /* 1..VN_CGI_MAX_PAGE */
	char from[11], to[11];       /* "YYYY-MM-DD" or "" */
	char from_shown[11], to_shown[11]; /* as the user wrote them (dd/mm/yyyy) */
	char *cat, *site;            /* NULL when absent or empty */
	int sort;                    /* enum vn_query_sort */
	int sort_given;
	int asset;                   /* enum vn_cgi_tpl, for VN_CGI_ASSET */
	/* On failure: the HTTP status and a short Vietnamese sentence for the
	 * page (static text: it never quotes the request). */
	int http_status;
	const char *reason;
} vn_cgi_request;

/* Parse in into out (which is reset first).
 * @param[out] out  filled; free with vn_cgi_request_free even on failure
 * @return 0; VN_EINVAL (malformed: 400, 405, 404 or 415 in out->http_status),
 *         VN_ERANGE (over a cap: 400 or 413), VN_EUTF8 (400), VN_ENOMEM.
 *         err gets a one-line English detail for the server log. */
int vn_cgi_parse_request(vn_cgi_request *out, const vn_cgi_input *in, vn_error *err);
void vn_cgi_request_free(vn_cgi_request *r);

/* Decode one application/x-www-form-urlencoded component ('+' → space,
 * %XX) into out. Returns VN_EINVAL for a bad or truncated %-escape or a
 * NUL byte. */
int vn_cgi_url_decode(vn_buf *out, const char *s, size_t n);

/* Build a query string (a=b&c=d) from NAME=VALUE command-line words, each
 * part URL-encoded, so tests drive the same parser (house style 17). */
int vn_cgi_args_to_query(vn_buf *out, int argc, char **argv);

/* ---- configuration -------------------------------------------------------- */

#define VN_CGI_DEFAULT_CONFIG "/etc/vnsearch/vnsearch.conf"
#define VN_CGI_MAX_DBS 16

typedef struct vn_cgi_config {
	char *db[VN_CGI_MAX_DBS];    /* index directories */
	size_t n_db;
	char *templates;             /* directory overriding the embedded files, or NULL */
	double half_life_days;       /* 0 → library default */
	double time_limit;           /* seconds; 0 → library default */
	int page_size;               /* 1..100, default 10 */
	int cache_entries;           /* FastCGI answer cache slots (0 = off, default 512) */
	unsigned facet_sample;       /* matches the category counts look at (default 500;
				      * 0 → the query library's default) */
	char *site_name;             /* shown in the header band and titles */
	char *base_url;              /* absolute URL of the search page, or NULL */
} vn_cgi_config;

typedef const char *(*vn_cgi_getenv_fn)(void *payload, const char *name);

/* Read the config file named by VNSEARCH_CONFIG (default
 * VN_CGI_DEFAULT_CONFIG, which may be absent), then let VNSEARCH_DB
 * (dirs separated by ':') override db. Lines are "key = value"; '#' starts a
 * comment. Keys: db, templates, half_life_days, time_limit, page_size,
 * cache_entries, facet_sample, site_name, base_url.
 * @return 0; VN_ENOTFOUND (a named config file is missing), VN_EINVAL (a bad
 *         line or value: err says which line), VN_ENOMEM. */
int vn_cgi_config_load(vn_cgi_config *out, vn_cgi_getenv_fn getenv_fn, void *payload,
		       vn_error *err);
/* Parse config text (the file's bytes) into cfg, adding to what is there. */
int vn_cgi_config_parse(vn_cgi_config *cfg, const char *text, size_t n, const char *name,
			vn_error *err);
/* Replace cfg->db with the ':'-separated list in s. */
int vn_cgi_config_set_db(vn_cgi_config *cfg, const char *s, vn_error *err);
void vn_cgi_config_free(vn_cgi_config *cfg);

/* ---- templates ------------------------------------------------------------- */

typedef struct vn_cgi_templates {
	char *text[VN_TPL_COUNT];
	size_t len[VN_TPL_COUNT];
} vn_cgi_templates;

/* File name of each template ("page.html", ...), and the embedded default. */
const char *vn_cgi_tpl_name(int which);
const char *vn_cgi_tpl_default(int which, size_t *out_len);

/* Load every template from dir (may be NULL): a file that is there replaces
 * the embedded default, one that is not keeps it.
 * @return 0; VN_EIO (a file is there but unreadable), VN_ERANGE (> 1 MB),
 *         VN_ENOMEM. */
int vn_cgi_templates_load(vn_cgi_templates *out, const char *dir, vn_error *err);
void vn_cgi_templates_free(vn_cgi_templates *t);

/* A template variable. The renderer, never the template, decides whether a
 * value is text (escaped on the way out) or markup it built itself from
 * escaped parts (html = 1): a restyled template cannot print raw input. */
typedef struct vn_cgi_var {
	const char *name;
	const char *value;   /* NULL or "" count as empty for sections */
	size_t len;
	int html;
} vn_cgi_var;

/* Expand tpl into out. Syntax: {{name}} a variable; {{#name}}…{{/name}}
 * shown when name is non-empty, {{^name}}…{{/name}} when it is empty.
 * Unknown names are empty. Sections nest up to 8 deep.
 * @return 0; VN_EINVAL (unbalanced section), VN_ENOMEM. */
int vn_cgi_expand(vn_buf *out, const char *tpl, size_t n, const vn_cgi_var *vars,
		  size_t nvars);

/* ---- rendering --------------------------------------------------------------- */

/* What the page needs besides the request and the result. */
typedef struct vn_cgi_site {
	const char *site_name;
	const char *self_url;   /* the search page's path or URL ("" → relative) */
	const char *base_url;   /* absolute, for OpenSearch; may be NULL */
	int page_size;
} vn_cgi_site;

/* The HTML page for req: res NULL means no search was run (the empty form). */
int vn_cgi_render_page(vn_buf *out, const vn_cgi_templates *t, const vn_cgi_site *site,
		       const vn_cgi_request *req, const vn_query_result *res);
/* A short page for a status (400, 404, 500, 503...): message is static
 * Vietnamese text; req (may be NULL) refills the search box. */
int vn_cgi_render_error(vn_buf *out, const vn_cgi_templates *t, const vn_cgi_site *site,
			int status, const char *message, const vn_cgi_request *req);
/* The hit's snippet (or title) with marks as <mark>…</mark>, the text between
 * escaped; spans out of range or overlapping are dropped. */
int vn_cgi_render_marked(vn_buf *out, const char *text, const vn_query_span *marks,
			 size_t n_marks);
/* The OpenSearch description. */
int vn_cgi_render_opensearch(vn_buf *out, const vn_cgi_templates *t, const vn_cgi_site *site);
/* The JSON array of completions from NUL-separated strings. */
int vn_cgi_render_complete(vn_buf *out, const char *list, size_t len, size_t n);
/* {"error": message, "status": status} */
int vn_cgi_render_json_error(vn_buf *out, int status, const char *message);

/* "Status: 200 OK\r\n" and the rest of the CGI header block, ending with the
 * blank line. cache may be NULL (no-store). */
int vn_cgi_headers(vn_buf *out, int status, const char *content_type, const char *cache,
		   size_t content_length);
const char *vn_cgi_status_text(int status);

/* ---- the handler ------------------------------------------------------------- */

/* A process that answers one request (plain CGI) bounds a search with its
 * own timer instead of Xapian's time limit, which starts a timer helper
 * thread in every process. Before the search the handler calls
 * bound(payload, resp, len, seconds) with the complete answer to give if
 * the time runs out (a 503 page it rendered beforehand); the function arms
 * the timer and returns 0, or non-zero when it cannot (Xapian's limit is
 * used then). After the search and its rendering the handler calls
 * bound(payload, NULL, 0, 0) to disarm. resp stays valid until then. */
typedef int (*vn_cgi_bound_fn)(void *payload, const char *resp, size_t len, double seconds);

typedef struct vn_cgi_app {
	vn_cgi_config cfg;
	vn_cgi_templates tpl;
	vn_query_engine *engine;     /* opened lazily, kept across FastCGI requests */
	unsigned long long stamp;    /* the indexes' on-disk state when it was opened */
	int config_ok;
	vn_error config_err;
	/* Answers kept by a long-lived (FastCGI) process: two-way sets of
	 * slots, each answer valid for VN_CGI_CACHE_SECONDS and while the index
	 * is unchanged. */
	struct vn_cgi_cached *cache;
	size_t cache_slots;
	unsigned long long cache_clock;
	/* Set by vn_cgi_app_set_bound (plain CGI); NULL: Xapian's time limit. */
	vn_cgi_bound_fn bound;
	void *bound_payload;
	vn_buf bound_resp;           /* the answer the timer gives */
	int bounded;                 /* the timer is armed for this search */
} vn_cgi_app;

#define VN_CGI_CACHE_SECONDS 60        /* as long as Cache-Control lets others keep it */
#define VN_CGI_CACHE_MAX_BYTES (256 * 1024)

/* Turn on the answer cache (a FastCGI process calls it; a CGI process
 * answers once and gains nothing). Uses cfg.cache_entries slots. */
void vn_cgi_app_enable_cache(vn_cgi_app *app);

/* Bound each search with fn (see vn_cgi_bound_fn) rather than with Xapian's
 * time limit; call before the first request (the engine is opened once). */
void vn_cgi_app_set_bound(vn_cgi_app *app, vn_cgi_bound_fn fn, void *payload);

/* Load config and templates (a failure is remembered and answered with a
 * 500 page, details to the log). */
void vn_cgi_app_init(vn_cgi_app *app, vn_cgi_getenv_fn getenv_fn, void *payload);
void vn_cgi_app_free(vn_cgi_app *app);

/* Server-provided values used to build links (never a file path). */
typedef struct vn_cgi_server {
	const char *script_name;     /* SCRIPT_NAME */
	const char *host;            /* HTTP_HOST, for OpenSearch when no base_url */
	int https;
} vn_cgi_server;

typedef void (*vn_cgi_log_fn)(void *payload, const char *line);

/* Answer one request: out gets the complete CGI response (headers + body).
 * @return 0, or VN_ENOMEM when not even an error page could be built. */
int vn_cgi_app_handle(vn_cgi_app *app, const vn_cgi_input *in, const vn_cgi_server *srv,
		      vn_buf *out, vn_cgi_log_fn log, void *log_payload);

#ifdef __cplusplus
}
#endif
#endif
