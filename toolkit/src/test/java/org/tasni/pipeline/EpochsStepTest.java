package org.tasni.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.io.ResultTable;
import org.tasni.io.TableIO;
import org.tasni.io.TileLayout.DataFile;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The epochs phase judges DATA's epochs itself, so a fault of that file is reported with its path and its row. */
class EpochsStepTest {

    static final double JD = 2_400_000.5;

    @TempDir
    Path dir;
    Path data, out;

    @BeforeEach
    void copySamples() throws IOException {
        data = dir.resolve("data");
        out = dir.resolve("out");
        Files.createDirectories(data.resolve("tiles"));
        try (var s = Files.list(Path.of("../data-samples/tiles"))) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                Files.copy(f, data.resolve("tiles").resolve(f.getFileName()));
            }
        }
    }

    /** The samples' epochs with the mjd of the rows {@code jd} selects turned into JDs, the first {@code nan} NaN. */
    Path epochs(IntPredicate jd, int nan) {
        Table t = TableIO.read(Path.of("../data-samples/neowise_epochs.parquet"));
        DoubleColumn mjd = t.doubleColumn("mjd");
        for (int i = 0; i < t.rowCount(); i++) {
            mjd.set(i, i < nan ? Double.NaN : jd.test(i) ? mjd.getDouble(i) + JD : mjd.getDouble(i));
        }
        Path file = DataFile.NEOWISE_EPOCHS.in(data);
        TableIO.write(t, file);
        return file;
    }

    PhaseRecord epochsPhase(ResultTable<RunReport> r) {
        return r.report().phases().get(Phase.EPOCHS.ordinal());
    }

    static String refusal(Path file, long row, double value) {
        return String.format(Locale.ROOT, "failed: %s: column 'mjd' has no value in the WISE/NEOWISE span [55000, 61000] "
                + "(data row %d: %s). Is it a JD (MJD = JD - 2400000.5) or in other units?", file, row, value);
    }

    /** Every mjd a JD: refused by the epochs phase with DATA's file and row, where the variability named the copy. */
    @Test
    void anMjdColumnOfJdsIsRefusedNamingTheDataFileAndItsRow() {
        Path file = epochs(i -> true, 10);
        ResultTable<RunReport> r = Pipeline.on(data).out(out).threads(2).run(Phase.VARIABILITY);
        PhaseRecord p = epochsPhase(r);
        assertEquals(PhaseStatus.FAILED, p.status(), p.toString());
        double first = TableIO.read(file).doubleColumn("mjd").getDouble(10);
        assertEquals(refusal(file, 11, first), p.notes().get(0));
        assertFalse(Files.exists(DataFile.NEOWISE_EPOCHS.in(out)), "no copy written");
        assertEquals(PhaseStatus.SKIPPED, r.report().phases().get(Phase.VARIABILITY.ordinal()).status());
    }

    /**
     * Only the candidates' rows are JDs: the file as a whole has times in the span, but the copy would have none, so
     * it is refused with the data file's row of the first candidate exposure.
     */
    @Test
    void theCandidatesRowsAllJdsAreRefusedWithTheirRowInTheDataFile() {
        epochs(i -> false, 0);
        Pipeline p = Pipeline.on(data).out(out).threads(2);
        Set<String> candidates = new HashSet<>(p.filter().stringColumn("designation").asList());
        Table t = TableIO.read(DataFile.NEOWISE_EPOCHS.in(data));
        StringColumn d = t.stringColumn("designation");
        Path file = epochs(i -> candidates.contains(d.get(i)), 0);
        int first = 0;
        while (!candidates.contains(d.get(first))) {
            first++;
        }
        assertTrue(first < t.rowCount() - 1 && candidates.size() < d.asSet().size(), "some rows are not a candidate's");
        PhaseRecord e = epochsPhase(p.run(Phase.VARIABILITY));
        assertEquals(PhaseStatus.FAILED, e.status(), e.toString());
        assertEquals(refusal(file, first + 1, t.doubleColumn("mjd").getDouble(first) + JD), e.notes().get(0));
    }

    /** A few JDs among good times are the variability's to drop and count: the epochs phase lets them through. */
    @Test
    void aFewJdsAreLeftToTheVariability() {
        epochs(i -> i % 100 == 7, 0);
        ResultTable<RunReport> r = Pipeline.on(data).out(out).threads(2).run(Phase.VARIABILITY);
        assertEquals(PhaseStatus.DONE, epochsPhase(r).status());
        assertEquals(PhaseStatus.DONE, r.report().phases().get(Phase.VARIABILITY.ordinal()).status());
    }
}
