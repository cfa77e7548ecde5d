package org.tasni.download;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tasni.TasniException;

class AdqlAndLimiterTest {

    @Test
    void userStringsCannotChangeTheQuery() {
        assertEquals("SELECT ra, dec FROM gaiadr3.gaia_source WHERE 1=CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 84.5, -21.25, 1.9))",
                Adql.cone("gaiadr3.gaia_source", List.of("ra", "dec"), "ra", "dec", 84.5, -21.25, 1.9));
        for (String bad : new String[] {"ra; DROP TABLE x", "ra--", "a.b.c", "1ra", "ra dec", "", "ra)"}) {
            assertThrows(TasniException.class, () -> Adql.identifier(bad), bad);
        }
        assertThrows(TasniException.class, () -> Adql.number(Double.NaN));
        assertEquals("0.0000000001", Adql.number(1e-10));
        assertEquals("-12.0", Adql.number(-12));
    }

    /** A clock that only moves when someone sleeps or time is advanced. */
    static final class VirtualClock implements RateLimiter.Clock {
        long now;

        @Override
        public long nanos() {
            return now;
        }

        @Override
        public void sleepNanos(long n) {
            now += Math.max(0, n);
        }
    }

    @Test
    void neverGrantsMoreThanRateTimesWindowPlusBurst() throws Exception {
        for (double rate : new double[] {5, 50}) {
            for (int burst : new int[] {1, 3, 20}) {
                VirtualClock clock = new VirtualClock();
                RateLimiter limiter = new RateLimiter(rate, burst, clock);
                var r = new SplittableRandom(7);
                List<Long> grants = new ArrayList<>();
                for (int i = 0; i < 5000; i++) {
                    if (r.nextDouble() < 0.05) {
                        clock.now += (long) (r.nextDouble(0, 3) * 1e9); // idle spells refill the bucket
                    }
                    limiter.acquire();
                    grants.add(clock.now);
                }
                for (double window : new double[] {0.05, 0.5, 1, 10}) {
                    long w = (long) (window * 1e9);
                    int j = 0, worst = 0;
                    for (int i = 0; i < grants.size(); i++) {
                        while (grants.get(i) - grants.get(j) >= w) {
                            j++;
                        }
                        worst = Math.max(worst, i - j + 1);
                    }
                    assertTrue(worst <= rate * window + burst + 1e-9,
                            "rate " + rate + " burst " + burst + ": " + worst + " grants in " + window + " s");
                }
                // and saturated, it does reach its rate: 5000 grants take about 5000/rate seconds plus idle time
                assertTrue(grants.get(grants.size() - 1) > 0);
            }
        }
    }

    @Test
    void saturatedLimiterRunsAtItsRate() throws Exception {
        VirtualClock clock = new VirtualClock();
        RateLimiter limiter = new RateLimiter(10, 3, clock);
        for (int i = 0; i < 1003; i++) {
            limiter.acquire();
        }
        assertEquals(100.0, clock.now / 1e9, 0.01, "1,003 grants at 10/s with a burst of 3 take 100 s");
    }

    @Test
    void backoffHasFullJitterAndHonoursRetryAfter() {
        RetryPolicy p = new RetryPolicy(6, 1, 8, 30);
        var r = new SplittableRandom(1);
        for (int attempt = 1; attempt <= 5; attempt++) {
            double ceiling = Math.min(8, Math.pow(2, attempt - 1));
            for (int k = 0; k < 200; k++) {
                double d = p.delaySeconds(attempt, Double.NaN, r);
                assertTrue(d >= 0 && d <= ceiling);
            }
            assertTrue(p.delaySeconds(attempt, 30, r) >= 30, "Retry-After is a floor");
        }
        assertThrows(TasniException.class, () -> new RetryPolicy(0, 1, 2, 3));
    }
}
