/*
 * article_date.c — dates as Vietnamese portals write them: day first
 * ("21/03/2023", "21/3/2023", "21-03-2023", "21.03.2023") or ISO
 * ("2023-03-21"), optionally followed by a time ("21/03/2023 08:30",
 * "2023-03-21T08:30:00+07:00"); vn_article__find_date also reads the
 * written form "ngày 21 tháng 3 năm 2023".
 */
#include <string.h>

#include "vn_article_int.h"

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int d[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && leap(y) ? 29 : d[m - 1];
}

/* Reads 1..max digits at s[*i]; returns the value or -1. */
static int digits(const char *s, size_t n, size_t *i, size_t minlen, size_t maxlen)
{
	size_t k = 0;
	int v = 0;
	while (*i + k < n && k < maxlen && is_digit((unsigned char)s[*i + k])) {
		v = v * 10 + (s[*i + k] - '0');
		k++;
	}
	if (k < minlen || (*i + k < n && is_digit((unsigned char)s[*i + k])))
		return -1;
	*i += k;
	return v;
}

static int valid_ymd(int y, int m, int d)
{
	return y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

static void format_ymd(char out[11], int y, int m, int d)
{
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

/*
 * Matches one date at s[*i]. Returns 1 (valid; *i past it), 0 (no date
 * shape here) or -1 (a date shape with an impossible day, e.g. 31/02/2023).
 */
static int match_date(char out[11], const char *s, size_t n, size_t *i)
{
	size_t p = *i;
	int a = digits(s, n, &p, 1, 4);
	if (a < 0 || p >= n)
		return 0;
	size_t alen = p - *i;
	char sep = s[p];
	if (sep != '/' && sep != '-' && sep != '.')
		return 0;
	p++;
	int b = digits(s, n, &p, 1, 2);
	if (b < 0 || p >= n || s[p] != sep)
		return 0;
	p++;
	int y, m, d;
	if (alen == 4) {
		/* ISO order: yyyy-mm-dd (also with / or .) */
		int c = digits(s, n, &p, 1, 2);
		if (c < 0)
			return 0;
		y = a, m = b, d = c;
	} else if (alen <= 2) {
		size_t q = p;
		int c = digits(s, n, &q, 4, 4);
		if (c < 0)
			return 0;
		p = q;
		y = c, m = b, d = a;
	} else {
		return 0;
	}
	*i = p;
	if (!valid_ymd(y, m, d))
		return -1;
	format_ymd(out, y, m, d);
	return 1;
}

/* A time after the date: [T ]HH:MM then anything made of time characters. */
static int time_suffix_ok(const char *s, size_t n)
{
	if (n == 0)
		return 1;
	if (s[0] != 'T' && s[0] != 't' && s[0] != ' ')
		return 0;
	size_t i = 1;
	while (i < n && s[i] == ' ')
		i++;
	if (n - i < 4 || !is_digit((unsigned char)s[i]))
		return 0;
	for (; i < n; i++) {
		char c = s[i];
		if (!is_digit((unsigned char)c) && !strchr(":.+-Z zhHgG", c))
			return 0;
	}
	return 1;
}

int vn_article_parse_date(char out[11], const char *s, size_t n)
{
	if (!out || !s)
		return VN_EINVAL;
	vn_article__trim(&s, &n);
	size_t i = 0;
	char tmp[11];
	if (match_date(tmp, s, n, &i) != 1 || !time_suffix_ok(s + i, n - i))
		return VN_EINVAL;
	memcpy(out, tmp, 11);
	return 0;
}

/* The word w at s[*i] ("Ngày" or "ngày"), then white space. */
static int word_then_space(const char *s, size_t n, size_t *i, const char *w)
{
	size_t k = vn_article__label_at(s + *i, n - *i, w);
	if (!k)
		return 0;
	size_t p = vn_article__skip_spaces(s, n, *i + k);
	if (p == *i + k)
		return 0;
	*i = p;
	return 1;
}

/* "ngày 21 tháng 3 năm 2023", as documents and many portals write a date. */
static int match_written_date(char out[11], const char *s, size_t n, size_t *i)
{
	size_t p = *i;
	if (!word_then_space(s, n, &p, "ngày"))
		return 0;
	int d = digits(s, n, &p, 1, 2);
	if (d >= 0)
		p = vn_article__skip_spaces(s, n, p);
	if (d < 0 || !word_then_space(s, n, &p, "tháng"))
		return 0;
	int m = digits(s, n, &p, 1, 2);
	if (m >= 0)
		p = vn_article__skip_spaces(s, n, p);
	if (m < 0 || !word_then_space(s, n, &p, "năm"))
		return 0;
	int y = digits(s, n, &p, 4, 4);
	if (y < 0)
		return 0;
	*i = p;
	if (!valid_ymd(y, m, d))
		return -1;
	format_ymd(out, y, m, d);
	return 1;
}

int vn_article__find_date(char out[11], const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		if (!is_digit((unsigned char)s[i]) || (i > 0 && is_digit((unsigned char)s[i - 1]))) {
			i++;
			continue;
		}
		size_t j = i;
		if (match_date(out, s, n, &j) == 1)
			return 0;
		/* skip the whole digit run so "123/4/2023" is not read as 23/4/2023 */
		while (i < n && is_digit((unsigned char)s[i]))
			i++;
	}
	for (i = 0; i < n; i++) {
		size_t j = i;
		if ((s[i] | 0x20) == 'n' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == ',' || s[i - 1] == '(') &&
		    match_written_date(out, s, n, &j) == 1)
			return 0;
	}
	return VN_ENOTFOUND;
}

int vn_article__unix_date(char out[11], long long v)
{
	if (v > 100000000000LL)
		v /= 1000;
	if (v < 631152000LL || v > 4102444800LL)
		return 0;
	long long days = (v + 7 * 3600) / 86400;
	/* civil date from days since 1970-01-01 (proleptic Gregorian) */
	long long z = days + 719468, era = z / 146097;
	long long doe = z - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long long mp = (5 * doy + 2) / 153;
	int d = (int)(doy - (153 * mp + 2) / 5 + 1), m = (int)(mp < 10 ? mp + 3 : mp - 9);
	format_ymd(out, (int)(yoe + era * 400 + (m <= 2)), m, d);
	return 1;
}
