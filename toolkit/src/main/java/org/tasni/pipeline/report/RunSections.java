package org.tasni.pipeline.report;

import static org.tasni.pipeline.report.Markup.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tasni.io.TileLayout.DataFile;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.BarTrace;

/** How the run went: its caveats and warnings, its configuration and inputs, and each phase's time and memory. */
final class RunSections {

    private RunSections() {}

    /** The caveats of the ranking counted by kind, the run's warnings and every phase's notes. */
    static String caveats(ReportInputs in) {
        StringBuilder sb = new StringBuilder("<h3>Caveats of the ranked candidates</h3>\n");
        if (in.ranked == null || !in.ranked.containsColumn("caveats")) {
            sb.append(missing(in.ranked == null ? in.problem(DataFile.RANKED.fileName())
                    : "ranked.parquet has no caveats column."));
        } else {
            Map<String, Integer> kinds = new TreeMap<>(); // sorted by word: the same page for the same file
            int none = 0;
            for (String c : in.ranked.stringColumn("caveats")) {
                boolean any = false;
                for (String w : (c == null ? "" : c).split(";")) {
                    if (!w.isBlank()) {
                        kinds.merge(w.strip(), 1, Integer::sum);
                        any = true;
                    }
                }
                none += any ? 0 : 1;
            }
            List<List<String>> rows = new ArrayList<>();
            kinds.forEach((k, n) -> rows.add(List.of(k, count(n), CandidateSections.caveat(k))));
            rows.add(List.of("(none)", count(none), "candidates without a caveat"));
            sb.append(table(List.of("caveat", "candidates", "meaning"), rows));
        }
        sb.append("<h3>Warnings of the run</h3>\n");
        if (in.timing == null) {
            sb.append(missing(in.problem(DataFile.PIPELINE_TIMING.fileName())));
        } else {
            sb.append(list(in.timing.warnings(), "No warnings."));
            sb.append("<h3>Notes of the phases</h3>\n");
            List<List<String>> rows = new ArrayList<>();
            for (RunRecords.Phase p : in.timing.phases()) {
                for (String note : p.notes()) {
                    rows.add(List.of(p.phase(), p.status(), note));
                }
            }
            sb.append(rows.isEmpty() ? p("No phase left a note.") : table(List.of("phase", "status", "note"), rows));
        }
        return section("caveats", "Caveats and warnings", sb.toString());
    }

    /** run.json: the toolkit, every setting, and each input's identity. */
    static String configuration(ReportInputs in) {
        if (in.run == null) {
            return section("configuration", "Configuration", missing(in.problem(DataFile.RUN.fileName())));
        }
        List<List<String>> settings = new ArrayList<>();
        settings.add(List.of("toolkit", in.run.toolkit()));
        in.run.config().forEach(e -> settings.add(List.of(e.getKey(), e.getValue())));
        List<List<String>> inputs = new ArrayList<>();
        in.run.inputs().forEach(i -> inputs.add(List.of(i.path(), count(i.bytes()), i.mtime())));
        return section("configuration", "Configuration", p("From " + in.path(DataFile.RUN.fileName()) + ".")
                + table(List.of("setting", "value"), settings) + "<h3>Inputs</h3>\n"
                + (inputs.isEmpty() ? p("No inputs recorded.") : table(List.of("path", "bytes", "modified"), inputs)));
    }

    /** pipeline_timing.json: each phase's status, times, rows in and out and peak heap, as a table and bars. */
    static String timing(ReportInputs in, Figures figures) {
        if (in.timing == null) {
            return section("timing", "Phases: time and memory", missing(in.problem(DataFile.PIPELINE_TIMING.fileName())));
        }
        List<List<String>> rows = new ArrayList<>();
        List<RunRecords.Phase> phases = in.timing.phases();
        Object[] names = new Object[phases.size()];
        double[] seconds = new double[phases.size()];
        for (int i = 0; i < phases.size(); i++) {
            RunRecords.Phase p = phases.get(i);
            rows.add(List.of(p.phase(), p.status(), p.start(), p.end(), fixed(p.elapsedS(), 2), count(p.rowsIn()),
                    count(p.rowsOut()), fixed(p.peakHeapMb(), 1)));
            names[i] = p.phase();
            seconds[i] = Double.isNaN(p.elapsedS()) ? 0 : p.elapsedS();
        }
        String body = p("Total " + fixed(in.timing.totalS(), 2) + " s, from " + in.path(DataFile.PIPELINE_TIMING.fileName())
                + ".") + table(List.of("phase", "status", "start", "end", "elapsed (s)", "rows in", "rows out",
                "peak heap (MB)"), rows);
        if (names.length > 0) {
            Layout layout = Layout.builder("Time per phase", "phase", "elapsed (s)").height(400).width(900).build();
            body += figures.add(new Figure(layout, BarTrace.builder(names, seconds).name("elapsed (s)")
                    .marker(Marker.builder().color("#2ca02c").build()).build()));
        }
        return section("timing", "Phases: time and memory", body);
    }

    private static String list(List<String> items, String empty) {
        if (items.isEmpty()) {
            return p(empty);
        }
        StringBuilder sb = new StringBuilder("<ul>\n");
        items.forEach(s -> sb.append("<li>").append(esc(s)).append("</li>\n"));
        return sb.append("</ul>\n").toString();
    }
}
