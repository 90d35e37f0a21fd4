/*
 * vnindex — build or update a vnsearch index from articles.
 * Exit status: 0 all went in, 1 some records failed (each named on stderr),
 * 2 the run could not be done (bad usage, index locked or of another
 * format, database error).
 */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vn_index.h"

#ifdef VN_HAVE_MIMALLOC
#include <mimalloc.h>
#endif

static const char usage[] =
	"Usage: vnindex --db DIR [options] INPUT...\n"
	"       vnindex --db DIR --compact\n"
	"Builds the search index at DIR (created when missing) from articles, or\n"
	"updates it: unchanged articles are skipped, changed ones replaced, new ones\n"
	"added, {\"id\": ..., \"deleted\": true} records delete.\n"
	"\n"
	"INPUT is a JSON Lines file (.jsonl, .jsonl.gz), - for JSON Lines on stdin,\n"
	"a scraped portal page (.txt), a portal HTML page (.html), or a directory of\n"
	"these (searched recursively; articles whose file disappeared are removed).\n"
	"\n"
	"Options:\n"
	"  --db DIR             the index directory (required)\n"
	"  --rebuild            replace the index at DIR, whatever its format (built\n"
	"                       beside it and swapped in when complete)\n"
	"  --keep-missing       keep articles whose file left a directory input\n"
	"  --batch-size N       commit every N changed articles (default %u)\n"
	"  --threads N          1 = read and write on one thread, 2 = two (default)\n"
	"  --sequential         a first load (or --rebuild) writes into the index\n"
	"                       article by article like an update, instead of\n"
	"                       building partial indexes in parallel and swapping\n"
	"                       the merged result in (also VN_INDEX_SEQUENTIAL=1)\n"
	"  --chunk-size N       articles per partial index in a first load (default %u)\n"
	"  --compact            rewrite the index compactly and swap it in (after\n"
	"                       the INPUTs, if any); see docs/reindexing.md\n"
	"  --html-config FILE   per-site selectors for .html pages\n"
	"  --max-body-bytes N   fail articles with a larger body (default 16 MiB)\n"
	"  -q, --quiet          print only the summary line (and errors)\n"
	"  -h, --help           this text\n"
	"\n"
	"Every run ends with: added N, replaced N, unchanged N, deleted N, failed N\n"
	"Exit status: 0 all went in, 1 some records failed, 2 the run failed.\n"
	"\n"
	"Examples:\n"
	"  vnindex --db var/index ../shared/corpus/news-00000.jsonl.gz\n"
	"  vnindex --db var/index --quiet /srv/portal/uploads/\n"
	"  vnindex --db var/index --rebuild --batch-size 5000 archive.jsonl.gz\n"
	"  vnindex --db var/index --compact\n"
	"  cms-export | vnindex --db var/index -\n";

struct ui {
	int progress;      /* a terminal, and not --quiet */
	int drawn;         /* a progress line is on screen */
	int quiet;
};

static void clear_line(struct ui *u)
{
	if (u->drawn) {
		fputs("\r\033[K", stderr);
		u->drawn = 0;
	}
}

static void on_failure(const char *msg, void *payload)
{
	struct ui *u = payload;
	clear_line(u);
	fprintf(stderr, "vnindex: %s\n", msg);
}

static void on_warning(const char *msg, void *payload)
{
	struct ui *u = payload;
	if (u->quiet)
		return;
	clear_line(u);
	fprintf(stderr, "vnindex: warning: %s\n", msg);
}

static void on_progress(const vn_index_progress *p, void *payload)
{
	struct ui *u = payload;
	if (!u->progress)
		return;
	double rate = p->seconds > 0 ? (double)p->articles / p->seconds : 0;
	char eta[48] = "";
	if (p->bytes_total > 0 && p->bytes_done > 0 && p->seconds > 1) {
		double left = p->seconds * (double)(p->bytes_total - p->bytes_done) / (double)p->bytes_done;
		long s = (long)(left + 0.5);
		snprintf(eta, sizeof eta, ", %.0f%%, ETA %ldm%02lds",
			 100.0 * (double)p->bytes_done / (double)p->bytes_total, s / 60, s % 60);
	}
	fprintf(stderr, "\r\033[K%llu articles, %.0f/s%s", (unsigned long long)p->articles, rate, eta);
	fflush(stderr);
	u->drawn = 1;
}

static int parse_num(const char *s, long long min, long long max, long long *out)
{
	return vn_parse_int(out, s, strlen(s), min, max) == 0;
}

int main(int argc, char **argv)
{
#ifdef VN_HAVE_MIMALLOC
	/* Freed pages stay committed: handing them back to the kernel after
	 * every flush cost more system time than mimalloc saved (1,000
	 * articles: 1.25 -> 0.46 s system) for 15 MB more peak RSS. */
	mi_option_disable(mi_option_allow_decommit);
#endif
	enum { O_DB = 256, O_REBUILD, O_KEEP, O_BATCH, O_THREADS, O_HTML, O_MAXBODY, O_SEQ, O_CHUNK, O_COMPACT };
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, O_DB },
		{ "rebuild", no_argument, NULL, O_REBUILD },
		{ "keep-missing", no_argument, NULL, O_KEEP },
		{ "batch-size", required_argument, NULL, O_BATCH },
		{ "threads", required_argument, NULL, O_THREADS },
		{ "html-config", required_argument, NULL, O_HTML },
		{ "max-body-bytes", required_argument, NULL, O_MAXBODY },
		{ "sequential", no_argument, NULL, O_SEQ },
		{ "chunk-size", required_argument, NULL, O_CHUNK },
		{ "compact", no_argument, NULL, O_COMPACT },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct ui u = { 0, 0, 0 };
	vn_index_options o;
	memset(&o, 0, sizeof o);
	const char *db = NULL;
	int compact = 0;
	long long n;
	int c;
	while ((c = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
		switch (c) {
		case O_DB: db = optarg; break;
		case O_REBUILD: o.rebuild = 1; break;
		case O_KEEP: o.keep_missing = 1; break;
		case O_BATCH:
			if (!parse_num(optarg, 1, 10000000, &n)) {
				fprintf(stderr, "vnindex: --batch-size wants a number from 1 to 10000000\n");
				return 2;
			}
			o.batch_size = (unsigned)n;
			break;
		case O_THREADS:
			if (!parse_num(optarg, 1, 2, &n)) {
				fprintf(stderr, "vnindex: --threads wants 1 or 2\n");
				return 2;
			}
			o.threads = (int)n;
			break;
		case O_HTML: o.html_config = optarg; break;
		case O_MAXBODY:
			if (!parse_num(optarg, 1, (long long)1 << 40, &n)) {
				fprintf(stderr, "vnindex: --max-body-bytes wants a positive number\n");
				return 2;
			}
			o.max_body_bytes = (size_t)n;
			break;
		case O_SEQ: o.parallel = -1; break;
		case O_CHUNK:
			if (!parse_num(optarg, 1, 10000000, &n)) {
				fprintf(stderr, "vnindex: --chunk-size wants a number from 1 to 10000000\n");
				return 2;
			}
			o.chunk_size = (unsigned)n;
			break;
		case O_COMPACT: compact = 1; break;
		case 'q': u.quiet = 1; break;
		case 'h': printf(usage, VN_INDEX_DEFAULT_BATCH, VN_INDEX_DEFAULT_CHUNK); return 0;
		default:
			fprintf(stderr, "vnindex: see vnindex --help\n");
			return 2;
		}
	}
	if (!db) {
		fprintf(stderr, "vnindex: no index given (--db DIR); see vnindex --help\n");
		return 2;
	}
	if (optind >= argc && !compact) {
		fprintf(stderr, "vnindex: no input given; see vnindex --help\n");
		return 2;
	}
	u.progress = !u.quiet && isatty(STDERR_FILENO);
	o.on_failure = on_failure;
	o.on_warning = on_warning;
	o.on_progress = on_progress;
	o.payload = &u;

	vn_error err = VN_ERROR_INIT;
	vn_index *ix = NULL;
	int rc = vn_index_open(&ix, db, &o, &err);
	if (rc) {
		fprintf(stderr, "vnindex: %s\n", err.msg[0] ? err.msg : vn_strerror(rc));
		return 2;
	}
	vn_index_summary s = { 0, 0, 0, 0, 0 };
	if (optind < argc)
		rc = vn_index_run(ix, (const char *const *)argv + optind, (size_t)(argc - optind), &s, &err);
	uint64_t before = 0, after = 0;
	if (rc == 0 && compact && (rc = vn_index_compact(ix, &before, &after, &err)) == 0 && !u.quiet)
		fprintf(stderr, "vnindex: compacted %s: %.1f MB -> %.1f MB\n", db, (double)before / 1e6,
			(double)after / 1e6);
	vn_index_free(ix);
	clear_line(&u);
	vn_buf line = VN_BUF_INIT;
	if (optind < argc && vn_index_summary_format(&s, &line) == 0)
		printf("%s\n", line.data);
	vn_buf_free(&line);
	fflush(stdout);
	if (rc) {
		fprintf(stderr, "vnindex: %s (the index keeps its last commit; run again to finish)\n",
			err.msg[0] ? err.msg : vn_strerror(rc));
		return 2;
	}
	return s.failed ? 1 : 0;
}
