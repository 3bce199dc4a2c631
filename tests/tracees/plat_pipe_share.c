/* Two forked children block reading one pipe; the parent writes one
 * line, waits for the child that took it to say so, then writes the
 * second.  Each child exits with the number of the line it read; the
 * parent prints the sorted statuses, so the output is deterministic. */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int child(int data, int ack)
{
	char buf[64];
	ssize_t n = read(data, buf, sizeof(buf));

	if (write(ack, "k", 1) != 1)
		return 9;
	if (n == 4 && memcmp(buf, "one\n", 4) == 0)
		return 1;
	if (n == 4 && memcmp(buf, "two\n", 4) == 0)
		return 2;
	return 8;
}

int main(void)
{
	int data[2], ack[2], st[2], lo, hi;
	char k;

	if (pipe(data) == -1 || pipe(ack) == -1)
		return 2;
	for (int i = 0; i < 2; i++) {
		pid_t pid = fork();

		if (pid == -1)
			return 2;
		if (pid == 0)
			_exit(child(data[0], ack[1]));
	}
	if (write(data[1], "one\n", 4) != 4 || read(ack[0], &k, 1) != 1)
		return 3;
	if (write(data[1], "two\n", 4) != 4 || read(ack[0], &k, 1) != 1)
		return 3;
	for (int i = 0; i < 2; i++) {
		if (wait(&st[i]) == -1 || !WIFEXITED(st[i]))
			return 4;
		st[i] = WEXITSTATUS(st[i]);
	}
	lo = st[0] < st[1] ? st[0] : st[1];
	hi = st[0] < st[1] ? st[1] : st[0];
	printf("the children read lines %d and %d\n", lo, hi);
	return 0;
}
