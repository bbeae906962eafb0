package org.kioskops.protocol;

/**
 * Hard limits of contract version 1. A message over any of them is rejected whole, never truncated.
 * Receivers may accept less (the hub's broker limits the packet size); they never accept more.
 */
public final class Limits {
    /** Largest payload, in bytes (256 KiB). */
    public static final int MAX_PAYLOAD_BYTES = 256 * 1024;
    /** Most samples in one telemetry batch. */
    public static final int MAX_SAMPLES_PER_BATCH = 100;
    /** Most events in one event batch. */
    public static final int MAX_EVENTS_PER_BATCH = 100;
    /** Most locker banks per kiosk. */
    public static final int MAX_LOCKER_BANKS = 16;
    /** Most compartments per locker bank. */
    public static final int MAX_COMPARTMENTS_PER_BANK = 200;
    /** Most health-station devices or peripherals per kiosk, and most health readings per sample. */
    public static final int MAX_DEVICES = 32;
    /** Longest identifier (device, bank, component, health device), in characters. */
    public static final int MAX_ID_LENGTH = 64;
    /** Longest free-text field (model names, fault messages), in characters. */
    public static final int MAX_TEXT_LENGTH = 256;
    /** Deepest JSON nesting accepted by the decoder. */
    public static final int MAX_NESTING_DEPTH = 16;
    /** Range of a birth's {@code keepAliveSeconds}, as the reference agent allows it. */
    public static final int MIN_KEEP_ALIVE_SECONDS = 5;
    public static final int MAX_KEEP_ALIVE_SECONDS = 3600;
    /** Most ranges, and most refusals, in one receipt (contract 1.5). */
    public static final int MAX_RECEIPT_ENTRIES = 1000;

    private Limits() {
    }
}
