package dev.multivendor.rehearsal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.Deployment;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.GetStageResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The default smoke-test target, standing in for the data plane moto lacks. It does NOT forward anything to a
 * backend: it answers from the core emulator's control plane whether the release reached the stage. For
 * {@code GET /<apiId>/<stage>/<path>} it answers
 * <ul>
 * <li>200 when the stage serves the API's newest deployment and the definition has a method for the path whose
 * integration is set (JSON naming the deployment and the integration);</li>
 * <li>403 {@code {"message":"Missing Authentication Token"}}, API Gateway's answer for a route a REST API does
 * not have, when the definition has no such route;</li>
 * <li>404 when the stage does not exist, 503 when the stage still serves an older deployment.</li>
 * </ul>
 * The publisher's smoke test so proves "deployed to the stage, with the route", not "the backend answers".
 */
public final class DeployedRouteProbe implements StageEndpoint, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Supplier<ApiGatewayClient> controlPlane;

    public DeployedRouteProbe(Supplier<ApiGatewayClient> controlPlane) {
        this.controlPlane = controlPlane;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new StepFailure("cannot open the route probe on loopback: " + e.getMessage(), e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "route-probe");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public SmokeTarget smokeTarget(String vendorId, String apiId, String stage, String pipelineSmokePath,
                                   int pipelineExpect) {
        // The pipeline's expected status is the backend's answer; the probe answers 200 for "route deployed".
        return new SmokeTarget(base().resolve("/" + apiId + "/" + stage), pipelineSmokePath, 200);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] parts = exchange.getRequestURI().getPath().split("/", 4);
            if (parts.length < 3) {
                send(exchange, 404, problem("no API id and stage in the path"));
                return;
            }
            String apiId = parts[1];
            String stageName = parts[2];
            String path = parts.length == 4 ? "/" + parts[3] : "/";
            Answer answer = answer(apiId, stageName, exchange.getRequestMethod(), path);
            send(exchange, answer.status(), answer.body());
        } catch (RuntimeException | Error e) {
            // Never a connection closed without an answer: the smoke test shows the cause.
            send(exchange, 500, problem("probe failed: " + e));
        }
    }

    record Answer(int status, ObjectNode body) {
    }

    Answer answer(String apiId, String stageName, String httpMethod, String path) {
        ApiGatewayClient client = controlPlane.get();
        GetStageResponse stage;
        try {
            stage = client.getStage(b -> b.restApiId(apiId).stageName(stageName));
        } catch (NotFoundException e) {
            return new Answer(404, problem("no stage " + stageName + " on API " + apiId));
        }
        Optional<Deployment> newest = client.getDeployments(b -> b.restApiId(apiId).limit(500)).items().stream()
                .max(Comparator.comparing(Deployment::createdDate).thenComparing(Deployment::id));
        if (newest.isEmpty() || !newest.get().id().equals(stage.deploymentId())) {
            return new Answer(503, problem("stage " + stageName + " serves deployment " + stage.deploymentId()
                    + ", not the newest " + newest.map(Deployment::id).orElse("(none)")));
        }
        List<Resource> resources = client.getResources(b -> b.restApiId(apiId).embed("methods").limit(500)).items();
        for (Resource r : resources) {
            if (r.path() != null && matches(r.path(), path)) {
                Map<String, Method> methods = r.resourceMethods();
                Method m = Optional.ofNullable(methods.get(httpMethod)).orElse(methods.get("ANY"));
                if (m == null) {
                    continue;
                }
                if (m.methodIntegration() == null || m.methodIntegration().type() == null) {
                    return new Answer(500, problem(httpMethod + " " + r.path() + " has no integration"));
                }
                ObjectNode body = JSON.createObjectNode();
                body.put("standIn", "deployed-route probe: no backend was called");
                body.put("deploymentId", stage.deploymentId());
                body.put("resource", r.path());
                body.put("integrationType", m.methodIntegration().typeAsString());
                body.put("integrationUri", m.methodIntegration().uri());
                return new Answer(200, body);
            }
        }
        ObjectNode missing = JSON.createObjectNode();
        missing.put("message", "Missing Authentication Token");
        return new Answer(403, missing);
    }

    /** Does the resource path template (with {param} and {proxy+}) match the request path? */
    static boolean matches(String template, String path) {
        String[] t = template.split("/", -1);
        String[] p = path.split("\\?", 2)[0].split("/", -1);
        for (int i = 0; i < t.length; i++) {
            if (t[i].endsWith("+}")) {
                return p.length > i && !p[i].isEmpty();
            }
            if (i >= p.length) {
                return false;
            }
            if (t[i].startsWith("{") && t[i].endsWith("}") ? p[i].isEmpty() : !t[i].equals(p[i])) {
                return false;
            }
        }
        return t.length == p.length;
    }

    private static ObjectNode problem(String detail) {
        ObjectNode n = JSON.createObjectNode();
        n.put("message", detail);
        return n;
    }

    private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
