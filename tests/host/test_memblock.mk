# mm/memblock.c on the two-bank machine tests/host/test_memblock.c boots from
# tests/host/dts/twobank.dts: the suite memblock (mm/memblock_test.c, which
# also runs in QEMU).
HOST_TESTS += test_memblock
test_memblock_SRCS := mm/memblock_test.c $(HOST_KUNIT_SRCS) lib/prandom.c $(HOST_DT_SRCS)
test_memblock_LIBS := -lfdt
test_memblock_DEPS := $(B)/dtb/twobank.dtb
test_memblock_CFLAGS := -DDTB_DIR='"$(B)/dtb"'
