/* waitid names the child it reaped: the pid fork returned, 20 times
 * (the pids of ended children are not kept past their reaping). */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	int same = 0;

	for (int i = 0; i < 20; i++) {
		siginfo_t si;
		pid_t p = fork();

		if (p == 0)
			_exit(i);
		if (waitid(P_PID, (id_t)p, &si, WEXITED) == 0 &&
		    si.si_pid == p && si.si_status == i)
			same++;
	}
	printf("waitid named the child %d times in 20\n", same);
	return 0;
}
