package org.kioskops.sim.scenario;

import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML node that remembers where it is in its file, so that every problem with a scenario can be
 * reported as {@code file:line:column: key: what is wrong}, never as a stack trace. Reads SnakeYAML's
 * composed node tree, which keeps the position of every node.
 */
final class YamlValue {
    private final Node node;
    private final String source;
    private final String path;

    private YamlValue(Node node, String source, String path) {
        this.node = node;
        this.source = source;
        this.path = path;
    }

    static YamlValue parse(String text, String source) throws ScenarioException {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new ScenarioException(source + (mark == null ? "" : ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1))
                    + ": not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new ScenarioException(source + ": not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw new ScenarioException(source + ": the file is empty");
        }
        return new YamlValue(root, source, "");
    }

    ScenarioException error(String problem) {
        Mark mark = node.getStartMark();
        return new ScenarioException(source + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1) + ": "
                + (path.isEmpty() ? "" : path + ": ") + problem);
    }

    /** The line this value starts on, from 1. */
    int line() {
        return node.getStartMark().getLine() + 1;
    }

    private Map<String, YamlValue> entries() throws ScenarioException {
        if (!(node instanceof MappingNode mapping)) {
            throw error("expected a mapping (key: value lines)");
        }
        Map<String, YamlValue> out = new LinkedHashMap<>();
        for (NodeTuple t : mapping.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode key)) {
                throw new YamlValue(t.getKeyNode(), source, path).error("keys must be plain words");
            }
            out.put(key.getValue(), new YamlValue(t.getValueNode(), source, path.isEmpty() ? key.getValue() : path + "." + key.getValue()));
        }
        return out;
    }

    /** Fails on a key outside {@code allowed}, naming the ones that are. */
    YamlValue only(String... allowed) throws ScenarioException {
        Set<String> known = Set.of(allowed);
        if (!(node instanceof MappingNode mapping)) {
            throw error("expected a mapping (key: value lines)");
        }
        for (NodeTuple t : mapping.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
            if (!known.contains(key)) {
                throw new YamlValue(t.getKeyNode(), source, path.isEmpty() ? key : path + "." + key)
                        .error("unknown key; known here: " + String.join(", ", new TreeSet<>(known)));
            }
        }
        return this;
    }

    boolean has(String key) throws ScenarioException {
        return entries().containsKey(key);
    }

    YamlValue get(String key) throws ScenarioException {
        YamlValue value = entries().get(key);
        if (value == null) {
            throw error("'" + key + "' is required");
        }
        return value;
    }

    String text() throws ScenarioException {
        if (!(node instanceof ScalarNode scalar)) {
            throw error("expected a single value");
        }
        return scalar.getValue();
    }

    String text(String key, String fallback) throws ScenarioException {
        return has(key) ? get(key).text() : fallback;
    }

    long integer(long min, long max) throws ScenarioException {
        long value;
        try {
            value = Long.parseLong(text().trim());
        } catch (NumberFormatException e) {
            throw error("expected a whole number, found '" + text() + "'");
        }
        if (value < min || value > max) {
            throw error("must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    long integer(String key, long fallback, long min, long max) throws ScenarioException {
        return has(key) ? get(key).integer(min, max) : fallback;
    }

    double decimal(String key, double fallback, double min, double max) throws ScenarioException {
        if (!has(key)) {
            return fallback;
        }
        YamlValue v = get(key);
        double value;
        try {
            value = Double.parseDouble(v.text().trim());
        } catch (NumberFormatException e) {
            throw v.error("expected a number, found '" + v.text() + "'");
        }
        if (value < min || value > max) {
            throw v.error("must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    boolean bool(String key, boolean fallback) throws ScenarioException {
        if (!has(key)) {
            return fallback;
        }
        YamlValue v = get(key);
        return switch (v.text()) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw v.error("expected true or false, found '" + v.text() + "'");
        };
    }

    /** A duration such as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h} or {@code 1d}. */
    Duration duration() throws ScenarioException {
        String t = text().trim();
        var m = Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(t);
        if (!m.matches()) {
            throw error("expected a duration such as 500ms, 30s, 5m, 2h or 1d, found '" + t + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    Duration duration(String key, Duration fallback) throws ScenarioException {
        return has(key) ? get(key).duration() : fallback;
    }

    List<YamlValue> list() throws ScenarioException {
        if (!(node instanceof SequenceNode sequence)) {
            throw error("expected a list (lines starting with '- ')");
        }
        List<YamlValue> out = new ArrayList<>();
        for (int i = 0; i < sequence.getValue().size(); i++) {
            out.add(new YamlValue(sequence.getValue().get(i), source, path + "[" + i + "]"));
        }
        return out;
    }

    List<YamlValue> list(String key) throws ScenarioException {
        return has(key) ? get(key).list() : List.of();
    }

    boolean isList() {
        return node instanceof SequenceNode;
    }
}
