package dev.multivendor.vendorb.web;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses with 403 every request that lacks a valid {@code X-Origin-Verify} header, i.e. that did not come through
 * vendor B's API stage, whose HTTP proxy integration adds the header. Health paths are exempt. When disabled (local
 * runs) it lets everything through and says so with a WARN at start-up.
 * {@code @Context}: created at start-up, so that the warning shows and a misconfiguration stops the start.
 */
@Context
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class GatewayTrustFilter implements Ordered {

    public static final String HEADER = "X-Origin-Verify";
    private static final Logger LOG = LoggerFactory.getLogger(GatewayTrustFilter.class);

    private final GatewayTrustSettings settings;
    private final OriginSecrets secrets;

    public GatewayTrustFilter(GatewayTrustSettings settings) {
        this.settings = settings;
        if (settings.isEnabled()) {
            try {
                this.secrets = new OriginSecrets(settings.getSecrets());
            } catch (IllegalArgumentException e) {
                // Fail the start-up: a deployed backend that trusts everyone is worse than one that is down.
                throw new ConfigurationException("gateway-trust is enabled but " + e.getMessage()
                        + ". Set ORIGIN_VERIFY_SECRETS (comma-separated) or disable gateway-trust.enabled.");
            }
            LOG.info("Gateway trust on: requests need a valid {} header (except {})", HEADER,
                    settings.getExemptPrefixes());
        } else {
            this.secrets = null;
            LOG.warn("Gateway trust OFF: this server accepts requests that did not come through the API Gateway. "
                    + "Fine for a local run; deployed, run with MICRONAUT_ENVIRONMENTS=deployed.");
        }
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 200; // after RequestIdFilter, so the 403 problem carries the request id
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> refuseUntrusted(HttpRequest<?> request) {
        if (secrets == null || isExempt(request.getPath()) || secrets.accepts(request.getHeaders().get(HEADER))) {
            return null;
        }
        LOG.warn("requestId={} refused {} {}: no valid {} header", RequestIds.of(request), request.getMethodName(),
                request.getPath(), HEADER);
        return Problems.of(request, HttpStatus.FORBIDDEN,
                "Requests must come through the API Gateway stage of this API.");
    }

    private boolean isExempt(String path) {
        for (String prefix : settings.getExemptPrefixes()) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }
}
