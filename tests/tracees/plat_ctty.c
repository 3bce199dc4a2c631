/* Opens a pseudo-terminal's slave without O_NOCTTY, then hangs it up
 * (closes the master) and says it is still there.  A session leader
 * with no terminal that made the open would take the terminal, and its
 * hangup (SIGHUP): under mvdb the platform makes the open, and a
 * monitor that leads a session must not (run it under setsid). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(void)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY), s;

	if (m < 0 || grantpt(m) == -1 || unlockpt(m) == -1 || !ptsname(m))
		return 1;
	s = open(ptsname(m), O_RDWR);
	close(m);
	printf("slave opened: %s; still here after the hangup\n",
	       s >= 0 ? "yes" : "no");
	return 0;
}
