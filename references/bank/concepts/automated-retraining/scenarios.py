"""Large-input scenarios for the drift monitor: they observe, the grader judges."""
import random


def _samples(seed, n, m, shift, decimals):
    """Triangular samples on [-2, 2] (reference) and [-2.2 + shift, 2.2 + shift] (current)."""
    draw = random.Random(seed).random
    reference = [round(2.0 * (draw() + draw()) - 2.0, decimals) for _ in range(n)]
    current = [round(2.2 * (draw() + draw()) - 2.2 + shift, decimals) for _ in range(m)]
    return reference, current


def large_psi(module, *, n, m, bins, shift, seed):
    """PSI of two samples over `bins` equal-width bins on [-4, 4]."""
    reference, current = _samples(seed, n, m, shift, 3)
    cuts = [-4.0 + 8.0 * k / bins for k in range(1, bins)]
    return {"psi": module.psi(reference, current, cuts)}


def large_ks(module, *, n, m, shift, seed, decimals):
    """KS statistic of two samples rounded to `decimals` places (so with many ties)."""
    reference, current = _samples(seed, n, m, shift, decimals)
    return {"ks": module.ks_statistic(reference, current)}


def large_report(module, *, n, m, bins, shift, seed):
    reference, current = _samples(seed, n, m, shift, 2)
    cuts = [-4.0 + 8.0 * k / bins for k in range(1, bins)]
    return module.drift_report(reference, current, cuts)


def threshold_boundaries(module, *, reference, current, cuts):
    """drift_report with the documented default thresholds (psi 0.2, ks 0.1), and with each
    threshold set exactly to the measured value: "retrain" needs a value *strictly* above it."""
    measured = module.drift_report(reference, current, cuts)
    at_psi = module.drift_report(reference, current, cuts, psi_threshold=measured["psi"], ks_threshold=1.0)
    at_ks = module.drift_report(reference, current, cuts, psi_threshold=1e9, ks_threshold=measured["ks"])
    psi_only = module.drift_report(reference, current, cuts, ks_threshold=1.0)   # default psi threshold
    return {"defaults": measured, "psi_equal_to_threshold": at_psi["retrain"],
            "ks_equal_to_threshold": at_ks["retrain"], "default_psi_threshold_only": psi_only}
