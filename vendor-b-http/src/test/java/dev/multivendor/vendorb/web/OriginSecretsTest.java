package dev.multivendor.vendorb.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginSecretsTest {

    private static final String CURRENT = "a".repeat(OriginSecrets.MIN_LENGTH);
    private static final String NEXT = "b".repeat(OriginSecrets.MIN_LENGTH + 8);

    private final OriginSecrets secrets = new OriginSecrets(List.of(CURRENT, " " + NEXT + " "));

    @Test
    void acceptsTheCurrentAndTheNextSecret() {
        assertTrue(secrets.accepts(CURRENT));
        assertTrue(secrets.accepts(NEXT));
    }

    @Test
    void refusesAMissingEmptyPrefixedOrExtendedValue() {
        assertFalse(secrets.accepts(null));
        assertFalse(secrets.accepts(""));
        assertFalse(secrets.accepts(CURRENT.substring(1)));
        assertFalse(secrets.accepts(CURRENT + "a"));
        assertFalse(secrets.accepts(CURRENT.toUpperCase(java.util.Locale.ROOT)));
    }

    @Test
    void rejectsAConfigurationWithoutSecrets() {
        assertThrows(IllegalArgumentException.class, () -> new OriginSecrets(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new OriginSecrets(List.of(" ", "")));
    }

    @Test
    void rejectsMoreThanTwoSecretsBecauseARotationNeedsOnlyTwo() {
        assertThrows(IllegalArgumentException.class, () -> new OriginSecrets(List.of(CURRENT, NEXT, CURRENT + "c")));
    }

    @Test
    void rejectsASecretShorterThanTheMinimum() {
        assertThrows(IllegalArgumentException.class, () -> new OriginSecrets(List.of("x".repeat(31))));
    }
}
