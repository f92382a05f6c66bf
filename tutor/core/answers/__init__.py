"""Safe answer checking: parse learner input with a whitelist grammar, compare, explain.

    from tutor.core.answers import check, check_spec, AnswerSpec, Mistake, Verdict
    check("24/25", "0.96")            # Verdict(correct=True, message="", reading="0.96", ...)

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

- ``number``: tolerance ``rel_tol`` (absolute floor ``abs_tol``); also accepted: a decimal
  typed with ≥ 3 significant figures that is the expected value correctly rounded (0.167 for
  1/6), and an exact answer that rounds to an author's ≥ 3 s.f. decimal (1/3 for 0.333).
  A whole number typed for a whole-number answer ≥ 10 must match exactly (counts).
  ``decimals=N``: the answer must round to the expected at N decimals. ``close`` marks a
  rounding slip (right to 2 s.f., or within 10× the tolerance). ``0,96`` is rejected with a
  hint to use a decimal point. Built-in diagnoses: sign, percentage, factor 2/100, reciprocal.
- ``expression``: equivalence at ≥ 6 seeded random points in [0.5, 2] (then wider ranges),
  relative 1e-6; juxtaposition binds tighter than ``/`` (``1/2x`` = 1/(2·x)), ``^`` binds
  tighter than juxtaposition (``e^2x`` = e²·x); such readings are echoed in ``reading`` and
  explained when the answer is wrong.
- ``vector`` / ``matrix``: entrywise number (or expression) rule; length/shape messages.
- ``shape``: ``(4, 16)``, ``4x16``, ``4 × 16``, ``[4, 16]``, ``(16,)``/``16``,
  ``torch.Size([4, 16])``, symbols ``(B, S, H)``; swapped dimensions are diagnosed.
- ``choice``: case-insensitive, unambiguous prefixes allowed.
- ``multi``: parts separated by ``;`` outside square brackets, one verdict per part.
"""

from .engine import check, check_spec
from .verdict import AnswerSpec, Mistake, Verdict

__all__ = ["AnswerSpec", "Mistake", "Verdict", "check", "check_spec"]
