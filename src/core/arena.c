/* arena.c — chunked bump allocator; see arena.h. */
#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_MIN 8192
#define ALIGN     16

struct chunk {
	struct chunk *next;
	size_t cap;
	size_t used;
	_Alignas(ALIGN) unsigned char data[];
};

struct yc_arena {
	struct chunk *head;
	size_t total;
};

static void *must(void *p)
{
	if (!p) {
		fputs("yici: out of memory\n", stderr);
		abort();
	}
	return p;
}

struct yc_arena *yc_arena_new(void)
{
	return must(calloc(1, sizeof(struct yc_arena)));
}

struct yc_arena *yc_arena_free(struct yc_arena *a)
{
	if (!a)
		return NULL;
	struct chunk *c = a->head;
	while (c) {
		struct chunk *n = c->next;
		free(c);
		c = n;
	}
	free(a);
	return NULL;
}

void *yc_alloc(struct yc_arena *a, size_t n)
{
	size_t need = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if (need < n)
		must(NULL);
	struct chunk *c = a->head;
	if (!c || c->cap - c->used < need) {
		size_t cap = need > CHUNK_MIN ? need : CHUNK_MIN;
		if (c && cap < c->cap * 2 && c->cap * 2 <= (1u << 20))
			cap = c->cap * 2;
		if (cap > SIZE_MAX - sizeof(struct chunk))
			must(NULL);
		c = must(malloc(sizeof(struct chunk) + cap));
		c->cap = cap;
		c->used = 0;
		c->next = a->head;
		a->head = c;
		a->total += cap;
	}
	void *p = c->data + c->used;
	c->used += need;
	memset(p, 0, n);
	return p;
}

char *yc_strndup(struct yc_arena *a, const char *s, size_t n)
{
	char *p = yc_alloc(a, n + 1);
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *yc_strdup(struct yc_arena *a, const char *s)
{
	return s ? yc_strndup(a, s, strlen(s)) : NULL;
}

char *yc_vprintf(struct yc_arena *a, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return yc_strdup(a, "");
	char *p = yc_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *yc_printf(struct yc_arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = yc_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

size_t yc_arena_size(const struct yc_arena *a)
{
	return a->total;
}

void *yc_grow(struct yc_arena *a, void *v, int64_t n, int64_t *cap, size_t elem)
{
	if (n < *cap)
		return v;
	int64_t nc = *cap ? *cap * 2 : 16;
	void *nv = yc_alloc(a, elem * (size_t)nc);
	if (n)
		memcpy(nv, v, elem * (size_t)n);
	*cap = nc;
	return nv;
}
