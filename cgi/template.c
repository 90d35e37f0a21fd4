/*
 * template.c — the templates a portal can restyle, and a deliberately tiny
 * expander: variables and show/hide sections, nothing that computes. The
 * renderer types each variable (text or markup), so a template cannot print
 * request data unescaped however it is edited.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vn_cgi.h"

extern const char *const vn_cgi_embedded[];
extern const size_t vn_cgi_embedded_len[];

#define TPL_MAX_BYTES (1024 * 1024)
#define TPL_MAX_DEPTH 8

static const char *const tpl_names[VN_TPL_COUNT] = {
	"page.html", "hit.html", "pagination.html", "opensearch.xml", "vnsearch.css", "app.js"
};

const char *vn_cgi_tpl_name(int which)
{
	return which >= 0 && which < VN_TPL_COUNT ? tpl_names[which] : NULL;
}

const char *vn_cgi_tpl_default(int which, size_t *out_len)
{
	if (which < 0 || which >= VN_TPL_COUNT)
		return NULL;
	if (out_len)
		*out_len = vn_cgi_embedded_len[which];
	return vn_cgi_embedded[which];
}

void vn_cgi_templates_free(vn_cgi_templates *t)
{
	if (!t)
		return;
	for (int i = 0; i < VN_TPL_COUNT; i++) {
		free(t->text[i]);
		t->text[i] = NULL;
		t->len[i] = 0;
	}
}

static int read_file(char **out, size_t *out_len, const char *path, vn_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return errno == ENOENT ? VN_ENOTFOUND
				       : vn_error_set(err, VN_EIO, "%s: %s", path, strerror(errno));
	char *buf = malloc(TPL_MAX_BYTES + 1);
	if (!buf) {
		fclose(f);
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	}
	size_t n = fread(buf, 1, TPL_MAX_BYTES + 1, f);
	int bad = ferror(f);
	fclose(f);
	if (bad || n > TPL_MAX_BYTES) {
		free(buf);
		return vn_error_set(err, bad ? VN_EIO : VN_ERANGE, "%s: %s", path,
				    bad ? "read error" : "larger than 1 MB");
	}
	buf[n] = 0;
	*out = buf;
	*out_len = n;
	return 0;
}

int vn_cgi_templates_load(vn_cgi_templates *out, const char *dir, vn_error *err)
{
	memset(out, 0, sizeof *out);
	for (int i = 0; i < VN_TPL_COUNT; i++) {
		int rc = VN_ENOTFOUND;
		if (dir && *dir) {
			vn_buf path = VN_BUF_INIT;
			if (vn_buf_printf(&path, "%s/%s", dir, tpl_names[i])) {
				vn_cgi_templates_free(out);
				return vn_error_set(err, VN_ENOMEM, "out of memory");
			}
			rc = read_file(&out->text[i], &out->len[i], path.data, err);
			vn_buf_free(&path);
			if (rc && rc != VN_ENOTFOUND) {
				vn_cgi_templates_free(out);
				return rc;
			}
		}
		if (rc == VN_ENOTFOUND) {
			out->len[i] = vn_cgi_embedded_len[i];
			out->text[i] = malloc(out->len[i] + 1);
			if (!out->text[i]) {
				vn_cgi_templates_free(out);
				return vn_error_set(err, VN_ENOMEM, "out of memory");
			}
			memcpy(out->text[i], vn_cgi_embedded[i], out->len[i] + 1);
		}
	}
	return 0;
}

static const vn_cgi_var *lookup(const vn_cgi_var *vars, size_t nvars, const char *name, size_t n)
{
	for (size_t i = 0; i < nvars; i++)
		if (strlen(vars[i].name) == n && memcmp(vars[i].name, name, n) == 0)
			return &vars[i];
	return NULL;
}

/* Find the {{/name}} that closes a section opened just before p, skipping
 * nested sections of the same name. Returns its offset or NULL. */
static const char *section_end(const char *p, const char *end, const char *name, size_t n)
{
	int depth = 0;
	while (p < end) {
		const char *o = memmem(p, (size_t)(end - p), "{{", 2);
		if (!o)
			return NULL;
		const char *c = memmem(o, (size_t)(end - o), "}}", 2);
		if (!c)
			return NULL;
		const char *tag = o + 2;
		size_t tl = (size_t)(c - tag);
		if (tl == n + 1 && memcmp(tag + 1, name, n) == 0) {
			if (tag[0] == '#' || tag[0] == '^')
				depth++;
			else if (tag[0] == '/' && depth-- == 0)
				return o;
		}
		p = c + 2;
	}
	return NULL;
}

static int expand(vn_buf *out, const char *p, const char *end, const vn_cgi_var *vars,
		  size_t nvars, int depth)
{
	int rc;
	if (depth > TPL_MAX_DEPTH)
		return VN_EINVAL;
	while (p < end) {
		const char *o = memmem(p, (size_t)(end - p), "{{", 2);
		if (!o)
			return vn_buf_append(out, p, (size_t)(end - p));
		if ((rc = vn_buf_append(out, p, (size_t)(o - p))))
			return rc;
		const char *c = memmem(o + 2, (size_t)(end - o - 2), "}}", 2);
		if (!c)
			return VN_EINVAL;
		const char *tag = o + 2;
		size_t tl = (size_t)(c - tag);
		if (tl > 0 && (tag[0] == '#' || tag[0] == '^')) {
			const vn_cgi_var *v = lookup(vars, nvars, tag + 1, tl - 1);
			const char *close = section_end(c + 2, end, tag + 1, tl - 1);
			if (!close)
				return VN_EINVAL;
			int nonempty = v && v->value && v->len > 0;
			if (nonempty == (tag[0] == '#') &&
			    (rc = expand(out, c + 2, close, vars, nvars, depth + 1)))
				return rc;
			p = close + 2;
			p = memmem(p, (size_t)(end - p), "}}", 2) + 2;
			continue;
		}
		if (tl > 0 && tag[0] == '/')
			return VN_EINVAL;
		const vn_cgi_var *v = lookup(vars, nvars, tag, tl);
		if (v && v->value) {
			rc = v->html ? vn_buf_append(out, v->value, v->len)
				     : vn_escape_html(out, v->value, v->len);
			if (rc)
				return rc;
		}
		p = c + 2;
	}
	return 0;
}

int vn_cgi_expand(vn_buf *out, const char *tpl, size_t n, const vn_cgi_var *vars,
		  size_t nvars)
{
	/* Make sure out->data exists so callers can print an empty result. */
	int rc = vn_buf_reserve(out, 1);
	if (rc)
		return rc;
	return expand(out, tpl, tpl + n, vars, nvars, 0);
}
