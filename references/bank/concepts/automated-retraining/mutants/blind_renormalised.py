# mutant: After flooring at epsilon the bin fractions are renormalised to sum to 1, which the contract forbids.
import bisect
import math


def _check_sample(sample, name):
    if len(sample) == 0:
        raise ValueError(f"{name} must not be empty")


def _check_cuts(cuts):
    if len(cuts) == 0:
        raise ValueError("cuts must not be empty")
    for a, b in zip(cuts, cuts[1:]):
        if not a < b:
            raise ValueError("cuts must be strictly increasing")


def _fractions(sample, cuts):
    counts = [0] * (len(cuts) + 1)
    for x in sample:
        counts[bisect.bisect_right(cuts, x)] += 1
    n = len(sample)
    return [c / n for c in counts]


def psi(reference, current, cuts, epsilon=1e-4):
    """Population Stability Index over the bins (-inf, c0), [c0, c1), ..., [c_last, +inf)."""
    reference = list(reference)
    current = list(current)
    cuts = list(cuts)
    _check_sample(reference, "reference")
    _check_sample(current, "current")
    _check_cuts(cuts)
    if not epsilon > 0:
        raise ValueError("epsilon must be > 0")
    ps = [max(p, epsilon) for p in _fractions(reference, cuts)]
    qs = [max(q, epsilon) for q in _fractions(current, cuts)]
    sp, sq = sum(ps), sum(qs)
    total = 0.0
    for p, q in zip(ps, qs):
        p = p / sp
        q = q / sq
        total += (q - p) * math.log(q / p)
    return float(total)


def ks_statistic(reference, current):
    """Two-sample KS statistic max_x |F_ref(x) - F_cur(x)|, F(x) = fraction of values <= x."""
    a = sorted(reference)
    b = sorted(current)
    _check_sample(a, "reference")
    _check_sample(b, "current")
    n, m = len(a), len(b)
    best = 0.0
    for x in set(a).union(b):
        d = abs(bisect.bisect_right(a, x) / n - bisect.bisect_right(b, x) / m)
        if d > best:
            best = d
    return float(best)


def drift_report(reference, current, cuts, psi_threshold=0.2, ks_threshold=0.1):
    """{"psi": float, "ks": float, "retrain": psi > psi_threshold or ks > ks_threshold}."""
    p = psi(reference, current, cuts)
    k = ks_statistic(reference, current)
    return {"psi": p, "ks": k, "retrain": bool(p > psi_threshold or k > ks_threshold)}
