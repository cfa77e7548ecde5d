package org.tasni.variability;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.TasniException;
import org.tasni.cli.Main;
import org.tasni.io.DropCounts;
import org.tasni.io.DropReason;
import org.tasni.io.ParquetIO;
import org.tasni.io.TableIO;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A band measurement the periodogram cannot use (a non-finite magnitude, one out of range, an unusable error) is left
 * out of that band's points and counted per band and reason, as {@code variability} counts it: in the report, its
 * summary line and the stats JSON. It had been left out silently.
 */
class PeriodogramUnusableTest {

    @TempDir
    Path dir;

    /**
     * Three sources of 14 exposures every 182.7 d, W1 and W2 sinusoids; source S1 has in W1 a NaN magnitude, a 99 and
     * an error of 0 (the adversarial tester's reproducer), S2 in W2 a −∞ magnitude, a 1e300 one, a NaN error and a
     * negative one, S3 none.
     */
    static Table epochs() {
        return epochs(0);
    }

    /** {@link #epochs()} among {@code clean} sources without an unusable measurement, half before and half after. */
    static Table epochs(int clean) {
        var r = new VariabilityHostileInputTest.Rows();
        List<String> ids = new ArrayList<>();
        for (int c = 0; c < clean; c++) {
            ids.add("C" + c);
        }
        ids.addAll(clean / 2, List.of("S1", "S2", "S3"));
        for (String id : ids) {
            for (int i = 0; i < 14; i++) {
                double t = 57000 + i * 182.7 + (id.hashCode() % 7) * 0.3;
                double w1 = 15 + 0.1 * Math.sin(i), s1 = 0.03, w2 = 14 + 0.05 * Math.cos(i), s2 = 0.04;
                if (id.equals("S1")) {
                    w1 = i == 2 ? Double.NaN : i == 7 ? 99 : w1;
                    s1 = i == 5 ? 0 : s1;
                } else if (id.equals("S2")) {
                    w2 = i == 1 ? Double.NEGATIVE_INFINITY : i == 4 ? 1e300 : w2;
                    s2 = i == 8 ? Double.NaN : i == 11 ? -0.02 : s2;
                }
                r.add(id, t, w1, s1, w2, s2);
            }
        }
        return r.table();
    }

    static final Map<DropReason, Long> W1 = Map.of(DropReason.NONFINITE_MAGNITUDE, 1L,
            DropReason.MAGNITUDE_OUT_OF_RANGE, 1L, DropReason.BAD_ERROR, 1L);
    static final Map<DropReason, Long> W2 = Map.of(DropReason.NONFINITE_MAGNITUDE, 1L,
            DropReason.MAGNITUDE_OUT_OF_RANGE, 1L, DropReason.BAD_ERROR, 2L);

    /** The counts, their summary line, and variability's counts of the same table. */
    private static void assertCounted(PeriodogramReport rep, Table e, String what) {
        assertEquals(W1, rep.unusableW1().snapshot(), what);
        assertEquals(W2, rep.unusableW2().snapshot(), what);
        assertTrue(rep.toString().contains("unusable W1: " + rep.unusableW1() + "; unusable W2: " + rep.unusableW2()),
                rep.toString());
        VariabilityAnalyzer v = VariabilityAnalyzer.of(VariabilityConfig.standard());
        v.analyze(e);
        assertEquals(v.report().unusableW1().snapshot(), rep.unusableW1().snapshot(), what);
        assertEquals(v.report().unusableW2().snapshot(), rep.unusableW2().snapshot(), what);
    }

    @Test
    void unusableMeasurementsAreCountedPerBandAndReason() {
        Table e = epochs();
        Periodogram p = Periodogram.of(PeriodogramConfig.standard()).threads(2);
        Table out = p.run(e);
        assertCounted(p.report(), e, "table");
        // every exposure is a point or a counted unusable measurement: 14 per source and band
        for (Band b : Band.values()) {
            long points = 0;
            for (String id : new String[] {"S1", "S2", "S3"}) {
                points += LightCurve.of(e, id).points(b).size();
            }
            assertEquals(e.rowCount(), points + (b == Band.W1 ? p.report().unusableW1() : p.report().unusableW2()).total(), b.key());
        }
        assertEquals(3, out.rowCount());
        // a report of input with nothing unusable says none
        Periodogram clean = Periodogram.of(PeriodogramConfig.standard());
        clean.run(e.where(e.stringColumn("designation").isEqualTo("S3")));
        assertTrue(clean.report().toString().contains("unusable W1: none; unusable W2: none"), clean.report().toString());
    }

    /**
     * The same counts from a Parquet file read whole (the periodogram command) and streamed row group by row group, a
     * source's rows carried into the next group until it is complete (the pipeline's periodogram phase), the parts'
     * counts summed; groups of about 2 KB split sources as they fall.
     */
    @Test
    void aParquetFileReadWholeOrStreamedCountsTheSame() {
        Table e = epochs(60);
        Path file = dir.resolve("epochs.parquet");
        ParquetIO.write(e, file, 2 * 1024);
        int[] groups = {0};
        ParquetIO.forEachRowGroup(file, List.of("designation"), g -> groups[0]++);
        assertTrue(groups[0] > 3, "row groups: " + groups[0]);
        Periodogram p = Periodogram.of(PeriodogramConfig.standard());
        Table whole = TableIO.read(file);
        p.run(whole);
        assertCounted(p.report(), whole, "read whole");

        DropCounts w1 = new DropCounts(), w2 = new DropCounts();
        Table[] carry = {null};
        java.util.function.Consumer<Table> analyse = part -> {
            Periodogram q = Periodogram.of(PeriodogramConfig.standard());
            q.run(part);
            w1.addAll(q.report().unusableW1());
            w2.addAll(q.report().unusableW2());
        };
        ParquetIO.forEachRowGroup(file, List.of(), g -> {
            Table t = carry[0] == null ? g : carry[0].append(g);
            StringColumn d = t.stringColumn("designation");
            int n = t.rowCount(), last = n - 1;
            while (last > 0 && d.get(last - 1).equals(d.get(n - 1))) {
                last--;
            }
            if (last > 0) {
                analyse.accept(t.inRange(0, last));
            }
            carry[0] = t.inRange(last, n);
        });
        analyse.accept(carry[0]);
        assertEquals(W1, w1.snapshot(), "streamed");
        assertEquals(W2, w2.snapshot(), "streamed");
    }

    /**
     * A run on some designations counts the measurements of the sources it analyses, and the other sources' exposures
     * as not selected, so that the counts add up to the input's rows; it had given the whole file's counts, the other
     * sources' rows under no reason. An empty name is refused: it selects nothing.
     */
    @Test
    void aRunOnSomeSourcesCountsThoseAndTheRestAsNotSelected() throws IOException {
        Table e = epochs(4);
        Periodogram p = Periodogram.of(PeriodogramConfig.standard());
        Table out = p.run(e, "S2", "C0");
        assertEquals(2, out.rowCount());
        PeriodogramReport rep = p.report();
        assertEquals(e.rowCount(), rep.rows());
        // 14 exposures a source, 7 sources, 2 analysed: independent of the grouping
        long analysed = e.stringColumn("designation").isIn("S2", "C0").size();
        assertEquals(28, analysed);
        assertEquals(e.rowCount() - analysed, rep.notSelected());
        assertEquals(0, rep.dropped().total());
        assertEquals(Map.of(), rep.unusableW1().snapshot(), "S1's W1 measurements are not analysed");
        assertEquals(W2, rep.unusableW2().snapshot(), "S2's, all of them");
        assertTrue(rep.toString().contains("exposures of sources not selected: 70; "), rep.toString());
        p.run(e);
        assertEquals(0, p.report().notSelected());
        assertFalse(p.report().toString().contains("not selected"), p.report().toString());
        var blank = assertThrows(TasniException.class, () -> Periodogram.of(PeriodogramConfig.standard()).run(e, "S2", " "));
        assertEquals("a designation to select is empty; name each source to analyse, or none for every source.",
                blank.getMessage());
        // the command: its stats JSON, and an option that names no source
        Path in = dir.resolve("sel.csv"), json = dir.resolve("sel.json");
        TableIO.write(e, in);
        assertEquals(0, Main.run("periodogram", "--epochs", in.toString(), "--out", dir.resolve("sel-out.csv").toString(),
                "--designations", "S2,C0", "--stats-json", json.toString()));
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertEquals(e.rowCount(), j.get("n_rows").asLong());
        assertEquals(70, j.get("n_rows_not_selected").asLong());
        assertEquals(0, j.get("n_unusable_w1").asLong());
        assertEquals(4, j.get("n_unusable_w2").asLong());
        var err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stderr = System.err;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertEquals(1, Main.run("periodogram", "--epochs", in.toString(), "--out", dir.resolve("none.csv").toString(),
                    "--designations=,,"));
        } finally {
            System.setErr(stderr);
        }
        assertTrue(err.toString(java.nio.charset.StandardCharsets.UTF_8).contains(
                "--designations names no source; leave the option out to analyse every source."), err.toString());
        assertFalse(java.nio.file.Files.exists(dir.resolve("none.csv")));
        var none = assertThrows(TasniException.class, () -> Periodogram.of(PeriodogramConfig.standard()).run(null));
        assertEquals("the epochs table is missing (null); give one.", none.getMessage());
    }

    /** The command's summary line and stats JSON carry the counts under variability's keys, zeros included. */
    @Test
    void theStatsJsonCarriesVariabilitysKeys() throws IOException {
        Path in = dir.resolve("epochs.csv");
        TableIO.write(epochs(), in);
        Path pj = dir.resolve("pg.json"), vj = dir.resolve("var.json");
        assertEquals(0, Main.run("periodogram", "--epochs", in.toString(), "--out", dir.resolve("pg.csv").toString(),
                "--stats-json", pj.toString()));
        assertEquals(0, Main.run("variability", "--epochs", in.toString(), "--out", dir.resolve("var.csv").toString(),
                "--stats-json", vj.toString()));
        JsonNode pg = new ObjectMapper().readTree(pj.toFile()), var = new ObjectMapper().readTree(vj.toFile());
        assertTrue(pg.has("n_unusable_w1"), pg.toString());
        assertEquals(3, pg.get("n_unusable_w1").asLong());
        assertEquals(1, pg.get("n_unusable_w1_bad_error").asLong());
        assertEquals(2, pg.get("n_unusable_w2_bad_error").asLong());
        int keys = 0;
        for (var it = var.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (k.startsWith("n_unusable_")) {
                keys++;
                assertTrue(pg.has(k), k);
                assertEquals(var.get(k).asLong(), pg.get(k).asLong(), k);
            }
        }
        assertEquals(8, keys);
    }
}
