package dev.multivendor.vendorb;

import io.micronaut.runtime.Micronaut;

/** Starts vendor B's Support Tickets API; the port comes from {@code MICRONAUT_SERVER_PORT} (default 8080). */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
