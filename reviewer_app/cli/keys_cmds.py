"""keys new: the office's signing key (a self-signed certificate in a PKCS#12 file)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from reviewer_app.core.errors import ReviewError
from reviewer_app.core.packet.keys import (
    DEFAULT_DAYS,
    PASSPHRASE_ENV,
    fingerprint,
    load_office_key,
    new_office_key,
)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("keys", help="the office's signing key for signed packets")
    keys = p.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    n = keys.add_parser("new", help="make a self-signed certificate and key (PKCS#12 file, "
                                    "protected by a passphrase) and OUT.crt to hand out")
    n.add_argument("out", type=Path, help="the key file to write (OUT.p12)")
    n.add_argument("--name", required=True, help="the office's name (the certificate's name)")
    n.add_argument("--email", default="", help="the office's e-mail address")
    n.add_argument("--days", type=int, default=DEFAULT_DAYS,
                   help=f"how long the certificate is valid (default {DEFAULT_DAYS} days)")
    n.set_defaults(handler=keys_new)


def read_passphrase(prompt: str, confirm: bool) -> str:
    """The key's passphrase: from REVIEWER_APP_KEY_PASSPHRASE (scripts), else asked on the
    terminal without echo (twice when making a key)."""
    if PASSPHRASE_ENV in os.environ:
        return os.environ[PASSPHRASE_ENV]
    if not sys.stdin.isatty():
        raise ReviewError(f"no terminal to ask for the key's passphrase; set {PASSPHRASE_ENV} "
                          "for scripts.")
    try:
        first = getpass.getpass(prompt)
        if confirm and getpass.getpass("Repeat the passphrase: ") != first:
            raise ReviewError("the two passphrases differ; nothing was written.")
    except EOFError as exc:
        raise ReviewError("no passphrase given; nothing was written.") from exc
    return first


def open_key(path: Path):
    """The office key of ``export --sign``, its passphrase asked once."""
    return load_office_key(path, read_passphrase(f"Passphrase for {path.name}: ",
                                                 confirm=False))


def keys_new(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.suffix.lower() not in (".p12", ".pfx"):
        raise ReviewError(f"{out}: name the key file .p12 (PKCS#12), e.g. office.p12.")
    if out.exists() or out.with_suffix(".crt").exists():
        raise ReviewError(f"{out if out.exists() else out.with_suffix('.crt')}: exists; a key "
                          "file is never overwritten (choose another name).")
    passphrase = read_passphrase(f"Passphrase to protect {out.name}: ", confirm=True)
    p12, crt = new_office_key(out, args.name, passphrase, email=args.email, days=args.days)
    key = load_office_key(p12, passphrase)
    print(f"wrote {p12} (the certificate and its key, protected by the passphrase: keep it "
          "private)")
    print(f"wrote {crt} (the certificate: give it to whoever verifies your packets)")
    print(f"certificate: {key.name}, valid until {key.cert.not_valid_after_utc:%Y-%m-%d}, "
          f"SHA-256 {fingerprint(key.cert)}")
    return 0
