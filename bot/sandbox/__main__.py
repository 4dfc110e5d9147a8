"""Run the sandbox standalone: ``python -m bot.sandbox --port 8081 --token TOKEN``."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal

from bot.sandbox.server import BotApiServer


def _parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bot.sandbox", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default="123456:SANDBOX")
    parser.add_argument("--bot-username", default="jol_test_bot")
    parser.add_argument("--bot-first-name", default="Jol")
    parser.add_argument(
        "--webhook-gateway",
        help="deliver webhooks here instead of the URL's host (a load balancer), "
        "e.g. http://127.0.0.1:8443",
    )
    parser.add_argument(
        "--lenient-html",
        action="store_true",
        help="accept a bare '&' in HTML like Telegram does (default: reject it)",
    )
    return parser.parse_args(argv)


async def _serve(args: argparse.Namespace) -> None:
    server = BotApiServer(
        token=args.token,
        host=args.host,
        port=args.port,
        bot_username=args.bot_username,
        bot_first_name=args.bot_first_name,
        strict_html=not args.lenient_html,
    )
    server.api.webhook.gateway = args.webhook_gateway
    await server.start()
    print(server.base_url, flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        await server.stop()


def main(argv: list[str] | None = None) -> None:
    """Entry point."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    asyncio.run(_serve(_parse_args(argv)))


if __name__ == "__main__":
    main()
