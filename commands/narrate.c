/* Narration for scripts and demos: echo prints a line, pause waits for
 * the person (through the front end's hook; no terminal code here). */
#include "debugger.h"

#include <ctype.h>
#include <libiberty.h>
#include <stdlib.h>
#include <string.h>

/* The raw text after the command word, without the blanks around it. */
static const char *narration_text(const struct cmdargs *a, int *len)
{
	const char *p = a->rest;
	int n;

	while (isspace((unsigned char)*p))
		p++;
	n = (int)strlen(p);
	while (n > 0 && isspace((unsigned char)p[n - 1]))
		n--;
	*len = n;
	return p;
}

void cmd_echo(struct debugger *d, const struct cmdargs *a, struct result *r)
{
	int len;
	const char *text = narration_text(a, &len);

	(void)d;
	result_text(r, "%.*s", len, text);
}

void cmd_pause(struct debugger *d, const struct cmdargs *a, struct result *r)
{
	int len;
	const char *text = narration_text(a, &len);
	char *msg;

	(void)r;
	if (!d->hooks.pause)
		return;
	msg = len ? xasprintf("%.*s", len, text)
		  : xstrdup("Press Enter to go on");
	d->hooks.pause(d->hooks.ctx, msg);
	free(msg);
}
