#!/usr/bin/env python3
"""POST a WhatsApp webhook body signed with the app secret (X-Hub-Signature-256) to
127.0.0.1:PORT/webhooks/whatsapp. usage: webhook.py PORT SECRET BODY_FILE
Prints the HTTP status and the X-Request-Id response header; exit 0 on 200."""
import hashlib
import hmac
import http.client
import sys

port, secret, body_file = int(sys.argv[1]), sys.argv[2].encode(), sys.argv[3]
body = open(body_file, "rb").read()
signature = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
conn.request("POST", "/webhooks/whatsapp", body=body,
             headers={"Content-Type": "application/json", "X-Hub-Signature-256": signature})
resp = conn.getresponse()
resp.read()
print("status=%d request_id=%s" % (resp.status, resp.getheader("X-Request-Id", "")))
sys.exit(0 if resp.status == 200 else 1)
