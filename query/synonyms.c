/*
 * synonyms.c — the operator's abbreviation list (query/synonyms.txt):
 * each line is a group of equivalent forms, "UBND = Ủy ban nhân dân",
 * "TP.HCM | TPHCM = Thành phố Hồ Chí Minh". Every form is folded with the
 * text core's key (facts §8: the lists are đ-folded, so matching runs on
 * keys), so "ubnd", "UBND" and "Uỷ ban nhân dân" all find the group.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vn_query_int.h"
#include "vn_text.h"

/* One bit per word of a space-joined key (FNV-1a of the word, mod 64). */
static uint64_t word_bits(const char *s, size_t n)
{
	uint64_t bits = 0;
	for (size_t i = 0; i < n;) {
		uint32_t h = 2166136261u;
		while (i < n && s[i] == ' ')
			i++;
		if (i == n)
			break;
		while (i < n && s[i] != ' ')
			h = (h ^ (unsigned char)s[i++]) * 16777619u;
		bits |= (uint64_t)1 << (h % 64);
	}
	return bits;
}

/* shown: the form as written, kept for a one-word key (may be NULL) */
static int add_alt(vq_syn_group *g, const char *key, size_t n, const char *shown, size_t sn)
{
	if (n == 0)
		return 0;
	for (size_t i = 0; i < g->nalts; i++)
		if (strlen(g->alts[i]) == n && memcmp(g->alts[i], key, n) == 0)
			return 0;
	char **na = realloc(g->alts, (g->nalts + 1) * sizeof *na);
	if (!na)
		return VN_ENOMEM;
	g->alts = na;
	uint64_t *nw = realloc(g->words, (g->nalts + 1) * sizeof *nw);
	if (!nw)
		return VN_ENOMEM;
	g->words = nw;
	char **ns = realloc(g->shown, (g->nalts + 1) * sizeof *ns);
	if (!ns)
		return VN_ENOMEM;
	g->shown = ns;
	char *s = strndup(key, n);
	char *sh = shown && sn && !memchr(key, ' ', n) ? strndup(shown, sn) : NULL;
	if (!s || (shown && sn && !memchr(key, ' ', n) && !sh)) {
		free(s);
		return VN_ENOMEM;
	}
	g->words[g->nalts] = word_bits(s, n);
	g->shown[g->nalts] = sh;
	g->alts[g->nalts++] = s;
	return 0;
}

static void group_free(vq_syn_group *g)
{
	for (size_t i = 0; i < g->nalts; i++) {
		free(g->alts[i]);
		free(g->shown ? g->shown[i] : NULL);
	}
	free(g->alts);
	free(g->words);
	free(g->shown);
}

static int parse_line(vq_synonyms *out, vn_text *t, const char *s, size_t n, vn_buf *key)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	if (n == 0 || *s == '#')
		return 0;
	if (!memchr(s, '=', n) && !memchr(s, '|', n))
		return 0; /* malformed: no second form */
	vq_syn_group g = { NULL, 0, 0, NULL, NULL };
	size_t start = 0;
	int rc = 0;
	for (size_t i = 0; i <= n && !rc; i++) {
		if (i < n && s[i] != '=' && s[i] != '|')
			continue;
		if ((rc = vn_text_key(t, s + start, i - start, key)))
			break;
		/* kept as written (made canonical when shown: most lists are
		 * never shown, and the list is read at every engine open) */
		const char *shown = s + start;
		size_t sn = i - start;
		while (sn && (*shown == ' ' || *shown == '\t'))
			shown++, sn--;
		while (sn && (shown[sn - 1] == ' ' || shown[sn - 1] == '\t'))
			sn--;
		rc = add_alt(&g, key->data ? key->data : "", key->len, shown, sn);
		start = i + 1;
	}
	g.nown = g.nalts;
	if (!rc && g.nalts >= 2) {
		vq_syn_group *ng = realloc(out->groups, (out->ngroups + 1) * sizeof *ng);
		if (!ng) {
			rc = VN_ENOMEM;
		} else {
			out->groups = ng;
			out->groups[out->ngroups++] = g;
			return 0;
		}
	}
	group_free(&g);
	return rc;
}

/* 1 when the words of a (al bytes) stand together inside the longer b ("mat
 * tran to quoc" in "uy ban mat tran to quoc"). */
static int words_inside(const char *a, size_t al, const char *b)
{
	size_t bl = strlen(b);
	if (al >= bl)
		return 0;
	for (const char *p = b; (p = strstr(p, a)) != NULL; p++)
		if ((p == b || p[-1] == ' ') && (p[al] == 0 || p[al] == ' '))
			return 1;
	return 0;
}

/* A body's abbreviation is also found by the name of the body it belongs
 * to: where a multi-word form of group A stands inside a longer form of
 * group B (MTTQ = "Mặt trận Tổ quốc" inside UBMTTQ = "Ủy ban Mặt trận Tổ
 * quốc"), A gains B's one-word forms, so "Mặt trận Tổ quốc" and "MTTQ" also
 * find articles that only write "UBMTTQ". Not the other way round: UBMTTQ
 * stays as narrow as it was. */
static int link_narrower(vq_synonyms *out)
{
	size_t ng = out->ngroups;
	/* Most pairs differ in some word: the word bits of an alternative, and
	 * of a whole group (the union of its alternatives'), rule them out
	 * before any string is compared (the list is read at every engine
	 * open, once per plain-CGI request). */
	uint64_t *any = calloc(ng ? ng : 1, sizeof *any);
	if (!any)
		return VN_ENOMEM;
	for (size_t g = 0; g < ng; g++)
		for (size_t j = 0; j < out->groups[g].nalts; j++)
			any[g] |= out->groups[g].words[j];
	int rc = 0;
	for (size_t a = 0; a < ng && !rc; a++) {
		vq_syn_group *ga = &out->groups[a];
		for (size_t i = 0; i < ga->nown && !rc; i++) {
			if (!strchr(ga->alts[i], ' '))
				continue;
			uint64_t need = ga->words[i];
			size_t al = strlen(ga->alts[i]);
			for (size_t b = 0; b < ng && !rc; b++) {
				const vq_syn_group *gb = &out->groups[b];
				int inside = 0;
				if (b == a || (any[b] & need) != need)
					continue;
				for (size_t j = 0; j < gb->nalts && !inside; j++)
					inside = (gb->words[j] & need) == need &&
						 words_inside(ga->alts[i], al, gb->alts[j]);
				for (size_t j = 0; inside && j < gb->nalts && !rc; j++) {
					if (strchr(gb->alts[j], ' '))
						continue;
					rc = add_alt(ga, gb->alts[j], strlen(gb->alts[j]), NULL, 0);
					if (!rc)
						any[a] |= ga->words[ga->nalts - 1];
				}
			}
		}
	}
	free(any);
	return rc;
}

int vq_synonyms_parse(vq_synonyms *out, vn_text *t, const char *s, size_t n, vn_error *err)
{
	vn_buf key = VN_BUF_INIT;
	size_t start = 0;
	int rc = 0;
	for (size_t i = 0; i <= n && !rc; i++) {
		if (i < n && s[i] != '\n')
			continue;
		size_t len = i - start;
		if (len && s[start + len - 1] == '\r')
			len--;
		rc = parse_line(out, t, s + start, len, &key);
		start = i + 1;
	}
	vn_buf_free(&key);
	if (!rc)
		rc = link_narrower(out);
	if (rc)
		return vn_error_set(err, rc, "synonyms: %s", vn_strerror(rc));
	return 0;
}

int vq_synonyms_load(vq_synonyms *out, vn_text *t, const char *path, vn_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return vn_error_set(err, errno == ENOENT ? VN_ENOTFOUND : VN_EIO, "%s: %s", path,
				    strerror(errno));
	vn_buf b = VN_BUF_INIT;
	char chunk[4096];
	size_t r;
	int rc = 0;
	while ((r = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b.len + r > (1u << 20)) {
			rc = vn_error_set(err, VN_ERANGE, "%s: synonym list larger than 1 MiB", path);
			break;
		}
		if (vn_buf_append(&b, chunk, r)) {
			rc = vn_error_set(err, VN_ENOMEM, "%s: out of memory", path);
			break;
		}
	}
	if (!rc && ferror(f))
		rc = vn_error_set(err, VN_EIO, "%s: read error", path);
	fclose(f);
	if (!rc)
		rc = vq_synonyms_parse(out, t, b.data ? b.data : "", b.len, err);
	vn_buf_free(&b);
	return rc;
}

void vq_synonyms_free(vq_synonyms *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->ngroups; i++)
		group_free(&s->groups[i]);
	free(s->groups);
	s->groups = NULL;
	s->ngroups = 0;
}

/* Tokens of alt matching keys[i..]: count, or 0. */
static size_t alt_match(const char *alt, char *const *keys, size_t nkeys, size_t i)
{
	size_t k = 0;
	const char *p = alt;
	while (*p) {
		const char *e = strchr(p, ' ');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (i + k >= nkeys || strlen(keys[i + k]) != len || memcmp(keys[i + k], p, len) != 0)
			return 0;
		k++;
		p += len;
		if (*p == ' ')
			p++;
	}
	return k;
}

size_t vq_synonyms_match(const vq_synonyms *s, char *const *keys, size_t nkeys, size_t i,
			 const vq_syn_group **g)
{
	size_t best = 0;
	int best_own = 0;
	*g = NULL;
	for (size_t gi = 0; gi < s->ngroups; gi++)
		for (size_t a = 0; a < s->groups[gi].nalts; a++) {
			size_t k = alt_match(s->groups[gi].alts[a], keys, nkeys, i);
			int own = a < s->groups[gi].nown;
			if (k > best || (k && k == best && own && !best_own)) {
				best = k;
				best_own = own;
				*g = &s->groups[gi];
			}
		}
	return best;
}

const char *vq_synonyms_shown(const vq_synonyms *s, const char *key)
{
	for (size_t gi = 0; s && gi < s->ngroups; gi++) {
		const vq_syn_group *g = &s->groups[gi];
		for (size_t a = 0; a < g->nown; a++)
			if (g->shown[a] && strcmp(g->alts[a], key) == 0)
				return g->shown[a];
	}
	return NULL;
}
