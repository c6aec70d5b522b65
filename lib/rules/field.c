/* The credential field judge (field.h). The word lists are the whole
 * policy: what a field that holds a credential is called, and what a field
 * that only describes one is called. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "rules/field.h"

static int lc(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static bool is_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool is_upper(int c)
{
	return c >= 'A' && c <= 'Z';
}

/* The capital outside ASCII of two bytes that starts s[0, n), in lower
 * case, into out (one byte or two); 0 when s starts with none. The
 * capitals of the foreign words: Latin-1's (Ñ, Ö, Ó), Latin Extended-A's
 * (Ł, Ş; Turkish İ is i), Cyrillic's (ПАРОЛЬ). Both forms of these take
 * two bytes, or one for İ, so a name never grows. */
static size_t lower_capital(const char *s, size_t n, char out[2])
{
	unsigned c0 = (unsigned char)s[0], c1 = n > 1 ? (unsigned char)s[1] : 0;
	uint32_t cp, lo = 0;

	if (c0 < 0xc2 || c0 > 0xdf || (c1 & 0xc0) != 0x80)
		return 0;
	cp = ((c0 & 0x1f) << 6) | (c1 & 0x3f);
	if (cp >= 0xc0 && cp <= 0xde && cp != 0xd7)
		lo = cp + 0x20;
	else if (cp == 0x130)
		lo = 'i';
	else if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14a && cp <= 0x177))
		lo = cp % 2 == 0 ? cp + 1 : 0; /* capital, small in pairs */
	else if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17e))
		lo = cp % 2 == 1 ? cp + 1 : 0; /* small, capital in pairs */
	else if (cp >= 0x410 && cp <= 0x42f)
		lo = cp + 0x20;
	else if (cp >= 0x400 && cp <= 0x40f)
		lo = cp + 0x50;
	if (lo == 0)
		return 0;
	if (lo < 0x80) {
		out[0] = (char)lo;
		out[1] = 0;
	} else {
		out[0] = (char)(0xc0 | (lo >> 6));
		out[1] = (char)(0x80 | (lo & 0x3f));
	}
	return 2;
}

/* Append key[*i]'s letter to j at *m, in lower case (ASCII, and
 * lower_capital()'s), and step *i past it. */
static void put_lower(const char *key, size_t n, size_t *i, char *j, size_t *m)
{
	char lo[2];

	if ((unsigned char)key[*i] >= 0x80 && lower_capital(key + *i, n - *i, lo) == 2) {
		j[(*m)++] = lo[0];
		if (lo[1] != 0)
			j[(*m)++] = lo[1];
		*i += 2;
		return;
	}
	j[(*m)++] = (char)lc((unsigned char)key[*i]);
	(*i)++;
}

size_t field_split(const char *key, size_t n, struct field_word *out, size_t max)
{
	size_t nw = 0, i = 0;

	while (i < n && nw < max) {
		size_t s;
		while (i < n && !is_alnum((unsigned char)key[i]))
			i++;
		if (i == n)
			break;
		s = i++;
		while (i < n && is_alnum((unsigned char)key[i])) {
			int p = (unsigned char)key[i - 1], c = (unsigned char)key[i];
			/* dbPassword: a lower-case letter or digit, then upper case */
			if (is_upper(c) && !is_upper(p))
				break;
			/* APIKey: the last capital of a run starts the next word */
			if (is_upper(p) && is_upper(c) && i + 1 < n &&
			    (key[i + 1] >= 'a' && key[i + 1] <= 'z') && i - s > 1)
				break;
			i++;
		}
		out[nw].at = s;
		out[nw].len = i - s;
		nw++;
	}
	return nw;
}

/* clang-format off */
/* A word that is (or ends with, or for the first three starts with) one of
 * these names a credential: dbpassword, rootpasswd, passwordhash. The short
 * forms pw and pwd are short_form()'s. */
struct lit {
	const char *s;
	size_t n;
};
#define W(s) {s, sizeof(s) - 1}
static const struct lit cred_words[] = {
	W("password"), W("passwd"), W("passphrase"), W("passwort"), W("passcode"), W("secret"),
	W("token"), W("credential"), W("credentials"), W("apikey"), W("psk"),
};
/* Whole words only. */
static const char *const cred_exact[] = {"pass", "pword", "authtok", "creds"};
/* "password" in other languages, lower case, with and without accents
 * (UTF-8), its words joined (mot de passe, mật khẩu, kata sandi) */
static const struct lit foreign_words[] = {
	W("contraseña"), W("contrasena"), W("senha"), W("kennwort"), W("wachtwoord"),
	W("motdepasse"), W("passord"), W("adgangskode"), W("lösenord"), W("losenord"),
	W("salasana"), W("hasło"), W("haslo"), W("jelszó"), W("jelszo"), W("şifre"), W("sifre"),
	W("matkhau"), W("mậtkhẩu"), W("katasandi"), W("пароль"), W("密码"), W("口令"),
	W("비밀번호"), W("パスワード"),
};
/* Words that say what a password named in another language is about,
 * not what it is for: its length, policy, expiry, file, a form's label
 * or message (senha_atual, tamanho_minimo_senha, kennwort_laenge,
 * nova_senha). With one of them, or an English describing word
 * (about_words), the name holds no password. */
static const char *const foreign_about[] = {
	"tamanho", "minimo", "mínimo", "minima", "mínima", "maximo", "máximo", "maxima",
	"máxima", "longitud", "largo", "comprimento", "longueur", "taille", "laenge", "länge",
	"lengte", "politica", "política", "politique", "richtlinie", "expiracao", "expiração",
	"expiracion", "expiración", "validade", "caducidad", "ablauf", "regra", "regla", "regel",
	"requisitos", "forca", "força", "fuerza", "staerke", "stärke", "historico", "histórico",
	"historial", "intentos", "tentativas", "versuche", "arquivo", "archivo", "datei",
	"bestand", "fichier", "etiqueta", "rotulo", "rótulo", "titulo", "título", "texto",
	"mensagem", "mensaje", "meldung", "erro", "fehler", "confirmar", "confirmacao",
	"confirmação", "confirmacion", "confirmación", "atual", "actual", "nova", "nueva",
	"nuevo", "novo", "neu", "neues", "nouveau", "nouvelle", "antigo", "antiga", "anterior",
	"alt", "altes", "ancien", "olvide", "olvidé", "esqueci", "vergessen", "oublie", "oublié",
	"cambiar", "alterar", "mudar", "aendern", "ändern", "changer", "redefinir", "restablecer",
	"ingrese", "introduzca", "digite", "informe", "eingeben", "saisir", "mostrar", "ocultar",
	"obrigatorio", "obrigatoria", "obligatorio", "invalido", "inválido", "invalida",
	"inválida", "incorrecto", "incorreto", "incorreta", "falsch", "dica", "pista",
	"esqueceu", "expirada", "expirado", "campo", "criptografada", "cifrada", "uzunluk",
	"dlugosc", "długość", "длина", "hossz", "hossza", "längd", "langd", "pituus", "laengde",
	"længde", "lengde", "politika", "политика", "срок", "süre", "poprzednie",
};
/* What a password is for, joined before its word into one word: in a
 * script written without blanks (数据库密码, 관리자비밀번호, mysql密码),
 * or in ASCII without a separator (DBSenha, dbsenha, SMTPSenha). Any other
 * word joined there (请输入密码, "please enter the password"; 确认密码;
 * resenha) is no credential's name. */
static const struct lit joined_owners[] = {
	W("db"), W("database"), W("admin"), W("root"), W("user"), W("app"), W("default"),
	W("mysql"), W("postgres"), W("pg"), W("redis"), W("mongo"), W("oracle"), W("smtp"),
	W("ftp"), W("sftp"), W("mail"), W("ldap"), W("wifi"), W("wlan"), W("sql"), W("web"),
	W("api"), W("master"), W("system"), W("sys"), W("service"), W("svc"), W("server"),
	W("my"),
	W("数据库"), W("管理员"), W("用户"), W("登录"), W("默认"), W("初始"),
	W("服务器"), W("邮箱"), W("系统"), W("账号"), W("帐号"), W("超级"),
	W("관리자"), W("사용자"), W("데이터베이스"), W("서버"), W("管理者"),
	W("ユーザー"), W("初期"),
};
#undef W
/* "key" after one of these: api_key, AccessKey, private-key. */
static const char *const key_owners[] = {
	"api", "access", "private", "auth", "secret", "master", "encryption", "signing",
	"shared", "account", "storage", "app", "client", "license", "subscription",
};
/* "pat" after one of these is a personal access token: GITHUB_PAT,
 * GitHubPAT (git hub pat), ado_pat, confluence_pat (the services that
 * issue tokens of that name); alone it is a pattern. */
static const char *const pat_owners[] = {
	"github",    "gh",     "hub",        "gitlab", "gl",          "lab",
	"git",       "gitea",  "bitbucket",  "ado",    "azure",       "devops",
	"azdo",      "vsts",   "personal",   "access", "npm",         "docker",
	"atlassian", "jira",   "confluence", "bamboo", "wiki",        "jenkins",
	"sonar",     "sonarqube", "databricks", "hf",  "huggingface", "airtable",
	"figma",     "asana",  "grafana",    "quay",   "harbor",
};
/* A word before the credential word that says the credential is not a
 * secret one: publicToken, csrf_token, next_page_token. */
static const char *const not_secret[] = {
	"public", "pub", "csrf", "xsrf", "authenticity", "anti", "page", "next", "continuation",
	"cancellation", "sync", "lexer", "parser", "no", "row",
};
/* A verb right before the credential word names what is done with it, a
 * setting or an action: update_password (when to update it),
 * verify_password, change_password. */
/* A negation right before the credential word, or before its article:
 * not_secret, non_secret_value, NOT_A_SECRET (not NON_ROOT_PASSWORD, the
 * root's password outside production). */
static const char *const negations[] = {"not", "non"};
static const char *const verbs_before[] = {
	"update", "change", "reset", "verify", "validate", "check", "ask", "prompt", "read",
	"get", "show", "hide", "save", "forgot", "require", "remember", "encrypt", "decrypt",
	"hash", "generate", "rotate", "expire",
	/* whether or how one is used: use_password: local; the command
	 * that reads the passwd file: cat_passwd='getent passwd' */
	"use", "cat", "getent",
	/* a message's key for a password refused: invalid_password */
	"invalid", "wrong", "incorrect",
	/* where a service reads one from: systemd's LoadCredential=id:path */
	"load", "import",
	/* a predicate: isPrivateKey, has_password */
	"is", "has",
	/* the digest kept in a credential's stead (detect-secrets' baseline:
	 * "hashed_secret"); a crypt(3) hash is found by its own form */
	"hashed",
};
/* "key" as the head of a name is a secret key (slackKey, GITLAB_KEY,
 * githubkey) unless the word before it says what kind of non-secret key. */
static const char *const plain_keys[] = {
	"public", "pub", "primary", "foreign", "sort", "partition", "hash", "cache", "map", "hot",
	"group", "unique", "index", "lookup", "row", "column", "id", "host", "registry",
	"translation", "message", "dict", "keyboard", "short", "shortcut", "menu", "accel",
	"value", "name", "type", "routing", "object", "file", "config", "entry", "item", "field",
	"search", "i18n", "idempotency", "cursor", "page", "next", "prev", "composite", "label",
	"meta", "json", "table", "state", "event", "dedup", "cache", "bucket", "s3", "ssh", "gpg",
	"pgp", "trusted", "trust", "signed", "cert", "certificate", "tls", "ssl", "crypt",
	"monkey", "hotkey", "turkey", "donkey", "hockey", "jockey", "whiskey", "pubkey",
	"publickey", "hashkey", "sortkey", "primarykey", "foreignkey", "gpgkey", "pgpkey",
	"sshkey", "hostkey", "schema", "sequence", "selector", "subkey", "rekey",
	/* a WebSocket handshake's nonce (Sec-WebSocket-Key) */
	"websocket", "socket",
};
/* A word that says the field describes a credential instead of holding
 * it: its length, file, lifetime, policy, where it comes from. */
static const char *const about_words[] = {
	"length", "len", "min", "max", "minimum", "maximum", "file", "files", "path", "dir",
	"policy", "expire", "expires", "expiry", "expiration", "age", "ttl", "lifetime",
	"timeout", "type", "url", "uri", "endpoint", "name", "id", "field", "label", "prompt",
	"hint", "placeholder", "regex", "pattern", "format", "mode", "enabled", "enable",
	"required", "reset", "change", "rotate", "rotation", "command", "cmd", "helper", "env",
	"var", "header", "param", "strength", "count", "size", "validator", "validation",
	"rule", "rules", "history", "attempts", "retries", "prefix", "suffix", "ref", "from",
	"source", "complexity", "chars", "digits", "generator", "class", "method", "handler",
	"callback", "kind", "use", "allow", "show", "remember", "forgot", "lost", "less",
	"level", "lock", "locked", "reuse", "manager", "mgr", "provider", "prefix", "limit",
	"location", "endpoint", "scope", "scopes", "audience", "issuer", "usage", "entry",
	"store", "storage", "cache", "key", "encryption", "algorithm", "algorithms", "algo",
	"algos", "scheme", "schemes", "hashes", "auth",
	"variable", "placeholder", "input", "box", "dialog", "text", "widget", "column",
	"minlen", "maxlen", "fd", "prog", "program", "func", "function", "fn", "message", "msg",
	"tries", "sources", "objects", "ldadd", "libadd", "cflags", "ldflags", "headers",
	"user", "login", "owner", "maps", "map", "table", "lookup", "query", "sql", "attrs",
	"attr", "attribute", "attributes", "msgid", "bools", "flags", "options", "opts", "arg",
	"args", "params", "settings", "fields", "stmt", "statement",
	/* a user interface's element for it, a note about it:
	 * secret_button, token_icon, TOKEN_COMMENT, token_variants */
	"button", "icon", "emoji", "image", "color", "colour", "style", "comment", "comments",
	"variant", "variants",
	/* what becomes of it: auth_key_state: present; an enumerator's
	 * tag: SECRET_TAG='secret'; a message about it: ExpectTokenError */
	"state", "tag", "error", "errors", "err",
	/* when it was set: password_changed, pwdLastChangedDate */
	"changed", "date", "updated", "modified",
	/* where a parser's token lies: tokenStart, token_end, pass_offset */
	"start", "end", "begin", "offset", "pos",
	/* a file's extension: a build's target or source (libpassword_la-x.lo:) */
	"c", "h", "o", "lo", "la", "so", "obj", "mk", "am", "in", "m4", "tpo", "plo",
};
/* Before "token", a word that says it is a parser's token: header_token,
 * yytoken, cur_token. */
static const char *const parser_words[] = {
	"header", "yy", "lex", "cur", "current", "prev", "previous", "last", "word", "char",
	"string", "syntax", "parse", "end", "start", "first", "sub", "eof",
};
/* clang-format on */

static inline bool word_is(const char *w, size_t n, const char *s)
{
	size_t m;

	/* the first letter settles most comparisons without a strlen();
	 * bytes compare unsigned, for the UTF-8 of the words above */
	if (n == 0 || lc((unsigned char)w[0]) != (unsigned char)s[0])
		return n == 0 && s[0] == '\0';
	for (m = 1; m < n; m++)
		if (s[m] == '\0' || lc((unsigned char)w[m]) != (unsigned char)s[m])
			return false;
	return s[n] == '\0';
}

static bool word_ends(const char *w, size_t n, const char *s)
{
	size_t m = strlen(s);
	return m <= n && word_is(w + n - m, m, s);
}

static bool word_starts(const char *w, size_t n, const char *s)
{
	size_t m = strlen(s);
	return m <= n && word_is(w, m, s);
}

static bool in_list(const char *w, size_t n, const char *const *list, size_t nlist)
{
	char c0;

	if (n == 0)
		return false;
	c0 = (char)lc((unsigned char)w[0]);
	for (size_t i = 0; i < nlist; i++)
		if (list[i][0] == c0 && word_is(w, n, list[i]))
			return true;
	return false;
}

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Words that end in "pass" without naming a password. */
static const char *const pass_words[] = {
        "bypass",     "compass",   "encompass", "overpass", "underpass", "surpass",    "trespass",
        "impass",     "multipass", "onepass",   "twopass",  "firstpass", "secondpass", "singlepass",
        "renderpass", "subpass",   "mipass",    "lowpass",  "highpass",  "bandpass",   "allpass",
};

/* The short forms "pw" and "pwd" join the word before them without a
 * break in real configuration names (bindpw, rootpw, adminpw, masterpw,
 * dbpwd); no English word ends in either. Not credentials: the shell's
 * previous working directory (OLDPWD) and a verb before the short form
 * (pw_verbs). */
static bool short_form(const char *w, size_t n)
{
	return word_ends(w, n, "pw") || word_ends(w, n, "pwd");
}

/* A word after a credential word that says in what form the credential is
 * stored, not what else the name is about: pw_hash, ROOT_PWD_ENC. */
static const char *const form_words[] = {
        "hash",  "hashed",    "enc",   "encrypted", "crypt",  "crypted",
        "plain", "plaintext", "clear", "cleartext", "b64",    "base64",
        "md5",   "sha",       "sha1",  "sha256",    "sha512",
};

/* A verb joined before a short form names what is done with the password,
 * not the password: NSS's askpw, checkpw, chgpw. */
static const char *const pw_verbs[] = {
        "ask", "prompt", "check", "chk",    "verify", "get",   "read",   "need",
        "no",  "show",   "save",  "change", "chg",    "reset", "forgot",
};

static bool cred_word(const char *w, size_t n)
{
	if (in_list(w, n, cred_exact, NELEM(cred_exact)))
		return true;
	if (short_form(w, n)) {
		size_t stem = n - (word_ends(w, n, "pwd") ? 3 : 2);
		return !word_is(w, n, "oldpwd") && !in_list(w, stem, pw_verbs, NELEM(pw_verbs));
	}
	/* dbpass, rootpass, userpass: a name ending in "pass"; a verb joined
	 * before it names what is done with the password (askpass,
	 * readpassphrase, getpassword are programs and functions) */
	if (n > 4 && word_ends(w, n, "pass") && !in_list(w, n, pass_words, NELEM(pass_words)))
		return !in_list(w, n - 4, pw_verbs, NELEM(pw_verbs));
	for (size_t i = 0; i < NELEM(cred_words); i++) {
		size_t m = cred_words[i].n;
		if (m > n)
			continue;
		if (word_is(w + n - m, m, cred_words[i].s))
			return !in_list(w, n - m, pw_verbs, NELEM(pw_verbs));
		if (i < 3 && word_is(w, m, cred_words[i].s))
			return true;
	}
	return false;
}

static bool digits(const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (w[i] < '0' || w[i] > '9')
			return false;
	return n > 0;
}

/* A short form names the credential as the head of the name (ROOT_PW,
 * dbPwd, ldap_bindpw), followed at most by an index, a word saying the
 * stored form or another credential word (ADMIN_PW_2, pw_hash). Before
 * any other word it is the prefix of a family of names: the members of C's
 * struct passwd (pw_name, pw_gecos, pw_dir), LDAP's password policy
 * attributes (pwdLastSet, pwdMaxAge). */
static bool short_is_head(const char *key, const struct field_word *w, size_t nw, size_t i)
{
	for (size_t j = i + 1; j < nw; j++) {
		const char *x = key + w[j].at;
		size_t len = w[j].len;
		if (!digits(x, len) && !in_list(x, len, form_words, NELEM(form_words)) &&
		    !cred_word(x, len))
			return false;
	}
	return true;
}

/* A joined word that ends in a public key's name: pinnedpubkey,
 * serverhostkey. */
static bool joined_plain_key(const char *w, size_t n)
{
	static const char *const ends[] = {"pubkey", "publickey", "hostkey",
	                                   "gpgkey", "pgpkey",    "sshkey"};
	for (size_t i = 0; i < NELEM(ends); i++)
		if (word_ends(w, n, ends[i]))
			return true;
	return false;
}

/* An index joined after a word is no part of it: token1, secret2, key1,
 * sha256; a word of three letters and less keeps its digits (md5). */
static void drop_indexes(const char *key, struct field_word *w, size_t nw)
{
	for (size_t i = 0; i < nw; i++) {
		size_t len = w[i].len;
		while (len > 3 && digits(key + w[i].at + len - 1, 1))
			len--;
		if (!digits(key + w[i].at, len))
			w[i].len = len;
	}
}

/* A name that says "password" in another language (foreign_words), the
 * name's case (put_lower()) and separators aside: a word of it is the word, or
 * two or three words joined are (mot_de_passe, kata sandi), or a word ends
 * in it after what it is for (数据库密码, DBSenha). No other word
 * describes it (foreign_about, about_words): SENHA_BANCO, jdbc.senha,
 * self.senha and contrasenaAdmin name one, senha_atual and
 * tamanho_minimo_senha do not. */
static bool foreign_name(const char *key, size_t n)
{
	char j[128];
	size_t at[FIELD_WORDS_MAX], len[FIELD_WORDS_MAX], nw = 0, m = 0, hit = SIZE_MAX, span = 0;

	if (n >= sizeof j)
		return false;
	/* words: ASCII letters and digits, and every byte outside ASCII (a
	 * letter of another script or an accented one); a capital after a
	 * lower-case letter starts a word */
	for (size_t i = 0; i < n && nw < FIELD_WORDS_MAX;) {
		while (i < n && !is_alnum((unsigned char)key[i]) && (unsigned char)key[i] < 0x80)
			i++;
		if (i == n)
			break;
		at[nw] = m;
		do {
			put_lower(key, n, &i, j, &m);
		} while (i < n &&
		         (is_alnum((unsigned char)key[i]) || (unsigned char)key[i] >= 0x80) &&
		         !(is_upper((unsigned char)key[i]) &&
		           (key[i - 1] >= 'a' && key[i - 1] <= 'z')));
		len[nw] = m - at[nw];
		/* an index joined after the word: senha2 */
		while (len[nw] > 3 && j[at[nw] + len[nw] - 1] >= '0' &&
		       j[at[nw] + len[nw] - 1] <= '9')
			len[nw]--;
		nw++;
	}
	/* a span of one to three words ending at word e: only where e ends in
	 * the last byte of a foreign word (most names end in none) */
	for (size_t e = 0; e < nw && hit == SIZE_MAX; e++) {
		unsigned char last = (unsigned char)j[at[e] + len[e] - 1];
		bool may = false;
		for (size_t f = 0; f < NELEM(foreign_words) && !may; f++)
			may = (unsigned char)foreign_words[f].s[foreign_words[f].n - 1] == last;
		for (size_t k = 1; may && k <= 3 && k <= e + 1 && hit == SIZE_MAX; k++) {
			size_t w = e + 1 - k, ol = 0;
			char one[128];
			for (size_t x = w; x <= e; x++) {
				memcpy(one + ol, j + at[x], len[x]);
				ol += len[x];
			}
			for (size_t f = 0; f < NELEM(foreign_words) && hit == SIZE_MAX; f++) {
				size_t fl = foreign_words[f].n;
				bool owned = false;
				if (fl > ol || memcmp(one + ol - fl, foreign_words[f].s, fl) != 0)
					continue;
				/* the word itself, or joined after what it is for */
				for (size_t o = 0;
				     fl < ol && k == 1 && o < NELEM(joined_owners) && !owned; o++)
					owned = joined_owners[o].n == ol - fl &&
					        memcmp(one, joined_owners[o].s, ol - fl) == 0;
				if (fl == ol || owned) {
					hit = w;
					span = k;
				}
			}
		}
	}
	if (hit == SIZE_MAX)
		return false;
	for (size_t w = 0; w < nw; w++)
		if ((w < hit || w >= hit + span) &&
		    (in_list(j + at[w], len[w], about_words, NELEM(about_words)) ||
		     in_list(j + at[w], len[w], foreign_about, NELEM(foreign_about))))
			return false;
	return true;
}

/* key[0, n) without separators, in lower case (put_lower()), into j (m
 * bytes at most): its length, or m + 1 when it does not fit. */
static size_t joined(const char *key, size_t n, char *j, size_t m)
{
	size_t k = 0;

	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)key[i];
		if (c == '_' || c == '-' || c == '.' || c == ' ') {
			i++;
			continue;
		}
		if (k == m || (c >= 0x80 && k + 2 > m))
			return m + 1;
		put_lower(key, n, &i, j, &k);
	}
	return k;
}

/* v[0, vm) is one of foreign_words. */
static bool foreign_word(const char *v, size_t vm)
{
	for (size_t i = 0; i < NELEM(foreign_words); i++)
		if (foreign_words[i].n == vm && memcmp(v, foreign_words[i].s, vm) == 0)
			return true;
	return false;
}

bool field_value_translates(const char *key, size_t kn, const char *val, size_t vn)
{
	/* the word in English, a label of a name in another language; and
	 * German's word that the English judge knows */
	static const char *const english[] = {"password", "passphrase"};
	static const char *const more[] = {"passwort"};
	char k[128], v[64];
	size_t km = joined(key, kn, k, sizeof k), vm = joined(val, vn, v, sizeof v);

	if (km > sizeof k || vm > sizeof v || vm == 0)
		return false;
	/* the name's own word as its value is a weak password stored
	 * (password: password, password_profile: "password") */
	for (size_t i = 0; i + vm <= km; i++)
		if (memcmp(k + i, v, vm) == 0)
			return false;
	return foreign_word(v, vm) || in_list(v, vm, more, NELEM(more)) ||
	       (in_list(v, vm, english, NELEM(english)) && foreign_name(key, kn));
}

static bool judge_words(const char *key, size_t n, bool *by_head, bool *bare)
{
	struct field_word w[FIELD_WORDS_MAX];
	size_t nw = field_split(key, n, w, FIELD_WORDS_MAX);
	bool cred = false;
	size_t last = 0; /* the credential word */

	drop_indexes(key, w, nw);

	for (size_t i = 0; i < nw; i++) {
		const char *s = key + w[i].at;
		size_t len = w[i].len;
		if (cred_word(s, len) && short_form(s, len) && !short_is_head(key, w, nw, i))
			continue;
		if (cred_word(s, len) ||
		    (i > 0 && word_is(s, len, "key") &&
		     in_list(key + w[i - 1].at, w[i - 1].len, key_owners, NELEM(key_owners))) ||
		    (i > 0 && word_is(s, len, "pat") &&
		     in_list(key + w[i - 1].at, w[i - 1].len, pat_owners, NELEM(pat_owners)))) {
			cred = true;
			last = i;
		}
	}
	/* a key named as the head of the name: slackKey, license_key */
	if (!cred && nw > 0) {
		const char *x = key + w[nw - 1].at;
		size_t len = w[nw - 1].len;
		if (word_ends(x, len, "key") &&
		    ((len > 3 && !in_list(x, len, plain_keys, NELEM(plain_keys)) &&
		      !joined_plain_key(x, len)) ||
		     (len == 3 && nw > 1 &&
		      !in_list(key + w[nw - 2].at, w[nw - 2].len, plain_keys,
		               NELEM(plain_keys))))) {
			cred = true;
			last = nw - 1;
			*by_head = true;
		}
	}
	/* "key" alone (Key=, key1:) names a map's key as often as a secret
	 * one: the value must show which (field_names_bare_key) */
	if (!cred && nw == 1 && word_is(key + w[0].at, w[0].len, "key")) {
		*by_head = *bare = true;
		return true;
	}
	if (!cred)
		return false;
	for (size_t i = 0; i < last; i++)
		if (in_list(key + w[i].at, w[i].len, not_secret, NELEM(not_secret)) ||
		    (word_ends(key + w[last].at, w[last].len, "token") &&
		     in_list(key + w[i].at, w[i].len, parser_words, NELEM(parser_words))))
			return false;
	if (last > 0 &&
	    (in_list(key + w[last - 1].at, w[last - 1].len, verbs_before, NELEM(verbs_before)) ||
	     in_list(key + w[last - 1].at, w[last - 1].len, negations, NELEM(negations))))
		return false;
	/* ... or with an article between: NOT_A_SECRET */
	if (last > 1 &&
	    in_list(key + w[last - 2].at, w[last - 2].len, negations, NELEM(negations)) &&
	    (word_is(key + w[last - 1].at, w[last - 1].len, "a") ||
	     word_is(key + w[last - 1].at, w[last - 1].len, "an")))
		return false;
	/* the same before a key and its owner: isPrivateKey, has_api_key */
	if (last > 1 && word_is(key + w[last].at, w[last].len, "key") &&
	    in_list(key + w[last - 1].at, w[last - 1].len, key_owners, NELEM(key_owners)) &&
	    in_list(key + w[last - 2].at, w[last - 2].len, verbs_before, NELEM(verbs_before)))
		return false;
	/* a token object's member: token.info, token.tag, Pygments'
	 * Token.Keyword; the member is the field, not the token (token.secret
	 * still names one) */
	if (word_is(key + w[last].at, w[last].len, "token") && last + 1 < nw &&
	    w[last].at + w[last].len < n && key[w[last].at + w[last].len] == '.' &&
	    !cred_word(key + w[last + 1].at, w[last + 1].len))
		return false;
	/* yytoken, curtoken: the same, joined */
	if (w[last].len > 5 && word_ends(key + w[last].at, w[last].len, "token") &&
	    in_list(key + w[last].at, w[last].len - 5, parser_words, NELEM(parser_words)))
		return false;
	/* a pass-through, written as two words (PassThru, pass_through) */
	if (last + 1 < nw && word_is(key + w[last].at, w[last].len, "pass") &&
	    (word_is(key + w[last + 1].at, w[last + 1].len, "thru") ||
	     word_is(key + w[last + 1].at, w[last + 1].len, "through")))
		return false;
	/* a later word built on a credential root names something else:
	 * passwordForPassenger, secretSecretary, tokenTokenizer */
	for (size_t i = last + 1; i < nw; i++) {
		const char *x = key + w[i].at;
		size_t len = w[i].len;
		if (!cred_word(x, len) &&
		    (word_starts(x, len, "pass") || word_starts(x, len, "secret") ||
		     word_starts(x, len, "token")))
			return false;
	}
	/* a describing word after the credential word: password_min_length,
	 * passwordFile, token.ttl; "key" only counts when it is not the
	 * credential word's own (secret_key) */
	for (size_t i = last + 1; i < nw; i++)
		if (in_list(key + w[i].at, w[i].len, about_words, NELEM(about_words)) &&
		    !(word_is(key + w[i].at, w[i].len, "key") && i == last + 1))
			return false;
	return true;
}

/* The name's English words first; a name in another language only when
 * they name no credential (most names judged are English ones) */
static bool judge(const char *key, size_t n, bool *by_head, bool *bare)
{
	if (judge_words(key, n, by_head, bare))
		return true;
	*by_head = *bare = false;
	return foreign_name(key, n);
}

bool field_names_credential(const char *key, size_t n)
{
	bool by_head = false, bare = false;

	return judge(key, n, &by_head, &bare);
}

bool field_names_key_only(const char *key, size_t n)
{
	bool by_head = false, bare = false;

	return judge(key, n, &by_head, &bare) && by_head;
}

bool field_names_bare_key(const char *key, size_t n)
{
	bool by_head = false, bare = false;

	return judge(key, n, &by_head, &bare) && bare;
}

/* The last word, without its index, in the plural of a credential word
 * (passwords, api_tokens, secrets, API_KEYS, creds) or "credentials":
 * the name of several credentials, each under a name of its own. */
bool field_names_several(const char *key, size_t n)
{
	struct field_word w[FIELD_WORDS_MAX];
	size_t nw = field_split(key, n, w, FIELD_WORDS_MAX);
	char one[FIELD_WORD_MAX * 2];
	const char *x;
	size_t len, at;
	bool by_head = false, bare = false;

	drop_indexes(key, w, nw);
	if (nw == 0 || n >= sizeof one)
		return false;
	x = key + w[nw - 1].at;
	len = w[nw - 1].len;
	if (word_is(x, len, "credentials") || word_is(x, len, "creds"))
		return true;
	if (len < 4 || lc((unsigned char)x[len - 1]) != 's' || lc((unsigned char)x[len - 2]) == 's')
		return false; /* not a plural; "pass", "access" */
	/* the name with its last word in the singular, judged as one value */
	at = w[nw - 1].at;
	memcpy(one, key, at + len - 1);
	/* by a credential word or a key's owner (api_keys), not by a key as
	 * the head alone: morekeys, hotkeys */
	return judge(one, at + len - 1, &by_head, &bare) && !by_head;
}
