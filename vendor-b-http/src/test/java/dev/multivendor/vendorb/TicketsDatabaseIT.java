package dev.multivendor.vendorb;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.model.Request.Method;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API over HTTP with PostgreSQL behind it: what is created is one complete row, survives a restart of the
 * service, and when the database is down or too slow the API answers a 503 problem within the budget its
 * timeouts set, and nothing is half-written. The budget per test: the pool's wait for a connection (database down)
 * or the server's statement timeout (database slow), each plus what a loaded machine may add.
 */
class TicketsDatabaseIT {

    private static final Duration SLACK = Duration.ofMillis(2_500);
    private static final Duration CONNECTION_TIMEOUT = Duration.ofMillis(1_000);
    private static final Duration STATEMENT_TIMEOUT = Duration.ofMillis(500);
    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    private WireMockServer directory;
    private TestApp app;
    private TestDatabase ownDatabase;

    @BeforeEach
    void startDirectory() {
        directory = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
                .usingFilesUnderDirectory("src/test/resources/wiremock"));
        directory.start();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        if (ownDatabase != null) {
            ownDatabase.close();
        }
        directory.stop();
    }

    @Test
    void storesATicketCreatedOverHttpAsOneCompleteRow() throws SQLException {
        app = TestApp.start(directory.baseUrl(), Map.of());

        HttpResponse<String> created = app.postJson("/v1/tickets", TestApp.event("create-ticket.json"));

        assertEquals(201, created.statusCode(), created.body());
        UUID id = idOf(created);
        try (Connection connection = TestDatabase.shared().connect("tickets");
             PreparedStatement query = connection.prepareStatement(
                     "SELECT customer_id, priority, customer_tier, response_due_by - created_at FROM ticket WHERE id = ?")) {
            query.setObject(1, id);
            ResultSet row = query.executeQuery();
            assertTrue(row.next(), "no row for " + id);
            assertEquals("cust-1042", row.getString(1));
            assertEquals("high", row.getString(2));
            assertEquals("gold", row.getString(3));
            assertEquals("04:00:00", row.getString(4));
        }
        HttpResponse<String> read = app.get("/v1/tickets/" + id);
        assertEquals(200, read.statusCode());
        assertEquals(created.body(), read.body());
    }

    @Test
    void readsTheSameTicketBackAfterTheServiceRestarts() {
        app = TestApp.start(directory.baseUrl(), Map.of());
        HttpResponse<String> created = app.postJson("/v1/tickets", TestApp.event("create-ticket.json"));
        assertEquals(201, created.statusCode(), created.body());
        app.close();

        app = TestApp.start(directory.baseUrl(), Map.of());
        HttpResponse<String> read = app.get("/v1/tickets/" + idOf(created));

        assertEquals(200, read.statusCode(), read.body());
        assertEquals(created.body(), read.body());
    }

    @Test
    void answers503WithinTheBudgetWhenTheDatabaseIsDownAndStoresNothing() throws SQLException {
        ownDatabase = TestDatabase.start(Path.of("target", "test-postgres", "down-" + UUID.randomUUID()), 0, true);
        app = TestApp.start(directory.baseUrl(), ownDatabaseSettings());
        String body = TestApp.event("create-ticket.json").replace("Parcel marked", "Down-test parcel marked");
        ownDatabase.stop();

        HttpResponse<String> refused = within(CONNECTION_TIMEOUT.plus(SLACK), () -> app.postJson("/v1/tickets", body));
        HttpResponse<String> read = within(CONNECTION_TIMEOUT.plus(SLACK),
                () -> app.get("/v1/tickets/5c2d9f10-3b7a-4e1c-8d2f-6a9b0c1d2e3f"));

        assertDatabaseProblem(refused);
        Contract.assertConforms(Method.POST, "/v1/tickets", refused);
        assertTrue(refused.body().contains("the ticket was not created"), refused.body());
        assertDatabaseProblem(read);
        ownDatabase.restart();
        assertEquals(0, rowsWithSubjectStarting("Down-test", ownDatabase));
        HttpResponse<String> afterwards = createdOnceTheDatabaseIsBack(body, CONNECTION_TIMEOUT.multipliedBy(3).plus(SLACK));
        assertEquals(201, afterwards.statusCode(), "the service recovers when the database is back: " + afterwards.body());
        assertEquals(1, rowsWithSubjectStarting("Down-test", ownDatabase));
    }

    @Test
    void answers503WithinTheBudgetWhenTheDatabaseIsTooSlowAndRollsTheTicketBack() throws SQLException {
        app = TestApp.start(directory.baseUrl(), Map.of(
                "datasources.default.data-source-properties.options",
                "-c statement_timeout=" + STATEMENT_TIMEOUT.toMillis()));
        assertEquals(201, app.postJson("/v1/tickets", TestApp.event("create-ticket.json")).statusCode());
        String body = TestApp.event("create-ticket.json").replace("Parcel marked", "Slow-test parcel marked");

        try (Connection blocker = TestDatabase.shared().connect("tickets")) {
            // Another session holds the table: every statement on it waits until the server's statement timeout.
            blocker.setAutoCommit(false);
            try (Statement lock = blocker.createStatement()) {
                lock.execute("LOCK TABLE ticket IN ACCESS EXCLUSIVE MODE");
            }
            HttpResponse<String> refused = within(STATEMENT_TIMEOUT.plus(SLACK),
                    () -> app.postJson("/v1/tickets", body));

            assertDatabaseProblem(refused);
            Contract.assertConforms(Method.POST, "/v1/tickets", refused);
            blocker.rollback();
        }
        assertEquals(0, rowsWithSubjectStarting("Slow-test", TestDatabase.shared()));
        assertEquals(201, app.postJson("/v1/tickets", body).statusCode());
    }

    private Map<String, Object> ownDatabaseSettings() {
        Map<String, Object> settings = new HashMap<>(ownDatabase.datasource("tickets"));
        settings.put("datasources.default.connection-timeout", CONNECTION_TIMEOUT.toMillis());
        settings.put("datasources.default.validation-timeout", 250);
        return settings;
    }

    private static void assertDatabaseProblem(HttpResponse<String> response) {
        assertEquals(503, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().contains("\"title\":\"Ticket database unavailable\""), response.body());
        assertEquals("1", response.headers().firstValue("Retry-After").orElse(""));
        assertFalse(response.body().contains("Exception"), "no exception class or stack trace: " + response.body());
        assertFalse(response.body().contains("postgres"), "no driver message: " + response.body());
    }

    private static int rowsWithSubjectStarting(String prefix, TestDatabase database) throws SQLException {
        try (Connection connection = database.connect("tickets");
             PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM ticket WHERE subject LIKE ?")) {
            query.setString(1, prefix + "%");
            ResultSet result = query.executeQuery();
            result.next();
            return result.getInt(1);
        }
    }

    private static UUID idOf(HttpResponse<String> created) {
        Matcher matcher = ID.matcher(created.body());
        assertTrue(matcher.find(), created.body());
        return UUID.fromString(matcher.group(1));
    }

    /**
     * The pool opens new connections in the background once the server is back, so the first attempts may still get
     * the database problem (and must get nothing else); within {@code bound} the ticket is created, without a restart
     * of the service. The caller checks that exactly one row was written.
     */
    private HttpResponse<String> createdOnceTheDatabaseIsBack(String body, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            HttpResponse<String> response = app.postJson("/v1/tickets", body);
            if (response.statusCode() == 201 || System.nanoTime() > deadline) {
                return response;
            }
            assertDatabaseProblem(response);
        }
    }

    private static HttpResponse<String> within(Duration bound, Supplier<HttpResponse<String>> call) {
        long start = System.nanoTime();
        HttpResponse<String> response = call.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(bound) < 0, "took " + took.toMillis() + " ms, expected under " + bound.toMillis());
        return response;
    }
}
