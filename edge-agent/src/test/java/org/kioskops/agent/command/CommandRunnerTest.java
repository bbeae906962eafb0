package org.kioskops.agent.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.kioskops.agent.hardware.sim.SimulatedKiosk;
import org.kioskops.protocol.CommandResult;
import org.kioskops.protocol.ScreenState;

class CommandRunnerTest {
    private static final Instant NOW = Instant.parse("2026-11-28T09:05:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final SimulatedKiosk kiosk = new SimulatedKiosk(clock, new Random(1), List.of(12), false);
    private final List<String> answers = new ArrayList<>();
    // commands run on the calling thread, so that every answer is there when receive returns
    private final List<String> uploads = new ArrayList<>();
    private final CommandRunner runner = new CommandRunner("kiosk-7", kiosk.hardware(), clock, Runnable::run, () -> Map.of("agentVersion", "t"),
            () -> Map.of("desired-config.json", "{}".getBytes(StandardCharsets.UTF_8)),
            (url, type, content) -> uploads.add(url + " " + type + " " + content.length), (id, state, detail, data, correlation) -> answers.add(id + " " + state.wire() + " " + detail + " "
                    + (correlation == null ? "-" : new String(correlation, StandardCharsets.US_ASCII))));

    private static byte[] command(long id, String name, String expiresAt, String extra) {
        return ("{\"v\":\"1.2\",\"deviceId\":\"kiosk-7\",\"commandId\":" + id + ",\"name\":\"" + name + "\"" + extra
                + ",\"issuedAt\":\"2026-11-28T09:00:00Z\",\"expiresAt\":\"" + expiresAt + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void answers_delivered_then_the_outcome_with_the_requests_correlation_data() {
        runner.receive(command(5, "screen_off", "2026-11-28T09:10:00Z", ""), "5".getBytes(StandardCharsets.US_ASCII));

        assertThat(answers).containsExactly("5 delivered null 5", "5 succeeded screen off 5");
        assertThat(kiosk.screen().state()).isEqualTo(ScreenState.OFF);
    }

    @Test
    void a_command_arriving_after_its_expiry_is_not_run() {
        runner.receive(command(6, "screen_off", "2026-11-28T09:04:59Z", ""), null);

        assertThat(answers).singleElement().asString().startsWith("6 expired arrived at 2026-11-28T09:05:00Z");
        assertThat(kiosk.screen().state()).isEqualTo(ScreenState.ON);
    }

    @Test
    void a_redelivered_command_runs_once_and_its_outcome_is_repeated() {
        byte[] unlock = command(7, "unlock", "2026-11-28T09:10:00Z", ",\"bank\":\"A\",\"compartment\":3,\"reason\":\"locked out\"");
        runner.receive(unlock, null);
        kiosk.banks().get(0).closeDoor(3);

        runner.receive(unlock, null);

        assertThat(answers).containsExactly("7 delivered null -", "7 succeeded compartment A/3 unlocked -",
                "7 succeeded compartment A/3 unlocked -");
        assertThat(kiosk.banks().get(0).read().get(2).doorOpen()).as("not opened a second time").isFalse();
    }

    @Test
    void a_screenshot_is_uploaded_to_the_url_the_command_carries_and_fails_without_one() {
        runner.receive(command(9, "screenshot", "2026-11-28T09:10:00Z", ",\"uploadUrl\":\"http://127.0.0.1:1/up?token=t\""), null);
        runner.receive(command(10, "screenshot", "2026-11-28T09:10:00Z", ""), null);

        assertThat(uploads).singleElement().asString().startsWith("http://127.0.0.1:1/up?token=t image/png ");
        assertThat(answers).filteredOn(a -> a.startsWith("9 succeeded")).singleElement().asString().contains("uploaded");
        assertThat(answers).filteredOn(a -> a.startsWith("10 failed")).singleElement().asString().contains("no upload URL");
    }

    @Test
    void an_unreadable_command_fails_naming_the_problem() {
        runner.receive(command(8, "unlock", "2026-11-28T09:10:00Z", ",\"bank\":\"A\",\"compartment\":3"), null);

        assertThat(answers).singleElement().asString().startsWith("8 failed unreadable command: reason");
        assertThat(CommandResult.State.FAILED.isFinal()).isTrue();
    }
}
