package org.tasni.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.tasni.io.AtomicFiles;
import org.tasni.io.Columns;
import org.tasni.io.TableIO;
import org.tasni.io.TileLayout.DataFile;
import org.tasni.variability.VariabilityAnalyzer;
import org.tasni.variability.VariabilityConfig;
import org.tasni.variability.VariabilityFlag;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The ranked candidates ({@link Ranking}) and the funnel of counts from AllWISE sources to fading thermal orphans. */
final class RankStep implements Step {

    @Override
    public Phase phase() {
        return Phase.RANK;
    }

    @Override
    public List<Path> inputs(PipelineConfig c) {
        // the epochs: the visits of a preset without n_visits are counted from them (standardVisits)
        List<Path> in = new ArrayList<>(List.of(DataFile.ORPHANS.in(c.out()), CrossmatchStep.summaryFile(c),
                DataFile.CANDIDATES.in(c.out()), DataFile.NEOWISE_EPOCHS.in(c.out()), DataFile.VARIABILITY.in(c.out()),
                DataFile.PERIODOGRAM.in(c.out())));
        return in;
    }

    @Override
    public List<Path> outputs(PipelineConfig c) {
        return List.of(DataFile.RANKED.in(c.out()), DataFile.RANKED_CSV.in(c.out()), DataFile.FUNNEL.in(c.out()));
    }

    @Override
    public Outcome run(PipelineConfig c, Consumer<String> say) {
        Table candidates = TableIO.read(DataFile.CANDIDATES.in(c.out()));
        Table stats = withStandardVisits(TableIO.read(DataFile.VARIABILITY.in(c.out())), c);
        Table periods = TableIO.read(DataFile.PERIODOGRAM.in(c.out()));
        Table ranked = Ranking.rank(candidates, stats, periods, MissingNeighbours.of(c), c.cuts().minW1W2(),
                c.fapThreshold());
        TableIO.write(ranked, DataFile.RANKED.in(c.out()));
        TableIO.write(ranked, DataFile.RANKED_CSV.in(c.out()));
        List<FunnelStep> funnel = funnel(c, candidates, stats);
        writeFunnel(funnel, DataFile.FUNNEL.in(c.out()));
        long fading = funnel.get(funnel.size() - 1).rows();
        return Outcome.of(candidates.rowCount(), ranked.rowCount(), String.format("%d candidates ranked, %d FADING first",
                ranked.rowCount(), fading));
    }

    /**
     * The statistics with {@code n_visits} as the standard preset counts it. tasni-legacy and tasni-tier5 reproduce
     * the reference's tables, which have no visit count: ranked.n_visits was empty and the few_visits caveat never
     * raised under them, so a source seen in three visits ranked high as FADING without it. The visits are counted
     * here by the standard preset itself, from the same epochs file: its quality cuts and drops (non-finite or
     * out-of-span mjd, repeated exposures), then a gap of more than {@code visitGapDays} (50 d) starts a visit. So
     * n_visits, and the caveat, are the same whatever the preset. A source with statistics but no exposure the
     * standard preset keeps has 0 visits.
     */
    static Table withStandardVisits(Table stats, PipelineConfig c) {
        if (stats.containsColumn("n_visits") || stats.rowCount() == 0) {
            return stats; // the standard preset's own count
        }
        Table standard = VariabilityAnalyzer.of(VariabilityConfig.standard()).threads(c.threads())
                .analyze(DataFile.NEOWISE_EPOCHS.in(c.out()));
        Map<String, Integer> visits = new HashMap<>();
        StringColumn d = standard.stringColumn("designation");
        IntColumn n = standard.intColumn("n_visits");
        for (int i = 0; i < standard.rowCount(); i++) {
            visits.put(d.get(i), n.get(i));
        }
        StringColumn des = Columns.strings(stats, "designation");
        int[] counted = new int[stats.rowCount()];
        for (int i = 0; i < counted.length; i++) {
            counted[i] = visits.getOrDefault(des.get(i), 0);
        }
        return stats.copy().addColumns(IntColumn.create("n_visits", counted));
    }

    /**
     * AllWISE sources → less the tiles not matched (by status) → less the rows dropped (by reason) → orphans → each
     * cut → candidates → with a light curve → FADING.
     */
    static List<FunnelStep> funnel(PipelineConfig c, Table candidates, Table stats) {
        // every WISE tile's rows, as the crossmatch's summary line counts them; the rows of a tile not matched and the
        // rows dropped are steps of their own, so what the orphans step removes is the rows matched (WiseRows)
        WiseRows wise = WiseRows.of(TableIO.read(CrossmatchStep.summaryFile(c)));
        // the orphans are streamed through the cuts again (the counts per cut are not kept elsewhere): one row group
        // at a time, so the heap does not grow with the sky area
        long[] orphans = new long[1];
        List<FunnelStep> cuts = FilterStep.cut(DataFile.ORPHANS.in(c.out()), c.cuts(), part -> {}, orphans);
        List<FunnelStep> steps = new ArrayList<>();
        steps.addAll(wise.steps());
        steps.add(new FunnelStep("orphans (no Gaia within " + c.radiusArcsec() + " arcsec)", orphans[0]));
        steps.addAll(cuts);
        steps.add(new FunnelStep("candidates", candidates.rowCount()));
        steps.add(new FunnelStep("with a light curve", stats.rowCount()));
        steps.add(new FunnelStep("FADING", stats.rowCount() == 0 ? 0 : VariabilityFlag.FADING.count(stats)));
        return steps;
    }

    static void writeFunnel(List<FunnelStep> steps, Path file) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (FunnelStep s : steps) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("step", s.step());
            m.put("rows", s.rows());
            list.add(m);
        }
        AtomicFiles.write(file, tmp -> Stamp.JSON.writeValue(tmp.toFile(), Map.of("steps", list)));
    }
}
