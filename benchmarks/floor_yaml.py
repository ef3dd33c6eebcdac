"""Floor for `impactctl validate`: PyYAML's C loader reads every file validate reads.

    python benchmarks/floor_yaml.py REPO

The same files as impactctl's loader (framework/*/framework.yaml and
assessments/*/*.yaml), each read and parsed once, in one process, with no checks at all.
No real validator can be faster than this on one core; the ratio to it is the price of
positions, safety checks, schemas and rules. Prints {"files", "bytes"} as JSON.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml


def main() -> None:
    root = Path(sys.argv[1])
    loader = yaml.CSafeLoader  # AttributeError here means PyYAML was built without libyaml
    paths = sorted([*root.glob("framework/*/framework.yaml"), *root.glob("assessments/*/*.yaml")])
    total = 0
    for path in paths:
        raw = path.read_bytes()
        total += len(raw)
        yaml.load(raw, Loader=loader)
    print(json.dumps({"files": len(paths), "bytes": total}))


if __name__ == "__main__":
    main()
