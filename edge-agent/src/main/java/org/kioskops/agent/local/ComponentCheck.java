package org.kioskops.agent.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.kioskops.agent.config.HardwareSettings;
import org.kioskops.agent.hardware.Hardware;
import org.kioskops.agent.hardware.LockerBank;
import org.kioskops.agent.hardware.local.LocalHealthIntake;
import org.kioskops.protocol.TelemetrySample;

/**
 * Reads each part of the box once and says what it found, comparing with what the configuration asked
 * for: a part configured but not opened (no GPIO on an x86 PC, a pin already taken) is {@code missing},
 * one whose read throws is {@code failing}.
 */
public final class ComponentCheck {
    private ComponentCheck() {
    }

    public static List<AgentStatus.Component> check(Hardware hardware, HardwareSettings configured) {
        List<AgentStatus.Component> out = new ArrayList<>();
        try {
            TelemetrySample.SystemReading s = hardware.system().read();
            out.add(AgentStatus.Component.ok("system", "uptime " + hardware.system().uptimeSeconds() + " s, cpu "
                    + (s.cpuTempC() == null ? "temperature unknown" : s.cpuTempC() + " °C") + ", disk "
                    + (s.diskUsedBytes() == null ? "unknown" : s.diskUsedBytes() / 1_048_576 + "/" + s.diskTotalBytes() / 1_048_576 + " MiB")));
        } catch (RuntimeException e) {
            out.add(AgentStatus.Component.failing("system", e.toString()));
        }
        if (hardware.screen().isEmpty()) {
            out.add(AgentStatus.Component.missing("screen", "hardware.screen is none"));
        } else {
            try {
                TelemetrySample.ScreenReading r = hardware.screen().get().read();
                out.add(AgentStatus.Component.ok("screen", r.state().wire() + (r.brightness() == null ? "" : ", brightness " + r.brightness() + " %")));
            } catch (RuntimeException e) {
                out.add(AgentStatus.Component.failing("screen", e.toString()));
            }
        }
        Set<String> opened = hardware.lockerBanks().stream().map(b -> b.describe().id()).collect(Collectors.toSet());
        for (LockerBank bank : hardware.lockerBanks()) {
            String name = "locker:" + bank.describe().id();
            try {
                List<TelemetrySample.CompartmentReading> c = bank.read();
                out.add(AgentStatus.Component.ok(name, c.size() + " compartments, " + c.stream().filter(TelemetrySample.CompartmentReading::occupied).count()
                        + " occupied, " + c.stream().filter(TelemetrySample.CompartmentReading::doorOpen).count() + " doors open"));
            } catch (RuntimeException e) {
                out.add(AgentStatus.Component.failing(name, e.toString()));
            }
        }
        for (HardwareSettings.BankSettings bank : configured.lockers().banks()) {
            if (!opened.contains(bank.id())) {
                String why = switch (configured.lockers().driver()) {
                    case PI4J -> "no GPIO on this machine, or its pins are taken";
                    case SERIAL -> "its serial port " + bank.port() + " cannot be opened";
                    default -> "it could not be opened";
                };
                out.add(AgentStatus.Component.missing("locker:" + bank.id(), "configured (" + configured.lockers().driver().name().toLowerCase()
                        + ") but not opened: " + why + "; see the log"));
            }
        }
        if (hardware.healthStation().isPresent()) {
            String intake = hardware.healthStation().get() instanceof LocalHealthIntake local
                    ? ", checks from the health application: " + local.accepted() + " accepted, " + local.refused() + " refused" : "";
            out.add(AgentStatus.Component.ok("health", hardware.healthStation().get().describe().size() + " measuring devices" + intake));
        } else {
            out.add(AgentStatus.Component.missing("health", "hardware.health is none"));
        }
        return out;
    }
}
