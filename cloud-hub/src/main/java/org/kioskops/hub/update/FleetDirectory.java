package org.kioskops.hub.update;

import java.util.List;
import java.util.Set;

/** The registered devices a campaign can aim at, with what its target is matched on. */
interface FleetDirectory {
    /**
     * A registered device.
     *
     * @param sites          the site ids from the root of the tree down to the device's own site; empty if it has none
     * @param model          its hardware model, as registered or else as it reports it; null if neither is known
     * @param runningVersion the agent version it last reported; null if it never did
     */
    record Candidate(String deviceId, List<String> sites, String model, Set<String> tags, String runningVersion) {
    }

    /** Whether a node of the site tree has this id. */
    boolean siteExists(String siteId);

    /** Every registered device. */
    List<Candidate> registered();
}
