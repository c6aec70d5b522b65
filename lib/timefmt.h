/* RFC 3339 timestamps with an explicit UTC offset (clause 2(5)). */
#ifndef CREDPOLICY_TIMEFMT_H
#define CREDPOLICY_TIMEFMT_H

#include <stddef.h>
#include <time.h>

#define RFC3339_LEN 32

/* Format t in local time, e.g. "2026-11-26T19:22:26+09:00". Returns 0 or -EINVAL. */
int rfc3339_format(time_t t, char *buf, size_t len);

/* The current time, as above. */
int rfc3339_now(char *buf, size_t len);

/* Parse "YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)", or a bare date
 * "YYYY-MM-DD" (midnight UTC). Returns 0 or -EINVAL. */
int rfc3339_parse(const char *s, time_t *out);

#endif
