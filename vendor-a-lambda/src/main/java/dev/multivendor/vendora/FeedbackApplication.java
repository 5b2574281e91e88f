package dev.multivendor.vendora;

import dev.multivendor.vendora.api.FeedbackOperations;
import dev.multivendor.vendora.api.FeedbackRoutes;
import dev.multivendor.vendora.api.Json;
import dev.multivendor.vendora.store.FeedbackStore;
import dev.multivendor.vendora.store.FeedbackStores;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.cloud.function.adapter.aws.AWSCompanionAutoConfiguration;
import org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.MessageRoutingCallback;
import org.springframework.cloud.function.json.JacksonMapper;
import org.springframework.cloud.function.json.JsonMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.messaging.Message;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.function.Function;

/**
 * Vendor A's Customer Feedback API as Spring Cloud Function beans. Lambda's handler is Spring Cloud Function's
 * {@code FunctionInvoker}; {@code spring.cloud.function.definition=functionRouter} makes it hand every API Gateway
 * event to Spring Cloud Function's {@code RoutingFunction}, which asks {@link #feedbackRoutes} for the function to
 * call: one per contract operation ({@code createFeedback}, {@code listFeedback}, {@code getFeedback}, named by
 * their operationIds) and two for requests no operation takes ({@code routeNotFound}, {@code methodNotAllowed}).
 *
 * <p>Auto-configuration is limited to what the AWS adapter needs ({@code @ImportAutoConfiguration}, not
 * {@code @SpringBootApplication}: the latter loads some 250 more classes at a cold start and scans for components
 * this application does not have). The packaged artifact runs with Spring's ahead-of-time processing (see the
 * README).
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({ContextFunctionCatalogAutoConfiguration.class, AWSCompanionAutoConfiguration.class})
public class FeedbackApplication {

    private static final System.Logger LOG = System.getLogger(FeedbackApplication.class.getName());

    /** Lambda starts the application through FunctionInvoker; Spring Boot's AOT processing starts it here. */
    public static void main(String[] args) {
        SpringApplication.run(FeedbackApplication.class, args);
    }

    /**
     * Spring Cloud Function's JSON mapper (it reads the event and writes the proxy response) around the API's own
     * Jackson mapper: one mapper, not a second one with the Joda module (Spring Cloud Function's default backs off
     * when the application declares its own).
     */
    @Bean
    JsonMapper jsonMapper() {
        return new JacksonMapper(Json.MAPPER);
    }

    @Bean
    FeedbackStore feedbackStore(Environment environment) {
        FeedbackStore store = FeedbackStores.fromEnvironment(environment::getProperty);
        LOG.log(Level.INFO, "Feedback store: " + store.describe());
        return store;
    }

    @Bean
    FeedbackOperations feedbackOperations(FeedbackStore store) {
        return new FeedbackOperations(store);
    }

    @Bean
    Function<byte[], Message<byte[]>> createFeedback(FeedbackOperations operations) {
        return ApiGatewayEvents.function(operations::createFeedback);
    }

    @Bean
    Function<byte[], Message<byte[]>> listFeedback(FeedbackOperations operations) {
        return ApiGatewayEvents.function(operations::listFeedback);
    }

    @Bean
    Function<byte[], Message<byte[]>> getFeedback(FeedbackOperations operations) {
        return ApiGatewayEvents.function(operations::getFeedback);
    }

    @Bean
    Function<byte[], Message<byte[]>> routeNotFound() {
        return ApiGatewayEvents.function(FeedbackRoutes::routeNotFound);
    }

    @Bean
    Function<byte[], Message<byte[]>> methodNotAllowed() {
        return ApiGatewayEvents.function(FeedbackRoutes::methodNotAllowed);
    }

    /**
     * Spring Cloud Function's routing strategy for one Lambda serving several operations: picks the function by
     * the event's HTTP method and path. The adapter passes the event JSON as the message payload and only the
     * HTTP headers as message headers, so method and path are read from the payload.
     */
    @Bean
    MessageRoutingCallback feedbackRoutes() {
        return new MessageRoutingCallback() {
            @Override
            public String routingResult(Message<?> message) {
                Map<String, Object> event = ApiGatewayEvents.read((byte[]) message.getPayload());
                return FeedbackRoutes.operationFor(ApiGatewayEvents.text(event.get("httpMethod")),
                        ApiGatewayEvents.text(event.get("path")));
            }
        };
    }

    /** Registered eagerly (the rest is lazy): it must exist before Lambda takes the SnapStart snapshot. */
    @Bean
    @Lazy(false)
    SnapStartPriming snapStartPriming(FunctionCatalog catalog, JsonMapper jsonMapper, Environment environment) {
        return SnapStartPriming.register(catalog, jsonMapper,
                environment.getProperty("spring.cloud.function.definition", "functionRouter"));
    }
}
