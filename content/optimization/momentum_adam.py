"""One step of SGD with momentum and of Adam, with bias correction (002 §2.6)."""

import math
import random
from fractions import Fraction

from tutor.core.answers import AnswerSpec, canonical_answer, precision_sentence
from tutor.core.authoring import exact, with_mistakes
from tutor.core.formatting import exact_text, num, pretty, sig, signed
from tutor.core.problems import Figure, Step, Template, Variant


def _number(value, label: str, mistakes) -> AnswerSpec:
    """A number to 4 significant figures (the exact value, or a float for a square root)."""
    return with_mistakes(AnswerSpec(kind="number", expected=exact_text(value), sig_figs=4, label=label), mistakes)

SUB = "₀₁₂₃₄₅₆₇₈₉"
SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"


def sg(x) -> str:
    """4 significant figures, in brackets when negative (to follow an operator)."""
    return f"({pretty(sig(x))})" if x < 0 else sig(x)


def s6(x) -> str:
    """6 significant figures, with a typographic minus (for display)."""
    return pretty(sig(x, 6))


def sg6(x) -> str:
    """6 significant figures, in brackets when negative (to follow an operator)."""
    return f"({s6(x)})" if x < 0 else s6(x)


def draw(rng: random.Random) -> dict:
    t = rng.choice([1, 2, 2])
    grads = tuple(rng.choice([-2, -1.5, -1, -0.5, -0.2, 0.2, 0.4, 0.5, 1, 1.5, 2, 3]) for _ in range(t))
    return {
        "theta": rng.choice([-1, -0.5, 0.5, 1, 1.5, 2]),
        "grads": grads,
        "lr": rng.choice([0.05, 0.1, 0.1, 0.2]),
        "beta": 0.9,
    }


def build(theta, grads, lr, beta, beta1=0.9, beta2=0.999) -> Variant:
    th, a, b, b1, b2 = exact(theta), exact(lr), exact(beta), exact(beta1), exact(beta2)
    G = [exact(g) for g in grads]
    t = len(G)
    T, P = SUB[t], SUP[t]
    # momentum (002 §2.6: accumulate velocity β·v + ∇L)
    vel = Fraction(0)
    vel_lines = []
    for i, g in enumerate(G, 1):
        new = b * vel + g
        vel_lines.append(f"v{SUB[i]} = {num(b)}·{signed(vel)} + {signed(g)} = {pretty(num(new))}")
        vel = new
    th_mom = th - a * vel
    # Adam
    m = v = Fraction(0)
    m_lines, v_lines = [], []
    for i, g in enumerate(G, 1):
        m_new = b1 * m + (1 - b1) * g
        v_new = b2 * v + (1 - b2) * g * g
        m_lines.append(f"m{SUB[i]} = {num(b1)}·{sg6(m)} + {num(1 - b1)}·{signed(g)} = {s6(m_new)}")
        v_lines.append(f"v{SUB[i]} = {num(b2)}·{sg6(v)} + {num(1 - b2)}·{signed(g)}² = {s6(v_new)}")
        m, v = m_new, v_new
    c1, c2 = 1 - b1**t, 1 - b2**t
    m_hat, v_hat = m / c1, v / c2
    root = math.sqrt(v_hat)
    step = float(a * m_hat) / root
    th_adam = float(th) - step
    g_last = G[-1]
    parts = (
        _number(vel, f"the velocity v{T}", [
            (b * (vel - g_last) + (1 - b) * g_last if t > 1 else (1 - b) * g_last,
             "That is an exponential moving average with (1 − β); this momentum form accumulates "
             "v ← β·v + g."),
            (g_last, "The velocity remembers the previous steps: v ← β·v + g, not just the current gradient."),
        ]),
        _number(th_mom, "θ after momentum", [
            (th + a * vel, "Step against the velocity: θ ← θ − α·v."),
            (th - a * g_last, "That is a plain SGD step with the current gradient; momentum steps along v."),
            (th - a * b * vel, "The step uses the whole new velocity v = β·v + g, not β·v alone."),
        ]),
        _number(m_hat, f"m̂{T}", [
            (m, f"That is m{T} before bias correction; divide by 1 − β₁{P} = {s6(c1)}."),
            (m / (1 - b1), f"The correction uses β₁ to the power t = {t}: divide by 1 − β₁{P} = {s6(c1)}."),
        ]),
        _number(v_hat, f"v̂{T}", [
            (v, f"That is v{T} before bias correction; divide by 1 − β₂{P} = {s6(c2)}."),
            (v / (1 - b2), f"The correction uses β₂ to the power t = {t}: divide by 1 − β₂{P} = {s6(c2)}."),
            (math.sqrt(v_hat), f"That is √v̂{T}; v̂ itself is the corrected average of squared gradients."),
            (v_hat * v_hat, "v̂ averages g², not g⁴: square each gradient once."),
        ]),
        _number(th_adam, "θ after Adam", [
            (float(th) + step, "Step against the gradient: θ ← θ − α·m̂/√v̂."),
            (float(th) - float(a * m) / math.sqrt(v), "Use the bias-corrected m̂ and v̂, not the raw m and v."),
            (float(th - a * m_hat / v_hat), "Divide by the square root √v̂, not by v̂."),
            (float(th) - float(a * g_last), "That is a plain SGD step; Adam divides by √v̂."),
            (float(th) - float(a * m_hat) / math.sqrt(v), "Correct both moments: divide m̂ by √v̂, "
                                                         f"not by the raw √v{T}."),
            (float(th) - float(a * m) / math.sqrt(v_hat), f"Correct both moments: use m̂{T}, not the raw m{T}."),
        ]),
    )
    answer = AnswerSpec(kind="multi", expected="; ".join(p.expected for p in parts), parts=parts)
    m_hat_text, v_hat_text, adam_text = (canonical_answer(part) for part in parts[2:])
    f = sig
    g_text = " and ".join(f"g{SUB[i]} = {pretty(num(g))}" for i, g in enumerate(G, 1))
    prompt = (
        f"A parameter receives the gradient{'s' if t > 1 else ''} {g_text} at step{'s' if t > 1 else ''} "
        f"{' and '.join(str(i) for i in range(1, t + 1))}; all optimiser state starts at 0, "
        f"and just before step {t} the parameter is θ = {pretty(num(th))}.\n"
        f"• SGD with momentum: v ← β·v + g, θ ← θ − α·v, with α = {num(a)}, β = {num(b)}.\n"
        f"• Adam with α = {num(a)}, β₁ = {num(b1)}, β₂ = {num(b2)} and bias correction (ignore ε).\n"
        f"Give, separated by ';': the velocity v{T}; θ after the momentum step {t}; Adam's m̂{T}; v̂{T}; "
        f"θ after the Adam step {t}.\n{precision_sentence(answer)}"
    )
    steps = [
        Step("\n".join(vel_lines) + f"\nθ ← θ − α·v{T} = {pretty(num(th))} − {num(a)}·{signed(vel)} = {pretty(num(th_mom))}",
             "SGD with momentum"),
        Step("First moment (moving average of gradients): " + "; ".join(m_lines), "Adam: m"),
        Step("Second moment (moving average of squared gradients): " + "; ".join(v_lines), "Adam: v"),
        Step(f"m̂{T} = m{T} / (1 − β₁{P}) = {s6(m)} / {s6(c1)} {'=' if Fraction(m_hat_text) == m_hat else '≈'} {pretty(m_hat_text)}\n"
             f"v̂{T} = v{T} / (1 − β₂{P}) = {s6(v)} / {s6(c2)} {'=' if Fraction(v_hat_text) == v_hat else '≈'} {v_hat_text}", "Bias correction"),
        Step(f"θ ← θ − α·m̂{T} / (√v̂{T} + ε) = {pretty(num(th))} − {num(a)}·{sg6(m_hat)} / {s6(root)} "
             f"≈ {pretty(num(th))} − {sg6(step)} ≈ {pretty(adam_text)}", "Adam update"),
        Step(
            ("At step 1 the corrected moments are m̂ = g and v̂ = g², so Adam moves by α·g/|g| = "
             f"{num(a)} whatever the gradient's size. " if t == 1 else
             "Adam's step α·m̂/√v̂ is scale-free: doubling every gradient leaves it unchanged. ")
            + f"Without bias correction m{T}/√v{T} = {pretty(f(m))} / {f(math.sqrt(v))} ≈ {pretty(f(float(m) / math.sqrt(v)))}: "
            "the zero-initialised averages would distort the early steps.",
            "Why bias correction",
        ),
    ]
    return Variant(
        prompt=prompt,
        answer=answer,
        steps=steps,
        hints=[
            "Momentum: v ← β·v + g, θ ← θ − α·v.",
            "Adam: m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ), "
            "θ ← θ − α·m̂/(√v̂ + ε).",
        ],
        figure=Figure("optimizer_steps", {"theta": float(th), "momentum": float(th_mom), "adam": th_adam,
                                          "grads": [float(g) for g in G]}, placement="solution"),
    )


TEMPLATES = [
    Template(
        id="optim.momentum_adam",
        title="Momentum and Adam: single steps with bias correction",
        topic="optimization",
        draw=draw,
        build=build,
        prerequisites=("calculus.gradient_descent",),
        difficulty=3,
        # 002 §2.6 gives the defaults β₁ = 0.9, β₂ = 0.999; two steps from zero state
        seed_params={"theta": 1, "grads": (0.5, 0.3), "lr": 0.1, "beta": 0.9},
        source="002 §2.6",
    )
]
