"""KL divergence between two discrete distributions, in both directions (000 §D.6, §C.26; 002 §2.5)."""

import math
import random

from tutor.core.answers import AnswerSpec, precision_sentence
from tutor.core.authoring import with_mistakes
from tutor.core.formatting import exact_text, figures, num, rounded, vec
from tutor.core.problems import Figure, Step, Template, Variant

SIG_FIGS = 4  # both divergences: 4 significant figures (the prompt's sentence says so)


def sig(x: float) -> str:
    """An intermediate value at 6 significant figures (rounded only at the end)."""
    return figures(x, 6)


def final(x: float) -> str:
    """A result as the canonical answer writes it: exactly 4 significant figures."""
    return rounded(x, sig_figs=SIG_FIGS)


def number(value: float, label: str, candidates) -> AnswerSpec:
    """One number at 4 significant figures, exact expected value, classic slips declared."""
    spec = AnswerSpec(kind="number", expected=exact_text(value), sig_figs=SIG_FIGS, label=label)
    return with_mistakes(spec, candidates)

BERN = (0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9)


def _paren(x: float) -> str:
    """A value after an operator in a formula: 0.336472, (-0.510826)."""
    return f"({sig(x)})" if x < 0 else sig(x)


def kl_of(a: str, b: str) -> str:
    """KL(a ‖ b) in a formula."""
    return rf"\mathrm{{KL}}({a} \,\|\, {b})"


def definition(a: str, b: str) -> str:
    return rf"{kl_of(a, b)} = \sum_x {a}(x) \ln\frac{{{a}(x)}}{{{b}(x)}}"


def kl(p, q) -> float:
    return sum(a * math.log(a / b) for a, b in zip(p, q, strict=True))


def _three(rng: random.Random) -> tuple:
    cuts = sorted(rng.sample(range(1, 10), 2))
    return tuple(round((b - a) * 0.1, 1) for a, b in zip([0, *cuts], [*cuts, 10], strict=True))


def draw(rng: random.Random) -> dict:
    while True:
        if rng.random() < 0.6:
            a, b = rng.sample(BERN, 2)
            if math.isclose(a + b, 1):  # Bern(a) vs Bern(1 − a): the two directions are equal
                continue
            p, q = (a, round(1 - a, 2)), (b, round(1 - b, 2))
        else:
            p, q = _three(rng), rng.choice([_three(rng), (1 / 3, 1 / 3, 1 / 3)])
            if p == q:
                continue
        d1, d2 = kl(p, q), kl(q, p)
        if not math.isclose(d1, d2, rel_tol=0.03) and min(d1, d2) >= 0.02 and max(d1, d2) < 1.5:
            return {"p": p, "q": q}


def _name(dist, letter) -> str:
    if len(dist) == 2:
        return (rf"${letter} = \mathrm{{Bernoulli}}({num(dist[0])})$: ${letter}(1) = {num(dist[0])}$, "
                f"${letter}(0) = {num(dist[1])}$")
    if all(math.isclose(v, 1 / 3) for v in dist):
        return rf"${letter}$ is uniform over 3 outcomes: ${letter} = [\tfrac{{1}}{{3}}, \tfrac{{1}}{{3}}, \tfrac{{1}}{{3}}]$"
    return f"${letter} = {vec(dist)}$ over outcomes (a, b, c)"


def _pv(v) -> str:
    """A probability in a formula: 0.3, or 1/3 as a small fraction."""
    return r"\tfrac{1}{3}" if math.isclose(v, 1 / 3) else num(v)


def _direction(p, q, a, b) -> tuple[str, float]:
    terms = [x * math.log(x / y) for x, y in zip(p, q, strict=True)]
    total = sum(terms)
    text = (
        f"${definition(a, b)} = "
        + " + ".join(rf"{_pv(x)} \cdot \ln\frac{{{_pv(x)}}}{{{_pv(y)}}}" for x, y in zip(p, q, strict=True))
        + "$\n$= " + " + ".join(rf"{_pv(x)} \cdot {_paren(math.log(x / y))}" for x, y in zip(p, q, strict=True))
        + "$\n$= " + " + ".join([sig(terms[0]), *(_paren(t) for t in terms[1:])])
        + rf" \approx {final(total)}$ nats"
    )
    return text, total


def build(p, q) -> Variant:
    p, q = tuple(p), tuple(q)
    text_pq, d_pq = _direction(p, q, "p", "q")
    text_qp, d_qp = _direction(q, p, "q", "p")
    h_p = -sum(x * math.log(x) for x in p)
    h_pq = -sum(x * math.log(y) for x, y in zip(p, q, strict=True))
    h_qp = -sum(y * math.log(x) for x, y in zip(p, q, strict=True))
    uniform = all(math.isclose(v, 1 / len(q)) for v in q)
    kl_uniform = kl_of("p", r"\text{uniform}")
    question = (
        f"Two distributions over the same outcomes:\n  {_name(p, 'p')}\n  {_name(q, 'q')}\n"
        f"Give, separated by ';': ${kl_of('p', 'q')}$; ${kl_of('q', 'p')}$, both in nats (natural log).\n"
    )
    steps = [
        Step(f"${definition('p', 'q')}$: the log-ratio weighted by the first distribution.",
             "Definition"),
        Step(text_pq, "KL(p ‖ q)"),
        Step(rf"In bits, divide by $\ln 2 \approx 0.693147$: "
             rf"$\frac{{{sig(d_pq)}}}{{0.693147}} \approx {final(d_pq / math.log(2))}$ bits.",
             "Units"),
        Step(text_qp, "KL(q ‖ p)"),
        Step(
            rf"${kl_of('p', 'q')} \approx {final(d_pq)}$ and ${kl_of('q', 'p')} \approx {final(d_qp)}$: "
            "different values. KL is not symmetric, so it is not a distance; both are nonnegative "
            "and zero only when $p = q$.",
            "Asymmetry",
        ),
        Step(
            f"${kl_of('p', 'q')} = H(p, q) - H(p)$: cross-entropy "
            rf"$H(p, q) = -\sum_x p(x) \ln q(x) \approx {sig(h_pq)}$ minus entropy "
            rf"$H(p) = -\sum_x p(x) \ln p(x) \approx {sig(h_p)}$ gives {final(h_pq - h_p)} ✓"
            + (rf" ($q$ is uniform, so $H(p, q) = \ln {len(q)} \approx {sig(math.log(len(q)))}$ and "
               rf"${kl_uniform} = \ln {len(q)} - H(p)$.)" if uniform else ""),
            "Check",
        ),
    ]
    h_q = -sum(y * math.log(y) for y in q)
    part1 = number(d_pq, "KL(p ‖ q)", [
        (d_qp, "That is KL(q ‖ p), the other direction. In KL(p ‖ q) the weights and the "
               "numerator of the ratio come from p."),
        (d_pq / math.log(2), "That is the value in bits (log₂). The question asks for nats: use ln."),
        (-d_pq, "The log-ratio is upside down: KL(p ‖ q) uses ln(p/q), and it is never negative."),
        (h_pq, "That is the cross-entropy H(p, q) = −Σ p·ln q. Subtract the entropy H(p) to get KL."),
        (h_p, "That is the entropy H(p) = −Σ p·ln p. KL(p ‖ q) is the cross-entropy H(p, q) minus H(p)."),
        (sum(math.log(x / y) for x, y in zip(p, q, strict=True)),
         "You added the log-ratios without weighting them: multiply each ln(p/q) by p(x)."),
        (sum(y * math.log(x / y) for x, y in zip(p, q, strict=True)),
         "You weighted ln(p/q) by q(x); KL(p ‖ q) weights by p(x)."),
        (sum(x * math.log10(x / y) for x, y in zip(p, q, strict=True)),
         "That uses log₁₀. For nats use the natural log ln."),
    ])
    part2 = number(d_qp, "KL(q ‖ p)", [
        (d_pq, "That is KL(p ‖ q) again. KL is not symmetric: for KL(q ‖ p) weight ln(q/p) by q(x)."),
        (d_qp / math.log(2), "That is the value in bits (log₂). The question asks for nats: use ln."),
        (-d_qp, "The log-ratio is upside down: KL(q ‖ p) uses ln(q/p), and it is never negative."),
        (h_qp, "That is the cross-entropy H(q, p) = −Σ q·ln p. Subtract the entropy H(q) to get KL."),
        (h_q, "That is the entropy H(q) = −Σ q·ln q. KL(q ‖ p) is the cross-entropy H(q, p) minus H(q)."),
        (-d_pq, "You only swapped the ratio to ln(q/p) but kept p as the weights; KL(q ‖ p) weights by q."),
        (sum(math.log(y / x) for x, y in zip(p, q, strict=True)),
         "You added the log-ratios without weighting them: multiply each ln(q/p) by q(x)."),
        (sum(y * math.log10(y / x) for x, y in zip(p, q, strict=True)),
         "That uses log₁₀. For nats use the natural log ln."),
    ])
    answer = AnswerSpec(kind="multi", parts=(part1, part2))
    return Variant(
        prompt=question + precision_sentence(answer),
        answer=answer,
        steps=steps,
        hints=[
            f"${definition('p', 'q')}$. For the reverse direction swap the roles of $p$ and $q$ "
            "in both the weights and the ratio.",
        ],
        figure=Figure("bars", {"values": list(p), "values_q": list(q),
                               "labels": ["x = 1", "x = 0"] if len(p) == 2 else ["a", "b", "c"]}),
    )


TEMPLATES = [
    Template(
        id="info.kl_divergence",
        title="KL divergence and its asymmetry",
        topic="information theory",
        draw=draw,
        build=build,
        prerequisites=("info.cross_entropy",),
        difficulty=2,
        seed_params={"p": (0.3, 0.7), "q": (0.5, 0.5)},
        source="000 §D.6, §C.26; 002 §2.5",
    )
]
