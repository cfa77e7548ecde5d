package org.tasni.crossmatch;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.tasni.sky.SkyMath;

/** The CPU kernel's query order: every row once, with its own position, and results as a brute-force search finds. */
class CpuKernelTest {

    @Test
    void queriesInZoneOrderKeepEveryRowWithItsPosition() {
        var r = new SplittableRandom(11);
        int n = 5000;
        double[] ra = new double[n], dec = new double[n];
        for (int i = 0; i < n; i++) {
            ra[i] = r.nextDouble(0, 360);
            dec[i] = r.nextDouble(-90, 90);
        }
        ZoneIndex idx = ZoneIndex.build(ra, dec, new int[] {0, 1, 2}, 0.5, ForkJoinPool.commonPool());
        int[] rows = new int[n / 2];
        for (int k = 0; k < rows.length; k++) {
            rows[k] = (int) ((k * 7919L) % n); // a scattered subset, not in row order
        }
        CpuKernel.Queries q = CpuKernel.Queries.inZoneOrder(idx, ra, dec, rows);
        int[] count = new int[n];
        int lastZone = -1, lastRank = -1;
        int[] rank = new int[n];
        for (int k = 0; k < rows.length; k++) {
            rank[rows[k]] = k;
        }
        for (int k = 0; k < rows.length; k++) {
            int i = q.rows()[k];
            count[i]++;
            assertEquals(ra[i], q.ra()[k]);
            assertEquals(dec[i], q.dec()[k]);
            int z = ZoneIndex.zoneOf(dec[i], idx.zoneHeightDeg, idx.nZones);
            assertTrue(z >= lastZone, "zones in order at " + k);
            assertTrue(z > lastZone || rank[i] > lastRank, "the caller's order within a zone at " + k);
            lastZone = z;
            lastRank = rank[i];
        }
        for (int i : rows) {
            assertEquals(1, count[i], "row " + i);
        }
    }

    @Test
    void nearestMatchesABruteForceSearchForAScatteredSubsetOfRows() {
        var r = new SplittableRandom(12);
        int nl = 3000, nr = 4000;
        double[] lra = new double[nl], ldec = new double[nl], rra = new double[nr], rdec = new double[nr];
        for (int i = 0; i < nr; i++) {
            rra[i] = r.nextDouble(10, 12);
            rdec[i] = r.nextDouble(-31, -29);
        }
        for (int i = 0; i < nl; i++) {
            lra[i] = r.nextDouble(10, 12);
            ldec[i] = r.nextDouble(-31, -29);
        }
        int[] rrows = new int[nr];
        for (int i = 0; i < nr; i++) {
            rrows[i] = i;
        }
        int[] lrows = new int[nl / 3];
        for (int k = 0; k < lrows.length; k++) {
            lrows[k] = nl - 1 - 3 * k; // descending, every third row
        }
        ForkJoinPool pool = new ForkJoinPool(2);
        try {
            ZoneIndex idx = ZoneIndex.build(rra, rdec, rrows, 2.0 / 3600, pool);
            int[] row = new int[nl];
            double[] sep = new double[nl];
            Arrays.fill(row, -7);
            new CpuKernel(pool).nearest(idx, lra, ldec, lrows, 2.0, row, sep);
            boolean[] asked = new boolean[nl];
            for (int i : lrows) {
                asked[i] = true;
            }
            for (int i = 0; i < nl; i++) {
                if (!asked[i]) {
                    assertEquals(-7, row[i], "row " + i + " was not asked for");
                    continue;
                }
                int best = -1;
                double bestSep = Double.POSITIVE_INFINITY;
                for (int j = 0; j < nr; j++) {
                    double s = SkyMath.separationDeg(lra[i], ldec[i], rra[j], rdec[j]) * 3600;
                    if (s < bestSep) {
                        bestSep = s;
                        best = j;
                    }
                }
                assertEquals(best, row[i], "row " + i);
                assertEquals(bestSep, sep[i], 1e-6, "row " + i);
            }
        } finally {
            pool.shutdown();
        }
    }
}
