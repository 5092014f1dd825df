/* options.h — command line flags, each also readable from an environment variable.
 *
 * A flag --body-limit is also read from YICI_BODY_LIMIT when it is not on the command line.
 * Unknown flags are an error (the caller exits with 2). */
#ifndef YICI_CLI_OPTIONS_H
#define YICI_CLI_OPTIONS_H

#include <stdbool.h>

struct yc_opt {
	const char *name; /* without the leading "--" */
	bool has_arg;     /* false: a switch */
	const char **value;
	bool *set; /* for switches */
};

/* Parse argv[0..argc) against opts; positional arguments go to pos (at most npos_max).
 * Returns 0, or 2 after printing a message to stderr. */
int yc_opts_parse(int argc, char **argv, const struct yc_opt *opts, int nopts, const char **pos,
                  int npos_max, int *npos);

#endif
