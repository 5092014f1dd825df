/* credentials.h — passwords, session tokens and hashes.
 *
 * Passwords are stored only as argon2id strings (libsodium crypto_pwhash_str, interactive limits).
 * A session token is 32 random bytes shown to the client once as 64 hex characters; the store keeps
 * only SHA-256 of it. No I/O besides the kernel's random source. */
#ifndef YICI_CREDENTIALS_H
#define YICI_CREDENTIALS_H

#include "arena.h"
#include "err.h"

#include <stdbool.h>
#include <stddef.h>

#define YC_PWHASH_MAX  128 /* >= crypto_pwhash_STRBYTES */
#define YC_HEX256_SIZE 65  /* 64 hex characters + NUL */

/* Must be called once before any other function here (initialises libsodium). */
enum yc_status yc_credentials_init(void);

/* Username: 3–32 characters of a-z A-Z 0-9 _ . - @. */
enum yc_status yc_username_check(const char *s, size_t len, struct yc_error *e);

/* The stored form of a username: ASCII letters in lower case (arena copy). */
char *yc_username_normalize(struct yc_arena *a, const char *s);

/* Password: 8–128 bytes, at least one letter and one digit. */
enum yc_status yc_password_check(const char *s, size_t len, struct yc_error *e);

/* argon2id hash string of the password into out (YC_PWHASH_MAX bytes). */
enum yc_status yc_password_hash(const char *pw, size_t len, char out[YC_PWHASH_MAX]);

/* Whether pw matches the stored hash. With hash NULL it still spends the same time on a dummy hash,
 * so that an unknown username cannot be told from a wrong password by timing. */
bool yc_password_verify(const char *hash, const char *pw, size_t len);

/* A fresh token (hex) and its SHA-256 (hex). */
void yc_token_new(char token[YC_HEX256_SIZE], char hash[YC_HEX256_SIZE]);

/* SHA-256 of data as 64 lowercase hex characters. */
void yc_sha256_hex(const void *data, size_t len, char out[YC_HEX256_SIZE]);

/* Whether s is exactly 64 lowercase hex characters. */
bool yc_is_hex256(const char *s, size_t len);

#endif
