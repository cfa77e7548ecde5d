package org.tasni.it;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.io.TableIO;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.Table;

/** The variability and periodogram commands given hostile inputs and paths, end to end. */
class HostileVariabilityCliTest {

    static final Path SAMPLES = Jar.ROOT.resolve("data-samples/neowise_epochs.parquet");
    static final List<String> REAL_FADERS = List.of("J044024.40-731441.6", "J060501.01-545944.5", "J143046.35-025927.8",
            "J193547.43+601201.5", "J231029.40-060547.3");

    @TempDir
    Path dir;

    @Test
    void anOutputThatIsTheInputIsRefusedAndTheInputKept() throws Exception {
        Path in = dir.resolve("epochs.parquet"), link = dir.resolve("link.parquet");
        Files.copy(SAMPLES, in);
        Files.createSymbolicLink(link, in);
        byte[] before = Files.readAllBytes(in);
        for (String cmd : List.of("variability", "periodogram")) {
            Jar.run(cmd, "--epochs", in.toString(), "--out", in.toString()).assertOneLineUserError("refusing to overwrite");
            Jar.run(cmd, "--epochs", in.toString(), "--out", link.toString()).assertOneLineUserError("refusing to overwrite");
            Jar.run(cmd, "--epochs", in.toString(), "--out", dir.resolve("v.parquet").toString(),
                    "--stats-json", in.toString()).assertOneLineUserError("refusing to overwrite");
            Jar.run(cmd, "--epochs", in.toString(), "--out", in.resolve("x.csv").toString()).assertOneLineUserError("is a file");
            assertArrayEquals(before, Files.readAllBytes(in), cmd + " left the input as it was");
        }
    }

    @Test
    void aZeroRowParquetGivesAnEmptyResult() throws Exception {
        Table samples = TableIO.read(SAMPLES);
        Path zero = dir.resolve("zero.parquet");
        TableIO.write(samples.emptyCopy(), zero);
        for (String[] c : new String[][] {{"variability", "standard"}, {"variability", "tasni-legacy"},
            {"periodogram", "standard"}}) {
            Path out = dir.resolve(c[0] + c[1] + ".parquet"), ref = dir.resolve("ref" + c[0] + c[1] + ".parquet");
            var r = Jar.run(c[0], "--epochs", zero.toString(), "--preset", c[1], "--out", out.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("has no rows"), r.out());
            Table t = TableIO.read(out);
            assertEquals(0, t.rowCount());
            // the same columns as a result with rows
            List<String> args = new java.util.ArrayList<>(List.of(c[0], "--epochs", SAMPLES.toString(), "--preset", c[1],
                    "--out", ref.toString()));
            if (c[0].equals("periodogram")) {
                args.addAll(List.of("--designations", samples.stringColumn("designation").get(0)));
            }
            var full = Jar.run(args.toArray(String[]::new));
            assertEquals(0, full.code(), full.err());
            assertEquals(TableIO.read(ref).columnNames(), t.columnNames(), c[0] + " " + c[1]);
        }
    }

    @Test
    void nonFiniteAndAbsurdTimesAreCountedInTheStatsJson() throws Exception {
        Table t = TableIO.read(SAMPLES);
        DoubleColumn mjd = t.doubleColumn("mjd");
        String source = t.stringColumn("designation").get(20);
        for (int i = 20; i < 24; i++) {
            assertEquals(source, t.stringColumn("designation").get(i), "the rows changed are one source's");
        }
        mjd.set(20, Double.NaN);
        mjd.set(21, Double.POSITIVE_INFINITY);
        mjd.set(22, Double.NEGATIVE_INFINITY);
        mjd.set(23, mjd.get(23) + 2_400_000.5); // a JD
        Path in = dir.resolve("e.parquet"), out = dir.resolve("v.parquet"), stats = dir.resolve("s.json");
        TableIO.write(t, in);
        var r = Jar.run("variability", "--epochs", in.toString(), "--out", out.toString(), "--stats-json", stats.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("3 non-finite mjd, 1 mjd outside the WISE/NEOWISE span"), r.out());
        JsonNode j = new ObjectMapper().readTree(stats.toFile());
        assertEquals(3, j.get("n_dropped_nonfinite_mjd").asLong());
        assertEquals(1, j.get("n_dropped_mjd_out_of_range").asLong());
        assertEquals(4, j.get("n_dropped").asLong());
        assertEquals(t.rowCount(), j.get("n_rows").asLong());
        Table v = TableIO.read(out);
        assertEquals(t.rowCount() - 4, (long) v.intColumn("n_rows").sum(), "every other row is in a source");
        // the non-finite W1 values of the file, counted per band
        long nonFinite = java.util.Arrays.stream(((FloatColumn) t.column("w1mpro")).asDoubleArray())
                .filter(x -> !Double.isFinite(x)).count();
        assertTrue(j.get("n_unusable_w1_nonfinite_magnitude").asLong() <= nonFinite);
        var p = Jar.run("periodogram", "--epochs", in.toString(), "--designations", source, "--out",
                dir.resolve("p.csv").toString(), "--stats-json", stats.toString());
        assertEquals(0, p.code(), p.err());
        JsonNode pj = new ObjectMapper().readTree(stats.toFile());
        assertEquals(3, pj.get("n_dropped_nonfinite_mjd").asLong());
        assertEquals(1, pj.get("n_dropped_mjd_out_of_range").asLong());
        Table pt = TableIO.read(dir.resolve("p.csv"));
        assertEquals(t.stringColumn("designation").isEqualTo(source).size() - 4, pt.intColumn("n_epochs").get(0));
    }

    @Test
    void anMjdColumnInJulianDaysIsRefusedInOneLine() throws Exception {
        Table t = TableIO.read(SAMPLES);
        DoubleColumn mjd = t.doubleColumn("mjd");
        for (int i = 0; i < t.rowCount(); i++) {
            mjd.set(i, mjd.get(i) + 2_400_000.5);
        }
        Path in = dir.resolve("jd.parquet");
        TableIO.write(t, in);
        for (String cmd : List.of("variability", "periodogram")) {
            Jar.run(cmd, "--epochs", in.toString(), "--out", dir.resolve("o.csv").toString()).assertOneLineUserError("column 'mjd' has no value in the WISE/NEOWISE span");
        }
        assertFalse(Files.exists(dir.resolve("o.csv")));
    }

    @Test
    void theRealFadersStayFadingWithInfiniteValues() throws Exception {
        Path real = VariabilityCliTest.REAL;
        Assumptions.assumeTrue(Files.exists(real), "skipped: " + real + " is not present");
        Table epochs = TableIO.read(real);
        // each fader gets an exposure at w1 = +Inf and one at mjd = +Inf, inside its own rows (the file stays grouped)
        Table hostile = epochs.emptyCopy();
        for (String d : new LinkedHashSet<>(epochs.stringColumn("designation").asList())) {
            Table one = epochs.where(epochs.stringColumn("designation").isEqualTo(d));
            hostile.append(one);
            if (REAL_FADERS.contains(d)) {
                int n = hostile.rowCount();
                hostile.addRow(one.rowCount() / 2, one);
                hostile.addRow(one.rowCount() / 2 + 1, one);
                ((FloatColumn) hostile.column("w1mpro_ep")).set(n, Float.POSITIVE_INFINITY);
                hostile.doubleColumn("mjd").set(n, hostile.doubleColumn("mjd").get(n) + 0.001);
                hostile.doubleColumn("mjd").set(n + 1, Double.POSITIVE_INFINITY);
            }
        }
        Path in = dir.resolve("hostile.parquet"), out = dir.resolve("golden.csv"), stats = dir.resolve("s.json");
        TableIO.write(hostile, in);
        var r = Jar.run("variability", "--epochs", in.toString(), "--preset", "tasni-legacy", "--out", out.toString(),
                "--stats-json", stats.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("FADING=5, NORMAL=45, VARIABLE=50"), r.out());
        Table t = TableIO.read(out);
        assertEquals(REAL_FADERS, t.where(t.stringColumn("variability_flag").isEqualTo("FADING")).stringColumn("designation")
                .asList());
        JsonNode j = new ObjectMapper().readTree(stats.toFile());
        assertEquals(5, j.get("n_dropped_nonfinite_mjd").asLong());
        assertEquals(epochs.rowCount() + 10, j.get("n_rows").asLong());
    }

    @Test
    void theToolkitsOwnCsvOfTheEpochsRunsThroughVariability() throws Exception {
        Path csv = dir.resolve("e.csv"), fromCsv = dir.resolve("vcsv.parquet"), fromParquet = dir.resolve("vpq.parquet");
        var c = Jar.run("convert", SAMPLES.toString(), csv.toString());
        assertEquals(0, c.code(), c.err());
        var r = Jar.run("variability", "--epochs", csv.toString(), "--out", fromCsv.toString());
        assertEquals(0, r.code(), r.err());
        var ref = Jar.run("variability", "--epochs", SAMPLES.toString(), "--out", fromParquet.toString());
        assertEquals(0, ref.code(), ref.err());
        Table a = TableIO.read(fromCsv), b = TableIO.read(fromParquet);
        assertEquals(b.rowCount(), a.rowCount());
        assertEquals(b.stringColumn("designation").asList(), a.stringColumn("designation").asList());
        assertEquals(b.intColumn("n_rows").asList(), a.intColumn("n_rows").asList());
    }

    @Test
    void aHeaderOnlyCsvIsAnEmptyInput() throws Exception {
        Table samples = TableIO.read(SAMPLES);
        Path h = dir.resolve("h.csv");
        Files.writeString(h, String.join(",", samples.columnNames()) + "\n");
        for (String cmd : List.of("variability", "periodogram")) {
            Path out = dir.resolve(cmd + ".parquet");
            var r = Jar.run(cmd, "--epochs", h.toString(), "--out", out.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("has no rows"), r.out());
            assertEquals(0, TableIO.read(out).rowCount());
        }
    }

    @Test
    void statsJsonThatIsTheOutIsTheOtherOutput() throws Exception {
        Path same = dir.resolve("same.csv");
        for (String cmd : List.of("variability", "periodogram")) {
            var r = Jar.run(cmd, "--epochs", SAMPLES.toString(), "--out", same.toString(), "--stats-json", same.toString());
            r.assertOneLineUserError("is the other output");
            assertFalse(r.err().contains("is the input"), r.err());
            assertFalse(Files.exists(same));
        }
    }

    /** --bin-visits is the standard method's: with the reference presets it is refused, not silently ignored. */
    @Test
    void binVisitsWithAReferencePresetIsRefusedInOneLine() throws Exception {
        for (String preset : List.of("tasni-legacy", "tasni-tier5")) {
            Path o = dir.resolve(preset + ".csv");
            Jar.run("variability", "--epochs", SAMPLES.toString(), "--preset", preset,
                    "--bin-visits", "--out", o.toString()).assertOneLineUserError("only for the standard preset");
            assertFalse(Files.exists(o));
        }
        Path o = dir.resolve("standard.csv");
        Jar.Result r = Jar.run("variability", "--epochs", SAMPLES.toString(), "--bin-visits", "--out", o.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(TableIO.read(SAMPLES).stringColumn("designation").unique().size(), TableIO.read(o).rowCount());
    }
}
