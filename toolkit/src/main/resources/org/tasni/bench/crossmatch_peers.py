"""Crossmatch peers for `tasni benchmark crossmatch`: astropy, scipy and scikit-learn on the same positions.

Usage: crossmatch_peers.py DIR RADIUS_ARCSEC PEER[,PEER...] THREADS REPEAT
Reads DIR/{wise,gaia}_{ra,dec}.npy (degrees), writes DIR/orphans_<peer>.npy (bool per WISE row: nearest > R, from the
first call) and prints one JSON object: {peer: {"cold_s": ..., "warm_s": ..., "calls": ..., "same_each_call": ...,
"setup_s": ..., "n_orphans": ..., "threads": ..., "peak_rss_mb": ...}} or {peer: {"error": ..., "missing": bool}}.
Each peer's match is called 1 + REPEAT times in this process: cold_s is the first call (its imports done before, as the
toolkit's classes are loaded before its first call), warm_s the best of the others, as the toolkit's figures are.
same_each_call says whether every call found the first call's orphans. peak_rss_mb is this process's peak so far
(VmHWM): run one peer per process for its own. match_s covers what the toolkit's match_s covers: conversion to unit
vectors, the tree build and the query. THREADS is the toolkit's thread count: scipy's cKDTree queries on that many
workers (its tree build is serial); astropy's match_coordinates_sky and scikit-learn's BallTree query on one thread,
having no such option.
"""
import json
import sys
import time

import numpy as np
from peer_memory import peak_mb  # extracted beside this script

d, radius, peers = sys.argv[1], float(sys.argv[2]), sys.argv[3].split(",")
threads = int(sys.argv[4]) if len(sys.argv) > 4 else 1
repeat = max(1, int(sys.argv[5])) if len(sys.argv) > 5 else 1
wra, wdec = np.load(f"{d}/wise_ra.npy"), np.load(f"{d}/wise_dec.npy")
gra, gdec = np.load(f"{d}/gaia_ra.npy"), np.load(f"{d}/gaia_dec.npy")


def unit(ra, dec):
    a, b = np.radians(ra), np.radians(dec)
    c = np.cos(b)
    return np.column_stack([c * np.cos(a), c * np.sin(a), np.sin(b)])


def chord_to_arcsec(chord):
    return np.degrees(2 * np.arcsin(np.clip(chord / 2, 0, 1))) * 3600


def astropy_match():
    """One call: the SkyCoords made fresh (set-up, not timed: no KD-tree cached from an earlier call), then the match."""
    import astropy.units as u
    from astropy.coordinates import SkyCoord, match_coordinates_sky

    t0 = time.perf_counter()
    w = SkyCoord(wra * u.deg, wdec * u.deg)
    g = SkyCoord(gra * u.deg, gdec * u.deg)
    t1 = time.perf_counter()
    _, sep, _ = match_coordinates_sky(w, g)  # builds the KD-tree on g, then queries
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, sep.arcsec


def scipy_match():
    from scipy.spatial import cKDTree

    t1 = time.perf_counter()
    dist, _ = cKDTree(unit(gra, gdec)).query(unit(wra, wdec), k=1, workers=threads)
    t2 = time.perf_counter()
    return 0.0, t2 - t1, chord_to_arcsec(dist)


def sklearn_match():
    from sklearn.neighbors import BallTree

    t1 = time.perf_counter()
    dist, _ = BallTree(unit(gra, gdec)).query(unit(wra, wdec), k=1)
    t2 = time.perf_counter()
    return 0.0, t2 - t1, chord_to_arcsec(dist[:, 0])


MATCHERS = {"astropy": astropy_match, "scipy": scipy_match, "sklearn": sklearn_match}
USES = {"astropy": "astropy.coordinates", "scipy": "scipy.spatial", "sklearn": "sklearn.neighbors"}
THREADS = {"astropy": 1, "scipy": threads, "sklearn": 1}

result = {}
for peer in peers:
    try:
        if peer not in MATCHERS:
            raise ValueError(f"unknown peer {peer}")
        try:
            __import__(USES[peer])  # imported before the first call, not in it
        except ImportError as e:
            result[peer] = {"error": f"{type(e).__name__}: {e}", "missing": True}
            continue
        times, first, same = [], None, True
        setup = 0.0
        for k in range(1 + repeat):
            s, m, sep = MATCHERS[peer]()
            orphans = sep > radius
            times.append(m)
            if k == 0:
                first, setup = orphans, s
            else:
                same &= bool(np.array_equal(orphans, first))
        np.save(f"{d}/orphans_{peer}.npy", first)
        result[peer] = {"cold_s": times[0], "warm_s": min(times[1:]), "calls": len(times), "same_each_call": same,
                        "setup_s": setup, "n_orphans": int(first.sum()), "threads": THREADS[peer],
                        "peak_rss_mb": peak_mb()}
    except Exception as e:  # reported as the peer's failure, not fatal to the others
        result[peer] = {"error": f"{type(e).__name__}: {e}", "missing": False}
print(json.dumps(result))
