#!/usr/bin/env python3
"""JSON checks of the e2e deploy test (reads stdin, prints one summary line, exit 1 if unmet).

  e2e_json.py journal REQUEST_ID   stdin: `journalctl -o json`. Needs an entry whose journal
                                   field REQUEST_ID is the id and whose MESSAGE is a JSON log
                                   line with the same "request_id".
  e2e_json.py prompt TO PHONE_NUMBER_ID TOKEN SENT_AT_MS TEXT...
                                   stdin: the Graph stand-in's GET /_standin/messages. Needs a
                                   message to TO from PHONE_NUMBER_ID with TOKEN whose body holds
                                   every TEXT; prints its id and the delay since SENT_AT_MS.
  e2e_json.py units                stdin: `journalctl -o json`. Prints the units of its entries.
"""
import json
import sys


def journal(request_id):
    lines = []
    for raw in sys.stdin:
        entry = json.loads(raw)
        message = entry.get("MESSAGE")
        if entry.get("REQUEST_ID") != request_id or not isinstance(message, str):
            continue
        try:
            line = json.loads(message)
        except ValueError:
            continue
        if line.get("request_id") == request_id:
            lines.append(line)
    if not lines:
        print("no JSON line with request_id %s" % request_id)
        return 1
    print("%d JSON lines, e.g. %s" % (len(lines), json.dumps(lines[0], ensure_ascii=False)[:240]))
    return 0


def prompt(to, phone_number_id, token, sent_at_ms, texts):
    messages = json.load(sys.stdin).get("messages", [])
    for m in messages:
        if (m.get("to") == to and m.get("phone_number_id") == phone_number_id
                and m.get("token") == token and all(t in m.get("body", "") for t in texts)):
            print("id=%s after %d ms, body=%s" % (m["id"], m["received_at_ms"] - int(sent_at_ms),
                                                 json.dumps(m["body"], ensure_ascii=False)[:160]))
            return 0
    print("no prompt to %s holding %s among %s" % (to, texts, json.dumps(messages)[:400]))
    return 1


def units():
    print(" ".join(sorted({json.loads(raw).get("_SYSTEMD_UNIT", "?") for raw in sys.stdin})))
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 2 and sys.argv[1] == "units":
        sys.exit(units())
    if len(sys.argv) == 3 and sys.argv[1] == "journal":
        sys.exit(journal(sys.argv[2]))
    if len(sys.argv) >= 6 and sys.argv[1] == "prompt":
        sys.exit(prompt(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6:]))
    sys.exit(__doc__)
