package org.tasni.notebook;

import java.util.Arrays;
import org.tasni.TasniException;
import org.tasni.io.Columns;
import org.tasni.variability.Band;
import org.tasni.variability.Periodogram;
import org.tasni.variability.PeriodogramConfig;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.traces.ScatterTrace;

/** A Lomb–Scargle periodogram of one band, power against period (log axis), with the 1% false-alarm level. */
public final class PeriodogramPlot {

    private PeriodogramPlot() {}

    /**
     * The periodogram of one band of one source, with the standard preset's grid and false-alarm level.
     *
     * @param epochs      an epoch table, as for {@link LightCurvePlot#create}
     * @param designation the source
     * @param band        {@code "w1"} or {@code "w2"}
     * @return a Plotly figure: power against period in days (log axis), and the 1% false-alarm line
     */
    public static Figure create(Table epochs, String designation, String band) {
        return create(epochs, designation, band, PeriodogramConfig.standard());
    }

    /**
     * The periodogram of one band of one source, with {@code config}'s frequency grid and false-alarm level.
     *
     * @param epochs      an epoch table, as for {@link LightCurvePlot#create}
     * @param designation the source
     * @param band        {@code "w1"} or {@code "w2"}
     * @param config      the frequency grid, and the false-alarm probability whose power level is drawn
     * @return a Plotly figure: power against period in days (log axis), and the false-alarm line
     */
    public static Figure create(Table epochs, String designation, String band, PeriodogramConfig config) {
        return create(epochs, designation, band, config, Integer.MAX_VALUE);
    }

    /**
     * As {@link #create(Table, String, String, PeriodogramConfig)}, drawn with at most about {@code maxPoints} points:
     * the grid is cut into consecutive runs and each run keeps its lowest and highest power, so every peak keeps its
     * height (the best period stays exact) while a page that holds several periodograms stays small. The standard
     * grid has tens of thousands of frequencies, about 1.6 MB of figure each.
     *
     * @param maxPoints the most points to draw, at least 2
     * @throws TasniException if the band's power is undefined at every frequency (constant magnitudes; too few points
     *                        are refused by {@link Periodogram#spectrum} before)
     */
    public static Figure create(Table epochs, String designation, String band, PeriodogramConfig config, int maxPoints) {
        if (maxPoints < 2) {
            throw new TasniException("a periodogram needs at least 2 points to draw (got " + maxPoints + ").");
        }
        TasniException.requireGiven(epochs, "PeriodogramPlot.create: epochs");
        TasniException.requireGiven(designation, "PeriodogramPlot.create: designation");
        TasniException.requireGiven(band, "PeriodogramPlot.create: band");
        TasniException.requireGiven(config, "PeriodogramPlot.create: config");
        Periodogram p = Periodogram.of(config);
        Band b = Band.of(band);
        Table s = p.spectrum(epochs, designation, b);
        if (Arrays.stream(Columns.doubles(s, "power")).noneMatch(Double::isFinite)) {
            // a plot of NaN power is blank but for the false-alarm line, which reads as "nothing periodic"
            throw new TasniException(Columns.label(epochs) + ": " + designation + " " + b.label()
                    + " has no periodogram: its power is undefined at every frequency (its magnitudes are constant).");
        }
        double level = p.powerAtFap(epochs, designation, b, config.fapThreshold());
        double[][] xy = envelope(s.doubleColumn("period_days").asDoubleArray(), s.doubleColumn("power").asDoubleArray(),
                maxPoints);
        double[] per = xy[0];
        double lo = per[per.length - 1], hi = per[0];
        var power = ScatterTrace.builder(per, xy[1]).mode(ScatterTrace.Mode.LINE)
                .name(b.label() + " power").line(Line.builder().color(b.colour()).build()).build();
        var fap = ScatterTrace.builder(new double[] {lo, hi}, new double[] {level, level}).mode(ScatterTrace.Mode.LINE)
                .name(String.format("FAP %.0f%%", 100 * config.fapThreshold()))
                .line(Line.builder().color("gray").dash(Line.Dash.DASH).build()).build();
        Layout layout = Layout.builder(designation + " " + b.label() + " periodogram", "period (days)", "power")
                .height(400).xAxis(Axis.builder().title("period (days)").type(Axis.Type.LOG).build()).build();
        return new Figure(layout, power, fap);
    }

    /**
     * The points cut into {@code maxPoints / 2} bins of equal width in log x (the figure's axis; x is the grid, in
     * order), each bin reduced to its lowest and highest point in grid order; all points if there are few. Bins equal
     * in log period, not runs of equal length, because the grid is uniform in frequency: equal runs would squeeze the
     * long periods, where the cadence peaks are, into a few bins.
     */
    static double[][] envelope(double[] x, double[] y, int maxPoints) {
        if (x.length <= maxPoints) {
            return new double[][] {x, y};
        }
        int bins = maxPoints / 2;
        double l0 = Math.log(Math.min(x[0], x[x.length - 1])), span = Math.log(Math.max(x[0], x[x.length - 1])) - l0;
        double[] ox = new double[x.length], oy = new double[x.length];
        int n = 0;
        for (int from = 0; from < x.length; ) {
            int bin = bin(x[from], l0, span, bins), to = from, lo = from, hi = from;
            while (to < x.length && bin(x[to], l0, span, bins) == bin) {
                lo = y[to] < y[lo] ? to : lo;
                hi = y[to] > y[hi] ? to : hi;
                to++;
            }
            for (int i : lo == hi ? new int[] {lo} : new int[] {Math.min(lo, hi), Math.max(lo, hi)}) {
                ox[n] = x[i];
                oy[n++] = y[i];
            }
            from = to;
        }
        return new double[][] {Arrays.copyOf(ox, n), Arrays.copyOf(oy, n)};
    }

    private static int bin(double x, double l0, double span, int bins) {
        return Math.min(bins - 1, (int) ((Math.log(x) - l0) / span * bins));
    }

    /** The standard periodogram of one band of {@code designation}. */
    public static Figure create(Table epochs, String designation, Band band) {
        TasniException.requireGiven(band, "PeriodogramPlot.create: band");
        return create(epochs, designation, band.key(), PeriodogramConfig.standard());
    }

    /** The periodogram of one band of {@code designation} with {@code config}, in the band's colour. */
    public static Figure create(Table epochs, String designation, Band band, PeriodogramConfig config) {
        TasniException.requireGiven(band, "PeriodogramPlot.create: band");
        return create(epochs, designation, band.key(), config);
    }
}
