"""Table rows (markdown) of `benchmarks/build_ab.sh` JSON lines: per build, the CPU
seconds (process + workers) and wall seconds of each phase, with the load.

    python benchmarks/build_ab_summary.py OUT.jsonl [...]
"""

from __future__ import annotations

import json
import sys

PHASES = ("parse", "records", "keyword", "embed", "write", "total")


def main(paths: list[str]) -> int:
    print("| build | started (UTC) | load before → after | " +
          " | ".join(f"{p} CPU / wall s" for p in PHASES) + " | worker RSS MB |")
    print("|---|---|---|" + "---|" * len(PHASES) + "---|")
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line.strip().startswith("{"):
                    continue
                d = json.loads(line)
                ph = d["phases"]
                cells = [f"{ph[p]['cpu']:.1f} / {ph[p]['wall']:.1f}" if p in ph else "" for p in PHASES]
                print(f"| {d['label']} | {d['started']} | {d['load1']} → {d['load1_after']} | " +
                      " | ".join(cells) + f" | {d.get('maxrss_worker_mb', '')} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
