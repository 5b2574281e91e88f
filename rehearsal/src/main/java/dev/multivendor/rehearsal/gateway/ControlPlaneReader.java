package dev.multivendor.rehearsal.gateway;

import dev.multivendor.rehearsal.gateway.DeployedStage.Integration;
import dev.multivendor.rehearsal.gateway.DeployedStage.IntegrationResponse;
import dev.multivendor.rehearsal.gateway.DeployedStage.MethodSetting;
import dev.multivendor.rehearsal.gateway.DeployedStage.Route;
import dev.multivendor.rehearsal.gateway.DeployedStage.StageSettings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.GetResourcesResponse;
import software.amazon.awssdk.services.apigateway.model.GetRestApisResponse;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.RestApi;
import software.amazon.awssdk.services.apigateway.model.Stage;

/**
 * Reads what a stage serves from an API Gateway control plane (the core account's emulator in the rehearsal):
 * GetRestApis, GetStages, GetResources with {@code embed=methods}, GetIntegration where the embedded method has
 * none. Never the source contracts.
 *
 * <p>What "as deployed" means depends on the control plane. On AWS a deployment is an immutable snapshot of the
 * API. moto 5.2.1 keeps no snapshot: {@code Deployment} holds an id and a description only, and a stage serves the
 * API's current resources ({@code moto/apigateway/models.py}, classes {@code Deployment} and {@code RestAPI}). So
 * this reader takes the snapshot itself: it is called when a stage's {@code deploymentId} changes, reads the
 * resources, and checks that the stage still points at the same deployment afterwards. A PutRestApi that is not
 * followed by a CreateDeployment is therefore not served, as on AWS; a PutRestApi racing with this read (between
 * a deployment and the read that follows it) would be served, which AWS would not do.
 */
public final class ControlPlaneReader implements AutoCloseable {

    /** moto stores the OpenAPI import's any-method key as it finds it; AWS stores ANY. */
    static final String OPENAPI_ANY_METHOD = "X-AMAZON-APIGATEWAY-ANY-METHOD";
    private static final int DEFAULT_TIMEOUT_MILLIS = 29_000;

    private final ApiGatewayClient client;

    public ControlPlaneReader(ApiGatewayClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** A client for an emulated control plane: static credentials, short timeouts, the SDK's standard retries. */
    public static ControlPlaneReader forEndpoint(URI endpoint, String region, String accessKey, String secretKey) {
        AwsCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
        ApiGatewayClient client = ApiGatewayClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(10)))
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD)
                        .apiCallTimeout(Duration.ofSeconds(30)))
                .build();
        return new ControlPlaneReader(client);
    }

    /** Every REST API id and name. */
    public Map<String, String> restApis() {
        Map<String, String> apis = new LinkedHashMap<>();
        String position = null;
        do {
            String from = position;
            GetRestApisResponse page = client.getRestApis(r -> r.limit(500).position(from));
            for (RestApi api : page.items()) {
                apis.put(api.id(), api.name());
            }
            position = page.position();
        } while (position != null && !position.isEmpty());
        return apis;
    }

    /** What a stage points at now: its deployment and its settings (which change without a deployment). */
    public record StageState(String deploymentId, StageSettings settings) {
    }

    /** Every stage of one API that serves a deployment, by name (empty when the API has gone). */
    public Map<String, StageState> stages(String apiId) {
        Map<String, StageState> stages = new LinkedHashMap<>();
        try {
            for (Stage stage : client.getStages(r -> r.restApiId(apiId)).item()) {
                if (stage.deploymentId() != null) {
                    stages.put(stage.stageName(), new StageState(stage.deploymentId(), settings(stage)));
                }
            }
        } catch (NotFoundException e) {
            return Map.of();
        }
        return stages;
    }

    /** Every deployment of one API: id and description, in the control plane's order. */
    public List<String> deployments(String apiId) {
        List<String> deployments = new ArrayList<>();
        String position = null;
        do {
            String from = position;
            var page = client.getDeployments(r -> r.restApiId(apiId).limit(500).position(from));
            page.items().forEach(d -> deployments.add(d.id() + " " + d.description()));
            position = page.position();
        } while (position != null && !position.isEmpty());
        return deployments;
    }

    /**
     * Reads what {@code stageName} serves now. Retries when a deployment lands while it reads, so the snapshot
     * belongs to one deployment.
     */
    public Optional<DeployedStage> read(String apiId, String apiName, String stageName) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Stage> before = stage(apiId, stageName);
            if (before.isEmpty() || before.get().deploymentId() == null) {
                return Optional.empty();
            }
            List<Route> routes = routes(apiId);
            Optional<Stage> after = stage(apiId, stageName);
            if (after.isPresent() && Objects.equals(after.get().deploymentId(), before.get().deploymentId())) {
                return Optional.of(new DeployedStage(apiId, apiName, stageName, after.get().deploymentId(), routes,
                        settings(after.get())));
            }
        }
        throw new IllegalStateException("stage " + stageName + " of API " + apiId
                + " kept changing deployment while it was read (5 attempts)");
    }

    private Optional<Stage> stage(String apiId, String stageName) {
        try {
            var response = client.getStage(r -> r.restApiId(apiId).stageName(stageName));
            return Optional.of(Stage.builder()
                    .stageName(response.stageName())
                    .deploymentId(response.deploymentId())
                    .methodSettings(response.methodSettings())
                    .accessLogSettings(response.accessLogSettings())
                    .variables(response.variables())
                    .cacheClusterEnabled(response.cacheClusterEnabled())
                    .webAclArn(response.webAclArn())
                    .canarySettings(response.canarySettings())
                    .build());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private List<Route> routes(String apiId) {
        List<Route> routes = new ArrayList<>();
        String position = null;
        do {
            String from = position;
            GetResourcesResponse page = client.getResources(r -> r.restApiId(apiId).embed("methods").limit(500).position(from));
            for (Resource resource : page.items()) {
                for (Map.Entry<String, Method> entry : resource.resourceMethods().entrySet()) {
                    routes.add(route(apiId, resource, entry.getKey(), entry.getValue()));
                }
            }
            position = page.position();
        } while (position != null && !position.isEmpty());
        return routes;
    }

    private Route route(String apiId, Resource resource, String methodKey, Method method) {
        String httpMethod = methodKey.toUpperCase(Locale.ROOT);
        if (httpMethod.equals(OPENAPI_ANY_METHOD)) {
            httpMethod = "ANY";
        }
        software.amazon.awssdk.services.apigateway.model.Integration integration = method.methodIntegration();
        if (integration == null) {
            integration = integration(apiId, resource.id(), methodKey);
        }
        String authorization = method.authorizationType() == null ? "NONE" : method.authorizationType().toUpperCase(Locale.ROOT);
        return new Route(resource.id(), resource.path(), httpMethod, authorization,
                Boolean.TRUE.equals(method.apiKeyRequired()), method.requestValidatorId(),
                Optional.ofNullable(integration).map(ControlPlaneReader::integration));
    }

    private software.amazon.awssdk.services.apigateway.model.Integration integration(String apiId, String resourceId,
                                                                                     String methodKey) {
        try {
            var response = client.getIntegration(r -> r.restApiId(apiId).resourceId(resourceId).httpMethod(methodKey));
            return software.amazon.awssdk.services.apigateway.model.Integration.builder()
                    .type(response.typeAsString())
                    .uri(response.uri())
                    .httpMethod(response.httpMethod())
                    .requestParameters(response.requestParameters())
                    .requestTemplates(response.requestTemplates())
                    .integrationResponses(response.integrationResponses())
                    .connectionType(response.connectionTypeAsString())
                    .credentials(response.credentials())
                    .contentHandling(response.contentHandlingAsString())
                    .timeoutInMillis(response.timeoutInMillis())
                    .build();
        } catch (NotFoundException e) {
            return null;
        }
    }

    private static Integration integration(software.amazon.awssdk.services.apigateway.model.Integration source) {
        Map<String, IntegrationResponse> responses = new LinkedHashMap<>();
        source.integrationResponses().forEach((status, r) -> responses.put(status, new IntegrationResponse(
                r.statusCode() == null ? status : r.statusCode(), r.selectionPattern(),
                r.responseParameters(), r.responseTemplates())));
        int timeout = source.timeoutInMillis() == null || source.timeoutInMillis() <= 0
                ? DEFAULT_TIMEOUT_MILLIS : source.timeoutInMillis();
        return new Integration(source.typeAsString(), source.uri(), source.httpMethod(), source.requestParameters(),
                source.requestTemplates(), responses, source.connectionTypeAsString(), source.credentials(),
                source.contentHandlingAsString(), timeout);
    }

    private static StageSettings settings(Stage stage) {
        Map<String, MethodSetting> settings = new LinkedHashMap<>();
        stage.methodSettings().forEach((key, s) -> settings.put(key, new MethodSetting(
                s.throttlingRateLimit() == null ? -1 : s.throttlingRateLimit(),
                s.throttlingBurstLimit() == null ? -1 : s.throttlingBurstLimit(),
                Boolean.TRUE.equals(s.cachingEnabled()))));
        Optional<String> format = Optional.ofNullable(stage.accessLogSettings())
                .map(a -> a.format())
                .filter(f -> !f.isBlank());
        return new StageSettings(settings, format, stage.variables(), Boolean.TRUE.equals(stage.cacheClusterEnabled()),
                Optional.ofNullable(stage.webAclArn()).filter(a -> !a.isBlank()), stage.canarySettings() != null);
    }

    @Override
    public void close() {
        client.close();
    }
}
