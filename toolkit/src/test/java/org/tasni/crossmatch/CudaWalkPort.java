package org.tasni.crossmatch;

/**
 * A line-for-line Java port of {@code src/main/cuda/zone_nearest.cu}, with its names, so that the CUDA walk's logic
 * runs (and is tested) on a machine without a GPU. C's {@code fmod}, {@code fmin}, {@code min}, {@code max} and casts
 * are written with their Java equivalents; nothing else differs. Keep it in step with the .cu file.
 */
final class CudaWalkPort {

    // the .cu's #defines; CudaWalkPortTest checks that the .cu has ZoneWalk's values
    static final double SLACK = ZoneWalk.SLACK;
    static final double PAD_DEG = ZoneWalk.PAD_DEG;
    static final double NEAR_TIE = ZoneWalk.NEAR_TIE;
    static final double POLE_DEG = ZoneWalk.POLE_DEG;
    static final double WIDE = ZoneWalk.WIDE;
    static final double MAX_RADIUS_DEG = ZoneWalk.MAX_RADIUS_DEG;
    static final long END = ZoneWalk.END;
    static final double RA_KEY_SCALE = (1099511627776.0 / 360.0);
    static final double ARCSEC_PER_RAD = (180.0 * 3600.0 / Math.PI);
    static final double RAD_PER_DEG = 0.017453292519943295;
    static final double DEG_PER_RAD = 57.29577951308232;

    private CudaWalkPort() {}

    static final class Walk {
        double zone_height_deg;
        int n_zones;
        int[] zone_start;
        long[] ra_key;
        double[] xyz;
        int[] row;
        double qx, qy, qz, cos_dec;
        double cached_r, r_pad, sin_r_pad, max_chord2;
        int best_row, best_pos;
        double best_chord2, best_sep_arcsec;
    }

    static long ra_key(double ra_deg) {
        double r = ra_deg % 360.0;
        if (r < 0) r += 360.0;
        if (r >= 360.0) r = 0.0;
        return (long) (r * RA_KEY_SCALE);
    }

    static int zone_of(double dec_deg, double h, int n_zones) {
        int zi = (int) ((dec_deg + 90.0) / h);
        return Math.min(n_zones - 1, Math.max(0, zi));
    }

    static int lower_bound(Walk w, int zi, int from, long key) {
        int lo = Math.max(from, w.zone_start[zi]), hi = w.zone_start[zi + 1];
        while (lo < hi) {
            int mid = (lo + hi) >> 1;
            if (w.ra_key[mid] < key) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    static double angle_arcsec(Walk w, int pos) {
        double bx = w.xyz[3 * pos], by = w.xyz[3 * pos + 1], bz = w.xyz[3 * pos + 2];
        double cx = w.qy * bz - w.qz * by, cy = w.qz * bx - w.qx * bz, cz = w.qx * by - w.qy * bx;
        return Math.atan2(Math.sqrt(cx * cx + cy * cy + cz * cz), w.qx * bx + w.qy * by + w.qz * bz) * ARCSEC_PER_RAD;
    }

    static void radius(Walk w, double r_deg) {
        if (r_deg != w.cached_r) {
            w.cached_r = r_deg;
            w.r_pad = r_deg * (1 + SLACK) + PAD_DEG;
            w.sin_r_pad = Math.sin(Math.min(90.0, w.r_pad) * RAD_PER_DEG);
            double c = 2 * Math.sin(Math.min(MAX_RADIUS_DEG, w.r_pad) * RAD_PER_DEG / 2);
            w.max_chord2 = c * c * (1 + SLACK);
        }
    }

    static double next_radius(double r_deg, double zone_height_deg) {
        return Math.min(MAX_RADIUS_DEG, r_deg < zone_height_deg ? zone_height_deg : 2 * r_deg);
    }

    static double ra_half_width_deg(double dec_deg, double cos_dec, double r_deg, double sin_r) {
        if (Math.abs(dec_deg) + r_deg >= POLE_DEG) {
            return 360;
        }
        double x = sin_r / cos_dec;
        return x >= WIDE ? 360 : (x / Math.sqrt(1 - x * x)) * DEG_PER_RAD;
    }

    static void scan(Walk w, int p, int q) {
        final double[] v = w.xyz;
        for (int k = p; k < q; k++) {
            double dx = v[3 * k] - w.qx, dy = v[3 * k + 1] - w.qy, dz = v[3 * k + 2] - w.qz;
            double c2 = dx * dx + dy * dy + dz * dz;
            if (c2 > w.max_chord2 || c2 > w.best_chord2 * (1 + NEAR_TIE)) {
                continue;
            }
            if (w.best_pos < 0 || c2 < w.best_chord2 * (1 - NEAR_TIE)) {
                w.best_pos = k;
                w.best_row = w.row[k];
                w.best_chord2 = c2;
            } else {
                double a = angle_arcsec(w, k), b = angle_arcsec(w, w.best_pos);
                if (a < b || (a == b && w.row[k] < w.best_row)) {
                    w.best_pos = k;
                    w.best_row = w.row[k];
                    w.best_chord2 = Math.min(c2, w.best_chord2);
                }
            }
        }
    }

    static void scan_keys(Walk w, int zi, long key_lo, long key_hi) {
        int p = lower_bound(w, zi, 0, key_lo);
        int q = key_hi == END ? w.zone_start[zi + 1] : lower_bound(w, zi, p, key_hi + 1);
        scan(w, p, q);
    }

    static void walk(Walk w, double ra, double dec, double r_deg) {
        radius(w, r_deg);
        int z_lo = zone_of(dec - w.r_pad, w.zone_height_deg, w.n_zones);
        int z_hi = zone_of(dec + w.r_pad, w.zone_height_deg, w.n_zones);
        double half = ra_half_width_deg(dec, w.cos_dec, w.r_pad, w.sin_r_pad);
        // no test for an empty zone, as in ZoneWalk.walk: its scans are empty ranges
        for (int zi = z_lo, z_end = z_hi + 1; zi < z_end; zi++) {
            int s = w.zone_start[zi], e = w.zone_start[zi + 1];
            if (half >= 180) {
                scan(w, s, e);
                continue;
            }
            double lo = ra - half, hi = ra + half;
            if (lo < 0) {
                scan_keys(w, zi, ra_key(lo + 360), END);
                scan_keys(w, zi, 0, ra_key(hi));
            } else if (hi >= 360) {
                scan_keys(w, zi, ra_key(lo), END);
                scan_keys(w, zi, 0, ra_key(hi - 360));
            } else {
                scan_keys(w, zi, ra_key(lo), ra_key(hi));
            }
        }
    }

    static void nearest(Walk w, double ra, double dec, double radius_arcsec) {
        w.best_row = -1;
        w.best_pos = -1;
        w.best_chord2 = Double.POSITIVE_INFINITY;
        w.best_sep_arcsec = Double.POSITIVE_INFINITY;
        if (w.zone_start[w.n_zones] == 0) {
            return;
        }
        double r = radius_arcsec / 3600.0;
        while (true) {
            walk(w, ra, dec, r);
            if (w.best_pos >= 0) {
                double sep = angle_arcsec(w, w.best_pos);
                if (sep <= r * 3600.0 | r >= MAX_RADIUS_DEG) {
                    w.best_sep_arcsec = sep;
                    return;
                }
            }
            if (r >= MAX_RADIUS_DEG) {
                return;
            }
            r = next_radius(r, w.zone_height_deg);
        }
    }

    /** The kernel, with a loop over i for the grid of threads. */
    static void zone_nearest(int n_query, double[] qxs, double[] qys, double[] qzs, double[] qcos, double[] qra,
            double[] qdec, double radius_arcsec, int n_zones, double zone_height_deg, int[] zone_start, long[] ra_key,
            double[] xyz, int[] row, int[] out_pos) {
        for (int i = 0; i < n_query; i++) {
            Walk w = new Walk();
            w.zone_height_deg = zone_height_deg;
            w.n_zones = n_zones;
            w.zone_start = zone_start;
            w.ra_key = ra_key;
            w.xyz = xyz;
            w.row = row;
            w.qx = qxs[i];
            w.qy = qys[i];
            w.qz = qzs[i];
            w.cos_dec = qcos[i];
            w.cached_r = Double.NaN;
            nearest(w, qra[i], qdec[i], radius_arcsec);
            out_pos[i] = w.best_pos;
        }
    }

    /**
     * What {@link GpuKernel#nearest} does around the kernel, with this port in place of the device: the host's query
     * vectors in, the host's separation of the returned position out.
     */
    static void nearestOnHost(ZoneIndex idx, double[] ra, double[] dec, int[] rows, double radiusArcsec, int[] outRow,
            double[] outSep) {
        GpuKernel.Queries q = GpuKernel.Queries.of(idx, ra, dec, rows);
        int[] pos = new int[rows.length];
        zone_nearest(rows.length, q.x, q.y, q.z, q.cosDec, q.ra, q.dec, radiusArcsec, idx.nZones, idx.zoneHeightDeg,
                idx.zoneStart, idx.raKey, idx.xyz, idx.row, pos);
        q.finish(pos, outRow, outSep);
    }
}
