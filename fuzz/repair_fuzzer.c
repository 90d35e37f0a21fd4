/* repair_fuzzer.c — legacy-encoding detection and repair (text/repair.c).
 * Checks that every encoding gives well-formed UTF-8 with one in-range,
 * non-decreasing offset per output byte, and that detection agrees with
 * vn_text_repair. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vn_repair.h"
#include "vn_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	vn_buf out = VN_BUF_INIT, map = VN_BUF_INIT;
	int det = vn__repair_detect(s, size);
	if (det < VN_ENC_UTF8 || det > VN_ENC_DOUBLE_UTF8)
		abort();
	for (int enc = VN_ENC_UTF8; enc <= VN_ENC_DOUBLE_UTF8; enc++) {
		vn_buf_clear(&out);
		vn_buf_clear(&map);
		if (vn__repair_convert(s, size, enc, &out, &map) != 0)
			abort();
		if (!vn_utf8_valid(out.data ? out.data : "", out.len) || map.len != out.len * 4)
			abort();
		uint32_t prev = 0;
		for (size_t i = 0; i < out.len; i++) {
			uint32_t o;
			memcpy(&o, map.data + i * 4, 4);
			if (o >= size || o < prev)
				abort();
			prev = o;
		}
		if (enc == VN_ENC_UTF8 && vn_utf8_valid(s, size) &&
		    (out.len != size || memcmp(out.data, s, size) != 0))
			abort();
	}
	int got = -1;
	if (vn_text_repair(NULL, s, size, &out, &got) != 0 || got != det)
		abort();
	vn_buf_free(&out);
	vn_buf_free(&map);
	return 0;
}
