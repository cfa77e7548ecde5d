package org.tasni.crossmatch;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.tasni.sky.ProperMotion;
import org.tasni.sky.SkyMath;

/**
 * The CUDA walk, run on the CPU through its Java port ({@link CudaWalkPort}), against the CPU kernel and brute force:
 * same right row, same separation, for every left row, on the skies where a zone walk goes wrong.
 */
class CudaWalkPortTest {

    private static final int[] NONE = new int[0];

    /** nearest by the CPU kernel and by the port of the CUDA kernel, checked against each other and brute force. */
    private static void agree(double[] lra, double[] ldec, double[] rra, double[] rdec, double radiusArcsec, String what) {
        int[] lrows = rows(lra.length), rrows = rows(rra.length);
        ForkJoinPool pool = new ForkJoinPool(2);
        try {
            ZoneIndex idx = ZoneIndex.build(rra, rdec, rrows, radiusArcsec / 3600.0, pool);
            int[] cpuRow = new int[lra.length], gpuRow = new int[lra.length];
            double[] cpuSep = new double[lra.length], gpuSep = new double[lra.length];
            try (CpuKernel cpu = new CpuKernel(pool)) {
                cpu.nearest(idx, lra, ldec, lrows, radiusArcsec, cpuRow, cpuSep);
            }
            CudaWalkPort.nearestOnHost(idx, lra, ldec, lrows, radiusArcsec, gpuRow, gpuSep);
            double[][] bf = rrows.length == 0 ? null : CrossMatcherTest.bruteNearest(lra, ldec, rra, rdec);
            for (int i = 0; i < lra.length; i++) {
                assertEquals(cpuRow[i], gpuRow[i], what + ": row of left " + i);
                assertEquals(cpuSep[i], gpuSep[i], 0.0, what + ": separation of left " + i);
                if (bf != null) {
                    assertEquals((int) bf[0][i], gpuRow[i], what + ": brute force row of left " + i);
                    assertEquals(bf[1][i], gpuSep[i], 0.0, what + ": brute force separation of left " + i);
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    private static int[] rows(int n) {
        if (n == 0) {
            return NONE;
        }
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sphere", "cap", "north", "south", "wrap"})
    void theCudaWalkEqualsTheCpuKernelAndBruteForce(String kind) {
        var r = new SplittableRandom(kind.hashCode() + 7);
        double[][] l = CrossMatcherTest.positions(r, 1200, kind), g = CrossMatcherTest.positions(r, 2500, kind);
        for (int i = 0; i < 600; i++) { // half have a counterpart within a few arcsec, the rest need a widened search
            double[] p = ProperMotion.propagate(g[0][i], g[1][i], r.nextDouble(-3000, 3000), r.nextDouble(-3000, 3000), 1);
            l[0][i] = p[0];
            l[1][i] = p[1];
        }
        for (double radius : new double[] {1, 3, 60}) {
            agree(l[0], l[1], g[0], g[1], radius, kind + " R=" + radius);
        }
    }

    @Test
    void sparseSkiesWidenTheSearchToTheFarSide() {
        var r = new SplittableRandom(5);
        double[][] l = CrossMatcherTest.positions(r, 300, "sphere"), g = CrossMatcherTest.positions(r, 7, "sphere");
        agree(l[0], l[1], g[0], g[1], 3, "seven right sources");
        agree(l[0], l[1], new double[0], new double[0], 3, "empty right side");
    }

    @Test
    void exactRAndTiesGiveTheSameRowsOnBoth() {
        // duplicates of the right rows (ties to the lower row), points at exactly R, and the wrap and both poles
        double[] rra = {10.0, 10.0, 10.001, 20, 359.9999, 0.0001, 0, 180, 45, 225};
        double[] rdec = {5.0, 5.0, 5.0, 5, 0, 0, 90, -90, 89.9999, -89.9999};
        double[] lra = {10.0, 10.003, 20.0, 0, 359.99995, 123, 300, 45, 10.001};
        double[] ldec = {5.0, 5.0, 5.0, 0, 0, 89.99995, -89.99995, 89.9999, 5.0};
        double r = SkyMath.angleRad(SkyMath.toVector(lra[1], ldec[1]), 0, SkyMath.toVector(rra[2], rdec[2]), 0)
                * SkyMath.ARCSEC_PER_RAD;
        for (double radius : new double[] {r, Math.nextDown(r), 0.36, 3}) {
            agree(lra, ldec, rra, rdec, radius, "R=" + radius);
        }
    }

    @Test
    void theCudaSourceHasTheRulesOfZoneWalk() throws Exception {
        String cu = Files.readString(Path.of("src/main/cuda/zone_nearest.cu"));
        Map<String, Double> defines = Map.of("SLACK", ZoneWalk.SLACK, "PAD_DEG", ZoneWalk.PAD_DEG, "NEAR_TIE",
                ZoneWalk.NEAR_TIE, "POLE_DEG", ZoneWalk.POLE_DEG, "WIDE", ZoneWalk.WIDE, "MAX_RADIUS_DEG",
                ZoneWalk.MAX_RADIUS_DEG);
        defines.forEach((name, value) -> {
            Matcher m = Pattern.compile("#define " + name + " (\\S+)").matcher(cu);
            assertTrue(m.find(), name + " is defined in zone_nearest.cu");
            assertEquals(value, Double.parseDouble(m.group(1)), name);
        });
        assertEquals(ZoneIndex.RA_KEY_SCALE, CudaWalkPort.RA_KEY_SCALE);
        assertEquals(SkyMath.ARCSEC_PER_RAD, CudaWalkPort.ARCSEC_PER_RAD);
        assertEquals(Math.toRadians(1), CudaWalkPort.RAD_PER_DEG);
        assertEquals(Math.toDegrees(1), CudaWalkPort.DEG_PER_RAD);
        // the port carries the same constants as the source it ports
        assertTrue(cu.contains("#define RAD_PER_DEG " + CudaWalkPort.RAD_PER_DEG), "RAD_PER_DEG");
        assertTrue(cu.contains("#define DEG_PER_RAD " + CudaWalkPort.DEG_PER_RAD), "DEG_PER_RAD");
        assertTrue(cu.contains("#define END 0x7fffffffffffffffLL") && CudaWalkPort.END == ZoneWalk.END, "END");
    }
}
