/* err.h — error values shared by every layer of yici.
 *
 * Every function that can fail returns an `enum yc_status` (YC_OK or a negative value) and, when it
 * fails, fills a `struct yc_error` with a stable code, a Chinese message for people and the name of
 * the offending input field. Only src/http maps statuses to HTTP; nothing below it knows HTTP. */
#ifndef YICI_ERR_H
#define YICI_ERR_H

enum yc_status {
	YC_OK = 0,
	YC_E_BAD_INPUT = -1,          /* a field is missing, of the wrong type or invalid */
	YC_E_BAD_JSON = -2,           /* the body is not a JSON object */
	YC_E_NOT_FOUND = -3,          /* no such object or route */
	YC_E_CONFLICT = -4,           /* duplicate, or a stale version */
	YC_E_FORBIDDEN = -5,          /* role or scope does not allow it */
	YC_E_UNAUTHENTICATED = -6,    /* no token, or an unknown or expired one */
	YC_E_BAD_CREDENTIALS = -7,    /* wrong username or password */
	YC_E_LOCKED = -8,             /* too many failed logins */
	YC_E_DISABLED = -9,           /* the account was disabled */
	YC_E_TOO_LARGE = -10,         /* body over the limit */
	YC_E_METHOD = -11,            /* the route exists with other methods */
	YC_E_STORE_UNAVAILABLE = -12, /* the database does not answer */
	YC_E_INTERNAL = -13,          /* a bug or an unexpected failure */
	YC_E_RETRY = -14,             /* serialization conflict: the transaction runner retries */
	YC_E_CALENDAR_MISSING = -15,  /* a working-day computation needs a year with no calendar */
};

struct yc_error {
	enum yc_status status;
	const char *message; /* Chinese, for people; static or arena-owned */
	const char *field;   /* offending input field, or NULL */
	int retry_after;     /* seconds, for YC_E_LOCKED; 0 otherwise */
};

/* The stable code of a status for programs: "bad_input", "not_found", ... */
const char *yc_status_code(enum yc_status st);

/* A default Chinese message for a status. */
const char *yc_status_message(enum yc_status st);

/* Fill `e` (which may be NULL) and return `st`, so that callers can write `return yc_fail(...)`.
 * `message` NULL means the default message of the status. Strings are not copied. */
enum yc_status yc_fail(struct yc_error *e, enum yc_status st, const char *field,
                       const char *message);

#endif
