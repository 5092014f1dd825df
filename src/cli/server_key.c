/* server_key.c — the server key file of `yici serve --key-file` (docs/results.md): 32 random
 * bytes that seal the departments' secret signing keys in the database. Made on first start
 * with mode 0600; a file of another size, or one that the group or others may read, stops the
 * start. Several nodes of one database must share the file. */
#include "cli.h"

#include "../app/app.h"
#include "../core/seal.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Write a new key to a private temporary file and link it into place: a node starting at the
 * same moment either wins or finds the complete file of the other. */
static int create(const char *path)
{
	unsigned char key[YC_SEAL_SERVER_KEY_BYTES];
	char tmp[4200];
	if (snprintf(tmp, sizeof tmp, "%s.%d.tmp", path, (int)getpid()) >= (int)sizeof tmp) {
		fprintf(stderr, "yici: --key-file %s: the path is too long\n", path);
		return 1;
	}
	yc_cli_make_parents(path);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		fprintf(stderr, "yici: cannot create the server key %s: %s\n", path,
		        strerror(errno));
		return 1;
	}
	randombytes_buf(key, sizeof key);
	bool ok = write(fd, key, sizeof key) == (ssize_t)sizeof key && fsync(fd) == 0;
	sodium_memzero(key, sizeof key);
	ok = close(fd) == 0 && ok;
	if (!ok) {
		fprintf(stderr, "yici: cannot write the server key %s: %s\n", path,
		        strerror(errno));
		unlink(tmp);
		return 1;
	}
	int rc = link(tmp, path);
	int err = errno;
	unlink(tmp);
	if (rc != 0 && err != EEXIST) {
		fprintf(stderr, "yici: cannot create the server key %s: %s\n", path, strerror(err));
		return 1;
	}
	if (rc == 0)
		fprintf(stderr,
		        "yici: created the server key %s (keep it with the database: the "
		        "departments' seals cannot sign without it)\n",
		        path);
	return 0;
}

int yc_cli_server_key(const char *path, unsigned char key[32])
{
	struct stat sb;
	if (stat(path, &sb) != 0) {
		if (errno != ENOENT) {
			fprintf(stderr, "yici: --key-file %s: %s\n", path, strerror(errno));
			return 1;
		}
		if (create(path))
			return 1;
	}
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &sb) != 0) {
		fprintf(stderr, "yici: cannot read the server key %s: %s\n", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return 1;
	}
	int rc = 1;
	if (!S_ISREG(sb.st_mode))
		fprintf(stderr, "yici: the server key %s is not a regular file\n", path);
	else if (sb.st_mode & 077)
		fprintf(stderr,
		        "yici: the server key %s may be read by group or others (mode %04o): "
		        "refusing to start; run chmod 600 %s\n",
		        path, (unsigned)(sb.st_mode & 07777), path);
	else if (sb.st_size != YC_SEAL_SERVER_KEY_BYTES)
		fprintf(stderr,
		        "yici: the server key %s must be exactly %d bytes (it has %lld): refusing "
		        "to start\n",
		        path, YC_SEAL_SERVER_KEY_BYTES, (long long)sb.st_size);
	else if (read(fd, key, YC_SEAL_SERVER_KEY_BYTES) != YC_SEAL_SERVER_KEY_BYTES)
		fprintf(stderr, "yici: cannot read the server key %s: %s\n", path, strerror(errno));
	else
		rc = 0;
	close(fd);
	return rc;
}

static enum yc_status check_tx(struct yc_db *db, void *ctx, struct yc_error *e)
{
	struct yc_arena *a = ctx;
	return yc_app_seal_key_check(db, a, e);
}

int yc_cli_server_key_check(struct yc_store *s, const char *path)
{
	struct yc_arena *a = yc_arena_new();
	struct yc_error e = {0};
	enum yc_status st = yc_store_tx(s, YC_TX_READ, check_tx, a, &e);
	int rc = 0;
	if (st == YC_E_CONFLICT) {
		fprintf(
		    stderr,
		    "yici: the server key %s does not open the departments' seals in this "
		    "database (they were made under another key): refusing to start; give every "
		    "node of one database the same --key-file\n",
		    path);
		rc = 1;
	} else if (st != YC_OK) {
		fprintf(stderr, "yici: cannot check the server key against the database: %s\n",
		        e.message ? e.message : yc_status_message(st));
		rc = 1;
	}
	yc_arena_free(a);
	return rc;
}
