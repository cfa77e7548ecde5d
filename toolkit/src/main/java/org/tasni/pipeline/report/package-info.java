/**
 * The pipeline's report: {@link org.tasni.pipeline.report.ReportPage} reads a pipeline output directory (the files
 * of the pipeline's layout: {@code funnel.json}, {@code orphans.parquet}, {@code candidates.parquet},
 * {@code neowise_epochs.parquet}, {@code ranked.parquet}, {@code pipeline_timing.json}, {@code run.json}, …) and
 * writes {@code report.html}, one self-contained page that works offline.
 *
 * <pre>{@code
 * ReportPage.of(Path.of("tasni-out")).write();
 * }</pre>
 *
 * <p>It depends on {@code io}, {@code variability} and {@code notebook} (its figures are the notebooks' plots), never on
 * the pipeline that writes the files, so a report can be made of any directory laid out by the contract, finished
 * or not. Parts: {@code ReportInputs} reads the directory and records why a file is missing; {@code RunRecords} reads
 * the JSON files; the {@code …Sections} classes each render a group of sections; {@code Markup} escapes and formats.
 */
package org.tasni.pipeline.report;
