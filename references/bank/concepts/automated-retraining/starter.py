def psi(reference, current, cuts, epsilon=1e-4):
    """Population Stability Index over the bins (-inf, c0), [c0, c1), ..., [c_last, +inf).

    Bin fractions are floored at epsilon; PSI = sum((q - p) * ln(q / p)), p from reference,
    q from current. Raises ValueError for an empty sample, empty or non-increasing cuts, or
    epsilon <= 0. O((n + m) log b).
    """
    raise NotImplementedError


def ks_statistic(reference, current):
    """Two-sample KS statistic max_x |F_ref(x) - F_cur(x)|, F(x) = fraction of values <= x.

    Raises ValueError for an empty sample. O((n + m) log(n + m)).
    """
    raise NotImplementedError


def drift_report(reference, current, cuts, psi_threshold=0.2, ks_threshold=0.1):
    """{"psi": float, "ks": float, "retrain": psi > psi_threshold or ks > ks_threshold}."""
    raise NotImplementedError
