/* query_parse_fuzzer.c — the query language parser (query/parse.c) on
 * arbitrary bytes: it must never fail except for memory, must keep at most
 * max_terms words, produce well-formed dates, and its canonical text must
 * parse again (the CGI shows it back to the user as the query understood). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vn_query_int.h"

static void check_date(const char *d)
{
	size_t n = strlen(d);
	if (n != 0 && n != 8)
		__builtin_trap();
	for (size_t i = 0; i < n; i++)
		if (d[i] < '0' || d[i] > '9')
			__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	vq_parsed p;
	size_t max_terms = size ? (data[0] % 40) + 1 : 32;
	if (vq_parse(&p, (const char *)data, size, max_terms) != 0)
		return 0; /* allocation failure only */
	if (p.nwords > max_terms)
		__builtin_trap();
	check_date(p.date_from);
	check_date(p.date_to);
	vn_buf b = VN_BUF_INIT;
	if (vq_to_string(&p, &b) == 0 && b.data) {
		vq_parsed again;
		if (vq_parse(&again, b.data, b.len, max_terms) == 0)
			vq_parsed_free(&again);
	}
	vn_buf_free(&b);
	vq_parsed_free(&p);
	return 0;
}
