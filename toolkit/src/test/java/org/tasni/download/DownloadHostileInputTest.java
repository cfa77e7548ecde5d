package org.tasni.download;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.TasniException;
import org.tasni.cli.Main;
import org.tasni.download.FaultServer.Fault;
import org.tasni.io.DropReason;
import org.tasni.io.TableIO;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The downloaders against hostile targets, servers and directories: each case checks the result against the input
 * (epochs per target against the epochs file the server serves, requests against what the server saw).
 */
@Timeout(60) // a hang is a failure, not a stuck build
class DownloadHostileInputTest {

    static Table epochs, targets, sky;

    @BeforeAll
    static void load() {
        epochs = TableIO.read("../data-samples/neowise_epochs.parquet");
        targets = TableIO.read("../data-samples/targets.parquet").inRange(0, 6).setName("targets.parquet");
        sky = TableIO.read("../data-samples/tiles/gaia_hp06046.parquet").setName("gaia");
    }

    static TapClient fast(String base) {
        return TapClient.of(base).retry(new RetryPolicy(4, 0.02, 0.1, 10)).rateLimiter(new RateLimiter(1000, 20, RateLimiter.SYSTEM));
    }

    static NeowiseEpochs neowise(ConeServer s, Path dir) {
        return NeowiseEpochs.at(s.base()).client(fast(s.base())).checkpoint(dir).concurrency(2);
    }

    /** The epochs the server holds for the real target {@code i} of the sample (what a cone at its position finds). */
    static int epochsOf(int i) {
        return epochs.where(epochs.stringColumn("designation").isEqualTo(targets.stringColumn("designation").get(i))).rowCount();
    }

    static int rowsOf(Table t, String designation) {
        return t.where(t.stringColumn("designation").isEqualTo(designation)).rowCount();
    }

    /** A target table from designations and positions. */
    static Table targets(String name, List<String> des, List<Double> ra, List<Double> dec) {
        return Table.create(name, StringColumn.create("designation", des),
                DoubleColumn.create("ra", ra.stream().mapToDouble(Double::doubleValue).toArray()),
                DoubleColumn.create("dec", dec.stream().mapToDouble(Double::doubleValue).toArray()));
    }

    static double ra(int i) {
        return targets.doubleColumn("ra").get(i);
    }

    static double dec(int i) {
        return targets.doubleColumn("dec").get(i);
    }

    static String des(int i) {
        return targets.stringColumn("designation").get(i);
    }

    // ---- 1. NEOWISE targets: duplicates, missing ids, bad positions, look-alike designations ----

    @Test
    void unusableAndDuplicateTargetsAreCountedAndNeverQueried(@TempDir Path dir) throws Exception {
        List<String> d = new ArrayList<>();
        List<Double> r = new ArrayList<>(), e = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            d.add(des(i));
            r.add(ra(i));
            e.add(dec(i));
        }
        d.add(des(2)); r.add(ra(2)); e.add(dec(2));             // duplicate
        d.add(des(3)); r.add(ra(3) + 0.1); e.add(dec(3));       // the same designation elsewhere: still a duplicate
        d.add(""); r.add(ra(4)); e.add(dec(4));                 // no designation
        d.add("NaN ra"); r.add(Double.NaN); e.add(dec(4));      // non-finite position
        d.add("pole+"); r.add(ra(4)); e.add(91.0);              // out of range
        Table t = targets("targets.csv", d, r, e);
        try (ConeServer s = new ConeServer(epochs)) {
            NeowiseEpochs n = neowise(s, dir).forTargets(t);
            Table got = n.run();
            assertEquals(List.of(), n.failures());
            assertEquals(6, s.results.get(), "one cone per usable, distinct target; none for the left-out rows");
            for (int i = 0; i < 6; i++) {
                assertEquals(epochsOf(i), rowsOf(got, des(i)), des(i) + ": every epoch once, not twice");
            }
            NeowiseEpochs.Report rep = n.report();
            assertEquals(Map.of(DropReason.DUPLICATE, 2L, DropReason.MISSING_ID, 1L, DropReason.NONFINITE_POSITION, 1L,
                    DropReason.POSITION_OUT_OF_RANGE, 1L), rep.dropped());
            assertEquals(t.rowCount(), rep.targets());
            assertEquals(t.rowCount() - rep.droppedTotal(), rep.queried());
            assertEquals(got.rowCount(), rep.epochs());
            assertEquals(6, rep.requests());
        }
    }

    @Test
    void designationsThatLookAlikeKeepTheirOwnCheckpoints(@TempDir Path dir) throws Exception {
        // the old file names (non [A-Za-z0-9+.-] → '_') mapped "J1 2" and "J1_2" to one file; "Ja"/"JA" collide on a
        // case-insensitive disk
        List<String> d = List.of("J1 2", "J1_2", "Ja", "JA");
        Table t = targets("targets.parquet", d, List.of(ra(0), ra(1), ra(2), ra(3)), List.of(dec(0), dec(1), dec(2), dec(3)));
        try (ConeServer s = new ConeServer(epochs)) {
            NeowiseEpochs n = neowise(s, dir).forTargets(t);
            Table got = n.run();
            assertEquals(List.of(), n.failures());
            for (int i = 0; i < 4; i++) {
                assertEquals(epochsOf(i), rowsOf(got, d.get(i)), d.get(i) + " gets the epochs of its own position");
            }
            assertEquals(4, Files.list(dir).filter(p -> p.toString().endsWith(".parquet")).count(), "a checkpoint each");
            // resumed: all four from their own checkpoints, nothing fetched, the same answer
            int before = s.results.get();
            Table again = n.run();
            assertEquals(before, s.results.get());
            for (int i = 0; i < 4; i++) {
                assertEquals(epochsOf(i), rowsOf(again, d.get(i)), d.get(i));
            }
        }
        assertNotEquals(ConeEpochs.checkpointName("J1 2", 1, 2), ConeEpochs.checkpointName("J1_2", 1, 2));
        assertNotEquals(ConeEpochs.checkpointName("Ja", 1, 2).toLowerCase(), ConeEpochs.checkpointName("JA", 1, 2).toLowerCase());
    }

    @Test
    void aTargetColumnWrongForTheWholeTableIsRefusedBeforeAnyRequest(@TempDir Path dir) throws Exception {
        try (ConeServer s = new ConeServer(epochs)) {
            // dec and ra swapped: most "dec" values are beyond ±90
            Table swapped = targets("swapped.csv", List.of("a", "b", "c"), List.of(10.0, 20.0, 30.0), List.of(120.0, 200.0, 45.0));
            TasniException e = assertThrows(TasniException.class, () -> neowise(s, dir).forTargets(swapped).run());
            assertTrue(e.getMessage().startsWith("swapped.csv: column 'dec'") && e.getMessage().contains("data row 1: 120")
                    && e.getMessage().contains("swapped"), e.getMessage());
            Table noRa = targets("nora.csv", List.of("a", "b"), List.of(Double.NaN, Double.NaN), List.of(1.0, 2.0));
            e = assertThrows(TasniException.class, () -> neowise(s, dir).forTargets(noRa).run());
            assertTrue(e.getMessage().startsWith("nora.csv: column 'ra' has no usable value (data row 1: NaN)"), e.getMessage());
            Table noIds = targets("noid.csv", List.of("", " "), List.of(1.0, 2.0), List.of(1.0, 2.0));
            e = assertThrows(TasniException.class, () -> neowise(s, dir).forTargets(noIds).run());
            assertTrue(e.getMessage().startsWith("noid.csv: column 'designation' is empty in every row (data row 1"), e.getMessage());
            assertEquals(0, s.results.get(), "refused before any request");
        }
    }

    @Test
    void integerDesignationsStayExact(@TempDir Path dir) throws Exception {
        long big = 3404089202185340828L; // a Gaia source_id: through a double it would become …928
        Table t = Table.create("ids.parquet", LongColumn.create("designation", big, big + 1),
                DoubleColumn.create("ra", ra(0), ra(1)), DoubleColumn.create("dec", dec(0), dec(1)));
        try (ConeServer s = new ConeServer(epochs)) {
            Table got = neowise(s, dir).forTargets(t).run();
            assertEquals(epochsOf(0), rowsOf(got, Long.toString(big)));
            assertEquals(epochsOf(1), rowsOf(got, Long.toString(big + 1)));
        }
    }

    @Test
    void noEpochsAtAllStillGiveAFileWithTheColumns(@TempDir Path dir) throws Exception {
        // one usable target where the server has no exposure (near the south pole, far from the samples), one left out
        Table t = targets("empty.csv", List.of("nothing here", "bad"), List.of(0.0, Double.NaN), List.of(-89.9, 0.0));
        try (ConeServer s = new ConeServer(epochs)) {
            Table got = neowise(s, dir.resolve("cp")).forTargets(t).run();
            assertEquals(0, got.rowCount());
            Path f = dir.resolve("neowise_epochs.parquet");
            TableIO.write(got, f);
            Table back = TableIO.read(f);
            assertEquals(0, back.rowCount());
            assertTrue(back.columnNames().containsAll(NeowiseEpochs.COLUMNS) && back.columnNames().contains("designation"),
                    back.columnNames().toString());
        }
    }

    // ---- 5. resume: a changed target list, another service ----

    @Test
    void aChangedTargetListDoesNotReuseStaleCheckpoints(@TempDir Path dir) throws Exception {
        try (ConeServer s = new ConeServer(epochs)) {
            Table first = targets("t.csv", List.of("A", "B", "C"), List.of(ra(0), ra(1), ra(2)), List.of(dec(0), dec(1), dec(2)));
            neowise(s, dir).forTargets(first).run();
            int before = s.results.get();
            // the file was edited: A and B traded positions; C is unchanged
            Table edited = targets("t.csv", List.of("A", "B", "C"), List.of(ra(1), ra(0), ra(2)), List.of(dec(1), dec(0), dec(2)));
            Table got = neowise(s, dir).forTargets(edited).run();
            assertEquals(2, s.results.get() - before, "A and B fetched again, C reused");
            assertEquals(epochsOf(1), rowsOf(got, "A"));
            assertEquals(epochsOf(0), rowsOf(got, "B"));
            assertEquals(epochsOf(2), rowsOf(got, "C"));
            assertEquals(ra(1), got.where(got.stringColumn("designation").isEqualTo("A")).doubleColumn("target_ra").get(0));
        }
        try (ConeServer other = new ConeServer(epochs)) {
            TasniException e = assertThrows(TasniException.class, () -> neowise(other, dir).forTargets(targets).run());
            assertTrue(e.getMessage().contains("service=" + other.base()) && e.getMessage().contains("Use another directory"),
                    e.getMessage());
            assertEquals(0, other.results.get());
        }
    }

    // ---- 2. a server that accepts and never answers ----

    @Test
    void aServerThatNeverAnswersIsReportedWhileItWaitsAndTheTileFails(@TempDir Path dir) throws Exception {
        try (SilentServer s = new SilentServer()) {
            List<String> notices = Collections.synchronizedList(new ArrayList<>());
            Table t = Downloader.at(s.base()).gaiaDr3().sync().tiles(6046).to(dir).concurrency(1)
                    .client(TapClient.of(s.base()).retry(new RetryPolicy(2, 0.01, 0.02, 0.6)))
                    .notices(notices::add).run();
            assertEquals("FAILED", t.stringColumn("status").get(0));
            String msg = t.stringColumn("message").get(0);
            assertTrue(msg.contains("failed after 2 attempts (last: no data for 0.6 s (the read timeout))"), msg);
            assertEquals(2, t.intColumn("requests").get(0), "both attempts counted in the failed tile");
            assertEquals(1, t.intColumn("retries").get(0));
            assertEquals(2, s.accepted.get(), "what the server saw");
            assertTrue(notices.stream().anyMatch(n -> n.matches("tile 6046: no data for 0\\.[3-9] s, waiting \\(try 1/2\\)")), notices.toString());
            assertTrue(notices.stream().anyMatch(n -> n.contains("(try 2/2)")), notices.toString());
            assertFalse(Files.exists(dir.resolve("gaia_hp06046.parquet")));
        }
    }

    @Test
    void aTileEndsAtItsDeadlineWhateverTheRetriesLeft(@TempDir Path dir) throws Exception {
        try (SilentServer s = new SilentServer()) {
            Table t = Downloader.at(s.base()).gaiaDr3().tiles(6046).to(dir).concurrency(1)
                    .client(TapClient.of(s.base()).retry(new RetryPolicy(6, 0.01, 0.02, 30))).tileDeadline(1).run();
            assertEquals("FAILED", t.stringColumn("status").get(0));
            String msg = t.stringColumn("message").get(0);
            assertTrue(msg.startsWith("tile 6046: gave up, the deadline of 1 s passed while waiting for an answer (try 1/6)"), msg);
            assertEquals(1, t.intColumn("requests").get(0));
            assertEquals(1, s.accepted.get());
        }
    }

    // ---- 3. HTML maintenance pages ----

    static byte[] votable(Table t, Path dir) throws Exception {
        Path f = dir.resolve("r.vot");
        TableIO.write(t.setName("tap"), f);
        return Files.readString(f, StandardCharsets.UTF_8)
                .replaceFirst("<RESOURCE([^>]*)>", "<RESOURCE$1><INFO name=\"QUERY_STATUS\" value=\"OK\"/>")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anHtmlPageIsSaidAsSuchAndA200PageIsTriedOnlyAFewTimes(@TempDir Path dir) throws Exception {
        Table rows = sky.selectColumns("source_id", "ra", "dec").inRange(0, 50);
        try (FaultServer s = new FaultServer(votable(rows, dir))) {
            TapClient c = TapClient.of(s.base()).retry(new RetryPolicy(6, 0.01, 0.02, 5));
            for (int i = 0; i < 6; i++) {
                s.faults.add(Fault.HTML_200);
            }
            TasniException e = assertThrows(TasniException.class, () -> c.sync("SELECT 1", 0));
            assertTrue(e.getMessage().endsWith("failed after 3 attempts (last: the server answered with an HTML page (maybe "
                    + "maintenance): IRSA Scheduled Maintenance & Upgrade)."), e.getMessage());
            assertEquals(3, s.requests.get(), "a 200 page: " + TapClient.HTML_ATTEMPTS + " tries, not 6");
            // CSV is no exception: the page is not read as a table of one column
            s.faults.clear();
            s.faults.add(Fault.HTML_200);
            s.faults.add(Fault.HTML_200);
            s.faults.add(Fault.HTML_200);
            e = assertThrows(TasniException.class, () -> c.format("csv").sync("SELECT 1", 0));
            assertTrue(e.getMessage().contains("HTML page (maybe maintenance): IRSA Scheduled"), e.getMessage());

            // a 503 page is a service saying it is down for now: retried like any 503, and said with its title
            s.faults.clear();
            s.requests.set(0);
            s.faults.add(Fault.HTML_503);
            s.faults.add(Fault.HTML_503);
            TapResult r = c.sync("SELECT 1", 0);
            assertEquals(3, r.attempts());
            assertEquals(rows.rowCount(), r.table().rowCount());
            for (int i = 0; i < 6; i++) {
                s.faults.add(Fault.HTML_503);
            }
            e = assertThrows(TasniException.class, () -> c.sync("SELECT 1", 0));
            assertTrue(e.getMessage().contains("failed after 6 attempts (last: HTTP 503: the server answered with an HTML page "
                    + "(maybe maintenance): IRSA Scheduled Maintenance & Upgrade)"), e.getMessage());
        }
    }

    @Test
    void onlyAPageIsTakenForAPage() {
        var html = java.net.http.HttpHeaders.of(Map.of("Content-Type", List.of("text/html")), (a, b) -> true);
        var none = java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true);
        byte[] page = FaultServer.MAINTENANCE.getBytes(StandardCharsets.UTF_8);
        assertEquals("IRSA Scheduled Maintenance & Upgrade", TapDocuments.htmlTitle(none, page), "a page without a Content-Type");
        assertEquals("Down", TapDocuments.htmlTitle(html, "<html><body><h1>Down</h1></body></html>".getBytes(StandardCharsets.UTF_8)));
        // what servers mislabel as text/html but is not a page: a UWS phase, a UWS document, a VOTable
        for (String body : List.of("COMPLETED", "<job xmlns=\"http://www.ivoa.net/xml/UWS/v1.0\"><phase>COMPLETED</phase></job>",
                "<?xml version=\"1.0\"?><VOTABLE/>", "<VOTABLE version=\"1.4\"></VOTABLE>")) {
            assertNull(TapDocuments.htmlTitle(html, body.getBytes(StandardCharsets.UTF_8)), body);
        }
    }

    // ---- 4 and 8. failed tiles count their requests; rows without a usable position are counted ----

    @Test
    void aFailedTileCountsTheRequestsTheServerSaw(@TempDir Path dir) throws Exception {
        try (ConeServer s = new ConeServer(sky)) {
            for (int i = 0; i < 5; i++) {
                s.faults.add(Fault.E500);
            }
            Table t = Downloader.at(s.base()).gaiaDr3().sync().tiles(6046).to(dir).concurrency(1)
                    .client(TapClient.of(s.base()).retry(new RetryPolicy(5, 0.01, 0.02, 10))).run();
            assertEquals("FAILED", t.stringColumn("status").get(0));
            assertEquals(s.results.get(), t.intColumn("requests").get(0), "as many as the server saw");
            assertEquals(5, t.intColumn("requests").get(0));
            assertEquals(4, t.intColumn("retries").get(0));
        }
    }

    @Test
    void rowsWithoutAUsablePositionAreCountedNotFiled(@TempDir Path dir) throws Exception {
        Table rows = sky.selectColumns(Catalog.gaiaDr3().columns().toArray(String[]::new)).inRange(0, 200).copy();
        int n = rows.rowCount();
        // two rows the service sends with a NULL and an absurd position
        rows.append(rows.inRange(0, 2));
        rows.longColumn("source_id").set(n, 1L);
        rows.longColumn("source_id").set(n + 1, 2L);
        rows.doubleColumn("ra").set(n, Double.NaN);
        rows.doubleColumn("dec").set(n + 1, 95.0);
        try (FaultServer s = new FaultServer(votable(rows, dir))) {
            Path out = dir.resolve("tiles");
            Table t = Downloader.at(s.base()).gaiaDr3().sync().tiles(6046).to(out).concurrency(1)
                    .client(TapClient.of(s.base()).retry(new RetryPolicy(2, 0.01, 0.02, 10))).run();
            assertEquals("OK", t.stringColumn("status").get(0), t.print());
            assertEquals(1, t.longColumn(DropReason.NONFINITE_POSITION.key()).get(0));
            assertEquals(1, t.longColumn(DropReason.POSITION_OUT_OF_RANGE.key()).get(0));
            assertTrue(t.stringColumn("message").get(0).contains("left out 2 row(s): 1 non-finite ra/dec, 1 ra/dec out of range"),
                    t.stringColumn("message").get(0));
            long[] ids = TableIO.read(out.resolve("gaia_hp06046.parquet")).longColumn("source_id").asLongArray();
            assertEquals(n, ids.length + TableIO.read(out.resolve("margin/gaia_hp06046.parquet")).rowCount(),
                    "every usable row is in the tile or its margin");
            for (long id : ids) {
                assertTrue(id != 1L && id != 2L);
            }
        }
    }

    // ---- 6. outputs that are inputs, 8. the CLI's summary and stats JSON ----

    record Cli(int code, String out, String err) {}

    static Cli cli(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        PrintStream o = System.out, e = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(o);
            System.setErr(e);
        }
    }

    @Test
    void anOutputThatIsAnInputIsRefusedBeforeAnyRequest(@TempDir Path dir) throws Exception {
        Path t = dir.resolve("targets.parquet");
        TableIO.write(targets, t);
        byte[] before = Files.readAllBytes(t);
        try (ConeServer s = new ConeServer(epochs)) {
            Cli c = cli("download", "--catalog", "neowise", "--tap-url", s.base(), "--targets", t.toString(), "--out", t.toString());
            assertEquals(1, c.code, c.err);
            assertTrue(c.err.contains("is the --targets file"), c.err);
            Cli under = cli("download", "--catalog", "neowise", "--tap-url", s.base(), "--targets", t.toString(),
                    "--out", t.resolve("sub").toString());
            assertEquals(1, under.code, under.err);
            assertTrue(under.err.contains("is a file"), under.err);
            // the epochs file the run would write is the targets file
            Path inOut = dir.resolve("d/neowise_epochs.parquet");
            Files.createDirectories(inOut.getParent());
            Files.copy(t, inOut);
            Cli same = cli("download", "--catalog", "neowise", "--tap-url", s.base(), "--targets", inOut.toString(),
                    "--out", inOut.getParent().toString());
            assertEquals(1, same.code, same.err);
            assertTrue(same.err.contains("refusing to overwrite an input"), same.err);
            Cli tiles = cli("download", "--catalog", "gaia", "--tap-url", s.base(), "--tiles", "6046", "--out", t.resolve("x").toString());
            assertEquals(1, tiles.code, tiles.err);
            assertEquals(0, s.results.get(), "nothing was requested");
            assertArrayEquals(before, Files.readAllBytes(t));
            assertArrayEquals(before, Files.readAllBytes(inOut));
        }
    }

    @Test
    void theNeowiseSummaryAndStatsJsonCountTheTargetsLeftOut(@TempDir Path dir) throws Exception {
        Table t = targets.copy().setName("targets.parquet");
        t.append(targets.inRange(0, 1)); // target 1 twice
        Path f = dir.resolve("targets.parquet");
        TableIO.write(t, f);
        try (ConeServer s = new ConeServer(epochs)) {
            Path stats = dir.resolve("stats.json");
            Cli c = cli("download", "--catalog", "neowise", "--tap-url", s.base(), "--targets", f.toString(), "--out",
                    dir.resolve("out").toString(), "--rate", "500", "--timeout", "20", "--tile-deadline", "60",
                    "--stats-json", stats.toString());
            assertEquals(0, c.code, c.out + c.err);
            assertTrue(c.out.contains("targets left out: 1 duplicate"), c.out);
            var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(stats.toFile());
            assertEquals(1, json.get("n_dropped_duplicate").asLong());
            assertEquals(1, json.get("n_dropped").asLong());
            assertEquals(t.rowCount(), json.get("n_targets").asInt());
            assertEquals(targets.rowCount(), json.get("n_targets_queried").asInt());
            Table got = TableIO.read(dir.resolve("out/neowise_epochs.parquet"));
            int want = 0;
            for (int i = 0; i < targets.rowCount(); i++) {
                want += epochsOf(i);
            }
            assertEquals(want, got.rowCount(), "each target's epochs once");
            assertEquals(want, json.get("n_epochs").asInt());
            assertEquals(targets.rowCount(), s.results.get());
        }
    }

    // ---- 7. temp files of dead runs ----

    @Test
    void tempFilesOfDeadRunsAreRemovedByTheNextRun(@TempDir Path dir) throws Exception {
        long deadPid = Integer.MAX_VALUE; // above any pid_max: never a live process
        long livePid = ProcessHandle.current().pid();
        Path tiles = dir.resolve("tiles"), cp = dir.resolve("cp");
        List<Path> dead = List.of(tiles.resolve(".gaia_hp06046.parquet.tmp-" + deadPid + "-1"),
                tiles.resolve("margin/.gaia_hp06046.parquet.tmp-" + deadPid + "-2"),
                tiles.resolve(".parts/.gaia_o06_p24184.parquet.tmp-" + deadPid + "-3"),
                cp.resolve(".J000.parquet.tmp-" + deadPid + "-4"));
        Path live = tiles.resolve(".other.parquet.tmp-" + livePid + "-99");
        for (Path p : dead) {
            Files.createDirectories(p.getParent());
            Files.write(p, new byte[1000]);
        }
        Files.write(live, new byte[10]);
        try (ConeServer s = new ConeServer(sky)) {
            Table t = Downloader.at(s.base()).gaiaDr3().tiles(6046).to(tiles).maxrec(100_000).client(fast(s.base())).run();
            assertEquals("OK", t.stringColumn("status").get(0));
        }
        // the NEOWISE checkpoint directory is cleaned even when a run writes nothing there (every checkpoint exists)
        try (ConeServer s = new ConeServer(epochs)) {
            Table one = targets("one.csv", List.of("x", "y"), List.of(Double.NaN, ra(0)), List.of(0.0, dec(0)));
            neowise(s, cp).forTargets(one).run();
            Path late = cp.resolve(".J001.parquet.tmp-" + deadPid + "-5");
            Files.write(late, new byte[10]);
            int before = s.results.get();
            neowise(s, cp).forTargets(one).run();
            assertEquals(before, s.results.get(), "nothing fetched, nothing written");
            assertFalse(Files.exists(late), late + " of a dead run is removed");
        }
        for (Path p : dead) {
            assertFalse(Files.exists(p), p + " of a dead run is removed");
        }
        assertTrue(Files.exists(live), "a live writer's temp file stays");
    }

    // ---- fix round: empty tiles, option bounds, partial epochs, retry notices past the deadline, status ----

    /** A well-formed VOTable with Gaia's columns and no row (what a broken or partial table answers). */
    static final String EMPTY_GAIA_VOTABLE = "<?xml version=\"1.0\"?><VOTABLE version=\"1.4\" "
            + "xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><RESOURCE type=\"results\"><INFO name=\"QUERY_STATUS\" "
            + "value=\"OK\"/><TABLE><FIELD name=\"source_id\" datatype=\"long\"/><FIELD name=\"ra\" datatype=\"double\"/>"
            + "<FIELD name=\"dec\" datatype=\"double\"/><FIELD name=\"pmra\" datatype=\"double\"/><FIELD name=\"pmdec\" "
            + "datatype=\"double\"/><FIELD name=\"parallax\" datatype=\"double\"/><FIELD name=\"phot_g_mean_mag\" "
            + "datatype=\"float\"/><FIELD name=\"ref_epoch\" datatype=\"double\"/><DATA><TABLEDATA></TABLEDATA></DATA>"
            + "</TABLE></RESOURCE></VOTABLE>";

    @Test
    void aTileWithoutAnyRowIsFailedAndFetchedAgainNextRun(@TempDir Path dir) throws Exception {
        try (FaultServer s = new FaultServer(EMPTY_GAIA_VOTABLE.getBytes(StandardCharsets.UTF_8))) {
            for (int run = 1; run <= 2; run++) {
                var t = Downloader.at(s.base()).gaiaDr3().sync().tiles(6044).to(dir).concurrency(1)
                        .client(fast(s.base())).run();
                assertEquals("FAILED", t.stringColumn("status").get(0));
                assertTrue(t.stringColumn("message").get(0).contains(Downloader.EMPTY_MESSAGE), t.stringColumn("message").get(0));
                assertEquals(1, t.report().failed());
                assertEquals(0, t.report().ok());
                assertFalse(Files.exists(dir.resolve("gaia_hp06044.parquet")));
                assertFalse(Files.exists(dir.resolve("margin/gaia_hp06044.parquet")));
                assertFalse(Files.exists(dir.resolve(".parts/gaia_o05_p6044.parquet")));
                assertEquals(run, s.requests.get(), "the empty tile is asked again on the rerun");
            }
            Cli c = cli("download", "--catalog", "gaia", "--tap-url", s.base(), "--sync", "--tiles", "6044", "--out",
                    dir.resolve("cli").toString(), "--rate", "500");
            assertEquals(1, c.code, c.out + c.err);
            assertTrue(c.err.contains("tile 06044: 0 rows from the service (a broken or partial table?); fetched again next run"), c.err);
            assertTrue(c.out.contains("0 ok, 1 failed"), c.out);
        }
    }

    @Test
    void concurrencyAndUploadOutOfRangeAreRefusedBeforeAnyRequest(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("targets.parquet");
        TableIO.write(targets, f);
        try (ConeServer s = new ConeServer(epochs)) {
            for (String[] bad : List.of(new String[] {"--concurrency", "0"}, new String[] {"--concurrency", "-3"},
                    new String[] {"--upload", "-5"}, new String[] {"--upload", "-1"})) {
                Cli c = cli("download", "--catalog", "neowise", "--tap-url", s.base(), "--targets", f.toString(), "--out",
                        dir.resolve("out").toString(), bad[0], bad[1]);
                assertEquals(1, c.code, String.join(" ", bad) + ": " + c.out + c.err);
                assertTrue(c.err.contains(bad[0].substring(2)), c.err);
                assertEquals(1, c.err.strip().lines().count(), c.err);
            }
            Cli c = cli("download", "--catalog", "gaia", "--tap-url", s.base(), "--tiles", "6046", "--out",
                    dir.resolve("out").toString(), "--concurrency", "0");
            assertEquals(1, c.code, c.out + c.err);
            assertTrue(c.err.contains("concurrency"), c.err);
            assertEquals(0, s.results.get(), "no request");
            assertFalse(Files.exists(dir.resolve("out/neowise_epochs.parquet")));
            assertTrue(cli("download", "--help").out.replaceAll("\\s+", " ").contains("0 (the default): one cone per target"));
        }
    }

    @Test
    void failedTargetsGiveAPartialFileWithTheOthersAndNoneIfAllFailed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("targets.parquet");
        TableIO.write(targets.inRange(0, 3).setName("targets.parquet"), f);
        try (ConeServer s = new ConeServer(epochs)) {
            s.faults.add(Fault.OK);
            s.faults.add(Fault.E404); // target 2 of 3: a 4xx is never retried
            Cli c = cli("download", "--catalog", "neowise", "--tap-url", s.base(), "--targets", f.toString(), "--out",
                    dir.resolve("out").toString(), "--concurrency", "1", "--rate", "500");
            assertEquals(1, c.code, c.out + c.err);
            assertTrue(c.out.startsWith("neowise: PARTIAL: "), c.out);
            assertTrue(c.out.contains("(without the 1 failed target(s))"), c.out);
            assertTrue(c.err.contains("1 target(s) failed") && c.err.contains(des(1)), c.err);
            Table got = TableIO.read(dir.resolve("out/neowise_epochs.parquet"));
            assertEquals(epochsOf(0) + epochsOf(2), got.rowCount());
            assertEquals(epochsOf(0), rowsOf(got, des(0)));
            assertEquals(0, rowsOf(got, des(1)));
            assertEquals(epochsOf(2), rowsOf(got, des(2)));
        }
        Path one = dir.resolve("one.parquet");
        TableIO.write(targets.inRange(0, 1).setName("one.parquet"), one);
        try (ConeServer s = new ConeServer(epochs)) {
            s.faults.add(Fault.E404);
            Cli c = cli("download", "--catalog", "neowise", "--tap-url", s.base(), "--targets", one.toString(), "--out",
                    dir.resolve("none").toString(), "--concurrency", "1", "--rate", "500");
            assertEquals(1, c.code, c.out + c.err);
            assertTrue(c.out.contains("no file written (every target failed)"), c.out);
            assertFalse(Files.exists(dir.resolve("none/neowise_epochs.parquet")));
        }
    }

    @Test
    void noRetryNoticeForATryTheDeadlineWillNotAllow(@TempDir Path dir) throws Exception {
        try (FaultServer s = new FaultServer(votable(sky.selectColumns("source_id", "ra", "dec").inRange(0, 5), dir))) {
            s.retryAfter = "12";
            for (int i = 0; i < 6; i++) {
                s.faults.add(Fault.E503_RETRY_AFTER);
            }
            List<String> notices = Collections.synchronizedList(new ArrayList<>());
            Table t = Downloader.at(s.base()).gaiaDr3().sync().tiles(6046).to(dir.resolve("t")).concurrency(1)
                    .client(TapClient.of(s.base()).retry(new RetryPolicy(6, 0.01, 0.02, 5))).tileDeadline(5)
                    .notices(notices::add).run();
            assertEquals("FAILED", t.stringColumn("status").get(0));
            String msg = t.stringColumn("message").get(0);
            assertTrue(msg.contains("gave up, the deadline of 5 s would pass during the wait of 12 s before try 2"), msg);
            assertTrue(notices.stream().noneMatch(n -> n.contains("trying again")), notices.toString());
            assertEquals(1, s.requests.get());
        }
    }

    @Test
    void statusSaysUnreadableForAZeroByteEpochsFileAndRefusesAFileAsOut(@TempDir Path dir) throws Exception {
        Files.createFile(dir.resolve("neowise_epochs.parquet"));
        Cli c = cli("status", dir.toString());
        assertEquals(0, c.code, c.out + c.err);
        String line = c.out.lines().filter(l -> l.contains("neowise_epochs.parquet")).findFirst().orElseThrow();
        assertTrue(line.contains("UNREADABLE") && !line.contains("-1") && !line.contains("YES"), line);
        Path file = Files.writeString(dir.resolve("plain.txt"), "x");
        c = cli("status", dir.toString(), "--out", file.toString());
        assertEquals(1, c.code, c.out + c.err);
        assertEquals(1, c.err.strip().lines().count(), c.err);
        assertTrue(c.err.contains(file.toString()) && c.err.contains("not a directory"), c.err);
    }
}
