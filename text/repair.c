/* repair.c — legacy encoding detection and repair (facts §4).
 * Placeholder: detects nothing yet, and only replaces invalid UTF-8. */
#include "vn_repair.h"
#include "vn_text.h"

int vn__repair_detect(const char *s, size_t n)
{
	(void)s;
	(void)n;
	return VN_ENC_UTF8;
}

int vn__repair_convert(const char *s, size_t n, int enc, vn_buf *out, vn_buf *offmap)
{
	(void)enc;
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		size_t k = vn_utf8_decode(&cp, p + i, n - i);
		size_t before = out->len;
		int rc = vn_buf_put_utf8(out, cp);
		if (rc)
			return rc;
		if (offmap) {
			uint32_t off = (uint32_t)i;
			for (size_t j = before; j < out->len; j++)
				if ((rc = vn_buf_append(offmap, &off, sizeof off)) != 0)
					return rc;
		}
		i += k;
	}
	return 0;
}

int vn_text_repair(vn_text *t, const char *s, size_t n, vn_buf *out, int *out_enc)
{
	(void)t;
	vn_buf_clear(out);
	int enc = vn__repair_detect(s, n);
	if (out_enc)
		*out_enc = enc;
	return vn__repair_convert(s, n, enc, out, NULL);
}
