package org.kioskops.hub.access;

/** Who is calling, once authenticated. */
public record Caller(String username, Role role, String organisation) {
    /** Whether the caller's role includes {@code needed}. */
    public boolean has(Role needed) {
        return role.ordinal() >= needed.ordinal();
    }
}
