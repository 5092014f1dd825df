/* blob.c — the content-addressed file store; see blob.h for what it promises.
 *
 * Temporary files are named up-<host>-<pid>-<random>, so that the sweep at start can tell the
 * leftovers of a dead process on this host from the files of a live one (a data folder may be
 * shared by several nodes). Writes go through a small buffer; the SHA-256 is computed on the way
 * (libsodium), so finishing a file costs one fsync of the file and one of its folder. */
#include "blob.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define WBUF (32 * 1024)

struct yc_blob_writer {
	int fd;
	char *root;
	char *tmp; /* path of the temporary file */
	int64_t size, max;
	bool failed;
	crypto_hash_sha256_state h;
	unsigned char head[YC_BLOB_HEAD];
	size_t head_n;
	unsigned char buf[WBUF];
	size_t buf_n;
	void *map;
	size_t map_len;
};

static _Thread_local char detail[256];

const char *yc_blob_detail(void)
{
	return detail;
}

/* Keep the detail of a failed step and return the error. */
static enum yc_status io_fail(struct yc_error *e, const char *step, const char *path)
{
	int err = errno;
	snprintf(detail, sizeof detail, "%s %s: %s", step, path ? path : "", strerror(err));
	return yc_fail(e, YC_E_INTERNAL, NULL, "文件保存失败，请稍后再试");
}

static char *join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *s = malloc(la + lb + 2);
	if (!s)
		abort();
	memcpy(s, a, la);
	s[la] = '/';
	memcpy(s + la + 1, b, lb + 1);
	return s;
}

static int mkdir_ok(const char *path, mode_t mode)
{
	return mkdir(path, mode) == 0 || errno == EEXIST ? 0 : -1;
}

static int fsync_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

enum yc_status yc_blob_init(const char *root, struct yc_error *e)
{
	/* root itself, with its parents (like mkdir -p) */
	char *copy = strdup(root);
	if (!copy)
		abort();
	for (char *p = copy + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(copy, 0750);
		*p = '/';
	}
	int rc = mkdir_ok(copy, 0750);
	free(copy);
	if (rc)
		return io_fail(e, "mkdir", root);
	const char *subs[] = {"tmp", "objects"};
	for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++) {
		char *p = join(root, subs[i]);
		rc = mkdir_ok(p, 0700);
		if (rc) {
			enum yc_status st = io_fail(e, "mkdir", p);
			free(p);
			return st;
		}
		free(p);
	}
	return YC_OK;
}

static void host_name(char *out, size_t n)
{
	if (gethostname(out, n - 1) != 0)
		snprintf(out, n, "localhost");
	out[n - 1] = '\0';
	for (char *p = out; *p; p++)
		if (*p == '/' || *p == '-')
			*p = '_';
}

/* Parse up-<host>-<pid>-<random>: the host and pid of the process that made it. */
static bool parse_tmp_name(const char *name, char *host, size_t hostsz, long *pid)
{
	if (strncmp(name, "up-", 3) != 0)
		return false;
	const char *h = name + 3;
	const char *r = strrchr(h, '-');
	if (!r || r == h)
		return false;
	const char *p = r - 1;
	while (p > h && *p != '-')
		p--;
	if (*p != '-' || p == h)
		return false;
	size_t hl = (size_t)(p - h);
	if (hl >= hostsz)
		return false;
	memcpy(host, h, hl);
	host[hl] = '\0';
	char *end;
	*pid = strtol(p + 1, &end, 10);
	return end == r && *pid > 0;
}

enum yc_status yc_blob_sweep(const char *root, int64_t max_age, int *removed, struct yc_error *e)
{
	if (removed)
		*removed = 0;
	char *dir = join(root, "tmp");
	DIR *d = opendir(dir);
	if (!d) {
		enum yc_status st = errno == ENOENT ? YC_OK : io_fail(e, "opendir", dir);
		free(dir);
		return st;
	}
	char me[128];
	host_name(me, sizeof me);
	long self = (long)getpid();
	time_t now = time(NULL);
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		char host[128];
		long pid = 0;
		if (!parse_tmp_name(de->d_name, host, sizeof host, &pid))
			continue; /* not ours: never touched */
		struct stat st;
		if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISREG(st.st_mode))
			continue;
		bool stale = (int64_t)(now - st.st_mtime) >= max_age;
		if (!stale && strcmp(host, me) == 0)
			stale = pid == self || (kill((pid_t)pid, 0) != 0 && errno == ESRCH);
		if (stale && unlinkat(dirfd(d), de->d_name, 0) == 0 && removed)
			(*removed)++;
	}
	closedir(d);
	free(dir);
	return YC_OK;
}

enum yc_status yc_blob_begin(const char *root, int64_t max, struct yc_blob_writer **out,
                             struct yc_error *e)
{
	*out = NULL;
	struct yc_blob_writer *w = calloc(1, sizeof *w);
	if (!w)
		abort();
	w->fd = -1;
	w->max = max;
	w->root = strdup(root);
	if (!w->root)
		abort();
	char host[128];
	host_name(host, sizeof host);
	for (int attempt = 0; attempt < 8 && w->fd < 0; attempt++) {
		unsigned char rnd[8];
		char hex[17];
		randombytes_buf(rnd, sizeof rnd);
		sodium_bin2hex(hex, sizeof hex, rnd, sizeof rnd);
		char name[200];
		snprintf(name, sizeof name, "tmp/up-%s-%ld-%s", host, (long)getpid(), hex);
		free(w->tmp);
		w->tmp = join(root, name);
		w->fd = open(w->tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (w->fd < 0 && errno != EEXIST)
			break;
	}
	if (w->fd < 0) {
		enum yc_status st = io_fail(e, "create", w->tmp);
		free(w->tmp);
		w->tmp = NULL;
		yc_blob_abort(w);
		return st;
	}
	crypto_hash_sha256_init(&w->h);
	*out = w;
	return YC_OK;
}

static int write_all(int fd, const unsigned char *p, size_t n)
{
	while (n) {
		ssize_t k = write(fd, p, n);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

static enum yc_status flush(struct yc_blob_writer *w, struct yc_error *e)
{
	if (w->buf_n && write_all(w->fd, w->buf, w->buf_n) != 0) {
		w->failed = true;
		return io_fail(e, "write", w->tmp);
	}
	w->buf_n = 0;
	return YC_OK;
}

enum yc_status yc_blob_write(struct yc_blob_writer *w, const void *data, size_t n,
                             struct yc_error *e)
{
	if (w->failed)
		return yc_fail(e, YC_E_INTERNAL, NULL, "文件保存失败，请稍后再试");
	if (!n)
		return YC_OK;
	if (w->max > 0 && (int64_t)n > w->max - w->size) {
		w->failed = true;
		return yc_fail(e, YC_E_TOO_LARGE, NULL, "文件过大");
	}
	const unsigned char *p = data;
	if (w->head_n < YC_BLOB_HEAD) {
		size_t k = YC_BLOB_HEAD - w->head_n;
		if (k > n)
			k = n;
		memcpy(w->head + w->head_n, p, k);
		w->head_n += k;
	}
	crypto_hash_sha256_update(&w->h, p, n);
	w->size += (int64_t)n;
	if (w->buf_n + n <= WBUF) {
		memcpy(w->buf + w->buf_n, p, n);
		w->buf_n += n;
		return YC_OK;
	}
	enum yc_status st = flush(w, e);
	if (st != YC_OK)
		return st;
	if (n >= WBUF) {
		if (write_all(w->fd, p, n) != 0) {
			w->failed = true;
			return io_fail(e, "write", w->tmp);
		}
		return YC_OK;
	}
	memcpy(w->buf, p, n);
	w->buf_n = n;
	return YC_OK;
}

int64_t yc_blob_size(const struct yc_blob_writer *w)
{
	return w->size;
}

const unsigned char *yc_blob_head(const struct yc_blob_writer *w, size_t *n)
{
	*n = w->head_n;
	return w->head;
}

static void unmap(struct yc_blob_writer *w)
{
	if (w->map)
		munmap(w->map, w->map_len);
	w->map = NULL;
	w->map_len = 0;
}

enum yc_status yc_blob_view(struct yc_blob_writer *w, const void **data, size_t *n,
                            struct yc_error *e)
{
	*data = NULL;
	*n = 0;
	if (w->failed)
		return yc_fail(e, YC_E_INTERNAL, NULL, "文件保存失败，请稍后再试");
	enum yc_status st = flush(w, e);
	if (st != YC_OK)
		return st;
	if (w->size == 0)
		return YC_OK;
	if (w->map && w->map_len != (size_t)w->size)
		unmap(w);
	if (!w->map) {
		void *m = mmap(NULL, (size_t)w->size, PROT_READ, MAP_PRIVATE, w->fd, 0);
		if (m == MAP_FAILED)
			return io_fail(e, "mmap", w->tmp);
		w->map = m;
		w->map_len = (size_t)w->size;
	}
	*data = w->map;
	*n = w->map_len;
	return YC_OK;
}

static void writer_free(struct yc_blob_writer *w)
{
	unmap(w);
	if (w->fd >= 0)
		close(w->fd);
	free(w->tmp);
	free(w->root);
	free(w);
}

struct yc_blob_writer *yc_blob_abort(struct yc_blob_writer *w)
{
	if (!w)
		return NULL;
	if (w->tmp)
		unlink(w->tmp);
	writer_free(w);
	return NULL;
}

static void object_parts(const char *root, const char *sha, char **dir, char **path)
{
	char sub[16];
	snprintf(sub, sizeof sub, "objects/%.2s", sha);
	*dir = join(root, sub);
	*path = join(*dir, sha + 2);
}

enum yc_status yc_blob_finish(struct yc_blob_writer *w, char sha[65], int64_t *size,
                              struct yc_error *e)
{
	sha[0] = '\0';
	if (w->failed) {
		yc_blob_abort(w);
		return yc_fail(e, YC_E_INTERNAL, NULL, "文件保存失败，请稍后再试");
	}
	enum yc_status st = flush(w, e);
	if (st != YC_OK) {
		yc_blob_abort(w);
		return st;
	}
	unmap(w);
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&w->h, h);
	sodium_bin2hex(sha, 65, h, sizeof h);
	if (size)
		*size = w->size;
	char *dir, *path;
	object_parts(w->root, sha, &dir, &path);
	struct stat sb;
	if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size == w->size) {
		/* the same bytes are stored already: nothing to sync */
		free(dir);
		free(path);
		yc_blob_abort(w);
		return YC_OK;
	}
	if (fsync(w->fd) != 0) {
		st = io_fail(e, "fsync", w->tmp);
		goto fail;
	}
	bool made = mkdir(dir, 0700) == 0;
	if (!made && errno != EEXIST) {
		st = io_fail(e, "mkdir", dir);
		goto fail;
	}
	if (made) {
		/* the new folder's name must be durable before the file's */
		char *objects = join(w->root, "objects");
		int rc = fsync_dir(objects);
		free(objects);
		if (rc != 0) {
			st = io_fail(e, "fsync", "objects");
			goto fail;
		}
	}
	if (rename(w->tmp, path) != 0) {
		st = io_fail(e, "rename", path);
		goto fail;
	}
	free(w->tmp);
	w->tmp = NULL; /* renamed: nothing left to remove */
	if (fsync_dir(dir) != 0) {
		st = io_fail(e, "fsync", dir);
		goto fail;
	}
	free(dir);
	free(path);
	writer_free(w);
	return YC_OK;
fail:
	sha[0] = '\0';
	free(dir);
	free(path);
	yc_blob_abort(w);
	return st;
}

bool yc_blob_sha_valid(const char *s)
{
	if (!s)
		return false;
	size_t i = 0;
	for (; s[i]; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return i == 64;
}

char *yc_blob_path(const char *root, const char *sha, struct yc_arena *a)
{
	if (!yc_blob_sha_valid(sha))
		return NULL;
	return yc_printf(a, "%s/objects/%.2s/%s", root, sha, sha + 2);
}

enum yc_status yc_blob_open(const char *root, const char *sha, int *fd, int64_t *size,
                            struct yc_error *e)
{
	*fd = -1;
	if (!yc_blob_sha_valid(sha))
		return yc_fail(e, YC_E_BAD_INPUT, "sha256", "文件摘要应为 64 位小写十六进制");
	char *dir, *path;
	object_parts(root, sha, &dir, &path);
	free(dir);
	int f = open(path, O_RDONLY | O_CLOEXEC);
	if (f < 0) {
		enum yc_status st = errno == ENOENT
		                        ? yc_fail(e, YC_E_NOT_FOUND, "sha256", "找不到该文件")
		                        : io_fail(e, "open", path);
		free(path);
		return st;
	}
	free(path);
	struct stat sb;
	if (fstat(f, &sb) != 0) {
		enum yc_status st = io_fail(e, "fstat", sha);
		close(f);
		return st;
	}
	*fd = f;
	if (size)
		*size = (int64_t)sb.st_size;
	return YC_OK;
}

bool yc_blob_exists(const char *root, const char *sha)
{
	if (!yc_blob_sha_valid(sha))
		return false;
	char *dir, *path;
	object_parts(root, sha, &dir, &path);
	struct stat sb;
	bool ok = stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
	free(dir);
	free(path);
	return ok;
}
