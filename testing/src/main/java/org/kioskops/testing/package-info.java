/**
 * Test support for every module's tests (a test-scoped dependency; nothing here ships): the ArchUnit rules each build
 * checks ({@link ArchitectureRules}: no package cycles, each technology's library only in its adapter package), a
 * Mosquitto broker of a test's own, a raw MQTT 5 probe, and free loopback ports. For fault injection it also has a TCP
 * proxy that cuts a client's network and a UDP relay that moves its source port as a NAT rebinding does.
 */
package org.kioskops.testing;
