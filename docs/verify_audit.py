#!/usr/bin/env python3
"""Check a Model Registry audit export (JSON Lines) without the registry. Python 3 standard library only.

Usage: python3 verify_audit.py export.jsonl
Prints VALID and exits 0, or prints INVALID naming the first bad sequence and exits 1.
The format and the canonical form are described in docs/audit-export.md.
"""
import hashlib
import json
import re
import sys

GENESIS = "0" * 64
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def field(value):
    # The length is .NET's string length: UTF-16 code units, so an emoji counts 2.
    return "%d:%s|" % (len(value.encode("utf-16-le", "surrogatepass")) // 2, value)


def canonical(e):
    parts = [e["previousHash"], str(e["sequence"]), e["type"], e["occurredAt"], e["actor"],
             "\0" if e["reason"] is None else e["reason"], e["subjectType"], str(e["subjectId"]),
             "\0" if e["modelId"] is None else str(e["modelId"]), e["payload"]]
    return "".join(field(p) for p in parts)


def sha256_hex(text):
    # .NET's UTF-8 encoder writes a lone surrogate as U+FFFD; valid pairs arrive from JSON as one code point.
    return hashlib.sha256(LONE_SURROGATE.sub("\ufffd", text).encode("utf-8")).hexdigest()


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def check_event(e, expected_seq, expected_prev):
    if not is_int(e.get("sequence")):
        return "'sequence' is missing or not a whole number."
    if expected_seq is not None and e["sequence"] != expected_seq:
        return "the line holds sequence %d where %d was expected: events are missing or out of order." % (e["sequence"], expected_seq)
    for name in ("type", "occurredAt", "actor", "subjectType", "payload", "previousHash", "hash"):
        if not isinstance(e.get(name), str):
            return "'%s' is missing or not a string." % name
    if "reason" not in e or not (e["reason"] is None or isinstance(e["reason"], str)):
        return "'reason' is missing or neither a string nor null."
    if not is_int(e.get("subjectId")):
        return "'subjectId' is missing or not a whole number."
    if "modelId" not in e or not (e["modelId"] is None or is_int(e["modelId"])):
        return "'modelId' is missing or neither a whole number nor null."
    if expected_prev is not None and e["previousHash"] != expected_prev:
        return "its previousHash %s is not the hash before it, %s." % (e["previousHash"], expected_prev)
    text = canonical(e)
    if "canonical" in e and e["canonical"] != text:
        return "its 'canonical' string is not the canonical form of its fields."
    if e["hash"] != sha256_hex(text):
        return "its hash %s does not match its content, whose hash is %s." % (e["hash"], sha256_hex(text))
    return None


def verify(path):
    """Returns (True, None, summary) when valid, else (False, first bad sequence or None, problem)."""
    events, first, last, first_prev, last_hash, manifest, signed = 0, None, None, None, None, None, False
    with open(path, "rb") as f:
        for number, raw in enumerate(f, start=1):
            expected = None if first is None else last + 1
            if signed:
                return False, None, "line %d: there is content after the signature line." % number
            try:
                record = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                return False, expected, "line %d: the line is not valid UTF-8 JSON." % number
            if not isinstance(record, dict):
                return False, expected, "line %d: the line is not a JSON object." % number
            if "signature" in record:
                signed = True  # ECDSA is not in the standard library: check it with openssl (see the docs).
                continue
            if "manifest" in record:
                if manifest is not None:
                    return False, None, "line %d: the file holds a second manifest." % number
                manifest = record["manifest"]
                continue
            if manifest is not None:
                return False, expected, "line %d: an event follows the manifest." % number
            prev = last_hash if first is not None else (GENESIS if record.get("sequence") == 1 else None)
            problem = check_event(record, expected, prev)
            if problem:
                seq = expected if expected is not None else record.get("sequence")
                return False, (seq if is_int(seq) else None), "line %d: %s" % (number, problem)
            first = record["sequence"] if first is None else first
            first_prev = record["previousHash"] if first_prev is None else first_prev
            last, last_hash, events = record["sequence"], record["hash"], events + 1
    if manifest is None:
        return False, (None if first is None else last + 1), "the file ends without a manifest: it was cut short."
    if events == 0:
        return False, None, "the file holds no events."
    if not isinstance(manifest, dict):
        return False, None, "the manifest is not a JSON object."
    for key, want in (("firstSequence", first), ("lastSequence", last), ("count", events),
                      ("headHash", last_hash), ("previousHash", first_prev)):
        if manifest.get(key) != want:
            return False, None, "the manifest's %s is not %s." % (key, want)
    return True, None, "%d events, sequences %d..%d, head %s" % (events, first, last, last_hash)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: verify_audit.py EXPORT.jsonl")
    valid, bad_sequence, message = verify(sys.argv[1])
    if not valid:
        print("INVALID: " + ("sequence %d (%s)" % (bad_sequence, message) if bad_sequence is not None else message))
        sys.exit(1)
    print("VALID: " + message)
