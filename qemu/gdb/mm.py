"""Memory-management state from a stopped kernel: buddyinfo, slabinfo, lru-gen.

Each prints what the shell command of the same name prints (the Linux
/proc or debugfs format), read from the structures directly:
  buddyinfo  zone_normal.free_area[order].nr_free      (include/linux/mmzone.h, mm/page_alloc.c)
  slabinfo   slab_caches -> struct kmem_cache          (mm/slab.h, mm/slab_common.c)
  lru-gen    'lru_gen.c'::lrugen, lru_policy, lru_stat (mm/lru_gen.c, mm/lru.h)
"""

import gdb
import target
from constants import K
from target import u64


def zone():
    target.need_kernel_data()
    return target.symbol("zone_normal")


class BuddyinfoCommand(gdb.Command):
    """Free blocks per order of the zone, like /proc/buddyinfo: buddyinfo

Then the totals the lines add up to: free pages on the lists, on the
per-CPU lists, and the watermarks."""

    def __init__(self):
        super().__init__("buddyinfo", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        target.run_command(self.run)

    def run(self):
        z = zone()
        fa = z["free_area"]
        norders = fa.type.range()[1] + 1
        nr = [int(fa[o]["nr_free"]) for o in range(norders)]
        line = "Node 0, zone %8s " % target.cstring(z["name"])
        line += "".join("%6d " % n for n in nr)
        out = [line]
        total = sum(n << o for o, n in enumerate(nr))
        pcp = z["pcp"]
        pcp_pages = sum(int(pcp[c]["count"]) for c in range(pcp.type.range()[1] + 1))
        wm = [int(z["_watermark"][K.WMARK_MIN]), int(z["_watermark"][K.WMARK_LOW]),
              int(z["_watermark"][K.WMARK_HIGH])]
        # NR_FREE_PAGES: the folded count plus each CPU's vm_stat_diff (zone_page_state_snapshot).
        free = int(z["vm_stat"][K.NR_FREE_PAGES]["counter"]) + \
            sum(int(pcp[c]["vm_stat_diff"][K.NR_FREE_PAGES]) for c in range(pcp.type.range()[1] + 1))
        out.append("free_pages %d (sum of nr_free << order: %d%s), per-CPU lists %d, "
                   "managed %d; watermarks min %d low %d high %d" % (
                       free, total, "" if total == free else ", DIFFERS", pcp_pages,
                       int(z["managed_pages"]), wm[0], wm[1], wm[2]))
        gdb.write("\n".join(out) + "\n")


def get_slabinfo(s, addr):
    """mm/slab_common.c get_slabinfo(): objects free on partial slabs are the only free ones.

    s: the struct kmem_cache, at kernel address addr."""
    partial_addr = addr + target.member_offset("struct kmem_cache", "node") + \
        target.member_offset("struct kmem_cache_node", "partial")
    n = s["node"][0]
    nr_free = 0
    for _, slab in target.list_for_each_entry(n["partial"], partial_addr, "struct page", "slab_list"):
        nr_free += int(slab["objects"]) - int(slab["inuse"])
    total = int(n["total_objects"])
    return {"num_objs": total, "active_objs": total - nr_free, "num_slabs": int(n["nr_slabs"]),
            "objects_per_slab": int(s["objects"]), "cache_order": int(s["order"])}


class SlabinfoCommand(gdb.Command):
    """SLUB caches, like /proc/slabinfo (version 2.1): slabinfo"""

    def __init__(self):
        super().__init__("slabinfo", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        target.run_command(self.run)

    def run(self):
        target.need_kernel_data()
        out = ["slabinfo - version: 2.1",
               "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>"
               " : tunables <limit> <batchcount> <sharedfactor>"
               " : slabdata <active_slabs> <num_slabs> <sharedavail>"]
        for addr, s in target.list_for_each_entry(target.symbol("slab_caches"),
                                                  target.symbol_addr("slab_caches"),
                                                  "struct kmem_cache", "list"):
            si = get_slabinfo(s, addr)
            out.append("%-17s %6d %6d %6d %4d %4d : tunables %4d %4d %4d : slabdata %6d %6d %6d" % (
                target.cstring(s["name"]), si["active_objs"], si["num_objs"], int(s["size"]),
                si["objects_per_slab"], 1 << si["cache_order"], 0, 0, 0,
                si["num_slabs"], si["num_slabs"], 0))
        gdb.write("\n".join(out) + "\n")


def tier_idx(g):
    """mm/lru_gen.c get_tier_idx(): tiers above the result are protected."""
    ntiers = g["refaulted"].type.range()[1] + 1

    def pos(t, gain):
        return (int(g["avg_refaulted"][t]) + int(g["refaulted"][t]),
                int(g["avg_total"][t]) + int(g["evicted"][t]) + int(g["protected"][t]), gain)

    sp = pos(0, 1)
    tier = 1
    while tier < ntiers:
        pv = pos(tier, 2)
        ok = pv[0] < K.LRU_GEN_MIN_REFAULTS or pv[0] * (sp[1] + K.LRU_GEN_MIN_REFAULTS) * sp[2] <= \
            (sp[0] + 1) * pv[1] * pv[2]
        if not ok:
            break
        tier += 1
    return tier - 1


def list_len(head, head_addr, limit):
    """Entries of a list_head, counting at most limit (None if longer)."""
    n = 0
    lh = gdb.lookup_type("struct list_head")
    node = int(head["next"]) & target.MASK64
    while node != head_addr:
        n += 1
        if n > limit:
            return None
        node = int(target.load(node, lh)["next"]) & target.MASK64
    return n


class LruGenCommand(gdb.Command):
    """The multi-generational LRU, like the shell's lru_gen: lru-gen [-v]

Per generation (oldest first): seq, age in ms, anon pages, file pages;
the tiers' refault feedback; the aging walks and the Bloom filter; then the
LRU counters every policy feeds (lru_stat). -v also counts each
generation's list and checks it against nr_pages (slow: one read per page)."""

    def __init__(self):
        super().__init__("lru-gen", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        target.run_command(lambda: self.run(gdb.string_to_argv(arg)))

    def run(self, argv):
        target.need_kernel_data()
        verbose = "-v" in argv
        out = []
        policy = target.symbol("lru_policy")
        pname = target.cstring(target.deref(policy)["name"]) if int(policy) else "?"
        out.append("policy: %s%s" % (pname, "" if pname == "gen" else
                                     " (lru_gen's state below is idle: boot with lru=gen to use it)"))
        g = target.symbol("'lru_gen.c'::lrugen")
        lists_addr = target.symbol_addr("'lru_gen.c'::lrugen.lists")
        hz = int(target.symbol("HZ"))
        now = int(target.symbol("jiffies"))
        max_seq, min_seq = int(g["max_seq"]), int(g["min_seq"])
        out.append("memcg %5d %s" % (0, "/"))
        out.append(" node %5d" % 0)
        max_nr_gens = K.MAX_NR_GENS
        list_head_size = gdb.lookup_type("struct list_head").sizeof
        if max_seq - min_seq + 1 > max_nr_gens or max_seq < min_seq:
            out.append(" (min_seq %d, max_seq %d: inconsistent, being changed?)" % (min_seq, max_seq))
            max_seq = min_seq + max_nr_gens - 1
        for seq in range(min_seq, max_seq + 1):
            gen = seq % max_nr_gens
            age = (now - int(g["timestamps"][gen])) * 1000 // hz
            line = " %10d %10d %10d  %10d " % (seq, age, int(g["nr_pages"][gen]), 0)
            if verbose:
                n = list_len(g["lists"][gen], lists_addr + gen * list_head_size, 1 << 20)
                line += "  list: %s" % ("> 1M" if n is None else
                                        "%d%s" % (n, "" if n == int(g["nr_pages"][gen]) else " DIFFERS"))
            out.append(line)
        ti = tier_idx(g)
        out.append("  tier  refaulted    evicted  protected    (averages: refaulted / total)")
        for t in range(g["refaulted"].type.range()[1] + 1):
            out.append("  %4d %10d %10d %10d    %d / %d%s" % (
                t, int(g["refaulted"][t]), int(g["evicted"][t]), int(g["protected"][t]),
                int(g["avg_refaulted"][t]), int(g["avg_total"][t]), "  protected" if t > ti else ""))
        filt = g["filters"][max_seq % int(g["filters"].type.range()[1] + 1)]
        nwords = filt.type.range()[1] + 1
        bits = sum(bin(u64(filt[i])).count("1") for i in range(nwords))
        out.append("  aging walks: %d PTE tables walked, %d skipped by the Bloom filter "
                   "(%d of %d bits set)" % (int(g["tables_walked"]), int(g["tables_skipped"]),
                                            bits, nwords * filt[0].type.sizeof * 8))
        out.append("  PTEs: %d scanned, %d young" % (int(g["ptes_scanned"]), int(g["ptes_young"])))
        st = target.symbol("lru_stat")
        out.append("lru_stat: " + " ".join("%s %d" % (f.name, int(st[f.name]))
                                           for f in st.type.fields()
                                           if f.type.code == gdb.TYPE_CODE_INT))
        gdb.write("\n".join(out) + "\n")


BuddyinfoCommand()
SlabinfoCommand()
LruGenCommand()
