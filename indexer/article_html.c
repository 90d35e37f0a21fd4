/*
 * article_html.c — portal HTML pages (corpus/README.md, "Portal HTML
 * pages"), parsed with libxml2's error-tolerant HTML parser.
 *
 * Built-in defaults:
 *   site     host of <link rel="canonical">, else of og:url, else the name
 *            of the page's directory when it looks like a host
 *   url      <link rel="canonical">, else og:url
 *   title    og:title; else the page's heading (find_heading) when the
 *            <title> holds it, names only the portal or has fewer words;
 *            else <title> without the parts naming the portal
 *            (" - Cổng thông tin điện tử ..."); else the first h1
 *   body     the first <article>, else <main>, else the element holding the
 *            most paragraph text (text outside links, counted for the block
 *            that holds it: the parent of a <p>, or the block itself)
 *   date     meta article:published_time (and the like), else the first
 *            dd/mm/yyyy date after the title in the page text, preferring
 *            one after a weekday ("Thứ ba, 21/03/2023 08:15"): portal
 *            banners print today's date above the title
 *   author   meta author;  category: meta article:section;
 *   summary  meta description / og:description;  lang: <html lang> ("vi-VN" → "vi")
 *   id       <meta name="vnsearch:id" content="..."> when the page names one
 *
 * Never body text: script, style, noscript, template, nav, header, footer,
 * aside, form, iframe, select, button, svg; elements hidden with
 * display:none; elements whose class or id contains menu, breadcrumb,
 * footer, sidebar, share, comment, related, or the Vietnamese "lien-quan",
 * "tin-khac" (related-news boxes); elements matched by drop, and the title,
 * date and author elements when they lie inside the body.
 *
 * Per-site selector file (html_config): INI-like, UTF-8.
 *   # comment, ; comment (also after a value when preceded by a space)
 *   [default]              overrides the built-in defaults for every site
 *   [site HOST]            pages of this host;  [site *.example.vn] any
 *                          subdomain not listed by itself (longest wins)
 *   title|body|date|author|category|summary|drop = SELECTOR, SELECTOR ...
 * Unknown keys and sections are errors naming the file and line. For each
 * field the site's selectors are tried first, then [default]'s, then the
 * built-in default; the first selector that matches wins; for body every
 * element it matches is taken in document order. drop lists of the site
 * and of [default] both apply.
 * Selectors: tag, .class, #id, tag.class, tag#id, .a.b, and the descendant
 * combinator (space); tag, class and id names compare ASCII
 * case-insensitively.
 */
#define _GNU_SOURCE   /* strcasestr, memmem */
#include <errno.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "vn_article_int.h"
#include "vn_text.h"

#define MAX_SELECTORS 32      /* per key */
#define MAX_COMPOUNDS 16      /* per selector */
#define MAX_CLASSES 8         /* per compound */
#define MAX_CONFIG_BYTES ((size_t)1 << 20)
#define DATE_WEEKDAY_WINDOW 32
#define LOOSE_TEXT_MIN 40       /* visible characters */

/* ---- selectors ----------------------------------------------------------- */

typedef struct compound {
	char *tag;    /* NULL = any */
	char *id;
	char *cls[MAX_CLASSES];
	size_t ncls;
} compound;

typedef struct selector {
	compound part[MAX_COMPOUNDS];   /* ancestor ... element */
	size_t n;
} selector;

typedef struct sel_list {
	selector *v;
	size_t n;
} sel_list;

enum { K_TITLE, K_BODY, K_DATE, K_AUTHOR, K_CATEGORY, K_SUMMARY, K_DROP, K_COUNT };
static const char *const key_names[K_COUNT] = { "title", "body", "date", "author",
						"category", "summary", "drop" };

typedef struct section {
	char *host;      /* NULL: [default]; "*.x" for a wildcard */
	sel_list key[K_COUNT];
} section;

struct vn_article__html_config {
	section *v;
	size_t n;
};

static void sel_list_free(sel_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		for (size_t k = 0; k < l->v[i].n; k++) {
			compound *c = &l->v[i].part[k];
			free(c->tag);
			free(c->id);
			for (size_t j = 0; j < c->ncls; j++)
				free(c->cls[j]);
		}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

void vn_article__html_config_free(vn_article__html_config *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].host);
		for (int k = 0; k < K_COUNT; k++)
			sel_list_free(&c->v[i].key[k]);
	}
	free(c->v);
	free(c);
}

static int name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || (unsigned char)c >= 0x80;
}

static char *dup_n(const char *s, size_t n)
{
	char *p = malloc(n + 1);
	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

/* One compound ("div.a.b#x") from s[0..n). 0, VN_EINVAL, VN_ENOMEM. */
static int parse_compound(compound *c, const char *s, size_t n)
{
	size_t i = 0;
	memset(c, 0, sizeof *c);
	if (i < n && s[i] == '*') {
		i++;
	} else if (i < n && name_char(s[i])) {
		size_t st = i;
		while (i < n && name_char(s[i]))
			i++;
		if (!(c->tag = dup_n(s + st, i - st)))
			return VN_ENOMEM;
	}
	while (i < n) {
		char kind = s[i++];
		size_t st = i;
		while (i < n && name_char(s[i]))
			i++;
		if ((kind != '.' && kind != '#') || i == st)
			return VN_EINVAL;
		char *v = dup_n(s + st, i - st);
		if (!v)
			return VN_ENOMEM;
		if (kind == '#') {
			free(c->id);
			c->id = v;
		} else if (c->ncls < MAX_CLASSES) {
			c->cls[c->ncls++] = v;
		} else {
			free(v);
			return VN_EINVAL;
		}
	}
	return c->tag || c->id || c->ncls || (n == 1 && s[0] == '*') ? 0 : VN_EINVAL;
}

static int is_blank_char(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* "a b, c.d" into l (replacing what it held). 0, VN_EINVAL, VN_ENOMEM. */
static int parse_sel_list(sel_list *l, const char *s, size_t n)
{
	sel_list_free(l);
	size_t i = 0;
	while (i <= n) {
		const char *comma = memchr(s + i, ',', n - i);
		size_t end = comma ? (size_t)(comma - s) : n;
		const char *p = s + i;
		size_t pn = end - i;
		while (pn && is_blank_char(*p))
			p++, pn--;
		while (pn && is_blank_char(p[pn - 1]))
			pn--;
		if (pn == 0 || l->n >= MAX_SELECTORS)
			return VN_EINVAL;
		selector *nv = realloc(l->v, (l->n + 1) * sizeof *nv);
		if (!nv)
			return VN_ENOMEM;
		l->v = nv;
		selector *sel = &l->v[l->n++];
		memset(sel, 0, sizeof *sel);
		size_t k = 0;
		while (k < pn) {
			while (k < pn && is_blank_char(p[k]))
				k++;
			size_t st = k;
			while (k < pn && !is_blank_char(p[k]))
				k++;
			if (k == st)
				break;
			if (sel->n >= MAX_COMPOUNDS)
				return VN_EINVAL;
			int rc = parse_compound(&sel->part[sel->n], p + st, k - st);
			sel->n++;   /* counted even on failure so it is freed */
			if (rc < 0)
				return rc;
		}
		if (!comma)
			break;
		i = end + 1;
	}
	return 0;
}

int vn_article__html_config_parse(vn_article__html_config **out, const char *text, size_t n,
				  const char *name, vn_error *err)
{
	*out = NULL;
	vn_article__html_config *c = calloc(1, sizeof *c);
	if (!c)
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	section *cur = NULL;
	size_t i = 0, lineno = 0;
	int rc = 0;
	if (n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < n && rc == 0) {
		const char *nl = memchr(text + i, '\n', n - i);
		size_t end = nl ? (size_t)(nl - text) : n;
		const char *s = text + i;
		size_t len = end - i;
		i = nl ? end + 1 : n;
		lineno++;
		/* a comment: '#' or ';' first on the line, or after a blank and
		 * followed by a blank or the end (a selector "#id" never is) */
		for (size_t k = 0; k < len; k++) {
			if (s[k] != '#' && s[k] != ';')
				continue;
			int first = 1;
			for (size_t q = 0; q < k && first; q++)
				first = is_blank_char(s[q]);
			if (first || (is_blank_char(s[k - 1]) && (k + 1 == len || is_blank_char(s[k + 1])))) {
				len = k;
				break;
			}
		}
		while (len && is_blank_char(*s))
			s++, len--;
		while (len && is_blank_char(s[len - 1]))
			len--;
		if (len == 0)
			continue;
		if (s[0] == '[') {
			if (s[len - 1] != ']') {
				rc = vn_error_set(err, VN_EINVAL, "%s:%zu: bad section header", name, lineno);
				break;
			}
			const char *h = s + 1;
			size_t hn = len - 2;
			while (hn && is_blank_char(*h))
				h++, hn--;
			while (hn && is_blank_char(h[hn - 1]))
				hn--;
			char *host = NULL;
			if (hn == 7 && strncasecmp(h, "default", 7) == 0) {
				host = NULL;
			} else if (hn > 5 && strncasecmp(h, "site", 4) == 0 && is_blank_char(h[4])) {
				h += 5, hn -= 5;
				while (hn && is_blank_char(*h))
					h++, hn--;
				if (hn == 0 || memchr(h, ' ', hn)) {
					rc = vn_error_set(err, VN_EINVAL, "%s:%zu: bad site name", name, lineno);
					break;
				}
				if (!(host = dup_n(h, hn))) {
					rc = vn_error_set(err, VN_ENOMEM, "out of memory");
					break;
				}
				for (char *q = host; *q; q++)
					if (*q >= 'A' && *q <= 'Z')
						*q = (char)(*q + 32);
			} else {
				rc = vn_error_set(err, VN_EINVAL,
						  "%s:%zu: unknown section (use [default] or [site HOST])",
						  name, lineno);
				break;
			}
			section *nv = realloc(c->v, (c->n + 1) * sizeof *nv);
			if (!nv) {
				free(host);
				rc = vn_error_set(err, VN_ENOMEM, "out of memory");
				break;
			}
			c->v = nv;
			cur = &c->v[c->n++];
			memset(cur, 0, sizeof *cur);
			cur->host = host;
			continue;
		}
		const char *eq = memchr(s, '=', len);
		if (!eq) {
			rc = vn_error_set(err, VN_EINVAL, "%s:%zu: expected key = selectors", name, lineno);
			break;
		}
		size_t kn = (size_t)(eq - s);
		while (kn && is_blank_char(s[kn - 1]))
			kn--;
		int key = -1;
		for (int k = 0; k < K_COUNT; k++)
			if (kn == strlen(key_names[k]) && strncasecmp(s, key_names[k], kn) == 0)
				key = k;
		if (key < 0) {
			rc = vn_error_set(err, VN_EINVAL, "%s:%zu: unknown key \"%.*s\"", name, lineno,
					  (int)(kn > 40 ? 40 : kn), s);
			break;
		}
		if (!cur) {
			/* keys before any section belong to [default] */
			section *nv = realloc(c->v, (c->n + 1) * sizeof *nv);
			if (!nv) {
				rc = vn_error_set(err, VN_ENOMEM, "out of memory");
				break;
			}
			c->v = nv;
			cur = &c->v[c->n++];
			memset(cur, 0, sizeof *cur);
		}
		const char *v = eq + 1;
		size_t vn = len - (size_t)(v - s);
		int prc = parse_sel_list(&cur->key[key], v, vn);
		if (prc == VN_ENOMEM)
			rc = vn_error_set(err, VN_ENOMEM, "out of memory");
		else if (prc < 0)
			rc = vn_error_set(err, VN_EINVAL, "%s:%zu: bad selector in \"%.*s\"", name, lineno,
					  (int)(vn > 80 ? 80 : vn), v);
	}
	if (rc < 0) {
		vn_article__html_config_free(c);
		return rc;
	}
	*out = c;
	return 0;
}

int vn_article__html_config_load(vn_article__html_config **out, const char *path, vn_error *err)
{
	*out = NULL;
	FILE *f = fopen(path, "rb");
	if (!f)
		return vn_error_set(err, VN_EIO, "%s: cannot read: %s", path, strerror(errno));
	char *buf = malloc(MAX_CONFIG_BYTES + 1);
	if (!buf) {
		fclose(f);
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	}
	size_t n = fread(buf, 1, MAX_CONFIG_BYTES + 1, f);
	int bad = ferror(f);
	fclose(f);
	int rc;
	if (bad)
		rc = vn_error_set(err, VN_EIO, "%s: read error", path);
	else if (n > MAX_CONFIG_BYTES)
		rc = vn_error_set(err, VN_EINVAL, "%s: larger than %zu bytes", path, MAX_CONFIG_BYTES);
	else
		rc = vn_article__html_config_parse(out, buf, n, path, err);
	free(buf);
	return rc;
}

/* ---- matching ------------------------------------------------------------ */

static int is_elem(const xmlNode *n)
{
	return n && n->type == XML_ELEMENT_NODE;
}

static const char *attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (a->name && strcasecmp((const char *)a->name, name) == 0 && a->children &&
		    a->children->type == XML_TEXT_NODE && a->children->content)
			return (const char *)a->children->content;
	return NULL;
}

static int has_class(const xmlNode *n, const char *cls)
{
	const char *c = attr(n, "class");
	if (!c)
		return 0;
	size_t k = strlen(cls);
	while (*c) {
		while (*c && is_blank_char(*c))
			c++;
		const char *st = c;
		while (*c && !is_blank_char(*c))
			c++;
		if ((size_t)(c - st) == k && strncasecmp(st, cls, k) == 0)
			return 1;
	}
	return 0;
}

static int match_compound(const compound *c, const xmlNode *n)
{
	if (!is_elem(n))
		return 0;
	if (c->tag && strcasecmp((const char *)n->name, c->tag) != 0)
		return 0;
	if (c->id) {
		const char *id = attr(n, "id");
		if (!id || strcasecmp(id, c->id) != 0)
			return 0;
	}
	for (size_t i = 0; i < c->ncls; i++)
		if (!has_class(n, c->cls[i]))
			return 0;
	return 1;
}

static int match_selector(const selector *s, const xmlNode *n)
{
	if (s->n == 0 || !match_compound(&s->part[s->n - 1], n))
		return 0;
	/* descendant combinators only: matching each compound at the nearest
	 * ancestor that fits never loses a match */
	const xmlNode *a = n->parent;
	for (size_t k = s->n - 1; k-- > 0;) {
		while (a && !match_compound(&s->part[k], a))
			a = a->parent;
		if (!a)
			return 0;
		a = a->parent;
	}
	return 1;
}

/* Next node in document order inside root; skip_kids skips n's subtree. */
static xmlNode *next_node(xmlNode *n, const xmlNode *root, int skip_kids)
{
	if (!skip_kids && n->children)
		return n->children;
	while (n && n != root) {
		if (n->next)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

/* Elements matching sel under root in document order (at most max). */
static size_t find_all(const selector *sel, xmlNode *root, xmlNode **out, size_t max)
{
	size_t k = 0;
	for (xmlNode *n = root; n && k < max; n = next_node(n, root, 0))
		if (match_selector(sel, n))
			out[k++] = n;
	return k;
}

static xmlNode *find_first(const selector *sel, xmlNode *root)
{
	xmlNode *n = NULL;
	return find_all(sel, root, &n, 1) ? n : NULL;
}

/* ---- junk ---------------------------------------------------------------- */

static const char *const junk_tags[] = { "script", "style", "noscript", "template", "nav",
					 "header", "footer", "aside", "form", "iframe",
					 "select", "button", "svg", "head", "title", "object",
					 "embed", "canvas" };
static const char *const junk_words[] = { "menu", "breadcrumb", "footer", "sidebar", "share",
					  "comment", "related", "lien-quan", "tin-khac" };

enum junk_level {
	JUNK_NONE = 0,
	JUNK_CODE = 1,   /* script, style...: never text */
	JUNK_PAGE = 2    /* page furniture: not article text */
};

static int junk_of(const xmlNode *n)
{
	const char *name = (const char *)n->name;
	if (!strcasecmp(name, "script") || !strcasecmp(name, "style") || !strcasecmp(name, "noscript") ||
	    !strcasecmp(name, "template") || !strcasecmp(name, "head") || !strcasecmp(name, "svg"))
		return JUNK_CODE;
	for (size_t i = 0; i < sizeof junk_tags / sizeof junk_tags[0]; i++)
		if (!strcasecmp(name, junk_tags[i]))
			return JUNK_PAGE;
	const char *style = attr(n, "style");
	if (style) {
		const char *d = strcasestr(style, "display");
		if (d) {
			d += 7;
			while (*d == ' ' || *d == ':')
				d++;
			if (!strncasecmp(d, "none", 4))
				return JUNK_PAGE;
		}
	}
	if (attr(n, "hidden"))
		return JUNK_PAGE;
	const char *vals[2] = { attr(n, "class"), attr(n, "id") };
	for (int v = 0; v < 2; v++) {
		if (!vals[v])
			continue;
		for (size_t i = 0; i < sizeof junk_words / sizeof junk_words[0]; i++)
			if (strcasestr(vals[v], junk_words[i]))
				return JUNK_PAGE;
	}
	return JUNK_NONE;
}

/* ---- text ---------------------------------------------------------------- */

static const char *const block_tags[] = {
	"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
	"section", "article", "main", "blockquote", "pre", "dd", "dt", "dl", "figure",
	"figcaption", "address", "hr", "body", "center", "caption", "tbody", "thead", "tfoot"
};

static int is_block(const xmlNode *n)
{
	for (size_t i = 0; i < sizeof block_tags / sizeof block_tags[0]; i++)
		if (!strcasecmp((const char *)n->name, block_tags[i]))
			return 1;
	return 0;
}

typedef struct text_out {
	vn_buf out;
	vn_buf para;
	int pending_space;
	int one_line;          /* paragraphs joined by ' ' instead of '\n' */
	int skip_level;        /* skip elements of at least this junk level (0: none) */
	int keep_header;       /* <header> is not skipped (dates sit in article headers) */
	const xmlNode *anchor; /* records where it starts in out */
	size_t anchor_off;
	int anchor_seen;
	int rc;
} text_out;

static void put_text(text_out *t, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && t->rc == 0) {
		size_t k = vn_article__space_len(s + i, n - i);
		if (k) {
			if (t->para.len)
				t->pending_space = 1;
			i += k;
			continue;
		}
		size_t run = i + 1;
		while (run < n && (unsigned char)s[run] >= 0x21 && (unsigned char)s[run] < 0x80)
			run++;
		if (t->pending_space) {
			t->rc = vn_buf_putc(&t->para, ' ');
			t->pending_space = 0;
		}
		if (t->rc == 0)
			t->rc = vn_buf_append(&t->para, s + i, run - i);
		i = run;
	}
}

static void para_break(text_out *t)
{
	t->pending_space = 0;
	if (t->para.len == 0 || t->rc)
		return;
	if (t->out.len)
		t->rc = vn_buf_putc(&t->out, t->one_line ? ' ' : '\n');
	if (t->rc == 0)
		t->rc = vn_buf_append(&t->out, t->para.data, t->para.len);
	vn_buf_clear(&t->para);
}

static int skipped(const text_out *t, const xmlNode *n)
{
	if (n->_private)
		return 1;   /* marked: drop, or a title/date/author element inside the body */
	if (!t->skip_level)
		return junk_of(n) == JUNK_CODE;
	int j = junk_of(n);
	if (j && t->keep_header && !strcasecmp((const char *)n->name, "header"))
		return 0;
	return j && j >= t->skip_level;
}

/* Appends the text of root's subtree. */
static void render(text_out *t, xmlNode *root)
{
	xmlNode *n = root->children;
	if (is_elem(root) && is_block(root))
		para_break(t);
	while (n && t->rc == 0) {
		int descend = 0;
		if (n == t->anchor && !t->anchor_seen) {
			para_break(t);
			t->anchor_off = t->out.len;
			t->anchor_seen = 1;
		}
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content)
				put_text(t, (const char *)n->content, strlen((const char *)n->content));
		} else if (is_elem(n) && !skipped(t, n)) {
			if (!strcasecmp((const char *)n->name, "td") || !strcasecmp((const char *)n->name, "th")) {
				if (t->para.len)
					t->pending_space = 1;
			} else if (is_block(n)) {
				para_break(t);
			}
			descend = n->children != NULL;
		}
		if (descend) {
			n = n->children;
			continue;
		}
		for (;;) {
			if (n->next) {
				n = n->next;
				break;
			}
			n = n->parent;
			if (!n || n == root) {
				n = NULL;
				break;
			}
			if (is_block(n))
				para_break(t);
		}
	}
	if (is_elem(root) && is_block(root))
		para_break(t);
}

static void text_free(text_out *t)
{
	vn_buf_free(&t->out);
	vn_buf_free(&t->para);
}

/* The element's text on one line (title, date, author...), malloc'd; NULL
 * when empty or on ENOMEM (*rc). */
static char *one_line_text(xmlNode *n, int *rc)
{
	text_out t;
	memset(&t, 0, sizeof t);
	t.one_line = 1;
	render(&t, n);
	para_break(&t);
	char *s = NULL;
	if (t.rc == 0 && t.out.len)
		s = vn_buf_detach(&t.out, NULL);
	if (t.rc || (t.out.len && !s))
		*rc = VN_ENOMEM;
	text_free(&t);
	return s;
}

static char *trimmed_dup(const char *s, int *rc)
{
	if (!s)
		return NULL;
	size_t n = strlen(s);
	text_out t;
	memset(&t, 0, sizeof t);
	put_text(&t, s, n);   /* collapses white space */
	char *r = NULL;
	if (t.rc == 0 && t.para.len && !(r = vn_buf_detach(&t.para, NULL)))
		t.rc = VN_ENOMEM;
	if (t.rc)
		*rc = VN_ENOMEM;
	text_free(&t);
	return r;
}

/* ---- page facts ---------------------------------------------------------- */

typedef struct facts {
	const char *og_title, *og_url, *canonical, *published, *vn_id, *lang, *meta_author,
		*section, *description;
	xmlNode *title_el, *first_h1, *first_article, *first_main, *body_el;
	xmlNode *sapo_el;   /* the lead paragraph's element ("sapo", "summary", "lead") */
} facts;

/* The lead paragraph (sapo) that many portals print apart from the body. */
static int sapo_class(const xmlNode *n)
{
	const char *vals[2] = { attr(n, "class"), attr(n, "id") };
	for (int v = 0; v < 2; v++)
		if (vals[v] && (strcasestr(vals[v], "sapo") || strcasestr(vals[v], "tomtat") ||
				strcasestr(vals[v], "tom-tat") || strcasestr(vals[v], "summary")))
			return 1;
	return has_class(n, "lead");
}

/* In a menu, a list of other news (li, a) or other furniture: a "summary"
 * there belongs to another article. */
static int in_page_furniture(const xmlNode *n)
{
	for (const xmlNode *a = n; a && a->type == XML_ELEMENT_NODE; a = a->parent)
		if (junk_of(a) || !strcasecmp((const char *)a->name, "li") ||
		    !strcasecmp((const char *)a->name, "a"))
			return 1;
	return 0;
}

static void collect_facts(facts *f, xmlNode *root)
{
	memset(f, 0, sizeof *f);
	for (xmlNode *n = root; n; n = next_node(n, root, 0)) {
		if (!is_elem(n))
			continue;
		const char *name = (const char *)n->name;
		if (!strcasecmp(name, "html")) {
			if (!f->lang)
				f->lang = attr(n, "lang");
		} else if (!strcasecmp(name, "meta")) {
			const char *p = attr(n, "property"), *nm = attr(n, "name"), *ip = attr(n, "itemprop");
			const char *c = attr(n, "content");
			const char *key = p ? p : nm ? nm : ip;
			if (!key || !c)
				continue;
			if (!strcasecmp(key, "og:title") && !f->og_title)
				f->og_title = c;
			else if (!strcasecmp(key, "og:url") && !f->og_url)
				f->og_url = c;
			else if ((!strcasecmp(key, "article:published_time") ||
				  !strcasecmp(key, "og:published_time") || !strcasecmp(key, "datePublished") ||
				  !strcasecmp(key, "pubdate") || !strcasecmp(key, "publishdate")) &&
				 !f->published)
				f->published = c;
			else if (!strcasecmp(key, "vnsearch:id") && !f->vn_id)
				f->vn_id = c;
			else if (!strcasecmp(key, "author") && !f->meta_author)
				f->meta_author = c;
			else if (!strcasecmp(key, "article:section") && !f->section)
				f->section = c;
			else if ((!strcasecmp(key, "description") || !strcasecmp(key, "og:description")) &&
				 !f->description)
				f->description = c;
		} else if (!strcasecmp(name, "link")) {
			const char *rel = attr(n, "rel");
			if (rel && !strcasecmp(rel, "canonical") && !f->canonical)
				f->canonical = attr(n, "href");
		} else if (!strcasecmp(name, "title")) {
			if (!f->title_el)
				f->title_el = n;
		} else if (!strcasecmp(name, "h1")) {
			if (!f->first_h1)
				f->first_h1 = n;
		} else if (!strcasecmp(name, "article")) {
			if (!f->first_article)
				f->first_article = n;
		} else if (!strcasecmp(name, "main")) {
			if (!f->first_main)
				f->first_main = n;
		} else if (!strcasecmp(name, "body")) {
			if (!f->body_el)
				f->body_el = n;
		} else if (!f->sapo_el && n->children && strcasecmp(name, "meta") && sapo_class(n) &&
			   !in_page_furniture(n)) {
			f->sapo_el = n;
		}
	}
}

/* Host of an absolute URL, lower-cased, malloc'd; NULL when none. */
static char *host_of(const char *url)
{
	if (!url)
		return NULL;
	const char *p = strstr(url, "://");
	if (!p)
		return NULL;
	p += 3;
	size_t n = strcspn(p, "/?#");
	const char *at = memchr(p, '@', n);
	if (at) {
		n -= (size_t)(at + 1 - p);
		p = at + 1;
	}
	const char *colon = memchr(p, ':', n);
	if (colon)
		n = (size_t)(colon - p);
	if (n == 0)
		return NULL;
	char *h = dup_n(p, n);
	if (h)
		for (char *q = h; *q; q++)
			if (*q >= 'A' && *q <= 'Z')
				*q = (char)(*q + 32);
	return h;
}

static int looks_like_host(const char *s)
{
	if (!s || !strchr(s, '.') || s[0] == '.')
		return 0;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '.' || *p == '-'))
			return 0;
	return 1;
}

static const section *find_section(const vn_article__html_config *cfg, const char *host, int deflt)
{
	if (!cfg)
		return NULL;
	const section *best = NULL;
	size_t best_len = 0;
	for (size_t i = 0; i < cfg->n; i++) {
		const section *s = &cfg->v[i];
		if (deflt) {
			if (!s->host)
				best = s;   /* the last [default] wins, like a repeated key */
			continue;
		}
		if (!s->host || !host)
			continue;
		if (!strcasecmp(s->host, host))
			return s;
		if (s->host[0] == '*' && s->host[1] == '.') {
			size_t sl = strlen(s->host + 1), hl = strlen(host);
			if (hl > sl && !strcasecmp(host + hl - sl, s->host + 1) && sl > best_len) {
				best = s;
				best_len = sl;
			}
		}
	}
	return best;
}

/* First element matched by the first selector of list that matches. */
static xmlNode *first_match(const sel_list *l, xmlNode *root)
{
	for (size_t i = 0; i < l->n; i++) {
		xmlNode *n = find_first(&l->v[i], root);
		if (n)
			return n;
	}
	return NULL;
}

/* The field's element: site section, then [default]. */
static xmlNode *field_element(const section *site, const section *deflt, int key, xmlNode *root)
{
	xmlNode *n = NULL;
	if (site)
		n = first_match(&site->key[key], root);
	if (!n && deflt)
		n = first_match(&deflt->key[key], root);
	return n;
}

/* Words in s (runs of non-spaces). */
static size_t word_count(const char *s)
{
	size_t n = 0;
	for (int in = 0; s && *s; s++) {
		int sp = *s == ' ' || *s == '\t' || *s == '\n';
		n += !sp && !in;
		in = !sp;
	}
	return n;
}

/* The part of a <title> that names the portal ("Cổng thông tin điện tử",
 * "Trang TTĐT", "Portal"): portals put it before or after the article's
 * title, or make it the whole <title>. */
static int portal_words(const char *s, size_t n)
{
	static const char *const words[] = { "Cổng thông tin", "cổng thông tin", "CỔNG THÔNG TIN",
					     "Trang thông tin", "trang thông tin", "TRANG THÔNG TIN",
					     "TTĐT", "Portal", "portal", "PORTAL", "Website", "website",
					     "WEBSITE" };
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (memmem(s, n, words[i], strlen(words[i])))
			return 1;
	return 0;
}

/* The <title> without the parts that name the portal, cut at " - ", " | ",
 * " – ", " — ": the longest other part, or "" when every part names it. */
static void strip_portal_parts(char *t)
{
	static const char *const seps[] = { " - ", " | ", " \xE2\x80\x93 ", " \xE2\x80\x94 " };
	size_t n = strlen(t), best_s = 0, best_n = 0, start = 0;
	int cut = 0;
	for (size_t i = 0; i <= n; i++) {
		size_t sl = 0;
		for (size_t k = 0; k < sizeof seps / sizeof seps[0] && i < n && !sl; k++)
			if (!strncmp(t + i, seps[k], strlen(seps[k])))
				sl = strlen(seps[k]);
		if (!sl && i < n)
			continue;
		cut |= sl != 0;
		if (!portal_words(t + start, i - start) && i - start > best_n) {
			best_s = start;
			best_n = i - start;
		}
		if (sl) {
			i += sl - 1;
			start = i + 1;
		}
	}
	if (!cut && best_n == n)
		return;
	memmove(t, t + best_s, best_n);
	t[best_n] = '\0';
}

typedef struct heading {
	xmlNode *el;
	char *text;
	int rank; /* 1 h1, 2 an element whose class or id says title, 3 h2 */
} heading;

static int title_class(const xmlNode *n)
{
	const char *vals[2] = { attr(n, "class"), attr(n, "id") };
	for (int v = 0; v < 2; v++)
		if (vals[v] && (strcasestr(vals[v], "title") || strcasestr(vals[v], "tieu-de") ||
				strcasestr(vals[v], "tieude")))
			return 1;
	return 0;
}

/* Bytes of text in n's subtree outside links: a heading made of a link is
 * a logo ("<h1><a href="/">UBND PHƯỜNG TÂN AN</a></h1>") or another
 * article's title. */
static size_t text_outside_links(const xmlNode *n)
{
	size_t len = 0;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE && c->content) {
			for (const xmlChar *p = c->content; *p; p++)
				len += *p > ' ';
		} else if (is_elem(c) && strcasecmp((const char *)c->name, "a")) {
			len += text_outside_links(c);
		}
	}
	return len;
}

static int logo_class(const xmlNode *n)
{
	static const char *const words[] = { "logo", "brand", "site-name", "sitename", "banner" };
	const char *vals[2] = { attr(n, "class"), attr(n, "id") };
	for (int v = 0; v < 2; v++)
		for (size_t i = 0; vals[v] && i < sizeof words / sizeof words[0]; i++)
			if (strcasestr(vals[v], words[i]))
				return 1;
	return 0;
}

/* The article's heading: the first h1, else the first element whose class
 * or id says title, else the first h2, of 3 to 40 words, outside
 * page furniture, logos and links (a logo's h1 sits in <header> or is a
 * link home, other news' titles are links or in related boxes). */
static int find_heading(xmlNode *root, heading *h, int *rc)
{
	memset(h, 0, sizeof *h);
	for (xmlNode *n = root; n && *rc == 0;) {
		if (!is_elem(n) || n == root) {
			n = next_node(n, root, 0);
			continue;
		}
		const char *name = (const char *)n->name;
		if (junk_of(n) || !strcasecmp(name, "a") || logo_class(n)) {
			n = next_node(n, root, 1);
			continue;
		}
		int rank = !strcasecmp(name, "h1") ? 1 :
			   title_class(n) && strcasecmp(name, "body") && strcasecmp(name, "html") ? 2 :
			   !strcasecmp(name, "h2") ? 3 : 0;
		if (rank && (!h->el || rank < h->rank) && text_outside_links(n) > 0) {
			char *t = one_line_text(n, rc);
			size_t words = t ? word_count(t) : 0;
			if (words >= 3 && words <= 40) {   /* not a box holding the article */
				free(h->text);
				h->el = n;
				h->text = t;
				h->rank = rank;
				if (rank == 1)
					break;
			} else {
				free(t);
			}
		}
		n = next_node(n, root, rank != 0);
	}
	return *rc;
}

/* Density: where most paragraph text sits. Text inside links does not
 * count (menus, lists of other news). Scores live in an open-addressing
 * table keyed by node address, so pages with many blocks stay linear. */
typedef struct score {
	xmlNode *n;
	size_t s;
} score;

typedef struct scores {
	score *v;
	size_t cap, n;   /* cap is a power of two */
} scores;

static size_t slot_of(const xmlNode *n, size_t cap)
{
	uint64_t h = (uint64_t)(uintptr_t)n * UINT64_C(0x9E3779B97F4A7C15);
	return (size_t)(h >> 20) & (cap - 1);
}

static int add_score(scores *t, xmlNode *el, size_t s)
{
	if ((t->n + 1) * 2 > t->cap) {
		size_t nc = t->cap ? t->cap * 2 : 256;
		score *nv = calloc(nc, sizeof *nv);
		if (!nv)
			return VN_ENOMEM;
		for (size_t i = 0; i < t->cap; i++)
			if (t->v[i].n) {
				size_t k = slot_of(t->v[i].n, nc);
				while (nv[k].n)
					k = (k + 1) & (nc - 1);
				nv[k] = t->v[i];
			}
		free(t->v);
		t->v = nv;
		t->cap = nc;
	}
	size_t k = slot_of(el, t->cap);
	while (t->v[k].n && t->v[k].n != el)
		k = (k + 1) & (t->cap - 1);
	if (!t->v[k].n) {
		t->v[k].n = el;
		t->n++;
	}
	t->v[k].s += s;
	return 0;
}

static size_t visible_len(const char *s)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p > ' ' && (*p & 0xC0) != 0x80)
			n++;
	return n;
}

static int densest(xmlNode *root, xmlNode **out)
{
	scores t = { NULL, 0, 0 };
	int rc = 0;
	*out = NULL;
	xmlNode *x = root;
	while (x && rc == 0) {
		int skip = 0;
		if (is_elem(x) && x != root && (junk_of(x) || x->_private ||
						!strcasecmp((const char *)x->name, "a")))
			skip = 1;
		if (x->type == XML_TEXT_NODE && x->content) {
			size_t len = visible_len((const char *)x->content);
			xmlNode *blk = x->parent;
			while (blk && blk != root && is_elem(blk) && !is_block(blk))
				blk = blk->parent;
			const char *bn = blk && is_elem(blk) ? (const char *)blk->name : "";
			int para = !strcasecmp(bn, "p") || !strcasecmp(bn, "li") || !strcasecmp(bn, "pre") ||
				   !strcasecmp(bn, "blockquote");
			int heading = bn[0] == 'h' && bn[1] >= '1' && bn[1] <= '6';
			/* paragraph text counts for the paragraph's container; loose
			 * text only in long runs (short runs are dates, labels) */
			if (heading || (!para && len < LOOSE_TEXT_MIN))
				len = 0;
			if (len && blk && is_elem(blk)) {
				xmlNode *holder = blk;
				if (para && blk != root && blk->parent && is_elem(blk->parent))
					holder = blk->parent;
				rc = add_score(&t, holder, len);
				if (rc == 0 && holder != root && holder->parent && is_elem(holder->parent))
					rc = add_score(&t, holder->parent, len / 2);
			}
		}
		x = next_node(x, root, skip);
	}
	/* ties go to the element first in document order, so runs are
	 * deterministic whatever the addresses */
	size_t best = 0;
	for (xmlNode *x2 = root; x2 && rc == 0 && t.cap; x2 = next_node(x2, root, 0)) {
		if (!is_elem(x2))
			continue;
		size_t k = slot_of(x2, t.cap);
		while (t.v[k].n && t.v[k].n != x2)
			k = (k + 1) & (t.cap - 1);
		if (t.v[k].n == x2 && t.v[k].s > best) {
			best = t.v[k].s;
			*out = x2;
		}
	}
	free(t.v);
	return rc;
}

/* The first date in s, preferring one written after a weekday. */
static int date_in_text(char out[11], const char *s, size_t n)
{
	static const char *const weekdays[] = { "Thứ ", "Chủ nhật", "Chủ Nhật", "CN," };
	const char *first_wd = NULL;
	for (size_t i = 0; i < sizeof weekdays / sizeof weekdays[0]; i++) {
		const char *p = s;
		size_t left = n;
		const char *hit;
		while ((hit = memmem(p, left, weekdays[i], strlen(weekdays[i]))) != NULL) {
			size_t off = (size_t)(hit - s);
			size_t win = n - off < DATE_WEEKDAY_WINDOW ? n - off : DATE_WEEKDAY_WINDOW;
			char d[11];
			if (vn_article__find_date(d, hit, win) == 0) {
				if (!first_wd || hit < first_wd) {
					first_wd = hit;
					memcpy(out, d, 11);
				}
				break;
			}
			p = hit + 1;
			left = n - (size_t)(p - s);
		}
	}
	if (first_wd)
		return 0;
	return vn_article__find_date(out, s, n);
}

static void mark_all(const sel_list *l, xmlNode *root)
{
	for (size_t i = 0; i < l->n; i++)
		for (xmlNode *n = root; n; n = next_node(n, root, 0))
			if (match_selector(&l->v[i], n))
				n->_private = (void *)1;
}

static int store(char **dst, char *s, int *rc)
{
	if (s) {
		free(*dst);
		*dst = s;
	}
	return *rc;
}

/* ---- HTML inside other inputs ---------------------------------------------- */

/* Tags of HTML's text vocabulary: what a CMS leaves in a body it exports
 * ("<p>", "<br/>", "</strong>"). A "<" before anything else ("x < 5",
 * "<<Luật>>") is text. */
static int html_tag_at(const char *s, size_t n)
{
	static const char *const tags[] = { "p", "br", "div", "span", "strong", "b", "em", "i", "u", "a",
					    "img", "table", "tbody", "thead", "tr", "td", "th", "ul",
					    "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "figure",
					    "figcaption", "iframe", "script", "style", "font", "center",
					    "blockquote", "sup", "sub", "hr", "section", "article" };
	size_t i = 1;
	if (i < n && s[i] == '/')
		i++;
	size_t k = i;
	while (k < n && ((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z'))
		k++;
	while (k < n && k == i + 1 && s[k] >= '1' && s[k] <= '6')
		k++;
	if (k == i || k >= n || !(s[k] == '>' || s[k] == ' ' || s[k] == '/' || s[k] == '\t' || s[k] == '\n'))
		return 0;
	for (size_t t = 0; t < sizeof tags / sizeof tags[0]; t++)
		if (strlen(tags[t]) == k - i && !strncasecmp(s + i, tags[t], k - i))
			return 1;
	return 0;
}

int vn_article__looks_like_html(const char *s, size_t n)
{
	for (const char *p = s; p && (p = memchr(p, '<', n - (size_t)(p - s))) != NULL; p++)
		if (html_tag_at(p, n - (size_t)(p - s)))
			return 1;
	/* entities alone: "&nbsp;", "&quot;", "&#7879;" */
	for (const char *p = s; p && (p = memchr(p, '&', n - (size_t)(p - s))) != NULL; p++) {
		size_t left = n - (size_t)(p - s), k = 1;
		if (k < left && p[k] == '#')
			k++;
		size_t start = k;
		while (k < left && k < 10 && (((p[k] | 0x20) >= 'a' && (p[k] | 0x20) <= 'z') || (p[k] >= '0' && p[k] <= '9')))
			k++;
		if (k > start && k < left && p[k] == ';')
			return 1;
	}
	return 0;
}

int vn_article__html_text(const char *s, size_t n, int one_line, char **out, size_t *out_n)
{
	*out = NULL;
	*out_n = 0;
	if (n > INT_MAX)
		return VN_EINVAL;
	/* a fragment: the parser wraps it in html/body itself */
	htmlDocPtr doc = htmlReadMemory(s, (int)n, NULL, "UTF-8",
					HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
						HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED);
	if (!doc)
		return VN_EINVAL;
	text_out t;
	memset(&t, 0, sizeof t);
	t.one_line = one_line;
	t.skip_level = JUNK_CODE; /* the fragment is the article: only code is not text */
	for (xmlNode *c = doc->children; c && t.rc == 0; c = c->next) {
		if (is_elem(c) && skipped(&t, c))
			continue;
		if (is_elem(c)) {
			render(&t, c);
			para_break(&t);
		} else if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
			put_text(&t, (const char *)c->content, strlen((const char *)c->content));
		}
	}
	para_break(&t);
	xmlFreeDoc(doc);
	int rc = t.rc ? VN_ENOMEM : 0;
	if (rc == 0 && t.out.len) {
		*out = vn_buf_detach(&t.out, out_n);
		if (!*out)
			rc = VN_ENOMEM;
	}
	text_free(&t);
	return rc;
}

/* The date, by-line or view counter that an article element holds above
 * or below its text ("Đăng ngày 20/02/2024 bởi Admin") is not body. */
static void drop_meta_paragraphs(vn_buf *b)
{
	for (int k = 0; k < 3 && b->len; k++) {
		const char *nl = memchr(b->data, '\n', b->len);
		size_t n = nl ? (size_t)(nl - b->data) : b->len;
		if (!nl || !vn_article__meta_line(b->data, n))
			break;
		memmove(b->data, nl + 1, b->len - n - 1);
		b->len -= n + 1;
		b->data[b->len] = '\0';
	}
	while (b->len && b->data[b->len - 1] == '\n')
		b->data[--b->len] = '\0';
	const char *last = b->data ? memrchr(b->data, '\n', b->len) : NULL;
	if (last && vn_article__meta_line(last + 1, b->len - (size_t)(last + 1 - b->data))) {
		b->len = (size_t)(last - b->data);
		b->data[b->len] = '\0';
	}
}

int vn_article__parse_html(vn_article__doc *d, const char *buf, size_t n,
			   const vn_article__html_config *cfg, const char *dir_name, vn_error *err)
{
	memset(d, 0, sizeof *d);
	if (n > INT_MAX)
		return vn_error_set(err, VN_EINVAL, "page too large for the HTML parser");
	/* pages that do not declare a charset are read as UTF-8 (libxml2 would
	 * assume Latin-1) */
	size_t head = n < 4096 ? n : 4096;
	const char *enc = memmem(buf, head, "charset", 7) || memmem(buf, head, "CHARSET", 7) ||
				  memmem(buf, head, "Charset", 7) ? NULL : "UTF-8";
	/* an undeclared page that is not UTF-8 predates Unicode (TCVN3, VNI,
	 * Windows-1258): read it in its code page rather than as garbage */
	vn_buf legacy = VN_BUF_INIT;
	int charset = VN_BYTES_UTF8;
	if (enc && !vn_utf8_valid(buf, n)) {
		if (vn_text_decode_bytes(buf, n, &legacy, &charset) < 0) {
			vn_buf_free(&legacy);
			return vn_error_set(err, VN_ENOMEM, "out of memory");
		}
		if (legacy.len > INT_MAX) {
			vn_buf_free(&legacy);
			return vn_error_set(err, VN_EINVAL, "page too large for the HTML parser");
		}
		buf = legacy.data ? legacy.data : "";
		n = legacy.len;
	}
	htmlDocPtr doc = htmlReadMemory(buf, (int)n, NULL, enc,
					HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
						HTML_PARSE_NONET);
	vn_buf_free(&legacy);
	if (doc && (charset == VN_BYTES_CP1252 || charset == VN_BYTES_CP1258))
		vn_article__warn(d->warning, "%s",
				 charset == VN_BYTES_CP1258 ? "not UTF-8: read as Windows-1258" :
							      "not UTF-8: read as a legacy Vietnamese encoding");
	if (!doc)
		return vn_error_set(err, VN_EINVAL, "not an HTML page");
	xmlNode *root = xmlDocGetRootElement(doc);
	if (!root) {
		xmlFreeDoc(doc);
		return vn_error_set(err, VN_EINVAL, "no title (empty page)");
	}
	facts f;
	collect_facts(&f, root);
	int rc = 0;

	/* site, url: the page's own address, else its directory's name */
	const char *addr = f.canonical ? f.canonical : f.og_url;
	if (addr)
		store(&d->url, trimmed_dup(addr, &rc), &rc);
	char *host = host_of(f.canonical);
	if (!host)
		host = host_of(f.og_url);
	if (!host && looks_like_host(dir_name)) {
		host = strdup(dir_name);
		for (char *q = host; q && *q; q++)
			if (*q >= 'A' && *q <= 'Z')
				*q = (char)(*q + 32);
	}
	d->site = host;
	const section *site = find_section(cfg, host, 0);
	const section *deflt = find_section(cfg, NULL, 1);

	xmlNode *scope = f.body_el ? f.body_el : root;

	/* title */
	xmlNode *title_el = field_element(site, deflt, K_TITLE, scope);
	if (title_el)
		store(&d->title, one_line_text(title_el, &rc), &rc);
	if (!d->title && f.og_title)
		store(&d->title, trimmed_dup(f.og_title, &rc), &rc);
	if (!d->title) {
		/* the page's heading when the <title> holds it with the portal's
		 * name around it, names only the portal, or is shorter than it
		 * (cut); the <title> when the heading is likelier a logo */
		heading h;
		char *tt = f.title_el ? one_line_text(f.title_el, &rc) : NULL;
		if (tt)
			strip_portal_parts(tt);
		if (find_heading(f.body_el ? f.body_el : root, &h, &rc) == 0 && h.el &&
		    (!tt || !*tt || strstr(tt, h.text) || word_count(h.text) > word_count(tt) ||
		     (h.rank == 1 && strstr(h.text, tt)))) {
			title_el = h.el;
			store(&d->title, h.text, &rc);
			h.text = NULL;
		}
		if (!d->title && tt && *tt) {
			store(&d->title, tt, &rc);
			tt = NULL;
		}
		free(tt);
		free(h.text);
	}
	if (!d->title && f.first_h1) {
		title_el = f.first_h1;
		store(&d->title, one_line_text(f.first_h1, &rc), &rc);
	}

	/* author, category, summary */
	xmlNode *author_el = field_element(site, deflt, K_AUTHOR, scope);
	if (author_el)
		store(&d->author, one_line_text(author_el, &rc), &rc);
	if (!d->author && f.meta_author)
		store(&d->author, trimmed_dup(f.meta_author, &rc), &rc);
	xmlNode *cat_el = field_element(site, deflt, K_CATEGORY, scope);
	if (cat_el)
		store(&d->category, one_line_text(cat_el, &rc), &rc);
	if (!d->category && f.section)
		store(&d->category, trimmed_dup(f.section, &rc), &rc);
	xmlNode *sum_el = field_element(site, deflt, K_SUMMARY, scope);
	if (sum_el)
		store(&d->summary, one_line_text(sum_el, &rc), &rc);
	if (!d->summary && f.sapo_el) {
		store(&d->summary, one_line_text(f.sapo_el, &rc), &rc);
		if (d->summary && !*d->summary) {
			free(d->summary);
			d->summary = NULL;
		}
	}
	if (!d->summary && f.description)
		store(&d->summary, trimmed_dup(f.description, &rc), &rc);

	/* date: selector, then metadata, then the page text after the title */
	char date[11];
	int have_date = 0, bad_date = 0;
	xmlNode *date_el = field_element(site, deflt, K_DATE, scope);
	if (date_el) {
		char *t = one_line_text(date_el, &rc);
		if (t) {
			have_date = date_in_text(date, t, strlen(t)) == 0;
			free(t);
		}
	}
	if (!have_date && f.published) {
		have_date = vn_article_parse_date(date, f.published, strlen(f.published)) == 0;
		bad_date = !have_date;
	}
	if (!have_date && rc == 0) {
		text_out t;
		memset(&t, 0, sizeof t);
		t.skip_level = JUNK_PAGE;
		t.keep_header = 1;
		/* page banners (<header>) come before the title: kept for the offset */
		t.anchor = title_el ? title_el : f.first_h1;
		render(&t, scope);
		para_break(&t);
		if (t.rc)
			rc = VN_ENOMEM;
		else if (t.out.len) {
			size_t off = t.anchor_seen ? t.anchor_off : 0;
			have_date = date_in_text(date, t.out.data + off, t.out.len - off) == 0;
		}
		text_free(&t);
	}
	if (have_date)
		store(&d->date, dup_n(date, 10), &rc);
	if (!have_date && bad_date)
		vn_article__warn(d->warning, "date \"%.40s\" is not a valid date; dropped", f.published);

	/* body: drop lists and the field elements are not body text */
	if (site)
		mark_all(&site->key[K_DROP], root);
	if (deflt)
		mark_all(&deflt->key[K_DROP], root);
	xmlNode *fields[] = { title_el, author_el, date_el };
	for (size_t i = 0; i < 3; i++)
		if (fields[i])
			fields[i]->_private = (void *)1;

	text_out body;
	memset(&body, 0, sizeof body);
	body.skip_level = JUNK_PAGE;
	const sel_list *lists[2] = { site ? &site->key[K_BODY] : NULL,
				     deflt ? &deflt->key[K_BODY] : NULL };
	int found = 0;
	for (int li = 0; li < 2 && !found && rc == 0; li++) {
		if (!lists[li])
			continue;
		for (size_t i = 0; i < lists[li]->n && !found; i++) {
			xmlNode *m[256];
			size_t k = find_all(&lists[li]->v[i], scope, m, 256);
			for (size_t j = 0; j < k; j++) {
				/* nested matches are already inside an earlier one */
				int nested = 0;
				for (size_t q = 0; q < j && !nested; q++)
					for (xmlNode *a = m[j]->parent; a; a = a->parent)
						if (a == m[q]) {
							nested = 1;
							break;
						}
				if (!nested) {
					render(&body, m[j]);
					para_break(&body);
				}
			}
			found = body.out.len > 0;
		}
	}
	if (!found && rc == 0) {
		xmlNode *b = f.first_article ? f.first_article : f.first_main;
		if (!b && (rc = densest(scope, &b)) < 0)
			b = NULL;
		if (b) {
			render(&body, b);
			para_break(&body);
		}
	}
	if (body.rc)
		rc = VN_ENOMEM;
	if (rc == 0)
		drop_meta_paragraphs(&body.out);
	if (rc == 0 && body.out.len) {
		d->body = vn_buf_detach(&body.out, &d->body_len);
		if (!d->body)
			rc = VN_ENOMEM;
	}
	text_free(&body);

	if (rc == 0 && f.vn_id)
		store(&d->id, trimmed_dup(f.vn_id, &rc), &rc);
	if (rc == 0 && f.lang) {
		size_t k = 0;
		while (k < 8 && ((f.lang[k] >= 'a' && f.lang[k] <= 'z') || (f.lang[k] >= 'A' && f.lang[k] <= 'Z')))
			k++;
		if (k >= 2 && k <= 3) {
			store(&d->lang, dup_n(f.lang, k), &rc);
			for (char *q = d->lang; q && *q; q++)
				if (*q >= 'A' && *q <= 'Z')
					*q = (char)(*q + 32);
		}
	}
	xmlFreeDoc(doc);
	if (rc < 0) {
		vn_article__doc_free(d);
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	}
	if (!d->title) {
		vn_article__doc_free(d);
		return vn_error_set(err, VN_EINVAL, "no title found");
	}
	if (!d->body) {
		vn_article__doc_free(d);
		return vn_error_set(err, VN_EINVAL, "no body found");
	}
	d->title_len = strlen(d->title);
	return 0;
}
