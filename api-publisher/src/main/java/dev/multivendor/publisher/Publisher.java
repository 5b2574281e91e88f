package dev.multivendor.publisher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One vendor release: build and validate the document, then GetStage, GetExport, PutRestApi, CreateDeployment,
 * smoke test, and on failure roll back by re-importing the exported definition and deploying it again.
 *
 * <p>A rerun after any failure is safe: the import overwrites the whole definition, and the rollback point is
 * always what the stage serves at the start of the run (not the API's draft, which a failed run may have left
 * half-way).
 */
public final class Publisher {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The document to import, and the same with secrets masked for logs and files. */
    public record Prepared(ObjectNode document, byte[] body, String redacted) {
    }

    private final ControlPlane controlPlane;
    private final SmokeTest smokeTest;
    private final Consumer<String> log;

    public Publisher(ControlPlane controlPlane, SmokeTest smokeTest, Consumer<String> log) {
        this.controlPlane = controlPlane;
        this.smokeTest = smokeTest;
        this.log = log;
    }

    /** Weaves the integrations in and validates; throws {@link InvalidDocumentException} and calls nothing. */
    public static Prepared prepare(PublishRequest request) {
        ObjectNode document = IntegrationWeaver.weave(request.source(), request.target(), request.region());
        DocumentValidator.validate(request.source(), document, request.target(), request.region());
        ObjectNode masked = document.deepCopy();
        if (request.target() instanceof IntegrationTarget.HttpBackend http && http.originVerifySecret().isPresent()) {
            for (Operations.Operation op : Operations.of(masked)) {
                ObjectNode parameters = (ObjectNode) op.node().path(Operations.INTEGRATION).path("requestParameters");
                if (parameters.has(IntegrationWeaver.headerParameter())) {
                    parameters.put(IntegrationWeaver.headerParameter(), "'***'");
                }
            }
        }
        try {
            return new Prepared(document, JSON.writeValueAsString(document).getBytes(StandardCharsets.UTF_8),
                    JSON.writeValueAsString(masked) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    /** The calls a release makes, in order, for {@code --dry-run}. */
    public static List<String> plan(PublishRequest request) {
        String api = "/restapis/" + request.apiId();
        return List.of(
                "GetStage          GET  " + api + "/stages/" + request.stage() + "   (deployment served now)",
                "GetExport         GET  " + api + "/stages/" + request.stage() + "/exports/oas30?extensions=integrations"
                        + "   (kept for rollback)",
                "PutRestApi        PUT  " + api + "?mode=overwrite&failonwarnings=true   (body: the final document)",
                "CreateDeployment  POST " + api + "/deployments   {stageName: " + request.stage() + ", description: \""
                        + request.deploymentDescription() + "\"}",
                "Smoke test        GET  " + request.smokeUrl() + "   expect " + request.smokeExpectedStatus(),
                "On failure        PUT  " + api + "?mode=overwrite&failonwarnings=true (exported definition), then POST "
                        + api + "/deployments {description: \"rollback to <previous deployment id>\"}");
    }

    public PublishResult publish(PublishRequest request) {
        Prepared prepared = prepare(request);
        String apiId = request.apiId();
        String stage = request.stage();
        log.accept("Publishing " + request.source().name() + " to API " + apiId + " stage " + stage + " -> "
                + request.target().describe());

        Optional<String> previous = controlPlane.currentDeployment(apiId, stage);
        byte[] rollbackDefinition = null;
        if (previous.isPresent()) {
            rollbackDefinition = controlPlane.exportStage(apiId, stage);
            log.accept("  stage " + stage + " serves deployment " + previous.get() + " (exported "
                    + rollbackDefinition.length + " bytes for rollback)");
        } else {
            log.accept("  stage " + stage + " has no deployment yet (first release): nothing to roll back to");
        }

        controlPlane.importDefinition(apiId, prepared.body());
        log.accept("  imported the definition (PutRestApi overwrite)");
        String deploymentId = controlPlane.createDeployment(apiId, stage, request.deploymentDescription());
        log.accept("  created deployment " + deploymentId + " on stage " + stage + " (\"" + request.deploymentDescription()
                + "\")");

        SmokeTest.Result smoke = smokeTest.run(request.smokeUrl(), request.smokeExpectedStatus(), request.smokeAttempts(),
                request.smokeInterval(), "publisher-smoke-" + deploymentId);
        if (smoke.passed()) {
            log.accept("  smoke test passed: " + smoke.detail());
            return new PublishResult(PublishResult.Outcome.PUBLISHED, deploymentId, previous, Optional.empty(),
                    "published deployment " + deploymentId + " on stage " + stage);
        }

        String failure = "smoke test failed after " + smoke.attempts() + " attempt(s): " + smoke.detail();
        if (rollbackDefinition == null) {
            return new PublishResult(PublishResult.Outcome.FAILED_WITHOUT_ROLLBACK, deploymentId, previous,
                    Optional.empty(), failure + "; no previous deployment on stage " + stage
                    + " (first release), so nothing was rolled back: the stage serves failing deployment " + deploymentId);
        }
        log.accept("  " + failure + "; rolling back to deployment " + previous.get());
        try {
            controlPlane.importDefinition(apiId, rollbackDefinition);
            String rollbackId = controlPlane.createDeployment(apiId, stage, "rollback to " + previous.get());
            return new PublishResult(PublishResult.Outcome.ROLLED_BACK, deploymentId, previous, Optional.of(rollbackId),
                    failure + "; rolled stage " + stage + " back to the definition of deployment " + previous.get()
                            + " (new deployment " + rollbackId + ")");
        } catch (ControlPlaneException e) {
            return new PublishResult(PublishResult.Outcome.FAILED_WITHOUT_ROLLBACK, deploymentId, previous,
                    Optional.empty(), failure + "; the rollback failed too: " + e.getMessage()
                    + ". Rerun the previous release to restore it.");
        }
    }
}
