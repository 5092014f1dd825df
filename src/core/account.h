/* account.h — the rules a new account must meet, in one place for the API and the command line.
 *
 * Applicants register themselves with a real-name identity (name, resident ID number, phone);
 * staff are created by an admin with a role, a region and, for dept users, a department.
 * Pure checks: existence of the region and department is the caller's (store) business. */
#ifndef YICI_ACCOUNT_H
#define YICI_ACCOUNT_H

#include "arena.h"
#include "err.h"
#include "roles.h"

#include <stdint.h>

struct yc_account_input {
	const char *username;
	const char *password;
	const char *name;
	const char *role; /* code name */
	const char *region;
	const char *dept;
	const char *phone;
	const char *id_number;
};

/* Check every field of `in` for an account of the role it names (applicant: id_number and phone
 * required, no region or dept; staff: region or dept required, dept only for role dept).
 * On success *role is the parsed role and *username the lower-cased username (arena). */
enum yc_status yc_account_check(const struct yc_account_input *in, int32_t today_yyyymmdd,
                                struct yc_arena *a, enum yc_role *role, const char **username,
                                struct yc_error *e);

#endif
