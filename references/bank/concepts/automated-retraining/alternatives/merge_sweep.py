# alternative: PSI bins counted per distinct value (Counter) with bisect_right; KS by a two-pointer sweep over both sorted samples consuming all ties.
import math
from bisect import bisect_right
from collections import Counter


def _bin_index(cuts, x):
    # number of cuts <= x: index of the bin [c_{k-1}, c_k) containing x
    return bisect_right(cuts, x)


def _validate(reference, current):
    if not reference or not current:
        raise ValueError("reference and current must be non-empty")


def psi(reference, current, cuts, epsilon=1e-4):
    """Population Stability Index over the bins (-inf, c0), [c0, c1), ..., [c_last, +inf)."""
    reference = list(reference)
    current = list(current)
    cuts = list(cuts)
    _validate(reference, current)
    if not cuts or any(cuts[i] >= cuts[i + 1] for i in range(len(cuts) - 1)):
        raise ValueError("cuts must be a non-empty strictly increasing list")
    if epsilon <= 0:
        raise ValueError("epsilon must be positive")
    nbins = len(cuts) + 1
    ref_counts = [0] * nbins
    cur_counts = [0] * nbins
    for value, cnt in Counter(reference).items():
        ref_counts[_bin_index(cuts, value)] += cnt
    for value, cnt in Counter(current).items():
        cur_counts[_bin_index(cuts, value)] += cnt
    n, m = len(reference), len(current)
    result = 0.0
    for rc, cc in zip(ref_counts, cur_counts):
        if rc == 0 and cc == 0:
            continue  # both floored to epsilon: contributes exactly 0
        p = max(rc / n, epsilon)
        q = max(cc / m, epsilon)
        result += (q - p) * math.log(q / p)
    return result


def ks_statistic(reference, current):
    """Two-sample KS statistic max_x |F_ref(x) - F_cur(x)|, F(x) = fraction of values <= x."""
    reference = list(reference)
    current = list(current)
    _validate(reference, current)
    a = sorted(reference)
    b = sorted(current)
    n, m = len(a), len(b)
    i = j = 0
    d = 0.0
    while i < n or j < m:
        if j >= m or (i < n and a[i] <= b[j]):
            x = a[i]
        else:
            x = b[j]
        while i < n and a[i] == x:
            i += 1
        while j < m and b[j] == x:
            j += 1
        gap = abs(i / n - j / m)
        if gap > d:
            d = gap
    return d


def drift_report(reference, current, cuts, psi_threshold=0.2, ks_threshold=0.1):
    """{"psi": float, "ks": float, "retrain": psi > psi_threshold or ks > ks_threshold}."""
    value_psi = psi(reference, current, cuts)
    value_ks = ks_statistic(reference, current)
    retrain = value_psi > psi_threshold or value_ks > ks_threshold
    return {"psi": float(value_psi), "ks": float(value_ks), "retrain": bool(retrain)}
