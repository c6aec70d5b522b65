#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "timefmt.h"

int rfc3339_format(time_t t, char *buf, size_t len)
{
	struct tm tm;
	long off, oh, om;
	char sign = '+';

	if (localtime_r(&t, &tm) == NULL)
		return -EINVAL;
	off = tm.tm_gmtoff;
	if (off < 0) {
		sign = '-';
		off = -off;
	}
	oh = off / 3600;
	om = (off % 3600) / 60;
	if (snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld", tm.tm_year + 1900,
	             tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, sign, oh,
	             om) >= (int)len)
		return -EINVAL;
	return 0;
}

int rfc3339_now(char *buf, size_t len)
{
	return rfc3339_format(time(NULL), buf, len);
}
