/* seal.c — Ed25519 seals, the canonical result text, secret keys sealed under the server key;
 * see seal.h. */
#include "seal.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *yc_result_payload(struct yc_arena *a, const struct yc_result_facts *f)
{
	if (!f->number || !f->dept || !f->name || !f->item_code || !f->holder_name ||
	    !f->holder_id || !f->valid_from || !f->case_number || !f->issued_at || !f->key_id)
		return NULL;
	if (f->fields && !json_is_object(f->fields))
		return NULL;
	json_t *fields = f->fields ? json_deep_copy(f->fields) : json_object();
	json_t *o =
	    json_pack("{s:s, s:s, s:o, s:s, s:{s:s, s:s}, s:s, s:s, s:s, s:s, s:s, s:s, s:o}",
	              "case_number", f->case_number, "dept", f->dept, "fields", fields, "format",
	              "yici.result/1", "holder", "id", f->holder_id, "name", f->holder_name,
	              "issued_at", f->issued_at, "item", f->item_code, "key_id", f->key_id, "name",
	              f->name, "number", f->number, "valid_from", f->valid_from, "valid_until",
	              f->valid_until ? json_string(f->valid_until) : json_null());
	if (!o)
		return NULL;
	char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	if (!s)
		return NULL;
	char *out = yc_strdup(a, s);
	free(s);
	return out;
}

void yc_seal_b64(const unsigned char *bin, size_t n, char *out, size_t outsz)
{
	sodium_bin2base64(out, outsz, bin, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

bool yc_seal_unb64(const char *s, unsigned char *out, size_t n)
{
	size_t got = 0;
	const char *end = NULL;
	if (!s)
		return false;
	size_t len = strlen(s);
	if (len != sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING) - 1)
		return false;
	if (sodium_base642bin(out, n, s, len, NULL, &got, &end,
	                      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
		return false;
	return got == n && end == s + len;
}

void yc_seal_keypair(unsigned char pk[YC_SEAL_PK_BYTES], unsigned char sk[YC_SEAL_SK_BYTES])
{
	crypto_sign_keypair(pk, sk);
}

void yc_seal_key_id(const char *dept, const unsigned char pk[YC_SEAL_PK_BYTES],
                    char out[YC_SEAL_KEY_ID])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, pk, YC_SEAL_PK_BYTES);
	char hex[17];
	sodium_bin2hex(hex, sizeof hex, h, 8);
	snprintf(out, YC_SEAL_KEY_ID, "%.40s-%s", dept, hex);
}

void yc_seal_sign(const unsigned char sk[YC_SEAL_SK_BYTES], const char *payload,
                  char sig[YC_SEAL_SIG_B64])
{
	unsigned char s[crypto_sign_BYTES];
	crypto_sign_detached(s, NULL, (const unsigned char *)payload, strlen(payload), sk);
	yc_seal_b64(s, sizeof s, sig, YC_SEAL_SIG_B64);
}

bool yc_seal_verify(const char *pk, const char *payload, const char *sig)
{
	unsigned char k[YC_SEAL_PK_BYTES], s[crypto_sign_BYTES];
	if (!payload || !yc_seal_unb64(pk, k, sizeof k) || !yc_seal_unb64(sig, s, sizeof s))
		return false;
	return crypto_sign_verify_detached(s, (const unsigned char *)payload, strlen(payload), k) ==
	       0;
}

void yc_seal_box(const unsigned char key[YC_SEAL_SERVER_KEY_BYTES],
                 const unsigned char sk[YC_SEAL_SK_BYTES], char box[YC_SEAL_BOX_B64],
                 char nonce[YC_SEAL_NONCE_B64])
{
	unsigned char n[crypto_secretbox_NONCEBYTES],
	    c[crypto_secretbox_MACBYTES + YC_SEAL_SK_BYTES];
	randombytes_buf(n, sizeof n);
	crypto_secretbox_easy(c, sk, YC_SEAL_SK_BYTES, n, key);
	yc_seal_b64(c, sizeof c, box, YC_SEAL_BOX_B64);
	yc_seal_b64(n, sizeof n, nonce, YC_SEAL_NONCE_B64);
}

bool yc_seal_unbox(const unsigned char key[YC_SEAL_SERVER_KEY_BYTES], const char *box,
                   const char *nonce, unsigned char sk[YC_SEAL_SK_BYTES])
{
	unsigned char n[crypto_secretbox_NONCEBYTES],
	    c[crypto_secretbox_MACBYTES + YC_SEAL_SK_BYTES];
	bool ok = yc_seal_unb64(box, c, sizeof c) && yc_seal_unb64(nonce, n, sizeof n) &&
	          crypto_secretbox_open_easy(sk, c, sizeof c, n, key) == 0;
	if (!ok)
		sodium_memzero(sk, YC_SEAL_SK_BYTES);
	return ok;
}

void yc_seal_fingerprint(const char *sig, char out[YC_SEAL_FINGERPRINT])
{
	unsigned char s[crypto_sign_BYTES], h[crypto_hash_sha256_BYTES];
	out[0] = '\0';
	if (!yc_seal_unb64(sig, s, sizeof s))
		return;
	crypto_hash_sha256(h, s, sizeof s);
	snprintf(out, YC_SEAL_FINGERPRINT, "%02X%02X %02X%02X %02X%02X %02X%02X", h[0], h[1], h[2],
	         h[3], h[4], h[5], h[6], h[7]);
}
