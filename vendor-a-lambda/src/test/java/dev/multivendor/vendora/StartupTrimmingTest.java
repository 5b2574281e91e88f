package dev.multivendor.vendora;

import dev.multivendor.vendora.api.Json;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.cloud.function.json.JacksonMapper;
import org.springframework.cloud.function.json.JsonMapper;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The start-up trimming keeps what the function needs: its configuration, its logging levels, one JSON mapper. */
class StartupTrimmingTest {

    @Test
    void applicationPropertiesAreReadAfterTheEnvironmentAndBeforeDefaults() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addLast(new MapPropertySource("defaultProperties", Map.of()));

        new StartupTrimming.ApplicationProperties().postProcessEnvironment(environment, new SpringApplication());

        assertEquals(FeedbackApplication.API_FUNCTION, environment.getProperty("spring.cloud.function.definition"));
        assertEquals("WARN", environment.getProperty(
                "logging.level.org.springframework.cloud.function.adapter.aws.AWSLambdaUtils"));
        List<String> order = environment.getPropertySources().stream().map(s -> s.getName()).toList();
        assertEquals(List.of(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, StartupTrimming.PROPERTY_SOURCE_NAME,
                "defaultProperties"), order);
    }

    @Test
    void dropsOnlyUnusedListenersAndOnlyForThisApplication() {
        SpringApplication feedback = new SpringApplication(FeedbackApplication.class);
        int before = feedback.getListeners().size();
        new StartupTrimming(feedback, new String[0]);
        // The unused ones and Boot's logging system (replaced by configureLogging) go; the post-processor listener stays.
        assertEquals(before - StartupTrimming.UNUSED_LISTENERS.size() - 1, feedback.getListeners().size());
        assertFalse(feedback.getListeners().stream().anyMatch(l -> l.getClass().getSimpleName().equals("LoggingApplicationListener")));
        assertTrue(feedback.getListeners().stream().anyMatch(l -> l.getClass().getSimpleName().equals("EnvironmentPostProcessorApplicationListener")));
        assertFalse(feedback.getListeners().stream().anyMatch(l -> StartupTrimming.UNUSED_LISTENERS.contains(l.getClass().getName())));

        SpringApplication other = new SpringApplication(Object.class);
        int otherBefore = other.getListeners().size();
        new StartupTrimming(other, new String[0]);
        assertEquals(otherBefore, other.getListeners().size());
    }

    @Test
    void loggingLevelsFromApplicationPropertiesApplyAndTheEnvironmentCanOverrideThem() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("override",
                Map.of("logging.level.dev.multivendor.vendora.test.Overridden", "debug")));
        environment.getPropertySources().addLast(new MapPropertySource("file", Map.of(
                "logging.level.dev.multivendor.vendora.test.Quiet", "WARN",
                "logging.level.dev.multivendor.vendora.test.Overridden", "ERROR")));

        StartupTrimming.configureLogging(Set.of("logging.level.dev.multivendor.vendora.test.Quiet",
                "logging.level.dev.multivendor.vendora.test.Overridden", "spring.cloud.function.definition"), environment);

        assertEquals(Level.WARNING, Logger.getLogger("dev.multivendor.vendora.test.Quiet").getLevel());
        assertEquals(Level.FINE, Logger.getLogger("dev.multivendor.vendora.test.Overridden").getLevel());
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            if (handler instanceof ConsoleHandler) {
                assertTrue(handler.getFormatter() instanceof org.springframework.boot.logging.java.SimpleFormatter);
            }
        }
    }

    @Test
    void theAdapterDoesNotLogEventBodies() {
        // application.properties keeps AWSLambdaUtils (it logs every received event, bodies included) at WARN.
        Lambda.start();
        assertFalse(Logger.getLogger("org.springframework.cloud.function.adapter.aws.AWSLambdaUtils").isLoggable(Level.INFO));
    }

    @Test
    void theFunctionCatalogsJsonMapperIsTheApisMapper() {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            // What Spring Cloud Function registers (its default mapper), then this application's override.
            context.registerBean(JsonMapper.class, () -> new JacksonMapper(new tools.jackson.databind.ObjectMapper()));
            context.registerBean(FeedbackApplication.JsonMapperOverride.class, FeedbackApplication.JsonMapperOverride::new);
            context.refresh();

            assertEquals(1, context.getBeansOfType(JsonMapper.class).size());
            assertSame(Json.MAPPER, ((JacksonMapper) context.getBean(JsonMapper.class)).getObjectMapper());
        }
    }
}
