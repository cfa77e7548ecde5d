package org.tasni.crossmatch;

import java.util.Locale;

/**
 * Which rows a crossmatch returns, after STIL's join types and astropy's two searches.
 *
 * <p>{@link CrossMatcher#nearest}, {@link CrossMatcher#orphans} and {@link CrossMatcher#all} each run one mode; the
 * mode is also recorded in {@link MatchReport#mode()} and chosen on the command line with {@code --mode}.
 */
public enum MatchMode {
    /** Every left row plus its nearest right source, however far ({@code match_id}, {@code sep_arcsec}, {@code matched}). */
    NEAREST,
    /** The left rows with no right source within R ({@code 1not2}), plus {@code nearest_sep_arcsec}. */
    ORPHANS,
    /** Every pair within R: {@code left_id}, {@code right_id}, {@code sep_arcsec}. */
    ALL;

    /**
     * Whether the mode's output names right sources ({@code match_id}, {@code right_id}): an orphan has none within R,
     * so the orphans' match reads no right id, and a reader may leave that column out.
     */
    public boolean namesRightSources() {
        return this != ORPHANS;
    }

    /** The name in lower case, as the CLI, the report line and the stats JSON write it ({@code "orphans"}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
