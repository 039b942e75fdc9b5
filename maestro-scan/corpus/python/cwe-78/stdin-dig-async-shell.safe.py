import asyncio
import sys


async def resolve(host):
    proc = await asyncio.create_subprocess_exec(
        "dig", "+short", host, stdout=asyncio.subprocess.PIPE
    )
    out, _ = await proc.communicate()
    return host, out.decode().split()


async def main():
    hosts = [line.strip() for line in sys.stdin if line.strip()]
    for host, addrs in await asyncio.gather(*(resolve(h) for h in hosts)):
        print(host, ",".join(addrs))


if __name__ == "__main__":
    asyncio.run(main())
