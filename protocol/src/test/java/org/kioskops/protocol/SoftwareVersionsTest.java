package org.kioskops.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoftwareVersionsTest {
    @Test
    void versions_order_by_number_not_by_text_with_pre_releases_first() {
        List<String> versions = new ArrayList<>(List.of("1.10.0", "1.9.3", "2.0.0", "2.0.0-rc1", "1.9", "1.9.3+sim", "0.9.12"));

        versions.sort(SoftwareVersions.ORDER);

        assertThat(versions).containsExactly("0.9.12", "1.9", "1.9.3", "1.9.3+sim", "1.10.0", "2.0.0-rc1", "2.0.0");
        assertThat(SoftwareVersions.compare("1.9.3", "1.9.3+sim")).isZero();
        assertThat(SoftwareVersions.compare("1.4.2", "1.4.10")).isNegative();
    }
}
