/*
 * vn_schema.h — the index format: what the indexer writes and the query side
 * reads. Changing anything here that changes what is on disk means bumping
 * VN_INDEX_FORMAT; the writer refuses an index of another version and the
 * reader reports it (VN_EVERSION).
 *
 * Terms (token forms come from vn_text, see vn_text.h):
 *   key              unprefixed, POSITIONAL: the folded key of every token of
 *                    title and body ("dang"). Phrases and NEAR run on these.
 *   X<exact>         exact form ("Xđảng"), wdf only; written only when it
 *                    differs from the key.
 *   T<tonefree>      tone-free form ("Tđang"); only when it differs from both
 *                    key and exact.
 *   B<key> <key>     folded bigram of adjacent tokens inside one clause
 *                    ("Bdang vien"), wdf only.
 *   (P<exact> <exact>, format 3's exact bigrams, are not written since
 *    format 4: the pairs with accents are the VN_SLOT_PAIRS set.)
 *   VP               format 4: one term per document that has pairs with
 *                    accents, wdf = the wdf their P terms had (the number of
 *                    such pairs, VN_TITLE_WDF each in the title), so that
 *                    document lengths (BM25's) are what they were in format 3.
 *   S<key>           title tokens again, POSITIONAL, for title: queries and
 *                    the title boost; SB<key> <key> title bigrams.
 *   Z<stem>          stemmed form, only for text whose lang is not Vietnamese.
 *   Q<id>            unique id term (the article id).
 *   boolean filters: C<category key>  H<site>  K<kind>  L<lang>
 *                    Y<yyyy>  M<yyyymm>  D<yyyymmdd>
 *   (a category key is the category folded with vn_text_key, spaces kept:
 *    "Thời sự" → "Cthoi su").
 *   F<dir>:<path>    boolean, only for articles read from a DIRECTORY input:
 *                    <dir> = 16 hex digits of the FNV-1a 64 hash of the
 *                    directory's real path, <path> = the file relative to it
 *                    ("#" + 16 hex digits of its hash when the term would be
 *                    over 245 bytes). vnindex lists F<dir>: to remove the
 *                    articles whose file disappeared.
 * Title tokens go into key/X/T/B with wdf VN_TITLE_WDF per occurrence, body
 * tokens with wdf 1. Body positions start at (title token count +
 * VN_FIELD_GAP) so a phrase never spans title and body. A summary the body
 * does not begin with is indexed like body text after it (positions from
 * title + body token count + 2 * VN_FIELD_GAP).
 *
 * Values: see VN_SLOT_* below. Dates are "YYYYMMDD" (byte order = date
 * order); an article without a date has no date values.
 *
 * Document data: a JSON object with "id", "title", "date" ("YYYY-MM-DD" or
 * absent), "category", "site", "kind", "lang", "url", "author", "summary",
 * "body" — title and body as repaired UTF-8 (vn_text_repair), which is the
 * text the snippet is cut from and the offsets of tokens refer to. Since
 * format 4 the shim stores it compressed as raw DEFLATE behind a tag byte
 * (shim/vn_db_data.cc; vn_db_doc_set_data / vn_db_*_data do it), so tools
 * that read Xapian directly (xapian-delve) show those bytes.
 *
 * Metadata keys:
 *   vn:format        VN_INDEX_FORMAT as decimal text
 *   vn:stats         JSON with counts (documents, last run)
 *   A<key>           suggestion data for a folded syllable or bigram:
 *                    "<form>\t<count>" lines, most frequent accented form
 *                    first, at most VN_META_SUGGEST_FORMS of them (e.g. key
 *                    "dang vien" → "đảng viên\t812\n...").
 */
#ifndef VN_SCHEMA_H
#define VN_SCHEMA_H

#define VN_INDEX_FORMAT 4
#define VN_META_FORMAT "vn:format"
#define VN_META_STATS "vn:stats"
#define VN_META_SUGGEST_PREFIX "A"
#define VN_META_SUGGEST_FORMS 3   /* forms listed per key at most */

#define VN_PREFIX_EXACT "X"
#define VN_PREFIX_TONEFREE "T"
#define VN_PREFIX_BIGRAM "B"
#define VN_PREFIX_TITLE "S"
#define VN_PREFIX_TITLE_BIGRAM "SB"
#define VN_PREFIX_EXACT_BIGRAM "P"   /* format 3 only (see VN_SLOT_PAIRS) */
#define VN_TERM_PAIR_LENGTH "VP"
#define VN_PREFIX_STEM "Z"
#define VN_PREFIX_ID "Q"
#define VN_PREFIX_CATEGORY "C"
#define VN_PREFIX_SITE "H"
#define VN_PREFIX_KIND "K"
#define VN_PREFIX_LANG "L"
#define VN_PREFIX_YEAR "Y"
#define VN_PREFIX_MONTH "M"
#define VN_PREFIX_DAY "D"
#define VN_PREFIX_SOURCE "F"

#define VN_TITLE_WDF 5
#define VN_FIELD_GAP 100

enum vn_slot {
	VN_SLOT_DATE = 0,      /* "YYYYMMDD" */
	VN_SLOT_CATEGORY = 1,  /* display form, as in the input */
	VN_SLOT_SITE = 2,
	VN_SLOT_KIND = 3,      /* news | legal | procedure */
	VN_SLOT_HASH = 4,      /* content hash (hex) for unchanged-article detection */
	VN_SLOT_MONTH = 5,     /* "YYYY-MM" for facets */
	VN_SLOT_YEAR = 6,      /* "YYYY" for facets */
	VN_SLOT_LANG = 7,
	VN_SLOT_SOURCE = 8,    /* input file (relative path) for directory re-indexing */
	VN_SLOT_TITLE_TOKENS = 9, /* the title's tokens (format 2): exact forms, space-
				  * separated, "\n", then their keys likewise; at most
				  * VN_TITLE_TOKENS_MAX tokens. Read by the re-ranking. */
	VN_SLOT_PAIRS = 10       /* format 4: set of the adjacent pairs inside one
				  * clause whose exact forms differ from their keys
				  * ("trong cả"), exact forms hashed (vn_pairs.h); absent
				  * when there are none. Read by the re-ranking. */
};

#define VN_TITLE_TOKENS_MAX 64

#endif
