package org.tasni.pipeline.report;

import static org.tasni.pipeline.report.Markup.esc;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.tasni.TasniException;
import org.tasni.io.AtomicFiles;
import org.tasni.io.TileLayout.DataFile;
import org.tasni.notebook.Html;
import org.tasni.notebook.HtmlPage;

/**
 * The pipeline's report: one self-contained HTML page that tells the story of an output directory, offline
 * (plotly.js is inlined once; nothing is fetched).
 *
 * <pre>{@code
 * Path page = ReportPage.of(Path.of("tasni-out")).top(5).write();   // tasni-out/report.html
 * }</pre>
 *
 * <p>Sections, in order: summary, funnel, sky map, colour–magnitude diagram, the top candidates (light curve,
 * periodogram, phase fold, explained score), the ranked table, caveats and warnings, configuration, and the phases'
 * time and memory. A missing or unreadable file costs only what needs it: that section says which file and why
 * (e.g. the phase that writes it failed). Tables and text read without JavaScript; only the figures need it. The page
 * is the same for the same files, apart from the timing values it shows.
 */
public final class ReportPage implements HtmlPage {

    /** The number of top candidates shown in detail unless {@link #top} says otherwise. */
    public static final int DEFAULT_TOP = 5;

    private final ReportInputs in;
    private final int top;

    private ReportPage(ReportInputs in, int top) {
        this.in = in;
        this.top = top;
    }

    /**
     * A report on the pipeline output directory {@code out}, read now. Missing files are not an error.
     *
     * @throws TasniException if {@code out} is not a directory
     */
    public static ReportPage of(Path out) {
        return new ReportPage(ReportInputs.read(out), DEFAULT_TOP);
    }

    /**
     * The same report with {@code n} top candidates shown in detail.
     *
     * @throws TasniException if n &lt; 0
     */
    public ReportPage top(int n) {
        if (n < 0 || n > ReportInputs.MAX_DETAILED) {
            throw new TasniException("report: the number of top candidates must be in [0, " + ReportInputs.MAX_DETAILED
                    + "] (got " + n + ").");
        }
        return new ReportPage(in, n);
    }

    /** The page as HTML (several MB: plotly.js is in it). */
    @Override
    public String html() {
        Figures figures = new Figures();
        StringBuilder sb = new StringBuilder(6 << 20);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(esc("TASNI report: " + in.out.toAbsolutePath().normalize().getFileName())).append("</title>\n")
                .append(STYLE).append(Html.plotlyScript()).append("</head><body>\n<h1>TASNI pipeline report</h1>\n")
                .append("<noscript><p class=\"missing\">The figures need JavaScript; every number is also in the "
                        + "tables.</p></noscript>\n")
                .append(NAV);
        sb.append(OverviewSections.summary(in, top));
        sb.append(OverviewSections.funnel(in, figures));
        sb.append(SkySections.sky(in, figures));
        sb.append(SkySections.colourMagnitude(in, figures));
        sb.append(CandidateSections.top(in, top, figures));
        sb.append(CandidateSections.ranked(in));
        sb.append(RunSections.caveats(in));
        sb.append(RunSections.configuration(in));
        sb.append(RunSections.timing(in, figures));
        return sb.append("</body></html>\n").toString();
    }

    /**
     * Writes the page to {@code OUT/report.html} atomically (a reader never sees half a page).
     *
     * @return the page's path
     * @throws TasniException naming the file if it cannot be written
     */
    public Path write() {
        Path page = DataFile.REPORT.in(in.out);
        byte[] bytes = html().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(page, tmp -> Files.write(tmp, bytes));
        return page;
    }

    /**
     * What, where and how complete, in one line (the page itself is several MB): {@code ReportPage of tasni-out: 172
     * ranked candidates, 5 in detail; every file read; write() saves it as tasni-out/report.html}.
     */
    @Override
    public String toString() {
        String found = in.ranked == null ? "no ranked candidates" : String.format("%,d ranked candidates, %d in detail",
                in.ranked.rowCount(), Math.min(top, in.ranked.rowCount()));
        Map<String, String> missing = in.problems();
        return "ReportPage of " + in.out + ": " + found + "; " + (missing.isEmpty() ? "every file read" : "missing or "
                + "unreadable: " + String.join(", ", missing.keySet())) + "; write() saves it as "
                + DataFile.REPORT.in(in.out);
    }

    private static final String NAV = "<nav><a href=\"#summary\">Summary</a> · <a href=\"#funnel\">Funnel</a> · "
            + "<a href=\"#sky\">Sky map</a> · <a href=\"#cmd\">Colour–magnitude</a> · <a href=\"#candidates\">Top "
            + "candidates</a> · <a href=\"#ranked\">Ranked table</a> · <a href=\"#caveats\">Caveats and warnings</a> · "
            + "<a href=\"#configuration\">Configuration</a> · <a href=\"#timing\">Phases</a></nav>\n";

    private static final String STYLE = """
            <style>
            body { font-family: sans-serif; margin: 1em 2em; color: #222; max-width: 1300px; }
            table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.9em; }
            th, td { border: 1px solid #ccc; padding: 2px 6px; text-align: left; vertical-align: top; }
            th { background: #f3f3f3; }
            .missing { color: #a33; font-style: italic; }
            .lead { font-size: 1.2em; font-weight: bold; }
            .wide { overflow-x: auto; }
            .columns { display: flex; gap: 2em; flex-wrap: wrap; }
            .candidate { border-top: 2px solid #ddd; margin-top: 1.5em; }
            .designation { font-family: monospace; }
            section { margin-bottom: 2em; }
            </style>
            """;
}
