package org.tasni.download;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.io.DropReason;
import org.tasni.io.TableIO;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The epochs a service answers are checked before a checkpoint is written: rows that cannot be their target's are
 * left out and counted, and every checkpoint has the output's column types whatever the service declared.
 */
@Timeout(60)
class NeowiseEpochRowsTest {

    static Table epochs, targets;

    @BeforeAll
    static void load() {
        epochs = TableIO.read("../data-samples/neowise_epochs.parquet");
        targets = TableIO.read("../data-samples/targets.parquet").inRange(0, 3).setName("targets.parquet");
    }

    static String des(int i) {
        return targets.stringColumn("designation").get(i);
    }

    /** The sample epochs of target {@code i}, as the service has them. */
    static Table of(int i) {
        return epochs.where(epochs.stringColumn("designation").isEqualTo(des(i))).copy();
    }

    /** {@code t} with the target_ra and target_dec columns an upload join answers with, for every row. */
    static Table withTarget(Table t, double ra, double dec) {
        return t.addColumns(DoubleColumn.create("target_ra", t.rowCount()).fillWith(ra),
                DoubleColumn.create("target_dec", t.rowCount()).fillWith(dec));
    }

    static List<Path> checkpoints(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".parquet")).toList();
        }
    }

    // ---- F4: rows that are not the target's ----

    @Test
    void coneRowsFarAwayImpossibleOrRepeatedAreLeftOutAndCounted(@TempDir Path dir) throws Exception {
        Table good = of(0), sent = good.copy();
        int k = good.rowCount();
        sent.append(good.inRange(0, 4));
        sent.doubleColumn("ra").set(k, sent.doubleColumn("ra").get(k) + 10);  // 10° away from the 3″ cone
        // k + 1: the exposure of row 1 again
        sent.doubleColumn("ra").set(k + 2, Double.NaN);
        sent.doubleColumn("mjd").set(k + 2, 58000.0);
        sent.doubleColumn("dec").set(k + 3, 95.0);
        sent.doubleColumn("mjd").set(k + 3, 58001.0);
        try (FaultServer s = new FaultServer(DownloadHostileInputTest.votable(sent, dir))) {
            NeowiseEpochs n = NeowiseEpochs.at(s.base()).client(DownloadHostileInputTest.fast(s.base()))
                    .checkpoint(dir.resolve("cp")).forTargets(targets.inRange(0, 1));
            Table got = n.run();
            assertEquals(List.of(), n.failures());
            assertEquals(k, got.rowCount(), "only the target's own exposures, once each");
            assertEquals(Map.of(DropReason.OUTSIDE_CONE, 1L, DropReason.DUPLICATE, 1L, DropReason.NONFINITE_POSITION, 1L,
                    DropReason.POSITION_OUT_OF_RANGE, 1L), n.report().epochsDropped());
            assertEquals(Map.of(), n.report().dropped(), "no target was left out");
            assertTrue(n.report().toString().contains("epochs left out: 1 non-finite ra/dec"), n.report().toString());
            assertEquals(k, TableIO.read(checkpoints(dir.resolve("cp")).get(0)).rowCount(), "the checkpoint holds the clean rows");
            // the command says them in its summary line and stats JSON, apart from the target rows left out
            Path t = dir.resolve("t.parquet"), stats = dir.resolve("stats.json");
            TableIO.write(targets.inRange(0, 1), t);
            var c = DownloadHostileInputTest.cli("download", "--catalog", "neowise", "--tap-url", s.base(), "--sync",
                    "--targets", t.toString(), "--out", dir.resolve("cli").toString(), "--rate", "500", "--stats-json",
                    stats.toString());
            assertEquals(0, c.code(), c.out() + c.err());
            assertTrue(c.out().contains("targets left out: none; epochs left out: 1 non-finite ra/dec, 1 ra/dec out of "
                    + "range, 1 duplicate, 1 not in its target's cone"), c.out());
            var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(stats.toFile());
            assertEquals(0, json.get("n_dropped").asLong());
            assertEquals(4, json.get("n_epochs_dropped").asLong());
            assertEquals(1, json.get("n_epochs_dropped_outside_cone").asLong());
            assertEquals(1, json.get("n_epochs_dropped_duplicate").asLong());
            assertEquals(k, json.get("n_epochs").asLong());
        }
    }

    @Test
    void uploadRowsOfADesignationNotUploadedAreLeftOutAndCounted(@TempDir Path dir) throws Exception {
        Table sent = Table.create("tap");
        for (int i = 0; i < 2; i++) {
            Table t = of(i);
            withTarget(t, targets.doubleColumn("ra").get(i), targets.doubleColumn("dec").get(i));
            sent = sent.columnCount() == 0 ? t : sent.append(t);
        }
        int mine = sent.rowCount();
        Table junk = of(2);
        junk.replaceColumn("designation", StringColumn.create("designation", junk.rowCount()).set(
                junk.stringColumn("designation").isNotMissing(), "JUNK"));
        withTarget(junk, 1.0, 1.0);
        sent.append(junk);
        try (FaultServer s = new FaultServer(DownloadHostileInputTest.votable(sent, dir))) {
            s.executingPolls = 0;
            NeowiseEpochs n = NeowiseEpochs.at(s.base()).client(DownloadHostileInputTest.fast(s.base()))
                    .checkpoint(dir.resolve("cp")).forTargets(targets).upload(3);
            Table got = n.run();
            assertEquals(List.of(), n.failures());
            assertEquals(mine, got.rowCount());
            assertEquals(0, got.where(got.stringColumn("designation").isEqualTo(des(2))).rowCount(),
                    des(2) + ": no epochs, not the JUNK rows");
            assertEquals(0, got.where(got.stringColumn("designation").isEqualTo("JUNK")).rowCount());
            assertEquals(Map.of(DropReason.OUTSIDE_CONE, (long) junk.rowCount()), n.report().epochsDropped());
        }
    }

    /**
     * Two detections in one exposure (a blend's parts, a neighbour in the cone) share an mjd and are both kept, whatever
     * order the service sends them in: only an exact repeat (time and position) is a duplicate.
     */
    @Test
    void twoDetectionsOfOneExposureAreBothKeptInEitherOrder(@TempDir Path dir) throws Exception {
        Table good = of(0);
        Table blend = good.inRange(0, 1).copy();
        blend.doubleColumn("dec").set(0, blend.doubleColumn("dec").get(0) + 1.0 / 3600); // 1″ north, inside the 3″ cone
        Table[] files = new Table[2];
        for (int order = 0; order < 2; order++) {
            Table sent = order == 0 ? good.copy().append(blend) : blend.copy().append(good);
            Path d = dir.resolve("order" + order);
            try (FaultServer s = new FaultServer(DownloadHostileInputTest.votable(sent, Files.createDirectories(d)))) {
                NeowiseEpochs n = NeowiseEpochs.at(s.base()).client(DownloadHostileInputTest.fast(s.base()))
                        .checkpoint(d.resolve("cp")).forTargets(targets.inRange(0, 1));
                files[order] = n.run();
                assertEquals(Map.of(), n.report().epochsDropped(), "order " + order);
            }
            assertEquals(good.rowCount() + 1, files[order].rowCount());
        }
        org.tasni.io.TableAssert.assertSameTable(files[0], files[1]);
    }

    /** IRSA's flags, read from a CSV answer as integers, get their fixed width back: the quality cuts compare text. */
    @Test
    void flagsReadAsIntegersGetTheirLeadingZerosBack() {
        Table t = EpochTable.empty().copy();
        Table one = of(0).inRange(0, 2).copy();
        one.replaceColumn("cc_flags", tech.tablesaw.api.IntColumn.create("cc_flags", 0, 10));
        one.replaceColumn("moon_masked", tech.tablesaw.api.IntColumn.create("moon_masked", 1, 0));
        one.addColumns(DoubleColumn.create("target_ra", 2), DoubleColumn.create("target_dec", 2));
        Table c = EpochTable.conform(one, "csv answer");
        assertEquals(List.of("0000", "0010"), c.stringColumn("cc_flags").asList());
        assertEquals(List.of("01", "00"), c.stringColumn("moon_masked").asList());
        one.replaceColumn("cc_flags", tech.tablesaw.api.IntColumn.create("cc_flags", 0, 12345));
        var e = assertThrows(org.tasni.TasniException.class, () -> EpochTable.conform(one, "csv answer"));
        assertEquals("csv answer: data row 2 (counted from 1) of column 'cc_flags' holds '12345', which is not a flag of "
                + "4 characters.", e.getMessage());
        assertEquals(t.columnNames(), c.columnNames());
    }

    // ---- F5: the checkpoints' types ----

    @Test
    void integerDesignationsFromTheServiceAreWrittenAsTextAndTheRerunReadsThem(@TempDir Path dir) throws Exception {
        long[] ids = {3404089202185340828L, 3404089202185340829L, 3404089202185340830L};
        Table numbered = Table.create("ids.parquet", LongColumn.create("designation", ids),
                targets.doubleColumn("ra").copy(), targets.doubleColumn("dec").copy());
        Table sent = Table.create("tap");
        for (int i = 0; i < 3; i++) {
            Table t = of(i);
            long[] same = new long[t.rowCount()];
            java.util.Arrays.fill(same, ids[i]);
            t.replaceColumn("designation", LongColumn.create("designation", same));
            withTarget(t, targets.doubleColumn("ra").get(i), targets.doubleColumn("dec").get(i));
            sent = sent.columnCount() == 0 ? t : sent.append(t);
        }
        try (FaultServer s = new FaultServer(DownloadHostileInputTest.votable(sent, dir))) {
            s.executingPolls = 0;
            NeowiseEpochs n = NeowiseEpochs.at(s.base()).client(DownloadHostileInputTest.fast(s.base()))
                    .checkpoint(dir.resolve("cp")).forTargets(numbered).upload(3);
            Table got = n.run();
            assertEquals(List.of(), n.failures());
            assertEquals(sent.rowCount(), got.rowCount());
            Table cp = TableIO.read(checkpoints(dir.resolve("cp")).get(0));
            assertTrue(cp.column("designation") instanceof StringColumn, "the checkpoint has the output's schema");
            int before = s.requests.get();
            Table again = n.run();
            assertEquals(before, s.requests.get(), "resumed from the checkpoint");
            assertEquals(got.rowCount(), again.rowCount());
            assertEquals(of(0).rowCount(), again.where(again.stringColumn("designation").isEqualTo(Long.toString(ids[0])))
                    .rowCount(), "every digit of the id kept");
        }
    }

    @Test
    void aCheckpointOfAnotherFloatWidthIsMergedAndAnUnreadableAnswerLeavesNone(@TempDir Path dir) throws Exception {
        try (ConeServer s = new ConeServer(epochs)) {
            Path cp = dir.resolve("cp");
            NeowiseEpochs n = NeowiseEpochs.at(s.base()).client(DownloadHostileInputTest.fast(s.base())).checkpoint(cp)
                    .forTargets(targets);
            Table first = n.run();
            // an earlier version kept w1mpro as the service declared it: a double here, a float in the other files
            Path old = cp.resolve(ConeEpochs.checkpointName(des(0), targets.doubleColumn("ra").get(0),
                    targets.doubleColumn("dec").get(0)));
            Table t = TableIO.read(old);
            t.replaceColumn("w1mpro", DoubleColumn.create("w1mpro", ((FloatColumn) t.column("w1mpro")).asDoubleArray()));
            TableIO.write(t, old);
            Table again = n.run();
            assertEquals(first.rowCount(), again.rowCount());
            assertTrue(again.column("w1mpro") instanceof FloatColumn);
        }
        // a magnitude the service sends as a word: the target fails with the row, and no checkpoint stays behind
        Table sent = of(0);
        StringColumn w1 = StringColumn.create("w1mpro");
        for (int i = 0; i < sent.rowCount(); i++) {
            w1.append(i == 2 ? "bright" : Float.toString(sent.floatColumn("w1mpro").get(i)));
        }
        sent.replaceColumn("w1mpro", w1);
        try (FaultServer s = new FaultServer(DownloadHostileInputTest.votable(sent, dir))) {
            Path cp = dir.resolve("cp2");
            NeowiseEpochs n = NeowiseEpochs.at(s.base()).client(DownloadHostileInputTest.fast(s.base())).checkpoint(cp)
                    .forTargets(targets.inRange(0, 1));
            n.run();
            assertEquals(1, n.failures().size());
            assertTrue(n.failures().get(0).contains("data row 3 (counted from 1) of column 'w1mpro' holds 'bright'"),
                    n.failures().get(0));
            assertEquals(List.of(), checkpoints(cp));
        }
    }

    // ---- F6: a CSV answer without rows ----

    @Test
    void aHeaderOnlyCsvAnswerIsATargetWithoutEpochs(@TempDir Path dir) throws Exception {
        String header = String.join(",", NeowiseEpochs.COLUMNS) + "\r\n";
        try (FaultServer s = new FaultServer(header.getBytes(StandardCharsets.UTF_8))) {
            NeowiseEpochs n = NeowiseEpochs.at(s.base()).client(DownloadHostileInputTest.fast(s.base()).format("csv"))
                    .checkpoint(dir).forTargets(targets.inRange(0, 1));
            Table got = n.run();
            assertEquals(List.of(), n.failures());
            assertEquals(0, got.rowCount());
            assertEquals(EpochTable.empty().columnNames(), got.columnNames());
        }
        TapDocuments.Parsed p = TapDocuments.parse(java.net.URI.create("http://x/tap/sync"),
                "source_id,ra,\"dec\"\n".getBytes(StandardCharsets.UTF_8), 0);
        assertEquals(List.of("source_id", "ra", "dec"), p.table().columnNames());
        assertEquals(0, p.table().rowCount());
    }
}
