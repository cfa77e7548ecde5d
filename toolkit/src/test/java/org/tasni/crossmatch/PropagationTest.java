package org.tasni.crossmatch;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tasni.simulate.SkyConfig;
import org.tasni.simulate.SkySimulator;
import tech.tablesaw.api.Table;

/** Why propagate() exists: the simulator's high-proper-motion stars are false orphans without it. */
class PropagationTest {

    @Test
    void highProperMotionPairsAreRecoveredOnlyWithPropagation() {
        var sky = SkySimulator.of(SkyConfig.defaults().withDensityScale(0.2).withHighPmFraction(0.01)).simulate(6046);
        Table wise = sky.allWise(), gaia = sky.allGaia();
        Set<Long> fast = new HashSet<>();
        for (int i = 0; i < gaia.rowCount(); i++) {
            if (Math.hypot(gaia.doubleColumn("pmra").getDouble(i), gaia.doubleColumn("pmdec").getDouble(i)) > 600) {
                fast.add(gaia.longColumn("source_id").get(i));
            }
        }
        // WISE counterparts of stars faster than 600 mas/yr (> 3.3″ in 5.5 yr)
        Set<String> fastWise = new HashSet<>();
        for (int i = 0; i < wise.rowCount(); i++) {
            if (!wise.longColumn("true_gaia_id").isMissing(i) && fast.contains(wise.longColumn("true_gaia_id").get(i))) {
                fastWise.add(wise.stringColumn("designation").get(i));
            }
        }
        assertTrue(fastWise.size() > 50, "fast stars seen by WISE: " + fastWise.size());
        Set<String> plain = new HashSet<>(CrossMatcher.radius(3).orphans(wise, gaia).stringColumn("designation").asList());
        var xm = CrossMatcher.radius(3).propagate(2016.0, 2010.5);
        Set<String> moved = new HashSet<>(xm.orphans(wise, gaia).stringColumn("designation").asList());
        long lostWithout = fastWise.stream().filter(plain::contains).count();
        long lostWith = fastWise.stream().filter(moved::contains).count();
        assertTrue(lostWithout > 0.9 * fastWise.size(), "without propagation most are false orphans: " + lostWithout);
        assertEquals(0, lostWith, "with propagation every one is matched");
        assertTrue(xm.report().rightUnmoved() > 0, "two-parameter solutions are counted as unmoved");
        assertEquals(gaia.doubleColumn("pmra").countMissing(), xm.report().rightUnmoved());
    }
}
