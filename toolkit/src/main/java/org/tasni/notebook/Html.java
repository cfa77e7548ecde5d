package org.tasni.notebook;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.tasni.TasniException;
import org.tasni.crossmatch.MatchReport;
import org.tasni.io.TableReport;
import org.tasni.variability.PeriodogramReport;
import org.tasni.variability.VariabilityReport;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.plotly.components.Figure;

/**
 * HTML for notebooks, independent of any kernel: tables as pandas shows them (name, shape, column types, head and
 * tail, numbers formatted), Plotly figures that render offline, and one-line reports.
 *
 * <p>Figures inline plotly.js 2.35.3 (MIT; plotly.js 3 drops Tablesaw's titles) in the first figure of a kernel session
 * only, so a notebook carries the 4.6 MB library once; later figures use the global {@code Plotly}. Call
 * {@link #resetPlotly()} when a fresh page needs it again.
 */
public final class Html {

    private static final AtomicBoolean PLOTLY_SENT = new AtomicBoolean();
    private static final AtomicLong IDS = new AtomicLong();
    private static final int HEAD = 5;

    private Html() {}

    /** A type the notebook kernels render, as HTML and as plain text beside it. */
    public record Rendering(Class<?> type, Function<Object, String> html, Function<Object, String> text) {}

    /** Everything the kernel adapters (rapaio's provider, {@link KernelDisplay}) render, and how. */
    public static final List<Rendering> RENDERINGS = List.of(
            new Rendering(Table.class, o -> table((Table) o), o -> ((Table) o).print()),
            new Rendering(PeriodogramReport.class, Html::report, Object::toString),
            new Rendering(Figure.class, o -> figure((Figure) o), o -> "Plotly figure"),
            new Rendering(PngImage.class, o -> ((PngImage) o).html(), Object::toString),
            new Rendering(MatchReport.class, Html::report, Object::toString),
            new Rendering(VariabilityReport.class, Html::report, Object::toString),
            new Rendering(HtmlPage.class, o -> inline((HtmlPage) o), o -> "HTML page"),
            // every other stage report (the pipeline's RunReport, the downloaders'): one line, like the ones above
            new Rendering(TableReport.class, Html::report, Object::toString));

    /** A whole page inline: an iframe holding it, tall enough for a report's first screens, scrollable. */
    public static String inline(HtmlPage page) {
        TasniException.requireGiven(page, "Html.inline: the page");
        return "<iframe style=\"width:100%;height:900px;border:1px solid #ccc\" sandbox=\"allow-scripts\" srcdoc=\""
                + escape(page.html()) + "\"></iframe>";
    }

    /** A table: "name: rows × columns", a header with column types, the first and last rows. */
    public static String table(Table t) {
        TasniException.requireGiven(t, "Html.table: the table");
        StringBuilder sb = new StringBuilder(4096);
        sb.append("<div class=\"tasni-table\"><p style=\"margin:0 0 4px 0\"><b>").append(escape(t.name())).append("</b>: ")
                .append(String.format("%,d rows × %d columns", t.rowCount(), t.columnCount())).append("</p>");
        sb.append("<table class=\"dataframe\" border=\"1\"><thead><tr style=\"text-align:right\"><th></th>");
        for (Column<?> c : t.columns()) {
            sb.append("<th>").append(escape(c.name())).append("<br><small style=\"font-weight:normal;color:#777\">")
                    .append(c.type().name().toLowerCase()).append("</small></th>");
        }
        sb.append("</tr></thead><tbody>");
        int n = t.rowCount();
        if (n <= 2 * HEAD) {
            rows(t, 0, n, sb);
        } else {
            rows(t, 0, HEAD, sb);
            sb.append("<tr><th>…</th>");
            for (int k = 0; k < t.columnCount(); k++) {
                sb.append("<td>…</td>");
            }
            sb.append("</tr>");
            rows(t, n - HEAD, n, sb);
        }
        return sb.append("</tbody></table></div>").toString();
    }

    private static void rows(Table t, int from, int to, StringBuilder sb) {
        for (int i = from; i < to; i++) {
            sb.append("<tr><th>").append(i).append("</th>");
            for (Column<?> c : t.columns()) {
                sb.append("<td>").append(escape(cell(c, i))).append("</td>");
            }
            sb.append("</tr>");
        }
    }

    /** A cell as a person reads it: 6 significant digits for doubles, 5 for float32, empty for missing. */
    static String cell(Column<?> c, int i) {
        if (c.isMissing(i)) {
            return c instanceof NumberColumn ? "NaN" : "";
        }
        Object v = c.get(i);
        if (v instanceof Double d) {
            return format(d, 6);
        }
        if (v instanceof Float f) {
            return format(f, 5);
        }
        return String.valueOf(v);
    }

    private static String format(double d, int digits) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        double a = Math.abs(d);
        if (a != 0 && (a < 1e-4 || a >= 1e9)) {
            return String.format("%." + (digits - 1) + "e", d);
        }
        String s = new BigDecimal(d).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
        return s;
    }

    /** What a figure's div says when the page has no plotly.js (see {@link #figure(Figure)}). */
    static final String NO_PLOTLY = "This figure needs plotly.js, which came with the first figure of this session, and "
            + "that output is gone: run Html.resetPlotly() and then this cell again.";

    /**
     * A figure as offline HTML: plotly.js on the first call, then the figure's div and script; a later figure whose
     * page has lost the library says so in its place.
     */
    public static String figure(Figure f) {
        TasniException.requireGiven(f, "Html.figure: the figure");
        String id = "tasni_plot_" + IDS.incrementAndGet(); // Tablesaw makes JS variable names from it: no hyphens
        StringBuilder sb = new StringBuilder();
        boolean first = PLOTLY_SENT.compareAndSet(false, true);
        if (first) {
            sb.append("<script type=\"text/javascript\">").append(plotlyJs()).append("</script>\n");
        }
        sb.append("<div id=\"").append(id).append("\"></div>\n");
        if (!first) {
            // the library came with the session's first figure: if that output was cleared or its cell run again, or
            // the notebook reopened offline without it, this figure would stay blank without a word
            sb.append("<script type=\"text/javascript\">if (typeof Plotly === 'undefined') document.getElementById('")
                    .append(id).append("').textContent = '").append(NO_PLOTLY).append("';</script>\n");
        }
        String script = FigureScript.of(f, id);
        sb.append(script);
        return sizeNote(script) + sb;
    }

    /** A figure's data above which its cell says how much the notebook grows by it, in characters (about bytes). */
    static final int LARGE_FIGURE = 2_000_000;

    /**
     * A line above a figure whose data is large: every point is written into the notebook, and 200,000 of them make
     * megabytes that slow the browser and the saved file without a word. Empty for a figure of ordinary size.
     */
    static String sizeNote(String script) {
        if (script.length() < LARGE_FIGURE) {
            return "";
        }
        return String.format(Locale.ROOT, "<p class=\"tasni-note\">This figure writes %.1f MB of data into the "
                + "notebook; for many points draw an image instead (SkyPlot.png) or plot a subset.</p>\n",
                script.length() / 1e6);
    }

    /**
     * A figure's div and script under a given id, without plotly.js: for a page that carries the library once, in
     * {@link #plotlyScript()}, and numbers its own figures (so that the page's bytes do not depend on what this JVM
     * displayed before).
     *
     * @param f  the figure; its titles, names and hover texts may hold any character ({@link FigureScript})
     * @param id the div's id, letters, digits and underscores only (Tablesaw makes JavaScript names from it)
     * @throws TasniException if the id has other characters
     */
    public static String figure(Figure f, String id) {
        TasniException.requireGiven(f, "Html.figure: the figure");
        if (id == null || !id.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new TasniException("a figure id must be letters, digits and underscores (got '" + id + "').");
        }
        String script = FigureScript.of(f, id);
        return sizeNote(script) + "<div id=\"" + id + "\"></div>\n" + script;
    }

    /** plotly.js 2.35.3 from the jar in one script element, for the head of a self-contained page. */
    public static String plotlyScript() {
        return "<script type=\"text/javascript\">" + plotlyJs() + "</script>\n";
    }

    /** The next figure inlines plotly.js again (for a new page or a restarted notebook). */
    public static void resetPlotly() {
        PLOTLY_SENT.set(false);
    }

    /** A self-contained page (plotly.js inlined) for one figure: for saving or a browser. */
    public static String page(Figure f) {
        TasniException.requireGiven(f, "Html.page: the figure");
        String id = "tasni_plot";
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><script type=\"text/javascript\">" + plotlyJs()
                + "</script></head><body><div id=\"" + id + "\"></div>" + FigureScript.of(f, id) + "</body></html>";
    }

    /** A report record on one line, monospaced. */
    public static String report(Object report) {
        TasniException.requireGiven(report, "Html.report: the report");
        return "<pre style=\"margin:0\">" + escape(report.toString()) + "</pre>";
    }

    static String plotlyJs() {
        try (InputStream in = Html.class.getResourceAsStream("plotly-2.35.3.min.js")) {
            if (in == null) {
                throw new TasniException("plotly-2.35.3.min.js is missing from the toolkit jar.");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TasniException("could not read plotly.js from the toolkit jar (" + e.getMessage() + ").", e);
        }
    }

    /** Text as HTML: {@code & < > " '} escaped, so data (a designation, a note) can never become markup. */
    public static String escape(String s) {
        TasniException.requireGiven(s, "Html.escape: the text");
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
