package dev.multivendor.vendora;

import dev.multivendor.vendora.api.Json;
import dev.multivendor.vendora.local.LocalContext;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test fixture: the real Lambda handler, started as Lambda starts it, fed API Gateway events. */
final class Lambda {

    private final FunctionInvoker invoker;

    private Lambda() {
        // Outside the shaded jar there is no Start-Class manifest entry: name the application as Lambda's MAIN_CLASS would.
        System.setProperty("MAIN_CLASS", FeedbackApplication.class.getName());
        this.invoker = new FunctionInvoker();
    }

    static Lambda start() {
        return new Lambda();
    }

    /** Reads a sample event from src/test/resources/events/. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> event(String name) {
        try (InputStream in = Lambda.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample event " + name);
            }
            return new LinkedHashMap<>(Json.MAPPER.readValue(in, Map.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Invokes the handler with the event and returns the proxy response it wrote. */
    @SuppressWarnings("unchecked")
    Map<String, Object> invoke(Map<String, Object> event) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            invoker.handleRequest(new ByteArrayInputStream(Json.MAPPER.writeValueAsBytes(event)), out,
                    new LocalContext("test"));
            return Json.MAPPER.readValue(out.toByteArray(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, Object> invoke(String eventName) {
        return invoke(event(eventName));
    }

    static int status(Map<String, Object> response) {
        return ((Number) response.get("statusCode")).intValue();
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> headers(Map<String, Object> response) {
        return (Map<String, String>) response.get("headers");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> body(Map<String, Object> response) {
        return Json.MAPPER.readValue((String) response.get("body"), Map.class);
    }
}
