package org.kioskops.hub.device;

import java.util.List;

/** Fired by ingest after it stored that devices came online, so that what waits for them can be sent. */
public record DevicesConnected(List<String> deviceIds) {
}
