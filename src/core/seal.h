/* seal.h — the departments' electronic seals (电子印章) and the signed results (办理结果).
 *
 * A seal is an Ed25519 key pair (libsodium crypto_sign). A result is signed over one canonical
 * text (yc_result_payload: a JSON object with sorted keys and no whitespace), so that anyone
 * holding the published public key can check it, and a verifier that rebuilds the text from the
 * stored columns notices any column changed after signing. The secret key is kept only sealed
 * under the 32-byte server key (crypto_secretbox: XSalsa20-Poly1305 with a random nonce).
 *
 * Binary values travel as base64url without padding (RFC 4648 §5): a public key in 43
 * characters (also the "x" of its JWK), a signature in 86 (short enough for the QR code).
 * Pure functions apart from the kernel's random source; sodium_init() must have run
 * (yc_credentials_init does it). */
#ifndef YICI_SEAL_H
#define YICI_SEAL_H

#include "arena.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#define YC_SEAL_PK_BYTES         32
#define YC_SEAL_SK_BYTES         64
#define YC_SEAL_SERVER_KEY_BYTES 32
#define YC_SEAL_PK_B64           44  /* 43 characters + NUL */
#define YC_SEAL_SIG_B64          87  /* 86 characters + NUL */
#define YC_SEAL_NONCE_B64        33  /* 24 bytes: 32 characters + NUL */
#define YC_SEAL_BOX_B64          108 /* 64 + 16 bytes (the MAC): 107 characters + NUL */
#define YC_SEAL_KEY_ID           64  /* "<dept>-<16 hex>" + NUL, with room */
#define YC_SEAL_FINGERPRINT      20  /* "3F2A 9C0D 1E2B 4A5F" + NUL */

/* The facts of a result that its signature covers. valid_until NULL: 长期 (no end). */
struct yc_result_facts {
	const char *number, *dept, *name, *item_code, *holder_name, *holder_id;
	const char *valid_from, *valid_until; /* YYYY-MM-DD */
	const char *case_number, *issued_at;  /* issued_at: YYYY-MM-DDTHH:MM:SSZ */
	const char *key_id;
	const json_t *fields; /* an object (NULL: {}) */
};

/* The canonical text signed for a result, in the arena:
 * {"case_number","dept","fields","format":"yici.result/1","holder":{"id","name"},"issued_at",
 *  "item","key_id","name","number","valid_from","valid_until"} with keys sorted at every level
 * and no whitespace. NULL when a required fact is missing or fields is not an object. */
char *yc_result_payload(struct yc_arena *a, const struct yc_result_facts *f);

/* base64url without padding of n bytes into out (outsz >= 4 * n / 3 + 2). */
void yc_seal_b64(const unsigned char *bin, size_t n, char *out, size_t outsz);
/* Decode s into exactly n bytes; false when s is not base64url of n bytes. */
bool yc_seal_unb64(const char *s, unsigned char *out, size_t n);

/* A fresh key pair. */
void yc_seal_keypair(unsigned char pk[YC_SEAL_PK_BYTES], unsigned char sk[YC_SEAL_SK_BYTES]);
/* The seal's key id: "<dept>-<first 16 hex of SHA-256(public key)>". */
void yc_seal_key_id(const char *dept, const unsigned char pk[YC_SEAL_PK_BYTES],
                    char out[YC_SEAL_KEY_ID]);

/* The detached Ed25519 signature of payload, base64url. */
void yc_seal_sign(const unsigned char sk[YC_SEAL_SK_BYTES], const char *payload,
                  char sig[YC_SEAL_SIG_B64]);
/* Whether sig (base64url) is a valid signature of payload under pk (base64url); false for
 * anything malformed. */
bool yc_seal_verify(const char *pk, const char *payload, const char *sig);

/* Seal the secret key under the server key with a random nonce (both base64url). */
void yc_seal_box(const unsigned char key[YC_SEAL_SERVER_KEY_BYTES],
                 const unsigned char sk[YC_SEAL_SK_BYTES], char box[YC_SEAL_BOX_B64],
                 char nonce[YC_SEAL_NONCE_B64]);
/* Open it; false when the server key is not the one it was sealed under, or box or nonce were
 * changed. sk is wiped on failure. */
bool yc_seal_unbox(const unsigned char key[YC_SEAL_SERVER_KEY_BYTES], const char *box,
                   const char *nonce, unsigned char sk[YC_SEAL_SK_BYTES]);

/* A short fingerprint of a signature for print: the first 8 bytes of SHA-256 of its bytes as
 * four groups of 4 upper-case hex digits ("3F2A 9C0D 1E2B 4A5F"); "" when sig is malformed. */
void yc_seal_fingerprint(const char *sig, char out[YC_SEAL_FINGERPRINT]);

#endif
