/**
 * The agent's configuration file ({@code /etc/kioskops/agent.yaml}) as records, read with Jackson's YAML support and
 * checked as a whole, so that one run reports every problem with its key. Every default is declared once, in these
 * records' compact constructors; docs/agent.md lists the keys. The settings the hub sends at run time are handled in
 * {@code org.kioskops.agent.twin}.
 */
package org.kioskops.agent.config;
