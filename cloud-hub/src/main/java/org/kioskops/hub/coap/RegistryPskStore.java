package org.kioskops.hub.coap;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.SecretKey;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.HandshakeResultHandler;
import org.eclipse.californium.scandium.dtls.PskPublicInformation;
import org.eclipse.californium.scandium.dtls.PskSecretResult;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedPskStore;
import org.eclipse.californium.scandium.util.SecretUtil;
import org.eclipse.californium.scandium.util.ServerNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scandium's PSK store over the device registry: the PSK identity is the device id, and the key is the device's
 * active pre-shared key. Looked up at each handshake (handshakes are rare; sessions last), so a revoked or
 * rotated key is refused from the next handshake on.
 */
final class RegistryPskStore implements AdvancedPskStore {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryPskStore.class);

    private final Function<String, Optional<byte[]>> keys;

    /** @param keys the active key of a device id, empty for none */
    RegistryPskStore(Function<String, Optional<byte[]>> keys) {
        this.keys = keys;
    }

    @Override
    public boolean hasEcdhePskSupported() {
        return true;
    }

    @Override
    public PskSecretResult requestPskSecretResult(ConnectionId cid, ServerNames serverName, PskPublicInformation identity,
                                                  String hmacAlgorithm, SecretKey otherSecret, byte[] seed, boolean useExtendedMasterSecret) {
        String deviceId = identity.getPublicInfoAsString();
        Optional<byte[]> key;
        try {
            key = keys.apply(deviceId);
        } catch (RuntimeException e) {
            LOG.warn("{} DTLS handshake: the registry cannot be read ({}); refused", deviceId, e.toString());
            key = Optional.empty();
        }
        if (key.isEmpty()) {
            LOG.debug("{} DTLS handshake refused: no active pre-shared key", deviceId);
            return new PskSecretResult(cid, identity, null);
        }
        SecretKey secret = SecretUtil.create(key.get(), PskSecretResult.ALGORITHM_PSK);
        return new PskSecretResult(cid, identity, secret);
    }

    @Override
    public PskPublicInformation getIdentity(InetSocketAddress peerAddress, ServerNames virtualHost) {
        return null; // the hub is never a DTLS client
    }

    @Override
    public void setResultHandler(HandshakeResultHandler resultHandler) {
        // answers are synchronous
    }
}
