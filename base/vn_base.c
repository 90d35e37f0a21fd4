/* vn_base.c — errors, buffers, escapers, UTF-8 and number helpers. */
#include "vn_base.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *vn_strerror(int code)
{
	switch (code) {
	case VN_OK: return "success";
	case VN_ENOMEM: return "out of memory";
	case VN_EINVAL: return "invalid argument or input";
	case VN_EUTF8: return "invalid UTF-8";
	case VN_ENOTFOUND: return "not found";
	case VN_ELOCKED: return "database locked by another writer";
	case VN_EMODIFIED: return "database modified, reopen and retry";
	case VN_ECORRUPT: return "database or file corrupt";
	case VN_EIO: return "input/output error";
	case VN_EVERSION: return "index format version mismatch";
	case VN_ETIMEOUT: return "time limit exceeded";
	case VN_ERANGE: return "value out of range";
	case VN_EQUERY: return "query error";
	case VN_EINTERNAL: return "internal error";
	default: return "unknown error";
	}
}

int vn_error_setv(vn_error *err, int code, const char *fmt, va_list ap)
{
	if (err == NULL)
		return code;
	err->code = code;
	err->klass[0] = '\0';
	if (fmt == NULL) {
		snprintf(err->msg, sizeof err->msg, "%s", vn_strerror(code));
	} else {
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	}
	/* One line: a message is printed as "prog: msg\n". */
	for (char *p = err->msg; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	return code;
}

int vn_error_set(vn_error *err, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vn_error_setv(err, code, fmt, ap);
	va_end(ap);
	return code;
}

int vn_error_set_class(vn_error *err, int code, const char *klass, const char *msg)
{
	if (err == NULL)
		return code;
	vn_error_set(err, code, "%s", msg ? msg : vn_strerror(code));
	snprintf(err->klass, sizeof err->klass, "%s", klass ? klass : "");
	return code;
}

void vn_error_clear(vn_error *err)
{
	if (err == NULL)
		return;
	err->code = 0;
	err->klass[0] = '\0';
	err->msg[0] = '\0';
}

/* ---- buffer ------------------------------------------------------------- */

int vn_buf_reserve(vn_buf *b, size_t extra)
{
	if (b->len > SIZE_MAX - 1 - extra)
		return VN_ENOMEM;
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need) {
		if (cap > SIZE_MAX / 2) {
			cap = need;
			break;
		}
		cap *= 2;
	}
	char *p = realloc(b->data, cap);
	if (p == NULL)
		return VN_ENOMEM;
	if (b->data == NULL)
		p[0] = '\0';
	b->data = p;
	b->cap = cap;
	return 0;
}

int vn_buf_append(vn_buf *b, const void *p, size_t n)
{
	if (vn_buf_reserve(b, n) != 0)
		return VN_ENOMEM;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int vn_buf_puts(vn_buf *b, const char *s)
{
	return vn_buf_append(b, s, strlen(s));
}

int vn_buf_putc(vn_buf *b, int c)
{
	char ch = (char)c;
	return vn_buf_append(b, &ch, 1);
}

int vn_buf_printf(vn_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return VN_EINVAL;
	if (vn_buf_reserve(b, (size_t)n) != 0)
		return VN_ENOMEM;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

int vn_buf_put_utf8(vn_buf *b, uint32_t cp)
{
	char tmp[4];
	size_t n = vn_utf8_encode(tmp, cp);
	return vn_buf_append(b, tmp, n);
}

void vn_buf_clear(vn_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void vn_buf_free(vn_buf *b)
{
	if (b == NULL)
		return;
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

char *vn_buf_detach(vn_buf *b, size_t *out_len)
{
	char *p = b->data;
	if (p == NULL) {
		p = malloc(1);
		if (p == NULL)
			return NULL;
		p[0] = '\0';
	}
	if (out_len)
		*out_len = b->len;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

/* ---- UTF-8 -------------------------------------------------------------- */

size_t vn_utf8_decode(uint32_t *out_cp, const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	if (c < 0x80) {
		*out_cp = c;
		return 1;
	}
	size_t need;
	uint32_t cp, min;
	if (c >= 0xC2 && c <= 0xDF) {
		need = 2; cp = c & 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 3; cp = c & 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 4; cp = c & 0x07; min = 0x10000;
	} else {
		*out_cp = 0xFFFD;
		return 1;
	}
	if (n < need) {
		*out_cp = 0xFFFD;
		return 1;
	}
	for (size_t i = 1; i < need; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*out_cp = 0xFFFD;
			return 1;
		}
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
		*out_cp = 0xFFFD;
		return 1;
	}
	*out_cp = cp;
	return need;
}

size_t vn_utf8_encode(char out[4], uint32_t cp)
{
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Well-formed UTF-8 (RFC 3629 section 4). It runs on every input line, so
 * ASCII is skipped eight bytes at a time. */
uint64_t vn_fnv1a(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 1099511628211ull;
	}
	return h;
}

int vn_is_ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

int vn_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		while (i + 8 <= n) {
			uint64_t w;
			memcpy(&w, p + i, 8);
			if (w & UINT64_C(0x8080808080808080))
				break;
			i += 8;
		}
		if (i >= n)
			break;
		unsigned c = p[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t need;
		unsigned lo = 0x80, hi = 0xBF;
		if (c >= 0xC2 && c <= 0xDF) {
			need = 1;
		} else if (c >= 0xE0 && c <= 0xEF) {
			need = 2;
			lo = c == 0xE0 ? 0xA0 : 0x80;
			hi = c == 0xED ? 0x9F : 0xBF;
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3;
			lo = c == 0xF0 ? 0x90 : 0x80;
			hi = c == 0xF4 ? 0x8F : 0xBF;
		} else {
			return 0;
		}
		if (n - i <= need || p[i + 1] < lo || p[i + 1] > hi)
			return 0;
		for (size_t k = 2; k <= need; k++)
			if ((p[i + k] & 0xC0) != 0x80)
				return 0;
		i += need + 1;
	}
	return 1;
}

/* ---- escapers ----------------------------------------------------------- */

int vn_escape_html(vn_buf *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;
	int rc = 0;
	while (i < n && rc == 0) {
		unsigned c = p[i];
		const char *rep = NULL;
		switch (c) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: break;
		}
		if (rep) {
			rc = vn_buf_append(out, p + run, i - run);
			if (rc == 0)
				rc = vn_buf_puts(out, rep);
			run = ++i;
			continue;
		}
		if (c < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		size_t k = vn_utf8_decode(&cp, p + i, n - i);
		if (cp == 0xFFFD && k == 1) {
			rc = vn_buf_append(out, p + run, i - run);
			if (rc == 0)
				rc = vn_buf_puts(out, "\xEF\xBF\xBD");
			run = ++i;
			continue;
		}
		i += k;
	}
	if (rc == 0)
		rc = vn_buf_append(out, p + run, i - run);
	return rc;
}

int vn_escape_json(vn_buf *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;
	int rc = 0;
	char tmp[8];
	while (i < n && rc == 0) {
		unsigned c = p[i];
		if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
			i++;
			continue;
		}
		if (c < 0x80) {
			rc = vn_buf_append(out, p + run, i - run);
			const char *rep = NULL;
			switch (c) {
			case '"': rep = "\\\""; break;
			case '\\': rep = "\\\\"; break;
			case '\n': rep = "\\n"; break;
			case '\r': rep = "\\r"; break;
			case '\t': rep = "\\t"; break;
			case '\b': rep = "\\b"; break;
			case '\f': rep = "\\f"; break;
			default:
				snprintf(tmp, sizeof tmp, "\\u%04x", c);
				rep = tmp;
			}
			if (rc == 0)
				rc = vn_buf_puts(out, rep);
			run = ++i;
			continue;
		}
		uint32_t cp;
		size_t k = vn_utf8_decode(&cp, p + i, n - i);
		if ((cp == 0xFFFD && k == 1) || cp == 0x2028 || cp == 0x2029) {
			rc = vn_buf_append(out, p + run, i - run);
			if (rc == 0)
				rc = cp == 0xFFFD ? vn_buf_puts(out, "\\ufffd")
						  : vn_buf_printf(out, "\\u%04x", (unsigned)cp);
			i += k;
			run = i;
			continue;
		}
		i += k;
	}
	if (rc == 0)
		rc = vn_buf_append(out, p + run, i - run);
	return rc;
}

int vn_json_string(vn_buf *out, const char *s, size_t n)
{
	int rc = vn_buf_putc(out, '"');
	if (rc == 0)
		rc = vn_escape_json(out, s, n);
	if (rc == 0)
		rc = vn_buf_putc(out, '"');
	return rc;
}

int vn_escape_url(vn_buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.' || c == '~') {
			rc = vn_buf_putc(out, c);
		} else if (c == ' ') {
			rc = vn_buf_putc(out, '+');
		} else {
			char t[3] = { '%', hex[c >> 4], hex[c & 15] };
			rc = vn_buf_append(out, t, 3);
		}
	}
	return rc;
}

/* ---- numbers ------------------------------------------------------------ */

int vn_parse_int(long long *out, const char *s, size_t n, long long min, long long max)
{
	size_t i = 0;
	int neg = 0;
	if (n == 0)
		return VN_EINVAL;
	if (s[0] == '-') {
		neg = 1;
		i = 1;
		if (n == 1)
			return VN_EINVAL;
	}
	unsigned long long v = 0;
	int overflow = 0;
	for (; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return VN_EINVAL;
		if (v > (unsigned long long)LLONG_MAX / 10)
			overflow = 1;
		else
			v = v * 10 + (unsigned)(s[i] - '0');
		if (v > (unsigned long long)LLONG_MAX)
			overflow = 1;
	}
	if (overflow)
		return VN_ERANGE;
	long long r = neg ? -(long long)v : (long long)v;
	if (r < min || r > max)
		return VN_ERANGE;
	*out = r;
	return 0;
}
