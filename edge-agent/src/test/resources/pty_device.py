"""A serial device on a pseudo-terminal: prints the terminal's path, then writes every line it reads on
stdin to the terminal, ended by CR LF, as a measuring device prints its results."""
import os
import pty
import sys

master, slave = pty.openpty()
print(os.ttyname(slave), flush=True)
for line in sys.stdin:
    os.write(master, (line.rstrip("\n") + "\r\n").encode("ascii"))
    print("sent", flush=True)
