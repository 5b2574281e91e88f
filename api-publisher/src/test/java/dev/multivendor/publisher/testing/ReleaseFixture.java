package dev.multivendor.publisher.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.multivendor.contracts.ApiContract;
import dev.multivendor.publisher.ControlPlane;
import dev.multivendor.publisher.IntegrationTarget;
import dev.multivendor.publisher.PublishRequest;
import dev.multivendor.publisher.Publisher;
import dev.multivendor.publisher.RetryPolicy;
import dev.multivendor.publisher.SmokeTest;
import dev.multivendor.publisher.SourceDocument;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * WireMock standing in for the API Gateway control plane and, on a second port, for the stage URL; a publisher
 * wired to both with fake credentials and {@link FakeTime}.
 */
public final class ReleaseFixture implements AutoCloseable {

    public static final String REGION = "eu-north-1";
    public static final String ACCESS_KEY = "AKIAVENDORTESTKEY01";
    public static final String STAGE = "prod";
    public static final String LAMBDA_ALIAS = "arn:aws:lambda:eu-north-1:222222222222:function:vendor-a-feedback:live";
    public static final URI BACKEND = URI.create("https://tickets.vendor-b.example");
    public static final String ORIGIN_SECRET = "s3cr3t-origin-verify-value";

    public final WireMockServer controlPlane = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    public final WireMockServer stage = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    public final FakeTime time = new FakeTime();
    public final List<String> log = Collections.synchronizedList(new ArrayList<>());
    /** The core region the publisher signs for and names in integration URIs. */
    public final String region;

    public ReleaseFixture() {
        this(REGION);
    }

    public ReleaseFixture(String region) {
        this.region = region;
        controlPlane.start();
        stage.start();
    }

    public static IntegrationTarget lambda() {
        return new IntegrationTarget.LambdaAlias(LAMBDA_ALIAS);
    }

    public static IntegrationTarget backend() {
        return new IntegrationTarget.HttpBackend(BACKEND, Optional.of(ORIGIN_SECRET));
    }

    /** The target a vendor's pipeline uses for its contract. */
    public static IntegrationTarget targetFor(ApiContract contract) {
        return contract == ApiContract.FEEDBACK_V1 ? lambda() : backend();
    }

    public static String smokePathFor(ApiContract contract) {
        return contract == ApiContract.FEEDBACK_V1 ? "/v1/feedback?customerId=smoke-test" : "/v1/tickets/smoke-test";
    }

    public PublishRequest request(ApiContract contract, String apiId) {
        return request(SourceDocument.of(contract), targetFor(contract), apiId, smokePathFor(contract));
    }

    public PublishRequest request(SourceDocument source, IntegrationTarget target, String apiId, String smokePath) {
        return new PublishRequest(source, target, apiId, STAGE, region, "1.4.0", "9c3b7aa",
                Optional.of(URI.create(stage.baseUrl() + "/" + STAGE)), smokePath, 200, 3, Duration.ofSeconds(2));
    }

    public ControlPlane controlPlaneClient(RetryPolicy policy) {
        return new ControlPlane(ControlPlane.client(region, Optional.of(URI.create(controlPlane.baseUrl())),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, "test-secret-key"))),
                policy, time, new Random(42), log::add);
    }

    /** A publisher with the default retry policy (time is fake, so its real-world delays cost nothing). */
    public Publisher publisher(ControlPlane client) {
        return new Publisher(client, new SmokeTest(SmokeTest.defaultHttpClient(), time, log::add), log::add);
    }

    // ---- control-plane stubs ---------------------------------------------------------------------------------

    public void stubStageServing(String apiId, String deploymentId) {
        controlPlane.stubFor(get(urlPathEqualTo("/restapis/" + apiId + "/stages/" + STAGE))
                .willReturn(json(200, Events.read("get-stage.json").replace("d1prev", deploymentId))));
        controlPlane.stubFor(get(urlPathEqualTo("/restapis/" + apiId + "/stages/" + STAGE + "/exports/oas30"))
                .withQueryParam("extensions", equalTo("integrations"))
                .willReturn(json(200, Events.read("exported-stage-feedback-v1.json"))));
    }

    public void stubFirstRelease(String apiId) {
        controlPlane.stubFor(get(urlPathEqualTo("/restapis/" + apiId + "/stages/" + STAGE))
                .willReturn(error(404, "NotFoundException", "{\"message\":\"Invalid Stage identifier specified\"}")));
    }

    public void stubImportAndDeploy(String apiId) {
        controlPlane.stubFor(putRestApi(apiId).willReturn(json(200, Events.read("put-rest-api.json").replace("a1b2c3d4e5", apiId))));
        controlPlane.stubFor(createDeployment(apiId).willReturn(json(201, Events.read("create-deployment.json"))));
    }

    /** The first {@code failures} PutRestApi calls get {@code failure}, the next succeeds. */
    public void stubImportFailingFirst(String apiId, int failures, ResponseDefinitionBuilder failure) {
        String scenario = "put-" + apiId;
        for (int i = 0; i < failures; i++) {
            controlPlane.stubFor(putRestApi(apiId).inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "failed-" + i)
                    .willSetStateTo("failed-" + (i + 1)).willReturn(failure));
        }
        controlPlane.stubFor(putRestApi(apiId).inScenario(scenario).whenScenarioStateIs("failed-" + failures)
                .willReturn(json(200, Events.read("put-rest-api.json").replace("a1b2c3d4e5", apiId))));
        controlPlane.stubFor(createDeployment(apiId).willReturn(json(201, Events.read("create-deployment.json"))));
    }

    /** The first deployment succeeds; after a failed smoke test the rollback's deployment gets its own id. */
    public void stubDeployThenRollback(String apiId) {
        controlPlane.stubFor(putRestApi(apiId).willReturn(json(200, Events.read("put-rest-api.json"))));
        controlPlane.stubFor(createDeployment(apiId).inScenario("deploy-" + apiId).whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("deployed").willReturn(json(201, Events.read("create-deployment.json"))));
        controlPlane.stubFor(createDeployment(apiId).inScenario("deploy-" + apiId).whenScenarioStateIs("deployed")
                .willReturn(json(201, Events.read("rollback-deployment.json"))));
    }

    public static MappingBuilder putRestApi(String apiId) {
        return put(urlPathEqualTo("/restapis/" + apiId))
                .withQueryParam("mode", equalTo("overwrite"))
                .withQueryParam("failonwarnings", equalTo("true"));
    }

    public static MappingBuilder createDeployment(String apiId) {
        return post(urlPathEqualTo("/restapis/" + apiId + "/deployments"));
    }

    public static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    public static ResponseDefinitionBuilder error(int status, String type, String body) {
        return json(status, body).withHeader("x-amzn-ErrorType", type);
    }

    public static ResponseDefinitionBuilder throttled() {
        return error(429, "TooManyRequestsException", Events.read("too-many-requests.json")).withHeader("Retry-After", "1");
    }

    public static ResponseDefinitionBuilder serverError() {
        return error(500, "InternalFailure", Events.read("internal-error.json"));
    }

    public static ResponseDefinitionBuilder connectionReset() {
        return aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
    }

    // ---- stage stubs -----------------------------------------------------------------------------------------

    public void stubSmoke(ApiContract contract, int status) {
        String path = smokePathFor(contract);
        String pathOnly = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        stage.stubFor(get(urlPathEqualTo("/" + STAGE + pathOnly)).willReturn(json(status, "{}")));
    }

    /** Control-plane requests in the order received. */
    public List<LoggedRequest> controlPlaneRequests() {
        List<LoggedRequest> requests = new ArrayList<>(controlPlane.findAll(com.github.tomakehurst.wiremock.client
                .WireMock.anyRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.anyUrl())));
        requests.sort(Comparator.comparing(LoggedRequest::getLoggedDate));
        return requests;
    }

    @Override
    public void close() {
        controlPlane.stop();
        stage.stop();
    }
}
