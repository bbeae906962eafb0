package org.kioskops.hub.command;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.kioskops.hub.device.DevicesConnected;
import org.kioskops.hub.twin.TwinService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What waits for a device that comes online goes out in one order: its desired configuration first, then its
 * queued commands, oldest first.
 */
@ApplicationScoped
public class ReconnectDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(ReconnectDelivery.class);

    @Inject
    TwinService twins;

    @Inject
    CommandService commands;

    private final ConcurrentLinkedQueue<String> connected = new ConcurrentLinkedQueue<>();

    void devicesConnected(@Observes DevicesConnected event) {
        connected.addAll(event.deviceIds());
    }

    @Scheduled(every = "1s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deliver() {
        List<String> ids = new ArrayList<>();
        for (String id = connected.poll(); id != null && ids.size() < 1000; id = connected.poll()) {
            ids.add(id);
        }
        if (ids.isEmpty()) {
            return;
        }
        try {
            twins.deliver(ids);
            commands.deliver(ids);
        } catch (RuntimeException e) {
            connected.addAll(ids);
            LOG.warn("Delivering to {} devices that came online failed ({}); trying again", ids.size(), e.toString());
        }
    }
}
