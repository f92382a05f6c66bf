"""One step of SGD with momentum and of Adam, with bias correction (002 §2.6)."""

import math
import random
from fractions import Fraction

from tutor.core.answers import AnswerSpec, canonical_answer, precision_sentence
from tutor.core.authoring import exact, with_mistakes
from tutor.core.formatting import exact_text, num, pretty, sig
from tutor.core.problems import Figure, Step, Template, Variant


def _number(value, label: str, mistakes) -> AnswerSpec:
    """A number to 4 significant figures (the exact value, or a float for a square root)."""
    return with_mistakes(AnswerSpec(kind="number", expected=exact_text(value), sig_figs=4, label=label), mistakes)

SUB = "₀₁₂₃₄₅₆₇₈₉"
SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"


def s6(x) -> str:
    """6 significant figures, with a typographic minus (for display)."""
    return pretty(sig(x, 6))


def tn(x) -> str:
    """A number after an operator, in LaTeX: -1 → (-1)."""
    return f"({num(x)})" if x < 0 else num(x)


def tg6(x) -> str:
    """6 significant figures after an operator, in LaTeX: -0.1 → (-0.1)."""
    return f"({sig(x, 6)})" if x < 0 else sig(x, 6)


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
        vel_lines.append(rf"$v_{{{i}}} = {num(b)} \cdot {tn(vel)} + {tn(g)} = {num(new)}$")
        vel = new
    th_mom = th - a * vel
    # Adam
    m = v = Fraction(0)
    m_lines, v_lines = [], []
    for i, g in enumerate(G, 1):
        m_new = b1 * m + (1 - b1) * g
        v_new = b2 * v + (1 - b2) * g * g
        m_lines.append(rf"$m_{{{i}}} = {num(b1)} \cdot {tg6(m)} + {num(1 - b1)} \cdot {tn(g)} = {sig(m_new, 6)}$")
        v_lines.append(rf"$v_{{{i}}} = {num(b2)} \cdot {tg6(v)} + {num(1 - b2)} \cdot {tn(g)}^2 = {sig(v_new, 6)}$")
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
    g_text = " and ".join(f"$g_{{{i}}} = {num(g)}$" for i, g in enumerate(G, 1))
    tt = f"{{{t}}}"  # the step as a LaTeX subscript or power
    m_hat_t, v_hat_t = rf"\hat{{m}}_{tt}", rf"\hat{{v}}_{tt}"
    prompt = (
        f"A parameter receives the gradient{'s' if t > 1 else ''} {g_text} at step{'s' if t > 1 else ''} "
        f"{' and '.join(str(i) for i in range(1, t + 1))}; all optimiser state starts at 0, "
        rf"and just before step {t} the parameter is $\theta = {num(th)}$." "\n"
        r"• SGD with momentum: $v \leftarrow \beta \cdot v + g$, $\theta \leftarrow \theta - \alpha \cdot v$, "
        rf"with $\alpha = {num(a)}$, $\beta = {num(b)}$." "\n"
        rf"• Adam with $\alpha = {num(a)}$, $\beta_1 = {num(b1)}$, $\beta_2 = {num(b2)}$ and bias correction "
        r"(ignore $\epsilon$)." "\n"
        rf"Give, separated by ';': the velocity $v_{tt}$; $\theta$ after the momentum step {t}; Adam's ${m_hat_t}$; "
        rf"${v_hat_t}$; $\theta$ after the Adam step {t}." "\n" f"{precision_sentence(answer)}"
    )
    m_rel = "=" if Fraction(m_hat_text) == m_hat else r"\approx"
    v_rel = "=" if Fraction(v_hat_text) == v_hat else r"\approx"
    steps = [
        Step("\n".join(vel_lines) + "\n"
             + rf"$\theta \leftarrow \theta - \alpha \cdot v_{tt} = {num(th)} - {num(a)} \cdot {tn(vel)} = {num(th_mom)}$",
             "SGD with momentum"),
        Step("First moment (moving average of gradients): " + "; ".join(m_lines), "Adam: m"),
        Step("Second moment (moving average of squared gradients): " + "; ".join(v_lines), "Adam: v"),
        Step(rf"${m_hat_t} = \frac{{m_{tt}}}{{1 - \beta_1^{tt}}} = \frac{{{sig(m, 6)}}}{{{sig(c1, 6)}}} {m_rel} {m_hat_text}$"
             "\n"
             rf"${v_hat_t} = \frac{{v_{tt}}}{{1 - \beta_2^{tt}}} = \frac{{{sig(v, 6)}}}{{{sig(c2, 6)}}} {v_rel} {v_hat_text}$",
             "Bias correction"),
        Step(rf"$\theta \leftarrow \theta - \alpha \cdot \frac{{{m_hat_t}}}{{\sqrt{{{v_hat_t}}} + \epsilon}} = "
             rf"{num(th)} - {num(a)} \cdot \frac{{{sig(m_hat, 6)}}}{{{sig(root, 6)}}} "
             rf"\approx {num(th)} - {tg6(step)} \approx {adam_text}$", "Adam update"),
        Step(
            (r"At step 1 the corrected moments are $\hat{m} = g$ and $\hat{v} = g^2$, so Adam moves by "
             rf"$\alpha \cdot \frac{{g}}{{|g|}} = {num(a)}$ whatever the gradient's size. " if t == 1 else
             r"Adam's step $\alpha \cdot \frac{\hat{m}}{\sqrt{\hat{v}}}$ is scale-free: doubling every gradient "
             "leaves it unchanged. ")
            + rf"Without bias correction $\frac{{m_{tt}}}{{\sqrt{{v_{tt}}}}} = \frac{{{f(m)}}}{{{f(math.sqrt(v))}}} "
            rf"\approx {f(float(m) / math.sqrt(v))}$: "
            "the zero-initialised averages would distort the early steps.",
            "Why bias correction",
        ),
    ]
    return Variant(
        prompt=prompt,
        answer=answer,
        steps=steps,
        hints=[
            r"Momentum: $v \leftarrow \beta \cdot v + g$, $\theta \leftarrow \theta - \alpha \cdot v$.",
            r"Adam: $m \leftarrow \beta_1 m + (1 - \beta_1) g$, $v \leftarrow \beta_2 v + (1 - \beta_2) g^2$, "
            r"$\hat{m} = \frac{m}{1 - \beta_1^t}$, $\hat{v} = \frac{v}{1 - \beta_2^t}$, "
            r"$\theta \leftarrow \theta - \alpha \cdot \frac{\hat{m}}{\sqrt{\hat{v}} + \epsilon}$.",
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
