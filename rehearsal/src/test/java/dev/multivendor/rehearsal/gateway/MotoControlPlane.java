package dev.multivendor.rehearsal.gateway;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.PutMode;

/**
 * One {@code moto_server} (the core account's emulated control plane) on a free loopback port, for the gateway's
 * tests; the test is skipped with a message when {@code moto_server} is not on the PATH.
 */
final class MotoControlPlane implements AutoCloseable {

    static final String REGION = "eu-west-1";
    static final String ACCOUNT = "111111111111";

    private final Process process;
    private final int port;
    final ApiGatewayClient client;

    private MotoControlPlane(Process process, int port) {
        this.process = process;
        this.port = port;
        this.client = ApiGatewayClient.builder()
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(ApacheHttpClient.builder().socketTimeout(Duration.ofSeconds(30)))
                .build();
    }

    /** Starts moto_server, or skips the calling test when it is not installed. */
    static MotoControlPlane startOrSkip(Path logFile) throws IOException, InterruptedException {
        Optional<Path> executable = onPath("moto_server");
        String missing = "moto_server is not on the PATH: the rehearsal gateway's tests need the AWS emulator"
                + " (pip install 'moto[server]==5.2.1'); skipped";
        if (executable.isEmpty()) {
            // A class-level skip is not listed in the test report: say it where the build log shows it.
            System.out.println("SKIPPED: " + missing);
        }
        assumeTrue(executable.isPresent(), missing);
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Files.createDirectories(logFile.getParent());
        ProcessBuilder builder = new ProcessBuilder(executable.get().toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        builder.environment().put("MOTO_ACCOUNT_ID", ACCOUNT);
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited at start: " + Files.readString(logFile, StandardCharsets.UTF_8));
            }
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return new MotoControlPlane(process, port);
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("moto_server did not listen on port " + port + " within 30 s");
    }

    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    ControlPlaneReader reader() {
        return ControlPlaneReader.forEndpoint(endpoint(), REGION, "test", "test");
    }

    String createApi(String name) {
        return client.createRestApi(r -> r.name(name)).id();
    }

    /** PutRestApi in overwrite mode, as the api-publisher imports a definition. */
    void importDefinition(String apiId, String openApiJson) {
        client.putRestApi(r -> r.restApiId(apiId).mode(PutMode.OVERWRITE).failOnWarnings(true)
                .body(SdkBytes.fromUtf8String(openApiJson)));
    }

    String deploy(String apiId, String stage, String description) {
        return client.createDeployment(r -> r.restApiId(apiId).stageName(stage).description(description)).id();
    }

    @Override
    public void close() {
        client.close();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
