/* Errors as values: a code and a message a person can act on. */
#ifndef MVDB_ERROR_H
#define MVDB_ERROR_H

#include <stdarg.h>

#define ERROR_MSG_MAX 512

/* What went wrong, broadly; the message says exactly. */
enum errcode {
	ERR_NONE,	/* no error */
	ERR_USAGE,	/* the request itself is wrong */
	ERR_NOTFOUND,	/* the program (or a file) does not exist */
	ERR_NOEXEC,	/* the program exists but cannot be executed */
	ERR_SYSTEM,	/* a system call of the monitor failed */
	ERR_STATE,	/* not possible now (the program has ended, ...) */
	ERR_MEMORY,	/* a variant's memory could not be read or written */
	ERR_UNSUPPORTED, /* the program does something mvdb cannot follow */
};

/* An error: a code and its message. */
struct error {
	enum errcode code;		/* ERR_NONE when all is well */
	char msg[ERROR_MSG_MAX];	/* for the person, no trailing newline */
};

/* Sets err (when not NULL) and returns -1, so callers can write
 * `return error_set(err, ERR_STATE, "...")`. */
int error_set(struct error *err, enum errcode code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int error_vset(struct error *err, enum errcode code, const char *fmt,
	       va_list ap);

#endif
