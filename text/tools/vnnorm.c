/*
 * vnnorm — normalise Vietnamese text line by line (vn_text.h).
 * Prints CANONICAL<TAB>KEY per input line, or every token with --tokens.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vn_text.h"

static void usage(FILE *f)
{
	fputs("usage: vnnorm [--tokens] [--lang LANG] < text\n"
	      "\n"
	      "For every input line prints CANONICAL<TAB>KEY:\n"
	      "  CANONICAL  legacy encodings repaired (also lines that are not UTF-8: raw\n"
	      "             TCVN3, VNI, Windows-1258), Ð→Đ, marks in order, NFC, new-style\n"
	      "             tones (hoà, thuỷ); case, spaces and punctuation kept\n"
	      "  KEY        the tokens without any mark, đ→d, lower case, one space apart\n"
	      "\n"
	      "options:\n"
	      "  --tokens     print one line per token instead:\n"
	      "               OFFSET LENGTH POSITION FLAGS EXACT TONEFREE KEY [STEM]\n"
	      "               (tab-separated; OFFSET/LENGTH are bytes of the input line;\n"
	      "               FLAGS: S sentence, C clause, N number, V syllable,\n"
	      "               M marked, A all caps, K capital, - none); a blank line\n"
	      "               ends each input line\n"
	      "  --lang LANG  language of the text: vi (default) or a Snowball language\n"
	      "               (en, fr, ...) to add stemmed forms\n"
	      "  --help       this text\n"
	      "\n"
	      "examples:\n"
	      "  echo 'Ủy ban  nhân dân TP.HCM' | vnnorm\n"
	      "      Uỷ ban  nhân dân TP.HCM\tuy ban nhan dan tp hcm\n"
	      "  echo 'Số 30/2020/NĐ-CP' | vnnorm --tokens\n"
	      "  echo 'festivals' | vnnorm --tokens --lang en\n",
	      f);
}

struct out {
	vn_buf *b;
};

static void put_flags(vn_buf *b, unsigned f)
{
	static const struct { unsigned bit; char c; } names[] = {
		{ VN_TOK_SENTENCE, 'S' }, { VN_TOK_CLAUSE, 'C' }, { VN_TOK_NUMBER, 'N' },
		{ VN_TOK_SYLLABLE, 'V' }, { VN_TOK_MARKED, 'M' }, { VN_TOK_ALLCAPS, 'A' },
		{ VN_TOK_CAPITAL, 'K' },
	};
	size_t before = b->len;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (f & names[i].bit)
			vn_buf_putc(b, names[i].c);
	if (b->len == before)
		vn_buf_putc(b, '-');
}

static int tok_cb(const vn_token *t, void *payload)
{
	vn_buf *b = payload;
	int rc = vn_buf_printf(b, "%zu\t%zu\t%u\t", t->offset, t->length, (unsigned)t->position);
	if (rc)
		return rc;
	put_flags(b, t->flags);
	vn_buf_putc(b, '\t');
	vn_buf_append(b, t->exact, t->exact_len);
	vn_buf_putc(b, '\t');
	vn_buf_append(b, t->tonefree, t->tonefree_len);
	vn_buf_putc(b, '\t');
	vn_buf_append(b, t->key, t->key_len);
	if (t->stem) {
		vn_buf_putc(b, '\t');
		vn_buf_append(b, t->stem, t->stem_len);
	}
	return vn_buf_putc(b, '\n');
}

int main(int argc, char **argv)
{
	int tokens = 0;
	const char *lang = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--tokens")) {
			tokens = 1;
		} else if (!strcmp(argv[i], "--lang")) {
			if (++i >= argc) {
				fputs("vnnorm: --lang needs a language (vi, en, fr, ...)\n", stderr);
				return 2;
			}
			lang = argv[i];
		} else if (!strncmp(argv[i], "--lang=", 7)) {
			lang = argv[i] + 7;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return 0;
		} else {
			fprintf(stderr, "vnnorm: unknown argument \"%s\" (try --help)\n", argv[i]);
			return 2;
		}
	}
	vn_error err = VN_ERROR_INIT;
	vn_text *t;
	if (vn_text_new(&t, lang, &err)) {
		fprintf(stderr, "vnnorm: %s\n", err.msg);
		return 2;
	}
	vn_buf out = VN_BUF_INIT, a = VN_BUF_INIT, k = VN_BUF_INIT, raw = VN_BUF_INIT;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int rc = 0;
	while ((len = getline(&line, &cap, stdin)) >= 0) {
		size_t n = (size_t)len;
		if (n && line[n - 1] == '\n')
			n--;
		if (tokens) {
			rc = vn_text_tokenize(t, line, n, 0, tok_cb, &out);
			if (!rc)
				rc = vn_buf_putc(&out, '\n');
		} else {
			/* a line that is not UTF-8 is read in its pre-Unicode code
			 * page (raw TCVN3, VNI, Windows-1258) */
			const char *s = line;
			if (!vn_utf8_valid(line, n)) {
				rc = vn_text_decode_bytes(line, n, &raw, NULL);
				if (rc)
					goto failed;
				s = raw.data ? raw.data : "";
				n = raw.len;
			}
			rc = vn_text_normalize(t, s, n, &a, &k);
			if (!rc)
				rc = vn_buf_append(&out, a.data, a.len);
			if (!rc)
				rc = vn_buf_putc(&out, '\t');
			if (!rc)
				rc = vn_buf_append(&out, k.data, k.len);
			if (!rc)
				rc = vn_buf_putc(&out, '\n');
		}
	failed:
		if (rc) {
			fprintf(stderr, "vnnorm: %s\n", vn_strerror(rc));
			break;
		}
		if (out.len >= (1u << 16)) {
			if (fwrite(out.data, 1, out.len, stdout) != out.len)
				break;
			vn_buf_clear(&out);
		}
	}
	if (!rc && out.len && fwrite(out.data, 1, out.len, stdout) != out.len)
		rc = VN_EIO;
	if (!rc && ferror(stdin)) {
		fprintf(stderr, "vnnorm: reading input: %s\n", strerror(errno));
		rc = VN_EIO;
	}
	if (fflush(stdout) != 0 && !rc) {
		fprintf(stderr, "vnnorm: writing output: %s\n", strerror(errno));
		rc = VN_EIO;
	}
	free(line);
	vn_buf_free(&out);
	vn_buf_free(&a);
	vn_buf_free(&k);
	vn_buf_free(&raw);
	vn_text_free(t);
	return rc ? 1 : 0;
}
