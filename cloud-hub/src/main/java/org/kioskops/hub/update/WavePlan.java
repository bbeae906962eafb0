package org.kioskops.hub.update;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A campaign's waves as people write them: cumulative sizes, each a device count or a percentage of the
 * target, such as {@code 2,25%,100%} (a canary of two devices, then up to a quarter of the fleet, then the
 * rest). A plan that does not reach every device gets a last wave for the rest.
 */
public record WavePlan(String spec, List<String> steps) {

    /**
     * Reads a plan.
     *
     * @throws IllegalArgumentException saying what is wrong, for the API's answer
     */
    public static WavePlan parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("waves is required, such as \"2,25%,100%\" (a canary of 2 devices, then 25 %, then all)");
        }
        List<String> steps = new ArrayList<>();
        for (String raw : spec.split(",")) {
            String step = raw.strip().toLowerCase(Locale.ROOT);
            boolean percent = step.endsWith("%");
            String number = percent ? step.substring(0, step.length() - 1).strip() : step;
            int value;
            try {
                value = Integer.parseInt(number);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("wave '" + raw.strip() + "' is neither a device count nor a percentage");
            }
            if (percent ? value < 1 || value > 100 : value < 1) {
                throw new IllegalArgumentException("wave '" + raw.strip() + "' must be " + (percent ? "1% to 100%" : "at least 1 device"));
            }
            steps.add(percent ? value + "%" : Integer.toString(value));
        }
        if (steps.size() > 20) {
            throw new IllegalArgumentException("at most 20 waves");
        }
        return new WavePlan(String.join(",", steps), List.copyOf(steps));
    }

    /**
     * The number of devices each wave takes from a target of {@code total}, in order; empty waves (a step
     * no larger than the one before) are left out, and a last wave takes whatever the steps leave.
     */
    public List<Integer> sizes(int total) {
        List<Integer> sizes = new ArrayList<>();
        int reached = 0;
        for (String step : steps) {
            int upTo = step.endsWith("%")
                    ? (int) Math.ceil(total * Integer.parseInt(step.substring(0, step.length() - 1)) / 100.0)
                    : Integer.parseInt(step);
            upTo = Math.min(upTo, total);
            if (upTo > reached) {
                sizes.add(upTo - reached);
                reached = upTo;
            }
        }
        if (reached < total) {
            sizes.add(total - reached);
        }
        return sizes;
    }
}
