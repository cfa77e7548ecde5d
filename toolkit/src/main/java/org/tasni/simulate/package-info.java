/**
 * Deterministic sample data with ground truth: AllWISE- and Gaia-like catalogues in HEALPix tiles, and NEOWISE
 * single-exposure light curves.
 *
 * <p>Start with {@link org.tasni.simulate.SkySimulator} ({@code SkySimulator.of(SkyConfig.defaults()).simulate(tiles)})
 * and {@link org.tasni.simulate.EpochSimulator} ({@code EpochSimulator.of(EpochConfig.defaults()).simulate(targets)}),
 * or the CLI's {@code simulate} command, which writes both in the pipeline's file layout.
 *
 * <h2>Conventions</h2>
 * The same seed gives the same files, byte for byte. Every random stream is keyed by the tile or the source
 * designation, so adding a tile or a target leaves the others unchanged. The truth is kept beside the data
 * ({@code true_gaia_id} and {@code is_orphan_truth} in WISE tiles, a truth table for light curves), so tests can
 * measure recovery. Densities, cadence and error laws follow the real surveys closely enough that each later stage
 * meets the situations it meets on real data: tile borders, high proper motions, NaN values, bad frames.
 */
package org.tasni.simulate;
