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
 * compared processes are timed in turn, the order rotated each round, the first round's too.
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
        List<ProcessBenchmarks.Timed> timed = new ProcessBenchmarks(Optional.empty(), dir, 2, false).timesInTurn(cmds, dir, 0,
                false);
        // three rounds (the first, then repeat 2), each starting one command further on
        assertEquals(List.of("a", "b", "c", "b", "c", "a", "c", "a", "b"), Files.readAllLines(log));
        assertEquals(3, timed.size());
        for (ProcessBenchmarks.Timed t : timed) {
            assertTrue(t.cold() > 0 && t.warm() > 0 && t.warm() <= t.median(), t.toString());
        }
        // the first round starts where it is told: not always with the first command
        Files.delete(log);
        List<ProcessBenchmarks.Timed> again = new ProcessBenchmarks(Optional.empty(), dir, 2, false).timesInTurn(cmds, dir, 2,
                false);
        assertEquals(List.of("c", "a", "b", "a", "b", "c", "b", "c", "a"), Files.readAllLines(log));
        assertEquals(3, again.size());
    }

    @Test
    void aTableWrittenAsFitsReadsBackTheSame(@TempDir Path dir) throws Exception {
        Table t = Table.create("t", StringColumn.create("designation", "J1", "J22"),
                tech.tablesaw.api.LongColumn.create("cntr", 1L, 1L << 40), DoubleColumn.create("ra", 84.5, Double.NaN),
                FloatColumn.create("w1mpro", 16.1f, 15.2f));
        for (String format : List.of(Stilts.FITS, Stilts.COLFITS)) {
            Path f = dir.resolve(format + ".fits");
            Stilts.writeFits(t, f, format);
            var st = Stilts.readFits(f, format);
            assertEquals(2, st.getRowCount(), format);
            assertEquals(List.of("designation", "cntr", "ra", "w1mpro"), java.util.stream.IntStream.range(0, st.getColumnCount())
                    .mapToObj(c -> st.getColumnInfo(c).getName()).toList(), format);
            assertEquals("J22", st.getCell(1, 0), format);
            assertEquals(1L << 40, ((Number) st.getCell(1, 1)).longValue(), format);
            assertEquals(84.5, ((Number) st.getCell(0, 2)).doubleValue(), format);
            assertTrue(Double.isNaN(((Number) st.getCell(1, 2)).doubleValue()), format);
            assertEquals(15.2f, ((Number) st.getCell(1, 3)).floatValue(), format);
        }
    }
}
