package org.tasni.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.TasniException;
import org.tasni.crossmatch.CrossMatcher;
import org.tasni.crossmatch.MatchMode;
import org.tasni.io.TableIO;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Hostile inputs and outputs of the Spark crossmatch, each refused with one line naming the user's file (or counted),
 * before any work: files of one catalogue with different column types, outputs that are inputs, catalogues edited or
 * partitioned on other columns, columns of the wrong type or missing; and a rerun with no rows.
 */
class SparkRefusalsTest {

    @TempDir
    static Path dir;

    static SparkSession spark;

    /** A patch of 400 left sources (ids above 2^62) and 400 right ones, half of them within 1″ of a left one. */
    static Table left, right;
    static Path leftFile, rightFile;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("local[2]");
        Random rnd = new Random(3);
        int n = 400;
        double[] ra = new double[n], dec = new double[n], rra = new double[n], rdec = new double[n];
        long[] cntr = new long[n], sid = new long[n];
        for (int i = 0; i < n; i++) {
            ra[i] = 10 + 4 * rnd.nextDouble();
            dec[i] = -2 + 4 * rnd.nextDouble();
            boolean near = i % 2 == 0;
            rra[i] = near ? ra[i] + 0.5 / 3600 : 10 + 4 * rnd.nextDouble();
            rdec[i] = near ? dec[i] : -2 + 4 * rnd.nextDouble();
            cntr[i] = (1L << 62) + 2 * i + 1;
            sid[i] = Long.MAX_VALUE - i;
        }
        left = Table.create("left", LongColumn.create("cntr", cntr), DoubleColumn.create("ra", ra),
                DoubleColumn.create("dec", dec), DoubleColumn.create("pos_ra", ra), DoubleColumn.create("pos_dec", dec));
        right = Table.create("right", LongColumn.create("source_id", sid), DoubleColumn.create("ra", rra),
                DoubleColumn.create("dec", rdec));
        leftFile = write(left, "left.parquet");
        rightFile = write(right, "right.parquet");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void filesOfOneCatalogueWithDifferentColumnTypesAreRefusedNamingBothFiles() {
        // the second file's ids as doubles: a union would round every id of the first file (2^62 + k) to a double
        Table l2 = Table.create("l2", DoubleColumn.create("cntr", new double[] {1, 2}),
                DoubleColumn.create("ra", new double[] {11, 12}), DoubleColumn.create("dec", new double[] {0, 1}),
                DoubleColumn.create("pos_ra", new double[] {11, 12}), DoubleColumn.create("pos_dec", new double[] {0, 1}));
        Path l2f = write(l2, "l2.parquet");
        TasniException e = assertThrows(TasniException.class,
                () -> HealpixPartitioner.of(spark).partition(List.of(leftFile, l2f), dir.resolve("mixed")));
        assertEquals(l2f + ": column 'cntr' is DOUBLE here but LONG in " + leftFile + "; give every file of a catalogue"
                + " the same columns, of the same types (one type per column, so that no id is rounded through a double).", e.getMessage());
        // the right side, through the command line: the user's file, not a Spark part file, and no stack trace
        Table r2 = Table.create("r2", DoubleColumn.create("source_id", new double[] {1}),
                DoubleColumn.create("ra", new double[] {11}), DoubleColumn.create("dec", new double[] {0}));
        Path r2f = write(r2, "r2.parquet");
        Cli c = cli("crossmatch", "--left", leftFile.toString(), "--right", rightFile + "," + r2f, "--mode", "nearest",
                "--out", dir.resolve("mixed-out").toString());
        assertEquals(1, c.code(), c.err());
        assertEquals("error: " + r2f + ": column 'source_id' is DOUBLE here but LONG in " + rightFile + "; give every"
                + " file of a catalogue the same columns, of the same types (one type per column, so that no id is rounded through a"
                + " double).", c.err());
    }

    @Test
    void anOutputThatIsAnInputIsRefusedBeforeAnyWork() throws IOException {
        Path y = Files.createDirectories(dir.resolve("y"));
        Path input = Files.copy(leftFile, y.resolve("orphans.parquet"));
        byte[] before = Files.readAllBytes(input);
        Cli c = cli("crossmatch", "--left", input.toString(), "--right", rightFile.toString(), "--out", y.toString());
        assertEquals(1, c.code(), c.err());
        assertTrue(c.err().startsWith("error: " + input + ": this output is the input " + input), c.err());
        assertArrayEquals(before, Files.readAllBytes(input), "the input is untouched");
        assertFalse(Files.exists(y.resolve("catalogs")), "refused before partitioning");
        // an input inside a directory the run replaces
        Path z = Files.createDirectories(dir.resolve("z").resolve("parts"));
        Path inParts = Files.copy(leftFile, z.resolve("left.parquet"));
        c = cli("crossmatch", "--left", inParts.toString(), "--right", rightFile.toString(), "--out", z.getParent().toString());
        assertEquals(1, c.code(), c.err());
        assertTrue(c.err().contains("refusing to delete an input"), c.err());
        assertTrue(Files.exists(inParts));
        // partition --out: the input file itself, or a directory under it
        for (Path out : List.of(leftFile, leftFile.resolve("hats"))) {
            c = cli("partition", "--in", leftFile.toString(), "--out", out.toString());
            assertEquals(1, c.code(), c.err());
            assertTrue(c.err().startsWith("error: " + out + ": "), c.err());
            assertFalse(c.err().contains("Exception"), c.err());
        }
    }

    @Test
    void aRerunWithNoRowsReplacesTheEarlierMergedResult() {
        Path x = dir.resolve("rerun");
        Cli c = cli("crossmatch", "--left", leftFile.toString(), "--right", rightFile.toString(), "--out", x.toString());
        assertEquals(0, c.code(), c.err());
        Table first = TableIO.read(x.resolve("orphans.parquet"));
        assertEquals(200, first.rowCount(), "the left rows with no right source near");
        // every left row is its own right row: no orphan
        Table self = Table.create("self", LongColumn.create("source_id", left.longColumn("cntr").asLongArray()),
                left.doubleColumn("ra").copy(), left.doubleColumn("dec").copy());
        Path selfFile = write(self, "self.parquet");
        c = cli("crossmatch", "--left", leftFile.toString(), "--right", selfFile.toString(), "--out", x.toString());
        assertEquals(0, c.code(), c.err());
        Table second = TableIO.read(x.resolve("orphans.parquet"));
        assertEquals(0, second.rowCount());
        assertEquals(first.columnNames(), second.columnNames(), "the empty result has the result's columns");
    }

    @Test
    void aCatalogueMatchedOnOtherPositionColumnsThanItWasPartitionedOnIsRefused() {
        HealpixPartitioner hp = HealpixPartitioner.of(spark).maxRows(100);
        PartitionedCatalog l = hp.partition(List.of(leftFile), dir.resolve("cols-l"));
        PartitionedCatalog r = hp.partition(List.of(rightFile), dir.resolve("cols-r"));
        CrossMatcher byPos = CrossMatcher.radius(2).leftColumns("pos_ra", "pos_dec", "cntr");
        TasniException e = assertThrows(TasniException.class,
                () -> SparkCrossMatch.of(spark, byPos).run(MatchMode.ALL, l, r, dir.resolve("cols-out")));
        assertEquals(l.root() + ": is partitioned on ra,dec (hats_col_ra, hats_col_dec), but this match reads the positions"
                + " pos_ra,pos_dec (--left-columns); partition it again with --columns pos_ra,pos_dec, or match on ra,dec.",
                e.getMessage());
        // the right side: the left catalogue as the right one, read on its pos_ columns
        CrossMatcher rightByPos = CrossMatcher.radius(2).rightColumns("pos_ra", "pos_dec", "cntr");
        e = assertThrows(TasniException.class,
                () -> SparkCrossMatch.of(spark, rightByPos).run(MatchMode.ALL, r, l, dir.resolve("cols-out")));
        assertTrue(e.getMessage().startsWith(l.root() + ": is partitioned on ra,dec"), e.getMessage());
        assertTrue(e.getMessage().contains("(--right-columns)"), e.getMessage());
    }

    @Test
    void anEditedPartitionListOrAMissingPartitionIsRefused() throws IOException {
        PartitionedCatalog c = HealpixPartitioner.of(spark).maxRows(60).partition(List.of(leftFile), dir.resolve("info"));
        assertTrue(c.partitions().size() >= 3, c.partitions().toString());
        Pixel gone = c.partitions().get(1);
        // a line deleted from partition_info.csv: the catalogue no longer adds up
        Path edited = copy(Path.of(c.root()), dir.resolve("info-edited"));
        Path info = edited.resolve(PartitionedCatalog.PARTITION_INFO);
        List<String> lines = Files.readAllLines(info);
        String line = gone.order() + "," + gone.pixel() + "," + gone.rows();
        assertTrue(lines.remove(line), lines.toString());
        Files.write(info, lines);
        TasniException e = assertThrows(TasniException.class, () -> PartitionedCatalog.open(edited));
        assertEquals(String.format("%s: its partitions hold %,d rows, but properties says the catalogue has %,d"
                + " (hats_nrows); was the list edited? Partition the catalogue again.", info, c.rows() - gone.rows(), c.rows()),
                e.getMessage());
        // the same, with hats_nrows edited to agree: the partition's directory is not listed
        Path props = edited.resolve(PartitionedCatalog.PROPERTIES);
        Files.writeString(props, Files.readString(props).replace("hats_nrows=" + c.rows(), "hats_nrows=" + (c.rows() - gone.rows())));
        e = assertThrows(TasniException.class, () -> PartitionedCatalog.open(edited));
        assertTrue(e.getMessage().startsWith(edited.resolve("dataset").resolve(gone.path()) + ": a partition that " + info
                + " does not list"), e.getMessage());
        // a partition's directory deleted
        Path broken = copy(Path.of(c.root()), dir.resolve("info-broken"));
        deleteTree(broken.resolve("dataset").resolve(gone.path()));
        e = assertThrows(TasniException.class, () -> PartitionedCatalog.open(broken));
        assertEquals(broken.resolve("dataset").resolve(gone.path()) + ": the partition listed in partition_info.csv has no"
                + " Parquet file; the catalogue is incomplete. Partition it again.", e.getMessage());
        // no partition_info.csv at all: said so, not taken for a directory of input files
        Path noInfo = copy(Path.of(c.root()), dir.resolve("info-none"));
        Files.delete(noInfo.resolve(PartitionedCatalog.PARTITION_INFO));
        Cli cl = cli("crossmatch", "--left", noInfo.toString(), "--right", rightFile.toString(), "--out",
                dir.resolve("info-out").toString());
        assertEquals(1, cl.code(), cl.err());
        assertEquals("error: " + noInfo + ": not a partitioned catalogue (no partition_info.csv); make one with"
                + " 'tasni-spark partition'.", cl.err());
    }

    @Test
    void aStringPositionOrAMissingIdIsRefusedNamingTheUsersFile() {
        String[] text = new String[left.rowCount()];
        for (int i = 0; i < text.length; i++) {
            text[i] = i == 150 ? "12h30m" : String.valueOf(left.doubleColumn("ra").get(i));
        }
        Table lstr = Table.create("lstr", left.longColumn("cntr").copy(), StringColumn.create("ra", text),
                left.doubleColumn("dec").copy());
        Path lstrFile = write(lstr, "lstr.parquet");
        Cli c = cli("partition", "--in", lstrFile.toString(), "--out", dir.resolve("lstr-hats").toString());
        assertEquals(1, c.code(), c.err());
        assertEquals("error: " + lstrFile + ": column 'ra' has type STRING; expected a number (degrees).", c.err());
        c = cli("crossmatch", "--left", lstrFile.toString(), "--right", rightFile.toString(), "--out",
                dir.resolve("lstr-out").toString());
        assertEquals(1, c.code(), c.err());
        assertEquals("error: " + lstrFile + ": column 'ra' has type STRING; expected a number (degrees).", c.err());
        // the left file as the right catalogue: it has no source_id, refused before partitioning
        Path out = dir.resolve("noid-out");
        c = cli("crossmatch", "--left", leftFile.toString(), "--right", leftFile.toString(), "--out", out.toString());
        assertEquals(1, c.code(), c.err());
        assertEquals("error: " + leftFile + ": no column 'source_id' (columns: cntr, ra, dec, pos_ra, pos_dec).", c.err());
        assertFalse(Files.exists(out.resolve("catalogs")), "refused before partitioning");
    }

    @Test
    void aRadiusBeyondTheWidestMarginIsRefusedInTermsOfTheRadius() {
        Cli c = cli("crossmatch", "--left", leftFile.toString(), "--right", rightFile.toString(), "--radius", "4000",
                "--out", dir.resolve("wide").toString());
        assertEquals(1, c.code(), c.err());
        assertEquals("error: a radius of 4000 arcsec needs partitions with a margin of 4001 arcsec, and the Spark"
                + " partitioner's margins are at most 3600 arcsec (1°: wider ones would copy a large part of the sky into"
                + " every partition's margin), so Spark matches radii up to 3599 arcsec. Use the toolkit's crossmatch for a"
                + " larger radius.", c.err());
    }

    @Test
    void whatEveryTasksMatcherLeavesOutIsCountedAsTheCpuBackendCountsIt() throws IOException {
        // right rows: one too fast to be believed (dropped), one with a NaN proper motion (unmoved), one at ra = ∞;
        // left rows: one at ra = NaN, one at dec = 95
        int n = right.rowCount();
        double[] pmra = new double[n], pmdec = new double[n];
        pmra[0] = 20_000;
        pmra[1] = Double.NaN;
        double[] rra = right.doubleColumn("ra").asDoubleArray();
        rra[2] = Double.POSITIVE_INFINITY;
        Table r = Table.create("r", right.longColumn("source_id").copy(), DoubleColumn.create("ra", rra),
                right.doubleColumn("dec").copy(), DoubleColumn.create("pmra", pmra), DoubleColumn.create("pmdec", pmdec));
        double[] lra = left.doubleColumn("ra").asDoubleArray(), ldec = left.doubleColumn("dec").asDoubleArray();
        lra[3] = Double.NaN;
        ldec[4] = 95;
        Table l = Table.create("l", left.longColumn("cntr").copy(), DoubleColumn.create("ra", lra),
                DoubleColumn.create("dec", ldec));
        Path lf = write(l, "drops-left.parquet"), rf = write(r, "drops-right.parquet");
        Path cpuJson = dir.resolve("drops-cpu.json"), sparkJson = dir.resolve("drops-spark.json");
        String[] match = {"--left", lf.toString(), "--right", rf.toString(), "--left-epoch", "2010.5", "--right-epoch",
                "2016.0"};
        assertEquals(0, org.tasni.cli.Main.run(Stream.concat(Stream.of("crossmatch"), Stream.concat(Stream.of(match),
                Stream.of("--out", dir.resolve("drops-cpu.csv").toString(), "--stats-json", cpuJson.toString())))
                .toArray(String[]::new)));
        Cli c = cli(Stream.concat(Stream.of("crossmatch"), Stream.concat(Stream.of(match), Stream.of("--out",
                dir.resolve("drops-spark").toString(), "--stats-json", sparkJson.toString()))).toArray(String[]::new));
        assertEquals(0, c.code(), c.err());
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        Map<String, Object> cpu = mapper.readValue(cpuJson.toFile(), Map.class), spark = mapper.readValue(sparkJson.toFile(),
                Map.class);
        assertEquals(1, ((Number) spark.get("n_dropped_nonfinite_proper_motion")).intValue(), spark.toString());
        assertEquals(1, ((Number) spark.get("n_right_unmoved")).intValue(), spark.toString());
        for (String k : cpu.keySet()) {
            if (k.startsWith("n_") || List.of("mode", "radius_arcsec", "propagation").contains(k)) {
                assertEquals(cpu.get(k), spark.get(k), k + " in " + spark);
            }
        }
    }

    /** A command line's exit code and its standard error, stripped. */
    record Cli(int code, String err) {}

    static Cli cli(String... args) {
        String[] withMaster = Stream.concat(Stream.of(args), Stream.of("--master", "local[2]")).toArray(String[]::new);
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = SparkMain.run(withMaster);
            return new Cli(code, buf.toString(StandardCharsets.UTF_8).strip());
        } finally {
            System.setErr(err);
        }
    }

    static Path write(Table t, String name) {
        Path f = dir.resolve(name);
        TableIO.write(t, f);
        return f;
    }

    static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        }
        return to;
    }

    static void deleteTree(Path d) throws IOException {
        try (Stream<Path> s = Files.walk(d)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
