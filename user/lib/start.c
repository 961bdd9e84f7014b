/* What runs between _start (crt0.S) and main. */
#include <stdlib.h>

int main(int argc, char **argv);

__noreturn void __libc_start(long argc, char **argv);

/* The bss is already zero (the kernel maps it zero-filled); nothing else to set up. */
__noreturn void __libc_start(long argc, char **argv)
{
	exit(main((int)argc, argv));
}
