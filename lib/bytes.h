/* Reading fixed-width integers from untrusted bytes, whatever their
 * alignment: file headers and records (breach dictionaries, keyrings, SSH
 * keys, executables' magic). */
#ifndef CREDPOLICY_BYTES_H
#define CREDPOLICY_BYTES_H

#include <stdint.h>

static inline uint32_t read_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline uint32_t read_le32(const unsigned char *p)
{
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

#endif
