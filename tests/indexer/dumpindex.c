/*
 * vn_test_dumpindex DB [PREFIX] — prints the document count and every term
 * (beginning with PREFIX) with its document frequency, one per line in
 * byte order, so that two indexes can be compared with diff.
 */
#include <stdio.h>
#include <string.h>

#include "vn_db.h"

static int print_term(const char *term, size_t len, uint32_t termfreq, void *payload)
{
	(void)payload;
	fwrite(term, 1, len, stdout);
	printf(" %u\n", termfreq);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: vn_test_dumpindex DB [PREFIX]\n");
		return 2;
	}
	const char *path = argv[1];
	const char *prefix = argc == 3 ? argv[2] : "";
	vn_db *db = NULL;
	vn_error e = VN_ERROR_INIT;
	if (vn_db_open(&db, &path, 1, &e)) {
		fprintf(stderr, "vn_test_dumpindex: %s\n", e.msg);
		return 1;
	}
	printf("doccount %u\n", vn_db_doccount(db));
	int rc = vn_db_allterms(db, prefix, strlen(prefix), print_term, NULL, &e);
	vn_db_free(db);
	if (rc) {
		fprintf(stderr, "vn_test_dumpindex: %s\n", e.msg);
		return 1;
	}
	return 0;
}
