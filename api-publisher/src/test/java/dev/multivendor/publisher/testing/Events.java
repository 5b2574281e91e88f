package dev.multivendor.publisher.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The sample payloads under src/test/resources/events/ (also quoted by the README). */
public final class Events {

    private Events() {
    }

    public static String read(String name) {
        try (InputStream in = Events.class.getClassLoader().getResourceAsStream("events/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource events/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
