/* options.c — flags with environment fallbacks; see options.h. */
#include "options.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void env_name(const char *flag, char *out, size_t outsz)
{
	size_t n = (size_t)snprintf(out, outsz, "YICI_");
	for (const char *p = flag; *p && n + 1 < outsz; p++)
		out[n++] = *p == '-' ? '_' : (char)toupper((unsigned char)*p);
	out[n] = '\0';
}

int yc_opts_parse(int argc, char **argv, const struct yc_opt *opts, int nopts, const char **pos,
                  int npos_max, int *npos)
{
	*npos = 0;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (strncmp(a, "--", 2) != 0 || a[2] == '\0') {
			if (*npos >= npos_max) {
				fprintf(stderr, "yici: unexpected argument '%s' (see yici help)\n",
				        a);
				return 2;
			}
			pos[(*npos)++] = a;
			continue;
		}
		const char *name = a + 2;
		const char *eq = strchr(name, '=');
		size_t nl = eq ? (size_t)(eq - name) : strlen(name);
		const struct yc_opt *o = NULL;
		for (int k = 0; k < nopts; k++)
			if (strlen(opts[k].name) == nl && strncmp(opts[k].name, name, nl) == 0)
				o = &opts[k];
		if (!o) {
			fprintf(stderr, "yici: unknown flag '--%.*s' (see yici help)\n", (int)nl,
			        name);
			return 2;
		}
		if (!o->has_arg) {
			if (eq) {
				fprintf(stderr, "yici: flag --%s takes no value\n", o->name);
				return 2;
			}
			*o->set = true;
			continue;
		}
		if (eq) {
			*o->value = eq + 1;
		} else if (i + 1 < argc) {
			*o->value = argv[++i];
		} else {
			fprintf(stderr, "yici: flag --%s needs a value\n", o->name);
			return 2;
		}
	}
	for (int k = 0; k < nopts; k++) {
		char env[64];
		env_name(opts[k].name, env, sizeof env);
		const char *v = getenv(env);
		if (!v || !*v)
			continue;
		if (opts[k].has_arg && !*opts[k].value)
			*opts[k].value = v;
		else if (!opts[k].has_arg && !*opts[k].set)
			*opts[k].set = strcmp(v, "0") != 0 && strcasecmp(v, "false") != 0;
	}
	return 0;
}
