/* Values that stand for a secret without being one: "changeme",
 * "${DB_PASSWORD}", "<password>", "****", documented example keys. */
#ifndef CREDPOLICY_PLACEHOLDER_H
#define CREDPOLICY_PLACEHOLDER_H

#include <stdbool.h>
#include <stddef.h>

bool is_placeholder(const unsigned char *s, size_t n);

#endif
