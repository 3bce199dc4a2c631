/* Calls that change the file behind a descriptor the program opened
 * read-only (each variant's own, naming the same file): fchmod,
 * fsetxattr and fremovexattr, the *at calls on the fd itself (a NULL or
 * empty path), and close_range's CLOSE_RANGE_CLOEXEC over platform
 * numbers.  Each change must happen once: made by every variant, the
 * second fremovexattr failed with ENODATA and XATTR_CREATE with EEXIST;
 * the *at calls failed with EBADF; and a pipe's write end outlived an
 * exec.  Writes one line a call: its result and errno. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

static void say(const char *what, long r)
{
	printf("%-26s %ld %s\n", what, r, r < 0 ? strerror(errno) : "");
	fflush(stdout);
}

/* A pipe, then close_range(3, ~0, CLOSE_RANGE_CLOEXEC): an exec'd
 * child must not hold its write end, so the read sees the end at once,
 * while the child still runs. */
static void cloexec_range(void)
{
	int p[2];
	pid_t c;
	char b;
	long n;

	if (pipe(p) != 0)
		return;
	say("close_range cloexec", syscall(SYS_close_range, 3, ~0U, 4));
	say("F_GETFD of the pipe", fcntl(p[1], F_GETFD));
	c = fork();
	if (c == 0) {
		execlp("sleep", "sleep", "2", (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	n = read(p[0], &b, 1);
	say("read of the pipe", n);
	say("child still there", waitpid(c, NULL, WNOHANG) == 0);
	kill(c, SIGKILL);
	waitpid(c, NULL, 0);
}

int main(void)
{
	struct timespec ts[2] = { { 100, 0 }, { 200, 0 } };
	int w = open("f", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	int fd, dir, path;
	struct stat st;

	if (w < 0 || write(w, "x", 1) != 1 || close(w) != 0)
		return 1;
	fd = open("f", O_RDONLY);
	dir = open(".", O_RDONLY | O_DIRECTORY);
	path = open("f", O_PATH);
	say("fsetxattr create", fsetxattr(fd, "user.k", "v", 1, XATTR_CREATE));
	say("fremovexattr", fremovexattr(fd, "user.k"));
	say("fchmod", fchmod(fd, 0600));
	say("fchmod of O_PATH", fchmod(path, 0640));
	say("futimens", futimens(fd, ts));
	say("utimensat(fd, NULL)", syscall(SYS_utimensat, fd, NULL, ts, 0));
	say("fchownat empty path", fchownat(fd, "", getuid(), getgid(),
					   AT_EMPTY_PATH));
	say("futimens of a directory", futimens(dir, ts));
	say("utimensat O_PATH empty", utimensat(path, "", ts, AT_EMPTY_PATH));
	say("linkat O_PATH empty", linkat(path, "", AT_FDCWD, "g",
					  AT_EMPTY_PATH));
	if (stat("f", &st) != 0)
		return 1;
	say("mtime", (long)st.st_mtime);
	say("mode", (long)(st.st_mode & 07777));
	say("links", (long)st.st_nlink);
	cloexec_range();
	return 0;
}
