package org.kioskops.hub.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pages a device maker or an operator follows link only to files and sections that exist, and the code names
 * only pages that exist: a renamed heading or a deleted page fails the build instead of a reader.
 */
class DocLinksTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*)$", Pattern.MULTILINE);
    private static final Pattern DOC_IN_CODE = Pattern.compile("docs/([A-Za-z0-9_-]+\\.md)");

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("CONTRIBUTING.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens. */
    static String anchor(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    private static Set<String> anchors(Path page) {
        Set<String> anchors = new HashSet<>();
        Matcher m = HEADING.matcher(read(page).replaceAll("(?s)```.*?```", ""));
        while (m.find()) {
            anchors.add(anchor(m.group(1)));
        }
        return anchors;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void a_heading_becomes_the_anchor_github_gives_it() {
        assertThat(anchor("Settings (`kioskops.*`)")).isEqualTo("settings-kioskops");
        assertThat(anchor("9. Limits")).isEqualTo("9-limits");
        assertThat(anchor("Zero-touch: claim codes")).isEqualTo("zero-touch-claim-codes");
        assertThat(anchor("智慧屋 overview")).isEqualTo("智慧屋-overview");
    }

    @Test
    void every_relative_link_in_the_docs_reaches_an_existing_file_and_section() throws IOException {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages()) {
            Matcher m = LINK.matcher(read(page).replaceAll("(?s)```.*?```", ""));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue;
                }
                checked++;
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                String where = ROOT.relativize(page) + ": " + target;
                if (!Files.exists(resolved)) {
                    broken.add(where + " (no such file)");
                } else if (hash >= 0 && resolved.toString().endsWith(".md") && !anchors(resolved).contains(target.substring(hash + 1))) {
                    broken.add(where + " (no such section)");
                }
            }
        }

        assertThat(checked).as("links checked").isGreaterThan(50);
        assertThat(broken).as("links to nothing").isEmpty();
    }

    @Test
    void every_page_the_code_names_exists() throws IOException {
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/")
                    && !p.toString().contains("/target/")).toList()) {
                Matcher m = DOC_IN_CODE.matcher(read(file));
                while (m.find()) {
                    if (!Files.exists(ROOT.resolve("docs").resolve(m.group(1)))) {
                        missing.add(ROOT.relativize(file) + ": docs/" + m.group(1));
                    }
                }
            }
        }

        assertThat(missing).isEmpty();
    }
}
