/*
 * vn_base.h — what every vnsearch module shares: error codes, the error
 * record a caller passes in, a growable byte buffer, and the escapers that
 * every output path goes through (HTML text/attribute, JSON, URL).
 *
 * Contract:
 *  - Functions that can fail return 0 or a negative VN_E* code and, when the
 *    caller passed a non-NULL vn_error, fill it with the code and one line of
 *    text. Nothing here exits, aborts or keeps global state.
 *  - A vn_buf owns its bytes; data is NUL-terminated whenever it is non-NULL
 *    so it can be printed, but its length is always len (binary-safe).
 *    vn_buf_free() releases it and leaves an empty buffer; a zeroed vn_buf
 *    (VN_BUF_INIT) is a valid empty buffer.
 *  - Size arithmetic is overflow-checked; appends fail with VN_ENOMEM and
 *    leave the buffer as it was.
 */
#ifndef VN_BASE_H
#define VN_BASE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Error codes: 0 is success, negative is failure (libgit2's convention). */
enum vn_status {
	VN_OK = 0,
	VN_ENOMEM = -1,     /* allocation failed */
	VN_EINVAL = -2,     /* bad argument or malformed input */
	VN_EUTF8 = -3,      /* invalid UTF-8 where it cannot be repaired */
	VN_ENOTFOUND = -4,  /* database, document or file does not exist */
	VN_ELOCKED = -5,    /* another writer holds the database lock */
	VN_EMODIFIED = -6,  /* database changed under a reader: reopen, retry */
	VN_ECORRUPT = -7,   /* database or file is damaged */
	VN_EIO = -8,        /* read/write/open failed */
	VN_EVERSION = -9,   /* index format version does not match */
	VN_ETIMEOUT = -10,  /* a time limit ran out */
	VN_ERANGE = -11,    /* a value or size is out of the allowed range */
	VN_EQUERY = -12,    /* query could not be parsed or built */
	VN_EINTERNAL = -13  /* anything else (an unexpected library error) */
};

#define VN_ERROR_MSG_MAX 512
#define VN_ERROR_CLASS_MAX 48

/* Filled by a failing call when the caller passes one; never global. */
typedef struct vn_error {
	int code;                          /* one of enum vn_status */
	char klass[VN_ERROR_CLASS_MAX];    /* e.g. Xapian's "DatabaseLockError", or "" */
	char msg[VN_ERROR_MSG_MAX];        /* one line, no trailing newline */
} vn_error;

#define VN_ERROR_INIT { 0, "", "" }

/* Short text for a code ("out of memory", "database locked", ...). */
const char *vn_strerror(int code);

/* Fill err (may be NULL) with code and a printf-style message; returns code
 * so that a failing path can say `return vn_error_set(err, VN_EINVAL, ...)`. */
int vn_error_set(vn_error *err, int code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;
int vn_error_setv(vn_error *err, int code, const char *fmt, va_list ap);
/* Same, also recording an error class name (the shim passes Xapian's). */
int vn_error_set_class(vn_error *err, int code, const char *klass, const char *msg);
void vn_error_clear(vn_error *err);

/* ---- growable buffer ---------------------------------------------------- */

typedef struct vn_buf {
	char *data;   /* NULL or NUL-terminated storage of cap bytes */
	size_t len;   /* bytes in use, not counting the terminator */
	size_t cap;
} vn_buf;

#define VN_BUF_INIT { NULL, 0, 0 }

int vn_buf_reserve(vn_buf *b, size_t extra);          /* may reallocate */
int vn_buf_append(vn_buf *b, const void *p, size_t n);
int vn_buf_puts(vn_buf *b, const char *s);
int vn_buf_putc(vn_buf *b, int c);
int vn_buf_printf(vn_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* Append code point cp as UTF-8 (cp > 0x10FFFF or a surrogate → U+FFFD). */
int vn_buf_put_utf8(vn_buf *b, uint32_t cp);
void vn_buf_clear(vn_buf *b);   /* len = 0, keeps the storage */
void vn_buf_free(vn_buf *b);    /* releases storage; NULL is fine */
/* Hand the bytes to the caller (who frees them with free()); b becomes empty.
 * Returns "" (a fresh allocation) for an empty buffer, NULL on ENOMEM. */
char *vn_buf_detach(vn_buf *b, size_t *out_len);

/* ---- escapers: every byte that reaches HTML, JSON or a URL goes through one */

/* HTML text and attribute values: escapes & < > " ' ; invalid UTF-8 → U+FFFD. */
int vn_escape_html(vn_buf *out, const char *s, size_t n);
/* JSON string body (without the quotes): \" \\ \n \r \t \b \f, other
 * controls and U+2028/U+2029 as \uXXXX; invalid UTF-8 → U+FFFD. */
int vn_escape_json(vn_buf *out, const char *s, size_t n);
/* Appends "..." : the quoted JSON string. */
int vn_json_string(vn_buf *out, const char *s, size_t n);
/* URL query component (application/x-www-form-urlencoded: space → '+'). */
int vn_escape_url(vn_buf *out, const char *s, size_t n);

/* ---- small UTF-8 helpers shared by every module -------------------------- */

/* Decode one code point at s[0..n). Stores it in *out_cp and returns the
 * number of bytes consumed (1..4). Invalid or truncated sequences, overlongs
 * and surrogates give U+FFFD and consume 1 byte. n must be > 0. */
size_t vn_utf8_decode(uint32_t *out_cp, const unsigned char *s, size_t n);
/* Encode cp into out (4 bytes room); returns bytes written. */
size_t vn_utf8_encode(char out[4], uint32_t cp);
/* 1 when s[0..n) is well-formed UTF-8. */
int vn_utf8_valid(const char *s, size_t n);
/* 1 when every byte of s[0..n) is ASCII. */
int vn_is_ascii(const char *s, size_t n);

/* ---- hashing --------------------------------------------------------------- */

/* FNV-1a 64: h updated over p[0..n); start from VN_FNV_OFFSET. Stable across
 * builds and machines (some of its values are in the index: F<dir> terms,
 * content hashes, the pair fingerprints of vn_pairs.h). */
#define VN_FNV_OFFSET 14695981039346656037ull
uint64_t vn_fnv1a(uint64_t h, const void *p, size_t n);

/* ---- bounded number parsing (never atoi) -------------------------------- */

/* Parse a decimal integer in [min, max] from s[0..n) (all bytes must be
 * digits, optional leading '-'). Returns 0 or VN_EINVAL / VN_ERANGE. */
int vn_parse_int(long long *out, const char *s, size_t n, long long min, long long max);

#ifdef __cplusplus
}
#endif
#endif
