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
 * <ul>
 *   <li>{@code CrossMatcher}: the entry point. It reads columns, propagates proper motion, drops and counts NaN
 *       positions, picks the backend, and builds the output table and the {@link org.tasni.crossmatch.MatchReport}.</li>
 *   <li>{@code ZoneIndex}: the right catalogue in declination zones sorted by RA, on primitive arrays (unit vectors
 *       interleaved, a bucket table per zone).</li>
 *   <li>{@code CpuKernel} and {@code GpuKernel}: the same zone search, in a fork/join pool or as a CUDA kernel
 *       ({@code src/main/cuda/zone_nearest.cu}, carried as PTX). Both return the same matches; without a CUDA driver,
 *       {@link org.tasni.crossmatch.Backend#AUTO} falls back to the CPU with one log line.</li>
 *   <li>{@link org.tasni.crossmatch.TiledMatch}: HEALPix nside-32 tiles, each with a margin from its neighbours taken
 *       after propagation, so that a tiled match equals the match of the union; resumable from a per-tile record of
 *       the options and inputs, with a streaming merge. Rows outside their tile's pixel are counted as WRONG_TILE; an
 *       empty Gaia tile is reported like a missing one.</li>
 * </ul>
 *
 * <h2>Conventions</h2>
 * Positions are {@code ra} and {@code dec} in degrees (ICRS), and radii and separations are in arcsec. Separations
 * are angles between unit vectors (no flat-sky approximation). A separation exactly equal to R counts as a match.
 * Rows with a non-finite or out-of-range position, or (right side) an impossible proper motion, are dropped and
 * counted by {@link org.tasni.io.DropReason}, never matched. Ids are copied exactly (as longs or strings). Building the index costs a counting sort by zone
 * and a sort per zone, O(M log(M/zones)); a query visits one to three zones, so matching is close to linear in N + M.
 */
package org.tasni.crossmatch;
