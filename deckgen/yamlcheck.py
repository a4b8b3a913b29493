"""Read a YAML file and validate it against a JSON Schema, keeping line numbers for errors."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from deckgen.errors import DeckgenError, InputError

MAX_YAML_BYTES = 8 * 1024 * 1024
# Aliases may repeat a node, never multiply the data: expanding every alias may add at most this many
# nodes to the ones written out in the file ("billion laughs" expands a few lines into gigabytes).
MAX_ALIAS_EXPANSION = 10_000
MAX_DEPTH = 200  # nesting deeper than any outline or theme needs; deeper overflows the parser's stack
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
        return f"expected one of {', '.join(map(str, err.validator_value))}, got {_short(err.instance)}"
    if err.validator == "const":
        return f"expected {err.validator_value!r}, got {_short(err.instance)}"
    if err.validator == "pattern":
        return f"{_short(err.instance)} does not match {err.validator_value}"
    if err.validator == "minLength":
        return "must not be empty"
    if err.validator == "minItems":
        return "must not be an empty list"
    if err.validator in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        op = {"minimum": ">=", "exclusiveMinimum": ">", "maximum": "<=", "exclusiveMaximum": "<"}[err.validator]
        return f"expected a value {op} {err.validator_value}, got {_short(err.instance)}"
    return _cut(err.message, 200)


def _short(value: Any) -> str:
    """A value for a one-line message: its repr, cut (a 10 kB title would drown the error)."""
    return yaml_type(value) if isinstance(value, dict | list) else _cut(repr(value), 60)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


# libyaml's parser when PyYAML was built with it (several times faster); the constructor and the
# resolver below are the same Python classes either way.
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BASE_LOADER):
    """SafeLoader where dates stay text and non-finite numbers are refused.

    A person writes `date: 2025-03-01` meaning the text they typed; `.inf` / `.nan` are never a
    sensible duration or size, and would pass a schema's "number > 0".
    """

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}

    def construct_yaml_float(self, node):
        value = super().construct_yaml_float(node)
        if value != value or value in (float("inf"), float("-inf")):
            raise yaml.constructor.ConstructorError(
                None, None, f"expected a finite number, got '{node.value}'", node.start_mark)
        return value


_Loader.add_constructor("tag:yaml.org,2002:float", _Loader.construct_yaml_float)


def _expanded_size(root: yaml.Node) -> tuple[int, int, int]:
    """(nodes written, nodes once every alias is expanded, deepest nesting) of a composed tree.

    Iterative and memoised by node identity, so neither a deep nor an exponential tree costs more
    than the file's own size to measure. A node that contains itself raises ValueError.
    """
    sizes: dict[int, int] = {}
    depth_of: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        children = ([c for pair in node.value for c in pair] if isinstance(node, yaml.MappingNode)
                    else list(node.value) if isinstance(node, yaml.SequenceNode) else [])
        if done:
            on_path.discard(key)
            sizes[key] = 1 + sum(sizes[id(c)] for c in children)
            depth_of[key] = 1 + max((depth_of[id(c)] for c in children), default=0)
            continue
        if key in sizes:
            continue
        if key in on_path:
            raise ValueError("an alias refers to a node that contains it")
        on_path.add(key)
        stack.append((node, True))
        for child in children:
            if id(child) in on_path:
                raise ValueError("an alias refers to a node that contains it")
            if id(child) not in sizes:
                stack.append((child, False))
    return len(sizes), sizes[id(root)], depth_of[id(root)]


def _plain_size(root: yaml.Node) -> tuple[int, int, int]:
    """`_expanded_size` of a tree without aliases (every node written once): one walk, nothing to remember."""
    count = deepest = 0
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        count += 1
        deepest = max(deepest, depth)
        if isinstance(node, yaml.MappingNode):
            stack += [(child, depth + 1) for pair in node.value for child in pair]
        elif isinstance(node, yaml.SequenceNode):
            stack += [(child, depth + 1) for child in node.value]
    return count, count, deepest


def load_yaml(text: str, path: Path, error_type: type[DeckgenError], *,
              first_line: int = 1) -> tuple[Any, yaml.Node | None]:
    """Parse YAML text with bounded work: (data, node tree). The one loader for every YAML deckgen reads.

    `first_line` is the file line where `text` starts (front matter starts on line 2).
    Errors are one line with the file and line: syntax, alias bombs, self-referencing aliases,
    nesting past MAX_DEPTH, non-finite numbers.
    """
    def fail(message: str, mark) -> DeckgenError:
        line = mark.line + first_line if mark is not None else None
        return error_type(message, file=path, line=line)

    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None, None
        try:
            # an alias is written "*name": without a "*" anywhere, no node is shared
            written, expanded, depth = _expanded_size(root) if "*" in text else _plain_size(root)
        except ValueError as exc:
            raise fail(f"invalid YAML: {exc}", root.start_mark) from None
        if expanded - written > MAX_ALIAS_EXPANSION:
            raise fail(f"YAML aliases expand to {expanded:,} values (at most {MAX_ALIAS_EXPANSION:,} more "
                       "than the file writes out): refusing an alias bomb", root.start_mark)
        if depth > MAX_DEPTH:
            raise fail(f"YAML nested {depth} levels deep (at most {MAX_DEPTH})", root.start_mark)
        return loader.construct_document(root), root
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        if "nesting depth" in problem:  # libyaml's own bound, met before ours
            raise fail(f"YAML nested too deeply (at most {MAX_DEPTH} levels)", mark) from None
        col = f", column {mark.column + 1}" if mark is not None else ""
        raise fail(f"invalid YAML: {problem}{col}", mark) from exc
    except RecursionError:
        raise fail(f"YAML nested too deeply (at most {MAX_DEPTH} levels)", None) from None
    finally:
        loader.dispose()


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


# --------------------------------------------------------------------------- schema checks


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_type(value: Any, name: str) -> bool | None:
    """Whether `value` has JSON Schema type `name`; None when unsure (an integral float is an integer there)."""
    if name == "integer":
        return None if isinstance(value, float) else isinstance(value, int) and not isinstance(value, bool)
    return {"object": lambda v: isinstance(v, dict), "array": lambda v: isinstance(v, list),
            "string": lambda v: isinstance(v, str), "number": _is_number,
            "boolean": lambda v: isinstance(v, bool), "null": lambda v: v is None}[name](value)


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b  # no 1 == True == 1.0: then the full validator decides


def _keyword_holds(value: Any, key: str, rule: Any, schema: dict) -> bool:
    """Whether one keyword of `schema` surely holds for `value`; KeyError for a keyword not known here."""
    if key == "type":
        return any(_is_type(value, n) for n in (rule if isinstance(rule, list) else [rule]))
    if key == "const":
        return _same(value, rule)
    if key == "enum":
        return any(_same(value, option) for option in rule)
    if isinstance(value, dict):
        if key == "required":
            return all(k in value for k in rule)
        if key == "properties":
            return all(conforms(value[k], sub) for k, sub in rule.items() if k in value)
        if key == "additionalProperties" and rule is False:
            allowed = schema.get("properties", {})
            return all(isinstance(k, str) and k in allowed for k in value)
    elif isinstance(value, list):
        if key == "items":
            return all(conforms(x, rule) for x in value)
        if key == "minItems":
            return len(value) >= rule
    elif isinstance(value, str):
        if key == "minLength":
            return len(value) >= rule
        if key == "pattern":
            return re.search(rule, value) is not None
    elif _is_number(value) and key in _BOUNDS:
        return _BOUNDS[key](value, rule)
    if key in _KNOWN:
        return True  # the keyword does not apply to this type of value
    raise KeyError(key)


_BOUNDS = {"minimum": lambda v, n: v >= n, "maximum": lambda v, n: v <= n,
           "exclusiveMinimum": lambda v, n: v > n, "exclusiveMaximum": lambda v, n: v < n}
_KNOWN = {"required", "properties", "items", "minItems", "minLength", "pattern", *_BOUNDS}


def conforms(value: Any, schema: dict) -> bool:
    """True when `value` surely meets `schema` (the JSON Schema keywords deckgen's schemas use).

    False means "not sure": the full validator then finds and words the errors. Loading a valid
    outline or theme this way never imports jsonschema, which cost every command a tenth of its start.
    """
    try:
        return all(_keyword_holds(value, key, rule, schema) for key, rule in schema.items())
    except (KeyError, TypeError):  # a keyword this check does not know, or a value it cannot compare
        return False


class LazyValidator:
    """A JSON Schema validator made (importing jsonschema) only for a document that may not conform."""

    def __init__(self, schema: dict) -> None:
        self.schema = schema
        self._full = None

    def iter_errors(self, data: Any):
        if conforms(data, self.schema):
            return iter(())
        if self._full is None:
            from jsonschema import Draft202012Validator

            self._full = Draft202012Validator(self.schema)
        return self._full.iter_errors(data)


def load_validated(path: Path, validator: LazyValidator,
                   error_type: type[DeckgenError]) -> tuple[dict, yaml.Node, list[DeckgenError]]:
    """Parse `path` and return (data, node tree, schema errors). YAML syntax errors raise at once."""
    path = Path(path)
    data, root = load_yaml(read_text(path), path, error_type)
    if not isinstance(data, dict):
        raise error_type(f"expected a mapping at the top level, got {yaml_type(data)}", file=path, line=1)
    errors = [error_type(_message(e), file=path, line=node_line(root, e.absolute_path),
                         field=field_path(e.absolute_path))
              for e in sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])]
    return data, root, errors
