"""One gate for request input that the schemas cannot see (issue 7, items 8 and 9).

Runs as an application-wide dependency, so after routing and body parsing but *before* any route's own
dependency (authentication, If-Match) and before pydantic validates the body:

- a method the matched template allows but the static route it shadows does not (PATCH /calls/defaults matched
  PATCH /calls/{call_id}) answers 405 as for any other undeclared method;
- on a route guarded by If-Match, path parameters are validated first, so a malformed id answers 422 rather
  than 428/412 from a precondition about a resource it cannot name (elsewhere authentication keeps coming first:
  401/403 before a 422);
- a JSON body with absurd structure (too many keys or values in total, or nested too deep) answers 413
  PAYLOAD_TOO_COMPLEX without being validated: validating 180,000 unknown keys held the event loop for seconds;
- a string anywhere in the input (path, query, form field, JSON key or value) with a NUL or another control
  character, or a lone surrogate, answers 422 with a field error (code `control_character` /
  `invalid_character`). PostgreSQL cannot store NUL (asyncpg raised, the caller saw a 500) and a lone surrogate
  cannot be encoded as UTF-8; the other control characters make no sense in any field. JSON strings may keep
  tab, line feed and carriage return (multi-line text); paths, query parameters and form fields may not.

Integers in paths and queries are bounded by their types (`Int4`, `PositiveInt4`): past int4 they are 422 too.
"""

from __future__ import annotations

import email.message
import re
from typing import Annotated, Any

from fastapi import Request
from fastapi.dependencies.models import Dependant
from fastapi.dependencies.utils import request_params_to_args
from fastapi.exceptions import RequestValidationError
from pydantic import Field
from starlette.exceptions import HTTPException

from skillbase.core.concurrency import expected_version
from skillbase.core.errors import AppError, allowed_methods

INT4_MIN = -(2**31)
INT4_MAX = 2**31 - 1
# An integer a PostgreSQL `integer` column can hold: every integer path and query parameter uses one of these.
Int4 = Annotated[int, Field(ge=INT4_MIN, le=INT4_MAX)]
PositiveInt4 = Annotated[int, Field(ge=1, le=INT4_MAX)]

# The largest legitimate body (a full application form) has a few thousand keys and nests about six deep.
MAX_JSON_KEYS = 10_000
MAX_JSON_VALUES = 50_000
MAX_JSON_DEPTH = 32

_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # tab, LF and CR are text in a JSON body
_CONTROL_IN_LINE = re.compile(r"[\x00-\x1f\x7f]")  # a path segment, query or form value is one line
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class PayloadTooComplex(AppError):
    status_code = 413
    code = "PAYLOAD_TOO_COMPLEX"
    message = "请求内容结构过于复杂（字段过多或嵌套过深）"


def _too_complex() -> PayloadTooComplex:
    return PayloadTooComplex(details={"max_keys": MAX_JSON_KEYS, "max_values": MAX_JSON_VALUES, "max_depth": MAX_JSON_DEPTH})


def _bad_character(value: str, pattern: re.Pattern[str]) -> str | None:
    if pattern.search(value):
        return "control_character"
    if _SURROGATE.search(value):
        return "invalid_character"
    return None


def _error(kind: str, loc: tuple[Any, ...]) -> dict[str, Any]:
    msg = "不能包含控制字符" if kind == "control_character" else "包含无效字符"
    return {"type": kind, "loc": loc, "msg": msg, "input": None}


def check_json(body: Any, errors: list[dict[str, Any]]) -> None:
    """Walks a parsed JSON body without recursion: raises PayloadTooComplex past the limits (stopping as soon as one
    is passed), appends a field error for every string key or value with a character it refuses."""
    keys = values = 0
    stack: list[tuple[Any, tuple[Any, ...], int]] = [(body, ("body",), 0)]
    while stack:
        node, loc, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise _too_complex()
        if isinstance(node, str):
            kind = _bad_character(node, _CONTROL_IN_TEXT)
            if kind:
                errors.append(_error(kind, loc))
        elif isinstance(node, dict):
            keys += len(node)
            values += len(node)
            if keys > MAX_JSON_KEYS or values > MAX_JSON_VALUES:
                raise _too_complex()
            for key, child in node.items():
                kind = _bad_character(key, _CONTROL_IN_LINE)
                if kind:
                    errors.append(_error(kind, (*loc, key)))
                stack.append((child, (*loc, key), depth + 1))
        elif isinstance(node, list):
            values += len(node)
            if values > MAX_JSON_VALUES:
                raise _too_complex()
            stack.extend((child, (*loc, i), depth + 1) for i, child in enumerate(node))


def _content_type(request: Request) -> tuple[str, str]:
    value = request.headers.get("content-type")
    if not value:
        return "", ""
    message = email.message.Message()
    message["content-type"] = value
    return message.get_content_maintype(), message.get_content_subtype()


def _params_of(route: Any) -> tuple[list[Any], list[Any], bool]:
    """The route's path and query parameter fields, its dependencies' included, and whether it checks If-Match
    (computed once per route)."""
    cached: tuple[list[Any], list[Any], bool] | None = getattr(route, "_input_params", None)
    if cached is None:
        path: dict[str, Any] = {}
        query: dict[str, Any] = {}
        precondition = False
        stack: list[Dependant] = [route.dependant]
        while stack:
            dependant = stack.pop()
            path.update((f.alias, f) for f in dependant.path_params)
            query.update((f.alias, f) for f in dependant.query_params)
            precondition = precondition or dependant.call is expected_version
            stack.extend(dependant.dependencies)
        cached = (list(path.values()), list(query.values()), precondition)
        route._input_params = cached
    return cached


async def guard_input(request: Request) -> None:
    """The application-wide dependency (see the module docstring)."""
    route = request.scope.get("route")
    if request.path_params:
        method = "GET" if request.method == "HEAD" else request.method
        allowed = allowed_methods(request.app, request.url.path)
        if allowed and method not in allowed:
            raise HTTPException(status_code=405)

    errors: list[dict[str, Any]] = []
    if getattr(route, "dependant", None) is not None:
        path_fields, query_fields, precondition = _params_of(route)
        declared = {f.alias for f in query_fields}  # the others FastAPI ignores, whatever they hold
        for name, value in request.path_params.items():
            kind = isinstance(value, str) and _bad_character(value, _CONTROL_IN_LINE)
            if kind:
                errors.append(_error(kind, ("path", name)))
        for name, value in request.query_params.multi_items():
            kind = name in declared and _bad_character(value, _CONTROL_IN_LINE)
            if kind:
                errors.append(_error(kind, ("query", name)))
        if precondition:
            errors += request_params_to_args(path_fields, request.path_params)[1]

    if getattr(route, "body_field", None) is not None:  # FastAPI has read the body already
        maintype, subtype = _content_type(request)
        if maintype == "application" and (subtype == "json" or subtype.endswith("+json")):
            if await request.body():  # cached
                check_json(await request.json(), errors)  # cached: parsed once
        elif (maintype, subtype) in (("application", "x-www-form-urlencoded"), ("multipart", "form-data")):
            for name, field in (await request.form()).multi_items():  # cached
                kind = _bad_character(name, _CONTROL_IN_LINE) or (isinstance(field, str) and _bad_character(field, _CONTROL_IN_LINE))
                if kind:
                    errors.append(_error(kind, ("body", name)))
    if errors:
        raise RequestValidationError(errors)
