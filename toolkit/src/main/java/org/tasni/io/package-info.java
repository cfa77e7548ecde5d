/**
 * Catalogue files as Tablesaw tables: Parquet, CSV/ECSV, Arrow IPC and VOTable, chosen by extension.
 *
 * <p>Start with {@link org.tasni.io.TableIO}: {@code TableIO.read(path, columns...)} and
 * {@code TableIO.write(table, path)}; {@code TableIO.read("tiles/wise_hp*.parquet")} appends every file a glob
 * matches (same columns and types required). Stages take primitive arrays out of tables once through
 * {@link org.tasni.io.Columns}, whose errors name the table's file and the column.
 *
 * <h2>Parts</h2>
 * <ul>
 *   <li>{@link org.tasni.io.ParquetIO}: parquet-java without a Hadoop file system; streams row groups with column
 *       projection ({@code forEachRowGroup}), so memory follows the row group, not the file. Its reader decodes the
 *       columns of a row group in parallel, page by page into primitive arrays ({@code ParquetRowGroup},
 *       {@code ParquetPages}, {@code PlainValues}, {@code HybridDecoder}), a string column as its dictionary
 *       ({@code StringDictionaries}); parquet-java's value-by-value column reader is the fallback for other
 *       encodings and types.</li>
 *   <li>{@link org.tasni.io.TableSlices}: row ranges of tables cut and joined as arrays, for stages that stream
 *       row groups.</li>
 *   <li>{@link org.tasni.io.CsvIO}: plain CSV (types inferred) and astropy's ECSV (types kept).</li>
 *   <li>{@link org.tasni.io.ArrowIO}: Arrow IPC files through Arrow Java.</li>
 *   <li>{@link org.tasni.io.VOTableIO}: VOTable through STIL, also for TAP results.</li>
 *   <li>{@link org.tasni.io.AtomicFiles}: every write goes to a temporary file that is renamed into place.</li>
 *   <li>{@link org.tasni.io.TileLayout}: the one place that knows the file and folder names of a data or output
 *       directory ({@code tiles/wise_hpNNNNN.parquet}, {@code margin/}, {@code orphans.parquet}, …).</li>
 *   <li>{@link org.tasni.io.TileStatus}: the {@code status} of a tile in every tiled stage's summary.</li>
 *   <li>{@link org.tasni.io.RecordTables} and {@link org.tasni.io.TableReport}: records to tables, so that
 *       summaries are built from row records and every report has {@code toTable()}.</li>
 *   <li>{@link org.tasni.io.ResultTable}: a stage's result table that carries its report.</li>
 * </ul>
 *
 * <h2>Conventions</h2>
 * Column names are the catalogue's own. Types are kept: float32 stays float32 and int16 stays int16 in every typed
 * format. Missing values are Tablesaw's (NaN, the integer MIN_VALUE marker, the empty string) in memory and nulls
 * on disk, so pandas and DuckDB see NaN/NULL where the source had them. The table's name is its file name, which
 * every error message starts with.
 */
package org.tasni.io;
