/* test_text_diff.c — the fast paths of the text core (16-byte simple-word
 * scan, word cache, batched words) against the general path they shortcut
 * (vn__text_set_reference): every token field and vn_text_normalize's two
 * outputs must be identical, on generated text built from the pieces the
 * fast paths branch on, and on titles and bodies of ../shared/corpus when it
 * is there. Also checks the simple-word scan at every offset. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include <zlib.h>

#include "vn_text.h"
#include "vn_text_test.h"

static int dump_tok(const vn_token *t, void *payload)
{
	vn_buf *b = payload;
	char head[128];
	int k = snprintf(head, sizeof head, "%zu+%zu@%u/%x|", t->offset, t->length, t->position, t->flags);
	if (vn_buf_append(b, head, (size_t)k) || vn_buf_append(b, t->exact, t->exact_len) ||
	    vn_buf_putc(b, '|') || vn_buf_append(b, t->tonefree, t->tonefree_len) || vn_buf_putc(b, '|') ||
	    vn_buf_append(b, t->key, t->key_len) || vn_buf_putc(b, '|') ||
	    (t->stem && vn_buf_append(b, t->stem, t->stem_len)) || vn_buf_putc(b, '\n'))
		return 1;
	return 0;
}

static vn_text *fast_vi, *ref_vi, *fast_en, *ref_en;
static unsigned long texts, tokens_bytes;

static int same_buf(const char *what, const vn_buf *a, const vn_buf *b, const char *s, size_t n)
{
	if (a->len == b->len && (!a->len || !memcmp(a->data, b->data, a->len)))
		return 1;
	fprintf(stderr, "%s differs on %zu bytes: \"%.*s\"\nfast:\n%.*s\nreference:\n%.*s\n", what, n,
		(int)(n < 300 ? n : 300), s, (int)(a->len < 2000 ? a->len : 2000), a->data,
		(int)(b->len < 2000 ? b->len : 2000), b->data);
	return 0;
}

static int check_one(vn_text *f, vn_text *r, const char *s, size_t n)
{
	vn_buf a = VN_BUF_INIT, b = VN_BUF_INIT, c1 = VN_BUF_INIT, k1 = VN_BUF_INIT, c2 = VN_BUF_INIT,
	       k2 = VN_BUF_INIT;
	int ok = vn_text_tokenize(f, s, n, 7, dump_tok, &a) == 0 && vn_text_tokenize(r, s, n, 7, dump_tok, &b) == 0 &&
		 vn_text_normalize(f, s, n, &c1, &k1) == 0 && vn_text_normalize(r, s, n, &c2, &k2) == 0;
	if (!ok)
		fprintf(stderr, "test_text_diff: a call failed\n");
	ok = ok && same_buf("tokens", &a, &b, s, n) && same_buf("CANONICAL", &c1, &c2, s, n) &&
	     same_buf("KEY", &k1, &k2, s, n);
	tokens_bytes += a.len;
	vn_buf_free(&a);
	vn_buf_free(&b);
	vn_buf_free(&c1);
	vn_buf_free(&k1);
	vn_buf_free(&c2);
	vn_buf_free(&k2);
	return ok;
}

static int check_text(const char *s, size_t n);

/* s read as Latin-1 and written as UTF-8 again: UTF-8 decoded twice, which
 * the repair step undoes (tokens then carry offsets through its map). */
static int check_double(const char *s, size_t n)
{
	vn_buf d = VN_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)s[i];
		if (b < 0x80 ? vn_buf_putc(&d, (char)b) : vn_buf_put_utf8(&d, b)) {
			vn_buf_free(&d);
			return 0;
		}
	}
	int ok = check_text(d.data ? d.data : "", d.len);
	vn_buf_free(&d);
	return ok;
}

static int check(const char *s, size_t n)
{
	return check_text(s, n) && (texts % 4 != 1 || check_double(s, n < 3000 ? n : 3000));
}

static int check_text(const char *s, size_t n)
{
	texts++;
	size_t bad = vn__text_simple_len_check(s, n);
	if (bad) {
		fprintf(stderr, "simple-word scan differs at %zu offsets of \"%.*s\"\n", bad, (int)n, s);
		return 0;
	}
	return check_one(fast_vi, ref_vi, s, n) && check_one(fast_en, ref_en, s, n);
}

static const char *const pieces[] = {
	" ", " ", " ", "  ", ".", ". ", ",", "-", "/", "\n", "\t", "\xC2\xA0", "\xE2\x80\x93", "\xE2\x80\x9C",
	"\xE2\x80\x9D", "\xE2\x80\xA6", "\xE2\x80\x8B", "\xC2\xAD", "(", ")", ":", "?", "!",
	"a", "b", "ng", "nh", "tr", "qu", "gi", "x", "Z", "e", "o", "u", "y", "i", "1", "2", "0", "9",
	"\xC3\xA0", "\xC3\xA1", "\xC3\xA2", "\xC3\xAA", "\xC3\xB4", "\xC3\x90", "\xC3\xB0", "\xC4\x91",
	"\xC4\x90", "\xC6\xB0", "\xC6\xA1", "\xC6\xAF", "\xC4\x83", "\xE1\xBB\x87", "\xE1\xBA\xA1",
	"\xE1\xBB\xA7", "\xE1\xBB\xB9", "\xE1\xBA\xA0", "\xE1\xBB\x9D", "\xCC\x81", "\xCC\x82", "\xCC\x80",
	"\xCC\xA3", "\xCC\x9B", "\xEF\xBC\xA1", "\xEF\xBC\x91", "\xC3\xA9", "\xC3\xB6", "\xC3\xA7", "\xC3\xB1",
	"\xC5\x93", "\xCE\xB1", "\xD0\x96", "\xE4\xB8\xAD", "\xF0\x9F\x98\x80", "\xFF", "\x80", "\xE1\xBB",
	"hoa\xCC\x80", "thu\xCC\x89y", "qu\xC3\xBD", "g\xC3\xAC" "a", "ng\xC6\xB0\xE1\xBB\x9Di", "TP.HCM",
	"1.234.567", "3,5", "30/2020/N\xC4\x90-CP", "iPhone", "festivals", "running",
	"nghi\xC3\xAAng", "Vi\xE1\xBB\x87t", "aaaaaaaaaaaaaaaaaaaa", "\xE1\xBB\x87\xE1\xBB\x87\xE1\xBB\x87\xE1\xBB\x87\xE1\xBB\x87\xE1\xBB\x87",
};

static uint64_t rng = 0x2545F4914F6CDD1Dull;
static unsigned next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng >> 32);
}

static int generated(void)
{
	char buf[1024];
	const size_t np = sizeof pieces / sizeof *pieces;
	for (int round = 0; round < 40000; round++) {
		size_t n = 0, want = next_rand() % 200;
		while (n < want) {
			/* words of several pieces, so that they reach 16 bytes and more */
			const char *p = pieces[next_rand() % np];
			size_t k = strlen(p);
			if (n + k > sizeof buf)
				break;
			memcpy(buf + n, p, k);
			n += k;
		}
		if (!check(buf, n))
			return 0;
	}
	return 1;
}

static int corpus(const char *dir)
{
	const char *names[] = { "news-00001.jsonl.gz", "news-00006.jsonl.gz", NULL };
	char path[4096];
	int any = 0;
	static char line[1 << 21];
	for (int f = 0; names[f]; f++) {
		snprintf(path, sizeof path, "%s/corpus/%s", dir, names[f]);
		gzFile g = gzopen(path, "rb");
		if (!g)
			continue;
		any = 1;
		unsigned docs = 0;
		while (gzgets(g, line, sizeof line) && docs < 400) {
			json_t *d = json_loads(line, 0, NULL);
			if (!d)
				continue;
			docs++;
			const char *keys[] = { "title", "body" };
			for (int k = 0; k < 2; k++) {
				json_t *v = json_object_get(d, keys[k]);
				if (!json_is_string(v))
					continue;
				if (!check(json_string_value(v), json_string_length(v))) {
					json_decref(d);
					gzclose(g);
					return 0;
				}
			}
			json_decref(d);
		}
		gzclose(g);
	}
	if (!any)
		fprintf(stderr, "test_text_diff: no corpus in %s/corpus, generated text only\n", dir);
	return 1;
}

int main(int argc, char **argv)
{
	const char *shared = argc > 1 ? argv[1] : VN_SHARED_DIR;
	vn_error err = VN_ERROR_INIT;
	if (vn_text_new(&fast_vi, NULL, &err) || vn_text_new(&ref_vi, NULL, &err) ||
	    vn_text_new(&fast_en, "en", &err) || vn_text_new(&ref_en, "en", &err)) {
		fprintf(stderr, "test_text_diff: %s\n", err.msg);
		return 1;
	}
	vn__text_set_reference(ref_vi, 1);
	vn__text_set_reference(ref_en, 1);
	int ok = generated() && corpus(shared);
	vn_text_free(fast_vi);
	vn_text_free(ref_vi);
	vn_text_free(fast_en);
	vn_text_free(ref_en);
	if (!ok)
		return 1;
	if (tokens_bytes < 100000) {
		fprintf(stderr, "test_text_diff: too few tokens compared (%lu bytes)\n", tokens_bytes);
		return 1;
	}
	printf("text diff: %lu texts, fast == reference\n", texts);
	return 0;
}
