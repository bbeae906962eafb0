package org.kioskops.hub.support;

import java.util.Map;

/**
 * {@link OwnMosquittoProfile} with the hub's clock running 480 times faster than wall time (a day in three
 * minutes) and every alert setting at its production default, for scenarios that live through a whole day.
 */
public class AcceleratedClockProfile extends OwnMosquittoProfile {
    public static final double SPEED = 480;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("kioskops.clock.speed", String.valueOf(SPEED));
    }
}
