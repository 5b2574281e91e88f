package dev.multivendor.vendorb;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.model.Request.Method;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract's operations and every kind of bad input, over real HTTP, each response checked against the contract. */
class TicketsApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST_ID = "3f0c9a9e-5d0b-4a52-a9f5-1c7a3bb1f2aa";
    private static WireMockServer directory;
    private static TestApp app;

    @BeforeAll
    static void start() {
        directory = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        directory.start();
        app = TestApp.start(directory.baseUrl(), Map.of());
    }

    @AfterAll
    static void stop() {
        app.close();
        directory.stop();
    }

    @BeforeEach
    void stubDirectory() {
        directory.resetAll();
        directory.stubFor(get("/customers/cust-1042").willReturn(okJson("{\"id\":\"cust-1042\",\"tier\":\"gold\"}")));
        directory.stubFor(get("/customers/cust-9999").willReturn(aResponse().withStatus(404)));
    }

    @Test
    void createsATicketWithTheDeadlineOfTheCustomersTierAndReadsItBack() throws Exception {
        HttpResponse<String> created = app.postJson("/v1/tickets", TestApp.event("create-ticket.json"),
                "X-Request-Id", REQUEST_ID);

        assertEquals(201, created.statusCode(), created.body());
        Contract.assertConforms(Method.POST, "/v1/tickets", created);
        JsonNode ticket = JSON.readTree(created.body());
        assertEquals("cust-1042", ticket.get("customerId").asText());
        assertEquals("high", ticket.get("priority").asText());
        assertEquals("open", ticket.get("status").asText());
        assertEquals("gold", ticket.get("customerTier").asText());
        Instant createdAt = Instant.parse(ticket.get("createdAt").asText());
        assertEquals(Duration.ofHours(4), Duration.between(createdAt, Instant.parse(ticket.get("responseDueBy").asText())));
        String location = created.headers().firstValue("Location").orElseThrow();
        assertEquals("/v1/tickets/" + ticket.get("id").asText(), location);
        assertEquals(REQUEST_ID, created.headers().firstValue("X-Request-Id").orElseThrow());
        directory.verify(1, getRequestedFor(urlEqualTo("/customers/cust-1042"))
                .withHeader("X-Request-Id", com.github.tomakehurst.wiremock.client.WireMock.equalTo(REQUEST_ID)));

        HttpResponse<String> read = app.get(location);
        assertEquals(200, read.statusCode());
        Contract.assertConforms(Method.GET, location, read);
        assertEquals(ticket, JSON.readTree(read.body()));
    }

    @Test
    void givesAPriorityOfNormalWhenTheClientSendsNone() throws Exception {
        HttpResponse<String> created = app.postJson("/v1/tickets",
                "{\"customerId\":\"cust-1042\",\"subject\":\"Hello\",\"description\":\"World\"}");

        assertEquals(201, created.statusCode(), created.body());
        assertEquals("normal", JSON.readTree(created.body()).get("priority").asText());
    }

    @Test
    void generatesARequestIdWhenTheClientSendsNone() throws Exception {
        HttpResponse<String> response = app.get("/v1/tickets/5c2d9f10-3b7a-4e1c-8d2f-6a9b0c1d2e3f");

        String generated = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertTrue(generated.matches("^[A-Za-z0-9._-]{1,128}$"), generated);
        assertEquals(generated, problem(response).get("requestId").asText());
    }

    @Test
    void answers422WhenTheDirectoryDoesNotKnowTheCustomer() throws Exception {
        HttpResponse<String> response = app.postJson("/v1/tickets", TestApp.event("create-ticket-unknown-customer.json"));

        assertEquals(422, response.statusCode());
        Contract.assertConforms(Method.POST, "/v1/tickets", response);
        assertEquals("https://api.multivendor.dev/problems/unknown-customer", problem(response).get("type").asText());
    }

    @Test
    void namesEveryInvalidFieldOfAnInvalidBody() throws Exception {
        HttpResponse<String> response = app.postJson("/v1/tickets", TestApp.event("create-ticket-invalid.json"));

        assertEquals(400, response.statusCode());
        Contract.assertConforms(Method.POST, "/v1/tickets", response);
        JsonNode errors = problem(response).get("errors");
        assertEquals(3, errors.size(), errors.toString());
        assertEquals("customerId", errors.get(0).get("field").asText());
        assertEquals("priority", errors.get(1).get("field").asText());
        assertEquals("subject", errors.get(2).get("field").asText());
        directory.verify(0, getRequestedFor(urlEqualTo("/customers/cust 1042!")));
    }

    @Test
    void namesMissingRequiredFields() throws Exception {
        HttpResponse<String> response = app.postJson("/v1/tickets", "{\"subject\":\"Hi\"}");

        assertEquals(400, response.statusCode());
        Contract.assertConforms(Method.POST, "/v1/tickets", response);
        JsonNode errors = problem(response).get("errors");
        assertEquals("customerId", errors.get(0).get("field").asText());
        assertEquals("description", errors.get(1).get("field").asText());
    }

    @Test
    void rejectsAPropertyTheContractDoesNotDefine() throws Exception {
        HttpResponse<String> response = app.postJson("/v1/tickets", TestApp.event("create-ticket-unknown-property.json"));

        assertEquals(400, response.statusCode());
        Contract.assertConforms(Method.POST, "/v1/tickets", response);
        assertEquals("assignee", problem(response).get("errors").get(0).get("field").asText());
    }

    @Test
    void answersMalformedJsonWithAProblemAndNoParserDetails() throws Exception {
        HttpResponse<String> response = app.postJson("/v1/tickets", TestApp.event("create-ticket-malformed.json"));

        assertEquals(400, response.statusCode());
        Contract.assertConforms(Method.POST, "/v1/tickets", response);
        assertNoInternals(response);
    }

    @Test
    void answersAJsonValueOfTheWrongShapeWith400() throws Exception {
        HttpResponse<String> response = app.postJson("/v1/tickets", "[1, 2, 3]");

        assertEquals(400, response.statusCode());
        Contract.assertConforms(Method.POST, "/v1/tickets", response);
        assertNoInternals(response);
    }

    @Test
    void answersAnEmptyBodyWith400() {
        HttpResponse<String> response = app.postJson("/v1/tickets", "");

        assertEquals(400, response.statusCode());
        Contract.assertConforms(Method.POST, "/v1/tickets", response);
    }

    @Test
    void answersABodyOverTheConfiguredLimitWith413() {
        String huge = "{\"customerId\":\"cust-1042\",\"subject\":\"s\",\"description\":\"" + "x".repeat(20_000) + "\"}";

        HttpResponse<String> response = app.postJson("/v1/tickets", huge);

        assertEquals(413, response.statusCode());
        Contract.assertConforms(Method.POST, "/v1/tickets", response);
        directory.verify(0, getRequestedFor(urlEqualTo("/customers/cust-1042")));
    }

    @Test
    void answersAWrongContentTypeWith415() {
        HttpResponse<String> response = app.send(app.request("/v1/tickets")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(TestApp.event("create-ticket.json"))).build());

        assertEquals(415, response.statusCode());
        Contract.assertConforms(Method.POST, "/v1/tickets", response);
    }

    @Test
    void answersAMissingContentTypeWith415() {
        HttpResponse<String> response = app.send(app.request("/v1/tickets")
                .POST(HttpRequest.BodyPublishers.ofString(TestApp.event("create-ticket.json"))).build());

        assertEquals(415, response.statusCode());
        Contract.assertConforms(Method.POST, "/v1/tickets", response);
        directory.verify(0, getRequestedFor(urlEqualTo("/customers/cust-1042")));
    }

    @Test
    void answersAnUnknownTicketWith404() {
        String path = "/v1/tickets/5c2d9f10-3b7a-4e1c-8d2f-6a9b0c1d2e3f";
        HttpResponse<String> response = app.get(path);

        assertEquals(404, response.statusCode());
        Contract.assertConforms(Method.GET, path, response);
    }

    @Test
    void answersATicketIdThatIsNotAUuidWith400() throws Exception {
        HttpResponse<String> response = app.get("/v1/tickets/1-1-1-1-1");

        assertEquals(400, response.statusCode());
        assertEquals("ticketId", problem(response).get("errors").get(0).get("field").asText());
    }

    @Test
    void answersARequestIdThatBreaksThePatternWith400AndANewId() throws Exception {
        HttpResponse<String> response = app.get("/v1/tickets/5c2d9f10-3b7a-4e1c-8d2f-6a9b0c1d2e3f",
                "X-Request-Id", "x".repeat(129));

        assertEquals(400, response.statusCode());
        JsonNode problem = problem(response);
        assertEquals("X-Request-Id", problem.get("errors").get(0).get("field").asText());
        assertEquals(response.headers().firstValue("X-Request-Id").orElseThrow(), problem.get("requestId").asText());
        assertFalse(problem.get("requestId").asText().startsWith("xxx"));
    }

    @Test
    void answersAnUnknownRouteWith404Problem() throws Exception {
        HttpResponse<String> response = app.get("/v2/tickets");

        assertEquals(404, response.statusCode());
        assertEquals("/v2/tickets", problem(response).get("instance").asText());
    }

    @Test
    void answersAnUnsupportedMethodWith405Problem() throws Exception {
        HttpResponse<String> response = app.send(app.request("/v1/tickets").DELETE().build());

        assertEquals(405, response.statusCode());
        assertEquals(405, problem(response).get("status").asInt());
    }

    @Test
    void reportsLivenessAndReadiness() throws Exception {
        for (String path : new String[] {"/health", "/health/liveness", "/health/readiness"}) {
            HttpResponse<String> response = app.get(path);
            assertEquals(200, response.statusCode(), path);
            assertEquals("UP", JSON.readTree(response.body()).get("status").asText(), path);
        }
    }

    /** The body as a problem document: the media type, the members every problem has, the echoed request id. */
    private static JsonNode problem(HttpResponse<String> response) throws Exception {
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode problem = JSON.readTree(response.body());
        assertEquals(response.statusCode(), problem.get("status").asInt());
        assertNotNull(problem.get("type"), response.body());
        assertNotNull(problem.get("title"), response.body());
        assertNoInternals(response);
        return problem;
    }

    private static void assertNoInternals(HttpResponse<String> response) {
        for (String leak : new String[] {"Exception", "\tat ", "io.micronaut", "java.", "Source:", "line:"}) {
            assertFalse(response.body().contains(leak), () -> "leaks '" + leak + "': " + response.body());
        }
    }
}
