/* Binary files the scanner skips unless asked (--binaries): compiled code,
 * bytecode and message catalogues. Their string tables hold words such as
 * "password:" and "token=" by the thousand (gettext catalogues translate
 * every login prompt), which the generic rules would report as stored
 * passwords; the anchors (trufflehog, gitleaks) skip binary files too.
 * Credential stores that are binary (browser databases, keyrings,
 * keystores) are not in this list: their rules name them by path. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "bytes.h"
#include "scan/archive.h"

const char *binary_magic(const unsigned char *b, size_t n)
{
	uint32_t m;

	if (n < 8)
		return NULL;
	m = read_be32(b);
	if (memcmp(b,
	           "\x7f"
	           "ELF",
	           4) == 0)
		return "ELF";
	if (m == 0xfeedface || m == 0xfeedfacf || m == 0xcefaedfe || m == 0xcffaedfe)
		return "Mach-O";
	if (m == 0xcafebabe)
		return "Java class or Mach-O universal";
	if (m == 0x950412de || m == 0xde120495)
		return "gettext catalogue";
	if (memcmp(b, "!<arch>\n", 8) == 0)
		return "ar archive (static library, .deb)";
	/* Python bytecode: a 16-bit version magic (3.x: 3000-3999), "\r\n" */
	if (b[2] == '\r' && b[3] == '\n' && (b[0] | b[1] << 8) >= 3000 && (b[0] | b[1] << 8) < 4000)
		return "Python bytecode";
	/* PE: "MZ", and "PE\0\0" where the DOS header says */
	if (b[0] == 'M' && b[1] == 'Z' && n >= 64) {
		uint32_t pe = read_le32(b + 60);
		if (pe >= 64 && pe <= n - 4 && memcmp(b + pe, "PE\0\0", 4) == 0)
			return "PE";
	}
	return NULL;
}
