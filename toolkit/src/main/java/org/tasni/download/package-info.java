/**
 * Downloading catalogues over TAP without losing rows: a client that retries, rate-limits and reports overflow, and
 * (with the download issue) the tile and NEOWISE-epoch downloaders built on it.
 *
 * <p>Start with {@link org.tasni.download.TapClient}: {@code TapClient.of(url).sync(adql, maxrec)} or
 * {@code .async(adql, maxrec)}. Queries are assembled by {@link org.tasni.download.Adql}, which refuses any table or
 * column name that is not a plain identifier and formats numbers itself.
 *
 * <h2>Conventions</h2>
 * A result that may be truncated is flagged ({@link org.tasni.download.TapResult#overflow()}), never returned as
 * complete. Transient failures (429, 5xx, resets, timeouts, bodies cut short) are retried with full-jitter backoff
 * and at least the server's Retry-After ({@link org.tasni.download.RetryPolicy}); requests pass a token bucket
 * ({@link org.tasni.download.RateLimiter}) that never exceeds r·t + b grants in any window t.
 */
package org.tasni.download;
