# The kernel's DT code on the two-bank machine tests/host/test_of.c boots
# from tests/host/dts/twobank.dts: the suites of_host (QEMU's virt blob,
# one without /memory, tests/host/dts/buses.dts) and fdt (drivers/of_test.c,
# which also runs in QEMU).
HOST_TESTS += test_of
test_of_SRCS := drivers/of_test.c $(HOST_KUNIT_SRCS) lib/cmdline.c $(HOST_DT_SRCS)
test_of_LIBS := -lfdt
test_of_DEPS := $(B)/dtb/twobank.dtb $(B)/dtb/virt.dtb $(B)/dtb/buses.dtb $(B)/dtb/virt-nomem.dtb
test_of_CFLAGS := -DDTB_DIR='"$(B)/dtb"'
