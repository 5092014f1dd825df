/*
 * codes.h - validators for the national codes that yici stores and checks.
 *
 * What this module promises:
 *   - Pure functions: no I/O, no allocation, no global state, no locale dependence.
 *     The caller passes "today" where a date matters, so results are reproducible.
 *   - Inputs are (const char *, length) pairs; the functions read exactly `len`
 *     bytes and never need a NUL terminator, except where a parameter is documented
 *     as a NUL-terminated string or a fixed 17-character prefix.
 *   - A NULL input is treated as invalid (never dereferenced).
 *   - Output buffers are never overrun and never truncated silently: a too-small
 *     buffer is an error.
 *   - Algorithms: GB 11643 (resident ID, ISO 7064 MOD 11-2), GB 32100 (unified social
 *     credit code, MOD 31), GB/T 2260 (region codes, with the 12-digit statistical
 *     extension county + town + village), as described in the project reference
 *     notes coding.md and domain-facts.md sections 2.3-2.4.
 */
#ifndef YC_CORE_CODES_H
#define YC_CORE_CODES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Result of a validation: YC_CODE_OK or the reason; yc_code_reason_zh() gives a Chinese message. */
enum yc_code_check {
	YC_CODE_OK = 0,
	YC_CODE_LENGTH,
	YC_CODE_CHARSET,
	YC_CODE_DATE,
	YC_CODE_FUTURE,
	YC_CODE_REGION,
	YC_CODE_CHECKSUM,
	YC_CODE_LEVEL
};

/* A static, NUL-terminated UTF-8 message for r; unknown values give a generic message. */
const char *yc_code_reason_zh(enum yc_code_check r);

/*
 * GB 11643 resident ID number: 18 characters, 17 digits + check character (0-9 or
 * uppercase X; lowercase x is rejected). Positions 1-2 must be a real province code
 * (11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71, 81, 82); positions 3-6 are not checked.
 * Positions 7-14 must be a real Gregorian date from 1900-01-01 to today_yyyymmdd
 * inclusive. Position 18 is the ISO 7064 MOD 11-2 check.
 * Checks run in this order: LENGTH, CHARSET, REGION, DATE, FUTURE, CHECKSUM.
 */
enum yc_code_check yc_id_number_check(const char *s, size_t len, int32_t today_yyyymmdd);

/* Birth date (positions 7-14) of a valid ID number as yyyymmdd; 0 if those 8 are not digits. */
int32_t yc_id_number_birth(const char *s);

/*
 * GB 32100 unified social credit code: 18 characters from 0-9 A-H J-N P-R T U W-Y
 * (uppercase only; I O Z S V excluded). Positions 1-2 may be any charset character,
 * positions 3-8 must be digits (region of the registration authority; a letter there
 * gives YC_CODE_REGION), position 18 is the MOD 31 check with weights 3^(i-1) mod 31.
 */
enum yc_code_check yc_credit_code_check(const char *s, size_t len);

/* GB/T 2260 region code level. */
enum yc_region_level {
	YC_REGION_INVALID = 0,
	YC_REGION_PROVINCE,
	YC_REGION_CITY,
	YC_REGION_COUNTY,
	YC_REGION_TOWN,
	YC_REGION_VILLAGE
};

/*
 * Level of a region code.
 * 6 digits: xx0000 province, xxxx00 city, anything else county; xx must be a real
 * province code (see yc_id_number_check).
 * 12 digits: county (6) + town (3) + village (3).
 *   town 000 and village 000: the zero-padded 6-digit code; its level is that of the
 *                             6-digit prefix (430104000000 is a county).
 *   town != 000, village 000: town; the prefix must be a city or a county (cities
 *                             without counties, e.g. 441900, have towns directly).
 *   town != 000, village != 000: village (same prefix rule).
 *   town 000, village != 000: invalid.
 */
enum yc_region_level yc_region_level(const char *s, size_t len);

/* "province", "city", "county", "town", "village"; "invalid" for YC_REGION_INVALID or unknown. */
const char *yc_region_level_name(enum yc_region_level l);

/*
 * The code of the parent region, written NUL-terminated into out (size >= 13):
 * 430104 -> 430100 -> 430000 -> "" (no parent). A 12-digit village goes to its town
 * (county + town + 000), a town to its 6-digit county (or city), and a zero-padded
 * 12-digit code behaves like its 6-digit form. A county whose city part is 00 has the
 * province as parent. Returns false (out = "") if s is invalid.
 */
bool yc_region_parent(const char *s, size_t len, char out[13]);

/*
 * true when the NUL-terminated code `child` equals `scope` or lies under it
 * (430104 and 430104001000 under 430100; 430100 under 430000; 430200 not under
 * 430100). 6-digit and zero-padded 12-digit forms are interchangeable. Both must be
 * valid region codes, otherwise false.
 */
bool yc_region_within(const char *child, const char *scope);

/*
 * Chinese phone number: mobile 1[3-9] + 9 digits (11 digits), or landline
 * 0 + 2-3 digit area code (first digit 1-9), optional '-', 7-8 digit number,
 * optional '-' + 1-6 digit extension. No spaces, no "+86".
 */
bool yc_phone_valid(const char *s, size_t len);

/*
 * Masking for lists and logs. Writes a NUL-terminated string into out (size outsz)
 * and returns its length, or -1 when outsz is too small or out is NULL (out[0] is
 * then set to NUL when outsz > 0). Never truncates silently.
 * ID: a 15-18 character input gives first 6 + "********" + last 4 (18 characters);
 *     any other length gives len '*'.
 * Phone: len >= 8 gives first 3 + "****" + last 4; shorter gives len '*'.
 */
int yc_mask_id_number(const char *s, size_t len, char *out, size_t outsz);
int yc_mask_phone(const char *s, size_t len, char *out, size_t outsz);

/*
 * The check character for the first 17 characters of an ID number (must be 17
 * digits) or of a credit code (must be 17 charset characters). Reads at most 17
 * characters and stops at a NUL. Returns 0 on bad input.
 */
char yc_id_number_check_char(const char *first17);
char yc_credit_code_check_char(const char *first17);

#endif /* YC_CORE_CODES_H */
