package org.kioskops.hub.notify;

/**
 * Delivers a notice over one or more channels. The dispatcher retries what fails with {@link Retry#LATER},
 * and gives up at once on {@link Retry#NEVER} (a target that will not accept it however often we try).
 */
public interface NotificationSender {
    /** Whether this sender delivers over {@code channel}. */
    boolean handles(Channel channel);

    /**
     * Sends, blocking until the receiver accepted or refused it.
     *
     * @param deliveryId stable across retries of one notification, for receivers that drop duplicates
     * @param secret     the route's secret, or null
     * @throws DeliveryException when the notice was not accepted
     */
    void send(Channel channel, String target, String secret, Notice notice, long deliveryId) throws DeliveryException;

    /** Whether trying again may help. */
    enum Retry {
        LATER,
        NEVER
    }

    /** A notice the receiver did not accept, and why. */
    final class DeliveryException extends Exception {
        private final Retry retry;

        public DeliveryException(String message, Retry retry) {
            super(message);
            this.retry = retry;
        }

        public Retry retry() {
            return retry;
        }
    }
}
