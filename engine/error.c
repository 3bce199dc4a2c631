/* Errors as values. */
#include "error.h"

#include <stdio.h>

int error_vset(struct error *err, enum errcode code, const char *fmt,
	       va_list ap)
{
	if (err) {
		err->code = code;
		vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	}
	return -1;
}

int error_set(struct error *err, enum errcode code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	error_vset(err, code, fmt, ap);
	va_end(ap);
	return -1;
}
