"""Our JS and CSS minified with tdewolff/minify (``tdewolff-minify``), for hooks/assets.py and hooks/offline.py.
Not a hook itself: MkDocs puts hooks/ on the import path while it loads a hook, so they import this module by name.

The minifier renames local variables (−14 % gzip on our JS against a whitespace-only minifier); properties and
strings (``window.ozX``, ``data-*`` names) are never renamed, nor are a classic script's top-level names. It writes
no syntax newer than ES2020 (``js-version``: it may write ``??``, ``?.``, ``catch{}``) and keeps what the sources use
(case.js and letters.js use ES2021's ``||=``).
A source it cannot parse stops the build, naming the file and the line.

A known bug of 2.24.12 (tdewolff/minify #958; 2.24.24, published on PyPI as ``minify-go``, writes the same): it merges
consecutive ``const`` / ``let`` declarations and moves a destructuring one to the front even when its initializer
reads an earlier one inside parentheses or an object literal — ``const d = el.dataset; const [a, b] = (d.w ||
"").split("=")`` becomes ``const[a,b]=(t.w||"").split("="),t=el.dataset``: a ReferenceError whenever it runs. The
build checks every minified script for a declarator that reads a name a later declarator of the same declaration
defines, and stops with the file's name (``declaration_order_errors``) rather than ship it; the way out is to write
the source so that the minifier keeps the order (e.g. ``const a = …; const [b] = f(a)`` as two separate statements
with a call or property access instead of parentheses), or a fixed minifier.
"""

from __future__ import annotations

import re

import minify

MEDIA_TYPES = {".js": "application/javascript", ".css": "text/css"}
OPTIONS = {"js-version": 2020}  # the minifier writes no syntax newer than ES2020


class MinifyFailed(ValueError):
    """The minifier refused a source, or its output would fail at run time; the message says why."""


def minified(text: str, suffix: str) -> str:
    """One source's text, minified (``suffix`` ".js" or ".css"); a script ends with `;`, so that a next file's
    ``(() => {…})()`` in the same bundle is not read as a call of this one's result."""
    minify.config(OPTIONS)  # the settings are global to the library: set them for each use
    try:
        out = minify.string(MEDIA_TYPES[suffix], text).strip()
    except minify.MinifyError as error:
        raise MinifyFailed(str(error)) from error
    if suffix != ".js":
        return out
    errors = declaration_order_errors(out)
    if errors:
        raise MinifyFailed("the minifier reordered declarations (tdewolff/minify #958): " + "; ".join(errors))
    return out + ";" if out and not out.endswith(";") else out


PUNCTUATORS = sorted(("...", "?.", "=>", "===", "!==", "==", "!=", "<=", ">=", "&&=", "||=", "??=", "&&", "||", "??",
                      "**=", "**", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", ">>>=", "<<", ">>>", ">>", "&=", "|=",
                      "^=", "++", "--"), key=len, reverse=True)
REGEX_AFTER = {"return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw", "instanceof",
               "yield", "await"}
WORD = re.compile(r"[A-Za-z_$][\w$]*|\d[\w.]*")
OPAQUE = '"'  # the token of a string, a regular expression or a template's text


def tokens(code: str) -> list[str]:
    """The tokens of a minified script, roughly but safely for `declaration_order_errors`: names, numbers, punctuators;
    a string, regular expression or template text is one opaque token (`"`), a template substitution's code is
    tokenized as code, between "(" and ")"."""
    out: list[str] = []
    templates: list[int] = []  # for each open template substitution, the brace depth it started at
    depth, at, n = 0, 0, len(code)

    def skip_template(at: int) -> int:  # from inside a template's text to its end or its next `${`
        while at < n:
            if code[at] == "\\":
                at += 2
            elif code[at] == "`":
                return at + 1
            elif code.startswith("${", at):
                templates.append(depth)
                out.append("(")
                return at + 2
            else:
                at += 1
        return at

    while at < n:
        char = code[at]
        if char.isspace():
            at += 1
        elif char in "\"'":
            end = at + 1
            while end < n and code[end] != char:
                end += 2 if code[end] == "\\" else 1
            out.append(OPAQUE)
            at = end + 1
        elif char == "`":
            out.append(OPAQUE)
            at = skip_template(at + 1)
        elif char == "}" and templates and templates[-1] == depth:
            templates.pop()
            out.extend((")", OPAQUE))
            at = skip_template(at + 1)
        elif char == "/" and (not out or out[-1] in REGEX_AFTER
                              or not (WORD.fullmatch(out[-1]) or out[-1] in (")", "]", OPAQUE))):
            end, in_class = at + 1, False
            while end < n and (code[end] != "/" or in_class):
                if code[end] == "\\":
                    end += 1
                elif code[end] in "[]":
                    in_class = code[end] == "["
                end += 1
            end += 1
            while end < n and (code[end].isalnum() or code[end] == "_"):
                end += 1
            out.append(OPAQUE)
            at = end
        elif match := WORD.match(code, at):
            out.append(match.group())
            at = match.end()
        else:
            punctuator = next((p for p in PUNCTUATORS if code.startswith(p, at)), char)
            depth += (punctuator in "([{") - (punctuator in ")]}")
            out.append(punctuator)
            at += len(punctuator)
    return out


def declaration_order_errors(code: str) -> list[str]:
    """Each ``const`` / ``let`` declarator whose initializer reads a name that a later declarator of the same
    declaration defines: always a ReferenceError when it runs (the name is in its temporal dead zone), and what the
    minifier's known reordering bug writes. Property names, object keys and the code of functions written in the
    initializer (they run later, and their own names may shadow) are not reads."""
    found = []
    toks = tokens(code)
    for start, token in enumerate(toks):
        if token not in ("const", "let") or start + 1 >= len(toks) or not (
                WORD.fullmatch(toks[start + 1]) or toks[start + 1] in ("[", "{")):
            continue
        declarators: list[tuple[list[str], list[str]]] = [([], [])]  # (binding tokens, initializer tokens)
        depth, part = 0, 0
        for token in toks[start + 1:]:
            if depth == 0 and token in (";", "of", "in", ")", "}", "]"):
                break
            if depth == 0 and token == ",":
                declarators.append(([], []))
                part = 0
                continue
            if depth == 0 and token == "=" and part == 0:
                part = 1
                continue
            depth += (token in ("(", "[", "{")) - (token in (")", "]", "}"))
            declarators[-1][part].append(token)
        for i, (_binding, initializer) in enumerate(declarators):
            later = {name for binding, _ in declarators[i + 1:] for name in bound_names(binding)}
            read = later & reads(initializer)
            if read:
                found.append(f"{code_at(toks, start)} reads {', '.join(sorted(read))} before it is defined")
    return found


def reads(expression: list[str]) -> set[str]:
    """The names an expression reads when it is evaluated: not property names (after `.`), not object keys (`{k:`),
    not the parameters and bodies of the functions it writes."""
    skipped = set()

    def skip_from(at: int) -> None:  # a function's body: to the `,` or closing bracket that ends it
        depth = 0
        for k in range(at, len(expression)):
            depth += (expression[k] in ("(", "[", "{")) - (expression[k] in (")", "]", "}"))
            if depth < 0 or (depth == 0 and expression[k] == ","):
                return
            skipped.add(k)

    for j, token in enumerate(expression):
        if token == "=>":
            if j and expression[j - 1] == ")":  # (a, b) => …: the parameters back to their "("
                depth, k = 0, j - 1
                while k >= 0:
                    depth += (expression[k] == ")") - (expression[k] == "(")
                    skipped.add(k)
                    if depth == 0:
                        break
                    k -= 1
            elif j:
                skipped.add(j - 1)  # a => …
            skip_from(j + 1)
        elif token == "function":
            skip_from(j)
    return {token for j, token in enumerate(expression) if j not in skipped and WORD.fullmatch(token)
            and not token[0].isdigit() and not (j and expression[j - 1] in (".", "?."))
            and not (j + 1 < len(expression) and expression[j + 1] == ":" and j and expression[j - 1] in ("{", ","))}


def bound_names(binding: list[str]) -> list[str]:
    """The names a declarator's binding defines: a name, or the names of a destructuring pattern (not its keys, nor
    the names its defaults read — close enough: a default reading a later name is rare and would only be refused)."""
    names = []
    for i, token in enumerate(binding):
        key = i + 1 < len(binding) and binding[i + 1] == ":"
        default = i and binding[i - 1] == "="
        if WORD.fullmatch(token) and not token[0].isdigit() and not key and not default:
            names.append(token)
    return names


def code_at(toks: list[str], start: int) -> str:
    return " ".join(t if t != OPAQUE else "…" for t in toks[start:start + 12])
