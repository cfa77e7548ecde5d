package org.tasni.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.tasni.TasniException;
import org.tasni.io.Columns;
import org.tasni.io.OutputPaths;
import org.tasni.io.ParquetIO;
import org.tasni.io.TableIO;
import org.tasni.io.Targets;
import org.tasni.pipeline.CandidateCuts;
import org.tasni.io.TileLayout.DataFile;
import org.tasni.io.TileLayout;
import org.tasni.simulate.EpochConfig;
import org.tasni.simulate.EpochSimulator;
import org.tasni.simulate.SkyConfig;
import org.tasni.simulate.SkySimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.selection.Selection;

/** {@code simulate}: deterministic sample data with ground truth, in the pipeline's file layout. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Simulate AllWISE/Gaia tiles and NEOWISE light curves with ground truth.",
                "Writes OUT/tiles/{wise,gaia}_hpNNNNN.parquet, OUT/targets.parquet, OUT/neowise_epochs.parquet and",
                "OUT/neowise_truth.parquet. The same seed gives the same files.",
                "An OUT that already holds any file this run would write is refused unless --force (simulated data mixed",
                "into another data set, or over real data, is worse than no data)."})
final class SimulateCommand implements Callable<Integer> {

    @Mixin
    OutDirOption outDir;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--tiles", defaultValue = "6044-6047", paramLabel = "A-B|a,b,c",
            description = "HEALPix nside-32 NESTED tiles, ranges inclusive (default: ${DEFAULT-VALUE}, four tiles around one corner)")
    String tiles;

    @Option(names = "--density-scale", defaultValue = "1.0",
            description = "multiply the real densities (Gaia 44,000/deg², AllWISE 18,000/deg²) by this (default: ${DEFAULT-VALUE})")
    double densityScale;

    @Option(names = "--light-curves", defaultValue = "300", paramLabel = "N",
            description = "simulate NEOWISE epochs for N sources: every one passing the default candidate cuts first, then "
                    + "WISE-only ones, red first (default: ${DEFAULT-VALUE}; 0 for none)")
    int lightCurves;

    @Option(names = "--targets", paramLabel = "FILE",
            description = "simulate epochs for these targets (designation, ra, dec[, w1mpro, w2mpro]) and no sky")
    Path targetsFile;

    @Option(names = "--force", description = "overwrite files of OUT that this run writes (only those: other files "
            + "already in OUT, e.g. tiles not in --tiles, are left as they are; downloaded tiles are never replaced)")
    boolean force;

    @Override
    public Integer call() {
        Path out = outDir.path();
        if (lightCurves < 0) {
            throw new TasniException("--light-curves must be >= 0 (got " + lightCurves + ").");
        }
        // checked before anything is read or simulated: OUT must be a directory, no output may be the --targets file,
        // and tiles a download fetched are not replaced by simulated ones
        OutputPaths.requireDirectory(out);
        Path tilesDir = TileLayout.tilesDir(out);
        if (targetsFile == null && Files.exists(TileLayout.journal(tilesDir))) {
            throw new TasniException(tilesDir + ": holds downloaded tiles (it has a download journal); "
                    + "simulate would overwrite them with simulated ones. Give another --out.");
        }
        long[] ts = targetsFile == null ? TileList.parse(tiles) : new long[0];
        // only what this run writes: with --targets that is not targets.parquet, so a data directory's own targets
        // can be given beside the epochs they are for
        for (Path f : wouldWrite(out, ts)) {
            OutputPaths.refuseInputs(f, targetsFile);
        }
        if (!force) {
            refuseExisting(out, wouldWrite(out, ts));
        }
        long t0 = System.nanoTime();
        Table targets;
        if (targetsFile != null) {
            targets = checkedTargets(TableIO.read(targetsFile));
        } else {
            var sky = SkySimulator.of(SkyConfig.defaults().withSeed(seed).withDensityScale(densityScale)).simulate(ts);
            sky.writeTiles(tilesDir);
            Table wise = sky.allWise();
            long orphans = wise.booleanColumn("is_orphan_truth").countTrue();
            System.out.printf("sky: %d tiles, %,d Gaia and %,d WISE sources (%,d WISE-only) → %s%n", ts.length,
                    sky.allGaia().rowCount(), wise.rowCount(), orphans, tilesDir);
            if (sky.wiseLostAtEdge() > 0) {
                System.out.printf("sky: %,d WISE counterparts fell into tiles outside --tiles and were not written%n",
                        sky.wiseLostAtEdge());
            }
            targets = pickTargets(wise, lightCurves, seed);
            if (targets.rowCount() > 0) {
                TableIO.write(targets, DataFile.TARGETS.in(out));
            }
        }
        if (targets.rowCount() > 0 && (targetsFile != null || lightCurves > 0)) {
            var sample = EpochSimulator.of(EpochConfig.defaults().withSeed(seed)).simulate(targets);
            // small row groups: the pipeline streams the epochs, so its heap holds one group, not the file
            ParquetIO.write(sample.epochs(), DataFile.NEOWISE_EPOCHS.in(out), ParquetIO.STREAMING_ROW_GROUP_BYTES);
            TableIO.write(sample.truth(), DataFile.NEOWISE_TRUTH.in(out));
            System.out.printf("epochs: %,d light curves, %,d exposures → %s%n", sample.truth().rowCount(),
                    sample.epochs().rowCount(), DataFile.NEOWISE_EPOCHS.in(out));
        }
        System.out.printf("done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    /**
     * The files this run writes: in sky mode both tiles of each of {@code tiles}, and with light curves the targets,
     * epochs and truth files; with {@code --targets}, the epochs and truth files.
     */
    private List<Path> wouldWrite(Path out, long[] tiles) {
        List<Path> files = new ArrayList<>();
        for (long t : tiles) {
            files.add(TileLayout.tileFile(TileLayout.tilesDir(out), TileLayout.GAIA, t));
            files.add(TileLayout.tileFile(TileLayout.tilesDir(out), TileLayout.WISE, t));
        }
        if (targetsFile == null && lightCurves > 0) {
            files.add(DataFile.TARGETS.in(out));
        }
        if (targetsFile != null || lightCurves > 0) {
            files.add(DataFile.NEOWISE_EPOCHS.in(out));
            files.add(DataFile.NEOWISE_TRUTH.in(out));
        }
        return files;
    }

    /** Refuses, in one line naming the first files, when any of {@code files} already exists. */
    static void refuseExisting(Path out, List<Path> files) {
        List<Path> there = files.stream().filter(Files::exists).toList();
        if (!there.isEmpty()) {
            String names = String.join(", ", there.stream().limit(3).map(f -> out.relativize(f).toString()).toList())
                    + (there.size() > 3 ? ", …" : "");
            throw new TasniException(out + ": " + there.size() + " of the " + files.size() + " files this run would "
                    + "write already exist (" + names + "); give another --out, or --force to overwrite them.");
        }
    }

    /**
     * The targets of {@code --targets}, checked as {@code download} checks NEOWISE targets ({@link Targets#check}):
     * rows without a designation, with a NaN or out-of-range position (never wrapped or mirrored: ra 400 or dec 95 is
     * a typo, not a place on the sky, and simulated epochs there would be labelled with a position nobody gave) or
     * repeating an earlier designation (its light curve would be merged with the first one's) are left out and
     * counted in the summary line; a column wrong as a whole is refused.
     */
    private static Table checkedTargets(Table t) {
        Targets c = Targets.check(t);
        Table kept = Table.create(t.name(), StringColumn.create("designation", c.designation()),
                DoubleColumn.create("ra", c.ra()), DoubleColumn.create("dec", c.dec()));
        for (String band : new String[] {"w1mpro", "w2mpro"}) {
            if (t.containsColumn(band)) {
                double[] all = Columns.doubles(t, band), v = new double[c.kept()];
                for (int j = 0; j < v.length; j++) {
                    v[j] = all[c.rows()[j]];
                }
                kept.addColumns(DoubleColumn.create(band, v));
            }
        }
        System.out.printf("targets: %d given, %d kept; targets left out: %s%n", c.given(), c.kept(), c.dropCounts());
        return kept;
    }

    /**
     * N light-curve targets: first every WISE source that passes the pipeline's default candidate cuts (so that the
     * default {@code run} on these samples finds a light curve for each candidate it selects, orphan or not), then
     * other WISE-only sources, red ones (W1−W2 ≥ 0.5) first; each group in a seeded random order.
     */
    static Table pickTargets(Table wise, int n, long seed) {
        Set<String> candidates = new HashSet<>(CandidateCuts.reference().apply(wise).candidates()
                .stringColumn("designation").asList());
        List<Integer> first = new ArrayList<>(), red = new ArrayList<>(), other = new ArrayList<>();
        for (int i = 0; i < wise.rowCount(); i++) {
            if (candidates.contains(wise.stringColumn("designation").get(i))) {
                first.add(i);
                continue;
            }
            if (!wise.booleanColumn("is_orphan_truth").get(i)) {
                continue;
            }
            double color = wise.floatColumn("w1mpro").getDouble(i) - wise.floatColumn("w2mpro").getDouble(i);
            (color >= 0.5 ? red : other).add(i);
        }
        SplittableRandom r = new SplittableRandom(seed);
        Collections.shuffle(first, new Random(r.nextLong()));
        Collections.shuffle(red, new Random(r.nextLong()));
        Collections.shuffle(other, new Random(r.nextLong()));
        List<Integer> rows = new ArrayList<>(first);
        rows.addAll(red);
        rows.addAll(other);
        if (first.size() > n) {
            System.out.printf("warning: %d sources pass the candidate cuts but --light-curves is %d: the default run "
                    + "will find candidates without a light curve%n", first.size(), n);
        }
        int[] pick = rows.stream().limit(n).mapToInt(Integer::intValue).toArray();
        return wise.where(Selection.with(pick)).selectColumns("designation", "ra", "dec", "w1mpro", "w2mpro").setName(DataFile.TARGETS.fileName());
    }
}
