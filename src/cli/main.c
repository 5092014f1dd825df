/* main.c — the yici program: serve, migrate, user add, backup, audit verify, demo, routes. */
#include "../core/credentials.h"
#include "../http/http.h"
#include "../jobs/jobs.h"
#include "cli.h"
#include "options.h"

#include <errno.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char usage[] =
    "yici " YICI_VERSION " — 一件事一次办 government service platform\n"
    "\n"
    "usage: yici COMMAND [FLAGS]\n"
    "\n"
    "commands:\n"
    "  serve        serve the portal and the API (migrates first)\n"
    "               --listen HOST:PORT (127.0.0.1:8080)  --web-root DIR (web/dist)\n"
    "               --body-limit BYTES (1048576)  --threads N (cores)\n"
    "               --session-idle SECONDS (28800)  --quiet  --job-tick SECONDS (10)  --no-jobs\n"
    "               --no-search-copy (searches ask the database; default: a copy in memory)\n"
    "               --data-dir DIR (uploaded files; the folder of --db, var with --pg)\n"
    "               --upload-limit BYTES (20971520: one upload request)\n"
    "               --key-file PATH (<data-dir>/server.key: seals the departments' keys;\n"
    "               made on first start, mode 0600; share it between nodes)\n"
    "               --webhook URL (the SMS channel: outbox rows are POSTed there as JSON)\n"
    "               --webhook-timeout-ms N (5000)\n"
    "  migrate      apply pending database migrations   [--reset: PostgreSQL only, drops all]\n"
    "  user add     --username U --password P --name N --role R [--region CODE] [--dept CODE]\n"
    "               [--phone PHONE] [--id-number ID]\n"
    "  backup FILE  write a consistent copy of the database to FILE (safe while serving)\n"
    "  audit verify check the hash chain of the audit log (exit 1 when broken)\n"
    "  demo         load demo regions, departments and one account per role\n"
    "  jobs run NAME  run one job now (tasks.watch, cases.deem_accept, cases.tolerance, …)\n"
    "  routes       print the route table as JSON\n"
    "  --version    print the version\n"
    "  help         this text\n"
    "\n"
    "store flags (every command): --db FILE (var/yici.db) or --pg postgresql://...\n"
    "Every flag can also be given as an environment variable: --body-limit as YICI_BODY_LIMIT.\n";

struct store_flags {
	const char *db, *pg;
};

#define NOPTS(o) ((int)(sizeof(o) / sizeof((o)[0])))
#define STORE_OPTS(sf)                                                                             \
	{"db", true, &(sf).db, NULL},                                                              \
	{                                                                                          \
		"pg", true, &(sf).pg, NULL                                                         \
	}

static int report(const char *what, const struct yc_error *e)
{
	fprintf(stderr, "yici: %s: %s", what,
	        e->message ? e->message : yc_status_message(e->status));
	if (e->field)
		fprintf(stderr, " (%s)", e->field);
	const char *d = yc_store_detail();
	if (d && d[0])
		fprintf(stderr, " [%s]", d);
	fputc('\n', stderr);
	return 1;
}

void yc_cli_make_parents(const char *path)
{
	char *copy = strdup(path);
	if (!copy)
		return;
	for (char *p = copy + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(copy, 0750);
		*p = '/';
	}
	free(copy);
}

static int open_store(const struct store_flags *sf, struct yc_store **s, bool migrate)
{
	struct yc_store_config cfg = {.sqlite_path = sf->db ? sf->db : "var/yici.db",
	                              .pg_url = sf->pg};
	struct yc_error e = {0};
	if (!cfg.pg_url)
		yc_cli_make_parents(cfg.sqlite_path);
	if (yc_store_open(&cfg, s, &e) != YC_OK)
		return report(cfg.pg_url ? "cannot connect to PostgreSQL" : "cannot open database",
		              &e);
	if (migrate) {
		int n = 0;
		if (yc_store_migrate(*s, &n, &e) != YC_OK) {
			*s = yc_store_close(*s);
			return report("migration failed", &e);
		}
		if (n)
			fprintf(stderr, "yici: applied %d migration(s)\n", n);
	}
	return 0;
}

static bool parse_size(const char *s, long long min, long long max, long long *out)
{
	if (!s)
		return true;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

/* The data folder when --data-dir is not given: the SQLite file's folder, or var. */
static void default_data_dir(const struct store_flags *sf, char *out, size_t n)
{
	const char *db = sf->pg ? NULL : sf->db ? sf->db : "var/yici.db";
	const char *slash = db ? strrchr(db, '/') : NULL;
	if (!db)
		snprintf(out, n, "var");
	else if (!slash)
		snprintf(out, n, ".");
	else if (slash == db)
		snprintf(out, n, "/");
	else
		snprintf(out, n, "%.*s", (int)(slash - db), db);
}

static int cmd_serve(int argc, char **argv)
{
	struct store_flags sf = {0};
	const char *listen = NULL, *web_root = NULL, *body = NULL, *threads = NULL, *idle = NULL;
	const char *job_tick = NULL, *data_dir = NULL, *upload = NULL;
	const char *key_file = NULL;
	const char *webhook = NULL, *webhook_timeout = NULL;
	bool quiet = false, no_jobs = false, no_search_copy = false;
	const struct yc_opt opts[] = {STORE_OPTS(sf),
	                              {"no-search-copy", false, NULL, &no_search_copy},
	                              {"job-tick", true, &job_tick, NULL},
	                              {"no-jobs", false, NULL, &no_jobs},
	                              {"webhook", true, &webhook, NULL},
	                              {"webhook-timeout-ms", true, &webhook_timeout, NULL},
	                              {"listen", true, &listen, NULL},
	                              {"web-root", true, &web_root, NULL},
	                              {"body-limit", true, &body, NULL},
	                              {"threads", true, &threads, NULL},
	                              {"session-idle", true, &idle, NULL},
	                              {"data-dir", true, &data_dir, NULL},
	                              {"upload-limit", true, &upload, NULL},
	                              {"key-file", true, &key_file, NULL},
	                              {"quiet", false, NULL, &quiet}};
	int np;
	if (yc_opts_parse(argc, argv, opts, NOPTS(opts), NULL, 0, &np))
		return 2;
	long long body_limit = 1 << 20, nthreads = 0, session_idle = 8 * 3600;
	if (!parse_size(body, 1024, 1LL << 32, &body_limit)) {
		fprintf(stderr, "yici: --body-limit must be a number of bytes (1024 or more)\n");
		return 2;
	}
	if (!parse_size(threads, 0, 256, &nthreads)) {
		fprintf(stderr, "yici: --threads must be 0..256\n");
		return 2;
	}
	if (!parse_size(idle, 60, 30LL * 86400, &session_idle)) {
		fprintf(stderr, "yici: --session-idle must be 60..2592000 seconds\n");
		return 2;
	}
	long long upload_limit = 20LL << 20;
	if (!parse_size(upload, 4096, 1LL << 32, &upload_limit)) {
		fprintf(stderr, "yici: --upload-limit must be a number of bytes (4096 or more)\n");
		return 2;
	}
	char data_default[4096];
	default_data_dir(&sf, data_default, sizeof data_default);
	struct yc_server_config cfg = {.listen = listen ? listen : "127.0.0.1:8080",
	                               .web_root =
	                                   web_root ? web_root : YICI_SOURCE_DIR "/web/dist",
	                               .body_limit = (size_t)body_limit,
	                               .threads = (int)nthreads,
	                               .session_idle = session_idle,
	                               .quiet = quiet,
	                               .data_dir = data_dir && *data_dir ? data_dir : data_default,
	                               .upload_limit = (size_t)upload_limit};
	/* the server key, set once before any thread starts (docs/results.md) */
	char key_default[4200];
	snprintf(key_default, sizeof key_default, "%s/server.key", cfg.data_dir);
	const char *key_path = key_file && *key_file ? key_file : key_default;
	unsigned char key[32];
	if (yc_cli_server_key(key_path, key))
		return 1;
	yc_app_seal_key_set(key);
	sodium_memzero(key, sizeof key);
	yc_app_search_memory(!no_search_copy);
	struct yc_store *s = NULL;
	int rc = open_store(&sf, &s, true);
	if (rc)
		return rc;
	if (yc_cli_server_key_check(s, key_path)) {
		yc_store_close(s);
		return 1;
	}
	struct yc_error e = {0};
	char node[128], host[64] = "localhost";
	gethostname(host, sizeof host - 1);
	snprintf(node, sizeof node, "%s:%d", host, (int)getpid());
	long long tick = 10;
	if (!parse_size(job_tick, 1, 3600, &tick)) {
		fprintf(stderr, "yici: --job-tick must be 1..3600 seconds\n");
		yc_store_close(s);
		return 2;
	}
	long long webhook_ms = 5000;
	if (!parse_size(webhook_timeout, 100, 30000, &webhook_ms)) {
		fprintf(stderr, "yici: --webhook-timeout-ms must be 100..30000\n");
		yc_store_close(s);
		return 2;
	}
	if (webhook && *webhook && strncmp(webhook, "http://", 7) != 0 &&
	    strncmp(webhook, "https://", 8) != 0) {
		fprintf(stderr, "yici: --webhook must be an http:// or https:// URL\n");
		yc_store_close(s);
		return 2;
	}
	if (!no_jobs && !(webhook && *webhook) && !quiet)
		fprintf(stderr, "{\"level\":\"warn\",\"msg\":\"no --webhook: SMS notifications "
		                "stay pending in the outbox\"}\n");
	const struct yc_jobs_config jcfg = {.node = node,
	                                    .tick_seconds = (int)tick,
	                                    .session_idle = session_idle,
	                                    .webhook = webhook && *webhook ? webhook : NULL,
	                                    .webhook_timeout_ms = (int)webhook_ms};
	struct yc_jobs *jobs = no_jobs ? NULL : yc_jobs_start(s, &jcfg);
	yc_app_search_start(s);
	enum yc_status st = yc_serve(&cfg, s, &e);
	yc_app_search_stop();
	yc_jobs_stop(jobs);
	yc_store_close(s);
	if (st != YC_OK)
		return report(cfg.listen, &e);
	return 0;
}

static int cmd_migrate(int argc, char **argv)
{
	struct store_flags sf = {0};
	bool reset = false;
	const struct yc_opt opts[] = {STORE_OPTS(sf), {"reset", false, NULL, &reset}};
	int np;
	if (yc_opts_parse(argc, argv, opts, NOPTS(opts), NULL, 0, &np))
		return 2;
	struct yc_store *s = NULL;
	int rc = open_store(&sf, &s, false);
	if (rc)
		return rc;
	struct yc_error e = {0};
	if (reset && yc_store_reset(s, &e) != YC_OK) {
		yc_store_close(s);
		return report("reset failed", &e);
	}
	int n = 0;
	enum yc_status st = yc_store_migrate(s, &n, &e);
	yc_store_close(s);
	if (st != YC_OK)
		return report("migration failed", &e);
	printf("migrations applied: %d\n", n);
	return 0;
}

static int cmd_user(int argc, char **argv)
{
	if (argc < 1 || strcmp(argv[0], "add") != 0) {
		fprintf(stderr,
		        "yici: usage: yici user add --username U --password P --name N --role R "
		        "[--region CODE] [--dept CODE]\n");
		return 2;
	}
	struct store_flags sf = {0};
	struct yc_account_input in = {0};
	const struct yc_opt opts[] = {STORE_OPTS(sf),
	                              {"username", true, &in.username, NULL},
	                              {"password", true, &in.password, NULL},
	                              {"name", true, &in.name, NULL},
	                              {"role", true, &in.role, NULL},
	                              {"region", true, &in.region, NULL},
	                              {"dept", true, &in.dept, NULL},
	                              {"phone", true, &in.phone, NULL},
	                              {"id-number", true, &in.id_number, NULL}};
	int np;
	if (yc_opts_parse(argc - 1, argv + 1, opts, NOPTS(opts), NULL, 0, &np))
		return 2;
	struct yc_store *s = NULL;
	int rc = open_store(&sf, &s, true);
	if (rc)
		return rc;
	struct yc_error e = {0};
	int64_t id = 0;
	enum yc_status st = yc_cli_user_add(s, &in, &id, &e);
	yc_store_close(s);
	if (st != YC_OK)
		return report("user add", &e);
	printf("user %s created (id %lld)\n", in.username, (long long)id);
	return 0;
}

static int cmd_backup(int argc, char **argv)
{
	struct store_flags sf = {0};
	const char *file[1] = {0};
	const struct yc_opt opts[] = {STORE_OPTS(sf)};
	int np;
	if (yc_opts_parse(argc, argv, opts, NOPTS(opts), file, 1, &np))
		return 2;
	if (np != 1) {
		fprintf(stderr, "yici: usage: yici backup FILE\n");
		return 2;
	}
	struct yc_store *s = NULL;
	int rc = open_store(&sf, &s, false);
	if (rc)
		return rc;
	struct yc_error e = {0};
	enum yc_status st = yc_store_backup(s, file[0], &e);
	yc_store_close(s);
	if (st != YC_OK)
		return report("backup failed", &e);
	printf("backup written to %s\n", file[0]);
	return 0;
}

struct verify_ctx {
	int64_t rows, first_broken;
};

static enum yc_status verify_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct verify_ctx *c = vctx;
	return yc_audit_verify(db, &c->rows, &c->first_broken, e);
}

static int cmd_audit(int argc, char **argv)
{
	if (argc < 1 || strcmp(argv[0], "verify") != 0) {
		fprintf(stderr, "yici: usage: yici audit verify\n");
		return 2;
	}
	struct store_flags sf = {0};
	const struct yc_opt opts[] = {STORE_OPTS(sf)};
	int np;
	if (yc_opts_parse(argc - 1, argv + 1, opts, NOPTS(opts), NULL, 0, &np))
		return 2;
	struct yc_store *s = NULL;
	int rc = open_store(&sf, &s, false);
	if (rc)
		return rc;
	struct yc_error e = {0};
	struct verify_ctx c = {0};
	enum yc_status st = yc_store_tx(s, YC_TX_READ, verify_tx, &c, &e);
	yc_store_close(s);
	if (st != YC_OK)
		return report("audit verify", &e);
	if (c.first_broken) {
		printf("audit log BROKEN at row %lld (%lld rows checked)\n",
		       (long long)c.first_broken, (long long)c.rows);
		return 1;
	}
	printf("audit log intact: %lld rows\n", (long long)c.rows);
	return 0;
}

static int cmd_demo(int argc, char **argv)
{
	struct store_flags sf = {0};
	const struct yc_opt opts[] = {STORE_OPTS(sf)};
	int np;
	if (yc_opts_parse(argc, argv, opts, NOPTS(opts), NULL, 0, &np))
		return 2;
	struct yc_store *s = NULL;
	int rc = open_store(&sf, &s, true);
	if (rc)
		return rc;
	struct yc_error e = {0};
	int added = 0;
	enum yc_status st = yc_cli_demo(s, &added, &e);
	yc_store_close(s);
	if (st != YC_OK)
		return report("demo", &e);
	printf("demo data loaded: %d new rows\n", added);
	return 0;
}

static int cmd_catalog(int argc, char **argv)
{
	bool import = argc >= 1 && strcmp(argv[0], "import") == 0;
	bool export = argc >= 1 && strcmp(argv[0], "export") == 0;
	if (!import && !export) {
		fprintf(stderr,
		        "yici: usage: yici catalog import FILE [--draft] | yici catalog export "
		        "[FILE]\n");
		return 2;
	}
	struct store_flags sf = {0};
	bool draft = false;
	const char *file[1] = {0};
	const struct yc_opt opts[] = {STORE_OPTS(sf), {"draft", false, NULL, &draft}};
	int np;
	if (yc_opts_parse(argc - 1, argv + 1, opts, NOPTS(opts), file, 1, &np))
		return 2;
	if (import && np != 1) {
		fprintf(stderr, "yici: usage: yici catalog import FILE [--draft]\n");
		return 2;
	}
	struct yc_store *s = NULL;
	int rc = open_store(&sf, &s, true);
	if (rc)
		return rc;
	rc = import ? yc_cli_catalog_import(s, file[0], !draft)
	            : yc_cli_catalog_export(s, np ? file[0] : NULL);
	yc_store_close(s);
	return rc;
}

/* yici jobs run NAME: one job's work now, outside its schedule; prints what it did and the time
 * it took (the run itself, not the start of the command). */
static int cmd_jobs(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[0], "run") != 0) {
		fprintf(stderr, "yici: usage: yici jobs run NAME\n");
		return 2;
	}
	struct store_flags sf = {0};
	const struct yc_opt opts[] = {STORE_OPTS(sf)};
	int np;
	if (yc_opts_parse(argc - 2, argv + 2, opts, NOPTS(opts), NULL, 0, &np))
		return 2;
	struct yc_store *s = NULL;
	int rc = open_store(&sf, &s, true);
	if (rc)
		return rc;
	struct yc_jobs_config cfg = {.node = "cli", .tick_seconds = 1, .session_idle = 28800};
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int64_t affected = 0;
	struct yc_error e = {0};
	enum yc_status st = yc_jobs_run_one(s, &cfg, argv[1], (int64_t)time(NULL), &affected, &e);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	yc_store_close(s);
	if (st != YC_OK)
		return report("jobs run", &e);
	printf("%s: %lld affected in %.3f s\n", argv[1], (long long)affected,
	       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	return 0;
}

static int cmd_routes(void)
{
	json_t *a = json_array();
	for (int i = 0; i < yc_route_count; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:b}", "method", yc_routes[i].method,
		                                   "path", yc_routes[i].path, "public",
		                                   yc_routes[i].roles == 0));
	char *s = json_dumps(a, JSON_INDENT(1));
	puts(s ? s : "[]");
	free(s);
	json_decref(a);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage, stderr);
		return 2;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
		printf("yici %s\n", YICI_VERSION);
		return 0;
	}
	if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
		fputs(usage, stdout);
		return 0;
	}
	if (yc_credentials_init() != YC_OK) {
		fprintf(stderr, "yici: cannot initialise libsodium\n");
		return 1;
	}
	static const struct {
		const char *name;
		int (*run)(int argc, char **argv);
	} commands[] = {
	    {"serve", cmd_serve},     {"migrate", cmd_migrate}, {"user", cmd_user},
	    {"backup", cmd_backup},   {"audit", cmd_audit},     {"demo", cmd_demo},
	    {"catalog", cmd_catalog}, {"jobs", cmd_jobs},
	};
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(cmd, commands[i].name) == 0)
			return commands[i].run(argc - 2, argv + 2);
	if (strcmp(cmd, "routes") == 0)
		return cmd_routes();
	fprintf(stderr, "yici: unknown command '%s' (see yici help)\n", cmd);
	return 2;
}
