"""`gateway serve --demo`: a gateway a newcomer can watch, with nothing to set up.

A SQLite store in a temporary folder, demo keys for a few CAREC countries (printed), the demo agreements
of `agreements/`, the in-process dispatcher; then Kazakhstan posts an e-manifest and it arrives in
China's inbox, each step printed, and a second one waits there for China's officer on the review page
(`/review`, signed in with the CN partner key). Everything stays on this machine.
"""

from __future__ import annotations

import tempfile
import threading
import time
from pathlib import Path

import click
import httpx
import uvicorn

from gateway.access.keys import create_key
from gateway.api.app import create_app
from gateway.api.slow_clients import HeaderDeadline
from gateway.delivery.announce import QueueAnnouncer
from gateway.delivery.worker import open_queue, start_in_thread
from gateway.service.log import configure_logging
from gateway.settings import PROJECT_ROOT, Settings
from gateway.store.memory import utc_now
from gateway.store.port import Role, Store
from gateway.store.sql import open_store

DEMO_KEYS: dict[str, tuple[str, str | None, Role]] = {
    "KZ national": ("Kazakhstan State Revenue Committee (demo)", "KZ", "national"),
    "CN national": ("GACC (demo)", "CN", "national"),
    "CN partner": ("Urumqi customs (demo)", "CN", "partner"),
    "KG partner": ("Kyrgyz customs service (demo)", "KG", "partner"),
    "UZ national": ("Uzbekistan customs committee (demo)", "UZ", "national"),
    "terminologist": ("Hub glossary team (demo)", None, "terminologist"),
    "operator": ("Hub operations (demo)", None, "operator"),
}
DOCUMENT = PROJECT_ROOT / "examples" / "kz-eaeu-pi-manifest.xml"
REFERENCE, SECOND_REFERENCE = b"3f6c1e2a-9b7d-4c21-8a55-0d2e8b4f7a10", b"3f6c1e2a-9b7d-4c21-8a55-0d2e8b4f7a11"


def run_demo(host: str, port: int) -> None:
    """Serve a demo gateway on HOST:PORT until interrupted, after showing one document's journey."""
    folder = Path(tempfile.mkdtemp(prefix="gateway-demo-"))
    settings = Settings(data_dir=folder, log_format="text")
    configure_logging("text")
    store = open_store(settings)
    click.echo(
        f"demo: store {folder / 'gateway.sqlite3'} (SQLite; kept after the demo stops, to look inside)"
    )
    tokens = demo_keys(store)
    queue = open_queue(settings)
    start_in_thread(settings, store, queue)
    app = create_app(settings, store=store, announcer=QueueAnnouncer(store, queue))
    config = uvicorn.Config(app, host=host, port=port, log_config=None, access_log=False, http=HeaderDeadline)
    server = uvicorn.Server(config)
    walk = threading.Thread(
        target=walkthrough, args=(server, f"http://127.0.0.1:{port}", tokens), daemon=True
    )
    walk.start()
    server.run()


def demo_keys(store: Store) -> dict[str, str]:
    """Create and print the demo keys."""
    tokens = {}
    click.echo("demo: keys (Authorization: Bearer <key>)")
    for name, (organisation, country, role) in DEMO_KEYS.items():
        tokens[name] = create_key(store, organisation, country, role, utc_now())[1]
        click.echo(f"  {name:14} {tokens[name]}")
    return tokens


def walkthrough(server: uvicorn.Server, url: str, tokens: dict[str, str]) -> None:
    """Post the example Kazakh manifest and follow it into China's inbox, printing each step."""
    while not server.started:
        time.sleep(0.05)
    kz, cn = _auth(tokens["KZ national"]), _auth(tokens["CN partner"])
    with httpx.Client(base_url=url, timeout=30) as client:
        answer = client.post("/v1/documents", content=DOCUMENT.read_bytes(), headers=kz).json()
        message_id = answer["message_id"]
        click.echo(
            f"demo: KZ posts {DOCUMENT.name} -> message {message_id}, to {', '.join(answer['recipients'])}"
        )
        item = client.get("/v1/inbox/CN", headers=cn).json()["items"][0]
        click.echo(
            f"demo: CN's inbox holds delivery {item['delivery_id']} of message {item['message_id']}: "
            f"{len(item['payload'])} characters of harmonized XML, as the KZ-CN agreement shares it"
        )
        client.post(f"/v1/inbox/CN/{item['delivery_id']}/acknowledgement", headers=cn)
        events = client.get(f"/v1/messages/{message_id}", headers=kz).json()["events"]
        click.echo(f"demo: KZ sees its message's events: {', '.join(e['name'] for e in events)}")
        show_refusal(client, kz)
        leave_for_review(client, kz)
    click.echo(f"demo: try  curl -H 'Authorization: Bearer {tokens['CN partner']}' {url}/v1/inbox/CN")
    click.echo(f"demo: review page  {url}/review  (sign in as China's officer with the CN partner key above)")
    click.echo(f"demo: API  {url}/docs   metrics  {url}/metrics   stop with Ctrl-C")


def show_refusal(client: httpx.Client, kz: dict[str, str]) -> None:
    """Post the example with a date nobody can read, and print the problem's issues."""
    broken = DOCUMENT.read_bytes().replace(b"2024-05-14T07:30:00+05:00", b"14 May", 1)
    problem = client.post("/v1/documents", content=broken, headers=kz).json()
    for issue in problem["issues"]:
        click.echo(f"demo: a broken copy is refused ({problem['status']}): {issue['code']} at "
                   f"{issue.get('pointer')} (line {issue.get('line')}): {issue['message']}")  # fmt: skip


def leave_for_review(client: httpx.Client, kz: dict[str, str]) -> None:
    """Post a second manifest (the example under another reference) and leave it in China's inbox, for an
    officer to read and acknowledge on the review page (docs/review.md)."""
    second = DOCUMENT.read_bytes().replace(REFERENCE, SECOND_REFERENCE, 1)
    message_id = client.post("/v1/documents", content=second, headers=kz).json()["message_id"]
    click.echo(f"demo: KZ posts a second manifest -> message {message_id}, left in CN's inbox for review")


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
