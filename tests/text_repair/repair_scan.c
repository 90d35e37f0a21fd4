/* repair_scan.c — runs legacy-encoding detection over every title and body
 * of JSON Lines corpora (.jsonl.gz) and reports the texts it would repair.
 * Usage: vn-repair-scan [-q] [-l] FILE.jsonl.gz...
 * -q: summary only; -l: every line of a title or body is a text of its own
 * (a harder test: short texts carry less evidence); -r: instead of the
 * first 80 bytes, print the whole repaired text as a JSON string.
 * Prints one line per text detected as legacy ("id<TAB>field<TAB>encoding
 * <TAB>first 80 bytes"), then "texts N legacy M ms T (per encoding)".
 * Exit 0, or 1 on a read error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>
#include <jansson.h>

#include "vn_repair.h"
#include "vn_text.h"

static const char *enc_name(int enc)
{
	switch (enc) {
	case VN_ENC_TCVN3: return "TCVN3";
	case VN_ENC_VNI: return "VNI";
	case VN_ENC_DOUBLE_UTF8: return "DOUBLE_UTF8";
	default: return "UTF8";
	}
}

/* Reads one whole line (any length) into b; 0 at end of file. */
static int read_line(gzFile f, vn_buf *b)
{
	char chunk[65536];
	vn_buf_clear(b);
	while (gzgets(f, chunk, sizeof chunk)) {
		size_t len = strlen(chunk);
		if (vn_buf_append(b, chunk, len))
			return -1;
		if (len && chunk[len - 1] == '\n')
			return 1;
	}
	return b->len > 0;
}

int main(int argc, char **argv)
{
	int quiet = 0, lines = 0, repaired = 0, first = 1;
	for (; first < argc && argv[first][0] == '-'; first++) {
		if (!strcmp(argv[first], "-q"))
			quiet = 1;
		else if (!strcmp(argv[first], "-l"))
			lines = 1;
		else if (!strcmp(argv[first], "-r"))
			repaired = 1;
	}
	if (first >= argc) {
		fprintf(stderr, "usage: vn-repair-scan [-q] [-l] [-r] FILE.jsonl.gz...\n");
		return 2;
	}
	unsigned long texts = 0, legacy = 0, by_enc[4] = { 0, 0, 0, 0 };
	double secs = 0;
	vn_buf line = VN_BUF_INIT, fixed = VN_BUF_INIT, js = VN_BUF_INIT;
	for (int a = first; a < argc; a++) {
		gzFile f = gzopen(argv[a], "rb");
		if (!f) {
			fprintf(stderr, "vn-repair-scan: cannot open %s\n", argv[a]);
			return 1;
		}
		int rc;
		while ((rc = read_line(f, &line)) > 0) {
			json_error_t jerr;
			json_t *doc = json_loadb(line.data, line.len, JSON_ALLOW_NUL, &jerr);
			if (!doc) {
				fprintf(stderr, "vn-repair-scan: %s: bad JSON line: %s\n", argv[a], jerr.text);
				return 1;
			}
			static const char *const fields[] = { "title", "body" };
			for (int k = 0; k < 2; k++) {
				json_t *v = json_object_get(doc, fields[k]);
				if (!json_is_string(v))
					continue;
				const char *all = json_string_value(v);
				size_t all_n = json_string_length(v);
				for (size_t at = 0; at < all_n || (at == 0 && all_n == 0);) {
				const char *s = all + at;
				size_t n = all_n - at;
				if (lines) {
					const char *nl = memchr(s, '\n', n);
					if (nl)
						n = (size_t)(nl - s);
				}
				at += n + 1;
				struct timespec t0, t1;
				clock_gettime(CLOCK_MONOTONIC, &t0);
				int enc = vn__repair_detect(s, n);
				clock_gettime(CLOCK_MONOTONIC, &t1);
				secs += (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
				texts++;
				by_enc[enc & 3]++;
				if (enc != VN_ENC_UTF8) {
					legacy++;
					if (!quiet) {
						json_t *id = json_object_get(doc, "id");
						printf("%s\t%s\t%s\t", json_is_string(id) ? json_string_value(id) : "?",
						       fields[k], enc_name(enc));
						if (repaired) {
							vn_buf_clear(&fixed);
							vn_buf_clear(&js);
							if (vn__repair_convert(s, n, enc, &fixed, NULL) ||
							    vn_json_string(&js, fixed.data, fixed.len))
								return 1;
							printf("%s\n", js.data);
						} else {
							printf("%.80s\n", s);
						}
					}
				}
				}
			}
			json_decref(doc);
		}
		gzclose(f);
		if (rc < 0) {
			fprintf(stderr, "vn-repair-scan: out of memory\n");
			return 1;
		}
	}
	vn_buf_free(&line);
	vn_buf_free(&fixed);
	vn_buf_free(&js);
	printf("texts %lu legacy %lu ms %.0f (TCVN3 %lu, VNI %lu, DOUBLE_UTF8 %lu)\n", texts, legacy, secs * 1000,
	       by_enc[VN_ENC_TCVN3], by_enc[VN_ENC_VNI], by_enc[VN_ENC_DOUBLE_UTF8]);
	return 0;
}
