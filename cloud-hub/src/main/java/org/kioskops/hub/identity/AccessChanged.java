package org.kioskops.hub.identity;

/** Fired when credentials change; once the change commits, the broker's accounts are rewritten. */
public record AccessChanged(String reason) {
}
