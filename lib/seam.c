/* Test seams (seam.h): off here, unless built with CREDPOLICY_TEST_HOOKS
 * into the suite's libcpseam_test.la. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "seam.h"

#ifdef CREDPOLICY_TEST_HOOKS
bool seam_any_owner(void)
{
	const char *v = secure_getenv("CREDPOLICY_TESTING");

	return v != NULL && strcmp(v, "1") == 0;
}

const char *seam_locale_dir(void)
{
	const char *dir = secure_getenv("CREDPOLICY_LOCALEDIR");

	return seam_any_owner() && dir != NULL && *dir != '\0' ? dir : NULL;
}

const char *seam_child_env(void)
{
	return seam_any_owner() ? "CREDPOLICY_TESTING=1" : NULL;
}
#else
bool seam_any_owner(void)
{
	return false;
}

const char *seam_locale_dir(void)
{
	return NULL;
}

const char *seam_child_env(void)
{
	return NULL;
}
#endif
