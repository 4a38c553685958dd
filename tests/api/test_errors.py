"""Every 4xx has one JSON shape: {"error": {"status", "code", "message", "fields"}}; never a traceback."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert set(error) == {"status", "code", "message", "fields"}
    assert error["status"] == status and error["code"] == code and error["message"]
    return error


def test_anonymous_is_401_with_www_authenticate(db):
    response = APIClient().get("/api/interviews/")
    assert_error(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"] == "Token"


def test_unknown_api_urls_and_absurd_ids_are_json_404s(clients):
    assert_error(clients["alice"].get("/api/nope/"), 404, "not_found")
    assert_error(clients["alice"].get("/api/interviews/99999999999999999999999/"), 404, "not_found")
    assert_error(clients["alice"].get("/api/interviews/-1/"), 404, "not_found")
    assert_error(clients["alice"].get("/api/interviews/424242/"), 404, "not_found")
    assert_error(APIClient().get("/api/nope/"), 404, "not_found")


def test_a_method_the_endpoint_does_not_have_is_405_with_allow(clients):
    response = clients["alice"].delete("/api/tracks/")
    assert_error(response, 405, "method_not_allowed")
    assert response["Allow"] == "GET"


def test_malformed_json_is_400_and_form_bodies_are_415(clients):
    assert_error(clients["alice"].post("/api/interviews/", "{not json", content_type="application/json"),
                 400, "invalid")
    assert_error(clients["alice"].post("/api/interviews/", {"track": "behavioral"}), 415, "unsupported_media_type")


def test_validation_errors_name_their_fields(clients):
    error = assert_error(clients["alice"].post("/api/interviews/", {}, format="json"), 400, "invalid")
    assert error["fields"] == {"track": ["This field is required."]}
    assert error["message"] == "This field is required."


def test_an_unexpected_error_is_a_json_500_without_a_traceback(clients, monkeypatch):
    from interviews import selectors

    def broken(**kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(selectors, "interview_history", broken)
    response = clients["alice"].get("/api/interviews/")
    assert_error(response, 500, "server_error")
    assert b"secret internals" not in response.content and b"Traceback" not in response.content


def test_session_auth_needs_the_csrf_token_on_writes(alice, bank):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alice)
    assert browser.get("/api/interviews/").status_code == 200

    refused = browser.post("/api/interviews/", {"track": "behavioral"}, content_type="application/json")
    error = assert_error(refused, 403, "permission_denied")
    assert "CSRF" in error["message"]

    browser.get("/dashboard/")  # sets the csrftoken cookie
    token = browser.cookies["csrftoken"].value
    accepted = browser.post("/api/interviews/", {"track": "behavioral"}, content_type="application/json",
                            headers={"X-CSRFToken": token})
    assert accepted.status_code == 201, accepted.content


def test_schema_and_docs_are_served_with_local_assets(db):
    client = Client()
    schema = client.get("/api/schema/", headers={"Accept": "application/vnd.oai.openapi+json"})
    assert schema.status_code == 200
    assert "/api/interviews/{interview_id}/report/" in schema.json()["paths"]
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"/static/drf_spectacular_sidecar/swagger-ui-dist/" in docs.content
    assert b"cdn." not in docs.content and b"unpkg" not in docs.content


def test_every_operation_documents_its_errors(db):
    schema = Client().get("/api/schema/", headers={"Accept": "application/vnd.oai.openapi+json"}).json()
    for path, operations in schema["paths"].items():
        if not path.startswith("/api/") or path.startswith("/api/schema"):
            continue
        for method, operation in operations.items():
            responses = operation["responses"]
            assert {"401"} <= set(responses), (method, path)
            if "{" in path:
                assert "404" in responses, (method, path)
            if method in ("post", "put"):
                assert {"400", "403"} & set(responses) or path.endswith("/finish/"), (method, path)
            for status, response in responses.items():
                if status.startswith("4"):
                    assert response["content"]["application/json"]["schema"]["$ref"].endswith("/Error")


def test_a_url_with_a_newline_in_an_id_is_a_json_404_too(clients):
    assert_error(clients["alice"].get("/api/interviews/1%0A2/items/1/"), 404, "not_found")
