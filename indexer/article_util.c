/*
 * article_util.c — small helpers shared by the article parsers: white space
 * as portals write it, file formats by name, the single-article record.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "vn_article_int.h"

size_t vn_article__space_len(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	if (n == 0)
		return 0;
	if (p[0] < 0x80)
		return (p[0] == ' ' || p[0] == '\t' || p[0] == '\n' || p[0] == '\r' ||
			p[0] == '\f' || p[0] == '\v') ? 1 : 0;
	uint32_t cp;
	size_t k = vn_utf8_decode(&cp, p, n);
	if (cp == 0xFFFD && k == 1)
		return 0;
	if (cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F ||
	    cp == 0x3000 || cp == 0xFEFF)
		return k;
	return 0;
}

/* Length of the white space ending at s[n] (a suffix of s[0..n)), or 0. */
static size_t space_len_back(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	size_t start = n > 3 ? n - 3 : 0;
	for (size_t i = start; i < n; i++) {
		size_t k = vn_article__space_len(s + i, n - i);
		if (k && i + k == n)
			return k;
	}
	return 0;
}

void vn_article__trim(const char **s, size_t *n)
{
	const char *p = *s;
	size_t len = *n, k;
	while ((k = vn_article__space_len(p, len)) > 0)
		p += k, len -= k;
	while ((k = space_len_back(p, len)) > 0)
		len -= k;
	*s = p;
	*n = len;
}

size_t vn_article__skip_spaces(const char *s, size_t n, size_t p)
{
	size_t sp;
	while (p < n && (sp = vn_article__space_len(s + p, n - p)) > 0)
		p += sp;
	return p;
}

size_t vn_article__label_at(const char *s, size_t n, const char *label)
{
	size_t k = strlen(label);
	if (n < k)
		return 0;
	const unsigned char *a = (const unsigned char *)s, *b = (const unsigned char *)label;
	size_t skip;
	if (b[0] < 0x80) {
		if ((a[0] | 0x20) != (b[0] | 0x20))
			return 0;
		skip = 1;
	} else if (b[0] == 0xC4 && b[1] == 0x90) {   /* Đ / đ */
		if (a[0] != 0xC4 || (a[1] != 0x90 && a[1] != 0x91))
			return 0;
		skip = 2;
	} else {
		skip = 0;
	}
	if (memcmp(s + skip, label + skip, k - skip) != 0)
		return 0;
	if (k < n && (((unsigned char)s[k] | 0x20) >= 'a' && ((unsigned char)s[k] | 0x20) <= 'z'))
		return 0;
	return k;
}

static int has_suffix(const char *name, size_t len, const char *suf)
{
	size_t k = strlen(suf);
	return len >= k && strcasecmp(name + len - k, suf) == 0;
}

enum vn_article__format vn_article__format_of(const char *name)
{
	if (!name)
		return VN_ARTICLE_FMT_NONE;
	size_t len = strlen(name);
	if (strcmp(name, "-") == 0 || has_suffix(name, len, ".jsonl") ||
	    has_suffix(name, len, ".jsonl.gz") || has_suffix(name, len, ".ndjson"))
		return VN_ARTICLE_FMT_JSONL;
	if (has_suffix(name, len, ".json"))
		return VN_ARTICLE_FMT_JSON;
	if (has_suffix(name, len, ".txt"))
		return VN_ARTICLE_FMT_PAGE;
	if (has_suffix(name, len, ".html") || has_suffix(name, len, ".htm"))
		return VN_ARTICLE_FMT_HTML;
	return VN_ARTICLE_FMT_NONE;
}

void vn_article__doc_free(vn_article__doc *d)
{
	if (!d)
		return;
	free(d->id);
	free(d->title);
	free(d->date);
	free(d->category);
	free(d->site);
	free(d->lang);
	free(d->url);
	free(d->author);
	free(d->summary);
	free(d->body);
	memset(d, 0, sizeof *d);
}
