/*
 * vnquery — search vnsearch indexes from the command line.
 * A thin front end over vn_query.h: text for people, --json and --batch
 * for scripts. Exit codes are listed in usage().
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vn_query.h"

enum {
	EXIT_USAGE = 2,   /* bad command line */
	EXIT_INDEX = 3,   /* index missing, unreadable or of another format version */
	EXIT_QUERY = 4,   /* empty query without filters, bad date */
	EXIT_OTHER = 5    /* out of memory, internal error */
};

static void usage(FILE *f)
{
	fputs("usage: vnquery --db DIR [--db DIR2 ...] [options] QUERY...\n"
	      "Search one or several vnsearch indexes (searched as one).\n"
	      "\n"
	      "Query syntax: words (with or without accents), \"exact phrase\", AND OR NOT,\n"
	      "+word -word, (groups), title:word, category:\"Thời sự\", site:HOST, kind:legal,\n"
	      "dates as typed: 21/03/2023, tháng 3/2023, năm 2023 (alone), 2023-03-21,\n"
	      "từ 01/03/2023 đến 31/03/2023. Only filters: newest articles first.\n"
	      "\n"
	      "Options:\n"
	      "  --db DIR          index directory (repeat to search several)   --db var/index\n"
	      "  --json            one JSON object: query, total, hits, suggestion, facets\n"
	      "  --batch           read one query per line from stdin, write one JSON line each\n"
	      "  --limit N         hits per page, 1..100 (default 10)             --limit 20\n"
	      "  --offset N        skip the first N hits (default 0)              --offset 10\n"
	      "  --sort MODE       hybrid (default) | relevance | date            --sort date\n"
	      "  --from DATE       articles on or after DATE (YYYY-MM-DD or DD/MM/YYYY)\n"
	      "                                                                 --from 01/03/2023\n"
	      "  --to DATE         articles on or before DATE                     --to 2023-03-31\n"
	      "  --category NAME   only this category                             --category \"Thời sự\"\n"
	      "  --site HOST       only this site                                 --site phuong1.gov.vn\n"
	      "  --kind KIND       news | legal | procedure                       --kind legal\n"
	      "  --lang LANG       query language: vi (no stemming) or en         --lang en\n"
	      "  --half-life DAYS  recency half-life for hybrid sort (default 365) --half-life 90\n"
	      "  --facets          count hits by category, site, kind, year, month\n"
	      "  --facet-sample N  count facets over about N matches, scaled to the total\n"
	      "                    (default 2000; estimates are marked ~)  --facet-sample 100000\n"
	      "  --no-snippets     no snippet (faster)\n"
	      "  --no-suggest      no \"did you mean\"\n"
	      "  --synonyms FILE   abbreviation list (default: query/synonyms.txt)\n"
	      "  --color=WHEN      auto (default: on a terminal) | always | never\n"
	      "  --complete        print completions of QUERY (last word a prefix), one a line\n"
	      "                                                                 --complete 'dang v'\n"
	      "  --timing          print per-query times (median, p99) to stderr at the end\n"
	      "  --help            this text\n"
	      "\n"
	      "Examples:\n"
	      "  vnquery --db var/index dang vien\n"
	      "  vnquery --db var/index --json --facets '\"kế hoạch\" năm 2023'\n"
	      "  printf 'UBND\\nbhxh\\n' | vnquery --db var/index --batch\n"
	      "\n"
	      "Exit codes: 0 success (also with no hits), 2 bad usage, 3 index missing,\n"
	      "unreadable or of another format version, 4 empty query or bad date, 5 other error.\n",
	      f);
}

static int exit_for(int code)
{
	switch (code) {
	case VN_ENOTFOUND:
	case VN_EVERSION:
	case VN_ECORRUPT:
	case VN_EIO:
		return EXIT_INDEX;
	case VN_EINVAL:
	case VN_EQUERY:
		return EXIT_QUERY;
	default:
		return EXIT_OTHER;
	}
}

static int parse_u32(const char *s, uint32_t max, uint32_t *out)
{
	long long v;
	if (vn_parse_int(&v, s, strlen(s), 0, max))
		return -1;
	*out = (uint32_t)v;
	return 0;
}

static void put_marked(FILE *f, const char *s, const vn_query_span *m, size_t nm, int color,
		       const char *on)
{
	size_t pos = 0, len = strlen(s);
	for (size_t i = 0; i < nm; i++) {
		if (m[i].start < pos || m[i].start + (size_t)m[i].len > len)
			continue;
		fwrite(s + pos, 1, m[i].start - pos, f);
		if (color)
			fputs(on, f);
		fwrite(s + m[i].start, 1, m[i].len, f);
		if (color)
			fputs("\033[0m", f);
		pos = m[i].start + m[i].len;
	}
	fputs(s + pos, f);
}

static void print_person(const vn_query_result *r, int color)
{
	const char *mark = "\033[1;33m", *bold = "\033[1m";
	if (r->note)
		printf("(%s)\n", r->note);
	if (r->suggestion)
		printf(r->suggestion_searched ? "Nothing for the words as typed; showing results for: %s%s%s\n"
					      : "Did you mean: %s%s%s ?\n",
		       color ? bold : "", r->suggestion, color ? "\033[0m" : "");
	const char *shown = r->suggestion_searched ? r->suggestion : r->query;
	printf("%s%u results for: %s\n", r->total_exact ? "" : "about ", r->total, shown ? shown : "");
	for (size_t i = 0; i < r->n_hits; i++) {
		const vn_query_hit *h = &r->hits[i];
		char date[16] = "          ";
		if (h->date && strlen(h->date) == 10)
			snprintf(date, sizeof date, "%.2s/%.2s/%.4s", h->date + 8, h->date + 5, h->date);
		printf("\n%3u. %s  ", (unsigned)(r->offset + i + 1), date);
		if (color)
			fputs(bold, stdout);
		put_marked(stdout, h->title, h->title_marks, h->n_title_marks, color, color ? "\033[1;33m" : "");
		if (color)
			fputs("\033[0m", stdout);
		putchar('\n');
		if (h->url && *h->url)
			printf("     %s\n", h->url);
		else
			printf("     id: %s\n", h->id);
		if (h->snippet && *h->snippet) {
			fputs("     ", stdout);
			put_marked(stdout, h->snippet, h->snippet_marks, h->n_snippet_marks, color, mark);
			putchar('\n');
		}
	}
	if (r->n_facets) {
		putchar('\n');
		for (size_t i = 0; i < r->n_facets; i++) {
			const vn_query_facet *f = &r->facets[i];
			if (!f->n_values)
				continue;
			printf("%s:", f->name);
			for (size_t j = 0; j < f->n_values && j < 12; j++)
				printf("%s %s (%s%u)", j ? "," : "", f->values[j].value, r->facets_estimated ? "~" : "",
				       f->values[j].count);
			putchar('\n');
		}
	}
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	enum { O_FROM = 256, O_TO, O_CATEGORY, O_SITE, O_KIND, O_LANG, O_HALF, O_COLOR, O_SYN,
	       O_NOSNIP, O_NOSUGG, O_TIMING, O_COMPLETE, O_FSAMPLE };
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },       { "json", no_argument, NULL, 'j' },
		{ "batch", no_argument, NULL, 'b' },          { "limit", required_argument, NULL, 'n' },
		{ "offset", required_argument, NULL, 'o' },   { "sort", required_argument, NULL, 's' },
		{ "from", required_argument, NULL, O_FROM },  { "to", required_argument, NULL, O_TO },
		{ "category", required_argument, NULL, O_CATEGORY },
		{ "site", required_argument, NULL, O_SITE },  { "kind", required_argument, NULL, O_KIND },
		{ "lang", required_argument, NULL, O_LANG },  { "half-life", required_argument, NULL, O_HALF },
		{ "facets", no_argument, NULL, 'f' },         { "facet-sample", required_argument, NULL, O_FSAMPLE },
	         { "color", optional_argument, NULL, O_COLOR },
		{ "colour", optional_argument, NULL, O_COLOR },
		{ "synonyms", required_argument, NULL, O_SYN },
		{ "no-snippets", no_argument, NULL, O_NOSNIP },
		{ "no-suggest", no_argument, NULL, O_NOSUGG },
		{ "timing", no_argument, NULL, O_TIMING },    { "complete", no_argument, NULL, O_COMPLETE },    { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *dbs[64];
	size_t ndb = 0;
	int json = 0, batch = 0, color = -1, timing = 0, complete = 0;
	vn_query_request req = VN_QUERY_REQUEST_INIT;
	vn_query_config cfg = VN_QUERY_CONFIG_INIT;
	req.want_facets = 0;
	int c;
	while ((c = getopt_long(argc, argv, "d:jbn:o:s:fh", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			if (ndb == 64) {
				fprintf(stderr, "vnquery: at most 64 --db\n");
				return EXIT_USAGE;
			}
			dbs[ndb++] = optarg;
			break;
		case 'j': json = 1; break;
		case 'b': batch = 1; break;
		case 'n':
			if (parse_u32(optarg, 100, &req.limit) || req.limit == 0) {
				fprintf(stderr, "vnquery: --limit wants a number from 1 to 100, not \"%s\"\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'o':
			if (parse_u32(optarg, 100000, &req.offset)) {
				fprintf(stderr, "vnquery: --offset wants a number from 0 to 100000, not \"%s\"\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case 's':
			if (!strcmp(optarg, "hybrid"))
				req.sort = VN_QUERY_SORT_HYBRID;
			else if (!strcmp(optarg, "relevance"))
				req.sort = VN_QUERY_SORT_RELEVANCE;
			else if (!strcmp(optarg, "date"))
				req.sort = VN_QUERY_SORT_DATE;
			else {
				fprintf(stderr, "vnquery: --sort is hybrid, relevance or date, not \"%s\"\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case O_FROM: req.from = optarg; break;
		case O_TO: req.to = optarg; break;
		case O_CATEGORY: req.category = optarg; break;
		case O_SITE: req.site = optarg; break;
		case O_KIND: req.kind = optarg; break;
		case O_LANG: req.lang = optarg; break;
		case O_HALF: {
			char *end;
			double d = strtod(optarg, &end);
			if (*end || !(d > 0 && d < 1e6)) {
				fprintf(stderr, "vnquery: --half-life wants days > 0, not \"%s\"\n", optarg);
				return EXIT_USAGE;
			}
			cfg.half_life_days = d;
			break;
		}
		case 'f': req.want_facets = 1; break;
		case O_FSAMPLE:
			if (parse_u32(optarg, 100000000, &cfg.facet_sample) || cfg.facet_sample == 0) {
				fprintf(stderr, "vnquery: --facet-sample wants a number from 1 to 100000000, not \"%s\"\n",
					optarg);
				return EXIT_USAGE;
			}
			break;
		case O_COLOR:
			if (!optarg || !strcmp(optarg, "always"))
				color = 1;
			else if (!strcmp(optarg, "never"))
				color = 0;
			else if (!strcmp(optarg, "auto"))
				color = -1;
			else {
				fprintf(stderr, "vnquery: --color is auto, always or never, not \"%s\"\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case O_SYN: cfg.synonyms_path = optarg; break;
		case O_NOSNIP: req.want_snippets = 0; break;
		case O_NOSUGG: req.want_suggestion = 0; break;
		case O_TIMING: timing = 1; break;
		case O_COMPLETE: complete = 1; break;
		case 'h': usage(stdout); return 0;
		default:
			fprintf(stderr, "vnquery: see vnquery --help\n");
			return EXIT_USAGE;
		}
	}
	if (ndb == 0) {
		fprintf(stderr, "vnquery: no index given: use --db DIR (see --help)\n");
		return EXIT_USAGE;
	}
	if (color < 0)
		color = isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
	if (batch && optind < argc) {
		fprintf(stderr, "vnquery: --batch reads queries from stdin; give no QUERY arguments\n");
		return EXIT_USAGE;
	}

	vn_query_engine *e = NULL;
	vn_error err = VN_ERROR_INIT;
	int rc = vn_query_open(&e, dbs, ndb, &cfg, &err);
	if (rc) {
		fprintf(stderr, "vnquery: %s\n", err.msg[0] ? err.msg : vn_strerror(rc));
		return exit_for(rc);
	}

	vn_buf q = VN_BUF_INIT, out = VN_BUF_INIT;
	int status = 0;
	double *times = NULL;
	size_t ntimes = 0, captimes = 0;
	if (!batch) {
		for (int i = optind; i < argc; i++) {
			if (i > optind)
				vn_buf_putc(&q, ' ');
			vn_buf_puts(&q, argv[i]);
		}
		req.query = q.data ? q.data : "";
		req.query_len = q.len;
		vn_query_result *r = NULL;
		if (complete) {
			size_t nc = 0;
			rc = vn_query_complete(e, req.query, req.query_len, 10, &out, &nc, &err);
			for (size_t i = 0, off = 0; !rc && i < nc; i++) {
				puts(out.data + off);
				off += strlen(out.data + off) + 1;
			}
		} else {
			rc = vn_query_run(e, &req, &r, &err);
		}
		if (rc) {
			fprintf(stderr, "vnquery: %s\n", err.msg[0] ? err.msg : vn_strerror(rc));
			status = exit_for(rc);
		} else if (complete) {
			/* printed above */
		} else if (json) {
			if (vn_query_result_json(r, &out) == 0) {
				fwrite(out.data, 1, out.len, stdout);
				putchar('\n');
			} else {
				status = EXIT_OTHER;
			}
		} else {
			print_person(r, color);
		}
		vn_query_result_free(r);
	} else {
		char *line = NULL;
		size_t cap = 0;
		ssize_t len;
		while ((len = getline(&line, &cap, stdin)) >= 0) {
			while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
				line[--len] = 0;
			req.query = line;
			req.query_len = (size_t)len;
			vn_query_result *r = NULL;
			vn_error qerr = VN_ERROR_INIT;
			double t0 = now_ms();
			rc = vn_query_run(e, &req, &r, &qerr);
			double dt = now_ms() - t0;
			vn_buf_clear(&out);
			if (rc) {
				if (exit_for(rc) != EXIT_QUERY)
					status = exit_for(rc);
				vn_buf_puts(&out, "{\"query\":");
				vn_json_string(&out, line, (size_t)len);
				vn_buf_puts(&out, ",\"error\":");
				vn_json_string(&out, qerr.msg, strlen(qerr.msg));
				vn_buf_putc(&out, '}');
			} else if (vn_query_result_json(r, &out)) {
				status = EXIT_OTHER;
			}
			vn_query_result_free(r);
			fwrite(out.data, 1, out.len, stdout);
			putchar('\n');
			if (timing) {
				if (ntimes == captimes) {
					size_t nc = captimes ? captimes * 2 : 1024;
					double *nt = realloc(times, nc * sizeof *nt);
					if (nt) {
						times = nt;
						captimes = nc;
					}
				}
				if (ntimes < captimes)
					times[ntimes++] = dt;
			}
			if (status == EXIT_INDEX || status == EXIT_OTHER)
				break;
		}
		free(line);
	}
	if (timing && ntimes) {
		qsort(times, ntimes, sizeof *times, cmp_double);
		double sum = 0;
		for (size_t i = 0; i < ntimes; i++)
			sum += times[i];
		size_t p99 = (ntimes * 99 + 99) / 100;
		fprintf(stderr, "vnquery: %zu queries, median %.3f ms, p99 %.3f ms, mean %.3f ms, max %.3f ms\n",
			ntimes, times[ntimes / 2], times[(p99 ? p99 : 1) - 1], sum / ntimes, times[ntimes - 1]);
	}
	free(times);
	vn_buf_free(&q);
	vn_buf_free(&out);
	vn_query_close(e);
	if (fflush(stdout) != 0 && !status) {
		fprintf(stderr, "vnquery: write error\n");
		status = EXIT_OTHER;
	}
	return status;
}
