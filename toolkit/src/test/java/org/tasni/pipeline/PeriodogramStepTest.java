package org.tasni.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.io.ResultTable;
import org.tasni.io.TableIO;
import org.tasni.io.TileLayout.DataFile;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The periodogram phase says what its sources' epochs lost, as the variability phase does. */
class PeriodogramStepTest {

    @TempDir
    Path dir;

    /**
     * W1 magnitudes made NaN in every 40th exposure: the phase's note counts those of the sources it analyses (FADING
     * or VARIABLE), counted here from the epochs and the flags it read. They had been left out of the points unsaid.
     */
    @Test
    void itsNoteCountsTheUnusableMeasurementsOfItsSources() throws IOException {
        Path data = dir.resolve("data"), out = dir.resolve("out");
        Files.createDirectories(data.resolve("tiles"));
        try (var s = Files.list(Path.of("../data-samples/tiles"))) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                Files.copy(f, data.resolve("tiles").resolve(f.getFileName()));
            }
        }
        Table t = TableIO.read(Path.of("../data-samples/neowise_epochs.parquet"));
        FloatColumn w1 = (FloatColumn) t.column("w1mpro");
        for (int i = 0; i < t.rowCount(); i += 40) {
            w1.set(i, Float.NaN);
        }
        TableIO.write(t, DataFile.NEOWISE_EPOCHS.in(data));
        ResultTable<RunReport> r = Pipeline.on(data).out(out).threads(2).run(Phase.PERIODOGRAM);
        PhaseRecord p = r.report().phases().get(Phase.PERIODOGRAM.ordinal());
        assertEquals(PhaseStatus.DONE, p.status(), p.toString());
        Table stats = TableIO.read(DataFile.VARIABILITY.in(out));
        Set<String> chosen = new HashSet<>();
        for (int i = 0; i < stats.rowCount(); i++) {
            String f = stats.stringColumn("flag").get(i);
            if (f.equals("FADING") || f.equals("VARIABLE")) {
                chosen.add(stats.stringColumn("designation").get(i));
            }
        }
        Table copy = TableIO.read(DataFile.NEOWISE_EPOCHS.in(out));
        StringColumn d = copy.stringColumn("designation");
        long nan = 0;
        for (int i = 0; i < copy.rowCount(); i++) {
            nan += chosen.contains(d.get(i)) && Float.isNaN(((FloatColumn) copy.column("w1mpro")).getFloat(i)) ? 1 : 0;
        }
        assertTrue(nan > 0 && !chosen.isEmpty(), "the case has unusable W1 among the analysed sources");
        String note = p.notes().get(0);
        assertTrue(note.contains("; unusable W1: " + nan + " non-finite magnitude"), note);
    }
}
