/*
 * vn_test_setmeta DB KEY VALUE — sets one metadata entry and commits (the
 * tests use it to fake an index of another format version).
 */
#include <stdio.h>
#include <string.h>

#include "vn_db.h"

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: vn_test_setmeta DB KEY VALUE\n");
		return 2;
	}
	vn_db_writer *w = NULL;
	vn_error e = VN_ERROR_INIT;
	if (vn_db_writer_open(&w, argv[1], VN_DB_OPEN, 0, &e) ||
	    vn_db_writer_set_metadata(w, argv[2], argv[3], strlen(argv[3]), &e) ||
	    vn_db_writer_commit(w, &e)) {
		fprintf(stderr, "vn_test_setmeta: %s\n", e.msg);
		vn_db_writer_free(w);
		return 1;
	}
	vn_db_writer_free(w);
	return 0;
}
