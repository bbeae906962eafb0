/**
 * Serial-port adapters: {@link SerialLockerBank} (the {@code LockerBank} port for a controller board polled with
 * {@link LockerBoardProtocol}, docs/locker-board-protocol.md) and {@link SerialHealthDevice} (a measuring device that
 * prints results as text lines, handed to {@code LocalHealthIntake}). Ports are driven through the kernel's tty driver
 * and {@code stty} ({@link SerialLine}) rather than a native library, so the same code runs on a Raspberry Pi and an
 * x86 PC.
 */
package org.kioskops.agent.hardware.serial;
