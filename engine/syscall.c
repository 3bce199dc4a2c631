/* The system call table and its flag sets, built from the .def files. */
#include "syscall.h"

#include <stdio.h>
#include <string.h>

#define A(k) { .kind = ARG_##k, .len = ARG_NOLEN }
#define AF(set) { .kind = ARG_FLAGS, .len = ARG_NOLEN, .aux = set }
#define AL(k, n) { .kind = ARG_##k, .len = n }
#define AS(k, st) { .kind = ARG_##k, .len = ARG_NOLEN, .aux = st }
#define ASL(k, st, n) { .kind = ARG_##k, .len = n, .aux = st }
#define AB(k, n, show) { .kind = ARG_##k, .len = n, .aux = BUF_##show }
#define NARGS(...) (sizeof((struct argspec[]){ __VA_ARGS__ }) / sizeof(struct argspec))
#define SYSCALL(nr, nm, cl, pol, hk, rt, ...)                               \
	[nr] = { .name = #nm, .classes = cl, .policy = POL_##pol,          \
		 .hook = HOOK_##hk,                                          \
		 .ret = RET_##rt, .nargs = NARGS(__VA_ARGS__),              \
		 .args = { __VA_ARGS__ } },

static const struct syscall table[SYSCALL_NR_LIMIT] = {
#include "syscalls.def"
};

#undef SYSCALL

/* One named value of a flag set. */
struct xlat {
	unsigned short set;	/* enum flagset */
	unsigned long value;	/* the bits or the constant */
	const char *name;	/* its C name */
};

#define XLAT_SET(id, type)
#define XLAT(id, v, nm) { .set = id, .value = v, .name = nm },
static const struct xlat xlats[] = {
#include "xlat.def"
};
#undef XLAT_SET
#undef XLAT

#define XLAT_SET(id, t) [id] = t,
#define XLAT(id, v, nm)
static const unsigned char xlat_types[FLAGSET_COUNT] = {
#include "xlat.def"
};
#undef XLAT_SET
#undef XLAT

/* Size and pointer-freedom of one struct. */
struct structinfo {
	const char *name;	/* the identifier in structs.def */
	unsigned short size;	/* bytes */
	bool ptrfree;		/* compared byte for byte */
	bool follows;		/* the kernel follows an address in it */
};

#define STRUCT(id, sz, pf, fo) \
	[id] = { .name = #id, .size = sz, .ptrfree = pf, .follows = fo },
static const struct structinfo structs[STRUCT_COUNT] = {
#include "structs.def"
};
#undef STRUCT

#define HOOK_NAME(name) #name,
static const char *const hook_names[HOOK_COUNT] = { HOOK_LIST(HOOK_NAME) };
#undef HOOK_NAME

const char *syscall_hook_name(enum hook h)
{
	return (unsigned)h < HOOK_COUNT ? hook_names[h] : "?";
}

static const char *const class_names[CL_COUNT] = {
	"file", "desc", "network", "process", "signal", "ipc",
	"memory", "creds", "clock", "stat", "statfs", "pure", "local",
	"plain",
	"nonblock",
};

#define ARGKIND(id, i32, rd, cm, ps, ou)                                    \
	[ARG_##id] = { .name = #id, .int32 = i32, .read = RD_##rd,          \
		       .cmp = CMP_##cm, .pass = PASS_##ps, .out = OUT_##ou },
static const struct argkind_info kinds[ARG_KIND_COUNT] = {
#include "argkinds.def"
};
#undef ARGKIND

const struct argkind_info *argkind_get(enum argkind k)
{
	return &kinds[(unsigned)k < ARG_KIND_COUNT ? k : ARG_NONE];
}

bool argkind_has_content(enum argkind k)
{
	return argkind_get(k)->read != RD_NONE;
}

const struct syscall *syscall_get(long nr)
{
	if (nr < 0 || nr >= SYSCALL_NR_LIMIT || !table[nr].name)
		return NULL;
	return &table[nr];
}

long syscall_lookup(const char *name)
{
	for (long nr = 0; nr < SYSCALL_NR_LIMIT; nr++)
		if (table[nr].name && strcmp(table[nr].name, name) == 0)
			return nr;
	return -1;
}

const char *syscall_name(long nr)
{
	static char unknown[32];
	const struct syscall *sc = syscall_get(nr);

	if (sc)
		return sc->name;
	snprintf(unknown, sizeof(unknown), "syscall_%ld", nr);
	return unknown;
}

unsigned syscall_class_lookup(const char *name)
{
	if (name[0] == '%')
		name++;
	for (unsigned i = 0; i < CL_COUNT; i++)
		if (strcmp(class_names[i], name) == 0)
			return 1u << i;
	return 0;
}

const char *syscall_class_name(unsigned i)
{
	return i < CL_COUNT ? class_names[i] : NULL;
}

const char *xlat_name(enum flagset set, unsigned long value)
{
	for (size_t i = 0; i < sizeof(xlats) / sizeof(xlats[0]); i++)
		if (xlats[i].set == set && xlats[i].value == value)
			return xlats[i].name;
	return NULL;
}

/* The first entry of a set: a field set's mask. */
static const struct xlat *first_of(enum flagset set)
{
	for (size_t i = 0; i < sizeof(xlats) / sizeof(xlats[0]); i++)
		if (xlats[i].set == set)
			return &xlats[i];
	return NULL;
}

/* Appends s to buf at *at, keeping it NUL-terminated and counting what
 * would have been written. */
static void put(char *buf, size_t size, size_t *at, const char *s)
{
	size_t n = strlen(s);

	if (*at < size) {
		size_t room = size - *at - 1;

		memcpy(buf + *at, s, n < room ? n : room);
		buf[*at + (n < room ? n : room)] = '\0';
	}
	*at += n;
}

size_t xlat_format(enum flagset set, unsigned long value, char *buf, size_t size)
{
	char num[32];
	size_t at = 0;
	unsigned long rest = value;
	unsigned long field = 0;
	const char *sep = "";

	if (size)
		buf[0] = '\0';
	if (set >= FLAGSET_COUNT) {
		snprintf(num, sizeof(num), "%#lx", value);
		put(buf, size, &at, num);
		return at;
	}
	if (xlat_types[set] == XT_ENUM) {
		const char *nm = xlat_name(set, value);

		if (!nm)
			snprintf(num, sizeof(num), "%#lx", value);
		put(buf, size, &at, nm ? nm : num);
		return at;
	}
	if (xlat_types[set] == XT_FIELD) {
		/* the field's value by name, then the bits outside it */
		const struct xlat *m = first_of(set);
		const char *nm;

		field = m ? m->value : 0;
		nm = xlat_name(set, value & field);
		if (!nm) {
			snprintf(num, sizeof(num), "%#lx", value & field);
			nm = num;
		}
		put(buf, size, &at, nm);
		rest &= ~field;
		sep = "|";
	} else if (value == 0) {
		const char *nm = xlat_name(set, 0);

		if (nm) {
			put(buf, size, &at, nm);
			return at;
		}
	}
	for (size_t i = 0; i < sizeof(xlats) / sizeof(xlats[0]) && rest; i++) {
		const struct xlat *x = &xlats[i];

		if (x->set != set || x->value == 0 || (x->value & rest) != x->value)
			continue;
		if (x->value & field)
			continue;
		put(buf, size, &at, sep);
		put(buf, size, &at, x->name);
		rest &= ~x->value;
		sep = "|";
	}
	if (rest || !*sep) {
		snprintf(num, sizeof(num), rest ? "%#lx" : "0", rest);
		put(buf, size, &at, sep);
		put(buf, size, &at, num);
	}
	return at;
}

size_t struct_size(enum structid id)
{
	return id < STRUCT_COUNT ? structs[id].size : 0;
}

bool struct_follows(enum structid id)
{
	return id < STRUCT_COUNT && structs[id].follows;
}

bool struct_ptrfree(enum structid id)
{
	return id < STRUCT_COUNT && structs[id].ptrfree;
}

const char *struct_name(enum structid id)
{
	return id < STRUCT_COUNT ? structs[id].name : "?";
}
