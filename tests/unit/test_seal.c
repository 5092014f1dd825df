/*
 * test_seal.c - unit tests for src/core/seal.c: the canonical result text, Ed25519 signing and
 * verification (RFC 8032 test vector 1 as a known answer), base64url, secret keys sealed under
 * the server key, fingerprints.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "seal.h"

static unsigned long n_asserts;

#define CHECK_TRUE(x)                                                                              \
	do {                                                                                       \
		n_asserts++;                                                                       \
		assert_true(x);                                                                    \
	} while (0)
#define CHECK_FALSE(x)                                                                             \
	do {                                                                                       \
		n_asserts++;                                                                       \
		assert_false(x);                                                                   \
	} while (0)
#define CHECK_STR(a, b)                                                                            \
	do {                                                                                       \
		n_asserts++;                                                                       \
		assert_string_equal(a, b);                                                         \
	} while (0)
#define CHECK_INT(a, b)                                                                            \
	do {                                                                                       \
		n_asserts++;                                                                       \
		assert_int_equal(a, b);                                                            \
	} while (0)

static struct yc_result_facts facts(json_t *fields)
{
	return (struct yc_result_facts){.number = "SCJG-430104-2026-000001",
	                                .dept = "114301047267147587",
	                                .name = "食品经营许可证",
	                                .item_code = "010000600043010400000001",
	                                .holder_name = "张三",
	                                .holder_id = "430104199001011234",
	                                .valid_from = "2026-12-01",
	                                .valid_until = "2031-11-30",
	                                .case_number = "YC-430104-2026-000001",
	                                .issued_at = "2026-12-01T02:03:04Z",
	                                .key_id = "114301047267147587-0123456789abcdef",
	                                .fields = fields};
}

/* The text is fixed: sorted keys at every level, no whitespace, UTF-8 as is. */
static void test_payload_canonical(void **state)
{
	(void)state;
	struct yc_arena *a = yc_arena_new();
	json_t *fields =
	    json_pack("{s:s, s:s, s:i}", "经营场所", "岳麓区麓山路 1 号", "b", "x", "a", 2);
	struct yc_result_facts f = facts(fields);
	char *p = yc_result_payload(a, &f);
	CHECK_TRUE(p != NULL);
	CHECK_STR(p, "{\"case_number\":\"YC-430104-2026-000001\",\"dept\":\"114301047267147587\","
	             "\"fields\":{\"a\":2,\"b\":\"x\",\"经营场所\":\"岳麓区麓山路 1 号\"},"
	             "\"format\":\"yici.result/1\",\"holder\":{\"id\":\"430104199001011234\","
	             "\"name\":\"张三\"},\"issued_at\":\"2026-12-01T02:03:04Z\","
	             "\"item\":\"010000600043010400000001\",\"key_id\":"
	             "\"114301047267147587-0123456789abcdef\",\"name\":\"食品经营许可证\","
	             "\"number\":\"SCJG-430104-2026-000001\",\"valid_from\":\"2026-12-01\","
	             "\"valid_until\":\"2031-11-30\"}");
	/* the same facts give the same text; 长期 is null */
	CHECK_STR(yc_result_payload(a, &f), p);
	f.valid_until = NULL;
	CHECK_TRUE(strstr(yc_result_payload(a, &f), "\"valid_until\":null}") != NULL);
	f.fields = NULL;
	CHECK_TRUE(strstr(yc_result_payload(a, &f), "\"fields\":{}") != NULL);
	/* a missing fact or fields that are not an object: no text */
	json_t *arr = json_array();
	f.fields = arr;
	CHECK_TRUE(yc_result_payload(a, &f) == NULL);
	f = facts(NULL);
	f.holder_id = NULL;
	CHECK_TRUE(yc_result_payload(a, &f) == NULL);
	json_decref(arr);
	json_decref(fields);
	yc_arena_free(a);
}

static void test_sign_verify(void **state)
{
	(void)state;
	struct yc_arena *a = yc_arena_new();
	unsigned char pk[YC_SEAL_PK_BYTES], sk[YC_SEAL_SK_BYTES];
	yc_seal_keypair(pk, sk);
	char pkb[YC_SEAL_PK_B64], sig[YC_SEAL_SIG_B64];
	yc_seal_b64(pk, sizeof pk, pkb, sizeof pkb);
	CHECK_INT(strlen(pkb), 43);
	struct yc_result_facts f = facts(NULL);
	char *p = yc_result_payload(a, &f);
	yc_seal_sign(sk, p, sig);
	CHECK_INT(strlen(sig), 86);
	CHECK_TRUE(yc_seal_verify(pkb, p, sig));

	/* an altered payload: the holder changed */
	f.holder_name = "李四";
	CHECK_FALSE(yc_seal_verify(pkb, yc_result_payload(a, &f), sig));
	/* one character of the text changed */
	char *q = yc_strdup(a, p);
	q[strlen(q) - 3] = q[strlen(q) - 3] == '0' ? '1' : '0';
	CHECK_FALSE(yc_seal_verify(pkb, q, sig));
	/* an altered signature: every position */
	for (size_t i = 0; i < 86; i++) {
		char s2[YC_SEAL_SIG_B64];
		memcpy(s2, sig, sizeof s2);
		s2[i] = s2[i] == 'A' ? 'B' : 'A';
		CHECK_FALSE(yc_seal_verify(pkb, p, s2));
	}
	/* malformed inputs */
	CHECK_FALSE(yc_seal_verify(pkb, p, ""));
	CHECK_FALSE(yc_seal_verify(pkb, p, "not base64!"));
	CHECK_FALSE(yc_seal_verify(pkb, NULL, sig));
	CHECK_FALSE(yc_seal_verify(NULL, p, sig));
	CHECK_FALSE(yc_seal_verify("short", p, sig));
	char longer[YC_SEAL_SIG_B64 + 2];
	snprintf(longer, sizeof longer, "%sA", sig);
	CHECK_FALSE(yc_seal_verify(pkb, p, longer));

	/* a wrong key */
	unsigned char pk2[YC_SEAL_PK_BYTES], sk2[YC_SEAL_SK_BYTES];
	yc_seal_keypair(pk2, sk2);
	char pkb2[YC_SEAL_PK_B64], sig2[YC_SEAL_SIG_B64];
	yc_seal_b64(pk2, sizeof pk2, pkb2, sizeof pkb2);
	CHECK_FALSE(yc_seal_verify(pkb2, p, sig));
	yc_seal_sign(sk2, p, sig2);
	CHECK_FALSE(yc_seal_verify(pkb, p, sig2));
	CHECK_TRUE(yc_seal_verify(pkb2, p, sig2));
	yc_arena_free(a);
}

static int hexval(char c)
{
	return c <= '9' ? c - '0' : c - 'a' + 10;
}

static void unhex(const char *h, unsigned char *out)
{
	for (size_t i = 0; h[2 * i]; i++)
		out[i] = (unsigned char)(hexval(h[2 * i]) * 16 + hexval(h[2 * i + 1]));
}

/* RFC 8032 §7.1 TEST 1: the empty message under a known key. */
static void test_rfc8032(void **state)
{
	(void)state;
	unsigned char seed[32], pk[YC_SEAL_PK_BYTES], sk[YC_SEAL_SK_BYTES], want_pk[32], want[64];
	unhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", seed);
	unhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", want_pk);
	unhex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc6"
	      "1e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
	      want);
	crypto_sign_seed_keypair(pk, sk, seed);
	CHECK_TRUE(memcmp(pk, want_pk, 32) == 0);
	char sig[YC_SEAL_SIG_B64], want_b64[YC_SEAL_SIG_B64], pkb[YC_SEAL_PK_B64];
	yc_seal_sign(sk, "", sig);
	yc_seal_b64(want, 64, want_b64, sizeof want_b64);
	CHECK_STR(sig, want_b64);
	yc_seal_b64(pk, 32, pkb, sizeof pkb);
	CHECK_STR(pkb, "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");
	CHECK_TRUE(yc_seal_verify(pkb, "", sig));
	CHECK_FALSE(yc_seal_verify(pkb, "x", sig));
	/* the key id names the department and the key */
	char id[YC_SEAL_KEY_ID];
	yc_seal_key_id("114301047267147587", pk, id);
	CHECK_INT(strlen(id), 18 + 1 + 16);
	CHECK_TRUE(strncmp(id, "114301047267147587-", 19) == 0);
	unsigned char pk3[32], sk3[64];
	yc_seal_keypair(pk3, sk3);
	char id3[YC_SEAL_KEY_ID];
	yc_seal_key_id("114301047267147587", pk3, id3);
	CHECK_TRUE(strcmp(id, id3) != 0);
}

static void test_box(void **state)
{
	(void)state;
	unsigned char key[YC_SEAL_SERVER_KEY_BYTES], other[YC_SEAL_SERVER_KEY_BYTES];
	randombytes_buf(key, sizeof key);
	memcpy(other, key, sizeof other);
	other[31] ^= 1;
	unsigned char pk[YC_SEAL_PK_BYTES], sk[YC_SEAL_SK_BYTES], back[YC_SEAL_SK_BYTES];
	yc_seal_keypair(pk, sk);
	char box[YC_SEAL_BOX_B64], nonce[YC_SEAL_NONCE_B64];
	yc_seal_box(key, sk, box, nonce);
	CHECK_INT(strlen(box), 107);
	CHECK_INT(strlen(nonce), 32);
	/* round trip */
	CHECK_TRUE(yc_seal_unbox(key, box, nonce, back));
	CHECK_TRUE(memcmp(back, sk, sizeof sk) == 0);
	/* the secret key does not appear in the box */
	char skb[120];
	yc_seal_b64(sk, sizeof sk, skb, sizeof skb);
	CHECK_TRUE(strstr(box, skb) == NULL);
	/* a fresh nonce every time */
	char box2[YC_SEAL_BOX_B64], nonce2[YC_SEAL_NONCE_B64];
	yc_seal_box(key, sk, box2, nonce2);
	CHECK_TRUE(strcmp(nonce, nonce2) != 0);
	CHECK_TRUE(strcmp(box, box2) != 0);
	/* a wrong server key: fails and leaves nothing behind */
	memset(back, 0x55, sizeof back);
	CHECK_FALSE(yc_seal_unbox(other, box, nonce, back));
	static const unsigned char zero[YC_SEAL_SK_BYTES];
	CHECK_TRUE(memcmp(back, zero, sizeof back) == 0);
	/* a changed box or nonce */
	char bad[YC_SEAL_BOX_B64];
	memcpy(bad, box, sizeof bad);
	bad[10] = bad[10] == 'A' ? 'B' : 'A';
	CHECK_FALSE(yc_seal_unbox(key, bad, nonce, back));
	CHECK_FALSE(yc_seal_unbox(key, box, nonce2, back));
	CHECK_FALSE(yc_seal_unbox(key, "", nonce, back));
	CHECK_FALSE(yc_seal_unbox(key, box, NULL, back));
	/* the opened key signs what the public key verifies */
	CHECK_TRUE(yc_seal_unbox(key, box2, nonce2, back));
	char sig[YC_SEAL_SIG_B64], pkb[YC_SEAL_PK_B64];
	yc_seal_sign(back, "证照", sig);
	yc_seal_b64(pk, sizeof pk, pkb, sizeof pkb);
	CHECK_TRUE(yc_seal_verify(pkb, "证照", sig));
}

static void test_b64_fingerprint(void **state)
{
	(void)state;
	unsigned char b[3] = {0xfb, 0xff, 0x01}, o[3];
	char s[8];
	yc_seal_b64(b, 3, s, sizeof s);
	CHECK_STR(s, "-_8B");
	CHECK_TRUE(yc_seal_unb64("-_8B", o, 3));
	CHECK_TRUE(memcmp(o, b, 3) == 0);
	CHECK_FALSE(yc_seal_unb64("+/8B", o, 3)); /* not the URL alphabet */
	CHECK_FALSE(yc_seal_unb64("-_8B=", o, 3));
	CHECK_FALSE(yc_seal_unb64("-_8", o, 3));
	CHECK_FALSE(yc_seal_unb64(NULL, o, 3));

	unsigned char pk[YC_SEAL_PK_BYTES], sk[YC_SEAL_SK_BYTES];
	yc_seal_keypair(pk, sk);
	char sig[YC_SEAL_SIG_B64], fp[YC_SEAL_FINGERPRINT], fp2[YC_SEAL_FINGERPRINT];
	yc_seal_sign(sk, "a", sig);
	yc_seal_fingerprint(sig, fp);
	CHECK_INT(strlen(fp), 19);
	CHECK_TRUE(fp[4] == ' ' && fp[9] == ' ' && fp[14] == ' ');
	yc_seal_sign(sk, "b", sig);
	yc_seal_fingerprint(sig, fp2);
	CHECK_TRUE(strcmp(fp, fp2) != 0);
	yc_seal_fingerprint("garbage", fp);
	CHECK_STR(fp, "");
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_payload_canonical), cmocka_unit_test(test_sign_verify),
	    cmocka_unit_test(test_rfc8032),           cmocka_unit_test(test_box),
	    cmocka_unit_test(test_b64_fingerprint),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	printf("test_seal: %lu assertions\n", n_asserts);
	return failed;
}
