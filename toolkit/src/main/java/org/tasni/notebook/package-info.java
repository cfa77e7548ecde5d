/**
 * What a notebook shows: Tablesaw Plotly figures of the stages' results. Each kind of figure is its own class with
 * static {@code create(…)} methods returning a {@link tech.tablesaw.plotly.components.Figure}, as Tablesaw's own plots.
 *
 * <p>Now: {@link org.tasni.notebook.LightCurvePlot}, {@link org.tasni.notebook.PeriodogramPlot},
 * {@link org.tasni.notebook.PhaseFoldPlot} and {@link org.tasni.notebook.VariabilitySummaryPlot}. Inline, offline
 * rendering in the Jupyter kernel comes with the notebooks issue. This package depends on the stages; no stage
 * depends on it.
 */
package org.tasni.notebook;
