"""Survey the bank: per family over SEEDS seeds, is a coarser answer accepted, is the
canonical answer refused, are numbers asked without a declared precision, and how many
classic mistakes are declared. Usage: python precision_survey.py [SEEDS]"""
import re
import sys
from decimal import ROUND_HALF_UP, Decimal

from tutor.bank import load_bank

NUMBER = re.compile(r"(?<![\w.])[−-]?\d+\.\d+(?:e[−-]?\d+)?|(?<![\w.])[−-]?\d{2,}(?![\w.])")

def coarser(token: str) -> str | None:
    t = token.replace("−", "-")
    d = Decimal(t)
    digits = len(d.as_tuple().digits) - (0 if "." in t else len(t) - len(t.rstrip("0")))
    if digits < 2 or d == 0:
        return None
    exp = d.adjusted() - (digits - 2)
    q = Decimal(1).scaleb(exp)
    r = d.quantize(q, rounding=ROUND_HALF_UP) if exp <= 0 else (d / q).quantize(1, ROUND_HALF_UP) * q
    s = format(r, "f")
    return None if Decimal(s) == d else s

def mistakes_of(spec):
    ms = list(spec.mistakes)
    for part in getattr(spec, "parts", ()) or ():
        ms += mistakes_of(part)
    return ms

def survey(seeds: int):
    import tutor
    print("# tutor from", tutor.__file__)
    bank = load_bank()
    rows = []
    for tid in sorted(bank):
        coarse = refused = 0
        mistakes = 0
        for seed in range(1, seeds + 1):
            p = bank[tid].generate(seed)
            if not p.check(p.answer).correct:
                refused += 1
            mistakes = max(mistakes, len(mistakes_of(p.spec)))
            for match in NUMBER.finditer(p.answer):
                c = coarser(match.group())
                if c is None:
                    continue
                text = p.answer[: match.start()] + c + p.answer[match.end():]
                if p.check(text).correct:
                    coarse += 1
                    break
        rows.append((tid, coarse, refused, mistakes))
    return rows

if __name__ == "__main__":
    seeds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    rows = survey(seeds)
    for tid, coarse, refused, m in rows:
        print(f"{tid:36s} coarse-accepted {coarse:3d}/{seeds}  canonical-refused {refused:3d}  mistakes {m}")
    print(f"families with a coarser answer accepted: {sum(r[1] > 0 for r in rows)} of {len(rows)}")
    print(f"families whose canonical answer is refused: {sum(r[2] > 0 for r in rows)}")
    print(f"families with no declared mistake: {sum(r[3] == 0 for r in rows)}")
