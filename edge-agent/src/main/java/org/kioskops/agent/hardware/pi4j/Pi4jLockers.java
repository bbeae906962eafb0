package org.kioskops.agent.hardware.pi4j;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.kioskops.agent.config.HardwareSettings;
import org.kioskops.agent.hardware.LockerBank;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates GPIO locker banks; a bank whose pins cannot be opened is left out and logged, not fatal. */
public final class Pi4jLockers {
    private static final Logger LOG = LoggerFactory.getLogger(Pi4jLockers.class);

    private Pi4jLockers() {
    }

    /** Banks on this machine's GPIO, through Pi4J's auto-detected platform. */
    public static List<LockerBank> create(String deviceId, List<HardwareSettings.BankSettings> banks, Clock clock) {
        Context pi4j;
        try {
            pi4j = Pi4J.newAutoContext();
        } catch (RuntimeException | LinkageError e) {
            LOG.error("{} GPIO is not available on this machine ({}); locker banks {} are not reported", deviceId, e,
                    banks.stream().map(HardwareSettings.BankSettings::id).toList());
            return List.of();
        }
        return create(deviceId, pi4j, banks, clock);
    }

    /** Banks on the given Pi4J context (a mock context in tests). */
    public static List<LockerBank> create(String deviceId, Context pi4j, List<HardwareSettings.BankSettings> banks, Clock clock) {
        List<LockerBank> created = new ArrayList<>();
        ReentrantLock releases = new ReentrantLock(true);
        for (HardwareSettings.BankSettings bank : banks) {
            try {
                created.add(new Pi4jLockerBank(pi4j, bank, clock, releases));
            } catch (RuntimeException | LinkageError e) {
                LOG.error("{} locker bank {}: cannot open its GPIO pins ({}); it is not reported", deviceId, bank.id(), e.toString());
            }
        }
        return created;
    }
}
