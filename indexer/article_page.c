/*
 * article_page.c — a portal page saved as text (corpus/README.md, "Scraped
 * pages"; the form of shared/seed-article.txt):
 *
 *   line 1     the title (or the first of the first 30 lines that the next
 *              line repeats with a date: menu lines a scraper caught above
 *              the title are dropped)
 *   line 2     the title again + " (dd/mm/yyyy)"   (optional)
 *   ...        body paragraphs, often padded with U+00A0
 *   ...        the author: a short line of 1-4 capitalised words
 *   "Lượt xem: 37 Bản in Quay lại", "Tin đã đưa", "Trang 1 / 4 ...",
 *   "Go To", "Xem theo ngày", menus ...  (boilerplate, dropped)
 *
 * Pages from other portal software lack the view counter, so the end of the
 * article is the first "Lượt xem" line, else the first line that starts
 * with another boilerplate marker (below). Lines are trimmed of white space
 * (including U+00A0); blank lines are dropped; paragraphs join with "\n".
 */
#define _GNU_SOURCE   /* memmem */
#include <stdlib.h>
#include <string.h>

#include "vn_article_int.h"
#include "vn_text.h"

typedef struct line {
	const char *s;
	size_t n;   /* trimmed */
} line;

/* Markers that begin the boilerplate after an article. The first is what the
 * Quảng Nam portals print; the others are fallbacks for pages without it.
 * A marker only counts on a short line, so a paragraph that happens to
 * begin with "Quay lại" is kept. */
static const char *const primary_marker = "Lượt xem";
static const char *const fallback_markers[] = {
	"LƯỢT XEM", "Bản in", "Tin đã đưa", "Các tin đã đưa", "Tin cùng chuyên mục",
	"Tin cùng loại", "Các tin khác", "Tin khác", "Tin liên quan", "Bài viết liên quan",
	"Xem theo ngày", "Go To", "Quay lại", "Trở về", "In bài viết", "Gửi email",
	"Chia sẻ", "Ý kiến bạn đọc",
};
#define MARKER_LINE_MAX 160

static int starts_with(const line *l, const char *m)
{
	size_t k = strlen(m);
	return l->n >= k && memcmp(l->s, m, k) == 0;
}

/* "Trang 1 / 4 1 2 3 4": the pager under a list of older news. */
static int is_pager(const line *l)
{
	if (!starts_with(l, "Trang "))
		return 0;
	size_t i = 6, d = 0;
	while (i < l->n && l->s[i] >= '0' && l->s[i] <= '9')
		i++, d++;
	while (i < l->n && l->s[i] == ' ')
		i++;
	return d > 0 && i < l->n && l->s[i] == '/';
}

static int is_fallback_marker(const line *l)
{
	if (l->n > MARKER_LINE_MAX)
		return 0;
	for (size_t i = 0; i < sizeof fallback_markers / sizeof fallback_markers[0]; i++)
		if (starts_with(l, fallback_markers[i]))
			return 1;
	return is_pager(l);
}

/* "Lượt xem: 37" on a short line (possibly after the by-line); a paragraph
 * that merely mentions "Lượt xem" is not the end. Returns where it starts. */
static const char *view_counter(const line *l)
{
	size_t k = strlen(primary_marker);
	if (l->n == 0 || l->n > MARKER_LINE_MAX)
		return NULL;
	const char *p = l->s, *end = l->s + l->n;
	while ((p = memmem(p, (size_t)(end - p), primary_marker, k)) != NULL) {
		const char *q = p + k;
		size_t sp;
		while (q < end && (sp = vn_article__space_len(q, (size_t)(end - q))) > 0)
			q += sp;
		if (q == end || *q == ':')
			return p;
		p += k;
	}
	return NULL;
}

/* Vietnamese capital letters: ASCII, Latin-1 (À..Ý), the Latin Extended-A
 * pairs (Ă, Đ, Ĩ, Ũ are the even members), Ơ, Ư, and the even code points of
 * Latin Extended Additional U+1EA0..U+1EF9 (Ạ..Ỹ). */
static int is_upper_vi(uint32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return 1;
	if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
		return 1;
	if (cp >= 0x100 && cp <= 0x17F)
		return cp % 2 == 0;
	if (cp == 0x1A0 || cp == 0x1AF)
		return 1;
	if (cp >= 0x1EA0 && cp <= 0x1EF9)
		return cp % 2 == 0;
	return 0;
}

static int is_letter_cp(uint32_t cp)
{
	if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z'))
		return 1;
	return cp >= 0xC0 && cp != 0xD7 && cp != 0xF7 && cp != 0xFFFD;
}

/* A by-line: 1-4 words, each starting with a capital, letters only (plus
 * '.', '-' for initials such as "T.H"). */
static int looks_like_author(const line *l)
{
	if (l->n == 0 || l->n > 64)
		return 0;
	if (l->s[l->n - 1] == '.') {
		/* "Hai." ends a sentence; "N.T." is initials */
		size_t w = l->n - 1;
		while (w > 0 && l->s[w - 1] != ' ')
			w--;
		if (!memchr(l->s + w, '.', l->n - 1 - w))
			return 0;
	}
	const unsigned char *p = (const unsigned char *)l->s;
	size_t i = 0, words = 0;
	int at_word_start = 1;
	while (i < l->n) {
		size_t sp = vn_article__space_len(l->s + i, l->n - i);
		if (sp) {
			i += sp;
			at_word_start = 1;
			continue;
		}
		uint32_t cp;
		size_t k = vn_utf8_decode(&cp, p + i, l->n - i);
		if (at_word_start) {
			if (!is_upper_vi(cp))
				return 0;
			words++;
			at_word_start = 0;
		} else if (!is_letter_cp(cp) && cp != '.' && cp != '-' && cp < 0x300) {
			return 0;
		}
		i += k;
	}
	return words >= 1 && words <= 4;
}

/* Compares two strings ignoring white space (titles are repeated with
 * different padding). */
static int same_text(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0, j = 0, k;
	for (;;) {
		while ((k = vn_article__space_len(a + i, an - i)) > 0)
			i += k;
		while ((k = vn_article__space_len(b + j, bn - j)) > 0)
			j += k;
		if (i == an || j == bn)
			return i == an && j == bn;
		if (a[i] != b[j])
			return 0;
		i++, j++;
	}
}

enum { DATE_NONE = 0, DATE_OK = 1, DATE_BAD = 2 };

/* Splits "TEXT (21/03/2023)" into TEXT and the date. Returns DATE_NONE when
 * the line does not end in a parenthesised date, DATE_BAD for an impossible
 * one (31/02/2023). */
static int split_dated(const line *l, line *pre, char date[11])
{
	if (l->n < 3 || l->s[l->n - 1] != ')')
		return DATE_NONE;
	size_t open = l->n - 1;
	while (open > 0 && l->s[open - 1] != '(')
		open--;
	if (open == 0)
		return DATE_NONE;
	const char *in = l->s + open;
	size_t inn = l->n - 1 - open;
	vn_article__trim(&in, &inn);
	if (inn < 6 || inn > 40 || in[0] < '0' || in[0] > '9')
		return DATE_NONE;
	pre->s = l->s;
	pre->n = open - 1;
	vn_article__trim(&pre->s, &pre->n);
	if (vn_article_parse_date(date, in, inn) == 0)
		return DATE_OK;
	/* a date shape (digits and separators) that is not a real date */
	for (size_t i = 0; i < inn; i++)
		if (!strchr("0123456789/-. :", in[i]))
			return DATE_NONE;
	return DATE_BAD;
}

static int date_alone(const line *l, char date[11])
{
	if (l->n < 6 || l->n > 40 || l->s[0] < '0' || l->s[0] > '9')
		return DATE_NONE;
	if (vn_article_parse_date(date, l->s, l->n) == 0)
		return DATE_OK;
	for (size_t i = 0; i < l->n; i++)
		if (!strchr("0123456789/-. :", l->s[i]))
			return DATE_NONE;
	return DATE_BAD;
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

static int split_lines(line **out, size_t *out_n, const char *buf, size_t n)
{
	size_t cap = 64, count = 0;
	line *v = malloc(cap * sizeof *v);
	if (!v)
		return VN_ENOMEM;
	size_t i = 0;
	while (i < n) {
		const char *nl = memchr(buf + i, '\n', n - i);
		size_t end = nl ? (size_t)(nl - buf) : n;
		if (count == cap) {
			line *nv = realloc(v, 2 * cap * sizeof *v);
			if (!nv) {
				free(v);
				return VN_ENOMEM;
			}
			v = nv;
			cap *= 2;
		}
		v[count].s = buf + i;
		v[count].n = end - i;
		vn_article__trim(&v[count].s, &v[count].n);
		count++;
		i = nl ? end + 1 : n;
	}
	*out = v;
	*out_n = count;
	return 0;
}

static int parse_page_utf8(vn_article__doc *d, const char *buf, size_t n, vn_error *err);

int vn_article__parse_page(vn_article__doc *d, const char *buf, size_t n, vn_error *err)
{
	memset(d, 0, sizeof *d);
	if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		buf += 3, n -= 3;
	if (vn_utf8_valid(buf, n))
		return parse_page_utf8(d, buf, n, err);
	/* a page saved before Unicode (TCVN3, VNI, Windows-1258): read it in
	 * its code page rather than as garbage */
	vn_buf text = VN_BUF_INIT;
	int charset;
	int rc = vn_text_decode_bytes(buf, n, &text, &charset);
	if (rc == 0)
		rc = parse_page_utf8(d, text.data ? text.data : "", text.len, err);
	else
		rc = vn_error_set(err, rc, "out of memory");
	vn_buf_free(&text);
	if (rc == 0)
		vn_article__warn(d->warning, "%s",
				 charset == VN_BYTES_UTF8_REPLACED ? "invalid UTF-8 replaced with U+FFFD" :
				 charset == VN_BYTES_CP1258	   ? "not UTF-8: read as Windows-1258" :
								     "not UTF-8: read as a legacy Vietnamese encoding");
	return rc;
}

/* Where the title is: the first line when nothing better shows, else the
 * first of the page's first 30 lines that the next line repeats with a date
 * ("TITLE" then "TITLE (21/03/2023)"): what a scraper caught of the menu
 * above it ("Trang chủ", "Tin tức - Sự kiện") is not the title. */
static size_t dated_title_line(const line *ls, size_t nl, size_t first)
{
	size_t seen = 0;
	for (size_t a = first; a < nl && seen < 30; a++) {
		if (ls[a].n == 0)
			continue;
		seen++;
		size_t b = a + 1;
		while (b < nl && ls[b].n == 0)
			b++;
		if (b == nl)
			break;
		line pre;
		char date[11];
		if (split_dated(&ls[b], &pre, date) != DATE_NONE && pre.n > 0 &&
		    same_text(pre.s, pre.n, ls[a].s, ls[a].n))
			return a;
	}
	return first;
}

static int parse_page_utf8(vn_article__doc *d, const char *buf, size_t n, vn_error *err)
{
	line *ls = NULL;
	size_t nl = 0;
	if (split_lines(&ls, &nl, buf, n) < 0)
		return vn_error_set(err, VN_ENOMEM, "out of memory");

	size_t i = 0;
	while (i < nl && ls[i].n == 0)
		i++;
	if (i == nl) {
		free(ls);
		return vn_error_set(err, VN_EINVAL, "no title (the page is empty)");
	}
	i = dated_title_line(ls, nl, i);
	line title = ls[i++];
	char date[11] = "";
	int dstate = DATE_NONE;

	/* a date on the title line itself: "TITLE (21/03/2023)" */
	line pre;
	char tdate[11];
	int tstate = split_dated(&title, &pre, tdate);
	line full_title = title;
	if (tstate != DATE_NONE && pre.n > 0) {
		title = pre;
		dstate = tstate;
		if (tstate == DATE_OK)
			memcpy(date, tdate, 11);
	}

	size_t j = i;
	while (j < nl && ls[j].n == 0)
		j++;
	if (j < nl) {
		char ldate[11];
		int lstate = split_dated(&ls[j], &pre, ldate);
		if (lstate != DATE_NONE && (pre.n == 0 || same_text(pre.s, pre.n, title.s, title.n))) {
			dstate = lstate;
			if (lstate == DATE_OK)
				memcpy(date, ldate, 11);
			i = j + 1;
		} else if ((lstate = date_alone(&ls[j], ldate)) != DATE_NONE) {
			dstate = lstate;
			if (lstate == DATE_OK)
				memcpy(date, ldate, 11);
			i = j + 1;
		} else if (tstate != DATE_NONE &&
			   same_text(ls[j].s, ls[j].n, full_title.s, full_title.n)) {
			i = j + 1;
		}
	}

	/* the end of the article: the view counter, else another marker */
	size_t end = nl, k;
	line cut = { NULL, 0 };
	for (k = i; k < nl; k++) {
		const char *hit = view_counter(&ls[k]);
		if (hit) {
			end = k;
			/* "Võ Còn Lượt xem: 37": keep what precedes the counter */
			cut.s = ls[k].s;
			cut.n = (size_t)(hit - ls[k].s);
			vn_article__trim(&cut.s, &cut.n);
			break;
		}
	}
	if (end == nl) {
		for (k = i; k < nl; k++)
			if (is_fallback_marker(&ls[k])) {
				end = k;
				break;
			}
	}
	if (cut.n > 0 && end < nl) {
		/* reuse the marker's slot for the text before it */
		ls[end] = cut;
		end++;
	}

	/* drop trailing blank lines, then a by-line */
	while (end > i && ls[end - 1].n == 0)
		end--;
	size_t nonblank = 0;
	for (k = i; k < end; k++)
		nonblank += ls[k].n > 0;
	line author = { NULL, 0 };
	if (nonblank >= 2 && looks_like_author(&ls[end - 1])) {
		author = ls[end - 1];
		end--;
		while (end > i && ls[end - 1].n == 0)
			end--;
	}

	vn_buf body = VN_BUF_INIT;
	int rc = 0;
	for (k = i; k < end && rc == 0; k++) {
		if (ls[k].n == 0)
			continue;
		if (body.len)
			rc = vn_buf_putc(&body, '\n');
		if (rc == 0)
			rc = vn_buf_append(&body, ls[k].s, ls[k].n);
	}
	if (rc < 0) {
		vn_buf_free(&body);
		free(ls);
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	}
	if (body.len == 0) {
		vn_buf_free(&body);
		free(ls);
		return vn_error_set(err, VN_EINVAL, "no body (only a title)");
	}
	d->title = dup_n(title.s, title.n);
	d->title_len = title.n;
	d->body = vn_buf_detach(&body, &d->body_len);
	if (author.n)
		d->author = dup_n(author.s, author.n);
	if (dstate == DATE_OK)
		d->date = dup_n(date, 10);
	free(ls);
	if (!d->title || !d->body || (author.n && !d->author) || (dstate == DATE_OK && !d->date)) {
		vn_article__doc_free(d);
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	}
	if (dstate == DATE_BAD)
		strcpy(d->warning, "the date is not a real date; indexed without a date");
	return 0;
}
