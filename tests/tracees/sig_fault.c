/* Writes to address 0x10: SIGSEGV, SEGV_MAPERR, at an instruction of
 * its own code. */
int main(void)
{
	volatile int *p = (volatile int *)0x10;

	*p = 1;
	return 0;
}
