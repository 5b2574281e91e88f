package dev.multivendor.rehearsal.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Resource matching as API Gateway REST APIs do it ("Set up a proxy integration with a proxy resource": a greedy
 * {@code {proxy+}} matches the remaining segments and more specific resources take precedence,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-set-up-simple-proxy.html).
 */
class ResourceMatcherTest {

    private static final List<String> RESOURCES = List.of("/", "/v1/tickets", "/v1/tickets/{ticketId}",
            "/v1/tickets/export", "/files/{proxy+}");

    @Test
    void prefersALiteralSegmentToAPathVariable() {
        assertEquals("/v1/tickets/export", ResourceMatcher.match(RESOURCES, "/v1/tickets/export").orElseThrow().resourcePath());
        ResourceMatcher.Match byId = ResourceMatcher.match(RESOURCES, "/v1/tickets/t-42").orElseThrow();
        assertEquals("/v1/tickets/{ticketId}", byId.resourcePath());
        assertEquals(Map.of("ticketId", "t-42"), byId.pathParameters());
    }

    @Test
    void decodesPathParametersAndLetsAGreedyVariableTakeTheRestOfThePath() {
        assertEquals(Map.of("ticketId", "a b"), ResourceMatcher.match(RESOURCES, "/v1/tickets/a%20b").orElseThrow().pathParameters());
        ResourceMatcher.Match file = ResourceMatcher.match(RESOURCES, "/files/a/b/c.txt").orElseThrow();
        assertEquals("/files/{proxy+}", file.resourcePath());
        assertEquals(Map.of("proxy", "a/b/c.txt"), file.pathParameters());
    }

    @Test
    void matchesTheRootAndNothingForAPathNoResourceHas() {
        assertEquals("/", ResourceMatcher.match(RESOURCES, "/").orElseThrow().resourcePath());
        assertTrue(ResourceMatcher.match(RESOURCES, "/v1/unknown").isEmpty());
        assertTrue(ResourceMatcher.match(RESOURCES, "/v1/tickets/1/comments").isEmpty());
        assertTrue(ResourceMatcher.match(RESOURCES, "/files").isEmpty(), "a greedy variable needs at least one segment");
    }
}
