/* credaudit rules: list the scan rules, or test them against their own
 * examples through the real engine. */
#include "config.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "rules/decoders/decoder.h"
#include "rules/engine.h"
#include "rules/rule_set.h"
#include "auditor/commands.h"
#include "i18n.h"

#define MAX_DIRS 16

static void usage(FILE *out)
{
	fprintf(out, _("Usage: credaudit rules list [--rules DIR]... [--decoders]\n"
	               "       credaudit rules test [--rules DIR]...\n\n"
	               "  list          print each rule: id, category, clause, severity, "
	               "description\n"
	               "  test          run every rule's examples and counterexamples through the "
	               "scan engine\n"
	               "  --decoders    list the decoders rules may name, instead of the rules\n"
	               "  --rules DIR   read *.rule files from DIR instead of the installed and "
	               "local rules\n"
	               "                (repeatable; later directories override earlier ones)\n"
	               "  -h, --help    show this help\n\n"
	               "Exit status: 0 all well, 1 a rule failed its examples, 2 error.\n"));
}

/* Print s left-aligned in width columns, counting UTF-8 characters (the
 * clause "3(1)⑤" is 7 bytes but 5 columns). */
static void column(const char *s, int width)
{
	int chars = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		chars += (*p & 0xC0) != 0x80;
	printf("%s%*s ", s, width > chars ? width - chars : 0, "");
}

static void list(const struct rule_set *rs)
{
	column(_("ID"), 28);
	column(_("CATEGORY"), 15);
	column(_("CLAUSE"), 12);
	column(_("SEVERITY"), 9);
	printf("%s\n", _("DESCRIPTION"));
	for (size_t i = 0; i < rs->nrules; i++) {
		const struct rule *r = &rs->rules[i];
		column(r->id, 28);
		column(r->category, 15);
		column(r->clause, 12);
		column(severity_name(r->severity), 9);
		printf("%s%s\n", r->description, r->enabled ? "" : _(" (disabled)"));
	}
}

int cmd_rules(int argc, char **argv)
{
	static const struct option opts[] = {
	        {"rules", required_argument, NULL, 'r'},
	        {"decoders", no_argument, NULL, 'd'},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	const char *dirs[MAX_DIRS + 1] = {NULL};
	size_t ndirs = 0;
	struct rule_set *rs = NULL;
	const char *action;
	char err[1024];
	int c, rc;
	bool decoders = false;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			if (ndirs == MAX_DIRS) {
				fprintf(stderr, _("credaudit rules: at most %d --rules\n"),
				        MAX_DIRS);
				return 2;
			}
			dirs[ndirs++] = optarg;
			break;
		case 'd':
			decoders = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind + 1 != argc) {
		usage(stderr);
		return 2;
	}
	action = argv[optind];
	if (strcmp(action, "list") != 0 && strcmp(action, "test") != 0) {
		fprintf(stderr, _("credaudit rules: unknown action '%s'\n"), action);
		usage(stderr);
		return 2;
	}
	if (decoders && strcmp(action, "list") == 0) {
		for (const struct decoder *const *d = decoder_all(); *d != NULL; d++)
			printf("%s\n", (*d)->name);
		return 0;
	}
	rc = ndirs ? rule_set_load(&rs, dirs, err, sizeof err)
	           : rule_set_load_default(&rs, err, sizeof err);
	if (rc < 0) {
		fprintf(stderr, "credaudit rules: %s\n", err);
		return 2;
	}
	if (strcmp(action, "list") == 0) {
		list(rs);
		rc = 0;
	} else {
		size_t nex = 0;
		rc = rule_set_selftest(rs, stdout);
		for (size_t i = 0; i < rs->nrules; i++)
			nex += rs->rules[i].nexamples;
		if (rc < 0) {
			fprintf(stderr, _("credaudit rules: cannot build the scan engine\n"));
			rc = 2;
		} else if (rc > 0) {
			printf(_("%d failure(s) in %zu rules, %zu examples\n"), rc, rs->nrules,
			       nex);
			rc = 1;
		} else {
			printf(_("%zu rules, %zu examples: all pass\n"), rs->nrules, nex);
		}
	}
	rule_set_free(rs);
	return rc;
}
