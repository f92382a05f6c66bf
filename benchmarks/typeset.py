"""How long formulas take to typeset: a ten-step worked solution with a formula per step.

Run: python benchmarks/typeset.py [--repeat N]

Reports, in one process: importing ziamath with its font (once per run of the app, on the
math thread), typesetting the ten formulas the first time, and showing the same solution
again from the cache (what a learner sees on a second look, or on Undo). Target (issue 9):
the cached solution in well under 100 ms; the cold one is shown with its source first.
Printed as medians; the cached solution also as a ratio to showing (laying out and painting)
the same text with the formulas left as source.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QLabel  # noqa: E402

STEPS = [
    r"$\cos\theta = \frac{a \cdot b}{\|a\|\,\|b\|}$",
    r"$\|a\| = \sqrt{2^2 + 5^2} = \sqrt{29} \approx 5.3852$",
    r"$\frac{dy}{dx} = \frac{dy}{du} \cdot \frac{du}{dx}$",
    r"$p(x) = \frac{1}{\sqrt{2\pi\sigma^2}} e^{-\frac{(x-\mu)^2}{2\sigma^2}}$",
    r"$\sigma'(z) = \sigma(z)\left(1 - \sigma(z)\right)$",
    r"$A = \begin{bmatrix}1 & 2 \\ 3 & 4\end{bmatrix}$",
    r"$\det A = ad - bc = -2$",
    r"$H(p) = -\sum_i p_i \log_2 p_i$",
    r"$\theta_{t+1} = \theta_t - \eta \nabla L(\theta_t)$",
    r"$P(A \mid B) = \frac{P(B \mid A)\,P(A)}{P(B)}$",
]


def median_ms(fn, repeat: int) -> float:  # noqa: ANN001
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    QApplication([])
    from tutor.ui import math_view
    from tutor.ui.rich_math import img_tag

    style = (17, "#1d1d1f", 1.0)
    start = time.perf_counter()
    img_tag(r"x", style)
    first_ms = (time.perf_counter() - start) * 1000
    latex = [s.strip("$") for s in STEPS]
    cold = []
    for k in range(args.repeat):  # a new colour each round: nothing cached
        colours = f"#1d1d{k:02x}"
        start = time.perf_counter()
        for formula in latex:
            img_tag(formula, (17, colours, 1.0))
        cold.append((time.perf_counter() - start) * 1000)
    label = QLabel()
    label.setWordWrap(True)
    label.resize(900, 600)

    def show(html: str) -> None:  # laid out and painted, as on screen
        label.setText(html)
        label.grab()

    warm = median_ms(lambda: show("".join(f"<p>{img_tag(f, style)}</p>" for f in latex)), args.repeat)
    plain = median_ms(lambda: show("".join(f"<p>{f}</p>" for f in latex)), args.repeat)
    print(f"ziamath import + fonts + first formula: {first_ms:7.1f} ms (once per run)")
    print(f"ten formulas, first time:               {statistics.median(cold):7.1f} ms (on the math thread)")
    print(f"ten formulas from the cache, shown:     {warm:7.1f} ms ({warm / plain:.1f}× the same text unset)")
    print(f"cache entries: {len(math_view._cache)}")


if __name__ == "__main__":
    main()
