package org.tasni.pipeline.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tasni.io.TableIO;
import org.tasni.simulate.EpochConfig;
import org.tasni.simulate.EpochSimulator;
import org.tasni.simulate.LightCurveClass;
import org.tasni.variability.Periodogram;
import org.tasni.variability.PeriodogramConfig;
import org.tasni.variability.VariabilityAnalyzer;
import org.tasni.variability.VariabilityConfig;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A small but complete pipeline output directory, laid out as issue #13's contract says, for the report's tests (and,
 * through the test-jar, the integration test in {@code tests/} until the pipeline's {@code run} exists).
 *
 * <p>Six candidates among 36 orphans. Five have simulated NEOWISE light curves (three FADING, one PERIODIC with a
 * detected 5.56-day period, one CONSTANT, by {@link EpochSimulator}), analysed by the real {@link VariabilityAnalyzer} (standard preset) and
 * {@link Periodogram}; the sixth has none (caveat {@code no_light_curve}). The ranking is a simple stand-in for the
 * pipeline's: colour, plus 2 for FADING, plus 0.5 for a period. The JSON files carry one warning and one phase note.
 */
public final class ReportFixture {

    /** The designation of the first (fading, reddest) candidate unless another is given. */
    public static final String FIRST = "J100000.00+020000.0";
    /** The funnel's steps and counts as written (the last one, FADING, is counted from the variability result). */
    public static final List<String> STEPS = List.of("AllWISE sources", "orphans (no Gaia within 3 arcsec)", "w1snr >= 5",
            "w2snr >= 5", "ph_qual A/B", "cc_flags 0", "W1 - W2 >= 0.5", "candidates", "with light curve", "FADING");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LightCurveClass[] CLASSES = {LightCurveClass.FADING, LightCurveClass.FADING,
            LightCurveClass.PERIODIC, LightCurveClass.CONSTANT, LightCurveClass.FADING};

    private ReportFixture() {}

    /** Writes the directory {@code out} (created if needed) with {@link #FIRST} as the first candidate. */
    public static Path write(Path out) {
        return write(out, FIRST);
    }

    /**
     * Writes the directory {@code out}, naming the first candidate {@code firstDesignation} (e.g. a hostile one).
     *
     * @return {@code out}
     */
    public static Path write(Path out, String firstDesignation) {
        try {
            Files.createDirectories(out);
            Table candidates = candidates(firstDesignation);
            Table orphans = orphans(candidates);
            Table epochs = epochs(candidates);
            Table variability = VariabilityAnalyzer.of(VariabilityConfig.standard()).threads(1).analyze(epochs);
            Table periods = Periodogram.of(PeriodogramConfig.standard()).threads(1).run(epochs);
            Table ranked = rank(candidates, variability, periods);
            TableIO.write(orphans, out.resolve("orphans.parquet"));
            TableIO.write(candidates, out.resolve("candidates.parquet"));
            TableIO.write(epochs, out.resolve("neowise_epochs.parquet"));
            TableIO.write(variability, out.resolve("variability.parquet"));
            TableIO.write(periods, out.resolve("periodogram.parquet"));
            TableIO.write(ranked, out.resolve("ranked.parquet"));
            TableIO.write(ranked, out.resolve("ranked.csv"));
            long fading = ranked.stringColumn("flag").isEqualTo("FADING").size();
            long[] rows = {120, orphans.rowCount(), 30, 27, 20, 15, candidates.rowCount(), candidates.rowCount(),
                    CLASSES.length, fading};
            List<Map<String, Object>> steps = new ArrayList<>();
            for (int i = 0; i < STEPS.size(); i++) {
                steps.add(ordered("step", STEPS.get(i), "rows", rows[i]));
            }
            JSON.writeValue(out.resolve("funnel.json").toFile(), Map.of("steps", steps));
            JSON.writeValue(out.resolve("pipeline_timing.json").toFile(), timing(orphans, candidates, epochs, ranked));
            JSON.writeValue(out.resolve("run.json").toFile(), ordered("toolkit", "tasni-toolkit 0.1.0",
                    "config", ordered("source", "samples", "radius_arcsec", 3.0, "preset", "standard",
                            "cuts", ordered("w1snr_min", 5, "colour_min", 0.5)),
                    "inputs", List.of(ordered("path", "data-samples/tiles/wise_hp06046.parquet", "bytes", 123456,
                            "mtime", "2026-11-30T12:00:00Z"))));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Table candidates(String first) {
        int n = CLASSES.length + 1;
        String[] des = new String[n];
        double[] ra = new double[n], dec = new double[n], w1 = new double[n], w2 = new double[n];
        for (int k = 0; k < n; k++) {
            des[k] = k == 0 ? first : String.format("J1000%02d.00+02%02d00.0", 10 * k, 10 * k);
            ra[k] = 150 + 0.3 * k;
            dec[k] = 2 + 0.2 * k;
            w1[k] = 14.0 + 0.2 * k;
            w2[k] = w1[k] - (1.6 - 0.15 * k); // the first is the reddest
        }
        Table t = Table.create("candidates", StringColumn.create("designation", des), DoubleColumn.create("ra", ra),
                DoubleColumn.create("dec", dec), DoubleColumn.create("w1mpro", w1), DoubleColumn.create("w2mpro", w2));
        t.addColumns(DoubleColumn.create("w1_w2", t.doubleColumn("w1mpro").subtract(t.doubleColumn("w2mpro")).asDoubleArray()));
        return t;
    }

    /** The candidates and 30 bluer orphans around them. */
    private static Table orphans(Table candidates) {
        SplittableRandom r = new SplittableRandom(7);
        Table t = candidates.copy().setName("orphans");
        t.removeColumns("w1_w2");
        for (int i = 0; i < 30; i++) {
            double w1 = r.nextDouble(13, 16);
            t.stringColumn("designation").append(String.format("J0959%02d.00+01%02d00.0", i, i));
            t.doubleColumn("ra").append(r.nextDouble(149.5, 152));
            t.doubleColumn("dec").append(r.nextDouble(1.5, 3.5));
            t.doubleColumn("w1mpro").append(w1);
            t.doubleColumn("w2mpro").append(w1 - r.nextDouble(-0.2, 0.4));
        }
        long[] cntr = new long[t.rowCount()];
        for (int i = 0; i < cntr.length; i++) {
            cntr[i] = 1_000_000 + i;
        }
        t.addColumns(LongColumn.create("cntr", cntr));
        return t;
    }

    private static Table epochs(Table candidates) {
        Table all = null;
        for (int k = 0; k < CLASSES.length; k++) {
            // seed 11 gives the periodic one a 5.56-day period that the standard periodogram finds (FAP ~1e-126), so
            // the page has a phase fold; with the default seed its period is not significant
            EpochConfig c = EpochConfig.defaults().withSeed(CLASSES[k] == LightCurveClass.PERIODIC ? 11 : 42)
                    .onlyClass(CLASSES[k]);
            Table e = EpochSimulator.of(c).simulate(candidates.rows(k)).epochs();
            if (all == null) {
                all = e.copy().setName("neowise_epochs");
            } else {
                all.append(e);
            }
        }
        return all;
    }

    /** Fading thermal orphans first: colour, +2 for FADING, +0.5 for a period; ties by designation. */
    private static Table rank(Table cand, Table var, Table per) {
        record Row(String des, double ra, double dec, double w1, double w2, double colour, String flag, double t1,
                double p1, double t2, double p2, int visits, double baseline, double period, String band, double fap,
                double sc, double sf, double sp, String caveats) {
            double score() {
                return sc + sf + sp;
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < cand.rowCount(); i++) {
            String d = cand.stringColumn("designation").get(i);
            Table v = var.where(var.stringColumn("designation").isEqualTo(d));
            Table p = per.where(per.stringColumn("designation").isEqualTo(d));
            double colour = cand.doubleColumn("w1_w2").get(i);
            boolean lc = v.rowCount() == 1;
            String flag = lc ? v.stringColumn("flag").get(0) : "";
            double period = Double.NaN, fap = Double.NaN;
            String band = "";
            for (String b : new String[] {"w1", "w2"}) {
                if (band.isEmpty() && p.rowCount() == 1 && periodic(p, b, 0)) {
                    band = b.toUpperCase();
                    period = p.doubleColumn(b + "_best_period").get(0);
                    fap = p.doubleColumn(b + "_fap").get(0);
                }
            }
            int visits = lc ? v.intColumn("n_visits").get(0) : 0;
            List<String> caveats = new ArrayList<>();
            if (!lc) {
                caveats.add("no_light_curve");
            } else if (visits < 12) {
                caveats.add("few_visits");
            }
            if (i == 1) {
                caveats.add("missing_neighbour_tile");
            }
            rows.add(new Row(d, cand.doubleColumn("ra").get(i), cand.doubleColumn("dec").get(i),
                    cand.doubleColumn("w1mpro").get(i), cand.doubleColumn("w2mpro").get(i), colour, flag,
                    lc ? v.doubleColumn("trend_w1_mag_yr").get(0) : Double.NaN, lc ? v.doubleColumn("trend_w1_p").get(0) : Double.NaN,
                    lc ? v.doubleColumn("trend_w2_mag_yr").get(0) : Double.NaN, lc ? v.doubleColumn("trend_w2_p").get(0) : Double.NaN,
                    visits, lc ? v.doubleColumn("baseline_years").get(0) : Double.NaN, period, band, fap,
                    Math.min(1, colour - 0.5), flag.equals("FADING") ? 2 : 0, band.isEmpty() ? 0 : 0.5,
                    String.join(";", caveats)));
        }
        rows.sort(Comparator.comparingDouble(Row::score).reversed().thenComparing(Row::des));
        Table t = Table.create("ranked", IntColumn.create("rank"), StringColumn.create("designation"),
                DoubleColumn.create("ra"), DoubleColumn.create("dec"), DoubleColumn.create("w1mpro"),
                DoubleColumn.create("w2mpro"), DoubleColumn.create("w1_w2"), StringColumn.create("flag"),
                DoubleColumn.create("trend_w1_mag_yr"), DoubleColumn.create("trend_w1_p"),
                DoubleColumn.create("trend_w2_mag_yr"), DoubleColumn.create("trend_w2_p"), IntColumn.create("n_visits"),
                DoubleColumn.create("baseline_years"), DoubleColumn.create("best_period_d"),
                StringColumn.create("period_band"), DoubleColumn.create("period_fap"), DoubleColumn.create("score_colour"),
                DoubleColumn.create("score_fading"), DoubleColumn.create("score_period"), DoubleColumn.create("score"),
                StringColumn.create("caveats"));
        for (int k = 0; k < rows.size(); k++) {
            Row w = rows.get(k);
            Object[] values = {k + 1, w.des, w.ra, w.dec, w.w1, w.w2, w.colour, w.flag, w.t1, w.p1, w.t2, w.p2, w.visits,
                    w.baseline, w.period, w.band, w.fap, w.sc, w.sf, w.sp, w.score(), w.caveats};
            for (int c = 0; c < values.length; c++) {
                appendTo(t.column(c), values[c]);
            }
        }
        return t;
    }

    @SuppressWarnings("unchecked")
    private static void appendTo(tech.tablesaw.columns.Column<?> c, Object v) {
        ((tech.tablesaw.columns.Column<Object>) c).appendObj(v);
    }

    private static Map<String, Object> timing(Table orphans, Table candidates, Table epochs, Table ranked) {
        String[] phases = {"download", "crossmatch", "filter", "epochs", "variability", "periodogram", "rank"};
        long[] out = {120, orphans.rowCount(), candidates.rowCount(), epochs.rowCount(), CLASSES.length, CLASSES.length,
                ranked.rowCount()};
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < phases.length; i++) {
            List<String> notes = i == 1 ? List.of("tile 6047: neighbour tile missing, its margin was not searched")
                    : List.of();
            list.add(ordered("phase", phases[i], "status", i == 0 ? "reused" : "done",
                    "start", String.format("2026-12-01T10:00:%02dZ", 2 * i), "end", String.format("2026-12-01T10:00:%02dZ", 2 * i + 1),
                    "elapsed_s", 1.0 + 0.5 * i, "rows_in", i == 0 ? 0 : out[i - 1], "rows_out", out[i],
                    "peak_heap_mb", 100.0 + 10 * i, "notes", notes));
        }
        return ordered("phases", list, "total_s", 17.5, "warnings",
                List.of("samples source: the light curves are simulated", "1 tile had no neighbour tile (see notes)"));
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Whether the periodogram found a significant period in that band (a missing value is not). */
    private static boolean periodic(Table per, String band, int row) {
        BooleanColumn c = per.booleanColumn(band + "_is_periodic");
        return c.get(row) == Boolean.TRUE;
    }
}
