/* cli.h — commands of the yici program that work on the store directly (no HTTP). */
#ifndef YICI_CLI_H
#define YICI_CLI_H

#include "../core/account.h"
#include "../store/store.h"

/* Create an account as the system (audit actor "system"); prints nothing. */
enum yc_status yc_cli_user_add(struct yc_store *s, const struct yc_account_input *in, int64_t *id,
                               struct yc_error *e);

/* Load the demo regions, departments and accounts (data/demo, compiled in); skips rows that
 * exist already, so running it twice changes nothing. */
enum yc_status yc_cli_demo(struct yc_store *s, int *added, struct yc_error *e);

/* The demo catalog (data/catalog/demo.json): imported and published once. */
enum yc_status yc_cli_demo_catalog(struct yc_store *s, int *added, struct yc_error *e);

/* `yici catalog import FILE [--draft]` and `yici catalog export [FILE]`; return exit codes. */
int yc_cli_catalog_import(struct yc_store *s, const char *file, bool publish);
int yc_cli_catalog_export(struct yc_store *s, const char *file);

/* The server key of --key-file (server_key.c): read it into key, or make it (32 random bytes,
 * mode 0600) when the file does not exist. Returns 0, or 1 after a message on stderr (wrong
 * size, readable by group or others, unreadable). */
int yc_cli_server_key(const char *path, unsigned char key[32]);
/* After yc_app_seal_key_set(): 0 when the key opens the seals already in the store (or there are
 * none), else 1 after a message on stderr. */
int yc_cli_server_key_check(struct yc_store *s, const char *path);

/* Make the folders above `path` (mode 0750) that do not exist yet; failures show later, when
 * the file itself is opened. */
void yc_cli_make_parents(const char *path);

#endif
