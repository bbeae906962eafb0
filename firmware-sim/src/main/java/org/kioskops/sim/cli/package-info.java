/** The {@code kioskops-sim} command line: the entry point and the commands that wire adapters to the simulator's packages. */
package org.kioskops.sim.cli;
