"""Latency of tutor.core.answers.check, per kind, and its import time.

Run: python benchmarks/bench_answers.py [--repeat N]

Targets: median < 5 ms and p99 < 50 ms for numbers, vectors and shapes; < 100 ms for
expressions. Every check uses a fresh given string set; the spec cache is warm after the
first round, as it is in the app.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tutor.core.answers import AnswerSpec, Mistake, check, check_spec  # noqa: E402

X = {"variables": ("x",)}
XY = {"variables": ("x", "y")}

CASES: dict[str, list[tuple[str, str, str, dict]]] = {
    "number": [
        ("24/25", "0.96", "number", {}),
        ("24/25", "0.95", "number", {}),
        ("1/6", "0.167", "number", {}),
        ("24/31", "0.77", "number", {}),
        ("24/31", "0.8*0.3/0.31", "number", {}),
        ("1.3e-4", "1.3×10^-4", "number", {}),
        ("sqrt(2)/2", "1/sqrt(2)", "number", {}),
        ("0.7742", "77.42", "number", {}),
        ("0.5", "50%", "number", {"allow_percent": True}),
        ("1", "9^9^9", "number", {}),
        ("1", "(1+2))", "number", {}),
        ("ln(2)", "log(2)", "number", {}),
    ],
    "vector": [
        ("[0.2, 0.8]", "[0.2, 0.8]", "vector", {}),
        ("[0.2, 0.8]", "(0.8, 0.2)", "vector", {}),
        ("[0.2, 0.8]", "0.2, 0.8, 0.1", "vector", {}),
        ("[1/sqrt(2), 1/sqrt(2)]", "[0.7071, 0.7071]", "vector", {}),
        ("[[1,2],[3,4]]", "[1 2; 3 4]", "matrix", {}),
        ("[[1,2],[3,4]]", "[[1,3],[2,4]]", "matrix", {}),
    ],
    "shape": [
        ("(4, 16)", "(4, 16)", "shape", {}),
        ("(4, 16)", "4x16", "shape", {}),
        ("(4, 16)", "(16, 4)", "shape", {}),
        ("(4, 16)", "4*16", "shape", {}),
        ("(B, S, H)", "(B, S, H)", "shape", {}),
        ("(4, 16)", "torch.Size([4, 16])", "shape", {}),
    ],
    "expression": [
        ("2*x*cos(x^2)", "2x cos(x²)", "expression", X),
        ("2*x*cos(x^2)", "2*x*sin(x^2)", "expression", X),
        ("(x+1)^2", "x^2+2x+1", "expression", X),
        ("1/(2*x)", "1/2x", "expression", X),
        ("exp(-x)/(1+exp(-x))^2", "e^x/(1+e^x)^2", "expression", X),
        ("y/p - (1-y)/(1-p)", "(y-p)/(p(1-p))", "expression", {"variables": ("y", "p")}),
        ("x*y", "xy", "expression", XY),
        ("sin(x)^2", "sin^2(x)", "expression", X),
    ],
}

MULTI = AnswerSpec(
    kind="multi",
    parts=(
        AnswerSpec(kind="shape", expected="(4, 16)", label="h"),
        AnswerSpec(
            kind="shape",
            expected="(16, 10)",
            mistakes=(Mistake("(10, 16)", "Linear stores W as (out, in)."),),
        ),
        AnswerSpec(kind="number", expected="170"),
    ),
)


def _time(fn, repeat: int) -> list[float]:  # noqa: ANN001
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def _report(name: str, times: list[float]) -> None:
    times = sorted(times)
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    print(
        f"{name:<11} n={len(times):<5} median {statistics.median(times):7.3f} ms   "
        f"p99 {p99:7.3f} ms   max {times[-1]:7.3f} ms"
    )


def _import_time(runs: int = 7, bytecode: bool = True) -> float:
    """Median import time in a fresh interpreter (ms), with or without cached bytecode."""
    code = (
        "import time; t = time.perf_counter(); import tutor.core.answers; "
        "print(time.perf_counter() - t)"
    )
    root = Path(__file__).resolve().parents[1]
    env = dict(os.environ)
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "tutor-bench-pycache")
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.mkdtemp()))
    samples = []
    for k in range(runs + 1):
        out = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            cwd=root,
            env=env,
        )
        if k or not bytecode:  # the first bytecode run only writes the cache
            samples.append(float(out.stdout) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    print(f"check() latency over {args.repeat} rounds per answer (ms)")
    for kind, cases in CASES.items():
        times: list[float] = []
        for expected, given, k, options in cases:
            times += _time(
                lambda e=expected, g=given, k=k, o=options: check(e, g, k, **o), args.repeat
            )
        _report(kind, times)
    _report("multi", _time(lambda: check_spec(MULTI, "4x16; (10, 16); 170"), args.repeat * 5))
    cold: list[float] = []
    for k in range(args.repeat):
        # a new expected answer each time: nothing cached
        cold += _time(lambda k=k: check(f"{k}*x*cos(x^2)", "2x cos(x²)", "expression", **X), 1)
    _report("expr-cold", cold)
    print(
        "import tutor.core.answers in a fresh process (median of 7): "
        f"{_import_time(bytecode=True):.1f} ms with cached bytecode, "
        f"{_import_time(bytecode=False):.1f} ms compiling from source"
    )
    print(f"sympy loaded by the import: {'sympy' in sys.modules}")


if __name__ == "__main__":
    main()
