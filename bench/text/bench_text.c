/*
 * bench_text — throughput of vn_text_tokenize (and, with --normalize, of
 * vn_text_normalize) over a text file, one document per line, as the
 * indexer calls it. Prints the median of REPEATS runs in MB/s, by CPU time
 * of the process (steady on a shared machine) and by wall-clock time:
 *   vn_text_tokenize cpu_mbs=... wall_mbs=... tokens=... mb=...
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

static double now(clockid_t clk)
{
	struct timespec ts;
	clock_gettime(clk, &ts);
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
	double times[100], walls[100];
	struct count c = { 0, 0 };
	for (int r = 0; r < repeats; r++) {
		c.tokens = c.bytes = 0;
		double t0 = now(CLOCK_PROCESS_CPUTIME_ID), w0 = now(CLOCK_MONOTONIC);
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
		times[r] = now(CLOCK_PROCESS_CPUTIME_ID) - t0;
		walls[r] = now(CLOCK_MONOTONIC) - w0;
	}
	qsort(times, (size_t)repeats, sizeof times[0], cmp_double);
	qsort(walls, (size_t)repeats, sizeof walls[0], cmp_double);
	double mb = (double)data.len / 1e6;
	printf("%s cpu_mbs=%.1f wall_mbs=%.1f tokens=%zu mb=%.1f repeats=%d\n",
	       normalize ? "vn_text_normalize" : "vn_text_tokenize", mb / times[repeats / 2],
	       mb / walls[repeats / 2], c.tokens, mb, repeats);
	vn_buf_free(&a);
	vn_buf_free(&k);
	vn_buf_free(&data);
	vn_text_free(t);
	return 0;
}
