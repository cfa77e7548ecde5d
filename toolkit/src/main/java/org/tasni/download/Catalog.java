package org.tasni.download;

import java.util.List;

/**
 * A TAP table to download, with the columns the pipeline uses and the name of its tile files.
 *
 * @param table      the TAP table, e.g. {@code allwise_p3as_psd}
 * @param filePrefix tile files are {@code <filePrefix>_hpNNNNN.parquet}: "wise" or "gaia", as the crossmatch reads them
 * @param idColumn   a unique key, used to merge overlapping cones and to order rows
 * @param columns    the columns to select (ra and dec included)
 */
public record Catalog(String table, String filePrefix, String idColumn, List<String> columns) {

    public Catalog {
        Adql.identifier(table);
        Adql.identifier(idColumn);
        columns.forEach(Adql::identifier);
        columns = List.copyOf(columns);
    }

    /** The same catalogue under another table name, e.g. a mirror's {@code irsa.allwise_p3as_psd}. */
    public Catalog withTable(String name) {
        return new Catalog(name, filePrefix, idColumn, columns);
    }

    /** AllWISE at IRSA: the reference's 22 columns plus {@code cntr}. */
    public static Catalog allwise() {
        return new Catalog("allwise_p3as_psd", "wise", "cntr", List.of("cntr", "designation", "ra", "dec", "w1mpro",
                "w2mpro", "w3mpro", "w4mpro", "w1sigmpro", "w2sigmpro", "w3sigmpro", "w4sigmpro", "w1snr", "w2snr", "w3snr",
                "w4snr", "pmra", "pmdec", "cc_flags", "ext_flg", "ph_qual", "nb", "na"));
    }

    /** Gaia DR3 at the ESA archive, with what the crossmatch needs, proper motions and the reference epoch included. */
    public static Catalog gaiaDr3() {
        return new Catalog("gaiadr3.gaia_source", "gaia", "source_id", List.of("source_id", "ra", "dec", "pmra", "pmdec",
                "parallax", "phot_g_mean_mag", "ref_epoch"));
    }
}
