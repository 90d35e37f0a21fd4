/*
 * article_reader.c — the reader: one input (file, "-", directory) in, one
 * vn_article at a time out (vn_article.h).
 *
 * JSON Lines are read in one pass through a 256 KiB chunk: a line that lies
 * inside the chunk is parsed where it is, only lines that cross a chunk
 * boundary are copied into a line buffer that is reused. zlib reads plain
 * and gzip input alike, so "-" may be either.
 *
 * Directories: walked depth first, entries in byte order of their names
 * (deterministic runs); hidden entries (".name") are skipped; a directory
 * already on the current path (a symlink loop) is skipped; files of an
 * unknown suffix are skipped; an article file that cannot be read (a
 * dangling symlink, a FIFO, no permission) gives one FAILED record naming
 * it. Every article gets source = the path relative to the directory;
 * single-article files (.txt, .html) also get id = that path unless the page
 * names its own id (<meta name="vnsearch:id" content="..."> in HTML).
 *
 * A single file given directly: source = the path as given ("-" for stdin);
 * id of a page = the path as given.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "vn_article_int.h"

#define CHUNK_SIZE ((size_t)256 << 10)
#define MAX_DEPTH 64

typedef struct frame {
	char *rel;        /* directory path relative to the root; "" for the root */
	char **names;
	size_t n, i;
	dev_t dev;
	ino_t ino;
} frame;

enum input_state { IN_NONE = 0, IN_LINES, IN_ARRAY, IN_SINGLE, IN_DONE };

struct vn_article_reader {
	size_t max_body;
	size_t max_line;
	size_t max_file;
	vn_article__html_config *html;
	enum vn_article__format fmt_hint;  /* memory readers */

	/* the input given to open */
	char *path;
	int is_dir;
	int top_started;

	/* directory walk */
	frame *stack;
	size_t depth, cap;

	/* the file being read */
	enum input_state state;
	enum vn_article__format fmt;
	char *source;         /* relative (directory) or as given */
	char *dir_name;       /* parent directory's name: an HTML site hint */
	int in_directory;

	/* line source: one of gz, fp, mem */
	gzFile gz;
	FILE *fp;
	const char *mem;
	size_t mem_n;
	int mem_taken;
	char *chunk;
	const char *cur;      /* the current chunk: chunk, or mem */
	size_t cur_len, cur_pos;
	int eof;
	vn_buf line;
	uint64_t lineno;
	char *owned;          /* a whole file read into memory (.json, pages) */
	size_t owned_n;

	/* records */
	vn_article__json js;
	json_t *array;
	size_t array_i;
	vn_article__doc doc;
	char where[600];
};

/* ---- helpers ------------------------------------------------------------- */

static char *join_path(const char *a, const char *b)
{
	size_t an = strlen(a), bn = strlen(b);
	char *p = malloc(an + bn + 2);
	if (!p)
		return NULL;
	memcpy(p, a, an);
	size_t k = an;
	if (an && a[an - 1] != '/')
		p[k++] = '/';
	memcpy(p + k, b, bn + 1);
	if (an == 0)
		memmove(p, p + k, bn + 1);
	return p;
}

static int hostlike(const char *s, size_t n)
{
	int dot = 0;
	if (n == 0 || s[0] == '.' || s[n - 1] == '.')
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '.')
			dot = 1;
		else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			   c == '-'))
			return 0;
	}
	return dot;
}

/* A site hint for an HTML page: the nearest directory above it whose name
 * looks like a host ("pages/phuongtanan.hoian.gov.vn/2023/a.html"), else
 * the name of its own directory. */
static char *parent_name(const char *path)
{
	char cwd[4096];
	const char *p = path;
	size_t n = strlen(p);
	while (n > 1 && p[n - 1] == '/')
		n--;
	/* drop the file name */
	while (n > 0 && p[n - 1] != '/')
		n--;
	if (n == 0) {
		/* a file in the working directory */
		if (!getcwd(cwd, sizeof cwd))
			return NULL;
		p = cwd;
		n = strlen(cwd);
	}
	const char *first = NULL;
	size_t first_n = 0;
	while (n > 0) {
		while (n > 0 && p[n - 1] == '/')
			n--;
		size_t end = n;
		while (n > 0 && p[n - 1] != '/')
			n--;
		const char *comp = p + n;
		size_t cn = end - n;
		if (cn == 0 || (cn == 1 && comp[0] == '.') || (cn == 2 && comp[0] == '.' && comp[1] == '.'))
			continue;
		if (!first) {
			first = comp;
			first_n = cn;
		}
		if (hostlike(comp, cn))
			return strndup(comp, cn);
	}
	return first ? strndup(first, first_n) : strdup("");
}

static void close_input(vn_article_reader *r)
{
	if (r->gz) {
		gzclose(r->gz);
		r->gz = NULL;
	}
	r->fp = NULL;
	r->mem = NULL;
	r->mem_n = 0;
	r->mem_taken = 0;
	r->cur = NULL;
	r->cur_len = r->cur_pos = 0;
	r->eof = 0;
	r->lineno = 0;
	if (r->array) {
		json_decref(r->array);
		r->array = NULL;
	}
	vn_article__json_reset(&r->js);
	free(r->owned);
	r->owned = NULL;
	r->owned_n = 0;
	free(r->source);
	r->source = NULL;
	free(r->dir_name);
	r->dir_name = NULL;
	r->state = IN_NONE;
}

/* Reads a whole file, at most max bytes. 0, VN_ERANGE (too large), VN_EIO. */
static int slurp(const char *path, size_t max, char **out, size_t *out_n, int *out_errno)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		*out_errno = errno;
		return VN_EIO;
	}
	struct stat st;
	if (fstat(fd, &st) < 0) {
		*out_errno = errno;
		close(fd);
		return VN_EIO;
	}
	if (!S_ISREG(st.st_mode)) {
		*out_errno = 0;   /* "not a regular file" */
		close(fd);
		return VN_EIO;
	}
	if ((uint64_t)st.st_size > (uint64_t)max) {
		close(fd);
		return VN_ERANGE;
	}
	size_t cap = (size_t)st.st_size + 1, n = 0;
	char *buf = malloc(cap);
	if (!buf) {
		close(fd);
		return VN_ENOMEM;
	}
	for (;;) {
		if (n + 1 == cap) {
			if (cap > max) {
				free(buf);
				close(fd);
				return VN_ERANGE;
			}
			char *nb = realloc(buf, cap * 2);
			if (!nb) {
				free(buf);
				close(fd);
				return VN_ENOMEM;
			}
			buf = nb;
			cap *= 2;
		}
		ssize_t k = read(fd, buf + n, cap - 1 - n);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			*out_errno = errno;
			free(buf);
			close(fd);
			return VN_EIO;
		}
		if (k == 0)
			break;
		n += (size_t)k;
	}
	close(fd);
	buf[n] = '\0';
	*out = buf;
	*out_n = n;
	return 0;
}

/* ---- line source --------------------------------------------------------- */

/* Next chunk into r->cur. 1 with data, 0 at the end, VN_EIO with err set. */
static int refill(vn_article_reader *r, vn_error *err)
{
	r->cur_pos = r->cur_len = 0;
	if (r->eof)
		return 0;
	if (r->mem) {
		if (r->mem_taken) {
			r->eof = 1;
			return 0;
		}
		r->mem_taken = 1;
		r->cur = r->mem;
		r->cur_len = r->mem_n;
		return r->cur_len > 0;
	}
	if (!r->chunk && !(r->chunk = malloc(CHUNK_SIZE)))
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	r->cur = r->chunk;
	if (r->gz) {
		int k = gzread(r->gz, r->chunk, (unsigned)CHUNK_SIZE);
		if (k < 0) {
			int zerr;
			const char *m = gzerror(r->gz, &zerr);
			r->eof = 1;
			return vn_error_set(err, VN_EIO, "%s: read error: %s", r->source,
					    zerr == Z_ERRNO ? strerror(errno) : m);
		}
		if (k == 0) {
			int zerr;
			const char *m = gzerror(r->gz, &zerr);
			r->eof = 1;
			if (zerr != Z_OK && zerr != Z_STREAM_END)
				return vn_error_set(err, VN_EIO, "%s: read error: %s", r->source,
						    zerr == Z_ERRNO ? strerror(errno) : m);
			return 0;
		}
		r->cur_len = (size_t)k;
		return 1;
	}
	if (r->fp) {
		size_t k = fread(r->chunk, 1, CHUNK_SIZE, r->fp);
		if (k == 0) {
			r->eof = 1;
			if (ferror(r->fp))
				return vn_error_set(err, VN_EIO, "%s: read error: %s", r->source,
						    strerror(errno));
			return 0;
		}
		r->cur_len = k;
		return 1;
	}
	r->eof = 1;
	return 0;
}

/*
 * The next line (without "\n" and a trailing "\r"). Returns 1 with *s, *n
 * (*too_long set and *n = its full length when the line was over
 * max_line and was skipped), 0 at the end, or a negative code (err set).
 */
static int next_line(vn_article_reader *r, const char **s, size_t *n, int *too_long, vn_error *err)
{
	size_t total = 0;
	int any = 0;
	*too_long = 0;
	vn_buf_clear(&r->line);
	for (;;) {
		if (r->cur_pos == r->cur_len) {
			int rc = refill(r, err);
			if (rc < 0)
				return rc;   /* a partial last line is lost with the read error */
			if (rc == 0) {
				if (!any)
					return 0;
				break;
			}
		}
		any = 1;
		const char *start = r->cur + r->cur_pos;
		size_t avail = r->cur_len - r->cur_pos;
		const char *nl = memchr(start, '\n', avail);
		size_t seg = nl ? (size_t)(nl - start) : avail;
		r->cur_pos += seg + (nl ? 1 : 0);
		if (nl && total == 0 && r->line.len == 0) {
			/* the whole line lies in the chunk: no copy */
			*s = start;
			*n = seg;
			total = seg;
			goto done;
		}
		total += seg;
		if (!*too_long) {
			if (total > r->max_line) {
				*too_long = 1;
				vn_buf_free(&r->line);
			} else if (vn_buf_append(&r->line, start, seg) < 0) {
				return vn_error_set(err, VN_ENOMEM, "out of memory");
			}
		}
		if (nl)
			break;
	}
	*s = r->line.data ? r->line.data : "";
	*n = *too_long ? total : r->line.len;
done:
	r->lineno++;
	if (!*too_long) {
		if (*n && (*s)[*n - 1] == '\r')
			(*n)--;
		if (r->lineno == 1 && *n >= 3 && memcmp(*s, "\xEF\xBB\xBF", 3) == 0)
			*s += 3, *n -= 3;
	}
	return 1;
}

static int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\f' && s[i] != '\v')
			return 0;
	return 1;
}

/* ---- opening ------------------------------------------------------------- */

static int reader_new(vn_article_reader **out, const vn_article_options *opts, vn_error *err)
{
	vn_article_reader *r = calloc(1, sizeof *r);
	if (!r)
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	r->max_body = opts && opts->max_body_bytes ? opts->max_body_bytes : VN_ARTICLE_DEFAULT_MAX_BODY;
	/* JSON may escape a body to 6 times its size (\u0001); a line beyond
	 * that cannot hold an acceptable body and is skipped unparsed. */
	r->max_line = r->max_body > (SIZE_MAX - (1 << 20)) / 6 ? SIZE_MAX : r->max_body * 6 + (1 << 20);
	r->max_file = r->max_body > (SIZE_MAX - (4 << 20)) / 8 ? SIZE_MAX : r->max_body * 8 + (4 << 20);
	if (opts && opts->html_config) {
		int rc = vn_article__html_config_load(&r->html, opts->html_config, err);
		if (rc < 0) {
			free(r);
			return rc;
		}
	}
	*out = r;
	return 0;
}

/* Sniffs a file of unknown suffix given directly: '{' → JSON Lines, '<' → HTML, else a page. */
static enum vn_article__format sniff(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return VN_ARTICLE_FMT_JSONL;
	unsigned char b[512];
	size_t n = fread(b, 1, sizeof b, f);
	fclose(f);
	size_t i = 0;
	if (n >= 2 && b[0] == 0x1f && b[1] == 0x8b)
		return VN_ARTICLE_FMT_JSONL;
	if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
		i = 3;
	while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n'))
		i++;
	if (i < n && b[i] == '{')
		return VN_ARTICLE_FMT_JSONL;
	if (i < n && b[i] == '<')
		return VN_ARTICLE_FMT_HTML;
	return VN_ARTICLE_FMT_PAGE;
}

int vn_article_reader_open(vn_article_reader **out, const char *path,
			   const vn_article_options *opts, vn_error *err)
{
	if (!out || !path)
		return vn_error_set(err, VN_EINVAL, "no input given");
	*out = NULL;
	struct stat st;
	int is_dir = 0;
	if (strcmp(path, "-") != 0) {
		if (stat(path, &st) < 0)
			return vn_error_set(err, errno == ENOENT ? VN_ENOTFOUND : VN_EIO, "%s: %s",
					    path, strerror(errno));
		is_dir = S_ISDIR(st.st_mode);
		if (!is_dir && access(path, R_OK) < 0)
			return vn_error_set(err, VN_EIO, "%s: %s", path, strerror(errno));
	}
	vn_article_reader *r = NULL;
	int rc = reader_new(&r, opts, err);
	if (rc < 0)
		return rc;
	r->path = strdup(path);
	if (!r->path) {
		vn_article_reader_free(r);
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	}
	r->is_dir = is_dir;
	*out = r;
	return 0;
}

int vn_article__reader_open_memory(vn_article_reader **out, enum vn_article__format fmt,
				   const char *buf, size_t n, const char *name,
				   const vn_article_options *opts, vn_error *err)
{
	vn_article_reader *r = NULL;
	*out = NULL;
	int rc = reader_new(&r, opts, err);
	if (rc < 0)
		return rc;
	r->path = strdup(name ? name : "(memory)");
	r->source = strdup(r->path ? r->path : "");
	if (!r->path || !r->source) {
		vn_article_reader_free(r);
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	}
	r->top_started = 1;
	r->fmt = fmt == VN_ARTICLE_FMT_NONE ? VN_ARTICLE_FMT_JSONL : fmt;
	r->mem = buf ? buf : "";
	r->mem_n = buf ? n : 0;
	r->state = r->fmt == VN_ARTICLE_FMT_PAGE || r->fmt == VN_ARTICLE_FMT_HTML ? IN_SINGLE
		 : r->fmt == VN_ARTICLE_FMT_JSON ? IN_ARRAY : IN_LINES;
	if (r->state == IN_ARRAY) {
		/* whole document first; fall back to lines below if it is not one */
		json_error_t jerr;
		json_t *doc = json_loadb(r->mem, r->mem_n, JSON_ALLOW_NUL, &jerr);
		if (doc && json_is_array(doc)) {
			r->array = doc;
		} else if (doc) {
			r->array = json_array();
			if (!r->array || json_array_append_new(r->array, doc) < 0) {
				vn_article_reader_free(r);
				return vn_error_set(err, VN_ENOMEM, "out of memory");
			}
		} else {
			r->state = IN_LINES;
		}
	}
	*out = r;
	return 0;
}

int vn_article__reader_open_stream(vn_article_reader **out, FILE *f, const char *name,
				   const vn_article_options *opts, vn_error *err)
{
	vn_article_reader *r = NULL;
	*out = NULL;
	int rc = reader_new(&r, opts, err);
	if (rc < 0)
		return rc;
	r->path = strdup(name ? name : "-");
	r->source = strdup(r->path ? r->path : "");
	if (!r->path || !r->source) {
		vn_article_reader_free(r);
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	}
	r->top_started = 1;
	r->fmt = VN_ARTICLE_FMT_JSONL;
	r->fp = f;
	r->state = IN_LINES;
	*out = r;
	return 0;
}

/* Starts reading one file. For failures that concern the file (it cannot
 * be read) returns VN_EINVAL/VN_EIO with err set: the caller reports a
 * FAILED record. */
static int start_file(vn_article_reader *r, const char *full, const char *source,
		      enum vn_article__format fmt, vn_error *err)
{
	close_input(r);
	r->source = strdup(source);
	r->dir_name = parent_name(full);
	if (!r->source)
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	r->fmt = fmt;
	if (fmt == VN_ARTICLE_FMT_JSONL) {
		if (strcmp(full, "-") == 0) {
			int fd = dup(STDIN_FILENO);
			r->gz = fd >= 0 ? gzdopen(fd, "rb") : NULL;
			if (!r->gz && fd >= 0)
				close(fd);
		} else {
			struct stat st;
			if (stat(full, &st) < 0)
				return vn_error_set(err, VN_EIO, "%s: cannot read: %s", source,
						    strerror(errno));
			if (!S_ISREG(st.st_mode))
				return vn_error_set(err, VN_EIO, "%s: cannot read: not a regular file",
						    source);
			r->gz = gzopen(full, "rb");
		}
		if (!r->gz)
			return vn_error_set(err, VN_EIO, "%s: cannot read: %s", source,
					    errno ? strerror(errno) : "out of memory");
		gzbuffer(r->gz, 128 << 10);
		r->state = IN_LINES;
		return 0;
	}
	int e = 0;
	int rc = slurp(full, fmt == VN_ARTICLE_FMT_JSON ? SIZE_MAX - 1 : r->max_file, &r->owned,
		       &r->owned_n, &e);
	if (rc == VN_ENOMEM)
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	if (rc == VN_ERANGE)
		return vn_error_set(err, VN_EINVAL, "%s: file is too large (over %zu bytes)", source,
				    r->max_file);
	if (rc < 0)
		return vn_error_set(err, VN_EIO, "%s: cannot read: %s", source,
				    e ? strerror(e) : "not a regular file");
	r->mem = r->owned;
	r->mem_n = r->owned_n;
	if (fmt == VN_ARTICLE_FMT_JSON) {
		json_error_t jerr;
		json_t *doc = json_loadb(r->mem, r->mem_n, JSON_ALLOW_NUL, &jerr);
		r->state = IN_ARRAY;
		if (doc && json_is_array(doc)) {
			r->array = doc;
		} else if (doc) {
			r->array = json_array();
			if (!r->array || json_array_append_new(r->array, doc) < 0)
				return vn_error_set(err, VN_ENOMEM, "out of memory");
		} else {
			r->state = IN_LINES;   /* JSON Lines under a .json name */
		}
		return 0;
	}
	r->state = IN_SINGLE;
	return 0;
}

/* ---- directory walk ------------------------------------------------------ */

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void frame_free(frame *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->names[i]);
	free(f->names);
	free(f->rel);
	memset(f, 0, sizeof *f);
}

/* Pushes a directory. 0, or VN_EIO (err set; nothing pushed), VN_ENOMEM. */
static int push_dir(vn_article_reader *r, const char *full, const char *rel, vn_error *err)
{
	struct stat st;
	if (stat(full, &st) < 0)
		return vn_error_set(err, VN_EIO, "%s: cannot read directory: %s", rel[0] ? rel : full,
				    strerror(errno));
	DIR *d = opendir(full);
	if (!d)
		return vn_error_set(err, VN_EIO, "%s: cannot read directory: %s", rel[0] ? rel : full,
				    strerror(errno));
	frame f = { 0 };
	f.dev = st.st_dev;
	f.ino = st.st_ino;
	f.rel = strdup(rel);
	size_t cap = 0;
	int rc = f.rel ? 0 : VN_ENOMEM;
	struct dirent *de;
	while (rc == 0 && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (f.n == cap) {
			size_t nc = cap ? 2 * cap : 32;
			char **nn = realloc(f.names, nc * sizeof *nn);
			if (!nn) {
				rc = VN_ENOMEM;
				break;
			}
			f.names = nn;
			cap = nc;
		}
		if (!(f.names[f.n] = strdup(de->d_name)))
			rc = VN_ENOMEM;
		else
			f.n++;
	}
	closedir(d);
	if (rc == 0 && r->depth == r->cap) {
		size_t nc = r->cap ? 2 * r->cap : 8;
		frame *ns = realloc(r->stack, nc * sizeof *ns);
		if (!ns)
			rc = VN_ENOMEM;
		else
			r->stack = ns, r->cap = nc;
	}
	if (rc < 0) {
		frame_free(&f);
		return vn_error_set(err, VN_ENOMEM, "out of memory");
	}
	if (f.n)
		qsort(f.names, f.n, sizeof *f.names, cmp_names);
	r->stack[r->depth++] = f;
	return 0;
}

/*
 * Advances the walk to the next article file and starts it. Returns 1 (a
 * file is open), 2 (an entry failed: err set, report FAILED with source
 * in r->where), 0 (walk over), or VN_ENOMEM.
 */
static int walk_next(vn_article_reader *r, vn_error *err)
{
	while (r->depth > 0) {
		frame *f = &r->stack[r->depth - 1];
		if (f->i == f->n) {
			frame_free(f);
			r->depth--;
			continue;
		}
		const char *name = f->names[f->i++];
		char *rel = join_path(f->rel, name);
		char *full = rel ? join_path(r->path, rel) : NULL;
		if (!rel || !full) {
			free(rel);
			free(full);
			return vn_error_set(err, VN_ENOMEM, "out of memory");
		}
		enum vn_article__format fmt = vn_article__format_of(name);
		struct stat st;
		int rc = 0;
		if (stat(full, &st) < 0) {
			/* dangling symlink or vanished entry: report only article files */
			if (fmt != VN_ARTICLE_FMT_NONE) {
				vn_error_set(err, VN_EIO, "%s: cannot read: %s", rel, strerror(errno));
				rc = 2;
			}
		} else if (S_ISDIR(st.st_mode)) {
			int loop = 0;
			for (size_t k = 0; k < r->depth; k++)
				if (r->stack[k].dev == st.st_dev && r->stack[k].ino == st.st_ino)
					loop = 1;
			if (!loop && r->depth < MAX_DEPTH) {
				int prc = push_dir(r, full, rel, err);
				if (prc == VN_ENOMEM)
					rc = prc;
				else if (prc < 0)
					rc = 2;
			}
		} else if (fmt != VN_ARTICLE_FMT_NONE) {
			int src = start_file(r, full, rel, fmt, err);
			if (src == VN_ENOMEM)
				rc = VN_ENOMEM;
			else
				rc = src < 0 ? 2 : 1;
			if (src < 0)
				close_input(r);
			else
				r->in_directory = 1;
		}
		if (rc == 2)
			snprintf(r->where, sizeof r->where, "%s", rel);
		free(rel);
		free(full);
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* ---- records ------------------------------------------------------------- */

static void article_base(vn_article_reader *r, vn_article *out)
{
	memset(out, 0, sizeof *out);
	out->source = r->source;
}

static void set_where(vn_article_reader *r)
{
	snprintf(r->where, sizeof r->where, "%s:%llu", r->source ? r->source : r->path,
		 (unsigned long long)r->lineno);
}

static void finish_json(vn_article_reader *r, vn_article *out)
{
	out->source = r->source;
	out->line = r->fmt == VN_ARTICLE_FMT_JSONL || r->state == IN_LINES ? r->lineno : 0;
	out->warning = r->js.warning[0] ? r->js.warning : NULL;
	if (!out->kind)
		out->kind = "news";
	if (!out->lang)
		out->lang = "vi";
}

/* One record from the current file: 1 (record or failure), 0 (file done), <0. */
static int file_next(vn_article_reader *r, vn_article *out, int *status, vn_error *err)
{
	int rc;
	if (r->state == IN_LINES) {
		const char *s = NULL;
		size_t n = 0;
		int too_long = 0;
		for (;;) {
			rc = next_line(r, &s, &n, &too_long, err);
			if (rc == 0) {
				r->state = IN_DONE;
				return 0;
			}
			if (rc == VN_ENOMEM)
				return rc;
			article_base(r, out);
			if (rc < 0) {
				/* a read error (corrupt gzip): one failure, then the next file */
				r->state = IN_DONE;
				out->line = r->lineno;
				*status = VN_ARTICLE_FAILED;
				return 1;
			}
			if (too_long) {
				set_where(r);
				out->line = r->lineno;
				*status = VN_ARTICLE_FAILED;
				vn_error_set(err, VN_EINVAL,
					     "%s: record of %zu bytes is over the limit (body limit %zu bytes)",
					     r->where, n, r->max_body);
				return 1;
			}
			if (blank(s, n))
				continue;
			set_where(r);
			rc = vn_article__json_line(&r->js, s, n, r->max_body, r->where, out, err);
			finish_json(r, out);
			if (rc == VN_ENOMEM)
				return rc;
			*status = rc < 0 ? VN_ARTICLE_FAILED : VN_ARTICLE_OK;
			return 1;
		}
	}
	if (r->state == IN_ARRAY) {
		if (r->array_i >= json_array_size(r->array)) {
			r->state = IN_DONE;
			return 0;
		}
		vn_article__json_reset(&r->js);
		article_base(r, out);
		snprintf(r->where, sizeof r->where, "%s: record %zu", r->source, r->array_i + 1);
		rc = vn_article__json_record(&r->js, json_array_get(r->array, r->array_i++), r->max_body,
					     r->where, out, err);
		finish_json(r, out);
		out->line = 0;
		if (rc == VN_ENOMEM)
			return rc;
		*status = rc < 0 ? VN_ARTICLE_FAILED : VN_ARTICLE_OK;
		return 1;
	}
	if (r->state == IN_SINGLE) {
		r->state = IN_DONE;
		vn_article__doc_free(&r->doc);
		article_base(r, out);
		vn_error e2 = VN_ERROR_INIT;
		if (r->fmt == VN_ARTICLE_FMT_HTML)
			rc = vn_article__parse_html(&r->doc, r->mem, r->mem_n, r->html, r->dir_name, &e2);
		else
			rc = vn_article__parse_page(&r->doc, r->mem, r->mem_n, &e2);
		if (rc == VN_ENOMEM)
			return vn_error_set(err, VN_ENOMEM, "out of memory");
		if (rc < 0) {
			out->id = r->source;
			*status = VN_ARTICLE_FAILED;
			vn_error_set(err, rc, "%s: %s", r->source, e2.msg);
			return 1;
		}
		vn_article__doc *d = &r->doc;
		out->id = d->id ? d->id : r->source;
		out->title = d->title;
		out->title_len = d->title_len;
		out->date = d->date;
		out->category = d->category;
		out->site = d->site;
		out->kind = "news";
		out->lang = d->lang ? d->lang : "vi";
		out->url = d->url;
		out->author = d->author;
		out->summary = d->summary;
		out->body = d->body;
		out->body_len = d->body_len;
		out->warning = d->warning[0] ? d->warning : NULL;
		if (d->body_len > r->max_body) {
			*status = VN_ARTICLE_FAILED;
			vn_error_set(err, VN_EINVAL, "%s: body of %zu bytes is over the limit of %zu bytes",
				     r->source, d->body_len, r->max_body);
			return 1;
		}
		*status = VN_ARTICLE_OK;
		return 1;
	}
	return 0;
}

int vn_article_next(vn_article_reader *r, vn_article *out, int *out_status, vn_error *err)
{
	if (!r || !out || !out_status)
		return vn_error_set(err, VN_EINVAL, "no reader");
	int st = VN_ARTICLE_OK;
	for (;;) {
		if (r->state != IN_NONE && r->state != IN_DONE) {
			int rc = file_next(r, out, &st, err);
			if (rc != 0) {
				if (rc > 0) {
					*out_status = st;
					if (st == VN_ARTICLE_OK)
						vn_error_clear(err);
				}
				return rc;
			}
		}
		if (!r->top_started) {
			r->top_started = 1;
			if (r->is_dir) {
				int rc = push_dir(r, r->path, "", err);
				if (rc < 0)
					return rc;
			} else {
				enum vn_article__format fmt = vn_article__format_of(r->path);
				if (fmt == VN_ARTICLE_FMT_NONE)
					fmt = sniff(r->path);
				int rc = start_file(r, r->path, r->path, fmt, err);
				if (rc == VN_ENOMEM)
					return rc;
				if (rc < 0) {
					article_base(r, out);
					out->source = r->path;
					out->id = r->path;
					r->state = IN_DONE;
					*out_status = VN_ARTICLE_FAILED;
					return 1;
				}
				continue;
			}
		}
		if (!r->is_dir)
			return 0;
		int rc = walk_next(r, err);
		if (rc == 1)
			continue;
		if (rc == 2) {
			memset(out, 0, sizeof *out);
			out->source = r->where;
			out->id = r->where;
			*out_status = VN_ARTICLE_FAILED;
			return 1;
		}
		return rc;
	}
}

int vn_article_reader_is_directory(const vn_article_reader *r)
{
	return r && r->is_dir;
}

int vn_article_reader_offset(const vn_article_reader *r, uint64_t *out)
{
	if (!r || r->is_dir || !r->gz || !r->path || strcmp(r->path, "-") == 0)
		return 0;
	z_off_t pos = gztell(r->gz);   /* decompressed bytes handed out so far */
	if (pos <= 0)
		return 0;
	uint64_t unread = r->cur == r->chunk && r->cur_len >= r->cur_pos ? r->cur_len - r->cur_pos : 0;
	uint64_t used = (uint64_t)pos > unread ? (uint64_t)pos - unread : 0;
	if (gzdirect(r->gz)) {
		*out = used;
		return 1;
	}
	z_off_t comp = gzoffset(r->gz);
	if (comp < 0)
		return 0;
	*out = (uint64_t)((double)comp * (double)used / (double)pos);
	return 1;
}

void vn_article_reader_free(vn_article_reader *r)
{
	if (!r)
		return;
	close_input(r);
	while (r->depth > 0)
		frame_free(&r->stack[--r->depth]);
	free(r->stack);
	free(r->chunk);
	vn_buf_free(&r->line);
	vn_article__json_free(&r->js);
	vn_article__doc_free(&r->doc);
	vn_article__html_config_free(r->html);
	free(r->path);
	free(r->source);
	free(r->dir_name);
	free(r);
}
