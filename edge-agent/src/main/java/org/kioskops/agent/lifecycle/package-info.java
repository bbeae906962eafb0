/**
 * The agent's place in its host's lifecycle, as two ports: {@link RunHistory}, whether the previous run ended cleanly,
 * so that the hub can tell a power cut or crash from a planned stop (adapters {@link FileRunHistory} and
 * {@link MemoryRunHistory}); and {@link ServiceManager}, told when the agent is ready and stops and fed the main
 * loop's watchdog keep-alives. The systemd adapter is in {@code lifecycle.systemd}.
 */
package org.kioskops.agent.lifecycle;
