package org.kioskops.agent.config;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a configuration, each with its key, so that one run reports them all. */
final class ConfigErrors {
    private final List<String> problems = new ArrayList<>();

    void add(String key, String problem, Object value) {
        problems.add(key + ": " + problem + (value == null ? " (missing)" : " (was '" + value + "')"));
    }

    void range(String key, Number value, long min, long max) {
        if (value == null || value.longValue() < min || value.longValue() > max) {
            add(key, "must be between " + min + " and " + max, value);
        }
    }

    List<String> problems() {
        return List.copyOf(problems);
    }
}
