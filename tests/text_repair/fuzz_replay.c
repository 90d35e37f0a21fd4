/* fuzz_replay.c — runs fuzz/repair_fuzzer.c over its seed corpus under the
 * normal compiler, so the seeds are checked by every ctest run. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s SEED_DIR\n", argv[0]);
		return 2;
	}
	DIR *d = opendir(argv[1]);
	if (!d) {
		fprintf(stderr, "fuzz_replay: cannot open %s\n", argv[1]);
		return 1;
	}
	struct dirent *e;
	int n = 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", argv[1], e->d_name);
		FILE *f = fopen(path, "rb");
		if (!f)
			continue;
		uint8_t *buf = malloc(1 << 20);
		size_t len = buf ? fread(buf, 1, 1 << 20, f) : 0;
		fclose(f);
		if (!buf)
			return 1;
		/* exact-size copy so that an over-read shows under ASan */
		uint8_t *exact = malloc(len ? len : 1);
		if (!exact)
			return 1;
		memcpy(exact, buf, len);
		free(buf);
		LLVMFuzzerTestOneInput(exact, len);
		free(exact);
		n++;
	}
	closedir(d);
	printf("fuzz_replay: %d seeds\n", n);
	return n > 0 ? 0 : 1;
}
