package org.kioskops.agent.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kioskops.agent.config.HardwareSettings;
import org.kioskops.agent.hardware.pi4j.Pi4jLockers;
import org.kioskops.protocol.DeviceEvent;
import org.kioskops.protocol.EventType;
import org.kioskops.protocol.TelemetrySample;

/** The GPIO locker bank on Pi4J's mock platform, driven through the mock pins. */
class Pi4jLockerBankTest {
    private final Context pi4j = Pi4J.newContextBuilder()
            .add(new MockPlatform())
            .add(MockDigitalInputProvider.newInstance())
            .add(MockDigitalOutputProvider.newInstance())
            .build();

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
    }

    private LockerBank bank(boolean activeHigh) {
        var settings = new HardwareSettings.BankSettings("A", 2, "LB-2", List.of(17, 27), List.of(22, 23), activeHigh);
        return Pi4jLockers.create("kiosk-1", pi4j, List.of(settings), Clock.systemUTC()).get(0);
    }

    private MockDigitalInput pin(String id) {
        return (MockDigitalInput) pi4j.registry().get(id);
    }

    @Test
    void reports_door_and_parcel_sensor_edges_as_events() {
        LockerBank bank = bank(true);
        List<DeviceEvent> events = new CopyOnWriteArrayList<>();
        bank.onEvent(events::add);

        pin("locker-A-2-door").mockState(DigitalState.HIGH);
        pin("locker-A-2-presence").mockState(DigitalState.HIGH);
        pin("locker-A-2-door").mockState(DigitalState.LOW);

        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 3);
        assertThat(events).extracting(DeviceEvent::type)
                .containsExactly(EventType.DOOR_OPENED, EventType.PARCEL_DEPOSITED, EventType.DOOR_CLOSED);
        assertThat(events).allSatisfy(e -> assertThat(e.compartment()).isEqualTo(2));
        assertThat(bank.read()).containsExactly(
                new TelemetrySample.CompartmentReading(1, false, false),
                new TelemetrySample.CompartmentReading(2, true, false));
    }

    @Test
    void honours_active_low_wiring() {
        LockerBank bank = bank(false);

        pin("locker-A-1-door").mockState(DigitalState.HIGH);
        pin("locker-A-1-presence").mockState(DigitalState.LOW);

        assertThat(bank.read().get(0)).isEqualTo(new TelemetrySample.CompartmentReading(1, true, false));
    }

    private List<LockerBank> banksWithLocks() {
        return Pi4jLockers.create("kiosk-1", pi4j, List.of(
                new HardwareSettings.BankSettings("A", 2, "LB-2", List.of(17, 27), List.of(22, 23), true, List.of(5, 6), 80),
                new HardwareSettings.BankSettings("B", 1, "LB-1", List.of(12), List.of(13), true, List.of(19), 80)), Clock.systemUTC());
    }

    /** Every state change of every lock output, as "id=HIGH" or "id=LOW", and the most driven at once. */
    private List<String> watchLocks(AtomicInteger mostAtOnce) {
        List<String> changes = new CopyOnWriteArrayList<>();
        AtomicInteger driven = new AtomicInteger();
        for (String id : List.of("locker-A-1-lock", "locker-A-2-lock", "locker-B-1-lock")) {
            DigitalOutput out = pi4j.registry().get(id);
            out.addListener((DigitalStateChangeListener) e -> {
                changes.add(id + "=" + e.state());
                int now = e.state() == DigitalState.HIGH ? driven.incrementAndGet() : driven.decrementAndGet();
                mostAtOnce.accumulateAndGet(now, Math::max);
            });
        }
        return changes;
    }

    @Test
    void unlock_pulses_the_compartments_lock_output_once_and_leaves_it_locked() {
        List<LockerBank> banks = banksWithLocks();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<String> changes = watchLocks(mostAtOnce);

        assertThat(banks.get(0).unlock(2)).isTrue();

        assertThat(changes).containsExactly("locker-A-2-lock=HIGH", "locker-A-2-lock=LOW");
        assertThat(((DigitalOutput) pi4j.registry().get("locker-A-2-lock")).state()).isEqualTo(DigitalState.LOW);
        assertThat(banks.get(0).unlock(3)).as("no compartment 3").isFalse();
    }

    @Test
    void never_drives_two_lock_releases_at_once_even_across_banks() throws Exception {
        List<LockerBank> banks = banksWithLocks();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<String> changes = watchLocks(mostAtOnce);
        var pool = Executors.newFixedThreadPool(3);
        try {
            var a1 = pool.submit(() -> banks.get(0).unlock(1));
            var a2 = pool.submit(() -> banks.get(0).unlock(2));
            var b1 = pool.submit(() -> banks.get(1).unlock(1));
            assertThat(List.of(a1.get(), a2.get(), b1.get())).containsOnly(true);
        } finally {
            pool.shutdownNow();
        }

        assertThat(changes).hasSize(6);
        assertThat(mostAtOnce.get()).isEqualTo(1);
    }
}
