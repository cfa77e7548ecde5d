/**
 * The {@code benchmark} command: each stage of the toolkit timed against the tools astronomers already use, on the
 * same generated data, in the same run, with a check that every tool gives the same answer.
 *
 * <p>Start with the CLI ({@code java -jar tasni-toolkit.jar benchmark crossmatch|variability|download|io --help}) or, in
 * a notebook, with the class of one benchmark; each returns a table with one row per tool, which
 * {@link org.tasni.notebook.BenchmarkPlot} draws:
 * <pre>{@code
 * var cross = new CrossmatchBenchmark(…).run(Files.createTempDirectory("tasni-xm"));   // one row per tool
 * BenchmarkPlot.create(cross, "seconds")
 * }</pre>
 *
 * <h2>Parts</h2>
 * <ul>
 *   <li>{@link org.tasni.bench.CrossmatchBenchmark}: the anti-join on a simulated cap at real density, against
 *       astropy, scipy, scikit-learn and STILTS; every tool must find the same orphans.</li>
 *   <li>{@link org.tasni.bench.VariabilityBenchmark}: the standard statistics against a numpy group-by, and the
 *       periodogram against astropy's {@code LombScargle}.</li>
 *   <li>{@link org.tasni.bench.IoBenchmark} ({@code benchmark io}): the Parquet read (numeric columns, string
 *       column, whole file) of a NEOWISE-like epochs file ({@code EpochsFile}) against DuckDB, each tool in a fresh
 *       JVM ({@link org.tasni.bench.IoProbe}, and {@code DuckDbPeer.java}, compiled once and run with DuckDB's JDBC
 *       jar, which the toolkit does not bundle), both aggregating what they read the same way so that their answers
 *       can be compared.</li>
 *   <li>{@link org.tasni.bench.DownloadBenchmark}: tiles and requests per second against a loopback TAP service
 *       with a fixed latency, as the concurrency grows under the rate limit.</li>
 *   <li>{@link org.tasni.bench.AllBenchmark} ({@code benchmark all}): all of the above plus the cold CLI start and the
 *       whole pipeline as fresh processes ({@code ProcessBenchmarks}), regrouped as one table of
 *       {@link org.tasni.bench.BenchRow}s with cold and warm figures and peak memory;
 *       {@link org.tasni.bench.AllBenchmarkFiles} writes it as JSON and an offline HTML page.</li>
 *   <li>{@link org.tasni.bench.ChildRun}: a command as a fresh process, timed, with its peak resident memory.</li>
 *   <li>{@code Npy}: how arrays reach the Python peers (NumPy's {@code .npy}, as Debian has no pyarrow).</li>
 * </ul>
 *
 * <h2>Conventions</h2>
 * Figures are cold (the first call in a fresh JVM or Python process, or a fresh process) and warm (the best of the
 * next runs), for the toolkit and each peer alike, from the same run on the same data; a peer that is not installed is
 * a row marked skipped, never a missing row, and one that failed says so. Each peer's row says in its
 * {@code agreement} column whether it found what the toolkit found; a mismatch or a failure makes the command exit
 * with 1 ({@link org.tasni.bench.BenchRow#isFailure}). Each row names the threads its tool ran on. Timings exclude
 * file I/O unless the row says "process" or is a read (a whole command, start-up included). Python peers run under
 * {@code /usr/bin/python3} with Debian's packages; STILTS reads FITS ({@link org.tasni.bench.Stilts}); nothing is
 * fetched from the network.
 */
package org.tasni.bench;
