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

struct rules_cli {
	const char *dirs[MAX_DIRS + 1];
	size_t ndirs;
	bool decoders;
	const char *action; /* "list" or "test" */
};

/* -1 to go on, else the exit status (usage printed). */
static int parse_opts(struct rules_cli *o, int argc, char **argv)
{
	static const struct option opts[] = {
	        {"rules", required_argument, NULL, 'r'},
	        {"decoders", no_argument, NULL, 'd'},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	int c;

	memset(o, 0, sizeof *o);
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'r' && o->ndirs == MAX_DIRS) {
			fprintf(stderr, _("credaudit rules: at most %d --rules\n"), MAX_DIRS);
			return 2;
		} else if (c == 'r') {
			o->dirs[o->ndirs++] = optarg;
		} else if (c == 'd') {
			o->decoders = true;
		} else {
			usage(c == 'h' ? stdout : stderr);
			return c == 'h' ? 0 : 2;
		}
	}
	if (optind + 1 != argc) {
		usage(stderr);
		return 2;
	}
	o->action = argv[optind];
	if (strcmp(o->action, "list") != 0 && strcmp(o->action, "test") != 0) {
		fprintf(stderr, _("credaudit rules: unknown action '%s'\n"), o->action);
		usage(stderr);
		return 2;
	}
	return -1;
}

/* Every rule's examples through the engine: 0 all pass, 1 a failure, 2 error. */
static int test(const struct rule_set *rs)
{
	size_t nex = 0;
	int rc = rule_set_selftest(rs, stdout);

	for (size_t i = 0; i < rs->nrules; i++)
		nex += rs->rules[i].nexamples;
	if (rc < 0) {
		fprintf(stderr, _("credaudit rules: cannot build the scan engine\n"));
		return 2;
	}
	if (rc > 0) {
		printf(_("%d failure(s) in %zu rules, %zu examples\n"), rc, rs->nrules, nex);
		return 1;
	}
	printf(_("%zu rules, %zu examples: all pass\n"), rs->nrules, nex);
	return 0;
}

int cmd_rules(int argc, char **argv)
{
	struct rules_cli o;
	struct rule_set *rs = NULL;
	char err[1024];
	int rc;

	rc = parse_opts(&o, argc, argv);
	if (rc >= 0)
		return rc;
	if (o.decoders && strcmp(o.action, "list") == 0) {
		for (const struct decoder *const *d = decoder_all(); *d != NULL; d++)
			printf("%s\n", (*d)->name);
		return 0;
	}
	rc = o.ndirs ? rule_set_load(&rs, o.dirs, err, sizeof err)
	             : rule_set_load_default(&rs, err, sizeof err);
	if (rc < 0) {
		fprintf(stderr, "credaudit rules: %s\n", err);
		return 2;
	}
	if (strcmp(o.action, "list") == 0) {
		list(rs);
		rc = 0;
	} else {
		rc = test(rs);
	}
	rule_set_free(rs);
	return rc;
}
