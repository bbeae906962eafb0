"""A locker controller board speaking the KioskOps locker board protocol on a pseudo-terminal.

Prints the terminal's path, then takes commands on stdin, one per line:
  door N 0|1, parcel N 0|1, fault N CODE, clear N, mute, unmute, garble (the next answer gets a bad
  checksum), refuse (the next UNLOCK is answered ERR busy).
Prints "unlocked N MS" for every UNLOCK it accepts.
"""
import os
import pty
import select
import sys

n = int(sys.argv[1])
doors = ["0"] * n
parcels = ["0"] * n
faults = {}
state = {"mute": False, "garble": False, "refuse": False}

master, slave = pty.openpty()
print(os.ttyname(slave), flush=True)


def checksum(body):
    x = 0
    for c in body.encode("ascii"):
        x ^= c
    return "%02X" % x


def send(body):
    cs = checksum(body)
    if state["garble"]:
        state["garble"] = False
        cs = "%02X" % (int(cs, 16) ^ 0xFF)
    os.write(master, (body + "*" + cs + "\r\n").encode("ascii"))


def answer(line):
    if "*" not in line:
        return
    body, cs = line.rsplit("*", 1)
    if cs != checksum(body):
        send("ERR checksum bad")
        return
    words = body.split(" ")
    if words[0] == "STATUS":
        f = ",".join("%d:%s" % (k, v) for k, v in sorted(faults.items())) or "-"
        send("STATUS %d %s %s %s" % (n, "".join(doors), "".join(parcels), f))
    elif words[0] == "UNLOCK":
        if state["refuse"]:
            state["refuse"] = False
            send("ERR busy another release in progress")
            return
        print("unlocked %s %s" % (words[1], words[2]), flush=True)
        send("OK UNLOCK " + words[1])
    else:
        send("ERR unknown " + words[0])


pending = b""
commands = b""
while True:
    ready, _, _ = select.select([master, 0], [], [])
    if master in ready:
        pending += os.read(master, 1024)
        while b"\n" in pending:
            line, pending = pending.split(b"\n", 1)
            if not state["mute"]:
                answer(line.decode("ascii", "replace").strip())
    if 0 in ready:
        data = os.read(0, 1024)
        if not data:
            break
        commands += data
        while b"\n" in commands:
            cmd, commands = commands.split(b"\n", 1)
            w = cmd.decode().split()
            if w[0] == "door":
                doors[int(w[1]) - 1] = w[2]
            elif w[0] == "parcel":
                parcels[int(w[1]) - 1] = w[2]
            elif w[0] == "fault":
                faults[int(w[1])] = w[2]
            elif w[0] == "clear":
                faults.pop(int(w[1]), None)
            elif w[0] in ("mute", "unmute"):
                state["mute"] = w[0] == "mute"
            elif w[0] in ("garble", "refuse"):
                state[w[0]] = True
            print("ok " + w[0], flush=True)
