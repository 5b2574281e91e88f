package dev.multivendor.vendorb;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * Serves the API on localhost with the customer directory stubbed by WireMock from
 * {@code src/test/resources/wiremock/mappings} (cust-1042 gold, cust-2001 platinum, cust-slow 5 s, anyone else
 * unknown). Run by {@code ./mvnw -pl vendor-b-http -am package -DskipTests -Plocal}; see README.md.
 * Ports: {@code MICRONAUT_SERVER_PORT} (8080) for the API, {@code DIRECTORY_STUB_PORT} (8089) for the stub.
 */
final class LocalRun {

    private LocalRun() {
    }

    public static void main(String[] args) {
        int stubPort = Integer.parseInt(System.getenv().getOrDefault("DIRECTORY_STUB_PORT", "8089"));
        WireMockServer directory = new WireMockServer(options().port(stubPort).bindAddress("127.0.0.1")
                .usingFilesUnderDirectory(System.getProperty("vendorb.stub.mappings", "src/test/resources/wiremock")));
        directory.start();
        Runtime.getRuntime().addShutdownHook(new Thread(directory::stop));
        System.setProperty("micronaut.http.services.customer-directory.url", directory.baseUrl());
        System.out.println("Customer directory stub (WireMock) on " + directory.baseUrl());
        Application.main(args);
    }
}
