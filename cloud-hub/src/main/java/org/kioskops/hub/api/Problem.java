package org.kioskops.hub.api;

/**
 * An error response body in the shape of RFC 9457 (Problem Details), with the hub's stable {@code code}.
 */
public record Problem(String type, String title, int status, String detail, String code) {
}
