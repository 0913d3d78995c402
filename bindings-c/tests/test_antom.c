/* The C ABI exercised from C: the functions (sign, verify, amounts), a call to the simulator, every error path; run
 * under valgrind --leak-check=full --error-exitcode=1. Prints "N passed, N failed".
 * Usage: test_antom PRIVATE_PEM PUBLIC_PEM SIM_URL SIM_CLIENT_ID SIM_MERCHANT_KEY SIM_ANTOM_KEY */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "antom.h"

static int passed = 0, failed = 0;
#define CHECK(cond, what) do { if (cond) passed++; else { failed++; fprintf(stderr, "FAIL: %s (line %d)\n", what, __LINE__); } } while (0)
#define S(x) (const uint8_t *)(x), strlen(x)

static char *slurp(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(2); }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = calloc(1, (size_t)n + 1);
    if (fread(buf, 1, (size_t)n, f) != (size_t)n) { perror("read"); exit(2); }
    fclose(f);
    return buf;
}

/* `s` as a JSON string literal (key text has newlines). */
static char *json_string(const char *s) {
    char *out = calloc(1, strlen(s) * 2 + 3), *o = out;
    *o++ = '"';
    for (; *s; s++) {
        if (*s == '\n') { *o++ = '\\'; *o++ = 'n'; }
        else if (*s == '"' || *s == '\\') { *o++ = '\\'; *o++ = *s; }
        else if (*s != '\r') *o++ = *s;
    }
    *o = '"';
    return out;
}

static int contains(AntomBuffer b, const char *needle) {
    if (!b.ptr) return 0;
    char *s = calloc(1, b.len + 1);
    memcpy(s, b.ptr, b.len);
    int found = strstr(s, needle) != NULL;
    free(s);
    return found;
}

int main(int argc, char **argv) {
    if (argc != 7) { fprintf(stderr, "usage: see the source\n"); return 2; }
    char *priv = slurp(argv[1]), *pub = slurp(argv[2]);
    char *mkey = slurp(argv[5]), *akey = slurp(argv[6]);
    AntomBuffer out, err;
    const char *expected = "algorithm=RSA256,keyVersion=1,signature=lhpVF2aJw5Qp9mgT7UY42xEwPZ00yZHKhEtZdDOKpW0XPH8KtiSjR0WtjdJ8PJDvfmJLOYz8bP%2FB8SI7vD1CalbqR1FDx37aXpyfx9TOqPRo6A2PY6eHUeG0Sq5ov2yWjcVmYORF8lX2P2FPcHUYJwXYtPAuDXsRB93SzEoJYpsbkm8cTe2J%2FJdz7gz1vGIWXfNwOERRtBXJWXRhB%2BqONeD1KVebOKA0IukuQUgs%2FBqJS0D8kPcliaXL04wf3fx7NfYW%2BEQPHONr6CN7Sq0G0C605qTCTWIro9W4GOPAZIy%2Bw5uN4LHLKM1cy3TeNhxt6bkonLWU1G5zB9FoM4toGQ%3D%3D";

    /* every function is one antom_function over a JSON array (keys as text, bytes as base64) */
    char *jpriv = json_string(priv), *jpub = json_string(pub);
    const char *b64 = "\"eyJrZXkxIjoidmFsdWUxIn0=\"", *tampered = "\"eyJrZXkxIjoidmFsdWUyIn0=\"";
    const char *vec = "\"POST\",\"/ams/sandbox/api/v1/payments/pay\",\"T_client\",\"2019-11-01T10:00:00+08:30\"";
    char args[8192];

    /* sign: the shared vector, byte for byte (the answer is a JSON string) */
    snprintf(args, sizeof args, "[%s,%s,%s,1]", jpriv, vec, b64);
    AntomStatus st = antom_function(S("sign_request"), S(args), &out, &err);
    CHECK(st == ANTOM_STATUS_OK && out.len == strlen(expected) + 2 && memcmp(out.ptr + 1, expected, out.len - 2) == 0, "sign reproduces the vector");
    antom_buffer_free(out);
    antom_buffer_free(err);

    /* verify: valid, tampered, malformed */
    snprintf(args, sizeof args, "[%s,%s,%s,\"%s\"]", jpub, vec, b64, expected);
    st = antom_function(S("verify_signature"), S(args), &out, &err);
    CHECK(st == ANTOM_STATUS_OK && out.len == 4 && memcmp(out.ptr, "true", 4) == 0, "verify accepts the vector");
    antom_buffer_free(out);
    antom_buffer_free(err);
    snprintf(args, sizeof args, "[%s,%s,%s,\"%s\"]", jpub, vec, tampered, expected);
    st = antom_function(S("verify_signature"), S(args), &out, &err);
    CHECK(st == ANTOM_STATUS_ERROR && contains(err, "SIGNATURE_MISMATCH"), "verify rejects a tampered body as an error");
    /* the contract: a caller that only checks != ERROR (or == OK) can never accept a mismatch */
    CHECK(st != ANTOM_STATUS_OK, "a mismatch is never OK");
    antom_buffer_free(out);
    antom_buffer_free(err);
    snprintf(args, sizeof args, "[%s,\"POST\",\"/p\",\"c\",\"t\",%s,\"algorithm=RSA512,signature=abc\"]", jpub, b64);
    st = antom_function(S("verify_signature"), S(args), &out, &err);
    CHECK(st == ANTOM_STATUS_ERROR && contains(err, "INVALID_HEADER"), "a malformed header is a typed error");
    antom_buffer_free(out);
    antom_buffer_free(err);

    /* bad keys, bad arguments, bad pointers */
    snprintf(args, sizeof args, "[%s,\"POST\",\"/p\",\"c\",\"t\",%s]", jpub, b64);
    st = antom_function(S("sign_request"), S(args), &out, &err);
    CHECK(st == ANTOM_STATUS_ERROR && contains(err, "INVALID_KEY") && contains(err, "public key") && !contains(err, "MII"), "a public key given as private");
    antom_buffer_free(out);
    antom_buffer_free(err);
    snprintf(args, sizeof args, "[%s,%s,%s,\"%s\"]", jpriv, vec, b64, expected);
    st = antom_function(S("verify_signature"), S(args), &out, &err);
    CHECK(st == ANTOM_STATUS_ERROR && contains(err, "INVALID_KEY") && !contains(err, "MII"), "a private key given as public");
    antom_buffer_free(out);
    antom_buffer_free(err);
    snprintf(args, sizeof args, "[null,\"POST\",\"/p\",\"c\",\"t\",%s]", b64);
    st = antom_function(S("sign_request"), S(args), &out, &err);
    CHECK(st == ANTOM_STATUS_ERROR && contains(err, "required"), "a null key");
    antom_buffer_free(out);
    antom_buffer_free(err);
    st = antom_function(S("sign_request"), S("[\"k\",\"POST\",\"/p\",\"c\",\"t\",\"not base64!\"]"), &out, &err);
    CHECK(st == ANTOM_STATUS_ERROR && contains(err, "base64"), "a body that is not base64");
    antom_buffer_free(out);
    antom_buffer_free(err);
    st = antom_function(S("no_such_function"), S("[]"), &out, &err);
    CHECK(st == ANTOM_STATUS_ERROR && contains(err, "no function is named"), "an unknown function");
    antom_buffer_free(out);
    antom_buffer_free(err);
    st = antom_function(NULL, 3, S("[]"), &out, &err);
    CHECK(st == ANTOM_STATUS_ERROR && contains(err, "INVALID_INPUT"), "a null pointer with a length");
    antom_buffer_free(out);
    antom_buffer_free(err);
    const uint8_t bad_utf8[] = {0xff, 0xfe};
    st = antom_function(bad_utf8, 2, S("[]"), &out, &err);
    CHECK(st == ANTOM_STATUS_ERROR && contains(err, "UTF-8"), "invalid UTF-8 is refused");
    antom_buffer_free(out);
    antom_buffer_free(err);
    free(jpriv);
    free(jpub);

    /* amounts by currency (the whole table runs in C# and Java) */
    st = antom_function(S("to_minor_units"), S("[\"KWD\",\"1.999\"]"), &out, &err);
    CHECK(st == ANTOM_STATUS_OK && out.len == 6 && memcmp(out.ptr, "\"1999\"", 6) == 0, "KWD 1.999 is 1999 minor units");
    antom_buffer_free(out);
    antom_buffer_free(err);
    st = antom_function(S("from_minor_units"), S("[\"USD\",\"1999\"]"), &out, &err);
    CHECK(st == ANTOM_STATUS_OK && out.len == 7 && memcmp(out.ptr, "\"19.99\"", 7) == 0, "1999 minor units are USD 19.99");
    antom_buffer_free(out);
    antom_buffer_free(err);
    st = antom_function(S("to_minor_units"), S("[\"JPY\",\"19.5\"]"), &out, &err);
    CHECK(st == ANTOM_STATUS_ERROR && contains(err, "INVALID_INPUT") && contains(err, "never rounded"), "more decimals than JPY has");
    antom_buffer_free(out);
    antom_buffer_free(err);
    st = antom_function(S("to_minor_units"), S("[\"USD\",\"1\"]"), NULL, &err);
    CHECK(st == ANTOM_STATUS_ERROR && contains(err, "null pointer"), "a null out");
    antom_buffer_free(err);

    /* a client against the simulator */
    AntomClient *client = NULL;
    char options[4096];
    snprintf(options, sizeof options,
             "{\"clientId\":\"%s\",\"privateKey\":{\"path\":\"%s\"},\"antomPublicKey\":{\"path\":\"%s\"},"
             "\"gatewayUrl\":\"%s\",\"timeout\":5,\"connectTimeout\":2,\"maxRetries\":1}",
             argv[4], argv[5], argv[6], argv[3]);
    st = antom_client_new(S(options), &client, &err);
    CHECK(st == ANTOM_STATUS_OK && client != NULL, "client_new");
    antom_buffer_free(err);
    const char *pay = "{\"paymentRequestId\":\"c-1\",\"paymentAmount\":{\"currency\":\"USD\",\"value\":\"1000\"},\"productCode\":\"CASHIER_PAYMENT\",\"paymentMethod\":{\"paymentMethodType\":\"ALIPAY_CN\"}}";
    /* Every operation goes through antom_client_invoke: its name and its arguments as JSON. */
#define INVOKE(op, ...) (snprintf(args, sizeof args, __VA_ARGS__), antom_client_invoke(client, S(op), S(args), &out, &err))
    st = INVOKE("call", "[\"payments.pay\",%s,null]", pay);
    CHECK(st == ANTOM_STATUS_OK && contains(out, "\"resultCode\":\"PAYMENT_IN_PROCESS\"") && contains(out, "\"verified\":true"), "pay through the simulator");
    antom_buffer_free(out);
    antom_buffer_free(err);
    st = INVOKE("call", "[\"payments.pay\",\"not json\",null]");
    CHECK(st == ANTOM_STATUS_ERROR && contains(err, "INVALID_INPUT"), "a non-JSON body");
    antom_buffer_free(out);
    antom_buffer_free(err);
    const char *bad_sig = "{\"paymentRequestId\":\"c-2\",\"paymentAmount\":{\"currency\":\"USD\",\"value\":\"9903\"},\"productCode\":\"CASHIER_PAYMENT\",\"paymentMethod\":{\"paymentMethodType\":\"ALIPAY_CN\"}}";
    st = INVOKE("call", "[\"payments.pay\",%s]", bad_sig);
    CHECK(st == ANTOM_STATUS_ERROR && contains(err, "SIGNATURE_MISMATCH") && contains(err, "c-2"), "a corrupted response signature");
    antom_buffer_free(out);
    antom_buffer_free(err);
    st = INVOKE("call", "[\"payments.inquiryPayment\",{\"paymentRequestId\":\"c-1\"},{\"headers\":{\"X-Trace-Id\":\"t-1\"},\"timeout\":5,\"maxRetries\":0}]");
    CHECK(st == ANTOM_STATUS_OK && contains(out, "\"verified\":true"), "a call with per-call options");
    antom_buffer_free(out);
    antom_buffer_free(err);
    st = INVOKE("call", "[\"payments.inquiryPayment\",{\"paymentRequestId\":\"c-1\"},{\"headers\":{\"Signature\":\"forged\"}}]");
    CHECK(st == ANTOM_STATUS_ERROR && contains(err, "INVALID_INPUT") && contains(err, "set by the SDK"), "a per-call Signature header");
    antom_buffer_free(out);
    antom_buffer_free(err);
    st = INVOKE("call", "[\"payments.inquiryPayment\",{\"paymentRequestId\":\"c-1\"},{\"maxRetries\":1.5}]");
    CHECK(st == ANTOM_STATUS_ERROR && contains(err, "maxRetries"), "a fractional per-call retry count");
    antom_buffer_free(out);
    antom_buffer_free(err);
    st = INVOKE("recover_notifications", "[\"2000-01-01T00:00:00Z\",\"2999-01-01T00:00:00Z\"]");
    CHECK(st == ANTOM_STATUS_OK && out.len >= 2 && out.ptr[0] == '[', "recover notifications");
    antom_buffer_free(out);
    antom_buffer_free(err);
    st = INVOKE("recover_notifications", "[null,\"2999-01-01T00:00:00Z\"]");
    CHECK(st == ANTOM_STATUS_ERROR && contains(err, "from_time is required"), "recover without a start");
    antom_buffer_free(out);
    antom_buffer_free(err);
    st = INVOKE("upload_product_image", "[\"prod-1\",\"aW1hZ2UgYnl0ZXM=\",null]");
    CHECK(st == ANTOM_STATUS_ERROR && contains(err, "upload_url"), "an upload without an upload gateway");
    antom_buffer_free(out);
    antom_buffer_free(err);
    st = INVOKE("upload_product_image", "[null,\"aW1hZ2UgYnl0ZXM=\"]");
    CHECK(st == ANTOM_STATUS_ERROR && contains(err, "product_id is required"), "an upload without a product");
    antom_buffer_free(out);
    antom_buffer_free(err);
    st = INVOKE("upload_product_image", "[\"prod-1\",\"not base64!\"]");
    CHECK(st == ANTOM_STATUS_ERROR && contains(err, "base64"), "image bytes that are not base64");
    antom_buffer_free(out);
    antom_buffer_free(err);
    st = INVOKE("no_such_operation", "[]");
    CHECK(st == ANTOM_STATUS_ERROR && contains(err, "no operation is named"), "an unknown operation");
    antom_buffer_free(out);
    antom_buffer_free(err);
    st = INVOKE("call", "[\"payments.pay\",{},null,\"one too many\"]");
    CHECK(st == ANTOM_STATUS_ERROR && contains(err, "takes 3 arguments"), "too many arguments");
    antom_buffer_free(out);
    antom_buffer_free(err);
    snprintf(args, sizeof args, "[\"payments.pay\",%s]", pay);
    st = antom_client_invoke(NULL, S("call"), S(args), &out, &err);
    CHECK(st == ANTOM_STATUS_ERROR && contains(err, "null"), "a null client handle");
    antom_buffer_free(out);
    antom_buffer_free(err);
    /* A null output pointer: refused in err, and nothing is sent (the answer would be lost). */
    st = antom_client_invoke(client, S("call"), S("[\"payments.pay\",{\"paymentRequestId\":\"c-null-out\"}]"), NULL, &err);
    CHECK(st == ANTOM_STATUS_ERROR && contains(err, "INVALID_INPUT") && contains(err, "out is a null pointer"), "a null out pointer");
    antom_buffer_free(err);
    st = INVOKE("call", "[\"payments.inquiryPayment\",{\"paymentRequestId\":\"c-null-out\"}]");
    CHECK(st == ANTOM_STATUS_OK && contains(out, "ORDER_NOT_EXIST"), "nothing was sent for the null out");
    antom_buffer_free(out);
    antom_buffer_free(err);
    AntomClient *other = (AntomClient *)&st; /* garbage: must come back NULL */
    st = antom_client_new_for(S(options), S("cobol"), &other, &err);
    CHECK(st == ANTOM_STATUS_ERROR && other == NULL && contains(err, "language must be"), "an unknown language");
    antom_buffer_free(err);
    AntomClient *never = NULL;
    st = antom_client_new(S(options), NULL, &err);
    CHECK(st == ANTOM_STATUS_ERROR && contains(err, "client is a null pointer"), "a null client output");
    antom_buffer_free(err);
    CHECK(never == NULL, "no client was made");
    AntomSim *sim = (AntomSim *)&st; /* garbage: must come back NULL, so freeing it is safe */
    st = antom_sim_start(S("{}"), &sim, NULL, &err);
    CHECK(st == ANTOM_STATUS_ERROR && sim == NULL && contains(err, "info is a null pointer"), "a null simulator info output");
    antom_buffer_free(err);
    antom_sim_free(sim);
    /* (NULL, len > 0) is an error, never empty arguments */
    st = antom_client_invoke(client, S("call"), NULL, 5, &out, &err);
    CHECK(st == ANTOM_STATUS_ERROR && contains(err, "args is a null pointer with a non-zero length"), "null arguments with a length");
    antom_buffer_free(out);
    antom_buffer_free(err);
    st = INVOKE("verify_notification", "[\"/n\",[{\"name\":\"client-id\",\"value\":\"X\"}],\"e30=\"]");
    CHECK(st == ANTOM_STATUS_ERROR && contains(err, "INVALID_HEADER"), "a notification without a signature");
    antom_buffer_free(out);
    antom_buffer_free(err);
    st = INVOKE("verify_notification", "[\"/n\",\"client-id\\nX\\n\",\"e30=\"]");
    CHECK(st == ANTOM_STATUS_ERROR && contains(err, "INVALID_INPUT") && contains(err, "headers must be"), "headers that are not a list or a map");
    antom_buffer_free(out);
    antom_buffer_free(err);
    /* polling: still PROCESSING at the deadline is an unknown outcome, never a failure */
    st = INVOKE("inquire_payment_until_final", "[\"c-1\",0.3]");
    CHECK(st == ANTOM_STATUS_ERROR && contains(err, "\"kind\":\"OUTCOME_UNKNOWN\"") && contains(err, "\"outcomeUnknown\":true"), "polling ends unknown");
    antom_buffer_free(out);
    antom_buffer_free(err);
    st = INVOKE("inquire_payment_until_final", "[\"c-1\",1e300]");
    CHECK(st == ANTOM_STATUS_ERROR && contains(err, "INVALID_INPUT"), "an overflowing polling timeout");
    antom_buffer_free(out);
    antom_buffer_free(err);
    st = INVOKE("inquire_payment_until_final", "[null,0.3]");
    CHECK(st == ANTOM_STATUS_ERROR && contains(err, "required"), "polling without an id");
    antom_buffer_free(out);
    antom_buffer_free(err);
#undef INVOKE
    antom_client_free(client);
    antom_client_free(NULL);

    st = antom_client_new(S("{\"clientId\":\"C\",\"privateKey\":\"garbage\",\"antomPublicKey\":\"x\"}"), &client, &err);
    CHECK(st == ANTOM_STATUS_ERROR && client == NULL && contains(err, "INVALID_KEY") && contains(err, "\"family\":\"InvalidKey\""), "client_new with a bad key");
    antom_buffer_free(err);
    st = antom_client_new(S("{\"clientId\":\"C\",\"maxRetries\":1.5}"), &client, &err);
    CHECK(st == ANTOM_STATUS_ERROR && client == NULL && contains(err, "MaxRetries"), "a fractional retry count");
    antom_buffer_free(err);
    st = antom_client_new(S("{\"clientId\":\"C\",\"bogus\":1}"), &client, &err);
    CHECK(st == ANTOM_STATUS_ERROR && contains(err, "unknown option"), "an unknown option");
    antom_buffer_free(err);
    st = antom_client_new(S("[1,"), &client, &err);
    CHECK(st == ANTOM_STATUS_ERROR && contains(err, "INVALID_INPUT"), "options that are not JSON");
    antom_buffer_free(err);
    CHECK(strstr((const char *)antom_notification_ack(), "\"resultStatus\":\"S\"") != NULL, "the ack");
    CHECK(strlen((const char *)antom_version()) > 0, "the version");

    free(priv); free(pub); free(mkey); free(akey);
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
