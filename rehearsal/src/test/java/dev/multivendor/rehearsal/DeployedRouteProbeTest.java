package dev.multivendor.rehearsal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeployedRouteProbeTest {

    @Test
    void aResourceTemplateMatchesPathsWithItsParametersFilledIn() {
        assertTrue(DeployedRouteProbe.matches("/v1/tickets/{ticketId}", "/v1/tickets/00000000-0000-0000-0000-000000000000"));
        assertTrue(DeployedRouteProbe.matches("/v1/feedback", "/v1/feedback?customerId=smoke-test"));
        assertTrue(DeployedRouteProbe.matches("/{proxy+}", "/anything/below"));
        assertTrue(DeployedRouteProbe.matches("/", "/"));
    }

    @Test
    void aResourceTemplateDoesNotMatchOtherPaths() {
        assertFalse(DeployedRouteProbe.matches("/v1/tickets/{ticketId}", "/v1/tickets"));
        assertFalse(DeployedRouteProbe.matches("/v1/tickets/{ticketId}", "/v1/tickets/"));
        assertFalse(DeployedRouteProbe.matches("/v1/feedback", "/v1/feedback/extra"));
        assertFalse(DeployedRouteProbe.matches("/v1/feedback", "/v2/feedback"));
    }
}
