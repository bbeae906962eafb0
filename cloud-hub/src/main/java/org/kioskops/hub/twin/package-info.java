/**
 * Desired configuration of devices: settings documents at fleet, site-tree and device scope, merged per device,
 * checked against the contract and published retained after the commit to each device whose merged settings changed;
 * what the device reports running is written by ingest. Declares the {@link DeviceDownlink} port, through which the
 * hub publishes configuration, commands and update orders (adapter in {@code org.kioskops.hub.mqtt}). Tables:
 * {@code config_document}, {@code device_twin}.
 */
package org.kioskops.hub.twin;
