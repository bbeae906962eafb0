/**
 * {@link LocalHealthIntake}, the {@code HealthStation} adapter for a box whose own health application posts finished
 * checks to the agent over loopback ({@code POST /health/checks}, served by {@code org.kioskops.agent.local}) and
 * whose serial measuring devices report through it too. Every reading is validated against the contract before any of
 * a check is taken, so that the hub never receives half a check.
 */
package org.kioskops.agent.hardware.local;
