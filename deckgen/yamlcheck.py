"""Read a YAML file and validate it against a JSON Schema, keeping line numbers for errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator

from deckgen.errors import DeckgenError, InputError

MAX_YAML_BYTES = 8 * 1024 * 1024
_TYPE_NAMES = {"object": "a mapping", "array": "a list", "string": "a string", "integer": "an integer",
               "number": "a number", "boolean": "true or false", "null": "nothing"}


def yaml_type(value: Any) -> str:
    """How a person would name the YAML type of `value` ("a mapping", "a list"…)."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if value is None:
        return "nothing"
    return "a string"


def field_path(path) -> str:
    """`["sections", 2, "slides"]` → `sections[2].slides`."""
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "(top level)"


def node_line(root: yaml.Node | None, path) -> int | None:
    """1-based line of the YAML node at `path` (or of its deepest existing ancestor)."""
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for p in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == p), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(p, int) and p < len(node.value):
            node = node.value[p]
        else:
            node = None
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


def _message(err) -> str:
    if err.validator == "type":
        expected = err.validator_value
        names = [_TYPE_NAMES.get(t, t) for t in (expected if isinstance(expected, list) else [expected])]
        return f"expected {' or '.join(names)}, got {yaml_type(err.instance)}"
    if err.validator == "required":
        missing = [r for r in err.validator_value if r not in (err.instance or {})]
        return f"missing required field '{missing[0]}'" if missing else err.message
    if err.validator == "additionalProperties":
        extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
        allowed = ", ".join(err.schema.get("properties", {}))
        return f"unknown field '{extra[0]}' (expected one of: {allowed})"
    if err.validator == "enum":
        return f"expected one of {', '.join(map(str, err.validator_value))}, got {err.instance!r}"
    if err.validator == "const":
        return f"expected {err.validator_value!r}, got {err.instance!r}"
    if err.validator == "pattern":
        return f"{err.instance!r} does not match {err.validator_value}"
    if err.validator == "minLength":
        return "must not be empty"
    if err.validator == "minItems":
        return "must not be an empty list"
    if err.validator in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        op = {"minimum": ">=", "exclusiveMinimum": ">", "maximum": "<=", "exclusiveMaximum": "<"}[err.validator]
        return f"expected a value {op} {err.validator_value}, got {err.instance!r}"
    return err.message


def read_text(path: Path) -> str:
    """A YAML file's text, with one clear error for missing, unreadable, huge or non-UTF-8 files."""
    path = Path(path)
    if not path.is_file():
        raise InputError("file not found" if not path.exists() else "not a file", file=path)
    try:
        if path.stat().st_size > MAX_YAML_BYTES:
            raise InputError("file too large", file=path)
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError("not UTF-8 text", file=path) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", file=path) from exc


def load_validated(path: Path, validator: Draft202012Validator,
                   error_type: type[DeckgenError]) -> tuple[dict, yaml.Node, list[DeckgenError]]:
    """Parse `path` and return (data, node tree, schema errors). YAML syntax errors raise at once."""
    path = Path(path)
    text = read_text(path)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        line = mark.line + 1 if mark is not None else None
        col = f", column {mark.column + 1}" if mark is not None else ""
        raise error_type(f"invalid YAML: {problem}{col}", file=path, line=line) from exc
    if not isinstance(data, dict):
        raise error_type(f"expected a mapping at the top level, got {yaml_type(data)}", file=path, line=1)
    errors = [error_type(_message(e), file=path, line=node_line(root, e.absolute_path),
                         field=field_path(e.absolute_path))
              for e in sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])]
    return data, root, errors
