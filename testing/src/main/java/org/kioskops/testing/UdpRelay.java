package org.kioskops.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * A loopback UDP relay that plays a carrier's NAT: a client sends to {@link #port()}, the relay forwards from a
 * socket of its own to the target and relays the answers back. {@link #rebind()} moves the relay's side to a
 * new source port, as a NAT does when its binding expires, so the server sees the client's traffic come from a
 * new address.
 */
public final class UdpRelay implements AutoCloseable {
    private final DatagramSocket front;
    private final InetSocketAddress target;
    private volatile DatagramSocket back;
    private volatile SocketAddress client;
    private volatile boolean closed;

    private UdpRelay(int targetPort) throws IOException {
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        this.front = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.back = newBack();
        Thread t = new Thread(this::frontLoop, "udp-relay-" + front.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    /** A relay to {@code targetPort} on loopback. */
    public static UdpRelay to(int targetPort) throws IOException {
        return new UdpRelay(targetPort);
    }

    /** The port clients send to. */
    public int port() {
        return front.getLocalPort();
    }

    /** The source port the target sees now. */
    public int sourcePort() {
        return back.getLocalPort();
    }

    /** From now on the target sees the client's datagrams come from a new port. */
    public synchronized void rebind() throws IOException {
        DatagramSocket old = back;
        back = newBack();
        old.close();
    }

    private DatagramSocket newBack() throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread t = new Thread(() -> backLoop(socket), "udp-relay-back-" + socket.getLocalPort());
        t.setDaemon(true);
        t.start();
        return socket;
    }

    private void frontLoop() {
        byte[] buffer = new byte[65_535];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                front.receive(packet);
                client = packet.getSocketAddress();
                back.send(new DatagramPacket(packet.getData(), packet.getOffset(), packet.getLength(), target));
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                // a datagram lost while rebinding, as on a real NAT
            }
        }
    }

    private void backLoop(DatagramSocket socket) {
        byte[] buffer = new byte[65_535];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                SocketAddress to = client;
                if (to != null) {
                    front.send(new DatagramPacket(packet.getData(), packet.getOffset(), packet.getLength(), to));
                }
            } catch (IOException e) {
                return; // closed by rebind() or close()
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        front.close();
        back.close();
    }
}
