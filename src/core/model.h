/* model.h — plain records of the domain, shared by core, store and http.
 *
 * Strings are NUL-terminated and owned by whoever filled the record (usually a request arena).
 * Times are unix seconds. */
#ifndef YICI_MODEL_H
#define YICI_MODEL_H

#include "roles.h"

#include <stdbool.h>
#include <stdint.h>

struct yc_region {
	const char *code;
	const char *name;
	const char *parent; /* NULL for a province */
	const char *level;  /* "province", "city", "county", "town", "village" */
};

struct yc_dept {
	const char *code; /* unified social credit code */
	const char *name;
	const char *region;
	const char *region_name;
	const char *sector; /* may be NULL */
};

struct yc_user {
	int64_t id;
	const char *username;
	const char *password_hash; /* only filled where a login needs it */
	const char *name;
	enum yc_role role;
	const char *region; /* NULL for applicants */
	const char *region_name;
	const char *dept; /* NULL unless role is dept */
	const char *dept_name;
	const char *id_number; /* full; mask before showing */
	const char *phone;
	bool active;
	int64_t created_at;
};

/* A page request for lists: page from 1, per_page 1..200. */
struct yc_page {
	int64_t page;
	int64_t per_page;
};

#endif
