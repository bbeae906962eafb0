/**
 * Device identity: credentials (a secret kept as a Mosquitto-format PBKDF2 hash, a client certificate from the hub's
 * own CA, or a DTLS pre-shared key for CoAP), their issue, rotation and revocation with the CRL, bulk import from CSV,
 * and zero-touch provisioning with one-time claim codes; every change is audited. Declares {@link BrokerAccounts}, the
 * broker's view of who may connect, whose snapshot {@link BrokerAccessSource} reads; its adapter is in
 * {@code org.kioskops.hub.broker}. Tables: {@code device_credential}, {@code revoked_certificate}, {@code claim_code},
 * {@code device_claim}.
 */
package org.kioskops.hub.identity;
