package org.kioskops.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.locks.ReentrantLock;
import org.kioskops.agent.config.AgentConfig;
import org.kioskops.agent.config.HardwareSettings;
import org.kioskops.agent.config.HardwareSettings.Driver;
import org.kioskops.agent.hardware.BoxControl;
import org.kioskops.agent.hardware.Hardware;
import org.kioskops.agent.hardware.HealthStation;
import org.kioskops.agent.hardware.LockerBank;
import org.kioskops.agent.hardware.ScreenMonitor;
import org.kioskops.agent.hardware.SystemMetrics;
import org.kioskops.agent.hardware.linux.LinuxSystemMetrics;
import org.kioskops.agent.hardware.linux.SysfsScreenMonitor;
import org.kioskops.agent.hardware.linux.SystemdBoxControl;
import org.kioskops.agent.hardware.local.LocalHealthIntake;
import org.kioskops.agent.hardware.pi4j.Pi4jLockers;
import org.kioskops.agent.hardware.serial.SerialHealthDevice;
import org.kioskops.agent.hardware.serial.SerialLockerBank;
import org.kioskops.agent.hardware.sim.SimulatedHealthStation;
import org.kioskops.agent.hardware.sim.SimulatedLockerBank;
import org.kioskops.agent.hardware.sim.SimulatedScreen;
import org.kioskops.agent.hardware.sim.SimulatedSystem;
import org.kioskops.agent.twin.KeptPins;
import org.kioskops.protocol.Inventory;
import org.slf4j.LoggerFactory;

/** Builds the box's {@link Hardware} from the adapters the configuration names. */
final class HardwareFactory {
    private HardwareFactory() {
    }

    /** The health intake, with a reader for each measuring device on a serial port. */
    private static HealthStation localHealth(AgentConfig config, Clock clock) {
        HardwareSettings hw = config.hardware();
        LocalHealthIntake intake = new LocalHealthIntake(
                hw.healthDevices().stream().map(d -> new Inventory.HealthDevice(d.id(), d.kind(), d.model())).toList(), clock);
        for (HardwareSettings.HealthDeviceSettings d : hw.healthDevices()) {
            if (d.port() != null) {
                try {
                    SerialHealthDevice.open(d.id(), Path.of(d.port()), d.baud(), d.fields(), intake, clock);
                } catch (IOException e) {
                    LoggerFactory.getLogger(HardwareFactory.class).error("{} health device {}: cannot open {} ({}); its results are not read",
                            config.deviceId(), d.id(), d.port(), e.getMessage());
                }
            }
        }
        return intake;
    }

    static Hardware create(AgentConfig config, Clock clock) {
        HardwareSettings hw = config.hardware();
        Path root = Path.of(hw.sysfsRoot());
        Random random = new Random();
        SystemMetrics system = hw.system() == Driver.SIM
                ? new SimulatedSystem(clock, random, clock.instant())
                : new LinuxSystemMetrics(root, config.stateDir(), clock);
        Optional<ScreenMonitor> screen = switch (hw.screen()) {
            case SYSFS -> Optional.of(new SysfsScreenMonitor(root, new Inventory.Screen(null, null)));
            case SIM -> Optional.of(new SimulatedScreen());
            default -> Optional.empty();
        };
        List<LockerBank> banks = new ArrayList<>();
        if (hw.lockers().driver() == Driver.PI4J) {
            banks.addAll(Pi4jLockers.create(config.deviceId(), KeptPins.apply(config.deviceId(),
                    config.stateDir().resolve("desired-config.json"), hw.lockers().banks()), clock));
        } else if (hw.lockers().driver() == Driver.SERIAL) {
            ReentrantLock releases = new ReentrantLock(true);
            for (HardwareSettings.BankSettings bank : hw.lockers().banks()) {
                try {
                    banks.add(SerialLockerBank.open(bank, clock, releases));
                } catch (IOException e) {
                    LoggerFactory.getLogger(HardwareFactory.class).error("{} locker bank {}: cannot open {} ({}); it is not reported",
                            config.deviceId(), bank.id(), bank.port(), e.getMessage());
                }
            }
        } else if (hw.lockers().driver() == Driver.SIM) {
            for (HardwareSettings.BankSettings bank : hw.lockers().banks()) {
                banks.add(new SimulatedLockerBank(bank.id(), bank.compartments(), clock));
            }
        }
        Optional<HealthStation> health = switch (hw.health()) {
            case SIM -> Optional.of(new SimulatedHealthStation(clock, random));
            case LOCAL -> Optional.of(localHealth(config, clock));
            default -> Optional.empty();
        };
        List<Inventory.Peripheral> peripherals = hw.peripherals().stream()
                .map(p -> new Inventory.Peripheral(p.id(), p.type(), p.model())).toList();
        Optional<BoxControl> control = hw.system() == Driver.SIM ? Optional.empty()
                : Optional.of(new SystemdBoxControl("kioskops-agent.service"));
        return new Hardware(system, screen, banks, health, peripherals, List.of(), control);
    }
}
