/**
 * Notifications about alerts: routes per organisation (told of every change, or as escalation steps), notices queued
 * in the transaction of the alert change, so that none is lost or sent for a change that rolled back, and
 * {@link NotificationDispatcher}, which sends them with retries and backoff and records every outcome. Channels are
 * behind the {@link NotificationSender} port, with adapters in {@code notify.http} (webhook, WeCom, DingTalk) and
 * {@code notify.mail}. Tables: {@code notification_route}, {@code notification}.
 */
package org.kioskops.hub.notify;
