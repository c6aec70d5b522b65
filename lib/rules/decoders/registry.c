/* The decoder registry: rule files name decoders; the engine finds them
 * here. */
#include "config.h"

#include <string.h>

#include "secure.h"
#include "rules/decoders/decode_util.h"

/* In the order `credaudit rules list` shows them. */
/* clang-format off */
static const struct decoder *const decoders[] = {
	/* network devices */
	&decoder_cisco7,
	&decoder_cisco_secret,
	&decoder_juniper9,
	&decoder_fortios_enc,
	/* password hashes */
	&decoder_crypt,
	&decoder_htpasswd,
	/* private keys */
	&decoder_privkey,
	&decoder_privkey_base64,
	&decoder_pkcs12,
	/* encodings */
	&decoder_basic_auth,
	&decoder_base64,
	/* token formats */
	&decoder_grafana,
	/* client password stores */
	&decoder_filezilla,
	&decoder_winscp,
	&decoder_rclone,
	&decoder_softether,
	&decoder_firefox_logins,
	&decoder_chromium_logins,
	&decoder_gnome_keyring,
	&decoder_vnc,
	/* backups */
	&decoder_sql_insert,
	&decoder_sql_copy,
	&decoder_sql_table,
	/* Windows */
	&decoder_gpp_cpassword,
	&decoder_unattend,
	&decoder_unattend_admin,
	NULL,
};
/* clang-format on */

const struct decoder *decoder_find(const char *name)
{
	if (name == NULL)
		return NULL;
	for (size_t i = 0; decoders[i] != NULL; i++)
		if (strcmp(decoders[i]->name, name) == 0)
			return decoders[i];
	return NULL;
}

const struct decoder *const *decoder_all(void)
{
	return decoders;
}

void decoded_wipe(struct decoded *d)
{
	if (d == NULL)
		return;
	secure_wipe(d, sizeof *d);
	d->severity = SEVERITY_KEEP;
}
