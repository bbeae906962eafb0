/**
 * Settings more than one feature reads, and the hub's clock. Each feature declares its own {@code kioskops.*}
 * settings next to its code ({@code AlertConfig} in {@code alert}, {@code IngestConfig} in {@code ingest}...);
 * what is here is shared: the hub's MQTT client ({@link MqttConfig}), the broker it runs or manages
 * ({@link BrokerConfig}), the public URL and upload store ({@link UploadConfig}) and the clock speed
 * ({@link ClockConfig}). Every default is declared once, in these interfaces; docs/operations.md lists the keys and
 * {@code OperationsDocTest} keeps the two in step. {@link ClockProducer} makes the injected {@code Clock}, which runs
 * simulated time when {@code kioskops.clock.speed} is set; {@link WallClock} marks the clock that is always wall time,
 * for what others check against theirs (certificates, CRLs).
 */
package org.kioskops.hub.config;
