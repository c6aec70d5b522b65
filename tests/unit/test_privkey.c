/* The privkey decoder on keys generated at test time by ssh-keygen and
 * openssl (skipped cleanly when a tool is missing), hand-written PuTTY
 * files, and placeholders from documentation. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rules/decoders/decoder.h"
#include "decoder_check.h"

static char dir[] = "/tmp/cp-privkey-XXXXXX";

static bool have(const char *tool)
{
	char cmd[128];

	snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", tool);
	return system(cmd) == 0;
}

/* Run cmd (each "@" standing for the temp dir) and read the file it wrote. */
static char *make_key(const char *tmpl, const char *file)
{
	char cmd[512], path[260];
	static char buf[16384];
	size_t n = 0;
	FILE *f;

	for (const char *t = tmpl; *t != '\0' && n < sizeof cmd - sizeof dir; t++)
		if (*t == '@')
			n += (size_t)snprintf(cmd + n, sizeof cmd - n, "%s", dir);
		else
			cmd[n++] = *t;
	cmd[n] = '\0';
	if (system(cmd) != 0)
		fail_msg("command failed: %s", cmd);
	snprintf(path, sizeof path, "%s/%s", dir, file);
	f = fopen(path, "r");
	assert_non_null(f);
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	unlink(path);
	strcat(path, ".pub"); /* ssh-keygen's */
	unlink(path);
	return buf;
}

static void expect_key(const char *pem, const char *scheme, enum severity sev, const char *note_has)
{
	struct decoded d;

	decode_ok("privkey", pem, &d);
	assert_string_equal(d.scheme, scheme);
	assert_int_equal(d.severity, sev);
	assert_false(d.recoverable);
	assert_false(d.not_a_secret);
	assert_int_equal(d.secret_len, 0);
	if (strstr(d.note, note_has) == NULL)
		fail_msg("note \"%s\" lacks \"%s\"", d.note, note_has);
	check_not_shown(&d, CANARY);
	decoded_wipe(&d);
}

static void test_openssh(void **state)
{
	if (!have("ssh-keygen"))
		skip();
	expect_key(make_key("ssh-keygen -q -t ed25519 -N '' -C x -f @/k >/dev/null", "k"),
	           "openssh-key-v1", SEV_HIGH, "unencrypted");
	expect_key(make_key("ssh-keygen -q -t ed25519 -N '" CANARY "' -C x -f @/k >/dev/null", "k"),
	           "openssh-key-v1", SEV_LOW, "aes256-ctr, bcrypt KDF");
	/* -m PEM: SEC1 "EC PRIVATE KEY", legacy Proc-Type encryption. */
	expect_key(make_key("ssh-keygen -q -t ecdsa -m PEM -N '' -C x -f @/k >/dev/null", "k"),
	           "sec1-ec", SEV_HIGH, "unencrypted");
	expect_key(make_key("ssh-keygen -q -t ecdsa -m PEM -N '" CANARY "' -C x -f @/k >/dev/null",
	                    "k"),
	           "sec1-ec", SEV_MEDIUM, "AES-128-CBC");
}

static void test_pkcs8(void **state)
{
	if (!have("openssl"))
		skip();
	expect_key(make_key("openssl genpkey -algorithm ed25519 -out @/k 2>/dev/null", "k"),
	           "pkcs8", SEV_HIGH, "unencrypted");
	expect_key(make_key("openssl genpkey -algorithm ed25519 -aes-256-cbc -pass pass:" CANARY
	                    " -out @/k 2>/dev/null",
	                    "k"),
	           "pkcs8-encrypted", SEV_LOW, "PBKDF2 with 2048 iterations");
	/* PBKDF2 below RFC 8018's least recommended count: cheap. */
	expect_key(make_key("openssl genpkey -algorithm ed25519 -out @/p 2>/dev/null && "
	                    "openssl pkcs8 -topk8 -in @/p -v2 aes-256-cbc -iter 500 -passout "
	                    "pass:" CANARY " -out @/k 2>/dev/null; rm -f @/p",
	                    "k"),
	           "pkcs8-encrypted", SEV_MEDIUM, "PBKDF2 with 500 iterations");
	expect_key(make_key("openssl genpkey -algorithm ed25519 -out @/p 2>/dev/null && "
	                    "openssl pkcs8 -topk8 -in @/p -scrypt -passout pass:" CANARY
	                    " -out @/k 2>/dev/null; rm -f @/p",
	                    "k"),
	           "pkcs8-encrypted", SEV_LOW, "PKCS#8, scrypt");
	/* PKCS#12's old PBE (SHA-1 and 3DES): cheap to attack. */
	expect_key(make_key("openssl genpkey -algorithm ed25519 -out @/p 2>/dev/null && "
	                    "openssl pkcs8 -topk8 -in @/p -v1 PBE-SHA1-3DES -passout pass:" CANARY
	                    " -out @/k 2>/dev/null; rm -f @/p",
	                    "k"),
	           "pkcs8-encrypted", SEV_MEDIUM, "PBES1");
	expect_key(make_key("openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 "
	                    "-out @/e 2>/dev/null && openssl pkey -in @/e -traditional -out @/k "
	                    "2>/dev/null; rm -f @/e",
	                    "k"),
	           "sec1-ec", SEV_HIGH, "unencrypted");
}

static const char ppk_head[] = "PuTTY-User-Key-File-%d: ssh-ed25519\nEncryption: %s\n"
                               "Comment: x\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAIB\n"
                               "Private-Lines: 1\nAAAAIB\nPrivate-MAC: 00\n";

static void test_putty(void **state)
{
	char ppk[512];

	snprintf(ppk, sizeof ppk, ppk_head, 3, "none");
	expect_key(ppk, "putty-ppk3", SEV_HIGH, "unencrypted");
	snprintf(ppk, sizeof ppk, ppk_head, 3, "aes256-cbc");
	expect_key(ppk, "putty-ppk3", SEV_LOW, "aes256-cbc");
	snprintf(ppk, sizeof ppk, ppk_head, 2, "aes256-cbc");
	expect_key(ppk, "putty-ppk2", SEV_MEDIUM, "cheap to guess");
	REJECTS("privkey", "PuTTY-User-Key-File-3: ssh-ed25519\nComment: no encryption line\n");
}

static void test_placeholders(void **state)
{
	static const char *const docs[] = {
	        "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----\n",
	        "-----BEGIN OPENSSH PRIVATE KEY-----\n<your key here>\n-----END OPENSSH PRIVATE "
	        "KEY-----",
	        "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg...\n-----END PRIVATE KEY-----",
	        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjIAAAAA\n-----END OPENSSH "
	        "PRIVATE KEY-----",
	};

	for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
		struct decoded d;

		decode_ok("privkey", docs[i], &d);
		if (!d.not_a_secret)
			fail_msg("placeholder judged a key: %s", docs[i]);
		decoded_wipe(&d);
	}
	REJECTS("privkey",
	        "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----");
	REJECTS("privkey", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----");
	REJECTS("privkey", "private key");
	REJECTS("privkey", "-----BEGIN ");
}

/* A key written in strings (escaped line breaks, quoted pieces), an
 * OpenSSH key under another PEM label, and a key stored base64-encoded
 * are judged as the plain key. */
#define ED25519_BODY "MC4CAQAwBQYDK2VwBCIEIK5dBsPNJSBzOkEC/WfgMXUXxToV+m7S9lrRpkJ5oVwY"
static void test_wrapped(void **state)
{
	static const char *const wrapped[] = {
	        "-----BEGIN PRIVATE KEY-----\\n" ED25519_BODY "\\n-----END PRIVATE KEY-----",
	        "-----BEGIN PRIVATE KEY-----\\r\\n" ED25519_BODY "\\r\\n-----END PRIVATE KEY-----",
	        "-----BEGIN PRIVATE KEY-----\" +\n    \"" ED25519_BODY "\" +\n"
	        "    \"-----END PRIVATE KEY-----\"",
	        "-----BEGIN PRIVATE KEY-----\\n'\n  '" ED25519_BODY "\\n'\n  '-----END",
	        /* escaped twice, and a tab escaped before the break */
	        "-----BEGIN PRIVATE KEY-----\\\\n" ED25519_BODY "\\\\n-----END PRIVATE KEY-----",
	        "-----BEGIN PRIVATE KEY-----\\t\\n" ED25519_BODY "\\t\\n-----END PRIVATE KEY-----",
	};
	/* "-----BEGIN PRIVATE KEY-----\n" ED25519_BODY "\n-----END PRIVATE KEY-----\n" */
	static const char b64[] =
	        "LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCk1DNENBUUF3QlFZREsyVndCQ0lFSUs1ZEJzUE5KU0J6T2"
	        "tF"
	        "Qy9XZmdNWFVYeFRvVittN1M5bHJScGtKNW9Wd1kKLS0tLS1FTkQgUFJJVkFURSBLRVktLS0tLQo=";
	struct decoded d;

	for (size_t i = 0; i < sizeof wrapped / sizeof wrapped[0]; i++)
		expect_key(wrapped[i], "pkcs8", SEV_HIGH, "unencrypted");
	decode_ok("privkey-base64", b64, &d);
	assert_string_equal(d.scheme, "pkcs8");
	assert_int_equal(d.severity, SEV_HIGH);
	assert_false(d.not_a_secret);
	decoded_wipe(&d);
	/* base64 of "-----BEGIN PUBLIC KEY-----\n": not a private key */
	REJECTS("privkey-base64", "LS0tLS1CRUdJTiBQVUJMSUMgS0VZLS0tLS0K");
	REJECTS("privkey-base64", "not base64 at all");
	/* a long body that is not DER: still the key its label says */
	decode_ok("privkey",
	          "-----BEGIN EC PRIVATE KEY-----\nQyNTUxOQAAACB7h2kZq0LmW8xR2tY7uB1nC4vD6sE5aG"
	          "Zk39fPq0LmW8xR2tY7\n-----END EC PRIVATE KEY-----",
	          &d);
	assert_false(d.not_a_secret);
	assert_int_equal(d.severity, SEV_HIGH);
	decoded_wipe(&d);
	/* "...\n" between the lines in a string: still a placeholder */
	decode_ok("privkey", "-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----", &d);
	assert_true(d.not_a_secret);
	decoded_wipe(&d);
	if (have("ssh-keygen")) {
		char *k = make_key("ssh-keygen -q -t ed25519 -N '' -C x -f @/k >/dev/null", "k");
		char relabel[16384];
		const char *body = strchr(k, '\n');

		assert_non_null(body);
		snprintf(relabel, sizeof relabel, "-----BEGIN RSA PRIVATE KEY-----%s", body);
		expect_key(relabel, "openssh-key-v1", SEV_HIGH, "unencrypted");
	}
}

/* PKCS#12: a store openssl writes at test time (the start of it, as the
 * rule captures), a short but whole one, and what is not one. */
static void test_pkcs12(void **state)
{
	static const unsigned char tiny[] = {0x30, 0x14, 0x02, 0x01, 0x03, 0x30, 0x0f, 0x06,
	                                     0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01,
	                                     0x07, 0x01, 0xa0, 0x02, 0x04, 0x00};
	const struct decoder *dec = decoder_find("pkcs12");
	unsigned char buf[sizeof tiny];
	struct decoded d;

	assert_non_null(dec);
	assert_int_equal(dec->decode(tiny, sizeof tiny, &d), 0);
	assert_string_equal(d.scheme, "pkcs12");
	assert_int_equal(d.severity, SEV_MEDIUM);
	assert_false(d.not_a_secret);
	decoded_wipe(&d);
	/* version 2, another content type, cut short of its declared length */
	memcpy(buf, tiny, sizeof buf);
	buf[4] = 2;
	assert_int_equal(dec->decode(buf, sizeof buf, &d), -EINVAL);
	memcpy(buf, tiny, sizeof buf);
	buf[17] = 3;
	assert_int_equal(dec->decode(buf, sizeof buf, &d), -EINVAL);
	assert_int_equal(dec->decode(tiny, sizeof tiny - 3, &d), -EINVAL);
	REJECTS("pkcs12", "0 is not a store");
	if (have("openssl")) {
		char path[64];
		unsigned char pfx[1008];
		size_t n;
		FILE *f;

		(void)make_key("openssl req -x509 -newkey ed25519 -nodes -keyout @/k.pem -out "
		               "@/c.pem -subj /CN=t -days 1 2>/dev/null && openssl pkcs12 -export "
		               "-inkey @/k.pem -in @/c.pem -passout pass:" CANARY " -out @/p12 "
		               "2>/dev/null; rm -f @/k.pem @/c.pem; echo x >@/k",
		               "k");
		snprintf(path, sizeof path, "%s/p12", dir);
		f = fopen(path, "rb");
		assert_non_null(f);
		n = fread(pfx, 1, sizeof pfx, f); /* the rule's view: at most 1008 bytes */
		fclose(f);
		unlink(path);
		assert_int_equal(dec->decode(pfx, n, &d), 0);
		assert_string_equal(d.scheme, "pkcs12");
		check_not_shown(&d, CANARY);
		decoded_wipe(&d);
	}
}

static int setup(void **state)
{
	return mkdtemp(dir) != NULL ? 0 : -1;
}

static int teardown(void **state)
{
	return rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_openssh), cmocka_unit_test(test_pkcs8),
	        cmocka_unit_test(test_putty),   cmocka_unit_test(test_placeholders),
	        cmocka_unit_test(test_wrapped), cmocka_unit_test(test_pkcs12),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
