/* audit.c — hash chain of the audit log; see audit.h. */
#include "audit.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

static void put(crypto_hash_sha256_state *st, const char *s)
{
	char len[24];
	int n;
	if (!s) {
		crypto_hash_sha256_update(st, (const unsigned char *)"-;", 2);
		return;
	}
	n = snprintf(len, sizeof len, "%zu:", strlen(s));
	crypto_hash_sha256_update(st, (const unsigned char *)len, (size_t)n);
	crypto_hash_sha256_update(st, (const unsigned char *)s, strlen(s));
	crypto_hash_sha256_update(st, (const unsigned char *)";", 1);
}

static void put_int(crypto_hash_sha256_state *st, int64_t v)
{
	char b[24];
	snprintf(b, sizeof b, "%" PRId64, v);
	put(st, b);
}

void yc_audit_hash(const struct yc_audit_entry *e, char out[YC_HEX256_SIZE])
{
	crypto_hash_sha256_state st;
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_init(&st);
	put(&st, e->prev_hash ? e->prev_hash : YC_AUDIT_GENESIS);
	put_int(&st, e->seq);
	put_int(&st, e->at);
	put_int(&st, e->actor_id);
	put(&st, e->actor_username);
	put(&st, e->actor_role);
	put(&st, e->action);
	put(&st, e->entity);
	put(&st, e->entity_id);
	put(&st, e->region);
	put(&st, e->before);
	put(&st, e->after);
	crypto_hash_sha256_final(&st, h);
	sodium_bin2hex(out, YC_HEX256_SIZE, h, sizeof h);
}

bool yc_audit_row_ok(const struct yc_audit_entry *e, const char *expected_prev)
{
	char h[YC_HEX256_SIZE];
	if (!e->prev_hash || !e->hash || strcmp(e->prev_hash, expected_prev) != 0)
		return false;
	yc_audit_hash(e, h);
	return strcmp(h, e->hash) == 0;
}
