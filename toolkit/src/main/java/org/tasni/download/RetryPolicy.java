package org.tasni.download;

import java.util.SplittableRandom;
import org.tasni.TasniException;

/**
 * When to try a request again: at most {@code maxAttempts} attempts, each with {@code timeoutSeconds}; between
 * attempts an exponential backoff with full jitter (a uniform wait in [0, min(maxDelay, base·2^attempt)], AWS's
 * "full jitter", so that many clients do not retry in step), but never less than a server's {@code Retry-After}.
 *
 * @param maxAttempts    attempts in all, ≥ 1
 * @param baseDelaySeconds first backoff ceiling, seconds
 * @param maxDelaySeconds  largest backoff ceiling, seconds
 * @param timeoutSeconds   connect timeout, and read timeout: a request that receives no data for this long is
 *                         abandoned (and counts as a failed attempt), seconds
 *
 * <h2>What is retried</h2>
 * HTTP 429, 500, 502, 503 and 504 (with an HTML maintenance page or not; a Retry-After is honoured), connection
 * resets and refusals, timeouts, and bodies cut short: up to {@code maxAttempts}. An HTML page sent with HTTP 200
 * where a result was expected: at most {@value TapClient#HTML_ATTEMPTS} attempts. Other 4xx answers and error
 * documents (QUERY_STATUS=ERROR): never, they would fail the same way again. A deadline of the caller (a tile's)
 * ends the retries whatever is left.
 */
public record RetryPolicy(int maxAttempts, double baseDelaySeconds, double maxDelaySeconds, double timeoutSeconds) {

    public RetryPolicy {
        if (maxAttempts < 1 || !(baseDelaySeconds >= 0) || !(maxDelaySeconds >= baseDelaySeconds) || !(timeoutSeconds > 0)) {
            throw new TasniException("retry policy: need maxAttempts >= 1, 0 <= base <= max delay and a timeout > 0.");
        }
    }

    /** 6 attempts, backoff from 1 s up to 60 s, a request abandoned after 60 s without data. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(6, 1, 60, 60);
    }

    /** The wait in seconds before attempt {@code attempt + 1} (attempt counts from 1), given a Retry-After or NaN. */
    public double delaySeconds(int attempt, double retryAfterSeconds, SplittableRandom random) {
        double ceiling = Math.min(maxDelaySeconds, baseDelaySeconds * Math.pow(2, attempt - 1));
        double jitter = ceiling <= 0 ? 0 : random.nextDouble(ceiling);
        return Double.isNaN(retryAfterSeconds) ? jitter : Math.max(jitter, retryAfterSeconds);
    }
}
