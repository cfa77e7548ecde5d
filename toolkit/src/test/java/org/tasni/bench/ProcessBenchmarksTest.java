package org.tasni.bench;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The cold-start row's agreement: a CSV copy equals its Parquet source to a float's digits, and a change is named; the
 * compared processes are timed in turn, the order rotated each round.
 */
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

    @Test
    void commandsRunInTurnTheOrderRotatedEachRound(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("order.log");
        List<List<String>> cmds = List.of("a", "b", "c").stream()
                .map(n -> List.of("sh", "-c", "echo " + n + " >> " + log)).toList();
        List<ProcessBenchmarks.Timed> timed = new ProcessBenchmarks(Optional.empty(), dir, 2, false).timesInTurn(cmds, dir);
        // three rounds (the first, then repeat 2), each starting one command further on
        assertEquals(List.of("a", "b", "c", "b", "c", "a", "c", "a", "b"), Files.readAllLines(log));
        assertEquals(3, timed.size());
        for (ProcessBenchmarks.Timed t : timed) {
            assertTrue(t.cold() > 0 && t.warm() > 0 && t.warm() <= t.median(), t.toString());
        }
    }
}
