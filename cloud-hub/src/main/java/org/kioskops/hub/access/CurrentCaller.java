package org.kioskops.hub.access;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/** Who makes the current request, as the access filter found; empty when the hub runs without users. */
@RequestScoped
public class CurrentCaller {
    private Caller caller;

    public void set(Caller caller) {
        this.caller = caller;
    }

    public Optional<Caller> get() {
        return Optional.ofNullable(caller);
    }

    /** The organisation whose part of the fleet a contractor is confined to; empty for every other caller. */
    public Optional<String> contractorOrganisation() {
        return get().filter(c -> c.role() == Role.CONTRACTOR).map(Caller::organisation);
    }
}
