package org.kioskops.agent.hardware.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kioskops.agent.config.HardwareSettings;
import org.kioskops.protocol.DeviceEvent;
import org.kioskops.protocol.EventType;
import org.kioskops.protocol.TelemetrySample;

/** A serial locker bank against a simulated controller board on a pseudo-terminal, through the kernel's tty driver. */
class SerialLockerBankIT {
    @TempDir
    Path dir;
    private Process board;
    private BufferedReader boardOut;
    private OutputStream boardIn;
    private final List<String> boardLog = new CopyOnWriteArrayList<>();
    private SerialLockerBank bank;
    private final List<DeviceEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start_board() throws IOException {
        Path script = dir.resolve("locker_board_sim.py");
        try (var in = getClass().getResourceAsStream("/locker_board_sim.py")) {
            Files.copy(in, script);
        }
        board = new ProcessBuilder("python3", script.toString(), "4").redirectErrorStream(true).start();
        boardOut = new BufferedReader(new InputStreamReader(board.getInputStream(), StandardCharsets.UTF_8));
        boardIn = board.getOutputStream();
        String port = boardOut.readLine();
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = boardOut.readLine()) != null; ) {
                    boardLog.add(line);
                }
            } catch (IOException e) {
                // board gone
            }
        });
        reader.setDaemon(true);
        reader.start();
        bank = SerialLockerBank.open(new HardwareSettings.BankSettings("A", 4, "board-4", null, null, null, null, 300, port, 9600),
                Clock.systemUTC(), new ReentrantLock());
        bank.onEvent(events::add);
        await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> bank.read().size() == 4);
    }

    @AfterEach
    void stop() {
        bank.close();
        board.destroyForcibly();
    }

    private void board(String command) throws IOException {
        boardIn.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
        boardIn.flush();
        String word = command.split(" ")[0];
        await().atMost(Duration.ofSeconds(5)).until(() -> boardLog.contains("ok " + word));
        boardLog.remove("ok " + word);
    }

    @Test
    void door_and_parcel_changes_on_the_board_become_events_and_telemetry() throws IOException {
        board("door 2 1");
        board("parcel 3 1");

        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 2);
        assertThat(events).extracting(DeviceEvent::type, DeviceEvent::compartment)
                .containsExactlyInAnyOrder(Tuple.tuple(EventType.DOOR_OPENED, 2),
                        Tuple.tuple(EventType.PARCEL_DEPOSITED, 3));
        assertThat(bank.read()).containsExactly(new TelemetrySample.CompartmentReading(1, false, false),
                new TelemetrySample.CompartmentReading(2, false, true), new TelemetrySample.CompartmentReading(3, true, false),
                new TelemetrySample.CompartmentReading(4, false, false));
    }

    @Test
    void a_jam_the_board_reports_is_raised_and_cleared_as_a_compartment_fault() throws IOException {
        board("fault 3 jammed");
        await().atMost(Duration.ofSeconds(5)).until(() -> !events.isEmpty());
        board("clear 3");
        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 2);

        assertThat(events).extracting(DeviceEvent::type, DeviceEvent::component, DeviceEvent::code).containsExactly(
                Tuple.tuple(EventType.FAULT_RAISED, "locker:A:3", "jammed"),
                Tuple.tuple(EventType.FAULT_CLEARED, "locker:A:3", "jammed"));
    }

    @Test
    void unlock_asks_the_board_with_the_pulse_length_and_reports_a_refusal_with_its_reason() throws IOException {
        assertThat(bank.unlock(2)).isTrue();
        // the board logs its pulse on stdout, read by another thread than the one that got the answer
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(boardLog).contains("unlocked 2 300"));

        board("refuse");
        assertThatThrownBy(() -> bank.unlock(1)).hasMessageContaining("refused").hasMessageContaining("busy");
        assertThat(bank.unlock(5)).as("no compartment 5").isFalse();
    }

    @Test
    void a_silent_board_is_a_fault_and_its_bank_leaves_telemetry_until_it_answers_again() throws IOException {
        board("mute");
        await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(e -> e.type() == EventType.FAULT_RAISED));
        assertThat(events.get(0).component()).isEqualTo("locker:A");
        assertThat(events.get(0).code()).isEqualTo(SerialLockerBank.UNREACHABLE);
        assertThatThrownBy(bank::read).hasMessageContaining("not answering");

        board("unmute");
        await().atMost(Duration.ofSeconds(5)).until(() -> events.stream().anyMatch(e -> e.type() == EventType.FAULT_CLEARED));
        assertThat(bank.read()).hasSize(4);
    }

    @Test
    void a_line_with_a_bad_checksum_is_ignored_not_believed() throws IOException {
        board("garble");
        board("door 1 1");

        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 1);
        assertThat(bank.badChecksums()).isEqualTo(1);
        assertThat(events.get(0).type()).isEqualTo(EventType.DOOR_OPENED);
    }
}
