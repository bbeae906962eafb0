package org.kioskops.agent.hardware.serial;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A serial port spoken to in text lines, through the kernel's tty driver: {@code stty} puts the port in raw
 * mode with the given speed and a read timeout, then the device file is read and written like any file. No
 * native library: the same code runs on a Raspberry Pi and an x86 PC, with a USB adapter or a UART.
 */
public final class SerialLine implements AutoCloseable {
    /** A read returns after this long without a byte, so that a silent device cannot hang the caller. */
    static final int READ_TIMEOUT_DECISECONDS = 2;
    private static final int MAX_LINE = 1024;

    private final Path port;
    private final RandomAccessFile file;

    private SerialLine(Path port, RandomAccessFile file) {
        this.port = port;
        this.file = file;
    }

    /** Configures {@code port} (8 data bits, no parity, 1 stop bit, no flow control) and opens it. */
    public static SerialLine open(Path port, int baud) throws IOException {
        List<String> stty = List.of("stty", "-F", port.toString(), Integer.toString(baud), "raw", "-echo", "-echoe", "-echok",
                "-ixon", "-ixoff", "-crtscts", "cs8", "-cstopb", "-parenb", "clocal", "min", "0", "time",
                Integer.toString(READ_TIMEOUT_DECISECONDS));
        Process process = new ProcessBuilder(stty).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("cannot configure " + port + ": " + (output.isEmpty() ? "stty failed" : output));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted configuring " + port, e);
        }
        return new SerialLine(port, new RandomAccessFile(port.toFile(), "rw"));
    }

    public void writeLine(String line) throws IOException {
        file.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** The next line without its line end, or null when none completes within {@code timeoutMillis}. */
    public String readLine(long timeoutMillis) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            int b = file.read(); // -1 after the tty's read timeout
            if (b < 0) {
                continue;
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException(port + " sent a line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    @Override
    public String toString() {
        return port.toString();
    }
}
