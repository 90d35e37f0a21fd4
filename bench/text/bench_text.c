/*
 * bench_text — throughput of vn_text_tokenize (and, with --normalize, of
 * vn_text_normalize) over a text file, one document per line, as the
 * indexer calls it. Prints the median of REPEATS runs in MB/s.
 * Usage: bench_text [--normalize] FILE [REPEATS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vn_text.h"

struct count {
	size_t tokens, bytes;
};

static int on_token(const vn_token *t, void *payload)
{
	struct count *c = payload;
	c->tokens++;
	c->bytes += t->key_len + t->exact_len;
	return 0;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	int normalize = 0, ai = 1;
	if (ai < argc && !strcmp(argv[ai], "--normalize")) {
		normalize = 1;
		ai++;
	}
	if (ai >= argc) {
		fputs("usage: bench_text [--normalize] FILE [REPEATS]\n", stderr);
		return 2;
	}
	const char *path = argv[ai];
	int repeats = ai + 1 < argc ? atoi(argv[ai + 1]) : 5;
	if (repeats < 1 || repeats > 100)
		repeats = 5;
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "bench_text: cannot open %s\n", path);
		return 1;
	}
	vn_buf data = VN_BUF_INIT;
	char chunk[1 << 16];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (vn_buf_append(&data, chunk, got)) {
			fputs("bench_text: out of memory\n", stderr);
			return 1;
		}
	fclose(f);
	vn_text *t;
	vn_error err = VN_ERROR_INIT;
	if (vn_text_new(&t, NULL, &err)) {
		fprintf(stderr, "bench_text: %s\n", err.msg);
		return 1;
	}
	vn_buf a = VN_BUF_INIT, k = VN_BUF_INIT;
	double times[100];
	struct count c = { 0, 0 };
	for (int r = 0; r < repeats; r++) {
		c.tokens = c.bytes = 0;
		double t0 = now();
		const char *p = data.data, *end = data.data + data.len;
		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
			int rc = normalize ? vn_text_normalize(t, p, n, &a, &k)
					   : vn_text_tokenize(t, p, n, 0, on_token, &c);
			if (rc) {
				fprintf(stderr, "bench_text: %s\n", vn_strerror(rc));
				return 1;
			}
			if (normalize)
				c.bytes += a.len + k.len;
			p += n + 1;
		}
		times[r] = now() - t0;
	}
	qsort(times, (size_t)repeats, sizeof times[0], cmp_double);
	double med = times[repeats / 2];
	printf("%s: %.1f MB/s (median of %d, %.3f s for %.1f MB, %zu tokens)\n",
	       normalize ? "vn_text_normalize" : "vn_text_tokenize",
	       (double)data.len / 1e6 / med, repeats, med, (double)data.len / 1e6, c.tokens);
	vn_buf_free(&a);
	vn_buf_free(&k);
	vn_buf_free(&data);
	vn_text_free(t);
	return 0;
}
