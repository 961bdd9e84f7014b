SHELL := /bin/bash
# One entry point. `make help` lists the targets.
#
#   make             build/kernel8.img (arm64 Image) and build/kernel.elf (symbols for GDB)
#   make qemu-run    boot it on QEMU virt, serial console on stdio
#   make test        host unit tests + in-QEMU self-tests + end-to-end checks, as TAP
#   make test-matrix every self-test suite at 128M, 256M, 1G, 2G on virt and on raspi4b
#                    (TAP, one line per configuration and suite, with times; ~30 min)

CROSS    ?= aarch64-linux-gnu-
CC       := $(CROSS)gcc
LD       := $(CROSS)ld
OBJCOPY  := $(CROSS)objcopy
NM       := $(CROSS)nm
HOSTCC   ?= gcc
B        := build

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
	    -MMD -MP
KASFLAGS := -g -D__ASSEMBLY__ -nostdinc -Iinclude -Iarch/arm64/include -march=armv8-a -MMD -MP
# boot/ C code runs with the MMU off, at whatever address the loader chose:
# PC-relative only, no unaligned accesses (Device memory), no stack canary yet.
BOOTCFLAGS := -fpie -fvisibility=hidden -mstrict-align -fno-stack-protector

KSRC_C := $(filter-out $(KSRC_EXCLUDE),$(wildcard boot/*.c arch/arm64/*/*.c mm/*.c kernel/*.c drivers/*.c lib/*.c))
KSRC_S := $(wildcard boot/*.S arch/arm64/*/*.S)
KOBJS  := $(KSRC_C:%.c=$(B)/%.o) $(KSRC_S:%.S=$(B)/%.o) $(B)/user_progs.o
include user/user.mk
KLIBS  := $(B)/arm64/usr/lib/aarch64-linux-gnu/libfdt.a $(ARCH_LIBDIR)/liblz4.a
# GCC would turn string.c's byte loops into calls to memset/memcpy, i.e. to themselves.
$(B)/lib/string.o: KCFLAGS += -fno-tree-loop-distribute-patterns
# The canary's failure handler must not be guarded by a canary.
$(B)/lib/stackprotector.o: KCFLAGS += -fno-stack-protector

.PHONY: all deps qemu-run qemu-test test test-matrix host-test qemu-gdb gdb clean help bench demo fuzz
all: $(B)/kernel8.img

# Toolchain first: everything made with the cross tools (or with anything
# else scripts/deps.sh installs) waits for `deps` (order-only: it never makes
# a file out of date). Then `make -j` cannot start a compiler that is not
# installed yet, and GCC_INC/LIBGCC are first asked after deps has run.
# (tests/e2e/makefile.t checks this with the cross compiler hidden.)
$(KOBJS) $(ULIB_OBJS) $(UCRT0) $(USER_PROGS:%=$(B)/user/%.o) $(B)/kallsyms_empty.o \
	$(B)/sysinc/.stamp: | deps

$(B)/arm64/usr/lib/aarch64-linux-gnu/libfdt.a:
	@bash scripts/deps.sh

help:
	@sed -n 's/^#   //p' Makefile
	@echo "  make deps        install missing Debian packages (make qemu-run/test do this)"
	@echo "  make qemu-test   boot with 'selftest' in bootargs; fails if any case fails"
	@echo "  make host-test   host unit tests (ASan/UBSan) only"
	@echo "  make fuzz        10^6 random system calls at 128M (FUZZ_SEED=, FUZZ_CALLS=)"
	@echo "  make qemu-gdb / make gdb   QEMU halted with a gdb stub / gdb-multiarch attached"
	@echo "  make demo        memory-pressure timeline at 128 MiB, plotted to build/pressure.png"
	@echo "  knobs: CPU=max MEM=512M EL2=1 GIC=3 BOOTARGS='...'"

deps:
	@bash scripts/deps.sh

# Debian's libfdt/liblz4 headers live in /usr/include beside the host's libc;
# expose just those files to the -nostdinc kernel build.
$(B)/sysinc/.stamp:
	@mkdir -p $(B)/sysinc
	@for h in fdt.h libfdt.h libfdt_env.h lz4.h; do ln -sf /usr/include/$$h $(B)/sysinc/$$h; done
	@touch $@

$(B)/boot/%.o: boot/%.c $(B)/sysinc/.stamp
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(KCFLAGS) $(BOOTCFLAGS) -c $< -o $@

$(B)/%.o: %.c $(B)/sysinc/.stamp
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(KCFLAGS) -c $< -o $@

$(B)/%.o: %.S
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	@$(CC) $(KASFLAGS) -c $< -o $@

# Two links: the first finds the text symbols, the second embeds them
# (kallsyms) for backtraces. The table sits after .text, so no text address moves.
$(B)/kernel.pass1.elf: $(KOBJS) $(B)/kallsyms_empty.o linker.ld
	@echo "  LD      $@"
	@$(LD) -nostdlib -T linker.ld --gc-sections --no-warn-rwx-segments -o $@ $(KOBJS) $(B)/kallsyms_empty.o $(KLIBS) $(LIBGCC)

$(B)/kallsyms_empty.o: scripts/kallsyms.sh
	@mkdir -p $(B)
	@printf '' | bash scripts/kallsyms.sh > $(B)/kallsyms_empty.S
	@$(CC) $(KASFLAGS) -c $(B)/kallsyms_empty.S -o $@

$(B)/kallsyms.o: $(B)/kernel.pass1.elf scripts/kallsyms.sh
	@echo "  KSYM    $@"
	@$(NM) -n $< | bash scripts/kallsyms.sh > $(B)/kallsyms.S
	@$(CC) $(KASFLAGS) -c $(B)/kallsyms.S -o $@

$(B)/kernel.elf: $(KOBJS) $(B)/kallsyms.o linker.ld
	@echo "  LD      $@"
	@$(LD) -nostdlib -T linker.ld --gc-sections --no-warn-rwx-segments -Map $(B)/kernel.map -o $@ $(KOBJS) $(B)/kallsyms.o $(KLIBS) $(LIBGCC)
	@cmp -s <($(NM) -n $(B)/kernel.pass1.elf | grep ' [tT] ') <($(NM) -n $@ | grep ' [tT] ') || \
		{ echo "kallsyms: text moved between passes"; exit 1; }

$(B)/kernel8.img: $(B)/kernel.elf
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

# Instructions per allocation and per free (a benchmark: it never fails on its
# numbers): the "bench" boot mode under -icount (mm/bench.c), then the same
# rounds on the host under callgrind, then reclaim at 128M..2G
# (scripts/bench-reclaim.sh). Results: docs/buddy.md, docs/slub.md, docs/reclaim.md.
bench: deps all $(B)/host/bench_mm
	@bash qemu/bench.sh
	@bash scripts/bench-host.sh $(B)/host/bench_mm
	@bash scripts/bench-reclaim.sh

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
	gdb-multiarch -q -x qemu/gdb/kernel.gdb $(B)/kernel.elf

# ---- host unit tests -----------------------------------------------------
HOSTCFLAGS := -std=gnu11 -g -O1 $(WARN) -fsanitize=address,undefined -fno-omit-frame-pointer \
	      -fno-sanitize-recover=all -DHOST_TEST -Itests/host/include -Iinclude
HOST_TESTS :=
include $(wildcard tests/host/*.mk)

define host_test_rule
$(B)/host/$(1): tests/host/$(1).c $$($(1)_SRCS) $$($(1)_DEPS) $$(wildcard include/linux/*.h tests/host/include/asm/*.h tests/host/*.h)
	@mkdir -p $(B)/host
	@echo "  HOSTCC  $$@"
	@$(HOSTCC) $(HOSTCFLAGS) $$($(1)_CFLAGS) -o $$@ tests/host/$(1).c $$($(1)_SRCS) $$($(1)_LIBS)
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
$(HOST_TESTS:%=$(B)/host/%) $(B)/host/bench_mm $(B)/host/lru-replay $(B)/dtb/virt.dtb: | deps

# The host half of `make bench`: the allocators test_slub links, built -O2 and
# without sanitizers, so that callgrind counts the code itself.
$(B)/host/bench_mm: tests/host/bench_mm.c $(test_slub_SRCS) $(wildcard include/linux/*.h tests/host/include/asm/*.h)
	@mkdir -p $(B)/host
	@echo "  HOSTCC  $@"
	@$(HOSTCC) $(filter-out -O1 -fsanitize=% -fno-sanitize-recover=%,$(HOSTCFLAGS)) -O2 \
		-o $@ tests/host/bench_mm.c $(test_slub_SRCS) $(test_slub_LIBS)

host-test: deps $(HOST_TESTS:%=$(B)/host/%)
	prove --exec '' $(HOST_TESTS:%=$(B)/host/%)

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
