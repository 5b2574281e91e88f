package dev.multivendor.vendorb.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The accepted {@code X-Origin-Verify} values, compared in constant time: both sides are hashed to 32 bytes first
 * so that neither the content nor the length of a secret shows in the response time, and every accepted value is
 * compared (no early exit) so the time does not tell which one matched.
 */
public final class OriginSecrets {

    /** Shorter secrets can be guessed; API Gateway allows header values far longer than this. */
    public static final int MIN_LENGTH = 32;

    private final List<byte[]> digests;

    public OriginSecrets(List<String> secrets) {
        List<String> values = secrets.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (values.isEmpty() || values.size() > 2) {
            throw new IllegalArgumentException("gateway-trust.secrets must hold 1 or 2 values (current, and next "
                    + "during a rotation), found " + values.size());
        }
        for (String value : values) {
            if (value.length() < MIN_LENGTH) {
                throw new IllegalArgumentException("each gateway-trust.secrets value must be at least " + MIN_LENGTH
                        + " characters, found one of " + value.length());
            }
        }
        this.digests = values.stream().map(OriginSecrets::sha256).toList();
    }

    public boolean accepts(String presented) {
        if (presented == null) {
            return false;
        }
        byte[] candidate = sha256(presented);
        boolean match = false;
        for (byte[] digest : digests) {
            match |= MessageDigest.isEqual(digest, candidate);
        }
        return match;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
