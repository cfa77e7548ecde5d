/**
 * TASNI toolkit: a search for "thermal orphans", AllWISE sources with no Gaia counterpart, and for fading in their
 * NEOWISE light curves.
 *
 * <p>One package per pipeline stage: {@link org.tasni.sky} (geometry and HEALPix), {@link org.tasni.io} (catalogue
 * files as Tablesaw tables), {@link org.tasni.simulate} (deterministic sample data with ground truth) and
 * {@link org.tasni.cli} (the {@code tasni-toolkit.jar} command line). User-facing problems are
 * {@link org.tasni.TasniException}s whose message names the file, row or column.
 *
 * <p>Shared by every stage: {@link org.tasni.Progress}, the listener long work reports to (its javadoc says from which
 * threads; {@code Progress.byDefault()} is the notebook display inside a notebook), and {@link org.tasni.Threads},
 * the one check of a {@code threads} or {@code concurrency} setting.
 */
package org.tasni;
