package org.kioskops.hub.api;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.kioskops.hub.error.ErrorCode;
import org.kioskops.hub.error.HubException;

/** Maps every refused request to HTTP and a Problem JSON body, in this one place. */
public class ProblemMapper {
    static final String PROBLEM_JSON = "application/problem+json";

    @ServerExceptionMapper
    public Response hub(HubException e) {
        Response problem = problem(e.error(), e.getMessage());
        return e.retryAfter().map(wait -> Response.fromResponse(problem).header("Retry-After", Math.max(1, wait.toSeconds())).build())
                .orElse(problem);
    }

    /** A device updated by its own messages while an operator changed it: the operator retries. */
    @ServerExceptionMapper
    public Response conflict(OptimisticLockException e) {
        return problem(ApiError.CONCURRENT_UPDATE, "another update of the same record won; send the request again");
    }

    /** Bodies that are not JSON, or JSON of the wrong shape, before any resource code runs. */
    @ServerExceptionMapper
    public Response unreadable(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 400) {
            return problem(ApiError.INVALID_REQUEST, rootMessage(e));
        }
        return e.getResponse();
    }

    static Response problem(ErrorCode error, String detail) {
        return Response.status(error.httpStatus())
                .type(PROBLEM_JSON)
                .entity(new Problem("urn:kioskops:problem:" + error.code(), error.title(), error.httpStatus(), detail, error.code()))
                .build();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "malformed request" : root.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
