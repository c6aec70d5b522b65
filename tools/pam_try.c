/* pam_try: drive a PAM password change through real libpam without
 * touching /etc/pam.d, answering the prompts from standard input.
 *
 *   pam_try [--user NAME] MODULE_PATH [MODULE_ARG]...
 *
 * Reads candidate passwords, one per line, and for each runs
 * pam_chauthtok() on a private service stack
 *   password requisite MODULE_PATH MODULE_ARG...
 *   password required  pam_permit.so
 * (pam_start_confdir, Linux-PAM >= 1.4), answering every new-password
 * prompt with the candidate. Prints "OK" or "BAD" and the module's
 * messages, never the password. Used by the quick start and the docs to
 * show the module's verdicts exactly as a user would meet them. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <security/pam_appl.h>

#include "secure.h"

struct answer {
	const char *password;
	char messages[2048];
};

static int converse(int n, const struct pam_message **msg, struct pam_response **resp, void *data)
{
	struct answer *a = data;
	struct pam_response *r = calloc((size_t)n, sizeof *r);

	if (r == NULL)
		return PAM_BUF_ERR;
	for (int i = 0; i < n; i++) {
		switch (msg[i]->msg_style) {
		case PAM_PROMPT_ECHO_OFF:
		case PAM_PROMPT_ECHO_ON:
			r[i].resp = strdup(a->password);
			if (r[i].resp == NULL)
				goto fail;
			break;
		case PAM_ERROR_MSG:
		case PAM_TEXT_INFO: {
			size_t used = strlen(a->messages);
			snprintf(a->messages + used, sizeof a->messages - used, "    %s\n",
			         msg[i]->msg);
			break;
		}
		default:
			break;
		}
	}
	*resp = r;
	return PAM_SUCCESS;
fail:
	for (int i = 0; i < n; i++)
		secure_free_str(r[i].resp);
	free(r);
	return PAM_CONV_ERR;
}

static int write_service(const char *dir, char **argv, int argc)
{
	char path[PATH_MAX];
	FILE *f;

	snprintf(path, sizeof path, "%s/pam-try", dir);
	f = fopen(path, "w");
	if (f == NULL)
		return -errno;
	fprintf(f, "password requisite");
	for (int i = 0; i < argc; i++)
		fprintf(f, " %s", argv[i]);
	fprintf(f, "\npassword required pam_permit.so\n");
	snprintf(path, sizeof path, "%s/other", dir);
	if (fclose(f) != 0)
		return -EIO;
	f = fopen(path, "w");
	if (f == NULL)
		return -errno;
	fprintf(f, "auth required pam_deny.so\naccount required pam_deny.so\n"
	           "password required pam_deny.so\nsession required pam_deny.so\n");
	return fclose(f) == 0 ? 0 : -EIO;
}

int main(int argc, char **argv)
{
	const char *user = "demo";
	char dir[] = "/tmp/pam-try.XXXXXX";
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int argi = 1, status = 0, n = 0;

	setlocale(LC_ALL, "");
	if (argc > 2 && strcmp(argv[1], "--user") == 0) {
		user = argv[2];
		argi = 3;
	}
	if (argi >= argc || argv[argi][0] != '/') {
		fprintf(stderr, "usage: pam_try [--user NAME] /ABSOLUTE/MODULE.so [ARG]...\n");
		return 2;
	}
	if (mkdtemp(dir) == NULL || write_service(dir, argv + argi, argc - argi) != 0) {
		perror("pam_try: cannot write the private service stack");
		return 2;
	}
	while ((len = getline(&line, &cap, stdin)) != -1) {
		struct answer a = {.password = line, .messages = ""};
		struct pam_conv conv = {converse, &a};
		pam_handle_t *pamh = NULL;
		int rc;

		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		n++;
		rc = pam_start_confdir("pam-try", user, &conv, dir, &pamh);
		if (rc == PAM_SUCCESS)
			rc = pam_chauthtok(pamh, 0);
		printf("%d: %s\n%s", n, rc == PAM_SUCCESS ? "OK" : "BAD", a.messages);
		if (rc != PAM_SUCCESS)
			status = 1;
		if (pamh != NULL)
			pam_end(pamh, rc);
		secure_wipe(line, cap);
	}
	secure_free(line, cap);
	{
		char p[PATH_MAX];
		snprintf(p, sizeof p, "%s/pam-try", dir);
		unlink(p);
		snprintf(p, sizeof p, "%s/other", dir);
		unlink(p);
		rmdir(dir);
	}
	return status;
}
