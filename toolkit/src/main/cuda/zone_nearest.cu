// The nearest-neighbour search over the declination-zone index (org.tasni.crossmatch.ZoneIndex), one thread per
// query. This file mirrors ZoneWalk.java and NearestWalk.java line for line, with the same names (in snake_case) and
// the same rules, numbered as in ZoneWalk's javadoc: 1 padding, 2 zone window, 3 RA window, 4 poles, 5 wrap,
// 6 prefilter, 7 separation, 8 tie rule, 9 stopping rule. Change one, change the other: CudaWalkPortTest runs a Java
// port of this file against the CPU kernel and brute force, and checks these constants against ZoneWalk's.
//
// The host computes the query unit vectors and cos(dec) (ZoneWalk.setQuery) and the final separation of the returned
// position, so both backends start from the same bits and report the same separation. Build with -fmad=false so that
// chord sums are not contracted into FMAs and round exactly as on the CPU. See build-ptx.sh.

#define SLACK 1e-9
#define PAD_DEG 1e-9
#define NEAR_TIE 1e-12
#define POLE_DEG 89.999
#define WIDE 0.7
#define MAX_RADIUS_DEG 180.0
#define END 0x7fffffffffffffffLL
#define RA_KEY_SCALE (1099511627776.0 / 360.0)
#define ARCSEC_PER_RAD (180.0 * 3600.0 / M_PI)
#define RAD_PER_DEG 0.017453292519943295
#define DEG_PER_RAD 57.29577951308232

struct Walk {
    // the index (ZoneIndex's arrays)
    double zone_height_deg;
    int n_zones;
    const int *zone_start;
    const long long *ra_key;
    const double *xyz;
    const int *row;
    // the query (ZoneWalk.setQuery, on the host)
    double qx, qy, qz, cos_dec;
    // the geometry of the last search radius (rules 1, 3 and 6)
    double cached_r, r_pad, sin_r_pad, max_chord2;
    // the best match so far (NearestWalk)
    int best_row, best_pos;
    double best_chord2, best_sep_arcsec;
};

// ZoneIndex.raKey: SkyMath.normalizeRa, then 2^40 steps of 360 degrees
__device__ static long long ra_key(double ra_deg) {
    double r = fmod(ra_deg, 360.0);
    if (r < 0) r += 360.0;
    if (r >= 360.0) r = 0.0;
    return (long long)(r * RA_KEY_SCALE);
}

// ZoneIndex.zoneOf
__device__ static int zone_of(double dec_deg, double h, int n_zones) {
    int zi = (int)((dec_deg + 90.0) / h);
    return min(n_zones - 1, max(0, zi));
}

// ZoneIndex.lowerBound: first sorted position of zone zi at or after from whose RA key is >= key
__device__ static int lower_bound(const Walk *w, int zi, int from, long long key) {
    int lo = max(from, w->zone_start[zi]), hi = w->zone_start[zi + 1];
    while (lo < hi) {
        int mid = (lo + hi) >> 1;
        if (w->ra_key[mid] < key) lo = mid + 1; else hi = mid;
    }
    return lo;
}

// ZoneWalk.angleArcsec, rule 7
__device__ static double angle_arcsec(const Walk *w, int pos) {
    double bx = w->xyz[3 * pos], by = w->xyz[3 * pos + 1], bz = w->xyz[3 * pos + 2];
    double cx = w->qy * bz - w->qz * by, cy = w->qz * bx - w->qx * bz, cz = w->qx * by - w->qy * bx;
    return atan2(sqrt(cx * cx + cy * cy + cz * cz), w->qx * bx + w->qy * by + w->qz * bz) * ARCSEC_PER_RAD;
}

// ZoneWalk.radius, rules 1 and 6
__device__ static void radius(Walk *w, double r_deg) {
    if (r_deg != w->cached_r) {
        w->cached_r = r_deg;
        w->r_pad = r_deg * (1 + SLACK) + PAD_DEG;
        w->sin_r_pad = sin(fmin(90.0, w->r_pad) * RAD_PER_DEG);
        double c = 2 * sin(fmin(MAX_RADIUS_DEG, w->r_pad) * RAD_PER_DEG / 2);
        w->max_chord2 = c * c * (1 + SLACK);
    }
}

// ZoneWalk.nextRadius, rule 9
__device__ static double next_radius(double r_deg, double zone_height_deg) {
    return fmin(MAX_RADIUS_DEG, r_deg < zone_height_deg ? zone_height_deg : 2 * r_deg);
}

// ZoneWalk.raHalfWidthDeg, rules 3 and 4
__device__ static double ra_half_width_deg(double dec_deg, double cos_dec, double r_deg, double sin_r) {
    if (fabs(dec_deg) + r_deg >= POLE_DEG) {
        return 360;
    }
    double x = sin_r / cos_dec;
    return x >= WIDE ? 360 : (x / sqrt(1 - x * x)) * DEG_PER_RAD;
}

// NearestWalk.scan: rule 6, then the tie rule 8
__device__ static void scan(Walk *w, int p, int q) {
    const double *v = w->xyz;
    for (int k = p; k < q; k++) {
        double dx = v[3 * k] - w->qx, dy = v[3 * k + 1] - w->qy, dz = v[3 * k + 2] - w->qz;
        double c2 = dx * dx + dy * dy + dz * dz;
        if (c2 > w->max_chord2 || c2 > w->best_chord2 * (1 + NEAR_TIE)) {
            continue;
        }
        if (w->best_pos < 0 || c2 < w->best_chord2 * (1 - NEAR_TIE)) {
            w->best_pos = k;
            w->best_row = w->row[k];
            w->best_chord2 = c2;
        } else {
            // a near-tie in chord: decide on the exact angle, then on the lower right row
            double a = angle_arcsec(w, k), b = angle_arcsec(w, w->best_pos);
            if (a < b || (a == b && w->row[k] < w->best_row)) {
                w->best_pos = k;
                w->best_row = w->row[k];
                w->best_chord2 = fmin(c2, w->best_chord2);
            }
        }
    }
}

// ZoneWalk.scanKeys
__device__ static void scan_keys(Walk *w, int zi, long long key_lo, long long key_hi) {
    int p = lower_bound(w, zi, 0, key_lo);
    int q = key_hi == END ? w->zone_start[zi + 1] : lower_bound(w, zi, p, key_hi + 1);
    scan(w, p, q);
}

// ZoneWalk.walk, rules 1 to 5
__device__ static void walk(Walk *w, double ra, double dec, double r_deg) {
    radius(w, r_deg);
    int z_lo = zone_of(dec - w->r_pad, w->zone_height_deg, w->n_zones);
    int z_hi = zone_of(dec + w->r_pad, w->zone_height_deg, w->n_zones);
    double half = ra_half_width_deg(dec, w->cos_dec, w->r_pad, w->sin_r_pad);
    // no test for an empty zone, as in ZoneWalk.walk: its scans are empty ranges
    for (int zi = z_lo, z_end = z_hi + 1; zi < z_end; zi++) {
        int s = w->zone_start[zi], e = w->zone_start[zi + 1];
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

// NearestWalk.nearest: the stopping rule 9
__device__ static void nearest(Walk *w, double ra, double dec, double radius_arcsec) {
    w->best_row = -1;
    w->best_pos = -1;
    w->best_chord2 = INFINITY;
    w->best_sep_arcsec = INFINITY;
    if (w->zone_start[w->n_zones] == 0) {
        return;
    }
    double r = radius_arcsec / 3600.0;
    while (true) {
        walk(w, ra, dec, r);
        if (w->best_pos >= 0) {
            double sep = angle_arcsec(w, w->best_pos);
            if (sep <= r * 3600.0 | r >= MAX_RADIUS_DEG) {
                w->best_sep_arcsec = sep;
                return;
            }
        }
        if (r >= MAX_RADIUS_DEG) {
            return;
        }
        r = next_radius(r, w->zone_height_deg);
    }
}

// CpuKernel.nearest: one query per thread; writes the sorted position of the nearest point, or -1
extern "C" __global__ void zone_nearest(int n_query, const double *qxs, const double *qys, const double *qzs,
                                        const double *qcos, const double *qra, const double *qdec,
                                        double radius_arcsec, int n_zones, double zone_height_deg,
                                        const int *zone_start, const long long *ra_key, const double *xyz,
                                        const int *row, int *out_pos) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n_query) return;
    Walk w;
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
    w.cached_r = NAN;
    nearest(&w, qra[i], qdec[i], radius_arcsec);
    out_pos[i] = w.best_pos;
}
