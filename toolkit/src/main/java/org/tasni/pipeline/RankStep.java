package org.tasni.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.tasni.io.AtomicFiles;
import org.tasni.io.TableIO;
import org.tasni.io.TileLayout.DataFile;
import org.tasni.io.TileStatus;
import org.tasni.variability.VariabilityFlag;
import tech.tablesaw.api.Table;

/** The ranked candidates ({@link Ranking}) and the funnel of counts from AllWISE sources to fading thermal orphans. */
final class RankStep implements Step {

    @Override
    public Phase phase() {
        return Phase.RANK;
    }

    @Override
    public List<Path> inputs(PipelineConfig c) {
        List<Path> in = new ArrayList<>(List.of(DataFile.ORPHANS.in(c.out()), CrossmatchStep.summaryFile(c),
                DataFile.CANDIDATES.in(c.out()), DataFile.VARIABILITY.in(c.out()), DataFile.PERIODOGRAM.in(c.out())));
        return in;
    }

    @Override
    public List<Path> outputs(PipelineConfig c) {
        return List.of(DataFile.RANKED.in(c.out()), DataFile.RANKED_CSV.in(c.out()), DataFile.FUNNEL.in(c.out()));
    }

    @Override
    public Outcome run(PipelineConfig c, Consumer<String> say) {
        Table candidates = TableIO.read(DataFile.CANDIDATES.in(c.out()));
        Table stats = TableIO.read(DataFile.VARIABILITY.in(c.out()));
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

    /** AllWISE sources → orphans → each cut → candidates → with a light curve → FADING. */
    static List<FunnelStep> funnel(PipelineConfig c, Table candidates, Table stats) {
        // the AllWISE sources of the tiles that were matched: an unmatched tile's rows never reach the orphans
        long wise = SummaryColumns.sum(TileStatus.select(TableIO.read(CrossmatchStep.summaryFile(c)), TileStatus.OK,
                TileStatus.DONE_BEFORE), "n_wise");
        // the orphans are streamed through the cuts again (the counts per cut are not kept elsewhere): one row group
        // at a time, so the heap does not grow with the sky area
        long[] orphans = new long[1];
        List<FunnelStep> cuts = FilterStep.cut(DataFile.ORPHANS.in(c.out()), c.cuts(), part -> {}, orphans);
        List<FunnelStep> steps = new ArrayList<>();
        steps.add(new FunnelStep("AllWISE sources", wise));
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
