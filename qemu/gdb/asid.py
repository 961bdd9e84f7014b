"""asid: the ASID in TTBR0_EL1 now, and the allocator's state
(arch/arm64/mm/context.c: generation, nr_asid_bits, asid_map, active_asids,
reserved_asids, active_mm -- file-static, read as 'context.c'::name).

The first lines are the shell's `asid` output; then what only a debugger
sees at once: the register itself, whose mm owns the table it points at,
and whether the register agrees with the allocator's bookkeeping.
"""

import gdb
import pagetable
import target
import tasks
from constants import K
from target import sysreg, u64


def ctx(name):
    return target.symbol("'context.c'::%s" % name)


class AsidCommand(gdb.Command):
    """The current ASID (TTBR0_EL1[63:48]) and the ASID allocator's generation: asid"""

    def __init__(self):
        super().__init__("asid", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        target.run_command(self.run)

    def run(self):
        ttbr0 = sysreg("TTBR0_EL1")
        tcr = sysreg("TCR_EL1")
        out = []
        asid = ttbr0 >> K.TTBR_ASID_SHIFT
        root = pagetable.ttbr_root(ttbr0)
        out.append("TTBR0_EL1 = 0x%016x: ASID %d (0x%x), root table at 0x%x" % (
            ttbr0, asid, asid, root))
        tcr_as, tcr_a1 = pagetable.bit(tcr, K.TCR_AS), pagetable.bit(tcr, K.TCR_A1)
        out.append("TCR_EL1.AS = %d (%d-bit ASIDs)   TCR_EL1.A1 = %d (the ASID comes from TTBR%d)" % (
            tcr_as, 16 if tcr_as else 8, tcr_a1, tcr_a1))             # ARM ARM D17.2.131
        target.need_kernel_data()
        bits = int(ctx("nr_asid_bits"))
        gen = u64(ctx("generation"))
        rollovers = int(ctx("nr_rollovers"))
        nasids = 1 << bits
        # asid_map is a bitmap of unsigned longs; only its first nasids bits are used.
        amap = ctx("asid_map")
        word = amap.type.target().sizeof
        nwords = min(amap.type.range()[1] + 1, (nasids + word * 8 - 1) // (word * 8))
        raw = target.kread(target.symbol_addr("'context.c'::asid_map"), nwords * word)
        in_use = sum(bin(int.from_bytes(raw[i:i + word], "little")).count("1")
                     for i in range(0, nwords * word, word))
        out.append("ASIDs: %d bits, generation %d, %d rollovers, %d of %d in use this generation" % (
            bits, gen >> bits, rollovers, in_use, nasids))
        active, reserved, amm = ctx("active_asids"), ctx("reserved_asids"), ctx("active_mm")
        ncpus = active.type.range()[1] + 1
        for cpu in range(ncpus):
            a, r, m = u64(active[cpu]), u64(reserved[cpu]), u64(amm[cpu])
            if a or r or m:
                out.append("  cpu%d: active id 0x%x, reserved id 0x%x, TTBR0 mm 0x%016x" % (cpu, a, r, m))
        # Who owns the table in TTBR0, and does the register agree with the allocator?
        owner = None
        for addr, t in tasks.all_tasks():
            if int(t["mm"]):
                mm = target.deref(t["mm"])
                if tasks.pgd_phys(mm) == root:
                    owner = (t, mm)
                    break
        if owner:
            t, mm = owner
            cid = u64(mm["context"]["id"])
            mine = cid & (nasids - 1)
            state = "current generation" if cid >> bits == gen >> bits else \
                "STALE generation %d: gets a new ASID when it next runs" % (cid >> bits)
            out.append("TTBR0 holds the tables of pid %d (%s), mm 0x%x: context.id 0x%x = "
                       "generation %d, ASID %d (%s)%s" % (
                           int(t["pid"]), t["comm"].string(), u64(t["mm"]), cid, cid >> bits, mine, state,
                           "" if mine == asid else "; TTBR0 has ASID %d" % asid))
        elif asid == 0:
            out.append("TTBR0 holds reserved_pg_dir (ASID 0): no user address space")
        else:
            out.append("TTBR0's table belongs to no live task (an mm being torn down?)")
        gdb.write("\n".join(out) + "\n")


AsidCommand()
