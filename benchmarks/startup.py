"""Launch to the first painted Today screen, beside a process that only opens a bare PySide6
window, measured side by side in one run (so the machine's speed cancels out).

Run: python benchmarks/startup.py [--runs N] [--reviews 0,100000,1000000]

For each history size a data folder is built once (benchmarks/stats.py's simulated history),
then the app is started ``--runs`` times with TUTOR_FIRST_PAINT_PROBE set: it prints
"painted" after its Today screen's first paint and quits. The bare window does the same.
Prints the median, the spread (min–max) and the ratio app / bare window. Targets (issue 9):
median ≤ 0.4 s and ≤ 4× the bare window, whatever the history size.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BARE = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
window = QLabel("bare")
window.resize(980, 820)
class Probe(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, lambda: (print("painted", flush=True), app.quit()))
        return False
probe = Probe()
window.installEventFilter(probe)
window.show()
app.exec()
"""


def launch_seconds(command: list[str], env: dict[str, str]) -> float:
    """Seconds from starting ``command`` until it prints "painted"."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    line = process.stdout.readline()
    elapsed = time.perf_counter() - start
    process.wait(timeout=60)
    if line.strip() != "painted":
        raise RuntimeError(f"{command[:3]} did not paint: {process.stderr.read()[-2000:]}")
    return elapsed


def build_data(folder: Path, reviews: int) -> None:
    if reviews == 0:
        return
    sys.path.insert(0, str(ROOT / "benchmarks"))
    sys.path.insert(0, str(ROOT))
    from stats import build_history  # benchmarks/stats.py

    from tutor.bank import load_bank

    store = build_history(folder, load_bank(), date.today(), reviews=reviews)
    store.close()


def describe(times: list[float]) -> str:
    return f"median {statistics.median(times) * 1000:6.0f} ms  (min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--reviews", default="0,100000,1000000")
    args = parser.parse_args()
    env = {**os.environ, "TUTOR_FIRST_PAINT_PROBE": "1"}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        for reviews in (int(r) for r in args.reviews.split(",")):
            folder = Path(tmp) / f"data-{reviews}"
            folder.mkdir()
            build_data(folder, reviews)
            app = [sys.executable, "-m", "tutor", "--data-dir", str(folder)]
            launch_seconds(app, env)  # first open: creates or migrates the database
            bare, ours = [], []
            for _ in range(args.runs):  # interleaved, so both see the same machine
                bare.append(launch_seconds([sys.executable, "-c", BARE], env))
                ours.append(launch_seconds(app, env))
            ratio = statistics.median(ours) / statistics.median(bare)
            print(f"{reviews:>9,} reviews  tutor {describe(ours)}")
            print(f"{'':>9}          bare  {describe(bare)}   ratio {ratio:.2f}×")


if __name__ == "__main__":
    main()
