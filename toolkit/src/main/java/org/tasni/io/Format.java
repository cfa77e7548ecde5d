package org.tasni.io;

import java.nio.file.Path;
import java.util.Locale;
import org.tasni.TasniException;

/** The catalogue file formats, chosen by file extension. */
public enum Format {
    /** Apache Parquet (.parquet, .pq), snappy-compressed. */
    PARQUET,
    /** Plain comma-separated values with a header line (.csv); column types are inferred on reading. */
    CSV,
    /** Astropy's Enhanced CSV (.ecsv): CSV with a YAML header that keeps each column's exact type. */
    ECSV,
    /** Arrow IPC file format (.arrow, .feather, .ipc). */
    ARROW,
    /** IVOA VOTable (.vot, .votable, .xml), read and written through STIL. */
    VOTABLE;

    /** The format of a path, from its extension. */
    public static Format of(Path path) {
        String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        String ext = dot < 0 ? "" : n.substring(dot + 1);
        return switch (ext) {
            case "parquet", "pq" -> PARQUET;
            case "csv" -> CSV;
            case "ecsv" -> ECSV;
            case "arrow", "feather", "ipc" -> ARROW;
            case "vot", "votable", "xml" -> VOTABLE;
            default -> throw new TasniException(path + ": unknown table format '" + (dot < 0 ? n : "." + ext)
                    + "' (expected .parquet, .csv, .ecsv, .arrow, .vot or .xml).");
        };
    }
}
