/* guide_cache.c — generated service guides of published matter versions, kept in memory.
 *
 * A generated guide is derived from a published matter version and the item versions that version
 * pinned; none of them ever changes, so every node may keep the text it built and answer the next
 * reader without reading the items again. A guide that was reviewed and published (table guides)
 * is always read from the database, because its needs_revision flag can change. Fixed size:
 * a new entry replaces whatever shares its slot. */
#include "http.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 1024

struct entry {
	char key[48];
	char *text;
	size_t len;
};

static struct entry table[SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static size_t slot_of(const char *key)
{
	uint64_t h = 1469598103934665603ull;
	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 1099511628211ull;
	return (size_t)(h % SLOTS);
}

static bool make_key(const char *code, int64_t version, char key[48])
{
	int n = snprintf(key, 48, "%s#%lld", code, (long long)version);
	return n > 0 && n < 48;
}

char *yc_guide_cache_get(const char *code, int64_t version, struct yc_arena *a, size_t *len)
{
	char key[48];
	if (!make_key(code, version, key))
		return NULL;
	struct entry *x = &table[slot_of(key)];
	char *out = NULL;
	pthread_mutex_lock(&lock);
	if (x->text && strcmp(x->key, key) == 0) {
		out = yc_strndup(a, x->text, x->len);
		*len = x->len;
	}
	pthread_mutex_unlock(&lock);
	return out;
}

void yc_guide_cache_put(const char *code, int64_t version, const char *text, size_t len)
{
	char key[48];
	if (!make_key(code, version, key))
		return;
	char *copy = malloc(len + 1);
	if (!copy)
		return; /* a cache that cannot grow just misses */
	memcpy(copy, text, len);
	copy[len] = '\0';
	struct entry *x = &table[slot_of(key)];
	pthread_mutex_lock(&lock);
	char *old = x->text;
	memcpy(x->key, key, sizeof key);
	x->text = copy;
	x->len = len;
	pthread_mutex_unlock(&lock);
	free(old);
}

void yc_guide_cache_clear(void)
{
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < SLOTS; i++) {
		free(table[i].text);
		table[i].text = NULL;
	}
	pthread_mutex_unlock(&lock);
}
