package org.tasni.variability;

import java.util.Locale;
import org.tasni.TasniException;
import org.tasni.io.Columns;
import tech.tablesaw.api.Table;

/**
 * A WISE photometric band used by NEOWISE: W1 (3.4 µm) or W2 (4.6 µm). It alone knows the band's column names (IRSA's
 * {@code w1mpro, w1sigmpro} and the reference's {@code _ep} aliases), the prefix and suffix our output columns use,
 * its label and its plot colour, so that no other class spells "w1" or branches on a band index.
 *
 * <pre>{@code
 * for (Band b : Band.values()) { lc.points(b).trend(); }
 * Periodogram.of(PeriodogramConfig.standard()).spectrum(epochs, "J143046.35-025927.8", Band.W1);
 * }</pre>
 */
public enum Band {
    /** 3.4 µm. */
    W1(3.4, "#1f77b4"),
    /** 4.6 µm. */
    W2(4.6, "#d62728");

    private final double microns;
    private final String colour;
    private final String key;

    Band(double microns, String colour) {
        this.microns = microns;
        this.colour = colour;
        this.key = name().toLowerCase(Locale.ROOT);
    }

    /** "W1" or "W2", as figures label the band. */
    public String label() {
        return name();
    }

    /** The band's wavelength, µm. */
    public double microns() {
        return microns;
    }

    /** The band's plot colour (matplotlib's tab:blue for W1, tab:red for W2), as a CSS hex colour. */
    public String colour() {
        return colour;
    }

    /** "w1" or "w2": the lower-case key of column names and of the String overloads. */
    public String key() {
        return key;
    }

    /** IRSA's profile-fit magnitude column: {@code w1mpro}. */
    public String magnitudeColumn() {
        return key + "mpro";
    }

    /** IRSA's magnitude error column: {@code w1sigmpro}. */
    public String errorColumn() {
        return key + "sigmpro";
    }

    /** The reference's alias of {@link #magnitudeColumn()}: {@code w1mpro_ep}. */
    public String magnitudeAlias() {
        return magnitudeColumn() + "_ep";
    }

    /** The reference's alias of {@link #errorColumn()}: {@code w1sigmpro_ep}. */
    public String errorAlias() {
        return errorColumn() + "_ep";
    }

    /** The prefix of per-band output columns of the periodogram: {@code w1_}. */
    public String prefix() {
        return key + "_";
    }

    /** The suffix of per-band output columns of the statistics: {@code _w1}. */
    public String suffix() {
        return "_" + key;
    }

    /** The magnitude column of this band in {@code t}: IRSA's name, else the {@code _ep} alias. */
    String magnitudeIn(Table t) {
        return pick(t, magnitudeColumn(), magnitudeAlias());
    }

    /** The error column of this band in {@code t}: IRSA's name, else the {@code _ep} alias. */
    String errorIn(Table t) {
        return pick(t, errorColumn(), errorAlias());
    }

    private static String pick(Table t, String irsa, String alias) {
        if (t.containsColumn(irsa) && t.containsColumn(alias)) {
            // a catalogue magnitude joined onto the epochs (AllWISE's w1mpro beside the exposures' w1mpro_ep): taking
            // either silently would analyse a constant column as the light curve, or the light curve of another table
            throw new TasniException(Columns.label(t) + ": both '" + irsa + "' and '" + alias + "' are columns, so which "
                    + "one holds each exposure's value is unclear (a catalogue column joined on?). Keep one of them: "
                    + "table.removeColumns(\"" + irsa + "\"), or tasni convert IN OUT --columns with the ones to keep.");
        }
        if (t.containsColumn(irsa)) {
            return irsa;
        }
        if (t.containsColumn(alias)) {
            return alias;
        }
        throw new TasniException(Columns.label(t) + ": no column '" + irsa + "' or '" + alias + "' (columns: "
                + String.join(", ", t.columnNames()) + ").");
    }

    /**
     * The band named {@code name}, ignoring case: "w1", "W2".
     *
     * @throws TasniException naming the value and the choices otherwise
     */
    public static Band of(String name) {
        for (Band b : values()) {
            if (b.key.equalsIgnoreCase(name)) {
                return b;
            }
        }
        throw new TasniException("band must be w1 or w2 (got '" + name + "').");
    }
}
