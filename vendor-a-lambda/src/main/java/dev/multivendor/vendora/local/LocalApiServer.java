package dev.multivendor.vendora.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.multivendor.vendora.api.Json;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves the API on loopback for curl, the way API Gateway would call the function: each HTTP request becomes a
 * REST proxy event (payload 1.0, body base64-encoded) handed to the same {@link FunctionInvoker} Lambda uses, and the
 * function's proxy response becomes the HTTP response. No AWS needed; the store is in memory unless FEEDBACK_TABLE is
 * set. Port: first argument or PORT, default 8080.
 */
public final class LocalApiServer {

    private LocalApiServer() {
    }

    public static void main(String[] args) throws IOException {
        String portText = args.length > 0 ? args[0] : System.getenv().getOrDefault("PORT", "8080");
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            System.err.println("port must be a number, got '" + portText + "'");
            System.exit(2);
            return;
        }
        HttpServer server = start(port);
        System.out.println("Feedback API on http://127.0.0.1:" + server.getAddress().getPort() + " (Ctrl-C stops it)");
    }

    /** Starts the server on 127.0.0.1 ({@code port} 0 = any free port); the caller stops it. */
    public static HttpServer start(int port) throws IOException {
        FunctionInvoker invoker = new FunctionInvoker();
        AtomicLong invocations = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] event = Json.MAPPER.writeValueAsBytes(toEvent(exchange));
                ByteArrayOutputStream output = new ByteArrayOutputStream();
                invoker.handleRequest(new ByteArrayInputStream(event), output,
                        new LocalContext("local-" + invocations.incrementAndGet()));
                respond(exchange, Json.MAPPER.readValue(output.toByteArray(), Map.class));
            }
        });
        server.start();
        return server;
    }

    static Map<String, Object> toEvent(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, List<String>> multiValueHeaders = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            headers.put(name, values.get(values.size() - 1));
            multiValueHeaders.put(name, values);
        });
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] parts = pair.split("=", 2);
                query.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                        parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("resource", "/{proxy+}");
        event.put("path", uri.getRawPath());
        event.put("httpMethod", exchange.getRequestMethod());
        event.put("headers", headers);
        event.put("multiValueHeaders", multiValueHeaders);
        event.put("queryStringParameters", query.isEmpty() ? null : query);
        event.put("requestContext", Map.of("requestId", UUID.randomUUID().toString(), "stage", "local"));
        event.put("body", body.length == 0 ? null : Base64.getEncoder().encodeToString(body));
        event.put("isBase64Encoded", body.length > 0);
        return event;
    }

    private static void respond(HttpExchange exchange, Map<?, ?> proxyResponse) throws IOException {
        if (proxyResponse.get("headers") instanceof Map<?, ?> headers) {
            headers.forEach((name, value) -> exchange.getResponseHeaders().add(name.toString(), String.valueOf(value)));
        }
        Object bodyValue = proxyResponse.get("body");
        byte[] body = bodyValue == null ? new byte[0]
                : Boolean.TRUE.equals(proxyResponse.get("isBase64Encoded"))
                ? Base64.getDecoder().decode(bodyValue.toString())
                : bodyValue.toString().getBytes(StandardCharsets.UTF_8);
        int status = ((Number) proxyResponse.get("statusCode")).intValue();
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
