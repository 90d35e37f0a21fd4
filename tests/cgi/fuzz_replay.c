/*
 * fuzz_replay.c — replays fuzz/corpora/cgi_request/ through the fuzz target
 * under the normal compiler (house style 16): every seed must run clean
 * (under ASan+UBSan in the sanitizer build).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *dir;

static void test_replay(void **state)
{
	(void)state;
	DIR *d = opendir(dir);
	assert_non_null(d);
	struct dirent *e;
	int n = 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		FILE *f = fopen(path, "rb");
		assert_non_null(f);
		static uint8_t buf[1 << 20];
		size_t len = fread(buf, 1, sizeof buf, f);
		fclose(f);
		assert_int_equal(LLVMFuzzerTestOneInput(buf, len), 0);
		n++;
	}
	closedir(d);
	assert_true(n >= 10);
}

int main(int argc, char **argv)
{
	dir = argc > 1 ? argv[1] : "fuzz/corpora/cgi_request";
	const struct CMUnitTest tests[] = { cmocka_unit_test(test_replay) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
