/* breach_build_files(): every input into one builder, then the index
 * written atomically. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_file.h"
#include "breach/breach_files.h"
#include "i18n.h"

int breach_hash_parse(const char *s, enum breach_hash *out)
{
	static const enum breach_hash all[] = {BREACH_HASH_SHA1, BREACH_HASH_NTLM};

	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (strcmp(s, breach_hash_name(all[i])) == 0) {
			*out = all[i];
			return 0;
		}
	return -EINVAL;
}

int breach_format_parse(const char *s, enum breach_format *out)
{
	static const enum breach_format all[] = {BREACH_FORMAT_AUTO, BREACH_FORMAT_SHA1,
	                                         BREACH_FORMAT_NTLM, BREACH_FORMAT_PLAIN};

	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (strcmp(s, breach_format_name(all[i])) == 0) {
			*out = all[i];
			return 0;
		}
	return -EINVAL;
}

static bool is_stdin(const char *file)
{
	return strcmp(file, "-") == 0;
}

/* The hash type of a regular file that is a hash list, else 0. */
static enum breach_hash peek_hash(const char *file)
{
	static char buf[65536];
	struct stat st;
	ssize_t n;
	int fd;

	/* Only regular files: opening or peeking at a pipe would lose its data. */
	if (is_stdin(file) || stat(file, &st) != 0 || !S_ISREG(st.st_mode))
		return 0;
	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof buf);
	close(fd);
	if (n <= 0)
		return 0;
	switch (breach_detect_format(buf, (size_t)n)) {
	case BREACH_FORMAT_SHA1:
		return BREACH_HASH_SHA1;
	case BREACH_FORMAT_NTLM:
		return BREACH_HASH_NTLM;
	default:
		return 0;
	}
}

/* Without a hash type, the format or the first hashed input decides. */
static enum breach_hash guess_hash(const struct breach_build_job *job)
{
	enum breach_hash h = 0;

	if (job->format == BREACH_FORMAT_SHA1)
		return BREACH_HASH_SHA1;
	if (job->format == BREACH_FORMAT_NTLM)
		return BREACH_HASH_NTLM;
	if (job->format == BREACH_FORMAT_PLAIN)
		return 0;
	for (size_t i = 0; i < job->nfiles && h == 0; i++)
		h = peek_hash(job->files[i]);
	return h;
}

static void warn_skipped(const struct breach_build_job *job, const char *name,
                         const struct breach_input_stats *st)
{
	char msg[512];

	if (job->warn == NULL)
		return;
	if (st->invalid_utf8 > 0) {
		snprintf(msg, sizeof msg,
		         _("warning: %s: %llu lines are not valid UTF-8 and were skipped (first at "
		           "line %llu); NTLM hashes UTF-16 text"),
		         name, (unsigned long long)st->invalid_utf8,
		         (unsigned long long)st->first_invalid_line);
		job->warn(job->warn_arg, msg);
	}
	if (st->too_long > 0) {
		snprintf(msg, sizeof msg,
		         _("warning: %s: %llu lines longer than %d bytes were skipped"), name,
		         (unsigned long long)st->too_long, BREACH_MAX_PLAIN_LINE);
		job->warn(job->warn_arg, msg);
	}
}

/* One input into b; *records grows by its records. */
static int add_input(const struct breach_build_job *job, struct breach_builder *b, const char *file,
                     uint64_t *records, char *err, size_t errlen)
{
	const char *name = is_stdin(file) ? _("(standard input)") : file;
	struct breach_input_stats st;
	int fd = STDIN_FILENO, r;

	if (!is_stdin(file)) {
		fd = open(file, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			r = -errno;
			snprintf(err, errlen, "%s: %s", file, strerror(-r));
			return r;
		}
	}
	r = breach_builder_add_fd(b, fd, name, job->format, &st, err, errlen);
	if (fd != STDIN_FILENO)
		close(fd);
	if (r < 0)
		return r;
	warn_skipped(job, name, &st);
	*records += st.records;
	return 0;
}

static int write_index(const struct breach_build_job *job, struct breach_builder *b, char *err,
                       size_t errlen)
{
	struct atomic_file af = {0};
	char why[512];
	int r;

	r = atomic_file_open(&af, job->output);
	if (r < 0) {
		snprintf(err, errlen, _("%s: cannot create: %s"), job->output, strerror(-r));
		return r;
	}
	r = breach_builder_write(b, fileno(af.fp), why, sizeof why);
	if (r < 0) {
		atomic_file_abort(&af);
		snprintf(err, errlen, "%s: %s", job->output, why);
		return r;
	}
	r = atomic_file_commit(&af, 0644);
	if (r < 0)
		snprintf(err, errlen, "%s: %s", job->output, strerror(-r));
	return r;
}

/* --format sha1 or ntlm names the hash type; --hash must agree. */
static int check_hash(const struct breach_build_job *job, char *err, size_t errlen)
{
	enum breach_hash h = job->format == BREACH_FORMAT_SHA1   ? BREACH_HASH_SHA1
	                     : job->format == BREACH_FORMAT_NTLM ? BREACH_HASH_NTLM
	                                                         : 0;

	if (h == 0 || job->opt.hash == 0 || job->opt.hash == h)
		return 0;
	snprintf(err, errlen, _("--format %s contradicts --hash %s"),
	         breach_format_name(job->format), breach_hash_name(job->opt.hash));
	return -EINVAL;
}

/* What was written, from the index itself. */
static int read_back(const char *output, struct breach_index_info *info, char *err, size_t errlen)
{
	struct breach_index *ix;
	int r = breach_index_open_flags(output, BREACH_OPEN_ANY_OWNER, &ix, err, errlen);

	if (r < 0)
		return r;
	breach_index_info(ix, info);
	breach_index_close(ix);
	return 0;
}

int breach_build_files(struct breach_build_job *job, struct breach_build_result *res, char *err,
                       size_t errlen)
{
	static char *stdin_only[] = {"-"};
	struct breach_builder *b = NULL;
	int r = check_hash(job, err, errlen);

	res->records = 0;
	if (r < 0)
		return r;
	if (job->nfiles == 0) {
		job->files = stdin_only;
		job->nfiles = 1;
	}
	if (job->opt.hash == 0)
		job->opt.hash = guess_hash(job);
	if (breach_builder_new(&job->opt, &b) < 0) {
		snprintf(err, errlen, "%s", _("out of memory"));
		return -ENOMEM;
	}
	for (size_t i = 0; i < job->nfiles && r == 0; i++)
		r = add_input(job, b, job->files[i], &res->records, err, errlen);
	if (r == 0)
		r = write_index(job, b, err, errlen);
	breach_builder_free(b);
	if (r == 0)
		r = read_back(job->output, &res->info, err, errlen);
	return r;
}
