/* The program's input in the screen: a pipe whose read end is the
 * program's standard input (a platform descriptor) and whose write end
 * is the output pane's input line.  Typed text shows on that line, Enter
 * sends it with a newline (and echoes it into the pane, as a terminal
 * would), Ctrl-D sends the end of input; a new run gets a new pipe. */
#include "screen.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CTRL(c) ((c) & 0x1f)

static void close_pipe(struct screen *sc)
{
	for (int i = 0; i < 2; i++)
		if (sc->inpipe[i] >= 0) {
			close(sc->inpipe[i]);
			sc->inpipe[i] = -1;
		}
}

void screen_input_starting(struct screen *sc, struct config *cfg)
{
	int fd[2];

	/* What the last run left unread is not the next one's. */
	close_pipe(sc);
	sc->inlen = 0;
	sc->input[0] = '\0';
	if (pipe2(fd, O_CLOEXEC) == -1) {
		cfg->stdio[0] = -1;	/* the program starts without one */
		return;
	}
	/* A program that does not read never blocks the screen: a full
	 * pipe refuses the line instead. */
	fcntl(fd[1], F_SETFL, O_NONBLOCK);
	sc->inpipe[0] = fd[0];
	sc->inpipe[1] = fd[1];
	cfg->stdio[0] = fd[0];
}

void screen_input_free(struct screen *sc)
{
	close_pipe(sc);
}

bool screen_input_ours(const struct screen *sc)
{
	return dbg_program_input(sc->d) == NULL && sc->inpipe[0] >= 0;
}

/* Sends len bytes; false (a message said why) when the pipe takes
 * none of them. */
static bool send(struct screen *sc, const char *p, size_t len)
{
	ssize_t n = write(sc->inpipe[1], p, len);

	if (n == (ssize_t)len)
		return true;
	lines_add(&sc->msg, ST_ERROR,
		  n >= 0 || errno == EAGAIN ?
			  "the program's input is full (it does not read it): not all of the line was sent" :
			  "the program's input is closed: the line was not sent");
	return n > 0;
}

/* Enter: the line and a newline to the program, the line into the
 * output pane as the terminal's echo would show it. */
static void send_line(struct screen *sc)
{
	sc->input[sc->inlen] = '\n';
	if (send(sc, sc->input, sc->inlen + 1)) {
		pthread_mutex_lock(&sc->outlock);
		lines_append(&sc->out, ST_DIM, sc->input, sc->inlen + 1);
		pthread_mutex_unlock(&sc->outlock);
	}
	sc->inlen = 0;
	sc->input[0] = '\0';
	sc->scroll[PANE_OUTPUT] = 0;
}

/* Ctrl-D: as on a terminal, text typed goes without a newline, and on
 * an empty line it is the end of input (the pipe closes). */
static void send_eof(struct screen *sc)
{
	if (sc->inlen) {
		if (send(sc, sc->input, sc->inlen)) {
			pthread_mutex_lock(&sc->outlock);
			lines_append(&sc->out, ST_DIM, sc->input, sc->inlen);
			pthread_mutex_unlock(&sc->outlock);
		}
		sc->inlen = 0;
		sc->input[0] = '\0';
		return;
	}
	close(sc->inpipe[1]);
	sc->inpipe[1] = -1;
	lines_add(&sc->msg, ST_DIM,
		  "the end of the program's input was sent (Ctrl-D); \"run\" gives it a new one");
}

/* Drops the last character of the line (UTF-8: its continuation bytes
 * too). */
static void backspace(struct screen *sc)
{
	while (sc->inlen > 0 &&
	       ((unsigned char)sc->input[--sc->inlen] & 0xc0) == 0x80)
		;
	sc->input[sc->inlen] = '\0';
}

bool screen_input_key(struct screen *sc, bool func, wint_t ch)
{
	char buf[MB_LEN_MAX];
	mbstate_t st;
	size_t n;

	/* closed by Ctrl-D: the keys are the command line's again */
	if (sc->focus != PANE_OUTPUT || !screen_input_ours(sc) ||
	    sc->inpipe[1] < 0)
		return false;
	if (func) {
		if (ch == KEY_ENTER)
			send_line(sc);
		else if (ch == KEY_BACKSPACE)
			backspace(sc);
		else
			return false;
		return true;
	}
	if (ch == '\r' || ch == '\n') {
		send_line(sc);
	} else if (ch == CTRL('D')) {
		send_eof(sc);
	} else if (ch == 127 || ch == CTRL('H')) {
		backspace(sc);
	} else if (ch == CTRL('U')) {
		sc->inlen = 0;
		sc->input[0] = '\0';
	} else if (ch < 0x20 && ch != '\t') {
		return false;	/* other control keys keep their meaning */
	} else {
		memset(&st, 0, sizeof(st));
		n = wcrtomb(buf, (wchar_t)ch, &st);
		if (n == (size_t)-1 || sc->inlen + n + 1 >= sizeof(sc->input))
			return true;	/* no room: the key is dropped */
		memcpy(sc->input + sc->inlen, buf, n);
		sc->inlen += n;
		sc->input[sc->inlen] = '\0';
	}
	return true;
}

bool screen_input_shown(const struct screen *sc)
{
	return screen_input_ours(sc) &&
	       (sc->focus == PANE_OUTPUT || sc->inlen > 0 || sc->waiting);
}
