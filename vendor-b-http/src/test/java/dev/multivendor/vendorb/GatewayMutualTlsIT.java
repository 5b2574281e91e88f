package dev.multivendor.vendorb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mTLS alternative ({@code mtls} environment): only a client presenting the gateway's client certificate
 * completes the handshake. Certificates are made with the JDK's keytool, so the test needs nothing else.
 */
class GatewayMutualTlsIT {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final String UNKNOWN_TICKET = "/v1/tickets/5c2d9f10-3b7a-4e1c-8d2f-6a9b0c1d2e3f";

    @TempDir
    static Path dir;
    private static ApplicationContext context;
    private static URI base;

    @BeforeAll
    static void start() throws Exception {
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=localhost",
                "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore", "server.p12");
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", "server.p12", "-file", "server.pem");
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", "server.pem", "-keystore", "client-trust.p12");
        keytool("-genkeypair", "-alias", "gateway", "-keyalg", "EC", "-dname", "CN=api-gateway-stage",
                "-validity", "2", "-keystore", "gateway.p12");
        keytool("-exportcert", "-rfc", "-alias", "gateway", "-keystore", "gateway.p12", "-file", "gateway.pem");
        keytool("-importcert", "-noprompt", "-alias", "gateway", "-file", "gateway.pem", "-keystore", "trust.p12");
        keytool("-genkeypair", "-alias", "intruder", "-keyalg", "EC", "-dname", "CN=api-gateway-stage",
                "-validity", "2", "-keystore", "intruder.p12");

        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        context = ApplicationContext.builder()
                .deduceEnvironment(false)
                .environments("mtls")
                .properties(Map.of(
                        "micronaut.server.ssl.port", port,
                        "micronaut.http.services.customer-directory.url", "http://127.0.0.1:9",
                        "SERVER_TLS_KEYSTORE", "file:" + dir.resolve("server.p12"),
                        "SERVER_TLS_KEYSTORE_PASSWORD", "changeit",
                        "GATEWAY_CLIENT_CERT_TRUSTSTORE", "file:" + dir.resolve("trust.p12"),
                        "GATEWAY_CLIENT_CERT_TRUSTSTORE_PASSWORD", "changeit"))
                .properties(TestDatabase.shared().datasource("tickets"))
                .start();
        EmbeddedServer server = context.getBean(EmbeddedServer.class);
        server.start();
        base = URI.create("https://127.0.0.1:" + port);
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void servesAClientPresentingTheGatewaysCertificate() throws Exception {
        HttpResponse<String> response = client("gateway.p12").send(
                HttpRequest.newBuilder(base.resolve(UNKNOWN_TICKET)).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(404, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void listensForHttpsOnlySoNoPlainRequestBypassesTheHandshake() {
        EmbeddedServer server = context.getBean(EmbeddedServer.class);

        assertEquals("https", server.getScheme());
        assertEquals(base.getPort(), server.getPort());
    }

    @Test
    void refusesTheHandshakeWithoutAClientCertificate() {
        assertThrows(IOException.class, () -> client(null).send(
                HttpRequest.newBuilder(base.resolve(UNKNOWN_TICKET)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void refusesTheHandshakeWithAnotherCertificateOfTheSameName() {
        assertThrows(IOException.class, () -> client("intruder.p12").send(
                HttpRequest.newBuilder(base.resolve(UNKNOWN_TICKET)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static HttpClient client(String keyStoreFile) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load("client-trust.p12"));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        SSLContext ssl = SSLContext.getInstance("TLS");
        if (keyStoreFile == null) {
            ssl.init(null, trust.getTrustManagers(), null);
        } else {
            keys.init(load(keyStoreFile), PASSWORD);
            ssl.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        }
        return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static KeyStore load(String file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(file))) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", "changeit"));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
