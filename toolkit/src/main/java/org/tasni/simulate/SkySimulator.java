package org.tasni.simulate;

import org.tasni.io.TileLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tasni.TasniException;
import org.tasni.io.ParquetIO;
import org.tasni.sky.Healpix;
import org.tasni.sky.ProperMotion;
import org.tasni.sky.SkyMath;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Generates AllWISE-like and Gaia-DR3-like catalogues in HEALPix nside-32 tiles, with the ground truth kept.
 *
 * <pre>{@code
 * var sky = SkySimulator.of(SkyConfig.defaults().withDensityScale(0.1)).simulate(6044, 6045, 6046, 6047);
 * sky.writeTiles(Path.of("data-samples/tiles"));    // wise_hp06044.parquet, gaia_hp06044.parquet, …
 * }</pre>
 *
 * <h2>What is in it</h2>
 * <ul>
 *   <li><b>Gaia</b> ({@code source_id, ra, dec, pmra, pmdec, parallax, phot_g_mean_mag, ref_epoch}): uniform
 *       positions at epoch 2016.0. Proper motions are log-normal (median 6 mas/yr) with a tail above 500 mas/yr;
 *       19% have a two-parameter solution (NaN pmra, pmdec, parallax). {@code source_id} follows Gaia's own rule:
 *       the order-12 HEALPix pixel × 2³⁵ plus a running number.</li>
 *   <li><b>WISE</b> ({@code designation, cntr, ra, dec, w1mpro, w2mpro, w1sigmpro, w2sigmpro, w1snr, w2snr, ph_qual,
 *       cc_flags}): a fraction of Gaia sources, moved back to epoch 2010.5 by their proper motion and offset by the
 *       WISE position error, plus WISE-only sources at uniform positions; some of those are red (W1−W2 ≥ 0.5).
 *       Photometric errors grow with magnitude, {@code ph_qual} follows the S/N, and about 8% have a non-zero
 *       {@code cc_flags}. Truth: {@code true_gaia_id} (missing for WISE-only sources) and {@code is_orphan_truth}.</li>
 *   <li>A WISE source whose shifted position falls in a neighbouring tile is written to that tile when that tile is
 *       simulated too, so tile borders are crossed as on the real sky.</li>
 * </ul>
 * Each tile has its own random stream, so a tile's Gaia catalogue does not depend on which other tiles are made.
 */
public final class SkySimulator {

    /** The tiling of the pipeline's files. */
    public static final Healpix TILES = TileLayout.TILING;
    private static final Healpix GAIA_ID_LEVEL = Healpix.order(12);

    private final SkyConfig config;

    private SkySimulator(SkyConfig config) {
        this.config = config;
    }

    /**
     * A simulator with these settings; it keeps no other state, so the same tiles give the same catalogues.
     *
     * @param config the densities, fractions, epochs and seed, e.g. {@code SkyConfig.defaults().withDensityScale(0.1)}
     */
    public static SkySimulator of(SkyConfig config) {
        return new SkySimulator(config);
    }

    /** The settings this simulator was made with. */
    public SkyConfig config() {
        return config;
    }

    /**
     * Simulates these HEALPix nside-32 tiles (nested numbering; duplicates are ignored).
     *
     * @param tiles tile numbers in [0, 12287]
     * @return the Gaia and WISE catalogue of each tile, with the truth columns
     * @throws TasniException if a tile is outside [0, 12287]
     */
    public SkySample simulate(long... tiles) {
        long[] sorted = Arrays.stream(tiles).distinct().sorted().toArray();
        for (long t : sorted) {
            if (t < 0 || t >= TILES.npix()) {
                throw new TasniException("simulate: tile " + t + " is outside [0, 12287] (HEALPix nside 32).");
            }
        }
        Map<Long, Table> gaia = new LinkedHashMap<>();
        Map<Long, WiseRows> wise = new HashMap<>();
        for (long t : sorted) {
            wise.put(t, new WiseRows());
        }
        int lostAcrossEdge = 0;
        for (long t : sorted) {
            lostAcrossEdge += simulateTile(t, gaia, wise);
        }
        Map<Long, Table> wiseTables = new LinkedHashMap<>();
        for (long t : sorted) {
            wiseTables.put(t, wise.get(t).toTable(TileLayout.tileFileName(TileLayout.WISE, t)));
        }
        return new SkySample(gaia, wiseTables, lostAcrossEdge);
    }

    private int simulateTile(long tile, Map<Long, Table> gaiaOut, Map<Long, WiseRows> wiseOut) {
        SplittableRandom r = Rng.of(config.seed(), tile);
        TileSampler sampler = new TileSampler(tile);
        double area = TILES.pixelAreaDeg2();
        int nGaia = Rng.poisson(r, config.gaiaDensity() * config.densityScale() * area);
        int nWise = Rng.poisson(r, config.wiseDensity() * config.densityScale() * area);

        double[] ra = new double[nGaia], dec = new double[nGaia];
        double[] pmra = new double[nGaia], pmdec = new double[nGaia], plx = new double[nGaia];
        float[] g = new float[nGaia];
        long[] sourceId = new long[nGaia];
        boolean[] highPm = new boolean[nGaia];
        double[] pos = new double[2];
        for (int i = 0; i < nGaia; i++) {
            sampler.draw(r, pos);
            ra[i] = pos[0];
            dec[i] = pos[1];
            sourceId[i] = (GAIA_ID_LEVEL.ang2pix(ra[i], dec[i]) << 35) + i;
            double pa = r.nextDouble(2 * Math.PI);
            double mu;
            if (r.nextDouble() < config.highPmFraction()) {
                highPm[i] = true;
                mu = 500 * Math.pow(10, r.nextDouble()); // log-uniform 500–5000 mas/yr
                plx[i] = r.nextDouble(20, 300);
            } else if (r.nextDouble() < config.nanPmFraction()) {
                mu = Double.NaN;
                plx[i] = Double.NaN;
            } else {
                mu = 6 * Math.exp(Rng.gaussian(r));
                plx[i] = 0.5 * Math.exp(0.8 * Rng.gaussian(r));
            }
            pmra[i] = mu * Math.sin(pa);
            pmdec[i] = mu * Math.cos(pa);
            // counts rise toward the faint limit (G ≈ 21)
            g[i] = (float) (21.0 - 9.0 * Math.pow(r.nextDouble(), 2.5));
        }
        Table gaia = Table.create(TileLayout.tileFileName(TileLayout.GAIA, tile),
                LongColumn.create("source_id", sourceId), DoubleColumn.create("ra", ra), DoubleColumn.create("dec", dec),
                DoubleColumn.create("pmra", pmra), DoubleColumn.create("pmdec", pmdec),
                DoubleColumn.create("parallax", plx), FloatColumn.create("phot_g_mean_mag", g),
                DoubleColumn.create("ref_epoch", filled(nGaia, config.gaiaEpoch())));
        gaiaOut.put(tile, gaia);

        // WISE: the high-PM stars first (all seen by WISE), then a random choice of the others
        int nMatched = (int) Math.min(nGaia, Math.round(config.matchedFraction() * nWise));
        int[] order = new int[nGaia];
        int k = 0;
        for (int i = 0; i < nGaia; i++) {
            if (highPm[i]) {
                order[k++] = i;
            }
        }
        int firstOrdinary = k;
        for (int i = 0; i < nGaia; i++) {
            if (!highPm[i]) {
                order[k++] = i;
            }
        }
        for (int i = nGaia - 1; i > firstOrdinary; i--) {
            int j = firstOrdinary + r.nextInt(i - firstOrdinary + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int lost = 0;
        double dt = config.wiseEpoch() - config.gaiaEpoch();
        for (int m = 0; m < Math.max(nMatched, firstOrdinary) && m < nGaia; m++) {
            int i = order[m];
            double[] p = ProperMotion.propagate(ra[i], dec[i], pmra[i], pmdec[i], dt);
            double[] q = jitter(r, p[0], p[1], config.positionSigmaArcsec());
            long home = TILES.ang2pix(q[0], q[1]);
            WiseRows rows = wiseOut.get(home);
            if (rows == null) {
                lost++;
                continue;
            }
            double w1 = Math.min(17.5, Math.max(6, g[i] - 1.5 + 0.7 * Rng.gaussian(r)));
            rows.add(r, q[0], q[1], w1, w1 - (0.05 + 0.08 * Rng.gaussian(r)), sourceId[i]);
        }
        for (int m = nMatched; m < nWise; m++) {
            sampler.draw(r, pos);
            double w1 = 14.0 + 3.5 * Math.sqrt(r.nextDouble());
            double u = r.nextDouble();
            // red (the thermal-orphan candidates), else galaxy-like (W1−W2 ≈ 0.2) or star-like (≈ 0.05); the
            // latter two are narrow enough that only about 0.1% of them cross the 0.5 colour cut by chance
            double color = u < config.redOrphanFraction() ? r.nextDouble(0.5, 3.0)
                    : u < 0.85 ? 0.2 + 0.1 * Rng.gaussian(r) : 0.05 + 0.08 * Rng.gaussian(r);
            wiseOut.get(tile).add(r, pos[0], pos[1], w1, w1 - color, Long.MIN_VALUE);
        }
        return lost;
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    /**
     * Uniform positions in one tile: uniform in the tile's bounding cap (in the tile centre's local east/north basis),
     * rejected when outside the tile. About 30% of draws land in the tile.
     */
    private static final class TileSampler {
        final long tile;
        final double[] c, east, north;
        final double cosMax;

        TileSampler(long tile) {
            this.tile = tile;
            double[] radec = TILES.pix2ang(tile);
            double a = Math.toRadians(radec[0]), d = Math.toRadians(radec[1]);
            c = SkyMath.toVector(radec[0], radec[1]);
            east = new double[] {-Math.sin(a), Math.cos(a), 0};
            north = new double[] {-Math.sin(d) * Math.cos(a), -Math.sin(d) * Math.sin(a), Math.cos(d)};
            cosMax = Math.cos(Math.toRadians(1.01 * TILES.maxPixRadDeg()));
        }

        void draw(SplittableRandom r, double[] out) {
            while (true) {
                double cosRho = 1 - r.nextDouble() * (1 - cosMax);
                double sinRho = Math.sqrt((1 - cosRho) * (1 + cosRho));
                double az = r.nextDouble(2 * Math.PI);
                double e = sinRho * Math.sin(az), n = sinRho * Math.cos(az);
                double x = cosRho * c[0] + e * east[0] + n * north[0];
                double y = cosRho * c[1] + e * east[1] + n * north[1];
                double z = cosRho * c[2] + n * north[2];
                double ra = SkyMath.ra(x, y), dec = SkyMath.dec(x, y, z);
                if (TILES.ang2pix(ra, dec) == tile) {
                    out[0] = ra;
                    out[1] = dec;
                    return;
                }
            }
        }
    }

    /** A Gaussian offset of sigma arcsec per axis. */
    static double[] jitter(SplittableRandom r, double ra, double dec, double sigmaArcsec) {
        double dx = sigmaArcsec * Rng.gaussian(r) * 1000, dy = sigmaArcsec * Rng.gaussian(r) * 1000;
        return ProperMotion.propagate(ra, dec, dx, dy, 1.0);
    }

    /** The WISE photometric error (mag) at magnitude m, for a band whose error is 0.05 mag at mRef. */
    static double photometricError(double m, double mRef) {
        double x = 0.05 * Math.pow(10, 0.4 * (m - mRef));
        return Math.sqrt(0.02 * 0.02 + x * x);
    }

    /** AllWISE designation "JHHMMSS.ss±DDMMSS.s", truncated as IRSA does, not rounded. */
    static String designation(double ra, double dec) {
        long raCs = (long) Math.floor(SkyMath.normalizeRa(ra) / 15.0 * 3600 * 100); // hundredths of a second of time
        long decDs = (long) Math.floor(Math.abs(dec) * 3600 * 10); // tenths of an arcsecond
        // built by hand: String.format here dominated the simulation of a million sources
        char[] c = new char[19];
        c[0] = 'J';
        two(c, 1, raCs / 360000);
        two(c, 3, raCs / 6000 % 60);
        two(c, 5, raCs / 100 % 60);
        c[7] = '.';
        two(c, 8, raCs % 100);
        c[10] = dec < 0 ? '-' : '+';
        two(c, 11, decDs / 36000);
        two(c, 13, decDs / 600 % 60);
        two(c, 15, decDs / 10 % 60);
        c[17] = '.';
        c[18] = (char) ('0' + decDs % 10);
        return new String(c);
    }

    private static void two(char[] c, int at, long v) {
        c[at] = (char) ('0' + v / 10);
        c[at + 1] = (char) ('0' + v % 10);
    }

    private static char qualityLetter(double snr) {
        return snr >= 10 ? 'A' : snr >= 3 ? 'B' : snr >= 2 ? 'C' : 'U';
    }

    /** WISE rows of one tile, collected before they become a table. */
    private static final class WiseRows {
        final List<Object[]> rows = new ArrayList<>();

        void add(SplittableRandom r, double ra, double dec, double w1, double w2, long gaiaId) {
            double s1 = photometricError(w1, 15.5), s2 = photometricError(w2, 14.5);
            double o1 = w1 + s1 * Rng.gaussian(r), o2 = w2 + s2 * Rng.gaussian(r);
            String ph = "" + qualityLetter(1.0857 / s1) + qualityLetter(1.0857 / s2) + (r.nextDouble() < 0.3 ? 'B' : 'U')
                    + (r.nextDouble() < 0.1 ? 'C' : 'U');
            String cc = "0000";
            if (r.nextDouble() < 0.08) {
                char[] f = cc.toCharArray();
                f[r.nextInt(2)] = "dhop".charAt(r.nextInt(4));
                cc = new String(f);
            }
            rows.add(new Object[] {ra, dec, o1, o2, s1, s2, ph, cc, gaiaId});
        }

        Table toTable(String name) {
            int n = rows.size();
            double[] ra = new double[n], dec = new double[n];
            float[] w1 = new float[n], w2 = new float[n], s1 = new float[n], s2 = new float[n];
            float[] snr1 = new float[n], snr2 = new float[n];
            String[] ph = new String[n], cc = new String[n], des = new String[n];
            long[] cntr = new long[n], gid = new long[n];
            BooleanColumn orphan = BooleanColumn.create("is_orphan_truth", n);
            long tile = Long.parseLong(name.substring(7, 12));
            for (int i = 0; i < n; i++) {
                Object[] o = rows.get(i);
                ra[i] = (double) o[0];
                dec[i] = (double) o[1];
                w1[i] = (float) (double) o[2];
                w2[i] = (float) (double) o[3];
                s1[i] = (float) (double) o[4];
                s2[i] = (float) (double) o[5];
                snr1[i] = (float) (1.0857 / s1[i]);
                snr2[i] = (float) (1.0857 / s2[i]);
                ph[i] = (String) o[6];
                cc[i] = (String) o[7];
                gid[i] = (long) o[8];
                orphan.set(i, gid[i] == Long.MIN_VALUE);
                des[i] = designation(ra[i], dec[i]);
                cntr[i] = tile * 10_000_000L + i;
            }
            return Table.create(name, StringColumn.create("designation", des), LongColumn.create("cntr", cntr),
                    DoubleColumn.create("ra", ra), DoubleColumn.create("dec", dec), FloatColumn.create("w1mpro", w1),
                    FloatColumn.create("w2mpro", w2), FloatColumn.create("w1sigmpro", s1),
                    FloatColumn.create("w2sigmpro", s2), FloatColumn.create("w1snr", snr1),
                    FloatColumn.create("w2snr", snr2), StringColumn.create("ph_qual", ph),
                    StringColumn.create("cc_flags", cc), LongColumn.create("true_gaia_id", gid), orphan);
        }
    }

    /**
     * The simulated catalogues, per tile.
     *
     * @param gaia           Gaia catalogue of each tile
     * @param wise           WISE catalogue of each tile
     * @param wiseLostAtEdge WISE counterparts that fell into a tile outside the simulated set (not written)
     */
    public record SkySample(Map<Long, Table> gaia, Map<Long, Table> wise, int wiseLostAtEdge) {

        /** Writes {@code wise_hpNNNNN.parquet} and {@code gaia_hpNNNNN.parquet} for every tile into {@code dir}. */
        public void writeTiles(Path dir) {
            for (Map.Entry<Long, Table> e : gaia.entrySet()) {
                ParquetIO.write(e.getValue(), TileLayout.tileFile(dir, TileLayout.GAIA, e.getKey()));
                ParquetIO.write(wise.get(e.getKey()), TileLayout.tileFile(dir, TileLayout.WISE, e.getKey()));
            }
        }

        /** All WISE tiles in one table. */
        public Table allWise() {
            return concat("allwise", wise);
        }

        /** All Gaia tiles in one table. */
        public Table allGaia() {
            return concat("gaia_dr3", gaia);
        }

        private static Table concat(String name, Map<Long, Table> parts) {
            Table out = null;
            for (Table t : parts.values()) {
                out = out == null ? t.copy().setName(name) : out.append(t);
            }
            return out;
        }
    }
}
