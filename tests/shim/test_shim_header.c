/* test_shim_header.c — vn_db.h compiles as strict C11 (-pedantic) on its own
 * and its C declarations link against the C++ library. */
#include "vn_db.h"

int main(void)
{
	vn_db_query *q = 0;
	vn_error err = VN_ERROR_INIT;
	int rc = vn_db_query_match_all(&q, &err);
	int empty = vn_db_query_is_empty(q);
	vn_db_query_free(q);
	return rc == 0 && !empty ? 0 : 1;
}
