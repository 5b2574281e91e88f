package dev.multivendor.publisher;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** Where every operation of a vendor's API sends its requests: one Lambda alias, or one HTTP backend. */
public sealed interface IntegrationTarget permits IntegrationTarget.LambdaAlias, IntegrationTarget.HttpBackend {

    /** Human-readable description for logs and the dry-run plan (never contains a secret). */
    String describe();

    /**
     * A published Lambda alias (a qualified function ARN). An alias, not {@code $LATEST} or a bare function, so
     * the gateway calls a version the vendor deliberately released (and SnapStart applies).
     */
    record LambdaAlias(String aliasArn) implements IntegrationTarget {
        private static final Pattern ALIAS_ARN = Pattern.compile(
                "arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]{1,64}:(?!\\$LATEST$)[A-Za-z0-9_-]{1,128}");

        public LambdaAlias {
            Objects.requireNonNull(aliasArn, "aliasArn");
            if (!ALIAS_ARN.matcher(aliasArn).matches()) {
                throw new IllegalArgumentException("not a Lambda alias ARN (arn:aws:lambda:REGION:ACCOUNT:function:NAME:ALIAS): "
                        + aliasArn);
            }
        }

        /** The API Gateway integration URI that invokes this alias from {@code region}. */
        public String integrationUri(String region) {
            return "arn:aws:apigateway:" + region + ":lambda:path/2015-03-31/functions/" + aliasArn + "/invocations";
        }

        @Override
        public String describe() {
            return "Lambda alias " + aliasArn;
        }
    }

    /**
     * An HTTP backend base URL, proxied with {@code http_proxy}. The backend trusts the gateway either through a
     * secret header the integration adds ({@code X-Origin-Verify}) or through the stage's client certificate
     * (mutual TLS, configured by the core team on the stage), in which case no secret is needed here.
     */
    record HttpBackend(URI baseUrl, Optional<String> originVerifySecret) implements IntegrationTarget {
        public static final String ORIGIN_VERIFY_HEADER = "X-Origin-Verify";

        public HttpBackend {
            Objects.requireNonNull(baseUrl, "baseUrl");
            Objects.requireNonNull(originVerifySecret, "originVerifySecret");
            String scheme = baseUrl.getScheme();
            if (!"https".equals(scheme) && !"http".equals(scheme) || baseUrl.getHost() == null) {
                throw new IllegalArgumentException("backend URL must be an absolute http(s) URL: " + baseUrl);
            }
            if (baseUrl.getQuery() != null || baseUrl.getFragment() != null) {
                throw new IllegalArgumentException("backend URL must not carry a query or fragment: " + baseUrl);
            }
            originVerifySecret.ifPresent(s -> {
                // The value becomes a single-quoted static mapping value in the integration; a quote would end it.
                if (s.isBlank() || s.contains("'") || s.chars().anyMatch(Character::isISOControl)) {
                    throw new IllegalArgumentException("the origin-verify secret must be non-blank printable text without quotes");
                }
            });
        }

        /** The backend URI for an API path (e.g. {@code /v1/tickets/{ticketId}}). */
        public String uriFor(String apiPath) {
            String base = baseUrl.toString();
            return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + apiPath;
        }

        @Override
        public String describe() {
            return "HTTP backend " + baseUrl + originVerifySecret.map(s -> " (gateway trust: " + ORIGIN_VERIFY_HEADER
                    + " header)").orElse(" (gateway trust: stage client certificate)");
        }

        @Override
        public String toString() {
            return describe();
        }
    }
}
