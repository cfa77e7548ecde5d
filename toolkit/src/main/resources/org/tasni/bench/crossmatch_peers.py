"""Crossmatch peers for `tasni benchmark crossmatch`: astropy, scipy and scikit-learn on the same positions.

Usage: crossmatch_peers.py DIR RADIUS_ARCSEC PEER[,PEER...]
Reads DIR/{wise,gaia}_{ra,dec}.npy (degrees), writes DIR/orphans_<peer>.npy (bool per WISE row: nearest > R) and
prints one JSON object: {peer: {"match_s": ..., "setup_s": ..., "n_orphans": ..., "peak_rss_mb": ...}} or
{peer: {"error": ...}}. peak_rss_mb is this process's peak so far (VmHWM): run one peer per process for its own.
match_s covers what the toolkit's match_s covers: conversion to unit vectors, the tree build and the query.
"""
import json
import sys
import time

import numpy as np
from peer_memory import peak_mb  # extracted beside this script

d, radius, peers = sys.argv[1], float(sys.argv[2]), sys.argv[3].split(",")
wra, wdec = np.load(f"{d}/wise_ra.npy"), np.load(f"{d}/wise_dec.npy")
gra, gdec = np.load(f"{d}/gaia_ra.npy"), np.load(f"{d}/gaia_dec.npy")


def unit(ra, dec):
    a, b = np.radians(ra), np.radians(dec)
    c = np.cos(b)
    return np.column_stack([c * np.cos(a), c * np.sin(a), np.sin(b)])


def chord_to_arcsec(chord):
    return np.degrees(2 * np.arcsin(np.clip(chord / 2, 0, 1))) * 3600


result = {}
for peer in peers:
    try:
        if peer == "astropy":
            import astropy.units as u
            from astropy.coordinates import SkyCoord, match_coordinates_sky

            t0 = time.perf_counter()
            w = SkyCoord(wra * u.deg, wdec * u.deg)
            g = SkyCoord(gra * u.deg, gdec * u.deg)
            t1 = time.perf_counter()
            _, sep, _ = match_coordinates_sky(w, g)  # builds the KD-tree on g, then queries
            t2 = time.perf_counter()
            sep = sep.arcsec
        elif peer == "scipy":
            from scipy.spatial import cKDTree

            t0 = t1 = time.perf_counter()
            dist, _ = cKDTree(unit(gra, gdec)).query(unit(wra, wdec), k=1)
            t2 = time.perf_counter()
            sep = chord_to_arcsec(dist)
        elif peer == "sklearn":
            from sklearn.neighbors import BallTree

            t0 = t1 = time.perf_counter()
            dist, _ = BallTree(unit(gra, gdec)).query(unit(wra, wdec), k=1)
            t2 = time.perf_counter()
            sep = chord_to_arcsec(dist[:, 0])
        else:
            raise ValueError(f"unknown peer {peer}")
        orphans = sep > radius
        np.save(f"{d}/orphans_{peer}.npy", orphans)
        result[peer] = {"setup_s": t1 - t0, "match_s": t2 - t1, "n_orphans": int(orphans.sum()),
                        "peak_rss_mb": peak_mb()}
    except Exception as e:  # a missing package is reported, not fatal
        result[peer] = {"error": f"{type(e).__name__}: {e}"}
print(json.dumps(result))
