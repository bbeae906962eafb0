package org.kioskops.hub.device;

import java.time.Instant;
import java.util.List;

/** Read models of the device registry, handed to the API layer instead of entities. */
public final class DeviceViews {
    private DeviceViews() {
    }

    /** One row of the device list. */
    public record Summary(
            String id,
            String siteId,
            Registration registration,
            Connection connection,
            String offlineReason,
            Instant connectionSince,
            Instant lastSeenAt,
            String model,
            String agentVersion,
            String screenState,
            int compartments,
            int occupied,
            int activeFaults) {
    }

    /** A page of summaries and the number of devices matching the filter. */
    public record Page(long total, int offset, int limit, List<Summary> items) {
    }

    /** Everything the hub knows about one device now. */
    public record Details(
            Summary summary,
            String registeredModel,
            String reportedModel,
            Long session,
            Instant bootedAt,
            Instant firstSeenAt,
            Instant lastDeviceTs,
            Integer keepAliveSeconds,
            Long clockSkewMs,
            Telemetry telemetry,
            List<Component> components,
            List<Bank> lockers,
            List<Health> health,
            List<Fault> faults,
            Sequence sequence) {
    }

    /** Latest vitals and screen state. */
    public record Telemetry(Instant at, Long uptimeSeconds, String screenState, Integer screenBrightness, Double cpuTempC,
                            Long memUsedBytes, Long memTotalBytes, Long diskUsedBytes, Long diskTotalBytes) {
    }

    /** A component from the latest birth. */
    public record Component(String id, String kind, String model, Integer size) {
    }

    /** A locker bank with every compartment. */
    public record Bank(String bank, List<CompartmentState> compartments) {
    }

    /** Latest state of a compartment; {@code reportedAt} null means never reported. */
    public record CompartmentState(int no, boolean occupied, boolean doorOpen, Instant changedAt, Instant reportedAt) {
    }

    /** The latest reading of one health measurement kind. */
    public record Health(String kind, String source, double value, String unit, Instant measuredAt) {
    }

    /** An active fault. */
    public record Fault(String component, String code, String detail, Instant raisedAt) {
    }

    /** Sequence bookkeeping: what was received, what is missing, what arrived twice. */
    public record Sequence(String epoch, Long highest, long received, long missing, String missingRanges,
                           long gapsDetected, long recovered, long duplicates, long resets) {
    }

    /** One health-station measurement. */
    public record Measurement(Instant measuredAt, String kind, double value, String unit, String source, long seq) {
    }

    /** One stored event. */
    public record Event(long seq, Instant at, String type, String bank, Integer compartment, String session,
                        String healthDevice, String component, String code, String detail) {
    }
}
