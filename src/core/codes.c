/*
 * codes.c - GB 11643, GB 32100 and GB/T 2260 validators, phone check and masking.
 * Pure functions only; see codes.h for the contract.
 */
#include "codes.h"

#include <limits.h>

/* ---- small character helpers (locale-independent, unlike <ctype.h>) ---- */

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool all_digits(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (!is_digit(s[i]))
			return false;
	}
	return true;
}

static bool all_zero(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] != '0')
			return false;
	}
	return true;
}

static int two_digits(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/* Length of a NUL-terminated string, but never reading past max characters. */
static size_t bounded_len(const char *s, size_t max)
{
	size_t n = 0;
	while (n < max && s[n] != '\0')
		n++;
	return n;
}

/* ---- reasons ---- */

const char *yc_code_reason_zh(enum yc_code_check r)
{
	switch (r) {
	case YC_CODE_OK:
		return "校验通过";
	case YC_CODE_LENGTH:
		return "长度不正确";
	case YC_CODE_CHARSET:
		return "含有不允许的字符";
	case YC_CODE_DATE:
		return "日期无效";
	case YC_CODE_FUTURE:
		return "日期晚于当前日期";
	case YC_CODE_REGION:
		return "行政区划代码无效";
	case YC_CODE_CHECKSUM:
		return "校验码错误";
	case YC_CODE_LEVEL:
		return "行政区划层级不符合要求";
	}
	return "未知错误";
}

/* ---- provinces and dates ---- */

/*
 * The two-digit province codes of GB/T 2260 (including 71 Taiwan, 81 Hong Kong and
 * 82 Macao, which appear in ID numbers issued to residents of those regions).
 */
static bool is_province(int p)
{
	return (p >= 11 && p <= 15) || (p >= 21 && p <= 23) || (p >= 31 && p <= 37) ||
	       (p >= 41 && p <= 46) || (p >= 50 && p <= 54) || (p >= 61 && p <= 65) || p == 71 ||
	       p == 81 || p == 82;
}

static bool is_leap(int32_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* A real proleptic-Gregorian date given as yyyymmdd, with a year of at least 1900. */
static bool valid_date(int32_t ymd)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int32_t y = ymd / 10000;
	int32_t m = (ymd / 100) % 100;
	int32_t d = ymd % 100;

	if (y < 1900 || m < 1 || m > 12 || d < 1)
		return false;
	int dim = days[m - 1];
	if (m == 2 && is_leap(y))
		dim = 29;
	return d <= dim;
}

static int32_t parse8(const char *s)
{
	int32_t v = 0;
	for (int i = 0; i < 8; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* ---- GB 11643 resident ID number ---- */

/*
 * ISO 7064 MOD 11-2 over 17 digits: weights 2^(17-i) mod 11, i.e.
 * 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2; the sum mod 11 indexes "10X98765432".
 * The caller guarantees 17 digits.
 */
static char id_check_char_unchecked(const char *s)
{
	static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	static const char map[] = "10X98765432";
	int sum = 0;
	for (int i = 0; i < 17; i++)
		sum += (s[i] - '0') * weights[i];
	return map[sum % 11];
}

char yc_id_number_check_char(const char *first17)
{
	if (first17 == NULL || bounded_len(first17, 17) != 17 || !all_digits(first17, 17))
		return 0;
	return id_check_char_unchecked(first17);
}

/*
 * Structure first (length, character set), then meaning (province, birth date not
 * before 1900 and not after today), then the check character. The first failing
 * rule is reported.
 */
enum yc_code_check yc_id_number_check(const char *s, size_t len, int32_t today_yyyymmdd)
{
	if (s == NULL || len != 18)
		return YC_CODE_LENGTH;
	if (!all_digits(s, 17) || !(is_digit(s[17]) || s[17] == 'X'))
		return YC_CODE_CHARSET;
	if (!is_province(two_digits(s)))
		return YC_CODE_REGION;
	int32_t birth = parse8(s + 6);
	if (!valid_date(birth))
		return YC_CODE_DATE;
	if (birth > today_yyyymmdd)
		return YC_CODE_FUTURE;
	if (id_check_char_unchecked(s) != s[17])
		return YC_CODE_CHECKSUM;
	return YC_CODE_OK;
}

int32_t yc_id_number_birth(const char *s)
{
	if (s == NULL || bounded_len(s, 14) != 14 || !all_digits(s + 6, 8))
		return 0;
	return parse8(s + 6);
}

/* ---- GB 32100 unified social credit code ---- */

/* Value 0-30 of a credit-code character, or -1 when it is not in the charset. */
static int credit_value(char c)
{
	static const char charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	for (int i = 0; i < 31; i++) {
		if (charset[i] == c)
			return i;
	}
	return -1;
}

/*
 * MOD 31 check: weights 3^(i-1) mod 31 for positions 1-17, c = 31 - (sum mod 31),
 * where c = 31 is written as '0'. Returns 0 if a character is outside the charset.
 */
static char credit_check_char_n(const char *s)
{
	static const char charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	int sum = 0;
	int w = 1;
	for (int i = 0; i < 17; i++) {
		int v = credit_value(s[i]);
		if (v < 0)
			return 0;
		sum += v * w;
		w = (w * 3) % 31;
	}
	int c = 31 - sum % 31;
	return charset[c == 31 ? 0 : c];
}

char yc_credit_code_check_char(const char *first17)
{
	if (first17 == NULL || bounded_len(first17, 17) != 17)
		return 0;
	return credit_check_char_n(first17);
}

/*
 * Length, then the charset over all 18 characters, then digits in positions 3-8
 * (reported as a region error), then the check character.
 */
enum yc_code_check yc_credit_code_check(const char *s, size_t len)
{
	if (s == NULL || len != 18)
		return YC_CODE_LENGTH;
	for (size_t i = 0; i < 18; i++) {
		if (credit_value(s[i]) < 0)
			return YC_CODE_CHARSET;
	}
	if (!all_digits(s + 2, 6))
		return YC_CODE_REGION;
	if (credit_check_char_n(s) != s[17])
		return YC_CODE_CHECKSUM;
	return YC_CODE_OK;
}

/* ---- GB/T 2260 region codes ---- */

/* Level of a 6-digit code; the caller has checked that s holds 6 digits. */
static enum yc_region_level level6(const char *s)
{
	if (!is_province(two_digits(s)))
		return YC_REGION_INVALID;
	if (s[2] == '0' && s[3] == '0' && s[4] == '0' && s[5] == '0')
		return YC_REGION_PROVINCE;
	if (s[4] == '0' && s[5] == '0')
		return YC_REGION_CITY;
	return YC_REGION_COUNTY;
}

/*
 * 6 digits classify by their trailing zeros. 12 digits: a zero town and village is
 * the padded 6-digit code; otherwise a town or village needs a city or county prefix
 * and a village needs a non-zero town.
 */
enum yc_region_level yc_region_level(const char *s, size_t len)
{
	if (s == NULL || (len != 6 && len != 12) || !all_digits(s, len))
		return YC_REGION_INVALID;
	enum yc_region_level base = level6(s);
	if (len == 6 || base == YC_REGION_INVALID)
		return base;

	bool town_zero = all_zero(s + 6, 3);
	bool village_zero = all_zero(s + 9, 3);
	if (town_zero)
		return village_zero ? base : YC_REGION_INVALID;
	if (base == YC_REGION_PROVINCE)
		return YC_REGION_INVALID;
	return village_zero ? YC_REGION_TOWN : YC_REGION_VILLAGE;
}

const char *yc_region_level_name(enum yc_region_level l)
{
	switch (l) {
	case YC_REGION_PROVINCE:
		return "province";
	case YC_REGION_CITY:
		return "city";
	case YC_REGION_COUNTY:
		return "county";
	case YC_REGION_TOWN:
		return "town";
	case YC_REGION_VILLAGE:
		return "village";
	case YC_REGION_INVALID:
		break;
	}
	return "invalid";
}

static void copy_n(char *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = s[i];
	out[n] = '\0';
}

/*
 * Zero the digits that make the code more specific than its parent:
 * village -> town (12 digits), town -> 6-digit prefix, county -> xxxx00 (or xx0000
 * when the city part is 00), city -> xx0000, province -> "".
 */
bool yc_region_parent(const char *s, size_t len, char out[13])
{
	enum yc_region_level l = yc_region_level(s, len);
	if (out == NULL)
		return false;
	out[0] = '\0';
	switch (l) {
	case YC_REGION_INVALID:
		return false;
	case YC_REGION_VILLAGE:
		copy_n(out, s, 12);
		out[9] = out[10] = out[11] = '0';
		return true;
	case YC_REGION_TOWN:
		copy_n(out, s, 6);
		return true;
	case YC_REGION_COUNTY:
		copy_n(out, s, 6);
		out[4] = out[5] = '0'; /* city part 00: this is the province itself */
		return true;
	case YC_REGION_CITY:
		copy_n(out, s, 6);
		out[2] = out[3] = '0';
		return true;
	case YC_REGION_PROVINCE:
		return true;
	}
	return false;
}

/* Number of leading digits that identify a region of level l. */
static size_t significant_digits(enum yc_region_level l)
{
	switch (l) {
	case YC_REGION_PROVINCE:
		return 2;
	case YC_REGION_CITY:
		return 4;
	case YC_REGION_COUNTY:
		return 6;
	case YC_REGION_TOWN:
		return 9;
	case YC_REGION_VILLAGE:
		return 12;
	case YC_REGION_INVALID:
		break;
	}
	return 0;
}

/*
 * Pad both codes to 12 digits; child lies within scope when it agrees with scope on
 * all of scope's significant digits. A less specific child cannot match, because
 * scope's last significant segment is non-zero where the child has zeros.
 */
bool yc_region_within(const char *child, const char *scope)
{
	if (child == NULL || scope == NULL)
		return false;
	size_t clen = bounded_len(child, 13);
	size_t slen = bounded_len(scope, 13);
	enum yc_region_level cl = yc_region_level(child, clen);
	enum yc_region_level sl = yc_region_level(scope, slen);
	if (cl == YC_REGION_INVALID || sl == YC_REGION_INVALID)
		return false;

	size_t n = significant_digits(sl);
	for (size_t i = 0; i < n; i++) {
		char c = i < clen ? child[i] : '0';
		char p = i < slen ? scope[i] : '0';
		if (c != p)
			return false;
	}
	return true;
}

/* ---- phone numbers ---- */

/* Length of the run of digits starting at s[i] (within len). */
static size_t digit_run(const char *s, size_t i, size_t len)
{
	size_t n = 0;
	while (i + n < len && is_digit(s[i + n]))
		n++;
	return n;
}

/*
 * Mobile: exactly 11 digits "1[3-9]xxxxxxxxx".
 * Landline: "0" + area (2-3 digits, first 1-9) + optional '-' + number (7-8 digits)
 * + optional "-" + extension (1-6 digits). Without the dash between area code and
 * number the digits form one run of 10-12, and any split into area and number is
 * accepted.
 */
bool yc_phone_valid(const char *s, size_t len)
{
	if (s == NULL || len == 0)
		return false;
	if (s[0] == '1')
		return len == 11 && s[1] >= '3' && s[1] <= '9' && all_digits(s, 11);
	if (s[0] != '0')
		return false;

	size_t run = digit_run(s, 0, len);
	size_t i = run;
	if (run < 3 || s[1] == '0')
		return false;
	if (i < len && s[i] == '-' && (run == 3 || run == 4)) {
		/* "0AA-" or "0AAA-": a separated area code, then the number */
		size_t num = digit_run(s, i + 1, len);
		if (num < 7 || num > 8)
			return false;
		i += 1 + num;
	} else if (run < 10 || run > 12) {
		return false;
	}
	if (i == len)
		return true;
	/* extension */
	if (s[i] != '-')
		return false;
	size_t ext = digit_run(s, i + 1, len);
	return ext >= 1 && ext <= 6 && i + 1 + ext == len;
}

/* ---- masking ---- */

/*
 * Write keep_head characters of s, then stars, then keep_tail characters; when
 * masked_all is set the whole output is len stars. Checks the buffer first, so a
 * failure leaves an empty string and nothing partial.
 */
static int mask_write(const char *s, size_t len, bool masked_all, size_t head, size_t stars,
                      size_t tail, char *out, size_t outsz)
{
	size_t total = masked_all ? len : head + stars + tail;
	if (out == NULL)
		return -1;
	if (outsz == 0)
		return -1;
	out[0] = '\0';
	if (total >= outsz || total > (size_t)INT_MAX)
		return -1;
	if (s == NULL && len > 0)
		return -1;

	size_t o = 0;
	if (masked_all) {
		for (size_t i = 0; i < len; i++)
			out[o++] = '*';
	} else {
		for (size_t i = 0; i < head; i++)
			out[o++] = s[i];
		for (size_t i = 0; i < stars; i++)
			out[o++] = '*';
		for (size_t i = len - tail; i < len; i++)
			out[o++] = s[i];
	}
	out[o] = '\0';
	return (int)o;
}

int yc_mask_id_number(const char *s, size_t len, char *out, size_t outsz)
{
	bool pattern = len >= 15 && len <= 18;
	return mask_write(s, len, !pattern, 6, 8, 4, out, outsz);
}

int yc_mask_phone(const char *s, size_t len, char *out, size_t outsz)
{
	bool pattern = len >= 8;
	return mask_write(s, len, !pattern, 3, 4, 4, out, outsz);
}
