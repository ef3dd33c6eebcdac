"""Page weight of a built site: what a reader's browser downloads (issue 16).

    .venv/bin/python benchmarks/weight.py PUBLIC_DIR [PUBLIC_DIR ...]

For each built site: the number of HTML pages, the median and largest pages, the search
index (MkDocs' search/search_index.json or Zensical's search.json) and the whole folder.
Targets at 250 organisations x 20 cycles: no page over 250 KB, median under 100 KB,
search index under 1.5 MB (sizes in KB = 1,000 bytes, MB = 1,000,000 bytes).
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

PAGE_LIMIT = 250_000
MEDIAN_LIMIT = 100_000
INDEX_LIMIT = 1_500_000


def report(site: Path) -> tuple[str, bool]:
    pages = sorted((p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html"))
    index = next(
        (
            site / rel
            for rel in ("search/search_index.json", "search.json")
            if (site / rel).is_file()
        ),
        None,
    )
    index_size = index.stat().st_size if index else 0
    median = statistics.median(size for size, _ in pages)
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    met = pages[-1][0] <= PAGE_LIMIT and median < MEDIAN_LIMIT and index_size < INDEX_LIMIT
    lines = [
        f"{site}: {len(pages)} pages, median {median / 1000:.1f} KB, whole folder "
        f"{total / 1e6:.1f} MB",
        f"  search index {index_size / 1e6:.2f} MB"
        + (f" ({index.relative_to(site)})" if index else " (none)"),
        "  largest pages:",
        *[f"    {size / 1000:7.1f} KB  {path}" for size, path in reversed(pages[-6:])],
        f"  targets (largest <= 250 KB, median < 100 KB, index < 1.5 MB): "
        f"{'met' if met else 'missed'}",
    ]
    return "\n".join(lines), met


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    for folder in argv:
        print(report(Path(folder))[0])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
