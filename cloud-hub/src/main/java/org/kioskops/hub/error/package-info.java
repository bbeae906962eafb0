/**
 * The hub's error vocabulary: {@link ErrorCode}, which each feature implements with an enum of its own, and
 * {@link HubException}, which services throw to refuse a request. Only {@code org.kioskops.hub.api.ProblemMapper}
 * turns them into HTTP and Problem JSON, so feature packages refuse requests without depending on the API.
 */
package org.kioskops.hub.error;
