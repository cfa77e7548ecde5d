package org.tasni.crossmatch;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/** The parallel grouping by zone against a stable library sort of the same rows by zone. */
class ZoneGroupsTest {

    @Test
    void groupsAsAStableSortByZoneWhateverTheThreads() {
        var r = new SplittableRandom(21);
        int n = 300_000;
        double[] ra = new double[n], dec = new double[n];
        for (int i = 0; i < n; i++) {
            ra[i] = r.nextDouble(0, 360);
            // bunched: most rows in a few zones, some zones empty, a few rows at the poles
            dec[i] = i % 1000 == 0 ? (i % 2000 == 0 ? 90 : -90) : r.nextDouble(10, 10.5) + (i % 3) * 20;
        }
        int[] rows = new int[n - 7];
        for (int k = 0; k < rows.length; k++) {
            rows[k] = (int) ((k * 7919L + 3) % n); // a scattered subset, not in row order
        }
        double h = 0.01;
        int nZones = (int) Math.ceil(180 / h);
        Integer[] expected = Arrays.stream(rows).boxed().toArray(Integer[]::new);
        Arrays.sort(expected, Comparator.comparingInt(i -> ZoneIndex.zoneOf(dec[i], h, nZones))); // stable
        for (int threads : new int[] {1, 2, 5}) {
            ZoneGroups g = ZoneGroups.of(ra, dec, rows, h, nZones, new ForkJoinPool(threads));
            assertEquals(rows.length, g.start()[nZones], threads + " threads");
            for (int k = 0; k < rows.length; k++) {
                int i = g.rows()[k];
                assertEquals(expected[k], i, "row at " + k + ", " + threads + " threads");
                assertEquals(ra[i], g.ra()[k]);
                assertEquals(dec[i], g.dec()[k]);
                int z = ZoneIndex.zoneOf(dec[i], h, nZones);
                assertTrue(g.start()[z] <= k && k < g.start()[z + 1], "zone bounds of " + k);
            }
        }
    }
}
