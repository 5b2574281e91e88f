package dev.multivendor.publisher;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything one release needs: the contract, the onboarding kit values (API id, region, stage, invoke URL),
 * the integration target, and what to call to smoke-test the stage.
 *
 * @param invokeUrl the stage's base URL; empty for the standard {@code https://ID.execute-api.REGION.amazonaws.com/STAGE}
 * @param smokePath path and query called on the stage after the deployment, e.g. {@code /v1/feedback?customerId=smoke}
 */
public record PublishRequest(SourceDocument source, IntegrationTarget target, String apiId, String stage,
                             String region, String version, String commit, Optional<URI> invokeUrl,
                             String smokePath, int smokeExpectedStatus, int smokeAttempts, Duration smokeInterval) {

    private static final Pattern API_ID = Pattern.compile("[a-z0-9]{1,32}");
    private static final Pattern STAGE = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

    public PublishRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(invokeUrl, "invokeUrl");
        Objects.requireNonNull(smokeInterval, "smokeInterval");
        require(apiId != null && API_ID.matcher(apiId).matches(), "api id must be lowercase letters and digits, e.g. a1b2c3d4e5: " + apiId);
        require(stage != null && STAGE.matcher(stage).matches(), "stage must be letters, digits, '-' or '_': " + stage);
        require(region != null && REGION.matcher(region).matches(), "region must look like eu-north-1: " + region);
        require(version != null && !version.isBlank(), "version must not be blank");
        require(commit != null && !commit.isBlank(), "commit must not be blank");
        require(smokePath != null && smokePath.startsWith("/"), "smoke path must start with '/': " + smokePath);
        require(smokeExpectedStatus >= 100 && smokeExpectedStatus <= 599, "smoke status must be 100-599");
        require(smokeAttempts >= 1, "smoke attempts must be at least 1");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The deployment description: who released what, so the stage history reads as a release log. */
    public String deploymentDescription() {
        return "release " + version + " commit " + commit;
    }

    public URI stageUrl() {
        return invokeUrl.orElseGet(() -> URI.create("https://" + apiId + ".execute-api." + region + ".amazonaws.com/" + stage));
    }

    public URI smokeUrl() {
        String base = stageUrl().toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + smokePath);
    }
}
