/*
 * main.c — vnsearch.cgi: moves bytes between the web server and
 * vn_cgi_app_handle, as a CGI program (one request per process), as a
 * FastCGI responder (many requests per process, libfcgi), or from NAME=VALUE
 * command-line words for tests (house style 17).
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
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

	vn_cgi_app app;
	vn_cgi_app_init(&app, env_get, NULL);
	int rc = fastcgi ? serve_fastcgi(&app) : serve_cgi(&app, argc - first, argv + first);
	vn_cgi_app_free(&app);
	return rc;
}
