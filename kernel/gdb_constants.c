/*
 * The kernel's #define constants as the GDB helpers (the Python in
 * qemu/gdb/) read them. The debug info (-g) has no #defines, but it has
 * enumerators:
 * each LX_VALUE(NAME) below becomes the enumerator LX_NAME of
 * enum lx_constants, with NAME's value from the kernel's own header, and
 * qemu/gdb/constants.py reads the whole enum from build/kernel.elf.
 * Enumerators are compile-time constants in the debug info, with no
 * storage: gdb reads them from the ELF file, so the helpers have them
 * before the MMU is on, and nothing here takes space in the Image. Two
 * things would drop the enum, and are turned off for it: GCC leaves out
 * types no code uses (the Makefile builds this file with
 * -fno-eliminate-unused-debug-types), and ld --gc-sections drops the debug
 * info of an object none of whose sections it keeps (lx_constants_keep).
 *
 * Linux does the same job with scripts/gdb/linux/constants.py.in, which
 * the build preprocesses with the kernel's headers into constants.py
 * (its LX_VALUE/LX_GDBPARSED). The kernel's own enums (enum task_state,
 * enum zone_watermarks, lru_gen's enum lru_gen_limits) are in the debug
 * info already, so they are not repeated here.
 *
 * To give a helper a new constant: add LX_VALUE(NAME) here (with the
 * header that defines it), and read it in the helper as K.NAME.
 * tests/e2e/gdb.t fails if a name the helpers use is not here.
 */
#include <linux/compiler.h>
#include <linux/sched.h>
#include <asm/memory.h>
#include <asm/pgtable-hwdef.h>
#include <asm/pgtable.h>
#include <asm/sysreg.h>

#define LX_VALUE(name)	LX_##name = (name)

/*
 * Some values do not fit in an int: GCC then gives the enum a 64-bit
 * type (a GNU extension, as are values above INT_MAX; -std=gnu11).
 */
enum lx_constants {
	/* asm/memory.h: the memory layout */
	LX_VALUE(PAGE_SHIFT),
	LX_VALUE(PAGE_SIZE),
	LX_VALUE(VA_BITS),
	LX_VALUE(PAGE_OFFSET),
	LX_VALUE(KIMAGE_VADDR),
	LX_VALUE(FDT_VIRT),
	LX_VALUE(FIXMAP_START),
	LX_VALUE(FIXMAP_SIZE),

	/* asm/pgtable-hwdef.h: translation tables and descriptor bits */
	LX_VALUE(PTRS_PER_TABLE),
	LX_VALUE(PGDIR_SHIFT),
	LX_VALUE(PUD_SHIFT),
	LX_VALUE(PMD_SHIFT),
	LX_VALUE(PTE_SHIFT),
	LX_VALUE(PTE_VALID),
	LX_VALUE(PTE_TABLE_BIT),
	LX_VALUE(PTE_TYPE_MASK),
	LX_VALUE(PTE_TYPE_TABLE),
	LX_VALUE(PTE_TYPE_BLOCK),
	LX_VALUE(PTE_ATTRINDX_MASK),
	LX_VALUE(PTE_NS),
	LX_VALUE(PTE_USER),
	LX_VALUE(PTE_RDONLY),
	LX_VALUE(PTE_SHARED),
	LX_VALUE(PTE_AF),
	LX_VALUE(PTE_NG),
	LX_VALUE(PTE_DBM),
	LX_VALUE(PTE_CONT),
	LX_VALUE(PTE_PXN),
	LX_VALUE(PTE_UXN),
	LX_VALUE(PTE_ADDR_MASK),

	/* asm/pgtable.h: software bits and swap entries */
	LX_VALUE(PTE_DIRTY),
	LX_VALUE(PTE_SPECIAL),
	LX_VALUE(PTE_SWP_BIT),
	LX_VALUE(PTE_PROT_NONE),
	LX_VALUE(__SWP_TYPE_SHIFT),
	LX_VALUE(__SWP_TYPE_MASK),
	LX_VALUE(__SWP_OFFSET_SHIFT),
	LX_VALUE(__SWP_OFFSET_MASK),

	/* asm/sysreg.h: MAIR indices, TCR_EL1, TTBR, SCTLR_EL1, PSTATE */
	LX_VALUE(MT_NORMAL),
	LX_VALUE(MT_NORMAL_NC),
	LX_VALUE(MT_DEVICE_nGnRnE),
	LX_VALUE(MT_DEVICE_nGnRE),
	LX_VALUE(TCR_TG0_4K),
	LX_VALUE(TCR_TG1_4K),
	LX_VALUE(TCR_A1),
	LX_VALUE(TCR_AS),
	LX_VALUE(TTBR_ASID_SHIFT),
	LX_VALUE(SCTLR_EL1_M),
	LX_VALUE(PSR_PAN_BIT),

	/* linux/sched.h: task flags */
	LX_VALUE(PF_KTHREAD),
};

/* An empty section linker.ld keeps: with it, ld keeps this file's debug info. */
static const char lx_constants_keep[0] __used __section(".gdb_constants");
