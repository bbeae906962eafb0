package org.kioskops.agent.update;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.kioskops.agent.hardware.Hardware;
import org.kioskops.agent.hardware.LockerBank;

/** The agent's own post-update check: the broker is connected and every hardware port answers. */
public final class AgentHealth {
    private AgentHealth() {
    }

    /** Empty when healthy; otherwise the first problem found. */
    public static Optional<String> problem(BooleanSupplier brokerConnected, Hardware hardware) {
        if (!brokerConnected.getAsBoolean()) {
            return Optional.of("broker not connected");
        }
        for (LockerBank bank : hardware.lockerBanks()) {
            try {
                bank.read();
            } catch (RuntimeException e) {
                return Optional.of("locker bank " + bank.describe().id() + " not answering: " + e.getMessage());
            }
        }
        try {
            hardware.system().read();
        } catch (RuntimeException e) {
            return Optional.of("system metrics unreadable: " + e.getMessage());
        }
        return Optional.empty();
    }
}
