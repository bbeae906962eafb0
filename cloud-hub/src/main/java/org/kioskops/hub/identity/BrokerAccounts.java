package org.kioskops.hub.identity;

/**
 * The broker's view of who may connect and where they may publish and subscribe. {@link #apply} replaces
 * the whole set; accounts and certificates left out are refused from then on, and connected clients of
 * revoked ones are disconnected. Adapter: {@code MosquittoAccessFiles} (Mosquitto's password, ACL, CA and
 * CRL files, read by Mosquitto and by the embedded broker alike).
 */
public interface BrokerAccounts {
    /** Makes {@code access} the complete set of accepted accounts and certificates. */
    void apply(BrokerAccess access);
}
