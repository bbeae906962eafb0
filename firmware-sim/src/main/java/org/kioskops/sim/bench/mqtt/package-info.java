/** Paho connections of the benchmark: load publishers with a Receive Maximum window, and counting subscribers. */
package org.kioskops.sim.bench.mqtt;
