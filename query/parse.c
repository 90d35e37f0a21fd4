/*
 * parse.c — the query language people type into a portal's search box.
 *
 *   query   := or_expr
 *   or_expr := and_expr ("OR" and_expr)*
 *   and_expr:= unary (["AND"] unary)*          adjacency means AND
 *   unary   := ("NOT" | "-" | "−") primary | "+" primary | primary
 *   primary := "(" or_expr ")" | "phrase" | field ":" value | word
 *
 * Operators are the English words in capitals only: "và"/"hoặc" are
 * ordinary Vietnamese words that appear in titles. Nesting deeper than
 * VQ_MAX_DEPTH, an unbalanced parenthesis or quote, or an operator without
 * an operand is a syntax error, and the whole query is then read again as
 * plain words (filters and dates still apply).
 *
 * Dates (decided here, documented in query/README.md):
 *  - a full date (21/03/2023, 2023-03-21, optionally after "ngày"), a month
 *    after "tháng" (tháng 3/2023, tháng 3 năm 2023) and a range
 *    "từ D đến D" are always filters on the article date;
 *  - a bare month "3/2023" and "năm 2023" are filters only when nothing
 *    else is searched for; next to other words they stay words, because
 *    "kế hoạch năm 2020" and "Quyết định 3/2020" mean content, not a date.
 */
#include <stdlib.h>
#include <string.h>

#include "vn_query_int.h"

enum tok_type {
	T_WORD, T_PHRASE, T_LP, T_RP, T_AND, T_OR, T_NOT, T_PLUS, T_MINUS, T_FIELD, T_GONE
};

typedef struct tok {
	int type;
	const char *s; /* word / phrase content / field value */
	size_t n;
	int field;     /* T_FIELD: index into field_names */
	int quoted;
} tok;

static const char *const field_names[] = { "title", "category", "site", "kind", "lang" };
enum { F_TITLE, F_CATEGORY, F_SITE, F_KIND, F_LANG, F_COUNT };

typedef struct lexer {
	tok *toks;
	size_t n, cap;
	int error;
} lexer;

static int push(lexer *L, int type, const char *s, size_t n, int field, int quoted)
{
	if (L->n == L->cap) {
		size_t nc = L->cap ? L->cap * 2 : 32;
		tok *t = realloc(L->toks, nc * sizeof *t);
		if (!t)
			return VN_ENOMEM;
		L->toks = t;
		L->cap = nc;
	}
	L->toks[L->n++] = (tok){ type, s, n, field, quoted };
	return 0;
}

/* Bytes of a space at q[i] (ASCII space/control, NBSP, ideographic space,
 * zero-width space), 0 when none. */
static size_t space_at(const char *q, size_t n, size_t i)
{
	unsigned char c = (unsigned char)q[i];
	if (c <= 0x20 || c == 0x7f)
		return 1;
	if (c == 0xc2 && i + 1 < n && (unsigned char)q[i + 1] == 0xa0)
		return 2;
	if (c == 0xe3 && i + 2 < n && (unsigned char)q[i + 1] == 0x80 && (unsigned char)q[i + 2] == 0x80)
		return 3;
	if (c == 0xe2 && i + 2 < n && (unsigned char)q[i + 1] == 0x80 &&
	    ((unsigned char)q[i + 2] == 0x8b || (unsigned char)q[i + 2] == 0x83))
		return 3;
	return 0;
}

/* Opening/closing quote at q[i]: " “ ” „ «  » — returns its byte length. */
static size_t quote_at(const char *q, size_t n, size_t i)
{
	unsigned char c = (unsigned char)q[i];
	if (c == '"')
		return 1;
	if (c == 0xe2 && i + 2 < n && (unsigned char)q[i + 1] == 0x80 &&
	    ((unsigned char)q[i + 2] == 0x9c || (unsigned char)q[i + 2] == 0x9d ||
	     (unsigned char)q[i + 2] == 0x9e))
		return 3;
	if (c == 0xc2 && i + 1 < n && ((unsigned char)q[i + 1] == 0xab || (unsigned char)q[i + 1] == 0xbb))
		return 2;
	return 0;
}

/* U+2212 MINUS SIGN or U+2013 EN DASH as a prefix. */
static size_t minus_at(const char *q, size_t n, size_t i)
{
	if (q[i] == '-')
		return 1;
	if ((unsigned char)q[i] == 0xe2 && i + 2 < n) {
		unsigned char b = (unsigned char)q[i + 1], c = (unsigned char)q[i + 2];
		if ((b == 0x88 && c == 0x92) || (b == 0x80 && c == 0x93))
			return 3;
	}
	return 0;
}

static int is_stop(const char *q, size_t n, size_t i)
{
	return space_at(q, n, i) || q[i] == '(' || q[i] == ')' || quote_at(q, n, i);
}

static size_t read_quoted(const char *q, size_t n, size_t i, size_t ql, const char **s, size_t *len,
			  int *unterminated)
{
	size_t j = i + ql, start = j;
	while (j < n && !quote_at(q, n, j))
		j++;
	*s = q + start;
	*len = j - start;
	*unterminated = j >= n;
	return j < n ? j + quote_at(q, n, j) : n;
}

static int lex(lexer *L, const char *q, size_t n, int plain)
{
	size_t i = 0;
	while (i < n) {
		size_t sp = space_at(q, n, i), ql, ml;
		int rc;
		if (sp) {
			i += sp;
			continue;
		}
		if (q[i] == '(' || q[i] == ')') {
			if (!plain && (rc = push(L, q[i] == '(' ? T_LP : T_RP, q + i, 1, 0, 0)))
				return rc;
			i++;
			continue;
		}
		if ((ql = quote_at(q, n, i))) {
			const char *s;
			size_t len;
			int unterminated;
			i = read_quoted(q, n, i, ql, &s, &len, &unterminated);
			if (unterminated)
				L->error = 1;
			if ((rc = push(L, plain ? T_WORD : T_PHRASE, s, len, 0, 1)))
				return rc;
			continue;
		}
		if ((q[i] == '+' || (ml = minus_at(q, n, i))) && i + 1 < n) {
			size_t pl = q[i] == '+' ? 1 : ml;
			/* "-19" is a number ("Covid -19", "-5 độ C"), not a
			 * negation: nobody leaves a bare number out */
			int number = q[i] != '+' && i + pl < n && q[i + pl] >= '0' && q[i + pl] <= '9';
			if (i + pl < n && !space_at(q, n, i + pl) && !number) {
				if (!plain && (rc = push(L, q[i] == '+' ? T_PLUS : T_MINUS, q + i, pl, 0, 0)))
					return rc;
				i += pl;
				continue;
			}
		}
		size_t start = i;
		while (i < n && !is_stop(q, n, i))
			i++;
		size_t len = i - start;
		const char *w = q + start;
		const char *colon = memchr(w, ':', len);
		if (colon && colon > w) {
			size_t fl = (size_t)(colon - w);
			int f = -1;
			for (int k = 0; k < F_COUNT; k++)
				if (strlen(field_names[k]) == fl && strncasecmp(w, field_names[k], fl) == 0)
					f = k;
			if (f >= 0) {
				const char *v = colon + 1;
				size_t vl = len - fl - 1;
				int quoted = 0;
				if (vl == 0 && i < n && (ql = quote_at(q, n, i))) {
					int unterminated;
					i = read_quoted(q, n, i, ql, &v, &vl, &unterminated);
					if (unterminated)
						L->error = 1;
					quoted = 1;
				}
				if (vl == 0)
					continue; /* "title:" alone: nothing to filter on */
				if ((rc = push(L, T_FIELD, v, vl, f, quoted)))
					return rc;
				continue;
			}
		}
		int type = T_WORD;
		if (len == 3 && memcmp(w, "AND", 3) == 0)
			type = T_AND;
		else if (len == 2 && memcmp(w, "OR", 2) == 0)
			type = T_OR;
		else if (len == 3 && memcmp(w, "NOT", 3) == 0)
			type = T_NOT;
		else if (len == 2 && memcmp(w, "&&", 2) == 0)
			type = T_AND;
		else if (len == 2 && memcmp(w, "||", 2) == 0)
			type = T_OR;
		if (plain)
			type = T_WORD; /* an operator that broke the syntax is a word */
		if ((rc = push(L, type, w, len, 0, 0)))
			return rc;
	}
	return 0;
}

/* ---- dates -------------------------------------------------------------- */

static int digits(const char *s, size_t n, long *out)
{
	long v = 0;
	if (n == 0 || n > 4)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 1;
}

static int days_in(long y, long m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

static void ymd(char out[9], long y, long m, long d)
{
	out[0] = (char)('0' + y / 1000 % 10);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = (char)('0' + m / 10);
	out[5] = (char)('0' + m % 10);
	out[6] = (char)('0' + d / 10);
	out[7] = (char)('0' + d % 10);
	out[8] = 0;
}

/* Split s at separators sep (one of "/-."), up to 3 parts. */
static size_t split(const char *s, size_t n, char sep, const char *p[3], size_t l[3])
{
	size_t k = 0, start = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i == n || s[i] == sep) {
			if (k == 3)
				return 4;
			p[k] = s + start;
			l[k] = i - start;
			k++;
			start = i + 1;
		}
	}
	return k;
}

int vq_parse_date(const char *s, size_t n, char lo[9], char hi[9], int month_ok, int year_ok)
{
	const char *p[3];
	size_t l[3], k;
	long a, b, c;
	static const char seps[] = "/-.";
	for (int si = 0; si < 3; si++) {
		if (!memchr(s, seps[si], n))
			continue;
		k = split(s, n, seps[si], p, l);
		if (k == 3 && digits(p[0], l[0], &a) && digits(p[1], l[1], &b) && digits(p[2], l[2], &c)) {
			long y, m, d;
			if (l[0] == 4) { /* 2023-03-21 */
				y = a; m = b; d = c;
			} else if (l[2] == 4) { /* 21/03/2023 */
				d = a; m = b; y = c;
			} else {
				return 0;
			}
			if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > days_in(y, m))
				return 0;
			ymd(lo, y, m, d);
			memcpy(hi, lo, 9);
			return 1;
		}
		if (k == 2 && month_ok && seps[si] != '.' && digits(p[0], l[0], &a) && digits(p[1], l[1], &b)) {
			long y, m;
			if (l[1] == 4 && l[0] <= 2) {
				m = a; y = b;
			} else if (l[0] == 4 && l[1] <= 2) {
				y = a; m = b;
			} else {
				return 0;
			}
			if (y < 1900 || y > 2199 || m < 1 || m > 12)
				return 0;
			ymd(lo, y, m, 1);
			ymd(hi, y, m, days_in(y, m));
			return 1;
		}
		return 0;
	}
	if (year_ok && n == 4 && digits(s, n, &a) && a >= 1900 && a <= 2199) {
		ymd(lo, a, 1, 1);
		ymd(hi, a, 12, 31);
		return 1;
	}
	return 0;
}

/* Compare a word with a Vietnamese keyword in any case, with or without
 * marks: "Tháng", "THÁNG", "thang" all match "thang"/"tháng". The word is
 * canonical (NFC), so a small table of the capitals used suffices. */
static int kw(const tok *t, const char *const *forms)
{
	if (t->type != T_WORD)
		return 0;
	for (; *forms; forms++) {
		size_t fl = strlen(*forms);
		if (fl == t->n && strncasecmp(t->s, *forms, fl) == 0)
			return 1;
	}
	return 0;
}

static const char *const KW_THANG[] = { "tháng", "Tháng", "THÁNG", "thang", NULL };
static const char *const KW_NAM[] = { "năm", "Năm", "NĂM", "nam", NULL };
static const char *const KW_NGAY[] = { "ngày", "Ngày", "NGÀY", "ngay", NULL };
static const char *const KW_TU[] = { "từ", "Từ", "TỪ", "tu", NULL };
static const char *const KW_DEN[] = { "đến", "Đến", "ĐẾN", "den", "tới", "Tới", "TỚI", "toi", NULL };

static void narrow(vq_parsed *p, const char lo[9], const char hi[9])
{
	if (lo[0] && (!p->date_from[0] || strcmp(lo, p->date_from) > 0))
		memcpy(p->date_from, lo, 9);
	if (hi[0] && (!p->date_to[0] || strcmp(hi, p->date_to) < 0))
		memcpy(p->date_to, hi, 9);
}

static int word_date(const tok *t, char lo[9], char hi[9], int month_ok, int year_ok)
{
	return t->type == T_WORD && vq_parse_date(t->s, t->n, lo, hi, month_ok, year_ok);
}

/* "tháng 3 năm 2023" / "tháng 3/2023" / "tháng 3-2023" at toks[i]:
 * returns tokens used (0 when none). */
static size_t month_phrase(const tok *t, size_t n, size_t i, char lo[9], char hi[9])
{
	if (i + 1 >= n || !kw(&t[i], KW_THANG))
		return 0;
	if (word_date(&t[i + 1], lo, hi, 1, 0) && strcmp(lo, hi) != 0)
		return 2;
	long m, y;
	if (i + 3 < n && t[i + 1].type == T_WORD && digits(t[i + 1].s, t[i + 1].n, &m) && m >= 1 &&
	    m <= 12 && kw(&t[i + 2], KW_NAM) && t[i + 3].type == T_WORD && t[i + 3].n == 4 &&
	    digits(t[i + 3].s, 4, &y) && y >= 1900 && y <= 2199) {
		ymd(lo, y, m, 1);
		ymd(hi, y, m, days_in(y, m));
		return 4;
	}
	return 0;
}

/* One date expression at toks[i] that is always a filter; tokens used. */
static size_t hard_date(const tok *t, size_t n, size_t i, char lo[9], char hi[9])
{
	size_t k;
	if ((k = month_phrase(t, n, i, lo, hi)))
		return k;
	if (kw(&t[i], KW_NGAY) && i + 1 < n && word_date(&t[i + 1], lo, hi, 0, 0))
		return 2;
	if (word_date(&t[i], lo, hi, 0, 0))
		return 1;
	return 0;
}

/* Any date expression usable as a range end (full date, month, year). */
static size_t range_end(const tok *t, size_t n, size_t i, char lo[9], char hi[9])
{
	size_t k;
	if ((k = hard_date(t, n, i, lo, hi)))
		return k;
	if (kw(&t[i], KW_NAM) && i + 1 < n && word_date(&t[i + 1], lo, hi, 0, 1))
		return 2;
	if (word_date(&t[i], lo, hi, 1, 1))
		return 1;
	return 0;
}

static int is_free(const tok *t, size_t i)
{
	/* a date right after - / + / NOT belongs to that operator */
	return !(i > 0 && (t[i - 1].type == T_MINUS || t[i - 1].type == T_PLUS || t[i - 1].type == T_NOT));
}

static void take_dates(vq_parsed *p, tok *t, size_t n)
{
	char lo[9], hi[9], lo2[9], hi2[9];
	size_t soft[64], nsoft = 0, soft_len[64];
	for (size_t i = 0; i < n; i++) {
		size_t k, k2;
		if (t[i].type != T_WORD || !is_free(t, i))
			continue;
		if (kw(&t[i], KW_TU) && i + 1 < n && (k = range_end(t, n, i + 1, lo, hi)) &&
		    i + 1 + k < n && kw(&t[i + 1 + k], KW_DEN) &&
		    (k2 = range_end(t, n, i + 2 + k, lo2, hi2))) {
			narrow(p, lo, hi2);
			for (size_t j = i; j < i + 2 + k + k2; j++)
				t[j].type = T_GONE;
			i += 1 + k + k2;
			continue;
		}
		if ((k = hard_date(t, n, i, lo, hi))) {
			narrow(p, lo, hi);
			for (size_t j = i; j < i + k; j++)
				t[j].type = T_GONE;
			i += k - 1;
			continue;
		}
		k = 0;
		if (kw(&t[i], KW_NAM) && i + 1 < n && word_date(&t[i + 1], lo, hi, 0, 1))
			k = 2;
		else if (word_date(&t[i], lo, hi, 1, 0))
			k = 1;
		if (k && nsoft < 64) {
			soft[nsoft] = i;
			soft_len[nsoft++] = k;
			i += k - 1;
		}
	}
	if (!nsoft)
		return;
	/* soft dates are filters only when nothing else is searched for */
	size_t others = 0;
	for (size_t i = 0; i < n; i++)
		if (t[i].type == T_WORD || t[i].type == T_PHRASE ||
		    (t[i].type == T_FIELD && t[i].field == F_TITLE))
			others++;
	size_t in_soft = 0;
	for (size_t s = 0; s < nsoft; s++)
		in_soft += soft_len[s];
	if (others > in_soft)
		return;
	for (size_t s = 0; s < nsoft; s++) {
		size_t i = soft[s];
		const tok *d = &t[i + soft_len[s] - 1];
		if (word_date(d, lo, hi, 1, 1))
			narrow(p, lo, hi);
		for (size_t j = i; j < i + soft_len[s]; j++)
			t[j].type = T_GONE;
	}
}

/* ---- the tree ------------------------------------------------------------ */

static vq_node *node_new(int type)
{
	vq_node *n = calloc(1, sizeof *n);
	if (n)
		n->type = type;
	return n;
}

static void node_free(vq_node *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->nkids; i++)
		node_free(n->kids[i]);
	free(n->kids);
	free(n->text);
	free(n);
}

static int add_kid(vq_node *p, vq_node *k)
{
	vq_node **nk = realloc(p->kids, (p->nkids + 1) * sizeof *nk);
	if (!nk)
		return VN_ENOMEM;
	p->kids = nk;
	p->kids[p->nkids++] = k;
	return 0;
}

static int set_text(vq_node *n, const char *s, size_t len)
{
	n->text = malloc(len + 1);
	if (!n->text)
		return VN_ENOMEM;
	memcpy(n->text, s, len);
	n->text[len] = 0;
	n->len = len;
	return 0;
}

/* Append a word to a TEXT node (space-joined). */
static int append_word(vq_node *n, const char *s, size_t len)
{
	char *t = realloc(n->text, n->len + len + 2);
	if (!t)
		return VN_ENOMEM;
	n->text = t;
	if (n->len)
		n->text[n->len++] = ' ';
	memcpy(n->text + n->len, s, len);
	n->len += len;
	n->text[n->len] = 0;
	return 0;
}

typedef struct parser {
	tok *t;
	size_t n, i;
	vq_parsed *out;
	int error, nomem;
} parser;

static const tok *peek(parser *P)
{
	while (P->i < P->n && P->t[P->i].type == T_GONE)
		P->i++;
	return P->i < P->n ? &P->t[P->i] : NULL;
}

static int set_filter(char **slot, const char *s, size_t n)
{
	char *v = malloc(n + 1);
	if (!v)
		return VN_ENOMEM;
	memcpy(v, s, n);
	v[n] = 0;
	free(*slot);
	*slot = v;
	return 0;
}

static vq_node *parse_or(parser *P, int depth);

/* Returns a node, or NULL with P->error / P->nomem set, or NULL for a
 * filter (which was recorded). *is_filter tells the two NULLs apart. */
static vq_node *parse_primary(parser *P, int depth, int *is_filter)
{
	const tok *t = peek(P);
	*is_filter = 0;
	if (!t) {
		P->error = 1;
		return NULL;
	}
	P->i++;
	switch (t->type) {
	case T_LP: {
		if (depth + 1 > VQ_MAX_DEPTH) {
			P->error = 1;
			return NULL;
		}
		vq_node *n = parse_or(P, depth + 1);
		const tok *r = peek(P);
		if (!n || !r || r->type != T_RP) {
			node_free(n);
			P->error = 1;
			return NULL;
		}
		P->i++;
		return n;
	}
	case T_WORD:
	case T_PHRASE: {
		vq_node *n = node_new(t->type == T_WORD ? VQ_TEXT : VQ_PHRASE);
		if (!n || set_text(n, t->s, t->n)) {
			node_free(n);
			P->nomem = 1;
			return NULL;
		}
		return n;
	}
	case T_FIELD: {
		int rc = 0;
		*is_filter = 1;
		switch (t->field) {
		case F_TITLE: {
			vq_node *n = node_new(t->quoted ? VQ_PHRASE : VQ_TEXT);
			*is_filter = 0;
			if (!n || set_text(n, t->s, t->n)) {
				node_free(n);
				P->nomem = 1;
				return NULL;
			}
			n->field = VQ_FIELD_TITLE;
			return n;
		}
		case F_CATEGORY: rc = set_filter(&P->out->category, t->s, t->n); break;
		case F_SITE: rc = set_filter(&P->out->site, t->s, t->n); break;
		case F_KIND: rc = set_filter(&P->out->kind, t->s, t->n); break;
		case F_LANG: rc = set_filter(&P->out->lang, t->s, t->n); break;
		}
		if (rc)
			P->nomem = 1;
		return NULL;
	}
	default:
		P->error = 1;
		return NULL;
	}
}

static vq_node *parse_and(parser *P, int depth)
{
	vq_node *g = node_new(VQ_AND);
	if (!g) {
		P->nomem = 1;
		return NULL;
	}
	for (;;) {
		const tok *t = peek(P);
		int neg = 0, isf;
		if (!t || t->type == T_RP || t->type == T_OR)
			break;
		if (t->type == T_AND) {
			P->i++;
			if (g->nkids == 0 && !peek(P))
				P->error = 1;
			t = peek(P);
			if (!t || t->type == T_RP || t->type == T_OR || t->type == T_AND) {
				P->error = 1;
				break;
			}
		}
		if (t->type == T_NOT || t->type == T_MINUS) {
			neg = 1;
			P->i++;
		} else if (t->type == T_PLUS) {
			P->i++;
		}
		vq_node *k = parse_primary(P, depth, &isf);
		if (P->error || P->nomem) {
			node_free(k);
			break;
		}
		if (!k)
			continue; /* a filter */
		if (neg)
			k->negated = 1;
		/* plain adjacent words form one run, so bigrams and synonyms see
		 * them together */
		vq_node *last = g->nkids ? g->kids[g->nkids - 1] : NULL;
		if (k->type == VQ_TEXT && !k->negated && last && last->type == VQ_TEXT &&
		    !last->negated && last->field == k->field) {
			int rc = append_word(last, k->text, k->len);
			node_free(k);
			if (rc) {
				P->nomem = 1;
				break;
			}
			continue;
		}
		if (add_kid(g, k)) {
			node_free(k);
			P->nomem = 1;
			break;
		}
	}
	if (P->error || P->nomem) {
		node_free(g);
		return NULL;
	}
	return g;
}

static vq_node *parse_or(parser *P, int depth)
{
	vq_node *o = node_new(VQ_OR);
	if (!o) {
		P->nomem = 1;
		return NULL;
	}
	for (;;) {
		vq_node *a = parse_and(P, depth);
		if (!a) {
			node_free(o);
			return NULL;
		}
		if (add_kid(o, a)) {
			node_free(a);
			node_free(o);
			P->nomem = 1;
			return NULL;
		}
		const tok *t = peek(P);
		if (!t || t->type != T_OR)
			break;
		P->i++;
		if (a->nkids == 0) /* "OR x": no left operand */
			P->error = 1;
		const tok *u = peek(P);
		if (!u || u->type == T_RP || u->type == T_OR)
			P->error = 1;
		if (P->error) {
			node_free(o);
			return NULL;
		}
	}
	return o;
}

/* Drop empty groups, unwrap groups of one and flatten a group inside a
 * group of the same operator. NULL (empty) or the simplified node; on
 * allocation failure *nomem is set and the node is left as it was. */
static vq_node *simplify(vq_node *n, int *nomem)
{
	if (!n || n->type == VQ_TEXT || n->type == VQ_PHRASE)
		return n;
	size_t total = 0;
	for (size_t i = 0; i < n->nkids; i++) {
		n->kids[i] = simplify(n->kids[i], nomem);
		if (n->kids[i])
			total += (n->kids[i]->type == n->type && !n->kids[i]->negated) ? n->kids[i]->nkids : 1;
	}
	vq_node **nk = total ? malloc(total * sizeof *nk) : NULL;
	if (total && !nk) {
		*nomem = 1;
		return n;
	}
	size_t w = 0;
	for (size_t i = 0; i < n->nkids; i++) {
		vq_node *k = n->kids[i];
		if (!k)
			continue;
		if (k->type == n->type && !k->negated) {
			for (size_t j = 0; j < k->nkids; j++)
				nk[w++] = k->kids[j];
			k->nkids = 0;
			node_free(k);
		} else {
			nk[w++] = k;
		}
	}
	free(n->kids);
	n->kids = nk;
	n->nkids = w;
	if (w == 0) {
		node_free(n);
		return NULL;
	}
	if (w == 1) {
		vq_node *k = n->kids[0];
		if (n->negated)
			k->negated = !k->negated;
		n->nkids = 0;
		node_free(n);
		return k;
	}
	return n;
}

static size_t count_words(const char *s, size_t n)
{
	size_t c = 0;
	int in = 0;
	for (size_t i = 0; i < n; i++) {
		int sp = (unsigned char)s[i] <= 0x20;
		if (!sp && !in)
			c++;
		in = !sp;
	}
	return c;
}

/* max_terms: words past the cap are dropped (phrases count their words). */
static int cap_terms(tok *t, size_t n, size_t max_terms, size_t *kept)
{
	size_t c = 0;
	int cut = 0;
	for (size_t i = 0; i < n; i++) {
		if (t[i].type != T_WORD && t[i].type != T_PHRASE &&
		    !(t[i].type == T_FIELD && t[i].field == F_TITLE))
			continue;
		size_t w = count_words(t[i].s, t[i].n);
		if (c + w > max_terms) {
			t[i].type = T_GONE;
			cut = 1;
			continue;
		}
		c += w;
	}
	*kept = c;
	return cut;
}

static int run(vq_parsed *out, const char *q, size_t n, size_t max_terms, int plain)
{
	lexer L = { 0 };
	int rc = lex(&L, q, n, plain);
	if (rc) {
		free(L.toks);
		return rc;
	}
	take_dates(out, L.toks, L.n);
	if (cap_terms(L.toks, L.n, max_terms, &out->nwords))
		out->truncated = 1;
	parser P = { L.toks, L.n, 0, out, L.error && !plain, 0 };
	vq_node *root = NULL;
	if (!P.error) {
		root = parse_or(&P, 0);
		if (!P.error && !P.nomem && peek(&P))
			P.error = 1; /* a stray ")" */
	}
	free(L.toks);
	if (P.nomem) {
		node_free(root);
		return VN_ENOMEM;
	}
	if (P.error) {
		node_free(root);
		return 1;
	}
	int nomem = 0;
	out->root = simplify(root, &nomem);
	if (nomem)
		return VN_ENOMEM;
	/* a query of only negations ("-covid", "NOT bão lũ") is kept: the
	 * engine browses every article but those */
	return 0;
}

int vq_parse(vq_parsed *out, const char *q, size_t n, size_t max_terms)
{
	memset(out, 0, sizeof *out);
	if (max_terms == 0)
		max_terms = 32;
	int rc = run(out, q, n, max_terms, 0);
	if (rc == 1) {
		vq_parsed_free(out);
		memset(out, 0, sizeof *out);
		rc = run(out, q, n, max_terms, 1);
		if (rc == 1)
			rc = 0;
		out->syntax_error = 1;
	}
	if (rc < 0)
		vq_parsed_free(out);
	return rc;
}

void vq_parsed_free(vq_parsed *p)
{
	if (!p)
		return;
	node_free(p->root);
	free(p->category);
	free(p->site);
	free(p->kind);
	free(p->lang);
	p->root = NULL;
	p->category = p->site = p->kind = p->lang = NULL;
}

/* ---- canonical text ------------------------------------------------------- */

static int to_string(const vq_node *n, vn_buf *b, int top)
{
	int rc = 0;
	if (n->negated)
		rc |= vn_buf_putc(b, '-');
	if (n->type == VQ_TEXT || n->type == VQ_PHRASE) {
		if (n->field == VQ_FIELD_TITLE)
			rc |= vn_buf_puts(b, "title:");
		if (n->type == VQ_PHRASE)
			rc |= vn_buf_putc(b, '"');
		rc |= vn_buf_append(b, n->text, n->len);
		if (n->type == VQ_PHRASE)
			rc |= vn_buf_putc(b, '"');
		return rc ? VN_ENOMEM : 0;
	}
	int paren = !top || n->negated;
	if (paren)
		rc |= vn_buf_putc(b, '(');
	for (size_t i = 0; i < n->nkids; i++) {
		if (i)
			rc |= vn_buf_puts(b, n->type == VQ_OR ? " OR " : " ");
		rc |= to_string(n->kids[i], b, 0);
	}
	if (paren)
		rc |= vn_buf_putc(b, ')');
	return rc ? VN_ENOMEM : 0;
}

static int put_filter(vn_buf *b, const char *name, const char *v)
{
	int rc = 0;
	if (!v)
		return 0;
	if (b->len)
		rc |= vn_buf_putc(b, ' ');
	rc |= vn_buf_printf(b, "%s:", name);
	if (strchr(v, ' '))
		rc |= vn_buf_printf(b, "\"%s\"", v);
	else
		rc |= vn_buf_puts(b, v);
	return rc ? VN_ENOMEM : 0;
}

static int put_date(vn_buf *b, const char *d)
{
	return vn_buf_printf(b, "%.2s/%.2s/%.4s", d + 6, d + 4, d);
}

int vq_to_string(const vq_parsed *p, vn_buf *out)
{
	int rc = 0;
	if (p->root)
		rc |= to_string(p->root, out, 1);
	rc |= put_filter(out, "category", p->category);
	rc |= put_filter(out, "site", p->site);
	rc |= put_filter(out, "kind", p->kind);
	rc |= put_filter(out, "lang", p->lang);
	if (p->date_from[0] || p->date_to[0]) {
		if (out->len)
			rc |= vn_buf_putc(out, ' ');
		if (p->date_from[0] && p->date_to[0] && strcmp(p->date_from, p->date_to) == 0) {
			rc |= put_date(out, p->date_from);
		} else {
			if (p->date_from[0]) {
				rc |= vn_buf_puts(out, "từ ");
				rc |= put_date(out, p->date_from);
			}
			if (p->date_to[0]) {
				rc |= vn_buf_puts(out, p->date_from[0] ? " đến " : "đến ");
				rc |= put_date(out, p->date_to);
			}
		}
	}
	return rc ? VN_ENOMEM : 0;
}
