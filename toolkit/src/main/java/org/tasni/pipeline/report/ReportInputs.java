package org.tasni.pipeline.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.tasni.TasniException;
import org.tasni.io.ParquetIO;
import org.tasni.io.TableIO;
import org.tasni.io.TileLayout.DataFile;
import tech.tablesaw.api.Table;

/**
 * The files of a pipeline output directory, each either read or with the reason it is not. Nothing here throws for a
 * missing or unreadable file: the report is most useful exactly when a run went wrong, so each section shows what it
 * has and says what is missing and why.
 */
final class ReportInputs {

    static final String FUNNEL = DataFile.FUNNEL.fileName();
    /** The columns the sky map and the colour–magnitude diagram need: only these are decoded from the orphans. */
    static final String[] POSITIONS = {"designation", "ra", "dec", "w1mpro", "w2mpro"};

    /** Each file of the contract with the phase that writes it (null: the run itself), in phase order. */
    static final Map<String, String> FILES = files();

    final Path out;
    final Table orphans, candidates, epochs, ranked;
    final List<RunRecords.Step> funnel;
    final RunRecords.Timing timing;
    final RunRecords.Run run;
    /** File name → why it is not in the report (absent, unreadable); files read fine are not in it. */
    private final Map<String, String> problems = new LinkedHashMap<>();

    private ReportInputs(Path out) {
        this.out = out;
        timing = load(DataFile.PIPELINE_TIMING.fileName(), RunRecords::timing);
        run = load(DataFile.RUN.fileName(), RunRecords::run);
        funnel = load(FUNNEL, RunRecords::funnel);
        orphans = load(DataFile.ORPHANS.fileName(), p -> TableIO.read(p, POSITIONS));
        candidates = load(DataFile.CANDIDATES.fileName(), p -> TableIO.read(p, POSITIONS));
        ranked = load(DataFile.RANKED.fileName(), TableIO::read);
        epochs = load(DataFile.NEOWISE_EPOCHS.fileName(), this::detailedEpochs);
        // presence only: the page shows their content through ranked.parquet, which joins them
        for (String f : List.of(DataFile.VARIABILITY.fileName(), DataFile.PERIODOGRAM.fileName(),
                DataFile.RANKED_CSV.fileName())) {
            load(f, p -> p);
        }
    }

    /** The most candidates shown in detail: only their exposures are read, whatever the size of the epochs file. */
    static final int MAX_DETAILED = 50;

    /**
     * The exposures of the first {@link #MAX_DETAILED} ranked candidates (all exposures when there is no ranking),
     * read row group by row group so that the report's memory does not grow with the epochs file.
     */
    private Table detailedEpochs(Path file) {
        if (ranked == null) {
            return TableIO.read(file);
        }
        Set<String> shown = new HashSet<>();
        for (int i = 0; i < Math.min(MAX_DETAILED, ranked.rowCount()); i++) {
            shown.add(ranked.stringColumn("designation").get(i));
        }
        Table[] kept = {null};
        ParquetIO.forEachRowGroup(file, List.of(), g -> {
            Table part = g.where(g.stringColumn("designation").isIn(shown));
            kept[0] = kept[0] == null ? part : kept[0].append(part);
        });
        epochRows = ParquetIO.rowCount(file);
        return kept[0].setName(file.getFileName().toString());
    }

    /** Rows of the whole epochs file (its table here holds the detailed candidates' only), or -1 if unread. */
    long epochRows = -1;

    /**
     * Reads what there is of {@code out}.
     *
     * @throws TasniException only if {@code out} is not a directory (then there is no run to report on)
     */
    static ReportInputs read(Path out) {
        if (!Files.isDirectory(out)) {
            throw new TasniException(out + ": not a directory; give the pipeline's output directory (--out).");
        }
        return new ReportInputs(out);
    }

    /** Why {@code fileName} is not in the report, or null if it was read. */
    String problem(String fileName) {
        return problems.get(fileName);
    }

    /** Every file that is missing or unreadable, with why, in phase order. */
    Map<String, String> problems() {
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String f : FILES.keySet()) {
            if (problems.containsKey(f)) {
                ordered.put(f, problems.get(f));
            }
        }
        return ordered;
    }

    /** The path of a file of the output directory. */
    Path path(String fileName) {
        return out.resolve(fileName);
    }

    private <T> T load(String fileName, Function<Path, T> reader) {
        Path p = out.resolve(fileName);
        if (!Files.isRegularFile(p)) {
            problems.put(fileName, fileName + " is not in " + out + ": " + phaseState(FILES.get(fileName)) + ".");
            return null;
        }
        try {
            return reader.apply(p);
        } catch (TasniException e) {
            problems.put(fileName, fileName + " could not be read: " + e.getMessage());
            return null;
        }
    }

    /** What the run's timing says about the phase that writes a file: why the file may be missing. */
    private String phaseState(String phase) {
        if (phase == null) {
            return "the pipeline writes it at the start of a run; was this directory made by `run`?";
        }
        RunRecords.Phase p = timing == null ? null : timing.phase(phase);
        if (p == null) {
            return "the " + phase + " phase has not run" + (timing == null ? " (no pipeline_timing.json either)" : "");
        }
        String notes = p.notes().isEmpty() ? "" : " (" + String.join("; ", p.notes()) + ")";
        return switch (p.status().toLowerCase(Locale.ROOT)) {
            case "failed" -> "the " + phase + " phase failed" + notes;
            case "skipped" -> "the " + phase + " phase was skipped" + notes;
            default -> "the " + phase + " phase is recorded as '" + p.status() + "' but its output is gone" + notes;
        };
    }

    private static Map<String, String> files() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(DataFile.RUN.fileName(), null);
        m.put(DataFile.PIPELINE_TIMING.fileName(), null);
        m.put(DataFile.ORPHANS.fileName(), "crossmatch");
        m.put(DataFile.CANDIDATES.fileName(), "filter");
        m.put(FUNNEL, "rank");
        m.put(DataFile.NEOWISE_EPOCHS.fileName(), "epochs");
        m.put(DataFile.VARIABILITY.fileName(), "variability");
        m.put(DataFile.PERIODOGRAM.fileName(), "periodogram");
        m.put(DataFile.RANKED.fileName(), "rank");
        m.put(DataFile.RANKED_CSV.fileName(), "rank");
        return Collections.unmodifiableMap(m);
    }

    /** The files of {@link #FILES} in order, for the summary's list. */
    static List<String> fileNames() {
        return new ArrayList<>(FILES.keySet());
    }
}
