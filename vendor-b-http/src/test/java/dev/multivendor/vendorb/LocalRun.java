package dev.multivendor.vendorb;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;

/**
 * Serves the API on localhost with a local PostgreSQL server and the customer directory stubbed by WireMock from
 * {@code src/test/resources/wiremock/mappings} (cust-1042 gold, cust-2001 platinum, cust-slow 5 s, anyone else
 * unknown). Run by {@code ./mvnw -pl vendor-b-http -am package -DskipTests -Plocal}; see README.md.
 *
 * <p>The database is the same embedded PostgreSQL server the tests use, with its data kept in
 * {@code vendor-b-http/target/local-postgres} (override with {@code LOCAL_POSTGRES_DATA}): tickets survive a
 * restart of the local run, and {@code ./mvnw clean} deletes them. Ports: {@code MICRONAUT_SERVER_PORT} (8080) for
 * the API, {@code DIRECTORY_STUB_PORT} (8089) for the stub, {@code LOCAL_POSTGRES_PORT} (5433) for PostgreSQL
 * (user {@code postgres}, no password, database {@code tickets}).
 */
final class LocalRun {

    private LocalRun() {
    }

    public static void main(String[] args) {
        int stubPort = Integer.parseInt(System.getenv().getOrDefault("DIRECTORY_STUB_PORT", "8089"));
        int postgresPort = Integer.parseInt(System.getenv().getOrDefault("LOCAL_POSTGRES_PORT", "5433"));
        Path data = Path.of(System.getenv().getOrDefault("LOCAL_POSTGRES_DATA",
                TestDatabase.TARGET.resolve("local-postgres").toString())).toAbsolutePath();

        TestDatabase database = TestDatabase.start(data, postgresPort, false);
        Runtime.getRuntime().addShutdownHook(new Thread(database::close));
        System.setProperty("datasources.default.url", database.database("tickets"));
        System.setProperty("datasources.default.username", TestDatabase.USER);
        System.setProperty("datasources.default.password", "");
        System.out.println("PostgreSQL on " + database.url("tickets") + ", data in " + data);

        WireMockServer directory = new WireMockServer(options().port(stubPort).bindAddress("127.0.0.1")
                .usingFilesUnderDirectory(System.getProperty("vendorb.stub.mappings", "src/test/resources/wiremock")));
        directory.start();
        Runtime.getRuntime().addShutdownHook(new Thread(directory::stop));
        System.setProperty("micronaut.http.services.customer-directory.url", directory.baseUrl());
        System.out.println("Customer directory stub (WireMock) on " + directory.baseUrl());
        Application.main(args);
    }
}
