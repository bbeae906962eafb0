package org.kioskops.protocol;

import java.util.Comparator;

/**
 * Orders software versions such as {@code 1.4.2}, {@code 1.10.0} or {@code 2.0.0-rc1} the way people read
 * them: numeric parts compared as numbers, a pre-release ({@code -rc1}) before its release, build metadata
 * ({@code +sim}) ignored. The agent's downgrade guard and the hub's campaigns use the same order.
 */
public final class SoftwareVersions {
    /** Lower versions first. */
    public static final Comparator<String> ORDER = SoftwareVersions::compare;

    private SoftwareVersions() {
    }

    /** Negative when {@code a} is lower than {@code b}, zero when equal, positive when higher. */
    public static int compare(String a, String b) {
        String[] x = core(a);
        String[] y = core(b);
        String[] xs = x[0].split("\\.");
        String[] ys = y[0].split("\\.");
        for (int i = 0; i < Math.max(xs.length, ys.length); i++) {
            int c = comparePart(i < xs.length ? xs[i] : "0", i < ys.length ? ys[i] : "0");
            if (c != 0) {
                return c;
            }
        }
        if (x[1] == null || y[1] == null) {
            // a release ranks above its pre-releases
            return x[1] == null ? (y[1] == null ? 0 : 1) : -1;
        }
        return comparePart(x[1], y[1]);
    }

    private static String[] core(String version) {
        String v = version;
        int plus = v.indexOf('+');
        if (plus >= 0) {
            v = v.substring(0, plus);
        }
        int dash = v.indexOf('-');
        return dash < 0 ? new String[] {v, null} : new String[] {v.substring(0, dash), v.substring(dash + 1)};
    }

    private static int comparePart(String a, String b) {
        boolean an = !a.isEmpty() && a.chars().allMatch(Character::isDigit);
        boolean bn = !b.isEmpty() && b.chars().allMatch(Character::isDigit);
        if (an && bn) {
            String ta = a.replaceFirst("^0+(?=.)", "");
            String tb = b.replaceFirst("^0+(?=.)", "");
            return ta.length() != tb.length() ? Integer.compare(ta.length(), tb.length()) : ta.compareTo(tb);
        }
        if (an != bn) {
            return an ? 1 : -1;
        }
        return a.compareTo(b);
    }
}
