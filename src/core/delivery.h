/* delivery.h — the rules of one delivery (一次送达) and of the courier's hand-overs of paper
 * materials, as pure functions (no I/O).
 *
 * Methods: pickup (自取: the clerk hands the results over, the applicant signs the 送达回证), post
 * (邮政寄递: an address, a phone and an EMS tracking number), online (网上传输: the signed results
 * downloadable by the holder), sms (短信告知 with a link), notice (公示公告: when the applicant
 * cannot be reached; staff only).
 *
 * A postal item is numbered by UPU S10: two letters (the service indicator, E… for EMS), an
 * eight-digit serial, a check digit over the serial (weights 8 6 4 2 3 5 9 7; 11 - sum mod 11,
 * 10 → 0, 11 → 5) and the ISO 3166 country code of the posting country, e.g. EA123456785CN.
 *
 * Hand-overs (资料流转): a package of paper materials (known by its scanned code) goes round
 * window → courier → department → courier → window, one step at a time, and may go round again
 * (to another department). Who records a step: the window its own two (it hands the package to a
 * courier and receives it back); the courier the two at the department (it hands over and
 * collects); a department user may record those two as well, for its own task's department. */
#ifndef YICI_DELIVERY_H
#define YICI_DELIVERY_H

#include "roles.h"

#include <stdbool.h>
#include <stddef.h>

enum yc_delivery_method {
	YC_DM_PICKUP,
	YC_DM_POST,
	YC_DM_ONLINE,
	YC_DM_SMS,
	YC_DM_NOTICE,
	YC_DM_COUNT
};

/* "pickup", … and 窗口自取, …; parse returns false for anything else (and NULL). */
const char *yc_delivery_method_name(enum yc_delivery_method m);
const char *yc_delivery_method_zh(enum yc_delivery_method m);
bool yc_delivery_method_parse(const char *s, enum yc_delivery_method *out);
/* The state of a delivery: chosen, sent (a postal item on its way), delivered. */
const char *yc_delivery_state_zh(const char *state);

/* The S10 check digit (0-9) of an eight-digit serial (reads 8 characters), -1 when they are not
 * all digits. */
int yc_s10_check_digit(const char *serial8);

enum yc_s10_check {
	YC_S10_OK = 0,
	YC_S10_LENGTH,   /* not 13 characters */
	YC_S10_FORMAT,   /* not 2 capital letters, 9 digits, 2 capital letters */
	YC_S10_CHECKSUM, /* the check digit does not match the serial */
};
/* Check an item number s[0..len) (capital letters only: the caller upper-cases a scan). */
enum yc_s10_check yc_s10_check(const char *s, size_t len);
/* A Chinese message for a failed check. */
const char *yc_s10_reason_zh(enum yc_s10_check r);

/* A mainland mobile number: 11 digits, 1[3-9]xxxxxxxxx. */
bool yc_mobile_valid(const char *s, size_t len);
/* A mainland postcode: 6 digits. */
bool yc_postcode_valid(const char *s, size_t len);

enum yc_handover_step {
	YC_HO_WINDOW_TO_COURIER,
	YC_HO_COURIER_TO_DEPT,
	YC_HO_DEPT_TO_COURIER,
	YC_HO_COURIER_TO_WINDOW,
	YC_HO_COUNT
};
const char *yc_handover_step_name(enum yc_handover_step s);
const char *yc_handover_step_zh(enum yc_handover_step s);
bool yc_handover_step_parse(const char *s, enum yc_handover_step *out);

/* May `role` record step s (see the rule above)? */
bool yc_handover_may_record(enum yc_handover_step s, enum yc_role role);
/* The roles handing over and receiving in step s. */
enum yc_role yc_handover_giver(enum yc_handover_step s);
enum yc_role yc_handover_receiver(enum yc_handover_step s);
/* Does step s involve a department (a task must be named)? */
bool yc_handover_at_dept(enum yc_handover_step s);
/* May step s follow the package's last step (`last` < 0: the package was never handed over)?
 * The first step of a package and of every round is window_to_courier. */
bool yc_handover_follows(int last, enum yc_handover_step s);

#endif
