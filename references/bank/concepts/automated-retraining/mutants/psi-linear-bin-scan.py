# mutant: finds each value's bin by scanning the cuts: O(b) per value
import math


def _require_values(name, values):
    if len(values) == 0:
        raise ValueError(f"{name} must not be empty")


def _bin_fractions(values, cuts, epsilon):
    counts = [0] * (len(cuts) + 1)
    for value in values:
        # bisect_right: a value equal to a cut belongs to the bin that starts at that cut.
        index = 0
        while index < len(cuts) and cuts[index] <= value:
            index += 1
        counts[index] += 1
    total = len(values)
    return [max(count / total, epsilon) for count in counts]


def psi(reference, current, cuts, epsilon=1e-4):
    """Population Stability Index over the bins (-inf, c0), [c0, c1), ..., [c_last, +inf).

    Bin fractions are floored at epsilon; PSI = sum((q - p) * ln(q / p)), p from reference,
    q from current. Raises ValueError for an empty sample, empty or non-increasing cuts, or
    epsilon <= 0. O((n + m) log b).
    """
    _require_values("reference", reference)
    _require_values("current", current)
    if len(cuts) == 0:
        raise ValueError("cuts must not be empty")
    if any(left >= right for left, right in zip(cuts, cuts[1:])):
        raise ValueError("cuts must be strictly increasing")
    if epsilon <= 0:
        raise ValueError(f"epsilon must be > 0, got {epsilon!r}")
    expected = _bin_fractions(reference, cuts, epsilon)
    actual = _bin_fractions(current, cuts, epsilon)
    return sum((q - p) * math.log(q / p) for p, q in zip(expected, actual))


def ks_statistic(reference, current):
    """Two-sample KS statistic max_x |F_ref(x) - F_cur(x)|, F(x) = fraction of values <= x.

    Raises ValueError for an empty sample. O((n + m) log(n + m)).
    """
    _require_values("reference", reference)
    _require_values("current", current)
    left, right = sorted(reference), sorted(current)
    n, m = len(left), len(right)
    i = j = 0
    largest = 0.0
    while i < n and j < m:
        x = left[i] if left[i] <= right[j] else right[j]
        # Consume every copy of x in both samples before comparing the two CDFs.
        while i < n and left[i] == x:
            i += 1
        while j < m and right[j] == x:
            j += 1
        largest = max(largest, abs(i / n - j / m))
    # Once one sample is exhausted, the gap only shrinks as the other CDF grows towards 1.
    return largest


def drift_report(reference, current, cuts, psi_threshold=0.2, ks_threshold=0.1):
    """{"psi": float, "ks": float, "retrain": psi > psi_threshold or ks > ks_threshold}."""
    population_stability = psi(reference, current, cuts)
    ks = ks_statistic(reference, current)
    return {
        "psi": population_stability,
        "ks": ks,
        "retrain": population_stability > psi_threshold or ks > ks_threshold,
    }
