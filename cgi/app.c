/*
 * app.c — one request from parsed input to a complete CGI response, over
 * the query library. The engine is opened lazily and kept, so under FastCGI
 * the index is opened once per process, not once per request. Library
 * errors become a short 500/503 page; their details go to the log only
 * (house style 12).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "vn_cgi.h"

void vn_cgi_app_init(vn_cgi_app *app, vn_cgi_getenv_fn getenv_fn, void *payload)
{
	memset(app, 0, sizeof *app);
	vn_error_clear(&app->config_err);
	if (vn_cgi_config_load(&app->cfg, getenv_fn, payload, &app->config_err))
		return;
	if (vn_cgi_templates_load(&app->tpl, app->cfg.templates, &app->config_err))
		return;
	app->config_ok = 1;
}

struct vn_cgi_cached {
	char *key, *resp;
	size_t key_len, resp_len;
	time_t at;
	unsigned long long stamp;
	unsigned long long used;     /* app->cache_clock when last answered from */
};

/* Two ways per set: two popular queries that hash to the same set both stay
 * (direct mapping made such pairs evict each other on every request). */
#define CACHE_WAYS 2

void vn_cgi_app_enable_cache(vn_cgi_app *app)
{
	size_t n = app->config_ok && app->cfg.cache_entries > 0 ? (size_t)app->cfg.cache_entries : 0;
	n = (n + CACHE_WAYS - 1) / CACHE_WAYS * CACHE_WAYS;
	if (n && !app->cache && (app->cache = calloc(n, sizeof *app->cache)))
		app->cache_slots = n;
}

static void cache_free(vn_cgi_app *app)
{
	for (size_t i = 0; i < app->cache_slots; i++) {
		free(app->cache[i].key);
		free(app->cache[i].resp);
	}
	free(app->cache);
	app->cache = NULL;
	app->cache_slots = 0;
}

void vn_cgi_app_set_bound(vn_cgi_app *app, vn_cgi_bound_fn fn, void *payload)
{
	app->bound = fn;
	app->bound_payload = payload;
}

void vn_cgi_app_free(vn_cgi_app *app)
{
	if (!app)
		return;
	cache_free(app);
	vn_buf_free(&app->bound_resp);
	vn_query_close(app->engine);
	app->engine = NULL;
	vn_cgi_templates_free(&app->tpl);
	vn_cgi_config_free(&app->cfg);
}

static void logf_(vn_cgi_log_fn log, void *payload, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void logf_(vn_cgi_log_fn log, void *payload, const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (log)
		log(payload, line);
}

/* Headers (with the body's length) then the body, or headers only for HEAD. */
static int respond(vn_buf *out, int head, int status, const char *type, const char *cache,
		   const vn_buf *body)
{
	int rc = vn_cgi_headers(out, status, type, cache, body->len);
	if (!rc && !head)
		rc = vn_buf_append(out, body->data ? body->data : "", body->len);
	return rc;
}

#define HTML_TYPE "text/html; charset=utf-8"
#define JSON_TYPE "application/json; charset=utf-8"
#define CACHE_PAGE "public, max-age=60"

static int respond_error(vn_buf *out, const vn_cgi_app *app, const vn_cgi_site *site,
			 const vn_cgi_request *req, int status, const char *message)
{
	vn_buf body = VN_BUF_INIT;
	int rc, json = req && req->format == VN_CGI_JSON;
	/* Client errors are stable answers and may be cached briefly; server
	 * errors must not outlive their cause. */
	const char *cache = status < 500 ? CACHE_PAGE : NULL;
	if (json || !app->config_ok)
		rc = json ? vn_cgi_render_json_error(&body, status, message)
			  : vn_buf_printf(&body, "<!DOCTYPE html><html lang=\"vi\"><meta "
					  "charset=\"utf-8\"><title>Lỗi %d</title><p>%s</p></html>\n",
					  status, message);
	else
		rc = vn_cgi_render_error(&body, &app->tpl, site, status, message, req);
	rc = rc ? rc : respond(out, req && req->head, status, json ? JSON_TYPE : HTML_TYPE, cache,
			       &body);
	vn_buf_free(&body);
	return rc;
}

/* A Host header fit to print in a URL: letters, digits, '.', '-', ':' and
 * IPv6 brackets only. */
static int plausible_host(const char *h)
{
	size_t n = h ? strlen(h) : 0;
	if (n == 0 || n > 255)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = h[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '-' || c == ':' || c == '[' || c == ']'))
			return 0;
	}
	return 1;
}

/* A cheap fingerprint of the indexes on disk: Xapian's glass backend
 * rewrites iamglass at every commit, so a FastCGI process that kept its
 * engine open notices vnindex's updates and reopens instead of serving an
 * old revision forever. */
static unsigned long long index_stamp(const vn_cgi_config *cfg)
{
	unsigned long long h = 1469598103934665603ull;
	for (size_t i = 0; i < cfg->n_db; i++) {
		char path[4096];
		struct stat st;
		snprintf(path, sizeof path, "%s/iamglass", cfg->db[i]);
		if (stat(path, &st) != 0)
			continue;
		unsigned long long parts[4] = { (unsigned long long)st.st_ino,
						(unsigned long long)st.st_size,
						(unsigned long long)st.st_mtim.tv_sec,
						(unsigned long long)st.st_mtim.tv_nsec };
		for (int k = 0; k < 4; k++)
			h = (h ^ parts[k]) * 1099511628211ull;
	}
	return h;
}

static int open_engine(vn_cgi_app *app, vn_error *err)
{
	if (app->engine) {
		if (index_stamp(&app->cfg) == app->stamp)
			return 0;
		vn_query_close(app->engine);
		app->engine = NULL;
	}
	app->stamp = index_stamp(&app->cfg);
	vn_query_config qc = VN_QUERY_CONFIG_INIT;
	qc.half_life_days = app->cfg.half_life_days;
	qc.time_limit = app->cfg.time_limit;
	qc.max_query_bytes = VN_CGI_MAX_QUERY_BYTES;
	qc.facet_sample = app->cfg.facet_sample;
	qc.no_time_limit = app->bounded;
	return vn_query_open(&app->engine, (const char *const *)app->cfg.db, app->cfg.n_db, &qc,
			     err);
}

#define TIMEOUT_MESSAGE "Tìm kiếm mất quá nhiều thời gian. Xin thử lại với ít từ hơn."
/* The query library's own default, for the process's timer. */
#define DEFAULT_TIME_LIMIT 2.0

/* What a library failure tells the user (short, no detail). */
static int failure_status(int code, const char **message)
{
	switch (code) {
	case VN_ETIMEOUT:
		*message = TIMEOUT_MESSAGE;
		return 503;
	case VN_ENOTFOUND:
	case VN_EIO:
	case VN_ELOCKED:
	case VN_EMODIFIED:
		*message = "Dịch vụ tìm kiếm tạm thời không sẵn sàng. Xin thử lại sau.";
		return 503;
	default:
		*message = "Đã có lỗi khi tìm kiếm. Xin thử lại sau.";
		return 500;
	}
}

/* Arm the caller's timer, when it gave one, with the 503 answer rendered
 * now: the timer's handler can only write bytes that already exist. */
static void bound_arm(vn_cgi_app *app, const vn_cgi_site *site, const vn_cgi_request *req)
{
	app->bounded = 0;
	if (!app->bound)
		return;
	vn_buf_clear(&app->bound_resp);
	if (respond_error(&app->bound_resp, app, site, req, 503, TIMEOUT_MESSAGE) != 0)
		return;
	double seconds = app->cfg.time_limit > 0 ? app->cfg.time_limit : DEFAULT_TIME_LIMIT;
	app->bounded = app->bound(app->bound_payload, app->bound_resp.data, app->bound_resp.len,
				  seconds) == 0;
}

static void bound_disarm(vn_cgi_app *app)
{
	if (app->bounded)
		app->bound(app->bound_payload, NULL, 0, 0);
	app->bounded = 0;
}

static int run_search(vn_cgi_app *app, const vn_cgi_request *req, int page_size,
		      vn_query_result **res, vn_error *err)
{
	vn_query_request qr = VN_QUERY_REQUEST_INIT;
	qr.query = req->q;
	qr.query_len = req->q_len;
	qr.from = req->from[0] ? req->from : NULL;
	qr.to = req->to[0] ? req->to : NULL;
	qr.category = req->cat;
	qr.site = req->site;
	qr.sort = req->sort;
	qr.offset = (uint32_t)(req->page - 1) * (uint32_t)page_size;
	qr.limit = (uint32_t)page_size;
	/* The page's category filter needs the facet counts; JSON is the object
	 * vnquery --json prints, which has none unless asked. */
	qr.want_facets = req->format == VN_CGI_HTML;
	qr.want_suggestion = 1;
	qr.want_snippets = 1;
	int rc = 0;
	/* One retry: a reader that raced an index update reopens and goes on. */
	for (int attempt = 0; attempt < 2; attempt++) {
		rc = open_engine(app, err);
		if (rc == 0)
			rc = vn_query_run(app->engine, &qr, res, err);
		if (rc == 0 || (rc != VN_EMODIFIED && rc != VN_EIO))
			break;
		vn_query_close(app->engine);
		app->engine = NULL;
	}
	return rc;
}

/* Everything an answer depends on, from the parsed request (never the raw
 * bytes, so equivalent spellings share a slot); each part length-prefixed. */
static int cache_key(vn_buf *key, const vn_cgi_request *r, const char *self)
{
	const char *parts[] = { r->q, r->from_shown, r->to_shown, r->cat ? r->cat : "",
				r->site ? r->site : "", self };
	int rc = vn_buf_printf(key, "%d/%d/%d/%d/%d", r->action, r->format, r->page, r->sort,
			       r->sort_given);
	for (size_t i = 0; i < sizeof parts / sizeof parts[0] && rc == 0; i++) {
		rc = vn_buf_printf(key, "/%zu:", strlen(parts[i]));
		rc = rc ? rc : vn_buf_puts(key, parts[i]);
	}
	return rc;
}

static unsigned long long key_hash(const vn_buf *key)
{
	return vn_fnv1a(VN_FNV_OFFSET, key->data, key->len);
}

int vn_cgi_app_handle(vn_cgi_app *app, const vn_cgi_input *in, const vn_cgi_server *srv,
		      vn_buf *out, vn_cgi_log_fn log, void *log_payload)
{
	vn_cgi_request req;
	vn_error err = VN_ERROR_INIT;
	vn_buf body = VN_BUF_INIT, os_base = VN_BUF_INIT;
	vn_query_result *res = NULL;
	int rc;

	vn_buf_clear(out);
	rc = vn_cgi_parse_request(&req, in, &err);

	const char *self = app->cfg.base_url ? app->cfg.base_url
			 : srv && srv->script_name ? srv->script_name : "";
	vn_cgi_site site = { app->cfg.site_name ? app->cfg.site_name : "vnsearch", self,
			     app->cfg.base_url, app->cfg.page_size > 0 ? app->cfg.page_size : 10 };

	if (rc == VN_ENOMEM) {
		logf_(log, log_payload, "vnsearch.cgi: out of memory parsing the request");
		rc = respond_error(out, app, &site, NULL, 500, "Hết bộ nhớ.");
		goto done;
	}
	if (rc) {
		logf_(log, log_payload, "vnsearch.cgi: %d: %s", req.http_status, err.msg);
		rc = respond_error(out, app, &site, &req, req.http_status, req.reason);
		goto done;
	}
	if (!app->config_ok) {
		logf_(log, log_payload, "vnsearch.cgi: configuration: %s", app->config_err.msg);
		rc = respond_error(out, app, &site, &req, 500,
				   "Dịch vụ tìm kiếm chưa được cấu hình đúng.");
		goto done;
	}

	/* A kept answer, when this process keeps them (FastCGI). */
	vn_buf key = VN_BUF_INIT;
	struct vn_cgi_cached *slot = NULL;
	unsigned long long stamp = 0;
	time_t now = 0;
	if (app->cache_slots && !req.head &&
	    (req.action == VN_CGI_SEARCH || req.action == VN_CGI_COMPLETE) &&
	    cache_key(&key, &req, self) == 0) {
		struct vn_cgi_cached *set =
			&app->cache[key_hash(&key) % (app->cache_slots / CACHE_WAYS) * CACHE_WAYS];
		stamp = index_stamp(&app->cfg);
		now = time(NULL);
		for (int w = 0; w < CACHE_WAYS; w++) {
			struct vn_cgi_cached *c = &set[w];
			if (c->key && c->key_len == key.len && memcmp(c->key, key.data, key.len) == 0 &&
			    c->stamp == stamp && now - c->at < VN_CGI_CACHE_SECONDS && now >= c->at) {
				c->used = ++app->cache_clock;
				rc = vn_buf_append(out, c->resp, c->resp_len);
				vn_buf_free(&key);
				goto done;
			}
		}
		/* A miss replaces the way answered from least recently. */
		slot = &set[0];
		for (int w = 1; w < CACHE_WAYS; w++)
			if (set[w].used < slot->used)
				slot = &set[w];
	}

	switch (req.action) {
	case VN_CGI_ASSET:
		rc = vn_buf_append(&body, app->tpl.text[req.asset], app->tpl.len[req.asset]);
		rc = rc ? rc : respond(out, req.head, 200,
				       req.asset == VN_TPL_CSS ? "text/css; charset=utf-8"
							       : "text/javascript; charset=utf-8",
				       "public, max-age=86400", &body);
		break;
	case VN_CGI_OPENSEARCH: {
		const char *cache = CACHE_PAGE;
		if (!site.base_url && srv && plausible_host(srv->host)) {
			/* Derived from the request's Host: fine for this client,
			 * not for a shared cache. */
			rc = vn_buf_printf(&os_base, "%s://%s%s", srv->https ? "https" : "http",
					   srv->host, srv->script_name ? srv->script_name : "");
			site.base_url = os_base.data;
			cache = "private, max-age=60";
		}
		rc = rc ? rc : vn_cgi_render_opensearch(&body, &app->tpl, &site);
		rc = rc ? rc : respond(out, req.head, 200,
				       "application/opensearchdescription+xml; charset=utf-8", cache,
				       &body);
		break;
	}
	case VN_CGI_COMPLETE: {
		vn_buf list = VN_BUF_INIT;
		size_t n = 0;
		if (req.q_len > 0) {
			bound_arm(app, &site, &req);
			rc = open_engine(app, &err);
			rc = rc ? rc : vn_query_complete(app->engine, req.q, req.q_len,
							 VN_CGI_COMPLETE_LIMIT, &list, &n, &err);
		}
		if (rc) {
			const char *msg;
			int status = failure_status(rc, &msg);
			logf_(log, log_payload, "vnsearch.cgi: complete: %s (%s)", err.msg,
			      vn_strerror(rc));
			vn_query_close(app->engine);
			app->engine = NULL;
			rc = respond_error(out, app, &site, &req, status, msg);
		} else {
			rc = vn_cgi_render_complete(&body, list.data, list.len, n);
			rc = rc ? rc : respond(out, req.head, 200, JSON_TYPE, "public, max-age=300",
					       &body);
		}
		vn_buf_free(&list);
		break;
	}
	case VN_CGI_SEARCH:
	default: {
		int filtered = req.from[0] || req.to[0] || req.cat || req.site;
		if (req.q_len == 0 && !filtered) {
			if (req.format == VN_CGI_JSON) {
				rc = respond_error(out, app, &site, &req, 400,
						   "Thiếu từ khóa tìm kiếm (tham số q).");
			} else {
				rc = vn_cgi_render_page(&body, &app->tpl, &site, &req, NULL);
				rc = rc ? rc : respond(out, req.head, 200, HTML_TYPE, CACHE_PAGE, &body);
			}
			break;
		}
		bound_arm(app, &site, &req);
		rc = run_search(app, &req, site.page_size, &res, &err);
		if (rc == VN_ENOMEM) {
			break;
		} else if (rc == VN_EINVAL) {
			logf_(log, log_payload, "vnsearch.cgi: query refused: %s", err.msg);
			rc = respond_error(out, app, &site, &req, 400,
					   "Câu tìm kiếm không hợp lệ.");
		} else if (rc) {
			const char *msg;
			int status = failure_status(rc, &msg);
			logf_(log, log_payload, "vnsearch.cgi: search: %s (%s)", err.msg,
			      vn_strerror(rc));
			if (rc != VN_ETIMEOUT) {
				vn_query_close(app->engine);
				app->engine = NULL;
			}
			rc = respond_error(out, app, &site, &req, status, msg);
		} else if (req.format == VN_CGI_JSON) {
			rc = vn_query_result_json(res, &body);
			rc = rc ? rc : vn_buf_putc(&body, '\n');
			rc = rc ? rc : respond(out, req.head, 200, JSON_TYPE, CACHE_PAGE, &body);
		} else {
			rc = vn_cgi_render_page(&body, &app->tpl, &site, &req, res);
			rc = rc ? rc : respond(out, req.head, 200, HTML_TYPE, CACHE_PAGE, &body);
		}
		break;
	}
	}
	if (slot && rc == 0 && out->len <= VN_CGI_CACHE_MAX_BYTES && strncmp(out->data, "Status: 200 ", 12) == 0) {
		char *k = malloc(key.len), *v = malloc(out->len);
		if (k && v) {
			free(slot->key);
			free(slot->resp);
			memcpy(k, key.data, key.len);
			memcpy(v, out->data, out->len);
			slot->key = k, slot->key_len = key.len;
			slot->resp = v, slot->resp_len = out->len;
			slot->at = now;
			slot->stamp = stamp;
			slot->used = ++app->cache_clock;
		} else {
			free(k);
			free(v);
		}
	}
	vn_buf_free(&key);
	if (rc == VN_ENOMEM || rc == VN_EINVAL) {
		/* Rendering itself failed (memory, or a broken template): a bare
		 * 500 that needs nothing more. */
		logf_(log, log_payload, "vnsearch.cgi: rendering failed: %s", vn_strerror(rc));
		vn_buf_clear(out);
		vn_buf_free(&body);
		rc = vn_buf_puts(&body, "Lỗi máy chủ.\n");
		rc = rc ? rc : respond(out, 0, 500, "text/plain; charset=utf-8", NULL, &body);
	}
done:
	bound_disarm(app);
	vn_query_result_free(res);
	vn_cgi_request_free(&req);
	vn_buf_free(&body);
	vn_buf_free(&os_base);
	return rc;
}
