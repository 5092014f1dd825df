/* credentials.c — argon2id passwords and hashed tokens; see credentials.h. */
#include "credentials.h"

#include <pthread.h>
#include <sodium.h>
#include <string.h>

/* A hash to verify against when the username is unknown, made on first use (not at every start
 * of the command line tool). */
static char dummy_hash[YC_PWHASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy(void)
{
	static const char pw[] = "yici-dummy-password-0";
	if (crypto_pwhash_str(dummy_hash, pw, sizeof pw - 1, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		dummy_hash[0] = '\0';
}

enum yc_status yc_credentials_init(void)
{
	return sodium_init() < 0 ? YC_E_INTERNAL : YC_OK;
}

enum yc_status yc_username_check(const char *s, size_t len, struct yc_error *e)
{
	if (len < 3 || len > 32)
		return yc_fail(e, YC_E_BAD_INPUT, "username", "用户名长度应为 3 至 32 个字符");
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		          (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-' || c == '@';
		if (!ok)
			return yc_fail(e, YC_E_BAD_INPUT, "username",
			               "用户名只能包含字母、数字和 _ . - @");
	}
	return YC_OK;
}

char *yc_username_normalize(struct yc_arena *a, const char *s)
{
	char *o = yc_strdup(a, s);
	for (char *p = o; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return o;
}

enum yc_status yc_password_check(const char *s, size_t len, struct yc_error *e)
{
	if (len < 8 || len > 128)
		return yc_fail(e, YC_E_BAD_INPUT, "password", "密码长度应为 8 至 128 个字符");
	bool letter = false, digit = false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f)
			return yc_fail(e, YC_E_BAD_INPUT, "password", "密码不能包含控制字符");
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			letter = true;
		if (c >= '0' && c <= '9')
			digit = true;
	}
	if (!letter || !digit)
		return yc_fail(e, YC_E_BAD_INPUT, "password", "密码须同时包含字母和数字");
	return YC_OK;
}

enum yc_status yc_password_hash(const char *pw, size_t len, char out[YC_PWHASH_MAX])
{
	_Static_assert(YC_PWHASH_MAX >= crypto_pwhash_STRBYTES, "hash buffer too small");
	if (crypto_pwhash_str(out, pw, len, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return YC_E_INTERNAL;
	return YC_OK;
}

bool yc_password_verify(const char *hash, const char *pw, size_t len)
{
	if (!hash || !hash[0]) {
		pthread_once(&dummy_once, make_dummy);
		int ignored = crypto_pwhash_str_verify(dummy_hash, pw, len);
		(void)ignored;
		return false;
	}
	return crypto_pwhash_str_verify(hash, pw, len) == 0;
}

static void to_hex(const unsigned char *b, size_t n, char *out)
{
	sodium_bin2hex(out, n * 2 + 1, b, n);
}

void yc_sha256_hex(const void *data, size_t len, char out[YC_HEX256_SIZE])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, data, len);
	to_hex(h, sizeof h, out);
}

void yc_token_new(char token[YC_HEX256_SIZE], char hash[YC_HEX256_SIZE])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	to_hex(raw, sizeof raw, token);
	yc_sha256_hex(token, 64, hash);
	sodium_memzero(raw, sizeof raw);
}

bool yc_is_hex256(const char *s, size_t len)
{
	if (len != 64)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}
