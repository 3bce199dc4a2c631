/* Files and directories are created with the program's umask: under
 * umask 077, open(O_CREAT, 0666) makes 0600 and mkdir(0777) makes 0700. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
	struct stat st;
	int fd;

	umask(077);
	fd = open("made.txt", O_CREAT | O_WRONLY | O_TRUNC, 0666);
	if (fd == -1 || write(fd, "made\n", 5) != 5 || fstat(fd, &st) == -1)
		return 2;
	printf("made.txt by fstat: %04o\n", st.st_mode & 07777);
	close(fd);
	if (stat("made.txt", &st) == -1)
		return 2;
	printf("made.txt by stat: %04o\n", st.st_mode & 07777);
	if (mkdir("made.d", 0777) == -1 || stat("made.d", &st) == -1)
		return 2;
	printf("made.d: %04o\n", st.st_mode & 07777);
	return 0;
}
