#!/usr/bin/env python3
"""Verify a kaohe score file outside kaohe, from the README's description alone.

    python3 scripts/verify_score_file.py FILE.json "KEY LINE" RUBRIC.json

FILE.json    a score file as a department exports it (a DSSE envelope)
KEY LINE     the signer's line from `kaohe key show`:
             ed25519 <key id> <base64 public key> <department> <scorer>
RUBRIC.json  the output of `kaohe rubric show <rubric> --json`

It checks the signature (Ed25519 over DSSE's PAE), that the key id is the
SHA-256 of the public key, that the file is the key's department's, and
recomputes the rubric's hash from RUBRIC.json to compare it with the
file's. Exit 0 and one line "OK ..." when all hold; exit 1 and the reason
otherwise. Needs PyNaCl (pip install pynacl).
"""

import base64
import binascii
import hashlib
import json
import sys

import nacl.exceptions
import nacl.signing

PAYLOAD_TYPE = "application/vnd.kaohe.scores+json;version=1"


class Refused(Exception):
    pass


def b64(text, what):
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as e:
        raise Refused(f"{what} is not base64: {e}")
    if base64.b64encode(raw).decode() != text:
        raise Refused(f"{what} is not canonical base64")
    return raw


def pae(payload_type, payload):
    head = f"DSSEv1 {len(payload_type.encode())} {payload_type} {len(payload)} ".encode()
    return head + payload


def rubric_hash(shown):
    """SHA-256 of the rubric object without its "hash" key: keys sorted,
    no whitespace, UTF-8 (README, "Rubric hash")."""
    body = {k: v for k, v in shown.items() if k != "hash"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def verify(envelope_bytes, key_line, rubric_shown):
    envelope = json.loads(envelope_bytes)
    if set(envelope) != {"payloadType", "payload", "signatures"}:
        raise Refused(f"unexpected envelope fields: {sorted(envelope)}")
    if envelope["payloadType"] != PAYLOAD_TYPE:
        raise Refused(f"payloadType is {envelope['payloadType']!r}")
    if len(envelope["signatures"]) != 1:
        raise Refused("a score file carries exactly one signature")
    signature = envelope["signatures"][0]

    parts = key_line.split(maxsplit=4)
    if len(parts) < 4 or parts[0] != "ed25519":
        raise Refused("the key line is not 'ed25519 <key id> <public key> <department> <scorer>'")
    _, key_id, public_b64, department = parts[:4]
    public = b64(public_b64, "the public key")
    if hashlib.sha256(public).hexdigest() != key_id:
        raise Refused("the key id is not the SHA-256 of the public key")
    if signature["keyid"] != key_id:
        raise Refused(f"signed by key {signature['keyid']}, not {key_id}")

    payload = b64(envelope["payload"], "payload")
    try:
        nacl.signing.VerifyKey(public).verify(pae(PAYLOAD_TYPE, payload), b64(signature["sig"], "sig"))
    except nacl.exceptions.BadSignatureError:
        raise Refused("the signature does not match: the file was changed or signed by another key")

    scores = json.loads(payload.decode("utf-8"))
    if scores["key_id"] != key_id:
        raise Refused("the payload names another key")
    if scores["department"] != department:
        raise Refused(f"the file is {scores['department']}'s, the key {department}'s")
    if rubric_shown.get("id") != scores["rubric"]:
        raise Refused(f"the file is scored on {scores['rubric']}, the rubric given is {rubric_shown.get('id')}")
    recomputed = rubric_hash(rubric_shown)
    if recomputed != rubric_shown.get("hash"):
        raise Refused(f"the rubric's hash recomputes as {recomputed}, kaohe printed {rubric_shown.get('hash')}")
    if recomputed != scores["rubric_hash"]:
        raise Refused(f"the file was scored on another version of {scores['rubric']}")
    return (
        f"OK {scores['department']} r{scores['revision']} {len(scores['scores'])} cells, "
        f"scorer {scores['scorer']}; rubric {scores['rubric']} {recomputed}"
    )


def main(argv):
    if len(argv) != 4:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    with open(argv[1], "rb") as f:
        envelope = f.read()
    with open(argv[3], "rb") as f:
        shown = json.load(f)
    try:
        print(verify(envelope, argv[2], shown))
    except (Refused, KeyError, ValueError, TypeError) as e:
        print(f"refused: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
