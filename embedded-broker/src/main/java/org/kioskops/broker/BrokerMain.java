package org.kioskops.broker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Runs the embedded broker as a process of its own. The hub starts it when no external broker is
 * configured and reads the {@value #READY} line from its standard output. With {@code --exit-with-stdin}
 * the broker stops when its standard input closes, so that it never outlives a hub that was killed.
 *
 * <pre>java -cp 'lib/*' org.kioskops.broker.BrokerMain --port 1884 --home data/broker --exit-with-stdin</pre>
 */
public final class BrokerMain {
    /** Printed on standard output, followed by the broker URL, once clients can connect. */
    public static final String READY = "KIOSKOPS-BROKER-READY";

    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        String bind = BrokerSettings.DEFAULT_BIND_ADDRESS;
        int port = BrokerSettings.DEFAULT_PORT;
        Path home = Path.of("data", "broker");
        boolean exitWithStdin = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bind" -> bind = value(args, ++i);
                case "--port" -> port = Integer.parseInt(value(args, ++i));
                case "--home" -> home = Path.of(value(args, ++i));
                case "--exit-with-stdin" -> exitWithStdin = true;
                default -> {
                    System.err.println("unknown option " + args[i]
                            + "; usage: BrokerMain [--bind ADDRESS] [--port PORT] [--home DIR] [--exit-with-stdin]");
                    System.exit(2);
                }
            }
        }
        BrokerSettings settings = new BrokerSettings(bind, port, home, BrokerSettings.DEFAULT_MAX_QUEUED_MESSAGES,
                BrokerSettings.DEFAULT_SERVER_RECEIVE_MAXIMUM, BrokerSettings.DEFAULT_MAX_PACKET_SIZE_BYTES);
        EmbeddedBroker broker = new EmbeddedBroker(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.close();
            } catch (Exception e) {
                System.err.println("embedded broker did not stop cleanly: " + e);
            }
        }, "broker-shutdown"));
        broker.start();
        System.out.println(READY + " " + settings.url());
        System.out.flush();
        if (exitWithStdin) {
            waitForEndOfInput(System.in);
            System.exit(0);
        }
    }

    private static void waitForEndOfInput(InputStream in) throws IOException {
        byte[] buffer = new byte[256];
        while (in.read(buffer) >= 0) {
            // the parent writes nothing; end of input means it has gone
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
