package dev.multivendor.vendorb.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The benchmark's floor: the JDK's own HTTP server answering {@code GET /health} with the same JSON, no framework.
 * What any JVM service costs on this machine, launched the same way as the application.
 */
final class JvmFloor {

    private JvmFloor() {
    }

    public static void main(String[] args) throws IOException {
        // Without TCP_NODELAY the JDK server writes headers and body separately and Nagle's algorithm adds ~40 ms.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int port = Integer.parseInt(System.getenv().getOrDefault("MICRONAUT_SERVER_PORT", "8080"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        byte[] body = "{\"status\":\"UP\",\"customerDirectoryCircuit\":\"CLOSED\"}".getBytes(StandardCharsets.UTF_8);
        server.createContext("/health", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }
}
