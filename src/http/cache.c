/* cache.c — public catalog answers kept in memory, valid for one catalog epoch.
 *
 * The answers of the public catalog routes (search, matters, guides, items, synonyms) are the same
 * for every reader and change only when the catalog changes. Each node keeps the text of an answer
 * under the request's key (path and sorted query) and the catalog epoch it was built at (see
 * yc_store_epoch); a later request at the same epoch is answered from memory, any change to the
 * catalog on any node moves the epoch and every older entry misses. Fixed size, 4-way set
 * associative: a new entry takes a stale or the least recently used entry of its set; answers over
 * MAX_TEXT are not kept. */
#include "http.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define SETS     1024
#define WAYS     4
#define MAX_KEY  2048
#define MAX_TEXT (256 * 1024)

struct entry {
	char *key;
	int64_t epoch;
	char *text;
	size_t len;
	uint64_t used; /* tick of the last hit or put */
};

static struct entry table[SETS][WAYS];
static uint64_t tick;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static size_t set_of(const char *key)
{
	uint64_t h = 1469598103934665603ull;
	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 1099511628211ull;
	return (size_t)(h % SETS);
}

char *yc_cache_get(const char *key, int64_t epoch, struct yc_arena *a, size_t *len)
{
	if (strlen(key) > MAX_KEY)
		return NULL;
	struct entry *set = table[set_of(key)];
	char *out = NULL;
	pthread_mutex_lock(&lock);
	for (int i = 0; i < WAYS; i++) {
		struct entry *x = &set[i];
		if (x->text && x->epoch == epoch && strcmp(x->key, key) == 0) {
			out = yc_strndup(a, x->text, x->len);
			*len = x->len;
			x->used = ++tick;
			break;
		}
	}
	pthread_mutex_unlock(&lock);
	return out;
}

void yc_cache_put(const char *key, int64_t epoch, const char *text, size_t len)
{
	size_t kl = strlen(key);
	if (kl > MAX_KEY || len > MAX_TEXT)
		return;
	char *k = malloc(kl + 1), *t = malloc(len + 1);
	if (!k || !t) { /* a cache that cannot grow just misses */
		free(k);
		free(t);
		return;
	}
	memcpy(k, key, kl + 1);
	memcpy(t, text, len);
	t[len] = '\0';
	struct entry *set = table[set_of(key)];
	pthread_mutex_lock(&lock);
	/* the same key, else an empty or stale entry, else the least recently used */
	struct entry *x = &set[0];
	for (int i = 0; i < WAYS; i++) {
		struct entry *y = &set[i];
		if (y->key && strcmp(y->key, key) == 0) {
			x = y;
			break;
		}
		bool y_free = !y->text || y->epoch != epoch, x_free = !x->text || x->epoch != epoch;
		if ((y_free && !x_free) || (y_free == x_free && y->used < x->used))
			x = y;
	}
	x->used = ++tick;
	char *ok = x->key, *ot = x->text;
	x->key = k;
	x->text = t;
	x->len = len;
	x->epoch = epoch;
	pthread_mutex_unlock(&lock);
	free(ok);
	free(ot);
}

void yc_cache_clear(void)
{
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < SETS; i++)
		for (int w = 0; w < WAYS; w++) {
			free(table[i][w].key);
			free(table[i][w].text);
			table[i][w] = (struct entry){0};
		}
	pthread_mutex_unlock(&lock);
}
