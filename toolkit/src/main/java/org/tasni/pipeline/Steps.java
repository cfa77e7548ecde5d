package org.tasni.pipeline;

import java.util.List;

/** The steps of a run, in phase order. */
final class Steps {

    private Steps() {}

    static List<Step> all() {
        return List.of(new DownloadStep(), new CrossmatchStep(), new FilterStep(), new EpochsStep(),
                new VariabilityStep(), new PeriodogramStep(), new RankStep(), new ReportStep());
    }
}
