#!/usr/bin/env bash
# Every relative link in the repository's Markdown resolves: for each *.md
# git knows, each [text](target) and ![alt](target) outside code must name
# a file or directory inside the repository, and a #fragment must name a
# heading of its target (GitHub's anchors: lower case, punctuation dropped,
# spaces to '-'). Links with a scheme (https:, mailto:) are not followed. No
# QEMU.
. "$(dirname "$0")/lib.sh"

out=$LOGDIR/doc-links.out
python3 - > "$out" << 'PY'
import os, re, subprocess, sys

root = os.getcwd()
files = subprocess.run(["git", "ls-files", "*.md"], capture_output=True, text=True,
                       check=True).stdout.split()


def strip_code(text, inline=True):
    """The lines of text, those of fenced blocks emptied, and inline code cut
    too if inline (links in code are examples, not links)."""
    out, fence = [], None
    for line in text.splitlines():
        m = re.match(r"\s*(```+|~~~+)", line)
        if m:
            if fence is None:
                fence = m.group(1)[:3]
            elif m.group(1).startswith(fence):
                fence = None
            out.append("")
            continue
        out.append("" if fence else re.sub(r"`+[^`]*`+", "", line) if inline else line)
    return out


def anchors(path, cache={}):
    """GitHub's anchors for the headings of the Markdown file path."""
    if path not in cache:
        seen, names = {}, set()
        for line in strip_code(open(path, encoding="utf-8").read(), inline=False):
            m = re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", line)
            if not m:
                continue
            slug = re.sub(r"[^\w\- ]", "", m.group(1).lower()).replace(" ", "-")
            n = seen.get(slug, 0)
            seen[slug] = n + 1
            names.add(slug if n == 0 else "%s-%d" % (slug, n))
        cache[path] = names
    return cache[path]


link = re.compile(r"!?\[(?:[^\]\[]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
refdef = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s.*)?$")
for f in files:
    text = open(f, encoding="utf-8").read()
    lines = strip_code(text)      # line numbers kept: code lines are emptied, not dropped
    bad = []
    n = 0
    for i, line in enumerate(lines, 1):
        targets = [m.group(1) for m in link.finditer(line)]
        m = refdef.match(line)
        if m:
            targets.append(m.group(1))
        for t in targets:
            if re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", t):
                continue                            # https:, mailto: ...
            n += 1
            path, _, frag = t.partition("#")
            dest = os.path.normpath(os.path.join(os.path.dirname(f), path)) if path else f
            if os.path.isabs(path) or os.path.relpath(os.path.abspath(dest), root).startswith(".."):
                bad.append("%s:%d: %s points outside the repository" % (f, i, t))
            elif not os.path.exists(dest):
                bad.append("%s:%d: %s: no such file" % (f, i, t))
            elif frag and dest.endswith(".md") and os.path.isfile(dest) and frag not in anchors(dest):
                bad.append("%s:%d: %s: no heading #%s in %s" % (f, i, t, frag, dest))
    print("%s\t%d\t%s" % (f, n, "\x1f".join(bad)))
PY
ok $? "the Markdown files are read ($(wc -l < "$out") files)"
[ "$(wc -l < "$out")" -ge 20 ]
ok $? "git lists the repository's Markdown (at least 20 files)"

total=0
while IFS=$'\t' read -r file n bad; do
	total=$((total + n))
	[ -z "$bad" ]
	ok $? "$file: its $n relative links resolve"
	[ -z "$bad" ] || echo "$bad" | tr '\037' '\n' | sed 's/^/#   /'
done < "$out"
[ "$total" -ge 50 ]
ok $? "links were found and checked ($total in all)"
done_testing
