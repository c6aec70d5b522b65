/* The module loads with every symbol resolved (RTLD_NOW, as libpam does),
 * exports the PAM entry points, and nothing of the engine behind them. */
#include "config.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	static const char *const wanted[] = {"pam_sm_authenticate", "pam_sm_setcred",
	                                     "pam_sm_acct_mgmt", "pam_sm_chauthtok"};
	static const char *const hidden[] = {
	        "policy_check", "settings_load", "settings_apply",      "logline_format",
	        "i18n_init",    "secure_wipe",   "pam_sm_open_session", "pam_sm_close_session"};
	const char *top = getenv("top_builddir");
	char path[PATH_MAX];
	void *h;
	size_t i;
	int bad = 0;

	if (top == NULL) {
		fprintf(stderr, "run through make check (top_builddir is not set)\n");
		return 99;
	}
	snprintf(path, sizeof path, "%s/pam_module/.libs/pam_credpolicy.so", top);
	h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (h == NULL) {
		fprintf(stderr, "FAIL: dlopen: %s\n", dlerror());
		return 1;
	}
	for (i = 0; i < sizeof wanted / sizeof wanted[0]; i++) {
		if (dlsym(h, wanted[i]) == NULL) {
			fprintf(stderr, "FAIL: %s is not exported\n", wanted[i]);
			bad = 1;
		}
	}
	for (i = 0; i < sizeof hidden / sizeof hidden[0]; i++) {
		if (dlsym(h, hidden[i]) != NULL) {
			fprintf(stderr, "FAIL: %s is visible\n", hidden[i]);
			bad = 1;
		}
	}
	dlclose(h);
	if (!bad)
		printf("ok: %s loads and exports only pam_sm_*\n", path);
	return bad;
}
