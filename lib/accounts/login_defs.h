/* /etc/login.defs (login.defs(5)): the values account classification
 * needs. Unknown keys are ignored; bad values are reported and the
 * default kept. */
#ifndef CREDPOLICY_ACCOUNTS_LOGIN_DEFS_H
#define CREDPOLICY_ACCOUNTS_LOGIN_DEFS_H

#include <stddef.h>

#include "textlines.h"

struct login_defs {
	unsigned long uid_min;     /* UID_MIN, default 1000 */
	unsigned long uid_max;     /* UID_MAX, default 60000 */
	unsigned long sys_uid_min; /* SYS_UID_MIN, default 101 */
	long pass_max_days;        /* PASS_MAX_DAYS, -1 if unset */
	long sha_crypt_min_rounds; /* SHA_CRYPT_MIN_ROUNDS, -1 if unset */
	char encrypt_method[32];   /* ENCRYPT_METHOD, "" if unset */
};

void login_defs_init(struct login_defs *ld);
void login_defs_parse(const char *buf, size_t len, const char *file, struct login_defs *ld,
                      struct diags *d);

#endif
