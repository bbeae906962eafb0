/**
 * Email adapter of the {@code NotificationSender} port, over SMTP through the Quarkus mailer
 * ({@code quarkus.mailer.*}); every SMTP failure is retried.
 */
package org.kioskops.hub.notify.mail;
