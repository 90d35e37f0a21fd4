/*
 * article_html.c — portal HTML pages (placeholder until the libxml2 parser
 * lands: every page fails with a clear message).
 */
#include <stdlib.h>

#include "vn_article_int.h"

struct vn_article__html_config {
	int unused;
};

int vn_article__html_config_load(vn_article__html_config **out, const char *path, vn_error *err)
{
	(void)path;
	*out = NULL;
	(void)err;
	return 0;
}

int vn_article__html_config_parse(vn_article__html_config **out, const char *text, size_t n,
				  const char *name, vn_error *err)
{
	(void)text, (void)n, (void)name, (void)err;
	*out = NULL;
	return 0;
}

void vn_article__html_config_free(vn_article__html_config *c)
{
	free(c);
}

int vn_article__parse_html(vn_article__doc *d, const char *buf, size_t n,
			   const vn_article__html_config *cfg, const char *dir_name, vn_error *err)
{
	(void)d, (void)buf, (void)n, (void)cfg, (void)dir_name;
	return vn_error_set(err, VN_EINVAL, "HTML pages are not supported yet");
}
