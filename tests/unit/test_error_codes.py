"""One published list of error codes: every code the code base can answer is an ErrorCode member, every member is
used somewhere, AppError refuses anything else, and the OpenAPI publishes the enum on the error schema."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from skillbase.applications.rules import EligibilityCode
from skillbase.core.error_codes import ErrorCode
from skillbase.core.errors import AppError, Conflict, NotFound, Unauthorized

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "backend" / "skillbase"

# Members that no `code="X"` literal, `code = "X"` class attribute or `ErrorCode.X` reference names, because the
# code reaches AppError through a variable. Each with where it comes from.
DYNAMIC = {
    ErrorCode.PUBLICITY_NOT_OVER: "publicity/rules.incomplete_period returns it as a (code, message) pair",
    ErrorCode.PUBLICITY_PERIOD_INCOMPLETE: "publicity/rules.incomplete_period returns it as a (code, message) pair",
}


def _modules() -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"), filename=str(p))) for p in sorted(PACKAGE.rglob("*.py"))]


def _literal_codes() -> list[tuple[str, str]]:
    """(file:line, code) of every `code="X"` keyword argument and every `code = "X"` class attribute."""
    found = []
    for path, tree in _modules():
        where = path.relative_to(ROOT)
        for node in ast.walk(tree):
            if isinstance(node, ast.keyword) and node.arg == "code":
                value = node.value
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    found.append((f"{where}:{value.lineno}", value.value))
            elif isinstance(node, ast.ClassDef):
                for stmt in node.body:
                    if isinstance(stmt, ast.Assign):
                        targets, value = stmt.targets, stmt.value
                    elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
                        targets, value = [stmt.target], stmt.value
                    else:
                        continue
                    named_code = any(isinstance(t, ast.Name) and t.id == "code" for t in targets)
                    if named_code and isinstance(value, ast.Constant) and isinstance(value.value, str):
                        found.append((f"{where}:{stmt.lineno}", value.value))
    return found


def _enum_references() -> set[str]:
    """Names X of every `ErrorCode.X` outside the enum's own module."""
    names = set()
    for path, tree in _modules():
        if path.name == "error_codes.py":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "ErrorCode":
                names.add(node.attr)
    return names


def test_the_scan_finds_the_codes_it_should() -> None:
    codes = {code for _, code in _literal_codes()}
    assert {"EMAIL_TAKEN", "PAYLOAD_TOO_COMPLEX", "VIRUS_SCAN_UNAVAILABLE", "SUBMISSION_REFUSED"} <= codes
    assert {"BAD_REQUEST", "MALFORMED_JSON", "PASSWORD_TOO_COMMON", "EXCLUSIVE_BASE_TYPES"} <= _enum_references()


def test_every_code_literal_is_a_published_error_code() -> None:
    unknown = [f"{where}: {code}" for where, code in _literal_codes() if code not in ErrorCode.__members__]
    assert not unknown, "codes missing from ErrorCode (backend/skillbase/core/error_codes.py):\n" + "\n".join(unknown)


def test_every_error_code_is_used_somewhere() -> None:
    used = {code for _, code in _literal_codes()} | _enum_references() | {c.value for c in DYNAMIC}
    stale = sorted(c.value for c in ErrorCode if c.value not in used)
    assert not stale, f"ErrorCode members nothing answers (remove them, or list them in DYNAMIC with a reason): {stale}"


def test_dynamic_codes_are_still_produced_where_the_reason_says() -> None:
    rules = (PACKAGE / "publicity" / "rules.py").read_text(encoding="utf-8")
    for code in DYNAMIC:
        assert f'"{code.value}"' in rules, f"{code} is no longer produced in publicity/rules.py: drop it from DYNAMIC"


def test_members_are_their_own_values() -> None:
    assert all(c.name == c.value for c in ErrorCode)
    assert all(c.name == c.value for c in EligibilityCode)


def test_app_error_takes_a_member_or_its_name_and_refuses_anything_else() -> None:
    assert Conflict("x", code="EMAIL_TAKEN").code is ErrorCode.EMAIL_TAKEN
    assert Conflict("x", code=ErrorCode.EMAIL_TAKEN).code is ErrorCode.EMAIL_TAKEN
    assert NotFound().code is ErrorCode.NOT_FOUND
    assert Unauthorized(code="INVALID_TOKEN").code is ErrorCode.INVALID_TOKEN
    with pytest.raises(ValueError, match="NO_SUCH_CODE"):
        Conflict("x", code="NO_SUCH_CODE")


def test_an_error_class_with_an_unknown_default_code_fails_when_defined() -> None:
    with pytest.raises(ValueError, match="MADE_UP"):

        class Broken(AppError):
            code = "MADE_UP"


def test_openapi_publishes_the_error_code_enum_on_the_error_schema() -> None:
    schemas = json.loads((ROOT / "openapi" / "openapi.json").read_text(encoding="utf-8"))["components"]["schemas"]
    assert schemas["ErrorCode"]["type"] == "string"
    assert schemas["ErrorCode"]["enum"] == [c.value for c in ErrorCode]
    assert schemas["ErrorBody"]["properties"]["code"] == {"$ref": "#/components/schemas/ErrorCode"}
    assert schemas["ErrorResponse"]["properties"]["error"] == {"$ref": "#/components/schemas/ErrorBody"}


def test_openapi_publishes_eligibility_codes_and_params_on_checks() -> None:
    schemas = json.loads((ROOT / "openapi" / "openapi.json").read_text(encoding="utf-8"))["components"]["schemas"]
    assert schemas["EligibilityCode"]["enum"] == [c.value for c in EligibilityCode]
    check = schemas["CheckRead"]
    assert check["properties"]["code"] == {"$ref": "#/components/schemas/EligibilityCode"}
    assert "params" in check["required"]
    assert check["properties"]["params"]["type"] == "object"
