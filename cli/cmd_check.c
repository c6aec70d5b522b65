/* credpolicy check: run candidate passwords read from standard input
 * through the same policy engine as the PAM module.
 *
 *   credpolicy check [--config FILE] [--set KEY=VALUE]... [--user NAME]
 *                    [--old] [--json]
 *
 * One candidate per line (a trailing CR is dropped); with --old each line
 * is OLD<TAB>NEW. One verdict per line on standard output: "OK" or
 * "BAD code,code", or with --json {"line":N,"ok":B,"reasons":[...],
 * "score":S}. The password itself is never printed, and every buffer that
 * held one is wiped. Exit 0 all accepted, 1 any rejected, 2 error. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "i18n.h"
#include "policy/policy.h"
#include "secure.h"

#define MAX_SETS 64

/* A line holds at most an old and a new password of the engine's 2048-byte
 * cap, a TAB and a CR; a longer line is rejected as too_long, and the rest of
 * it skipped, so memory stays bounded whatever the input. */
#define LINE_CAP 4100

/* stdin's buffer holds passwords too: ours, so it can be wiped. */
static char stdin_buf[1 << 16];

/* Read one line into buf (NUL-terminated, newline dropped). Returns its
 * length, or -1 at the end of the input; *overlong is set when the line did
 * not fit, *nul when it held a NUL byte. */
static ssize_t read_line(FILE *f, char *buf, size_t cap, bool *overlong, bool *nul)
{
	size_t n = 0;
	bool any = false;
	int c;

	*overlong = *nul = false;
	while ((c = getc_unlocked(f)) != EOF) {
		any = true;
		if (c == '\n')
			break;
		if (c == '\0')
			*nul = true;
		if (n + 1 < cap)
			buf[n++] = (char)c;
		else
			*overlong = true;
	}
	if (!any)
		return -1;
	buf[n] = '\0';
	return (ssize_t)n;
}

static void usage(FILE *out)
{
	fprintf(out, "%s",
	        _("Usage: credpolicy check [OPTION]...\n"
	          "Check passwords read from standard input, one per line, against the "
	          "policy.\n"
	          "Prints OK or BAD followed by reason codes for each line; never the "
	          "password.\n\n"
	          "  -c, --config FILE    read the policy from FILE (and FILE.d/*.conf)\n"
	          "                       instead of the system policy\n"
	          "  -s, --set KEY=VALUE  override one setting, as a PAM module argument "
	          "would\n"
	          "  -u, --user NAME      check against this user's name and GECOS field\n"
	          "  -o, --old            each line is OLD<TAB>NEW: also compare with the "
	          "old password\n"
	          "  -j, --json           print one JSON object per line\n"
	          "  -h, --help           show this help\n\n"
	          "Exit status: 0 all accepted, 1 at least one rejected, 2 error.\n"));
}

static void print_verdict(unsigned long lineno, const struct policy_verdict *v, bool json)
{
	char codes[512];

	policy_reasons_join(v, codes, sizeof codes);
	if (!json) {
		if (policy_verdict_ok(v))
			puts("OK");
		else
			printf("BAD %s\n", codes);
		return;
	}
	printf("{\"line\":%lu,\"ok\":%s,\"reasons\":[", lineno,
	       policy_verdict_ok(v) ? "true" : "false");
	for (unsigned r = 0, first = 1; r < REASON__COUNT; r++) {
		if (!(v->reasons & (1u << r)))
			continue;
		printf("%s\"%s\"", first ? "" : ",", policy_reason_code((enum policy_reason)r));
		first = 0;
	}
	printf("],\"score\":%d,\"guesses_log10\":%.1f,\"pieces\":[", v->score, v->guesses_log10);
	for (unsigned k = 0, first = 1; policy_piece_name(k) != NULL; k++) {
		if (!(v->pieces & (1u << k)))
			continue;
		printf("%s\"%s\"", first ? "" : ",", policy_piece_name(k));
		first = 0;
	}
	printf("]}\n");
}

static int load_policy(struct policy_settings *s, const char *config, char **sets, int nsets)
{
	struct settings_error err;
	int r;

	settings_init(s);
	r = settings_load(s, config, config == NULL, &err);
	for (int i = 0; r == 0 && i < nsets; i++)
		r = settings_apply(s, sets[i], &err);
	if (r < 0) {
		if (err.file[0] != '\0' && err.line > 0)
			fprintf(stderr, "credpolicy check: %s:%u: %s\n", err.file, err.line,
			        err.msg);
		else if (err.file[0] != '\0')
			fprintf(stderr, "credpolicy check: %s: %s\n", err.file, err.msg);
		else
			fprintf(stderr, "credpolicy check: --set: %s\n", err.msg);
		return -1;
	}
	return 0;
}

int cmd_check(int argc, char **argv)
{
	static const struct option opts[] = {
	        {"config", required_argument, NULL, 'c'},
	        {"set", required_argument, NULL, 's'},
	        {"user", required_argument, NULL, 'u'},
	        {"old", no_argument, NULL, 'o'},
	        {"json", no_argument, NULL, 'j'},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	const char *config = NULL, *user_name = NULL;
	char *sets[MAX_SETS];
	int nsets = 0, c, status = 0;
	bool with_old = false, json = false;
	struct policy_settings s;
	struct policy_user user = {NULL, NULL};
	struct passwd *pw;
	char *gecos = NULL, err[512];
	static char line[LINE_CAP];
	bool overlong, nul;
	ssize_t n;
	unsigned long lineno = 0;

	optind = 1;
	setvbuf(stdin, stdin_buf, _IOFBF, sizeof stdin_buf);
	while ((c = getopt_long(argc, argv, "c:s:u:ojh", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			config = optarg;
			break;
		case 's':
			if (nsets == MAX_SETS) {
				fprintf(stderr, _("credpolicy check: at most %d --set options\n"),
				        MAX_SETS);
				return 2;
			}
			sets[nsets++] = optarg;
			break;
		case 'u':
			user_name = optarg;
			break;
		case 'o':
			with_old = true;
			break;
		case 'j':
			json = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		/* Not echoed: it may well be a password. */
		fprintf(stderr, _("credpolicy check: unexpected argument; passwords are read "
		                  "from standard input, one per line\n"));
		return 2;
	}
	if (load_policy(&s, config, sets, nsets) < 0) {
		settings_free(&s);
		return 2;
	}
	if (policy_prepare(&s, err, sizeof err) < 0) {
		/* Not fatal: the affected candidates are reported check_unavailable. */
		fprintf(stderr, "credpolicy check: %s\n", err);
	}
	if (user_name != NULL) {
		user.name = user_name;
		pw = getpwnam(user_name);
		if (pw != NULL && pw->pw_gecos != NULL) {
			gecos = strdup(pw->pw_gecos);
			user.gecos = gecos;
		}
	}

	while ((n = read_line(stdin, line, sizeof line, &overlong, &nul)) >= 0) {
		struct policy_verdict v = {.reasons = 1u << REASON_TOO_LONG};
		char *cand = line, *old = NULL;
		int r;

		lineno++;
		if (overlong) {
			secure_wipe(line, sizeof line);
			print_verdict(lineno, &v, json);
			status = status == 0 ? 1 : status;
			continue;
		}
		if (n > 0 && line[n - 1] == '\r')
			line[--n] = '\0';
		if (nul) {
			fprintf(stderr, _("credpolicy check: line %lu contains a NUL byte\n"),
			        lineno);
			status = 2;
			break;
		}
		if (with_old) {
			char *tab = strchr(line, '\t');
			if (tab == NULL) {
				fprintf(stderr,
				        _("credpolicy check: line %lu: with --old, write "
				          "OLD<TAB>NEW\n"),
				        lineno);
				status = 2;
				break;
			}
			*tab = '\0';
			old = line;
			cand = tab + 1;
		}
		r = policy_check(&s, cand, old, &user, &v);
		secure_wipe(line, sizeof line);
		if (r < 0) {
			fprintf(stderr, _("credpolicy check: line %lu: the check failed: %s\n"),
			        lineno, strerror(-r));
			status = 2;
			break;
		}
		print_verdict(lineno, &v, json);
		if (!policy_verdict_ok(&v) && status == 0)
			status = 1;
	}
	secure_wipe(line, sizeof line);
	secure_wipe(stdin_buf, sizeof stdin_buf);
	if (ferror(stdin)) {
		fprintf(stderr, _("credpolicy check: error reading standard input\n"));
		status = 2;
	}
	if (fflush(stdout) != 0) {
		fprintf(stderr, _("credpolicy check: error writing standard output\n"));
		status = 2;
	}
	free(gecos);
	settings_free(&s);
	return status;
}
