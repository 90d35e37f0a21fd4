/*
 * config.c — the site configuration: a small "key = value" file plus
 * VNSEARCH_DB. Only the server's environment and this file choose paths;
 * the request never does.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vn_cgi.h"

#define CONFIG_MAX_BYTES (64 * 1024)

static void free_db(vn_cgi_config *cfg)
{
	for (size_t i = 0; i < cfg->n_db; i++)
		free(cfg->db[i]);
	cfg->n_db = 0;
}

void vn_cgi_config_free(vn_cgi_config *cfg)
{
	if (!cfg)
		return;
	free_db(cfg);
	free(cfg->templates);
	free(cfg->site_name);
	free(cfg->base_url);
	memset(cfg, 0, sizeof *cfg);
}

int vn_cgi_config_set_db(vn_cgi_config *cfg, const char *s, vn_error *err)
{
	free_db(cfg);
	while (*s) {
		const char *end = strchr(s, ':');
		size_t n = end ? (size_t)(end - s) : strlen(s);
		if (n > 0) {
			if (cfg->n_db == VN_CGI_MAX_DBS)
				return vn_error_set(err, VN_ERANGE, "more than %d index directories",
						    VN_CGI_MAX_DBS);
			char *d = strndup(s, n);
			if (!d)
				return vn_error_set(err, VN_ENOMEM, "out of memory");
			cfg->db[cfg->n_db++] = d;
		}
		s += n;
		if (*s == ':')
			s++;
	}
	return 0;
}

static int parse_double(double *out, const char *v, double min, double max)
{
	char *end;
	errno = 0;
	double d = strtod(v, &end);
	if (errno || end == v || *end || !isfinite(d) || d < min || d > max)
		return VN_EINVAL;
	*out = d;
	return 0;
}

static int set_str(char **slot, const char *v)
{
	free(*slot);
	*slot = *v ? strdup(v) : NULL;
	return *v && !*slot ? VN_ENOMEM : 0;
}

static char *trim(char *s, char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		end--;
	*end = 0;
	return s;
}

int vn_cgi_config_parse(vn_cgi_config *cfg, const char *text, size_t n, const char *name,
			vn_error *err)
{
	char *copy = malloc(n + 1);
	int rc = 0, line = 0;
	if (!copy)
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	memcpy(copy, text, n);
	copy[n] = 0;
	if (memchr(text, 0, n) || !vn_utf8_valid(text, n)) {
		free(copy);
		return vn_error_set(err, VN_EINVAL, "%s: not UTF-8 text", name);
	}
	char *p = copy, *stop = copy + n;
	while (p < stop && rc == 0) {
		char *nl = memchr(p, '\n', (size_t)(stop - p));
		char *eol = nl ? nl : stop;
		line++;
		char *hash = memchr(p, '#', (size_t)(eol - p));
		char *l = trim(p, hash ? hash : eol);
		p = eol + 1;
		if (!*l)
			continue;
		char *eq = strchr(l, '=');
		if (!eq) {
			rc = vn_error_set(err, VN_EINVAL, "%s:%d: expected key = value", name, line);
			break;
		}
		char *key = trim(l, eq);
		char *val = trim(eq + 1, eq + 1 + strlen(eq + 1));
		double d;
		long long i;
		if (strcmp(key, "db") == 0) {
			rc = vn_cgi_config_set_db(cfg, val, err);
		} else if (strcmp(key, "templates") == 0) {
			rc = set_str(&cfg->templates, val);
		} else if (strcmp(key, "site_name") == 0) {
			rc = set_str(&cfg->site_name, val);
		} else if (strcmp(key, "base_url") == 0) {
			rc = set_str(&cfg->base_url, val);
		} else if (strcmp(key, "half_life_days") == 0) {
			if (parse_double(&d, val, 0, 100000))
				rc = vn_error_set(err, VN_EINVAL, "%s:%d: half_life_days must be a "
						  "number of days", name, line);
			else
				cfg->half_life_days = d;
		} else if (strcmp(key, "time_limit") == 0) {
			if (parse_double(&d, val, 0, 600))
				rc = vn_error_set(err, VN_EINVAL, "%s:%d: time_limit must be seconds "
						  "(0..600)", name, line);
			else
				cfg->time_limit = d;
		} else if (strcmp(key, "cache_entries") == 0) {
			if (vn_parse_int(&i, val, strlen(val), 0, 100000))
				rc = vn_error_set(err, VN_EINVAL, "%s:%d: cache_entries must be "
						  "0..100000", name, line);
			else
				cfg->cache_entries = (int)i;
		} else if (strcmp(key, "facet_sample") == 0) {
			if (vn_parse_int(&i, val, strlen(val), 0, 10000000))
				rc = vn_error_set(err, VN_EINVAL, "%s:%d: facet_sample must be "
						  "0..10000000", name, line);
			else
				cfg->facet_sample = (unsigned)i;
		} else if (strcmp(key, "page_size") == 0) {
			if (vn_parse_int(&i, val, strlen(val), 1, 100))
				rc = vn_error_set(err, VN_EINVAL, "%s:%d: page_size must be 1..100",
						  name, line);
			else
				cfg->page_size = (int)i;
		} else {
			rc = vn_error_set(err, VN_EINVAL, "%s:%d: unknown key '%s'", name, line, key);
		}
		if (rc == VN_ENOMEM)
			vn_error_set(err, VN_ENOMEM, "out of memory");
	}
	free(copy);
	return rc;
}

int vn_cgi_config_load(vn_cgi_config *out, vn_cgi_getenv_fn getenv_fn, void *payload,
		       vn_error *err)
{
	const char *path = getenv_fn(payload, "VNSEARCH_CONFIG");
	const char *db = getenv_fn(payload, "VNSEARCH_DB");
	int named = path && *path;
	int rc = 0;

	memset(out, 0, sizeof *out);
	out->page_size = 10;
	out->cache_entries = 512;
	/* The page shows the category counts as a hint in the filter list; a
	 * few hundred matches give the same categories at a fraction of the
	 * library's default cost (bench/cgi/README.md). */
	out->facet_sample = 500;
	if (!named)
		path = VN_CGI_DEFAULT_CONFIG;
	FILE *f = fopen(path, "rb");
	if (!f) {
		if (named || errno != ENOENT)
			return vn_error_set(err, errno == ENOENT ? VN_ENOTFOUND : VN_EIO,
					    "%s: %s", path, strerror(errno));
	} else {
		char *buf = malloc(CONFIG_MAX_BYTES + 1);
		size_t n = buf ? fread(buf, 1, CONFIG_MAX_BYTES + 1, f) : 0;
		if (!buf)
			rc = vn_error_set(err, VN_ENOMEM, "out of memory");
		else if (ferror(f))
			rc = vn_error_set(err, VN_EIO, "%s: read error", path);
		else if (n > CONFIG_MAX_BYTES)
			rc = vn_error_set(err, VN_ERANGE, "%s: larger than 64 KB", path);
		else
			rc = vn_cgi_config_parse(out, buf, n, path, err);
		free(buf);
		fclose(f);
		if (rc)
			return rc;
	}
	if (db && *db && (rc = vn_cgi_config_set_db(out, db, err)))
		return rc;
	if (!out->site_name && !(out->site_name = strdup("Cổng thông tin điện tử")))
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	if (out->n_db == 0)
		return vn_error_set(err, VN_ENOTFOUND, "no index: set VNSEARCH_DB or db = in %s",
				    path);
	return 0;
}
