"""The unified social credit code (统一社会信用代码, GB 32100-2015), as pure functions.

18 characters: registering authority (1), entity type (1), division code (6), organisation
code (9), check character (1). Alphabet excludes I, O, Z, S, V.
"""

from __future__ import annotations

from dataclasses import dataclass

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
SHUNYI_DIVISION_CODE = "110113"


@dataclass(frozen=True)
class CreditCodeCheck:
    normalized: str
    valid: bool
    error: str | None  # Chinese message when invalid
    warnings: tuple[str, ...]  # Chinese messages; never block


def check_character(first17: str) -> str:
    total = sum(ALPHABET.index(ch) * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def normalize(code: str) -> str:
    return code.strip().upper().replace(" ", "")


def check_credit_code(raw: str, *, home_division: str = SHUNYI_DIVISION_CODE) -> CreditCodeCheck:
    code = normalize(raw)
    if len(code) != 18:
        return CreditCodeCheck(code, False, "统一社会信用代码应为 18 位", ())
    bad = sorted({ch for ch in code if ch not in ALPHABET})
    if bad:
        return CreditCodeCheck(code, False, f"统一社会信用代码含有不允许的字符：{''.join(bad)}", ())
    if not code[8:17].isalnum() or check_character(code[:17]) != code[17]:
        return CreditCodeCheck(code, False, "统一社会信用代码校验位不正确，请核对", ())
    warnings: tuple[str, ...] = ()
    if code[2:8] != home_division:
        warnings = (f"登记管理机关行政区划码为 {code[2:8]}，不是顺义区（{home_division}）；若单位在市级登记请忽略此提示",)
    return CreditCodeCheck(code, True, None, warnings)


def make_credit_code(first17: str) -> str:
    """A valid code from its first 17 characters (demo data and tests)."""
    first17 = normalize(first17)
    return first17 + check_character(first17)
