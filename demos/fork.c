/* The fork demo: a pipeline of processes, as `echo hello | tr a-z A-Z`
 * makes, in C so that its calls are few and always the same.  Each
 * child of every variant is paired with its counterparts into a set
 * that runs in lockstep on its own; the pipes are the platform's.  The
 * writer stays until the reader has ended (it waits for the end of a
 * second pipe), so that every set is there when the reader writes. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* The first child: writes a line into the pipe, then waits for the
 * reader to end (its end of ack closes then). */
static void writer(int out, int ack)
{
	static const char line[] = "hello from the writer\n";
	char c;

	if (write(out, line, strlen(line)) < 0)
		_exit(1);
	close(out);
	if (read(ack, &c, 1) < 0)
		_exit(1);
	_exit(0);
}

/* The second child: reads the line, writes it in capitals. */
static void upcase(int in)
{
	char buf[64];
	ssize_t n = read(in, buf, sizeof(buf));

	if (n <= 0)
		_exit(1);
	for (ssize_t i = 0; i < n; i++)
		buf[i] = (char)toupper((unsigned char)buf[i]);
	if (write(1, buf, (size_t)n) != n)
		_exit(1);
	_exit(0);
}

int main(void)
{
	int data[2], ack[2], status, failed = 0;
	pid_t w, r;

	if (pipe(data) != 0 || pipe(ack) != 0)
		return 1;
	w = fork();
	if (w == 0) {
		close(data[0]);
		close(ack[1]);
		writer(data[1], ack[0]);
	}
	r = fork();
	if (r == 0) {
		close(data[1]);
		close(ack[0]);
		upcase(data[0]);
	}
	close(data[0]);
	close(data[1]);
	close(ack[0]);
	close(ack[1]);
	if (w < 0 || r < 0)
		return 1;
	for (int i = 0; i < 2; i++)
		if (wait(&status) < 0 || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0)
			failed = 1;
	printf("both children ended%s\n", failed ? ", one badly" : " well");
	return failed;
}
