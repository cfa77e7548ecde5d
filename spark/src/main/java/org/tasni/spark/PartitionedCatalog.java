package org.tasni.spark;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.tasni.TasniException;
import org.tasni.io.AtomicFiles;
import org.tasni.io.DropReason;
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
 * @param dropped       input rows left out for a missing or impossible position, by reason (non-zero reasons only)
 * @param partitions    the partitions, by order then pixel
 */
public record PartitionedCatalog(String root, String ra, String dec, double marginArcsec, double maxPmMasYr, long rows,
        Map<DropReason, Long> dropped, List<Pixel> partitions) implements Serializable {

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
        dropped = Map.copyOf(dropped);
    }

    /** Input rows left out for a missing or impossible position, whatever the reason. */
    public long droppedTotal() {
        return dropped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The properties key of the rows left out for {@code r} ({@code tasni_dropped_nonfinite_position}, …). */
    private static String dropKey(DropReason r) {
        return r.key().replace("n_dropped_", "tasni_dropped_");
    }

    /** The reasons a row is left out of a partitioning (those of {@link DropReason#ofPosition}). */
    private static final List<DropReason> POSITION_DROPS = List.of(DropReason.NONFINITE_POSITION,
            DropReason.POSITION_OUT_OF_RANGE);

    /** True if {@code dir} holds a partitioned catalogue (its {@code partition_info.csv} and {@code properties}). */
    public static boolean isCatalog(Path dir) {
        return Files.isRegularFile(dir.resolve(PARTITION_INFO)) && Files.isRegularFile(dir.resolve(PROPERTIES));
    }

    /**
     * True if {@code dir} has any part of a partitioned catalogue: its {@code properties}, {@code partition_info.csv},
     * {@code dataset/}, or HATS's {@code Norder=k} directories. Such a directory is no directory of input files (its
     * Parquet files are partitions), so it is opened as a catalogue, whose refusal names what is missing.
     */
    static boolean looksLikeCatalog(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        if (Files.exists(dir.resolve(PARTITION_INFO)) || Files.exists(dir.resolve(PROPERTIES))
                || Files.isDirectory(dir.resolve("dataset"))) {
            return true;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(d -> Files.isDirectory(d) && d.getFileName().toString().startsWith("Norder="));
        } catch (IOException e) {
            throw new TasniException(dir + ": cannot list (" + e.getMessage() + ").", e);
        }
    }

    /**
     * Opens a catalogue written by {@link HealpixPartitioner}.
     *
     * @throws TasniException if {@code dir} is not one, naming the file that is missing or wrong
     */
    public static PartitionedCatalog open(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        if (!isCatalog(root)) {
            String missing = Files.isRegularFile(root.resolve(PROPERTIES)) ? PARTITION_INFO
                    : Files.isRegularFile(root.resolve(PARTITION_INFO)) ? PROPERTIES : PARTITION_INFO + " and " + PROPERTIES;
            throw new TasniException(root + ": not a partitioned catalogue (no " + missing
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
            Map<DropReason, Long> dropped = new EnumMap<>(DropReason.class);
            for (DropReason why : POSITION_DROPS) {
                long n = Long.parseLong(p.getProperty(dropKey(why), "0"));
                if (n > 0) {
                    dropped.put(why, n);
                }
            }
            long total = Long.parseLong(p.getProperty("tasni_dropped_position", "0"));
            if (total != dropped.values().stream().mapToLong(Long::longValue).sum()) {
                throw new TasniException(root.resolve(PROPERTIES) + ": tasni_dropped_position=" + total + " is not the sum of "
                        + POSITION_DROPS.stream().map(PartitionedCatalog::dropKey).toList() + " (a catalogue partitioned"
                        + " before they were counted by reason, or edited); partition it again.");
            }
            PartitionedCatalog c = new PartitionedCatalog(root.toString(), p.getProperty("hats_col_ra"),
                    p.getProperty("hats_col_dec"), Double.parseDouble(p.getProperty("tasni_margin_arcsec")),
                    Double.parseDouble(p.getProperty("tasni_max_pm_mas_yr")), Long.parseLong(p.getProperty("hats_nrows")),
                    dropped, parts);
            c.requireComplete();
            return c;
        } catch (IOException | RuntimeException e) {
            if (e instanceof TasniException t) {
                throw t;
            }
            throw new TasniException(root + ": cannot read the partitioned catalogue's " + PROPERTIES + " or " + PARTITION_INFO
                    + " (" + e + ").", e);
        }
    }

    /**
     * Refuses a catalogue whose partition list and dataset disagree: a partition edited out of the list, or a listed
     * one whose directory is gone, would otherwise drop its rows from every match without a word.
     */
    private void requireComplete() {
        Path info = Path.of(root, PARTITION_INFO);
        long listed = 0;
        for (Pixel p : partitions) {
            listed += p.rows();
        }
        if (listed != rows) {
            throw new TasniException(String.format("%s: its partitions hold %,d rows, but %s says the catalogue has %,d"
                    + " (hats_nrows); was the list edited? Partition the catalogue again.", info, listed, PROPERTIES, rows));
        }
        // the pixels of a partitioning tile the sky without overlap: as ranges of order-29 pixels, sorted, none meets
        // the next (a line listed twice, or a pixel and its parent, would match their rows twice)
        List<Pixel> sorted = partitions.stream().sorted(java.util.Comparator.comparingLong(PartitionedCatalog::first)).toList();
        for (int i = 1; i < sorted.size(); i++) {
            Pixel a = sorted.get(i - 1), b = sorted.get(i);
            if (a.overlaps(b)) {
                throw new TasniException(info + ": partitions " + a.path() + " and " + b.path() + " overlap (a line listed"
                        + " twice?); partition the catalogue again.");
            }
        }
        java.util.Set<String> dirs = new java.util.TreeSet<>(datasetDirectories());
        for (Pixel p : partitions) {
            dirs.remove(p.path());
            requireFiles(p);
        }
        if (!dirs.isEmpty()) {
            throw new TasniException(Path.of(root, "dataset", dirs.iterator().next()) + ": a partition that " + info
                    + " does not list" + (dirs.size() > 1 ? " (and " + (dirs.size() - 1) + " more)" : "")
                    + "; was the list edited? Partition the catalogue again.");
        }
    }

    /** The first order-29 pixel of {@code p}. */
    private static long first(Pixel p) {
        return p.pixel() << (2 * (29 - p.order()));
    }

    /** The {@code Norder=k/Dir=d/Npix=p} directories under {@code dataset/}. */
    private List<String> datasetDirectories() {
        Path dataset = Path.of(root, "dataset");
        if (!Files.isDirectory(dataset)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dataset, 3)) {
            return s.filter(d -> dataset.relativize(d).getNameCount() == 3 && Files.isDirectory(d)
                    && d.getFileName().toString().startsWith("Npix=")).map(d -> dataset.relativize(d).toString()).toList();
        } catch (IOException e) {
            throw new TasniException(dataset + ": cannot list (" + e.getMessage() + ").", e);
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
                "tasni_dropped_position=" + droppedTotal(),
                dropKey(DropReason.NONFINITE_POSITION) + "=" + dropped.getOrDefault(DropReason.NONFINITE_POSITION, 0L),
                dropKey(DropReason.POSITION_OUT_OF_RANGE) + "=" + dropped.getOrDefault(DropReason.POSITION_OUT_OF_RANGE, 0L),
                "tasni_histogram_order=" + histogramOrder,
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

    /**
     * The Parquet files of a listed partition's own rows, refused where there are none: the directory went missing
     * after the catalogue was opened (where {@link #open} checks them all).
     */
    List<Path> requireFiles(Pixel p) {
        List<Path> f = files(p);
        if (f.isEmpty()) {
            throw new TasniException(Path.of(root, "dataset", p.path()) + ": the partition listed in " + PARTITION_INFO
                    + " has no Parquet file; the catalogue is incomplete. Partition it again.");
        }
        return f;
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
