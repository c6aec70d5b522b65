/* Fuzz target: the other account sources read from a root file system:
 * login.defs, crontabs (per user and system-wide), systemd unit User=,
 * authorized_keys and the records of logins (wtmp, lastlog2 and wtmpdb
 * databases), all on the same input. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "accounts/login_defs.h"
#include "accounts/login_sources.h"

/* A login record's user: a terminated, non-empty name. */
static void seen(void *ctx, const char *user)
{
	if (user == NULL || user[0] == '\0' || strlen(user) > 4096)
		abort();
	++*(size_t *)ctx;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	struct login_defs ld;
	struct cron_list cl = {0};
	struct ak_summary ak;
	struct diags d = {0};
	unsigned line;
	char *user;

	login_defs_init(&ld);
	login_defs_parse(buf, size, "login.defs", &ld, &d);
	if (ld.encrypt_method[sizeof ld.encrypt_method - 1] != '\0')
		abort();
	crontab_parse(buf, size, "crontab", NULL, &cl, &d);
	crontab_parse(buf, size, "alice", "alice", &cl, &d);
	for (size_t i = 0; i < cl.n; i++)
		if (cl.v[i].user == NULL || cl.v[i].user[0] == '\0' || cl.v[i].line == 0)
			abort();
	cron_list_free(&cl);
	if (unit_user_parse(buf, size, &user, &line) == 0 && user != NULL &&
	    (user[0] == '\0' || line == 0))
		abort();
	free(user);
	authorized_keys_summarize(buf, size, &ak);
	if (ak.with_options > ak.keys)
		abort();
	diags_free(&d);
	{
		size_t n = 0;
		int fd = memfd_create("wtmp", MFD_CLOEXEC);
		if (fd >= 0) {
			if (write(fd, data, size) == (ssize_t)size &&
			    wtmp_logins(fd, seen, &n) != 0)
				abort();
			close(fd);
		}
		(void)lastlog2_logins(data, size, seen, &n);
		(void)wtmpdb_logins(data, size, seen, &n);
	}
	return 0;
}
