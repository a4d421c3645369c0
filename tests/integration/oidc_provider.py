"""A minimal OpenID Connect provider for tests: discovery, JWKS, an authorize endpoint
that signs in a fixed person, and a token endpoint issuing an RS256 ID token."""

from __future__ import annotations

import secrets
import threading
import time
from urllib.parse import urlencode

from flask import Flask, jsonify, redirect, request
from joserfc import jwt
from joserfc.jwk import RSAKey
from werkzeug.serving import make_server


class Provider:
    def __init__(self, client_id: str, client_secret: str) -> None:
        self.client_id, self.client_secret = client_id, client_secret
        self.key_id = "test-key"
        self.key = RSAKey.generate_key(2048, parameters={"kid": self.key_id})
        self.person = {
            "sub": "u-123",
            "preferred_username": "j.jansen",
            "groups": ["budgetschuiver-advisor"],
        }
        self._codes: dict[str, str] = {}
        self.app = self._build()
        self.server = make_server("127.0.0.1", 0, self.app)
        self.issuer = f"http://127.0.0.1:{self.server.server_port}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Provider:
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.server.shutdown()

    def _build(self) -> Flask:
        app = Flask("test-oidc-provider")

        @app.get("/.well-known/openid-configuration")
        def discovery():
            return jsonify(
                {
                    "issuer": self.issuer,
                    "authorization_endpoint": f"{self.issuer}/authorize",
                    "token_endpoint": f"{self.issuer}/token",
                    "jwks_uri": f"{self.issuer}/jwks",
                    "response_types_supported": ["code"],
                    "subject_types_supported": ["public"],
                    "id_token_signing_alg_values_supported": ["RS256"],
                }
            )

        @app.get("/jwks")
        def jwks():
            public = self.key.as_dict(is_private=False) | {
                "kid": self.key_id,
                "use": "sig",
                "alg": "RS256",
            }
            return jsonify({"keys": [public]})

        @app.get("/authorize")
        def authorize():
            assert request.args["client_id"] == self.client_id
            code = secrets.token_urlsafe(16)
            self._codes[code] = request.args.get("nonce", "")
            query = urlencode({"code": code, "state": request.args["state"]})
            return redirect(f"{request.args['redirect_uri']}?{query}")

        @app.post("/token")
        def token():
            nonce = self._codes.pop(request.form["code"])
            now = int(time.time())
            claims = self.person | {
                "iss": self.issuer,
                "aud": self.client_id,
                "iat": now,
                "exp": now + 300,
                "nonce": nonce,
            }
            header = {"alg": "RS256", "kid": self.key_id}
            id_token = jwt.encode(header, claims, self.key)
            return jsonify(
                {
                    "access_token": secrets.token_urlsafe(16),
                    "token_type": "Bearer",
                    "expires_in": 300,
                    "id_token": id_token,
                }
            )

        return app
