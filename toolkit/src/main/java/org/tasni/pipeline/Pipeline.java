package org.tasni.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.tasni.TasniException;
import org.tasni.crossmatch.Backend;
import org.tasni.io.RecordTables;
import org.tasni.io.ResultTable;
import org.tasni.io.TableIO;
import org.tasni.io.TileLayout;
import org.tasni.io.TileLayout.DataFile;
import org.tasni.pipeline.report.ReportPage;
import org.tasni.variability.VariabilityConfig.Preset;
import org.tasni.variability.VariabilityFlag;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The whole TASNI run: tiles → orphans → candidates → light curves → variability → periods → a ranked list of fading
 * thermal orphans with its evidence and a report. Each phase writes atomic files into the output directory and is
 * reused on a rerun when its inputs and settings are unchanged.
 *
 * <pre>{@code
 * var p = Pipeline.on("../data-samples").out("tasni-out");
 * p.run();                   // every phase; the result is the phase table, result.report() the summary
 * var orphans = p.crossmatch();   // or one phase per cell, each returning its table (earlier phases run as needed)
 * var ranked = p.rank();
 * p.status();                // one row per phase: done, reused, missing
 * }</pre>
 *
 * <p>Configured with withers: each returns a new pipeline, so a notebook can keep variants side by side.
 *
 * <p>A phase that fails stops the run: the phase methods ({@code p.rank()}, …) throw its reason. A phase with failed
 * tiles or sources is PARTIAL: the later phases run on the rest, the phase methods return their tables and print the
 * partial phase's line, with every failure and its reason, to {@code System.err} (the cell's output), and
 * {@code run().report()} says PARTIAL.
 */
public final class Pipeline {

    private final PipelineConfig config;
    private final Phase recomputeFrom;
    private final Consumer<String> say;
    /**
     * The phases this object has recomputed since {@link #recomputeFrom}: each is recomputed once, and a later call
     * reuses it (a forced pipeline in a notebook had recomputed every phase again in every cell).
     */
    private final Set<Phase> recomputed = EnumSet.noneOf(Phase.class);

    private Pipeline(PipelineConfig config, Phase recomputeFrom, Consumer<String> say) {
        this.config = config;
        this.recomputeFrom = recomputeFrom;
        this.say = say;
    }

    /** A pipeline on a data directory ({@code tiles/}, and for the samples {@code neowise_epochs.parquet}). */
    public static Pipeline on(String dataDir) {
        return on(Path.of(TasniException.requireGiven(dataDir, "the data directory")));
    }

    /** A pipeline on a data directory. */
    public static Pipeline on(Path dataDir) {
        TasniException.requireGiven(dataDir, "the data directory");
        return of(PipelineConfig.defaults().withData(dataDir));
    }

    /**
     * The pipeline whose run wrote {@code out} (its {@code run.json}): for {@link #status()} of an output directory,
     * or to go on with the same settings.
     *
     * @throws TasniException when {@code out} holds no readable {@code run.json}
     */
    public static Pipeline at(Path out) {
        return of(RunJson.read(TasniException.requireGiven(out, "the output directory")));
    }

    /** A pipeline with this configuration. */
    public static Pipeline of(PipelineConfig config) {
        return new Pipeline(TasniException.requireGiven(config, "the pipeline configuration"), null, s -> {});
    }

    /** Its configuration. */
    public PipelineConfig config() {
        return config;
    }

    private Pipeline with(PipelineConfig c) {
        return new Pipeline(c, recomputeFrom, say);
    }

    /** The output directory (default {@code tasni-out}). */
    public Pipeline out(String dir) {
        return out(Path.of(TasniException.requireGiven(dir, "the output directory")));
    }

    /** The output directory. */
    public Pipeline out(Path dir) {
        return with(config.withOut(dir));
    }

    /** Where tiles and epochs come from; for {@link Source#TAP} use {@link #tapUrl}. */
    public Pipeline source(Source s) {
        return with(config.withSource(s, s == Source.TAP ? config.tapUrl() : Optional.empty()));
    }

    /** Tiles and epochs from this TAP service (IRSA- and Gaia-shaped tables). */
    public Pipeline tapUrl(String url) {
        return with(config.withTapUrl(url));
    }

    /**
     * The nside-32 tiles {@code from} to {@code to}, both included, to download (TAP and IRSA sources), as
     * {@code Downloader.tiles(from, to)} and {@code run --tiles A-B} take them.
     */
    public Pipeline tiles(long from, long to) {
        if (from < 0 || to >= TileLayout.TILING.npix() || to < from) {
            throw new TasniException("tiles must be a range within [0, " + (TileLayout.TILING.npix() - 1) + "] (got "
                    + from + "-" + to + ").");
        }
        return tiles(LongStream.rangeClosed(from, to).boxed().toList());
    }

    /** These nside-32 tiles, in any order, each once (a tile named twice is downloaded once). */
    public Pipeline tiles(Collection<Long> tiles) {
        if (TasniException.requireGiven(tiles, "the tile list").isEmpty()) {
            throw new TasniException("the tile list is empty; give at least one tile, or .tiles(from, to) for a range.");
        }
        return with(config.withTiles(new ArrayList<>(tiles)));
    }

    /** The tiles as {@code run --tiles} takes them: {@code "6044-6047"}, {@code "6044,6050"}, {@code "1,5-8"}. */
    public Pipeline tiles(String list) {
        return tiles(LongStream.of(TileLayout.parseTiles(list)).boxed().toList());
    }

    /** Worker threads. */
    public Pipeline threads(int n) {
        return with(config.withThreads(n));
    }

    /** The crossmatch backend. */
    public Pipeline backend(Backend b) {
        return with(config.withBackend(b));
    }

    /** The match radius, arcsec (default 3). */
    public Pipeline radius(double arcsec) {
        return with(config.withRadius(arcsec));
    }

    /** The variability and periodogram preset. */
    public Pipeline preset(Preset p) {
        return with(config.withPreset(p));
    }

    /** The variability and periodogram preset by name ("standard", "tasni-legacy"). */
    public Pipeline preset(String name) {
        return preset(Preset.of(name));
    }

    /** The candidate cuts (default {@link CandidateCuts#reference()}). */
    public Pipeline cuts(CandidateCuts c) {
        return with(config.withCuts(c));
    }

    /** Candidates shown in detail in the report (default 5). */
    public Pipeline top(int n) {
        return with(config.withTop(n));
    }

    /** Where one-line progress goes (default: nowhere; the CLI prints it). */
    public Pipeline notices(Consumer<String> sink) {
        return new Pipeline(config, recomputeFrom, TasniException.requireGiven(sink, "the notice sink"));
    }

    /**
     * A pipeline that recomputes {@code phase} and every later one, whatever their stamps say, once: the first call
     * that reaches a phase recomputes it, and later calls on this object ({@code p.filter()} after {@code p.run()})
     * reuse what it has just computed. Call this again for another recomputation.
     */
    public Pipeline recomputeFrom(Phase phase) {
        return new Pipeline(config, TasniException.requireGiven(phase, "the phase to recompute from"), say);
    }

    /**
     * A pipeline that recomputes every phase ({@code --force}), each once: later calls on the returned object reuse
     * what it has just computed (see {@link #recomputeFrom}). Downloaded tiles are kept (the downloader resumes).
     */
    public Pipeline force() {
        return recomputeFrom(Phase.DOWNLOAD);
    }

    /** Every phase. */
    public ResultTable<RunReport> run() {
        return run(Phase.REPORT);
    }

    /**
     * The phases up to {@code last}, each reused when its inputs and settings are unchanged.
     *
     * @return one row per phase ({@code phase, status, start, end, elapsed_s, rows_in, rows_out, peak_heap_mb,
     *         notes}); {@code result.report()} says what was found
     */
    public ResultTable<RunReport> run(Phase last) {
        TasniException.requireGiven(last, "the last phase");
        long t0 = System.nanoTime();
        Set<Phase> recompute = EnumSet.noneOf(Phase.class);
        synchronized (recomputed) {
            if (recomputeFrom != null) {
                for (Phase ph : Phase.values()) {
                    if (ph.compareTo(recomputeFrom) >= 0 && !recomputed.contains(ph)) {
                        recompute.add(ph);
                    }
                }
            }
        }
        // not under the monitor: a second call while this one runs is refused by the output's lock, not kept waiting
        return new Runner(config, Steps.all(), say).run(last, recompute, records -> {
            synchronized (recomputed) {
                for (PhaseRecord r : records) {
                    if (recompute.contains(r.phase())
                            && (r.status() == PhaseStatus.DONE || r.status() == PhaseStatus.PARTIAL)) {
                        recomputed.add(r.phase());
                    }
                }
            }
            return result(records, t0);
        });
    }

    /** The phase table and the run's report, read while the run still holds the output directory. */
    private ResultTable<RunReport> result(List<PhaseRecord> records, long t0) {
        long candidates = -1, fading = -1;
        String top = "";
        boolean ranked = records.stream().anyMatch(r -> r.phase() == Phase.RANK
                && (r.status() == PhaseStatus.DONE || r.status() == PhaseStatus.REUSED));
        if (ranked) {
            Table t = TableIO.read(DataFile.RANKED.in(config.out()));
            candidates = t.rowCount();
            fading = t.rowCount() == 0 ? 0 : VariabilityFlag.FADING.count(t);
            top = t.rowCount() == 0 ? "" : t.stringColumn("designation").get(0);
        }
        RunReport rep = new RunReport(records, candidates, fading, top, config.out(), (System.nanoTime() - t0) / 1e9);
        return new ResultTable<>(RecordTables.toTable("pipeline", PhaseRecord.class, records), rep);
    }

    /** The tile files the crossmatch will read, after the download phase (one row per file). */
    public Table download() {
        through(Phase.DOWNLOAD);
        return Table.create("tiles", StringColumn.create("file", TileFiles.of(config).stream().map(Path::toString).toList()));
    }

    /** The orphans: AllWISE sources with no Gaia source within the radius (Gaia moved to 2010.5). */
    public Table crossmatch() {
        return through(Phase.CROSSMATCH, DataFile.ORPHANS);
    }

    /** The candidates: orphans that pass the cuts, with {@code w1_w2}. */
    public Table filter() {
        return through(Phase.FILTER, DataFile.CANDIDATES);
    }

    /** The candidates' NEOWISE exposures. */
    public Table epochs() {
        return through(Phase.EPOCHS, DataFile.NEOWISE_EPOCHS);
    }

    /** The candidates' variability statistics and flags. */
    public Table variability() {
        return through(Phase.VARIABILITY, DataFile.VARIABILITY);
    }

    /** The periods of the candidates flagged FADING or VARIABLE. */
    public Table periodogram() {
        return through(Phase.PERIODOGRAM, DataFile.PERIODOGRAM);
    }

    /** The ranked candidates, fading thermal orphans first. */
    public Table rank() {
        return through(Phase.RANK, DataFile.RANKED);
    }

    /**
     * Runs every phase (reusing what is unchanged) and returns the report, which a notebook shows inline; its file is
     * {@code OUT/report.html}.
     */
    public ReportPage report() {
        through(Phase.REPORT);
        return ReportPage.of(config.out()).top(config.top());
    }

    /** One row per phase of the output directory: done (rows, time), stale, or missing, and what is missing. */
    public Table status() {
        return PipelineStatus.of(config, Steps.all());
    }

    /** What, where and how far, in one line: {@code Pipeline samples data-samples → tasni-out: 3 of 8 phases run}. */
    @Override
    public String toString() {
        long stamped = Steps.all().stream().filter(s -> Files.isRegularFile(Stamp.file(config.out(), s.phase()))).count();
        String where = config.source() == Source.SAMPLES ? config.data().toString() : config.tapUrl().orElse("");
        return "Pipeline " + config.source() + " " + where + " → " + config.out() + ": "
                + (stamped == 0 ? "not run yet" : stamped + " of " + Steps.all().size() + " phases run")
                + (recomputeFrom == null ? "" : ", recomputing from " + recomputeFrom)
                + " (status() checks them)";
    }

    private Table through(Phase phase, DataFile output) {
        through(phase);
        return TableIO.read(output.in(config.out()));
    }

    private void through(Phase phase) {
        ResultTable<RunReport> r = run(phase);
        for (PhaseRecord p : r.report().phases()) {
            if (p.status() == PhaseStatus.PARTIAL) {
                // the cell gets a table, not the phase table that says "partial": without these lines a failed tile's
                // sources were silently missing from it (the CLI says so and exits 1). A partial result is still a
                // result, so no exception; the lines go to the cell's output whatever the notices sink is
                System.err.println("warning: " + p.phase() + " is PARTIAL: what failed is left out of its result and "
                        + "of every later phase (run it again once fixed)" + System.lineSeparator() + Summary.line(p));
            }
            if (p.status() == PhaseStatus.FAILED) {
                // the notes say "failed: why" for the run's table; once is enough here
                throw new TasniException("phase " + p.phase() + " failed: " + String.join("; ", p.notes().stream()
                        .map(n -> n.startsWith("failed: ") ? n.substring("failed: ".length()) : n).toList()));
            }
        }
    }
}
