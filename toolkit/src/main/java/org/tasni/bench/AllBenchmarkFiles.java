package org.tasni.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tasni.io.AtomicFiles;
import org.tasni.io.RecordTables;
import org.tasni.notebook.Html;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Margin;
import tech.tablesaw.plotly.traces.BarTrace;

/**
 * The outputs of {@code benchmark all}: {@code benchmark_all.json} (the rows and how they were made) and
 * {@code benchmark_all.html} (the same table and a bar chart, plotly.js inlined, so the page works offline), both
 * written atomically.
 */
public final class AllBenchmarkFiles {

    /** The JSON file's name in the output directory. */
    public static final String JSON = "benchmark_all.json";
    /** The HTML page's name in the output directory. */
    public static final String HTML = "benchmark_all.html";

    private AllBenchmarkFiles() {}

    /** The rows as a Tablesaw table (columns what, tool, cold_s, warm_s, ratio, agreement, peak_mem_mb, notes). */
    public static Table table(List<BenchRow> rows) {
        return RecordTables.toTable("benchmark all", BenchRow.class, rows);
    }

    /** Writes both files into {@code dir}; {@code setting} says how the run was made (scale, repeat, …). */
    public static void write(Path dir, List<BenchRow> rows, String setting) {
        String now = Instant.now().toString();
        AtomicFiles.write(dir.resolve(JSON), tmp -> Files.writeString(tmp, json(rows, setting, now), StandardCharsets.UTF_8));
        AtomicFiles.write(dir.resolve(HTML), tmp -> Files.writeString(tmp, html(rows, setting, now), StandardCharsets.UTF_8));
    }

    static String json(List<BenchRow> rows, String setting, String when) {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        root.put("generated", when).put("setting", setting).put("java", System.getProperty("java.version"))
                .put("cores", Runtime.getRuntime().availableProcessors());
        ArrayNode a = root.putArray("rows");
        for (BenchRow r : rows) {
            ObjectNode o = a.addObject();
            o.put("what", r.what()).put("tool", r.tool()).put("cold_s", r.coldS()).put("warm_s", r.warmS())
                    .put("ratio", r.ratio()).put("agreement", r.agreement()).put("peak_mem_mb", r.peakMemMb())
                    .put("notes", r.notes());
        }
        try {
            return m.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the benchmark rows as JSON", e);
        }
    }

    static String html(List<BenchRow> rows, String setting, String when) {
        StringBuilder sb = new StringBuilder(1 << 16);
        sb.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>TASNI benchmark all</title><style>")
                .append("body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;font-size:13px}")
                .append("td,th{border:1px solid #ccc;padding:3px 6px;vertical-align:top}td.n{text-align:right}")
                .append(".bad{color:#b00}</style>").append(Html.plotlyScript()).append("</head><body>\n")
                .append("<h1>TASNI benchmark all</h1>\n<p>").append(Html.escape(setting)).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(Html.escape(System.getProperty("java.version"))).append(", ").append(Html.escape(when))
                .append(". Cold: a fresh process or a first call; warm: the best of the repeats. Ratio: the row's time over ")
                .append("the toolkit's for the same stage (above 1: the toolkit is faster).</p>\n<table><tr>");
        for (String h : List.of("what", "tool", "cold s", "warm s", "ratio", "agreement", "peak MiB", "notes")) {
            sb.append("<th>").append(h).append("</th>");
        }
        sb.append("</tr>\n");
        for (BenchRow r : rows) {
            sb.append("<tr><td>").append(Html.escape(r.what())).append("</td><td>").append(Html.escape(r.tool()))
                    .append("</td>").append(number(r.coldS())).append(number(r.warmS())).append(number(r.ratio()))
                    .append(r.agreement().startsWith("mismatch") ? "<td class=\"bad\">" : "<td>")
                    .append(Html.escape(r.agreement())).append("</td>").append(number(r.peakMemMb())).append("<td>")
                    .append(Html.escape(r.notes())).append("</td></tr>\n");
        }
        sb.append("</table>\n<div>").append(Html.figure(ratioChart(rows), "benchmark_all_ratios")).append("</div>\n<div>")
                .append(Html.figure(chart(rows), "benchmark_all_chart")).append("</div>\n</body></html>\n");
        return sb.toString();
    }

    /** One bar per row that has a time (warm if measured, else cold), on a log axis: stages differ by 1000×. */
    static Figure chart(List<BenchRow> rows) {
        List<String> labels = new ArrayList<>();
        List<Double> secs = new ArrayList<>();
        for (BenchRow r : rows) {
            if (r.time() != null && r.time() > 0) {
                labels.add(label(r) + (r.warmS() != null ? " (warm)" : " (cold)"));
                secs.add(r.time());
            }
        }
        return bars("seconds per row, each on its own work (warm where measured, else cold; log scale)", "seconds",
                labels, secs);
    }

    /**
     * One bar per other tool (and per toolkit figure that is not its stage's reference): its ratio to the toolkit, the
     * figure the stages can be compared by, on a log axis (above 1: the toolkit is faster).
     */
    static Figure ratioChart(List<BenchRow> rows) {
        List<String> labels = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (BenchRow r : rows) {
            if (r.ratio() != null && r.ratio() > 0 && r.ratio() != 1.0) {
                labels.add(label(r));
                ratios.add(r.ratio());
            }
        }
        return bars("time over the toolkit's, same stage and work (above 1: the toolkit is faster; log scale)",
                "ratio", labels, ratios);
    }

    private static String label(BenchRow r) {
        // the stage without its parenthesis, so the labels fit beside the bars
        return r.what().replaceAll("\\s*\\(.*\\)", "") + " · " + r.tool();
    }

    private static Figure bars(String title, String axis, List<String> labels, List<Double> values) {
        List<String> l = new ArrayList<>(labels);
        List<Double> v = new ArrayList<>(values);
        // plotly draws the first category at the bottom: reversed, the chart reads top-down like the table
        Collections.reverse(l);
        Collections.reverse(v);
        BarTrace trace = BarTrace.builder(l.toArray(), v.stream().mapToDouble(Double::doubleValue).toArray())
                .orientation(BarTrace.Orientation.HORIZONTAL).build();
        Layout layout = Layout.builder(title).xAxis(Axis.builder().title(axis).type(Axis.Type.LOG).build())
                .margin(Margin.builder().left(520).build()).height(Math.max(300, 26 * l.size() + 120)).width(1200).build();
        return new Figure(layout, trace);
    }

    private static String number(Double v) {
        return "<td class=\"n\">" + (v == null ? "" : Html.escape(String.valueOf(v))) + "</td>";
    }
}
