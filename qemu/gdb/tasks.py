"""tasks: every task on task_list (include/linux/sched.h, kernel/sched.c),
like the shell's `ps`, plus what a debugger wants next: the mm, its page
table root as the TTBR0 value the task runs with (paste it into
`pt-walk VA TTBR` or `ptdump user TTBR`), and which task is current.
"""

import gdb
import target
from constants import K, enum_values
from target import u64

# The letter ps prints for each enum task_state value (Linux: task_state_array[]).
STATE_LETTER = {"TASK_RUNNING": "R", "TASK_INTERRUPTIBLE": "S", "TASK_ZOMBIE": "Z"}


def state_letter(state):
    """ps's letter for a task's enum task_state value, by its name in the kernel's debug info."""
    names = {v: n for n, v in enum_values("enum task_state").items()}
    return STATE_LETTER.get(names.get(state), "?")


def all_tasks():
    """(address, struct task_struct) of every task, in task_list order."""
    target.need_kernel_data()
    return list(target.list_for_each_entry(target.symbol("task_list"), target.symbol_addr("task_list"),
                                           "struct task_struct", "tasks"))


def pgd_phys(mm):
    """Physical address of mm->pgd (a buddy page, so a linear-map address)."""
    return target.kernel_pa(u64(mm["pgd"])) if target._mode_now() == "phymem" else \
        (u64(mm["pgd"]) - K.PAGE_OFFSET) & target.MASK64


def asid_bits():
    """The allocator's ASID width (arch/arm64/mm/context.c nr_asid_bits)."""
    return int(target.symbol("'context.c'::nr_asid_bits"))


def mm_ttbr(mm):
    """The TTBR0_EL1 value this mm runs with (cpu_switch_mm): its ASID at TTBR_ASID_SHIFT, its pgd's address below."""
    asid = u64(mm["context"]["id"]) & ((1 << asid_bits()) - 1)
    return (asid << K.TTBR_ASID_SHIFT) | pgd_phys(mm)


def current_task():
    """cpu_info->curr_task of this CPU (TPIDR_EL1 points at its struct cpu_info)."""
    tp = target.sysreg("TPIDR_EL1")
    if not tp:
        return 0
    info = target.load(tp, gdb.lookup_type("struct cpu_info"))
    return u64(info["curr_task"])


class TasksCommand(gdb.Command):
    """Every task: pid, parent, state, RSS and swap (kB), comm, mm and its TTBR0 value: tasks

The task marked '*' is current on this CPU. TTBR is phys(mm->pgd) with the
mm's ASID in bits [63:48]: `pt-walk VA TTBR` and `ptdump user TTBR` walk
that task's tables even when another task is running."""

    def __init__(self):
        super().__init__("tasks", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        target.run_command(self.run)

    def run(self):
        cur = current_task()
        out = ["  PID  PPID S   RSS(kB)  SWAP(kB) OOM_ADJ COMMAND          MM                 TTBR"]
        kb_shift = K.PAGE_SHIFT - 10                    # pages -> kB
        for addr, t in all_tasks():
            kthread = int(t["flags"]) & K.PF_KTHREAD
            name = "[%s]" % t["comm"].string() if kthread else t["comm"].string()     # as ps
            if int(t["mm"]):
                mm = target.deref(t["mm"])
                count = mm["rss_stat"]["count"]        # get_mm_counter()
                rss = int(count[K.MM_ANONPAGES]["counter"]) << kb_shift
                swap = int(count[K.MM_SWAPENTS]["counter"]) << kb_shift
                mmtxt = "0x%016x 0x%016x" % (u64(t["mm"]), mm_ttbr(mm))
            else:
                rss = swap = 0
                mmtxt = "-"
            out.append("%s%4d %5d %s %9d %9d %7d %-16s %s" % (
                "*" if addr == cur else " ", int(t["pid"]),
                int(target.deref(t["parent"])["pid"]) if int(t["parent"]) else 0,
                state_letter(int(t["state"])), rss, swap, int(t["oom_score_adj"]), name, mmtxt))
        gdb.write("\n".join(out) + "\n")


TasksCommand()
