/*
 * main.c — vnsearch.cgi: moves bytes between the web server and
 * vn_cgi_app_handle, as a CGI program (one request per process), as a
 * FastCGI responder (many requests per process, libfcgi), or from NAME=VALUE
 * command-line words for tests (house style 17).
 */
#include <errno.h>
#include <limits.h>
#include <malloc.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "vn_cgi.h"

static const char usage[] =
	"Usage: vnsearch.cgi [--fastcgi] [NAME=VALUE ...]\n"
	"The search page of vnsearch, run by a web server as a CGI or FastCGI program.\n"
	"\n"
	"  NAME=VALUE   answer one GET request with these parameters instead of the\n"
	"               server's QUERY_STRING (for tests), e.g. q='dang vien' page=2\n"
	"  --fastcgi    serve FastCGI requests on standard input (also chosen when\n"
	"               standard input is a listening socket or FCGI_WEB_SERVER_ADDRS\n"
	"               is set)\n"
	"  --help       this text;  --version  the version\n"
	"\n"
	"Parameters: q, page (1..1000), from, to (dd/mm/yyyy), cat, site,\n"
	"sort (relevance|date|hybrid), format (html|json), complete=PREFIX,\n"
	"PATH_INFO /complete and /opensearch.xml.\n"
	"Environment: VNSEARCH_DB=dir[:dir...] (the indexes), VNSEARCH_CONFIG=file\n"
	"(default " VN_CGI_DEFAULT_CONFIG "; keys db, templates, half_life_days,\n"
	"time_limit, page_size, cache_entries, facet_sample, site_name, base_url).\n"
	"Example: VNSEARCH_DB=var/index vnsearch.cgi q='dang vien' format=json\n";

static const char *env_get(void *payload, const char *name)
{
	(void)payload;
	return getenv(name);
}

static const char *fcgi_get(void *payload, const char *name)
{
	return FCGX_GetParam(name, (FCGX_ParamArray)payload);
}

static void log_stderr(void *payload, const char *line)
{
	(void)payload;
	fprintf(stderr, "%s\n", line);
}

/* Standard input is a listening socket when a FastCGI server spawned us
 * (the FastCGI spec, section 3.2: getpeername fails with ENOTCONN). */
static int stdin_is_listener(void)
{
	struct stat st;
	struct sockaddr_storage sa;
	socklen_t len = sizeof sa;
	if (fstat(0, &st) != 0 || !S_ISSOCK(st.st_mode))
		return 0;
	return getpeername(0, (struct sockaddr *)&sa, &len) != 0 && errno == ENOTCONN;
}

/* CONTENT_LENGTH within the cap, or cap + 1 so the parser answers 413. */
static size_t content_length(const char *s)
{
	long long n;
	if (!s || !*s)
		return 0;
	if (vn_parse_int(&n, s, strlen(s), 0, VN_CGI_MAX_INPUT) == 0)
		return (size_t)n;
	return vn_parse_int(&n, s, strlen(s), 0, LLONG_MAX) == 0 ? VN_CGI_MAX_INPUT + 1 : 0;
}

/* The whole response in as few write(2)s as the pipe takes (stdio would cut
 * it into 4 KB pieces, each one more wake-up for the server). */
static int write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* The plain-CGI request's time bound (vn_cgi_bound_fn): a one-shot timer
 * whose handler gives the answer prepared for it and ends the process.
 * Only async-signal-safe calls in the handler (write, _exit); the answer is
 * set before the timer is armed and not touched while it runs. */
static const char *volatile bound_resp;
static volatile size_t bound_len;

static void on_time_limit(int sig)
{
	static const char note[] = "vnsearch.cgi: search: time limit reached\n";
	const char *p = bound_resp;
	size_t n = bound_len;
	(void)sig;
	while (n > 0) {
		ssize_t w = write(1, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		p += w;
		n -= (size_t)w;
	}
	if (write(2, note, sizeof note - 1) < 0) {
		/* nothing more to do: the answer is out */
	}
	_exit(0);
}

static int bound_cgi(void *payload, const char *resp, size_t len, double seconds)
{
	struct itimerval it = { { 0, 0 }, { 0, 0 } };
	(void)payload;
	if (!resp)
		return setitimer(ITIMER_REAL, &it, NULL);
	bound_resp = resp;
	bound_len = len;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_time_limit;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGALRM, &sa, NULL) != 0)
		return -1;
	it.it_value.tv_sec = (time_t)seconds;
	it.it_value.tv_usec = (suseconds_t)((seconds - (double)it.it_value.tv_sec) * 1e6);
	if (it.it_value.tv_sec == 0 && it.it_value.tv_usec == 0)
		it.it_value.tv_usec = 1;
	return setitimer(ITIMER_REAL, &it, NULL);
}

static int serve_cgi(vn_cgi_app *app, int argc, char **argv)
{
	vn_buf qs = VN_BUF_INIT, out = VN_BUF_INIT;
	static char body[VN_CGI_MAX_INPUT];
	vn_cgi_input in = { 0 };
	int rc;

	in.method = getenv("REQUEST_METHOD");
	in.path_info = getenv("PATH_INFO");
	in.content_type = getenv("CONTENT_TYPE");
	if (argc > 0) {
		if (vn_cgi_args_to_query(&qs, argc, argv)) {
			fprintf(stderr, "vnsearch.cgi: arguments must be NAME=VALUE (see --help)\n");
			vn_buf_free(&qs);
			return 2;
		}
		in.method = "GET";
		in.query_string = qs.data ? qs.data : "";
		in.query_len = qs.len;
	} else {
		in.query_string = getenv("QUERY_STRING");
		in.query_len = in.query_string ? strlen(in.query_string) : 0;
	}
	if (in.method && strcmp(in.method, "POST") == 0) {
		size_t want = content_length(getenv("CONTENT_LENGTH"));
		if (want > VN_CGI_MAX_INPUT) {
			in.body_len = want;   /* not read: the parser refuses it */
		} else {
			size_t got = 0;
			while (got < want) {
				size_t r = fread(body + got, 1, want - got, stdin);
				if (r == 0)
					break;
				got += r;
			}
			in.body = body;
			in.body_len = got;
		}
	}
	vn_cgi_server srv = { getenv("SCRIPT_NAME"), getenv("HTTP_HOST"),
			      getenv("HTTPS") && strcmp(getenv("HTTPS"), "on") == 0 };
	vn_cgi_app_set_bound(app, bound_cgi, NULL);
	rc = vn_cgi_app_handle(app, &in, &srv, &out, log_stderr, NULL);
	if (rc == 0 && write_all(1, out.data, out.len) != 0)
		rc = VN_EIO;
	vn_buf_free(&qs);
	vn_buf_free(&out);
	return rc ? 1 : 0;
}

static int serve_fastcgi(vn_cgi_app *app)
{
	FCGX_Request r;
	vn_buf out = VN_BUF_INIT;
	static char body[VN_CGI_MAX_INPUT];
	if (FCGX_Init() != 0 || FCGX_InitRequest(&r, 0, 0) != 0) {
		fprintf(stderr, "vnsearch.cgi: cannot start FastCGI\n");
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	vn_cgi_app_enable_cache(app);
	while (FCGX_Accept_r(&r) >= 0) {
		vn_cgi_input in = { 0 };
		in.method = FCGX_GetParam("REQUEST_METHOD", r.envp);
		in.path_info = FCGX_GetParam("PATH_INFO", r.envp);
		in.content_type = FCGX_GetParam("CONTENT_TYPE", r.envp);
		in.query_string = FCGX_GetParam("QUERY_STRING", r.envp);
		in.query_len = in.query_string ? strlen(in.query_string) : 0;
		if (in.method && strcmp(in.method, "POST") == 0) {
			size_t want = content_length(FCGX_GetParam("CONTENT_LENGTH", r.envp));
			if (want > VN_CGI_MAX_INPUT) {
				in.body_len = want;
			} else {
				int got = FCGX_GetStr(body, (int)want, r.in);
				in.body = body;
				in.body_len = got > 0 ? (size_t)got : 0;
			}
		}
		const char *https = fcgi_get(r.envp, "HTTPS");
		vn_cgi_server srv = { FCGX_GetParam("SCRIPT_NAME", r.envp),
				      FCGX_GetParam("HTTP_HOST", r.envp),
				      https && strcmp(https, "on") == 0 };
		if (vn_cgi_app_handle(app, &in, &srv, &out, log_stderr, NULL) == 0)
			FCGX_PutStr(out.data, (int)out.len, r.out);
		FCGX_Finish_r(&r);
	}
	vn_buf_free(&out);
	return 0;
}

/* A plain-CGI process touches a few hundred heap pages once, and on a VM
 * each first touch of a 4 KB page is a fault that costs more than the
 * search's instructions (bench/cgi/README.md). One transparent huge page
 * takes the whole request's heap in one fault: glibc's heap (the main
 * arena, grown with brk) is padded up to a 2 MB boundary with a block that
 * is never touched, the next 2 MB are marked MADV_HUGEPAGE before anything
 * lives there, and large blocks come from the heap too, never given back.
 * Any step that does not go as planned leaves the heap as it was (slower,
 * never wrong): nothing here writes outside memory malloc handed out. */
static void heap_on_huge_page(void)
{
	const uintptr_t huge = (uintptr_t)2 << 20;
	if (mallopt(M_MMAP_THRESHOLD, 32 << 20) != 1 || mallopt(M_TRIM_THRESHOLD, 256 << 20) != 1 ||
	    mallopt(M_TOP_PAD, 4 << 20) != 1)
		return;
	/* Grow the heap past the next boundary (a block one byte larger than
	 * what is free at its top makes malloc extend it by M_TOP_PAD), then
	 * give the block back: the top chunk now spans the boundary. (volatile:
	 * the compiler would drop a malloc and free of an unused block.) */
	struct mallinfo2 mi = mallinfo2();
	void *volatile grow = malloc(mi.keepcost + 1);
	free(grow);
	mi = mallinfo2();
	uintptr_t end = (uintptr_t)sbrk(0), top = end - mi.keepcost;
	uintptr_t at = (top + huge - 1) & ~(huge - 1);
	if (at - top < 64 || at + huge > end || madvise((void *)at, huge, MADV_HUGEPAGE) != 0)
		return;
	/* A block from the top's start up to the boundary (its size, with
	 * glibc's 8-byte header, exactly at - top): the next block starts on
	 * the huge page. Kept for the process's life. */
	void *pad = malloc(at - top - sizeof(size_t));
	if (pad && (uintptr_t)pad - 2 * sizeof(size_t) != top)
		free(pad);
}

int main(int argc, char **argv)
{
	int fastcgi = 0, first = 1;
	for (; first < argc && strncmp(argv[first], "--", 2) == 0; first++) {
		if (strcmp(argv[first], "--help") == 0) {
			fputs(usage, stdout);
			return 0;
		} else if (strcmp(argv[first], "--version") == 0) {
			printf("vnsearch.cgi %s\n", VN_VERSION);
			return 0;
		} else if (strcmp(argv[first], "--fastcgi") == 0) {
			fastcgi = 1;
		} else {
			fprintf(stderr, "vnsearch.cgi: unknown option %s (see --help)\n", argv[first]);
			return 2;
		}
	}
	if (first == argc && (getenv("FCGI_WEB_SERVER_ADDRS") || stdin_is_listener()))
		fastcgi = 1;

	if (!fastcgi && !getenv("VN_CGI_NO_HUGE_HEAP"))
		heap_on_huge_page();
	vn_cgi_app app;
	vn_cgi_app_init(&app, env_get, NULL);
	int rc = fastcgi ? serve_fastcgi(&app) : serve_cgi(&app, argc - first, argv + first);
	vn_cgi_app_free(&app);
	return rc;
}
