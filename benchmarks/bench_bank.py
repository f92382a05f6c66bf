"""How long the bank takes to load and to draw a variant (the GUI draws one per review).

    python benchmarks/bench_bank.py
"""

from __future__ import annotations

import statistics
import time

from tutor.bank import load_bank


def main() -> None:
    start = time.perf_counter()
    bank = load_bank()
    print(f"load_bank: {(time.perf_counter() - start) * 1000:.0f} ms for {len(bank)} families")
    rows = []
    for tid in sorted(bank):
        times = []
        for seed in range(100):
            t0 = time.perf_counter()
            bank[tid].generate(seed)
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        rows.append((statistics.median(times), times[98], tid))
    every = sorted(t for row in rows for t in (row[0],))
    print(f"generate(): median over families {statistics.median(every):.2f} ms")
    print("slowest families (median / p99 ms):")
    for median, p99, tid in sorted(rows, reverse=True)[:8]:
        print(f"  {tid:34} {median:7.2f} {p99:7.2f}")


if __name__ == "__main__":
    main()
