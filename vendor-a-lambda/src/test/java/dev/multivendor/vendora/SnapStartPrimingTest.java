package dev.multivendor.vendora;

import dev.multivendor.vendora.api.Json;
import dev.multivendor.vendora.store.FeedbackStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.function.adapter.aws.AWSCompanionAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SnapStartPrimingTest {

    @Test
    void primesTheRealRequestPathWithAReadOnlyRequestBeforeTheSnapshot() {
        // The context FunctionInvoker starts: the application plus the adapter's configuration.
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(FeedbackApplication.class,
                AWSCompanionAutoConfiguration.class).run("--spring.main.web-application-type=none")) {
            SnapStartPriming priming = context.getBean(SnapStartPriming.class);
            assertNull(priming.lastPrimingResponse());

            priming.beforeCheckpoint(null);

            Map<?, ?> response = priming.lastPrimingResponse();
            assertEquals(404, response.get("statusCode"));
            Map<?, ?> problem = Json.MAPPER.readValue((String) response.get("body"), Map.class);
            assertEquals("No feedback with id 00000000-0000-0000-0000-000000000000.", problem.get("detail"),
                    "routed to getFeedback, which asked the store");
            assertEquals("snapstart-priming", ((Map<?, ?>) response.get("headers")).get("X-Request-Id"));
            assertEquals(List.of(), context.getBean(FeedbackStore.class).listByCustomer("cust-1042", 100),
                    "nothing written");
        }
    }
}
