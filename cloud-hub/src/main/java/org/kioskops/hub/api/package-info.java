/**
 * The REST API under {@code /api} (JAX-RS on Quarkus, with OpenAPI annotations): resources with their request and
 * response bodies, the authentication and role check of every request ({@link AccessFilter}), and the one mapping of
 * every {@code ErrorCode} to HTTP and RFC 9457 Problem JSON ({@link ProblemMapper}). Resources translate HTTP to the
 * feature packages' services, where the rules live.
 */
package org.kioskops.hub.api;
