package org.kioskops.agent.hardware.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kioskops.agent.hardware.local.LocalHealthIntake;
import org.kioskops.protocol.HealthDeviceKind;
import org.kioskops.protocol.HealthKind;
import org.kioskops.protocol.Inventory;
import org.kioskops.protocol.TelemetrySample;

/** A blood-pressure monitor printing its results on a (pseudo-terminal) serial port. */
class SerialHealthDeviceIT {
    @TempDir
    Path dir;
    private Process device;
    private SerialHealthDevice reader;

    @AfterEach
    void stop() {
        if (reader != null) {
            reader.close();
        }
        if (device != null) {
            device.destroyForcibly();
        }
    }

    @Test
    void each_result_line_becomes_one_validated_check_and_other_lines_are_ignored() throws Exception {
        Path script = dir.resolve("pty_device.py");
        try (var in = getClass().getResourceAsStream("/pty_device.py")) {
            Files.copy(in, script);
        }
        device = new ProcessBuilder("python3", script.toString()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(device.getInputStream(), StandardCharsets.UTF_8));
        OutputStream in = device.getOutputStream();
        String port = out.readLine();
        LocalHealthIntake intake = new LocalHealthIntake(List.of(new Inventory.HealthDevice("bp-1", HealthDeviceKind.BLOOD_PRESSURE_MONITOR, "X")),
                Clock.systemUTC());
        reader = SerialHealthDevice.open("bp-1", Path.of(port), 9600,
                Map.of("SYS", "blood_pressure_systolic", "DIA", "blood_pressure_diastolic", "PUL", "heart_rate"), intake, Clock.systemUTC());

        for (String line : List.of("OMRON READY", "SYS:128,DIA:82,PUL:71", "SYS:999,DIA:82", "PUL=64")) {
            in.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            in.flush();
            assertThat(out.readLine()).isEqualTo("sent");
        }

        List<TelemetrySample.HealthReading> readings = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            readings.addAll(intake.drainReadings());
            return readings.size() == 4 && intake.refused() == 1;
        });
        assertThat(readings).extracting(TelemetrySample.HealthReading::kind, TelemetrySample.HealthReading::value).containsExactly(
                Tuple.tuple(HealthKind.BLOOD_PRESSURE_SYSTOLIC, 128.0),
                Tuple.tuple(HealthKind.BLOOD_PRESSURE_DIASTOLIC, 82.0),
                Tuple.tuple(HealthKind.HEART_RATE, 71.0),
                Tuple.tuple(HealthKind.HEART_RATE, 64.0));
        assertThat(intake.accepted()).as("the banner is no check; the implausible one is refused whole").isEqualTo(2);
    }
}
