"""Writes the DaCHS import CSVs from the sample tables (exported to CSV by the toolkit jar).

The columns are those of the real tables that the toolkit selects, named and typed as at IRSA and the Gaia archive.
Columns the simulator does not make (AllWISE w3/w4, proper motions) are left empty, which DaCHS imports as NULL.
Values are copied as text, so the doubles the jar printed reach PostgreSQL digit for digit.
usage: make_tables.py IN_DIR OUT_DIR
"""
import csv
import glob
import os
import sys

src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)

ALLWISE = ["cntr", "designation", "ra", "dec", "w1mpro", "w2mpro", "w3mpro", "w4mpro", "w1sigmpro", "w2sigmpro",
           "w3sigmpro", "w4sigmpro", "w1snr", "w2snr", "w3snr", "w4snr", "pmra", "pmdec", "cc_flags", "ext_flg",
           "ph_qual", "nb", "na"]
GAIA = ["source_id", "ra", "dec", "pmra", "pmdec", "parallax", "phot_g_mean_mag", "ref_epoch"]
NEOWISE = ["cntr", "ra", "dec", "mjd", "w1mpro", "w1sigmpro", "w2mpro", "w2sigmpro", "qual_frame", "qi_fact",
           "saa_sep", "moon_masked", "cc_flags", "nb", "na"]
# AllWISE values the simulator has no model for: a point source, one component, not deblended
DEFAULTS = {"ext_flg": "0", "nb": "1", "na": "0"}


def rows(pattern):
    for path in sorted(glob.glob(os.path.join(src, pattern))):
        with open(path, newline="") as f:
            yield from csv.DictReader(f)


def value(row, col):
    v = row.get(col, DEFAULTS.get(col, ""))
    return "" if v in ("NaN", "nan") else v  # NULL, as the archives serve a missing magnitude


def write(name, columns, records, number=None):
    n = 0
    with open(os.path.join(out, name), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(columns)
        for r in records:
            if number:
                r = dict(r, **{number: str(n + 1)})
            w.writerow([value(r, c) for c in columns])
            n += 1
    return n


total = write("allwise_p3as_psd.csv", ALLWISE, rows("wise_hp*.csv"))
total += write("gaia_source.csv", GAIA, rows("gaia_hp*.csv"))
total += write("neowiser_p1bs_psd.csv", NEOWISE, rows("neowise_epochs.csv"), number="cntr")
with open(os.path.join(out, "rows"), "w") as f:
    f.write("%d\n" % total)
