package org.tasni.crossmatch;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.tasni.TasniException;
import org.tasni.simulate.SkyConfig;
import org.tasni.simulate.SkySimulator;
import tech.tablesaw.api.Table;

class GpuBackendTest {

    static boolean gpuAvailable() {
        try (GpuKernel k = GpuKernel.open()) {
            return true;
        } catch (GpuKernel.Unavailable e) {
            return false;
        }
    }

    @Test
    void withoutADriverGpuIsAClearErrorAndAutoFallsBack() {
        Assumptions.assumeFalse(gpuAvailable(), "skipped: a CUDA GPU is present (see gpuMatchesCpu)");
        Table l = CrossMatcherTest.cat("l", new double[] {1, 2}, new double[] {0, 0});
        Table r = CrossMatcherTest.cat("r", new double[] {1}, new double[] {0});
        var e = assertThrows(TasniException.class, () -> CrossMatcher.radius(3).backend(Backend.GPU).orphans(l, r));
        assertTrue(e.getMessage().startsWith("backend GPU: no CUDA driver found (UnsatisfiedLinkError")
                || e.getMessage().startsWith("backend GPU: CUDA unavailable"), e.getMessage());
        assertTrue(e.getMessage().contains("Use .backend(AUTO)"));
        var xm = CrossMatcher.radius(3).backend(Backend.AUTO);
        assertEquals(1, xm.orphans(l, r).rowCount());
        assertEquals(Backend.CPU, xm.report().backend());
        assertTrue(xm.report().note().startsWith("GPU unavailable"), xm.report().note());
    }

    @Test
    void thePtxIsInTheJar() throws Exception {
        String ptx = GpuKernel.ptx();
        assertTrue(ptx.contains(".version 7.0") && ptx.contains(".entry zone_nearest"), "PTX ISA 7.0 loads on CUDA 11-13 drivers");
    }

    @Test
    void gpuMatchesCpu() {
        Assumptions.assumeTrue(gpuAvailable(), "skipped: no CUDA driver or GPU on this machine");
        var sky = SkySimulator.of(SkyConfig.defaults()).simulate(6044, 6045, 6046, 6047);
        Table wise = sky.allWise(), gaia = sky.allGaia();
        for (var base : new CrossMatcher[] {CrossMatcher.radius(3), CrossMatcher.radius(3).propagate(2016, 2010.5)}) {
            Table cpu = base.backend(Backend.CPU).nearest(wise, gaia);
            var gpuXm = base.backend(Backend.GPU);
            Table gpu = gpuXm.nearest(wise, gaia);
            assertEquals(Backend.GPU, gpuXm.report().backend());
            assertEquals(cpu.longColumn("match_id").asList(), gpu.longColumn("match_id").asList());
            assertEquals(cpu.doubleColumn("sep_arcsec").asList(), gpu.doubleColumn("sep_arcsec").asList());
            assertEquals(new HashSet<>(base.orphans(wise, gaia).stringColumn("designation").asList()),
                    new HashSet<>(gpuXm.orphans(wise, gaia).stringColumn("designation").asList()));
        }
    }
}
