package org.kioskops.hub.telemetry;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.kioskops.protocol.ScreenState;
import org.kioskops.protocol.TelemetrySample;

/** Derives the {@link Metric} values and bank points of one contract telemetry sample. */
public final class SampleMetrics {
    private SampleMetrics() {
    }

    public static Map<Metric, Double> values(TelemetrySample sample) {
        Map<Metric, Double> values = new EnumMap<>(Metric.class);
        if (sample.uptimeSeconds() != null) {
            values.put(Metric.UPTIME_SECONDS, sample.uptimeSeconds().doubleValue());
        }
        if (sample.screen() != null && sample.screen().state() != ScreenState.UNKNOWN) {
            values.put(Metric.SCREEN_ON, sample.screen().state() == ScreenState.ON ? 1.0 : 0.0);
            if (sample.screen().brightness() != null) {
                values.put(Metric.SCREEN_BRIGHTNESS, sample.screen().brightness().doubleValue());
            }
        }
        TelemetrySample.SystemReading system = sample.system();
        if (system != null) {
            if (system.cpuTempC() != null) {
                values.put(Metric.CPU_TEMP_C, system.cpuTempC());
            }
            percent(values, Metric.MEM_USED_PCT, system.memUsedBytes(), system.memTotalBytes());
            percent(values, Metric.DISK_USED_PCT, system.diskUsedBytes(), system.diskTotalBytes());
            if (system.netUp() != null) {
                values.put(Metric.NETWORK_UP, system.netUp() ? 1.0 : 0.0);
            }
            if (system.wifiSignalDbm() != null) {
                values.put(Metric.WIFI_SIGNAL_DBM, system.wifiSignalDbm().doubleValue());
            }
        }
        if (!sample.lockers().isEmpty()) {
            int occupied = 0;
            int total = 0;
            int open = 0;
            for (TelemetrySample.LockerBankReading bank : sample.lockers()) {
                for (TelemetrySample.CompartmentReading c : bank.compartments()) {
                    total++;
                    occupied += c.occupied() ? 1 : 0;
                    open += c.doorOpen() ? 1 : 0;
                }
            }
            values.put(Metric.LOCKERS_OCCUPIED, (double) occupied);
            values.put(Metric.LOCKERS_TOTAL, (double) total);
            values.put(Metric.DOORS_OPEN, (double) open);
            if (total > 0) {
                values.put(Metric.LOCKERS_OCCUPANCY_PCT, 100.0 * occupied / total);
            }
        }
        return values;
    }

    public static List<TelemetryPoint.BankPoint> banks(TelemetrySample sample) {
        List<TelemetryPoint.BankPoint> banks = new ArrayList<>(sample.lockers().size());
        for (TelemetrySample.LockerBankReading bank : sample.lockers()) {
            int occupied = 0;
            int open = 0;
            for (TelemetrySample.CompartmentReading c : bank.compartments()) {
                occupied += c.occupied() ? 1 : 0;
                open += c.doorOpen() ? 1 : 0;
            }
            banks.add(new TelemetryPoint.BankPoint(bank.bank(), occupied, bank.compartments().size(), open));
        }
        return banks;
    }

    private static void percent(Map<Metric, Double> values, Metric metric, Long used, Long total) {
        if (used != null && total != null && total > 0) {
            values.put(metric, 100.0 * used / total);
        }
    }
}
