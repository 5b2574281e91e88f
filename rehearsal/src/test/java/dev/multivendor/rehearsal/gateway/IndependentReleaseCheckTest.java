package dev.multivendor.rehearsal.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multivendor.rehearsal.gateway.DeployedStage.Integration;
import dev.multivendor.rehearsal.gateway.DeployedStage.MethodSetting;
import dev.multivendor.rehearsal.gateway.DeployedStage.Route;
import dev.multivendor.rehearsal.gateway.DeployedStage.StageSettings;
import dev.multivendor.rehearsal.gateway.IndependentReleaseCheck.ControlPlaneState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IndependentReleaseCheckTest {

    private static final Route GET_TICKET = new Route("r1", "/v1/tickets/{ticketId}", "GET", "NONE", false, null,
            Optional.of(new Integration("HTTP_PROXY", "https://tickets.vendor-b.example/v1/tickets/{ticketId}", "GET",
                    Map.of("integration.request.header.X-Origin-Verify", "'secret'"), Map.of(), Map.of(), "INTERNET",
                    null, null, 29_000)));
    private static final StageSettings GUARDRAILS = new StageSettings(Map.of("*/*", new MethodSetting(200, 400, false)),
            Optional.of("$context.requestId"), Map.of(), false, Optional.empty(), false);

    private static ControlPlaneState state(String deployment, List<Route> routes, StageSettings settings, List<String> deployments) {
        return new ControlPlaneState(new DeployedStage("b1", "vendor-b-api", "prod", deployment, routes, settings), deployments);
    }

    @Test
    void holdsWhenTheOtherVendorsStageDefinitionSettingsAndDeploymentsAreUntouchedAndNothingFailed() {
        ControlPlaneState before = state("d1", List.of(GET_TICKET), GUARDRAILS, List.of("d1 release 1.0.0"));
        ControlPlaneState after = state("d1", List.of(GET_TICKET), GUARDRAILS, List.of("d1 release 1.0.0"));

        assertEquals(List.of(), IndependentReleaseCheck.violations("vendor-b", before, after, "d1", "d1", 0));
    }

    @Test
    void failsWhenAReleaseOfVendorAMovesVendorBsStageToANewDeployment() {
        ControlPlaneState before = state("d1", List.of(GET_TICKET), GUARDRAILS, List.of("d1 release 1.0.0"));
        ControlPlaneState after = state("d2", List.of(GET_TICKET), GUARDRAILS,
                List.of("d1 release 1.0.0", "d2 vendor A pipeline deployed the wrong API"));

        List<String> violations = IndependentReleaseCheck.violations("vendor-b", before, after, "d1", "d2", 0);

        assertEquals(3, violations.size(), violations.toString());
        assertTrue(violations.get(0).contains("moved from deployment d1 to d2"), violations.toString());
        assertTrue(violations.get(1).contains("new deployments [d2 vendor A pipeline deployed the wrong API]"), violations.toString());
        assertTrue(violations.get(2).contains("the gateway served vendor-b from deployment d1 before and d2 after"),
                violations.toString());
    }

    @Test
    void failsWhenTheOtherVendorsDefinitionOrStageSettingsChangeOrItsRequestsFail() {
        ControlPlaneState before = state("d1", List.of(GET_TICKET), GUARDRAILS, List.of("d1 x"));
        StageSettings loosened = new StageSettings(Map.of(), Optional.empty(), Map.of(), false, Optional.empty(), false);
        ControlPlaneState after = state("d1", List.of(), loosened, List.of("d1 x"));

        List<String> violations = IndependentReleaseCheck.violations("vendor-b", before, after, "d1", "d1", 3);

        assertEquals(3, violations.size(), violations.toString());
        assertTrue(violations.get(0).contains("deployed definition changed: 1 method(s) before, 0 after"), violations.toString());
        assertTrue(violations.get(1).contains("stage settings changed"), violations.toString());
        assertEquals("3 of vendor-b's requests failed during the release", violations.get(2));
    }
}
