#!/usr/bin/env python3
"""Turn the shell's `pressure` timeline into a plot (`make demo`).

    plot-pressure.py LOG [-o OUT.png]     parse LOG, draw OUT.png (default: LOG with .png)
    plot-pressure.py LOG --check          parse only, print a summary (no matplotlib needed)

LOG is a serial-console log, or just the timeline: every line that looks like

    pressure:   t_ms free_pgs zram_bytes  slots   pswpout   pswpin kswapd  oom
    pressure:   2240      553   14188544     6904     6912        8   5229    0

(mm/pressure.c prints them) is read; everything else is ignored, so the whole
log of `printf 'pressure\\npoweroff\\n' | make qemu-run MEM=128M` will do.
The line "pressure: memhog[PID] N MiB; RAM free F MiB, swap S MiB" and the
final "memhog exited with status N" / "killed by signal N" go in the title.

The plot has three panels over time: free memory; the swap area (pages
stored in it, and the RAM its compressed pool takes); pages swapped out and
in, with the kswapd_wakeup counter (the times kswapd was woken from sleep). OOM kills, if any, are marked with a vertical line.

Exit status: 0, or 1 if the log holds no timeline (or one that is wrong:
time going backwards, counters decreasing), 2 for bad usage.
"""
import argparse
import re
import sys

PAGE = 4096
MIB = 1 << 20
COLUMNS = ("t_ms", "free_pgs", "zram_bytes", "slots", "pswpout", "pswpin", "kswapd", "oom")
COUNTERS = ("pswpout", "pswpin", "kswapd", "oom")  # vm events: never decrease

SAMPLE_RE = re.compile(r"^pressure:" + r"\s+(\d+)" * len(COLUMNS) + r"\s*$")
START_RE = re.compile(r"^pressure: memhog\[(\d+)\] (\d+) MiB; RAM free (\d+) MiB, swap (\d+) MiB")
END_RE = re.compile(r"^pressure: memhog (exited with status \d+|killed by signal \d+)")


class Timeline:
    """The samples (one dict per line, keyed by COLUMNS) and what the log said around them."""

    def __init__(self):
        self.samples = []
        self.mib = self.ram_free_mib = self.swap_mib = None
        self.outcome = None

    def column(self, name):
        return [s[name] for s in self.samples]


def parse(lines):
    """Read a timeline from an iterable of lines. Raises ValueError if it is not a sane one."""
    tl = Timeline()
    for n, line in enumerate(lines, 1):
        line = line.rstrip("\r\n").replace("\r", "")
        m = SAMPLE_RE.match(line)
        if m:
            s = dict(zip(COLUMNS, (int(v) for v in m.groups())))
            if tl.samples:
                prev = tl.samples[-1]
                if s["t_ms"] < prev["t_ms"]:
                    raise ValueError("line %d: time goes backwards (%d ms after %d ms)"
                                     % (n, s["t_ms"], prev["t_ms"]))
                for c in COUNTERS:
                    if s[c] < prev[c]:
                        raise ValueError("line %d: %s decreases (%d after %d)" % (n, c, s[c], prev[c]))
            tl.samples.append(s)
            continue
        m = START_RE.match(line)
        if m:
            tl.mib, tl.ram_free_mib, tl.swap_mib = (int(v) for v in m.groups()[1:])
            continue
        m = END_RE.match(line)
        if m:
            tl.outcome = m.group(1)
    if len(tl.samples) < 2:
        raise ValueError("no timeline: fewer than two 'pressure:' sample lines")
    return tl


def summary(tl):
    """A few lines that say what happened, for --check and for the terminal after plotting."""
    first, last = tl.samples[0], tl.samples[-1]
    peak_zram = max(tl.column("zram_bytes"))
    peak_slots = max(tl.column("slots"))
    out = ["%d samples over %.2f s" % (len(tl.samples), last["t_ms"] / 1000.0)]
    if tl.mib is not None:
        out.append("workload: memhog %d MiB; RAM free %d MiB, swap %d MiB"
                   % (tl.mib, tl.ram_free_mib, tl.swap_mib))
    out.append("free pages: %d at start, %d at the lowest, %d at the end"
               % (first["free_pgs"], min(tl.column("free_pgs")), last["free_pgs"]))
    ratio = (peak_slots * PAGE / peak_zram) if peak_zram else 0.0
    out.append("swap area: at most %d pages stored (%.1f MiB) in %.1f MiB of RAM (%.1fx)"
               % (peak_slots, peak_slots * PAGE / MIB, peak_zram / MIB, ratio))
    out.append("pswpout %d, pswpin %d, kswapd_wakeup %d, OOM kills %d"
               % tuple(last[c] - first[c] for c in COUNTERS))
    if tl.outcome:
        out.append("memhog " + tl.outcome)
    return out


def plot(tl, out):
    """Draw the three panels into OUT (PNG). Needs matplotlib (Debian: python3-matplotlib)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    t = [ms / 1000.0 for ms in tl.column("t_ms")]
    fig, (ax1, ax2, ax3) = plt.subplots(3, 1, sharex=True, figsize=(7.5, 6.6), dpi=90)
    title = "Memory pressure on QEMU virt"
    if tl.mib is not None:
        title += ": memhog %d MiB, %d MiB RAM free, %d MiB swap" % (tl.mib, tl.ram_free_mib, tl.swap_mib)
    fig.suptitle(title, fontsize=11)

    ax1.plot(t, [p * PAGE / MIB for p in tl.column("free_pgs")], color="tab:green")
    ax1.set_ylabel("free RAM (MiB)")
    ax1.set_ylim(bottom=0)
    ax1.grid(alpha=0.3)

    ax2.plot(t, [p * PAGE / MIB for p in tl.column("slots")], color="tab:blue",
             label="pages in swap (MiB, uncompressed)")
    ax2.plot(t, [b / MIB for b in tl.column("zram_bytes")], color="tab:orange",
             label="zram pool in RAM (MiB, compressed)")
    if tl.swap_mib:
        ax2.axhline(tl.swap_mib, color="tab:blue", linestyle=":", linewidth=1)
        ax2.annotate("swap area size", (t[-1], tl.swap_mib), xytext=(0, 3), ha="right",
                     textcoords="offset points", fontsize=8, color="tab:blue")
        ax2.set_ylim(0, tl.swap_mib * 1.6)
    ax2.set_ylabel("swap area (MiB)")
    ax2.set_ylim(bottom=0)
    ax2.legend(loc="upper left", fontsize=8, ncol=2)
    ax2.grid(alpha=0.3)

    ax3.plot(t, tl.column("pswpout"), color="tab:red", label="pswpout")
    ax3.plot(t, tl.column("pswpin"), color="tab:purple", label="pswpin")
    ax3.plot(t, tl.column("kswapd"), color="tab:gray", linestyle="--", label="kswapd_wakeup (kswapd woken from sleep)")
    ax3.set_ylabel("pages / events (total)")
    ax3.set_xlabel("time since the workload started (s)")
    ax3.set_ylim(bottom=0)
    ax3.legend(loc="upper left", fontsize=8)
    ax3.grid(alpha=0.3)

    oom = tl.column("oom")
    for i in range(1, len(oom)):
        if oom[i] > oom[i - 1]:
            for ax in (ax1, ax2, ax3):
                ax.axvline(t[i], color="black", linewidth=1)
            ax1.annotate("OOM kill", (t[i], 0), xytext=(-3, 5), textcoords="offset points", ha="right", fontsize=8)

    if tl.outcome:
        fig.text(0.99, 0.005, "memhog " + tl.outcome, ha="right", va="bottom", fontsize=8)
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("log", help="serial log or timeline ('-' for standard input)")
    ap.add_argument("-o", "--output", help="PNG to write (default: LOG with .png)")
    ap.add_argument("--check", action="store_true", help="parse and summarise only; no plot")
    args = ap.parse_args(argv)

    try:
        f = sys.stdin if args.log == "-" else open(args.log, encoding="utf-8", errors="replace")
        with f:
            tl = parse(f)
    except (OSError, ValueError) as e:
        print("plot-pressure: %s: %s" % (args.log, e), file=sys.stderr)
        return 1
    for line in summary(tl):
        print(line)
    if args.check:
        return 0
    out = args.output or (re.sub(r"\.[^./]*$", "", args.log if args.log != "-" else "pressure") + ".png")
    plot(tl, out)
    print("wrote " + out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
