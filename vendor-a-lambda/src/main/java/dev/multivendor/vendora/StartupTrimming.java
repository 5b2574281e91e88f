package dev.multivendor.vendora;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.support.EnvironmentPostProcessorApplicationListener;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.logging.java.SimpleFormatter;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

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
 * context, the {@code spring.mandatory-file-encoding} check and ANSI console colours;</li>
 * <li>logging: Spring Boot's logging system (it re-reads the {@code java.util.logging} configuration and binds
 * {@code logging.*} through its binder; ~90 classes) is replaced by {@link #configureLogging}: the levels of the
 * {@code logging.level.*} entries in {@code application.properties} and Spring Boot's one-line format on the console.
 * Log files, logging groups and {@code logging.pattern.*} are not supported.</li>
 * </ul>
 * The context initializers (the function catalog among them) are untouched. Other Spring applications on the same
 * class path (none today) are left alone.
 */
public final class StartupTrimming implements SpringApplicationRunListener {

    static final String PROPERTY_SOURCE_NAME = "applicationProperties [classpath:application.properties]";
    private static final String DEFAULT_PROPERTIES = "defaultProperties";
    private static final String LOGGING_LEVEL = "logging.level.";
    /** java.util.logging keeps loggers weakly: a configured level lasts only as long as someone holds the logger. */
    private static final Set<Logger> CONFIGURED_LOGGERS = ConcurrentHashMap.newKeySet();
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
            if (listener instanceof LoggingApplicationListener) {
                continue; // see configureLogging
            }
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
            configureLogging(properties.stringPropertyNames(), environment);
        }
    }

    /**
     * Applies the {@code logging.level.<logger>} entries among {@code names} (their values as the environment
     * resolves them, so an environment variable can override one) and gives the console handlers Spring Boot's
     * one-line format (a log event per line in CloudWatch).
     */
    static void configureLogging(Set<String> names, ConfigurableEnvironment environment) {
        for (String name : names) {
            if (name.startsWith(LOGGING_LEVEL)) {
                String loggerName = name.substring(LOGGING_LEVEL.length());
                Logger logger = Logger.getLogger(loggerName.equals("root") ? "" : loggerName);
                logger.setLevel(julLevel(environment.getProperty(name, "INFO")));
                CONFIGURED_LOGGERS.add(logger);
            }
        }
        if (System.getProperty("PID") == null) {
            System.setProperty("PID", Long.toString(ProcessHandle.current().pid())); // Boot's format shows it
        }
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            if (handler instanceof ConsoleHandler && !(handler.getFormatter() instanceof SimpleFormatter)) {
                handler.setFormatter(new SimpleFormatter());
                handler.setLevel(Level.ALL); // as Spring Boot configures it: the loggers' levels decide
            }
        }
    }

    /** Spring Boot's level names (TRACE, DEBUG, INFO, WARN, ERROR, FATAL, OFF) as java.util.logging levels. */
    static Level julLevel(String level) {
        return switch (level.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "TRACE" -> Level.FINEST;
            case "DEBUG" -> Level.FINE;
            case "INFO" -> Level.INFO;
            case "WARN" -> Level.WARNING;
            case "ERROR", "FATAL" -> Level.SEVERE;
            case "OFF" -> Level.OFF;
            default -> throw new IllegalArgumentException("unknown logging level " + level);
        };
    }
}
