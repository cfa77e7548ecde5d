package org.tasni.variability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tasni.io.DropCounts;
import org.tasni.io.DropReason;
import tech.tablesaw.api.Table;

/** The variability and periodogram reports as one-row tables (style §3.5), one column per component. */
class ReportTablesTest {

    @Test
    void reportsBecomeOneRowTables() {
        DropCounts d = new DropCounts();
        d.add(DropReason.NONFINITE_MJD, 3);
        Table v = new VariabilityReport("standard", 120, 7, true, 4, d, new DropCounts(), new DropCounts(), "FADING=2",
                0.5).toTable();
        assertEquals(1, v.rowCount());
        assertEquals(7, v.intColumn("sources").get(0));
        assertEquals(120, v.intColumn("rows").get(0));
        assertEquals("3 non-finite mjd", v.stringColumn("dropped").get(0));
        DropCounts bad = new DropCounts();
        bad.add(DropReason.BAD_ERROR, 4);
        Table p = new PeriodogramReport("standard", 120, 7, d, 0, bad, new DropCounts(), Map.of("constant light curve", 1L),
                5, 2, 0.25).toTable();
        assertEquals(1, p.rowCount());
        assertEquals(5L, p.longColumn("periodic_bands").get(0));
        assertEquals(2L, p.longColumn("consistent").get(0));
        assertEquals("4 magnitude error not in [1e-50, 1e50]", p.stringColumn("unusable_w1").get(0));
    }
}
