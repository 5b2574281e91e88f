package dev.multivendor.publisher.testing;

import dev.multivendor.publisher.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Time that passes only when someone sleeps: retries and smoke-test waits cost no real time in tests. */
public final class FakeTime implements Time {

    private final AtomicLong now = new AtomicLong();
    private final List<Duration> sleeps = new ArrayList<>();

    @Override
    public long nanoTime() {
        return now.get();
    }

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        now.addAndGet(duration.toNanos());
    }

    /** Every wait, in order. */
    public synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }
}
