package dev.multivendor.vendora;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.multivendor.vendora.api.ApiRequest;
import dev.multivendor.vendora.api.ApiResponse;
import dev.multivendor.vendora.api.FeedbackOperations;
import dev.multivendor.vendora.api.FeedbackRouter;
import dev.multivendor.vendora.api.Json;
import dev.multivendor.vendora.store.FeedbackStore;
import dev.multivendor.vendora.store.FeedbackStores;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.cloud.function.adapter.aws.AWSCompanionAutoConfiguration;
import org.springframework.cloud.function.context.FunctionRegistration;
import org.springframework.cloud.function.context.catalog.FunctionTypeUtils;
import org.springframework.cloud.function.context.config.ContextFunctionCatalogInitializer;
import org.springframework.cloud.function.json.JacksonMapper;
import org.springframework.cloud.function.json.JsonMapper;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.messaging.converter.MessageConverter;

import java.lang.System.Logger.Level;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.function.Function;

/**
 * The Spring application, registered functionally: no component scanning, no auto-configuration, no
 * configuration-class parsing, no annotation processing. Because it is an {@link ApplicationContextInitializer},
 * Spring Cloud Function's {@code FunctionInvoker} starts it with {@code FunctionalSpringApplication} (the start-up
 * path that made the difference in the cold-start benchmark; see the README).
 *
 * <p>Functions in the catalog: {@value #API_FUNCTION} (the Lambda entry point, API Gateway event in and out) and
 * the contract's operations {@code createFeedback}, {@code listFeedback}, {@code getFeedback}
 * ({@link ApiRequest} in, {@link ApiResponse} out), which {@value #API_FUNCTION} routes to.
 */
@SpringBootConfiguration(proxyBeanMethods = false) // lets FunctionInvoker pick this class from Start-Class
public class FeedbackApplication implements ApplicationContextInitializer<GenericApplicationContext> {

    /** The function FunctionInvoker invokes (spring.cloud.function.definition in application.properties). */
    public static final String API_FUNCTION = "feedbackApi";

    /** The API Gateway event as a JSON tree (see {@link ApiGatewayEvents} for why not the event class). */
    static final Type EVENT_TYPE = ResolvableType.forClassWithGenerics(Map.class, String.class, Object.class).getType();

    private static final String JODA_ZONE_PROVIDER = "org.joda.time.DateTimeZone.Provider";
    private static final System.Logger LOG = System.getLogger(FeedbackApplication.class.getName());

    @Override
    public void initialize(GenericApplicationContext context) {
        // Spring Cloud Function's default JSON mapper registers Jackson's Joda module, which initialises Joda's zone
        // provider. JsonMapperOverride below replaces that mapper, but should anything still build it: the artifact
        // leaves out Joda's zone database (no Joda type is ever read here), so say UTC-only up front instead of a
        // failed resource lookup (and its logged stack trace) during a cold start.
        if (System.getProperty(JODA_ZONE_PROVIDER) == null) {
            System.setProperty(JODA_ZONE_PROVIDER, "org.joda.time.tz.UTCProvider");
        }
        // Every bean here is registered with a supplier: nothing to autowire, no @PostConstruct, no @EventListener.
        // Spring Cloud Function registers the annotation post-processors only if nothing holds this name yet (it
        // puts its own no-op there to keep configuration-class parsing out); doing so first keeps them all out
        // (~130 classes and a reflective scan of every bean type at start). The one annotation it would have
        // served is SimpleFunctionRegistry's optional @Autowired FunctionAroundWrapper (an observability hook this
        // function does not have).
        context.registerBean(AnnotationConfigUtils.CONFIGURATION_ANNOTATION_PROCESSOR_BEAN_NAME,
                ContextFunctionCatalogInitializer.DummyProcessor.class, ContextFunctionCatalogInitializer.DummyProcessor::new);
        context.registerBean(JsonMapperOverride.class, JsonMapperOverride::new);
        context.registerBean(FeedbackStore.class, () -> {
            FeedbackStore store = FeedbackStores.fromEnvironment(context.getEnvironment()::getProperty);
            LOG.log(Level.INFO, "Feedback store: " + store.describe());
            return store;
        });
        context.registerBean(FeedbackOperations.class, () -> new FeedbackOperations(context.getBean(FeedbackStore.class)));
        registerOperation(context, FeedbackRouter.CREATE, ops -> ops::createFeedback);
        registerOperation(context, FeedbackRouter.LIST, ops -> ops::listFeedback);
        registerOperation(context, FeedbackRouter.GET, ops -> ops::getFeedback);

        context.registerBean(API_FUNCTION, FunctionRegistration.class, () -> {
            FeedbackRouter router = new FeedbackRouter(Map.of(
                    FeedbackRouter.CREATE, operation(context, FeedbackRouter.CREATE),
                    FeedbackRouter.LIST, operation(context, FeedbackRouter.LIST),
                    FeedbackRouter.GET, operation(context, FeedbackRouter.GET)));
            Function<Map<String, Object>, APIGatewayProxyResponseEvent> api =
                    event -> ApiGatewayEvents.toResponseEvent(router.apply(ApiGatewayEvents.toApiRequest(event)));
            return new FunctionRegistration<>(api, API_FUNCTION).type(
                    FunctionTypeUtils.functionType(EVENT_TYPE, APIGatewayProxyResponseEvent.class));
        });

        // Functional mode skips @Configuration classes, so the adapter's converter for API Gateway messages
        // (which AWSCompanionAutoConfiguration would declare) is registered here.
        context.registerBean("awsTypesMessageConverter", MessageConverter.class,
                () -> new AWSCompanionAutoConfiguration().awsTypesMessageConverter(context));
        context.registerBean(SnapStartPriming.class,
                () -> SnapStartPriming.register(apiFunction(context)));
    }

    /**
     * Spring Cloud Function's JSON mapper (it reads the event and writes the response event) becomes the API's own
     * {@link Json#MAPPER}. The default one is a second Jackson mapper built with the Joda module: ~140 more classes
     * to load and a second set of serializer caches to fill on the first call. Spring Cloud Function registers its
     * mapper unconditionally (while its catalog registers itself, after this initializer ran) and Spring Boot forbids
     * overriding bean definitions, so this post-processor, which runs after that registration, swaps the definition.
     */
    static final class JsonMapperOverride implements BeanDefinitionRegistryPostProcessor {

        static final String BEAN_NAME = JsonMapper.class.getName(); // the name Spring Cloud Function registers it under

        @Override
        public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
            if (registry.containsBeanDefinition(BEAN_NAME)) {
                registry.removeBeanDefinition(BEAN_NAME);
            }
            registry.registerBeanDefinition(BEAN_NAME, BeanDefinitionBuilder
                    .genericBeanDefinition(JsonMapper.class, () -> new JacksonMapper(Json.MAPPER)).getBeanDefinition());
        }

        @Override
        public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        }
    }

    @SuppressWarnings("unchecked")
    static Function<Map<String, Object>, APIGatewayProxyResponseEvent> apiFunction(
            GenericApplicationContext context) {
        return (Function<Map<String, Object>, APIGatewayProxyResponseEvent>)
                context.getBean(API_FUNCTION, FunctionRegistration.class).getTarget();
    }

    private static void registerOperation(GenericApplicationContext context, String operationId,
                                          Function<FeedbackOperations, Function<ApiRequest, ApiResponse>> pick) {
        context.registerBean(operationId, FunctionRegistration.class, () -> new FunctionRegistration<>(
                pick.apply(context.getBean(FeedbackOperations.class)), operationId)
                .type(FunctionTypeUtils.functionType(ApiRequest.class, ApiResponse.class)));
    }

    @SuppressWarnings("unchecked")
    private static Function<ApiRequest, ApiResponse> operation(GenericApplicationContext context, String operationId) {
        return (Function<ApiRequest, ApiResponse>) context.getBean(operationId, FunctionRegistration.class).getTarget();
    }
}
