package dev.multivendor.coreinfra;

import org.junit.jupiter.api.Test;
import software.amazon.event.ruler.Machine;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The drift alert's EventBridge event pattern, matched offline against sample CloudTrail records
 * ({@code src/test/resources/events/cloudtrail/}) by Event Ruler, the open-source matching library of Amazon
 * EventBridge: a deployment that enables a cache cluster, sets its size, turns tracing off or opens a canary on the
 * vendor's API is noticed; an ordinary release, another API's deployment and other calls are not.
 */
class StageDriftAlertTest {

    private static final String API_ID = "a1b2c3d4e5";
    private static final List<String> EVENTS = List.of("deployment-release", "deployment-tracing-kept",
            "deployment-cache-cluster", "deployment-cache-size", "deployment-tracing-off", "deployment-canary",
            "deployment-cache-cluster-other-api", "update-stage-cache");

    private static Map<String, Boolean> matches(String pattern) throws Exception {
        Machine machine = new Machine();
        machine.addRule("stage-drift", pattern);
        Map<String, Boolean> matched = new TreeMap<>();
        for (String name : EVENTS) {
            String event = Synths.resource("events/cloudtrail/" + name + ".json");
            matched.put(name, !machine.rulesForJSONEvent(event).isEmpty());
        }
        return matched;
    }

    @Test
    void noticesADeploymentThatChangesStageSettingsTheCoreOwnsAndNothingElse() throws Exception {
        Map<String, Boolean> expected = new TreeMap<>(Map.of(
                "deployment-release", false,
                "deployment-tracing-kept", false,
                "deployment-cache-cluster", true,
                "deployment-cache-size", true,
                "deployment-tracing-off", true,
                "deployment-canary", true,
                "deployment-cache-cluster-other-api", false,
                "update-stage-cache", false));
        assertEquals(expected, matches(StageDriftAlert.eventPattern(API_ID)));
    }

    @Test
    void theSamplesWouldBeMatchedByAPatternWithoutTheSettingsConditions() throws Exception {
        // The teeth of the test above: without its "$or" on the settings every deployment on the API matches.
        String loose = StageDriftAlert.eventPattern(API_ID).replaceAll(",\"\\$or\":\\[.*\\]\\}\\}\\}$", "}}}");
        assertFalse(loose.contains("$or"), loose);
        Map<String, Boolean> matched = matches(loose);
        assertEquals(true, matched.get("deployment-release"), "a plain release matches a pattern without conditions");
    }
}
