/* arena.h — a bump allocator for everything one request (or one command) allocates.
 *
 * Allocations live until yc_arena_free(); nothing is freed one by one. Running out of memory aborts
 * the process (as Redis does): a server that cannot allocate a few bytes cannot answer anyway. */
#ifndef YICI_ARENA_H
#define YICI_ARENA_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

struct yc_arena;

/* A new empty arena; never NULL. Free it with yc_arena_free(). */
struct yc_arena *yc_arena_new(void);

/* Free the arena and everything allocated in it; accepts NULL and returns NULL. */
struct yc_arena *yc_arena_free(struct yc_arena *a);

/* Zeroed memory of n bytes, aligned for any type, owned by the arena. */
void *yc_alloc(struct yc_arena *a, size_t n);

/* v (n elements of elem bytes) with room for at least one more: v itself while n < *cap, else a
 * copy in an array twice as large (16 at first), *cap updated. */
void *yc_grow(struct yc_arena *a, void *v, int64_t n, int64_t *cap, size_t elem);

/* A NUL-terminated copy of n bytes of s, owned by the arena. */
char *yc_strndup(struct yc_arena *a, const char *s, size_t n);
char *yc_strdup(struct yc_arena *a, const char *s);

/* A formatted string of any length, owned by the arena. */
char *yc_printf(struct yc_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *yc_vprintf(struct yc_arena *a, const char *fmt, va_list ap);

/* Bytes currently held by the arena (for tests and metrics). */
size_t yc_arena_size(const struct yc_arena *a);

#endif
