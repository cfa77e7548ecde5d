package org.tasni.simulate;

import java.util.SplittableRandom;

/** Deterministic random streams: one per (seed, key), so a tile or a light curve never depends on what else is made. */
final class Rng {

    private Rng() {}

    static SplittableRandom of(long seed, long key) {
        return new SplittableRandom(mix(seed * 0x9E3779B97F4A7C15L + mix(key)));
    }

    static SplittableRandom of(long seed, String key) {
        return of(seed, key.hashCode() * 0x100000001B3L + key.length());
    }

    /** SplitMix64's finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static double gaussian(SplittableRandom r) {
        // Marsaglia's polar method; SplittableRandom has no nextGaussian on Java 17
        double u, v, s;
        do {
            u = r.nextDouble(-1, 1);
            v = r.nextDouble(-1, 1);
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    /** A Poisson count; the normal approximation above a mean of 500, where it is exact enough. */
    static int poisson(SplittableRandom r, double mean) {
        if (mean > 500) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(r)));
        }
        double l = Math.exp(-mean), p = 1;
        int k = 0;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
