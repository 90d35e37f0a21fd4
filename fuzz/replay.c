/* replay.c — the one standalone driver that replays a fuzzer's seeds under
 * the normal compiler, so every ctest run (and the ASan run) checks them
 * (house style 16, after libgit2's fuzzers/standalone_driver.c). Each file in
 * the directories named on the command line goes through
 * LLVMFuzzerTestOneInput whole and truncated at every length (every 61st
 * past 4 KiB): truncated input must fail cleanly (house style 15). Each call
 * gets an exact-size copy, so an over-read shows under ASan. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define VN_REPLAY_MAX_SEED (1u << 20)

static int run_exact(const uint8_t *buf, size_t len)
{
	uint8_t *exact = malloc(len ? len : 1);
	if (!exact)
		return -1;
	memcpy(exact, buf, len);
	LLVMFuzzerTestOneInput(exact, len);
	free(exact);
	return 0;
}

static int replay_dir(const char *dir, uint8_t *buf)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "fuzz replay: cannot open %s\n", dir);
		return -1;
	}
	struct dirent *e;
	int n = 0, rc = 0;
	while (rc == 0 && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		FILE *f = fopen(path, "rb");
		if (!f)
			continue;
		size_t len = fread(buf, 1, VN_REPLAY_MAX_SEED, f);
		fclose(f);
		for (size_t k = 0; rc == 0 && k < len; k += (len > 4096 ? 61 : 1))
			rc = run_exact(buf, k);
		if (rc == 0)
			rc = run_exact(buf, len);
		n++;
	}
	closedir(d);
	if (rc)
		return rc;
	printf("%s: %d seeds replayed\n", dir, n);
	return n > 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
	uint8_t *buf = malloc(VN_REPLAY_MAX_SEED);
	if (!buf)
		return 1;
	int rc = argc > 1 ? 0 : 1;
	for (int i = 1; i < argc && rc == 0; i++)
		rc = replay_dir(argv[i], buf);
	free(buf);
	return rc ? 1 : 0;
}
