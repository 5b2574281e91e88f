package dev.multivendor.publisher;

import java.time.Duration;

/** The clock and the sleeper the publisher waits with; tests and the benchmark replace it. */
public interface Time {

    /** Monotonic nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    void sleep(Duration duration) throws InterruptedException;

    /** Real time. */
    Time SYSTEM = new Time() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            if (!duration.isNegative() && !duration.isZero()) {
                Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
            }
        }
    };
}
