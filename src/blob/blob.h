/* blob.h — the content-addressed file store under the data folder.
 *
 * Every stored file is named by the SHA-256 of its bytes: root/objects/ab/cdef… (the first two hex
 * digits name a folder, the other 62 the file). A file is written to a temporary file under
 * root/tmp (O_EXCL, mode 0600), synced, and only then renamed to its name; the folder is synced
 * after the rename. So a name under objects/ always holds the whole file with exactly that hash,
 * also after a crash at any moment: a crash leaves at most a temporary file, which the sweep at
 * the next start removes. Storing bytes that are there already stores nothing (dedupe).
 *
 * Nothing here logs: errors are yc_error values (YC_E_INTERNAL for I/O failures), and the detail
 * of the last I/O failure of the calling thread (step, path, errno text) is yc_blob_detail(). */
#ifndef YICI_BLOB_H
#define YICI_BLOB_H

#include "../core/arena.h"
#include "../core/err.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The first bytes of a file the writer keeps in memory for sniffing (see sniff.h). */
#define YC_BLOB_HEAD 4096

struct yc_blob_writer;

/* Create root, root/tmp and root/objects when missing (mode 0700 for the two folders). */
enum yc_status yc_blob_init(const char *root, struct yc_error *e);

/* Remove stale temporary files under root/tmp: every one older than max_age seconds, and every one
 * made on this host by a process that is no longer running (a server killed mid-upload). The
 * temporary files of a live process on this or another host (a shared data folder) are kept
 * while they are younger than max_age. *removed (may be NULL) gets how many were removed. */
enum yc_status yc_blob_sweep(const char *root, int64_t max_age, int *removed, struct yc_error *e);

/* Begin a new file: a temporary file under root/tmp. `max` is the most bytes the file may have
 * (0: no limit); a write beyond it fails with YC_E_TOO_LARGE. *w is freed by finish or abort. */
enum yc_status yc_blob_begin(const char *root, int64_t max, struct yc_blob_writer **w,
                             struct yc_error *e);

/* Append n bytes (hashed, counted, written). After a failure the writer can only be aborted. */
enum yc_status yc_blob_write(struct yc_blob_writer *w, const void *data, size_t n,
                             struct yc_error *e);

/* Bytes written so far. */
int64_t yc_blob_size(const struct yc_blob_writer *w);

/* The first bytes written so far (at most YC_BLOB_HEAD); *n gets how many. */
const unsigned char *yc_blob_head(const struct yc_blob_writer *w, size_t *n);

/* A read-only view of everything written so far, valid until finish or abort (the temporary file
 * mapped into memory: the bytes are not copied). *data is NULL for an empty file. */
enum yc_status yc_blob_view(struct yc_blob_writer *w, const void **data, size_t *n,
                            struct yc_error *e);

/* Finish: sync the file, name it by its hash (skipped when that object exists: the temporary
 * file is dropped) and sync the folder. sha gets the 64 lowercase hex digits, *size (may be NULL)
 * the byte count. Frees w, also when it fails (the temporary file is then removed). */
enum yc_status yc_blob_finish(struct yc_blob_writer *w, char sha[65], int64_t *size,
                              struct yc_error *e);

/* Drop the file being written (its temporary file is removed). Accepts NULL; returns NULL. */
struct yc_blob_writer *yc_blob_abort(struct yc_blob_writer *w);

/* Is s 64 lowercase hex digits? */
bool yc_blob_sha_valid(const char *s);

/* The path of the object sha under root (arena-owned), or NULL when sha is not a valid hash. */
char *yc_blob_path(const char *root, const char *sha, struct yc_arena *a);

/* Open the object sha for reading: *fd (close it yourself) and *size. YC_E_NOT_FOUND when there
 * is no such object, YC_E_BAD_INPUT for a malformed hash. */
enum yc_status yc_blob_open(const char *root, const char *sha, int *fd, int64_t *size,
                            struct yc_error *e);

/* Does the object sha exist? */
bool yc_blob_exists(const char *root, const char *sha);

/* The detail of the calling thread's last I/O failure here ("" when none), for the log. */
const char *yc_blob_detail(void);

#endif
