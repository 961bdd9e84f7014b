HOST_TESTS += test_of
test_of_SRCS := drivers/of.c drivers/of_fdt.c tests/host/host_shim.c
test_of_LIBS := -lfdt
test_of_DEPS := $(B)/dtb/virt.dtb $(B)/dtb/buses.dtb $(B)/dtb/virt-nomem.dtb
test_of_CFLAGS := -DDTB_DIR='"$(B)/dtb"'
