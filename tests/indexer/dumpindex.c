/*
 * vn_test_dumpindex DB [PREFIX] — prints the document count and every term
 * (beginning with PREFIX) with its document frequency, one per line in
 * byte order, so that two indexes can be compared with diff.
 * vn_test_dumpindex DB --full — also, per id term (Q...), the document's
 * data and values, and every metadata entry: two indexes that print the
 * same hold the same documents, whatever their docids.
 */
#include <stdio.h>
#include <string.h>

#include "vn_db.h"
#include "vn_schema.h"

static int print_term(const char *term, size_t len, uint32_t termfreq, void *payload)
{
	(void)payload;
	fwrite(term, 1, len, stdout);
	printf(" %u\n", termfreq);
	return 0;
}

/* The pair set is binary: in hex, so that the dump stays text. */
static void print_value(unsigned slot, const vn_buf *b)
{
	printf("  value %u ", slot);
	if (slot == VN_SLOT_PAIRS)
		for (size_t i = 0; i < b->len; i++)
			printf("%02x", (unsigned char)b->data[i]);
	else
		fwrite(b->data, 1, b->len, stdout);
	putchar('\n');
}

static int print_doc(const char *term, size_t len, uint32_t termfreq, void *payload)
{
	vn_db *db = payload;
	vn_error e = VN_ERROR_INIT;
	vn_db_query *q = NULL;
	vn_db_search *s = NULL;
	vn_db_mset *ms = NULL;
	vn_buf b = VN_BUF_INIT;
	vn_db_hit hit;
	(void)termfreq;
	int rc = vn_db_query_term(&q, term, len, 1, &e);
	if (rc == 0)
		rc = vn_db_search_new(&s, db, &e);
	if (rc == 0)
		rc = vn_db_search_set_query(s, q, &e);
	if (rc == 0)
		rc = vn_db_search_run(s, 0, 10, 10, &ms, &e);
	for (uint32_t i = 0; rc == 0 && i < vn_db_mset_size(ms); i++) {
		rc = vn_db_mset_hit(ms, i, &hit);
		printf("doc %.*s\n", (int)len, term);
		for (unsigned slot = 0; rc == 0 && slot < 16; slot++)
			if ((rc = vn_db_document_value(db, hit.docid, slot, &b, &e)) == 0 && b.len)
				print_value(slot, &b);
		if (rc == 0 && (rc = vn_db_document_data(db, hit.docid, &b, &e)) == 0)
			printf("  data %s\n", b.data);
	}
	if (rc)
		fprintf(stderr, "vn_test_dumpindex: %s\n", e.msg);
	vn_buf_free(&b);
	vn_db_mset_free(ms);
	vn_db_search_free(s);
	vn_db_query_free(q);
	return rc;
}

static int print_meta(const char *key, size_t klen, const char *value, size_t vlen, void *payload)
{
	(void)payload;
	/* The statistics name the time of the last commit. */
	if (klen == 8 && memcmp(key, "vn:stats", 8) == 0)
		return 0;
	printf("meta %.*s=", (int)klen, key);
	for (size_t i = 0; i < vlen; i++)
		putchar(value[i] == '\n' ? '|' : value[i]);
	putchar('\n');
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: vn_test_dumpindex DB [PREFIX | --full]\n");
		return 2;
	}
	const char *path = argv[1];
	int full = argc == 3 && strcmp(argv[2], "--full") == 0;
	const char *prefix = argc == 3 && !full ? argv[2] : "";
	vn_db *db = NULL;
	vn_error e = VN_ERROR_INIT;
	if (vn_db_open(&db, &path, 1, &e)) {
		fprintf(stderr, "vn_test_dumpindex: %s\n", e.msg);
		return 1;
	}
	printf("doccount %u\n", vn_db_doccount(db));
	int rc = vn_db_allterms(db, prefix, strlen(prefix), print_term, NULL, &e);
	if (rc == 0 && full)
		rc = vn_db_allterms(db, "Q", 1, print_doc, db, &e);
	if (rc == 0 && full)
		rc = vn_db_metadata_each(db, "", 0, print_meta, NULL, &e);
	vn_db_free(db);
	if (rc) {
		fprintf(stderr, "vn_test_dumpindex: %s\n", e.msg);
		return 1;
	}
	return 0;
}
