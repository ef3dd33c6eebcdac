"""Floor for `impactctl history --format json`: the least work that gives the same events.

    python benchmarks/floor_history.py REPO

ONE `git log --raw --no-abbrev` lists which cycle-file blobs changed in which commit; ONE
`git cat-file --batch` process streams every distinct blob; PyYAML's C loader parses each
blob exactly once. Then every statement whose level differs between a file's old and new
blob is an event, printed as {"events": [...]} in the shape of SPEC section 4 (with
"summary" counts on stderr). No positions, no checks, no cache, no rename detection.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from typing import Any

import yaml

EMPTY = "0" * 40
SEP = "\x01"


def log(root: str) -> list[tuple[list[str], list[tuple[str, str, str]]]]:
    """[(commit fields, [(path, old blob, new blob)])], oldest first."""
    out = subprocess.run(
        [
            "git",
            "-C",
            root,
            "log",
            "--reverse",
            "--raw",
            "--no-abbrev",
            "--no-renames",
            f"--format={SEP}%H%x00%an <%ae>%x00%aI%x00%s",
            "--",
            "assessments/",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    commits = []
    for chunk in out.split(SEP)[1:]:
        head, _, body = chunk.partition("\n")
        changes = []
        for line in body.splitlines():
            if not line.startswith(":"):
                continue
            meta, path = line.split("\t", 1)
            parts = path.split("/")
            if (
                len(parts) != 3
                or parts[2] in ("organisation.yaml", "action-plan.yaml")
                or not parts[2].endswith(".yaml")
            ):
                continue
            fields = meta.split()
            changes.append((path, fields[2], fields[3]))
        commits.append((head.split("\x00"), changes))
    return commits


def read_blobs(root: str, shas: list[str]) -> dict[str, dict[str, Any]]:
    """{blob: {statement: level}}, each blob read by one cat-file --batch and parsed once."""
    proc = subprocess.Popen(
        ["git", "-C", root, "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert proc.stdin is not None and proc.stdout is not None
    stdin = proc.stdin

    def feed() -> None:
        stdin.write("".join(f"{s}\n" for s in shas).encode())
        stdin.close()

    writer = threading.Thread(target=feed)
    writer.start()
    levels: dict[str, dict[str, Any]] = {}
    read = proc.stdout.read
    for sha in shas:
        header = proc.stdout.readline().split()
        size = int(header[2])
        data = yaml.load(read(size), Loader=yaml.CSafeLoader)
        read(1)  # the newline after each object
        ratings = (data.get("ratings") or {}) if isinstance(data, dict) else {}
        levels[sha] = {sid: r.get("level") for sid, r in ratings.items() if isinstance(r, dict)}
    writer.join()
    proc.wait()
    return levels


def main() -> None:
    root = sys.argv[1]
    commits = log(root)
    shas = sorted(
        {b for _c, changes in commits for _p, old, new in changes for b in (old, new) if b != EMPTY}
    )
    levels = read_blobs(root, shas)
    events = []
    for (sha, author, when, _subject), changes in commits:
        for path, old, new in changes:
            _, org, name = path.split("/")
            before = levels.get(old, {})
            after = levels.get(new, {})
            for sid in sorted(set(before) | set(after)):
                if before.get(sid) != after.get(sid):
                    events.append(
                        {
                            "commit": sha,
                            "date": when,
                            "author": author,
                            "organisation": org,
                            "cycle": name.removesuffix(".yaml"),
                            "statement": sid,
                            "old": before.get(sid),
                            "new": after.get(sid),
                        }
                    )
    sys.stdout.write(json.dumps({"events": events}))
    print(
        json.dumps({"commits": len(commits), "blobs": len(shas), "events": len(events)}),
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
