package dev.multivendor.vendora;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.support.EnvironmentPostProcessorApplicationListener;
import org.springframework.boot.support.EnvironmentPostProcessorsFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * Trims the Spring Boot start that {@code FunctionInvoker} runs for {@link FeedbackApplication} (it creates the
 * {@code SpringApplication} itself, so this run listener, registered in {@code META-INF/spring.factories}, is where
 * the application gets configured). Measured with the cold-start benchmark (see the README):
 * <ul>
 * <li>configuration: Spring Boot's config-data machinery (locations, profiles, imports, YAML, the binder behind them;
 * ~200 classes) is replaced by {@link ApplicationProperties}: {@code application.properties} from the classpath, with
 * system properties and environment variables before it, as before. Profiles, {@code spring.config.*} and YAML files
 * are not supported for this function: it is configured by the environment Lambda sets;</li>
 * <li>listeners for features a Lambda handler never uses: clearing reflection caches after start, closing a parent
 * context, the {@code spring.mandatory-file-encoding} check and ANSI console colours.</li>
 * </ul>
 * Logging ({@code logging.level.*}) and the context initializers (the function catalog among them) are untouched.
 * Other Spring applications on the same class path (none today) are left alone.
 */
public final class StartupTrimming implements SpringApplicationRunListener {

    static final String PROPERTY_SOURCE_NAME = "applicationProperties [classpath:application.properties]";
    private static final String DEFAULT_PROPERTIES = "defaultProperties";
    /** By name: the first is not public. */
    static final Set<String> UNUSED_LISTENERS = Set.of(
            "org.springframework.boot.ClearCachesApplicationListener",
            "org.springframework.boot.builder.ParentContextCloserApplicationListener",
            "org.springframework.boot.context.FileEncodingApplicationListener",
            "org.springframework.boot.support.AnsiOutputApplicationListener");

    public StartupTrimming(SpringApplication application, String[] args) {
        if (!application.getAllSources().contains(FeedbackApplication.class)) {
            return;
        }
        List<ApplicationListener<?>> listeners = new ArrayList<>();
        for (ApplicationListener<?> listener : application.getListeners()) {
            if (listener instanceof EnvironmentPostProcessorApplicationListener) {
                listeners.add(EnvironmentPostProcessorApplicationListener.with(
                        EnvironmentPostProcessorsFactory.of(ApplicationProperties.class)));
            } else if (!UNUSED_LISTENERS.contains(listener.getClass().getName())) {
                listeners.add(listener);
            }
        }
        application.setListeners(listeners);
    }

    /** {@code classpath:application.properties} as one property source, after system properties and the environment. */
    public static final class ApplicationProperties implements EnvironmentPostProcessor {

        @Override
        public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
            Properties properties;
            try {
                properties = PropertiesLoaderUtils.loadProperties(new ClassPathResource("application.properties"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read application.properties", e);
            }
            PropertiesPropertySource source = new PropertiesPropertySource(PROPERTY_SOURCE_NAME, properties);
            MutablePropertySources sources = environment.getPropertySources();
            if (sources.contains(DEFAULT_PROPERTIES)) {
                sources.addBefore(DEFAULT_PROPERTIES, source);
            } else {
                sources.addLast(source);
            }
        }
    }
}
