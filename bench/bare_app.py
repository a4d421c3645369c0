"""The baseline for bench/submissions.py: a bare Flask endpoint doing the same insert
(the store's upsert), with no validation, no Dash and no security headers."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from flask import Flask, jsonify, request

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from budgetschuiver.store import Store  # noqa: E402

store = Store(
    os.environ["BUDGETSCHUIVER_DATABASE_URL"], os.environ["BUDGETSCHUIVER_SECRET_KEY"]
)
server = Flask("bare")


@server.post("/api/v1/projects/<project_id>/submissions")
def submit(project_id: str):
    body = request.get_json()
    receipt = store.submit_budget(project_id, body["allocation"], body["token"])
    return jsonify({"id": receipt.id, "receipt": receipt.receipt}), (
        201 if receipt.created else 200
    )
