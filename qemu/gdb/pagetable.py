"""Page tables from gdb: pt-walk and ptdump.

The same walk the MMU does (and mm/pgtable_walk.c pt_walk does in the
kernel), but from outside: the root comes from the live TTBR0_EL1/TTBR1_EL1
(or one you give), each table is read by physical address, and every level
is printed the way the kernel's `pagewalk` prints it, so the two can be put
side by side; below each leaf, the attributes are decoded field by field
(ARM ARM D8.3 "Translation table descriptor formats", D8.4 "Memory access
control", D8.5 "Memory region attributes").

    (gdb) pt-walk 0xffff000040000000       # TTBR1 (kernel half)
    (gdb) pt-walk 0x400000                 # TTBR0 (user half): whoever ran last
    (gdb) pt-walk 0x400000 0x7e99a000      # another tree (see `tasks` for each mm's TTBR)
    (gdb) ptdump                           # kernel tree, like the shell's ptdump
    (gdb) ptdump user [TTBR]               # a user tree
"""

import gdb
import target
from target import KernelError, MASK64, PAGE_SIZE, read_table, sysreg, u64

PTRS_PER_TABLE = 512
LEVEL_SHIFT = [39, 30, 21, 12]                       # L0..L3 (4 KiB granule)
TABLE_NAME = ["pgd", "pud", "pmd", "pte"]            # Linux's names for ARM's L0..L3
LEVEL_NAME = ["PGD", "PUD", "PMD", "PTE"]            # as ptdump prints them

# Descriptor bits (arch/arm64/include/asm/pgtable-hwdef.h, asm/pgtable.h).
PTE_VALID = 1 << 0
PTE_TABLE_BIT = 1 << 1
PTE_TYPE_MASK = 3
PTE_ATTRINDX_MASK = 7 << 2
PTE_NS = 1 << 5
PTE_USER = 1 << 6           # AP[1]
PTE_RDONLY = 1 << 7         # AP[2]
PTE_SHARED = 3 << 8
PTE_AF = 1 << 10
PTE_NG = 1 << 11
PTE_DBM = 1 << 51           # = PTE_WRITE
PTE_CONT = 1 << 52
PTE_PXN = 1 << 53
PTE_UXN = 1 << 54
PTE_DIRTY = 1 << 55         # software bits [58:55]
PTE_SPECIAL = 1 << 56
PTE_SWP_BIT = 1 << 57
PTE_ADDR_MASK = 0x0000fffffffff000

# MAIR_EL1 indices the kernel uses (asm/sysreg.h) and the names pte_decode gives them.
ATTR_NAME = {0: "NORMAL", 2: "NORMAL-NC", 3: "DEVICE-nGnRnE", 4: "DEVICE-nGnRE"}

TTBR_BADDR_MASK = 0x0000fffffffffffe    # BADDR[47:1]; [63:48] ASID, [0] CnP


def is_table(desc):
    return desc & PTE_TYPE_MASK == 3


def is_block(desc):
    return desc & PTE_TYPE_MASK == 1


# ---- TCR_EL1 and the two halves --------------------------------------------

class Regime:
    """What TCR_EL1 says about one half of the address space."""

    def __init__(self, half, tcr):
        self.half = half                                   # 0 = TTBR0, 1 = TTBR1
        self.tsz = (tcr >> (16 * half)) & 0x3f             # T0SZ [5:0], T1SZ [21:16]
        tg = (tcr >> (14 if half == 0 else 30)) & 3
        self.granule_4k = (tg == 0) if half == 0 else (tg == 2)
        if self.tsz == 0:                                  # MMU not set up yet: assume ours
            self.tsz = 16
        self.va_bits = 64 - self.tsz
        # With a 4 KiB granule each level resolves 9 bits above the 12-bit offset.
        self.start_level = 4 - (self.va_bits - 12 + 8) // 9
        self.top_bits = self.va_bits - LEVEL_SHIFT[self.start_level]

    def index(self, va, level):
        bits = self.top_bits if level == self.start_level else 9
        return (va >> LEVEL_SHIFT[level]) & ((1 << bits) - 1)

    def describe(self):
        return "T%dSZ=%d: %d-bit VA, %d levels from L%d%s" % (
            self.half, self.tsz, self.va_bits, 4 - self.start_level, self.start_level,
            "" if self.granule_4k else " (TCR says the granule is not 4 KiB: decoded as 4 KiB anyway)")


def regime(half):
    try:
        tcr = sysreg("TCR_EL1")
    except KernelError:
        tcr = 0
    return Regime(half, tcr)


def half_of(va):
    """0 for a TTBR0 address, 1 for a TTBR1 address, None if in neither (not canonical)."""
    r0, r1 = regime(0), regime(1)
    if va >> r0.va_bits == 0:
        return 0
    if va >> r1.va_bits == (MASK64 >> r1.va_bits):
        return 1
    return None


def live_ttbr(half):
    return sysreg("TTBR%d_EL1" % half)


def parse_value(text):
    """A command argument: any gdb expression ($TTBR0_EL1, &start_kernel, 0x400000)."""
    try:
        return int(gdb.parse_and_eval(text)) & MASK64
    except gdb.error as e:
        raise gdb.GdbError("cannot evaluate '%s': %s" % (text, e))


# ---- one descriptor ------------------------------------------------------------

def pte_decode(desc, level):
    """The kernel's pte_decode() (mm/pgtable_walk.c), word for word."""
    if not desc & PTE_VALID:
        if desc == 0:
            return "none"
        if level == 3 and desc & PTE_SWP_BIT:
            typ = (desc >> 2) & 0x3f
            off = (desc >> 8) & ((1 << 49) - 1)
            return "SWAP type=%d offset=%d" % (typ, off)
        return "INVALID"
    if level < 3 and is_table(desc):
        return "TABLE -> 0x%x" % (desc & PTE_ADDR_MASK)
    if level == 0 or (level == 3 and not is_table(desc)):
        return "RESERVED"
    w = ["PAGE" if level == 3 else "BLOCK(2M)" if level == 2 else "BLOCK(1G)"]
    if desc & PTE_USER:
        w.append("USER")
    w.append("RO" if desc & PTE_RDONLY else "RW")
    if desc & PTE_PXN:
        w.append("PXN")
    if desc & PTE_UXN:
        w.append("UXN")
    if desc & PTE_AF:
        w.append("AF")
    if desc & PTE_NG:
        w.append("nG")
    w.append(["SH=NS", "SH=?", "SH=OS", "SH=IS"][(desc >> 8) & 3])
    idx = (desc & PTE_ATTRINDX_MASK) >> 2
    w.append("ATTR=%d(%s)" % (idx, ATTR_NAME.get(idx, "?")))
    for bit, name in ((PTE_DBM, "DBM"), (PTE_CONT, "CONT"), (PTE_DIRTY, "DIRTY"),
                      (PTE_SPECIAL, "SPECIAL")):
        if desc & bit:
            w.append(name)
    return " ".join(w)


def mair_decode(attr):
    """One MAIR_EL1 byte (ARM ARM D17.2.97 MAIR_EL1)."""
    if attr >> 4 == 0:
        dev = {0: "nGnRnE", 1: "nGnRE", 2: "nGRE", 3: "GRE"}.get((attr >> 2) & 3)
        return "Device-%s" % dev if attr & 3 == 0 else "Device (UNPREDICTABLE low bits)"

    def half(h):
        if h == 0b0100:
            return "Non-cacheable"
        if h >> 2 == 0:
            base = "Write-Through transient"
        elif h >> 2 == 1:
            base = "Write-Back transient"
        elif h >> 2 == 2:
            base = "Write-Through"
        else:
            base = "Write-Back"
        alloc = ("R" if h & 2 else "") + ("W" if h & 1 else "")
        return base + (" %s-allocate" % alloc if alloc else " no-allocate")

    return "Normal, Outer %s, Inner %s" % (half(attr >> 4), half(attr & 0xf))


def leaf_details(desc):
    """The attribute fields of a page or block descriptor, one per item, decoded."""
    try:
        mair = sysreg("MAIR_EL1")
    except KernelError:
        mair = None
    idx = (desc & PTE_ATTRINDX_MASK) >> 2
    ap = (desc >> 6) & 3
    el1 = "read-only" if ap & 2 else "read/write"
    el0 = ("none", "read/write", "none", "read-only")[ap]
    sh = (desc >> 8) & 3
    if mair is None:
        attr = "AttrIndx %d" % idx
    else:
        byte = (mair >> (8 * idx)) & 0xff
        attr = "AttrIndx %d -> MAIR_EL1.Attr%d = 0x%02x: %s" % (idx, idx, byte, mair_decode(byte))
    sw = (desc >> 55) & 0xf
    swn = [n for b, n in ((0, "DIRTY"), (1, "SPECIAL"), (2, "SWP"), (3, "58")) if sw >> b & 1]
    lines = [
        attr,
        "AP[2:1] 0b%d%d: EL1 %s, EL0 %s   SH 0b%d%d %s   NS %d" % (
            ap >> 1, ap & 1, el1, el0, sh >> 1, sh & 1,
            ("Non-shareable", "(reserved)", "Outer Shareable", "Inner Shareable")[sh],
            (desc >> 5) & 1),
        "AF %d%s   nG %d (%s)" % (
            (desc >> 10) & 1, "" if desc & PTE_AF else " (first access faults, unless TCR_EL1.HA)",
            (desc >> 11) & 1, "ASID-tagged" if desc & PTE_NG else "global"),
        "PXN %d  UXN %d (EL1 %s, EL0 %s)   DBM %d   Contiguous %d   SW[58:55] 0b%s%s" % (
            (desc >> 53) & 1, (desc >> 54) & 1,
            "no exec" if desc & PTE_PXN else "exec",
            "no exec" if desc & PTE_UXN else "exec",
            (desc >> 51) & 1, (desc >> 52) & 1, format(sw, "04b"),
            " (" + " ".join(swn) + ")" if swn else ""),
    ]
    return lines


def table_details(desc):
    """APTable/UXNTable/PXNTable/NSTable of a table descriptor, if any is set."""
    hi = desc >> 59
    if not hi:
        return []
    return ["table attributes: NSTable %d APTable 0b%d%d UXNTable %d PXNTable %d" % (
        hi >> 4 & 1, hi >> 3 & 1, hi >> 2 & 1, hi >> 1 & 1, hi & 1)]


# ---- the walk ------------------------------------------------------------------

class Walk:
    """Result of walking one VA: per level (level, index, entry address, descriptor)."""

    def __init__(self):
        self.steps = []
        self.valid = False
        self.pa = None
        self.block_level = -1


def pt_walk(root, va, reg):
    """Walk va from the table at physical address root, as mm/pgtable_walk.c pt_walk."""
    w = Walk()
    table = root
    for level in range(reg.start_level, 4):
        idx = reg.index(va, level)
        desc = read_table(table)[idx]
        w.steps.append((level, idx, table + idx * 8, desc))
        if not desc & PTE_VALID:
            return w
        if level == 3 or is_block(desc):
            size = 1 << LEVEL_SHIFT[level]
            if level == 0 or (level == 3 and not is_table(desc)):
                return w
            w.valid = True
            w.block_level = level
            w.pa = (desc & PTE_ADDR_MASK & ~(size - 1)) | (va & (size - 1))
            return w
        table = desc & PTE_ADDR_MASK
    return w


def hw_translate(va):
    """QEMU's own translation with the CPU's current registers (HMP gva2gpa), or None."""
    try:
        out = gdb.execute("monitor gva2gpa 0x%x" % va, to_string=True).strip()
    except gdb.error:
        return None
    if out.startswith("gpa:"):
        return int(out.split(":", 1)[1], 16)
    return out or None


def hw_check(va, w):
    """Compare a walk of the live tree with QEMU's own translation.

    gva2gpa translates like a load by the CPU in its current state, with
    that exception level's permissions: stopped at EL0, kernel pages are
    "Unmapped" to it; at EL1 with PSTATE.PAN set, user pages are."""
    hw = hw_translate(va)
    if hw is None:
        return []
    if isinstance(hw, int):
        verdict = "agrees" if w.valid and hw == w.pa else "DIFFERS"
        return ["  QEMU's MMU (monitor gva2gpa): pa 0x%x (%s)" % (hw, verdict)]
    if not w.valid:
        return ["  QEMU's MMU (monitor gva2gpa): %s (agrees)" % hw]
    leaf = w.steps[-1][3]
    el = target.current_el()
    pan = (target.sysreg("cpsr") >> 22) & 1
    if el == 0 and not leaf & PTE_USER:
        why = "the CPU is at EL0 and this page is EL1-only: gva2gpa checks EL0's permissions"
    elif el == 1 and pan and leaf & PTE_USER:
        why = "PSTATE.PAN is set: gva2gpa, like an EL1 load, may not touch user pages"
    else:
        why = None
    if why:
        return ["  QEMU's MMU (monitor gva2gpa): %s (not comparable: %s)" % (hw, why)]
    return ["  QEMU's MMU (monitor gva2gpa): %s (DIFFERS)" % hw]


class PtWalkCommand(gdb.Command):
    """Walk one virtual address through the translation tables: pt-walk VA [TTBR]

Prints each level's index, the entry's physical address and descriptor (in
the format of the kernel's `pagewalk` shell command), the decoded
attributes of the page or block (AttrIndx and its MAIR_EL1 byte, AP, SH,
AF, nG, PXN/UXN, DBM, Contiguous, software bits) and the output address.
TTBR defaults to the live TTBR0_EL1 for a user address (VA < 2^48) and
TTBR1_EL1 for a kernel one; its ASID bits [63:48] are ignored. VA and TTBR
are gdb expressions ($TTBR0_EL1, a symbol's address, ...). When the walk
uses the live register, QEMU's own translation (monitor gva2gpa) is shown
as a cross-check."""

    def __init__(self):
        super().__init__("pt-walk", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        argv = gdb.string_to_argv(arg)
        if not argv or len(argv) > 2:
            raise gdb.GdbError("usage: pt-walk VA [TTBR]")
        vals = [parse_value(a) for a in argv]      # before any physical-mode read
        target.run_command(lambda: self.run(*vals))

    def run(self, va, ttbr=None):
        half = half_of(va)
        if ttbr is not None:
            if half is None:
                half = 0
            # Given the tree the CPU uses for this half now? Then QEMU can cross-check.
            live = live_ttbr(half) & TTBR_BADDR_MASK == ttbr & TTBR_BADDR_MASK
            name = "TTBR (given%s)" % (", = live TTBR%d_EL1" % half if live else "")
        else:
            if half is None:
                raise KernelError("0x%x is in neither half (not canonical): the MMU faults" % va)
            ttbr = live_ttbr(half)
            name = "TTBR%d_EL1" % half
            live = True
            if not ttbr & TTBR_BADDR_MASK:
                raise KernelError("%s is 0: no translation tables yet (give a TTBR to walk "
                                  "tables in memory anyway)" % name)
        reg = regime(half)
        root = ttbr & TTBR_BADDR_MASK
        out = []
        out.append("%s = 0x%016x: ASID %d, root table at 0x%x (%s)" % (
            name, ttbr, ttbr >> 48, root, reg.describe()))
        mmu = target.mmu_enabled()
        out.append("%s%s" % ("" if mmu else "MMU off (SCTLR_EL1.M = 0): the CPU does not translate now; ",
                             target.describe_access()))
        w = pt_walk(root, va, reg)
        out.append("walk 0x%016x:" % va)
        for level, idx, entry, desc in w.steps:
            out.append("  L%d %s[%3d] @0x%09x = 0x%016x  %s" % (
                level, TABLE_NAME[level], idx, entry, desc, pte_decode(desc, level)))
            if desc & PTE_VALID and level < 3 and is_table(desc):
                out.extend("        " + s for s in table_details(desc))
            elif desc & PTE_VALID and level > 0 and not (level == 3 and not is_table(desc)):
                out.extend("        " + s for s in leaf_details(desc))
        if w.valid:
            out.append("  -> pa 0x%x (%s)" % (w.pa, {3: "4K page", 2: "2M block", 1: "1G block"}[w.block_level]))
        else:
            out.append("  -> translation fault at level %d" % w.steps[-1][0])
        if live and mmu:
            out.extend(hw_check(va, w))
        gdb.write("\n".join(out) + "\n")


# ---- ptdump --------------------------------------------------------------------

# Linux's pte_bits[] (arch/arm64/mm/ptdump.c), as mm/pgtable_walk.c prints them.
PTE_BITS = [
    (PTE_VALID, PTE_VALID, " ", "F"),
    (PTE_USER, PTE_USER, "USR", "   "),
    (PTE_RDONLY, PTE_RDONLY, "ro", "RW"),
    (PTE_PXN, PTE_PXN, "NX", "x "),
    (PTE_SHARED, PTE_SHARED, "SHD", "   "),
    (PTE_AF, PTE_AF, "AF", "  "),
    (PTE_NG, PTE_NG, "NG", "  "),
    (PTE_CONT, PTE_CONT, "CON", "   "),
    (PTE_TABLE_BIT, PTE_TABLE_BIT, "   ", "BLK"),
    (PTE_UXN, PTE_UXN, "UXN", "   "),
    (PTE_ATTRINDX_MASK, 3 << 2, "DEVICE/nGnRnE", None),
    (PTE_ATTRINDX_MASK, 4 << 2, "DEVICE/nGnRE", None),
    (PTE_ATTRINDX_MASK, 2 << 2, "MEM/NORMAL-NC", None),
    (PTE_ATTRINDX_MASK, 0 << 2, "MEM/NORMAL", None),
]
PTDUMP_PROT_MASK = (PTE_VALID | PTE_USER | PTE_RDONLY | PTE_PXN | PTE_SHARED | PTE_AF |
                    PTE_NG | PTE_CONT | PTE_TABLE_BIT | PTE_UXN | PTE_ATTRINDX_MASK)

# arch/arm64/mm/ptdump.c kernel_markers[], if gdb cannot read them from the kernel.
DEFAULT_MARKERS = [
    (0xffff000000000000, "Linear Mapping start"),
    (0xffff800000000000, "Kernel Image start"),
    (0xffff800040000000, "Device Tree"),
    (0xffff800080000000, "Fixmap (ioremap) start"),
    (0xffff800080200000, "Fixmap end"),
]


def kernel_markers():
    """arch/arm64/mm/ptdump.c kernel_markers[], read from the kernel when possible."""
    try:
        arr = target.symbol("'ptdump.c'::kernel_markers")
    except KernelError:
        return DEFAULT_MARKERS
    out = []
    for i in range(arr.type.range()[1] + 1):
        m = arr[i]
        if int(m["name"]) == 0:
            break
        out.append((u64(m["start_address"]), target.cstring(m["name"])))
    return out


class Ptdump:
    """mm/pgtable_walk.c ptdump_walk, in Python: same merging, same lines."""

    def __init__(self, reg, markers):
        self.reg = reg
        self.markers = markers
        self.mi = 0
        self.level = -1
        self.start = self.end = self.prot = 0
        self.lines = []

    def dump_range(self):
        if self.level < 0:
            return
        delta = ((self.end - self.start) & MASK64) >> 10
        units = "KMGTPE"
        u = 0
        while not delta & 1023 and u + 1 < len(units):
            delta >>= 10
            u += 1
        line = "0x%016x-0x%016x   %9d%c %s" % (self.start, self.end, delta, units[u],
                                                LEVEL_NAME[self.level])
        for mask, val, s, c in PTE_BITS:
            word = s if self.prot & mask == val else c
            if word is not None:
                line += " " + word
        self.lines.append(line)
        self.level = -1

    def pass_markers(self, addr):
        while self.mi < len(self.markers) and self.markers[self.mi][0] <= addr:
            self.dump_range()
            self.lines.append("---[ %s ]---" % self.markers[self.mi][1])
            self.mi += 1

    def note_page(self, addr, level, desc):
        prot = desc & PTDUMP_PROT_MASK
        if self.level >= 0 and (level != self.level or prot != self.prot or addr != self.end):
            self.dump_range()
        self.pass_markers(addr)
        if self.level < 0:
            self.start, self.level, self.prot = addr, level, prot
        self.end = (addr + (1 << LEVEL_SHIFT[level])) & MASK64

    def walk_level(self, table, level, addr, end):
        size = 1 << LEVEL_SHIFT[level]
        entries = read_table(table)
        while addr != end:
            desc = entries[self.reg.index(addr, level)]
            nxt = ((addr + size) & ~(size - 1)) & MASK64
            if ((nxt - 1) & MASK64) >= ((end - 1) & MASK64):
                nxt = end
            if desc & PTE_VALID:
                if level < 3 and is_table(desc):
                    self.walk_level(desc & PTE_ADDR_MASK, level + 1, addr, nxt)
                elif level > 0:
                    self.note_page(addr & ~(size - 1) & MASK64, level, desc)
            addr = nxt

    def run(self, root, start, end):
        start &= ~(PAGE_SIZE - 1)
        while self.mi < len(self.markers) and self.markers[self.mi][0] < start:
            self.mi += 1
        if start != end:
            self.walk_level(root, self.reg.start_level, start, end)
        self.dump_range()
        self.pass_markers((end - 1) & MASK64 if end else MASK64)
        return self.lines


class PtdumpCommand(gdb.Command):
    """Every mapping of a tree, runs of equal attributes merged: ptdump [user|kernel] [TTBR]

Same lines as the kernel's `ptdump` shell command (Linux's
/sys/kernel/debug/kernel_page_tables): range, size, level of the leaves,
then USR, ro/RW, NX/x (PXN), SHD, AF, NG, CON, BLK, UXN, memory type.
  ptdump              the kernel half, from the live TTBR1_EL1
  ptdump user         the user half, from the live TTBR0_EL1
  ptdump TTBR         the tree at TTBR (user half, unless TTBR is the live TTBR1)
  ptdump kernel TTBR  the kernel half of the tree at TTBR"""

    def __init__(self):
        super().__init__("ptdump", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        argv = gdb.string_to_argv(arg)
        half = None
        if argv and argv[0] in ("user", "kernel"):
            half = 0 if argv.pop(0) == "user" else 1
        if len(argv) > 1:
            raise gdb.GdbError("usage: ptdump [user|kernel] [TTBR]")
        ttbr = parse_value(argv[0]) if argv else None
        target.run_command(lambda: self.run(half, ttbr))

    def run(self, half, ttbr):
        if ttbr is not None:
            if half is None:
                half = 1 if live_ttbr(1) & TTBR_BADDR_MASK == ttbr & TTBR_BADDR_MASK else 0
        else:
            half = 1 if half is None else half
            ttbr = live_ttbr(half)
            if not ttbr & TTBR_BADDR_MASK:
                raise KernelError("TTBR%d_EL1 is 0: no translation tables yet" % half)
        reg = regime(half)
        root = ttbr & TTBR_BADDR_MASK
        lines = []
        if half == 0:
            lines.append("---[ User space (TTBR0 = 0x%x) ]---" % ttbr)
            start, end = 0, 1 << reg.va_bits
            markers = []
        else:
            start, end = (MASK64 << reg.va_bits) & MASK64, 0
            markers = kernel_markers()
        lines += Ptdump(reg, markers).run(root, start, end)
        gdb.write("\n".join(lines) + "\n")


PtWalkCommand()
PtdumpCommand()
