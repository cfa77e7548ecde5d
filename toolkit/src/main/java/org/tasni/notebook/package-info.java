/**
 * What a notebook shows: tables, figures, report records and progress, in the Jupyter kernels for Java. This package
 * depends on the stages; no stage depends on it.
 *
 * <p>Start with {@code %load tasni.jsh} in the first cell (the imports, and progress shown in the cell). Then the
 * last expression of a cell displays itself: a {@link tech.tablesaw.api.Table} as its shape, column types, head and
 * tail; a report record as one line; a figure inline.
 * <pre>{@code
 * var orphans = CrossMatcher.radius(3).orphans(wise, gaia);
 * SkyPlot.create("AllWISE orphans", wise, orphans)
 * }</pre>
 *
 * <h2>Parts</h2>
 * <ul>
 *   <li>Figures, one class per kind, each with static {@code create(…)} methods returning a Tablesaw Plotly
 *       {@link tech.tablesaw.plotly.components.Figure}, as Tablesaw's own plots: {@link org.tasni.notebook.SkyPlot}
 *       (Aitoff, also as a {@link org.tasni.notebook.PngImage} for large sets, and zoomed to a field in RA and Dec
 *       with {@code region}),
 *       {@link org.tasni.notebook.ColorMagnitudePlot}, {@link org.tasni.notebook.SeparationHistogram},
 *       {@link org.tasni.notebook.LightCurvePlot}, {@link org.tasni.notebook.PhaseFoldPlot},
 *       {@link org.tasni.notebook.PeriodogramPlot}, {@link org.tasni.notebook.VariabilitySummaryPlot} and
 *       {@link org.tasni.notebook.BenchmarkPlot}. Plotly.js is inside the jar, so figures render offline.</li>
 *   <li>Display: {@link org.tasni.notebook.Html} turns each displayable type into HTML and text
 *       ({@link org.tasni.notebook.Html#RENDERINGS}). The tasni-java (rapaio) kernel finds it through the service
 *       provider in {@code org.tasni.notebook.rapaio}; IJava and JJava need
 *       {@link org.tasni.notebook.KernelDisplay#install()} once.</li>
 *   <li>Progress: {@link org.tasni.notebook.NotebookProgress} prints a line at each quarter of long work and one
 *       at the end. Inside a notebook it is the default of every stage ({@link org.tasni.Progress#byDefault()}): the
 *       rapaio provider, {@code KernelDisplay.install()} and {@code tasni.jsh} each make it so, and
 *       {@code .progress(p)} on a stage still chooses another.</li>
 * </ul>
 *
 * <h2>Conventions</h2>
 * Plots read the pipeline's column names ({@code ra}, {@code dec} in degrees, {@code w1mpro}, {@code sep_arcsec},
 * {@code trend_w1_mag_yr}, …) and say in their axis titles the unit of every number; magnitudes increase downward.
 * A missing column is a {@link org.tasni.TasniException} naming the table and the column. Nothing here computes:
 * a plot that needs a statistic (a periodogram, a trend line) calls the stage that owns it.
 */
package org.tasni.notebook;
