package org.tasni.notebook;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.tasni.TasniException;
import org.tasni.io.Columns;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.components.Symbol;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * A sky map in the Aitoff projection (RA increasing to the left, as on the sky), with a graticule every 30°/30°.
 * Tablesaw has no geo traces, so the projection is computed here:
 * x = 2 cos δ sin(λ/2) / sinc(α), y = sin δ / sinc(α), α = acos(cos δ cos(λ/2)), λ = RA − 180°.
 *
 * <pre>{@code
 * SkyPlot.create("AllWISE orphans", orphans)            // one catalogue
 * SkyPlot.create("Orphans over all sources", wise, orphans)
 * }</pre>
 */
public final class SkyPlot {

    private SkyPlot() {}

    /**
     * One catalogue on the sky, in red over the graticule.
     *
     * @param title   the figure's title
     * @param sources a table with {@code ra} and {@code dec} in degrees; a row with a NaN position is not drawn, and the
     *                legend counts it
     * @return a Plotly figure, which renders inline in a notebook
     * @throws TasniException if {@code ra} or {@code dec} is missing or not numeric (naming the table)
     */
    public static Figure create(String title, Table sources) {
        return create(title, null, sources);
    }

    /**
     * All sources in grey, highlighted ones (e.g. the orphans among them) in red on top.
     *
     * @param title       the figure's title
     * @param all         the background sources ({@code ra}, {@code dec} in degrees), or null for none
     * @param highlighted the sources to stand out, named in the legend by their table's name, or null for none
     * @return a Plotly figure; for more than about 100 000 points prefer {@link #png}
     */
    public static Figure create(String title, Table all, Table highlighted) {
        return create(title, all, highlighted, null);
    }

    /**
     * As {@link #create(String, Table, Table)}, with some sources marked on top by a black star (e.g. the
     * fading ones among the candidates), so they stand out whatever else is drawn there.
     *
     * @param marked the sources to mark ({@code ra}, {@code dec} in degrees), named in the legend by their table's
     *               name, or null for none
     */
    public static Figure create(String title, Table all, Table highlighted, Table marked) {
        TasniException.requireGiven(title, "SkyPlot.create: title");
        List<Trace> traces = new ArrayList<>(graticule());
        if (all != null) {
            traces.add(points(all, "all", "#bbbbbb", 3));
        }
        if (highlighted != null) {
            traces.add(points(highlighted, highlighted.name(), "#d62728", 4));
        }
        if (marked != null) {
            double[][] xy = projected(marked);
            traces.add(ScatterTrace.builder(xy[0], xy[1]).mode(ScatterTrace.Mode.MARKERS).name(legend(marked.name(), xy))
                    .marker(Marker.builder().size(11).color("#000000").symbol(Symbol.STAR).build()).build());
        }
        Axis hidden = Axis.builder().visible(false).build();
        Layout layout = Layout.builder(title).height(520).xAxis(hidden).yAxis(hidden).build();
        return new Figure(layout, traces.toArray(Trace[]::new));
    }

    /**
     * The sources' own patch of sky in RA and Dec (degrees, RA increasing to the left), zoomed to them: the whole-sky
     * Aitoff map shows a few tiles as one dot. Colours as in {@link #create(String, Table, Table, Table)}. A field
     * across RA 0° is drawn continuously (RA above 180° shown as negative).
     *
     * @param all         the background sources, grey, or null
     * @param highlighted the sources in red, named in the legend by their table's name, or null
     * @param marked      the sources starred in black, or null
     * @return a Plotly figure with RA and Dec axes
     */
    public static Figure region(String title, Table all, Table highlighted, Table marked) {
        TasniException.requireGiven(title, "SkyPlot.region: title");
        Table[] sets = {all, highlighted, marked};
        double ra0 = Double.POSITIVE_INFINITY, ra1 = Double.NEGATIVE_INFINITY;
        for (Table t : sets) {
            for (double ra : t == null ? new double[0] : Columns.doubles(t, "ra")) {
                if (!Double.isFinite(ra)) {
                    continue; // a NaN here made the span NaN, so a field across RA 0 was drawn 360° wide
                }
                ra0 = Math.min(ra0, ra);
                ra1 = Math.max(ra1, ra);
            }
        }
        boolean wraps = ra1 - ra0 > 180;
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY, y0 = x0, y1 = x1;
        List<Trace> traces = new ArrayList<>();
        String[] colours = {"#bbbbbb", "#d62728", "#000000"};
        for (int k = 0; k < sets.length; k++) {
            if (sets[k] == null) {
                continue;
            }
            double[] ra = Columns.doubles(sets[k], "ra").clone(), dec = Columns.doubles(sets[k], "dec");
            for (int i = 0; i < ra.length; i++) {
                ra[i] = wraps && ra[i] > 180 ? ra[i] - 360 : ra[i];
                if (Double.isFinite(ra[i]) && Double.isFinite(dec[i])) {
                    x0 = Math.min(x0, ra[i]);
                    x1 = Math.max(x1, ra[i]);
                    y0 = Math.min(y0, dec[i]);
                    y1 = Math.max(y1, dec[i]);
                }
            }
            Marker.MarkerBuilder m = Marker.builder().size(k == 0 ? 4 : k == 1 ? 7 : 13).color(colours[k]);
            if (k == 2) {
                m.symbol(Symbol.STAR);
            }
            traces.add(ScatterTrace.builder(ra, dec).mode(ScatterTrace.Mode.MARKERS)
                    .name(legend(k == 0 ? "all" : sets[k].name(), new double[][] {ra, dec})).marker(m.build()).build());
        }
        double pad = Math.max(0.05, 0.05 * Math.max(x1 - x0, y1 - y0));
        Layout.LayoutBuilder layout = Layout.builder(title, "RA (deg)", "Dec (deg)").height(520);
        if (x1 >= x0) { // RA decreasing to the right, as on the sky
            layout.xAxis(Axis.builder().title("RA (deg)").range(x1 + pad, x0 - pad).build())
                    .yAxis(Axis.builder().title("Dec (deg)").range(y0 - pad, y1 + pad).build());
        }
        return new Figure(layout.build(), traces.toArray(Trace[]::new));
    }

    /**
     * The same map as a PNG density image: every source counted into a pixel (grey, on a log scale) and the
     * highlighted ones drawn on top in red, zoomed to the sources. Better than {@link #create} for hundreds of thousands
     * of points, which a Plotly figure carries one by one.
     *
     * @param title       the picture's title (its alternative text)
     * @param all         the background sources ({@code ra}, {@code dec} in degrees), or null for none
     * @param highlighted the sources drawn in red on top, or null for none
     * @return a 900×520 picture that renders inline and saves with {@link PngImage#save}
     */
    public static PngImage png(String title, Table all, Table highlighted) {
        TasniException.requireGiven(title, "SkyPlot.png: title");
        int w = 900, h = 520, pad = 40;
        double[][] a = projected(all), hl = projected(highlighted);
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY, y0 = x0, y1 = x1;
        for (double[][] set : new double[][][] {a, hl}) {
            for (int i = 0; i < set[0].length; i++) {
                if (Double.isNaN(set[0][i]) || Double.isNaN(set[1][i])) {
                    continue; // no position: nothing to draw, and it must not spoil the bounds
                }
                x0 = Math.min(x0, set[0][i]);
                x1 = Math.max(x1, set[0][i]);
                y0 = Math.min(y0, set[1][i]);
                y1 = Math.max(y1, set[1][i]);
            }
        }
        if (!(x1 > x0 && y1 > y0)) { // nothing, or one point: the whole sky
            x0 = -Math.PI;
            x1 = Math.PI;
            y0 = -Math.PI / 2;
            y1 = Math.PI / 2;
        }
        // one scale for both axes, so the map is not stretched
        double scale = Math.min((w - 2 * pad) / (x1 - x0), (h - 2 * pad) / (y1 - y0));
        double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
        int[] counts = new int[w * h];
        int max = 0;
        for (int i = 0; i < a[0].length; i++) {
            if (Double.isNaN(a[0][i]) || Double.isNaN(a[1][i])) {
                continue;
            }
            int px = (int) Math.round(w / 2.0 + (a[0][i] - cx) * scale), py = (int) Math.round(h / 2.0 - (a[1][i] - cy) * scale);
            if (px >= 0 && px < w && py >= 0 && py < h) {
                max = Math.max(max, ++counts[py * w + px]);
            }
        }
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < counts.length; i++) {
            int grey = counts[i] == 0 ? 255 : (int) (200 - 170 * Math.log1p(counts[i]) / Math.log1p(max));
            img.setRGB(i % w, i / w, grey << 16 | grey << 8 | grey);
        }
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(0xd6, 0x27, 0x28));
        for (int i = 0; i < hl[0].length; i++) {
            double px = w / 2.0 + (hl[0][i] - cx) * scale, py = h / 2.0 - (hl[1][i] - cy) * scale;
            g.fill(new Ellipse2D.Double(px - 1.5, py - 1.5, 3, 3));
        }
        g.setColor(Color.DARK_GRAY);
        g.drawString(title + "  (grey: " + count(a) + " sources, log density; red: " + count(hl) + ")", pad, pad / 2 + 5);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new TasniException("could not encode the sky map as PNG (" + e.getMessage() + ").", e);
        }
        return new PngImage(title, out.toByteArray(), w, h);
    }

    /** "n" when every row has a position, else "drawn of rows, k without a position". */
    private static String count(double[][] xy) {
        int drawn = drawn(xy), rows = xy[0].length;
        return drawn == rows ? Integer.toString(rows) : drawn + " of " + rows + ", " + (rows - drawn) + " without a position";
    }

    private static double[][] projected(Table t) {
        if (t == null) {
            return new double[2][0];
        }
        double[] ra = Columns.doubles(t, "ra"), dec = Columns.doubles(t, "dec");
        double[][] p = new double[2][ra.length];
        for (int i = 0; i < ra.length; i++) {
            double[] q = aitoff(ra[i], dec[i]);
            p[0][i] = q[0];
            p[1][i] = q[1];
        }
        return p;
    }

    private static Trace points(Table t, String name, String color, double size) {
        double[][] xy = projected(t);
        return ScatterTrace.builder(xy[0], xy[1]).mode(ScatterTrace.Mode.MARKERS).name(legend(name, xy))
                .marker(Marker.builder().size(size).color(color).build()).build();
    }

    /** "name (drawn of rows; k without a position)": a row whose ra or dec is not finite is not drawn. */
    private static String legend(String name, double[][] xy) {
        int drawn = drawn(xy);
        return Legend.of(name, drawn, xy[0].length, Legend.left(xy[0].length - drawn, "without a position"));
    }

    private static int drawn(double[][] xy) {
        int n = 0;
        for (int i = 0; i < xy[0].length; i++) {
            n += Double.isFinite(xy[0][i]) && Double.isFinite(xy[1][i]) ? 1 : 0;
        }
        return n;
    }

    /** Aitoff (x, y) in radians-scaled units, RA increasing to the left, centred on RA 180°. */
    static double[] aitoff(double raDeg, double decDeg) {
        double lambda = Math.toRadians(180 - raDeg), phi = Math.toRadians(decDeg);
        double alpha = Math.acos(Math.cos(phi) * Math.cos(lambda / 2));
        double sinc = alpha == 0 ? 1 : Math.sin(alpha) / alpha;
        return new double[] {2 * Math.cos(phi) * Math.sin(lambda / 2) / sinc, Math.sin(phi) / sinc};
    }

    private static List<Trace> graticule() {
        List<Trace> lines = new ArrayList<>();
        Line grid = Line.builder().color("#e0e0e0").width(1).build();
        for (int dec = -60; dec <= 60; dec += 30) {
            double[] x = new double[181], y = new double[181];
            for (int k = 0; k <= 180; k++) {
                double[] p = aitoff(k * 2 == 360 ? 359.999 : k * 2, dec);
                x[k] = p[0];
                y[k] = p[1];
            }
            lines.add(ScatterTrace.builder(x, y).mode(ScatterTrace.Mode.LINE).line(grid).showLegend(false).build());
        }
        for (int ra = 0; ra <= 360; ra += 30) {
            double[] x = new double[181], y = new double[181];
            for (int k = 0; k <= 180; k++) {
                double[] p = aitoff(ra == 360 ? 359.999 : ra, k - 90);
                x[k] = p[0];
                y[k] = p[1];
            }
            lines.add(ScatterTrace.builder(x, y).mode(ScatterTrace.Mode.LINE).line(grid).showLegend(false).build());
        }
        return lines;
    }
}
