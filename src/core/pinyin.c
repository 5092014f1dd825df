/* pinyin.c — initials from the generated table; see pinyin.h. */
#include "pinyin.h"

#include <string.h>

extern const unsigned int yc_pinyin_first;
extern const unsigned int yc_pinyin_last;
extern const char yc_pinyin_initials_table[][3];

/* Decode one UTF-8 code point at s (len bytes left); returns its length or 0 when invalid. */
static size_t decode(const unsigned char *s, size_t len, unsigned *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	size_t k = (s[0] & 0xe0) == 0xc0   ? 2
	           : (s[0] & 0xf0) == 0xe0 ? 3
	           : (s[0] & 0xf8) == 0xf0 ? 4
	                                   : 0;
	if (!k || k > len)
		return 0;
	unsigned v = s[0] & (0x7f >> k);
	for (size_t i = 1; i < k; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3f);
	}
	*cp = v;
	return k;
}

const char *yc_pinyin_of(unsigned cp, char buf[4])
{
	buf[0] = '\0';
	if (cp < yc_pinyin_first || cp > yc_pinyin_last)
		return buf;
	const char *t = yc_pinyin_initials_table[cp - yc_pinyin_first];
	size_t n = 0;
	while (n < 3 && t[n])
		n++;
	memcpy(buf, t, n);
	buf[n] = '\0';
	return buf;
}

long yc_pinyin_initials(const char *s, size_t len, char *out, size_t outsz)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t w = 0;
	while (len) {
		unsigned cp;
		size_t k = decode(p, len, &cp);
		if (!k)
			return -1;
		p += k;
		len -= k;
		char c = 0;
		if (cp < 0x80) {
			if (cp >= 'A' && cp <= 'Z')
				c = (char)(cp - 'A' + 'a');
			else if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
				c = (char)cp;
		} else if (cp >= yc_pinyin_first && cp <= yc_pinyin_last) {
			c = yc_pinyin_initials_table[cp - yc_pinyin_first][0];
		}
		if (!c)
			continue;
		if (w + 1 >= outsz)
			return -1;
		out[w++] = c;
	}
	if (w >= outsz)
		return -1;
	out[w] = '\0';
	return (long)w;
}
