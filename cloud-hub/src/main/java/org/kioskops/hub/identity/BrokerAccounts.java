package org.kioskops.hub.identity;

import java.util.List;

/**
 * The broker's view of who may connect and where they may publish and subscribe. {@link #apply} replaces
 * the whole set; accounts left out are refused from then on, and connected clients of revoked accounts are
 * disconnected. Adapter: {@code MosquittoAccessFiles} (Mosquitto's password and ACL files, read by
 * Mosquitto and by the embedded broker alike).
 */
public interface BrokerAccounts {
    /** Makes {@code accounts} the complete set of accepted accounts. */
    void apply(List<BrokerAccount> accounts);
}
