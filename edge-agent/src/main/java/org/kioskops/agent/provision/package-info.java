/**
 * Zero-touch provisioning on the box: {@link org.kioskops.agent.provision.Claimer} claims the device id with a claim
 * code and collects the secret once an operator approved. Talks to the hub's HTTP API with the JDK's client.
 */
package org.kioskops.agent.provision;
