package dev.multivendor.publisher.testing;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.multivendor.contracts.ApiContract;
import dev.multivendor.publisher.ControlPlane;
import dev.multivendor.publisher.PublishResult;
import dev.multivendor.publisher.RetryPolicy;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The release scenarios the publisher is tested with, runnable from other modules (system-tests checks every
 * request they send against the vendor's core-infra policy).
 */
public enum ReleaseScenarios {

    /** A release over a stage that serves a previous deployment; smoke test passes. */
    RELEASE((f, id) -> {
        f.stubStageServing(id, "d1prev");
        f.stubImportAndDeploy(id);
    }, 200),
    /** The stage has never been deployed. */
    FIRST_RELEASE((f, id) -> {
        f.stubFirstRelease(id);
        f.stubImportAndDeploy(id);
    }, 200),
    /** PutRestApi is throttled once (another vendor took the slot), then succeeds. */
    THROTTLED_THEN_IMPORTED((f, id) -> {
        f.stubStageServing(id, "d1prev");
        f.stubImportFailingFirst(id, 1, ReleaseFixture.throttled());
    }, 200),
    /** PutRestApi answers 500 twice, then succeeds. */
    SERVER_ERROR_THEN_IMPORTED((f, id) -> {
        f.stubStageServing(id, "d1prev");
        f.stubImportFailingFirst(id, 2, ReleaseFixture.serverError());
    }, 200),
    /** The connection is reset under PutRestApi once, then it succeeds. */
    CONNECTION_RESET_THEN_IMPORTED((f, id) -> {
        f.stubStageServing(id, "d1prev");
        f.stubImportFailingFirst(id, 1, ReleaseFixture.connectionReset());
    }, 200),
    /** The new deployment fails its smoke test and the stage is rolled back. */
    SMOKE_FAILS_AND_ROLLS_BACK((f, id) -> {
        f.stubStageServing(id, "d1prev");
        f.stubDeployThenRollback(id);
    }, 502);

    /** What one scenario did: its result and every control-plane request, in order. */
    public record Run(ReleaseScenarios scenario, PublishResult result, List<LoggedRequest> controlPlaneRequests,
                      ReleaseFixture fixture) {
    }

    private final BiConsumer<ReleaseFixture, String> stubs;
    private final int smokeStatus;

    ReleaseScenarios(BiConsumer<ReleaseFixture, String> stubs, int smokeStatus) {
        this.stubs = stubs;
        this.smokeStatus = smokeStatus;
    }

    /** Runs this scenario for {@code contract}'s vendor against API {@code apiId}; closes the fixture after. */
    public Run run(ApiContract contract, String apiId) {
        return run(contract, apiId, ReleaseFixture.REGION);
    }

    /** As {@link #run(ApiContract, String)}, with the publisher signing for {@code region}. */
    public Run run(ApiContract contract, String apiId, String region) {
        try (ReleaseFixture fixture = new ReleaseFixture(region)) {
            stubs.accept(fixture, apiId);
            fixture.stubSmoke(contract, smokeStatus);
            try (ControlPlane client = fixture.controlPlaneClient(RetryPolicy.defaults())) {
                PublishResult result = fixture.publisher(client).publish(fixture.request(contract, apiId));
                return new Run(this, result, fixture.controlPlaneRequests(), fixture);
            }
        }
    }
}
