/* Cause hints: each variant's differing value is read as a number or a
 * word around the first differing byte and classified by that
 * variant's own maps, pid, clock and the random bytes it was born
 * with. */
#include "format.h"
#include "hints.h"
#include "inspect.h"
#include "mem.h"
#include "session_int.h"

#include <ctype.h>
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NAME_MIN 6		/* shortest run of letters and digits taken
				   for a generated name */
#define YEAR_S (366L * 24 * 3600)	/* how far back a time may be */
#define DAY_S (24L * 3600)		/* and ahead */
#define NEEDLE_MIN 3		/* fewest bytes of a value searched for in
				   what the variants read */
#define NEEDLE_MAX 16		/* and most */

static const char *const kind_names[] = {
	[HINT_NONE] = "none",	  [HINT_ADDRESS] = "address",
	[HINT_PID] = "pid",	  [HINT_TIME] = "time",
	[HINT_NAME] = "name",	  [HINT_RANDOM] = "random",
	[HINT_READ] = "read",	  [HINT_THREADS] = "threads",
};

const char *hint_name(enum hintkind kind)
{
	return kind_names[kind];
}

/* One variant's differing value. */
struct seen {
	enum hintkind kind;	/* what it looks like */
	unsigned long num;	/* as a number, when it is one */
	bool isnum;		/* num holds something */
	char where[96];		/* HINT_ADDRESS: the mapping ("[stack]") */
	size_t namelen;		/* the run of letters and digits around the
				   first difference */
	bool mixed;		/* that run mixes letters and digits */
};

static bool hexchar(int c)
{
	return isxdigit(c) || c == 'x' || c == 'X';
}

/* Whether the aligned 8-byte word around byte off of data holds a byte
 * no text has: data is binary there (a struct, a pointer a program
 * writes to its own pipe), even where the differing byte is printable. */
static bool binary_at(const unsigned char *data, size_t len, size_t off)
{
	for (size_t i = off & ~(size_t)7; i < len && i < (off | 7) + 1; i++)
		if (!isprint(data[i]) && !isspace(data[i]))
			return true;
	return false;
}

/* Reads the value around byte off of data: a printed number (decimal or
 * 0x hex), a run of letters and digits, else the aligned 8-byte word. */
static void read_value(const unsigned char *data, size_t len, size_t off,
		       struct seen *sn)
{
	size_t a = off, b = off;
	bool letters = false, digits = false;

	if (off >= len)
		return;
	if (isprint(data[off]) && !binary_at(data, len, off)) {
		while (a > 0 && hexchar(data[a - 1]))
			a--;
		while (b < len && hexchar(data[b]))
			b++;
		if (b > a && b - a < 40) {
			char word[40], *end;

			memcpy(word, data + a, b - a);
			word[b - a] = '\0';
			sn->num = strtoul(word, &end, 0);
			sn->isnum = *end == '\0' && (isdigit((unsigned char)word[0]));
		}
		a = b = off;
		while (a > 0 && isalnum(data[a - 1]))
			a--;
		while (b < len && isalnum(data[b]))
			b++;
		sn->namelen = b - a;
		for (size_t i = a; i < b; i++) {
			letters |= isalpha(data[i]) != 0;
			digits |= isdigit(data[i]) != 0;
		}
		sn->mixed = letters && digits;
		return;
	}
	a = off & ~(size_t)7;
	if (a + 8 <= len) {
		memcpy(&sn->num, data + a, 8);
		sn->isnum = true;
	}
}

/* Whether n is a time near now in seconds, ms, us or ns. */
static bool is_time(unsigned long n)
{
	long now = (long)time(NULL);
	static const unsigned long per_second[] = { 1, 1000, 1000000,
						    1000000000 };

	for (size_t i = 0; i < sizeof(per_second) / sizeof(per_second[0]); i++) {
		long t = (long)(n / per_second[i]);

		if (t > now - YEAR_S && t < now + DAY_S)
			return true;
	}
	return false;
}

static void classify(const struct variant *v, struct seen *sn)
{
	if (sn->isnum && sn->num > 0xffff &&
	    inspect_mapping(v->pid, sn->num, sn->where, sizeof(sn->where))) {
		sn->kind = HINT_ADDRESS;
		return;
	}
	if (sn->isnum && sn->num == (unsigned long)v->pid) {
		sn->kind = HINT_PID;
		return;
	}
	if (sn->isnum && is_time(sn->num)) {
		sn->kind = HINT_TIME;
		return;
	}
	if (sn->namelen >= NAME_MIN && sn->mixed)
		sn->kind = HINT_NAME;
}

/* Whether the len bytes at p are among the 16 random bytes the kernel
 * gave variant v at exec (AT_RANDOM: glibc's stack guard and pointer
 * guard come from them), which no call of the program's makes. */
static bool from_at_random(const struct variant *v, const unsigned char *p,
			   size_t len)
{
	char path[64];
	unsigned long aux[2], where = 0;
	unsigned char random[16];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/auxv", (int)v->pid);
	f = fopen(path, "re");
	while (f && fread(aux, sizeof(aux), 1, f) == 1 && aux[0] != AT_NULL)
		if (aux[0] == AT_RANDOM)
			where = aux[1];
	if (f)
		fclose(f);
	if (!where || len == 0 || len > sizeof(random) ||
	    mem_read(v->pid, where, random, sizeof(random)) !=
		    (ssize_t)sizeof(random))
		return false;
	return memmem(random, sizeof(random), p, len) != NULL;
}

/* "variant 0's is in its [stack], variant 1's in its [heap]"; "in an
 * anonymous mapping of its own" where the mapping has no name. */
static void where_words(const struct seen *sn, int n, char *buf, size_t size)
{
	size_t at = 0;

	buf[0] = '\0';
	for (int i = 0; i < n && at < size; i++) {
		bool unnamed = strncmp(sn[i].where, "an ", 3) == 0;

		at += (size_t)snprintf(buf + at, size - at, "%svariant %d's %s%s%s%s",
				       i == 0 ? "" : i == n - 1 ? " and " : ", ",
				       i, i == 0 ? "is in " : "in ",
				       unnamed ? "" : "its ", sn[i].where,
				       unnamed ? " of its own" : "");
	}
}

/* Whether every variant's bytes from the first difference (up to 8 of
 * them) are its own AT_RANDOM bytes. */
static bool random_bytes(const struct session *s, const struct divergence *d)
{
	for (int i = 0; i < s->n; i++) {
		const struct argval *val = &s->v[i].call.val[d->arg];
		size_t len;

		if (!val->read || d->offset >= val->len)
			return false;
		len = val->len - d->offset < 8 ? val->len - d->offset : 8;
		if (len < 4 || !from_at_random(&s->v[i], val->data + d->offset,
					       len))
			return false;
	}
	return true;
}

/* Variant v's differing bytes, from the first difference: the printed
 * word around it (digits, letters), or up to 8 raw bytes.  Returns
 * their length, 0 when too few to search for. */
static size_t needle_of(const struct argval *val, size_t off,
			const unsigned char **p)
{
	size_t a = off, b = off;

	if (!val->read || off >= val->len)
		return 0;
	if (isalnum(val->data[off])) {
		while (a > 0 && isalnum(val->data[a - 1]) && off - a < NEEDLE_MAX)
			a--;
		while (b < val->len && isalnum(val->data[b]) &&
		       b - a < NEEDLE_MAX)
			b++;
	} else {
		b = val->len - off < 8 ? val->len : off + 8;
	}
	*p = val->data + a;
	return b - a >= NEEDLE_MIN ? b - a : 0;
}

/* The output argument of recorded step h in which every variant's
 * needle lies (each its own), or -1. */
static int read_into(const struct histent *h, const unsigned char *const *needle,
		     const size_t *len)
{
	const struct syscall *sc = h->v[0].call.sc;

	if (h->nr < 0 || h->diverged || !sc)
		return -1;
	for (int j = 0; j < sc->nargs; j++) {
		int k = 0;

		if (argkind_get(sc->args[j].kind)->out == OUT_NONE)
			continue;
		for (; k < h->n; k++) {
			const struct argval *val = &h->v[k].call.val[j];

			if (h->v[k].call.nr != h->nr || !val->read ||
			    !memmem(val->data, val->len, needle[k], len[k]))
				break;
		}
		if (k == h->n)
			return j;
	}
	return -1;
}

/* The file variant 0's fd names at recorded step h: the platform's
 * file, or the path of the latest open before it that returned fd. */
static const char *fd_path(const struct session *s, unsigned long at,
			   const struct histent *h, int arg, int *len)
{
	long fd = (long)h->v[0].call.args[arg];

	if (h->v[0].fdpath[arg]) {
		*len = (int)strlen(h->v[0].fdpath[arg]);
		return h->v[0].fdpath[arg];
	}
	for (unsigned long i = at + 1; i < HISTORY_SIZE; i++) {
		const struct histent *o = session_history(s, i);
		const struct call *c = o ? &o->v[0].call : NULL;

		if (!o)
			break;
		if (o->nr < 0 || !c->sc || c->sc->ret != RET_FD ||
		    !c->done || c->ret != fd)
			continue;
		for (int j = 0; j < c->sc->nargs; j++)
			if (c->sc->args[j].kind == ARG_PATH && c->val[j].read) {
				*len = (int)c->val[j].len;	/* no NUL kept */
				return (const char *)c->val[j].data;
			}
		return NULL;
	}
	return NULL;
}

/* Where the differing bytes came from: the latest recorded step at
 * which every variant read its own (" Each variant read them at step
 * 36: read(3, ...) = 31, from /proc/self/stat.").  Needs the calls'
 * results, which `continue` keeps unless they were turned off. */
static bool read_earlier(const struct session *s, const struct divergence *d,
			 char *buf, size_t size)
{
	const unsigned char *needle[MAX_VARIANTS];
	size_t len[MAX_VARIANTS];
	char call[160];
	bool differ = false;

	for (int i = 0; i < s->n; i++) {
		len[i] = needle_of(&s->v[i].call.val[d->arg], d->offset,
				   &needle[i]);
		if (!len[i])
			return false;
		differ |= len[i] != len[0] || memcmp(needle[i], needle[0], len[0]);
	}
	if (!differ)
		return false;
	for (unsigned long i = 0; i < HISTORY_SIZE; i++) {
		const struct histent *h = session_history(s, i);
		const char *path = NULL;
		int arg, plen = 0;

		if (!h)
			break;
		arg = h->n == s->n ? read_into(h, needle, len) : -1;
		if (arg < 0)
			continue;
		format_record(h, 0, 24, 0, call, sizeof(call));
		for (int j = 0; j < h->v[0].call.sc->nargs && !path; j++)
			if (h->v[0].call.sc->args[j].kind == ARG_FD)
				path = fd_path(s, i, h, j, &plen);
		snprintf(buf, size, "each variant read its own at step %lu%s%.*s: %s in variant 0.",
			 h->step, path ? " from " : "", plen, path ? path : "",
			 call);
		return true;
	}
	return false;
}

/* What the differing values themselves look like (hint_divergence). */
static enum hintkind hint_values(const struct session *s, const struct stop *st,
				 char *buf, size_t size)
{
	const struct divergence *d = &st->div;
	struct seen sn[MAX_VARIANTS];
	enum hintkind kind = HINT_NONE;
	char words[512];

	buf[0] = '\0';
	if (d->kind != DIV_ARG)
		return HINT_NONE;
	memset(sn, 0, sizeof(sn));
	for (int i = 0; i < s->n; i++) {
		const struct call *c = &s->v[i].call;
		const struct argval *val = &c->val[d->arg];

		if (s->v[i].state != VS_SYSCALL)
			return HINT_NONE;
		if (val->read && val->len) {
			read_value(val->data, val->len, d->offset, &sn[i]);
		} else {
			sn[i].num = c->args[d->arg];
			sn[i].isnum = true;
		}
		classify(&s->v[i], &sn[i]);
		if (i > 0 && sn[i].kind != kind)
			kind = HINT_NONE;
		else
			kind = sn[i].kind;
		if (kind == HINT_NONE && i > 0)
			break;
	}
	if (random_bytes(s, d)) {
		snprintf(buf, size, "Hint: the differing bytes look like the kernel's random bytes for each process (AT_RANDOM, given at exec, where glibc takes its stack guard from): they differ by design. mvdb replicates getrandom and /dev/urandom, not these.");
		return HINT_RANDOM;
	}
	switch (kind) {
	case HINT_ADDRESS:
		where_words(sn, s->n, words, sizeof(words));
		snprintf(buf, size, "Hint: the differing values look like addresses: %s; the layouts differ (ASLR). Run with --no-aslr, or `ignore syscall %s arg %d` if the address does not matter.",
			 words, syscall_name(s->v[0].call.nr), d->arg);
		break;
	case HINT_PID:
		snprintf(buf, size, "Hint: the differing values look like each variant's own pid (from /proc or a file, not from getpid, which gives every variant variant 0's).");
		break;
	case HINT_TIME:
		snprintf(buf, size, "Hint: the differing values look like times since the epoch, read by each variant from a source of its own (a file's timestamp, /proc), not from the clock calls mvdb runs once.");
		break;
	case HINT_NAME:
		snprintf(buf, size, "Hint: the differing bytes look like a generated name (letters and digits at random, as a temporary file's): each variant made its own. mvdb gives mkstemp's names variant 0's; a name made another way differs.");
		break;
	default:
		break;
	}
	return kind;
}

/* How many threads the process of the set that diverged runs: the
 * sets of its thread group that have not ended. */
static int threads_of(const struct session *s)
{
	const struct vset *set = set_get(s, s->cur);
	int n = 0;

	for (int k = 0; set && k < s->nsets; k++)
		if (s->sets[k]->group == set->group &&
		    s->sets[k]->state != SET_ENDED)
			n++;
	return n;
}

/* Nothing recognised in the values of a process with several threads:
 * each thread is compared with its counterpart, and threads that take
 * work from one queue, or a lock in the scheduler's order, make other
 * calls in each variant (git grep, libuv's thread pool, a Python
 * Pool). */
static enum hintkind hint_threads(const struct session *s,
				  const struct stop *st, char *buf, size_t size)
{
	int n;

	if ((st->div.kind != DIV_ARG && st->div.kind != DIV_SYSCALL) ||
	    (n = threads_of(s)) < 2)
		return HINT_NONE;
	snprintf(buf, size, "Hint: this process runs %d threads, each compared with its counterpart in the other variants. Threads that take work from one queue, or a lock in the order the scheduler picks, may take it in another order in each variant and so make other calls: the program's own nondeterminism, not a different input. Where the program can run with one worker thread (git -c grep.threads=1, UV_THREADPOOL_SIZE=1), see whether the variants then agree.",
		 n);
	return HINT_THREADS;
}

enum hintkind hint_divergence(const struct session *s, const struct stop *st,
			      char *buf, size_t size)
{
	char origin[320] = "";
	enum hintkind kind;

	kind = hint_values(s, st, buf, size);
	if (st->div.kind != DIV_ARG || !read_earlier(s, &st->div, origin,
						      sizeof(origin)))
		return kind == HINT_NONE ? hint_threads(s, st, buf, size)
					 : kind;
	if (kind == HINT_NONE) {
		snprintf(buf, size, "Hint: the differing bytes are not the same input: %s",
			 origin);
		return HINT_READ;
	}
	snprintf(buf + strlen(buf), size - strlen(buf), " Where from: %s",
		 origin);
	return kind;
}
