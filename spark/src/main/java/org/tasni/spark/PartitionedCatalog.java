package org.tasni.spark;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.tasni.TasniException;
import org.tasni.io.AtomicFiles;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * A catalogue partitioned by {@link HealpixPartitioner}, in a HATS-like layout:
 * <pre>
 * ROOT/properties                  HATS keys (hats_col_ra, hats_nrows, …) and ours (tasni_margin_arcsec, …)
 * ROOT/partition_info.csv          Norder,Npix,num_rows: one line per partition
 * ROOT/dataset/Norder=k/Dir=d/Npix=p/part-*.parquet            the rows whose position is in pixel p
 * ROOT/margin/dataset/Norder=k/Dir=d/Npix=p/part-*.parquet     rows of other partitions within the margin of p
 * </pre>
 * Every row has {@code _healpix_29} (its order-29 NESTED pixel, as in HATS) and {@code _row} (its place in the input,
 * files in name order: the tie-breaker of the match and the order of its output).
 *
 * @param root          the catalogue's directory (absolute)
 * @param ra            the position columns (degrees)
 * @param dec           see {@code ra}
 * @param marginArcsec  the margin width: every row within this angle of a partition (and outside it) is in its margin
 * @param maxPmMasYr    the largest believable total proper motion of a row (mas/yr; 0 without proper motions)
 * @param rows          rows partitioned (margin rows not counted)
 * @param dropped       input rows left out for a missing or impossible position
 * @param partitions    the partitions, by order then pixel
 */
public record PartitionedCatalog(String root, String ra, String dec, double marginArcsec, double maxPmMasYr, long rows,
        long dropped, List<Pixel> partitions) implements Serializable {

    /** The properties file (HATS's name). */
    static final String PROPERTIES = "properties";
    /** The partition list (HATS's name). */
    static final String PARTITION_INFO = "partition_info.csv";
    /** The order-29 pixel column (HATS's name). */
    public static final String HEALPIX_29 = "_healpix_29";
    /** The input-order column (ours). */
    public static final String ROW = "_row";

    public PartitionedCatalog {
        partitions = List.copyOf(partitions);
    }

    /** True if {@code dir} holds a partitioned catalogue (its {@code partition_info.csv} and {@code properties}). */
    public static boolean isCatalog(Path dir) {
        return Files.isRegularFile(dir.resolve(PARTITION_INFO)) && Files.isRegularFile(dir.resolve(PROPERTIES));
    }

    /**
     * Opens a catalogue written by {@link HealpixPartitioner}.
     *
     * @throws TasniException if {@code dir} is not one, naming the file that is missing or wrong
     */
    public static PartitionedCatalog open(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        if (!isCatalog(root)) {
            throw new TasniException(root + ": not a partitioned catalogue (no " + PARTITION_INFO + " or " + PROPERTIES
                    + "); make one with 'tasni-spark partition'.");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(root.resolve(PROPERTIES), StandardCharsets.UTF_8)) {
            p.load(r);
            List<Pixel> parts = new ArrayList<>();
            List<String> lines = Files.readAllLines(root.resolve(PARTITION_INFO), StandardCharsets.UTF_8);
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).split(",");
                if (f.length != 3) {
                    throw new TasniException(root.resolve(PARTITION_INFO) + ": line " + (i + 1) + " is not Norder,Npix,num_rows ('"
                            + lines.get(i) + "').");
                }
                parts.add(new Pixel(Integer.parseInt(f[0].trim()), Long.parseLong(f[1].trim()), Long.parseLong(f[2].trim())));
            }
            return new PartitionedCatalog(root.toString(), p.getProperty("hats_col_ra"), p.getProperty("hats_col_dec"),
                    Double.parseDouble(p.getProperty("tasni_margin_arcsec")), Double.parseDouble(p.getProperty("tasni_max_pm_mas_yr")),
                    Long.parseLong(p.getProperty("hats_nrows")), Long.parseLong(p.getProperty("tasni_dropped_position", "0")),
                    parts);
        } catch (IOException | RuntimeException e) {
            if (e instanceof TasniException t) {
                throw t;
            }
            throw new TasniException(root + ": cannot read the partitioned catalogue's " + PROPERTIES + " or " + PARTITION_INFO
                    + " (" + e + ").", e);
        }
    }

    /** Writes {@code properties} and {@code partition_info.csv} (atomically, each). */
    void writeMetadata(int histogramOrder, long maxRows) {
        Path r = Path.of(root);
        StringBuilder info = new StringBuilder("Norder,Npix,num_rows\n");
        for (Pixel px : partitions) {
            info.append(px.order()).append(',').append(px.pixel()).append(',').append(px.rows()).append('\n');
        }
        AtomicFiles.write(r.resolve(PARTITION_INFO), tmp -> Files.writeString(tmp, info));
        int maxOrder = partitions.stream().mapToInt(Pixel::order).max().orElse(0);
        String props = String.join("\n",
                "# HATS-like properties, written by the TASNI Spark partitioner (see spark/README.md for what differs)",
                "dataset_type=object", "hats_col_ra=" + ra, "hats_col_dec=" + dec, "hats_nrows=" + rows,
                "hats_max_rows=" + maxRows, "hats_order=" + maxOrder, "hats_margin_threshold=" + marginArcsec,
                "tasni_margin_arcsec=" + marginArcsec, "tasni_max_pm_mas_yr=" + maxPmMasYr,
                "tasni_dropped_position=" + dropped, "tasni_histogram_order=" + histogramOrder,
                "tasni_row_column=" + ROW, "") ;
        AtomicFiles.write(r.resolve(PROPERTIES), tmp -> Files.writeString(tmp, props));
    }

    /** The partitions as a table ({@code Norder, Npix, num_rows}), as {@code partition_info.csv} lists them. */
    public Table partitionTable() {
        return Table.create(Path.of(root).getFileName() + " partitions",
                IntColumn.create("Norder", partitions.stream().mapToInt(Pixel::order).toArray()),
                LongColumn.create("Npix", partitions.stream().mapToLong(Pixel::pixel).toArray()),
                LongColumn.create("num_rows", partitions.stream().mapToLong(Pixel::rows).toArray()));
    }

    /** The Parquet files of a partition's own rows. */
    public List<Path> files(Pixel p) {
        return parquetFiles(Path.of(root, "dataset", p.path()));
    }

    /** The Parquet files of a partition's margin rows (none if no row lies within its margin). */
    public List<Path> marginFiles(Pixel p) {
        return parquetFiles(Path.of(root, "margin", "dataset", p.path()));
    }

    private static List<Path> parquetFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".parquet")).sorted().toList();
        } catch (IOException e) {
            throw new TasniException(dir + ": cannot list the partition (" + e.getMessage() + ").", e);
        }
    }

    /** The partition that contains (or is contained in) {@code p}, among {@code parts}; those overlapping it. */
    static List<Pixel> overlapping(List<Pixel> parts, Pixel p) {
        return parts.stream().filter(q -> q.overlaps(p)).toList();
    }
}
