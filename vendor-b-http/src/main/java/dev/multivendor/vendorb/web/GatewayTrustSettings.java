package dev.multivendor.vendorb.web;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code gateway-trust.*}: whether to refuse requests that did not come through vendor B's API Gateway stage,
 * recognised by the {@code X-Origin-Verify} header that the stage's HTTP proxy integration adds.
 */
@ConfigurationProperties("gateway-trust")
public class GatewayTrustSettings {

    /** Off for local runs; the {@code deployed} environment turns it on. */
    private boolean enabled;
    /** Accepted header values: the current one and, during a rotation, the next (or previous) one. */
    private List<String> secrets = new ArrayList<>();
    /** Paths that a load balancer probes without going through the gateway. */
    private List<String> exemptPrefixes = new ArrayList<>(List.of("/health"));

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getSecrets() {
        return secrets;
    }

    public void setSecrets(List<String> secrets) {
        this.secrets = secrets;
    }

    public List<String> getExemptPrefixes() {
        return exemptPrefixes;
    }

    public void setExemptPrefixes(List<String> exemptPrefixes) {
        this.exemptPrefixes = exemptPrefixes;
    }
}
