package dev.multivendor.rehearsal.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.multivendor.rehearsal.gateway.ControlPlaneReader.StageState;
import dev.multivendor.rehearsal.gateway.DeployedStage.Integration;
import dev.multivendor.rehearsal.gateway.DeployedStage.IntegrationResponse;
import dev.multivendor.rehearsal.gateway.DeployedStage.MethodSetting;
import dev.multivendor.rehearsal.gateway.DeployedStage.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A stand-in for API Gateway's REST API data plane on loopback, for the subset this repository uses, driven only
 * by what was deployed: it reads every API's stages, resources, methods and integrations from the control plane
 * ({@link ControlPlaneReader}) when a stage's deployment changes, and serves exactly that.
 *
 * <p>A stage is addressed as {@code http://127.0.0.1:<port>/<apiId>/<stage>/<path>} (on AWS:
 * {@code https://<apiId>.execute-api.<region>.amazonaws.com/<stage>/<path>}).
 *
 * <p>Implemented: resource matching with path variables and greedy variables, method or ANY; API Gateway's own
 * answers (403 Missing Authentication Token when no resource or method matches, 429 Too Many Requests from the
 * stage's per-method token buckets, 502/504 for a failing integration); HTTP_PROXY with integration request
 * parameters (path, header and query string from method request parameters, static values, context and stage
 * variables); AWS_PROXY to Lambda functions run by {@link LambdaRuntime} with the payload 1.0 proxy event, honouring
 * the function's resource policy (which API ids may invoke it); MOCK with a literal request template and literal
 * integration responses; one access log line per request in the stage's format. Everything else a deployment may
 * ask for answers 501 naming the feature (authorizers, API keys, request validation, non-proxy integrations and
 * their mapping templates, VTL in mock templates, caching, WAF, canary, VPC links, integration credentials,
 * content handling), so nothing passes through silently.
 */
public final class RehearsalGateway implements AutoCloseable {

    /** API Gateway's response when no resource or method matches, as on a REST API without a custom gateway response. */
    static final String MISSING_AUTHENTICATION_TOKEN = "{\"message\":\"Missing Authentication Token\"}";
    static final String TOO_MANY_REQUESTS = "{\"message\":\"Too Many Requests\"}";
    static final String INTERNAL_SERVER_ERROR = "{\"message\": \"Internal server error\"}";
    static final String ENDPOINT_TIMED_OUT = "{\"message\": \"Endpoint request timed out\"}";

    private static final Pattern LAMBDA_URI = Pattern.compile(
            "arn:aws[a-z-]*:apigateway:([a-z0-9-]+):lambda:path/2015-03-31/functions/(arn:aws[a-z-]*:lambda:[^/]+)/invocations");
    private static final Pattern URI_PLACEHOLDER = Pattern.compile("\\{([^}]+)}");
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding",
            "te", "trailer", "upgrade", "content-length", "host", "expect");
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final int MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

    /**
     * How the gateway runs.
     *
     * @param accountId    the account the APIs live in (the core account), for {@code requestContext.accountId}
     * @param port         the port to listen on (0: any free port)
     * @param pollInterval how often it asks the control plane whether a stage's deployment or settings changed
     * @param log          the gateway's own log (deployments picked up, settings changed, integration failures)
     * @param accessLog    receives each access log line
     */
    public record Config(String accountId, int port, Duration pollInterval, Consumer<String> log,
                         Consumer<AccessLogLine> accessLog) {
    }

    /** One line of a stage's access log. */
    public record AccessLogLine(String apiId, String stage, String line) {
    }

    private record StageKey(String apiId, String stage) {
    }

    private record Outcome(int status, Map<String, List<String>> headers, byte[] body, String gatewayError,
                           String errorMessage, String integrationStatus, long integrationLatencyMillis) {
    }

    private final ControlPlaneReader reader;
    private final LambdaRuntime lambdas;
    private final Config config;
    private final HttpServer server;
    private final ExecutorService executor;
    private final ScheduledExecutorService poller;
    private final HttpClient http;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final List<Consumer<ServedRequest>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<DeployedStage>> deploymentListeners = new CopyOnWriteArrayList<>();
    private volatile Map<StageKey, DeployedStage> served = Map.of();
    private volatile Set<String> knownApis = Set.of();
    private volatile String lastPollError = "";

    private RehearsalGateway(ControlPlaneReader reader, LambdaRuntime lambdas, Config config) throws IOException {
        this.reader = reader;
        this.lambdas = lambdas;
        this.config = config;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()), 1024);
        // One thread per request in flight, unbounded: a slow integration of one API must not hold up another
        // API's requests (API Gateway does not make tenants queue behind each other).
        this.executor = Executors.newCachedThreadPool(daemon("rehearsal-gateway"));
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        this.poller = Executors.newSingleThreadScheduledExecutor(daemon("rehearsal-gateway-poller"));
    }

    /** Starts the gateway: reads what is deployed now, listens, and keeps reading the control plane. */
    public static RehearsalGateway start(ControlPlaneReader reader, LambdaRuntime lambdas, Config config) throws IOException {
        RehearsalGateway gateway = new RehearsalGateway(reader, lambdas, config);
        gateway.refresh();
        gateway.server.start();
        long every = Math.max(20, config.pollInterval().toMillis());
        gateway.poller.scheduleWithFixedDelay(gateway::poll, every, every, TimeUnit.MILLISECONDS);
        config.log().accept("rehearsal gateway on " + gateway.baseUrl() + " (control plane polled every " + every + " ms)");
        return gateway;
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The stage's base URL on this gateway, the counterpart of {@code https://ID.execute-api.REGION.amazonaws.com/STAGE}. */
    public URI invokeUrl(String apiId, String stage) {
        return URI.create(baseUrl() + "/" + apiId + "/" + stage);
    }

    /** What the gateway serves for a stage now. */
    public Optional<DeployedStage> deployed(String apiId, String stage) {
        return Optional.ofNullable(served.get(new StageKey(apiId, stage)));
    }

    /** Called after every request with what the gateway did. */
    public void addListener(Consumer<ServedRequest> listener) {
        listeners.add(listener);
    }

    /** Called when the gateway starts serving a new deployment of a stage. */
    public void onDeployment(Consumer<DeployedStage> listener) {
        deploymentListeners.add(listener);
    }

    /** Reads the control plane now: new APIs and stages, changed deployments and changed stage settings. */
    public synchronized void refresh() {
        Map<String, String> apis = reader.restApis();
        Map<StageKey, DeployedStage> next = new HashMap<>();
        List<DeployedStage> newDeployments = new ArrayList<>();
        for (Map.Entry<String, String> api : apis.entrySet()) {
            for (Map.Entry<String, StageState> stage : reader.stages(api.getKey()).entrySet()) {
                StageKey key = new StageKey(api.getKey(), stage.getKey());
                DeployedStage current = served.get(key);
                StageState state = stage.getValue();
                if (current == null || !current.deploymentId().equals(state.deploymentId())) {
                    Optional<DeployedStage> read = reader.read(api.getKey(), api.getValue(), stage.getKey());
                    if (read.isPresent()) {
                        next.put(key, read.get());
                        newDeployments.add(read.get());
                    }
                } else if (!current.settings().equals(state.settings())) {
                    DeployedStage updated = new DeployedStage(current.apiId(), current.apiName(), current.stageName(),
                            current.deploymentId(), current.routes(), state.settings());
                    next.put(key, updated);
                    config.log().accept("API " + key.apiId() + " (" + current.apiName() + ") stage " + key.stage()
                            + ": stage settings changed: " + describe(updated.settings()));
                } else {
                    next.put(key, current);
                }
            }
        }
        served = Map.copyOf(next);
        knownApis = Set.copyOf(apis.keySet());
        for (DeployedStage stage : newDeployments) {
            config.log().accept("API " + stage.apiId() + " (" + stage.apiName() + ") stage " + stage.stageName()
                    + ": serving deployment " + stage.deploymentId() + ", " + stage.routes().size() + " method(s): "
                    + stage.routes().stream().map(r -> r.httpMethod() + " " + r.resourcePath() + " -> "
                    + r.integration().map(i -> i.type()).orElse("no integration")).toList()
                    + "; " + describe(stage.settings()));
            deploymentListeners.forEach(l -> l.accept(stage));
        }
    }

    private void poll() {
        try {
            refresh();
            lastPollError = "";
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            if (!message.equals(lastPollError)) {
                config.log().accept("control plane read failed, still serving what was read before: " + message);
                lastPollError = message;
            }
        }
    }

    private static String describe(DeployedStage.StageSettings settings) {
        String throttling = settings.methodSettings().isEmpty() ? "no method settings (no stage throttling)"
                : "method settings " + settings.methodSettings().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().throttlingRateLimit() + " rps burst " + e.getValue().throttlingBurstLimit())
                .toList();
        return throttling + ", access log " + (settings.accessLogFormat().isPresent() ? "on" : "off");
    }

    @Override
    public void close() {
        poller.shutdownNow();
        server.stop(0);
        executor.shutdownNow();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Serving

    private void handle(HttpExchange exchange) {
        long start = System.nanoTime();
        long received = System.currentTimeMillis();
        String requestId = UUID.randomUUID().toString();
        String extendedRequestId = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()), 36);
        try (exchange) {
            String rawPath = exchange.getRequestURI().getRawPath();
            String[] parts = rawPath.split("/", 4);
            String apiId = parts.length > 1 ? parts[1] : "";
            String stageName = parts.length > 2 ? parts[2] : "";
            String below = parts.length > 3 ? "/" + parts[3] : "/";
            byte[] body = readBody(exchange.getRequestBody());
            GatewayRequest request = new GatewayRequest(requestId, extendedRequestId, exchange.getRequestMethod(),
                    below, exchange.getRequestURI().getRawQuery(), headers(exchange), query(exchange.getRequestURI().getRawQuery()),
                    body == null ? new byte[0] : body, exchange.getRemoteAddress().getAddress().getHostAddress(),
                    exchange.getProtocol(), Optional.ofNullable(exchange.getRequestHeaders().getFirst("Host")).orElse(""),
                    received);
            DeployedStage stage = served.get(new StageKey(apiId, stageName));
            Route route = null;
            Outcome outcome;
            if (stage == null) {
                outcome = knownApis.contains(apiId)
                        ? gatewayError(403, "{\"message\":\"Forbidden\"}", "ForbiddenException", "FORBIDDEN", "Forbidden")
                        : gatewayError(404, "{\"message\":\"No API " + apiId + " is deployed on this rehearsal gateway\"}",
                        "NotFoundException", "NOT_FOUND", "unknown API");
            } else if (body == null) {
                outcome = gatewayError(413, "{\"message\":\"Request Too Long\"}", "RequestTooLongException",
                        "REQUEST_TOO_LARGE", "Request Too Long");
            } else {
                Optional<ResourceMatcher.Match> match = ResourceMatcher.match(
                        new LinkedHashSet<>(stage.routes().stream().map(Route::resourcePath).toList()), below);
                if (match.isPresent()) {
                    route = findMethod(stage.routesOf(match.get().resourcePath()), request.method());
                }
                if (route == null) {
                    outcome = gatewayError(403, MISSING_AUTHENTICATION_TOKEN, "MissingAuthenticationTokenException",
                            "MISSING_AUTHENTICATION_TOKEN", "Missing Authentication Token");
                } else {
                    outcome = serve(request, stage, route, match.get().pathParameters());
                }
            }
            long latency = System.nanoTime() - start;
            respond(exchange, requestId, extendedRequestId, outcome);
            report(request, stage, route, outcome, start, latency);
        } catch (IOException | RuntimeException e) {
            config.log().accept("request " + requestId + " failed in the gateway: " + e);
        }
    }

    private static Route findMethod(List<Route> routes, String method) {
        for (Route route : routes) {
            if (route.httpMethod().equals(method)) {
                return route;
            }
        }
        for (Route route : routes) {
            if (route.httpMethod().equals("ANY")) {
                return route;
            }
        }
        return null;
    }

    private Outcome serve(GatewayRequest request, DeployedStage stage, Route route, Map<String, String> pathParameters) {
        DeployedStage.StageSettings settings = stage.settings();
        Optional<MethodSetting> methodSetting = settings.forMethod(route.resourcePath(), route.httpMethod());
        Optional<String> unsupported = unsupported(settings, route, methodSetting);
        if (unsupported.isPresent()) {
            return notImplemented(unsupported.get());
        }
        if (methodSetting.isPresent() && methodSetting.get().throttlingRateLimit() >= 0
                && methodSetting.get().throttlingBurstLimit() >= 0) {
            MethodSetting s = methodSetting.get();
            String key = stage.apiId() + " " + stage.stageName() + " " + route.httpMethod() + " " + route.resourcePath()
                    + " " + s.throttlingRateLimit() + " " + s.throttlingBurstLimit();
            TokenBucket bucket = buckets.computeIfAbsent(key,
                    k -> new TokenBucket(s.throttlingRateLimit(), s.throttlingBurstLimit(), System.nanoTime()));
            if (!bucket.tryAcquire(System.nanoTime())) {
                return gatewayError(429, TOO_MANY_REQUESTS, "TooManyRequestsException", "THROTTLED", "Too Many Requests");
            }
        }
        Integration integration = route.integration().orElseThrow();
        return switch (integration.type()) {
            case "HTTP_PROXY" -> httpProxy(request, stage, integration, pathParameters);
            case "AWS_PROXY" -> lambdaProxy(request, stage, route, integration, pathParameters);
            case "MOCK" -> mock(request, integration);
            default -> notImplemented("integration type " + integration.type());
        };
    }

    /** The features a deployment can ask for that this gateway does not implement: answered 501, never ignored. */
    private static Optional<String> unsupported(DeployedStage.StageSettings settings, Route route,
                                                Optional<MethodSetting> methodSetting) {
        if (settings.webAclArn().isPresent()) {
            return Optional.of("AWS WAF web ACL on the stage (" + settings.webAclArn().get() + ")");
        }
        if (settings.cacheClusterEnabled()) {
            return Optional.of("stage cache cluster (caching)");
        }
        if (settings.canary()) {
            return Optional.of("canary deployment settings on the stage");
        }
        if (!route.authorizationType().equals("NONE")) {
            return Optional.of("method authorization " + route.authorizationType()
                    + " (authorizers and IAM authorization are not implemented)");
        }
        if (route.apiKeyRequired()) {
            return Optional.of("API keys (apiKeyRequired) and usage plans");
        }
        if (route.requestValidatorId() != null && !route.requestValidatorId().isBlank()) {
            return Optional.of("request validation (request validator " + route.requestValidatorId() + ")");
        }
        if (methodSetting.isPresent() && methodSetting.get().cachingEnabled()) {
            return Optional.of("method caching");
        }
        if (route.integration().isEmpty()) {
            return Optional.of("a method without an integration");
        }
        Integration integration = route.integration().get();
        if (integration.type().equals("AWS") || integration.type().equals("HTTP")) {
            return Optional.of("non-proxy " + integration.type() + " integration (mapping templates)");
        }
        if ("VPC_LINK".equalsIgnoreCase(integration.connectionType())) {
            return Optional.of("VPC link integrations");
        }
        if (integration.credentials() != null && !integration.credentials().isBlank()) {
            return Optional.of("integration credentials (" + integration.credentials() + ")");
        }
        if (integration.contentHandling() != null && !integration.contentHandling().isBlank()) {
            return Optional.of("content handling " + integration.contentHandling());
        }
        return Optional.empty();
    }

    // --- HTTP_PROXY -----------------------------------------------------------------------------------------------

    private Outcome httpProxy(GatewayRequest request, DeployedStage stage, Integration integration,
                              Map<String, String> pathParameters) {
        Map<String, String> pathValues = new HashMap<>();
        Map<String, String> headerValues = new LinkedHashMap<>();
        Map<String, String> queryValues = new LinkedHashMap<>();
        for (Map.Entry<String, String> mapping : integration.requestParameters().entrySet()) {
            String target = mapping.getKey();
            Optional<String> value;
            try {
                value = parameterValue(mapping.getValue(), request, stage, pathParameters);
            } catch (UnsupportedOperationException e) {
                return notImplemented("integration request parameter source " + mapping.getValue() + " for " + target);
            }
            if (value.isEmpty()) {
                continue;
            }
            if (target.startsWith("integration.request.path.")) {
                pathValues.put(target.substring("integration.request.path.".length()), value.get());
            } else if (target.startsWith("integration.request.header.")) {
                headerValues.put(target.substring("integration.request.header.".length()), value.get());
            } else if (target.startsWith("integration.request.querystring.")) {
                queryValues.put(target.substring("integration.request.querystring.".length()), value.get());
            } else {
                return notImplemented("integration request parameter target " + target);
            }
        }
        Matcher placeholders = URI_PLACEHOLDER.matcher(integration.uri());
        StringBuilder uri = new StringBuilder();
        while (placeholders.find()) {
            String name = placeholders.group(1).replace("+", "");
            String value = pathValues.get(name);
            if (value == null) {
                config.log().accept("API " + stage.apiId() + ": integration URI " + integration.uri() + " has {" + name
                        + "} but no integration.request.path." + name + " mapping");
                return gatewayError(500, INTERNAL_SERVER_ERROR, "InternalServerErrorException", "DEFAULT_5XX",
                        "Internal server error");
            }
            String encoded = placeholders.group(1).endsWith("+") ? value : URLEncoder.encode(value, StandardCharsets.UTF_8)
                    .replace("+", "%20");
            placeholders.appendReplacement(uri, Matcher.quoteReplacement(encoded));
        }
        placeholders.appendTail(uri);
        StringBuilder query = new StringBuilder(request.rawQuery() == null ? "" : request.rawQuery());
        queryValues.forEach((name, value) -> query.append(query.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        String target = uri + (query.length() == 0 ? "" : (uri.indexOf("?") >= 0 ? "&" : "?") + query);
        String method = integration.httpMethod() == null || integration.httpMethod().equalsIgnoreCase("ANY")
                ? request.method() : integration.httpMethod().toUpperCase(Locale.ROOT);
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(URI.create(target))
                    .timeout(Duration.ofMillis(integration.timeoutMillis()))
                    .method(method, request.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        } catch (IllegalArgumentException e) {
            config.log().accept("API " + stage.apiId() + ": invalid integration URI " + target + ": " + e.getMessage());
            return gatewayError(500, INTERNAL_SERVER_ERROR, "InternalServerErrorException", "DEFAULT_5XX", "Internal server error");
        }
        Set<String> overridden = new HashSet<>();
        headerValues.keySet().forEach(h -> overridden.add(h.toLowerCase(Locale.ROOT)));
        request.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(lower) && !overridden.contains(lower)) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        headerValues.forEach(builder::header);
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, List<String>> headers = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    headers.put(name, values);
                }
            });
            return new Outcome(response.statusCode(), headers, response.body(), "", "",
                    Integer.toString(response.statusCode()), millisSince(start));
        } catch (HttpTimeoutException e) {
            return withIntegration(gatewayError(504, ENDPOINT_TIMED_OUT, "", "INTEGRATION_TIMEOUT", "Endpoint request timed out"),
                    "-", millisSince(start));
        } catch (IOException e) {
            config.log().accept("API " + stage.apiId() + ": HTTP integration " + target + " failed: " + e);
            return withIntegration(gatewayError(500, INTERNAL_SERVER_ERROR, "InternalServerErrorException",
                    "INTEGRATION_FAILURE", "Internal server error"), "-", millisSince(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return gatewayError(500, INTERNAL_SERVER_ERROR, "InternalServerErrorException", "DEFAULT_5XX", "Internal server error");
        }
    }

    /**
     * A request parameter mapping's value: {@code method.request.path|querystring|header.NAME}, a static
     * {@code 'value'}, {@code context.NAME} or {@code stageVariables.NAME}; empty when the request lacks it.
     */
    private static Optional<String> parameterValue(String source, GatewayRequest request, DeployedStage stage,
                                                   Map<String, String> pathParameters) {
        if (source.length() >= 2 && source.startsWith("'") && source.endsWith("'")) {
            return Optional.of(source.substring(1, source.length() - 1));
        }
        if (source.startsWith("method.request.path.")) {
            return Optional.ofNullable(pathParameters.get(source.substring("method.request.path.".length())));
        }
        if (source.startsWith("method.request.querystring.")) {
            List<String> values = request.query().get(source.substring("method.request.querystring.".length()));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
        }
        if (source.startsWith("method.request.header.")) {
            return request.firstHeader(source.substring("method.request.header.".length()));
        }
        if (source.startsWith("stageVariables.")) {
            return Optional.ofNullable(stage.settings().variables().get(source.substring("stageVariables.".length())));
        }
        if (source.equals("context.requestId")) {
            return Optional.of(request.requestId());
        }
        if (source.equals("context.stage")) {
            return Optional.of(stage.stageName());
        }
        if (source.equals("context.apiId")) {
            return Optional.of(stage.apiId());
        }
        throw new UnsupportedOperationException(source);
    }

    // --- AWS_PROXY ------------------------------------------------------------------------------------------------

    private Outcome lambdaProxy(GatewayRequest request, DeployedStage stage, Route route, Integration integration,
                                Map<String, String> pathParameters) {
        Matcher uri = LAMBDA_URI.matcher(integration.uri() == null ? "" : integration.uri());
        if (!uri.matches()) {
            config.log().accept("API " + stage.apiId() + ": AWS_PROXY integration URI is not a Lambda invocation URI: "
                    + integration.uri());
            return gatewayError(500, INTERNAL_SERVER_ERROR, "InternalServerErrorException", "DEFAULT_5XX", "Internal server error");
        }
        String functionArn = uri.group(2);
        Optional<LambdaFunction> function = lambdas == null ? Optional.empty() : lambdas.function(functionArn);
        if (function.isEmpty()) {
            config.log().accept("API " + stage.apiId() + ": Lambda function " + functionArn
                    + " does not exist in this rehearsal (API Gateway: Invalid function)");
            return gatewayError(500, INTERNAL_SERVER_ERROR, "InternalServerErrorException", "DEFAULT_5XX", "Internal server error");
        }
        if (!function.get().allowedSourceApiIds().contains(stage.apiId())) {
            config.log().accept("API " + stage.apiId() + ": Lambda function " + functionArn + " does not allow"
                    + " invocation from this API (its resource policy allows " + function.get().allowedSourceApiIds()
                    + "); API Gateway answers 500 (Invalid permissions on Lambda function)");
            return gatewayError(500, INTERNAL_SERVER_ERROR, "InternalServerErrorException", "DEFAULT_5XX", "Internal server error");
        }
        String event = ProxyEvent.build(request, stage, route, pathParameters, config.accountId()).toString();
        long start = System.nanoTime();
        LambdaRuntime.Result result = lambdas.invoke(functionArn, event, Duration.ofMillis(integration.timeoutMillis()));
        long latency = millisSince(start);
        switch (result.outcome()) {
            case SUCCESS -> {
                ProxyEvent.Answer answer = ProxyEvent.answer(result.payload());
                if (answer.malformed().isPresent()) {
                    config.log().accept("API " + stage.apiId() + ": Lambda " + functionArn + ": malformed Lambda proxy response ("
                            + answer.malformed().get() + ")");
                    return withIntegration(gatewayError(502, INTERNAL_SERVER_ERROR, "InternalServerErrorException",
                            "DEFAULT_5XX", "Internal server error"), "200", latency);
                }
                return new Outcome(answer.statusCode(), answer.headers(), answer.body(), "", "", "200", latency);
            }
            case TIMEOUT -> {
                return withIntegration(gatewayError(504, ENDPOINT_TIMED_OUT, "", "INTEGRATION_TIMEOUT",
                        "Endpoint request timed out"), "-", latency);
            }
            default -> {
                config.log().accept("API " + stage.apiId() + ": Lambda " + functionArn + " failed: " + result.outcome() + " "
                        + result.errorType() + " " + result.payload());
                return withIntegration(gatewayError(502, INTERNAL_SERVER_ERROR, "InternalServerErrorException",
                        "DEFAULT_5XX", "Internal server error"), "200", latency);
            }
        }
    }

    // --- MOCK -----------------------------------------------------------------------------------------------------

    private Outcome mock(GatewayRequest request, Integration integration) {
        int status = 200;
        if (!integration.requestTemplates().isEmpty()) {
            String contentType = request.firstHeader("Content-Type").map(c -> c.split(";")[0].trim()).orElse("application/json");
            String template = integration.requestTemplates().getOrDefault(contentType,
                    integration.requestTemplates().getOrDefault("application/json",
                            integration.requestTemplates().values().iterator().next()));
            if (template != null && (template.contains("$") || template.contains("#"))) {
                return notImplemented("mapping template (VTL) in a mock integration's request template");
            }
            if (template != null && !template.isBlank()) {
                try {
                    JsonNode node = ProxyEvent.JSON.readTree(template);
                    status = node.path("statusCode").asInt(200);
                } catch (IOException e) {
                    return gatewayError(500, INTERNAL_SERVER_ERROR, "InternalServerErrorException", "DEFAULT_5XX",
                            "Internal server error");
                }
            }
        }
        IntegrationResponse selected = null;
        for (IntegrationResponse response : integration.responses().values()) {
            if (!response.selectionPattern().isEmpty()) {
                try {
                    if (Pattern.compile(response.selectionPattern()).matcher(Integer.toString(status)).matches()) {
                        selected = response;
                        break;
                    }
                } catch (PatternSyntaxException e) {
                    return notImplemented("selection pattern " + response.selectionPattern());
                }
            }
        }
        if (selected == null) {
            selected = integration.responses().values().stream().filter(r -> r.selectionPattern().isEmpty()).findFirst()
                    .orElse(null);
        }
        if (selected == null) {
            return gatewayError(500, INTERNAL_SERVER_ERROR, "InternalServerErrorException", "DEFAULT_5XX", "Internal server error");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : selected.responseParameters().entrySet()) {
            String value = p.getValue();
            if (!p.getKey().startsWith("method.response.header.") || value.length() < 2 || !value.startsWith("'")
                    || !value.endsWith("'")) {
                return notImplemented("integration response parameter " + p.getKey() + " = " + value);
            }
            headers.put(p.getKey().substring("method.response.header.".length()), List.of(value.substring(1, value.length() - 1)));
        }
        String body = selected.responseTemplates().getOrDefault("application/json",
                selected.responseTemplates().isEmpty() ? "" : selected.responseTemplates().values().iterator().next());
        if (body == null) {
            body = "";
        }
        if (body.contains("$") || body.contains("#")) {
            return notImplemented("mapping template (VTL) in a mock integration's response template");
        }
        headers.putIfAbsent("Content-Type", List.of("application/json"));
        return new Outcome(Integer.parseInt(selected.statusCode()), headers, body.getBytes(StandardCharsets.UTF_8), "", "",
                "-", 0);
    }

    // --- responses, logs --------------------------------------------------------------------------------------------

    private static Outcome gatewayError(int status, String body, String errorType, String gatewayError, String message) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        if (!errorType.isEmpty()) {
            headers.put("x-amzn-ErrorType", List.of(errorType));
        }
        return new Outcome(status, headers, body.getBytes(StandardCharsets.UTF_8), gatewayError, message, "-", 0);
    }

    private static Outcome withIntegration(Outcome outcome, String integrationStatus, long latencyMillis) {
        return new Outcome(outcome.status(), outcome.headers(), outcome.body(), outcome.gatewayError(),
                outcome.errorMessage(), integrationStatus, latencyMillis);
    }

    private static Outcome notImplemented(String feature) {
        String message = "Not implemented by the rehearsal gateway: " + feature;
        return gatewayError(501, "{\"message\":" + ProxyEvent.JSON.valueToTree(message) + "}", "NotImplemented",
                "NOT_IMPLEMENTED", message);
    }

    private static void respond(HttpExchange exchange, String requestId, String extendedRequestId, Outcome outcome)
            throws IOException {
        outcome.headers().forEach((name, values) -> values.forEach(v -> exchange.getResponseHeaders().add(name, v)));
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        exchange.getResponseHeaders().set("x-amz-apigw-id", extendedRequestId);
        boolean empty = outcome.body().length == 0 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(outcome.status(), empty ? -1 : outcome.body().length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(outcome.body());
            }
        }
    }

    private void report(GatewayRequest request, DeployedStage stage, Route route, Outcome outcome, long start,
                        long latency) {
        String apiId = stage == null ? "" : stage.apiId();
        String stageName = stage == null ? "" : stage.stageName();
        Optional<Integration> integration = route == null || !outcome.gatewayError().isEmpty()
                ? Optional.empty() : route.integration();
        ServedRequest served = new ServedRequest(apiId, stageName, stage == null ? "" : stage.deploymentId(), request.method(),
                request.resourceRequestPath(), route == null ? "" : route.resourcePath(), outcome.status(),
                integration.map(Integration::type).orElse(""), integration.map(Integration::uri).orElse(""),
                outcome.gatewayError(), start, latency);
        listeners.forEach(l -> l.accept(served));
        if (stage != null && stage.settings().accessLogFormat().isPresent()) {
            Map<String, String> context = new HashMap<>();
            context.put("requestId", request.requestId());
            context.put("extendedRequestId", request.extendedRequestId());
            context.put("identity.sourceIp", request.sourceIp());
            context.put("identity.userAgent", request.firstHeader("User-Agent").orElse(""));
            context.put("requestTime", REQUEST_TIME.format(Instant.ofEpochMilli(request.receivedEpochMillis())));
            context.put("requestTimeEpoch", Long.toString(request.receivedEpochMillis()));
            context.put("httpMethod", request.method());
            context.put("resourcePath", route == null ? "" : route.resourcePath());
            context.put("resourceId", route == null ? "" : route.resourceId());
            context.put("path", "/" + stage.stageName() + request.resourceRequestPath());
            context.put("status", Integer.toString(outcome.status()));
            context.put("protocol", request.protocol());
            context.put("responseLength", Integer.toString(outcome.body().length));
            context.put("integration.status", outcome.integrationStatus());
            context.put("integrationStatus", outcome.integrationStatus());
            String integrationLatency = outcome.integrationStatus().equals("-") && outcome.integrationLatencyMillis() == 0
                    ? "" : Long.toString(outcome.integrationLatencyMillis());
            context.put("integration.latency", integrationLatency);
            context.put("integrationLatency", integrationLatency);
            context.put("responseLatency", Long.toString(TimeUnit.NANOSECONDS.toMillis(latency)));
            context.put("error.message", outcome.errorMessage());
            context.put("error.messageString", outcome.errorMessage().isEmpty() ? "" : "\"" + outcome.errorMessage() + "\"");
            context.put("error.responseType", outcome.gatewayError());
            context.put("apiId", stage.apiId());
            context.put("stage", stage.stageName());
            context.put("deploymentId", stage.deploymentId());
            context.put("accountId", config.accountId());
            context.put("domainName", request.host());
            context.put("domainPrefix", stage.apiId());
            config.accessLog().accept(new AccessLogLine(stage.apiId(), stage.stageName(),
                    AccessLogFormatter.format(stage.settings().accessLogFormat().get(), context)));
        }
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** The body, or null when it exceeds API Gateway's 10 MB payload limit. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_PAYLOAD_BYTES + 1);
        return body.length > MAX_PAYLOAD_BYTES ? null : body;
    }

    private static Map<String, List<String>> headers(HttpExchange exchange) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
        return headers;
    }

    private static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
