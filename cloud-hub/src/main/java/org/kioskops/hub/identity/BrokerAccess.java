package org.kioskops.hub.identity;

import java.util.List;
import java.util.Map;

/**
 * Everything the broker needs to decide who may connect, as one snapshot of the registry.
 *
 * @param accounts             accounts with a password: the hub's and every device with an active secret
 * @param certificateSerials   device id to the serial (lower-case hex) of its one valid client certificate
 * @param deviceCaPem          the CA that signs device certificates, for the broker's client verification
 * @param crlPem               the certificates revoked or replaced before they expired, signed by that CA
 */
public record BrokerAccess(List<BrokerAccount> accounts, Map<String, String> certificateSerials, String deviceCaPem, String crlPem) {
}
