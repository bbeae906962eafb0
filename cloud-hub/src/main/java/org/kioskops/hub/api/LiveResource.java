package org.kioskops.hub.api;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.kioskops.hub.live.LiveFeed;

/** Server-sent events for dashboards: a version number each time alerts or connections change. */
@Path("/api/live")
@Tag(name = "Dashboard")
public class LiveResource {
    @Inject
    LiveFeed feed;

    @GET
    // blocking: the access filter may read the database to know the caller, which the IO thread must not do
    @Blocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    @Operation(summary = "Server-sent events: the fleet's state version now, then each time alerts or connections change; fetch again on each")
    public Multi<Long> versions() {
        return feed.versions();
    }
}
