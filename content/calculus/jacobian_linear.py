"""Jacobian of a linear layer and the backward pass: g_x = Wᵀ·g_y, ∂L/∂W = g_y·xᵀ (000 §B.18)."""

import random

from tutor.core.answers import AnswerSpec, Mistake, precision_sentence
from tutor.core.formatting import shape, vec
from tutor.core.problems import Figure, Step, Template, Variant


def mat(rows) -> str:
    return "[" + ", ".join(vec(r) for r in rows) + "]"


def draw(rng: random.Random) -> dict:
    m, n = rng.choice([(2, 3), (3, 2), (2, 3), (3, 2), (2, 2), (3, 3)])
    while True:
        w = tuple(tuple(rng.randint(-3, 4) for _ in range(n)) for _ in range(m))
        x = tuple(rng.choice([-3, -2, -1, 1, 2, 3]) for _ in range(n))
        g = tuple(rng.choice([-2, -1, 1, 2, 3]) for _ in range(m))
        symmetric = m == n and all(w[i][j] == w[j][i] for i in range(m) for j in range(n))
        if all(any(r) for r in w) and not symmetric:  # a symmetric W would hide the W vs Wᵀ slip
            return {"w": w, "x": x, "g": g}


def _ts(v: int) -> str:
    """A whole number after an operator, in LaTeX: -3 → (-3)."""
    return f"({v})" if v < 0 else str(v)


def _dot_text(a, b) -> str:
    """A dot product written out, in LaTeX: 1 \\cdot 7 + 2 \\cdot (-8)."""
    return " + ".join(rf"{_ts(p)} \cdot {_ts(q)}" for p, q in zip(a, b, strict=True))


def bmatrix(rows) -> str:
    return r"\begin{bmatrix} " + r" \\ ".join(" & ".join(str(v) for v in r) for r in rows) + r" \end{bmatrix}"


def d(top: str, bottom: str) -> str:
    return rf"\frac{{\partial {top}}}{{\partial {bottom}}}"


def build(w, x, g) -> Variant:
    m, n = len(w), len(x)
    cols = [tuple(w[i][j] for i in range(m)) for j in range(n)]
    y = tuple(sum(w[i][j] * x[j] for j in range(n)) for i in range(m))
    gx = tuple(sum(w[i][j] * g[i] for i in range(m)) for j in range(n))
    gw = tuple(tuple(g[i] * x[j] for j in range(n)) for i in range(m))
    steps = [
        Step(r"$y = W \cdot x$, one row of $W$ at a time:" "\n"
             + "\n".join(f"  $y_{{{i + 1}}} = {_dot_text(w[i], x)} = {y[i]}$" for i in range(m))
             + f"\nso $y = {vec(y)}$.", "Forward"),
        Step(rf"$y_i = \sum_j W_{{ij}} x_j$, so ${d('y_i', 'x_j')} = W_{{ij}}$: the Jacobian is $W$ itself, one row "
             f"per output and one column per input: shape {shape((m, n))}.", "Jacobian"),
        Step(r"$g_x = J^\top g_y = W^\top g_y$: entry $j$ is column $j$ of $W$ dotted with $g_y$:" "\n"
             + "\n".join(f"  $g_x[{j + 1}] = {_dot_text(cols[j], g)} = {gx[j]}$" for j in range(n))
             + f"\nso $g_x = {vec(gx)}$, shape {shape((n,))} like $x$.", "Backward to x"),
        Step(rf"${d('L', 'W_{ij}')} = g_y[i] \cdot x[j]$, so ${d('L', 'W')} = g_y x^\top$, the outer product "
             rf"${shape((m, 1))} \cdot {shape((1, n))} = {shape((m, n))}$, the shape of $W$:" "\n"
             + "\n".join(rf"  row {i + 1}: ${_ts(g[i])} \cdot {vec(x)} = {vec(gw[i])}$" for i in range(m)),
             "Backward to W"),
    ]
    y_mistakes: list[Mistake] = []
    if m == n:
        wt_x = tuple(sum(w[i][j] * x[i] for i in range(m)) for j in range(n))
        if wt_x != y:
            y_mistakes.append(Mistake(vec(wt_x), "You multiplied by the columns of W (that is Wᵀ·x); "
                                                 "yᵢ is row i of W dotted with x."))
    shape_mistakes = (Mistake(shape((n, m)), f"J[i, j] = ∂yᵢ/∂xⱼ: one row per output ({m}) and one column "
                                             f"per input ({n}); J = W has W's shape."),) if m != n else ()
    gx_cands = [
        (tuple(sum(w[i][j] for i in range(m)) for j in range(n)),
         "You added up W's columns; weight row i of W by its upstream gradient g_y[i] first."),
    ]
    if m == n:
        gx_cands.append((tuple(sum(w[j][i] * g[i] for i in range(m)) for j in range(n)),
                         "That is W·g_y; going backward multiplies by the transpose: g_x = Wᵀ·g_y."))
    gx_mistakes, seen = [], {gx}
    for v, why in gx_cands:
        if v not in seen:
            seen.add(v)
            gx_mistakes.append(Mistake(vec(v), why))
    gw_cands = [
        (tuple(tuple(x[i] * g[j] for j in range(m)) for i in range(n)),
         f"That is x·g_yᵀ, the transpose; ∂L/∂W = g_y·xᵀ has W's shape {shape((m, n))}."),
        (tuple(tuple(g[i] * y[j] for j in range(m)) for i in range(m)),
         "The weight gradient pairs the upstream gradient with the layer's input x, not its output y."),
    ]
    gw_mistakes, seen_w = [], {gw}
    for v, why in gw_cands:
        if v not in seen_w:
            seen_w.add(v)
            gw_mistakes.append(Mistake(mat(v), why))
    parts = (
        AnswerSpec(kind="vector", expected=vec(y), label="y", integer=True, mistakes=tuple(y_mistakes)),
        AnswerSpec(kind="shape", expected=shape((m, n)), label="shape of ∂y/∂x", mistakes=shape_mistakes),
        AnswerSpec(kind="vector", expected=vec(gx), label="g_x", integer=True, mistakes=tuple(gx_mistakes)),
        AnswerSpec(kind="matrix", expected=mat(gw), label="∂L/∂W", integer=True, mistakes=tuple(gw_mistakes)),
    )
    spec = AnswerSpec(kind="multi", parts=parts)
    prompt = (
        rf"A linear layer $y = W \cdot x$ has $W = {bmatrix(w)}$ (shape {shape((m, n))}) and input "
        f"$x = {vec(x)}$.\n"
        f"Downstream, a scalar loss $L$ sends back the upstream gradient $g_y = {d('L', 'y')} = {vec(g)}$.\n"
        f"Give, separated by ';': $y$; the shape of the Jacobian ${d('y', 'x')}$; $g_x = {d('L', 'x')}$ (a vector); "
        f"${d('L', 'W')}$ (a matrix [[..], [..]]).\n"
        + precision_sentence(spec)
    )

    return Variant(
        prompt=prompt,
        answer=spec,
        steps=steps,
        hints=[rf"For $y = W \cdot x$ the Jacobian ${d('y', 'x')}$ is $W$. Backward: $g_x = W^\top g_y$ (shape of $x$) "
               rf"and ${d('L', 'W')} = g_y x^\top$ (shape of $W$): upstream gradient outer-product input."],
        figure=Figure("network", {"layers": [n, m], "weights": [list(r) for r in w]}),
    )


TEMPLATES = [
    Template(
        id="calculus.jacobian_linear",
        title="Jacobian of a linear layer; backward shapes",
        topic="calculus",
        draw=draw,
        build=build,
        prerequisites=("calculus.partial_gradient", "matrices.transpose_shapes"),
        difficulty=3,
        # 000 §B.18 is symbolic; the layer is 002 §2.1's W = [[1, 2, 3], [4, 5, 6]], x = [7, 8, 9] → y = [50, 122],
        # with an upstream gradient g_y = [1, 2] chosen here: g_x = [9, 12, 15], ∂L/∂W = [[7, 8, 9], [14, 16, 18]]
        seed_params={"w": ((1, 2, 3), (4, 5, 6)), "x": (7, 8, 9), "g": (1, 2)},
        source="000 §B.18; 002 §2.1",
    )
]
