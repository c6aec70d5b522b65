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
		char line[sizeof err.file + sizeof err.msg + 32];

		fprintf(stderr, "credpolicy check: %s\n",
		        settings_error_format(&err, "--set", line, sizeof line));
		return -1;
	}
	return 0;
}

struct check_args {
	const char *config, *user_name;
	char *sets[MAX_SETS];
	int nsets;
	bool with_old, json;
};

/* Options into *a: -1 to go on, or the exit status. */
static int parse_args(int argc, char **argv, struct check_args *a)
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
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "c:s:u:ojh", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			a->config = optarg;
			break;
		case 's':
			if (a->nsets == MAX_SETS) {
				fprintf(stderr, _("credpolicy check: at most %d --set options\n"),
				        MAX_SETS);
				return 2;
			}
			a->sets[a->nsets++] = optarg;
			break;
		case 'u':
			a->user_name = optarg;
			break;
		case 'o':
			a->with_old = true;
			break;
		case 'j':
			a->json = true;
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
	return -1;
}

/* Check line lineno (n bytes, NUL-terminated; the caller wipes it) and
 * print the verdict: 0 accepted, 1 rejected, 2 error. */
static int check_line(const struct policy_settings *s, const struct policy_user *user,
                      const struct check_args *a, unsigned long lineno, char *line, size_t n)
{
	struct policy_verdict v = {0, 0};
	char *cand = line, *old = NULL;
	int r;

	if (n > 0 && line[n - 1] == '\r')
		line[--n] = '\0';
	if (a->with_old) {
		char *tab = strchr(line, '\t');
		if (tab == NULL) {
			fprintf(stderr,
			        _("credpolicy check: line %lu: with --old, write OLD<TAB>NEW\n"),
			        lineno);
			return 2;
		}
		*tab = '\0';
		old = line;
		cand = tab + 1;
	}
	r = policy_check(s, cand, old, user, &v);
	if (r < 0) {
		fprintf(stderr, _("credpolicy check: line %lu: the check failed: %s\n"), lineno,
		        strerror(-r));
		return 2;
	}
	print_verdict(lineno, &v, a->json);
	return policy_verdict_ok(&v) ? 0 : 1;
}

/* Every line of standard input: the worst status of them all. */
static int check_stream(const struct policy_settings *s, const struct policy_user *user,
                        const struct check_args *a)
{
	static char line[LINE_CAP];
	unsigned long lineno = 0;
	bool overlong, nul;
	int status = 0, r;
	ssize_t n;

	while ((n = read_line(stdin, line, sizeof line, &overlong, &nul)) >= 0) {
		lineno++;
		if (overlong) {
			struct policy_verdict v = {.reasons = 1u << REASON_TOO_LONG};
			secure_wipe(line, sizeof line);
			print_verdict(lineno, &v, a->json);
			status = status == 0 ? 1 : status;
			continue;
		}
		if (nul) {
			fprintf(stderr, _("credpolicy check: line %lu contains a NUL byte\n"),
			        lineno);
			status = 2;
			break;
		}
		r = check_line(s, user, a, lineno, line, (size_t)n);
		secure_wipe(line, sizeof line);
		if (r == 2) {
			status = 2;
			break;
		}
		if (r == 1 && status == 0)
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
	return status;
}

int cmd_check(int argc, char **argv)
{
	struct check_args a = {0};
	struct policy_settings s;
	struct policy_user user = {NULL, NULL};
	char *gecos = NULL, err[512];
	int status;

	setvbuf(stdin, stdin_buf, _IOFBF, sizeof stdin_buf);
	status = parse_args(argc, argv, &a);
	if (status >= 0)
		return status;
	if (load_policy(&s, a.config, a.sets, a.nsets) < 0) {
		settings_free(&s);
		return 2;
	}
	if (policy_prepare(&s, err, sizeof err) < 0) {
		/* Not fatal: the affected candidates are reported check_unavailable. */
		fprintf(stderr, "credpolicy check: %s\n", err);
	}
	if (a.user_name != NULL) {
		struct passwd *pw = getpwnam(a.user_name);

		user.name = a.user_name;
		if (pw != NULL && pw->pw_gecos != NULL) {
			gecos = strdup(pw->pw_gecos);
			user.gecos = gecos;
		}
	}
	status = check_stream(&s, &user, &a);
	free(gecos);
	settings_free(&s);
	return status;
}
