/* System V messages: a parent waits in msgrcv for a message its child
 * sends, then takes others without waiting: one too long for its
 * buffer (E2BIG, then cut with MSG_NOERROR), and none left (ENOMSG).
 * msgrcv's buffer, a type and then the text, is filled by the platform
 * in every variant; it once failed with ENOSYS.  Then a semaphore set to
 * 3 with semctl's SETVAL (ENOSYS too: its value was taken for an
 * address), taken once with semop and read back. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/wait.h>
#include <unistd.h>

struct message {
	long type;
	char text[32];
};

static void receive(int q, size_t size, int flags)
{
	struct message m;
	long n;

	memset(&m, 0, sizeof(m));
	n = msgrcv(q, &m, size, 0, flags);
	if (n < 0)
		printf("msgrcv: %s\n", strerror(errno));
	else
		printf("msgrcv %ld: type %ld, '%.*s'\n", n, m.type, (int)n,
		       m.text);
}

static int semaphore(void)
{
	struct sembuf take = { 0, -1, 0 };
	int id = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);

	if (id < 0)
		return 1;
	printf("SETVAL %d\n", semctl(id, 0, SETVAL, 3));
	printf("semop %d\n", semop(id, &take, 1));
	printf("GETVAL %d\n", semctl(id, 0, GETVAL));
	printf("IPC_RMID %d\n", semctl(id, 0, IPC_RMID));
	return 0;
}

int main(void)
{
	int q = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	struct message m = { 2, "from the child" };
	int go[2], status;
	pid_t child;
	char c;

	if (q < 0 || pipe(go) != 0)
		return 1;
	child = fork();
	if (child == 0) {
		if (read(go[0], &c, 1) != 1 ||
		    msgsnd(q, &m, strlen(m.text), 0) != 0)
			_exit(1);
		m.type = 3;
		strcpy(m.text, "a longer message");
		_exit(msgsnd(q, &m, strlen(m.text), 0) != 0);
	}
	if (write(go[1], "g", 1) != 1)
		return 1;
	receive(q, sizeof(m.text), 0);
	waitpid(child, &status, 0);
	receive(q, 4, IPC_NOWAIT);
	receive(q, 4, IPC_NOWAIT | MSG_NOERROR);
	receive(q, sizeof(m.text), IPC_NOWAIT);
	msgctl(q, IPC_RMID, NULL);
	return semaphore();
}
