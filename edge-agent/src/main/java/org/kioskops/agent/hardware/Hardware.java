package org.kioskops.agent.hardware;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kioskops.protocol.Inventory;

/**
 * What one kiosk box is made of, each part behind its port. Absent parts are simply not there: a box
 * without lockers reports no locker banks, it does not fail.
 *
 * @param otherSources further event sources, such as the kiosk application's session events
 * @param control      reboots the box and restarts the agent, where the platform allows
 */
public record Hardware(
        SystemMetrics system,
        Optional<ScreenMonitor> screen,
        List<LockerBank> lockerBanks,
        Optional<HealthStation> healthStation,
        List<Inventory.Peripheral> peripherals,
        List<EventSource> otherSources,
        Optional<BoxControl> control) {

    public Hardware(SystemMetrics system, Optional<ScreenMonitor> screen, List<LockerBank> lockerBanks,
                    Optional<HealthStation> healthStation, List<Inventory.Peripheral> peripherals, List<EventSource> otherSources) {
        this(system, screen, lockerBanks, healthStation, peripherals, otherSources, Optional.empty());
    }

    public Hardware {
        if (system == null) {
            throw new IllegalArgumentException("system metrics are required");
        }
        screen = screen == null ? Optional.empty() : screen;
        lockerBanks = lockerBanks == null ? List.of() : List.copyOf(lockerBanks);
        healthStation = healthStation == null ? Optional.empty() : healthStation;
        peripherals = peripherals == null ? List.of() : List.copyOf(peripherals);
        otherSources = otherSources == null ? List.of() : List.copyOf(otherSources);
        control = control == null ? Optional.empty() : control;
    }

    /** The inventory announced in the birth message. */
    public Inventory inventory() {
        return new Inventory(
                screen.map(ScreenMonitor::describe).orElse(null),
                lockerBanks.stream().map(LockerBank::describe).toList(),
                healthStation.map(HealthStation::describe).orElse(List.of()),
                peripherals);
    }

    /** Every part that reports events. */
    public List<EventSource> eventSources() {
        List<EventSource> sources = new ArrayList<>(lockerBanks);
        healthStation.ifPresent(sources::add);
        sources.addAll(otherSources);
        return sources;
    }
}
