package dev.multivendor.vendorb;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The clock tickets are stamped with and the directory's circuit breaker measures its open period on. A test can
 * register a clock of its own (with {@code ApplicationContextBuilder.singletons}): this one is {@link Secondary}.
 */
@Factory
class ClockFactory {

    @Singleton
    @Secondary
    Clock clock() {
        return Clock.systemUTC();
    }
}
