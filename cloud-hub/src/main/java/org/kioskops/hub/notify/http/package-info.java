/**
 * HTTP adapter of the {@code NotificationSender} port: generic JSON webhooks and WeCom or DingTalk group robots,
 * telling a permanent refusal, which fails the notification at once, from a failure worth retrying.
 */
package org.kioskops.hub.notify.http;
