/**
 * Sky crossmatch of two catalogues: the nearest neighbour, all pairs within a radius, and the anti-join that finds
 * orphans (left sources with no right source within the radius).
 *
 * <p>Start with {@link org.tasni.crossmatch.CrossMatcher}:
 * <pre>{@code
 * var orphans = CrossMatcher.radius(3).propagate(2016.0, 2010.5).orphans(wise, gaia);
 * }</pre>
 *
 * <h2>Parts</h2>
 * After STIL's join package: the criterion is kept apart from the table machinery.
 * <ul>
 *   <li>{@code CrossMatcher}: the entry point, a small facade. Each call returns a {@link org.tasni.io.ResultTable}
 *       that carries its {@link org.tasni.crossmatch.MatchReport}; {@link org.tasni.crossmatch.MatchMode} names the
 *       three outputs ({@code NEAREST}, {@code ORPHANS}, {@code ALL}), each built by its own class.</li>
 *   <li>{@code MatchInput}: reads the columns named by {@link org.tasni.crossmatch.PositionColumns} and
 *       {@link org.tasni.crossmatch.ProperMotionColumns}, propagates proper motion, and drops and counts unusable
 *       rows.</li>
 *   <li>{@code MatchKernel}: the algorithm, working on unit vectors in primitive arrays (nearest, and all pairs within
 *       R). {@code CpuKernel} (a fork/join pool) and {@code GpuKernel} (CUDA through JCuda, carried as PTX) implement
 *       it and must return the same pairs; {@code KernelDispatch} picks one, and without a CUDA driver
 *       {@link org.tasni.crossmatch.Backend#AUTO} falls back to the CPU with a note in the report.</li>
 *   <li>{@code ZoneIndex} and {@code ZoneWalk}: the right catalogue in declination zones sorted by RA, and the one walk
 *       over it with its rules (zone and RA windows, wrap, poles, tie and stopping rules) written once; the CUDA source
 *       {@code src/main/cuda/zone_nearest.cu} mirrors it line for line.</li>
 *   <li>{@link org.tasni.crossmatch.TiledMatch}: HEALPix nside-32 tiles, each with a margin from its neighbours taken
 *       after propagation, so that a tiled match equals the match of the union; resumable from a per-tile record of
 *       the options and inputs, with a streaming merge. Rows outside their tile's pixel are counted as WRONG_TILE; an
 *       empty Gaia tile is reported like a missing one.</li>
 * </ul>
 *
 * <h2>Conventions</h2>
 * Positions are {@code ra} and {@code dec} in degrees (ICRS), and radii and separations are in arcsec. Separations
 * are angles between unit vectors (no flat-sky approximation). A separation exactly equal to R counts as a match.
 * Rows with a non-finite or out-of-range position, or (right side) an impossible proper motion, or (right side, where
 * a match names its right source) no id, are dropped and counted by {@link org.tasni.io.DropReason}, never matched.
 * Ids are copied exactly (as longs or strings). Nothing in the package prints: notes travel in the report.
 *
 * <h2>Cost</h2>
 * Building the index costs a counting sort by zone and a sort per zone, O(M log(M/zones)); a query visits one to three
 * zones, so matching is close to linear in N + M. Memory is O(N + M).
 */
package org.tasni.crossmatch;
