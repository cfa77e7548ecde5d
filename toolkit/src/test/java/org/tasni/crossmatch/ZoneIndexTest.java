package org.tasni.crossmatch;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.tasni.sky.SkyMath;

/** The index's layout, checked row by row against the input; and the split of its build across threads. */
class ZoneIndexTest {

    @Test
    void everyRowSitsInItsZoneSortedByRaWithItsOwnUnitVector() {
        var r = new SplittableRandom(5);
        int n = 50_000;
        double[] ra = new double[n], dec = new double[n];
        for (int i = 0; i < n; i++) {
            ra[i] = r.nextDouble(80, 88);
            dec[i] = r.nextDouble(17, 25);
        }
        int[] rows = new int[n - 10]; // a few rows left out, as the caller drops unusable ones
        for (int k = 0; k < rows.length; k++) {
            rows[k] = k + 10;
        }
        ForkJoinPool pool = new ForkJoinPool(3);
        try {
            ZoneIndex idx = ZoneIndex.build(ra, dec, rows, 1.0 / 3600, pool);
            boolean[] seen = new boolean[n];
            double[] v = new double[3];
            for (int zi = 0; zi < idx.nZones; zi++) {
                for (int at = idx.zoneStart[zi]; at < idx.zoneStart[zi + 1]; at++) {
                    int row = idx.row[at];
                    assertFalse(seen[row], "row " + row + " twice");
                    seen[row] = true;
                    assertEquals(zi, ZoneIndex.zoneOf(dec[row], idx.zoneHeightDeg, idx.nZones), "row " + row);
                    assertEquals(ZoneIndex.raKey(ra[row]), idx.raKey[at], "row " + row);
                    if (at > idx.zoneStart[zi]) {
                        assertTrue(idx.raKey[at - 1] <= idx.raKey[at], "zone " + zi + " sorted at " + at);
                    }
                    SkyMath.toVector(ra[row], dec[row], v, 0);
                    for (int c = 0; c < 3; c++) {
                        assertEquals(v[c], idx.xyz[3 * at + c], "row " + row);
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                assertEquals(i >= 10, seen[i], "row " + i);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void lowerBoundIsTheFirstKeyAtOrAboveInEveryZoneEmptyOnesIncluded() {
        // a band of Dec 17..25 in a sky of 180°: most zones are empty, and ZoneWalk scans them without a test
        var r = new SplittableRandom(9);
        int n = 3000;
        double[] ra = new double[n], dec = new double[n];
        for (int i = 0; i < n; i++) {
            ra[i] = r.nextDouble(0, 360);
            dec[i] = r.nextDouble(17, 25);
        }
        int[] rows = new int[n];
        for (int k = 0; k < n; k++) {
            rows[k] = k;
        }
        ForkJoinPool pool = new ForkJoinPool(2);
        try {
            ZoneIndex idx = ZoneIndex.build(ra, dec, rows, 1.0 / 3600, pool);
            int empty = 0;
            long[] keys = {0, 1, ZoneIndex.raKey(90), ZoneIndex.raKey(359.9999), (1L << 40) + 5};
            for (int zi = 0; zi < idx.nZones; zi++) {
                int s = idx.zoneStart[zi], e = idx.zoneStart[zi + 1];
                empty += s == e ? 1 : 0;
                long[] probe = new long[keys.length + 2 * (e - s)];
                System.arraycopy(keys, 0, probe, 0, keys.length);
                for (int at = s, k = keys.length; at < e; at++) { // every key of the zone, and the one after it
                    probe[k++] = idx.raKey[at];
                    probe[k++] = idx.raKey[at] + 1;
                }
                for (long key : probe) {
                    int expected = s; // a linear scan: the first position whose key is ≥ key, else the zone's end
                    while (expected < e && idx.raKey[expected] < key) {
                        expected++;
                    }
                    assertEquals(expected, idx.lowerBound(zi, 0, key), "zone " + zi + ", key " + key);
                }
            }
            assertTrue(empty > idx.nZones / 2, "most zones are empty: " + empty + " of " + idx.nZones);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aNarrowFieldIsSplitIntoEqualRunsOfRows() {
        // 1,000 rows in zones 500..509 of 2,000: equal runs of zones would put them all in one chunk
        int nZones = 2000;
        int[] zoneStart = new int[nZones + 1];
        for (int z = 0; z < nZones; z++) {
            zoneStart[z + 1] = zoneStart[z] + (z >= 500 && z < 510 ? 100 : 0);
        }
        int[] cut = ZoneIndex.zoneCuts(zoneStart, 5);
        assertEquals(6, cut.length);
        assertEquals(0, cut[0]);
        assertEquals(nZones, cut[5]);
        for (int c = 0; c < 5; c++) {
            assertTrue(cut[c] <= cut[c + 1]);
            int rowsIn = zoneStart[cut[c + 1]] - zoneStart[cut[c]];
            assertEquals(200, rowsIn, "chunk " + c);
        }
        // more chunks than occupied zones: some are empty, none is lost
        int[] many = ZoneIndex.zoneCuts(zoneStart, 16);
        int total = 0;
        for (int c = 0; c < 16; c++) {
            assertTrue(many[c] <= many[c + 1]);
            total += zoneStart[many[c + 1]] - zoneStart[many[c]];
        }
        assertEquals(1000, total);
    }

    @Test
    void aZoneTooLargeForItsSortKeysIsSortedAsTheOthersAre() {
        // the sort of a zone of 2^23 rows or more (sortLargeZone), against the usual one on the same zone: ties of RA
        // (the same position many times) kept in the zone's own order, rows and unit vectors with their RA
        var r = new SplittableRandom(23);
        int s = 7, m = 20_000, n = s + m + 5;
        long[] raKey = new long[n];
        double[] xyz = new double[3 * n];
        int[] row = new int[n];
        for (int k = 0; k < m; k++) {
            double ra = k % 5 == 0 ? 10.0 : r.nextDouble(0, 360);
            raKey[s + k] = Double.doubleToRawLongBits(ra); // as gatherIntoIndex leaves them
            xyz[3 * s + k] = r.nextDouble(-1, 1);
            row[s + k] = 1_000 + k;
        }
        long[] raKey2 = raKey.clone();
        double[] xyz2 = xyz.clone();
        int[] row2 = row.clone();
        ZoneIndex.sortZone(0, s, m, new ZoneSort(), raKey, xyz, row);
        ZoneSort sort = new ZoneSort();
        ZoneIndex.sortLargeZone(s, m, sort.copy(raKey2, xyz2, row2, s, m), raKey2, xyz2, row2);
        assertArrayEquals(raKey, raKey2);
        assertArrayEquals(row, row2);
        assertArrayEquals(xyz, xyz2);
        for (int at = s + 1; at < s + m; at++) {
            assertTrue(raKey2[at - 1] <= raKey2[at]);
        }
    }
}
