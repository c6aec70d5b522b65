/* --fingerprint-key FILE, shared by the commands that print fingerprints. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auditor/commands.h"
#include "fingerprint_key.h"
#include "paths.h"
#include "i18n.h"

int load_fingerprint_key(const char *cmd, const char *path, bool stable_needed)
{
	char err[512];
	int rc = fingerprint_key_load(path, err, sizeof err);
	bool installation_key = strcmp(fingerprint_key_path(path), PATH_FINGERPRINT_KEY) == 0;

	if (rc == 0)
		return 0;
	/* A user who is not root cannot read the installation's key: scanning
	 * still works, with fingerprints that hold for this run only. */
	if (installation_key && geteuid() != 0 && !stable_needed &&
	    (rc == -EACCES || rc == -ENOENT || rc == -EROFS)) {
		fprintf(stderr, _("credaudit %s: note: fingerprints hold for this run only (%s)\n"),
		        cmd, err);
		return 0;
	}
	fprintf(stderr, "credaudit %s: %s\n", cmd, err);
	return -1;
}
