package org.kioskops.agent.hardware.serial;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kioskops.agent.hardware.local.LocalHealthIntake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A measuring device that prints each result as a text line on a serial port, such as
 * {@code SYS:128,DIA:82,PUL:71} or {@code WT=65.4 kg}: fields are {@code NAME:value} or {@code NAME=value},
 * separated by commas, semicolons or spaces. The configuration maps the device's field names to the
 * contract's health kinds; each line with at least one mapped field is one check, handed to the
 * {@link LocalHealthIntake}, which validates it like a check from the health application. Lines without a
 * mapped field (the device's banners, prompts) are ignored.
 */
public final class SerialHealthDevice implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SerialHealthDevice.class);
    private static final Pattern FIELD = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)\\s*[:=]\\s*(-?[0-9]+(?:\\.[0-9]+)?)");

    private final String deviceId;
    private final Map<String, String> fields;
    private final SerialLine line;
    private final LocalHealthIntake intake;
    private final Clock clock;
    private final Thread reader;
    private volatile boolean closed;

    private SerialHealthDevice(String deviceId, Map<String, String> fields, SerialLine line, LocalHealthIntake intake, Clock clock) {
        this.deviceId = deviceId;
        this.fields = Map.copyOf(fields);
        this.line = line;
        this.intake = intake;
        this.clock = clock;
        this.reader = new Thread(this::readLoop, "health-serial-" + deviceId);
        this.reader.setDaemon(true);
    }

    /**
     * Opens the device's port and starts reading.
     *
     * @param fields the device's field name → the contract's health kind, such as {@code SYS → blood_pressure_systolic}
     */
    public static SerialHealthDevice open(String deviceId, Path port, int baud, Map<String, String> fields, LocalHealthIntake intake,
                                          Clock clock) throws IOException {
        SerialHealthDevice device = new SerialHealthDevice(deviceId, fields, SerialLine.open(port, baud), intake, clock);
        device.reader.start();
        return device;
    }

    /** The readings of one line, in the order the device printed them; empty for a line without a mapped field. */
    List<LocalHealthIntake.Reading> parse(String text) {
        List<LocalHealthIntake.Reading> readings = new ArrayList<>();
        Matcher m = FIELD.matcher(text);
        while (m.find()) {
            String kind = fields.get(m.group(1));
            if (kind != null) {
                readings.add(new LocalHealthIntake.Reading(kind, Double.parseDouble(m.group(2)), null));
            }
        }
        return readings;
    }

    private void readLoop() {
        while (!closed) {
            try {
                String text = line.readLine(1000);
                if (text == null || text.isBlank()) {
                    continue;
                }
                List<LocalHealthIntake.Reading> readings = parse(text);
                if (readings.isEmpty()) {
                    LOG.debug("health device {} on {}: ignored line {}", deviceId, line, text);
                    continue;
                }
                LocalHealthIntake.Outcome outcome = intake.submit(deviceId, clock.instant(), readings);
                if (outcome.status() != 202) {
                    LOG.warn("health device {} on {}: check refused ({}): {}", deviceId, line, outcome.message(), text);
                }
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("health device {} on {}: {}", deviceId, line, e.getMessage());
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        reader.interrupt();
        try {
            line.close();
        } catch (IOException e) {
            LOG.debug("closing {}: {}", line, e.toString());
        }
    }
}
