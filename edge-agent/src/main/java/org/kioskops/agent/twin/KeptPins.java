package org.kioskops.agent.twin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kioskops.agent.config.HardwareSettings;
import org.kioskops.protocol.ProtocolCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The locker pin map of the hub's settings kept from the previous run, laid over the configuration file's
 * door pins before the GPIO banks are opened: GPIO lines are claimed once, at start, so a new map from the
 * hub takes effect there.
 */
public final class KeptPins {
    private static final Logger LOG = LoggerFactory.getLogger(KeptPins.class);

    private KeptPins() {
    }

    /** The banks with the kept pin map applied; the banks unchanged when nothing is kept or it cannot be read. */
    public static List<HardwareSettings.BankSettings> apply(String deviceId, Path keptSettings, List<HardwareSettings.BankSettings> banks) {
        if (keptSettings == null || !Files.exists(keptSettings)) {
            return banks;
        }
        try {
            Map<String, Map<Integer, Integer>> pins = new ProtocolCodec().decodeDesired(deviceId, Files.readAllBytes(keptSettings))
                    .settings().lockerPins();
            return overlay(banks, pins);
        } catch (Exception e) {
            LOG.warn("{} cannot read the kept settings {} ({}); the configuration file's door pins apply", deviceId, keptSettings,
                    e.getMessage());
            return banks;
        }
    }

    /** Each compartment the map names gets its pin; the others keep the configuration file's. */
    static List<HardwareSettings.BankSettings> overlay(List<HardwareSettings.BankSettings> banks, Map<String, Map<Integer, Integer>> pins) {
        List<HardwareSettings.BankSettings> result = new ArrayList<>();
        for (HardwareSettings.BankSettings bank : banks) {
            Map<Integer, Integer> map = pins.get(bank.id());
            if (map == null || map.isEmpty()) {
                result.add(bank);
                continue;
            }
            List<Integer> door = new ArrayList<>(bank.doorPins());
            for (Map.Entry<Integer, Integer> e : map.entrySet()) {
                int index = e.getKey() - 1;
                if (index < door.size()) {
                    door.set(index, e.getValue());
                }
            }
            result.add(new HardwareSettings.BankSettings(bank.id(), bank.compartments(), bank.model(), door, bank.occupancyPins(),
                    bank.activeHigh(), bank.lockPins(), bank.unlockPulseMillis(), bank.port(), bank.baud()));
        }
        return result;
    }
}
