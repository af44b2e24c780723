#!/usr/bin/env python3
"""A TCP proxy that makes a loopback link look like a WAN link: every chunk is held for DELAY ms in each
direction (so the round trip grows by 2 x DELAY) and each direction is limited to RATE Mbit/s.
Where the kernel has no netem (`tc qdisc ... netem delay`), this stands in for it.

usage: wan-proxy.py LISTEN_PORT TARGET_PORT DELAY_MS RATE_MBIT [COUNTS_FILE]

With COUNTS_FILE, the bytes carried so far (all connections, "to_server to_client") are written there every 100 ms,
so that a benchmark can tell the bytes each step put on the link. Copied from the project's shared tools, plus the
counter (bench/wan-fetch.sh uses it).
"""
import asyncio
import sys
import time

LISTEN, TARGET, DELAY, RATE = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]) / 1000, float(sys.argv[4])
COUNTS = sys.argv[5] if len(sys.argv) > 5 else None
BYTES_PER_S = RATE * 1e6 / 8
carried = {"to_server": 0, "to_client": 0}


async def pump(reader, writer, direction):
    queue = asyncio.Queue()

    async def receive():
        sent_until = time.monotonic()  # when the link finishes sending what it already took
        while True:
            data = await reader.read(65536)
            now = time.monotonic()
            if not data:
                await queue.put((now + DELAY, None))
                return
            sent_until = max(sent_until, now) + len(data) / BYTES_PER_S
            await queue.put((sent_until + DELAY, data))
            # back-pressure: do not take more from the sender than the link could have sent
            if sent_until - now > 0.05:
                await asyncio.sleep(sent_until - now - 0.05)

    async def deliver():
        while True:
            due, data = await queue.get()
            wait = due - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            if data is None:
                try:
                    writer.write_eof()
                except OSError:
                    pass
                return
            carried[direction] += len(data)
            writer.write(data)
            await writer.drain()

    try:
        await asyncio.gather(receive(), deliver())
    except (ConnectionError, OSError):
        pass
    finally:
        writer.close()


async def handle(client_reader, client_writer):
    try:
        server_reader, server_writer = await asyncio.open_connection("127.0.0.1", TARGET)
    except OSError:
        client_writer.close()
        return
    await asyncio.gather(pump(client_reader, server_writer, "to_server"), pump(server_reader, client_writer, "to_client"))


async def write_counts():
    while True:
        with open(COUNTS + ".tmp", "w") as out:
            out.write("%d %d\n" % (carried["to_server"], carried["to_client"]))
        import os
        os.replace(COUNTS + ".tmp", COUNTS)
        await asyncio.sleep(0.1)


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", LISTEN)
    if COUNTS:
        asyncio.ensure_future(write_counts())
    async with server:
        await server.serve_forever()


asyncio.run(main())
