// Nearest-neighbour search over the declination-zone index (org.tasni.crossmatch.ZoneIndex), one thread per query.
// It is the CPU kernel's algorithm (CpuKernel.Search.nearest), not a dense N x M distance matrix: each query visits
// the zones overlapping its search circle, binary-searches the RA window in each, and widens the radius (R, then the
// zone height, then doubling) until a neighbour lies within it.
//
// Query unit vectors come from the host, and the host recomputes the final separation of the returned position, so
// the match decision uses the same arithmetic as the CPU backend. Build with -fmad=false so that chord sums are not
// contracted into FMAs and round exactly as on the CPU. See build-ptx.sh.

#define SLACK 1e-9

__device__ static double ra_half_width_deg(double dec, double r) {
    if (fabs(dec) + r >= 89.999) return 360.0;
    double s = sin(r * M_PI / 180.0) / cos(dec * M_PI / 180.0);
    return s >= 1.0 ? 360.0 : asin(s) * 180.0 / M_PI;
}

__device__ static long long ra_key(double ra) {
    double r = fmod(ra, 360.0);
    if (r < 0) r += 360.0;
    if (r >= 360.0) r = 0.0;
    return (long long)(r * (1099511627776.0 / 360.0)); // 2^40 steps of 360 degrees, as ZoneIndex.RA_KEY_SCALE
}

__device__ static int zone_of(double dec, double h, int n_zones) {
    int zi = (int)((dec + 90.0) / h);
    return min(n_zones - 1, max(0, zi));
}

__device__ static int lower_bound(const long long *keys, int lo, int hi, long long key) {
    while (lo < hi) {
        int mid = (lo + hi) >> 1;
        if (keys[mid] < key) lo = mid + 1; else hi = mid;
    }
    return lo;
}

__device__ static void scan_range(int p, int q, const double *xyz, const int *row,
                                  double qx, double qy, double qz, double max_c2,
                                  int *best_pos, int *best_row, double *best_c2) {
    for (int k = p; k < q; k++) {
        double dx = xyz[3 * k] - qx, dy = xyz[3 * k + 1] - qy, dz = xyz[3 * k + 2] - qz;
        double c2 = dx * dx + dy * dy + dz * dz;
        if (c2 > max_c2) continue;
        // ties in chord go to the lower right row, as on the CPU
        if (*best_pos < 0 || c2 < *best_c2 || (c2 == *best_c2 && row[k] < *best_row)) {
            *best_pos = k; *best_row = row[k]; *best_c2 = c2;
        }
    }
}

extern "C" __global__ void zone_nearest(int n_query, const double *qxs, const double *qys, const double *qzs,
                                        const double *qra, const double *qdec, double radius_deg,
                                        int n_zones, double h, const int *zone_start, const long long *keys,
                                        const double *xyz, const int *row,
                                        int *out_pos) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n_query) return;
    double qx = qxs[i], qy = qys[i], qz = qzs[i], ra = qra[i], dec = qdec[i];
    int best_pos = -1, best_row = -1;
    double best_c2 = 1e300;
    double r = radius_deg;
    while (true) {
        double r_pad = r * (1 + SLACK) + 1e-9;
        double c = 2 * sin(fmin(180.0, r_pad) * M_PI / 360.0);
        double max_c2 = c * c * (1 + SLACK);
        int z_lo = zone_of(dec - r_pad, h, n_zones), z_hi = zone_of(dec + r_pad, h, n_zones);
        double half = ra_half_width_deg(dec, r_pad);
        for (int zi = z_lo; zi <= z_hi; zi++) {
            int s = zone_start[zi], e = zone_start[zi + 1];
            if (s == e) continue;
            if (half >= 180) { scan_range(s, e, xyz, row, qx, qy, qz, max_c2, &best_pos, &best_row, &best_c2); continue; }
            double lo = ra - half, hi = ra + half;
            long long k_lo[2], k_hi[2];
            int parts = 1;
            if (lo < 0) { k_lo[0] = ra_key(lo + 360); k_hi[0] = -1; k_lo[1] = 0; k_hi[1] = ra_key(hi); parts = 2; }
            else if (hi >= 360) { k_lo[0] = ra_key(lo); k_hi[0] = -1; k_lo[1] = 0; k_hi[1] = ra_key(hi - 360); parts = 2; }
            else { k_lo[0] = ra_key(lo); k_hi[0] = ra_key(hi); }
            for (int part = 0; part < parts; part++) {
                int p = lower_bound(keys, s, e, k_lo[part]);
                int q = k_hi[part] < 0 ? e : lower_bound(keys, p, e, k_hi[part] + 1);
                scan_range(p, q, xyz, row, qx, qy, qz, max_c2, &best_pos, &best_row, &best_c2);
            }
        }
        double cr = 2 * sin(r * M_PI / 360.0);
        if ((best_pos >= 0 && best_c2 <= cr * cr) || r >= 180) break;
        r = fmin(180.0, r < h ? h : 2 * r);
    }
    out_pos[i] = best_pos;
}
