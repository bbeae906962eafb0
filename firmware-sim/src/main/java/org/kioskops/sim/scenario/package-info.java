/**
 * The {@code kioskops-sim scenario} command: scenario files (fleet, usage, timed faults and expectations;
 * docs/simulator.md#scenario-files), read with SnakeYAML so that every problem is reported with file, line, column and
 * key. {@link ScenarioRunner} registers the fleet under a namespace of its own, runs it on the real agent code,
 * injects the faults on the hub's (possibly accelerated) clock, and checks every expectation against the hub's REST
 * API.
 */
package org.kioskops.sim.scenario;
