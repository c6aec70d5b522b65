/* The scan engine. Every rule with a pattern names keywords: literals each
 * of its matches contains. One multi-literal pass (Hyperscan, or our own
 * scanner in PCRE2-only builds) finds every occurrence of the keywords of
 * the rules that apply to the file (a rule's path condition); each one is
 * an anchor, and the rule's PCRE2-JIT pattern is run near it to find the
 * match that contains it (the leftmost one starting at most `reach` bytes
 * before the keyword, at most RULE_MATCH_MAX long). Both prefilters yield
 * the same anchors, so both paths give the same findings. The secret
 * group then goes through the placeholder filter, the rule's stopwords,
 * allowlist and entropy threshold, and its decoder. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <pthread.h>

#ifdef HAVE_HYPERSCAN
#include <hs/hs.h>
#endif

#include "rules/decoders/decode_util.h"
#include "rules/engine.h"
#include "rules/escaped.h"
#include "rules/field.h"
#include "rules/grading.h"
#include "rules/newlines.h"
#include "rules/placeholder.h"
#include "rules/rule_set.h"
#include "rules/table.h"
#include "rules/tuple.h"
#include "bytes.h"
#include "fingerprint.h"
#include "i18n.h"
#include "secure.h"

/* Context kept after the longest match so lookahead sees real data. */
#define LOOKAHEAD   64
#define MATCH_LIMIT 200000
#define DEPTH_LIMIT 10000
/* How far into a buffer a NUL byte makes it binary. */
#define BINARY_SNIFF 4096
/* How far the judges look along a finding's line, either way: a minified
 * file's one line must not make each finding cost the whole buffer */
#define LINE_LOOK 4096
/* The longest string read again as a view (read_views()): a device's
 * whole configuration, a Kubernetes object */
#define VIEW_MAX (1u << 20)
/* The longest value read on between XML's quote entities: the generic
 * rules' patterns take values of 256 bytes at most */
#define QUOTED_VALUE_MAX 256
/* hs_scan() takes an unsigned int length; bigger buffers go in pieces. */
#define HS_PIECE (1u << 30)
/* Hyperscan 5.4's AVX-512 VBMI Teddy reads up to 32 bytes past the end of
 * the buffer it is given (vectorscan issue 322): a buffer that ends near an
 * unmapped page faults. A buffer's last HS_TAIL bytes at most, from
 * HS_TAIL / 2 on, are scanned from a copy with HS_SLACK bytes after it. */
#define HS_TAIL  4096
#define HS_SLACK 64

struct keyword {
	char *lit; /* lower case */
	size_t len;
	/* What Hyperscan is given of it: the whole, or the whole but for a
	 * final run of one byte, cut to two ("private key-----" as "private
	 * key--"). Such a run, three bytes or more after three others, made
	 * hs_compile_lit_multi() take seven times as long for the whole
	 * database (0.11 s against 0.017 s for the shipped rules' 633
	 * keywords of most files: most of a scan's start-up). The rest is
	 * read off the bytes at each occurrence (on_hs_match()). */
	size_t hs_len;
	size_t *rules; /* indices into engine->rules */
	size_t nrules;
	size_t nnamed;   /* rules[0, nnamed): named_by_word(), which an
	                  * occurrence whose name names no credential skips */
	bool everywhere; /* a rule without a path condition names it */
	uint64_t mask;   /* the path bits of the path-limited rules that name it */
	/* Hyperscan is given only the roots: keywords that hold no shorter
	 * keyword covering them (derive_keywords()). Any other keyword
	 * ("db_password") is read off the bytes around each occurrence of its
	 * parent ("password"), itself found through its own ("pass"). */
	size_t parent;     /* SIZE_MAX: a root */
	size_t parent_off; /* where the parent first occurs in it */
	size_t *derived;   /* the keywords whose parent it is, indices into kws */
	size_t nderived;
	/* Which of those an occurrence may start (bit i % 64 of word i / 64:
	 * derived[i]), by the byte before it (row c), the byte after it
	 * (row 256 + c) and the one after that (row 512 + c), lower-cased;
	 * 0 where there is none. Each row is gate_words words. */
	uint64_t *gate;
	size_t gate_words;
};

#ifdef HAVE_HYPERSCAN
/* Keyword databases: one of the keywords of the rules that apply to every
 * file (common), compiled once; per set of path-limited rules that apply
 * to a file (a mask of path bits), one of the keywords only those rules
 * name, compiled when the set is first met and scanned after the common
 * one. Compiling every keyword per mask cost each new kind of file in a
 * tree as much as the first (80 % of the instructions of a scan of /etc);
 * a second pass costs per byte (about 1.8 instructions, callgrind), so the
 * first mask met, and a mask that has scanned HS_FULL_AFTER bytes (the
 * current buffer's included), get a database of both sets (full): one
 * pass, as before. */
#define HS_DBS        16
#define HS_FULL_AFTER (64u << 20)
struct hs_dbs {
	pthread_mutex_t lock;
	hs_database_t *common;
	bool have_common;
	size_t n;
	uint64_t mask[HS_DBS];
	/* per slot; the last: every path-limited keyword, past HS_DBS masks */
	hs_database_t *db[HS_DBS + 1];
	bool have_db[HS_DBS + 1];
	hs_database_t *full[HS_DBS + 1];
	size_t nfull;
	uint64_t bytes[HS_DBS + 1]; /* scanned in two passes, atomically */
};
#endif

/* Where a rule's match can start, as PCRE2 knows it from the pattern: a
 * set of first bytes, or the start of a line. A keyword's window without
 * such a place cannot hold a match, and PCRE2 is not called for it. */
enum start_kind { START_ANY, START_SET, START_LINE };
struct start_guard {
	unsigned char kind;    /* enum start_kind */
	unsigned char nbytes;  /* START_SET of one or two bytes: */
	unsigned char byte[2]; /* these, found with memchr */
	unsigned char set[32]; /* START_SET: bit c of byte c / 8 */
};

struct scan_engine {
	struct rule **rules; /* enabled rules */
	size_t nrules;
	unsigned char *jit;        /* per rule: enum jit_state (pattern_jit()) */
	struct start_guard *start; /* per rule */
	struct keyword *kws;
	size_t nkws;
	size_t maxkw;
	bool any_path;  /* some rule has a path condition */
	size_t *pathed; /* the rules with one, indices into rules: what
	                 * check_paths() and scan_path_rules() visit per file */
	size_t npathed;
	bool use_hs;
	/* Path bits: rule i with keywords and a path condition has bit
	 * pbit[i] (the 64th is shared by the 64th and later ones). A file's
	 * mask is the bits of the rules whose path holds for it. */
	uint64_t *pbit;
#ifdef HAVE_HYPERSCAN
	/* The keywords, caseless, of the rules that apply to a file: those of
	 * every rule without a path condition, and those of the path-limited
	 * rules of the file's mask (struct hs_dbs). A keyword only a
	 * path-limited rule names ("key", for rclone.conf) would otherwise be
	 * reported, and dismissed, all over every other file. With the shipped
	 * rules almost every file has the mask of the crypt-hash rules (all but
	 * /etc/shadow): that mask soon has its full database. */
	struct hs_dbs *dbs;
	size_t overlap; /* between the pieces a buffer is scanned in (scan_hs()) */
#endif
	/* PCRE2-only prefilter: keywords bucketed by their first two bytes */
	unsigned char first[256];
	uint32_t *bucket; /* 65537 offsets into bucket_kw */
	uint32_t *bucket_kw;
};

/* A patch's file header: from `at` on, the lines change a file of
 * context ctx. */
struct hunk {
	size_t at;
	enum scan_context ctx;
};
/* The most file headers read in one buffer; later ones take the last's. */
#define HUNKS_MAX 4096

/* A confirmed match waiting for the end of the buffer. */
struct pending {
	size_t rule;
	size_t ms;     /* where the match starts: which chunk reports it */
	size_t ss, se; /* the secret */
	size_t as, ae; /* the account, if the rule names one */
	size_t ks, ke; /* the field's name, if the rule names one */
	bool generic;
	bool keep;     /* judged a finding (flush()) */
	bool by_shape; /* its keyword lies inside the secret: a format's rule
	                * (ghp_…), not a field's */
};

/* The field judge's last verdicts, by name: a file names the same few
 * fields over and over (token_ttl on every other line of a config), and
 * field_names_credential() depends on the name's bytes alone. */
#define JUDGED_SLOTS    1024
#define JUDGED_NAME_MAX 48
struct judged {
	uint32_t hash;
	unsigned char len; /* 0: an empty slot */
	bool verdict;
	char name[JUDGED_NAME_MAX];
};

/* The field name around one keyword occurrence (word_field()). */
struct word_field {
	bool valid, quoted, fills;
	signed char credential; /* -1: not judged yet */
	size_t ks, ke, reach, from, end;
};

struct scan_scratch {
	const struct scan_engine *e;
	enum tuple_lang tuple_lang; /* the file's, for report() */
#ifdef HAVE_HYPERSCAN
	hs_scratch_t *hs;
#endif
	pcre2_match_data *md;
	pcre2_match_context *mctx; /* with an offset limit, for rule patterns */
	pcre2_match_data *md2;     /* for path and allowlist regexes */
	pcre2_match_context *mctx2;
	pcre2_jit_stack *jit;
	struct pending *pending;
	size_t npending, cap_pending;
	int err;
	unsigned char *path_ok; /* per rule: its path condition holds */
	unsigned char *applies; /* per rule: it has no path condition, or it holds:
	                         * what anchor() asks before confirm() reads the rule */
	uint64_t mask;          /* path bits of those rules */
	char *path;             /* the path path_ok was computed for */
#ifdef HAVE_HYPERSCAN
	uint64_t grown;                 /* bit i: hs is big enough for dbs->db[i], bit
	                                 * HS_DBS + 1 + i: for dbs->full[i], bit 63: common */
	const hs_database_t *picked[2]; /* for db_mask: scanned in turn */
	size_t slot;                    /* db_mask's (HS_DBS for mask 0) */
	uint64_t db_mask;
	bool db_picked;
#endif

	/* the current call */
	const struct scan_input *in;
	size_t until;
	finding_fn cb;
	void *ctx;
	int nfound;
	size_t line_pos;
	long line_no;
	size_t piece_from; /* Hyperscan pieces: anchors starting before are repeats */
	size_t piece_off;  /* where the piece scanned starts in the input */
	size_t piece_len;
#ifdef HAVE_HYPERSCAN
	unsigned char tail[HS_TAIL + HS_SLACK]; /* the last piece's copy (HS_TAIL) */
#endif
	enum scan_context path_ctx; /* what the path shows (grading.h); in a
	                               patch, of the hunk being judged */
	enum scan_context file_ctx; /* what the path and the first line show */
	bool code_name;             /* the path names source code (is_code_path()) */
	bool shell_code;            /* PowerShell: a command's bare words are strings */
	struct hunk *hunks;         /* a patch's file headers, in order */
	size_t nhunks, cap_hunks;
	struct judged judged[JUDGED_SLOTS];
	struct word_field word; /* of the last keyword occurrence judged */
	size_t doc_pos;         /* in_docstring(): scanned up to here, */
	unsigned char doc_open; /* inside this quote's triple (0: none) */

	/* views of strings of text (read_views()): the scratch that reads
	 * them, their text and its offsets; the raw spans of the secrets
	 * they reported (vspans), and of those the raw reading reported
	 * (rspans), which the views leave */
	struct scan_scratch *sub;
	unsigned char *vbuf;
	uint32_t *vat;
	size_t vcap;
	struct view_span {
		size_t s, e;
	} * vspans;
	size_t nvspans, cap_vspans;
	struct view_span *rspans;
	size_t nrspans, cap_rspans;
};

/* ASCII lower case; the engine's keywords are stored lower-cased. */
static inline unsigned char lc(unsigned char c)
{
	return (unsigned char)((unsigned)c - 'A' < 26u ? c + 32 : c);
}

/* A byte of a field's name: [A-Za-z0-9_.-]. A table: the scan asks it for
 * every byte of every name around a keyword. */
static const bool name_byte[256] = {
        ['0' ... '9'] = true, ['A' ... 'Z'] = true, ['a' ... 'z'] = true,
        ['_'] = true,         ['.'] = true,         ['-'] = true,
};

static inline bool is_name_byte(unsigned char c)
{
	return name_byte[c];
}

/* The same, 16 bytes at a time (GCC and Clang vector extensions), on
 * x86-64 and little-endian AArch64, where lane 0 is a word's low byte:
 * 0xff in the lanes of name bytes. A name's length varies from one
 * occurrence to the next, and a loop byte by byte mispredicts its end at
 * each; a keyword such as "token" occurs millions of times per GiB of
 * settings. */
#if (defined(__x86_64__) || defined(__aarch64__)) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define NAME_LANES 1
typedef unsigned char name_v16 __attribute__((vector_size(16)));
static inline name_v16 name_lanes(const unsigned char *p)
{
	name_v16 v, l;

	memcpy(&v, p, sizeof v);
	l = v | 0x20;
	return (name_v16)((name_v16)(l - 'a') < 26) | (name_v16)((name_v16)(v - '0') < 10) |
	       (name_v16)(v == '_') | (name_v16)(v == '.') | (name_v16)(v == '-');
}
#endif

/* The end of the run of name bytes that starts at b[e], at most stop (e
 * itself if e >= stop). */
static size_t name_run_end(const unsigned char *b, size_t e, size_t stop)
{
#ifdef NAME_LANES
	for (; e + 16 <= stop; e += 16) {
		name_v16 m = name_lanes(b + e);
		uint64_t lo, hi;
		memcpy(&lo, &m, 8);
		memcpy(&hi, (const unsigned char *)&m + 8, 8);
		if (~lo != 0)
			return e + (size_t)__builtin_ctzll(~lo) / 8;
		if (~hi != 0)
			return e + 8 + (size_t)__builtin_ctzll(~hi) / 8;
	}
#endif
	while (e < stop && is_name_byte(b[e]))
		e++;
	return e;
}

/* The start of the run of name bytes that ends before b[t], at least
 * stop (t itself if t <= stop). */
static size_t name_run_start(const unsigned char *b, size_t t, size_t stop)
{
#ifdef NAME_LANES
	for (; t >= stop + 16; t -= 16) {
		name_v16 m = name_lanes(b + t - 16);
		uint64_t lo, hi;
		memcpy(&lo, &m, 8);
		memcpy(&hi, (const unsigned char *)&m + 8, 8);
		if (~hi != 0)
			return t - (size_t)__builtin_clzll(~hi) / 8;
		if (~lo != 0)
			return t - 8 - (size_t)__builtin_clzll(~lo) / 8;
	}
#endif
	while (t > stop && is_name_byte(b[t - 1]))
		t--;
	return t;
}

/* Whether p[0, n) is the lower-case literal lit, in any case (ASCII: the
 * locale's case rules would make "I" and "i" differ). */
static inline bool lit_at(const unsigned char *p, const char *lit, size_t n)
{
	size_t i = 0;

	while (i < n && lc(p[i]) == (unsigned char)lit[i])
		i++;
	return i == n;
}

static void engine_free_parts(struct scan_engine *e)
{
	for (size_t i = 0; i < e->nkws; i++) {
		free(e->kws[i].lit);
		free(e->kws[i].rules);
		free(e->kws[i].derived);
		free(e->kws[i].gate);
	}
	free(e->kws);
	free(e->rules);
	free(e->jit);
	free(e->start);
	free(e->bucket);
	free(e->bucket_kw);
#ifdef HAVE_HYPERSCAN
	if (e->dbs != NULL) {
		for (size_t i = 0; i <= HS_DBS; i++) {
			hs_free_database(e->dbs->db[i]);
			hs_free_database(e->dbs->full[i]);
		}
		hs_free_database(e->dbs->common);
		pthread_mutex_destroy(&e->dbs->lock);
		free(e->dbs);
	}
#endif
	free(e->pbit);
	free(e->pathed);
}

void scan_engine_free(struct scan_engine *e)
{
	if (e == NULL)
		return;
	engine_free_parts(e);
	free(e);
}

size_t scan_engine_window(const struct scan_engine *e)
{
	return RULE_MATCH_MAX + LOOKAHEAD;
}

const char *scan_engine_kind(const struct scan_engine *e)
{
	return e->use_hs ? "hyperscan" : "pcre2";
}

void scan_engine_keywords(const struct scan_engine *e, size_t *keywords, size_t *roots)
{
	*keywords = e->nkws;
	*roots = 0;
	for (size_t i = 0; i < e->nkws; i++)
		*roots += e->kws[i].parent == SIZE_MAX;
}

/* A hash of a name, eight bytes at a time (a byte at a time, the
 * multiplications' latency was most of a cache hit). The last word is
 * the name's last eight bytes, overlapping the one before, and a name
 * under eight bytes is read in two overlapping halves: no copy of a
 * variable length, whose size tests cost as much as the rest. Only a slot
 * depends on it: judged_is() compares the names themselves. */
static uint32_t name_hash(const unsigned char *p, size_t n)
{
	uint64_t h = n * UINT64_C(0x9e3779b97f4a7c15), w;
	size_t i = 0;

	if (n >= 8) {
		for (; i + 8 < n; i += 8) {
			memcpy(&w, p + i, 8);
			h = (h ^ w) * UINT64_C(0xff51afd7ed558ccd);
			h ^= h >> 29;
		}
		memcpy(&w, p + n - 8, 8);
	} else if (n >= 4) {
		uint32_t x, y;
		memcpy(&x, p, 4);
		memcpy(&y, p + n - 4, 4);
		w = (uint64_t)x << 32 | y;
	} else {
		w = n == 0 ? 0 : (uint64_t)p[0] << 16 | (uint64_t)p[n / 2] << 8 | p[n - 1];
	}
	h = (h ^ w) * UINT64_C(0xff51afd7ed558ccd);
	h ^= h >> 29;
	return (uint32_t)(h ^ h >> 32);
}

/* A rule that confirm() drops, before its pattern, wherever the name
 * holding its keyword is unquoted and names no credential. */
static bool named_by_word(const struct rule *r)
{
	return r->reach_word && r->key_group > 0 && r->reach == RULE_REACH_DEFAULT && !r->several;
}

/* Keywords by their text while the engine is built (add_keyword(),
 * derive_keywords()): open addressing over indices into e->kws, plus one
 * (0: a free slot), at most half full. A search through every keyword per
 * keyword was a third of a scan's start-up (1,097 keywords, callgrind). */
struct kw_index {
	uint32_t *slot;
	size_t cap; /* a power of two */
};

/* The keyword whose text is s[0, n), or SIZE_MAX. */
static size_t kw_find(const struct kw_index *ix, const struct scan_engine *e, const char *s,
                      size_t n)
{
	if (ix->cap == 0)
		return SIZE_MAX;
	for (size_t h = name_hash((const unsigned char *)s, n) & (ix->cap - 1);;
	     h = (h + 1) & (ix->cap - 1)) {
		const struct keyword *k;
		if (ix->slot[h] == 0)
			return SIZE_MAX;
		k = &e->kws[ix->slot[h] - 1];
		if (k->len == n && memcmp(k->lit, s, n) == 0)
			return ix->slot[h] - 1;
	}
}

static void kw_put(struct kw_index *ix, const struct scan_engine *e, size_t i)
{
	size_t h = name_hash((const unsigned char *)e->kws[i].lit, e->kws[i].len) & (ix->cap - 1);

	while (ix->slot[h] != 0)
		h = (h + 1) & (ix->cap - 1);
	ix->slot[h] = (uint32_t)(i + 1);
}

/* Room for one more keyword than e has. */
static int kw_reserve(struct kw_index *ix, const struct scan_engine *e)
{
	size_t cap = ix->cap ? ix->cap : 64;
	uint32_t *slot;

	while (2 * (e->nkws + 1) > cap)
		cap *= 2;
	if (cap == ix->cap)
		return 0;
	if ((slot = calloc(cap, sizeof *slot)) == NULL)
		return -ENOMEM;
	free(ix->slot);
	ix->slot = slot;
	ix->cap = cap;
	for (size_t i = 0; i < e->nkws; i++)
		kw_put(ix, e, i);
	return 0;
}

static int add_keyword(struct scan_engine *e, struct kw_index *ix, const char *kw, size_t rule)
{
	struct keyword *k = NULL;
	size_t *nr, at = kw_find(ix, e, kw, strlen(kw));

	if (at != SIZE_MAX)
		k = &e->kws[at];
	if (k == NULL) {
		struct keyword *nk;
		if (kw_reserve(ix, e) < 0 ||
		    (nk = realloc(e->kws, (e->nkws + 1) * sizeof *nk)) == NULL)
			return -ENOMEM;
		e->kws = nk;
		k = &nk[e->nkws];
		memset(k, 0, sizeof *k);
		if ((k->lit = strdup(kw)) == NULL)
			return -ENOMEM;
		k->len = strlen(kw);
		k->hs_len = k->len;
		while (k->hs_len > 5 && kw[k->hs_len - 1] == kw[k->hs_len - 3] &&
		       kw[k->hs_len - 2] == kw[k->hs_len - 1])
			k->hs_len--;
		k->parent = SIZE_MAX;
		kw_put(ix, e, e->nkws);
		e->nkws++;
		if (k->len > e->maxkw)
			e->maxkw = k->len;
	}
	k->everywhere |= e->rules[rule]->path_re == NULL;
	k->mask |= e->pbit[rule];
	/* the same rule twice (keywords "pass, pass") anchors once */
	for (size_t i = 0; i < k->nrules; i++)
		if (k->rules[i] == rule)
			return 0;
	nr = realloc(k->rules, (k->nrules + 1) * sizeof *nr);
	if (nr == NULL)
		return -ENOMEM;
	k->rules = nr;
	if (named_by_word(e->rules[rule])) { /* into the front part */
		memmove(nr + k->nnamed + 1, nr + k->nnamed, (k->nrules - k->nnamed) * sizeof *nr);
		nr[k->nnamed++] = rule;
	} else {
		nr[k->nrules] = rule;
	}
	k->nrules++;
	return 0;
}

static int build_buckets(struct scan_engine *e)
{
	e->bucket = calloc(65537, sizeof *e->bucket);
	e->bucket_kw = calloc(e->nkws ? e->nkws : 1, sizeof *e->bucket_kw);
	if (e->bucket == NULL || e->bucket_kw == NULL)
		return -ENOMEM;
	for (size_t i = 0; i < e->nkws; i++) {
		const unsigned char *l = (const unsigned char *)e->kws[i].lit;
		e->bucket[(l[0] << 8 | l[1]) + 1]++;
		e->first[l[0]] = 1;
		if (l[0] >= 'a' && l[0] <= 'z')
			e->first[l[0] - 32] = 1;
	}
	for (size_t i = 1; i <= 65536; i++)
		e->bucket[i] += e->bucket[i - 1];
	{
		uint32_t *fill = calloc(65536, sizeof *fill);
		if (fill == NULL)
			return -ENOMEM;
		for (size_t i = 0; i < e->nkws; i++) {
			const unsigned char *l = (const unsigned char *)e->kws[i].lit;
			unsigned b = (unsigned)(l[0] << 8 | l[1]);
			e->bucket_kw[e->bucket[b] + fill[b]++] = (uint32_t)i;
		}
		free(fill);
	}
	return 0;
}

#ifdef HAVE_HYPERSCAN
/* Keyword c covers keyword k when a database of it is scanned wherever
 * one of k is. */
static bool covers(const struct keyword *c, const struct keyword *k)
{
	return c->everywhere || (!k->everywhere && (k->mask & ~c->mask) == 0);
}

/* The gate of keyword p (struct keyword): for each derived keyword, the
 * bytes around p in it, or any byte where p starts or ends it. */
static int build_gate(struct scan_engine *e, struct keyword *p)
{
	size_t w = (p->nderived + 63) / 64;

	if ((p->gate = calloc(768 * w, sizeof *p->gate)) == NULL)
		return -ENOMEM;
	p->gate_words = w;
	for (size_t i = 0; i < p->nderived; i++) {
		const struct keyword *d = &e->kws[p->derived[i]];
		uint64_t bit = UINT64_C(1) << (i % 64);
		size_t a = d->parent_off + p->len;
		for (unsigned c = 0; c < 256; c++) {
			if (d->parent_off == 0 || c == (unsigned char)d->lit[d->parent_off - 1])
				p->gate[c * w + i / 64] |= bit;
			if (a == d->len || c == (unsigned char)d->lit[a])
				p->gate[(256 + c) * w + i / 64] |= bit;
			if (a + 1 >= d->len || c == (unsigned char)d->lit[a + 1])
				p->gate[(512 + c) * w + i / 64] |= bit;
		}
	}
	return 0;
}

/* Roots and derived keywords. Hyperscan's literal matcher slows with the
 * literals it holds: on bench_scan's text the 587 keywords of every file
 * cost it a fifth more time than their 383 roots, and compile slower.
 * A keyword that holds a shorter keyword covering it ("password" holds
 * "pass") is found through that parent: every occurrence of the keyword
 * has the parent at the same offset, and each occurrence of the parent is
 * found once, so each occurrence of the keyword is found exactly once.
 * Shorter keywords come first, so a keyword's candidate parents are
 * settled before it; the longest is taken, so that a parent's occurrence
 * is checked against few keywords ("password" against "db_password", not
 * every keyword that holds "pass"). */
static int by_length(const void *a, const void *b, void *ctx)
{
	const struct scan_engine *e = ctx;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	if (e->kws[x].len != e->kws[y].len)
		return e->kws[x].len < e->kws[y].len ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* The parent of k: the longest keyword inside it that covers it, of
 * those as long the first; SIZE_MAX for a root. */
static size_t parent_of(const struct scan_engine *e, const struct kw_index *ix,
                        const struct keyword *k)
{
	for (size_t n = k->len - 1; n > 0; n--) {
		size_t best = SIZE_MAX;
		for (size_t at = 0; at + n <= k->len; at++) {
			size_t c = kw_find(ix, e, k->lit + at, n);
			if (c < best && covers(&e->kws[c], k))
				best = c;
		}
		if (best != SIZE_MAX)
			return best;
	}
	return SIZE_MAX;
}

static int derive_keywords(struct scan_engine *e, const struct kw_index *ix)
{
	size_t *order = malloc((e->nkws ? e->nkws : 1) * sizeof *order);

	if (order == NULL)
		return -ENOMEM;
	for (size_t i = 0; i < e->nkws; i++)
		order[i] = i;
	qsort_r(order, e->nkws, sizeof *order, by_length, e);
	for (size_t a = 0; a < e->nkws; a++) {
		struct keyword *k = &e->kws[order[a]], *p;
		size_t best = parent_of(e, ix, k), *d;
		if (best == SIZE_MAX)
			continue;
		p = &e->kws[best];
		if ((d = realloc(p->derived, (p->nderived + 1) * sizeof *d)) == NULL) {
			free(order);
			return -ENOMEM;
		}
		p->derived = d;
		d[p->nderived++] = order[a];
		k->parent = best;
		k->parent_off = (size_t)(strstr(k->lit, p->lit) - k->lit);
	}
	free(order);
	for (size_t i = 0; i < e->nkws; i++)
		if (e->kws[i].nderived > 0 && build_gate(e, &e->kws[i]) < 0)
			return -ENOMEM;
	return 0;
}

/* The database of the keywords of the rules without a path condition
 * (if common) and of those only path-limited rules of path mask `mask`
 * name, caseless; each occurrence is an anchor. Ids are indices into
 * e->kws; *db stays NULL when there are none. (The rules' patterns
 * are not added in prefilter mode: measured with bench/bench_engine, their
 * end-offset reports cost more than the PCRE2 confirmations they would
 * save, on dense and on ordinary text alike.) */
static int build_hs(const struct scan_engine *e, bool common, uint64_t mask, hs_database_t **db,
                    char *err, size_t errlen)
{
	const char **exprs = calloc(e->nkws ? e->nkws : 1, sizeof *exprs);
	unsigned *flags = calloc(e->nkws ? e->nkws : 1, sizeof *flags);
	unsigned *ids = calloc(e->nkws ? e->nkws : 1, sizeof *ids);
	size_t *lens = calloc(e->nkws ? e->nkws : 1, sizeof *lens);
	hs_compile_error_t *cerr = NULL;
	size_t n = 0;
	int rc = 0;

	*db = NULL;
	if (exprs == NULL || flags == NULL || ids == NULL || lens == NULL) {
		rc = -ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < e->nkws; i++) {
		if (e->kws[i].parent != SIZE_MAX) /* found through its parent */
			continue;
		if (e->kws[i].everywhere ? !common : !(e->kws[i].mask & mask))
			continue;
		exprs[n] = e->kws[i].lit;
		lens[n] = e->kws[i].hs_len;
		flags[n] = HS_FLAG_CASELESS;
		ids[n++] = (unsigned)i;
	}
	if (n > 0 && hs_compile_lit_multi(exprs, flags, ids, lens, (unsigned)n, HS_MODE_BLOCK, NULL,
	                                  db, &cerr) != HS_SUCCESS) {
		snprintf(err, errlen, _("Hyperscan cannot compile keyword %d: %s"),
		         cerr ? cerr->expression : -1, cerr ? cerr->message : "?");
		hs_free_compile_error(cerr);
		rc = -EINVAL;
	}
out:
	free(exprs);
	free(flags);
	free(ids);
	free(lens);
	return rc;
}
#endif

/* What PCRE2 knows of where a match of re can start (start_guard). In
 * UTF mode a caseless letter may have other cases beyond ASCII: no guard. */
static void start_guard_of(const pcre2_code *re, struct start_guard *g)
{
	uint32_t type = 0, unit = 0, opts = 0, nl = 0;
	const uint8_t *map = NULL;

	g->kind = START_ANY;
	if (pcre2_pattern_info(re, PCRE2_INFO_ALLOPTIONS, &opts) != 0 || (opts & PCRE2_UTF) ||
	    pcre2_pattern_info(re, PCRE2_INFO_FIRSTCODETYPE, &type) != 0)
		return;
	if (type == 1 && pcre2_pattern_info(re, PCRE2_INFO_FIRSTCODEUNIT, &unit) == 0 &&
	    unit < 256) {
		memset(g->set, 0, sizeof g->set);
		g->set[unit >> 3] |= (unsigned char)(1u << (unit & 7));
		/* caseless or not: both cases of a letter (a superset is safe) */
		if ((unit | 32) - 'a' < 26u) {
			unit ^= 32;
			g->set[unit >> 3] |= (unsigned char)(1u << (unit & 7));
		}
		g->kind = START_SET;
	} else if (type == 2 && pcre2_pattern_info(re, PCRE2_INFO_NEWLINE, &nl) == 0 &&
	           (nl == PCRE2_NEWLINE_LF || nl == PCRE2_NEWLINE_CRLF ||
	            nl == PCRE2_NEWLINE_ANYCRLF || nl == PCRE2_NEWLINE_CR)) {
		g->kind = START_LINE; /* after \n or \r: a superset for each of these */
	} else if (type == 0 && pcre2_pattern_info(re, PCRE2_INFO_FIRSTBITMAP, &map) == 0 &&
	           map != NULL) {
		memcpy(g->set, map, sizeof g->set);
		g->kind = START_SET;
	}
	/* a set of one or two bytes (a letter in both cases) is looked for
	 * with memchr, as fast as PCRE2's own search */
	g->nbytes = 0;
	for (unsigned c = 0; g->kind == START_SET && c < 256; c++) {
		if (!(g->set[c >> 3] & (1u << (c & 7))))
			continue;
		if (g->nbytes == 2) {
			g->nbytes = 0; /* more: the bitmap */
			break;
		}
		g->byte[g->nbytes++] = (unsigned char)c;
	}
}

/* A match can start somewhere in b[t, limit]. */
static bool may_start(const struct start_guard *g, const unsigned char *b, size_t t, size_t limit)
{
	switch (g->kind) {
	case START_SET:
		if (g->nbytes > 0)
			return memchr(b + t, g->byte[0], limit - t + 1) != NULL ||
			       (g->nbytes == 2 && memchr(b + t, g->byte[1], limit - t + 1) != NULL);
		for (size_t p = t; p <= limit; p++)
			if (g->set[b[p] >> 3] & (1u << (b[p] & 7)))
				return true;
		return false;
	case START_LINE:
		return t == 0 || memchr(b + t - 1, '\n', limit - t + 1) != NULL ||
		       memchr(b + t - 1, '\r', limit - t + 1) != NULL;
	default:
		return true;
	}
}

int scan_engine_build_flags(struct scan_engine **out, const struct rule_set *rs, unsigned flags,
                            char *err, size_t errlen)
{
	struct scan_engine *e = calloc(1, sizeof *e);
	struct kw_index ix = {0};
	unsigned npath = 0; /* path bits given out */
	int rc = 0;

	if (errlen > 0)
		err[0] = '\0';
	if (e == NULL)
		return -ENOMEM;
	e->rules = calloc(rs->nrules ? rs->nrules : 1, sizeof *e->rules);
	e->jit = calloc(rs->nrules ? rs->nrules : 1, 1);
	e->pbit = calloc(rs->nrules ? rs->nrules : 1, sizeof *e->pbit);
	e->start = calloc(rs->nrules ? rs->nrules : 1, sizeof *e->start);
	e->pathed = calloc(rs->nrules ? rs->nrules : 1, sizeof *e->pathed);
	if (e->rules == NULL || e->jit == NULL || e->pbit == NULL || e->start == NULL ||
	    e->pathed == NULL) {
		rc = -ENOMEM;
		goto fail;
	}
	for (size_t i = 0; i < rs->nrules; i++) {
		struct rule *r = &rs->rules[i];
		if (!r->enabled)
			continue;
		e->rules[e->nrules] = r;
		if (r->re != NULL) {
			start_guard_of(r->re, &e->start[e->nrules]);
		}
		if (r->path_re != NULL) {
			e->any_path = true;
			e->pathed[e->npathed++] = e->nrules;
		}
		if (r->path_re != NULL && r->re != NULL && r->nkeywords > 0)
			e->pbit[e->nrules] = UINT64_C(1) << (npath < 63 ? npath++ : 63);
		for (size_t k = 0; r->re != NULL && k < r->nkeywords; k++)
			if ((rc = add_keyword(e, &ix, r->keywords[k], e->nrules)) < 0)
				goto fail;
		e->nrules++;
	}
	if ((rc = build_buckets(e)) < 0)
		goto fail;
#ifdef HAVE_HYPERSCAN
	/* Hyperscan needs SSSE3; without it the PCRE2 path gives the same results */
	if (!(flags & SCAN_ENGINE_PCRE2_ONLY) && hs_valid_platform() == HS_SUCCESS) {
		if ((e->dbs = calloc(1, sizeof *e->dbs)) == NULL) {
			rc = -ENOMEM;
			goto fail;
		}
		pthread_mutex_init(&e->dbs->lock, NULL);
		e->overlap = e->maxkw;
		e->use_hs = true;
		if ((rc = derive_keywords(e, &ix)) < 0)
			goto fail;
	}
#endif
	free(ix.slot);
	*out = e;
	return 0;
fail:
	if (rc == -ENOMEM && errlen > 0)
		snprintf(err, errlen, "%s", _("out of memory building the scan engine"));
	free(ix.slot);
	scan_engine_free(e);
	return rc;
}

int scan_engine_build(struct scan_engine **out, const struct rule_set *rs, char *err, size_t errlen)
{
	return scan_engine_build_flags(out, rs, 0, err, errlen);
}

int scan_scratch_new(const struct scan_engine *e, struct scan_scratch **out)
{
	struct scan_scratch *s = calloc(1, sizeof *s);

	if (s == NULL)
		return -ENOMEM;
	s->e = e;
	s->md = pcre2_match_data_create(100, NULL);
	s->mctx = pcre2_match_context_create(NULL);
	s->md2 = pcre2_match_data_create(10, NULL);
	s->mctx2 = pcre2_match_context_create(NULL);
	s->jit = pcre2_jit_stack_create(32 * 1024, 512 * 1024, NULL);
	s->path_ok = calloc(e->nrules ? e->nrules : 1, 1);
	s->applies = calloc(e->nrules ? e->nrules : 1, 1);
	if (s->md == NULL || s->mctx == NULL || s->md2 == NULL || s->mctx2 == NULL ||
	    s->jit == NULL || s->path_ok == NULL || s->applies == NULL)
		goto fail;
	for (size_t i = 0; i < e->nrules; i++)
		s->applies[i] = e->rules[i]->path_re == NULL;
	for (int i = 0; i < 2; i++) {
		pcre2_match_context *c = i ? s->mctx2 : s->mctx;
		pcre2_jit_stack_assign(c, NULL, s->jit);
		pcre2_set_match_limit(c, MATCH_LIMIT);
		pcre2_set_depth_limit(c, DEPTH_LIMIT);
	}
#ifdef HAVE_HYPERSCAN
	/* s->hs is allocated for each database when it is first used */
#endif
	*out = s;
	return 0;
fail:
	scan_scratch_free(s);
	return -ENOMEM;
}

void scan_scratch_free(struct scan_scratch *s)
{
	if (s == NULL)
		return;
#ifdef HAVE_HYPERSCAN
	hs_free_scratch(s->hs);
#endif
	pcre2_match_data_free(s->md); /* holds offsets only, not text */
	pcre2_match_context_free(s->mctx);
	pcre2_match_data_free(s->md2);
	pcre2_match_context_free(s->mctx2);
	pcre2_jit_stack_free(s->jit);
	free(s->pending);
	free(s->hunks);
	free(s->path_ok);
	free(s->applies);
	free(s->path);
	secure_wipe(s->judged, sizeof s->judged); /* names read from the input */
	scan_scratch_free(s->sub);
	free(s->vbuf); /* wiped after each view */
	free(s->vat);
	free(s->vspans);
	free(s->rspans);
	free(s);
}

static bool judged_is(const struct judged *j, uint32_t h, const unsigned char *name, size_t n)
{
	return j->len == n && j->hash == h && memcmp(j->name, name, n) == 0;
}

/* field_names_credential(), remembered per name: two ways per set, the
 * last name judged first, so that two names of a file that share a set
 * do not push each other out on every line. */
static bool names_credential(struct scan_scratch *s, const unsigned char *name, size_t n)
{
	uint32_t h;
	struct judged *j;

	if (n == 0 || n > JUDGED_NAME_MAX)
		return field_names_credential((const char *)name, n);
	h = name_hash(name, n);
	j = &s->judged[h % (JUDGED_SLOTS / 2) * 2];
	if (judged_is(&j[0], h, name, n))
		return j[0].verdict;
	if (judged_is(&j[1], h, name, n))
		return j[1].verdict;
	j[1] = j[0];
	j->hash = h;
	j->len = (unsigned char)n;
	memcpy(j->name, name, n);
	j->verdict = field_names_credential((const char *)name, n);
	return j->verdict;
}

static double shannon(const unsigned char *p, size_t n)
{
	unsigned cnt[256] = {0};
	double h = 0;

	for (size_t i = 0; i < n; i++)
		cnt[p[i]]++;
	for (int i = 0; i < 256; i++)
		if (cnt[i]) {
			double q = (double)cnt[i] / (double)n;
			h -= q * log2(q);
		}
	secure_wipe(cnt, sizeof cnt); /* the secret's byte histogram */
	return h;
}

static bool contains_ci(const unsigned char *s, size_t n, const char *word)
{
	size_t w = strlen(word);

	for (size_t i = 0; i + w <= n; i++)
		if (lit_at(s + i, word, w))
			return true;
	return false;
}

static bool key_like(const unsigned char *s, size_t n);

/* A data file: configuration (.env, .ini, .properties, YAML, JSON, XML,
 * shell), or a test suite's file that is not source code (in a patch, a
 * hunk's own name is not read: only configuration counts). There no name
 * is a variable: "POSTGRES_PASSWORD=admin_password" stores the name's
 * text (a rule's code-allowlist does not apply). */
static bool in_data_file(const struct scan_scratch *s)
{
	return s->path_ctx == CTX_CONFIG ||
	       (s->path_ctx == CTX_TEST && s->nhunks == 0 && !s->code_name);
}

/* A comment right after the value that starts by telling the reader to
 * put their own there ("smtp_password # Enter your SMTP password",
 * "; replace with yours"): the value is a fill-in instruction, a name
 * standing for the password. Not a comment that only mentions the words
 * ("# replaced in March", "# ask your lead"). */
static bool fill_in_comment(const struct scan_scratch *s, const unsigned char *sec, size_t n)
{
	static const char *const tell[] = {"enter", "replace", "insert", "fill", "paste"};
	const unsigned char *b = s->in->buf, *end = b + s->in->len, *p = sec + n;
	size_t w = 0;

	if (sec < b || sec + n > end)
		return false; /* a decoded copy */
	while (p < end && p - (sec + n) < 8 &&
	       (*p == '"' || *p == '\'' || *p == ',' || *p == ' ' || *p == '\t'))
		p++;
	if (p < end && (*p == '#' || *p == ';'))
		p++;
	else if (end - p >= 2 && p[0] == '/' && p[1] == '/')
		p += 2;
	else
		return false;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '#' || *p == '/'))
		p++;
	while (p + w < end && w < 16 && ((p[w] | 0x20) >= 'a' && (p[w] | 0x20) <= 'z'))
		w++;
	for (size_t i = 0; i < sizeof tell / sizeof *tell; i++)
		if (strlen(tell[i]) == w && lit_at(p, tell[i], w))
			return true;
	return false;
}

/* A common password alone between quotes ('secret'): a weak literal, even
 * where a name in quotes is a map's key (a code-allowlist's), when the
 * field is the credential itself, its name ending with the credential's
 * word (SECRET_KEY, jwtSecret, APISECRET, client_secret_2); not a field
 * about one (SECRET_MOUNT_POINT, secret_backend), an enumerator named in
 * capitals as its value (SECRET = 'secret'), or a word inside a longer
 * string that quotes code ('x.secret = secret;'). */
static bool weak_literal(const struct scan_scratch *s, const unsigned char *key, size_t kn,
                         const unsigned char *sec, size_t n)
{
	static const char *const itself[] = {"secret", "key", "password", "passwd",
	                                     "pass",   "pwd", "token"};
	const unsigned char *b = s->in->buf;
	bool lower = false;

	if (n < WEAK_VALUE_MIN || sec <= b || sec + n >= b + s->in->len ||
	    (sec[-1] != '"' && sec[-1] != '\'') || sec[n] != sec[-1] || !is_weak_value(sec, n))
		return false;
	for (size_t i = 0; i < kn; i++)
		lower |= key[i] >= 'a' && key[i] <= 'z';
	if (kn == n && !lower && strncasecmp((const char *)key, (const char *)sec, n) == 0)
		return false; /* SECRET = 'secret': the enumerator's own name */
	while (kn > 0 && ((key[kn - 1] >= '0' && key[kn - 1] <= '9') || key[kn - 1] == '_' ||
	                  key[kn - 1] == '-' || key[kn - 1] == '.'))
		kn--; /* an index: client_secret_2 */
	for (size_t i = 0; i < sizeof itself / sizeof *itself; i++) {
		size_t w = strlen(itself[i]);
		if (kn >= w && strncasecmp((const char *)key + kn - w, itself[i], w) == 0)
			return true;
	}
	return false;
}

/* A PowerShell script or module: a shell, whose command lines take bare
 * words as strings (net use \\h\s /user:u pw), while a bare word after
 * "$x =" is a command run (Read-Host), as in other code. */
static bool is_powershell_path(const char *path)
{
	size_t n = path != NULL ? strlen(path) : 0;

	return (n > 4 && strcasecmp(path + n - 4, ".ps1") == 0) ||
	       (n > 5 && strcasecmp(path + n - 5, ".psm1") == 0);
}

/* On a PowerShell command line (a rule without a field name), a bare
 * argument shaped as a password ("Zk9pQ2mwE", not a word of prose) or a
 * known weak one (changeme, hunter2; not "password", a usage text's) is a
 * string; an expression is none: (…), @splat, $var, {block}, [type]. */
static bool shell_argument(const struct scan_scratch *s, const struct rule *r,
                           const unsigned char *sec, size_t n)
{
	bool usage = (n == 8 && strncasecmp((const char *)sec, "password", 8) == 0) ||
	             (n == 6 && strncasecmp((const char *)sec, "passwd", 6) == 0);

	return s->shell_code && r->key_group <= 0 && n > 0 && strchr("($@{[", sec[0]) == NULL &&
	       (key_like(sec, n) || (n >= WEAK_VALUE_MIN && is_weak_value(sec, n) && !usage));
}

/* A regular expression: an escaped class (\w, \d, \s and their
 * negations, \b) and an operator of the language ([, (, *, +, ?, {). */
static bool is_regex(const unsigned char *s, size_t n)
{
	bool cls = false, op = false;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n && strchr("wWdDsSb", s[i + 1]) != NULL && s[i + 1]) {
			cls = true;
			i++;
		} else if (strchr("[(*+?{", s[i]) != NULL && s[i] != '\0') {
			op = true;
		}
	}
	return cls && op;
}

/* A string with a conversion (%s, %0.f, %(name)s) that Python's %
 * operator formats after its closing quote: 'x%sy' % v, "%d" % (n,). */
static bool formatted_after(const struct scan_scratch *s, const unsigned char *sec, size_t n)
{
	const unsigned char *b = s->in->buf, *end = b + s->in->len, *q = sec + n;
	const unsigned char *pct = memchr(sec, '%', n);

	if (pct == NULL || pct + 1 >= sec + n || pct[1] == '%' || pct[1] == ' ' || q >= end ||
	    (*q != '\'' && *q != '"'))
		return false;
	for (q++; q < end && (*q == ' ' || *q == '\t'); q++)
		;
	if (q + 1 >= end || *q != '%')
		return false;
	for (q++; q < end && (*q == ' ' || *q == '\t'); q++)
		;
	return q < end && (*q == '(' || *q == '_' || ((*q | 0x20) >= 'a' && (*q | 0x20) <= 'z'));
}

/* The name at ks is the last part of a module's or a class's name,
 * capitalised, quoted as a map's key: 'Test2::Event::Pass' => '1.302185'
 * (Config::Password = "x" in C++, $MyApp::Config::DBPassword in Perl are
 * a static member and a package's variable: fields). */
static bool module_part(const unsigned char *b, size_t ks)
{
	size_t t = ks;

	if (!(ks >= 3 && b[ks - 1] == ':' && b[ks - 2] == ':' && b[ks] >= 'A' && b[ks] <= 'Z'))
		return false;
	/* the whole name quoted, a map's key: 'Test2::Event::Pass' => '1.3' */
	while (t > 0 && ks - t < 256 && (is_name_byte(b[t - 1]) || b[t - 1] == ':'))
		t--;
	return t > 0 && (b[t - 1] == '\'' || b[t - 1] == '"');
}

/* The word "const" before the name at key, on its line. */
static bool declared_const(const struct scan_scratch *s, const unsigned char *key)
{
	const unsigned char *b = s->in->buf, *p = key;

	if (key < b || key > b + s->in->len)
		return false;
	while (p > b && (p[-1] == ' ' || p[-1] == '\t'))
		p--;
	return p - b >= 5 && p < key && memcmp(p - 5, "const", 5) == 0 &&
	       (p - b == 5 || !is_name_byte(p[-6]) || p[-6] == '.' || p[-6] == '-');
}

static bool all_digits(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

/* The reference judge and the rule's own filters: true when the value is
 * not a stored credential. In source code an unquoted value that is an
 * expression (a variable, a member, a call) is a reference too. */
static bool filtered(struct scan_scratch *s, const struct rule *r, const unsigned char *key,
                     size_t kn, const unsigned char *sec, size_t n, bool quoted)
{
	if (n == 0)
		return true;
	/* in a binary file a string ends at its NUL: "(using password: %s)"
	 * in a program's messages is "%s)", a format */
	if (r->decoder == NULL && s->file_ctx == CTX_BINARY && memchr(sec, '\0', n) != NULL) {
		n = (size_t)((const unsigned char *)memchr(sec, '\0', n) - sec);
		if (n == 0)
			return true;
	}
	/* the judge reads text: a binary value (a key store's DER) is judged
	 * by the rule's decoder alone; so is a whole statement a decoder reads
	 * (a dump's row, whose other columns may hold a mask) */
	if (memchr(sec, '\0', n) == NULL && !(r->decoder != NULL && r->decoder->reads_statement) &&
	    is_placeholder(sec, n))
		return true;
	if (r->generic && is_location(sec, n))
		return true;
	/* a message catalog's label (password: Contraseña); elsewhere the
	 * word is a weak password (DB_PASSWORD=senha) */
	if (kn > 0 && s->path_ctx == CTX_DOC &&
	    field_value_translates((const char *)key, kn, (const char *)sec, n))
		return true;
	/* a number under the name of several credentials counts them
	 * ("passwords: 3", "max_tokens = 4096") */
	if (kn > 0 && all_digits(sec, n) && field_names_several((const char *)key, kn))
		return true;
	/* a constant declared (const TOKEN_WRITE = 131296, in a program or
	 * in a list of a program's API): its value is an expression */
	if (!quoted && kn > 0 && declared_const(s, key))
		return true;
	/* in source code a string followed by Python's % operator is a
	 * format ('VS%0.f0COMNTOOLS' % version), one with a regular
	 * expression's classes a pattern (r'[^\W\d]\w*'), and a private
	 * name a method's or attribute's, given to a call or under a key
	 * named by its head ('_inc_changes_count', sizeKey = '_contentLength';
	 * DB_PASSWORD = "_admin_pass" is a value) */
	if (quoted && s->path_ctx == CTX_CODE &&
	    (formatted_after(s, sec, n) || is_regex(sec, n) ||
	     (is_private_name(sec, n) && (kn == 0 || field_names_key_only((const char *)key, kn)))))
		return true;
	/* in source code a stored credential is a string literal: an
	 * unquoted value after a credential-named field is an expression
	 * (a number, a constant, a variable, a call), unless no expression
	 * spells it (is_not_expression(): "hope]nobody[finds"). A format's
	 * own rule knows a key-like value by its shape: a JWT's "eyJ….eyJ….x" is no
	 * member access */
	if (!quoted && s->path_ctx == CTX_CODE && !shell_argument(s, r, sec, n) &&
	    !is_not_expression(sec, n) &&
	    (r->key_group > 0 || (is_code_reference(sec, n) && (r->generic || !key_like(sec, n)))))
		return true;
	for (size_t i = 0; i < r->nstopwords; i++)
		if (contains_ci(sec, n, r->stopwords[i]))
			return true;
	for (size_t i = 0; i < r->nallowlist; i++)
		if (pcre2_match(r->allow_re[i], sec, n, 0, 0, s->md2, s->mctx2) >= 0 &&
		    (!r->allow_code[i] || !in_data_file(s) || fill_in_comment(s, sec, n)) &&
		    !(r->allow_code[i] && weak_literal(s, key, kn, sec, n)))
			return true;
	if (r->entropy > 0 && shannon(sec, n) < r->entropy)
		return true;
	return false;
}

static bool in_string(const unsigned char *b, size_t pos);
static bool in_template_expr(const unsigned char *b, size_t pos);
static size_t name_end(const unsigned char *b, size_t ss, size_t se);
static bool is_comparison(const unsigned char *b, const struct pending *p);

/* Eight characters or more with a digit, or with both cases other than
 * as words written together ("EnvEventSource" is a name). */
static bool key_like(const unsigned char *s, size_t n)
{
	bool digit = false, upper = false, lower = false, words = true;

	for (size_t i = 0; i < n; i++) {
		bool up = s[i] >= 'A' && s[i] <= 'Z', low = s[i] >= 'a' && s[i] <= 'z';
		digit |= s[i] >= '0' && s[i] <= '9';
		upper |= up;
		lower |= low;
		/* a capital starts a word of lower-case letters */
		words &= low || (up && i + 1 < n && s[i + 1] >= 'a' && s[i + 1] <= 'z');
		/* an option string, "StrictHostKeyChecking=no", not a key's
		 * base64 padding */
		if (s[i] == ' ' || (s[i] == '=' && i + 2 < n && s[i + 1] != '='))
			return false;
	}
	return n >= 8 && (digit || (upper && lower && !words));
}

/* A segment of a name: three letters or more, all lower case or
 * capitalised ("wireless", "Verify"). */
static bool word_segment(const unsigned char *s, size_t n)
{
	if (n < 3)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!(s[i] >= 'a' && s[i] <= 'z') && !(i == 0 && s[i] >= 'A' && s[i] <= 'Z'))
			return false;
	return true;
}

/* Twenty characters or more of a key's alphabet, letters and digits
 * mixed, as varied as random characters are, and not words joined by
 * separators: an API key, not a name ("gnutls_x509_crt_verify",
 * "802-11-wireless.wake-on-wlan"), a path or a sentence. */
static bool random_token(const unsigned char *s, size_t n)
{
	size_t digits = 0, letters = 0, segments = 0, words = 0, from = 0;

	if (n < 20)
		return false;
	for (size_t i = 0; i <= n; i++) {
		if (i == n || (s[i] != '\0' && strchr("+/=_-.:", s[i]) != NULL)) {
			if (i > from) {
				segments++;
				words += word_segment(s + from, i - from);
			}
			from = i + 1;
			continue;
		}
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else if ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))
			letters++;
		else
			return false;
	}
	return digits >= 2 && letters >= 2 && (words < 2 || 2 * words < segments) &&
	       key_like(s, n) && shannon(s, n) >= 3.5;
}

/* A public key in DER, base64-encoded ("MFkwEwYHKoZIzj0CAQY…",
 * "MIIBIjANBgkq…"): a SubjectPublicKeyInfo is a sequence of an algorithm
 * and the key as a bit string. An encrypted private key starts the same
 * way and holds an octet string. */
static bool public_key_der(const unsigned char *s, size_t n)
{
	unsigned char d[48];
	size_t take = n < 64 ? n - n % 4 : 64, i = 2, alg;
	ssize_t got;
	bool spki = false;

	if (take < 16)
		return false;

	got = base64_decode_buf(s, take, d, sizeof d);
	if (got >= 12 && d[0] == 0x30) {
		if (d[1] & 0x80)
			i += d[1] & 0x7f; /* the length's own bytes */
		if (i + 3 <= (size_t)got && d[i] == 0x30 && !(d[i + 1] & 0x80)) {
			alg = i + 2 + d[i + 1];
			spki = alg < (size_t)got && d[i + 2] == 0x06 && d[alg] == 0x03;
		}
	}
	secure_wipe(d, sizeof d); /* the value's bytes, decoded */
	return spki;
}

static bool signing_key_id(const unsigned char *key, size_t kn, const unsigned char *v, size_t n)
{
	bool gpg = false, sign = false;

	for (size_t i = 0; i + 3 <= kn; i++) {
		gpg |= lit_at(key + i, "gpg", 3) || lit_at(key + i, "pgp", 3);
		sign |= i + 4 <= kn && lit_at(key + i, "sign", 4);
	}
	if (!gpg && !sign)
		return false;
	if (n > 2 && v[0] == '0' && lc(v[1]) == 'x') {
		v += 2;
		n -= 2;
	}
	for (size_t i = 0; i < n; i++)
		if (hex_value[v[i]] < 0)
			return false;
	return n == 8 || n == 16 || (gpg && n == 40);
}

/* Past the closing quote at q and blanks, a membership test's operator:
 * in, not in ("secret" in retval). */
static bool tested_after(const unsigned char *b, size_t len, size_t q)
{
	size_t i = q + 1;

	if (q >= len || (b[q] != '"' && b[q] != '\''))
		return false;
	while (i < len && (b[i] == ' ' || b[i] == '\t'))
		i++;
	if (i == q + 1)
		return false;
	return (i + 3 <= len && lit_at(b + i, "in", 2) && (b[i + 2] == ' ' || b[i + 2] == '\t')) ||
	       (i + 7 <= len && lit_at(b + i, "not in", 6) &&
	        (b[i + 6] == ' ' || b[i + 6] == '\t'));
}

/* Whether "name=" follows the blanks at i: the value before them is one
 * of a list of name=value pairs, not a word of a message. */
static bool pair_follows(const unsigned char *b, size_t len, size_t i)
{
	size_t n;

	while (i < len && (b[i] == ' ' || b[i] == '\t'))
		i++;
	for (n = i; n < len && n - i < 64 && is_name_byte(b[n]); n++)
		;
	return n > i && n + 1 < len && b[n] == '=' && b[n + 1] != '=';
}

/* What the bytes around a field's name and its value say in a program: a
 * name that ends a string as "$name" and is then compared, "= word"
 * unquoted, is a variable's value read (shell's test "x$pw" = xyes, or
 * x$pw = xyes), not a field set. In source code, a value in single quotes of one character
 * or one escape is a character ("*pw == '\0'"), "cond ? name : x" is a
 * conditional, not a key, a message's words are no value, and under a
 * name that is a key by its head alone a value must look like a key. */
static bool use_dismisses(const struct scan_scratch *s, const struct pending *p)
{
	const unsigned char *b = s->in->buf;
	size_t n = p->se - p->ss;

	if (p->ke > p->ks && p->ks > 0 && b[p->ks - 1] == '$' && p->ke < s->in->len &&
	    (b[p->ke] == '"' || (p->ks > 1 && b[p->ks - 2] == 'x')) && p->ss > 0 &&
	    b[p->ss - 1] != '"' && b[p->ss - 1] != '\'')
		return true;
	/* a signing key named by its id: 8 or 16 hex digits, or 40 (the
	 * fingerprint) under a GnuPG name ("sign_key: E709712C") */
	if (p->ke > p->ks && signing_key_id(b + p->ks, p->ke - p->ks, b + p->ss, n))
		return true;
	/* a literal of one or two characters compared is a prefix or a
	 * character tested ("0x", "-"), not a password */
	if (n <= 2 && is_comparison(b, p))
		return true;
	/* in a program, a literal looked up, the operand of a membership test
	 * ("secret" in retval): the field holds the test's truth, not the
	 * literal (a literal compared with a credential is one:
	 * credential-comparison); in prose "x" in the lobby is English */
	if (s->path_ctx == CTX_CODE && in_string(b, p->ss) && tested_after(b, s->in->len, p->se))
		return true;
	/* a name compared to the field ("when: pw == default_pw"; not a
	 * key-like word, which shell compares as a literal: [[ $PW == Xk9m2 ]])
	 * or inside a template's expression ("{{ x | combine({'PASS': pw})
	 * }}") is a variable, whatever the file */
	if (is_code_reference(b + p->ss, name_end(b, p->ss, p->se) - p->ss) &&
	    (in_template_expr(b, p->ss) ||
	     (!in_string(b, p->ss) && is_comparison(b, p) && !key_like(b + p->ss, n))))
		return true;
	/* under a name that is a key by its head alone, a small number or a
	 * duration is an identifier or a setting (TYPE_DNSKEY=48, rekey =
	 * 20m), never a key */
	if (p->ke > p->ks && n <= 5 && b[p->ss] >= '0' && b[p->ss] <= '9' &&
	    field_names_key_only((const char *)b + p->ks, p->ke - p->ks)) {
		size_t i = p->ss, e = p->se;
		while (e > i && (b[e - 1] == ')' || b[e - 1] == ',' || b[e - 1] == ';' ||
		                 b[e - 1] == '%' || b[e - 1] == '}'))
			e--; /* the list, statement or template tag it ends */
		while (i < e && b[i] >= '0' && b[i] <= '9')
			i++;
		if (i == e || (i + 1 == e && strchr("smhdw", b[i]) != NULL))
			return true;
	}
	/* under "key" alone (Key=, key1:) a map's key is a word, a name or a
	 * path; a secret one is a random token */
	if (p->ke > p->ks && field_names_bare_key((const char *)b + p->ks, p->ke - p->ks) &&
	    (!random_token(b + p->ss, n) || is_comparison(b, p)))
		return true;
	/* a public key under a name that is a key by its head (key:,
	 * verifyKey:) is no secret */
	if (p->ke > p->ks && field_names_key_only((const char *)b + p->ks, p->ke - p->ks) &&
	    public_key_der(b + p->ss, n))
		return true;
	if (s->path_ctx != CTX_CODE)
		return false;
	/* a table indexed by a constant ([ISC_R_BADTOKEN] = "bad token"):
	 * the name is the index's, the value what the table holds for it */
	if (p->ke > p->ks && p->ks > 0 && b[p->ks - 1] == '[' && p->ke < s->in->len &&
	    b[p->ke] == ']') {
		size_t i = p->ks - 1;
		bool caps = true;
		for (size_t k = p->ks; k < p->ke && caps; k++)
			caps = (b[k] >= 'A' && b[k] <= 'Z') || (b[k] >= '0' && b[k] <= '9') ||
			       b[k] == '_';
		while (i > 0 && (b[i - 1] == ' ' || b[i - 1] == '\t'))
			i--;
		if (caps && (i == 0 || b[i - 1] == '\n'))
			return true;
	}
	if (p->ss > 0 && p->se < s->in->len && b[p->ss - 1] == '\'' && b[p->se] == '\'' &&
	    (n == 1 || (n <= 4 && b[p->ss] == '\\')))
		return true;
	/* one letter is a type or a flag (Getopt's 'password=s'), not a
	 * password a program stores */
	if (n == 1 && lc(b[p->ss]) >= 'a' && lc(b[p->ss]) <= 'z')
		return true;
	/* a name that is a key by its head alone (rule_key, long_key) holds
	 * in a program a map's key as often as a secret one: a secret key
	 * then looks like one, eight or more characters with a digit or both
	 * cases, not a word or an identifier ("fts_filters", "mergetag") */
	if (p->ke > p->ks && !key_like(b + p->ss, n) &&
	    field_names_key_only((const char *)b + p->ks, p->ke - p->ks))
		return true;
	/* a program's message: inside a string, "name: word word" unquoted
	 * ("pc_setpw: hash failed %s", "check_key: wrong result"); not a
	 * list of name=value pairs ("dbname=app password=x host=db", libpq's
	 * connection string) */
	if (p->ss > 0 && b[p->ss - 1] != '"' && b[p->ss - 1] != '\'' && p->se + 2 < s->in->len &&
	    ((b[p->se] == ' ' && ((lc(b[p->se + 1]) >= 'a' && lc(b[p->se + 1]) <= 'z') ||
	                          b[p->se + 1] == '%' || b[p->se + 1] == '\\')) ||
	     (b[p->se] == ',' && b[p->se + 1] == ' ')) &&
	    !(b[p->ss - 1] == '=' && pair_follows(b, s->in->len, p->se)) && in_string(b, p->ss))
		return true;
	/* a literal a program compares with to parse its input is a field's
	 * name and its separator ("ttl=", "SCRV1:"), not a value */
	if (p->se - p->ss >= 2 && p->se - p->ss <= 16 &&
	    (b[p->se - 1] == '=' || b[p->se - 1] == ':') && is_comparison(b, p)) {
		size_t i = p->ss;
		while (i < p->se - 1 && (is_name_byte(b[i]) && b[i] != '.'))
			i++;
		if (i == p->se - 1)
			return true;
	}
	if (p->ke > p->ks) {
		size_t i = p->ke, ls = p->ks;
		while (i < p->ss && (b[i] == ' ' || b[i] == '\t' || b[i] == '"' || b[i] == '\''))
			i++;
		while (ls > 0 && p->ks - ls < LINE_LOOK && b[ls - 1] != '\n')
			ls--;
		if (i < p->ss && b[i] == ':' && memmem(b + ls, p->ks - ls, " ? ", 3) != NULL)
			return true;
	}
	return false;
}

/* Whether [a, a + 61) is a full line of uuencoded data: "M" and 60
 * characters between ' ' and '`' (no lower-case letter), then the line's
 * end. */
static bool uu_line_at(const unsigned char *b, size_t len, size_t a)
{
	if (len - a < 61 || b[a] != 'M' || (a > 0 && b[a - 1] != '\n'))
		return false;
	for (size_t i = a; i < a + 61; i++)
		if (b[i] < ' ' || b[i] > '`')
			return false;
	return a + 61 == len || b[a + 61] == '\n' || b[a + 61] == '\r';
}

/* The line holding pos is one of a run of three uuencoded lines or more
 * (Perl's pack "u", a mail's attachment): its "PW=U" is no field. One or
 * two are not enough: "MYSQL_ROOT_PASSWORD=K7XQ…" may be 61 characters
 * too. Reads at most five lines' worth of bytes around pos. */
static bool uuencoded_line(const unsigned char *b, size_t len, size_t pos)
{
	size_t a = pos;

	while (a > 0 && pos - a < 61 && b[a - 1] != '\n')
		a--;
	bool before[2], after[2];

	if (!uu_line_at(b, len, a))
		return false;
	for (size_t k = 0, l = a; k < 2; k++) { /* the two lines before */
		before[k] = (l >= 62 && uu_line_at(b, len, l - 62)) ||
		            (l >= 63 && uu_line_at(b, len, l - 63));
		l = before[k] ? l - 62 - (b[l - 2] == '\r') : 0;
	}
	for (size_t k = 0, l = a; k < 2; k++) { /* the two lines after */
		size_t e = l + 61;
		if (e < len && b[e] == '\r')
			e++;
		after[k] = e < len && b[e] == '\n' && uu_line_at(b, len, e + 1);
		l = after[k] ? e + 1 : l;
	}
	return (before[0] && after[0]) || (before[0] && before[1]) || (after[0] && after[1]);
}

/* What the bytes around a secret say about it. A YAML tag before it
 * ("!Ref 'DbPassword'", "!Sub", "!GetAtt") makes it an expression, and so
 * does an unquoted "new" or "await" that starts one; a mask run right
 * after it ("xoxp-1-2-3-####") means the writer blanked the rest; a
 * masked or bracketed user before its colon ("xxx:yyy", "<user:pw>")
 * makes the pair a template. */
static bool context_dismisses(const unsigned char *b, size_t len, size_t ss, size_t se,
                              bool has_account)
{
	size_t i = ss;

	if (uuencoded_line(b, len, ss))
		return true;

	/* a YAML tag, then an optional quote */
	if (i > 0 && (b[i - 1] == '\'' || b[i - 1] == '"'))
		i--;
	while (i > 0 && (b[i - 1] == ' ' || b[i - 1] == '\t'))
		i--;
	{
		size_t e = i;
		while (i > 0 && ((b[i - 1] >= 'A' && b[i - 1] <= 'Z') ||
		                 (b[i - 1] >= 'a' && b[i - 1] <= 'z') || b[i - 1] == ':'))
			i--;
		if (e > i && e < ss && i > 0 && b[i - 1] == '!' &&
		    (i < 2 || b[i - 2] == ' ' || b[i - 2] == '\t' || b[i - 2] == ':'))
			return true;
	}
	/* an unquoted word that starts an expression: "new X(", "await f()" */
	{
		static const char *const ops[] = {"new",     "await",  "function", "lambda",
		                                  "require", "typeof", "sizeof"};
		for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++) {
			size_t l = strlen(ops[k]);
			if (se - ss == l && memcmp(b + ss, ops[k], l) == 0 && se < len &&
			    (b[se] == ' ' || b[se] == '('))
				return true;
		}
	}
	/* a mask run right after the secret */
	if (se + 2 < len && (b[se] == '#' || b[se] == '*') && b[se + 1] == b[se] &&
	    b[se + 2] == b[se])
		return true;
	/* a user:password pair without an account group: the user is what
	 * precedes the colon, back to a blank, a quote, "/" or "=" */
	if (!has_account && ss > 1 && b[ss - 1] == ':') {
		size_t u = ss - 1;
		while (u > 0 && ss - 1 - u < 64 && !strchr(" \t\n'\"/=@", b[u - 1]))
			u--;
		if (is_fill_in_pair(b + u, ss - 1 - u, b + ss, se - ss))
			return true;
	}
	return false;
}

static long line_of(struct scan_scratch *s, size_t pos)
{
	const unsigned char *b = s->in->buf;

	if (s->in->base_line < 0)
		return -1;
	if (pos < s->line_pos) {
		s->line_pos = 0;
		s->line_no = s->in->base_line;
	}
	s->line_no += (long)count_newlines(b + s->line_pos, pos - s->line_pos);
	s->line_pos = pos;
	return s->line_no;
}

static void finding_init(struct finding *f, const struct scan_scratch *s, const struct rule *r)
{
	memset(f, 0, sizeof *f);
	f->rule = r->id;
	f->category = r->category;
	f->clause = r->clause;
	f->description = r->description;
	f->severity = r->severity;
	f->path = s->in->path;
	f->context = scan_context_name(context_of_finding(s->path_ctx, r->category));
}

/* The last occurrence of lit in b[from, to), or SIZE_MAX. */
static size_t last_of(const unsigned char *b, size_t from, size_t to, const char *lit)
{
	size_t l = strlen(lit);

	for (size_t i = to; i >= from + l; i--)
		if (b[i - l] == (unsigned char)lit[0] && memcmp(b + i - l, lit, l) == 0)
			return i - l;
	return SIZE_MAX;
}

/* pos is inside a block comment opened in the 4 KiB before it: <!-- -->
 * anywhere, C's only in source code (elsewhere "/" "*" is a glob). */
static bool in_block_comment(const unsigned char *b, size_t pos, bool code)
{
	size_t stop = pos > 4096 ? pos - 4096 : 0;
	static const char *const pairs[][2] = {{"<!--", "-->"}, {"/*", "*/"}};

	for (size_t k = 0; k < (code ? 2u : 1u); k++) {
		size_t open = last_of(b, stop, pos, pairs[k][0]);
		size_t close = last_of(b, stop, pos, pairs[k][1]);
		if (open != SIZE_MAX && (close == SIZE_MAX || close < open))
			return true;
	}
	return false;
}

/* The line holding pos is a comment: its first non-blank bytes are a
 * comment marker of a configuration or source language, or it is inside
 * a block comment. */
static bool in_comment_line(const unsigned char *b, size_t pos, bool code)
{
	size_t i = pos, stop = pos > 4096 ? pos - 4096 : 0;

	if (in_block_comment(b, pos, code))
		return true;
	static const char *const marks[] = {"#", ";",    "//",   "--",  "/*",
	                                    "*", "<!--", "rem ", "REM "};

	while (i > stop && b[i - 1] != '\n')
		i--;
	while (i < pos && (b[i] == ' ' || b[i] == '\t'))
		i++;
	for (size_t m = 0; m < sizeof marks / sizeof marks[0]; m++) {
		size_t l = strlen(marks[m]);
		if (i + l > pos || memcmp(b + i, marks[m], l) != 0)
			continue;
		/* "--" starts a comment (SQL, Lua) when a blank follows, not an
		 * option ("  --password=x \"); outside code so does "//", not a
		 * share ("//srv/share ... password=x") */
		if (strcmp(marks[m], "--") == 0 || (strcmp(marks[m], "//") == 0 && !code))
			if (b[i + l] != ' ' && b[i + l] != '\t' && b[i + l] != '\r' &&
			    b[i + l] != '\n')
				continue;
		return true;
	}
	/* a shell's or a configuration's comment after a command: "fi # $pass
	 * = conv", a blank before and after the mark and no quote open at it
	 * (not in code, where "#" also starts directives and literals) */
	if (!code) {
		bool single = false, dbl = false;
		for (size_t j = i; j + 2 < pos; j++) {
			if (b[j] == '\'' && !dbl)
				single = !single;
			else if (b[j] == '"' && !single)
				dbl = !dbl;
			else if (!single && !dbl && j > i &&
			         (b[j - 1] == ' ' || b[j - 1] == '\t') && b[j] == '#' &&
			         b[j + 1] == ' ')
				return true;
		}
	}
	return false;
}

/* The line holding pos names a host of the domains reserved for
 * documentation (RFC 2606): example.com, example.org, example.net, or
 * one under them. No service answers there: a credential written beside
 * one is an example of how to write it. */
static bool names_doc_host(const unsigned char *b, size_t len, size_t pos)
{
	static const char *const tlds[] = {"com", "org", "net"};
	size_t ls = pos, le = pos;

	while (ls > 0 && pos - ls < LINE_LOOK && b[ls - 1] != '\n')
		ls--;
	while (le < len && b[le] != '\n' && le - pos < LINE_LOOK)
		le++;
	for (size_t i = ls; i + 11 <= le; i++) {
		/* a host's whole label: not notexample.com, not example.company */
		if (!lit_at(b + i, "example.", 8) ||
		    (i > ls && is_name_byte(b[i - 1]) && b[i - 1] != '.'))
			continue;
		for (size_t t = 0; t < 3; t++)
			if (lit_at(b + i + 8, tlds[t], 3) &&
			    (i + 11 == le || !is_name_byte(b[i + 11]) || b[i + 11] == '.'))
				return true;
	}
	return false;
}

/* pos is inside a triple-quoted string of source code: a docstring, or an
 * EXAMPLES or RETURN text that documents a module ("\"\"\"" and "'''" open
 * and close one; counted from the file's start, so only in a buffer that
 * starts there). */
static bool in_docstring(struct scan_scratch *s, size_t pos)
{
	const unsigned char *b = s->in->buf;
	unsigned char open = 0;
	size_t i = 0;

	if (s->in->base_offset != 0)
		return false;
	/* findings come in order: go on from the last one (linear in the
	 * buffer however many findings it holds) */
	if (s->doc_pos <= pos) {
		i = s->doc_pos;
		open = s->doc_open;
	}
	for (; i + 2 < pos; i++) {
		if ((b[i] != '"' && b[i] != '\'') || b[i + 1] != b[i] || b[i + 2] != b[i])
			continue;
		if (open == 0)
			open = b[i];
		else if (open == b[i])
			open = 0;
		else
			continue;
		i += 2;
	}
	s->doc_pos = i;
	s->doc_open = open;
	return open != 0;
}

/* The value at pos is a whole triple-quoted string of its line, a literal
 * assigned (password = '''x'''), not a docstring's text: the string in_docstring()
 * found open (quote q) opens right before pos and closes on its line. */
static bool triple_quoted_value(const unsigned char *b, size_t len, size_t pos, unsigned char q)
{
	const unsigned char *nl;

	if (pos < 3 || b[pos - 1] != q || b[pos - 2] != q || b[pos - 3] != q)
		return false;
	nl = memchr(b + pos, '\n', len - pos);
	for (size_t i = pos, e = nl != NULL ? (size_t)(nl - b) : len; i + 2 < e; i++)
		if (b[i] == q && b[i + 1] == q && b[i + 2] == q)
			return true;
	return false;
}

/* Grade instead of dropping: a known-weak or default value is stored and
 * guessable (critical); in documentation, in a commented-out line of any
 * file, in a docstring and beside a documentation host, a finding stays,
 * at low, in the "doc" context. */
static void grade(struct scan_scratch *s, struct finding *f, size_t pos, const unsigned char *sec,
                  size_t n)
{
	if (is_weak_value(sec, n)) {
		f->weak = true;
		f->severity = SEV_CRITICAL;
	}
	if (s->in->base_line >= 0 && strcmp(f->context, "store") != 0 &&
	    (in_comment_line(s->in->buf, pos, s->path_ctx == CTX_CODE) ||
	     names_doc_host(s->in->buf, s->in->len, pos) ||
	     (s->path_ctx == CTX_CODE && in_docstring(s, pos) &&
	      !triple_quoted_value(s->in->buf, s->in->len, pos, s->doc_open))))
		f->context = scan_context_name(CTX_DOC);
	if (strcmp(f->context, "doc") == 0 || strcmp(f->context, "test") == 0)
		f->severity = SEV_LOW;
}

/* An account shaped as a token: a random token, or sixteen characters or
 * more of a token's alphabet, as varied as random ones (a user's name has
 * an "@" or a "." or is a word or two: deploy-user-production). Showing a
 * user redacted costs less than showing a token in clear. */
static bool token_shaped(const unsigned char *a, size_t n)
{
	bool words = true; /* every segment a word */

	if (random_token(a, n))
		return true;
	if (n < 16)
		return false;
	for (size_t k = 0, from = 0; k <= n; k++) {
		if (k == n || strchr("_-~%+/=", a[k]) != NULL) {
			words &= k > from && word_segment(a + from, k - from);
			from = k + 1;
		} else if (!((a[k] | 0x20) >= 'a' && (a[k] | 0x20) <= 'z') &&
		           !(a[k] >= '0' && a[k] <= '9')) {
			return false;
		}
	}
	return !words && shannon(a, n) >= 3.5;
}

/* A decoder's account as a finding shows it: redacted when it is shaped
 * as a token, which no output may carry in clear. */
static const char *account_shown(const char *account, char buf[REDACTED_LEN])
{
	size_t n = account != NULL ? strlen(account) : 0;

	if (n == 0 || !token_shaped((const unsigned char *)account, n))
		return account;
	secret_redact(account, n, buf);
	return buf;
}

/* Report the secret at pos; dec: what the rule's decoder said of it (NULL:
 * no decoder), the value at pos + dec->at when it is before limit. */
static void emit_one(struct scan_scratch *s, const struct rule *r, size_t pos,
                     const unsigned char *sec, size_t n, const char *account,
                     const struct decoded *dec, size_t limit)
{
	struct finding f;
	char shown[REDACTED_LEN];

	finding_init(&f, s, r);
	if (dec != NULL) {
		if (dec->at < limit) /* a dump's row, not its table's columns */
			pos += dec->at;
		if (dec->recoverable && dec->secret_len > 0) {
			sec = dec->secret;
			n = dec->secret_len;
		}
		f.recoverable = dec->recoverable;
		if (dec->note[0] != '\0')
			f.note = dec->note;
		if (dec->severity != SEVERITY_KEEP)
			f.severity = dec->severity;
		if (account == NULL && dec->account[0] != '\0')
			account = dec->account;
	}
	grade(s, &f, pos, sec, n);
	if (s->in->view != NULL) { /* at the string's raw bytes */
		f.line = s->in->view->line;
		f.offset = s->in->view->base +
		           s->in->view->at[pos < s->in->len ? pos : s->in->len - 1];
	} else {
		f.line = line_of(s, pos);
		f.offset = s->in->base_offset + pos;
	}
	f.account = account_shown(account, shown);
	f.secret = sec;
	f.secret_len = n;
	secret_redact(sec, n, f.redacted);
	secret_fingerprint(sec, n, f.fingerprint);
	s->cb(s->ctx, &f);
	s->nfound++;
	secure_wipe(&f, sizeof f);
	secure_wipe(shown, sizeof shown);
}

/* Spans of secrets found, in an outer scratch's raw offsets: those its
 * views reported, and those of its own that a view leaves (read_views()):
 * one per finding, as many as the caller keeps (scan_input.max_findings).
 * Without memory a span is not kept: a secret may then be reported twice. */
static void add_span(struct view_span **v, size_t *n, size_t *cap, size_t ss, size_t se)
{
	if (*n == *cap) {
		size_t c = *cap ? 2 * *cap : 16;
		struct view_span *np;
		if ((np = realloc(*v, c * sizeof *np)) == NULL)
			return;
		*v = np;
		*cap = c;
	}
	(*v)[*n].s = ss;
	(*v)[*n].e = se;
	(*n)++;
}

/* Whether a span of v[0, n), sorted by start, overlaps [ss, se). */
static bool spans_overlap(const struct view_span *v, size_t n, size_t ss, size_t se)
{
	size_t lo = 0, hi = n;

	while (lo < hi) { /* the first at or past se */
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid].s < se)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* a span is at most an escaped secret long */
	for (size_t j = lo; j-- > 0 && v[j].s + 6 * RULE_MATCH_MAX > ss;)
		if (ss < v[j].e)
			return true;
	return false;
}

static int view_span_cmp(const void *a, const void *b)
{
	const struct view_span *x = a, *y = b;

	return (x->s > y->s) - (x->s < y->s);
}

/* The raw span, in the outer scratch's buffer, of view[pos, pos + n). */
static struct view_span raw_span(const struct scan_scratch *s, size_t pos, size_t n)
{
	const struct text_view *v = s->in->view;
	size_t inside = (size_t)(v->base - v->outer->in->base_offset);
	size_t last = pos + n - 1 < s->in->len ? pos + n - 1 : s->in->len - 1;

	return (struct view_span){inside + v->at[pos], inside + v->at[last] + 1};
}

/* The rule's span [pos, pos + n) gave findings (s->nfound grew past
 * before): its raw span is kept for read_views(): a view's, to leave the
 * raw reading's generic values there; the raw reading's, for the views to
 * leave. */
static void reported(struct scan_scratch *s, size_t pos, size_t n, int before)
{
	const struct text_view *v = s->in->view;
	struct view_span r;

	if (s->nfound == before || n == 0 || pos >= s->in->len)
		return;
	if (v == NULL) {
		add_span(&s->rspans, &s->nrspans, &s->cap_rspans, pos, pos + n);
		return;
	}
	r = raw_span(s, pos, n);
	add_span(&v->outer->vspans, &v->outer->nvspans, &v->outer->cap_vspans, r.s, r.e);
}

/* Whether view[pos] lies where the outer buffer reports (its chunk's own
 * bytes, [report_from, until)): a string across chunks is read by each
 * chunk that holds it whole, and each reports the matches that start in
 * its part, as the raw reading does; the next chunk's part too when that
 * chunk starts inside the string's line, whose quotes it cannot pair. */
static bool outer_reports(const struct scan_scratch *s, size_t pos)
{
	const struct text_view *v = s->in->view;
	const struct scan_scratch *o = v->outer;
	size_t raw = (size_t)(v->base - o->in->base_offset) + v->at[pos];

	if (raw >= o->until) /* the next chunk's, if it reads this line */
		return v->line_start + scan_engine_window(s->e) <= o->until;
	return raw >= o->in->report_from;
}

/* Whether the outer reading found a secret over view[ss, se) that it keeps
 * (read_views()). */
static bool outer_found(const struct scan_scratch *s, size_t ss, size_t se)
{
	const struct scan_scratch *o = s->in->view->outer;
	struct view_span r;

	if (se <= ss || ss >= s->in->len || o->nrspans == 0)
		return false;
	r = raw_span(s, ss, se - ss);
	return spans_overlap(o->rspans, o->nrspans, r.s, r.e);
}

/* Report the secret at pos, after its rule's decoder (if any) had its say;
 * a statement of rows (decode_row) gives a finding per row, the rows read
 * from the text after the rule's span too: up to the window from pos, which
 * every chunk and range of a file holds past a match that starts in it (so
 * that the rows are the same whatever the chunks and --jobs), and at most
 * RULE_EACH_MAX rows. */
static void emit(struct scan_scratch *s, const struct rule *r, size_t pos, const unsigned char *sec,
                 size_t n, const char *account)
{
	const struct decoder *d = r->decoder;
	size_t window = scan_engine_window(s->e);
	size_t whole = s->in->len - pos < window ? s->in->len - pos : window;
	struct decoded dec;
	int before = s->nfound, rc;

	if (d == NULL) {
		emit_one(s, r, pos, sec, n, account, NULL, 0);
		reported(s, pos, n, before);
		return;
	}
	if (whole < n)
		whole = n;
	rc = d->decode_row != NULL ? d->decode_row(sec, n, whole, 0, &dec)
	                           : d->decode(sec, n, &dec);
	for (unsigned row = 0;; row++) {
		size_t next = d->decode_row != NULL ? dec.next : 0;
		if (rc == 0 && !dec.not_a_secret && (row == 0 || dec.recoverable))
			emit_one(s, r, pos, sec, n, account, &dec,
			         d->decode_row != NULL ? whole : n);
		decoded_wipe(&dec);
		if (next == 0 || next >= whole || row + 1 >= RULE_EACH_MAX)
			break;
		rc = d->decode_row(sec, n, whole, next, &dec);
	}
	reported(s, pos, n, before);
}

/* A pending slot, the array grown as needed; NULL (s->err set) without
 * memory. */
static struct pending *new_pending(struct scan_scratch *s)
{
	if (s->npending == s->cap_pending) {
		size_t cap = s->cap_pending ? 2 * s->cap_pending : 256;
		struct pending *np = realloc(s->pending, cap * sizeof *np);
		if (np == NULL) {
			s->err = -ENOMEM;
			return NULL;
		}
		s->pending = np;
		s->cap_pending = cap;
	}
	return &s->pending[s->npending++];
}

/* The last pending holds a list (rule "each"): replace it with one pending
 * per element, at most RULE_EACH_MAX, each keeping the field's name and
 * the account. An element is the first group of the each-pattern that
 * took part, or its whole match. */
static void split_list(struct scan_scratch *s, const struct rule *r)
{
	struct pending list = s->pending[--s->npending];
	size_t off = list.ss, n = 0;

	while (off < list.se && n < RULE_EACH_MAX) {
		PCRE2_SIZE *ov;
		size_t es, ee;
		int rc = pcre2_match(r->each_re, s->in->buf, list.se, off, 0, s->md2, s->mctx2);
		struct pending *p;

		if (rc < 0)
			break;
		ov = pcre2_get_ovector_pointer(s->md2);
		es = ov[0];
		ee = ov[1];
		for (int g = 1; g < rc; g++)
			if (ov[2 * g] != PCRE2_UNSET) {
				es = ov[2 * g];
				ee = ov[2 * g + 1];
				break;
			}
		off = ov[1] > off ? ov[1] : off + 1;
		if (ee <= es)
			continue;
		if ((p = new_pending(s)) == NULL)
			break;
		*p = list;
		p->ss = es;
		p->se = ee;
		n++;
	}
}

/* A field named in a tuple assignment takes the value in its place
 * (tuple.h), whatever rule read it: p's secret is moved there
 * (TUPLE_LITERAL), or p is no finding (TUPLE_OTHER: that value is a name,
 * a call or empty). */
static enum tuple_pair tuple_paired(const struct scan_scratch *s, struct pending *p)
{
	size_t vs = 0, ve = 0;
	enum tuple_pair t =
	        tuple_value(s->in->buf, s->in->len, p->ks, p->ke, s->tuple_lang, &vs, &ve);

	if (t == TUPLE_LITERAL) {
		if (ve <= vs)
			return TUPLE_OTHER;
		p->ss = vs;
		p->se = ve;
	}
	return t;
}

/* The length of the XML entity for a quote at b[at] (&quot; &apos; &#34;
 * &#39;), or 0. */
static size_t quote_entity(const unsigned char *b, size_t len, size_t at)
{
	static const char *const quotes[] = {"&quot;", "&apos;", "&#34;", "&#39;"};

	if (at >= len || b[at] != '&')
		return 0;
	for (size_t k = 0; k < sizeof quotes / sizeof *quotes; k++) {
		size_t n = strlen(quotes[k]);
		if (len - at >= n && memcmp(b + at, quotes[k], n) == 0)
			return n;
	}
	return 0;
}

/* A value quoted with XML's entities, as an attribute holds a quoted value
 * (value="&quot;x&quot;", connectionString="…;Password=&quot;x;y&quot;"):
 * the quotes are no part of it. A bare value's reading that stopped at
 * the entity's own ';' ("&quot") is read on to the closing entity, within
 * the attribute and the line (no '<' or '"'), as far as a value goes;
 * without one, to the value's end (a blank, ';' or a quote). Returns
 * false when there is no value: the quotes hold nothing, or text that
 * starts or ends with a blank (prose between two quotes). */
static bool unquote_entity(const unsigned char *b, size_t len, size_t *ss, size_t *se)
{
	size_t open = quote_entity(b, len, *ss), from = *ss + open, e = from, close;

	if (open == 0 || *se - *ss + 1 < open)
		return true;
	if (*se - *ss >= open) {                     /* the reading holds the whole entity */
		for (close = 6; close >= 5; close--) /* the entities' lengths */
			if (*se - from >= close && quote_entity(b, len, *se - close) == close)
				break;
		*ss = from;
		if (close >= 5)
			*se -= close;
		return *se > *ss;
	}
	while (e - from < QUOTED_VALUE_MAX && e < len && b[e] != '\n' && b[e] != '<' &&
	       b[e] != '"' && quote_entity(b, len, e) == 0)
		e++;
	if (quote_entity(b, len, e) == 0) { /* not closed: the value's run */
		for (e = from; e < len && e - from < QUOTED_VALUE_MAX && b[e] > ' ' &&
		               b[e] != ';' && b[e] != '"' && b[e] != '\'' && b[e] != '<' &&
		               b[e] != '&';)
			e++;
	} else if (e > from &&
	           (b[from] == ' ' || b[from] == '\t' || b[e - 1] == ' ' || b[e - 1] == '\t')) {
		return false;
	}
	*ss = from;
	*se = e;
	return e > from;
}

/* A confirmed match of rule ri, in s->md: remember where its secret and
 * account are. Matches are reported at the end of the buffer, in order. */
static void report(struct scan_scratch *s, const struct rule *r, size_t ri, size_t ks, size_t ke)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
	struct pending *p = new_pending(s);

	if (p == NULL)
		return;
	p->rule = ri;
	p->ms = ov[0];
	p->generic = r->generic;
	p->keep = false;
	p->ss = ov[2 * r->secret_group];
	p->se = ov[2 * r->secret_group + 1];
	if (p->ss == PCRE2_UNSET || p->se <= p->ss) {
		p->ss = ov[0];
		p->se = ov[1];
	}
	if (!unquote_entity(s->in->buf, s->in->len, &p->ss, &p->se)) {
		s->npending--;
		return;
	}
	p->by_shape = ke > ks && ks >= p->ss && ke <= p->se;
	p->as = p->ae = 0;
	p->ks = p->ke = 0;
	if (r->key_group > 0 && ov[2 * r->key_group] != PCRE2_UNSET) {
		p->ks = ov[2 * r->key_group];
		p->ke = ov[2 * r->key_group + 1];
	}
	if (r->account_group > 0 && ov[2 * r->account_group] != PCRE2_UNSET) {
		p->as = ov[2 * r->account_group];
		p->ae = ov[2 * r->account_group + 1];
	}
	if (p->ke > p->ks && (s->tuple_lang != TUPLE_NONE || r->tuple)) {
		enum tuple_pair t = tuple_paired(s, p);
		/* no literal in the name's place, or a tuple's rule that found
		 * no pairing */
		if (t == TUPLE_OTHER || (t == TUPLE_NOT && r->tuple)) {
			s->npending--;
			return;
		}
		if (t == TUPLE_LITERAL)
			return; /* one value, not a list's elements */
	}
	if (r->each_re != NULL)
		split_list(s, r);
}

static int pending_cmp(const void *a, const void *b)
{
	const struct pending *x = a, *y = b;

	if (x->ss != y->ss)
		return x->ss < y->ss ? -1 : 1;
	if (x->se != y->se)
		return x->se < y->se ? -1 : 1;
	if (x->generic != y->generic)
		return x->generic ? 1 : -1;
	return x->rule < y->rule ? -1 : x->rule > y->rule;
}

/* Whether specific pending q reads the field whose name generic pending p
 * names, as a quoted literal: then q's value is the field's (user,
 * password = "admin", "x": the generic rule took "admin" under
 * "password"). Not an unquoted one, which may be a name that q misread
 * as a value (connect(host, password = "x", db) across lines). */
static bool same_field(const struct scan_input *in, const struct pending *p,
                       const struct pending *q)
{
	const unsigned char *b = in->buf;

	return p->ke > p->ks && q->ks == p->ks && q->ke == p->ke && q->ss > 0 && q->se < in->len &&
	       (b[q->ss - 1] == '"' || b[q->ss - 1] == '\'') && b[q->se] == b[q->ss - 1];
}

/* A generic rule's secret that a specific rule also found (overlapping
 * span), or under the same field's name, is that rule's finding only. */
static bool covered(const struct scan_scratch *s, size_t i)
{
	const struct pending *p = &s->pending[i], *q;

	for (size_t j = i; j-- > 0 && s->pending[j].ss + RULE_MATCH_MAX > p->ss;)
		if (!(q = &s->pending[j])->generic && (q->se > p->ss || same_field(s->in, p, q)))
			return true;
	for (size_t j = i + 1; j < s->npending && s->pending[j].ss < p->se + RULE_MATCH_MAX; j++)
		if (!(q = &s->pending[j])->generic && (q->ss < p->se || same_field(s->in, p, q)))
			return true;
	return false;
}

/* Whether pos is inside a string literal of its line: quotes (", ', `)
 * opened before it on the line and not closed, a backslash escaping the
 * byte after it. "postgres://u:pw@h" and "...;Password=x;" are strings of
 * code as much as "pw" is. */
static bool in_string(const unsigned char *b, size_t pos)
{
	size_t i = pos, stop = pos > 4096 ? pos - 4096 : 0;
	unsigned char open = 0;

	while (i > stop && b[i - 1] != '\n')
		i--;
	for (; i < pos; i++) {
		if (open != 0 && b[i] == '\\')
			i++;
		else if (open != 0 && b[i] == open)
			open = 0;
		else if (open == 0 && (b[i] == '"' || b[i] == '\'' || b[i] == '`'))
			open = b[i];
	}
	return open != 0;
}

/* The end of a value without the brackets and punctuation that close the
 * expression around it ("pw})" of "combine({'PASS': pw})"). */
static size_t name_end(const unsigned char *b, size_t ss, size_t se)
{
	while (se > ss && b[se - 1] != '\0' && strchr(")]},;", b[se - 1]) != NULL)
		se--;
	return se;
}

/* Whether pos is inside a template's expression on its line, outside
 * the strings the expression holds: a "{{" or "{%" opened before it and
 * not closed ("{{ x | combine({'PASS': pw}) }}"; not the literal of
 * "{{ 'http://u:pw@h' | urlsplit }}"). */
static bool in_template_expr(const unsigned char *b, size_t pos)
{
	size_t i = pos, stop = pos > 4096 ? pos - 4096 : 0;
	bool open = false;
	unsigned char quote = 0;

	while (i > stop && b[i - 1] != '\n')
		i--;
	for (; i < pos; i++) {
		if (open && quote == 0 && (b[i] == '"' || b[i] == '\''))
			quote = b[i];
		else if (open && b[i] == quote)
			quote = 0;
		else if (i + 1 < pos && b[i] == '{' && (b[i + 1] == '{' || b[i + 1] == '%')) {
			open = true;
			quote = 0;
			i++;
		} else if (i + 1 < pos && quote == 0 && (b[i] == '}' || b[i] == '%') &&
		           b[i + 1] == '}') {
			open = false;
			i++;
		}
	}
	return open && quote == 0;
}

/* A byte that continues a token: a repeat must stand alone, not be part
 * of a longer value. */
static bool token_byte(unsigned char c)
{
	return (unsigned)(c | 32) - 'a' < 26u || (unsigned)c - '0' < 10u || c == '+' || c == '/' ||
	       c == '=' || c == '_' || c == '-';
}

/* Whether [ss, se) overlaps a finding: one of the first nsorted pendings
 * (sorted by start, a secret at most RULE_MATCH_MAX long) that is kept, or
 * a repeat already added after them. */
static bool overlaps_kept(const struct scan_scratch *s, size_t nsorted, size_t ss, size_t se)
{
	size_t lo = 0, hi = nsorted;

	while (lo < hi) { /* the first pending starting at or after se */
		size_t mid = lo + (hi - lo) / 2;
		if (s->pending[mid].ss < se)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t j = lo; j-- > 0 && s->pending[j].ss + RULE_MATCH_MAX > ss;)
		if (s->pending[j].keep && s->pending[j].se > ss)
			return true;
	for (size_t j = nsorted; j < s->npending; j++)
		if (s->pending[j].ss < se && ss < s->pending[j].se)
			return true;
	return false;
}

/* A secret that the buffer stores as a credential is one wherever it
 * stands again in the buffer, alone, with no field around it (a token
 * pasted on its own line below its assignment, in a log, in a note):
 * those places are findings of the same rule. Only secrets of REPEAT_MIN
 * bytes or more: a short one ("admin") is a word found in any text. The
 * work is bounded whatever the buffer holds: REPEAT_SECRETS distinct
 * secrets looked for, REPEAT_LOOKS places looked at, per buffer. */
#define REPEAT_MIN     16
#define REPEAT_SECRETS 32
#define REPEAT_LOOKS   4096
static void add_repeats(struct scan_scratch *s)
{
	const unsigned char *b = s->in->buf;
	size_t n = s->npending, lo = s->in->report_from, hi = s->until;
	size_t sought[REPEAT_SECRETS], nsought = 0, looks = 0;

	for (size_t i = 0; i < n && nsought < REPEAT_SECRETS && looks < REPEAT_LOOKS; i++) {
		size_t ss = s->pending[i].ss, len = s->pending[i].se - ss, from = lo, k;
		const unsigned char *at;
		if (!s->pending[i].keep || len < REPEAT_MIN)
			continue;
		for (k = 0; k < nsought; k++) /* the same secret, found twice */
			if (s->pending[sought[k]].se - s->pending[sought[k]].ss == len &&
			    memcmp(b + s->pending[sought[k]].ss, b + ss, len) == 0)
				break;
		if (k < nsought)
			continue;
		sought[nsought++] = i;
		while (from < hi && looks < REPEAT_LOOKS &&
		       (at = memmem(b + from, s->in->len - from, b + ss, len)) != NULL) {
			size_t q = (size_t)(at - b);
			struct pending *p;
			if (q >= hi)
				break;
			from = q + 1;
			looks++;
			if ((q > 0 && token_byte(b[q - 1])) ||
			    (q + len < s->in->len && token_byte(b[q + len])) ||
			    overlaps_kept(s, n, q, q + len))
				continue;
			if ((p = new_pending(s)) == NULL)
				return;
			*p = s->pending[i];
			p->ms = q;
			p->ss = q;
			p->se = q + len;
			p->as = p->ae = p->ks = p->ke = 0;
		}
	}
}

/* Whether a finding compares its field with the literal instead of
 * storing it there: an equality operator between the two ("==", "!=",
 * ".equals(", Perl's "eq" and "ne"), a strcmp() around them, or a shell
 * test of an expansion ("$pass" = "x": a shell assignment has neither
 * blanks nor "$"). Only findings that name their field are judged. */
#define GAP_LOOK 24
static bool is_comparison(const unsigned char *b, const struct pending *p)
{
	size_t lo, hi, from;

	if (p->ke <= p->ks)
		return false;
	lo = p->ke <= p->ss ? p->ke : p->se;
	hi = p->ke <= p->ss ? p->ss : p->ks;
	if (hi < lo || hi - lo > GAP_LOOK)
		return false;
	for (size_t i = lo; i < hi; i++) {
		if (i + 1 < hi && (b[i] == '=' || b[i] == '!') && b[i + 1] == '=')
			return true;
		if (i + 4 <= hi && b[i] == ' ' && b[i + 3] == ' ' &&
		    (lit_at(b + i + 1, "eq", 2) || lit_at(b + i + 1, "ne", 2)))
			return true;
		if (i + 7 <= hi && lit_at(b + i, ".equals", 7))
			return true;
	}
	if (p->ke <= p->ss && p->ks > 0 && b[p->ks - 1] == '$' &&
	    ((hi - lo >= 4 && lit_at(b + lo, "\" = ", 4)) ||
	     (hi - lo >= 5 && lit_at(b + lo, "\" != ", 5))))
		return true;
	/* strcmp(name, "x"), strcmp("x", name): the call opens before both */
	from = p->ks < p->ss ? p->ks : p->ss;
	while (from > 0 && (p->ks < p->ss ? p->ks : p->ss) - from < GAP_LOOK &&
	       (b[from - 1] == ' ' || b[from - 1] == '\t' || b[from - 1] == '"' ||
	        b[from - 1] == '\'' || b[from - 1] == 'L'))
		from--;
	return from >= 4 && (lit_at(b + from - 4, "cmp(", 4) || lit_at(b + from - 4, "mp0(", 4));
}

struct compared {
	const unsigned char *key, *val;
	size_t kn, vn, i;
};

static int compared_cmp(const void *a, const void *b)
{
	const struct compared *x = a, *y = b;
	int c = memcmp(x->key, y->key, x->kn < y->kn ? x->kn : y->kn);

	if (c != 0 || x->kn != y->kn)
		return c != 0 ? c : (x->kn < y->kn ? -1 : 1);
	c = memcmp(x->val, y->val, x->vn < y->vn ? x->vn : y->vn);
	if (c != 0 || x->vn != y->vn)
		return c != 0 ? c : (x->vn < y->vn ? -1 : 1);
	return x->i < y->i ? -1 : x->i > y->i;
}

/* The same field compared with three different literals or more in one
 * buffer is dispatched on, not checked: a parser's token against its
 * keywords (strcmp(token, "DEFINE") ... strcmp(token, "INCLUDE")), a state
 * against its values ("$linkmode,$pass" = "lib,link" ... "prog,scan"). A
 * password is checked against the one value it has (a test may try a
 * second: two are still findings). Returns how many kept findings it
 * dropped. Without memory for the list, nothing is dropped. */
#define DISPATCH_VALUES 3
static size_t drop_dispatches(struct scan_scratch *s)
{
	const unsigned char *b = s->in->buf;
	struct compared *c;
	size_t n = 0, dropped = 0;

	/* every comparison counts, the dismissed ones too: "none" is a value
	 * that strcmp(passwd, "none") && strcmp(passwd, "disable") tells apart;
	 * counted first, so that a buffer without two allocates nothing */
	for (size_t i = 0; i < s->npending; i++)
		n += is_comparison(b, &s->pending[i]);
	if (n < 2 || (c = malloc(n * sizeof *c)) == NULL)
		return 0;
	n = 0;
	for (size_t i = 0; i < s->npending; i++) {
		const struct pending *p = &s->pending[i];
		if (is_comparison(b, p))
			c[n++] = (struct compared){b + p->ks, b + p->ss, p->ke - p->ks,
			                           p->se - p->ss, i};
	}
	qsort(c, n, sizeof *c, compared_cmp);
	for (size_t i = 0, j; i < n; i = j) {
		size_t values = 1;
		for (j = i + 1;
		     j < n && c[j].kn == c[i].kn && memcmp(c[j].key, c[i].key, c[i].kn) == 0; j++)
			values += c[j].vn != c[j - 1].vn ||
			          memcmp(c[j].val, c[j - 1].val, c[j].vn) != 0;
		for (size_t k = i; values >= DISPATCH_VALUES && k < j; k++) {
			dropped += s->pending[c[k].i].keep;
			s->pending[c[k].i].keep = false;
		}
	}
	free(c);
	return dropped;
}

static bool add_hunk(struct scan_scratch *s, size_t at, enum scan_context ctx)
{
	if (s->nhunks == s->cap_hunks) {
		size_t cap = s->cap_hunks ? 2 * s->cap_hunks : 64;
		struct hunk *h = realloc(s->hunks, cap * sizeof *h);
		if (h == NULL) {
			s->nhunks = 0;
			return false;
		}
		s->hunks = h;
		s->cap_hunks = cap;
	}
	s->hunks[s->nhunks++] = (struct hunk){at, ctx};
	return true;
}

/* A patch's file headers (grading.h), read once per buffer. Without
 * memory for them, the whole file keeps its path's context. */
static void read_hunks(struct scan_scratch *s)
{
	const unsigned char *b = s->in->buf;
	size_t len = s->in->len, at = 0;
	enum scan_context ctx;

	while (s->nhunks < HUNKS_MAX && (at = next_patched_file(b, len, at, &ctx)) < len) {
		if (!add_hunk(s, at, ctx))
			return;
		at += 4;
	}
}

/* A program's here-documents (grading.h) are data: a configuration a
 * test feeds its parser, a file a script writes. Read in a buffer that
 * starts the file, as the program's lines are. */
static void read_heredocs(struct scan_scratch *s)
{
	const unsigned char *b = s->in->buf;
	size_t len = s->in->len, at = 0, end = 0, budget = 4 * len + 4096;

	if (s->in->base_offset != 0)
		return;
	while (s->nhunks + 3 <= HUNKS_MAX && (at = next_heredoc(b, len, at, &end, &budget)) < len) {
		if ((s->nhunks == 0 && !add_hunk(s, 0, s->file_ctx)) ||
		    !add_hunk(s, at, CTX_CONFIG) || !add_hunk(s, end, s->file_ctx))
			return;
		at = end;
	}
}

/* The context of the bytes at pos: the file's, or in a patch the hunk's;
 * a patch's description before its first header is documentation (a
 * later chunk of a large patch starts in a hunk of the file's context). */
static enum scan_context ctx_at(const struct scan_scratch *s, size_t pos)
{
	size_t lo = 0, hi = s->nhunks;

	if (s->nhunks == 0)
		return s->file_ctx;
	while (lo < hi) { /* the first header after pos */
		size_t mid = lo + (hi - lo) / 2;
		if (s->hunks[mid].at <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo > 0)
		return s->hunks[lo - 1].ctx;
	return s->in->base_offset == 0 ? CTX_DOC : s->file_ctx;
}

/* A rule that knows the file (a path condition: .netrc, .msmtprc) reads
 * a field better than one that knows only the line, and so does a rule
 * that read the secret's account on a line before it (netrc's "machine h
 * login u" and "password x" below): where both kept the same secret, the line's
 * rule ("password x" alone on a line, Cisco's) gives way. Not a rule that
 * knew the secret by its form (its keyword inside the secret: ghp_…, a
 * JWT), which names the provider, and not to a rule with a decoder, which
 * may yet drop the secret. Returns how many gave way. */
/* Whether q read the account of p's secret on a line before it (a netrc
 * record), which a rule of p's line alone could not see. */
static bool record_over_lines(const struct scan_scratch *s, const struct pending *q,
                              const struct pending *p)
{
	return q->ae > q->as && p->ae == p->as && q->as < p->ss &&
	       memchr(s->in->buf + q->as, '\n', p->ss - q->as) != NULL;
}

static size_t yield_to_file_rules(struct scan_scratch *s)
{
	size_t n = 0;

	for (size_t i = 0; i < s->npending; i++) {
		struct pending *p = &s->pending[i];
		bool file = false;
		if (!p->keep || p->generic || p->by_shape || s->e->rules[p->rule]->path_re != NULL)
			continue;
		for (size_t d = 0; d < 2 && !file; d++)
			for (size_t j = i; !file && (d == 0 ? j-- > 0 : ++j < s->npending);) {
				const struct pending *q = &s->pending[j];
				const struct rule *o = s->e->rules[q->rule];
				if (q->ss != p->ss || q->se != p->se)
					break;
				file = q->keep && !q->generic && o->decoder == NULL &&
				       (o->path_re != NULL || record_over_lines(s, q, p));
			}
		if (file) {
			p->keep = false;
			n++;
		}
	}
	return n;
}

/* Whether the account of pending i is itself a secret: a span some rule
 * found as one (a .netrc's "login hf_…"), or shaped as a token. */
static bool account_is_secret(const struct scan_scratch *s, size_t i)
{
	const struct pending *p = &s->pending[i];
	size_t lo = 0, hi = s->npending;

	/* pendings are sorted by start: the first at or after the account's end */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->pending[mid].ss < p->ae)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t j = lo; j-- > 0 && s->pending[j].ss + RULE_MATCH_MAX > p->as;)
		if (j != i && p->as < s->pending[j].se)
			return true;
	return token_shaped(s->in->buf + p->as, p->ae - p->as);
}

/* Whether n findings fill what the caller keeps (scan_input.max_findings):
 * the rest of the buffer's candidates are neither judged nor reported. */
static bool over_budget(const struct scan_scratch *s, size_t n)
{
	const struct scan_input *in = s->in;

	if (in->view != NULL) { /* the outer reading's, which its caller raises */
		n += (size_t)in->view->outer->nfound;
		in = in->view->outer->in;
	}
	return in->max_findings > 0 && n >= in->max_findings;
}

/* Read the view of the string of text at str (escaped.h) with s->sub. */
static void read_view(struct scan_scratch *s, const struct escaped_string *str,
                      enum scan_context ctx)
{
	const struct scan_input *in = s->in;
	size_t n = str->close - str->open - 1;
	struct text_view v;
	struct scan_input sub;
	int rc;

	if (n > s->vcap) {
		size_t cap = n < 4096 ? 4096 : n;
		free(s->vbuf);
		free(s->vat);
		s->vbuf = malloc(cap);
		s->vat = malloc(cap * sizeof *s->vat);
		s->vcap = s->vbuf != NULL && s->vat != NULL ? cap : 0;
		if (s->vcap == 0) {
			s->err = -ENOMEM;
			return;
		}
	}
	if (s->sub == NULL && (rc = scan_scratch_new(s->e, &s->sub)) < 0) {
		s->err = rc;
		return;
	}
	v = (struct text_view){.at = s->vat,
	                       .base = in->base_offset + str->open + 1,
	                       .line = line_of(s, str->open),
	                       .context = (int)ctx,
	                       .line_start = str->line,
	                       .outer = s};
	sub = (struct scan_input){
	        .path = in->path,
	        .root_len = in->root_len,
	        .buf = s->vbuf,
	        .len = escaped_decode(in->buf + str->open + 1, n, s->vbuf, s->vat),
	        .base_offset = v.base,
	        .base_line = v.line,
	        .view = &v};
	rc = scan_buffer(s->e, s->sub, &sub, s->cb, s->ctx);
	secure_wipe(s->vbuf, sub.len);
	if (rc < 0)
		s->err = rc;
	else
		s->nfound += rc;
}

/* Whether raw pending p is a generic rule's value that took an escape in
 * ("x\\n" of "password = x\\n"): a view of its string reads it better. A
 * rule with a decoder reads its escapes itself (private-key-escaped), and
 * a specific rule knows more than a view ("private_key" of a GCP service
 * account's key file). */
static bool took_escape(const struct scan_scratch *s, const struct pending *p)
{
	return p->generic && s->e->rules[p->rule]->decoder == NULL &&
	       memchr(s->in->buf + p->ss, '\\', p->se - p->ss) != NULL;
}

/* Read again, as views, the strings of text in the buffer that open where
 * it reports (escaped.h): a configuration or a document held in a JSON
 * string. A view leaves a secret the raw reading reported; the raw
 * reading's generic values that took an escape in are reported after the
 * views, where no view reported one. Not in source code, whose strings
 * are messages and whose escapes are a program's; not in a view (one
 * level). */
static void read_views(struct scan_scratch *s)
{
	const struct scan_input *in = s->in;
	struct escaped_reader r;
	struct escaped_string str;
	bool sorted = false;

	if (in->view != NULL || s->file_ctx == CTX_BINARY ||
	    ((s->file_ctx == CTX_CODE || s->code_name) && s->nhunks == 0))
		return;
	/* quotes pair from a line's start: a chunk after the first starts
	 * with the rest of a line, whose strings the chunk before read */
	escaped_reader_init(&r, in->buf, in->len, in->report_from > 0);
	while (s->err == 0 && !over_budget(s, (size_t)s->nfound) &&
	       escaped_next(&r, in->report_from, s->until, VIEW_MAX, &str)) {
		enum scan_context ctx = ctx_at(s, str.open);
		if (ctx == CTX_CODE || ctx == CTX_BINARY)
			continue;
		if (!sorted && s->nrspans > 1)
			qsort(s->rspans, s->nrspans, sizeof *s->rspans, view_span_cmp);
		sorted = true;
		read_view(s, &str, ctx);
	}
	if (s->nvspans > 1)
		qsort(s->vspans, s->nvspans, sizeof *s->vspans, view_span_cmp);
}

/* Judge pending i (flush()): whether it is a finding; it then keeps it.
 * last_ss and last_se: the last generic secret kept. */
static bool judge_pending(struct scan_scratch *s, size_t i, size_t *last_ss, size_t *last_se)
{
	const unsigned char *b = s->in->buf;
	struct pending *p = &s->pending[i];
	const struct rule *r = s->e->rules[p->rule];

	s->path_ctx = ctx_at(s, p->ss);
	if (i > 0 && p->rule == p[-1].rule && p->ss == p[-1].ss && p->se == p[-1].se)
		return false; /* found through two of its keywords */
	if (p->generic && covered(s, i))
		return false;
	if (p->generic && p->ss == *last_ss && p->se == *last_se)
		return false; /* two generic rules, one secret: the first rule's */
	if (p->ke > p->ks &&
	    (module_part(b, p->ks) ||
	     !(r->several ? field_names_several((const char *)b + p->ks, p->ke - p->ks)
	                  : names_credential(s, b + p->ks, p->ke - p->ks))))
		return false; /* the field does not name a credential */
	if (filtered(s, r, b + p->ks, p->ke > p->ks ? p->ke - p->ks : 0, b + p->ss, p->se - p->ss,
	             in_string(b, p->ss)))
		return false;
	if (context_dismisses(b, s->in->len, p->ss, p->se, p->ae > p->as) || use_dismisses(s, p))
		return false;
	if (p->ae > p->as && is_fill_in_pair(b + p->as, p->ae - p->as, b + p->ss, p->se - p->ss))
		return false;
	if (p->ke > p->ks && is_field_echo(b + p->ks, p->ke - p->ks, b + p->ss, p->se - p->ss))
		return false;
	if (s->in->view != NULL && (outer_found(s, p->ss, p->se) || !outer_reports(s, p->ms)))
		return false; /* the raw reading's, or another chunk's (read_views()) */
	if (p->generic) {
		*last_ss = p->ss;
		*last_se = p->se;
	}
	p->keep = true;
	return true;
}

/* Report kept pending i; account is room for its account's text. */
static void emit_pending(struct scan_scratch *s, size_t i, char account[static 128])
{
	const unsigned char *b = s->in->buf;
	const struct pending *p = &s->pending[i];

	s->path_ctx = ctx_at(s, p->ss);
	if (p->ae > p->as && account_is_secret(s, i)) {
		secret_redact(b + p->as, p->ae - p->as, account);
	} else if (p->ae > p->as) {
		size_t n = p->ae - p->as < 127 ? p->ae - p->as : 127;
		memcpy(account, b + p->as, n);
		account[n] = '\0';
	}
	emit(s, s->e->rules[p->rule], p->ss, b + p->ss, p->se - p->ss,
	     p->ae > p->as ? account : NULL);
}

static void flush(struct scan_scratch *s)
{
	char account[128];
	size_t last_ss = SIZE_MAX, last_se = 0; /* the last generic secret kept */
	size_t nkept = 0;

	if (s->npending > 1)
		qsort(s->pending, s->npending, sizeof *s->pending, pending_cmp);
	/* judged until four times the budget is kept (some are dropped
	 * below, by yielding, or by the caller: an allow marker's), then
	 * until eight times, then to the end */
	for (size_t i = 0, round = 1;; round++) {
		for (; i < s->npending && !(round < 3 && over_budget(s, nkept / (4 * round))); i++)
			nkept += judge_pending(s, i, &last_ss, &last_se);
		if (nkept > 1)
			nkept -= yield_to_file_rules(s);
		if (nkept > 1)
			nkept -= drop_dispatches(s);
		if (i >= s->npending || over_budget(s, nkept))
			break;
	}
	if (nkept > 0) {
		size_t n = s->npending;
		add_repeats(s);
		if (s->npending > n)
			qsort(s->pending, s->npending, sizeof *s->pending, pending_cmp);
	}
	/* a generic value that took an escape in waits for the views */
	for (size_t i = 0; i < s->npending && nkept > 0 && !over_budget(s, (size_t)s->nfound); i++)
		if (s->pending[i].keep && !took_escape(s, &s->pending[i]))
			emit_pending(s, i, account);
	if (s->err == 0 && !over_budget(s, (size_t)s->nfound))
		read_views(s);
	for (size_t i = 0; i < s->npending && nkept > 0 && !over_budget(s, (size_t)s->nfound);
	     i++) {
		const struct pending *p = &s->pending[i];
		if (p->keep && took_escape(s, p) &&
		    (s->nvspans == 0 || !spans_overlap(s->vspans, s->nvspans, p->ss, p->se)))
			emit_pending(s, i, account);
	}
	secure_wipe(account, sizeof account);
	s->npending = 0;
	s->path_ctx = s->file_ctx;
}

/* The field name around the keyword at ks, for the rules of reach "word":
 * the run of name bytes (at most reach before it) and whether it names a
 * credential. A name right after a quote or a brace may be inside a value
 * ("a": "Password: x", ${KEY:=x}): it is "quoted", and there the leftmost
 * match within reach decides, as for a numeric reach. A name that fills a
 * brace ({NAME}, ${NAME}, {{NAME}}) is a whole reference, not a field:
 * its keyword anchors no rule (anchor()), and a match around it starts at a
 * name of its own, whose keyword anchors it (doc/rules.md, reach). Every
 * rule anchored at ks shares one walk, and one verdict, judged when a rule
 * first asks for it. */
/* The braces at open and before close hold the key of a Perl hash
 * element that is assigned to: $Conf{RsyncdPasswd} = 'x' (BackupPC), a
 * field, not a template's reference; %ENV's has a rule of its own
 * (perl-env-assignment). */
static bool hash_element_assigned(const unsigned char *b, size_t len, size_t open, size_t close)
{
	size_t h = open;

	while (h > 0 && is_name_byte(b[h - 1]) && b[h - 1] != '.' && b[h - 1] != '-')
		h--;
	if (h == open || h == 0 || b[h - 1] != '$' ||
	    (open - h == 3 && memcmp(b + h, "ENV", 3) == 0))
		return false;
	while (close < len && (b[close] == ' ' || b[close] == '\t'))
		close++;
	return close + 1 < len && b[close] == '=' && b[close + 1] != '=' && b[close + 1] != '~';
}

/* The name run b[t, e) inside "${" and "}" is a shell variable's expansion
 * with a default, ${DB_PASSWORD-x} (used when the variable is unset, as
 * compose files and sh read it), not a name that fills its braces: an
 * upper-case variable's name, then '-'. A name of Spring's, which may hold
 * '-' (${app.db-password}), is not upper case. */
static bool shell_default(const unsigned char *b, size_t t, size_t e)
{
	size_t i = t;

	if (t < 2 || b[t - 2] != '$' || !(b[i] == '_' || (b[i] >= 'A' && b[i] <= 'Z')))
		return false;
	while (i < e &&
	       (b[i] == '_' || (b[i] >= 'A' && b[i] <= 'Z') || (b[i] >= '0' && b[i] <= '9')))
		i++;
	return i < e && b[i] == '-';
}

static struct word_field *word_field(struct scan_scratch *s, size_t reach, size_t ks, size_t ke)
{
	const unsigned char *b = s->in->buf;
	struct word_field *w = &s->word;
	size_t t, e, stop;

	if (w->valid && w->ks == ks && w->ke == ke && w->reach == reach)
		return w;
	t = name_run_start(b, ks, ks > reach ? ks - reach : 0);
	stop = s->in->len - t > 256 ? t + 256 : s->in->len;
	e = name_run_end(b, ks, stop);
	if (e < ke) { /* a blank inside its keyword ("api key") is part of the name */
		while (e < ke && e < stop && (is_name_byte(b[e]) || b[e] == ' ' || b[e] == '\t'))
			e++;
		if (e == ke)
			e = name_run_end(b, e, stop);
	}
	w->valid = true;
	w->ks = ks;
	w->ke = ke;
	w->reach = reach;
	w->from = t;
	w->end = e;
	w->fills = t > 0 && b[t - 1] == '{' && e < s->in->len && b[e] == '}' &&
	           !hash_element_assigned(b, s->in->len, t - 1, e + 1) && !shell_default(b, t, e);
	w->quoted =
	        t > 0 && (b[t - 1] == '"' || b[t - 1] == '\'' || (b[t - 1] == '{' && !w->fills));
	w->credential = -1;
	return w;
}

/* Whether the field's name names a credential, as flush() would judge it
 * after the pattern: asked before the pattern, once per occurrence. */
static bool word_credential(struct scan_scratch *s, struct word_field *w)
{
	if (w->credential < 0)
		w->credential =
		        !w->quoted && names_credential(s, s->in->buf + w->from, w->end - w->from);
	return w->credential > 0;
}

/* A rule's pattern is JIT-compiled when first matched, by whichever
 * thread gets there first; the others wait for it (pcre2_jit_compile()
 * writes the code that pcre2_match() reads). Rule sets are shared, so
 * the lock is too. */
enum jit_state { JIT_UNTRIED, JIT_DONE, JIT_NONE };
static pthread_mutex_t jit_lock = PTHREAD_MUTEX_INITIALIZER;

/* Whether rule ri's pattern runs JIT-compiled (pcre2_jit_match()). */
static bool pattern_jit(const struct scan_engine *e, size_t ri)
{
	unsigned char st = __atomic_load_n(&e->jit[ri], __ATOMIC_ACQUIRE);

	if (st == JIT_UNTRIED) {
		size_t size = 0;
		pthread_mutex_lock(&jit_lock);
		if ((st = e->jit[ri]) == JIT_UNTRIED) {
			/* none: the interpreter (no JIT support, or no memory) */
			pcre2_jit_compile(e->rules[ri]->re, PCRE2_JIT_COMPLETE);
			pcre2_pattern_info(e->rules[ri]->re, PCRE2_INFO_JITSIZE, &size);
			st = size > 0 ? JIT_DONE : JIT_NONE;
			__atomic_store_n(&e->jit[ri], st, __ATOMIC_RELEASE);
		}
		pthread_mutex_unlock(&jit_lock);
	}
	return st == JIT_DONE;
}

/* Find and report the match of rule ri that contains the keyword at
 * [ks, ke): the leftmost one starting in [ks - reach, ks]. */
static void confirm(struct scan_scratch *s, size_t ri, size_t ks, size_t ke)
{
	const struct rule *r = s->e->rules[ri];
	const struct scan_input *in = s->in;
	size_t t = ks > r->reach ? ks - r->reach : 0;
	size_t sublen = ks + RULE_MATCH_MAX + LOOKAHEAD;
	size_t limit = ks; /* the last start allowed */
	uint32_t opts = 0;

	if (r->path_re != NULL && !s->path_ok[ri])
		return;
	if (ks < in->report_from || t >= s->until)
		return;
	if (sublen >= in->len)
		sublen = in->len;
	else
		opts = PCRE2_NOTEOL;
	if (r->reach_word) {
		struct word_field *w = word_field(s, r->reach, ks, ke);
		if (!w->quoted) { /* quoted: the leftmost match within reach decides */
			if (r->key_group > 0 && !r->several && !word_credential(s, w))
				return; /* flush() would drop it for its name */
			t = limit = w->from;
		}
		if (t < in->report_from && limit == t)
			return;
	}
	if (!may_start(&s->e->start[ri], in->buf, t, limit))
		return; /* PCRE2 would find no place to start */
	pcre2_set_offset_limit(s->mctx, limit);
	for (bool jit = pattern_jit(s->e, ri);;) {
		/* the JIT entry point skips pcre2_match()'s argument checks: this
		 * runs for every keyword occurrence */
		int rc = jit ? pcre2_jit_match(r->re, in->buf, sublen, t, opts, s->md, s->mctx)
		             : pcre2_match(r->re, in->buf, sublen, t, opts, s->md, s->mctx);
		PCRE2_SIZE *ov;
		if (rc < 0)
			return; /* no match, or a limit hit: not a finding */
		ov = pcre2_get_ovector_pointer(s->md);
		if (ov[1] >= ke && ov[1] - ov[0] <= RULE_MATCH_MAX) {
			if (ov[0] >= in->report_from && ov[0] < s->until)
				report(s, r, ri, ks, ke);
			return;
		}
		t = ov[0] + 1;
		if (t > limit)
			return;
	}
}

/* The field's value is a whole reference alone to its line's end, bare
 * or quoted: "password = ${DB_PASSWORD}", 'password: "${DB_PASSWORD}"'.
 * Not a reference with a default or text around it (${X:-pw}, ${X}pw),
 * nor a line that goes on past the buffer. */
static bool reference_value(const struct scan_scratch *s, const struct word_field *w)
{
	const unsigned char *b = s->in->buf;
	size_t n = s->in->len, p = w->end, name;
	unsigned char q = 0;

	while (p < n && (b[p] == ' ' || b[p] == '\t'))
		p++;
	if (p >= n || (b[p] != '=' && b[p] != ':'))
		return false;
	for (p++; p < n && (b[p] == ' ' || b[p] == '\t');)
		p++;
	if (p < n && (b[p] == '"' || b[p] == '\''))
		q = b[p++];
	if (n - p < 4 || b[p] != '$' || b[p + 1] != '{')
		return false;
	for (p += 2, name = p; p < n && is_name_byte(b[p]) && b[p] != '.' && b[p] != '-';)
		p++;
	if (p == name || p >= n || b[p++] != '}' || (q != 0 && (p >= n || b[p++] != q)))
		return false;
	while (p < n && (b[p] == ' ' || b[p] == '\t'))
		p++;
	return p < n && (b[p] == '\n' || b[p] == '\r');
}

static void anchor(struct scan_scratch *s, size_t kw, size_t ks, size_t ke)
{
	const struct keyword *k = &s->e->kws[kw];

	if (!k->everywhere && !(k->mask & s->mask))
		return; /* only rules that do not apply to this file name it */
	struct word_field *w = word_field(s, RULE_REACH_DEFAULT, ks, ke);
	size_t i = 0;

	if (w->fills)
		return; /* ${DB_PASSWORD}: a reference, no field; see word_field() */
	/* the rules that read the value of the field the keyword names: none
	 * where the name names no credential ("token_ttl": confirm() would
	 * drop each for its name), nor where the value is a reference, which
	 * flush() would dismiss ("password = ${DB_PASSWORD}") */
	if (k->nnamed > 0 && !w->quoted && (!word_credential(s, w) || reference_value(s, w)))
		i = k->nnamed;
	/* a rule whose path condition fails here (most of "token"'s that
	 * its name does not skip) is passed over without reading it */
	for (; i < k->nrules; i++)
		if (s->applies[k->rules[i]])
			confirm(s, k->rules[i], ks, ke);
}

#ifdef HAVE_HYPERSCAN
/* Keyword id occurs at ks, whole in the current piece: its anchor, and the
 * keywords derived from it that occur around it (derive_keywords()). */
static void found(struct scan_scratch *s, size_t id, size_t ks, size_t piece_end);

/* Whether derived keyword i of k occurs around k's occurrence at ks. */
static void found_derived(struct scan_scratch *s, const struct keyword *k, size_t i, size_t ks,
                          size_t piece_end)
{
	const struct keyword *d = &s->e->kws[k->derived[i]];
	const unsigned char *b = s->in->buf;
	size_t ds = ks - d->parent_off;

	if (ks < d->parent_off || ds < s->piece_from || ds + d->len > piece_end)
		return;
	if (lit_at(b + ds, d->lit, d->len))
		found(s, k->derived[i], ds, piece_end);
}

static void found(struct scan_scratch *s, size_t id, size_t ks, size_t piece_end)
{
	const struct keyword *k = &s->e->kws[id];
	const unsigned char *b = s->in->buf;
	size_t ke = ks + k->len, w = k->gate_words;
	const uint64_t *before, *after, *after2;

	anchor(s, id, ks, ke);
	if (k->nderived == 0)
		return;
	/* the derived keywords these neighbours allow (two bytes after:
	 * "token_ttl" is no "token_secret") */
	before = k->gate + (ks > 0 ? lc(b[ks - 1]) : 0) * w;
	after = k->gate + (256 + (ke < piece_end ? lc(b[ke]) : 0)) * w;
	after2 = k->gate + (512 + (ke + 1 < piece_end ? lc(b[ke + 1]) : 0)) * w;
	for (size_t j = 0; j < w; j++)
		for (uint64_t maybe = before[j] & after[j] & after2[j]; maybe != 0;
		     maybe &= maybe - 1)
			found_derived(s, k, j * 64 + (size_t)__builtin_ctzll(maybe), ks, piece_end);
}

static int on_hs_match(unsigned id, unsigned long long from, unsigned long long to, unsigned flags,
                       void *ctx)
{
	struct scan_scratch *s = ctx;
	const struct keyword *k = &s->e->kws[id];
	size_t piece_off = s->piece_off;
	size_t ks = piece_off + (size_t)to - k->hs_len;
	size_t piece_end = piece_off + s->piece_len;

	if (ks < s->piece_from) /* seen in the previous piece */
		return 0;
	if (k->hs_len < k->len && /* its cut run, whole (struct keyword) */
	    (ks + k->len > piece_end ||
	     !lit_at(s->in->buf + ks + k->hs_len, k->lit + k->hs_len, k->len - k->hs_len)))
		return 0;
	found(s, id, ks, piece_end);
	return 0;
}

/* Make s->hs big enough for db (bit of s->grown). A failure frees it
 * (Hyperscan's hs_alloc_scratch): it is then big enough for nothing. */
static int grow_scratch(struct scan_scratch *s, const hs_database_t *db, unsigned bit)
{
	if (db == NULL || (s->grown & (UINT64_C(1) << bit)))
		return 0;
	if (hs_alloc_scratch(db, &s->hs) != HS_SUCCESS) {
		s->grown = 0;
		s->db_picked = false;
		return -ENOMEM;
	}
	s->grown |= UINT64_C(1) << bit;
	return 0;
}

/* The databases to scan the current file with (struct hs_dbs), each
 * compiled the first time it is needed: the full one of the file's mask,
 * or the common one and the mask's own (NULL where no keyword is in it);
 * past HS_DBS masks, the slot of every path-limited keyword (anchor()
 * skips the rest). Databases are freed only with the engine: other threads may be
 * scanning with them. */
static int pick_db(struct scan_scratch *s, const hs_database_t *out[2])
{
	struct hs_dbs *d = s->e->dbs;
	uint64_t mask = s->mask;
	char err[256];
	size_t i = HS_DBS;
	unsigned bit;
	int rc = 0;

	/* the same set as the last file, not yet due for its full database */
	if (s->db_picked && s->db_mask == mask &&
	    (s->picked[1] == NULL ||
	     __atomic_load_n(&d->bytes[s->slot], __ATOMIC_RELAXED) + s->in->len < HS_FULL_AFTER)) {
		out[0] = s->picked[0];
		out[1] = s->picked[1];
		return 0;
	}
	pthread_mutex_lock(&d->lock);
	out[0] = out[1] = NULL;
	if (mask != 0) {
		for (i = 0; i < d->n && d->mask[i] != mask; i++)
			;
		if (i == HS_DBS) {
			mask = UINT64_MAX; /* slot HS_DBS */
		} else if (i == d->n) {
			d->mask[i] = mask;
			d->n++;
		}
		/* the first mask met (a tree of one kind of file, one large
		 * file), or one that has scanned enough: every keyword, one pass */
		if (d->full[i] == NULL &&
		    (d->nfull == 0 ||
		     __atomic_load_n(&d->bytes[i], __ATOMIC_RELAXED) + s->in->len >=
		             HS_FULL_AFTER) &&
		    (rc = build_hs(s->e, true, mask, &d->full[i], err, sizeof err)) == 0 &&
		    d->full[i] != NULL)
			d->nfull++;
		out[0] = d->full[i];
	}
	if (rc == 0 && out[0] == NULL) {
		if (!d->have_common &&
		    (rc = build_hs(s->e, true, 0, &d->common, err, sizeof err)) == 0)
			d->have_common = true;
		if (rc == 0 && mask != 0 && !d->have_db[i] &&
		    (rc = build_hs(s->e, false, mask, &d->db[i], err, sizeof err)) == 0)
			d->have_db[i] = true;
		out[0] = d->common;
		out[1] = mask != 0 ? d->db[i] : NULL;
	}
	bit = out[0] == d->common ? 63 : HS_DBS + 1 + (unsigned)i; /* d->common under the lock */
	pthread_mutex_unlock(&d->lock);
	if (rc < 0 || (rc = grow_scratch(s, out[0], bit)) < 0 ||
	    (rc = grow_scratch(s, out[1], (unsigned)i)) < 0)
		return rc;
	s->picked[0] = out[0];
	s->picked[1] = out[1];
	s->slot = i;
	s->db_mask = s->mask;
	s->db_picked = true;
	return 0;
}

static int scan_hs(struct scan_scratch *s)
{
	const struct scan_engine *e = s->e;
	const struct scan_input *in = s->in;
	const hs_database_t *dbs[2];
	size_t off = 0;
	int rc;

	if ((rc = pick_db(s, dbs)) < 0)
		return rc;
	if (dbs[1] != NULL) /* two passes: toward the mask's full database */
		__atomic_fetch_add(&e->dbs->bytes[s->slot], (uint64_t)in->len, __ATOMIC_RELAXED);
	if (dbs[0] == NULL && dbs[1] == NULL)
		return 0;
	s->piece_from = 0;
	for (rc = 0;;) {
		size_t rest = in->len - off;
		bool copy = rest <= HS_TAIL; /* the last piece (HS_TAIL) */
		size_t n = copy                            ? rest
		           : rest - HS_TAIL / 2 > HS_PIECE ? HS_PIECE
		                                           : rest - HS_TAIL / 2;
		const unsigned char *p = in->buf + off;
		if (copy) {
			memcpy(s->tail, p, n);
			p = s->tail;
		}
		s->piece_off = off;
		s->piece_len = n;
		for (int j = 0; j < 2 && rc == 0; j++)
			if (dbs[j] != NULL && hs_scan(dbs[j], (const char *)p, (unsigned)n, 0,
			                              s->hs, on_hs_match, s) != HS_SUCCESS)
				rc = -EIO;
		if (copy) {
			secure_wipe(s->tail, n); /* the input's bytes */
			break;
		}
		if (rc < 0)
			return rc;
		/* the next piece repeats enough for every keyword to be whole */
		s->piece_from = off + n - e->overlap + 1;
		off = off + n - e->overlap + 1;
	}
	return rc;
}
#endif

/* The PCRE2-only prefilter: every occurrence of every keyword, caseless. */
static void scan_literals(struct scan_scratch *s)
{
	const struct scan_engine *e = s->e;
	const unsigned char *b = s->in->buf;
	size_t len = s->in->len;

	if (e->nkws == 0 || len < 2)
		return;
	for (size_t i = 0; i + 1 < len; i++) {
		unsigned key;
		if (!e->first[b[i]])
			continue;
		key = (unsigned)(lc(b[i]) << 8 | lc(b[i + 1]));
		for (uint32_t j = e->bucket[key]; j < e->bucket[key + 1]; j++) {
			const struct keyword *k = &e->kws[e->bucket_kw[j]];
			if (k->len <= len - i && lit_at(b + i + 2, k->lit + 2, k->len - 2))
				anchor(s, e->bucket_kw[j], i, i + k->len);
		}
	}
}

/* A copy kept beside a file says what the file is: netrc.bak, .pgpass~,
 * config.json.old, wpa_supplicant.conf.orig, a package manager's
 * x.dpkg-old. The path's length without such a suffix (n if none). */
static size_t without_copy_suffix(const char *path, size_t n)
{
	static const char *const suffixes[] = {
	        ".bak",      ".old",     ".orig",   ".backup",   ".save",
	        ".sav",      ".copy",    ".prev",   ".dpkg-old", ".dpkg-dist",
	        ".dpkg-bak", ".rpmsave", ".rpmnew", ".ucf-old",  ".ucf-dist",
	};

	if (n > 1 && path[n - 1] == '~')
		return n - 1;
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		size_t m = strlen(suffixes[i]);
		if (n > m + 1 && path[n - m - 1] != '/' && path[n - m - 1] != '!' &&
		    lit_at((const unsigned char *)path + n - m, suffixes[i], m))
			return n - m;
	}
	return n;
}

/* Rules limited to some files by path: which of them apply to this one
 * (or to the file it is a copy of). */
static int check_paths(struct scan_scratch *s)
{
	const struct scan_engine *e = s->e;
	const char *path = s->in->path ? s->in->path : "";
	size_t n, base;

	if (!e->any_path)
		return 0;
	if (s->path != NULL && strcmp(s->path, path) == 0)
		return 0;
	free(s->path);
	if ((s->path = strdup(path)) == NULL)
		return -ENOMEM;
	s->mask = 0;
	n = strlen(path);
	base = without_copy_suffix(path, n);
	/* path_ok[] of a rule without a path condition stays 0 (calloc) */
	for (size_t k = 0; k < e->npathed; k++) {
		size_t i = e->pathed[k];
		const struct rule *r = e->rules[i];
		s->path_ok[i] = r->path_re != NULL &&
		                (pcre2_match(r->path_re, (PCRE2_SPTR)path, n, 0, 0, s->md2,
		                             s->mctx2) >= 0 ||
		                 (base < n && pcre2_match(r->path_re, (PCRE2_SPTR)path, base, 0, 0,
		                                          s->md2, s->mctx2) >= 0));
		if (s->path_ok[i])
			s->mask |= e->pbit[i];
		s->applies[i] = r->path_re == NULL || s->path_ok[i];
	}
	return 0;
}

/* A file-name rule: the file itself is the finding. Its decoder (a
 * whole-file one, e.g. a browser store) sees the first chunk: it may say
 * the store is empty (no finding), recover a password, or count entries;
 * a chunk it cannot read is still reported, on the strength of the name. */
static void file_finding(struct scan_scratch *s, const struct rule *r)
{
	const struct scan_input *in = s->in;
	const unsigned char *fp = in->buf;
	size_t n = in->len < 4096 ? in->len : 4096;
	struct finding f;
	struct decoded dec;
	bool decoded = false;
	char shown[REDACTED_LEN];

	finding_init(&f, s, r);
	f.line = in->base_line < 0 ? -1 : in->base_line;
	f.offset = in->base_offset;
	snprintf(f.redacted, sizeof f.redacted, "[file]");
	if (r->decoder != NULL && r->decoder->decode(in->buf, in->len, &dec) == 0) {
		decoded = true;
		if (dec.not_a_secret) {
			decoded_wipe(&dec);
			return;
		}
		if (dec.note[0] != '\0')
			f.note = dec.note;
		if (dec.severity != SEVERITY_KEEP)
			f.severity = dec.severity;
		if (dec.account[0] != '\0')
			f.account = account_shown(dec.account, shown);
		f.recoverable = dec.recoverable;
		if (dec.recoverable && dec.secret_len > 0) {
			f.secret = dec.secret;
			f.secret_len = dec.secret_len;
			fp = dec.secret;
			n = dec.secret_len;
			secret_redact(fp, n, f.redacted);
		}
	}
	secret_fingerprint(fp, n, f.fingerprint);
	s->cb(s->ctx, &f);
	s->nfound++;
	secure_wipe(&f, sizeof f);
	secure_wipe(shown, sizeof shown);
	if (decoded)
		decoded_wipe(&dec);
}

/* A table's credential column (table.h), in the file's first chunk: a
 * secret of rule ri in each row, its user's cell the account. At most
 * TABLE_ROWS_MAX rows are read, so a huge export costs no more. */
#define TABLE_ROWS_MAX 4096
static void scan_table(struct scan_scratch *s, size_t ri)
{
	const struct scan_input *in = s->in;
	const unsigned char *b = in->buf;
	struct table_header h;
	/* no column names a credential: rows of a name and its value
	 * ("パスワード,x" under "項目,値"), the name in the first cell */
	bool by_name = false;
	size_t pos;

	if (in->base_offset != 0 || in->report_from != 0)
		return;
	if (!table_header(b, s->until, &h)) {
		if (h.ncols < 2 || h.ncols > 4)
			return; /* a data table, not a sheet of names and values */
		by_name = true;
		h.secret_col = 1;
		h.user_col = 0;
		h.rows = 0;
	}
	pos = h.rows;
	for (size_t n = 0; n < TABLE_ROWS_MAX && pos < s->until; n++) {
		struct table_cell sec, user;
		struct pending *p;
		bool ascii = true;
		pos = table_row(b, s->until, pos, &h, &sec, &user);
		if (by_name) { /* the "user" cell is the row's name */
			if (!table_row_names_credential(b + user.s, user.e - user.s))
				continue;
			user.s = user.e;
		}
		for (size_t i = sec.s; i < sec.e && ascii; i++)
			ascii = b[i] < 0x80; /* kana or kanji: an instruction */
		if (sec.e <= sec.s || !ascii || (p = new_pending(s)) == NULL)
			continue;
		p->rule = ri;
		p->generic = s->e->rules[ri]->generic;
		p->keep = false;
		p->by_shape = false;
		p->ms = sec.s;
		p->ss = sec.s;
		p->se = sec.e;
		p->as = user.s;
		p->ae = user.e;
		p->ks = p->ke = 0;
	}
}

/* Rules with a path and no keywords: run the pattern over the whole
 * buffer; rules with a path and no pattern: the file itself is the
 * finding, or its table's credential column. */
static void scan_path_rules(struct scan_scratch *s)
{
	const struct scan_engine *e = s->e;
	const struct scan_input *in = s->in;

	for (size_t k = 0; k < e->npathed; k++) {
		size_t i = e->pathed[k];
		const struct rule *r = e->rules[i];
		size_t t = 0;
		if (r->path_re == NULL || !s->path_ok[i] || r->nkeywords > 0)
			continue;
		if (r->table) {
			scan_table(s, i);
			continue;
		}
		if (r->re == NULL) {
			if (in->base_offset == 0 && in->report_from == 0)
				file_finding(s, r);
			continue;
		}
		pcre2_set_offset_limit(s->mctx, s->until);
		pattern_jit(e, i); /* pcre2_match() takes the JIT code if there is one */
		while (t < in->len) {
			PCRE2_SIZE *ov;
			if (pcre2_match(r->re, in->buf, in->len, t, 0, s->md, s->mctx) < 0)
				break;
			ov = pcre2_get_ovector_pointer(s->md);
			if (ov[1] - ov[0] <= RULE_MATCH_MAX && ov[0] >= in->report_from &&
			    ov[0] < s->until)
				report(s, r, i, 0, 0);
			t = ov[1] > ov[0] && ov[1] - ov[0] <= RULE_MATCH_MAX ? ov[1] : ov[0] + 1;
		}
	}
}

int scan_buffer(const struct scan_engine *e, struct scan_scratch *s, const struct scan_input *in,
                finding_fn cb, void *ctx)
{
	int rc;

	if (e != s->e || (in->buf == NULL && in->len > 0))
		return -EINVAL;
	s->in = in;
	s->word.valid = false;
	s->tuple_lang = in->view != NULL ? TUPLE_NONE : tuple_language(in->path);
	s->until = in->report_until ? in->report_until : in->len;
	s->cb = cb;
	s->ctx = ctx;
	s->nfound = 0;
	s->line_pos = 0;
	s->doc_pos = 0;
	s->doc_open = 0;
	s->line_no = in->base_line;
	s->npending = 0;
	s->err = 0;
	s->nvspans = s->nrspans = 0;
	if ((rc = check_paths(s)) < 0)
		return rc;
	s->nhunks = 0;
	if (in->view != NULL) {
		/* text, in the context of the string it was in */
		s->path_ctx = (enum scan_context)in->view->context;
		s->file_ctx = s->path_ctx;
		s->code_name = false;
		s->shell_code = false;
	} else {
		s->path_ctx = context_of_content(context_of_path(in->path, in->root_len), in->path,
		                                 in->buf, in->len);
		/* NUL bytes near the start: a binary file (a key store, a
		 * database, an image), whatever its name */
		if (s->path_ctx != CTX_DOC && s->path_ctx != CTX_TEST && in->len > 0 &&
		    memchr(in->buf, '\0', in->len < BINARY_SNIFF ? in->len : BINARY_SNIFF) != NULL)
			s->path_ctx = CTX_BINARY;
		s->file_ctx = s->path_ctx;
		s->code_name = is_code_path(in->path);
		s->shell_code = s->code_name && is_powershell_path(in->path);
		if (s->path_ctx != CTX_BINARY && is_patch_path(in->path))
			read_hunks(s);
		else if (s->path_ctx == CTX_CODE && has_heredocs(in->path))
			read_heredocs(s);
		if (e->any_path)
			scan_path_rules(s);
	}
#ifdef HAVE_HYPERSCAN
	if (e->use_hs) {
		if ((rc = scan_hs(s)) < 0)
			return rc;
	} else
#endif
		scan_literals(s);
	if (s->err == 0)
		flush(s);
	s->npending = 0;
	s->in = NULL;
	return s->err < 0 ? s->err : s->nfound;
}
