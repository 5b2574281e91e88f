package dev.multivendor.vendora;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.aot.AotDetector;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.function.adapter.aws.AWSCompanionAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The priming hook in the start the artifact makes: from the AOT-generated code (compiled into target/classes by
 * the process-aot goal before this runs), as {@code spring.aot.enabled=true} in the artifact's spring.properties
 * selects it.
 */
class SnapStartPrimingIT {

    @AfterEach
    void backToTheRegularStart() {
        System.clearProperty(AotDetector.AOT_ENABLED);
    }

    @Test
    void theAheadOfTimeStartRegistersThePrimingHookAndItReachesTheStore() {
        System.setProperty(AotDetector.AOT_ENABLED, "true");
        assertTrue(AotDetector.useGeneratedArtifacts());
        // As FunctionInvoker starts the application (SpringApplicationBuilder, main class, the adapter's configuration).
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder().main(FeedbackApplication.class)
                .sources(FeedbackApplication.class, AWSCompanionAutoConfiguration.class)
                .run("--spring.main.web-application-type=none")) {
            SnapStartPriming priming = context.getBean(SnapStartPriming.class);

            priming.beforeCheckpoint(null);

            Map<?, ?> response = priming.lastPrimingResponse();
            assertEquals(404, response.get("statusCode"));
            assertTrue(((String) response.get("body")).contains("No feedback with id 00000000-0000-0000-0000-000000000000."),
                    "routed to getFeedback: " + response);
        }
    }
}
