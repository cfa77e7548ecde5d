package org.tasni.bench;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The cold-start row's agreement: a CSV copy equals its Parquet source to a float's digits, and a change is named. */
class ProcessBenchmarksTest {

    private static Table t(String name, float mag, double ra) {
        return Table.create("t", StringColumn.create("designation", name), FloatColumn.create("w1mpro", mag),
                DoubleColumn.create("ra", ra));
    }

    @Test
    void floatsPrintedWithSevenDigitsAreTheSame() {
        Table parquet = t("J1", 16.149044036865234f, 84.123456789012);
        Table csv = Table.create("t", StringColumn.create("designation", "J1"), DoubleColumn.create("w1mpro", 16.149044),
                DoubleColumn.create("ra", 84.123456789012));
        assertNull(ProcessBenchmarks.difference(parquet, csv));
    }

    @Test
    void aDifferentValueRowOrColumnIsNamed() {
        Table a = t("J1", 16.1f, 84.0);
        assertTrue(ProcessBenchmarks.difference(a, t("J2", 16.1f, 84.0)).contains("column designation"));
        assertTrue(ProcessBenchmarks.difference(a, t("J1", 16.2f, 84.0)).contains("column w1mpro"));
        assertTrue(ProcessBenchmarks.difference(a, t("J1", 16.1f, 84.001)).contains("row 0, column ra"));
        assertNotNull(ProcessBenchmarks.difference(a, a.emptyCopy()));
        assertNotNull(ProcessBenchmarks.difference(a, a.copy().removeColumns("ra")));
    }

    @Test
    void ratiosCompareWarmWhereMeasuredElseCold() {
        BenchRow peer = new BenchRow("x", "peer", 3.0, null, null, "ok", 10.0, "");
        assertEquals(1.5, peer.withRatioTo(2.0).ratio());
        BenchRow both = new BenchRow("x", "tasni", 9.0, 1.0, null, "ok", 10.0, "");
        assertEquals(0.5, both.withRatioTo(2.0).ratio());
        assertNull(BenchRow.notInstalled("x", "stilts", "no stilts").withRatioTo(2.0).ratio());
        assertTrue(BenchRow.notInstalled("x", "stilts", "no stilts").agreement().startsWith(BenchRow.NOT_INSTALLED));
    }
}
