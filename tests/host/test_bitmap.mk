# include/linux/bitops.h, lib/bitmap.c and lib/prandom.c against naive models:
# the suite bitmap (lib/bitmap_test.c, which also runs in QEMU).
HOST_TESTS += test_bitmap
test_bitmap_SRCS := lib/bitmap_test.c $(HOST_KUNIT_SRCS) lib/bitmap.c lib/prandom.c
