package org.tasni.download;

import org.tasni.TasniException;

/**
 * A token bucket of rate r (requests per second) and burst b, as the generic cell rate algorithm: it never grants
 * more than r·t + b requests in any window of length t. The next grant time is reserved under the lock and the wait
 * happens outside it, so concurrent callers queue fairly and no caller sleeps holding the lock (the reference's limiter
 * stamped its clock before sleeping and so admitted twice its rate).
 */
public final class RateLimiter {

    /** A source of time and a way to wait, replaceable for tests in virtual time. */
    public interface Clock {
        long nanos();

        void sleepNanos(long n) throws InterruptedException;
    }

    /** The system clock. */
    public static final Clock SYSTEM = new Clock() {
        @Override
        public long nanos() {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(long n) throws InterruptedException {
            if (n > 0) {
                Thread.sleep(n / 1_000_000, (int) (n % 1_000_000));
            }
        }
    };

    private final long interval;
    private final long tolerance;
    private final Clock clock;
    private long tat = Long.MIN_VALUE;

    /**
     * @param perSecond requests per second, &gt; 0
     * @param burst     requests that may go at once after an idle spell, ≥ 1
     */
    public RateLimiter(double perSecond, int burst, Clock clock) {
        if (!(perSecond > 0 && perSecond <= 1e6) || burst < 1) {
            throw new TasniException("rate must be in (0, 1e6] per second and burst >= 1 (got " + perSecond + ", " + burst + ").");
        }
        this.interval = Math.round(1e9 / perSecond);
        this.tolerance = (burst - 1) * interval;
        this.clock = clock;
    }

    /** Waits until a request may go. */
    public void acquire() throws InterruptedException {
        long grant;
        synchronized (this) {
            long now = clock.nanos();
            if (tat == Long.MIN_VALUE) {
                tat = now;
            }
            long start = Math.max(tat, now);
            grant = Math.max(now, start - tolerance);
            tat = start + interval;
        }
        long wait = grant - clock.nanos();
        if (wait > 0) {
            clock.sleepNanos(wait);
        }
    }
}
