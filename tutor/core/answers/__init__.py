"""Safe answer checking: parse learner input with a whitelist grammar, compare, explain.

    from tutor.core.answers import check, check_spec, AnswerSpec, Mistake, Verdict
    check("24/25", "0.96")            # Verdict(correct=True, message="", reading="0.96", ...)
    check("0.0004341", "4.3e-4", sig_figs=4)  # close: "… asks for 4 significant figures (you gave 2)."
    check("14336", "14,336", kind="integer")  # correct

Safety. Learner text is data, never code: it is normalised (NFKC plus an explicit map for
− × · ÷ π √ superscripts, full-width forms), tokenized and parsed by our own Pratt parser into
a small AST (numbers, whitelisted names and functions, + - * / ^ ! %, implicit
multiplication, brackets, lists). Length, tokens, bracket depth, parser depth, digits per
literal, exponent sizes and factorials are bounded before anything is built or computed. It
is never passed to ``eval``, ``exec``, ``sympify`` or ``parse_expr``. SymPy is only a fallback
for expressions the numeric check cannot decide: objects are built from our AST in a
killable worker process (``symbolic.py``) and SymPy is never imported with this package.
No exception escapes :func:`check`: unreadable answers give ``invalid=True`` and a message
(with ``position`` for syntax errors).

Kinds (``auto`` infers one from the expected answer):

- ``number`` with a declared precision: the precision contract below.
- ``number`` without one (the tolerance rule, kept until every family declares precision):
  tolerance ``rel_tol`` (absolute floor ``abs_tol``); also accepted: a decimal
  typed with ≥ 3 significant figures that is the expected value correctly rounded (0.167 for
  1/6), and an exact answer that rounds to an author's ≥ 3 s.f. decimal (1/3 for 0.333).
  A whole number typed for a whole-number answer ≥ 10 must match exactly (counts).
  ``close`` marks a
  rounding slip (right to 2 s.f., or within 10× the tolerance). ``0,96`` is rejected with a
  hint to use a decimal point. Built-in diagnoses: sign, percentage, factor 2/100, reciprocal.
- ``integer``: a number under the contract's whole-number rule (below).
- ``expression``: equivalence at ≥ 6 seeded random points in [0.5, 2] (then wider ranges),
  relative 1e-6; juxtaposition binds tighter than ``/`` (``1/2x`` = 1/(2·x)), ``^`` binds
  tighter than juxtaposition (``e^2x`` = e²·x); such readings are echoed in ``reading`` and
  explained when the answer is wrong. Without declared ``variables`` they are read from the
  expected answer, as ``auto`` does (also for ``vector`` and ``matrix``).
- ``vector`` / ``matrix``: entrywise number (or expression) rule, with the declared
  precision applying to every entry; length/shape messages.
- ``shape``: ``(4, 16)``, ``4x16``, ``4 × 16``, ``[4, 16]``, ``(16,)``/``16``,
  ``torch.Size([4, 16])``, symbols ``(B, S, H)``; swapped dimensions are diagnosed.
- ``choice``: case-insensitive, unambiguous prefixes allowed.
- ``multi``: parts separated by ``;`` outside square brackets, one verdict per part. Parts
  split from ``expected`` inherit the whole answer's precision; explicit ``parts`` declare
  their own.

The precision contract (``precision.py``, ``canonical.py``). A number answer declares its
precision once, on the spec: ``sig_figs=N``; ``decimals=N``;
``kind="integer"`` for an exact whole number (``integer=True`` for vector/matrix entries).
``expected`` is then the exact value: a fraction, an expression (``sqrt(41)``), or a
decimal with ≥ 12 significant figures (read as uncertain by half a unit in its last place).
:func:`precision_sentence` writes the prompt's sentence ("Give your answer to 4 significant
figures.") and :func:`canonical_answer` the answer at exactly that precision, trailing zeros
kept (``-0.008570``); ``Problem.answer`` is the latter. Grading is the same whatever the
notation (``0.0004341``, ``4.341e-4``, ``4.341×10^-4``, ``43.41%``, ``14,336``):

- a form exactly equal to the value (``24/31``, ``√41``, ``ln 2``, ``2^20``, ``0.5`` for ½)
  is right;
- a typed decimal whose last digit is at (or beyond) the requested place is right when it
  is the value correctly rounded at its own last digit (ties either way); the trailing
  zeros of a whole number typed without a point may be placeholders (``14300`` is 3-5 s.f.);
- correctly rounded but to fewer digits than requested: wrong, ``close=True``, and the
  message says how many figures or places are asked for;
- enough digits, the last one off by one from the right rounding (0.858 for 0.857493 at
  3 s.f.): wrong, not close, the message points at that digit;
- ``integer``: only the exact whole number (any exact form, thousands separators, ``1.4336e4``);
  one away is diagnosed as off by one (never rounding); a rounded form (``1.43e4``,
  ``14300``) is ``close``; a fraction is "a whole number" wrong;
- anything else is wrong, with the built-in diagnoses (sign, ×100, ×2, ½, reciprocal)
  judged by the same rule. Declared mistakes are matched by the same rule, before "close",
  so a conceptual mistake near the answer gets its own explanation: "close" means a
  rounding slip and nothing else. ``tutor.core.authoring.with_mistakes`` keeps every
  mistake the declared precision can tell apart (no 2 % margin).
"""

from .canonical import canonical_answer, precision_sentence
from .engine import check, check_spec
from .verdict import AnswerSpec, Mistake, Verdict

__all__ = [
    "AnswerSpec",
    "Mistake",
    "Verdict",
    "canonical_answer",
    "check",
    "check_spec",
    "precision_sentence",
]
