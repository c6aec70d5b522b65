/* main() for fuzz targets in builds without libFuzzer: feed every file
 * named on the command line (directories are walked one level) to
 * LLVMFuzzerTestOneInput, so the seed corpora run in every make check. */
#include "config.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* Optional, as in libFuzzer: sees the command line before any input. */
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	long len;

	if (f == NULL) {
		perror(path);
		return 1;
	}
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	buf = malloc(len > 0 ? (size_t)len : 1);
	if (buf == NULL || fread(buf, 1, (size_t)len, f) != (size_t)len) {
		fprintf(stderr, "%s: read failed\n", path);
		fclose(f);
		free(buf);
		return 1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, (size_t)len);
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	int i, fails = 0, n = 0;
#ifdef FUZZ_CORPUS
	static char corpus[] = FUZZ_CORPUS;
	static char *dflt[] = {NULL, corpus, NULL};

	if (argc < 2) {
		dflt[0] = argv[0];
		argv = dflt;
		argc = 2;
	}
#endif

	if (LLVMFuzzerInitialize != NULL)
		LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			DIR *d = opendir(argv[i]);
			struct dirent *de;
			while (d != NULL && (de = readdir(d)) != NULL) {
				char p[4096];
				if (de->d_name[0] == '.')
					continue;
				snprintf(p, sizeof p, "%s/%s", argv[i], de->d_name);
				fails += replay_file(p);
				n++;
			}
			if (d != NULL)
				closedir(d);
		} else {
			fails += replay_file(argv[i]);
			n++;
		}
	}
	printf("replayed %d inputs, %d unreadable\n", n, fails);
	return fails != 0;
}
