/* The account file parsers read what glibc reads: the tricky lines one
 * by one (a UID-0 alias written so that a stricter parser would skip it
 * must be an entry), and the same bytes through glibc's own readers. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accounts/passwd_files.h"
#include "glibc_colon.h"

struct seen {
	unsigned entries, refused, last_refused;
	uint32_t uid;
	char name[64], shell[64];
	bool irregular, compat;
};

static int seen_pw(void *ctx, const void *entry)
{
	const struct pw_entry *e = entry;
	struct seen *s = ctx;

	s->entries++;
	s->uid = e->uid;
	s->irregular = e->irregular;
	s->compat = e->compat;
	snprintf(s->name, sizeof s->name, "%s", e->name);
	snprintf(s->shell, sizeof s->shell, "%s", e->shell ? e->shell : "(null)");
	return 0;
}

static void seen_refused(void *ctx, unsigned line, const char *why)
{
	struct seen *s = ctx;

	assert_non_null(why);
	s->refused++;
	s->last_refused = line;
}

static struct seen read_passwd(const char *text)
{
	struct seen s = {0};
	struct colon_sink sink = {seen_pw, seen_refused, &s};
	struct colon_reader r;

	colon_reader_mem(&r, text, strlen(text));
	assert_int_equal(passwd_read(&r, &sink), 0);
	colon_reader_free(&r);
	return s;
}

/* Lines glibc reads as UID 0 accounts: each must be an entry. */
static void test_uid0_spellings(void **state)
{
	static const char *const lines[] = {
	        "bd6:x:0:0::/root\n",                  /* 6 fields: empty shell is /bin/sh */
	        "bd7:x:0:0:g:/root:/bin/sh:\n",        /* trailing colon */
	        "bd8:x:0:0:g:/root:/bin/sh:extra:x\n", /* extra fields */
	        "bd9:x:+0:0:g:/root:/bin/sh\n",        /* "+0" */
	        "bd10:x: 0:0:g:/root:/bin/sh\n",       /* " 0" */
	        "bd11:x:\t0:0:g:/root:/bin/sh\n",      /* tab */
	        "bd12:x:-0:0:g:/root:/bin/sh\n",       /* "-0" */
	        "bd13:x:000:0:g:/root:/bin/sh\n",      /* leading zeros */
	        "   bd14:x:0:0:g:/root:/bin/sh\n",     /* leading blanks */
	        "bd15:x:0:0\n",                        /* four fields */
	        "bd16:x:0:0:g:/root:/bin/sh",          /* no newline at the end */
	};
	static const bool irregular[] = {true, true,  true,  true, true, true,
	                                 true, false, false, true, false};

	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		struct seen s = read_passwd(lines[i]);
		assert_int_equal(s.entries, 1);
		assert_int_equal(s.refused, 0);
		assert_int_equal(s.uid, 0);
		assert_false(s.compat);
		assert_int_equal(strncmp(s.name, "bd", 2), 0);
		/* not the form pwck writes: fields, signs, blanks in numbers */
		assert_int_equal(s.irregular, irregular[i]);
	}
	assert_string_equal(read_passwd("bd8:x:0:0:g:/root:/bin/sh:extra:x\n").shell,
	                    "/bin/sh:extra:x");
	assert_string_equal(read_passwd("bd6:x:0:0::/root\n").shell, "");
	(void)state;
}

/* Lines glibc skips: each is refused with its line number. */
static void test_refused_lines(void **state)
{
	static const char *const lines[] = {
	        "a:x:-1:0::/:/bin/sh\n",         /* above 32 bits once negated */
	        "a:x:4294967296:0::/:/bin/sh\n", /* above 32 bits */
	        "a:x:0x0:0::/:/bin/sh\n",        /* not decimal */
	        "a:x:0 :0::/:/bin/sh\n",         /* trailing blank */
	        "a:x::0::/:/bin/sh\n",           /* empty UID */
	        "a:x:0\n",                       /* no GID */
	        "a\n",                           /* name only */
	};

	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		char text[128];
		struct seen s;

		snprintf(text, sizeof text, "root:x:0:0::/root:/bin/sh\n# c\n\n%s", lines[i]);
		s = read_passwd(text);
		assert_int_equal(s.entries, 1);
		assert_int_equal(s.refused, 1);
		assert_int_equal(s.last_refused, 4);
	}
	(void)state;
}

/* NIS compat lines are entries marked compat, as glibc returns them. */
static void test_compat_lines(void **state)
{
	struct seen s = read_passwd("+\n");

	assert_int_equal(s.entries, 1);
	assert_true(s.compat);
	assert_string_equal(s.shell, "(null)");
	s = read_passwd("+nis:x:::::\n");
	assert_true(s.compat);
	(void)state;
}

/* A line longer than the bound is reported, and reading goes on. */
static void test_long_line(void **state)
{
	size_t n = COLON_LINE_MAX + 10;
	char *text = malloc(n + 64);
	struct seen s = {0};
	struct colon_sink sink = {seen_pw, seen_refused, &s};
	struct colon_reader r;

	assert_non_null(text);
	memset(text, 'g', n);
	memcpy(text, "long:x:0:0:", 11);
	strcpy(text + n, "\nnext:x:0:0::/:\n");
	colon_reader_mem(&r, text, strlen(text));
	assert_int_equal(passwd_read(&r, &sink), 0);
	colon_reader_free(&r);
	assert_int_equal(s.refused, 1);
	assert_int_equal(s.last_refused, 1);
	assert_int_equal(s.entries, 1);
	assert_string_equal(s.name, "next");
	free(text);
	(void)state;
}

/* The same bytes through glibc: the same entries, field by field. */
static void test_against_glibc(void **state)
{
	static const char *const samples[] = {
	        "root:x:0:0:root:/root:/bin/bash\nbd6:x:0:0::/root\n",
	        "a:x: 0:+5:g:/h:/s:x:\n  b:x:1:1::/:\n#c\n\n\t\nc:x:4294967295:0::/:\n",
	        "  tail:x:0:0:g:/h",
	        "a:x:0:0::/:/bin/sh\0hidden:x:0:0::/:\nb:x:1:1::/:\r\n",
	        "+\n-bad\n+nis:x:::::\n-x::\n",
	        "s:$6$h:19000:0:99999:7:::\ns2:h:1:2:3\ns3:h:1:2\ns4:h::::::::\n",
	        "s5:h:1:2:3:4:5:6:7\ns6:h:1:2:3:4:5:6:7:\ns7:h:-1:2:3:4:5:6:\n",
	        "g:x:0:a,b, c,,d\ng2:x:1\ng3:x:\ng4:x:2:a:b,c\n",
	        "gs:*:adm1, adm2:m1,m2\ngs2\ngs3:!::\ngs4:x:a:b:c\n",
	};

	for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
		size_t len = strlen(samples[i]);
		char msg[4096];

		if (i == 3)
			len += 1 + strlen(samples[i] + len + 1); /* keep the NUL byte */
		for (int db = DB_PASSWD; db <= DB_GSHADOW; db++) {
			int rc = glibc_colon_diff(db, (const uint8_t *)samples[i], len, msg,
			                          sizeof msg);
			if (rc != 0)
				fail_msg("sample %zu, file %d: %s", i, db, msg);
		}
	}
	(void)state;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_uid0_spellings), cmocka_unit_test(test_refused_lines),
	        cmocka_unit_test(test_compat_lines),   cmocka_unit_test(test_long_line),
	        cmocka_unit_test(test_against_glibc),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
