/* hello: the smallest user program. Prints its pid and its arguments (nothing with -q). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "-q"))
		return 0;
	printf("hello from pid %d, argc=%d\n", getpid(), argc);
	for (int i = 0; i < argc; i++)
		printf("  argv[%d] = \"%s\"\n", i, argv[i]);
	return 0;
}
