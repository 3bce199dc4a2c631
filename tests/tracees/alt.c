/* Built twice: plain and with -DALT (as alt_alt), for --exe tests.
 * argv[1] says what the two builds do differently:
 *   create PATH  plain writes a line; ALT creates PATH instead
 *   exit         plain exits 3; ALT exits 4
 *   crash        plain exits 0; ALT dereferences NULL
 *   forkcrash    forks; the child exits 0 (plain) or faults (ALT); the
 *                parent reports how the child ended
 *   known        getcwd(&known, 0), which fails without writing: the int
 *                at $arg0 is 1 (plain) or 2 (ALT); exits 0
 *   clock        reads CLOCK_MONOTONIC (plain) or CLOCK_REALTIME (ALT)
 *                and writes a line: calls without a meeting that differ
 *                in an argument
 *   sigev        timer_create notifying by SIGUSR1 (plain) or SIGUSR2
 *                (ALT), with a value that is an address: the signal is
 *                compared, the address never
 *   nonblock     FIONBIO on a pipe's read end, 1 (plain) or 0 (ALT),
 *                then writes a line: an ioctl's input that differs
 *   yield        sched_yield once (plain) or twice (ALT), then writes a
 *                line: as many calls without a meeting as differ
 *   epoll        epoll_ctl adds a pipe for EPOLLIN (plain) or EPOLLOUT
 *                (ALT), its data an address, then writes a line: the
 *                events are compared, the data never
 *   threads      starts a thread that waits on a pipe, then writes
 *                "one" (plain) or "two" (ALT): a process with two
 *                threads whose values say nothing
 *   longexec     execs /bin/echo with an argument of 6000 bytes that
 *                ends in 'a' (plain) or 'b' (ALT): longer than a path
 *   ia32 PATH    plain unlinks PATH through the i386 ABI (int $0x80,
 *                call 10, which is mprotect in x86-64's numbering); ALT
 *                does not; both then write the result
 *   newcall PATH [OTHER]  fchmodat2 (452, newer than mvdb's table) of
 *                PATH to 0777 (plain: OTHER when given); writes errno
 *   standin PATH  pselect6 on a pipe (the platform waits; variant 0
 *                stands in with pause) with an empty mask in memory, a
 *                SIGALRM handler and alarm(1); in plain, a second thread
 *                adds SIGALRM to that mask after 300 ms, and the handler
 *                unlinks PATH
 *   swap DIR     unlinks DIR/decoy_ 3000 times; in plain, a second
 *                thread keeps turning the name into DIR/VICTIM for a
 *                moment, between the comparison and the call if it can
 *   outside PID  reaches process PID (outside the program) with ptrace
 *                and process_vm_writev, asks for the session keyring and
 *                a Linux AIO context; writes each call's errno
 *   sockcycle    two threads take a mutex in turn and ask getsockname
 *                while they hold it: main first (plain) or the other
 *                thread first (ALT), as a GIL changes hands; writes the
 *                port both were told
 *   procswap PATH  opens /proc/self/comm for writing (O_CREAT, O_TRUNC)
 *                2000 times; in plain, a second thread keeps turning
 *                the name into PATH for a moment
 *   sysvshm      creates a System V segment and attaches it; writes
 *                shmat's errno
 *   deadline     with a second thread running, reads the clock once
 *                (plain) or twice (ALT), then sleeps until that reading
 *                plus 10 ms and polls nothing for 20 ms less the time
 *                since: timeouts computed from clock readings
 *   futexsig PATH [OTHER]  forks a child that signals it (SIGURG,
 *                ignored) and wakes it 300 ms later through shared
 *                memory; meanwhile the parent waits in futex (ALT: a
 *                call mvdb never stops at, cut short when the held
 *                signal is delivered where it stands) or spins (plain);
 *                then it unlinks PATH (plain: OTHER when given) and
 *                writes a line
 *   msgsnd       sends "plain" (plain) or "other" (ALT) to a System V
 *                message queue: a message is compared before it is sent
 *   semval       sets a System V semaphore to 3 (plain) or 4 (ALT)
 *   tkill        main signals a second thread (SIGUSR1, SA_RESTART) as
 *                soon as it has started; that thread spins for 200 ms
 *                first (plain) or goes straight to its read of a pipe
 *                (ALT); the handler writes to a second pipe, and main
 *                then writes what the read gets: a signal sent from
 *                thread to thread reaches them at different points
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <time.h>
#include <linux/futex.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/select.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

static void *waiter(void *arg)
{
	char c;

	return read(*(int *)arg, &c, 1) < 0 ? arg : NULL;
}

static volatile unsigned long standin_mask;	/* pselect6's sigset */
static const char *standin_victim;

static void standin_alarm(int sig)
{
	(void)sig;
#ifndef ALT
	unlink(standin_victim);
#endif
}

static void *standin_flip(void *arg)
{
	sigset_t s;
	struct timespec t = { 0, 300000000 };

	(void)arg;
	sigemptyset(&s);
	sigaddset(&s, SIGALRM);
	pthread_sigmask(SIG_BLOCK, &s, NULL);
	nanosleep(&t, NULL);
#ifndef ALT
	standin_mask |= 1ul << (SIGALRM - 1);
#endif
	return NULL;
}

static int standin(const char *path)
{
	struct {
		const volatile unsigned long *ss;
		size_t len;
	} pack = { &standin_mask, 8 };
	struct timespec to = { 3, 0 };
	struct sigaction sa;
	pthread_t b;
	fd_set r;
	int p[2];
	long ret;

	if (pipe(p) != 0)
		return 1;
	standin_victim = path;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = standin_alarm;
	sigaction(SIGALRM, &sa, NULL);
	pthread_create(&b, NULL, standin_flip, NULL);
	alarm(1);
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	ret = syscall(SYS_pselect6, p[0] + 1, &r, NULL, NULL, &to, &pack);
	printf("pselect6 %ld\n", ret);
	pthread_join(b, NULL);
	return 0;
}

/* A name another thread changes under the calls that use it: mostly
 * usual, for a moment other (plain only).  swap and procswap. */
static char flip_path[PATH_MAX];
static const char *flip_usual, *flip_other;
static size_t flip_same;	/* the two names' common head */
static volatile int flip_stop;

static void *flip(void *arg)
{
	(void)arg;
#ifndef ALT
	while (!flip_stop) {
		strcpy(flip_path + flip_same, flip_other + flip_same);
		__asm__ volatile("" ::: "memory");
		for (volatile int i = 0; i < 200; i++)
			;
		strcpy(flip_path + flip_same, flip_usual + flip_same);
		__asm__ volatile("" ::: "memory");
		for (volatile int i = 0; i < 2000; i++)
			;
	}
#endif
	return NULL;
}

/* Starts flip in a thread of its own, the name usual first. */
static pthread_t flip_start(const char *usual, const char *other)
{
	pthread_t t;

	flip_usual = usual;
	flip_other = other;
	while (usual[flip_same] && usual[flip_same] == other[flip_same])
		flip_same++;
	strcpy(flip_path, usual);
	pthread_create(&t, NULL, flip, NULL);
	return t;
}

static int swap(const char *dir)
{
	static char decoy[PATH_MAX], victim[PATH_MAX];
	pthread_t b;
	int n;

	snprintf(decoy, sizeof(decoy), "%s/decoy_", dir);
	snprintf(victim, sizeof(victim), "%s/VICTIM", dir);
	b = flip_start(decoy, victim);
	for (n = 0; n < 3000; n++)
		unlink(flip_path);
	flip_stop = 1;
	pthread_join(b, NULL);
	printf("%d unlinks\n", n);
	return 0;
}

static pthread_mutex_t cycle_lock = PTHREAD_MUTEX_INITIALIZER;
static int cycle_go, cycle_held, cycle_fd;
static unsigned short cycle_port[2];

/* Runs on for ms milliseconds (clock reads meet no one). */
static void cycle_spin(long ms)
{
	struct timespec a, b;

	clock_gettime(CLOCK_MONOTONIC, &a);
	do
		clock_gettime(CLOCK_MONOTONIC, &b);
	while ((b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000 < ms);
}

static void cycle_ask(int who)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);

	if (getsockname(cycle_fd, (struct sockaddr *)&sin, &len) == 0)
		cycle_port[who] = ntohs(sin.sin_port);
}

static void *cycle_other(void *arg)
{
	(void)arg;
	while (!__atomic_load_n(&cycle_go, __ATOMIC_SEQ_CST))
		;
	pthread_mutex_lock(&cycle_lock);
	__atomic_store_n(&cycle_held, 1, __ATOMIC_SEQ_CST);
	cycle_spin(100);
	cycle_ask(1);
	pthread_mutex_unlock(&cycle_lock);
	return NULL;
}

static int sockcycle(void)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	pthread_t t;

	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	cycle_fd = socket(AF_INET, SOCK_STREAM, 0);
	if (cycle_fd < 0 || bind(cycle_fd, (struct sockaddr *)&sin, sizeof(sin)) ||
	    pthread_create(&t, NULL, cycle_other, NULL))
		return 1;
#ifdef ALT
	__atomic_store_n(&cycle_go, 1, __ATOMIC_SEQ_CST);
	while (!__atomic_load_n(&cycle_held, __ATOMIC_SEQ_CST))
		;
	pthread_mutex_lock(&cycle_lock);
#else
	pthread_mutex_lock(&cycle_lock);
	__atomic_store_n(&cycle_go, 1, __ATOMIC_SEQ_CST);
	cycle_spin(100);
#endif
	cycle_ask(0);
	pthread_mutex_unlock(&cycle_lock);
	pthread_join(t, NULL);
	printf("same port: %s\n", cycle_port[0] && cycle_port[0] == cycle_port[1] ? "yes" : "no");
	return 0;
}

static int procswap(const char *other)
{
	pthread_t b = flip_start("/proc/self/comm", other);
	int n, fd;

	for (n = 0; n < 2000; n++)
		if ((fd = open(flip_path, O_WRONLY | O_CREAT | O_TRUNC,
			       0644)) >= 0)
			close(fd);
	flip_stop = 1;
	pthread_join(b, NULL);
	printf("%d opens\n", n);
	return 0;
}

static int futexsig(const char *path)
{
	int *word = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int status;
	pid_t pid;

	if (word == MAP_FAILED || (pid = fork()) < 0)
		return 1;
	if (pid == 0) {
		kill(getppid(), SIGURG);
		usleep(300000);
		__atomic_store_n(word, 1, __ATOMIC_SEQ_CST);
		syscall(SYS_futex, word, FUTEX_WAKE, 1, NULL, NULL, 0);
		_exit(0);
	}
	while (!__atomic_load_n(word, __ATOMIC_SEQ_CST))
#ifdef ALT
		syscall(SYS_futex, word, FUTEX_WAIT, 0, NULL, NULL, 0);
#else
		;
#endif
	if (unlink(path) != 0)
		return 3;
	if (waitpid(pid, &status, 0) != pid)
		return 4;
	return write(1, "unlinked\n", 9) != 9;
}

static int tk_never[2], tk_handled[2];
static volatile int tk_started;

static void tk_handler(int sig)
{
	(void)sig;
	if (write(tk_handled[1], "h", 1) != 1)
		_exit(5);
}

static void *tk_worker(void *arg)
{
	char c = 0;

	(void)arg;
	__atomic_store_n(&tk_started, 1, __ATOMIC_SEQ_CST);
#ifndef ALT
	cycle_spin(200);
#endif
	if (read(tk_never[0], &c, 1) != 1 || write(1, "read x\n", 7) != 7)
		return (void *)1;
	return NULL;
}

static int tkill(void)
{
	struct sigaction sa = { .sa_handler = tk_handler,
				.sa_flags = SA_RESTART };
	pthread_t w;
	void *ret;
	char c;

	if (sigaction(SIGUSR1, &sa, NULL) || pipe(tk_never) ||
	    pipe(tk_handled) || pthread_create(&w, NULL, tk_worker, NULL))
		return 1;
	while (!__atomic_load_n(&tk_started, __ATOMIC_SEQ_CST))
		;
	pthread_kill(w, SIGUSR1);
	if (read(tk_handled[0], &c, 1) != 1 || write(tk_never[1], "x", 1) != 1)
		return 1;
	pthread_join(w, &ret);
	return ret != NULL;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	if (strcmp(argv[1], "create") == 0 && argc > 2) {
#ifdef ALT
		int fd = open(argv[2], O_WRONLY | O_CREAT, 0644);

		return fd < 0;
#else
		return write(1, "no file\n", 8) != 8;
#endif
	}
	if (strcmp(argv[1], "exit") == 0) {
#ifdef ALT
		return 4;
#else
		return 3;
#endif
	}
	if (strcmp(argv[1], "crash") == 0) {
#ifdef ALT
		volatile int *null = NULL;

		return *null;
#else
		return 0;
#endif
	}
	if (strcmp(argv[1], "known") == 0) {
#ifdef ALT
		volatile int known = 2;
#else
		volatile int known = 1;
#endif

		syscall(SYS_getcwd, (void *)&known, 0);
		return 0;
	}
	if (strcmp(argv[1], "forkcrash") == 0) {
		int status;
		pid_t pid = fork();

		if (pid == 0) {
#ifdef ALT
			volatile int *null = NULL;

			_exit(*null);
#else
			_exit(0);
#endif
		}
		waitpid(pid, &status, 0);
		printf("child status %d\n", status);
		return 0;
	}
	if (strcmp(argv[1], "clock") == 0) {
		struct timespec ts;
#ifdef ALT
		clockid_t id = CLOCK_REALTIME;
#else
		clockid_t id = CLOCK_MONOTONIC;
#endif

		syscall(SYS_clock_gettime, id, &ts);
		return write(1, "read\n", 5) != 5;
	}
	if (strcmp(argv[1], "sigev") == 0) {
		struct sigevent sev;
		timer_t t;

		memset(&sev, 0, sizeof(sev));
		sev.sigev_notify = SIGEV_SIGNAL;
#ifdef ALT
		sev.sigev_signo = SIGUSR2;
#else
		sev.sigev_signo = SIGUSR1;
#endif
		sev.sigev_value.sival_ptr = &sev;
		if (syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &t) != 0)
			return 1;
		return write(1, "timer\n", 6) != 6;
	}
	if (strcmp(argv[1], "nonblock") == 0) {
		int p[2];
#ifdef ALT
		int on = 0;
#else
		int on = 1;
#endif

		if (pipe(p) != 0 || ioctl(p[0], FIONBIO, &on) != 0)
			return 1;
		return write(1, "set\n", 4) != 4;
	}
	if (strcmp(argv[1], "epoll") == 0) {
		struct epoll_event ev;
		int ep = epoll_create1(0), p[2];

#ifdef ALT
		ev.events = EPOLLOUT;
#else
		ev.events = EPOLLIN;
#endif
		ev.data.ptr = &ev;
		if (ep < 0 || pipe(p) != 0 ||
		    epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) != 0)
			return 1;
		return write(1, "added\n", 6) != 6;
	}
	if (strcmp(argv[1], "threads") == 0) {
		pthread_t t;
		static int p[2];

		if (pipe(p) != 0 || pthread_create(&t, NULL, waiter, &p[0]))
			return 1;
#ifdef ALT
		return write(1, "two\n", 4) != 4;
#else
		return write(1, "one\n", 4) != 4;
#endif
	}
	if (strcmp(argv[1], "longexec") == 0) {
		static char arg[6001];

		memset(arg, 'x', sizeof(arg) - 1);
#ifdef ALT
		arg[5999] = 'b';
#else
		arg[5999] = 'a';
#endif
		execl("/bin/echo", "echo", arg, (char *)NULL);
		return 1;
	}
	if (strcmp(argv[1], "ia32") == 0 && argc > 2) {
		char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
		long ret = 0;

		if (p == MAP_FAILED)
			return 1;
		strncpy(p, argv[2], 4095);
#ifndef ALT
		__asm__ volatile("int $0x80" : "=a"(ret) : "a"(10L), "b"(p)
				 : "memory");
#endif
		printf("ret %ld\n", ret);
		return 0;
	}
	if (strcmp(argv[1], "newcall") == 0 && argc > 2) {
#ifdef ALT
		const char *path = argv[2];
#else
		const char *path = argv[argc > 3 ? 3 : 2];
#endif
		long ret = syscall(452, AT_FDCWD, path, 0777, 0);

		printf("ret %ld errno %d\n", ret, ret ? errno : 0);
		return 0;
	}
	if (strcmp(argv[1], "outside") == 0 && argc > 2) {
		pid_t pid = (pid_t)atoi(argv[2]);
		static char word[8] = "written";
		struct iovec here = { word, sizeof(word) };
		struct iovec there = { word, sizeof(word) };
		unsigned long ctx = 0;
		int e[4];

		errno = 0;
		e[0] = syscall(SYS_ptrace, PTRACE_ATTACH, pid, 0, 0) ? errno : 0;
		e[1] = syscall(SYS_process_vm_writev, pid, &here, 1, &there, 1,
			       0) < 0 ? errno : 0;
		e[2] = syscall(SYS_keyctl, 0 /* KEYCTL_GET_KEYRING_ID */,
			       -3 /* the session's */, 0) < 0 ? errno : 0;
		e[3] = syscall(SYS_io_setup, 4, &ctx) ? errno : 0;
		printf("ptrace %d process_vm_writev %d keyctl %d io_setup %d\n",
		       e[0], e[1], e[2], e[3]);
		return 0;
	}
	if (strcmp(argv[1], "procswap") == 0 && argc > 2)
		return procswap(argv[2]);
	if (strcmp(argv[1], "deadline") == 0) {
		static int p[2];
		struct timespec t, now;
		pthread_t w;

		if (pipe(p) != 0 || pthread_create(&w, NULL, waiter, &p[0]))
			return 1;
		clock_gettime(CLOCK_MONOTONIC, &t);
#ifdef ALT
		clock_gettime(CLOCK_MONOTONIC, &t);
#endif
		t.tv_nsec += 10000000;
		if (t.tv_nsec >= 1000000000) {
			t.tv_sec++;
			t.tv_nsec -= 1000000000;
		}
		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL);
		clock_gettime(CLOCK_MONOTONIC, &now);
		poll(NULL, 0, (int)(20 - (now.tv_nsec / 1000000 % 10)));
		close(p[1]);
		pthread_join(w, NULL);
		return write(1, "slept\n", 6) != 6;
	}
	if (strcmp(argv[1], "sysvshm") == 0) {
		int id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
		void *p = id < 0 ? (void *)-1 : shmat(id, NULL, 0);

		printf("shmat %d\n", p == (void *)-1 ? errno : 0);
		if (id >= 0)
			shmctl(id, IPC_RMID, NULL);
		return 0;
	}
	if (strcmp(argv[1], "tkill") == 0)
		return tkill();
	if (strcmp(argv[1], "semval") == 0) {
		int id = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600), r;

#ifdef ALT
		r = semctl(id, 0, SETVAL, 4);
#else
		r = semctl(id, 0, SETVAL, 3);
#endif
		semctl(id, 0, IPC_RMID);
		return printf("set %d\n", r) < 0;
	}
	if (strcmp(argv[1], "msgsnd") == 0) {
		struct { long type; char text[8]; } m = { 1, "plain" };
		int q = msgget(IPC_PRIVATE, IPC_CREAT | 0600), r;

#ifdef ALT
		strcpy(m.text, "other");
#endif
		r = msgsnd(q, &m, 5, 0);
		msgctl(q, IPC_RMID, NULL);
		return printf("sent %d\n", r) < 0;
	}
	if (strcmp(argv[1], "sockcycle") == 0)
		return sockcycle();
	if (strcmp(argv[1], "swap") == 0 && argc > 2)
		return swap(argv[2]);
	if (strcmp(argv[1], "standin") == 0 && argc > 2)
		return standin(argv[2]);
	if (strcmp(argv[1], "futexsig") == 0 && argc > 2)
#ifdef ALT
		return futexsig(argv[2]);
#else
		return futexsig(argv[argc > 3 ? 3 : 2]);
#endif
	if (strcmp(argv[1], "yield") == 0) {
		sched_yield();
#ifdef ALT
		sched_yield();
#endif
		return write(1, "yielded\n", 8) != 8;
	}
	return 2;
}
