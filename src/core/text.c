/* text.c — text checks and time formatting; see text.h. */
#include "text.h"

#include <stdio.h>
#include <string.h>

long yc_utf8_len(const char *s, size_t len)
{
	long n = 0;
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	while (p < end) {
		unsigned c = *p;
		size_t k;
		unsigned cp;
		if (c < 0x80) {
			k = 1;
			cp = c;
		} else if ((c & 0xe0) == 0xc0) {
			k = 2;
			cp = c & 0x1f;
		} else if ((c & 0xf0) == 0xe0) {
			k = 3;
			cp = c & 0x0f;
		} else if ((c & 0xf8) == 0xf0) {
			k = 4;
			cp = c & 0x07;
		} else {
			return -1;
		}
		if ((size_t)(end - p) < k)
			return -1;
		for (size_t i = 1; i < k; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return -1;
			cp = (cp << 6) | (p[i] & 0x3f);
		}
		if ((k == 2 && cp < 0x80) || (k == 3 && cp < 0x800) || (k == 4 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return -1;
		p += k;
		n++;
	}
	return n;
}

enum yc_status yc_text_check(const char *s, size_t len, long min, long max, bool multiline,
                             const char *field, struct yc_error *e)
{
	long n = yc_utf8_len(s, len);
	if (n < 0)
		return yc_fail(e, YC_E_BAD_INPUT, field, "内容不是有效的 UTF-8 文本");
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && !(multiline && (c == '\n' || c == '\t' || c == '\r'))) ||
		    c == 0x7f)
			return yc_fail(e, YC_E_BAD_INPUT, field, "内容不能包含控制字符");
	}
	if (n < min)
		return yc_fail(e, YC_E_BAD_INPUT, field, min <= 1 ? "此项不能为空" : "内容太短");
	if (n > max)
		return yc_fail(e, YC_E_BAD_INPUT, field, "内容太长");
	return YC_OK;
}

/* Howard Hinnant's civil-date algorithms (public domain description). */
int64_t yc_days_from_civil(int y, unsigned m, unsigned d)
{
	y -= m <= 2;
	const int64_t era = (y >= 0 ? y : y - 399) / 400;
	const unsigned yoe = (unsigned)(y - era * 400);
	const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

void yc_civil_from_days(int64_t z, int *y, unsigned *m, unsigned *d)
{
	z += 719468;
	const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	const unsigned doe = (unsigned)(z - era * 146097);
	const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	const unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)(yoe + era * 400) + (*m <= 2);
}

void yc_time_iso(int64_t t, char out[24])
{
	int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	int64_t rem = t - days * 86400;
	int y;
	unsigned m, d;
	yc_civil_from_days(days, &y, &m, &d);
	snprintf(out, 24, "%04d-%02u-%02uT%02d:%02d:%02dZ", y, m, d, (int)(rem / 3600),
	         (int)(rem / 60 % 60), (int)(rem % 60));
}

static bool digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool yc_time_parse(const char *s, int64_t *out)
{
	int y, m, d, hh = 0, mm = 0, ss = 0;
	size_t len = strlen(s);
	if (len != 10 && len != 20)
		return false;
	if (!digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &m) || s[7] != '-' ||
	    !digits(s + 8, 2, &d))
		return false;
	if (m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	int yy;
	unsigned mo, dd;
	int64_t days = yc_days_from_civil(y, (unsigned)m, (unsigned)d);
	yc_civil_from_days(days, &yy, &mo, &dd);
	if (yy != y || (int)mo != m || (int)dd != d)
		return false;
	if (len == 20) {
		if (s[10] != 'T' || !digits(s + 11, 2, &hh) || s[13] != ':' ||
		    !digits(s + 14, 2, &mm) || s[16] != ':' || !digits(s + 17, 2, &ss) ||
		    s[19] != 'Z')
			return false;
		if (hh > 23 || mm > 59 || ss > 60)
			return false;
	}
	*out = days * 86400 + hh * 3600 + mm * 60 + ss;
	return true;
}

int32_t yc_date_cst(int64_t t)
{
	int64_t local = t + 8 * 3600;
	int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
	int y;
	unsigned m, d;
	yc_civil_from_days(days, &y, &m, &d);
	return (int32_t)(y * 10000 + (int)m * 100 + (int)d);
}
