package org.kioskops.hub.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kioskops.testing.ArchitectureRules;

/**
 * The settings tables of the docs (docs/operations.md, and the pages it sends readers to) against the
 * {@code @ConfigMapping} interfaces that declare the keys: an operator reading the docs sets keys that exist, with
 * the defaults the hub really has, and a key added in code fails the build until it is documented.
 */
class OperationsDocTest {
    private static final Pattern ROW = Pattern.compile("^\\| `(kioskops\\.[a-z0-9.*-]+)`( / `\\.([a-z0-9-]+)`)? \\|([^|]*)\\|(.*)$");
    private static final Pattern ONE_VALUE = Pattern.compile("^`([^`]*)`$");

    private static final Map<String, Leaf> KEYS = declaredKeys();
    private static final List<Row> ROWS = documentedRows();

    @Test
    void documents_every_key_the_hub_reads() {
        List<String> undocumented = KEYS.keySet().stream().filter(key -> !documented(key)).toList();

        assertThat(undocumented).as("keys declared in @ConfigMapping interfaces but in no settings table of docs/").isEmpty();
    }

    @Test
    void documents_no_key_the_hub_does_not_read() {
        List<String> stale = ROWS.stream().filter(r -> !r.wildcard()).flatMap(r -> r.keys().stream())
                .filter(key -> !KEYS.containsKey(key)).toList();

        assertThat(stale).as("keys in the docs' settings tables that no @ConfigMapping interface declares").isEmpty();
    }

    @Test
    void states_the_defaults_the_hub_has() {
        List<String> wrong = new ArrayList<>();
        for (Row row : ROWS) {
            Matcher single = ONE_VALUE.matcher(row.defaultCell());
            if (row.wildcard() || !single.matches()) {
                continue; // prose such as "(none)" or "<home>/access with the embedded broker"
            }
            for (String key : row.keys()) {
                Leaf leaf = KEYS.get(key);
                if (leaf != null && !single.group(1).equals(leaf.defaultValue())) {
                    wrong.add(key + ": documented `" + single.group(1) + "`, declared " + leaf.defaultValue() + " in " + leaf.declaredIn());
                }
            }
        }

        assertThat(wrong).isEmpty();
    }

    @Test
    void finds_the_settings_of_every_feature() {
        // guards the test itself: were the scan to miss the mappings, every other check would pass on nothing
        assertThat(KEYS).containsKeys("kioskops.mqtt.url", "kioskops.alerts.offline-after", "kioskops.ingest.workers",
                "kioskops.telemetry.retention.raw", "kioskops.coap.port", "kioskops.updates.dir", "kioskops.auth.session");
        assertThat(ROWS).hasSizeGreaterThan(60);
    }

    private static boolean documented(String key) {
        for (Row row : ROWS) {
            if (row.keys().contains(key)) {
                return true;
            }
            // "`kioskops.auth.*` | | ...: `enabled` (`true`), `bootstrap-user`..." names the keys of a group in one row
            if (row.wildcard() && key.startsWith(row.key().substring(0, row.key().length() - 1))
                    && row.text().contains("`" + key.substring(key.lastIndexOf('.') + 1) + "`")) {
                return true;
            }
        }
        return false;
    }

    private record Leaf(String defaultValue, String declaredIn) {
    }

    private record Row(String key, List<String> keys, String defaultCell, String text) {
        boolean wildcard() {
            return key.endsWith(".*");
        }
    }

    private static Map<String, Leaf> declaredKeys() {
        Map<String, Leaf> keys = new LinkedHashMap<>();
        for (JavaClass type : ArchitectureRules.productionClasses("org.kioskops.hub")) {
            if (type.isAnnotatedWith(ConfigMapping.class)) {
                Class<?> mapping = type.reflect();
                collect(mapping.getAnnotation(ConfigMapping.class).prefix(), mapping, keys);
            }
        }
        return keys;
    }

    private static void collect(String prefix, Class<?> group, Map<String, Leaf> keys) {
        for (Method m : group.getMethods()) {
            if (m.getParameterCount() > 0 || m.isDefault() || Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            WithName name = m.getAnnotation(WithName.class);
            String key = prefix + "." + (name != null ? name.value() : kebab(m.getName()));
            Class<?> type = m.getReturnType();
            if (type.isInterface() && type.getName().startsWith("org.kioskops.")) {
                collect(key, type, keys);
            } else {
                WithDefault def = m.getAnnotation(WithDefault.class);
                keys.put(key, new Leaf(def == null ? null : def.value(), group.getSimpleName()));
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static List<Row> documentedRows() {
        List<Row> rows = new ArrayList<>();
        try (Stream<Path> pages = Files.list(Path.of("..", "docs"))) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                for (String line : Files.readAllLines(page)) {
                    Matcher m = ROW.matcher(line);
                    if (m.matches()) {
                        String key = m.group(1);
                        List<String> keys = new ArrayList<>(List.of(key));
                        if (m.group(3) != null) {
                            // "`kioskops.telemetry.influx.org` / `.bucket`": a sibling key sharing the row
                            keys.add(key.substring(0, key.lastIndexOf('.') + 1) + m.group(3));
                        }
                        rows.add(new Row(key, keys, m.group(4).trim(), line));
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read docs/", e);
        }
        return rows;
    }
}
