"""What `deckgen check` reports (findings, one report per deck) and how it reads as text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SEVERITIES = ("error", "warning", "info")
_RANK = {s: i for i, s in enumerate(SEVERITIES)}


@dataclass(frozen=True)
class Finding:
    slide: int | None          # 1-based, None for deck-level
    severity: str              # "error" | "warning" | "info"
    code: str
    message: str               # one line a presenter understands, naming the shape
    shape: str | None = None

    def to_json(self) -> dict:
        return {"slide": self.slide, "severity": self.severity, "code": self.code,
                "message": self.message, "shape": self.shape}

    def line(self) -> str:
        where = f"slide {self.slide}" if self.slide is not None else "deck"
        return f"{where}: {self.severity} {self.code}: {self.message}"


@dataclass(frozen=True)
class CheckReport:
    deck: Path
    slides: int
    findings: tuple[Finding, ...]
    estimated_minutes: float
    target_minutes: float | None
    words_per_minute: float | None = None
    language: str | None = None
    rendered: bool = False

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "warning")

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_json(self) -> dict:
        return {
            "deck": str(self.deck),
            "slides": self.slides,
            "ok": self.ok,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "rendered": self.rendered,
            "estimated_minutes": self.estimated_minutes,
            "target_minutes": self.target_minutes,
            "words_per_minute": self.words_per_minute,
            "language": self.language,
            "findings": [f.to_json() for f in self.findings],
        }


def format_report(report: CheckReport, *, verbose: bool = False) -> str:
    """Human text: a summary line, then one finding per line ("slide 4: error overflow: ...").

    Slide-level ``info`` findings (footers at 12 pt, decorations bleeding off the edge) are counted
    on one line unless `verbose`; errors, warnings and deck-level lines are always listed.
    """
    n_err, n_warn = len(report.errors), len(report.warnings)
    target = f" (target {fmt_minutes(report.target_minutes)})" if report.target_minutes else ""
    head = (f"{report.deck.name}: {report.slides} slide{'s' if report.slides != 1 else ''}, "
            f"{n_err} error{'s' if n_err != 1 else ''}, {n_warn} warning{'s' if n_warn != 1 else ''}, "
            f"~{fmt_minutes(report.estimated_minutes)} of talk{target}"
            + (", rendered with LibreOffice" if report.rendered else ""))
    shown = [f for f in report.findings if verbose or f.severity != "info" or f.slide is None]
    hidden = [f for f in report.findings if f not in shown]
    lines = [head] + [f.line() for f in shown]
    if hidden:
        counts: dict[str, int] = {}
        for f in hidden:
            counts[f.code] = counts.get(f.code, 0) + 1
        lines.append(f"({len(hidden)} info note{'s' if len(hidden) != 1 else ''} not listed: "
                     + ", ".join(f"{n} {c}" for c, n in sorted(counts.items())) + "; see --verbose)")
    return "\n".join(lines)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Slide order, deck-level last; within a slide errors first, then by code and shape."""
    def key(f: Finding):
        return (f.slide is None, f.slide or 0, _RANK.get(f.severity, 9), f.code, f.shape or "")
    return sorted(findings, key=key)


def fmt_minutes(minutes: float | None) -> str:
    if minutes is None:
        return "?"
    return f"{minutes:.0f} min" if minutes >= 10 else f"{minutes:.1f} min"


def short(text: str, n: int = 40) -> str:
    """`text` on one line, cut to `n` characters so a message stays one line."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
