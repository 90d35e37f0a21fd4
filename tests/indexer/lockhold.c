/*
 * vn_test_lockhold DB — opens the writer of DB, prints "locked" and holds
 * the lock until its standard input ends, so that a test can run a second
 * writer against a lock it knows is held (no sleeps, no timing).
 */
#include <stdio.h>

#include "vn_db.h"

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: vn_test_lockhold DB\n");
		return 2;
	}
	vn_db_writer *w = NULL;
	vn_error e = VN_ERROR_INIT;
	if (vn_db_writer_open(&w, argv[1], VN_DB_OPEN, 0, &e)) {
		fprintf(stderr, "vn_test_lockhold: %s\n", e.msg);
		return 1;
	}
	printf("locked\n");
	fflush(stdout);
	while (getchar() != EOF)
		;
	vn_db_writer_free(w);
	return 0;
}
