/**
 * The whole TASNI run: {@link org.tasni.pipeline.Pipeline} (from a notebook) and the CLI's {@code run} join the stages
 * into phases ({@link org.tasni.pipeline.Phase}): download, crossmatch, filter, epochs, variability, periodogram,
 * rank and report, each writing atomic files into one output directory.
 *
 * <pre>{@code
 * var p = Pipeline.on("data-samples").out("tasni-out");
 * p.run();            // or p.rank(), p.status(), p.report()
 * }</pre>
 *
 * <p>How it is built: one {@code Step} per phase knows its input and output files and its computation; the
 * {@code Runner} reuses a step when its {@code Stamp} (settings and SHA-256 of inputs and outputs) matches, and
 * records each phase ({@link org.tasni.pipeline.PhaseRecord}) in {@code pipeline_timing.json}. The candidates come
 * from {@link org.tasni.pipeline.CandidateCuts}, the order from {@code Ranking}; phases whose files grow with the sky
 * stream them row group by row group ({@code RowGroups}). The HTML page is {@code org.tasni.pipeline.report}'s.
 */
package org.tasni.pipeline;
