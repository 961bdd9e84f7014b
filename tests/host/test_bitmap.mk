# include/linux/bitops.h, lib/bitmap.c and lib/prandom.c against naive models.
HOST_TESTS += test_bitmap
test_bitmap_SRCS := lib/bitmap.c lib/prandom.c
