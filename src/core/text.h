/* text.h — checks on free text fields and time formatting. Pure functions. */
#ifndef YICI_TEXT_H
#define YICI_TEXT_H

#include "err.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Number of UTF-8 code points in s, or -1 when s is not valid UTF-8. */
long yc_utf8_len(const char *s, size_t len);

/* A text field of min..max characters (code points), valid UTF-8, without control characters
 * (tab and newline allowed when multiline). Fails with bad_input naming `field`. */
enum yc_status yc_text_check(const char *s, size_t len, long min, long max, bool multiline,
                             const char *field, struct yc_error *e);

/* Unix seconds as "YYYY-MM-DDTHH:MM:SSZ" (UTC). */
void yc_time_iso(int64_t t, char out[24]);

/* Unix seconds of "YYYY-MM-DD" (midnight UTC) or "YYYY-MM-DDTHH:MM:SSZ"; false when malformed. */
bool yc_time_parse(const char *s, int64_t *out);

/* Civil date arithmetic: days since 1970-01-01 of y-m-d, and back. */
int64_t yc_days_from_civil(int y, unsigned m, unsigned d);
void yc_civil_from_days(int64_t z, int *y, unsigned *m, unsigned *d);

/* Today's date as yyyymmdd for time t (UTC+8, China Standard Time). */
int32_t yc_date_cst(int64_t t);

#endif
