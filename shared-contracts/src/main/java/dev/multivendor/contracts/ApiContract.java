package dev.multivendor.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The vendor API contracts this repository ships, loadable from the classpath.
 *
 * <p>Each contract is one self-contained OpenAPI 3.0 document (API Gateway imports exactly one document per
 * API) under {@code contracts/<api>/v<major>/openapi.yaml}. Its major version is the first path segment;
 * {@code info.version} carries the full semantic version.
 */
public enum ApiContract {

    /** Vendor A's Customer Feedback API, implemented on AWS Lambda. */
    FEEDBACK_V1("feedback-api", 1, "vendor-a"),

    /** Vendor B's Support Tickets API, implemented as an HTTP service. */
    SUPPORT_TICKETS_V1("support-tickets-api", 1, "vendor-b");

    /** Classpath location of the canonical conventions (problem details, request id). */
    public static final String CONVENTIONS_RESOURCE = "contracts/conventions/problem-details.yaml";

    private final String apiName;
    private final int majorVersion;
    private final String vendorId;

    ApiContract(String apiName, int majorVersion, String vendorId) {
        this.apiName = apiName;
        this.majorVersion = majorVersion;
        this.vendorId = vendorId;
    }

    /** The API's name, also its folder under {@code contracts/}, e.g. {@code feedback-api}. */
    public String apiName() {
        return apiName;
    }

    public int majorVersion() {
        return majorVersion;
    }

    /** The id of the vendor that implements and publishes this API, as in core-infra's vendor registry. */
    public String vendorId() {
        return vendorId;
    }

    /** Classpath location of the OpenAPI document, e.g. {@code contracts/feedback-api/v1/openapi.yaml}. */
    public String resourcePath() {
        return "contracts/" + apiName + "/v" + majorVersion + "/openapi.yaml";
    }

    /** The OpenAPI document as YAML text. */
    public String yaml() {
        return readResource(resourcePath());
    }

    /**
     * Finds a contract by its {@code <api-name>/v<major>} key (e.g. {@code feedback-api/v1}) or its enum name
     * ({@code FEEDBACK_V1}), as command-line tools accept it.
     */
    public static Optional<ApiContract> find(String key) {
        String wanted = key.trim();
        return Arrays.stream(values())
                .filter(c -> c.key().equals(wanted) || c.name().equals(wanted.toUpperCase(Locale.ROOT)))
                .findFirst();
    }

    /** {@code <api-name>/v<major>}, e.g. {@code feedback-api/v1}. */
    public String key() {
        return apiName + "/v" + majorVersion;
    }

    static String readResource(String path) {
        try (InputStream in = ApiContract.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Contract resource " + path + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read contract resource " + path, e);
        }
    }
}
