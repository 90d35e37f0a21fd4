/* text_fuzz_replay.c — runs fuzz/text_fuzzer.c over its seeds
 * (fuzz/corpora/text) under the normal compiler, so every ctest run checks
 * them (house style 16). Each seed also runs truncated at every length. */
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
		fprintf(stderr, "text_fuzz_replay: cannot open %s\n", argv[1]);
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
		static uint8_t buf[1 << 16];
		size_t len = fread(buf, 1, sizeof buf, f);
		fclose(f);
		for (size_t cut = 0; cut <= len; cut++) {
			/* exact-size copies, so an over-read shows under ASan */
			uint8_t *exact = malloc(cut ? cut : 1);
			if (!exact)
				return 1;
			memcpy(exact, buf, cut);
			LLVMFuzzerTestOneInput(exact, cut);
			free(exact);
		}
		n++;
	}
	closedir(d);
	printf("replayed %d seeds\n", n);
	return n > 0 ? 0 : 1;
}
