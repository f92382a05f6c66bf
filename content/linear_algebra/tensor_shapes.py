"""Tensor shapes: reshape with −1, permute, broadcasting (000 §A.11, 002 §2.1)."""

import math
import random

from tutor.core.answers import AnswerSpec, Mistake
from tutor.core.formatting import shape
from tutor.core.problems import Step, Template, Variant

SIZES = (2, 3, 4, 5, 6, 8, 10, 12, 16, 32, 64)
PERMS = {
    3: ((0, 2, 1), (1, 0, 2), (2, 0, 1), (1, 2, 0), (2, 1, 0)),
    4: ((0, 2, 3, 1), (0, 3, 1, 2), (0, 2, 1, 3), (0, 1, 3, 2), (0, 3, 2, 1)),
}
LAYOUT = {3: "$(B, S, H)$: batch, sequence, hidden", 4: "$(B, C, H, W)$: batch, channels, height, width"}


def tsh(dims: tuple[int, ...]) -> str:
    """A shape as PyTorch prints it, in a formula: (4, 16), (16{,})."""
    return f"({dims[0]}{{,}})" if len(dims) == 1 else shape(dims)


def _reshape_targets(x: tuple[int, ...]) -> list[tuple[int, ...]]:
    """Reshape arguments with one −1 that make sense for x."""
    a, b = x[0], x[1]
    last = x[-1]
    targets = [(a, -1), (-1, last), (-1,)]
    if len(x) == 3:
        targets.append((a * b, -1))
        targets += [(a, b, h, -1) for h in (2, 4, 8) if last % h == 0 and last // h > 1]
    else:
        targets += [(a, b, -1), (-1, x[2], last)]
    return targets


def _broadcast_operands(rng: random.Random, result: tuple[int, ...]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    while True:
        owners = [rng.choice(["a", "b", "both"]) for _ in result]
        a = tuple(d if o in ("a", "both") else 1 for d, o in zip(result, owners, strict=True))
        b = tuple(d if o in ("b", "both") else 1 for d, o in zip(result, owners, strict=True))
        if rng.random() < 0.6:  # leave out leading size-1 dimensions: they are implied
            if rng.random() < 0.5:
                a = _strip(a)
            else:
                b = _strip(b)
        if _pad(b, len(result)) != result and any(d > 1 for d in b) and any(d > 1 for d in a):
            return a, b


def _strip(s: tuple[int, ...]) -> tuple[int, ...]:
    while len(s) > 1 and s[0] == 1:
        s = s[1:]
    return s


def _pad(s: tuple[int, ...], n: int) -> tuple[int, ...]:
    return (1,) * (n - len(s)) + tuple(s)


def draw(rng: random.Random) -> dict:
    rank = rng.choice([3, 3, 4])
    while True:  # distinct sizes (so a swap shows), a total that stays readable
        x = tuple(rng.sample(SIZES if rank == 3 else SIZES[:9], rank))
        if math.prod(x) <= 8192:
            break
    result = tuple(rng.sample(SIZES[:8], rng.choice([2, 3, 3, 4])))
    a, b = _broadcast_operands(rng, result)
    return {
        "x": x,
        "reshape": rng.choice(_reshape_targets(x)),
        "perm": rng.choice(PERMS[rank]),
        "a": a,
        "b": b,
    }


def _code(args: tuple[int, ...]) -> str:
    return ", ".join(str(v) for v in args)


def _shape_mistakes(expected: tuple, candidates) -> tuple[Mistake, ...]:
    seen = {tuple(expected)}
    out = []
    for dims, explanation in candidates:
        dims = tuple(dims)
        if dims and dims not in seen:
            seen.add(dims)
            out.append(Mistake(shape(dims), explanation))
    return tuple(out)


def _left_aligned(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[tuple[int, ...], bool] | None:
    """The shape a learner writes by lining the shorter shape up with the *first* dimensions of
    the longer one (padding 1s on the right) and taking the larger size in each position, and
    whether that alignment would even be compatible; None when the lengths are equal."""
    if len(a) == len(b):
        return None
    n = max(len(a), len(b))
    pa, pb = tuple(a) + (1,) * (n - len(a)), tuple(b) + (1,) * (n - len(b))
    compatible = all(p == q or 1 in (p, q) for p, q in zip(pa, pb, strict=True))
    return tuple(max(p, q) for p, q in zip(pa, pb, strict=True)), compatible


def build(x, reshape, perm, a, b) -> Variant:
    x, reshape, perm, a, b = tuple(x), tuple(reshape), tuple(perm), tuple(a), tuple(b)
    total = math.prod(x)
    known = math.prod(v for v in reshape if v != -1)
    inferred = total // known
    k = reshape.index(-1)
    reshaped = tuple(inferred if v == -1 else v for v in reshape)
    permuted = tuple(x[p] for p in perm)
    inverse = tuple(sorted(range(len(perm)), key=lambda i: perm[i]))
    n = max(len(a), len(b))
    pa, pb = _pad(a, n), _pad(b, n)
    result = tuple(max(p, q) for p, q in zip(pa, pb, strict=True))

    prompt = (
        f"A tensor $x$ has shape ${tsh(x)}$ (layout {LAYOUT[len(x)]}).\n"
        "Give, separated by ';', the shape of:\n"
        f"  x.reshape({_code(reshape)});\n"
        f"  x.permute({_code(perm)});\n"
        f"  a * b, where $a$ has shape ${tsh(a)}$ and $b$ has shape ${tsh(b)}$ (broadcasting).\n"
        "Write each shape in round brackets with commas, like (d₁, d₂)."
    )
    dot = r" \cdot "
    given = dot.join(str(v) for v in reshape if v != -1)
    count = f"Reshape keeps all ${dot.join(map(str, x))} = {total}$ numbers and only reinterprets them. "
    if known == 1:
        reshape_text = count + f"With −1 alone they become one flat axis: shape ${tsh(reshaped)}$."
    else:
        sizes = (f"The given sizes multiply to ${given} = {known}$" if dot in given
                 else f"The given size is {known}")
        reshape_text = (
            count + rf"{sizes}, so −1 stands for $\frac{{{total}}}{{{known}}} = {inferred}$: "
            f"x.reshape({_code(reshape)}) has shape ${tsh(reshaped)}$."
        )
    steps = [
        Step(
            reshape_text,
            "Reshape",
        ),
        Step(
            f"permute({_code(perm)}) lists, for each new axis, which old axis goes there: "
            + ", ".join(f"new axis {i} ← old axis {p} (size {x[p]})" for i, p in enumerate(perm))
            + f". Shape ${tsh(permuted)}$: the same numbers, axes reordered.",
            "Permute",
        ),
        Step(
            "Broadcasting compares shapes from the right, after padding the shorter one with leading 1s: "
            f"$a$ is ${tsh(pa)}$, $b$ is ${tsh(pb)}$" + (" (padded)" if len(a) != len(b) else "") + ". "
            "In every position the sizes must be equal or one of them 1, and a 1 is stretched to the other size: "
            + ", ".join(rf"$\max({p}, {q}) = {r}$" for p, q, r in zip(pa, pb, result, strict=True))
            + f". a * b has shape ${tsh(result)}$.",
            "Broadcast",
        ),
    ]
    old_at_k = x[k] if k < len(x) else None
    reshape_mistakes = _shape_mistakes(reshaped, [
        (tuple(total if v == -1 else v for v in reshape),
         f"−1 is not the total count: it is the one size that makes the total {total} come out, "
         f"{total} / {known} = {inferred}."),
        (tuple(old_at_k if v == -1 else v for v in reshape) if old_at_k and known * old_at_k != total else (),
         f"−1 does not keep the old size at that position; it is inferred so that the total stays {total}."),
    ])
    permute_mistakes = _shape_mistakes(permuted, [
        (tuple(x[i] for i in inverse),
         f"permute({_code(perm)}) takes old axis {perm[0]}, {perm[1]}, … into new positions 0, 1, …; "
         "you moved each old axis i to position perm[i] instead (the inverse permutation)."),
        (tuple(reversed(x)),
         "permute does not simply reverse the axes: new axis i is old axis perm[i]."),
        (x, f"permute reorders the axes, so the shape changes too: new axis i has the size of old "
            f"axis perm[i], giving {shape(permuted)}."),
    ])
    left = _left_aligned(a, b)
    broadcast_mistakes = _shape_mistakes(result, [
        (tuple(min(p, q) for p, q in zip(pa, pb, strict=True)),
         "A size-1 dimension is stretched to the other operand's size: in each position the result "
         "takes the larger size, not the 1."),
        (left[0] if left else (),
         "Broadcasting aligns shapes from the right (trailing dimensions first): the shorter shape "
         "lines up with the last dimensions of the longer one, and its missing leading ones count as 1"
         + ("." if left and left[1] else
            "; lined up from the left, as here, the sizes would not even match.")),
        (a, f"The result is not just a's shape: b's sizes stretch a's size-1 dimensions too, giving {shape(result)}."),
        (pb if pb != b else (), f"The result is not just b's shape: a's sizes stretch b's size-1 dimensions too, "
                                f"giving {shape(result)}."),
    ])
    parts = (
        AnswerSpec(kind="shape", expected=shape(reshaped), label="reshape", mistakes=reshape_mistakes),
        AnswerSpec(kind="shape", expected=shape(permuted), label="permute", mistakes=permute_mistakes),
        AnswerSpec(kind="shape", expected=shape(result), label="broadcast", mistakes=broadcast_mistakes),
    )
    return Variant(
        prompt=prompt,
        answer=AnswerSpec(kind="multi", expected="; ".join(p.expected for p in parts), parts=parts),
        steps=steps,
        hints=[
            r"reshape keeps the number of elements ($-1 = \frac{\text{total}}{\text{product of the other sizes}}$); "
            "permute(p) puts old axis $p[i]$ at position $i$; broadcasting aligns shapes from the right and "
            "stretches size-1 dimensions.",
        ],
    )


TEMPLATES = [
    Template(
        id="tensors.reshape_broadcast",
        title="Tensor shapes: reshape, permute, broadcasting",
        topic="linear algebra",
        draw=draw,
        build=build,
        prerequisites=("matrices.matmul_shapes",),
        difficulty=2,
        # 000 §A.11: (2, 3, 4) holds 24 numbers, as (6, 4); permute(0, 2, 1) turns (B, S, H) into
        # (B, H, S); (B, 1, H) * (B, S, 1) → (B, S, H)
        seed_params={"x": (2, 3, 4), "reshape": (6, -1), "perm": (0, 2, 1), "a": (2, 1, 4), "b": (2, 3, 1)},
        source="000 §A.11; 002 §2.1",
    )
]
