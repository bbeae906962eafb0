package org.kioskops.agent.hardware.sim;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.kioskops.agent.hardware.ScreenMonitor;
import org.kioskops.protocol.Inventory;
import org.kioskops.protocol.ScreenState;
import org.kioskops.protocol.TelemetrySample;

/** A screen whose state the simulation sets. */
public final class SimulatedScreen implements ScreenMonitor {
    private volatile ScreenState state = ScreenState.ON;
    private volatile int brightness = 80;
    private volatile Runnable watcher;

    @Override
    public Inventory.Screen describe() {
        return new Inventory.Screen("simulated 32in touch", 32.0);
    }

    @Override
    public TelemetrySample.ScreenReading read() {
        ScreenState current = state;
        return new TelemetrySample.ScreenReading(current, current == ScreenState.ON ? brightness : null);
    }

    public ScreenState state() {
        return state;
    }

    public void setState(ScreenState state) {
        ScreenState before = this.state;
        this.state = state;
        Runnable w = watcher;
        if (before != state && w != null) {
            w.run();
        }
    }

    @Override
    public boolean setPower(boolean on) {
        setState(on ? ScreenState.ON : ScreenState.OFF);
        return true;
    }

    @Override
    public void watch(Runnable onChange) {
        watcher = onChange;
    }

    /** A small picture of the simulated kiosk's screen: its state, drawn as text. */
    @Override
    public Optional<byte[]> capture() {
        BufferedImage image = new BufferedImage(320, 180, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(state == ScreenState.ON ? new Color(0x1e, 0x6f, 0xd9) : Color.BLACK);
            g.fillRect(0, 0, 320, 180);
            g.setColor(Color.WHITE);
            g.drawString("KioskOps simulated screen: " + state.wire(), 12, 90);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(png.toByteArray());
    }

    public void setBrightness(int percent) {
        this.brightness = Math.max(0, Math.min(100, percent));
    }
}
