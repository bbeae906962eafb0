package org.kioskops.sim;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.SocketFactory;

/**
 * One simulated kiosk's network, for fault injection: while it is cut, its open connections are reset and
 * new ones are refused, as when a box's uplink or the broker goes away; restored, the agent reconnects by
 * itself. Used for {@code tcp://} brokers (a TLS connection builds its own sockets).
 */
public final class SeverableNetwork extends SocketFactory {
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean down;

    /** Resets every open connection and refuses new ones. */
    public void cut() {
        down = true;
        for (Socket s : open) {
            try {
                s.setSoLinger(true, 0);
                s.close();
            } catch (IOException e) {
                // already gone
            }
        }
        open.clear();
    }

    public void restore() {
        down = false;
    }

    public boolean isDown() {
        return down;
    }

    @Override
    public Socket createSocket() {
        return new Socket() {
            @Override
            public void connect(SocketAddress endpoint, int timeout) throws IOException {
                if (down) {
                    throw new ConnectException("network unreachable (simulated)");
                }
                super.connect(endpoint, timeout);
                open.add(this);
                if (down) {
                    close();
                    throw new ConnectException("network unreachable (simulated)");
                }
            }

            @Override
            public synchronized void close() throws IOException {
                open.remove(this);
                super.close();
            }
        };
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(new InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        Socket s = createSocket();
        s.bind(new InetSocketAddress(localHost, localPort));
        s.connect(new InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(new InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        Socket s = createSocket();
        s.bind(new InetSocketAddress(localAddress, localPort));
        s.connect(new InetSocketAddress(address, port));
        return s;
    }
}
