package org.kioskops.agent.hardware.serial;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The KioskOps locker controller protocol, version 1 (docs/locker-board-protocol.md): text lines over a
 * serial port, each {@code <body>*<checksum>} where the checksum is the XOR of the body's bytes as two
 * upper-case hex digits, as NMEA 0183 does. The agent asks, the board answers:
 * <pre>
 * STATUS                      → STATUS &lt;n&gt; &lt;doors&gt; &lt;parcels&gt; &lt;faults&gt;
 * UNLOCK &lt;no&gt; &lt;millis&gt;         → OK UNLOCK &lt;no&gt;   or   ERR &lt;code&gt; &lt;text&gt;
 * </pre>
 * {@code doors} and {@code parcels} hold one character per compartment, compartment 1 first: {@code 1}
 * open / present, {@code 0} closed / absent. {@code faults} is {@code -} or a comma-separated list of
 * {@code <no>:<code>}, such as {@code 3:jammed}, {@code 0} standing for the board itself.
 */
public final class LockerBoardProtocol {
    private static final Pattern CODE = Pattern.compile("[a-z0-9_]{1,64}");

    private LockerBoardProtocol() {
    }

    /** A line with its checksum. */
    public static String frame(String body) {
        return body + "*" + String.format(Locale.ROOT, "%02X", checksum(body));
    }

    /** The body of a framed line, if its checksum is right. */
    public static Optional<String> unframe(String line) {
        int star = line.lastIndexOf('*');
        if (star < 0 || star != line.length() - 3) {
            return Optional.empty();
        }
        String body = line.substring(0, star);
        try {
            return Integer.parseInt(line.substring(star + 1), 16) == checksum(body) ? Optional.of(body) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static int checksum(String body) {
        int x = 0;
        for (int i = 0; i < body.length(); i++) {
            x ^= body.charAt(i) & 0xff;
        }
        return x;
    }

    /** What a board reported: every compartment's door and parcel, and its faults by compartment (0: the board). */
    public record Status(List<Boolean> doorsOpen, List<Boolean> parcels, Map<Integer, String> faults) {
    }

    /** Parses a {@code STATUS} answer of a board with {@code compartments} compartments. */
    public static Status parseStatus(String body, int compartments) throws BoardException {
        String[] f = body.split(" ");
        if (f.length != 5 || !f[0].equals("STATUS")) {
            throw new BoardException("not a STATUS answer: " + body);
        }
        int n;
        try {
            n = Integer.parseInt(f[1]);
        } catch (NumberFormatException e) {
            throw new BoardException("STATUS count is not a number: " + f[1]);
        }
        if (n != compartments || f[2].length() != n || f[3].length() != n) {
            throw new BoardException("board reports " + n + " compartments (" + f[2].length() + " doors, " + f[3].length()
                    + " parcels); configured " + compartments);
        }
        Map<Integer, String> faults = new LinkedHashMap<>();
        if (!f[4].equals("-")) {
            for (String fault : f[4].split(",")) {
                int colon = fault.indexOf(':');
                String code = colon < 0 ? "" : fault.substring(colon + 1);
                int no;
                try {
                    no = Integer.parseInt(fault.substring(0, Math.max(0, colon)));
                } catch (NumberFormatException e) {
                    throw new BoardException("fault is not <no>:<code>: " + fault);
                }
                if (no < 0 || no > n || !CODE.matcher(code).matches()) {
                    throw new BoardException("fault is not <no>:<code>: " + fault);
                }
                faults.put(no, code);
            }
        }
        return new Status(bits(f[2]), bits(f[3]), faults);
    }

    private static List<Boolean> bits(String text) throws BoardException {
        List<Boolean> out = new ArrayList<>(text.length());
        for (char c : text.toCharArray()) {
            if (c != '0' && c != '1') {
                throw new BoardException("expected 0 or 1, found '" + c + "'");
            }
            out.add(c == '1');
        }
        return out;
    }

    /** A board that answered something this protocol does not allow, or nothing. */
    public static final class BoardException extends Exception {
        public BoardException(String message) {
            super(message);
        }
    }
}
