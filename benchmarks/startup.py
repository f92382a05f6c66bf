"""Launch to the first painted Today screen, beside a process that only opens a bare PySide6
window, measured side by side in one run (so the machine's speed cancels out).

Run: python benchmarks/startup.py [--runs N] [--reviews 0,100000,1000000]

For each history size a data folder is built once (benchmarks/stats.py's simulated history),
then the app is started ``--runs`` times with TUTOR_FIRST_PAINT_PROBE set: it prints
"painted" after its first paint (the Today screen, before the progress is read) and "ready"
once Today shows the progress, then quits. The bare window prints "painted". Prints medians,
the spread (min–max) and the ratio of the first paint to the bare window's. Targets (issue 9):
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


def launch_seconds(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from starting ``command`` until it prints "painted" (the first paint) and until
    it prints "ready" (the progress open and shown); the bare window prints only "painted"."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    times = {}
    for line in process.stdout:
        times[line.strip()] = time.perf_counter() - start
        if "ready" in times or (command[1] == "-c" and "painted" in times):
            break
    process.wait(timeout=60)
    if "painted" not in times:
        raise RuntimeError(f"{command[:3]} did not paint: {process.stderr.read()[-2000:]}")
    return times["painted"], times.get("ready", times["painted"])


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
            bare, painted, ready = [], [], []
            for _ in range(args.runs):  # interleaved, so both see the same machine
                bare.append(launch_seconds([sys.executable, "-c", BARE], env)[0])
                first, shown = launch_seconds(app, env)
                painted.append(first)
                ready.append(shown)
            ratio = statistics.median(painted) / statistics.median(bare)
            print(f"{reviews:>9,} reviews  first paint  {describe(painted)}   {ratio:.2f}× bare")
            print(f"{'':>9}          Today ready  {describe(ready)}")
            print(f"{'':>9}          bare window  {describe(bare)}")


if __name__ == "__main__":
    main()
