package org.tasni.cli;

import picocli.CommandLine.Mixin;
import org.tasni.io.TileLayout.DataFile;
import org.tasni.io.TileLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.tasni.TasniException;
import org.tasni.io.OutputPaths;
import org.tasni.io.TableIO;
import org.tasni.simulate.EpochConfig;
import org.tasni.simulate.EpochSimulator;
import org.tasni.simulate.SkyConfig;
import org.tasni.simulate.SkySimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;

/** {@code simulate}: deterministic sample data with ground truth, in the pipeline's file layout. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Simulate AllWISE/Gaia tiles and NEOWISE light curves with ground truth.",
                "Writes OUT/tiles/{wise,gaia}_hpNNNNN.parquet, OUT/targets.parquet, OUT/neowise_epochs.parquet and",
                "OUT/neowise_truth.parquet. The same seed gives the same files."})
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
            description = "simulate NEOWISE epochs for N WISE-only sources, red ones first (default: ${DEFAULT-VALUE}; 0 for none)")
    int lightCurves;

    @Option(names = "--targets", paramLabel = "FILE",
            description = "simulate epochs for these targets (designation, ra, dec[, w1mpro, w2mpro]) and no sky")
    Path targetsFile;

    @Override
    public Integer call() {
        Path out = outDir.path();
        if (lightCurves < 0) {
            throw new TasniException("--light-curves must be >= 0 (got " + lightCurves + ").");
        }
        // checked before anything is read or simulated: OUT must be a directory, no output may be the --targets file,
        // and tiles a download fetched are not replaced by simulated ones
        OutputPaths.requireDirectory(out);
        for (DataFile f : new DataFile[] {DataFile.TARGETS, DataFile.NEOWISE_EPOCHS, DataFile.NEOWISE_TRUTH}) {
            OutputPaths.refuseInputs(f.in(out), targetsFile);
        }
        Path tilesDir = TileLayout.tilesDir(out);
        if (targetsFile == null && java.nio.file.Files.exists(TileLayout.journal(tilesDir))) {
            throw new TasniException(tilesDir + ": holds downloaded tiles (it has a download journal); "
                    + "simulate would overwrite them with simulated ones. Give another --out.");
        }
        long t0 = System.nanoTime();
        Table targets;
        if (targetsFile != null) {
            targets = TableIO.read(targetsFile);
        } else {
            long[] ts = TileList.parse(tiles, SkySimulator.TILES.npix());
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
            TableIO.write(sample.epochs(), DataFile.NEOWISE_EPOCHS.in(out));
            TableIO.write(sample.truth(), DataFile.NEOWISE_TRUTH.in(out));
            System.out.printf("epochs: %,d light curves, %,d exposures → %s%n", sample.truth().rowCount(),
                    sample.epochs().rowCount(), DataFile.NEOWISE_EPOCHS.in(out));
        }
        System.out.printf("done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    /** N WISE-only sources, the red ones (W1−W2 ≥ 0.5) first, in a seeded random order. */
    static Table pickTargets(Table wise, int n, long seed) {
        List<Integer> red = new ArrayList<>(), other = new ArrayList<>();
        for (int i = 0; i < wise.rowCount(); i++) {
            if (!wise.booleanColumn("is_orphan_truth").get(i)) {
                continue;
            }
            double color = wise.floatColumn("w1mpro").getDouble(i) - wise.floatColumn("w2mpro").getDouble(i);
            (color >= 0.5 ? red : other).add(i);
        }
        SplittableRandom r = new SplittableRandom(seed);
        java.util.Collections.shuffle(red, new java.util.Random(r.nextLong()));
        java.util.Collections.shuffle(other, new java.util.Random(r.nextLong()));
        List<Integer> rows = new ArrayList<>(red);
        rows.addAll(other);
        int[] pick = rows.stream().limit(n).mapToInt(Integer::intValue).toArray();
        return wise.where(tech.tablesaw.selection.Selection.with(pick)).selectColumns("designation", "ra", "dec", "w1mpro", "w2mpro").setName(DataFile.TARGETS.fileName());
    }
}
