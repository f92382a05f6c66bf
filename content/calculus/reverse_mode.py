"""Reverse-mode autodiff by hand on a small computational graph (002 §2.2)."""

import random

from tutor.core.answers import AnswerSpec, precision_sentence
from tutor.core.authoring import with_mistakes
from tutor.core.formatting import pretty
from tutor.core.problems import Figure, Step, Template, Variant

FORMS = {  # LaTeX
    "wx2": r"z = w \cdot x^2 {c}",
    "wx3": r"z = w \cdot x^3 {c}",
    "square": r"z = (w \cdot x {c})^2",
    "fanout": r"z = w \cdot x^2 {c} \cdot x",
}

# the figure's graph: edges (input → node) and each node's operation
GRAPH_EDGES = {
    "wx2": [["x", "q"], ["q", "p"], ["w", "p"], ["p", "z"]],
    "wx3": [["x", "q"], ["q", "p"], ["w", "p"], ["p", "z"]],
    "square": [["w", "p"], ["x", "p"], ["p", "u"], ["u", "z"]],
    "fanout": [["x", "q"], ["q", "p"], ["w", "p"], ["x", "r"], ["p", "z"], ["r", "z"]],
}
GRAPH_OPS = {
    "wx2": {"q": "x²", "p": "w·q", "z": "p {c}"},
    "wx3": {"q": "x³", "p": "w·q", "z": "p {c}"},
    "square": {"p": "w·x", "u": "p {c}", "z": "u²"},
    "fanout": {"q": "x²", "p": "w·q", "r": "{k}·x", "z": "p + r"},
}


def _c(c: int, form: str) -> str:
    """The constant as it follows an operator: + 5, − 3 (the fan-out form multiplies it by x)."""
    return f"{'+' if c > 0 else '−'} {abs(c)}"


def _ct(c: int) -> str:
    """The constant after an operator, in LaTeX: + 5, - 3."""
    return f"{'+' if c > 0 else '-'} {abs(c)}"


def ts(v: int) -> str:
    """A whole number after an operator, in LaTeX: 3 → 3, -3 → (-3)."""
    return f"({v})" if v < 0 else str(v)


def d(top: str, bottom: str) -> str:
    return rf"\frac{{\partial {top}}}{{\partial {bottom}}}"


def draw(rng: random.Random) -> dict:
    form = rng.choice(sorted(FORMS))
    while True:
        w = rng.choice([-3, -2, -1, 2, 3, 4])
        x = rng.choice([-2, -1, 1, 2] if form == "wx3" else [-3, -2, -1, 1, 2, 3])
        c = rng.choice([-5, -3, -2, -1, 1, 2, 3, 5])
        if w != x:  # so that ∂z/∂x and ∂z/∂w are told apart
            return {"form": form, "w": w, "x": x, "c": c}


def t(v: int) -> str:
    return pretty(str(v))


def build(form, w, x, c) -> Variant:
    graph = FORMS[form].format(c=_ct(c))
    if form in ("wx2", "wx3"):
        n = 2 if form == "wx2" else 3
        sup = "²" if n == 2 else "³"
        q = x ** n
        p = w * q
        z = p + c
        dz_dq = w
        dq_dx = n * x ** (n - 1)
        gx, gw = dz_dq * dq_dx, q
        forward = rf"$q = x^{n} = {q}$, $p = w \cdot q = {p}$, $z = p {_ct(c)} = {z}$"
        backward = [
            f"${d('z', 'z')} = 1$; ${d('z', 'p')} = 1$ (an addition passes the gradient through unchanged)",
            rf"${d('p', 'q')} = w = {w}$ → ${d('z', 'q')} = 1 \cdot {ts(w)} = {dz_dq}$",
            f"${d('q', 'x')} = {n}x{'' if n == 2 else '^2'} = {dq_dx}$ → "
            rf"${d('z', 'x')} = {ts(dz_dq)} \cdot {ts(dq_dx)} = {gx}$",
            rf"${d('p', 'w')} = q = x^{n} = {q}$ → ${d('z', 'w')} = 1 \cdot {ts(q)} = {gw}$",
        ]
        nodes = {"q": q, "p": p, "z": z}
        x_cands = [(dq_dx, f"Multiply by the upstream gradient ∂z/∂q = w = {t(w)}."),
                   (gw, "That is ∂z/∂w; ∂z/∂x flows through q = x" + sup + "."),
                   (w * x ** (n - 1), f"The local derivative of x{sup} is {n}x{'' if n == 2 else '²'}.")]
        w_cands = [(x, f"∂(w·q)/∂w = q = x{sup}, the value that multiplies w."),
                   (gx, "That is ∂z/∂x; ∂z/∂w is the value that multiplies w.")]
    elif form == "square":
        p = w * x
        u = p + c
        z = u * u
        gx, gw = 2 * u * w, 2 * u * x
        forward = rf"$p = w \cdot x = {p}$, $u = p {_ct(c)} = {u}$, $z = u^2 = {z}$"
        backward = [
            f"${d('z', 'z')} = 1$; ${d('z', 'u')} = 2u = {2 * u}$",
            f"${d('u', 'p')} = 1$ → ${d('z', 'p')} = {2 * u}$",
            rf"${d('p', 'x')} = w = {w}$ → ${d('z', 'x')} = {2 * u} \cdot {ts(w)} = {gx}$",
            rf"${d('p', 'w')} = x = {x}$ → ${d('z', 'w')} = {2 * u} \cdot {ts(x)} = {gw}$",
        ]
        nodes = {"p": p, "u": u, "z": z}
        x_cands = [(2 * u, f"That is ∂z/∂u; multiply by the local derivatives down to x (∂p/∂x = w = {t(w)})."),
                   (w, f"Multiply by the upstream gradient ∂z/∂u = 2u = {t(2 * u)}."),
                   (gw, "That is ∂z/∂w; for x the last local derivative is ∂p/∂x = w.")]
        w_cands = [(x, f"Multiply by the upstream gradient ∂z/∂u = 2u = {t(2 * u)}."),
                   (gx, "That is ∂z/∂x; for w the last local derivative is ∂p/∂w = x.")]
    else:  # fanout: x feeds two nodes, so its gradient is a sum
        q = x * x
        p = w * q
        r = c * x
        z = p + r
        gx, gw = w * 2 * x + c, q
        forward = rf"$q = x^2 = {q}$, $p = w \cdot q = {p}$, $r = {c} \cdot x = {r}$, $z = p + r = {z}$"
        backward = [
            f"${d('z', 'z')} = 1$; ${d('z', 'p')} = 1$ and ${d('z', 'r')} = 1$ (an addition passes the gradient "
            "to both inputs)",
            f"${d('p', 'q')} = w = {w}$ → ${d('z', 'q')} = {w}$",
            "$x$ feeds both $q$ and $r$, so its gradient is the sum over both paths: "
            rf"${d('z', 'x')} = {d('z', 'q')} \cdot 2x + {d('z', 'r')} \cdot {ts(c)} = "
            rf"{w} \cdot {ts(2 * x)} + {ts(c)} = {gx}$",
            f"${d('p', 'w')} = q = x^2 = {q}$ → ${d('z', 'w')} = {gw}$",
        ]
        nodes = {"q": q, "p": p, "r": r, "z": z}
        x_cands = [(w * 2 * x, f"x reaches z along two paths (through q and through r): add the second "
                               f"path's {t(c)} as well."),
                   (c, f"x reaches z along two paths: add the path through q, w·2x = {t(w * 2 * x)}."),
                   (gw, "That is ∂z/∂w; ∂z/∂x collects the gradients of both paths from x.")]
        w_cands = [(x, "∂(w·q)/∂w = q = x², the value that multiplies w."),
                   (gx, "That is ∂z/∂x; ∂z/∂w is the value that multiplies w.")]
    steps = [
        Step(forward, "Forward pass"),
        *(Step(text, "Backward pass" if k == 0 else "") for k, text in enumerate(backward)),
        Step(f"One backward pass gives every gradient at once: x.grad = {t(gx)}, w.grad = {t(gw)}.", "Result"),
    ]
    if form == "square":
        z_cands = [(u, f"z is the square of u = {t(u)}: square it.")]
    elif form == "fanout":
        z_cands = [(p, f"Don't forget the term r = {t(c)}·x = {t(r)} in the forward pass.")]
    else:
        z_cands = [(z - c, f"Don't forget the {t(c)} term in the forward pass.")]
    # every value is a whole number: z, ∂z/∂x and ∂z/∂w are exact integers
    parts = (
        with_mistakes(AnswerSpec(kind="integer", expected=str(z), label="z"), z_cands),
        with_mistakes(AnswerSpec(kind="integer", expected=str(gx), label="∂z/∂x"), x_cands),
        with_mistakes(AnswerSpec(kind="integer", expected=str(gw), label="∂z/∂w"), w_cands),
    )
    spec = AnswerSpec(kind="multi", parts=parts)
    prompt = (
        f"A computational graph computes ${graph}$ at $x = {x}$, $w = {w}$.\n"
        "Do a forward pass and then a reverse-mode (backward) pass, as loss.backward() would.\n"
        f"Give, separated by ';': $z$; ${d('z', 'x')}$; ${d('z', 'w')}$.\n{precision_sentence(spec)}"
    )
    return Variant(
        prompt=prompt,
        answer=spec,
        steps=steps,
        hints=[f"Start from ${d('z', 'z')} = 1$ and walk the graph backwards: each node's gradient is the upstream "
               "gradient times its local derivative; where a variable feeds several nodes, add the paths."],
        figure=Figure("dag", {"inputs": {"x": x, "w": w}, "nodes": nodes, "grads": {"x": gx, "w": gw},
                              "edges": GRAPH_EDGES[form],
                              "ops": {k: op.format(c=_c(c, form), k=t(c)) for k, op in GRAPH_OPS[form].items()}},
                      placement="solution"),
    )


TEMPLATES = [
    Template(
        id="calculus.reverse_mode",
        title="Reverse-mode autodiff by hand",
        topic="calculus",
        draw=draw,
        build=build,
        prerequisites=("calculus.partial_gradient",),
        difficulty=2,
        seed_params={"form": "wx2", "w": 3, "x": 2, "c": 5},  # 002 §2.2: z = 17, x.grad = 12, w.grad = 4
        source="002 §2.2",
    )
]
