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
		if (vars[i].name[0] == name[0] && strncmp(vars[i].name, name, n) == 0 &&
		    vars[i].name[n] == 0)
			return &vars[i];
	return NULL;
}

/* The next occurrence of the two bytes c c in [p, end), or NULL. memchr
 * finds candidates many bytes at a time (memmem with a two-byte needle
 * walks byte by byte). */
static const char *find2(const char *p, const char *end, char c)
{
	while (p + 1 < end) {
		const char *q = memchr(p, c, (size_t)(end - p - 1));
		if (!q)
			return NULL;
		if (q[1] == c)
			return q;
		p = q + 1;
	}
	return NULL;
}

/* One pass over the template: a section's body is expanded (or only
 * checked, when emit is 0) by the recursive call, which stops after the
 * {{/name}} that closes `sec` and leaves *pp there. Every byte is read once,
 * and a template is checked the same whatever the values. */
static int expand(vn_buf *out, const char **pp, const char *end, const vn_cgi_var *vars,
		  size_t nvars, int depth, const char *sec, size_t sec_len, int emit)
{
	const char *p = *pp;
	int rc;
	if (depth > TPL_MAX_DEPTH)
		return VN_EINVAL;
	for (;;) {
		const char *o = find2(p, end, '{');
		if (!o) {
			if (sec)
				return VN_EINVAL; /* the section is never closed */
			*pp = end;
			return emit ? vn_buf_append(out, p, (size_t)(end - p)) : 0;
		}
		if (emit && (rc = vn_buf_append(out, p, (size_t)(o - p))))
			return rc;
		const char *tag = o + 2;
		const char *c = find2(tag, end, '}');
		if (!c)
			return VN_EINVAL;
		size_t tl = (size_t)(c - tag);
		p = c + 2;
		if (tl > 0 && (tag[0] == '#' || tag[0] == '^')) {
			const vn_cgi_var *v = lookup(vars, nvars, tag + 1, tl - 1);
			int nonempty = v && v->value && v->len > 0;
			if ((rc = expand(out, &p, end, vars, nvars, depth + 1, tag + 1, tl - 1,
					 emit && nonempty == (tag[0] == '#'))))
				return rc;
			continue;
		}
		if (tl > 0 && tag[0] == '/') {
			if (!sec || tl - 1 != sec_len || memcmp(tag + 1, sec, sec_len) != 0)
				return VN_EINVAL;
			*pp = p;
			return 0;
		}
		if (!emit)
			continue;
		const vn_cgi_var *v = lookup(vars, nvars, tag, tl);
		if (v && v->value) {
			rc = v->html ? vn_buf_append(out, v->value, v->len)
				     : vn_escape_html(out, v->value, v->len);
			if (rc)
				return rc;
		}
	}
}

int vn_cgi_expand(vn_buf *out, const char *tpl, size_t n, const vn_cgi_var *vars,
		  size_t nvars)
{
	/* Make sure out->data exists so callers can print an empty result. */
	int rc = vn_buf_reserve(out, 1);
	if (rc)
		return rc;
	return expand(out, &tpl, tpl + n, vars, nvars, 0, NULL, 0, 1);
}
