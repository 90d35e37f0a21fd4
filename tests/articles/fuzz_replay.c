/* fuzz_replay.c — replays a fuzzer's seed corpus under the normal compiler
 * (house style 16): every file in the directories given on the command line
 * goes through LLVMFuzzerTestOneInput, which aborts on a broken invariant. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "fuzz_replay: cannot open %s\n", dir);
		return -1;
	}
	struct dirent *e;
	int n = 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		FILE *f = fopen(path, "rb");
		if (!f)
			continue;
		uint8_t *buf = malloc(1 << 20);
		if (!buf) {
			fclose(f);
			closedir(d);
			return -1;
		}
		size_t len = fread(buf, 1, 1 << 20, f);
		fclose(f);
		/* every prefix too: truncated input must fail cleanly (house style 15) */
		for (size_t k = 0; k <= len; k += (len > 4096 ? 61 : 1))
			LLVMFuzzerTestOneInput(buf, k);
		LLVMFuzzerTestOneInput(buf, len);
		free(buf);
		n++;
	}
	closedir(d);
	printf("%s: %d seeds replayed\n", dir, n);
	return n > 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (replay_dir(argv[i]) < 0)
			return 1;
	return 0;
}
