package org.tasni.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.tasni.TasniException;
import org.tasni.io.AtomicFiles;
import org.tasni.io.OutputPaths;
import org.tasni.io.TileLayout;
import org.tasni.io.TileLayout.DataFile;

/**
 * Runs the steps in order: each is reused when its stamp matches (settings, inputs and outputs unchanged), computed
 * otherwise; a phase that throws stops the run (the later ones are SKIPPED), a phase with failed tiles or sources is
 * PARTIAL and the run goes on. After every phase {@code pipeline_timing.json} is rewritten, so a killed run still says
 * how far it got.
 */
final class Runner {

    private final PipelineConfig config;
    private final List<Step> steps;
    private final Consumer<String> say;
    /** Every file this run hashes, hashed once unless it changes. */
    private final Identities ids = new Identities();

    Runner(PipelineConfig config, List<Step> steps, Consumer<String> say) {
        this.config = config;
        this.steps = steps;
        this.say = say;
    }

    /**
     * Runs the phases up to {@code upTo}, holding the output directory's lock ({@link OutputLock}) throughout.
     *
     * @param recompute the phases to recompute whatever their stamps say (empty: reuse what can be reused)
     * @param then      what to make of the records (one per phase, in order; those after {@code upTo}: SKIPPED)
     *                  while the lock is still held, so that it reads this run's files and not the next run's
     * @throws TasniException before anything is written when the data or output directory is unusable, or another
     *         run is writing into the output directory
     */
    <R> R run(Phase upTo, Set<Phase> recompute, Function<List<PhaseRecord>, R> then) {
        checkData();
        checkOutputs();
        try (OutputLock lock = OutputLock.acquire(config.out())) {
            return then.apply(runLocked(upTo, recompute));
        }
    }

    private List<PhaseRecord> runLocked(Phase upTo, Set<Phase> recompute) {
        Path out = config.out();
        writeRunJson();
        long t0 = System.nanoTime();
        List<PhaseRecord> done = new ArrayList<>();
        boolean stopped = false;
        for (Step step : steps) {
            Phase phase = step.phase();
            if (phase.compareTo(upTo) > 0) {
                done.add(PhaseRecord.notRun(phase, PhaseStatus.SKIPPED, "not asked for (--phase " + upTo + ")"));
                continue;
            }
            if (stopped) {
                PhaseRecord skipped = PhaseRecord.notRun(phase, PhaseStatus.SKIPPED, "an earlier phase failed");
                done.add(skipped);
                say.accept(Summary.line(skipped));
                continue;
            }
            PhaseRecord r = runOne(step, recompute.contains(phase));
            done.add(r);
            if (phase == Phase.DOWNLOAD && r.status() != PhaseStatus.FAILED) {
                writeRunJson(); // a first download has only now made the tiles whose identity run.json records
            }
            stopped = r.status() == PhaseStatus.FAILED;
            Timing.write(DataFile.PIPELINE_TIMING.in(out), done, (System.nanoTime() - t0) / 1e9);
            say.accept(Summary.line(r));
        }
        Timing.write(DataFile.PIPELINE_TIMING.in(out), done, (System.nanoTime() - t0) / 1e9);
        return done;
    }

    private PhaseRecord runOne(Step step, boolean force) {
        Phase phase = step.phase();
        Map<String, String> settings = Stamp.strings(config.settingsOf(phase));
        List<Path> inputs = step.inputs(config);
        for (Path in : inputs) {
            if (!Files.isRegularFile(in)) {
                return failed(phase, Instant.now(), System.nanoTime(), in + ": missing (an input of " + phase + ")");
            }
        }
        Map<String, String> inputIds = ids.of(inputs);
        Stamp old = Stamp.read(config.out(), phase);
        if (!force && old != null && old.settings().equals(settings) && old.inputs().equals(inputIds)
                && old.outputs().equals(ids.of(step.outputs(config)))) {
            return old.record().withStatus(PhaseStatus.REUSED);
        }
        if (force || (old != null && !old.inputs().equals(inputIds))) {
            // a step's own caches (the tiled crossmatch's per-tile records) judge their inputs by size and time only:
            // when the content of an input changed, they must not be trusted either
            step.forget(config);
        }
        Instant start = Instant.now();
        long t0 = System.nanoTime();
        HeapPeak.reset();
        Outcome o;
        try {
            o = step.run(config, say);
        } catch (TasniException e) {
            deleteStamp(phase);
            return failed(phase, start, t0, e.getMessage());
        }
        List<String> notes = new ArrayList<>(o.notes());
        o.warnings().forEach(w -> notes.add("warning: " + w));
        o.failures().forEach(f -> notes.add("failed: " + f));
        PhaseStatus status = o.failures().isEmpty() ? PhaseStatus.DONE : PhaseStatus.PARTIAL;
        PhaseRecord r = new PhaseRecord(phase, status, start, Instant.now(), (System.nanoTime() - t0) / 1e9,
                o.rowsIn(), o.rowsOut(), HeapPeak.mebibytes(), notes);
        if (status == PhaseStatus.DONE) {
            new Stamp(settings, inputIds, ids.of(step.outputs(config)), r).write(config.out());
        } else {
            deleteStamp(phase); // a partial result is never reused: the next run tries the failed tiles again
        }
        return r;
    }

    private PhaseRecord failed(Phase phase, Instant start, long t0, String why) {
        return new PhaseRecord(phase, PhaseStatus.FAILED, start, Instant.now(), (System.nanoTime() - t0) / 1e9, 0, 0,
                HeapPeak.mebibytes(), List.of("failed: " + why));
    }

    private void deleteStamp(Phase phase) {
        try {
            Files.deleteIfExists(Stamp.file(config.out(), phase));
        } catch (IOException e) {
            throw new TasniException(Stamp.file(config.out(), phase) + ": cannot delete (" + e.getMessage() + ").", e);
        }
    }

    /**
     * The samples are read in place, so their data directory must exist before anything is written: a mistyped --data
     * had left an empty output directory behind (tasni-out/ with a run.json) besides the refusal. A tap or irsa run
     * creates DATA with its first download.
     */
    private void checkData() {
        if (config.source() == Source.SAMPLES && !Files.isDirectory(config.data())) {
            throw new TasniException(config.data() + (Files.exists(config.data()) ? ": not a directory" : ": no such "
                    + "directory") + "; " + SampleTiles.WHAT_DATA_HOLDS);
        }
    }

    /**
     * No output may be an input: OUT must not be the data directory nor lie inside its tile directory (margin folder
     * included), and none of its files may be a tile or the epochs (a link to one).
     */
    private void checkOutputs() {
        Path out = config.out();
        OutputPaths.requireDirectory(out);
        checkOutsideData();
        List<Path> inputs = new ArrayList<>(TileFiles.of(config));
        inputs.add(DataFile.NEOWISE_EPOCHS.in(config.data()));
        for (DataFile f : DataFile.values()) {
            OutputPaths.refuseInputs(f.in(out), inputs.toArray(Path[]::new));
        }
    }

    /**
     * Refuses, before anything is written, an OUT that is DATA or lies inside DATA's tile directory. Comparing output
     * files with input files (below) cannot catch it: on a first run OUT's files do not exist yet, so the run wrote
     * its results among the tiles, which the download writes and the crossmatch lists, and only the next run was
     * refused, naming one of OUT's own files as "the input". Links are followed, so a link to either is refused too.
     * A folder of DATA outside its tiles (DATA/results) is fine: nothing reads it as an input.
     */
    private void checkOutsideData() {
        Path out = OutputPaths.resolved(config.out()), tiles = OutputPaths.resolved(config.tilesDir());
        if (out.equals(OutputPaths.resolved(config.data()))) {
            throw new TasniException(config.out() + ": the output directory is the data directory " + config.data()
                    + "; refusing to write results among the inputs (its tiles and "
                    + DataFile.NEOWISE_EPOCHS.fileName() + "). Give another --out.");
        }
        if (out.startsWith(tiles)) {
            throw new TasniException(config.out() + ": the output directory is inside the tile directory "
                    + config.tilesDir() + "; refusing to write results among the inputs (the crossmatch reads the "
                    + "tiles and the margin files there, the download writes there). Give another --out.");
        }
        checkNotAnotherDataDirectory();
    }

    /**
     * Refuses an OUT that is some other data directory (it holds a {@code tiles/} folder or a
     * {@code neowise_epochs.parquet}) and that no run has written into: the epochs phase writes its
     * {@code neowise_epochs.parquet} there, and had replaced that directory's epochs (101,324 rows) with the
     * candidates' few. An earlier run's output holds its epochs too, but also the pipeline's records, and is reused.
     */
    private void checkNotAnotherDataDirectory() {
        Path out = config.out();
        if (!Files.isDirectory(out) || PipelineLayout.isRunOutput(out)) {
            return;
        }
        List<String> held = new ArrayList<>();
        if (Files.isDirectory(TileLayout.tilesDir(out))) {
            held.add(TileLayout.tilesDir(out).getFileName() + "/");
        }
        if (Files.exists(DataFile.NEOWISE_EPOCHS.in(out))) {
            held.add(DataFile.NEOWISE_EPOCHS.fileName());
        }
        if (!held.isEmpty()) {
            throw new TasniException(out + ": looks like a data directory (it holds " + String.join(" and ", held)
                    + ") and no pipeline run has written into it (no " + PipelineLayout.stampsDir(out).getFileName()
                    + "/ nor " + DataFile.RUN.fileName() + "); refusing to write results there: the epochs phase would "
                    + "replace its " + DataFile.NEOWISE_EPOCHS.fileName() + ". Give another --out (a new or empty "
                    + "directory, or an earlier run's output).");
        }
    }

    /** {@code run.json}: every setting and the identity of every input, deterministic (no clock) so reruns rewrite the same bytes. */
    private void writeRunJson() {
        List<Path> inputs = new ArrayList<>(TileFiles.of(config));
        Path epochs = DataFile.NEOWISE_EPOCHS.in(config.data());
        if (config.source() == Source.SAMPLES && Files.isRegularFile(epochs)) {
            inputs.add(epochs);
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Path p : inputs) {
            FileIdentity id = ids.of(p);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", p.toAbsolutePath().normalize().toString());
            m.put("bytes", id.bytes());
            m.put("sha256", id.sha256());
            entries.add(m);
        }
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("toolkit", "tasni-toolkit " + Version.get());
        run.put("config", config.toMap());
        run.put("inputs", entries);
        AtomicFiles.write(DataFile.RUN.in(config.out()), tmp -> Stamp.JSON.writeValue(tmp.toFile(), run));
    }
}
