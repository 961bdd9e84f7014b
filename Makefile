SHELL := /bin/bash
# One entry point. `make help` prints this list: one line per target
# (tests/e2e/help.t checks that every `make TARGET` of README.md is in it).
#
#   make              build/kernel8.img (arm64 Image) and build/kernel.elf (symbols for GDB)
#   make qemu-run     boot it on QEMU virt, serial console on stdio
#   make qemu-test    boot with 'selftest' in bootargs (256M); fails if any case fails
#   make host-test    host unit tests (ASan/UBSan) only
#   make test         host unit tests + in-QEMU self-tests + end-to-end checks, as TAP
#   make test-matrix  every self-test suite at 128M..2G on virt and on raspi4b, TAP with times (~30 min)
#   make fuzz         10^6 random system calls at 128M (FUZZ_SEED=, FUZZ_CALLS=)
#   make qemu-gdb     QEMU halted before the first instruction, gdb stub on :1234
#   make gdb          gdb-multiarch attached to make qemu-gdb, with the page-table helpers
#   make bench        instructions per operation (QEMU -icount, callgrind), reclaim at 128M..2G
#   make zram-bench-host  instructions per zram page on the host, under callgrind
#   make lru-replay   build/tools/lru-replay: a page-reference trace through the LRU policies and OPT
#   make demo         memory-pressure timeline at 128M, plotted to build/pressure.png
#   make uboot-run    the same image through Debian's U-Boot, from a virtio disk
#   make uboot-test   the self-tests through U-Boot
#   make rpi3-qemu    the Raspberry Pi path on QEMU -M raspi3b with Debian's DTB
#   make rpi3-test    the self-tests on raspi3b (960M)
#   make rpi4-qemu    the same on QEMU 10 -M raspi4b with Debian's bcm2711-rpi-4-b.dtb
#   make rpi4-test    every suite on raspi4b (960M), TAP with times
#   make rpi4-sdcard  build/rpi4-boot/ and build/rpi4-boot-uboot/: Pi 4 SD-card folders
#   make deps         install missing Debian packages (the targets above do it first)
#   make rpi-deps     unpack the Pi DTBs and U-Boot into build/rpi/
#   make qemu10-deps  unpack QEMU 10 (for raspi4b) into build/qemu10/
#   make clean        remove build/
#   make help         this list
#   knobs: SELFTEST=0 (no self-tests) BENCH=0 (no bench mode): kernel in build/noselftest/...
#          CPU=max MEM=512M EL2=1 GIC=3 BOOTARGS='...'

CROSS    ?= aarch64-linux-gnu-
CC       := $(CROSS)gcc
LD       := $(CROSS)ld
OBJCOPY  := $(CROSS)objcopy
NM       := $(CROSS)nm
HOSTCC   ?= gcc
B        := build

# Build switches, 0 or 1. SELFTEST=0 leaves the self-test suites (every
# *_test.c) and their runner (kernel/selftest.c) out of the kernel, BENCH=0
# the "bench" boot mode (bench/*.c). Their callers see stubs instead
# (include/linux/selftest.h, include/linux/bench.h: CONFIG_SELFTEST and
# CONFIG_BENCH, defined here) that say "not built in".
SELFTEST ?= 1
BENCH    ?= 1
$(foreach v,SELFTEST BENCH,$(if $(filter-out 0 1,$($(v))),$(error $(v)=$($(v)): must be 0 or 1)))
# Where the kernel's objects and images go: build/ with both switches on (as
# always), else a directory named after what is left out (build/noselftest/,
# build/nobench/, build/noselftest-nobench/). The switches change what headers
# declare, and make does not track flags, so objects of two configurations
# must never share a path. Separate directories (rather than a stamp file that
# would rebuild everything at each switch) keep both images side by side:
# `make SELFTEST=0` never touches build/kernel8.img. Host tests, user programs
# and the unpacked packages do not depend on the switches and stay in build/.
empty    :=
KVARIANT := $(subst $(empty) $(empty),-,$(strip $(if $(filter 0,$(SELFTEST)),noselftest) $(if $(filter 0,$(BENCH)),nobench)))
K        := $(B)$(if $(KVARIANT),/$(KVARIANT))
# qemu/*.sh boot $KERNEL: the image of these switches unless given.
KERNEL   ?= $(K)/kernel8.img
export KERNEL

# QEMU knobs (see qemu/run.sh): CPU=max, MEM=512M, EL2=1, GIC=3, BOOTARGS="..."
CPU      ?= cortex-a72
MEM      ?= 1G
export CPU MEM EL2 GIC BOOTARGS

ARCH_LIBDIR := /usr/lib/aarch64-linux-gnu
# What only the cross compiler knows. On a fresh machine it does not exist
# until scripts/deps.sh has run, so these are recursive (`=`), asked once on
# first use (in a recipe, after `deps`: see "Toolchain first" below) and
# never expanded when make reads this file. Keep them, and every variable
# that contains them (KCFLAGS, UCFLAGS...), out of `:=` assignments.
# Without a compiler they are empty (-isystem is then left out, not left
# dangling to swallow the next flag): `make -n` still prints sane commands.
cross_ask = $(shell command -v $(CC) > /dev/null 2>&1 && $(CC) $(1))
GCC_INC   = $(eval GCC_INC := $$(call cross_ask,-print-file-name=include))$(GCC_INC)
LIBGCC    = $(eval LIBGCC := $$(call cross_ask,-print-libgcc-file-name))$(LIBGCC)

WARN     := -Wall -Wextra -Werror -Wno-unused-parameter
KCFLAGS   = -std=gnu11 -O2 -g $(WARN) -ffreestanding -nostdinc \
	    $(addprefix -isystem ,$(GCC_INC)) -Iinclude -Iinclude/libc -Iarch/arm64/include -I$(B)/sysinc \
	    -march=armv8-a -mgeneral-regs-only -mno-outline-atomics -mcmodel=small -fno-pie \
	    -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer \
	    -fstack-protector-strong -fno-delete-null-pointer-checks -fno-common -ffunction-sections -fdata-sections \
	    -MMD -MP $(if $(filter 1,$(SELFTEST)),-DCONFIG_SELFTEST) $(if $(filter 1,$(BENCH)),-DCONFIG_BENCH)
KASFLAGS := -g -D__ASSEMBLY__ -nostdinc -Iinclude -Iarch/arm64/include -march=armv8-a -MMD -MP
# boot/ C code runs with the MMU off, at whatever address the loader chose:
# PC-relative only, no unaligned accesses (Device memory), no stack canary yet.
BOOTCFLAGS := -fpie -fvisibility=hidden -mstrict-align -fno-stack-protector

KSRC_EXCLUDE := $(if $(filter 0,$(SELFTEST)),%_test.c kernel/selftest.c lib/kunit.c)
KSRC_C := $(filter-out $(KSRC_EXCLUDE),$(wildcard boot/*.c arch/arm64/*/*.c mm/*.c kernel/*.c drivers/*.c lib/*.c \
	    $(if $(filter 1,$(BENCH)),bench/*.c)))
KSRC_S := $(wildcard boot/*.S arch/arm64/*/*.S)
KOBJS  := $(KSRC_C:%.c=$(K)/%.o) $(KSRC_S:%.S=$(K)/%.o) $(B)/user_progs.o
include user/user.mk
KLIBS  := $(B)/arm64/usr/lib/aarch64-linux-gnu/libfdt.a $(ARCH_LIBDIR)/liblz4.a
# GCC would turn string.c's byte loops into calls to memset/memcpy, i.e. to themselves.
$(K)/lib/string.o: KCFLAGS += -fno-tree-loop-distribute-patterns
# The canary's failure handler must not be guarded by a canary.
$(K)/lib/stackprotector.o: KCFLAGS += -fno-stack-protector
# No code uses enum lx_constants (the gdb helpers' constants): keep it in the debug info anyway.
$(K)/kernel/gdb_constants.o: KCFLAGS += -fno-eliminate-unused-debug-types

.PHONY: all deps qemu-run qemu-test test test-matrix host-test qemu-gdb gdb clean help bench demo fuzz
all: $(K)/kernel8.img

# Toolchain first: everything made with the cross tools (or with anything
# else scripts/deps.sh installs) waits for `deps` (order-only: it never makes
# a file out of date). Then `make -j` cannot start a compiler that is not
# installed yet, and GCC_INC/LIBGCC are first asked after deps has run.
# (tests/e2e/makefile.t checks this with the cross compiler hidden.)
$(KOBJS) $(ULIB_OBJS) $(UCRT0) $(USER_PROGS:%=$(B)/user/%.o) $(K)/kallsyms_empty.o \
	$(B)/sysinc/.stamp: | deps

$(B)/arm64/usr/lib/aarch64-linux-gnu/libfdt.a:
	@bash scripts/deps.sh

# The list at the top of this file, up to its first blank line.
help:
	@sed -n '1,/^$$/s/^#   //p' Makefile

deps:
	@bash scripts/deps.sh

# Debian's libfdt/liblz4 headers live in /usr/include beside the host's libc;
# expose just those files to the -nostdinc kernel build.
$(B)/sysinc/.stamp:
	@mkdir -p $(B)/sysinc
	@for h in fdt.h libfdt.h libfdt_env.h lz4.h; do ln -sf /usr/include/$$h $(B)/sysinc/$$h; done
	@touch $@

$(K)/boot/%.o: boot/%.c $(B)/sysinc/.stamp
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(KCFLAGS) $(BOOTCFLAGS) -c $< -o $@

$(K)/%.o: %.c $(B)/sysinc/.stamp
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(KCFLAGS) -c $< -o $@

$(K)/%.o: %.S
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	@$(CC) $(KASFLAGS) -c $< -o $@

# Two links: the first finds the text symbols, the second embeds them
# (kallsyms) for backtraces. The table sits after .text, so no text address moves.
$(K)/kernel.pass1.elf: $(KOBJS) $(K)/kallsyms_empty.o linker.ld
	@echo "  LD      $@"
	@$(LD) -nostdlib -T linker.ld --gc-sections --no-warn-rwx-segments -o $@ $(KOBJS) $(K)/kallsyms_empty.o $(KLIBS) $(LIBGCC)

$(K)/kallsyms_empty.o: scripts/kallsyms.sh
	@mkdir -p $(K)
	@printf '' | bash scripts/kallsyms.sh > $(K)/kallsyms_empty.S
	@$(CC) $(KASFLAGS) -c $(K)/kallsyms_empty.S -o $@

$(K)/kallsyms.o: $(K)/kernel.pass1.elf scripts/kallsyms.sh
	@echo "  KSYM    $@"
	@$(NM) -n $< | bash scripts/kallsyms.sh > $(K)/kallsyms.S
	@$(CC) $(KASFLAGS) -c $(K)/kallsyms.S -o $@

$(K)/kernel.elf: $(KOBJS) $(K)/kallsyms.o linker.ld
	@echo "  LD      $@"
	@$(LD) -nostdlib -T linker.ld --gc-sections --no-warn-rwx-segments -Map $(K)/kernel.map -o $@ $(KOBJS) $(K)/kallsyms.o $(KLIBS) $(LIBGCC)
	@cmp -s <($(NM) -n $(K)/kernel.pass1.elf | grep ' [tT] ') <($(NM) -n $@ | grep ' [tT] ') || \
		{ echo "kallsyms: text moved between passes"; exit 1; }

$(K)/kernel8.img: $(K)/kernel.elf
	@$(OBJCOPY) -O binary $< $@
	@echo "  IMAGE   $@ ($$(stat -c %s $@) bytes)"

# ---- running -------------------------------------------------------------
qemu-run: deps all
	@bash qemu/run.sh

# The pressure demo: boot with 128 MiB (unless MEM is given), run the shell's
# `pressure` command (PRESSURE="MIB MS" to size it), keep the timeline in
# build/pressure.txt and plot it to build/pressure.png with Debian's matplotlib
# (`deps`, i.e. scripts/deps.sh, installs python3-matplotlib; Debian's python3,
# not another one on PATH; recursive, so that the wildcard looks after `deps`
# has installed python3).
PLOT_PY  = $(firstword $(wildcard /usr/bin/python3) python3)
demo: MEM := $(if $(filter command line environment,$(origin MEM)),$(MEM),128M)
demo: deps all
	@printf 'pressure $(PRESSURE)\npoweroff\n' | MEM=$(MEM) timeout 600 bash qemu/run.sh | tr -d '\r' > $(B)/pressure.log
	@grep '^pressure:' $(B)/pressure.log > $(B)/pressure.txt || { cat $(B)/pressure.log; exit 1; }
	@$(PLOT_PY) scripts/plot-pressure.py $(B)/pressure.txt -o $(B)/pressure.png

# 256 MiB unless MEM is given: the reclaim suites fill RAM and swap, and a
# smaller RAM keeps them short.
qemu-test: MEM := $(if $(filter command line environment,$(origin MEM)),$(MEM),256M)
qemu-test: deps all
	@MEM=$(MEM) bash qemu/selftest.sh

# 10^6 random system calls from four user tasks at 128M, where reclaim, swap
# and the OOM killer run under them (user/fuzz.c; the fuzz suite,
# kernel/fuzz_test.c, checks that every page and swap slot comes back).
# make test runs the same suite with 10^5 calls. FUZZ_SEED picks the seeds.
FUZZ_CALLS ?= 1000000
FUZZ_SEED ?= 1
fuzz: deps all
	@MEM=128M ICOUNT=0 TIMEOUT=1800 \
		BOOTARGS="selftest=fuzz fuzz.calls=$(FUZZ_CALLS) fuzz.seed=$(FUZZ_SEED)" bash qemu/selftest.sh

qemu-gdb: deps all
	@echo "QEMU halted before the first instruction, gdb stub on :1234: 'make gdb' in another terminal (docs/gdb.md)"
	@bash qemu/run.sh -S -s

gdb: deps
	gdb-multiarch -q -x qemu/gdb/kernel.gdb $(K)/kernel.elf

# ---- host unit tests -----------------------------------------------------
# Every host test sees the host stand-ins (tests/host/include/asm) first and
# arch/arm64/include after the host's own headers: the arm64 headers that
# only declare or compute (asm/pgtable.h, asm/sysreg.h...) are used as they
# are. Each test's objects go to build/host/obj/TEST/ (its _CFLAGS apply to
# all of them) with -MMD -MP dependency files, so that editing any header
# rebuilds what includes it.
HOSTCFLAGS := -std=gnu11 -g -O1 $(WARN) -fsanitize=address,undefined -fno-omit-frame-pointer \
	      -fno-sanitize-recover=all -DHOST_TEST -Itests/host/include -Iinclude \
	      -idirafter arch/arm64/include
HOSTLDFLAGS := -fsanitize=address,undefined
HOST_TESTS :=
include tests/host/srcs.mk
include $(filter-out tests/host/srcs.mk,$(wildcard tests/host/*.mk))
# Host programs that are tools, not tests (tools/README.md): `make lru-replay`.
include $(wildcard tools/*/*.mk)

define host_test_rule
$(1)_OBJS := $$(patsubst %.c,$(B)/host/obj/$(1)/%.o,tests/host/$(1).c $$($(1)_SRCS))
$$($(1)_OBJS): $(B)/host/obj/$(1)/%.o: %.c
	@mkdir -p $$(dir $$@)
	@echo "  HOSTCC  $$< ($(1))"
	@$(HOSTCC) $$(HOSTCFLAGS) $$($(1)_CFLAGS) -MMD -MP -c $$< -o $$@
$(B)/host/$(1): $$($(1)_OBJS) $$($(1)_DEPS)
	@echo "  HOSTLD  $$@"
	@$(HOSTCC) $(HOSTLDFLAGS) -o $$@ $$($(1)_OBJS) $$($(1)_LIBS)
-include $$($(1)_OBJS:.o=.d)
endef

# Device trees for host tests: QEMU's own (dumped), derived ones, and tests/host/dts/*.dts.
$(B)/dtb/virt.dtb:
	@mkdir -p $(B)/dtb
	@qemu-system-aarch64 -M virt,dumpdtb=$@ -cpu cortex-a72 -m 1G -nographic -nic none >/dev/null 2>&1
$(B)/dtb/virt-nomem.dtb: $(B)/dtb/virt.dtb
	@dtc -q -I dtb -O dts $< | awk '/^\tmemory@/{skip=1} skip&&/^\t};/{skip=0;next} !skip' | dtc -q -I dts -O dtb -o $@ -
$(B)/dtb/%.dtb: tests/host/dts/%.dts
	@mkdir -p $(B)/dtb
	@dtc -q -I dts -O dtb -o $@ $<
$(foreach t,$(HOST_TESTS),$(eval $(call host_test_rule,$(t))))
# gcc, qemu, dtc and the host libraries come from scripts/deps.sh too.
$(HOST_TESTS:%=$(B)/host/%) $(foreach t,$(HOST_TESTS),$($(t)_OBJS)) $(B)/host/bench_mm \
	$(B)/dtb/virt.dtb: | deps

# make bench, its host program and scripts (bench/README.md).
include bench/bench.mk

host-test: deps $(HOST_TESTS:%=$(B)/host/%)
	prove --exec 'bash tests/host/ktap-flat.sh' $(HOST_TESTS:%=$(B)/host/%)

# ---- everything ----------------------------------------------------------
test: deps all $(HOST_TESTS:%=$(B)/host/%)
	@bash tests/run-all.sh $(HOST_TESTS:%=$(B)/host/%)

# Every self-test suite on every configuration of tests/matrix/ (smallest
# first), one TAP line per (configuration, suite) with its time; the tables
# of times are printed at the end (build/matrix/selftest-*.txt).
MATRIX := virt-128M virt-256M virt-1G virt-2G raspi4b-960M
test-matrix: deps all
	@bash tests/run-matrix.sh $(MATRIX:%=tests/matrix/%.t)

clean:
	rm -rf $(B)

-include $(KOBJS:.o=.d)

# ---- boot paths: U-Boot and Raspberry Pi (issue 7) ----
# The same build/kernel8.img, unchanged, through every boot path:
#   make uboot-run / uboot-test   QEMU virt + Debian's U-Boot, from a virtio disk
#                                 (MBR + FAT + boot.scr); EL2=1 GIC=3 apply
#   make rpi3-qemu / rpi3-test    QEMU -M raspi3b + Debian's bcm2837-rpi-3-b.dtb
#                                 (CONSOLE=pl011, UBOOT=1: see qemu/rpi3.sh)
#   make rpi4-qemu / rpi4-test    QEMU 10 -M raspi4b + Debian's bcm2711-rpi-4-b.dtb
#                                 (rpi4-test: every suite, TAP; qemu/rpi4.sh)
#   make rpi4-sdcard              build/rpi4-boot/ and build/rpi4-boot-uboot/
# The Pi DTBs and u-boot-rpi come from Debian arm64 packages unpacked into
# build/rpi/ by `scripts/deps.sh rpi` (apt-get download + dpkg -x, no install);
# QEMU 10 (the system's 7.2 has no raspi4b) from bookworm-backports into
# build/qemu10/ by `scripts/deps.sh qemu10` (the same, with a private apt
# configuration: the system's QEMU and apt sources are left alone).
.PHONY: rpi-deps qemu10-deps uboot-run uboot-test rpi3-qemu rpi3-test rpi4-qemu rpi4-test rpi4-sdcard
$(B)/rpi/dtb/%.dtb:
	@bash scripts/deps.sh rpi
$(B)/rpi/u-boot/%/u-boot.bin:
	@bash scripts/deps.sh rpi
rpi-deps: deps
	@bash scripts/deps.sh rpi

uboot-run: deps all
	@bash qemu/uboot.sh

uboot-test: deps all
	@RUNNER=qemu/uboot.sh bash qemu/selftest.sh

rpi3-qemu: rpi-deps all
	@bash qemu/rpi3.sh

# QEMU's raspi3b always has 1 GiB, of which it gives 960 MiB to /memory.
rpi3-test: rpi-deps all
	@RUNNER=qemu/rpi3.sh MEM=960M bash qemu/selftest.sh

rpi4-sdcard: rpi-deps all
	@bash scripts/rpi4-sdcard.sh

qemu10-deps: deps
	@bash scripts/deps.sh qemu10

# The mini UART console on this terminal; `poweroff` halts the Pi (no PSCI
# off there), then Ctrl-A X leaves QEMU.
rpi4-qemu: rpi-deps qemu10-deps all
	@bash qemu/rpi4.sh

# Every suite on raspi4b (960 MiB), one TAP line per suite with its time.
rpi4-test: rpi-deps qemu10-deps all
	@prove -v --timer --exec '' tests/matrix/raspi4b-960M.t
