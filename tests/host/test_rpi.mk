# The suite rpi_host (tests/host/test_rpi.c): the kernel's DT code on Debian's Raspberry Pi DTBs.
# The DTBs are unpacked from Debian's arm64 kernel package by `scripts/deps.sh rpi`
# (rule at the end of the Makefile, "boot paths" block).
HOST_TESTS += test_rpi
test_rpi_SRCS := $(HOST_KUNIT_SRCS) drivers/of.c drivers/of_fdt.c tests/host/host_shim.c
test_rpi_LIBS := -lfdt
test_rpi_DEPS := $(B)/rpi/dtb/bcm2711-rpi-4-b.dtb $(B)/rpi/dtb/bcm2837-rpi-3-b.dtb
test_rpi_CFLAGS := -DRPI_DTB_DIR='"$(B)/rpi/dtb"'
