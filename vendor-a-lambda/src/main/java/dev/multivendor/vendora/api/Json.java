package dev.multivendor.vendora.api;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapper of the API code (Jackson 3, the same library Spring Cloud Function 5 uses). */
public final class Json {

    public static final JsonMapper MAPPER = JsonMapper.builder()
            // Numbers stay exact: 4.0 must be recognisable as "not an integer".
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private Json() {
    }

    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }
}
