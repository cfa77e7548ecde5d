/**
 * Downloading catalogues over TAP without losing rows: a client that retries, rate-limits and reports overflow, and
 * the tile and NEOWISE-epoch downloaders built on it.
 *
 * <pre>{@code
 * var tiles  = Downloader.irsa().allwise().tiles(6044, 6047).to(Path.of("data/tiles")).run();  // one row per tile
 * var gaia   = Downloader.gaia().tiles(6044, 6047).to(Path.of("data/tiles")).run();
 * var epochs = NeowiseEpochs.irsa().forTargets(orphans).upload(500).run();                  // every exposure, no TOP
 * }</pre>
 *
 * <p>{@link org.tasni.download.Downloader} writes the tiles the crossmatch reads ({@code wise_hpNNNNN.parquet},
 * {@code gaia_hpNNNNN.parquet}, and their {@code margin/} rows); {@link org.tasni.download.NeowiseEpochs} fetches
 * light curves by cone or by TAP_UPLOAD; both sit on {@link org.tasni.download.TapClient}
 * ({@code TapClient.of(url).sync(adql, maxrec)} or {@code .async(adql, maxrec)}). Queries are assembled by
 * {@link org.tasni.download.Adql}, which refuses any table or column name that is not a plain identifier and formats
 * numbers itself.
 *
 * <h2>Conventions</h2>
 * A result that may be truncated is flagged ({@link org.tasni.download.TapResult#overflow()}), never returned as
 * complete, and the downloaders split and fetch again. Transient failures (429, 5xx, resets, timeouts, bodies cut
 * short, an HTML maintenance page with a 5xx) are retried with full-jitter backoff and at least the server's Retry-After
 * ({@link org.tasni.download.RetryPolicy}); a request without data for the timeout (60 s) is abandoned, a stalled one
 * is reported while it waits, and a tile ends at its deadline. NEOWISE targets are checked before any request (missing
 * designation, unusable position and duplicates left out and counted, a wholly wrong column refused);
 * requests pass a token bucket ({@link org.tasni.download.RateLimiter}) that never exceeds r·t + b grants in any window
 * t. Files are written atomically and a journal records what a crash would otherwise lose, so a run killed at any moment
 * is resumed by running it again. What failed is reported (summary rows, {@code failures()}), never dropped.
 */
package org.tasni.download;
