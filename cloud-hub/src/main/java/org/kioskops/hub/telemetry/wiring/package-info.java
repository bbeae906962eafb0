/** Chooses the telemetry store adapter from configuration; the only package that knows both adapters. */
package org.kioskops.hub.telemetry.wiring;
