package org.kioskops.hub.broker;

import java.util.Collection;

/**
 * Ends the open broker connections of devices whose certificates were revoked or replaced. A broker re-reads its
 * CRL for new connections only, so a device already connected with a revoked certificate would stay connected.
 */
public interface RevokedSessions {
    /** Disconnects each device that is connected; a device that is not is a no-op. Never throws for one device. */
    void cutOff(Collection<String> deviceIds);
}
