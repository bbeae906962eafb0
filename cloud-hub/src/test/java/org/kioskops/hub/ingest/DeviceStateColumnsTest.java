package org.kioskops.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.Column;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.device.DeviceState;

class DeviceStateColumnsTest {
    @Test
    void writes_every_column_the_device_view_reads() {
        List<String> read = Arrays.stream(DeviceState.class.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()))
                .map(DeviceStateColumnsTest::columnOf).toList();
        List<String> written = new ArrayList<>(DeviceStateColumns.names());
        written.add("device_id");

        assertThat(written).containsAll(read);
    }

    @Test
    void names_each_column_once_and_binds_the_device_id_last() {
        List<String> names = DeviceStateColumns.names();

        assertThat(new HashSet<>(names)).hasSameSizeAs(names);
        assertThat(DeviceStateColumns.INSERT).endsWith(", device_id) values ("
                + String.join(", ", Collections.nCopies(names.size() + 1, "?")) + ")");
        assertThat(DeviceStateColumns.UPDATE).endsWith(names.get(names.size() - 1) + " = ? where device_id = ?");
    }

    private static String columnOf(Field field) {
        Column column = field.getAnnotation(Column.class);
        return column != null && !column.name().isEmpty() ? column.name() : field.getName();
    }
}
