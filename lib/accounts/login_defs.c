#include "config.h"

#include <string.h>

#include "accounts/login_defs.h"

void login_defs_init(struct login_defs *ld)
{
	memset(ld, 0, sizeof *ld);
	ld->uid_min = 1000;
	ld->uid_max = 60000;
	ld->sys_uid_min = 101;
	ld->pass_max_days = -1;
	ld->sha_crypt_min_rounds = -1;
}

void login_defs_parse(const char *buf, size_t len, const char *file, struct login_defs *ld,
                      struct diags *d)
{
	struct line_iter it;
	const char *s;
	size_t sl;

	line_iter_init(&it, buf, len);
	while (line_next(&it, &s, &sl)) {
		size_t i = 0, k, ke, v, vl;
		unsigned long num, *dst = NULL;
		long *sdst = NULL;
		char key[32];
		int isnum;

		while (i < sl && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i == sl || s[i] == '#')
			continue;
		k = i;
		while (i < sl && s[i] != ' ' && s[i] != '\t')
			i++;
		ke = i;
		while (i < sl && (s[i] == ' ' || s[i] == '\t'))
			i++;
		v = i;
		vl = sl - v;
		while (vl > 0 && (s[v + vl - 1] == ' ' || s[v + vl - 1] == '\t'))
			vl--;
		if (vl >= 2 && s[v] == '"' && s[v + vl - 1] == '"') {
			v++;
			vl -= 2;
		}
		isnum = parse_ulong(s + v, vl, 0x7fffffffUL, &num);
		if (ke - k >= sizeof key)
			continue;
		memcpy(key, s + k, ke - k);
		key[ke - k] = '\0';
		if (strcmp(key, "ENCRYPT_METHOD") == 0) {
			size_t n = vl < sizeof ld->encrypt_method - 1
			                   ? vl
			                   : sizeof ld->encrypt_method - 1;
			memcpy(ld->encrypt_method, s + v, n);
			ld->encrypt_method[n] = '\0';
			continue;
		}
		if (strcmp(key, "UID_MIN") == 0)
			dst = &ld->uid_min;
		else if (strcmp(key, "UID_MAX") == 0)
			dst = &ld->uid_max;
		else if (strcmp(key, "SYS_UID_MIN") == 0)
			dst = &ld->sys_uid_min;
		else if (strcmp(key, "PASS_MAX_DAYS") == 0)
			sdst = &ld->pass_max_days;
		else if (strcmp(key, "SHA_CRYPT_MIN_ROUNDS") == 0)
			sdst = &ld->sha_crypt_min_rounds;
		else
			continue;
		if (!isnum) {
			diag_add(d, file, it.lineno, "%s: value is not a number; default kept",
			         key);
			continue;
		}
		if (dst != NULL)
			*dst = num;
		else
			*sdst = (long)num;
	}
}
