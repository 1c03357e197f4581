"""Typed errors and the one JSON error shape: {"error": {"code", "message", "details"}}.

Every message is Chinese first; `code` is stable and what clients branch on.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException

from skillbase.core.error_codes import ErrorCode

log = logging.getLogger("skillbase.errors")


def error_code(code: ErrorCode | str) -> ErrorCode:
    """The member for a code; ValueError for a code that is not published in ErrorCode (core/error_codes.py)."""
    try:
        return ErrorCode(code)
    except ValueError:
        raise ValueError(f"unknown error code {code!r}: add it to ErrorCode (core/error_codes.py) first") from None


class AppError(Exception):
    status_code = 400
    # a member of ErrorCode (a string naming one is accepted and turned into the member; anything else is refused)
    code: ErrorCode | str = ErrorCode.BAD_REQUEST
    message = "请求有误"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.code = error_code(cls.code)  # an unknown class default fails at import, not at the first refusal

    def __init__(
        self,
        message: str | None = None,
        *,
        code: ErrorCode | str | None = None,
        details: Any = None,
        headers: dict[str, str] | None = None,
        persist: bool = False,
    ) -> None:
        self.message = message or self.message
        self.code = error_code(code or self.code)
        self.details = details
        self.headers = headers
        # persist=True: a refusal whose side effects must stay (a failed login in the audit trail, a revoked
        # token family). The request's transaction commits them before the error is answered.
        self.persist = persist
        super().__init__(self.message)


class BadRequest(AppError):
    status_code = 400
    code = ErrorCode.BAD_REQUEST
    message = "请求有误"


class Unauthorized(AppError):
    status_code = 401
    code = ErrorCode.UNAUTHORIZED
    message = "未登录或登录已失效"

    def __init__(
        self, message: str | None = None, *, code: ErrorCode | str | None = None, details: Any = None, persist: bool = False
    ) -> None:
        super().__init__(message, code=code, details=details, headers={"WWW-Authenticate": "Bearer"}, persist=persist)


class Forbidden(AppError):
    status_code = 403
    code = ErrorCode.FORBIDDEN
    message = "无权执行此操作"


class NotFound(AppError):
    status_code = 404
    code = ErrorCode.NOT_FOUND
    message = "记录不存在"


class Conflict(AppError):
    status_code = 409
    code = ErrorCode.CONFLICT
    message = "与当前状态冲突"


class InvalidTransition(Conflict):
    code = ErrorCode.INVALID_STATE
    message = "当前状态不允许此操作"


class PreconditionFailed(AppError):
    status_code = 412
    code = ErrorCode.STALE_VERSION
    message = "记录已被他人修改，请刷新后重试"


class PreconditionRequired(AppError):
    status_code = 428
    code = ErrorCode.IF_MATCH_REQUIRED
    message = "缺少 If-Match 版本号"


class PayloadTooLarge(AppError):
    status_code = 413
    code = ErrorCode.PAYLOAD_TOO_LARGE
    message = "上传内容过大"


class Unprocessable(AppError):
    status_code = 422
    code = ErrorCode.VALIDATION_ERROR
    message = "提交的数据不符合要求"


class TooManyRequests(AppError):
    status_code = 429
    code = ErrorCode.TOO_MANY_ATTEMPTS
    message = "尝试次数过多，请稍后再试"

    def __init__(self, message: str | None = None, *, retry_after: int = 60, persist: bool = False) -> None:
        super().__init__(message, headers={"Retry-After": str(retry_after)}, persist=persist)


class DatabaseUnavailable(AppError):
    """The database cannot be reached (down, restarting, out of connections): try again shortly, not a bug."""

    status_code = 503
    code = ErrorCode.DATABASE_UNAVAILABLE
    message = "数据库暂时不可用，请稍后重试"
    retry_after = 5

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message, headers={"Retry-After": str(self.retry_after)})


# SQLSTATEs of an outage rather than of a statement: connection exceptions (class 08), too many connections,
# administrator/crash shutdown, the server still starting up.
_OUTAGE_SQLSTATES = ("08", "53300", "57P01", "57P02", "57P03")


def is_database_outage(exc: BaseException) -> bool:
    """An error that says the database is unreachable, as opposed to a failing statement (which stays a 500)."""
    from sqlalchemy import exc as sa

    if isinstance(exc, sa.TimeoutError):  # no pooled connection free within pool_timeout
        return True
    if isinstance(exc, sa.DBAPIError):
        if exc.connection_invalidated or isinstance(exc, sa.InterfaceError):
            return True
        sqlstate = str(getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None) or "")
        return sqlstate.startswith(_OUTAGE_SQLSTATES)
    return False


class ErrorBody(BaseModel):
    code: ErrorCode
    message: str
    details: Any = None


class ErrorResponse(BaseModel):
    error: ErrorBody


def error_response(
    status: int, code: ErrorCode | str, message: str, details: Any = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(
        status_code=status,
        content={"error": {"code": error_code(code).value, "message": message, "details": details}},
        headers=headers,
    )


def _responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    descriptions = {
        400: "请求无法解析（例如请求体不是合法的 JSON）",
        401: "未登录或令牌无效",
        403: "无权限",
        404: "不存在或无权查看",
        409: "状态冲突",
        412: "版本已过期",
        413: "内容过大",
        422: "数据校验失败",
        428: "缺少 If-Match",
        429: "请求过多",
        503: "服务暂时不可用（如数据库不可达），见 Retry-After",
    }
    return {s: {"model": ErrorResponse, "description": descriptions.get(s, "错误")} for s in statuses}


# Responses every authenticated route can return; routers add their own on top.
AUTH_RESPONSES = _responses(401, 403, 422)


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return _responses(*statuses)


_HTTP_CODES = {
    400: (ErrorCode.BAD_REQUEST, "请求有误"),
    401: (ErrorCode.UNAUTHORIZED, "未登录或登录已失效"),
    403: (ErrorCode.FORBIDDEN, "无权执行此操作"),
    404: (ErrorCode.NOT_FOUND, "请求的资源不存在"),
    405: (ErrorCode.METHOD_NOT_ALLOWED, "不支持该请求方法"),
    413: (ErrorCode.PAYLOAD_TOO_LARGE, "上传内容过大"),
}


def _field_of(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "form")]
    return ".".join(parts)


_PYDANTIC_ZH = {
    "missing": "必填项",
    "extra_forbidden": "不允许的字段",
    "string_too_short": "长度不足",
    "string_too_long": "长度超出限制",
    "value_error": "取值无效",
    "enum": "取值不在允许范围内",
    "literal_error": "取值不在允许范围内",
    "less_than_equal": "数值过大",
    "greater_than_equal": "数值过小",
    "int_parsing": "应为整数",
    "uuid_parsing": "应为 UUID",
    "string_pattern_mismatch": "格式不正确",
    "json_invalid": "JSON 格式错误",
    "control_character": "不能包含控制字符",
    "invalid_character": "包含无效字符",
}

# A 422 lists at most this many field errors (then one `too_many_errors` entry), each field name and message cut
# to a sane length: a body with 180,000 unknown keys once answered 13 MB listing every one of them.
MAX_ERROR_DETAILS = 50
MAX_DETAIL_CHARS = 200


def _clip(text: str) -> str:
    return text if len(text) <= MAX_DETAIL_CHARS else text[: MAX_DETAIL_CHARS - 1] + "…"


class BodyTooLarge(StarletteHTTPException):
    """A body that streams past its limit (raised from `receive`, see core/limits.py). An HTTPException, so that
    FastAPI's body reading lets it through instead of turning it into "400 error parsing the body"."""

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413)
        self.limit = limit


def too_large_error(limit: int) -> dict[str, Any]:
    mb = limit / (1024 * 1024)
    return {"code": ErrorCode.PAYLOAD_TOO_LARGE.value, "message": f"上传内容过大（上限 {mb:g} MB）", "details": {"limit_bytes": limit}}


def allowed_methods(app: FastAPI, path: str) -> list[str]:
    """The methods the OpenAPI document lists for a concrete path (a static route beats a template)."""
    table = getattr(app.state, "method_table", None)
    if table is None:
        table = [
            (re.compile("^" + re.sub(r"\{[^}/]+\}", "[^/]+", template) + "$"), template.count("{"), {m.upper() for m in operations})
            for template, operations in app.openapi()["paths"].items()
        ]
        app.state.method_table = table
    matches = [(params, methods) for pattern, params, methods in table if pattern.match(path)]
    if not matches:
        return []
    fewest = min(params for params, _ in matches)  # /calls/defaults is its own resource, not /calls/{call_id}
    return sorted(set().union(*(methods for params, methods in matches if params == fewest)))


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def _app_error(request: Request, exc: AppError) -> JSONResponse:
        return error_response(exc.status_code, exc.code, exc.message, exc.details, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        if any(err.get("type") == "json_invalid" for err in errors):
            # not a payload that fails its rules but no JSON at all: 400, as documented on every route
            return error_response(400, ErrorCode.MALFORMED_JSON, "请求体不是合法的 JSON", None)
        details = []
        for err in errors[:MAX_ERROR_DETAILS]:
            etype = str(err.get("type", ""))
            msg = str(err.get("msg", ""))
            # Our own validators raise ValueError with a Chinese message; keep it.
            if etype == "value_error" and msg.startswith("Value error, "):
                zh = msg.removeprefix("Value error, ")
            elif etype.isupper():
                # a rule of ours with a stable code (PydanticCustomError("PASSWORD_TOO_COMMON", "…")): keep both
                zh = msg
            else:
                zh = _PYDANTIC_ZH.get(etype, "取值无效")
            details.append({"field": _clip(_field_of(err.get("loc", ()))), "code": _clip(etype), "message": _clip(zh)})
        if len(errors) > MAX_ERROR_DETAILS:
            more = len(errors) - MAX_ERROR_DETAILS
            details.append({"field": "", "code": "too_many_errors", "message": f"另有 {more} 项错误未列出"})
        # One failed rule of ours names itself at the top level too, so clients can branch on it (when it is a
        # published code; the detail keeps its own code either way).
        if len(details) == 1 and details[0]["code"] in ErrorCode.__members__:
            return error_response(422, ErrorCode(details[0]["code"]), details[0]["message"], details)
        return error_response(422, ErrorCode.VALIDATION_ERROR, "提交的数据不符合要求", details)

    @app.exception_handler(BodyTooLarge)
    async def _too_large(request: Request, exc: BodyTooLarge) -> JSONResponse:
        return JSONResponse(status_code=413, content={"error": too_large_error(exc.limit)}, headers={"Connection": "close"})

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code, message = _HTTP_CODES.get(exc.status_code, (ErrorCode.HTTP_ERROR, "请求失败"))
        headers = dict(getattr(exc, "headers", None) or {})
        if exc.status_code == 405:
            # one route per method: Starlette's Allow names only the first route's method; list them all
            headers["Allow"] = ", ".join(allowed_methods(app, request.url.path))
        return error_response(exc.status_code, code, message, None, headers or None)

    @app.exception_handler(SQLAlchemyError)
    async def _database(request: Request, exc: SQLAlchemyError) -> JSONResponse:
        if is_database_outage(exc):
            log.error("database unavailable: %s", exc)
            unavailable = DatabaseUnavailable()
            return error_response(unavailable.status_code, unavailable.code, unavailable.message, None, unavailable.headers)
        log.exception("unhandled error", exc_info=exc)
        return error_response(500, ErrorCode.INTERNAL_ERROR, "服务器内部错误，请稍后重试")

    @app.exception_handler(Exception)
    async def _unhandled(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return error_response(500, ErrorCode.INTERNAL_ERROR, "服务器内部错误，请稍后重试")
