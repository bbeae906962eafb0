/**
 * Software releases and their rollout: releases (agent builds or peripheral firmware) accepted only with an Ed25519
 * signature from a trusted key, and campaigns that send one to a fleet subset in waves, which {@link RolloutEngine}
 * advances, pauses on failures and delivers as retained update orders, inside the campaign's time window when it has
 * one. Devices' reports are written onto deployments by ingest; release files are kept by content through the
 * {@link ReleaseStore} port (adapter in {@code update.file}). Tables: {@code software_release},
 * {@code rollout_campaign}, {@code rollout_deployment}.
 */
package org.kioskops.hub.update;
