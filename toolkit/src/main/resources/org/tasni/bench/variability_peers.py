"""Variability peers for `tasni benchmark variability`: a vectorised numpy group-by of the standard statistics, and
astropy's LombScargle.

Usage: variability_peers.py DIR PEER[,PEER...] N_LC REPEAT
Reads DIR/{mjd,w1,e1,w2,e2}.npy (sources x epochs, equal lengths; NaN = missing). numpy: n, weighted mean, rms,
reduced chi2, von Neumann eta, WLS trend with its error and p (Student t, scipy.special.stdtr) and Stetson K per band,
and Stetson J over both, with the robust mean, as the toolkit defines them; writes each statistic of the first call as
DIR/numpy_<the toolkit's column>.npy and lists them in "statistics". astropy: the reference's periodogram grid
(10,000 linear steps, 0.001-2 /d) on the first N_LC W1 light curves, with method="fast" (astropy's auto choice) and
"cython" (exact); writes DIR/astropy_period_{fast,cython}.npy (the first call's).
Each peer's work is done 1 + REPEAT times in this process, its imports before the first: cold_s is the first call,
warm_s the best of the others, as the toolkit's figures are; same_each_call says whether every call gave the first's
answer. Prints one JSON object with those per peer and peak_rss_mb (VmHWM, this process's peak so far: run one peer per
process for its own), or {peer: {"error": ..., "missing": true}} when a package is not installed.
"""
import json
import sys
import time

import numpy as np
from peer_memory import peak_mb  # extracted beside this script

d, peers, n_lc = sys.argv[1], sys.argv[2].split(","), int(sys.argv[3])
repeat = max(1, int(sys.argv[4])) if len(sys.argv) > 4 else 1
t = np.load(f"{d}/mjd.npy")
bands = {"w1": (np.load(f"{d}/w1.npy").astype(float), np.load(f"{d}/e1.npy").astype(float)),
         "w2": (np.load(f"{d}/w2.npy").astype(float), np.load(f"{d}/e2.npy").astype(float))}
result = {}


def band_stats(m, e):
    ok = np.isfinite(m) & (e > 0) & np.isfinite(e) & np.isfinite(t)
    w = np.where(ok, 1 / np.where(ok, e, 1) ** 2, 0.0)
    mm = np.where(ok, m, 0.0)
    n = ok.sum(1)
    sw = w.sum(1)
    mw = (w * mm).sum(1) / sw
    mean = mm.sum(1) / n
    var = (np.where(ok, mm - mean[:, None], 0) ** 2).sum(1) / (n - 1)
    chi2 = (w * (mm - mw[:, None]) ** 2).sum(1) / (n - 1)
    # von Neumann eta over consecutive usable epochs (all usable here: equal-length rows)
    dd = (np.diff(mm, axis=1) ** 2 * (ok[:, 1:] & ok[:, :-1])).sum(1)
    eta = dd / ((n - 1) * var)
    x = (t - t[:, :1]) / 365.25
    xw = (w * x).sum(1) / sw
    yw = mw
    sxx = (w * (x - xw[:, None]) ** 2).sum(1)
    sxy = (w * (x - xw[:, None]) * (mm - yw[:, None])).sum(1)
    syy = (w * (mm - yw[:, None]) ** 2).sum(1)
    b = sxy / sxx
    se = np.sqrt(np.maximum(syy - b * sxy, 0) / (n - 2) / sxx)
    p = 2 * stdtr(n - 2, -np.abs(b / se))
    # Stetson robust mean: weighted-mean start, alpha = beta = 2, cesium's stopping rule, all sources at once
    x0 = mw.copy()
    active = np.ones(len(x0), bool)
    for _ in range(20):
        r = 0.5 * (mm - x0[:, None]) * np.sqrt(w)
        w1 = w / (1 + r * r)
        diff = (w1 * mm).sum(1) / w1.sum(1) - x0
        diff = np.where(active, diff, 0)
        x0 = x0 + diff
        active &= ~((np.abs(diff) < 1e-6 * np.abs(x0)) | (np.abs(diff) < 1e-6))
        if not active.any():
            break
    delta = np.where(ok, np.sqrt(n / (n - 1))[:, None] * (mm - x0[:, None]) * np.sqrt(w), 0)
    k = (np.abs(delta).sum(1) / n) / np.sqrt((delta ** 2).sum(1) / n)
    return dict(n=n, mean=mw, rms=np.sqrt(var), chi2=chi2, eta=eta, trend=b, trend_err=se, p=p, ok=ok, delta=delta, k=k)


def all_stats():
    s1 = band_stats(*bands["w1"])
    s2 = band_stats(*bands["w2"])
    both = s1["ok"] & s2["ok"]
    pk = np.where(both, s1["delta"] * s2["delta"],
                  np.where(s1["ok"], s1["delta"] ** 2 - 1, np.where(s2["ok"], s2["delta"] ** 2 - 1, np.nan)))
    j = np.nanmean(np.sign(pk) * np.sqrt(np.abs(pk)), axis=1)
    return s1, s2, j


def columns(s1, s2, j):
    """Every statistic computed, under the toolkit's column names."""
    out = {}
    for b, s in (("w1", s1), ("w2", s2)):
        out.update({f"n_{b}": s["n"], f"mean_{b}": s["mean"], f"rms_{b}": s["rms"], f"chi2_{b}": s["chi2"],
                    f"eta_{b}": s["eta"], f"trend_{b}_mag_yr": s["trend"], f"trend_{b}_err": s["trend_err"],
                    f"trend_{b}_p": s["p"], f"stetson_k_{b}": s["k"]})
    out["stetson_j"] = j
    return {k: np.asarray(v, dtype=float) for k, v in out.items()}


if "numpy" in peers:
    try:
        from scipy.special import stdtr  # imported before the first call, not in it
    except ImportError as e:
        result["numpy"] = {"error": f"{type(e).__name__}: {e} (the trend's p needs scipy)", "missing": True}
        peers = [p for p in peers if p != "numpy"]

if "numpy" in peers:
    times, first, same = [], None, True
    for k in range(1 + repeat):
        t0 = time.perf_counter()
        stats = all_stats()
        t1 = time.perf_counter()
        times.append(t1 - t0)
        cols = columns(*stats)
        if k == 0:
            first = cols
        else:
            same &= all(np.array_equal(cols[c], first[c], equal_nan=True) for c in first)
    for c, v in first.items():
        np.save(f"{d}/numpy_{c}.npy", v)
    result["numpy"] = {"cold_s": times[0], "warm_s": min(times[1:]), "calls": len(times), "same_each_call": same,
                       "statistics": list(first), "peak_rss_mb": peak_mb()}

try:
    from astropy.timeseries import LombScargle
except ImportError as e:  # a missing package is reported, not fatal
    if "astropy" in peers:
        result["astropy"] = {"error": f"{type(e).__name__}: {e}", "missing": True}
    peers = [p for p in peers if p != "astropy"]

if "astropy" in peers:
    freq = np.linspace(1 / 1000, 1 / 0.5, 10000)
    m, e = bands["w1"]
    for method in ("fast", "cython"):
        times, first, same = [], None, True
        for k in range(1 + repeat):
            periods = np.empty(n_lc)
            t0 = time.perf_counter()
            for i in range(n_lc):
                ok = np.isfinite(m[i]) & (e[i] > 0)
                power = LombScargle(t[i][ok], m[i][ok], e[i][ok]).power(freq, method=method)
                periods[i] = 1 / freq[np.argmax(power)]
            t1 = time.perf_counter()
            times.append(t1 - t0)
            if k == 0:
                first = periods
            else:
                same &= bool(np.array_equal(periods, first))
        np.save(f"{d}/astropy_period_{method}.npy", first)
        result[f"astropy_{method}"] = {"cold_s": times[0], "warm_s": min(times[1:]), "calls": len(times),
                                       "same_each_call": same, "n_lc": n_lc, "peak_rss_mb": peak_mb()}
print(json.dumps(result))
