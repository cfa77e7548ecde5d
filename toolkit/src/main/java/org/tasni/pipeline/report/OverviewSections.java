package org.tasni.pipeline.report;

import static org.tasni.pipeline.report.Markup.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tasni.io.TileLayout.DataFile;
import org.tasni.variability.VariabilityFlag;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.BarTrace;

/** The top of the page: what was found, from which files, and the funnel of counts that led there. */
final class OverviewSections {

    private OverviewSections() {}

    /**
     * What was found: the number of candidates and of fading ones, the top designations, failed phases and the count
     * of warnings; then every file of the run, read or not and why.
     */
    static String summary(ReportInputs in, int top) {
        StringBuilder sb = new StringBuilder();
        Table r = in.ranked;
        if (r != null) {
            int fading = r.containsColumn(VariabilityFlag.COLUMN) ? VariabilityFlag.FADING.count(r) : 0;
            sb.append("<p class=\"lead\">").append(esc(count(r.rowCount()) + " candidates (thermal AllWISE orphans), "
                    + count(fading) + " of them FADING.")).append("</p>\n");
            List<String> best = new ArrayList<>();
            for (int i = 0; i < Math.min(Math.min(top, 3), r.rowCount()); i++) {
                best.add("#" + cell(r, "rank", i) + " " + cell(r, "designation", i) + " (score "
                        + cell(r, "score", i) + ", " + cell(r, VariabilityFlag.COLUMN, i) + ")");
            }
            if (!best.isEmpty()) {
                sb.append(p("Top: " + String.join("; ", best) + "."));
            }
        } else {
            sb.append(missing("No ranking: " + in.problem(DataFile.RANKED.fileName())));
            if (in.candidates != null) {
                sb.append(p(count(in.candidates.rowCount()) + " candidates passed the cuts (candidates.parquet)."));
            }
        }
        if (in.funnel != null && !in.funnel.isEmpty()) {
            sb.append(p("Funnel: " + count(in.funnel.get(0).rows()) + " " + in.funnel.get(0).step() + " → "
                    + count(in.funnel.get(in.funnel.size() - 1).rows()) + " " + in.funnel.get(in.funnel.size() - 1).step()
                    + " (" + in.funnel.size() + " steps, below)."));
        }
        if (in.timing != null) {
            List<String> failed = in.timing.phases().stream().filter(RunRecords.Phase::failed)
                    .map(RunRecords.Phase::phase).toList();
            sb.append(p("Phases: " + in.timing.phases().size() + " recorded, " + failed.size() + " failed"
                    + (failed.isEmpty() ? "" : " (" + String.join(", ", failed) + ")") + "; "
                    + in.timing.warnings().size() + " warnings and "
                    + (in.timing.messageCount() - in.timing.warnings().size()) + " phase notes (see Caveats and warnings); "
                    + "total " + fixed(in.timing.totalS(), 2) + " s."));
        } else {
            sb.append(missing("No phase record: " + in.problem(DataFile.PIPELINE_TIMING.fileName())));
        }
        sb.append(p("Output directory: " + in.out.toAbsolutePath().normalize()));
        List<List<String>> rows = new ArrayList<>();
        for (String f : ReportInputs.fileNames()) {
            String why = in.problem(f);
            rows.add(List.of(f, why == null ? "read" : "missing", why == null ? rowsOf(in, f) : why));
        }
        sb.append(table(List.of("file", "state", "rows / why"), rows));
        return section("summary", "Summary", sb.toString());
    }

    private static String rowsOf(ReportInputs in, String file) {
        if (file.equals(DataFile.NEOWISE_EPOCHS.fileName()) && in.epochRows >= 0) {
            return count(in.epochRows);
        }
        Table t = file.equals(DataFile.ORPHANS.fileName()) ? in.orphans
                : file.equals(DataFile.CANDIDATES.fileName()) ? in.candidates
                : file.equals(DataFile.NEOWISE_EPOCHS.fileName()) ? in.epochs
                : file.equals(DataFile.RANKED.fileName()) ? in.ranked : null;
        return t == null ? "" : count(t.rowCount());
    }

    /** The funnel: each step's remaining rows, what it removed and the share of the first step, as a table and bars. */
    static String funnel(ReportInputs in, Figures figures) {
        if (in.funnel == null) {
            return section("funnel", "Funnel", missing(in.problem(ReportInputs.FUNNEL)));
        }
        List<List<String>> rows = new ArrayList<>();
        long first = in.funnel.isEmpty() ? 0 : in.funnel.get(0).rows();
        Object[] names = new Object[in.funnel.size()];
        double[] counts = new double[in.funnel.size()];
        for (int i = 0; i < in.funnel.size(); i++) {
            RunRecords.Step s = in.funnel.get(i);
            String removed = i == 0 ? "" : count(in.funnel.get(i - 1).rows() - s.rows());
            String share = first > 0 ? String.format(Locale.ROOT, "%.2f%%", 100.0 * s.rows() / first) : "";
            rows.add(List.of(String.valueOf(i + 1), s.step(), count(s.rows()), removed, share));
            names[i] = (i + 1) + ". " + s.step();
            counts[i] = s.rows();
        }
        String body = p("Each row is what remains after that step, from " + in.path(ReportInputs.FUNNEL) + ".")
                + table(List.of("#", "step", "rows", "removed", "of the first"), rows);
        if (names.length > 0) {
            Layout layout = Layout.builder("Funnel: rows after each step", "", "rows (log)").height(480).width(1000)
                    .margin(tech.tablesaw.plotly.components.Margin.builder().bottom(200).build())
                    .yAxis(Axis.builder().title("rows (log)").type(Axis.Type.LOG).build()).build();
            body += figures.add(new Figure(layout, BarTrace.builder(names, counts).name("rows")
                    .marker(Marker.builder().color("#9467bd").build()).build()));
        }
        return section("funnel", "Funnel", body);
    }
}
