/* Sets of system calls, from names, numbers and %classes. */
#include "filter.h"

#include <libiberty.h>
#include <stdlib.h>
#include <string.h>

static void set(struct filter *f, long nr, bool on)
{
	if (on)
		f->bits[nr / 64] |= 1ull << (nr % 64);
	else
		f->bits[nr / 64] &= ~(1ull << (nr % 64));
}

void filter_all(struct filter *f)
{
	memset(f, 0xff, sizeof(*f));
}

bool filter_match(const struct filter *f, long nr)
{
	if (nr < 0 || nr >= SYSCALL_NR_LIMIT)
		return false;
	return f->bits[nr / 64] >> (nr % 64) & 1;
}

/* Adds (or removes) the calls one word names. */
static int add_word(struct filter *f, const char *w, bool on,
		    struct error *err)
{
	char *end;
	long nr;

	if (strcmp(w, "all") == 0) {
		for (nr = 0; nr < SYSCALL_NR_LIMIT; nr++)
			set(f, nr, on);
		return 0;
	}
	if (w[0] == '%') {
		unsigned cl = syscall_class_lookup(w);

		if (!cl)
			return error_set(err, ERR_USAGE,
					 "unknown class '%s' (try %%file, %%desc, %%network, %%process, %%signal, %%ipc, %%memory, %%creds, %%clock, %%stat, %%statfs, %%pure, %%local)",
					 w);
		for (nr = 0; nr < SYSCALL_NR_LIMIT; nr++) {
			const struct syscall *sc = syscall_get(nr);

			if (sc && (sc->classes & cl))
				set(f, nr, on);
		}
		return 0;
	}
	nr = strtol(w, &end, 10);
	if (*w && !*end) {
		if (nr < 0 || nr >= SYSCALL_NR_LIMIT)
			return error_set(err, ERR_USAGE,
					 "system call number %s is out of range",
					 w);
		if (!syscall_get(nr))
			return error_set(err, ERR_USAGE,
					 "no x86-64 system call has number %s",
					 w);
		set(f, nr, on);
		return 0;
	}
	nr = syscall_lookup(w);
	if (nr < 0)
		return error_set(err, ERR_USAGE, "unknown system call '%s'", w);
	set(f, nr, on);
	return 0;
}

int filter_parse(const char *spec, struct filter *f, struct error *err)
{
	bool negate = spec[0] == '!';
	char *copy = xstrdup(spec + negate), *save = NULL;
	int r = 0;

	memset(f, 0, sizeof(*f));
	if (negate)
		filter_all(f);
	if (!*copy)
		r = error_set(err, ERR_USAGE, "an empty set of system calls");
	else if (copy[0] == ',' || copy[strlen(copy) - 1] == ',' ||
		 strstr(copy, ",,"))
		r = error_set(err, ERR_USAGE,
			      "an empty name in the set of system calls '%s'",
			      spec);
	for (char *w = strtok_r(copy, ",", &save); w && r == 0;
	     w = strtok_r(NULL, ",", &save))
		r = add_word(f, w, !negate, err);
	free(copy);
	return r;
}
