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
 *
 * Other portal software prints a metadata line instead of the repeat
 * ("Ngày đăng: 05/06/2024 | Lượt xem: 120", "Thứ Ba, 21/03/2023 08:30",
 * "Tác giả: ..."): the title is the line above it, its date and author are
 * taken, and it is not body. Without either sign, leading menu items and
 * breadcrumbs ("Trang chủ > Tin tức") are skipped. A by-line may also be
 * labelled ("Tin, ảnh: Minh Châu") or carry an office ("Lan - Văn phòng").
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
	"Chia sẻ", "Ý kiến bạn đọc", "Lên đầu trang", "Về đầu trang", "Bình luận", "Gửi bình luận",
	"Tags", "Từ khóa", "Từ khoá", "Tin mới", "Tin nổi bật", "Tin xem nhiều", "Xem thêm",
	"Đánh giá bài viết", "In trang", "Gửi cho bạn bè",
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

/*
 * Lines of metadata that portals print under (or above) the title instead
 * of repeating it with the date: "Ngày đăng: 05/06/2024 | Lượt xem: 120",
 * "Cập nhật lúc: 08:30 01/07/2024", "Thứ Ba, 21/03/2023 - 08:30",
 * "Tác giả: Võ Còn". A line is metadata when every segment of it (split at
 * '|', '•', '·') is a labelled field or a bare date/time; a sentence that
 * starts with "Ngày 04/6/2024, UBND xã ..." is not.
 */
static const char *const date_labels[] = {
	"Ngày đăng", "Ngày cập nhật", "Ngày xuất bản", "Ngày ban hành", "Cập nhật lúc",
	"Cập nhật ngày", "Cập nhật", "Đăng ngày", "Đăng lúc", "Xuất bản", "Thời gian đăng",
	"Thời gian", "Posted on", "Posted", "Updated", "Date",
};
static const char *const author_labels[] = {
	"Tác giả", "Người viết", "Người đăng", "Đăng bởi", "Người thực hiện", "Tin, ảnh",
	"Tin và ảnh", "Tin - ảnh", "Tin/ảnh", "Bài, ảnh", "Bài và ảnh", "Bài - ảnh", "Bài/ảnh",
	"Bài viết", "Author", "By",
};
/* short labels that also begin sentences: only with a short value */
static const char *const short_author_labels[] = { "Tin", "Bài", "Ảnh" };
static const char *const info_labels[] = {
	"Lượt xem", "Lượt đọc", "Số lượt xem", "Lượt truy cập", "Chuyên mục", "Danh mục", "Nguồn",
	"Cỡ chữ", "Views",
};
static const char *const date_words[] = {
	"ngày", "tháng", "năm", "lúc", "giờ", "phút", "GMT", "AM", "PM", "SA", "CH",
};

/* label, spaces, ':' — returns where the value starts, or 0. */
static size_t label_colon(const char *s, size_t n, const char *label)
{
	size_t k = vn_article__label_at(s, n, label);
	if (!k)
		return 0;
	k = vn_article__skip_spaces(s, n, k);
	if (k >= n || s[k] != ':')
		return 0;
	return vn_article__skip_spaces(s, n, k + 1);
}

/* "Thứ Ba", "Thứ 3", "Chủ nhật", "CN", and a comma after it. */
static size_t skip_weekday(const char *s, size_t n, size_t p)
{
	size_t k;
	if ((k = vn_article__label_at(s + p, n - p, "Thứ")) > 0) {
		size_t q = vn_article__skip_spaces(s, n, p + k);
		while (q < n && s[q] != ' ' && s[q] != ',')
			q++;
		p = q;
	} else if ((k = vn_article__label_at(s + p, n - p, "Chủ nhật")) > 0 ||
		   (k = vn_article__label_at(s + p, n - p, "Chủ Nhật")) > 0 || (k = vn_article__label_at(s + p, n - p, "CN")) > 0) {
		p += k;
	} else {
		return p;
	}
	p = vn_article__skip_spaces(s, n, p);
	if (p < n && s[p] == ',')
		p = vn_article__skip_spaces(s, n, p + 1);
	return p;
}

/* Only digits, date/time punctuation and the words of a written date. */
static int date_time_only(const char *s, size_t n, int *has_digit)
{
	size_t p = 0;
	*has_digit = 0;
	while (p < n) {
		size_t sp = vn_article__space_len(s + p, n - p);
		if (sp) {
			p += sp;
			continue;
		}
		if (s[p] >= '0' && s[p] <= '9') {
			*has_digit = 1;
			p++;
			continue;
		}
		size_t k = 0;
		for (size_t w = 0; w < sizeof date_words / sizeof date_words[0] && !k; w++)
			k = vn_article__label_at(s + p, n - p, date_words[w]);
		if (k) {
			p += k;
			continue;
		}
		if (!strchr("/-.:,()+hgHG", s[p]))
			return 0;
		p++;
	}
	return 1;
}

typedef struct page_meta {
	char date[11];
	int dstate;    /* DATE_NONE, DATE_OK, DATE_BAD */
	line author;   /* n == 0: none */
	int fields;    /* labelled dates and authors seen */
	int infos;     /* other labelled fields ("Lượt xem: 5") */
} page_meta;

/* 1 when s[0..n) is one metadata segment (its fields go into m), else 0. */
static int meta_segment(const char *s, size_t n, page_meta *m)
{
	vn_article__trim(&s, &n);
	if (n == 0)
		return 1;
	size_t k;
	for (size_t i = 0; i < sizeof author_labels / sizeof author_labels[0]; i++)
		if ((k = label_colon(s, n, author_labels[i])) > 0 && n - k <= 80) {
			if (k < n && m->author.n == 0)
				m->author = (line){ s + k, n - k };
			m->fields++;
			return 1;
		}
	/* "bởi Admin", "by Admin": the rest of "Đăng ngày 20/02/2024 bởi Admin" */
	if ((k = vn_article__label_at(s, n, "bởi")) > 0 || ((k = vn_article__label_at(s, n, "by")) > 0 && s[0] == 'b')) {
		size_t v = vn_article__skip_spaces(s, n, k);
		if (v > k && v < n && n - v <= 48) {
			if (m->author.n == 0)
				m->author = (line){ s + v, n - v };
			m->fields++;
			return 1;
		}
	}
	for (size_t i = 0; i < sizeof info_labels / sizeof info_labels[0]; i++)
		if (label_colon(s, n, info_labels[i]) > 0) {
			m->infos++;
			return 1;
		}
	size_t p = 0;
	int labelled = 0;
	for (size_t i = 0; i < sizeof date_labels / sizeof date_labels[0] && !p; i++)
		if ((k = vn_article__label_at(s, n, date_labels[i])) > 0) {
			p = vn_article__skip_spaces(s, n, k);
			if (p < n && s[p] == ':')
				p = vn_article__skip_spaces(s, n, p + 1);
			labelled = 1;
		}
	p = skip_weekday(s, n, p);
	int has_digit;
	if (p == n || !date_time_only(s + p, n - p, &has_digit) || !has_digit)
		return 0;
	char d[11];
	if (vn_article__find_date(d, s + p, n - p) == 0) {
		if (m->dstate != DATE_OK) {
			memcpy(m->date, d, 11);
			m->dstate = DATE_OK;
		}
		m->fields++;
		return 1;
	}
	/* a date shape that is no real date ("31/02/2023"), or a time alone */
	for (size_t i = p; i + 4 < n; i++)
		if (s[i] >= '0' && s[i] <= '9' && (s[i + 1] == '/' || s[i + 2] == '/')) {
			if (m->dstate == DATE_NONE)
				m->dstate = DATE_BAD;
			break;
		}
	return labelled || p > 0 || n <= 12;
}

/* Splits l at '|', '•' (U+2022) and '·' (U+00B7); 1 when every part is a
 * metadata segment and one of them a date or an author (or, with
 * info_only_ok, when all are labelled fields such as "Lượt xem: 5"). */
static int is_meta_line_of(const line *l, page_meta *m, int info_only_ok)
{
	if (l->n == 0 || l->n > 200)
		return 0;
	page_meta t = *m;
	int before = t.fields, before_infos = t.infos;
	size_t a = 0, i = 0;
	while (i <= l->n) {
		size_t sep = 0;
		if (i == l->n)
			sep = 1;
		else if (l->s[i] == '|')
			sep = 1;
		else if (l->n - i >= 3 && memcmp(l->s + i, "\xE2\x80\xA2", 3) == 0)
			sep = 3;
		else if (l->n - i >= 2 && memcmp(l->s + i, "\xC2\xB7", 2) == 0)
			sep = 2;
		else if (l->n - i > 6 && memcmp(l->s + i, " b\xE1\xBB\x9Fi ", 6) == 0)   /* " bởi " */
			sep = 1;   /* the segment after keeps "bởi" */
		if (!sep) {
			i++;
			continue;
		}
		if (!meta_segment(l->s + a, i - a, &t))
			return 0;
		i += sep;
		a = i;
	}
	if (t.fields == before && t.dstate == m->dstate && (!info_only_ok || t.infos == before_infos))
		return 0;
	*m = t;
	return 1;
}

static int is_meta_line(const line *l, page_meta *m)
{
	return is_meta_line_of(l, m, 0);
}

int vn_article__meta_line(const char *s, size_t n)
{
	line l = { s, n };
	vn_article__trim(&l.s, &l.n);
	page_meta m = { .dstate = DATE_NONE };
	return is_meta_line_of(&l, &m, 1);
}

/* Menu items and breadcrumbs a scraper catches above the title. */
static const char *const menu_items[] = {
	"Trang chủ", "Giới thiệu", "Tin tức", "Tin tức - Sự kiện", "Tin tức sự kiện", "Tin tức – Sự kiện",
	"Liên hệ", "Hỏi đáp", "Sơ đồ cổng", "Sơ đồ site", "Sơ đồ trang", "Văn bản", "Văn bản pháp luật",
	"Thủ tục hành chính", "Dịch vụ công", "Lịch công tác", "Đăng nhập", "English", "Tìm kiếm",
	"Tin hoạt động", "Hoạt động", "Thông tin tuyên truyền", "Chuyển đổi số", "Góp ý", "Home",
};

static int is_menu_line(const line *l)
{
	if (l->n == 0 || l->n > 160)
		return 0;
	for (size_t i = 0; i < sizeof menu_items / sizeof menu_items[0]; i++)
		if (same_text(l->s, l->n, menu_items[i], strlen(menu_items[i])))
			return 1;
	/* "Trang chủ > Tin tức > Hoạt động", "Tin tức » Sự kiện" */
	return memmem(l->s, l->n, " > ", 3) || memmem(l->s, l->n, "\xC2\xBB", 2) ||
	       memmem(l->s, l->n, "\xE2\x80\xBA", 3) || (starts_with(l, "Trang chủ") && memchr(l->s, '/', l->n));
}

#define NOT_FOUND ((size_t)-1)

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

/* The first of the page's first 30 lines that the next line repeats with a
 * date ("TITLE" then "TITLE (21/03/2023)"), or NOT_FOUND: what a scraper
 * caught of the menu above it ("Trang chủ", "Tin tức - Sự kiện") is not the
 * title. */
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
	return NOT_FOUND;
}

static size_t next_nonblank(const line *ls, size_t nl, size_t k)
{
	while (k < nl && ls[k].n == 0)
		k++;
	return k;
}

/* Pages that do not repeat the title: the title is the line above the first
 * metadata line among the first 30 ("TITLE" then "Ngày đăng: ..."), or the
 * line below it when what is above is menu ("Tin tức" / "21/03/2023" /
 * "TITLE"). Everything above the title must be short lines (menus,
 * breadcrumbs), else NOT_FOUND. The metadata line's fields go into m. */
static size_t title_by_meta(const line *ls, size_t nl, size_t first, page_meta *m)
{
	size_t seen = 0, prev = NOT_FOUND;
	for (size_t a = first; a < nl && seen < 30; a = next_nonblank(ls, nl, a + 1)) {
		seen++;
		page_meta t = *m;
		if (!is_meta_line(&ls[a], &t)) {
			if (prev != NOT_FOUND && ls[prev].n > 80)
				return NOT_FOUND;   /* a paragraph above: not a header area */
			prev = a;
			continue;
		}
		if (prev != NOT_FOUND && !is_menu_line(&ls[prev])) {
			*m = t;
			return prev;
		}
		size_t b = next_nonblank(ls, nl, a + 1);
		if (b < nl && !is_menu_line(&ls[b]) && ls[b].n <= 400) {
			page_meta u = t;
			if (is_meta_line(&ls[b], &u))
				return NOT_FOUND;
			*m = t;
			return b;
		}
		return NOT_FOUND;
	}
	return NOT_FOUND;
}

/* Without any sign of where the title is: the first line that is not a
 * menu item or breadcrumb (when a line of body follows it). */
static size_t skip_menu_lines(const line *ls, size_t nl, size_t first)
{
	size_t a = first;
	while (a < nl && is_menu_line(&ls[a])) {
		size_t b = next_nonblank(ls, nl, a + 1);
		if (b >= nl || next_nonblank(ls, nl, b + 1) >= nl)
			return first;
		a = b;
	}
	return a;
}

/* A labelled by-line at the end of the body: "Tác giả: Võ Còn",
 * "Tin, ảnh: Minh Châu"; its value, or an empty line. */
static line labelled_author(const line *l)
{
	line v = { NULL, 0 };
	if (l->n == 0 || l->n > 120)
		return v;
	size_t k = 0;
	for (size_t i = 0; i < sizeof author_labels / sizeof author_labels[0] && !k; i++)
		k = label_colon(l->s, l->n, author_labels[i]);
	for (size_t i = 0; i < sizeof short_author_labels / sizeof short_author_labels[0] && !k; i++)
		if ((k = label_colon(l->s, l->n, short_author_labels[i])) > 0 && l->n - k > 48)
			k = 0;
	if (k && k < l->n) {
		v.s = l->s + k;
		v.n = l->n - k;
		vn_article__trim(&v.s, &v.n);
	}
	return v;
}

/* "Nguyễn Thị Lan - Văn phòng UBND xã": a by-line with the writer's office;
 * the name part, or an empty line. */
static line author_with_office(const line *l)
{
	line v = { NULL, 0 };
	if (l->n == 0 || l->n > 120 || l->s[l->n - 1] == '.')
		return v;
	const char *dash = NULL;
	size_t dl = 0;
	const char *p;
	if ((p = memmem(l->s, l->n, " - ", 3)) != NULL)
		dash = p, dl = 3;
	else if ((p = memmem(l->s, l->n, " \xE2\x80\x93 ", 5)) != NULL)   /* en dash */
		dash = p, dl = 5;
	if (!dash)
		return v;
	line name = { l->s, (size_t)(dash - l->s) };
	line office = { dash + dl, l->n - (size_t)(dash - l->s) - dl };
	vn_article__trim(&office.s, &office.n);
	size_t words = 1;
	for (size_t i = 0; i < office.n; i++)
		words += office.s[i] == ' ';
	if (office.n == 0 || words > 8 || !looks_like_author(&name))
		return v;
	return name;
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
	page_meta meta = { .dstate = DATE_NONE };
	size_t first = i;
	i = dated_title_line(ls, nl, first);
	if (i == NOT_FOUND)
		i = title_by_meta(ls, nl, first, &meta);
	if (i == NOT_FOUND)
		i = skip_menu_lines(ls, nl, first);
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

	/* metadata lines under the title ("Ngày đăng: ... | Lượt xem: 12",
	 * "Tác giả: ...") are not body; a date in the title wins */
	for (int run = 0; run < 4; run++) {
		j = next_nonblank(ls, nl, i);
		if (j >= nl || !is_meta_line_of(&ls[j], &meta, 1))
			break;
		i = j + 1;
	}
	if (dstate == DATE_NONE && meta.dstate != DATE_NONE) {
		dstate = meta.dstate;
		if (dstate == DATE_OK)
			memcpy(date, meta.date, 11);
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
	line author = meta.author;
	if (nonblank >= 2) {
		line by = labelled_author(&ls[end - 1]);
		if (by.n == 0)
			by = author_with_office(&ls[end - 1]);
		if (by.n == 0 && looks_like_author(&ls[end - 1]))
			by = ls[end - 1];
		if (by.n > 0) {
			if (author.n == 0)
				author = by;
			end--;
			while (end > i && ls[end - 1].n == 0)
				end--;
		}
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
