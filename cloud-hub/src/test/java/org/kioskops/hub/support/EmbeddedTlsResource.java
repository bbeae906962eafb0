package org.kioskops.hub.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;
import org.kioskops.testing.Ports;

/**
 * The embedded defaults plus the embedded broker's TLS listener on a free port. Test-only keys:
 * {@code test.broker.plain-url}, {@code test.broker.tls-url}, {@code test.broker.certificate-url}.
 */
public class EmbeddedTlsResource implements QuarkusTestResourceLifecycleManager {
    private final EmbeddedDefaultsResource defaults = new EmbeddedDefaultsResource();

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(defaults.start());
        int tlsPort = Ports.free();
        config.put("kioskops.broker.embedded.tls-port", Integer.toString(tlsPort));
        config.put("test.broker.plain-url", "tcp://127.0.0.1:" + config.get("kioskops.broker.embedded.port"));
        config.put("test.broker.tls-url", "ssl://127.0.0.1:" + tlsPort);
        // one TLS listener takes secrets and client certificates alike
        config.put("test.broker.certificate-url", "ssl://127.0.0.1:" + tlsPort);
        return config;
    }

    @Override
    public void stop() {
        defaults.stop();
    }
}
