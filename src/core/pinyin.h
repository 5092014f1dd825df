/* pinyin.h — pinyin initials of Chinese text, for search ("kcg" finds 开餐馆).
 *
 * The table covers CJK Unified Ideographs U+4E00–U+9FFF and is generated at build time from the
 * npm package pinyin-pro (scripts/gen-pinyin.cjs). A character with several readings contributes
 * its most common one. Pure function. */
#ifndef YICI_PINYIN_H
#define YICI_PINYIN_H

#include <stddef.h>

/* Write the initials of s (UTF-8) into out: one lower-case letter per ideograph, ASCII letters and
 * digits lower-cased as they are, everything else skipped. Returns the length written, or -1 when
 * out (outsz bytes, NUL included) is too small or s is not UTF-8. */
long yc_pinyin_initials(const char *s, size_t len, char *out, size_t outsz);

/* All readings' initials of one code point ("xh" for 行), or "" when it has none. */
const char *yc_pinyin_of(unsigned cp, char buf[4]);

#endif
