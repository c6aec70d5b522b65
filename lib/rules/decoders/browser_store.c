/* Browsers' saved-password stores: the "PCs must not remember
 * passwords" part of clause 3(1)⑤.
 *
 * "firefox-logins": logins.json. The passwords are encrypted by NSS with
 * a key kept in key4.db in the same profile; without a primary password
 * that key is protected by nothing, so anyone with both files reads them.
 * We count the saved logins; we do not decrypt.
 *
 * "chromium-logins": Chromium's "Login Data", an SQLite database. Rows of
 * the logins table with a non-empty password_value are saved passwords.
 * On Linux a value starting "v11" is encrypted with a key from the
 * desktop keyring; "v10" means no keyring was available and the key is
 * derived from the fixed word "peanuts" (PBKDF2-HMAC-SHA-1, salt
 * "saltysalt", one iteration, AES-128-CBC, IV of 16 spaces: Chromium's
 * os_crypt_linux.cc), so those passwords are recoverable and the first
 * one is. The file is opened read-only from memory with SQLite's
 * defensive settings, with views and triggers off and a bound on work. */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <json-c/json.h>
#include <nettle/aes.h>
#include <nettle/cbc.h>
#include <nettle/pbkdf2.h>
#include <sqlite3.h>

#include "i18n.h"
#include "secure.h"
#include "rules/decoders/decode_util.h"
#include "rules/decoders/sqlite_image.h"

/* Login Data files are small; a bigger one is not a browser store. */
#define LOGIN_DATA_MAX (64u << 20)
/* SQLite virtual-machine steps between progress checks, and the cap. */

static int firefox_decode(const unsigned char *in, size_t len, struct decoded *out)
{
	struct json_tokener *tok;
	struct json_object *root, *logins;
	size_t count = 0;

	decoded_wipe(out);
	trim_value(&in, &len);
	if (len == 0 || in[0] != '{' || len > INT32_MAX)
		return decoded_reject(out);
	tok = json_tokener_new_ex(16);
	if (tok == NULL)
		return decoded_reject(out);
	root = json_tokener_parse_ex(tok, (const char *)in, (int)len);
	json_tokener_free(tok);
	if (root == NULL || !json_object_object_get_ex(root, "logins", &logins) ||
	    !json_object_is_type(logins, json_type_array)) {
		json_object_put(root);
		return decoded_reject(out);
	}
	for (size_t i = 0; i < json_object_array_length(logins); i++) {
		struct json_object *e = json_object_array_get_idx(logins, i), *pw;

		if (json_object_object_get_ex(e, "encryptedPassword", &pw) &&
		    json_object_is_type(pw, json_type_string) && json_object_get_string_len(pw) > 0)
			count++;
	}
	json_object_put(root);
	decoded_scheme(out, "firefox-logins");
	out->count = count > UINT32_MAX ? UINT32_MAX : (unsigned)count;
	if (count == 0) {
		out->not_a_secret = true;
		out->severity = SEV_INFO;
		decoded_note(out, "%s", _("browser saved-password store without saved logins"));
		return 0;
	}
	out->severity = SEV_MEDIUM;
	decoded_note(out,
	             _("browser saved-password store, saved logins: %u (readable with the "
	               "profile's key4.db unless a primary password is set)"),
	             out->count);
	return 0;
}

const struct decoder decoder_firefox_logins = {
        "firefox-logins", firefox_decode,
        N_("Firefox logins.json (whole file): counts saved logins")};

/* Decrypt a "v10" value into clear; returns its length or -EINVAL. */
static int chromium_v10(const unsigned char *v, size_t n, unsigned char *clear)
{
	static const char iv_init[AES_BLOCK_SIZE + 1] = "                ";
	uint8_t key[AES128_KEY_SIZE], iv[AES_BLOCK_SIZE];
	struct aes128_ctx ctx;
	size_t len;
	int pad;

	if (n <= 3 || (n - 3) % AES_BLOCK_SIZE != 0 || n - 3 > DECODED_MAX)
		return -EINVAL;
	pbkdf2_hmac_sha1(7, (const uint8_t *)"peanuts", 1, 9, (const uint8_t *)"saltysalt",
	                 sizeof key, key);
	aes128_set_decrypt_key(&ctx, key);
	memcpy(iv, iv_init, sizeof iv);
	cbc_decrypt(&ctx, (nettle_cipher_func *)aes128_decrypt, AES_BLOCK_SIZE, iv, n - 3, clear,
	            v + 3);
	secure_wipe(&ctx, sizeof ctx);
	secure_wipe(key, sizeof key);
	len = n - 3;
	pad = clear[len - 1];
	if (pad < 1 || pad > AES_BLOCK_SIZE || (size_t)pad > len)
		return -EINVAL;
	for (size_t i = len - (size_t)pad; i < len; i++)
		if (clear[i] != pad)
			return -EINVAL;
	return (int)(len - (size_t)pad);
}

static int chromium_decode(const unsigned char *in, size_t len, struct decoded *out)
{
	unsigned char clear[DECODED_MAX];
	unsigned count = 0, v10 = 0;
	struct sqlite_image im;
	sqlite3_stmt *st = NULL;
	int rc;

	decoded_wipe(out);
	if (len < 100 || len > LOGIN_DATA_MAX || memcmp(in, "SQLite format 3", 16) != 0)
		return decoded_reject(out);
	if (sqlite_image_open(&im, in, len) < 0)
		return decoded_reject(out);
	if (sqlite3_prepare_v2(im.db, "SELECT password_value FROM logins", -1, &st, NULL) !=
	    SQLITE_OK) {
		sqlite_image_close(&im);
		return decoded_reject(out);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *v = sqlite3_column_blob(st, 0);
		size_t n = (size_t)sqlite3_column_bytes(st, 0);
		int clen;

		if (v == NULL || n == 0)
			continue;
		count++;
		if (n < 3 || memcmp(v, "v10", 3) != 0)
			continue;
		v10++;
		if (out->recoverable || (clen = chromium_v10(v, n, clear)) <= 0)
			continue;
		decoded_take_text(out, clear, sizeof clear,
		                  (size_t)clen); /* may fail: keep counting */
	}
	secure_wipe(clear, sizeof clear);
	sqlite3_finalize(st);
	sqlite_image_close(&im);
	if (rc != SQLITE_DONE) /* corrupt, or over the work bound */
		return decoded_reject(out);
	decoded_scheme(out, "chromium-login-data");
	out->count = count;
	if (count == 0) {
		out->not_a_secret = true;
		out->severity = SEV_INFO;
		decoded_note(out, "%s", _("browser saved-password store without saved logins"));
	} else if (v10 > 0) {
		out->severity = SEV_HIGH;
		decoded_note(out,
		             _("browser saved-password store, saved logins: %u; of them under "
		               "Chromium's fixed key (no keyring), recoverable: %u"),
		             count, v10);
	} else {
		out->severity = SEV_MEDIUM;
		decoded_note(out,
		             _("browser saved-password store, saved logins: %u (encrypted with a "
		               "key from the desktop keyring)"),
		             count);
	}
	return 0;
}

const struct decoder decoder_chromium_logins = {
        "chromium-logins", chromium_decode,
        N_("Chromium 'Login Data' SQLite file (whole file): counts saved logins, recovers 'v10' "
           "ones")};
