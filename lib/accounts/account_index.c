/* Accounts by name and by UID in constant time (open addressing), so an
 * inventory of a million accounts is linear, not quadratic. Each key
 * finds the first account holding it, as getpwnam()/getpwuid() return
 * the first match; accounts sharing a key are marked. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "accounts/accounts.h"

#define NONE ((size_t)-1)

static size_t hash_name(const char *s)
{
	size_t h = 14695981039346656037ULL & (size_t)-1;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211ULL;
	return h;
}

static size_t hash_uid(uint32_t uid)
{
	return (size_t)uid * (size_t)2654435761U;
}

static int index_alloc(struct account_index *ix, size_t n)
{
	size_t cap = 16;

	while (cap < n * 2)
		cap *= 2;
	ix->slot = calloc(cap, sizeof *ix->slot);
	ix->mask = cap - 1;
	return ix->slot ? 0 : -ENOMEM;
}

void account_index_free(struct account_index *ix)
{
	free(ix->slot);
	ix->slot = NULL;
	ix->mask = 0;
}

static bool same(const struct account *a, const struct account *b, bool by_uid)
{
	return by_uid ? a->uid == b->uid : strcmp(a->name, b->name) == 0;
}

/* Insert account i, or mark it and the first holder when the key is
 * taken. */
static void insert(struct account_index *ix, struct account *v, size_t i, bool by_uid)
{
	size_t h = (by_uid ? hash_uid(v[i].uid) : hash_name(v[i].name)) & ix->mask;

	for (;; h = (h + 1) & ix->mask) {
		struct account *first;

		if (ix->slot[h] == 0) {
			ix->slot[h] = i + 1;
			return;
		}
		first = &v[ix->slot[h] - 1];
		if (!same(first, &v[i], by_uid))
			continue;
		if (by_uid)
			first->dup_uid = v[i].dup_uid = true;
		else
			first->dup_name = v[i].dup_name = true;
		return;
	}
}

int accounts_index(struct accounts_db *db)
{
	account_index_free(&db->by_name);
	account_index_free(&db->by_uid);
	if (index_alloc(&db->by_name, db->n) != 0 || index_alloc(&db->by_uid, db->n) != 0)
		return -ENOMEM;
	for (size_t i = 0; i < db->n; i++) {
		insert(&db->by_name, db->v, i, false);
		insert(&db->by_uid, db->v, i, true);
	}
	return 0;
}

static size_t find(const struct accounts_db *db, const char *name, uint32_t uid)
{
	const struct account_index *ix = name ? &db->by_name : &db->by_uid;
	size_t h;

	if (ix->slot == NULL)
		return NONE;
	h = (name ? hash_name(name) : hash_uid(uid)) & ix->mask;
	for (; ix->slot[h] != 0; h = (h + 1) & ix->mask) {
		const struct account *a = &db->v[ix->slot[h] - 1];
		if (name ? strcmp(a->name, name) == 0 : a->uid == uid)
			return ix->slot[h] - 1;
	}
	return NONE;
}

struct account *accounts_by_name(struct accounts_db *db, const char *name)
{
	size_t i = find(db, name, 0);
	return i == NONE ? NULL : &db->v[i];
}

struct account *accounts_by_uid(struct accounts_db *db, uint32_t uid)
{
	size_t i = find(db, NULL, uid);
	return i == NONE ? NULL : &db->v[i];
}
