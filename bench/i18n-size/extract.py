#!/usr/bin/env python3
"""Extracts Smart Mahalla's UI catalogues into the two forms the benchmark compares.

Reads the project's typed tables (app/src/i18n/...), and writes:
  locales/<tag>.json   leptos_i18n's translation files (uz-Latn, uz-Cyrl, ru, en)
  src/typed_tables.rs  the same fields and strings as typed tables (struct + statics + match)
  src/typed_view.rs    a component body that shows every field of the typed tables once
  src/i18n_view.rs     a component body that shows every leptos_i18n key once (`t!`)
  src/i18n_string_view.rs  the same with `t_string!` (no reactivity) for keys without
                       interpolation
  src/i18n_plain_view.rs  only the keys without interpolation, with `t_string!` (a breakdown)

Closures: a body that is a single `format!("…")` with inline named arguments becomes that
template (`{name}` → `{{ name }}` for leptos_i18n, `{name}` for the typed variant); any other
body (branches, plural helpers, positional arguments) keeps its string literals, joined by a
space, with placeholders that name no parameter dropped. Both variants get the same template,
so the strings the two carry are the same.

Usage: python3 extract.py [path/to/app/src/i18n]   (default: ../../app/src/i18n)
"""

import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SRC = os.path.normpath(os.path.join(HERE, "..", "..", "app", "src", "i18n"))

LOCALES = [  # (BCP 47 tag, Rust variant, directory or None for the root tables)
    ("uz-Latn", "UzLatn", None),
    ("uz-Cyrl", "UzCyrl", "uz_cyrl"),
    ("ru", "Ru", "ru"),
    ("en", "En", "en"),
]

# (table struct, file defining the struct, JSON sub-object or None for the root,
#  where each language's static lives: {dir or None: (file, static name)})
TABLES = [
    ("Texts", "mod.rs", None, {None: ("uz_latn.rs", "TEXTS"), "*": ("{d}/mod.rs", "TEXTS")}),
    ("WorkTexts", "work.rs", "work", {None: ("work.rs", "UZ_LATN"), "*": ("{d}/work.rs", "WORK")}),
    ("VerdictTexts", "verdict.rs", "verdict",
     {None: ("verdict.rs", "UZ_LATN"), "*": ("{d}/verdict.rs", "VERDICT")}),
    ("MonitoringTexts", "monitoring.rs", "monitoring",
     {None: ("monitoring.rs", "UZ_LATN"), "*": ("{d}/monitoring.rs", "MONITORING")}),
    ("OfflineTexts", "offline.rs", "offline",
     {None: ("offline.rs", "UZ_LATN"), "*": ("{d}/offline.rs", "OFFLINE")}),
]

PLURAL_SUFFIXES = ("zero", "one", "two", "few", "many", "other")


# ---------------------------------------------------------------------------------------------
# A small Rust tokenizer: enough for struct definitions and struct literals.

class Tok:
    __slots__ = ("kind", "text", "value")

    def __init__(self, kind, text, value=None):
        self.kind = kind  # "str", "char", "ident", "lifetime", "num", "punct"
        self.text = text
        self.value = value

    def __repr__(self):
        return f"{self.kind}:{self.text!r}"


def decode_str(body):
    """Decodes the inside of a normal Rust string literal."""
    out = []
    i = 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        n = body[i + 1]
        if n == "\n":  # line continuation: skip the newline and the next line's indentation
            i += 2
            while i < len(body) and body[i] in " \t\r\n":
                i += 1
            continue
        simple = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "\\": "\\", '"': '"', "'": "'"}
        if n in simple:
            out.append(simple[n])
            i += 2
        elif n == "x":
            out.append(chr(int(body[i + 2:i + 4], 16)))
            i += 4
        elif n == "u":
            end = body.index("}", i)
            out.append(chr(int(body[i + 3:end], 16)))
            i = end + 1
        else:
            raise ValueError(f"unknown escape \\{n}")
    return "".join(out)


def tokenize(src):
    toks = []
    i = 0
    n = len(src)
    while i < n:
        c = src[i]
        if c in " \t\r\n":
            i += 1
        elif src.startswith("//", i):
            i = src.index("\n", i) if "\n" in src[i:] else n
        elif src.startswith("/*", i):
            i = src.index("*/", i) + 2
        elif c == '"' or (c in "br" and re.match(r'b?r#*"|b"', src[i:])):
            m = re.match(r'(b?)r(#*)"', src[i:])
            if m:  # raw string
                hashes = m.group(2)
                start = i + m.end()
                end = src.index('"' + hashes, start)
                toks.append(Tok("str", src[i:end + 1 + len(hashes)], src[start:end]))
                i = end + 1 + len(hashes)
            else:
                j = i + (2 if c == "b" else 1)
                while src[j] != '"':
                    j += 2 if src[j] == "\\" else 1
                toks.append(Tok("str", src[i:j + 1], decode_str(src[i + (2 if c == "b" else 1):j])))
                i = j + 1
        elif c == "'":
            m = re.match(r"'(\\u\{[0-9a-fA-F]+\}|\\x[0-9a-fA-F]{2}|\\.|[^\\'])'", src[i:])
            if m:
                toks.append(Tok("char", m.group(0), decode_str(m.group(1))))
                i += m.end()
            else:
                m = re.match(r"'[A-Za-z_][A-Za-z0-9_]*", src[i:])
                toks.append(Tok("lifetime", m.group(0)))
                i += m.end()
        elif c.isalpha() or c == "_":
            m = re.match(r"[A-Za-z_][A-Za-z0-9_]*", src[i:])
            toks.append(Tok("ident", m.group(0)))
            i += m.end()
        elif c.isdigit():
            m = re.match(r"[0-9][0-9_]*(\.[0-9][0-9_]*)?([a-z][a-z0-9]*)?", src[i:])
            toks.append(Tok("num", m.group(0)))
            i += m.end()
        else:
            for p in ("->", "=>", "::", "..=", "..", "==", "!=", "<=", ">=", "&&", "||"):
                if src.startswith(p, i):
                    toks.append(Tok("punct", p))
                    i += len(p)
                    break
            else:
                toks.append(Tok("punct", c))
                i += 1
    return toks


OPEN = {"(": ")", "[": "]", "{": "}"}


def split_fields(toks, start, types=False):
    """Given the index just after a `{`, returns [(name, [value tokens])] up to the matching `}`
    (for a struct literal), or [(name, [type tokens])] (for a struct definition)."""
    fields = []
    i = start
    while True:
        # skip attributes and visibility
        while toks[i].text == "#":
            depth = 0
            i += 1
            while True:
                if toks[i].text == "[":
                    depth += 1
                elif toks[i].text == "]":
                    depth -= 1
                    if depth == 0:
                        i += 1
                        break
                i += 1
        if toks[i].text == "}":
            return fields, i + 1
        if toks[i].text == "pub":
            i += 1
        name = toks[i].text
        assert toks[i].kind == "ident" and toks[i + 1].text == ":", (toks[i], toks[i + 1])
        i += 2
        value = []
        depth = 0
        angle = 0
        if toks[i].text == "|":  # a closure's parameters: commas there end no field
            value.append(toks[i])
            i += 1
            while toks[i].text != "|":
                value.append(toks[i])
                i += 1
            value.append(toks[i])
            i += 1
        while True:
            t = toks[i]
            if t.kind == "punct":
                if t.text in OPEN:
                    depth += 1
                elif t.text in (")", "]", "}"):
                    if depth == 0:
                        break
                    depth -= 1
                elif t.text == "<" and types:
                    angle += 1
                elif t.text == ">" and angle:
                    angle -= 1
                elif t.text == "," and depth == 0 and angle == 0:
                    i += 1
                    break
            value.append(t)
            i += 1
        fields.append((name, value))


def find_block(toks, pattern):
    """Index just after the `{` that follows the token sequence `pattern` (list of texts)."""
    k = len(pattern)
    for i in range(len(toks) - k):
        if all(toks[i + j].text == pattern[j] for j in range(k)):
            j = i + k
            while toks[j].text != "{":
                j += 1
            return j + 1
    raise KeyError(" ".join(pattern))


# ---------------------------------------------------------------------------------------------
# Field types and values.

def type_text(toks):
    out = ""
    for t in toks:
        s = t.text
        if out and (out[-1].isalnum() or out[-1] == "_") and (s[0].isalnum() or s[0] == "_"):
            out += " "
        elif s == "->":
            s = " -> "
        elif s == ",":
            s = ", "
        elif s == ";":
            s = "; "
        out += s
    return out


class Field:
    def __init__(self, name, ty):
        self.name = name
        self.ty = ty  # text
        m = re.fullmatch(r"\[&'static str; (\d+)\]", ty)
        self.array_len = int(m.group(1)) if m else None
        m = re.fullmatch(r"fn\((.*)\) -> String", ty)
        self.fn_args = [a.strip() for a in m.group(1).split(",") if a.strip()] if m else None
        if ty not in ("&'static str", "char") and self.array_len is None and self.fn_args is None:
            raise ValueError(f"unsupported field type {name}: {ty}")


FMT_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


def template_of(fmt, params):
    """A Rust format string → (leptos_i18n template, typed format string, variables used)."""
    i18n = []
    typed = []
    used = []
    pos = 0
    for m in FMT_PLACEHOLDER.finditer(fmt):
        lit = fmt[pos:m.start()]
        i18n.append(lit)
        typed.append(lit.replace("{", "{{").replace("}", "}}"))
        pos = m.end()
        if m.group(0) == "{{":
            i18n.append("{")
            typed.append("{{")
            continue
        if m.group(0) == "}}":
            i18n.append("}")
            typed.append("}}")
            continue
        inner = m.group(1)
        name, _, spec = inner.partition(":")
        name = name.strip()
        if name in params:
            i18n.append("{{ " + name + " }}")
            typed.append("{" + inner + "}")
            if name not in used:
                used.append(name)
        # a placeholder naming no parameter (a local, a positional argument) is dropped
    lit = fmt[pos:]
    i18n.append(lit)
    typed.append(lit.replace("{", "{{").replace("}", "}}"))
    return "".join(i18n), "".join(typed), used


def closure_template(field_name, toks):
    """(i18n template, typed format string, params, used params, exact?) of a closure."""
    assert toks[0].text in ("|", "||"), (field_name, toks[:3])
    if toks[0].text == "||":
        params, i = [], 1
    else:
        params = []
        i = 1
        while toks[i].text != "|":
            if toks[i].kind == "ident":
                params.append(toks[i].text)
            if toks[i].text == ":":  # skip a type annotation up to `,` or `|`
                while toks[i + 1].text not in (",", "|"):
                    i += 1
            i += 1
        i += 1
    body = toks[i:]
    while body and body[0].text == "{" and body[-1].text == "}":
        body = body[1:-1]
    texts = [t.text for t in body]
    exact = (len(body) in (5, 6) and texts[:3] == ["format", "!", "("] and body[3].kind == "str"
             and texts[-1] == ")" and (len(body) == 5 or texts[4] == ","))
    if exact:
        fmt = body[3].value
    else:
        fmt = " ".join(t.value for t in body if t.kind == "str")
    i18n, typed, used = template_of(fmt, params)
    return i18n, typed, params, used, exact


def value_of(field, toks, where):
    if field.ty == "&'static str":
        assert len(toks) == 1 and toks[0].kind == "str", (where, field.name, toks)
        return {"kind": "str", "value": toks[0].value}
    if field.ty == "char":
        assert len(toks) == 1 and toks[0].kind == "char", (where, field.name, toks)
        return {"kind": "char", "value": toks[0].value}
    if field.array_len is not None:
        items = [t.value for t in toks if t.kind == "str"]
        assert toks[0].text == "[" and len(items) == field.array_len, (where, field.name, toks)
        return {"kind": "array", "value": items}
    i18n, typed, params, used, exact = closure_template(field.name, toks)
    assert len(params) == len(field.fn_args), (where, field.name, params, field.fn_args)
    return {"kind": "fn", "i18n": i18n, "typed": typed, "params": params, "used": used,
            "exact": exact}


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def extract(src_dir):
    tables = []
    for struct, def_file, sub, statics in TABLES:
        toks = tokenize(read(os.path.join(src_dir, def_file)))
        defs, _ = split_fields(toks, find_block(toks, ["pub", "struct", struct]), types=True)
        fields = [Field(name, type_text(ty)) for name, ty in defs]
        by_name = {f.name: f for f in fields}
        values = {}
        orders = {}
        for tag, _variant, d in LOCALES:
            file, static = statics[None] if d is None else statics["*"]
            path = os.path.join(src_dir, file.format(d=d))
            toks = tokenize(read(path))
            lit, _ = split_fields(toks, find_block(toks, ["static", static, ":", struct, "=", struct]))
            names = [name for name, _ in lit]
            assert sorted(names) == sorted(by_name), (path, set(names) ^ set(by_name))
            values[tag] = {name: value_of(by_name[name], v, path) for name, v in lit}
            orders[tag] = names
        tables.append({"struct": struct, "sub": sub, "fields": fields, "values": values,
                       "order": orders["uz-Latn"]})
    return tables


# ---------------------------------------------------------------------------------------------
# Output.

def rust_str(s):
    out = ['"']
    for c in s:
        if c == '"':
            out.append('\\"')
        elif c == "\\":
            out.append("\\\\")
        elif c == "\n":
            out.append("\\n")
        elif ord(c) < 0x20:
            out.append("\\u{%x}" % ord(c))
        else:
            out.append(c)
    out.append('"')
    return "".join(out)


def rust_char(c):
    return "'\\''" if c == "'" else ("'\\\\'" if c == "\\" else f"'{c}'")


def json_key(sub_keys, name):
    """leptos_i18n merges `x_one`/`x_other` (…) into a plural `x`: a name that would be merged
    with a sibling gets a trailing `_`. Returns the key to use."""
    base, _, suffix = name.rpartition("_")
    if suffix in PLURAL_SUFFIXES and any(k.startswith(base + "_") and k != name and
                                         k.rpartition("_")[2] in PLURAL_SUFFIXES for k in sub_keys):
        return name + "_"
    return name


def locale_json(tables, tag):
    root = {}
    for t in tables:
        obj = {}
        names = []
        for name in t["order"]:
            f = next(f for f in t["fields"] if f.name == name)
            if f.array_len is not None:
                names += [f"{name}_{k}" for k in range(f.array_len)]
            else:
                names.append(name)
        for name in t["order"]:
            v = t["values"][tag][name]
            if v["kind"] == "array":
                for k, item in enumerate(v["value"]):
                    obj[json_key(names, f"{name}_{k}")] = item
            elif v["kind"] == "fn":
                obj[json_key(names, name)] = v["i18n"]
            else:
                obj[json_key(names, name)] = v["value"]
        if t["sub"] is None:
            root.update(obj)
        else:
            root[t["sub"]] = obj
    return root


def typed_tables_rs(tables):
    out = ["// @generated by extract.py from the project's app/src/i18n: do not edit.",
           "// The project's typed tables, same fields, same strings; closures reduced to one",
           "// `format!` of the template (see extract.py).",
           "#![allow(clippy::all, unused_variables)]", "",
           "#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]",
           "pub enum Locale {", "    #[default]"]
    for _tag, variant, _ in LOCALES:
        out.append(f"    {variant},")
    out += ["}", "",
            "impl Locale {",
            "    /// The language of a tag (`uz-Latn`, `uz`, `uz-Cyrl`, `ru-RU`, `en-GB`; any case).",
            "    pub fn from_tag(tag: &str) -> Option<Locale> {",
            "        let tag = tag.trim().to_ascii_lowercase();",
            "        let mut parts = tag.split(['-', '_']);",
            "        let language = parts.next()?;",
            "        let cyrl = parts.any(|p| p == \"cyrl\");",
            "        match language {",
            "            \"uz\" if cyrl => Some(Locale::UzCyrl),",
            "            \"uz\" => Some(Locale::UzLatn),",
            "            \"ru\" => Some(Locale::Ru),",
            "            \"en\" => Some(Locale::En),",
            "            _ => None,",
            "        }",
            "    }", ""]
    for t in tables:
        fn = "texts" if t["sub"] is None else f"{t['sub']}_texts"
        out += [f"    pub fn {fn}(self) -> &'static {t['struct']} {{", "        match self {"]
        for tag, variant, _ in LOCALES:
            out.append(f"            Locale::{variant} => &{static_name(t, variant)},")
        out += ["        }", "    }", ""]
    out[-1:] = ["}", ""]
    for t in tables:
        out.append(f"pub struct {t['struct']} {{")
        for f in t["fields"]:
            out.append(f"    pub {f.name}: {f.ty},")
        out += ["}", ""]
        fields = {f.name: f for f in t["fields"]}
        for tag, variant, _ in LOCALES:
            out.append(f"pub static {static_name(t, variant)}: {t['struct']} = {t['struct']} {{")
            for name in t["order"]:
                v = t["values"][tag][name]
                if v["kind"] == "str":
                    out.append(f"    {name}: {rust_str(v['value'])},")
                elif v["kind"] == "char":
                    out.append(f"    {name}: {rust_char(v['value'])},")
                elif v["kind"] == "array":
                    out.append(f"    {name}: [{', '.join(rust_str(s) for s in v['value'])}],")
                else:
                    params = ", ".join(p if p in v["used"] else f"_{p}" for p in v["params"])
                    out.append(f"    {name}: |{params}| format!({rust_str(v['typed'])}),")
            out += ["};", ""]
    return "\n".join(out)


def static_name(t, variant):
    base = re.sub(r"(?<!^)(?=[A-Z])", "_", t["struct"]).upper()
    return f"{base}_{re.sub(r'(?<!^)(?=[A-Z])', '_', variant).upper()}"


def sample_arg(ty):
    if ty == "&str":
        return '"x"'
    if ty == "bool":
        return "true"
    if ty in ("i64", "u64", "u32", "u8", "usize", "i32"):
        return f"1{ty}"
    raise ValueError(ty)


def nest(leaves, tag, width=12):
    """Groups view leaves into nested elements of at most `width` children (tachys renders
    tuples of up to 26 elements; nesting keeps every tuple small)."""
    level = leaves
    while len(level) > width:
        level = [f"<{tag}>" + "".join(level[k:k + width]) + f"</{tag}>"
                 for k in range(0, len(level), width)]
    return level


def view_rs(leaves, header):
    groups = nest(leaves, "div")
    body = "\n        ".join(groups)
    return f"{header}\nview! {{\n    <main>\n        {body}\n    </main>\n}}\n"


def typed_view_rs(tables):
    leaves = []
    for t in tables:
        var = "t" if t["sub"] is None else t["sub"][0]
        for f in t["fields"]:
            if f.array_len is not None:
                leaves += [f"<p>{{{var}.{f.name}[{k}]}}</p>" for k in range(f.array_len)]
            elif f.fn_args is not None:
                args = ", ".join(sample_arg(a) for a in f.fn_args)
                leaves.append(f"<p>{{({var}.{f.name})({args})}}</p>")
            elif f.ty == "char":
                leaves.append(f"<p>{{{var}.{f.name}.to_string()}}</p>")
            else:
                leaves.append(f"<p>{{{var}.{f.name}}}</p>")
    return view_rs(leaves, "// @generated by extract.py: every field of the typed tables, once.")


def i18n_view_rs(tables, plain_macro="t", interpolated=True):
    """Every key once with `t!` (reactive: a closure over the locale signal), or with
    `plain_macro` (`t_string!`: the `&'static str` of the current locale, read once) for the
    keys without interpolation."""
    leaves = []
    uz = "uz-Latn"
    for t in tables:
        prefix = "" if t["sub"] is None else t["sub"] + "."
        names = []
        for f in t["fields"]:
            names += ([f"{f.name}_{k}" for k in range(f.array_len)] if f.array_len is not None
                      else [f.name])
        for f in t["fields"]:
            if f.array_len is not None:
                for k in range(f.array_len):
                    key = prefix + json_key(names, f"{f.name}_{k}")
                    leaves.append(f"<p>{{{plain_macro}!(i18n, {key})}}</p>")
                continue
            key = prefix + json_key(names, f.name)
            v = t["values"][uz][f.name]
            if v["kind"] == "fn" and not interpolated:
                continue
            if v["kind"] == "fn":
                # leptos_i18n checks every locale's variables against the default's: pass the
                # union (the extraction uses the same placeholders in every language but, for
                # inexact closures, one may drop a variable another keeps).
                used = []
                for tag, _, _ in LOCALES:
                    for p in t["values"][tag][f.name]["used"]:
                        if p not in used:
                            used.append(p)
                types = dict(zip(v["params"], f.fn_args))
                args = "".join(f", {p} = move || {sample_arg(types[p])}" for p in used)
                leaves.append(f"<p>{{t!(i18n, {key}{args})}}</p>")
            else:
                leaves.append(f"<p>{{{plain_macro}!(i18n, {key})}}</p>")
    if not interpolated:
        return view_rs(leaves, f"// @generated by extract.py: every leptos_i18n key without "
                               f"interpolation, once (`{plain_macro}!`); no interpolated key.")
    return view_rs(leaves, f"// @generated by extract.py: every leptos_i18n key, once "
                           f"(`{plain_macro}!` for those without interpolation, `t!` for the others).")


def main():
    src_dir = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_SRC
    tables = extract(src_dir)
    os.makedirs(os.path.join(HERE, "locales"), exist_ok=True)
    os.makedirs(os.path.join(HERE, "src"), exist_ok=True)
    stats = []
    for tag, _, _ in LOCALES:
        data = locale_json(tables, tag)
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        with open(os.path.join(HERE, "locales", f"{tag}.json"), "w", encoding="utf-8") as f:
            f.write(text)
        leaves = sum(len(v) if isinstance(v, dict) else 1 for v in data.values())
        strings = [s for v in data.values() for s in (v.values() if isinstance(v, dict) else [v])]
        stats.append((tag, leaves, sum(len(s.encode()) for s in strings)))
    for name, text in (("typed_tables.rs", typed_tables_rs(tables)),
                       ("typed_view.rs", typed_view_rs(tables)),
                       ("i18n_view.rs", i18n_view_rs(tables)),
                       ("i18n_string_view.rs", i18n_view_rs(tables, "t_string")),
                       ("i18n_plain_view.rs", i18n_view_rs(tables, "t_string", False))):
        with open(os.path.join(HERE, "src", name), "w", encoding="utf-8") as f:
            f.write(text)
    fields = sum(len(t["fields"]) for t in tables)
    closures = sum(1 for t in tables for f in t["fields"] if f.fn_args is not None)
    inexact = sorted({f"{t['struct']}.{n}" for t in tables for tag in t["values"]
                      for n, v in t["values"][tag].items() if v["kind"] == "fn" and not v["exact"]})
    print(f"tables: {len(tables)}, fields: {fields} ({closures} closures; "
          f"{len(inexact)} not a single format! in some language, literals kept)")
    for tag, keys, size in stats:
        print(f"  {tag:8} {keys} keys, {size} bytes of UTF-8 text")


if __name__ == "__main__":
    main()
