/*
 * vn_query_int.h — internals of the query library shared by its files:
 * the parsed query (parse.c), the synonym list (synonyms.c), snippets
 * (snippet.c) and suggestions (suggest.c). Not installed, not a contract.
 */
#ifndef VN_QUERY_INT_H
#define VN_QUERY_INT_H

#include <stddef.h>
#include <stdint.h>

#include "vn_base.h"

/* ---- parsed query ------------------------------------------------------- */

enum vq_type {
	VQ_TEXT = 0,   /* a run of plain words (text holds them, space-separated) */
	VQ_PHRASE = 1, /* "quoted words" */
	VQ_AND = 2,
	VQ_OR = 3
};

enum vq_field { VQ_FIELD_ANY = 0, VQ_FIELD_TITLE = 1 };

typedef struct vq_node {
	int type;              /* enum vq_type */
	int field;             /* enum vq_field (TEXT and PHRASE) */
	int negated;           /* NOT x, -x: excluded from its AND group */
	char *text;            /* TEXT / PHRASE: the words as typed, NUL-terminated */
	size_t len;
	struct vq_node **kids; /* AND / OR */
	size_t nkids;
} vq_node;

#define VQ_MAX_DEPTH 8

typedef struct vq_parsed {
	vq_node *root;             /* NULL when the query has only filters */
	char *category, *site, *kind, *lang; /* filters from the query text, or NULL */
	char date_from[9], date_to[9]; /* "YYYYMMDD" inclusive, "" = open */
	int syntax_error;          /* the query was read as plain words */
	int truncated;             /* max_terms or max_query_bytes cut it */
	size_t nwords;             /* words kept */
} vq_parsed;

/* Parse q[0..n) (already canonical UTF-8). Never fails on syntax: an error
 * gives plain words and syntax_error = 1. Returns 0 or VN_ENOMEM. */
int vq_parse(vq_parsed *out, const char *q, size_t n, size_t max_terms);
void vq_parsed_free(vq_parsed *p);
/* The query as understood, for result->query (appends to out). */
int vq_to_string(const vq_parsed *p, vn_buf *out);

/* Dates as typed: "21/03/2023", "2023-03-21", "3/2023", "2023" (year).
 * On success fills lo/hi ("YYYYMMDD", the covered range) and returns 1;
 * 0 when s is not a date. need_year_ok: accept a bare 4-digit year. */
int vq_parse_date(const char *s, size_t n, char lo[9], char hi[9], int month_ok, int year_ok);

/* ---- synonyms ------------------------------------------------------------ */

/* One group: alternatives, each a sequence of folded keys ("ubnd" |
 * "uy ban nhan dan"). Keys are stored space-joined. */
typedef struct vq_syn_group {
	char **alts;     /* folded key strings, space-joined */
	size_t nalts;
	size_t nown;     /* alts[0..nown) are the line's own forms; the rest are
			  * narrower bodies' abbreviations (synonyms.c) */
	uint64_t *words; /* per alt, one bit per word (a hash mod 64): a form
			  * standing inside another has its bits in the other's */
	char **shown;    /* per own alt of one word, as the list writes it
			  * ("HĐND", not made canonical); NULL for the others */
} vq_syn_group;

typedef struct vq_synonyms {
	vq_syn_group *groups;
	size_t ngroups;
} vq_synonyms;

struct vn_text;
/* Load "ABBR = expansion [| expansion...]" lines ('#' comments). A missing
 * file is VN_ENOTFOUND; a malformed line is skipped. */
int vq_synonyms_load(vq_synonyms *out, struct vn_text *t, const char *path, vn_error *err);
/* Same from memory (tests). */
int vq_synonyms_parse(vq_synonyms *out, struct vn_text *t, const char *s, size_t n, vn_error *err);
void vq_synonyms_free(vq_synonyms *s);
/* The list's own spelling of a one-word form whose key is key ("hdnd" →
 * "HĐND"), as written in the list (vn_text_canonical it before showing),
 * or NULL when the list has no such form. */
const char *vq_synonyms_shown(const vq_synonyms *s, const char *key);
/* Longest alternative matching keys[i..] (keys = folded tokens), a group's
 * own form before a borrowed one: returns the number of tokens matched (0
 * when none) and the group in *g. */
size_t vq_synonyms_match(const vq_synonyms *s, char *const *keys, size_t nkeys, size_t i,
			 const vq_syn_group **g);

/* ---- highlighting and snippets ------------------------------------------ */

/* A word the user asked for, as the text core folded it. */
typedef struct vq_qword {
	char *exact, *tonefree, *key;
	int marked;    /* the user typed accents: highlight matching forms only */
	char *phrase;  /* NULL, or the keys (space-joined) of the one phrase the
			* word was asked for in — an abbreviation's expansion
			* ("hoi dong nhan dan" for "HĐND"): then it is marked
			* only where the whole phrase stands */
} vq_qword;

typedef struct vq_span_list {
	uint32_t *start, *len;
	size_t n, cap;
} vq_span_list;

/* Cut the best window of about max_chars characters from text and mark the
 * query words in it. *out_snippet is malloc'd; marks malloc'd (may be NULL
 * when none). */
struct vn_query_span;
int vq_snippet(struct vn_text *t, const char *text, size_t n, const vq_qword *words,
	       size_t nwords, size_t max_chars, char **out_snippet,
	       struct vn_query_span **out_marks, size_t *out_nmarks);
/* 1: snippets tokenize the whole text instead of the stretches that may
 * hold a query word (tests compare the two; the output is the same). */
extern int vq_snippet_whole;
/* Marks in a whole short string (a title). */
int vq_mark_all(struct vn_text *t, const char *text, size_t n, const vq_qword *words,
		size_t nwords, struct vn_query_span **out_marks, size_t *out_nmarks);

/* ---- engine internals for suggest.c ------------------------------------ */

struct vn_query_engine;
struct vn_db;
struct vq_engine_view {
	struct vn_db *db;
	struct vn_text *text;
	const vq_synonyms *syn;
};
void vq_engine_view(struct vn_query_engine *e, struct vq_engine_view *v);
/* "Did you mean" for the words q[0..n) (canonical text): *out is malloc'd
 * or NULL when there is nothing better to offer. 0 or VN_ENOMEM. */
int vq_suggest(struct vn_query_engine *e, const char *q, size_t n, char **out);
/* The query's canonical text (vn_text_canonical), read as TCVN3, VNI or
 * double UTF-8 instead when that reading's words are in the index and the
 * typed ones are not (legacy_query.c). 0 or a negative VN_E* code. */
int vq_canonical_query(struct vn_query_engine *e, const char *s, size_t n, vn_buf *out, vn_error *err);
/* HTML-escaped s with <mark> around the spans (shared by the JSON). */
struct vn_query_span;
int vq_marked_html(vn_buf *b, const char *s, const struct vn_query_span *m, size_t nm);

#endif
