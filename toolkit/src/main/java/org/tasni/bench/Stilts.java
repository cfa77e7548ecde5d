package org.tasni.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.tasni.TasniException;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import uk.ac.starlink.table.ArrayColumn;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.ColumnStarTable;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;
import uk.ac.starlink.table.StarTableOutput;
import uk.ac.starlink.util.FileDataSource;

/**
 * STILTS as a peer of the benchmarks: where Debian's script is, the jars it starts (so that the benchmark can read
 * them into the page cache before the first timed process, as it reads the toolkit's), and FITS, the format STILTS
 * reads natively and fastest, written from the benchmark's tables by STIL (bundled in the toolkit's jar) in untimed
 * set-up. Of the formats STILTS reads, FITS is the one it maps rather than parses (a VOTable, which the benchmark
 * gave it before, is parsed into memory: slower and several times the memory); issue 14's own baseline was "STILTS
 * tmatch2 on column-oriented FITS".
 */
final class Stilts {

    /** Debian's script ({@code stilts} package). */
    static final Path SCRIPT = Path.of("/usr/bin/stilts");

    /** Column-oriented FITS, which tmatch2 maps column by column (issue 14's baseline). */
    static final String COLFITS = "colfits-basic";
    /** Row-oriented FITS, STILTS's default FITS, for the small cold-start table. */
    static final String FITS = "fits-basic";

    /** STIL's logger, quietened here (held, so that the level stays): it logs each column it writes at INFO. */
    private static final Logger STIL_LOG = Logger.getLogger("uk.ac.starlink");

    static {
        STIL_LOG.setLevel(Level.WARNING);
    }

    private Stilts() {}

    /** Why STILTS cannot run here, or empty when its script is installed. */
    static Optional<String> missing() {
        return Files.isExecutable(SCRIPT) ? Optional.empty() : Optional.of("no " + SCRIPT + " (Debian package stilts)");
    }

    /**
     * Writes {@code t} as FITS in {@code format} ({@link #COLFITS} or {@link #FITS}) by STIL; integer columns with a
     * missing value get FITS's null (TNULL), strings are fixed-width as FITS has them (STIL trims them on reading).
     */
    static void writeFits(Table t, Path path, String format) throws IOException {
        ColumnStarTable st = ColumnStarTable.makeTableWithRows(t.rowCount());
        st.setName(t.name());
        for (Column<?> c : t.columns()) {
            st.addColumn(column(c));
        }
        try (OutputStream out = Files.newOutputStream(path)) {
            new StarTableOutput().writeStarTable(st, out, new StarTableOutput().getHandler(format));
        }
    }

    /** A FITS table in {@code format} read back by STIL, for the agreement checks (its columns as STILTS wrote them). */
    static StarTable readFits(Path path, String format) throws IOException {
        return new StarTableFactory(true).makeStarTable(new FileDataSource(path.toFile()),
                format.equals(COLFITS) ? COLFITS : "fits");
    }

    private static ArrayColumn column(Column<?> c) {
        int n = c.size();
        boolean missing = c.countMissing() > 0;
        if (c instanceof DoubleColumn d) {
            return ArrayColumn.makeColumn(c.name(), d.asDoubleArray());
        }
        if (c instanceof FloatColumn f) {
            return ArrayColumn.makeColumn(c.name(), f.asFloatArray());
        }
        if (!missing && c instanceof LongColumn l) {
            return ArrayColumn.makeColumn(c.name(), l.asLongArray());
        }
        if (!missing && c instanceof IntColumn i) {
            return ArrayColumn.makeColumn(c.name(), i.asIntArray());
        }
        if (!missing && c instanceof ShortColumn s) {
            return ArrayColumn.makeColumn(c.name(), s.asShortArray());
        }
        Object[] vals;
        Class<?> cls;
        if (c instanceof LongColumn || c instanceof IntColumn || c instanceof ShortColumn) {
            cls = c instanceof LongColumn ? Long.class : c instanceof IntColumn ? Integer.class : Short.class;
            vals = c instanceof LongColumn ? new Long[n] : c instanceof IntColumn ? new Integer[n] : new Short[n];
        } else if (c instanceof BooleanColumn) {
            cls = Boolean.class;
            vals = new Boolean[n];
        } else if (c instanceof StringColumn) {
            cls = String.class;
            vals = new String[n];
        } else if (c instanceof NumericColumn<?> num) {
            return ArrayColumn.makeColumn(c.name(), num.asDoubleArray());
        } else {
            throw new TasniException("benchmark: no FITS column for " + c.name() + " (" + c.type() + ")");
        }
        for (int i = 0; i < n; i++) {
            vals[i] = c.isMissing(i) ? null : cls == String.class ? c.getString(i) : c.get(i);
        }
        return ArrayColumn.makeColumn(new ColumnInfo(c.name(), cls, null), vals);
    }

    /**
     * The files a STILTS process starts from: the jar named in Debian's script ({@code appjar=…}), the jars its
     * manifest's {@code Class-Path} names, and the JVM files ({@link #javaFiles}) of the {@code java} the script runs
     * (the first on PATH). Empty when the script is missing.
     */
    static List<Path> startFiles() {
        Set<Path> out = new LinkedHashSet<>();
        try {
            if (!Files.isExecutable(SCRIPT)) {
                return List.of();
            }
            for (String line : Files.readAllLines(SCRIPT)) {
                String l = line.strip();
                if (l.startsWith("appjar=")) {
                    Path jar = Path.of(l.substring("appjar=".length()).replace("\"", ""));
                    if (Files.isRegularFile(jar)) {
                        out.add(jar);
                        try (JarFile jf = new JarFile(jar.toFile())) {
                            Manifest m = jf.getManifest();
                            String cp = m == null ? null : m.getMainAttributes().getValue("Class-Path");
                            if (cp != null) {
                                for (String e : cp.trim().split("\\s+")) {
                                    Path p = jar.resolveSibling(e);
                                    if (Files.isRegularFile(p)) {
                                        out.add(p);
                                    }
                                }
                            }
                        }
                    }
                }
            }
            for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
                Path java = Path.of(dir.isEmpty() ? "." : dir, "java");
                if (Files.isExecutable(java)) {
                    out.addAll(javaFiles(java.toRealPath()));
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // a file not found is not read ahead: the first process reads it, as before
        }
        return new ArrayList<>(out);
    }

    /**
     * The files every start of the JVM whose {@code bin/java} is {@code java} reads: its {@code lib/modules}, its
     * {@code libjvm.so} and its default class-data archive, those of them that are there.
     */
    static List<Path> javaFiles(Path java) {
        Path home = java.getParent() == null ? null : java.getParent().getParent();
        if (home == null) {
            return List.of();
        }
        Path lib = home.resolve("lib");
        return Stream.of(lib.resolve("modules"), lib.resolve("server").resolve("libjvm.so"),
                lib.resolve("server").resolve("classes.jsa")).filter(Files::isRegularFile).toList();
    }

    /**
     * Reads each file through once, so that every process starts with it in the page cache: the first timed process of
     * a tool would otherwise alone pay for reading its jars from the disk.
     */
    static void pageIn(List<Path> files) {
        ByteBuffer b = ByteBuffer.allocateDirect(1 << 20);
        for (Path f : files) {
            try (FileChannel ch = FileChannel.open(f)) {
                while (ch.read(b) >= 0) {
                    b.clear();
                }
            } catch (IOException e) {
                // not read ahead; the process reads it itself
            }
            b.clear();
        }
    }
}
