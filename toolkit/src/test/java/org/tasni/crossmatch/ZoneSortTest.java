package org.tasni.crossmatch;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The zone sort against the library's sort of the same values, on spreads that take each of its paths. */
class ZoneSortTest {

    private static long[] expected(double[] ra, int s, int m) {
        long[] v = new long[m];
        for (int k = 0; k < m; k++) {
            v[k] = ZoneIndex.raKey(ra[s + k]) << 23 | k;
        }
        Arrays.sort(v);
        return v;
    }

    @Test
    void sortsAsTheLibraryDoesWhateverTheSpread() {
        var r = new SplittableRandom(3);
        ZoneSort sort = new ZoneSort(); // one object through every case: its scratch must not leak between zones
        for (int m : new int[] {1, 2, 3, 31, 33, 1000, 5000, 17}) {
            double[][] spreads = new double[6][m + 5];
            for (int i = 0; i < m + 5; i++) {
                spreads[0][i] = r.nextDouble(80, 88); // uniform: buckets and insertion
                spreads[1][i] = 84.0; // all equal: one bucket, ties by place
                spreads[2][i] = i % 3 == 0 ? 84.0 : r.nextDouble(0, 360); // a bunch at one RA: the fallback
                spreads[3][i] = 359.9999 + r.nextDouble(-0.001, 0.0001); // across the wrap (keys near 0 and near 2^40)
                spreads[4][i] = (m + 5 - i) * 0.01; // descending
                spreads[5][i] = r.nextInt(4) * 90.0; // four values
            }
            for (double[] ra : spreads) {
                long[] got = sort.sort(ra, 5, m);
                assertArrayEquals(expected(ra, 5, m), Arrays.copyOf(got, m), "m " + m + ", ra[5] " + ra[5]);
            }
        }
    }
}
