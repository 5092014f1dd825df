/*
 * test_codes.c - unit tests for src/core/codes.c (GB 11643 ID numbers, GB 32100 credit
 * codes, GB/T 2260 region codes, phone numbers and masking).
 *
 * All date-dependent checks use the fixed TODAY below, so the tests do not depend on
 * the clock. Every assertion goes through the counting macros so that main() can
 * report how many were made.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "codes.h"

#define TODAY 20261201

static unsigned long n_asserts;

#define CHECK_TRUE(x)                                                                              \
	do {                                                                                       \
		n_asserts++;                                                                       \
		assert_true(x);                                                                    \
	} while (0)
#define CHECK_FALSE(x)                                                                             \
	do {                                                                                       \
		n_asserts++;                                                                       \
		assert_false(x);                                                                   \
	} while (0)
#define CHECK_INT(a, b)                                                                            \
	do {                                                                                       \
		n_asserts++;                                                                       \
		assert_int_equal((a), (b));                                                        \
	} while (0)
#define CHECK_INT_NE(a, b)                                                                         \
	do {                                                                                       \
		n_asserts++;                                                                       \
		assert_int_not_equal((a), (b));                                                    \
	} while (0)
#define CHECK_STR(a, b)                                                                            \
	do {                                                                                       \
		n_asserts++;                                                                       \
		assert_string_equal((a), (b));                                                     \
	} while (0)

/* ID check of a NUL-terminated string against TODAY. */
static enum yc_code_check id_check(const char *s)
{
	return yc_id_number_check(s, strlen(s), TODAY);
}

static enum yc_code_check credit_check(const char *s)
{
	return yc_credit_code_check(s, strlen(s));
}

static enum yc_region_level level(const char *s)
{
	return yc_region_level(s, strlen(s));
}

/*
 * Build an ID number from a 6-digit region, an 8-digit date and a 3-digit sequence,
 * with the correct check character, into out[19].
 */
static void make_id(char out[19], const char *region, const char *date, const char *seq)
{
	memcpy(out, region, 6);
	memcpy(out + 6, date, 8);
	memcpy(out + 14, seq, 3);
	out[17] = '\0';
	char c = yc_id_number_check_char(out);
	assert_true(c != 0);
	out[17] = c;
	out[18] = '\0';
}

/* Build a credit code from 17 characters plus the computed check character. */
static void make_credit(char out[19], const char *first17)
{
	memcpy(out, first17, 17);
	out[17] = '\0';
	char c = yc_credit_code_check_char(out);
	assert_true(c != 0);
	out[17] = c;
	out[18] = '\0';
}

/* ---------------------------------------------------------------- reasons */

static void test_reason_zh(void **state)
{
	(void)state;
	const char *seen[8];
	for (int r = YC_CODE_OK; r <= YC_CODE_LEVEL; r++) {
		const char *m = yc_code_reason_zh((enum yc_code_check)r);
		CHECK_TRUE(m != NULL);
		CHECK_TRUE(m[0] != '\0');
		for (int j = 0; j < r; j++)
			CHECK_TRUE(strcmp(seen[j], m) != 0);
		seen[r] = m;
	}
	CHECK_STR(yc_code_reason_zh(YC_CODE_CHECKSUM), "校验码错误");
	CHECK_STR(yc_code_reason_zh((enum yc_code_check)99), "未知错误");
}

/* ---------------------------------------------------------------- ID numbers */

static void test_id_known_good(void **state)
{
	(void)state;
	CHECK_INT(id_check("430104199001011230"), YC_CODE_OK);
	CHECK_INT(id_check("430104198506150020"), YC_CODE_OK);
	CHECK_INT(id_check("11010519491231002X"), YC_CODE_OK);
	CHECK_INT(yc_id_number_birth("430104199001011230"), 19900101);
	CHECK_INT(yc_id_number_birth("430104198506150020"), 19850615);
	CHECK_INT(yc_id_number_birth("11010519491231002X"), 19491231);
	CHECK_INT(yc_id_number_check_char("43010419900101123"), '0');
	CHECK_INT(yc_id_number_check_char("11010519491231002"), 'X');
	/* region digits 3-6 may be zero; 71, 81, 82 are province codes */
	char id[19];
	make_id(id, "430000", "19900101", "123");
	CHECK_INT(id_check(id), YC_CODE_OK);
	make_id(id, "710000", "19900101", "123");
	CHECK_INT(id_check(id), YC_CODE_OK);
	make_id(id, "810000", "19900101", "123");
	CHECK_INT(id_check(id), YC_CODE_OK);
	make_id(id, "820000", "19900101", "123");
	CHECK_INT(id_check(id), YC_CODE_OK);
	/* the length is taken from len, not from a NUL */
	CHECK_INT(yc_id_number_check("430104199001011230trailing", 18, TODAY), YC_CODE_OK);
}

static void test_id_feb30_is_bad_date(void **state)
{
	(void)state;
	/* the check character of this one is right; only the date (Feb 30) is wrong */
	CHECK_INT(yc_id_number_check_char("43010220010230123"), 'X');
	CHECK_INT(id_check("43010220010230123X"), YC_CODE_DATE);
}

static void test_id_length_and_charset(void **state)
{
	(void)state;
	CHECK_INT(yc_id_number_check(NULL, 18, TODAY), YC_CODE_LENGTH);
	CHECK_INT(id_check(""), YC_CODE_LENGTH);
	CHECK_INT(id_check("43010419900101123"), YC_CODE_LENGTH);
	CHECK_INT(id_check("4301041990010112300"), YC_CODE_LENGTH);
	CHECK_INT(id_check("430104900101123"), YC_CODE_LENGTH); /* old 15-digit form */
	CHECK_INT(id_check("11010519491231002x"), YC_CODE_CHARSET);
	CHECK_INT(id_check("4301041990010112X0"), YC_CODE_CHARSET);
	CHECK_INT(id_check("43010419900101123A"), YC_CODE_CHARSET);
	CHECK_INT(id_check("43010419900101 230"), YC_CODE_CHARSET);
	CHECK_INT(id_check("43010419900101-230"), YC_CODE_CHARSET);
	CHECK_INT(yc_id_number_check("43010419900101\0"
	                             "230",
	                             18, TODAY),
	          YC_CODE_CHARSET);
	CHECK_INT(id_check("430104199001011230") == YC_CODE_OK, 1);
}

static void test_id_region(void **state)
{
	(void)state;
	static const char *const bad[] = {"000000", "100000", "160000", "200000", "240000",
	                                  "300000", "380000", "400000", "470000", "490000",
	                                  "550000", "600000", "660000", "700000", "720000",
	                                  "800000", "830000", "900000", "990000"};
	char id[19];
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		make_id(id, bad[i], "19900101", "123");
		CHECK_INT(id_check(id), YC_CODE_REGION);
	}
	static const char *const good[] = {"110000", "150000", "210000", "230000", "310000",
	                                   "370000", "410000", "460000", "500000", "540000",
	                                   "610000", "650000", "710000", "810000", "820000"};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		make_id(id, good[i], "19900101", "123");
		CHECK_INT(id_check(id), YC_CODE_OK);
	}
}

static void test_id_dates(void **state)
{
	(void)state;
	static const struct {
		const char *date;
		enum yc_code_check want;
	} cases[] = {
	    {"20000229", YC_CODE_OK},   /* divisible by 400: leap */
	    {"19000229", YC_CODE_DATE}, /* divisible by 100 only: not leap */
	    {"20240229", YC_CODE_OK},   /* divisible by 4: leap */
	    {"20230229", YC_CODE_DATE}, /* not leap */
	    {"19960229", YC_CODE_OK},     {"20000230", YC_CODE_DATE},
	    {"19000101", YC_CODE_OK},     {"18991231", YC_CODE_DATE},
	    {"18000101", YC_CODE_DATE},   {"00000000", YC_CODE_DATE},
	    {"19901301", YC_CODE_DATE},   {"19900001", YC_CODE_DATE},
	    {"19900100", YC_CODE_DATE},   {"19900132", YC_CODE_DATE},
	    {"19900131", YC_CODE_OK},     {"19900431", YC_CODE_DATE},
	    {"19900430", YC_CODE_OK},     {"19900631", YC_CODE_DATE},
	    {"19900931", YC_CODE_DATE},   {"19901131", YC_CODE_DATE},
	    {"19901231", YC_CODE_OK},     {"19990831", YC_CODE_OK},
	    {"20261201", YC_CODE_OK},                                   /* today itself */
	    {"20261130", YC_CODE_OK},     {"20261202", YC_CODE_FUTURE}, /* tomorrow */
	    {"20270101", YC_CODE_FUTURE}, {"21000101", YC_CODE_FUTURE},
	    {"99991231", YC_CODE_FUTURE}, {"20261231", YC_CODE_FUTURE},
	    {"20280229", YC_CODE_FUTURE}, {"20270229", YC_CODE_DATE},
	};
	char id[19];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		make_id(id, "430104", cases[i].date, "123");
		CHECK_INT(id_check(id), cases[i].want);
	}
	/* the same code is fine once "today" has moved on */
	make_id(id, "430104", "20261202", "123");
	CHECK_INT(yc_id_number_check(id, 18, 20261202), YC_CODE_OK);
	CHECK_INT(yc_id_number_check(id, 18, 20261201), YC_CODE_FUTURE);
	CHECK_INT(yc_id_number_check("430104199001011230", 18, 19891231), YC_CODE_FUTURE);
	make_id(id, "430104", "20000229", "123");
	CHECK_INT(yc_id_number_birth(id), 20000229);
}

static void test_id_checksum(void **state)
{
	(void)state;
	CHECK_INT(id_check("430104199001011231"), YC_CODE_CHECKSUM);
	CHECK_INT(id_check("43010419900101123X"), YC_CODE_CHECKSUM);
	CHECK_INT(id_check("110105194912310020"), YC_CODE_CHECKSUM);
	CHECK_INT(id_check("110105194912310029"), YC_CODE_CHECKSUM);
	/* two adjacent digits swapped (checksum catches transpositions too) */
	CHECK_INT(id_check("430104199001011320"), YC_CODE_CHECKSUM);
	CHECK_INT(yc_id_number_check_char(NULL), 0);
	CHECK_INT(yc_id_number_check_char(""), 0);
	CHECK_INT(yc_id_number_check_char("4301041990010112"), 0);
	CHECK_INT(yc_id_number_check_char("4301041990010112X"), 0);
	CHECK_INT(yc_id_number_check_char("43010419900A01123"), 0);
	CHECK_INT(yc_id_number_birth(NULL), 0);
	CHECK_INT(yc_id_number_birth("430104"), 0);
	CHECK_INT(yc_id_number_birth("43010419AB0101123X"), 0);
}

/*
 * Replace every position of each valid ID with every other character of the ID
 * charset (0-9, X). MOD 11-2 detects every single substitution, and an X in
 * positions 1-17 is a charset error, so every variant must be rejected.
 */
static void test_id_every_single_substitution(void **state)
{
	(void)state;
	static const char charset[] = "0123456789X";
	char ids[6][19] = {"430104199001011230", "430104198506150020", "11010519491231002X"};
	make_id(ids[3], "430104", "20000229", "017");
	make_id(ids[4], "820000", "19000101", "999");
	make_id(ids[5], "650102", "20261201", "000");
	for (size_t k = 0; k < 6; k++) {
		CHECK_INT(id_check(ids[k]), YC_CODE_OK);
		for (size_t pos = 0; pos < 18; pos++) {
			for (size_t c = 0; c < sizeof charset - 1; c++) {
				char v[19];
				memcpy(v, ids[k], 19);
				if (v[pos] == charset[c])
					continue;
				v[pos] = charset[c];
				CHECK_INT_NE(id_check(v), YC_CODE_OK);
				/* the checksum alone already catches it */
				char first17[18];
				memcpy(first17, v, 17);
				first17[17] = '\0';
				char want = yc_id_number_check_char(first17);
				if (want != 0)
					CHECK_INT_NE(want, v[17]);
			}
		}
	}
}

/* ---------------------------------------------------------------- credit codes */

static void test_credit_known(void **state)
{
	(void)state;
	CHECK_INT(credit_check("91110000101623741K"), YC_CODE_OK);
	CHECK_INT(yc_credit_code_check_char("91110000101623741"), 'K');
	/* sum 0 gives c = 31, written as '0' */
	CHECK_INT(yc_credit_code_check_char("00000000000000000"), '0');
	CHECK_INT(credit_check("000000000000000000"), YC_CODE_OK);
	/* synthetic codes with various registration-authority / category prefixes */
	static const char *const prefixes[] = {"12430100MA4L0000A", "51430104ABCDEFGHJ",
	                                       "Y1430000KLMNPQRTU", "93430100WXY012345",
	                                       "A0000000000000000", "11100000000013127"};
	char code[19];
	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
		make_credit(code, prefixes[i]);
		CHECK_INT(credit_check(code), YC_CODE_OK);
	}
	CHECK_INT(yc_credit_code_check("91110000101623741Kxx", 18), YC_CODE_OK);
}

static void test_credit_bad(void **state)
{
	(void)state;
	CHECK_INT(yc_credit_code_check(NULL, 18), YC_CODE_LENGTH);
	CHECK_INT(credit_check(""), YC_CODE_LENGTH);
	CHECK_INT(credit_check("91110000101623741"), YC_CODE_LENGTH);
	CHECK_INT(credit_check("91110000101623741KK"), YC_CODE_LENGTH);
	CHECK_INT(credit_check("91110000101623741k"), YC_CODE_CHARSET); /* lowercase */
	CHECK_INT(credit_check("9111000010162374lK"), YC_CODE_CHARSET);
	CHECK_INT(credit_check("91110000101623741I"), YC_CODE_CHARSET);
	CHECK_INT(credit_check("911100001O1623741K"), YC_CODE_CHARSET);
	CHECK_INT(credit_check("Z1110000101623741K"), YC_CODE_CHARSET);
	CHECK_INT(credit_check("9S110000101623741K"), YC_CODE_CHARSET);
	CHECK_INT(credit_check("911100001016V3741K"), YC_CODE_CHARSET);
	CHECK_INT(credit_check("91110000-01623741K"), YC_CODE_CHARSET);
	CHECK_INT(yc_credit_code_check("91110000\0"
	                               "01623741K",
	                               18),
	          YC_CODE_CHARSET);
	CHECK_INT(credit_check("91110000101623741A"), YC_CODE_CHECKSUM);
	CHECK_INT(credit_check("91110000101623741J"), YC_CODE_CHECKSUM);
	/* a letter in positions 3-8 (region) is a region error even with a right check */
	char code[19];
	make_credit(code, "9111A000101623741");
	CHECK_INT(credit_check(code), YC_CODE_REGION);
	make_credit(code, "91Y10000101623741");
	CHECK_INT(credit_check(code), YC_CODE_REGION);
	CHECK_INT(yc_credit_code_check_char(NULL), 0);
	CHECK_INT(yc_credit_code_check_char("9111000010162374"), 0);
	CHECK_INT(yc_credit_code_check_char("9111000010162374I"), 0);
	CHECK_INT(yc_credit_code_check_char("9111000010162374a"), 0);
}

/*
 * Replace every position of each valid credit code with every other character of the
 * 31-character charset. 31 is prime and every weight is non-zero mod 31, so every
 * single substitution changes the check (or breaks the digits-only region), and
 * each variant must be rejected.
 */
static void test_credit_every_single_substitution(void **state)
{
	(void)state;
	static const char charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	char codes[4][19] = {"91110000101623741K", "000000000000000000"};
	make_credit(codes[2], "12430100MA4L0000A");
	make_credit(codes[3], "Y1430000KLMNPQRTU");
	for (size_t k = 0; k < 4; k++) {
		CHECK_INT(credit_check(codes[k]), YC_CODE_OK);
		for (size_t pos = 0; pos < 18; pos++) {
			for (size_t c = 0; c < sizeof charset - 1; c++) {
				char v[19];
				memcpy(v, codes[k], 19);
				if (v[pos] == charset[c])
					continue;
				v[pos] = charset[c];
				CHECK_INT_NE(credit_check(v), YC_CODE_OK);
				/* the checksum alone already catches it */
				char first17[18];
				memcpy(first17, v, 17);
				first17[17] = '\0';
				CHECK_INT_NE(yc_credit_code_check_char(first17), v[17]);
			}
		}
	}
}

/* ---------------------------------------------------------------- region codes */

static void test_region_level(void **state)
{
	(void)state;
	CHECK_INT(level("430000"), YC_REGION_PROVINCE);
	CHECK_INT(level("430100"), YC_REGION_CITY);
	CHECK_INT(level("430104"), YC_REGION_COUNTY);
	CHECK_INT(level("110101"), YC_REGION_COUNTY);
	CHECK_INT(level("419001"), YC_REGION_COUNTY);
	CHECK_INT(level("820000"), YC_REGION_PROVINCE);
	CHECK_INT(level("430104001000"), YC_REGION_TOWN);
	CHECK_INT(level("430104001001"), YC_REGION_VILLAGE);
	CHECK_INT(level("430104100201"), YC_REGION_VILLAGE);
	CHECK_INT(level("430104000000"), YC_REGION_COUNTY); /* zero-padded */
	CHECK_INT(level("430100000000"), YC_REGION_CITY);
	CHECK_INT(level("430000000000"), YC_REGION_PROVINCE);
	CHECK_INT(level("441900003000"), YC_REGION_TOWN); /* city without counties */
	CHECK_INT(level("441900003001"), YC_REGION_VILLAGE);
	CHECK_INT(level("000000"), YC_REGION_INVALID);
	CHECK_INT(level("000000000000"), YC_REGION_INVALID);
	CHECK_INT(level("100000"), YC_REGION_INVALID);
	CHECK_INT(level("990000"), YC_REGION_INVALID);
	CHECK_INT(level("830100"), YC_REGION_INVALID);
	CHECK_INT(level("43010"), YC_REGION_INVALID);
	CHECK_INT(level("4301041"), YC_REGION_INVALID);
	CHECK_INT(level("43010400100"), YC_REGION_INVALID);
	CHECK_INT(level("4301040010001"), YC_REGION_INVALID);
	CHECK_INT(level("4301a4"), YC_REGION_INVALID);
	CHECK_INT(level("43010400100x"), YC_REGION_INVALID);
	CHECK_INT(level(""), YC_REGION_INVALID);
	CHECK_INT(yc_region_level(NULL, 6), YC_REGION_INVALID);
	CHECK_INT(level("430104000001"), YC_REGION_INVALID); /* village without town */
	CHECK_INT(level("430000001000"), YC_REGION_INVALID); /* town under a province */
	CHECK_INT(level("430000001001"), YC_REGION_INVALID);
	CHECK_INT(yc_region_level("430104xyz", 6), YC_REGION_COUNTY);
}

static void test_region_level_name(void **state)
{
	(void)state;
	CHECK_STR(yc_region_level_name(YC_REGION_PROVINCE), "province");
	CHECK_STR(yc_region_level_name(YC_REGION_CITY), "city");
	CHECK_STR(yc_region_level_name(YC_REGION_COUNTY), "county");
	CHECK_STR(yc_region_level_name(YC_REGION_TOWN), "town");
	CHECK_STR(yc_region_level_name(YC_REGION_VILLAGE), "village");
	CHECK_STR(yc_region_level_name(YC_REGION_INVALID), "invalid");
	CHECK_STR(yc_region_level_name((enum yc_region_level)42), "invalid");
}

static void test_region_parent(void **state)
{
	(void)state;
	char out[13];
	static const char *const chain[] = {"430104001001", "430104001000", "430104",
	                                    "430100",       "430000",       ""};
	for (size_t i = 0; i + 1 < sizeof chain / sizeof chain[0]; i++) {
		memset(out, 'Z', sizeof out);
		CHECK_TRUE(yc_region_parent(chain[i], strlen(chain[i]), out));
		CHECK_STR(out, chain[i + 1]);
	}
	CHECK_TRUE(yc_region_parent("430104000000", 12, out));
	CHECK_STR(out, "430100");
	CHECK_TRUE(yc_region_parent("430100000000", 12, out));
	CHECK_STR(out, "430000");
	CHECK_TRUE(yc_region_parent("430000000000", 12, out));
	CHECK_STR(out, "");
	CHECK_TRUE(yc_region_parent("441900003000", 12, out));
	CHECK_STR(out, "441900");
	CHECK_TRUE(yc_region_parent("441900003001", 12, out));
	CHECK_STR(out, "441900003000");
	CHECK_TRUE(yc_region_parent("110001", 6, out)); /* city part 00 */
	CHECK_STR(out, "110000");
	memset(out, 'Z', sizeof out);
	CHECK_FALSE(yc_region_parent("000000", 6, out));
	CHECK_STR(out, "");
	CHECK_FALSE(yc_region_parent("43010", 5, out));
	CHECK_FALSE(yc_region_parent("430104000001", 12, out));
	CHECK_FALSE(yc_region_parent(NULL, 6, out));
	CHECK_FALSE(yc_region_parent("430104", 6, NULL));
}

static void test_region_within(void **state)
{
	(void)state;
	CHECK_TRUE(yc_region_within("430104", "430100"));
	CHECK_TRUE(yc_region_within("430104001000", "430100"));
	CHECK_TRUE(yc_region_within("430100", "430000"));
	CHECK_TRUE(yc_region_within("430104", "430000"));
	CHECK_TRUE(yc_region_within("430104001001", "430000"));
	CHECK_TRUE(yc_region_within("430104001001", "430104001000"));
	CHECK_TRUE(yc_region_within("430104001001", "430104001001"));
	CHECK_TRUE(yc_region_within("430104", "430104"));
	CHECK_TRUE(yc_region_within("430000", "430000"));
	CHECK_TRUE(yc_region_within("430104000000", "430104"));
	CHECK_TRUE(yc_region_within("430104", "430104000000"));
	CHECK_TRUE(yc_region_within("430104001000", "430100000000"));
	CHECK_TRUE(yc_region_within("441900003000", "441900"));
	CHECK_FALSE(yc_region_within("430200", "430100"));
	CHECK_FALSE(yc_region_within("430000", "430100"));
	CHECK_FALSE(yc_region_within("430100", "430104"));
	CHECK_FALSE(yc_region_within("430104", "430104001000"));
	CHECK_FALSE(yc_region_within("430104002001", "430104001000"));
	CHECK_FALSE(yc_region_within("431104", "430100"));
	CHECK_FALSE(yc_region_within("440104", "430000"));
	CHECK_FALSE(yc_region_within("430105", "430104"));
	CHECK_FALSE(yc_region_within("000000", "000000"));
	CHECK_FALSE(yc_region_within("430104", "000000"));
	CHECK_FALSE(yc_region_within("4301041", "430100"));
	CHECK_FALSE(yc_region_within("430104", "4301"));
	CHECK_FALSE(yc_region_within(NULL, "430000"));
	CHECK_FALSE(yc_region_within("430104", NULL));
	CHECK_FALSE(yc_region_within("4301040010011", "430000"));
}

/* ---------------------------------------------------------------- phone numbers */

static void test_phone(void **state)
{
	(void)state;
	static const char *const good[] = {
	    "13800138000",       "19912345678",         "15012345678",    "17012345678",
	    "010-12345678",      "01012345678",         "021-1234567",    "0731-88888888",
	    "0731-8888888",      "073188888888",        "07318888888",    "0731-88888888-1",
	    "0731-88888888-123", "010-12345678-123456", "07318888888-12",
	};
	static const char *const bad[] = {
	    "",
	    "12800138000",
	    "11800138000",
	    "10800138000",
	    "1380013800",
	    "138001380001",
	    "1380013800a",
	    "138-0013-8000",
	    "+8613800138000",
	    "0731-888888",
	    "0731-888888888",
	    "0731-88888888-",
	    "0731-88888888-1234567",
	    "0731-88888888x",
	    "0731--88888888",
	    "0731 88888888",
	    "00731-8888888",
	    "07-88888888",
	    "07311-8888888",
	    "0731888",
	    "0731888888888",
	    "-073188888888",
	    "0731-88888888-12-3",
	    "73188888888",
	    "0",
	    "1",
	};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		CHECK_TRUE(yc_phone_valid(good[i], strlen(good[i])));
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		CHECK_FALSE(yc_phone_valid(bad[i], strlen(bad[i])));
	CHECK_FALSE(yc_phone_valid(NULL, 11));
	CHECK_TRUE(yc_phone_valid("13800138000999", 11));
	CHECK_FALSE(yc_phone_valid("1380013800\0"
	                           "0",
	                           11));
}

/* ---------------------------------------------------------------- masking */

static void test_mask_id(void **state)
{
	(void)state;
	char out[64];
	CHECK_INT(yc_mask_id_number("430104199001011230", 18, out, sizeof out), 18);
	CHECK_STR(out, "430104********1230");
	CHECK_INT(yc_mask_id_number("11010519491231002X", 18, out, sizeof out), 18);
	CHECK_STR(out, "110105********002X");
	CHECK_INT(yc_mask_id_number("430104900101123", 15, out, sizeof out), 18);
	CHECK_STR(out, "430104********1123");
	CHECK_INT(yc_mask_id_number("4301049001011234", 16, out, sizeof out), 18);
	CHECK_STR(out, "430104********1234");
	CHECK_INT(yc_mask_id_number("43010490010112", 14, out, sizeof out), 14);
	CHECK_STR(out, "**************");
	CHECK_INT(yc_mask_id_number("1234", 4, out, sizeof out), 4);
	CHECK_STR(out, "****");
	CHECK_INT(yc_mask_id_number("4301041990010112300", 19, out, sizeof out), 19);
	CHECK_STR(out, "*******************");
	CHECK_INT(yc_mask_id_number("", 0, out, sizeof out), 0);
	CHECK_STR(out, "");
	CHECK_INT(yc_mask_id_number(NULL, 0, out, sizeof out), 0);
	CHECK_STR(out, "");
	/* exactly enough room: 18 characters + NUL */
	char exact[19];
	CHECK_INT(yc_mask_id_number("430104199001011230", 18, exact, sizeof exact), 18);
	CHECK_STR(exact, "430104********1230");
	/* one byte short: error, nothing partial */
	char small[18];
	memset(small, 'Z', sizeof small);
	CHECK_INT(yc_mask_id_number("430104199001011230", 18, small, sizeof small), -1);
	CHECK_INT(small[0], '\0');
	CHECK_INT(yc_mask_id_number("1234", 4, small, 4), -1);
	CHECK_INT(small[0], '\0');
	CHECK_INT(yc_mask_id_number("1234", 4, small, 5), 4);
	CHECK_INT(yc_mask_id_number("", 0, small, 0), -1);
	CHECK_INT(yc_mask_id_number("430104199001011230", 18, NULL, 64), -1);
	CHECK_INT(yc_mask_id_number(NULL, 18, out, sizeof out), -1);
}

static void test_mask_phone(void **state)
{
	(void)state;
	char out[32];
	CHECK_INT(yc_mask_phone("13800138000", 11, out, sizeof out), 11);
	CHECK_STR(out, "138****8000");
	CHECK_INT(yc_mask_phone("0731-88888888", 13, out, sizeof out), 11);
	CHECK_STR(out, "073****8888");
	CHECK_INT(yc_mask_phone("12345678", 8, out, sizeof out), 11);
	CHECK_STR(out, "123****5678");
	CHECK_INT(yc_mask_phone("1234567", 7, out, sizeof out), 7);
	CHECK_STR(out, "*******");
	CHECK_INT(yc_mask_phone("1", 1, out, sizeof out), 1);
	CHECK_STR(out, "*");
	CHECK_INT(yc_mask_phone("", 0, out, sizeof out), 0);
	CHECK_STR(out, "");
	char exact[12];
	CHECK_INT(yc_mask_phone("13800138000", 11, exact, sizeof exact), 11);
	CHECK_STR(exact, "138****8000");
	char small[11];
	memset(small, 'Z', sizeof small);
	CHECK_INT(yc_mask_phone("13800138000", 11, small, sizeof small), -1);
	CHECK_INT(small[0], '\0');
	CHECK_INT(yc_mask_phone("1234567", 7, small, 7), -1);
	CHECK_INT(yc_mask_phone("13800138000", 11, NULL, 32), -1);
	CHECK_INT(yc_mask_phone("13800138000", 11, out, 0), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_reason_zh),
	    cmocka_unit_test(test_id_known_good),
	    cmocka_unit_test(test_id_feb30_is_bad_date),
	    cmocka_unit_test(test_id_length_and_charset),
	    cmocka_unit_test(test_id_region),
	    cmocka_unit_test(test_id_dates),
	    cmocka_unit_test(test_id_checksum),
	    cmocka_unit_test(test_id_every_single_substitution),
	    cmocka_unit_test(test_credit_known),
	    cmocka_unit_test(test_credit_bad),
	    cmocka_unit_test(test_credit_every_single_substitution),
	    cmocka_unit_test(test_region_level),
	    cmocka_unit_test(test_region_level_name),
	    cmocka_unit_test(test_region_parent),
	    cmocka_unit_test(test_region_within),
	    cmocka_unit_test(test_phone),
	    cmocka_unit_test(test_mask_id),
	    cmocka_unit_test(test_mask_phone),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	printf("test_codes: %lu assertions\n", n_asserts);
	return failed;
}
