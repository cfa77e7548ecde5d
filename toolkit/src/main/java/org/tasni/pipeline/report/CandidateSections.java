package org.tasni.pipeline.report;

import static org.tasni.pipeline.report.Markup.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.tasni.io.TileLayout.DataFile;
import org.tasni.notebook.LightCurvePlot;
import org.tasni.notebook.PeriodogramPlot;
import org.tasni.notebook.PhaseFoldPlot;
import org.tasni.variability.Band;
import org.tasni.variability.PeriodogramConfig;
import org.tasni.variability.VariabilityConfig;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Table;

/** The evidence: each top candidate's light curve, periodogram, fold and explained score, then the ranked table. */
final class CandidateSections {

    /** The ranked table shows this many rows; the file has them all. */
    static final int TABLE_ROWS = 50;
    /**
     * A periodogram is drawn with at most this many points (peaks kept, see {@link PeriodogramPlot}): the standard
     * grid's tens of thousands would make each one 1.6 MB of page.
     */
    static final int PERIODOGRAM_POINTS = 3000;

    /** What each caveat word of the ranking means, for the reader of the page. */
    static final Map<String, String> CAVEATS = Map.of(
            "missing_neighbour_tile", "a neighbouring tile was missing, so a Gaia counterpart across the tile edge may "
                    + "have been missed: the orphan status is not certain",
            "no_light_curve", "no NEOWISE exposures: trend, variability and period are unknown",
            "few_visits", "few NEOWISE visits: the trend and any period are weakly constrained",
            "cadence_alias", "a band's significant period lies near a harmonic of NEOWISE's 182.6-day cadence: it is "
                    + "likely the sampling, not the source, and scores nothing");

    private CandidateSections() {}

    /**
     * The periodogram's preset as run.json names it ({@code preset}), so the page shows the grid and false-alarm
     * level the pipeline used; standard when the run does not say.
     */
    static PeriodogramConfig periodogramConfig(ReportInputs in) {
        return preset(in, PeriodogramConfig.Preset.values()).map(PeriodogramConfig.Preset::config)
                .orElseGet(PeriodogramConfig::standard);
    }

    /** The run's variability preset (its quality cuts are those of the light curves drawn), standard if unknown. */
    static VariabilityConfig variabilityConfig(ReportInputs in) {
        return preset(in, VariabilityConfig.Preset.values()).map(VariabilityConfig.Preset::config)
                .orElseGet(VariabilityConfig::standard);
    }

    /** The one of {@code presets} that run.json names ({@code preset}), if it names one. */
    private static <P extends Enum<P>> Optional<P> preset(ReportInputs in, P[] presets) {
        String name = in.run == null ? "" : in.run.config().stream().filter(e -> e.getKey().equals("preset"))
                .map(Map.Entry::getValue).findFirst().orElse("");
        return Arrays.stream(presets).filter(p -> p.toString().equals(name)).findFirst();
    }

    /** The meaning of a caveat word, or a note that the report does not know it. */
    static String caveat(String word) {
        return CAVEATS.getOrDefault(word, "(not described by this report)");
    }

    /** One subsection per top candidate: its row, its score explained, light curve, periodogram and fold. */
    static String top(ReportInputs in, int n, Figures figures) {
        Table r = in.ranked;
        if (r == null) {
            return section("candidates", "Top candidates", missing(in.problem(DataFile.RANKED.fileName())));
        }
        StringBuilder sb = new StringBuilder();
        int shown = Math.min(n, r.rowCount());
        sb.append(p("The " + shown + " best of " + count(r.rowCount()) + " ranked candidates."));
        if (in.epochs == null) {
            sb.append(missing("No light curves: " + in.problem(DataFile.NEOWISE_EPOCHS.fileName())));
        }
        for (int i = 0; i < shown; i++) {
            sb.append(candidate(in, r, i, figures));
        }
        return section("candidates", "Top candidates", sb.toString());
    }

    private static String candidate(ReportInputs in, Table r, int i, Figures figures) {
        String des = cell(r, "designation", i);
        StringBuilder sb = new StringBuilder();
        sb.append("<div class=\"candidate\" id=\"candidate_").append(i + 1).append("\">\n<h3>#")
                .append(esc(cell(r, "rank", i))).append(" <span class=\"designation\">").append(esc(des))
                .append("</span></h3>\n");
        List<List<String>> row = new ArrayList<>();
        for (String c : r.columnNames()) {
            row.add(List.of(c, cell(r, c, i)));
        }
        sb.append("<div class=\"columns\"><div>").append(table(List.of("column", "value"), row)).append("</div><div>")
                .append(score(r, i)).append("</div></div>\n");
        if (in.epochs != null) {
            VariabilityConfig.Cuts cuts = variabilityConfig(in).cuts();
            sb.append(figures.addOrExplain("light curve", () -> LightCurvePlot.create(in.epochs, des, cuts)));
            String band = text(r, "period_band", i);
            Band b = band.equalsIgnoreCase("W2") ? Band.W2 : Band.W1;
            PeriodogramConfig config = periodogramConfig(in);
            sb.append(figures.addOrExplain(b.label() + " periodogram",
                    () -> PeriodogramPlot.create(in.epochs, des, b.key(), config, PERIODOGRAM_POINTS)));
            double period = number(r, "best_period_d", i);
            if (period > 0) {
                sb.append(figures.addOrExplain("phase fold", () -> PhaseFoldPlot.create(in.epochs, des, period)));
            } else {
                sb.append(p("No phase fold: no significant period."));
            }
        }
        return sb.append("</div>\n").toString();
    }

    /** The score, column by column: what each part measured and what it gave. */
    static String score(Table r, int i) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("score_colour", cell0(r, "score_colour", i), "W1 − W2 = " + mag(number(r, "w1_w2", i))
                + " mag (thermal cut: W1 − W2 ≥ 0.5; redder scores higher)"));
        rows.add(List.of("score_fading", cell0(r, "score_fading", i), "flag " + text(r, "flag", i) + "; W1 trend "
                + trend(r, "w1", i) + "; W2 trend " + trend(r, "w2", i) + "; " + cell0(r, "n_visits", i)
                + " visits over " + fixed(number(r, "baseline_years", i), 2) + " yr"));
        double period = number(r, "best_period_d", i);
        rows.add(List.of("score_period", cell0(r, "score_period", i), period > 0
                ? String.format(Locale.ROOT, "best period %.2f d in %s, FAP %s", period, text(r, "period_band", i),
                        prob(number(r, "period_fap", i)))
                : "no significant period"));
        String caveats = text(r, "caveats", i);
        List<String> words = new ArrayList<>();
        for (String w : caveats.split(";")) {
            if (!w.isBlank()) {
                words.add(w.strip() + ": " + caveat(w.strip()));
            }
        }
        rows.add(List.of("caveats", caveats.isBlank() ? "none" : caveats, words.isEmpty() ? "nothing to qualify the score"
                : String.join("; ", words)));
        rows.add(List.of("score", cell0(r, "score", i), "the sum of the three scores; candidates are ranked by it"));
        return "<h4>Score explained</h4>\n" + table(List.of("part", "value", "what it measured"), rows);
    }

    /** The first {@value #TABLE_ROWS} ranked rows, every column, with the total and the file. */
    static String ranked(ReportInputs in) {
        Table r = in.ranked;
        if (r == null) {
            return section("ranked", "Ranked candidates", missing(in.problem(DataFile.RANKED.fileName())));
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < Math.min(TABLE_ROWS, r.rowCount()); i++) {
            List<String> row = new ArrayList<>();
            for (String c : r.columnNames()) {
                row.add(cell(r, c, i));
            }
            rows.add(row);
        }
        String note = r.rowCount() > TABLE_ROWS ? "The first " + TABLE_ROWS + " of " : "All ";
        return section("ranked", "Ranked candidates", p(note + count(r.rowCount()) + " rows of "
                + in.path(DataFile.RANKED.fileName()) + " (also " + DataFile.RANKED_CSV.fileName() + "), best first.")
                + "<div class=\"wide\">" + table(r.columnNames(), rows) + "</div>\n");
    }

    private static String trend(Table r, String band, int i) {
        double slope = number(r, "trend_" + band + "_mag_yr", i);
        return Double.isNaN(slope) ? "–" : String.format(Locale.ROOT, "%+.4f mag/yr (p = %s)", slope,
                prob(number(r, "trend_" + band + "_p", i)));
    }

    private static String cell0(Table r, String column, int i) {
        return r.containsColumn(column) ? cell(r, column, i) : "–";
    }

    private static double number(Table r, String column, int i) {
        return r.containsColumn(column) && r.column(column) instanceof NumberColumn<?, ?> n && !n.isMissing(i)
                ? n.getDouble(i) : Double.NaN;
    }

    private static String text(Table r, String column, int i) {
        return r.containsColumn(column) && !r.column(column).isMissing(i) ? String.valueOf(r.column(column).get(i)) : "";
    }
}
