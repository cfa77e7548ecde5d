package org.tasni.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;
import org.tasni.TasniException;
import org.tasni.crossmatch.Backend;
import org.tasni.io.ResultTable;
import org.tasni.io.TileLayout.DataFile;
import org.tasni.pipeline.CandidateCuts;
import org.tasni.pipeline.Phase;
import org.tasni.pipeline.PhaseStatus;
import org.tasni.pipeline.Engine;
import org.tasni.pipeline.Pipeline;
import org.tasni.pipeline.PipelineConfig;
import org.tasni.pipeline.RunReport;
import org.tasni.pipeline.Source;
import org.tasni.variability.VariabilityConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code run}: the whole TASNI pipeline, resumable, ending with the report's path. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the whole pipeline: download, crossmatch, filter, epochs, variability, periodogram, rank, report.",
                "With no options: the samples of data-samples/ (offline) into tasni-out/.",
                "Each phase is reused when its inputs and settings are unchanged; --force recomputes all.",
                "Exits 1 if any phase, tile or source failed."})
final class RunCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR",
            description = "data directory: tiles/ (and neowise_epochs.parquet for --source samples); downloads go here "
                    + "(default: data-samples for --source samples, tasni-data for tap and irsa)")
    Path data;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "tasni-out", description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--source", paramLabel = "SOURCE", defaultValue = "samples",
            description = "samples (read DATA in place), tap (--tap-url) or irsa (the real archives) (default: ${DEFAULT-VALUE})")
    Source source;

    @Option(names = "--tap-url", paramLabel = "URL", description = "the TAP service of --source tap")
    String tapUrl;

    /** The default of {@code --tiles}; the option has none of its own, so that one given with the samples is seen. */
    static final String DEFAULT_TILES = "6044-6047";

    @Option(names = "--tiles", paramLabel = "A-B|a,b,c",
            description = "nside-32 tiles to download with --source tap|irsa (default: " + DEFAULT_TILES
                    + ", the samples' four)")
    String tiles;

    @Option(names = "--phase", paramLabel = "NAME|all", defaultValue = "all",
            description = "run up to this phase: download, crossmatch, filter, epochs, variability, periodogram, rank, report, or all (default: ${DEFAULT-VALUE})")
    String phase;

    @Mixin
    ThreadsOption threads;

    @Option(names = "--backend", defaultValue = "CPU", paramLabel = "BACKEND",
            description = "crossmatch backend: ${COMPLETION-CANDIDATES}, any case (default: ${DEFAULT-VALUE})")
    Backend backend;

    @Option(names = "--engine", defaultValue = "CPU", paramLabel = "ENGINE",
            description = "where the crossmatch phase runs: ${COMPLETION-CANDIDATES}, any case; spark needs the Spark "
                    + "launcher spark/bin/tasni-spark (default: ${DEFAULT-VALUE})")
    Engine engine;

    @Option(names = "--radius", defaultValue = "3", paramLabel = "ARCSEC", description = "match radius, arcsec (default: ${DEFAULT-VALUE})")
    double radius;

    @Option(names = "--preset", defaultValue = "standard", paramLabel = "NAME", converter = PresetConverters.Variability.class,
            description = "variability preset: standard, tasni-legacy or tasni-tier5 (default: ${DEFAULT-VALUE})")
    VariabilityConfig.Preset preset;

    @Option(names = "--min-snr", paramLabel = "SNR", defaultValue = "5", description = "keep w1snr and w2snr >= this (default: ${DEFAULT-VALUE})")
    double minSnr;

    @Option(names = "--ph-qual", paramLabel = "LETTERS", defaultValue = "AB", description = "ph_qual letters kept in W1 and W2, of A, B, C, U, X, Z, any case (default: ${DEFAULT-VALUE})")
    String phQual;

    @Option(names = "--cc-flags", paramLabel = "CHARS", defaultValue = "0", description = "cc_flags characters kept in W1 and W2 (default: ${DEFAULT-VALUE})")
    String ccFlags;

    @Option(names = "--min-w1-w2", paramLabel = "MAG", defaultValue = "0.5", description = "the thermal colour cut W1-W2 >= this (default: ${DEFAULT-VALUE})")
    double minColour;

    @Option(names = "--top", paramLabel = "N", defaultValue = "5", description = "candidates shown in detail in the report (default: ${DEFAULT-VALUE})")
    int top;

    @Option(names = "--force", description = "recompute every phase (downloaded tiles are kept: the downloader resumes)")
    boolean force;

    @Override
    public Integer call() {
        if (data == null) {
            data = Path.of(source == Source.SAMPLES ? "data-samples" : "tasni-data");
        }
        if (source == Source.SAMPLES && (tiles != null || tapUrl != null)) {
            // had been ignored without a word: the samples' run matches the tiles DATA holds, from DATA
            throw new TasniException((tiles != null ? "--tiles" : "--tap-url") + " is for --source tap|irsa; "
                    + "--source samples matches the tiles " + data.resolve("tiles") + " holds. Leave it out, or give "
                    + "--source tap|irsa.");
        }
        // first, so that an empty --data or --out is refused before DATA's files are looked at
        PipelineConfig c = PipelineConfig.defaults().withData(data).withOut(out)
                .withSource(source, Optional.ofNullable(tapUrl)).withTiles(tileList()).withThreads(threads.orAllCores())
                .withBackend(backend).withEngine(engine).withRadius(radius).withPreset(preset).withTop(top)
                .withCuts(new CandidateCuts(minSnr, minSnr, phQual, ccFlags, minColour));
        if (source != Source.SAMPLES && Files.exists(DataFile.NEOWISE_TRUTH.in(data))) {
            // downloaded tiles would replace simulated ones and mix real and simulated data in one directory
            throw new TasniException("--data " + data + " holds simulated data (" + DataFile.NEOWISE_TRUTH.fileName()
                    + "); give another --data directory for --source " + source + ".");
        }
        Pipeline p = Pipeline.of(c).notices(System.out::println);
        if (force) {
            p = p.force();
        }
        Phase last = "all".equalsIgnoreCase(phase) ? Phase.REPORT : Phase.of(phase);
        System.out.println("TASNI pipeline: " + source + " " + (source == Source.SAMPLES ? data : tapUrl == null ? "" : tapUrl)
                + " → " + out);
        ResultTable<RunReport> r = p.run(last);
        System.out.println(r.report());
        boolean reported = r.report().phases().stream().anyMatch(ph -> ph.phase() == Phase.REPORT
                && (ph.status() == PhaseStatus.DONE || ph.status() == PhaseStatus.REUSED));
        if (reported) {
            System.out.println("report: " + DataFile.REPORT.in(out).toAbsolutePath().normalize());
        }
        return r.report().failed() ? 1 : 0;
    }

    private List<Long> tileList() {
        return LongStream.of(TileList.parse(tiles != null ? tiles : DEFAULT_TILES)).boxed().toList();
    }
}
