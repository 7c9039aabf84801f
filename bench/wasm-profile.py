#!/usr/bin/env python3
# WASM size profile: where the bytes of the browser's WASM go, which of them every visitor
# downloads (the main module) and what could leave it. Dependency-free: a parser of the
# WebAssembly binary format of its own (sections, function bodies, data segments, the `name`
# section, and the linked module's `linking` and `reloc.*` sections that `cargo leptos build
# --split` relies on), with a demangler for Rust names (legacy `_ZN…E` fully, v0 `_R…` best
# effort).
#
# Usage: python3 bench/wasm-profile.py [file.wasm] [--top N] [--optimise] [--why REGEX]
#        (after `make build`; about a minute, three with --optimise)
#
# With no file it profiles the current build:
#   - the linked module target/front/wasm32-unknown-unknown/wasm-release/frontend.wasm
#     (before wasm-split, wasm-bindgen and wasm-opt; names and relocations kept);
#   - frontend_split.wasm next to it: the main module wasm-split wrote (names kept);
#   - the shipped files in the site's pkg folder (target/site/pkg; LEPTOS_SITE_ROOT wins):
#     main WASM/JS/CSS, the lazy routes' split_*/chunk_* files and the manifest.
# It replays wasm-split's placement on the linked module (the dependency graph from the code
# and data relocations; roots: exports, visible table entries, split points, as
# wasm_split_cli_support does it) to tell, for every function and data symbol, whether it is
# in the main module, in one page's module or in a chunk shared by pages, and checks the
# result against frontend_split.wasm (same functions, same data bytes). It prints:
#   - the shipped files: raw/gzip/brotli, the first visit's total, and per lazy route its
#     files, what stripping their custom sections would save, and what one file would cost;
#   - section tables of the shipped main module, the linked module and the split main;
#   - the top N functions of the main module, readable names;
#   - the main module by crate/module (`tachys::view`, `core::fmt`, `app::i18n`, …) and by
#     crate, code and data (data symbols count for the code that refers to them), with an
#     estimated share of the shipped file's brotli size;
#   - the i18n tables (app/src/i18n): which are in main and, field by field (app/src searched
#     for readers, their functions looked up in the placement), what only lazy pages read;
#   - suspects (formatting, panics, serde/serde_json, server_fn, domain, router, chrono,
#     wasm-bindgen glue, type erasure, staff-side modules) with est. brotli saved if gone;
#   - staff-side code in main and the app function that pulls each piece in;
#   - what-ifs: what would leave main with a component/impl (e.g. the sign-in form the
#     AppContext holds), per app item and module, and a replay of wasm-split with more split
#     points (/register lazy, the sign-in form or offline support behind #[lazy]) telling
#     what the visitor (/register) and the citizen (`/`, the form) would no longer download;
#   - what the citizen's form page files hold; format!/write callers; duplicated generic
#     instances (one name, several bodies).
# Sizes: function bodies as in the profiled module. Without --optimise that is before
# wasm-opt (-Oz --converge cuts the code by about 40% and inlines a lot). --optimise runs
# wasm-bindgen and wasm-opt (the tools and flags of the build, plus -g to keep the names) on
# the split main module in a temporary folder, checks that code and data come out identical
# to the shipped main module, and profiles that: the real shipped bodies with names. --opt
# FILE uses such a file made before.
# Brotli estimates (est.br) use Python's `brotli` module when installed, else Node's built-in
# zlib.brotliCompressSync, else zlib -9 as a proxy (the first line says which). A group's
# share: its bytes compressed alone, scaled so all groups add up to the shipped file's real
# brotli size. "Saved if gone": all of main minus the set, brotli quality 9, scaled to
# quality 11 and to the shipped size. Estimates, not builds: a change's real effect is
# measured by building it (bench/bundle.mjs).
#
# Other uses:
#   python3 bench/wasm-profile.py some.wasm             any module: sections; with a name
#                                                        section, top functions and rollup
#   python3 bench/wasm-profile.py LINKED --main SPLIT   name the files (--site DIR for pkg)
#   python3 bench/wasm-profile.py --why 'app::board'    the chain of references that keeps
#                                                        each matching symbol in main
#   --json FILE  rollups, top functions, suspects as JSON;  --depth N  rollup path depth;
#   --no-compress  no brotli estimates (fast).
import argparse
import bisect
import collections
import glob
import gzip
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import zlib

SECTION_NAMES = {
    0: "custom", 1: "type", 2: "import", 3: "function", 4: "table", 5: "memory",
    6: "global", 7: "export", 8: "start", 9: "element", 10: "code", 11: "data",
    12: "datacount", 13: "tag",
}


# ---------------------------------------------------------------------------------------------
# The binary format
# ---------------------------------------------------------------------------------------------

class Reader:
    __slots__ = ("b", "p")

    def __init__(self, b, p=0):
        self.b = b
        self.p = p

    def u8(self):
        x = self.b[self.p]
        self.p += 1
        return x

    def _leb(self):
        """One LEB128 number: its bits, their count, and the last byte."""
        b = self.b
        p = self.p
        r = s = 0
        while True:
            x = b[p]
            p += 1
            r |= (x & 0x7F) << s
            s += 7
            if x < 0x80:
                self.p = p
                return r, s, x

    def uleb(self):
        return self._leb()[0]

    def sleb(self):
        r, s, last = self._leb()
        return r - (1 << s) if last & 0x40 else r

    def name(self):
        n = self.uleb()
        s = self.b[self.p:self.p + n]
        self.p += n
        return s.decode("utf-8", "replace")

    def skip_limits(self):
        flags = self.uleb()
        self.uleb()
        if flags & 1:
            self.uleb()

    def const_expr(self):
        """Reads a constant expression up to its `end`; returns the i32/i64 value if plain."""
        value = None
        while True:
            op = self.u8()
            if op == 0x0B:
                return value
            if op in (0x41, 0x42):
                value = self.sleb()
            elif op == 0x23:
                self.uleb()
                value = None
            elif op == 0xD2:
                self.uleb()
            elif op == 0xD0:
                self.u8()
            elif op in (0x6A, 0x6B, 0x6C, 0x7C, 0x7D, 0x7E):
                value = None
            elif op == 0x43:
                self.p += 4
            elif op == 0x44:
                self.p += 8
            else:
                raise ValueError("unsupported constant expression opcode 0x%02x" % op)


class Module:
    """The parts of a WASM module that matter for its size."""

    def __init__(self, path):
        self.path = path
        with open(path, "rb") as f:
            self.b = f.read()
        b = self.b
        if b[:4] != b"\0asm":
            raise SystemExit("%s: not a WebAssembly module" % path)
        self.sections = []      # (id, name, header_start, payload_start, end)
        self.func_imports = []  # (module, field)
        self.num_globals_imported = 0
        self.exports = []       # (name, kind, index)
        self.elements = []      # (table, offset or None, [func index])
        self.bodies = []        # (start, end) file offsets of each defined function's body
        self.data_segments = []  # (start, end, address or None) file offsets of the bytes
        self.func_names = {}
        self.data_names = {}
        self.global_names = {}
        self.symbols = []       # linking symbol table: dicts
        self.segment_info = []  # (name, align, flags)
        self.relocs = {}        # section index -> [(type, offset, index, addend)]
        self.code_payload = None
        self.data_payload = None
        self.start = None
        r = Reader(b, 8)
        while r.p < len(b):
            hstart = r.p
            sid = r.u8()
            size = r.uleb()
            pstart = r.p
            end = pstart + size
            name = SECTION_NAMES.get(sid, "unknown%d" % sid)
            if sid == 0:
                name = Reader(b, pstart).name()
            self.sections.append((sid, name, hstart, pstart, end))
            sr = Reader(b, pstart)
            if sid == 2:
                self._imports(sr)
            elif sid == 7:
                for _ in range(sr.uleb()):
                    n = sr.name()
                    kind = sr.u8()
                    self.exports.append((n, kind, sr.uleb()))
            elif sid == 8:
                self.start = sr.uleb()
            elif sid == 9:
                self._elements(sr)
            elif sid == 10:
                self.code_payload = pstart
                for _ in range(sr.uleb()):
                    n = sr.uleb()
                    self.bodies.append((sr.p, sr.p + n))
                    sr.p += n
            elif sid == 11:
                self.data_payload = pstart
                self._data(sr)
            elif sid == 0:
                sr.name()
                if name == "name":
                    self._names(sr, end)
                elif name == "linking":
                    self._linking(sr, end)
                elif name.startswith("reloc."):
                    target = sr.uleb()
                    entries = []
                    for _ in range(sr.uleb()):
                        ty = sr.u8()
                        off = sr.uleb()
                        idx = sr.uleb()
                        add = sr.sleb() if ty in RELOC_ADDEND else 0
                        entries.append((ty, off, idx, add))
                    self.relocs[target] = entries
            r.p = end
        self.nimp = len(self.func_imports)
        self.body_starts = [s for s, _ in self.bodies]

    def _imports(self, r):
        for _ in range(r.uleb()):
            mod = r.name()
            field = r.name()
            kind = r.u8()
            if kind == 0:
                r.uleb()
                self.func_imports.append((mod, field))
            elif kind == 1:
                r.u8()
                r.skip_limits()
            elif kind == 2:
                r.skip_limits()
            elif kind == 3:
                r.u8()
                r.u8()
                self.num_globals_imported += 1
            elif kind == 4:
                r.u8()
                r.uleb()

    def _elements(self, r):
        for _ in range(r.uleb()):
            flags = r.uleb()
            table, offset, funcs = 0, None, []
            if flags & 1 == 0:  # active
                if flags & 2:
                    table = r.uleb()
                offset = r.const_expr()
            if flags & 3 in (1, 2, 3) and flags & 4 == 0:
                r.u8()  # elemkind
            elif flags & 4 and flags & 3 != 0:
                r.u8()  # reftype
            n = r.uleb()
            for _ in range(n):
                if flags & 4:
                    op = r.u8()
                    if op == 0xD2:
                        funcs.append(r.uleb())
                        r.u8()
                    else:
                        r.p -= 1
                        r.const_expr()
                else:
                    funcs.append(r.uleb())
            self.elements.append((table, offset, funcs))

    def _data(self, r):
        for _ in range(r.uleb()):
            flags = r.uleb()
            addr = None
            if flags == 0:
                addr = r.const_expr()
            elif flags == 2:
                r.uleb()
                addr = r.const_expr()
            n = r.uleb()
            self.data_segments.append((r.p, r.p + n, addr))
            r.p += n

    def _names(self, r, end):
        while r.p < end:
            sub = r.u8()
            size = r.uleb()
            send = r.p + size
            target = {1: self.func_names, 7: self.global_names, 9: self.data_names}.get(sub)
            if target is not None:
                for _ in range(r.uleb()):
                    idx = r.uleb()
                    target[idx] = r.name()
            r.p = send

    def _linking(self, r, end):
        r.uleb()  # version
        while r.p < end:
            sub = r.u8()
            size = r.uleb()
            send = r.p + size
            if sub == 8:  # WASM_SYMBOL_TABLE
                for _ in range(r.uleb()):
                    kind = r.u8()
                    flags = r.uleb()
                    sym = {"kind": kind, "flags": flags, "name": None}
                    if kind in (0, 2, 4, 5):  # function, global, tag, table
                        sym["index"] = r.uleb()
                        if not flags & 0x10 or flags & 0x40:
                            sym["name"] = r.name()
                    elif kind == 1:  # data
                        sym["name"] = r.name()
                        if not flags & 0x10:
                            sym["segment"] = r.uleb()
                            sym["offset"] = r.uleb()
                            sym["size"] = r.uleb()
                    elif kind == 3:  # section
                        sym["index"] = r.uleb()
                    self.symbols.append(sym)
            elif sub == 5:  # WASM_SEGMENT_INFO
                for _ in range(r.uleb()):
                    self.segment_info.append((r.name(), r.uleb(), r.uleb()))
            r.p = send

    # -- helpers --

    def func_at(self, offset):
        """The function index whose body holds this file offset (None outside code)."""
        i = bisect.bisect_right(self.body_starts, offset) - 1
        if i >= 0 and offset < self.bodies[i][1]:
            return i + self.nimp
        return None

    def body(self, fidx):
        s, e = self.bodies[fidx - self.nimp]
        return self.b[s:e]

    def body_size(self, fidx):
        s, e = self.bodies[fidx - self.nimp]
        return e - s

    def name_of(self, fidx):
        if fidx < self.nimp:
            m, f = self.func_imports[fidx]
            return self.func_names.get(fidx) or "import %s::%s" % (m, f)
        return self.func_names.get(fidx) or "func[%d]" % fidx

    def section_sizes(self):
        """[(label, bytes incl. header)] in file order."""
        out = []
        for sid, name, h, p, e in self.sections:
            label = name if sid != 0 else "custom %s" % name
            out.append((label, e - h))
        return out

    def code_bytes(self):
        return sum(e - s for s, e in self.bodies)

    def data_bytes(self):
        return sum(e - s for s, e, _ in self.data_segments)


# Relocation types that carry an addend (llvm/BinaryFormat/WasmRelocs.def).
RELOC_ADDEND = {3, 4, 5, 8, 9, 11, 14, 15, 16, 17, 21, 22, 23, 25}
RELOC_FUNC = {0, 1, 2, 12, 18, 19, 24, 26, 8, 22}   # target is a function symbol
RELOC_TABLE_INDEX = {1, 2, 12, 18, 19, 24}          # function address taken (table entry)
RELOC_MEMORY = {3, 4, 5, 11, 14, 15, 16, 17, 21, 23, 25}
RELOC_GLOBAL = {7, 13}


# ---------------------------------------------------------------------------------------------
# Rust symbol names
# ---------------------------------------------------------------------------------------------

LEGACY_ESCAPES = {
    "SP": "@", "BP": "*", "RF": "&", "LT": "<", "GT": ">", "LP": "(", "RP": ")", "C": ",",
}
LEGACY_HASH = re.compile(r"^h[0-9a-f]{16}$")


def mangled(sym, prefix):
    """`sym` when it is mangled with `prefix` (an extra leading `_`, as some tools write it,
    dropped); None otherwise."""
    if sym.startswith("_" + prefix):
        sym = sym[1:]
    return sym if sym.startswith(prefix) else None


def demangle_legacy(sym):
    """`_ZN…E` (rustc's legacy scheme) -> `a::b::<T as c::D>::f` without the hash."""
    s = mangled(sym, "_ZN")
    if s is None:
        return None
    i = 3
    parts = []
    while i < len(s) and s[i] != "E":
        j = i
        while j < len(s) and s[j].isdigit():
            j += 1
        if j == i:
            return None
        n = int(s[i:j])
        parts.append(s[j:j + n])
        i = j + n
    if parts and LEGACY_HASH.match(parts[-1]):
        parts.pop()
    out = []
    for p in parts:
        if p.startswith("_$"):
            p = p[1:]
        q = []
        k = 0
        while k < len(p):
            c = p[k]
            if c == "$":
                e = p.find("$", k + 1)
                code = p[k + 1:e] if e > 0 else ""
                if code in LEGACY_ESCAPES:
                    q.append(LEGACY_ESCAPES[code])
                elif code.startswith("u") and re.match(r"^u[0-9a-f]+$", code):
                    q.append(chr(int(code[1:], 16)))
                else:
                    q.append(p[k:e + 1] if e > 0 else p[k:])
                    if e < 0:
                        break
                k = e + 1
            elif p.startswith("..", k):
                q.append("::")
                k += 2
            else:
                q.append(c)
                k += 1
        out.append("".join(q))
    return "::".join(out)


class V0:
    """Best-effort demangler for rustc's v0 scheme (`_R…`, RFC 2603)."""

    BASIC = {
        "a": "i8", "b": "bool", "c": "char", "d": "f64", "e": "str", "f": "f32", "h": "u8",
        "i": "isize", "j": "usize", "l": "i32", "m": "u32", "n": "i128", "o": "u128",
        "s": "i16", "t": "u16", "u": "()", "v": "...", "x": "i64", "y": "u64", "z": "!",
        "p": "_",
    }

    def __init__(self, s):
        self.s = s
        self.p = 0
        self.depth = 0

    def peek(self):
        return self.s[self.p] if self.p < len(self.s) else ""

    def eat(self, c):
        if self.peek() == c:
            self.p += 1
            return True
        return False

    def next(self):
        c = self.peek()
        if not c:
            raise ValueError("end")
        self.p += 1
        return c

    def b62(self):
        if self.eat("_"):
            return 0
        x = 0
        while True:
            c = self.next()
            if c == "_":
                return x + 1
            if c.isdigit():
                d = ord(c) - 48
            elif c.islower():
                d = ord(c) - 97 + 10
            elif c.isupper():
                d = ord(c) - 65 + 36
            else:
                raise ValueError("b62")
            x = x * 62 + d

    def disamb(self):
        if self.eat("s"):
            return self.b62() + 1
        return 0

    def ident(self):
        self.disamb()
        return self.undis_ident()

    def undis_ident(self):
        puny = self.eat("u")
        j = self.p
        while self.peek().isdigit():
            self.p += 1
        n = int(self.s[j:self.p])
        self.eat("_")
        name = self.s[self.p:self.p + n]
        self.p += n
        if puny:
            name = "{punycode:%s}" % name
        return name

    def backref(self, fn):
        target = self.b62()  # a byte offset into the name after `_R`
        saved = self.p
        self.p = target
        self.depth += 1
        if self.depth > 60:
            raise ValueError("deep")
        try:
            return fn()
        finally:
            self.depth -= 1
            self.p = saved

    def path(self):
        c = self.next()
        if c == "C":
            return self.ident()
        if c == "M":
            self.disamb()
            self.path()
            return "<%s>" % self.type_()
        if c == "X":
            self.disamb()
            self.path()
            t = self.type_()
            tr = self.path()
            return "<%s as %s>" % (t, tr)
        if c == "Y":
            t = self.type_()
            tr = self.path()
            return "<%s as %s>" % (t, tr)
        if c == "N":
            ns = self.next()
            prefix = self.path()
            dis = self.disamb()
            name = self.undis_ident()
            if ns.isupper():
                kind = {"C": "closure", "S": "shim"}.get(ns, ns)
                return "%s::{%s%s#%d}" % (prefix, kind, ":" + name if name else "", dis)
            return "%s::%s" % (prefix, name) if name else prefix
        if c == "I":
            base = self.path()
            args = []
            while not self.eat("E"):
                args.append(self.generic_arg())
            return "%s<%s>" % (base, ", ".join(args))
        if c == "B":
            return self.backref(self.path)
        raise ValueError("path %r" % c)

    def generic_arg(self):
        if self.eat("L"):
            self.b62()
            return "'_"
        if self.eat("K"):
            return self.const()
        return self.type_()

    def const(self):
        if self.eat("B"):
            return self.backref(self.const)
        if self.eat("p"):
            return "_"
        t = self.next()
        if t in "RQ":  # &/&mut constant
            return "&" + self.const()
        if t in "ATV" or t == "S":
            # aggregates: skip to their closing `E` as best we can
            depth = 1
            while depth and self.p < len(self.s):
                ch = self.next()
                if ch == "E":
                    depth -= 1
            return "{const}"
        neg = self.eat("n")
        j = self.p
        while self.peek() != "_":
            self.p += 1
        digits = self.s[j:self.p]
        self.p += 1
        if t == "b":
            return "true" if digits == "1" else "false"
        try:
            v = int(digits or "0", 16)
        except ValueError:
            return "{const}"
        return str(-v if neg else v)

    def binder(self):
        if self.eat("G"):
            self.b62()

    def type_(self):
        c = self.next()
        if c in self.BASIC:
            return self.BASIC[c]
        if c == "A":
            t = self.type_()
            return "[%s; %s]" % (t, self.const())
        if c == "S":
            return "[%s]" % self.type_()
        if c == "T":
            ts = []
            while not self.eat("E"):
                ts.append(self.type_())
            return "(%s)" % ", ".join(ts)
        if c in "RQ":
            if self.eat("L"):
                self.b62()
            return ("&" if c == "R" else "&mut ") + self.type_()
        if c == "P":
            return "*const " + self.type_()
        if c == "O":
            return "*mut " + self.type_()
        if c == "F":
            self.binder()
            unsafe = self.eat("U")
            if self.eat("K"):
                if not self.eat("C"):
                    self.undis_ident()
            args = []
            while not self.eat("E"):
                args.append(self.type_())
            ret = self.type_()
            return "%sfn(%s) -> %s" % ("unsafe " if unsafe else "", ", ".join(args), ret)
        if c == "D":
            self.binder()
            traits = []
            while not self.eat("E"):
                tr = self.path()
                while self.eat("p"):
                    self.undis_ident()
                    self.type_()
                traits.append(tr)
            if self.eat("L"):
                self.b62()
            return "dyn " + " + ".join(traits)
        if c == "B":
            return self.backref(self.type_)
        self.p -= 1
        return self.path()


def demangle_v0(sym):
    s = mangled(sym, "_R")
    if s is None:
        return None
    body = s[2:]
    k = 0
    while k < len(body) and body[k].isdigit():
        k += 1
    try:
        d = V0(body)
        d.p = k
        return d.path()
    except (ValueError, IndexError, RecursionError):
        return None


def demangle(sym):
    """Readable name for a symbol; the symbol itself when it is not a Rust one."""
    base = sym
    m = re.match(r"^(.*?E)(\.llvm\.\d+|\.\d+)$", base)
    if m:
        base = m.group(1)
    if base.startswith(("_ZN", "__ZN")):
        d = demangle_legacy(base)
    elif base.startswith(("_R", "__R")):
        d = demangle_v0(re.sub(r"\.llvm\.\d+$", "", base))
    else:
        d = None
    return d or sym


def split_top(path, sep="::"):
    """Splits on `sep` outside <>, (), []."""
    out, depth, cur, i = [], 0, [], 0
    while i < len(path):
        c = path[i]
        if c in "<([":
            depth += 1
        elif c in ">)]":
            depth -= 1
        if depth == 0 and path.startswith(sep, i):
            out.append("".join(cur))
            cur = []
            i += len(sep)
            continue
        cur.append(c)
        i += 1
    out.append("".join(cur))
    return out


def qualified_self(name):
    """For `<X as Y>::f` returns (X, Y); for `<X>::f` (X, None); else None."""
    if not name.startswith("<"):
        return None
    depth = 0
    for i, c in enumerate(name):
        if c == "<":
            depth += 1
        elif c == ">":
            depth -= 1
            if depth == 0:
                inner = name[1:i]
                parts = split_top(inner, " as ")
                if len(parts) == 2:
                    return parts[0], parts[1]
                return inner, None
    return None


def strip_generics(seg):
    i = seg.find("<")
    return seg if i <= 0 else seg[:i]


def defining_path(name):
    """The module path a readable name belongs to: `<app::x::T as core::fmt::Debug>::fmt`
    -> ['app', 'x', 'T'], `<&T as core::fmt::Display>::fmt` -> ['core', 'fmt', 'Display']."""
    for _ in range(4):
        q = qualified_self(name)
        if not q:
            break
        self_ty, trait = q
        t = self_ty.strip()
        while True:
            t2 = re.sub(r"^(&mut |&|\*const |\*mut |dyn |\[|\(|mut )", "", t)
            if t2 == t:
                break
            t = t2
        if re.match(r"^[A-Za-z_][A-Za-z0-9_]*::", t):
            name = t
        elif trait:
            name = trait.strip()
        else:
            name = t
    segs = [strip_generics(s) for s in split_top(name)]
    return [s for s in segs if s]


# Crates whose modules are worth telling apart; others roll up to the crate.
DEEP_CRATES = {"core", "alloc", "std", "app", "domain", "frontend", "leptos", "tachys",
               "reactive_graph", "leptos_router", "serde_json", "server_fn", "wasm_bindgen",
               "js_sys", "web_sys", "chrono", "serde", "leptos_meta", "leptos_server"}


def group_of(name, depth=2):
    """Rollup key: `core::fmt`, `app::board`, `tachys`, `wasm-bindgen glue`, …"""
    if name.startswith(("__wbindgen_describe", "__wbindgen_describe_")):
        return "(wasm-bindgen describe)"
    if name.startswith("__wasm_split"):
        return "(wasm-split glue)"
    if name.startswith(("__wbg_", "__wbindgen", "__externref")) or name.startswith("import "):
        return "(wasm-bindgen glue)"
    if name.startswith("func["):
        return "(wasm-opt made, unnamed)"
    if name.startswith("data["):
        return "(unnamed data)"
    segs = defining_path(name)
    if not segs:
        return "(other)"
    crate = segs[0]
    if crate.startswith("{") or not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", crate):
        return "(other)"
    if crate in DEEP_CRATES and depth > 1 and len(segs) > 1:
        mods = segs[:depth]
        # `app::board::page::BoardPage`: stop at the first type-like segment
        out = [mods[0]]
        for s in mods[1:]:
            if s[:1].isupper() or s[:1] in "{<_" or s.startswith("__"):
                break
            out.append(s)
        return "::".join(out)
    return crate


def app_modules_in(name):
    """`app::x` / `domain::y` named anywhere in the name (generic arguments, closures)."""
    return sorted(set(re.findall(r"\b((?:app|domain)::[a-z_][a-z0-9_]*)", name)))


# ---------------------------------------------------------------------------------------------
# wasm-split's placement, replayed on the linked module
# ---------------------------------------------------------------------------------------------

SPLIT_IMPORT = re.compile(r"__wasm_split_00(.*)00_import_([0-9a-f]{32})")
SPLIT_EXPORT = re.compile(r"__wasm_split_00(.*)00_export_([0-9a-f]{32})")
MAIN = "main"


class Graph:
    """Who refers to whom in the linked module, from its relocations, as wasm_split_cli_support
    builds it: nodes are ('f', function index), ('d', data symbol index), ('g', global)."""

    def __init__(self, m):
        if not m.symbols or not m.relocs:
            raise ValueError("%s has no linking/reloc sections (not a linked module with "
                             "--emit-relocs)" % m.path)
        self.m = m
        self.edges = collections.defaultdict(set)
        syms = m.symbols
        code_index = next(i for i, s in enumerate(m.sections) if s[0] == 10)
        data_index = next((i for i, s in enumerate(m.sections) if s[0] == 11), None)
        # Data symbols: file ranges, sorted for lookups.
        self.dsym = {}
        seg_starts = [s for s, _, _ in m.data_segments]
        for i, s in enumerate(syms):
            if s["kind"] == 1 and "segment" in s and s["size"] > 0:
                start = seg_starts[s["segment"]] + s["offset"]
                self.dsym[i] = (start, start + s["size"])
        order = sorted(self.dsym, key=lambda i: (self.dsym[i][0], -self.dsym[i][1]))
        self.dsym_order = order
        self.dsym_starts = [self.dsym[i][0] for i in order]
        # Containment: a symbol inside another is kept with it.
        stack = []
        for i in order:
            s, e = self.dsym[i]
            while stack and self.dsym[stack[-1]][1] <= s:
                stack.pop()
            if stack and e <= self.dsym[stack[-1]][1]:
                self.edges[("d", stack[-1])].add(("d", i))
            stack.append(i)

        def target(ty, idx):
            if ty == 6 or ty == 9 or ty == 20:
                return None
            s = syms[idx]
            if s["kind"] == 0:
                return ("f", s["index"])
            if s["kind"] == 1:
                return ("d", idx) if idx in self.dsym else None
            if s["kind"] == 2:
                return ("g", s["index"])
            return None

        self.table_refs = collections.Counter()  # function -> times its address is taken
        for ty, off, idx, _ in m.relocs.get(code_index, []):
            f = m.func_at(m.code_payload + off)
            t = target(ty, idx)
            if f is not None and t is not None:
                self.edges[("f", f)].add(t)
                if ty in RELOC_TABLE_INDEX:
                    self.table_refs[t] += 1
        if data_index is not None:
            for ty, off, idx, _ in m.relocs.get(data_index, []):
                d = self.data_symbol_at(m.data_payload + off)
                t = target(ty, idx)
                if d is not None and t is not None:
                    self.edges[("d", d)].add(t)
        # Exported globals that hold a data symbol's address.
        by_name = {s["name"]: i for i, s in enumerate(syms) if s["kind"] == 1 and s["name"]}
        self.split_marker_globals = set()
        for name, kind, idx in m.exports:
            if kind == 3 and name in by_name and by_name[name] in self.dsym:
                self.edges[("g", idx)].add(("d", by_name[name]))
            if kind == 3 and name.startswith("_WASM_SPLIT_MARKER"):
                self.split_marker_globals.add(idx)
        # Function symbol names (the name section may lack some).
        self.fsym_flags = {}
        for s in syms:
            if s["kind"] == 0:
                self.fsym_flags[s["index"]] = self.fsym_flags.get(s["index"], 0) | s["flags"]

    def data_symbol_at(self, off):
        """The innermost data symbol holding this file offset."""
        i = bisect.bisect_right(self.dsym_starts, off) - 1
        best = None
        # walk back over symbols that start earlier and may still cover `off`
        k = i
        steps = 0
        while k >= 0 and steps < 64:
            sym = self.dsym_order[k]
            s, e = self.dsym[sym]
            if s <= off < e:
                if best is None or (e - s) < (self.dsym[best][1] - self.dsym[best][0]):
                    best = sym
            k -= 1
            steps += 1
        return best

    def reach(self, roots, blocked=frozenset(), parents=None):
        seen = set()
        todo = [r for r in roots if r not in blocked]
        for r in todo:
            seen.add(r)
            if parents is not None:
                parents.setdefault(r, None)
        edges = self.edges
        while todo:
            n = todo.pop()
            for t in edges.get(n, ()):
                if t not in seen and t not in blocked:
                    seen.add(t)
                    if parents is not None:
                        parents[t] = n
                    todo.append(t)
        return seen


class Placement:
    """Which output module each function and data symbol goes to: `main`, one page's split
    module (`split:<name>`) or a chunk shared by several pages (`chunk:<a>+<b>`)."""

    def __init__(self, graph, lazy=None):
        """lazy: {name: nodes} to treat as further split points (a what-if): nothing else
        reaches into them, they are the roots of a page of their own."""
        g = self.graph = graph
        m = g.m
        lazy = lazy or {}
        fence = frozenset(x for ns in lazy.values() for x in ns)
        split_imports, split_exports = {}, {}
        for i, (mod, field) in enumerate(m.func_imports):
            mm = SPLIT_IMPORT.match(field)
            if mm:
                split_imports[mm.groups()] = i
        for name, kind, idx in m.exports:
            mm = SPLIT_EXPORT.match(name)
            if mm and kind == 0:
                split_exports[mm.groups()] = idx
        self.splits = collections.defaultdict(list)  # module name -> [export func]
        split_funcs = set()
        for key, imp in split_imports.items():
            exp = split_exports.get(key)
            if exp is None:
                continue
            self.splits[key[0]].append(exp)
            split_funcs.update((("f", imp), ("f", exp)))
        # Main roots: imports, start, exports, table entries kept visible, minus split points.
        roots = set(("f", i) for i in range(m.nimp))
        if m.start is not None:
            roots.add(("f", m.start))
        for name, kind, idx in m.exports:
            if kind == 0:
                roots.add(("f", idx))
            elif kind == 3 and idx not in g.split_marker_globals:
                roots.add(("g", idx))
        in_table = set()
        for _, _, funcs in m.elements:
            in_table.update(funcs)
        for f in in_table:
            flags = g.fsym_flags.get(f, 0)
            if flags & 0x80 or (flags & 0x20 and flags & 0x01):
                roots.add(("f", f))
        roots -= split_funcs
        roots -= fence
        self.main_roots = roots
        # [wasm-bindgen hack]: callers of the describe-cast imports stay in main.
        wbg = set()
        for i, (mod, field) in enumerate(m.func_imports):
            if mod == "__wbindgen_placeholder__" and field in (
                    "__wbindgen_describe_cast", "__wbindgen_describe_generic_import"):
                wbg.add(("f", i))
        split_roots = {name: set(("f", f) for f in fs) for name, fs in self.splits.items()}
        self.fence = fence
        everything = set(g.reach(roots, blocked=fence))
        for rs in split_roots.values():
            everything |= g.reach(rs, blocked=fence)
        for name, ns in lazy.items():
            everything |= g.reach(ns, blocked=fence - ns)
        marked = set(n for n in everything if g.edges.get(n, set()) & wbg) - fence
        self.parents = {}
        self.main = g.reach(roots | marked, blocked=fence, parents=self.parents)
        self.marked = marked
        self.reached_by = collections.defaultdict(set)
        for name, rs in list(split_roots.items()) + list(lazy.items()):
            block = fence - rs
            for n in g.reach(rs, blocked=block):
                if n not in self.main:
                    self.reached_by[n].add(name)
        self.module_of = {}
        for n in self.main:
            self.module_of[n] = MAIN
        for n, names in self.reached_by.items():
            if len(names) == 1:
                self.module_of[n] = "split:" + next(iter(names))
            else:
                self.module_of[n] = "chunk:" + "+".join(sorted(names))

    def where(self, node):
        return self.module_of.get(node, "(unused)")

    def chain(self, node, limit=12):
        """The references that keep `node` in main, from a root."""
        out = []
        n = node
        while n is not None and len(out) < 200:
            out.append(n)
            n = self.parents.get(n)
        out.reverse()
        if len(out) > limit:
            out = out[:3] + [None] + out[-(limit - 4):]
        return out

    def retained(self, nodes):
        """The main-module nodes that would leave main if `nodes` were no longer reachable from
        it (their own and everything only they keep there)."""
        blocked = frozenset(nodes) | self.fence
        still = self.graph.reach(self.main_roots | self.marked, blocked=blocked)
        return self.main - still


# ---------------------------------------------------------------------------------------------
# Compression
# ---------------------------------------------------------------------------------------------

NODE_BROTLI = r"""
const z = require('zlib');
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', () => {
  const req = JSON.parse(Buffer.concat(chunks).toString());
  const blobs = req.blobs.map((b) => Buffer.from(b, 'base64'));
  const out = req.jobs.map(([q, parts]) => {
    const buf = Buffer.concat(parts.map((i) => blobs[i]));
    return z.brotliCompressSync(buf, { params: {
      [z.constants.BROTLI_PARAM_QUALITY]: q,
      [z.constants.BROTLI_PARAM_SIZE_HINT]: buf.length } }).length;
  });
  process.stdout.write(JSON.stringify(out));
});
"""


class Compressor:
    """Compressed sizes of byte strings: brotli (Python module or Node) or zlib -9."""

    def __init__(self, enabled=True):
        self.kind = None
        self.node = None
        if not enabled:
            return
        try:
            import brotli  # noqa: F401
            self.kind = "brotli q11 (Python brotli module)"
            self._brotli = brotli
            return
        except ImportError:
            pass
        node = shutil.which("node")
        if node:
            try:
                r = subprocess.run([node, "-e", NODE_BROTLI], input=b'{"blobs":[],"jobs":[]}',
                                   capture_output=True, timeout=60)
                if r.returncode == 0:
                    self.node = node
                    self.kind = "brotli q11 (Node's zlib.brotliCompressSync)"
                    return
            except (OSError, subprocess.SubprocessError):
                pass
        self.kind = "zlib -9 (proxy: no brotli module and no node)"

    @property
    def brotli(self):
        return self.kind is not None and self.kind.startswith("brotli")

    def run(self, blobs, jobs):
        """jobs: [(quality, [blob indices])] -> compressed size of each job's concatenation."""
        if self.kind is None:
            return [None] * len(jobs)
        if self.node:
            import base64
            req = json.dumps({"blobs": [base64.b64encode(b).decode() for b in blobs],
                              "jobs": [[q, parts] for q, parts in jobs]})
            r = subprocess.run([self.node, "-e", NODE_BROTLI], input=req.encode(),
                               capture_output=True, timeout=1800)
            if r.returncode != 0:
                raise SystemExit("node brotli failed: %s" % r.stderr.decode()[-500:])
            return json.loads(r.stdout)
        out = []
        for q, parts in jobs:
            buf = b"".join(blobs[i] for i in parts)
            if self.kind.startswith("brotli"):
                out.append(len(self._brotli.compress(buf, quality=q)))
            else:
                out.append(len(zlib.compress(buf, 9)))
        return out

    def sizes(self, blobs, quality=11):
        return self.run(blobs, [(quality, [i]) for i in range(len(blobs))])


def strip_custom(b):
    """The module without its custom sections."""
    out = bytearray(b[:8])
    r = Reader(b, 8)
    while r.p < len(b):
        h = r.p
        sid = r.u8()
        n = r.uleb()
        e = r.p + n
        if sid != 0:
            out += b[h:e]
        r.p = e
    return bytes(out)


def gzip_size(b):
    return len(gzip.compress(b, 9, mtime=0))


# ---------------------------------------------------------------------------------------------
# Finding the build's files
# ---------------------------------------------------------------------------------------------

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


def leptos_setting(key):
    try:
        with open(os.path.join(ROOT, "Cargo.toml")) as f:
            for line in f:
                m = re.match(r'^%s\s*=\s*"([^"]*)"' % re.escape(key), line)
                if m:
                    return m.group(1)
    except OSError:
        pass
    return None


def default_paths():
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")
    lib = (leptos_setting("lib-package") or "frontend").replace("-", "_")
    profile = leptos_setting("lib-profile-release") or "release"
    front = os.path.join(target, "front", "wasm32-unknown-unknown", profile)
    site = os.environ.get("LEPTOS_SITE_ROOT") or leptos_setting("site-root") or "target/site"
    if not os.path.isabs(site):
        site = os.path.join(ROOT, site)
    pkg = os.path.join(site, os.environ.get("LEPTOS_SITE_PKG_DIR")
                       or leptos_setting("site-pkg-dir") or "pkg")
    return (os.path.join(front, lib + ".wasm"), os.path.join(front, lib + "_split.wasm"), pkg)


class Site:
    """The shipped files under the site's pkg folder."""

    def __init__(self, pkg, compressor):
        self.pkg = pkg
        self.c = compressor
        name = leptos_setting("name") or ""
        files = sorted(os.listdir(pkg))
        wasm = [f for f in files if f.endswith(".wasm") and not f.startswith(("split_", "chunk_"))]
        pref = [f for f in wasm if f.startswith(name + ".")] or wasm
        self.main = max(pref, key=lambda f: os.path.getsize(os.path.join(pkg, f))) if pref else None
        js = [f for f in files if f.endswith(".js") and not f.startswith("__wasm_split")]
        self.js = [f for f in js if f.startswith(name + ".")] or js
        self.css = [f for f in files if f.endswith(".css")]
        self.loader = [f for f in files if f.startswith("__wasm_split.") and f.endswith(".js")]
        man = [f for f in files if f.startswith("__wasm_split_manifest") and f.endswith(".json")]
        self.manifest = {}
        if man:
            with open(os.path.join(pkg, man[0])) as f:
                self.manifest = json.load(f)
        self._br = {}

    def size(self, f):
        """(raw, gzip, brotli) of a file of the pkg folder; brotli as bench/bundle.mjs gets it
        (quality 11 over the raw file), else the .br copy next to it."""
        p = os.path.join(self.pkg, f)
        if f not in self._br:
            with open(p, "rb") as fh:
                b = fh.read()
            br = None
            if self.c.brotli:
                br = self.c.sizes([b])[0]
            elif os.path.exists(p + ".br"):
                br = os.path.getsize(p + ".br")
            self._br[f] = (len(b), gzip_size(b), br)
        return self._br[f]

    def page_files(self, split):
        return [f + ".wasm" for f in self.manifest.get(split, [])]


# ---------------------------------------------------------------------------------------------
# Units: what the main module is made of
# ---------------------------------------------------------------------------------------------

class Unit:
    __slots__ = ("kind", "name", "readable", "group", "size", "pre", "bytes", "node", "shared")

    def __init__(self, kind, name, readable, group, size, pre, data, node=None):
        self.kind = kind          # "code" or "data"
        self.name = name
        self.readable = readable
        self.group = group
        self.size = size          # bytes in the profiled (optimised when given) module
        self.pre = pre            # bytes before wasm-opt (linked / split main)
        self.bytes = data
        self.node = node          # graph node in the linked module, when known
        self.shared = False


BINARYEN_SUFFIX = re.compile(r"^(.*?)(?:_\d+)$")
SHIM_SUFFIX = re.compile(r"^(.*?)( externref shim| multivalue shim| local_shim)+$")


def base_symbol(name):
    m = SHIM_SUFFIX.match(name)
    if m:
        name = m.group(1)
    return name


def readable_name(name):
    base = base_symbol(name)
    d = demangle(base)
    if d == base:
        m = BINARYEN_SUFFIX.match(base)
        if m and (m.group(1).startswith(("_ZN", "_R"))):
            d = demangle(m.group(1))
    if re.match(r"^(Closure\(|[A-Z][A-Za-z0-9]*(\(.*\))? -> )", name):
        return "wasm-bindgen adapter " + name
    return d if base == name else d + " [" + name[len(base):].strip() + "]"


def unit_group(readable, depth):
    if readable.startswith("wasm-bindgen adapter"):
        return "(wasm-bindgen glue)"
    return group_of(readable, depth)


class Profile:
    """Everything known about one build's main module."""

    def __init__(self, args, comp):
        self.args = args
        self.c = comp
        self.depth = args.depth
        self.linked = self.split = self.opt = None
        self.graph = self.place = None
        self.units = []
        self.pre_units = []  # the main module's functions before wasm-opt (from the linked one)
        self.node_units = collections.defaultdict(list)

    def load(self, linked, split, opt):
        if linked:
            self.linked = Module(linked)
            self.graph = Graph(self.linked)
            self.place = Placement(self.graph)
            self.rev = collections.defaultdict(set)
            for a, ts in self.graph.edges.items():
                for t in ts:
                    self.rev[t].add(a)
        if split:
            self.split = Module(split)
        if opt:
            self.opt = Module(opt)

    # -- units --

    def build_units(self):
        named = self.opt or self.split
        by_name = {}
        if self.linked:
            for f, n in self.linked.func_names.items():
                by_name.setdefault(n, f)
        if named is not None:
            m = named
            for i, (s, e) in enumerate(m.bodies):
                f = i + m.nimp
                name = m.func_names.get(f, "func[%d]" % f)
                r = readable_name(name)
                node = None
                base = base_symbol(name)
                lf = by_name.get(base)
                if lf is None:
                    mm = BINARYEN_SUFFIX.match(base)
                    if mm:
                        lf = by_name.get(mm.group(1))
                pre = e - s
                if lf is not None:
                    node = ("f", lf)
                    pre = self.linked.body_size(lf)
                u = Unit("code", name, r, unit_group(r, self.depth), e - s, pre, m.b[s:e], node)
                self.units.append(u)
                if node:
                    self.node_units[node].append(u)
        if self.linked and self.place:
            self._data_units()
            m = self.linked
            for x in self.place.main:
                if x[0] == "f" and x[1] >= m.nimp:
                    r = demangle(m.name_of(x[1]))
                    self.pre_units.append(Unit("code", m.name_of(x[1]), r,
                                               unit_group(r, self.depth), m.body_size(x[1]),
                                               m.body_size(x[1]), b"", x))
        elif named is not None:
            for k, (s, e, _) in enumerate(named.data_segments):
                name = named.data_names.get(k, "segment %d" % k)
                self.units.append(Unit("data", name, "data " + name, "(data)", e - s, e - s,
                                       named.b[s:e]))

    def _data_units(self):
        g = self.graph
        m = self.linked
        main_d = [n for n in self.place.main if n[0] == "d"]
        main_d.sort(key=lambda n: (g.dsym[n[1]][0], -g.dsym[n[1]][1]))
        covered = -1
        memo = {}
        for n in main_d:
            s, e = g.dsym[n[1]]
            own_s = max(s, covered)
            own = max(0, e - own_s)
            covered = max(covered, e)
            if own == 0:
                continue
            sym = m.symbols[n[1]]
            name = sym["name"] or "data[%d]" % n[1]
            grp, shared = self.data_group(n, memo)
            seg = m.segment_info[sym["segment"]][0] if sym["segment"] < len(m.segment_info) else ""
            if not name.startswith(".L"):
                r = demangle(name)
            else:
                r = "%s %s" % (seg or "data", preview(m.b[s:e]))
            data = m.b[own_s:e] if seg != ".bss" else b""
            u = Unit("data", name, r, grp, own, own, data, n)
            u.shared = shared
            self.units.append(u)
            self.node_units[n].append(u)

    def data_group(self, n, memo, depth=0):
        """A data symbol's group: its own name's, else that of what refers to it."""
        if n in memo:
            return memo[n]
        m = self.linked
        name = m.symbols[n[1]]["name"] or ""
        if name and not name.startswith(".L"):
            res = (group_of(demangle(name), self.depth), False)
            memo[n] = res
            return res
        memo[n] = ("(data)", False)
        votes = collections.Counter()
        for r in self.rev.get(n, ()):
            if r not in self.place.main:
                continue
            if r[0] == "f":
                votes[group_of(demangle(m.name_of(r[1])), self.depth)] += 1
            elif r[0] == "d" and depth < 8:
                votes[self.data_group(r, memo, depth + 1)[0]] += 1
        if not votes:
            res = ("(data, unreferenced)", False)
        else:
            top = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
            res = (top[0][0], len(votes) > 1)
        memo[n] = res
        return res

    # -- sizes of node sets --

    def node_size(self, nodes):
        code = data = pre = 0
        for n in nodes:
            for u in self.node_units.get(n, ()):
                if u.kind == "code":
                    code += u.size
                    pre += u.pre
                else:
                    data += u.size
        return code, pre, data


def preview(b, n=48):
    s = bytes(b[:n]).decode("utf-8", "replace")
    s = "".join(ch if ch.isprintable() else "." for ch in s)
    return '"%s%s"' % (s, "…" if len(b) > n else "")


# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------

def kb(n):
    return "-" if n is None else "%.1f" % (n / 1024.0)


def short(s, n):
    return s if len(s) <= n else s[:n - 1] + "…"


def heading(title):
    print()
    print("== " + title + " " + "=" * max(0, 92 - len(title)))


def print_module(m, label, comp=None):
    raw = len(m.b)
    extra = ""
    if comp is not None and comp.kind:
        br = comp.sizes([m.b])[0]
        extra = ", gzip %s KB, %s %s KB" % (kb(gzip_size(m.b)), comp.kind.split(" (")[0], kb(br))
    heading("%s: %s" % (label, os.path.relpath(m.path) if not m.path.startswith(ROOT)
                        else os.path.relpath(m.path, ROOT)))
    print("%s KB raw%s; %d imported + %d defined functions, %d named; code %s KB, data %s KB"
          % (kb(raw), extra, m.nimp, len(m.bodies), len(m.func_names), kb(m.code_bytes()),
             kb(m.data_bytes())))
    print("%-34s %10s %7s" % ("section", "bytes", "%"))
    for label2, size in m.section_sizes():
        print("%-34s %10d %6.1f%%" % (short(label2, 34), size, 100.0 * size / raw))


def print_site(site):
    heading("shipped files (%s)" % site.pkg)
    rows = []
    if site.main:
        rows.append(("main WASM", site.main))
    for f in site.js:
        rows.append(("main JS", f))
    for f in site.css:
        rows.append(("CSS", f))
    for f in site.loader:
        rows.append(("lazy-route loader JS", f))
    print("%-22s %-44s %9s %9s %9s" % ("", "file", "raw KB", "gzip KB", "br KB"))
    first = 0
    for label, f in rows:
        raw, gz, br = site.size(f)
        print("%-22s %-44s %9s %9s %9s" % (label, short(f, 44), kb(raw), kb(gz), kb(br)))
        if label != "lazy-route loader JS" and br:
            first += br
    print("first visit (`/` -> /register: main WASM + JS + CSS, no chunks) ≈ %s KB brotli"
          % kb(first))
    if site.manifest:
        loader = site.size(site.loader[0])[2] if site.loader else 0
        print("\n%-28s %6s %9s %13s %10s %14s" % ("lazy route (split point)", "files", "br KB",
                                                 "-custom secs", "one file", "+ first visit"))
        for split in sorted(site.manifest):
            files = [f for f in site.page_files(split)
                     if os.path.exists(os.path.join(site.pkg, f))]
            br = sum(site.size(f)[2] or 0 for f in files)
            stripped = one = None
            if site.c.brotli and files:
                blobs = []
                for f in files:
                    with open(os.path.join(site.pkg, f), "rb") as fh:
                        blobs.append(strip_custom(fh.read()))
                sizes = site.c.run(blobs, [(11, [i]) for i in range(len(blobs))] +
                                   [(11, list(range(len(blobs))))])
                stripped, one = br - sum(sizes[:-1]), sizes[-1]
            print("%-28s %6d %9s %13s %10s %14s" % (
                short(split.strip("_").rsplit("_", 1)[0], 28), len(files), kb(br),
                "-" + kb(stripped) if stripped is not None else "-", kb(one),
                kb(first + loader + br)))
        print("(br KB: the page's files each compressed, as the browser gets them; -custom secs: "
              "saved if wasm-opt also stripped the producers/target_features sections "
              "(--strip-producers --strip-target-features); one file: the same bytes in one "
              "stream, i.e. what per-file compression and headers cost; + first visit: an empty "
              "cache's total for that page: main WASM, JS, CSS, the loader JS and its files)")


def print_placement(p):
    pl = p.place
    m = p.linked
    heading("wasm-split placement, replayed on the linked module")
    by = collections.defaultdict(lambda: [0, 0, 0])
    for n, where in pl.module_of.items():
        key = where if where == MAIN or where.startswith("split:") else "chunk (shared by pages)"
        if n[0] == "f" and n[1] >= m.nimp:
            by[key][0] += m.body_size(n[1])
            by[key][2] += 1
        elif n[0] == "d":
            s, e = p.graph.dsym[n[1]]
            by[key][1] += e - s
    unused = sum(m.body_size(f) for f in range(m.nimp, m.nimp + len(m.bodies))
                 if ("f", f) not in pl.module_of)
    print("%-44s %10s %10s %7s" % ("output module", "code KB", "data KB*", "funcs"))
    for key, (c, d, k) in sorted(by.items(), key=lambda kv: -kv[1][0]):
        name = key.replace("split:", "page ").replace("_15933632329929050549", "")
        name = re.sub(r"_\d{10,}$", "", name)
        print("%-44s %10s %10s %7d" % (short(name, 44), kb(c), kb(d), k))
    print("%-44s %10s" % ("(reached from no root: dropped)", kb(unused)))
    print("* data KB sums symbols, nested ones counted twice; the main module's own data is "
          "in the tables below")
    if p.split:
        s = p.split
        names = collections.Counter(n for f, n in s.func_names.items() if f >= s.nimp)
        mine = collections.Counter(m.func_names.get(n[1]) for n in pl.main
                                   if n[0] == "f" and n[1] >= m.nimp)
        extra = sum(c - names.get(n, 0) for n, c in mine.items() if c > names.get(n, 0))
        missing = [n for n, c in names.items() if c > mine.get(n, 0)]
        shims = [n for n in missing if n.endswith(("local_shim", "indirect_shim"))]
        print("check against %s: %d functions there, %d placed in main here; %d here but not "
              "there, %d there but not here (%d of them wasm-split's own shims)"
              % (os.path.basename(s.path), len(s.bodies), len(mine) and sum(mine.values()),
                 extra, len(missing), len(shims)))
        d_main = [n for n in pl.main if n[0] == "d"]
        union = 0
        covered = -1
        for n in sorted(d_main, key=lambda n: p.graph.dsym[n[1]]):
            a, b = p.graph.dsym[n[1]]
            union += max(0, b - max(a, covered))
            covered = max(covered, b)
        print("main data here %d bytes; data segments there %d bytes (same when the replay is "
              "exact, up to alignment)" % (union, s.data_bytes()))


def print_top(p, n):
    heading("top %d functions of the main module by body size" % n)
    opt = p.opt is not None
    code = sorted((u for u in p.units if u.kind == "code"), key=lambda u: -u.size)
    print("%8s %8s  %-28s %s" % ("bytes", "pre-opt" if opt else "", "group", "function"))
    for u in code[:n]:
        print("%8d %8s  %-28s %s" % (u.size, u.pre if opt and u.node else "",
                                     short(u.group, 28), short(u.readable, 150)))


class Estimator:
    """Brotli estimates for sets of units of the main module."""

    def __init__(self, p, comp, actual_br, other_bytes):
        self.p = p
        self.c = comp
        self.units = [u for u in p.units if u.bytes]
        self.index = {id(u): i for i, u in enumerate(self.units)}
        self.blobs = [u.bytes for u in self.units] + [other_bytes]
        self.other = len(self.blobs) - 1
        self.actual = actual_br
        self.k = None
        self.q9_all = self.q11_all = None

    def rollup(self, groups):
        """groups: {key: [units]} partitioning the units -> {key: est. br bytes}, scaled so
        that they add up to the shipped file's brotli size."""
        keys = sorted(groups)
        jobs = [(11, [self.index[id(u)] for u in groups[k] if id(u) in self.index])
                for k in keys]
        jobs.append((11, [self.other]))
        jobs.append((11, list(range(len(self.blobs)))))
        jobs.append((9, list(range(len(self.blobs)))))
        sizes = self.c.run(self.blobs, jobs)
        if sizes[0] is None:
            return {}
        alone = dict(zip(keys, sizes[:len(keys)]))
        self.q11_all, self.q9_all = sizes[-2], sizes[-1]
        total_alone = sum(alone.values()) + sizes[len(keys)]
        target = self.actual or self.q11_all
        self.k = target / float(total_alone)
        self.other_est = sizes[len(keys)] * self.k
        return {k: v * self.k for k, v in alone.items()}

    def marginal(self, sets):
        """For each set of units: brotli bytes saved if they were gone (all minus the rest,
        at quality 9, scaled to quality 11 and to the shipped file)."""
        if not self.c.kind or not sets:
            return [None] * len(sets)
        n = len(self.blobs)
        jobs = []
        for s in sets:
            drop = set(self.index[id(u)] for u in s if id(u) in self.index)
            jobs.append((9, [i for i in range(n) if i not in drop]))
        sizes = self.c.run(self.blobs, jobs)
        if self.q9_all is None:
            self.q9_all, self.q11_all = self.c.run(self.blobs, [(9, list(range(n))),
                                                                (11, list(range(n)))])
        scale = (self.actual or self.q11_all) / float(self.q9_all)
        return [max(0.0, (self.q9_all - s) * scale) for s in sizes]


def print_rollup(p, est, title, keyf, n):
    groups = collections.defaultdict(list)
    for u in p.units:
        groups[keyf(u)].append(u)
    ests = est.rollup(groups) if est else {}
    heading(title)
    opt = p.opt is not None
    tot_c = sum(u.size for u in p.units if u.kind == "code")
    tot_d = sum(u.size for u in p.units if u.kind == "data")
    print("%-32s %9s %9s %9s %9s %6s %9s %6s" % (
        "group", "code KB", "pre-opt" if opt else "", "data KB", "total KB", "%", "est.br KB",
        "funcs"))
    pre_by = collections.Counter()
    for u in p.pre_units:
        pre_by[keyf(u)] += u.size
    rows = []
    for k, us in groups.items():
        c = sum(u.size for u in us if u.kind == "code")
        pre = pre_by[k] if p.pre_units else sum(u.pre for u in us if u.kind == "code")
        d = sum(u.size for u in us if u.kind == "data")
        rows.append((c + d, k, c, pre, d, ests.get(k), sum(1 for u in us if u.kind == "code")))
    rows.sort(key=lambda r: (-(r[5] or r[0]), r[1]))
    for total, k, c, pre, d, e, nf in rows[:n]:
        print("%-32s %9s %9s %9s %9s %5.1f%% %9s %6d" % (
            short(k, 32), kb(c), kb(pre) if opt else "", kb(d), kb(total),
            100.0 * total / max(1, tot_c + tot_d), kb(e), nf))
    rest = rows[n:]
    if rest:
        print("%-32s %9s %9s %9s %9s %6s %9s %6d" % (
            "(%d more groups)" % len(rest), kb(sum(r[2] for r in rest)),
            kb(sum(r[3] for r in rest)) if opt else "", kb(sum(r[4] for r in rest)),
            kb(sum(r[0] for r in rest)), "",
            kb(sum(r[5] or 0 for r in rest)) if ests else "-", sum(r[6] for r in rest)))
    print("%-32s %9s %9s %9s %9s" % ("total", kb(tot_c),
                                       kb(sum(u.size for u in p.pre_units)) if opt else "",
                                       kb(tot_d), kb(tot_c + tot_d)))
    if ests:
        print("est.br: each group compressed alone (%s), scaled so that all groups plus the "
              "other sections (%s KB est.) add up to the shipped main's %s KB"
              % (est.c.kind, kb(est.other_est), kb(est.actual or est.q11_all)))
    return rows


# ---------------------------------------------------------------------------------------------
# Why is it in main, and what would leave with it
# ---------------------------------------------------------------------------------------------

def node_label(p, n):
    m = p.linked
    if n is None:
        return "…"
    if n[0] == "f":
        return demangle(m.name_of(n[1]))
    if n[0] == "d":
        name = m.symbols[n[1]]["name"] or "data[%d]" % n[1]
        if name.startswith(".L"):
            s, e = p.graph.dsym[n[1]]
            return "data " + preview(m.b[s:e], 40)
        return "static " + demangle(name)
    return "global %d" % n[1]


def root_reason(p, n):
    m = p.linked
    if n in p.place.marked:
        return "calls a wasm-bindgen describe import (kept in main by wasm-split)"
    if n[0] == "f":
        for name, kind, idx in m.exports:
            if kind == 0 and idx == n[1]:
                return "export %s" % short(name, 60)
        if n[1] < m.nimp:
            return "import"
        return "table entry kept visible (exported/no_strip symbol)"
    if n[0] == "g":
        return "exported global"
    return "root"


def print_chain(p, n, indent="    "):
    chain = p.place.chain(n)
    if not chain or chain[0] is None:
        return
    print("%sroot: %s" % (indent, root_reason(p, chain[0])))
    for k, c in enumerate(chain):
        print("%s%s %s" % (indent, "  " * min(k, 1) + "->" if k else "  ",
                           short(node_label(p, c), 130)))


def first_app_link(p, n):
    """The last function of the app (or the shell) on the chain that keeps `n` in main,
    with the app function it calls next: who pulls it in."""
    chain = [c for c in p.place.chain(n, limit=1000) if c is not None]
    best = None
    for i, c in enumerate(chain[:-1]):
        lab = node_label(p, c)
        if re.match(r"^<?(app|frontend)::", lab):
            best = (lab, node_label(p, chain[i + 1]))
    return best


def print_why(p, pattern, limit=8):
    heading("why in main: %s" % pattern)
    rx = re.compile(pattern)
    hits = []
    for n in p.place.main:
        if n[0] == "f" and n[1] >= p.linked.nimp or n[0] == "d":
            lab = node_label(p, n)
            if rx.search(lab):
                code, pre, data = p.node_size([n])
                hits.append((code + data or pre, lab, n))
    hits.sort(key=lambda h: -h[0])
    print("%d symbols in main match; the largest:" % len(hits))
    for size, lab, n in hits[:limit]:
        print("  %6d  %s" % (size, short(lab, 140)))
        print_chain(p, n, "          ")


# ---------------------------------------------------------------------------------------------
# The i18n tables, field by field
# ---------------------------------------------------------------------------------------------

def rust_unescape(s):
    out = []
    i = 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            n = s[i + 1]
            if n == "\n":
                i += 2
                while i < len(s) and s[i] in " \t\n":
                    i += 1
                continue
            if n == "u" and s[i + 2:i + 3] == "{":
                e = s.index("}", i)
                out.append(chr(int(s[i + 3:e], 16)))
                i = e + 1
                continue
            if n == "x":
                out.append(chr(int(s[i + 2:i + 4], 16)))
                i += 4
                continue
            out.append({"n": "\n", "t": "\t", "r": "\r", "0": "\0"}.get(n, n))
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


STRING_LIT = re.compile(r'"((?:[^"\\]|\\.)*)"', re.S)


def table_fields(path, static):
    """Fields of `pub static STATIC: T = T { … }` in a Rust file: {field: (kind, [strings])}."""
    try:
        with open(path, encoding="utf-8") as f:
            src = f.read()
    except OSError:
        return {}
    m = re.search(r"static\s+%s\s*:\s*\w+\s*=\s*\w+\s*\{" % re.escape(static), src)
    if not m:
        return {}
    body = src[m.end():]
    fields = {}
    cur = None
    buf = []
    depth = 0
    for line in body.split("\n"):
        fm = re.match(r"^    (\w+):\s?(.*)$", line) if depth == 0 else None
        if fm or (depth == 0 and line.startswith("}")):
            if cur:
                fields[cur] = "\n".join(buf)
            if not fm:
                break
            cur, buf = fm.group(1), [fm.group(2)]
        elif cur:
            buf.append(line)
        stripped = STRING_LIT.sub('""', line)
        stripped = re.sub(r"'(\\.|[^'\\])'", "' '", stripped)
        depth += stripped.count("{") + stripped.count("[") + stripped.count("(")
        depth -= stripped.count("}") + stripped.count("]") + stripped.count(")")
        if fm:
            depth = max(depth, 0)
    out = {}
    for k, v in fields.items():
        v = v.strip()
        kind = "fn" if re.match(r"^(move\s*)?\|", v) else ("str" if v.startswith('"') else "other")
        out[k] = (kind, [rust_unescape(s) for s in STRING_LIT.findall(v)])
    return out


def camel_to_snake(s):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", s).lower()


def rust_files(base):
    for dirpath, _, files in os.walk(base):
        for f in files:
            if f.endswith(".rs"):
                yield os.path.join(dirpath, f)


def module_path(path, crate_dir, crate):
    rel = os.path.relpath(path, crate_dir)[:-3].split(os.sep)
    if rel[-1] in ("mod", "lib", "main"):
        rel = rel[:-1]
    return "::".join([crate] + rel)


def field_users(field, app_src, skip):
    """(file, module path, enclosing fn, line) of each `.field` outside `skip`."""
    rx = re.compile(r"\.%s\b(?!\s*:)" % re.escape(field))
    out = []
    for path in rust_files(app_src):
        rel = os.path.relpath(path, app_src)
        if any(rel.startswith(s) for s in skip):
            continue
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        for k, line in enumerate(lines):  # unit tests (at the end of a file) are not shipped
            if line.startswith("#[cfg(test)]"):
                lines = lines[:k]
                break
        for i, line in enumerate(lines):
            code = line.split("//")[0]
            if rx.search(code):
                fn = None
                for j in range(i, -1, -1):
                    fm = re.match(r"^\s*(?:pub(?:\([^)]*\))?\s+)?(?:async\s+)?(?:const\s+)?fn\s+"
                                  r"(\w+)", lines[j])
                    if fm:
                        fn = fm.group(1)
                        break
                out.append((rel, module_path(path, app_src, "app"), fn, i + 1))
    return out


class Residency:
    """Where the code of an app function went: main, pages, or nowhere to be found."""

    def __init__(self, p):
        self.p = p
        self.names = collections.defaultdict(set)  # readable name -> placements
        m = p.linked
        for f in range(m.nimp, m.nimp + len(m.bodies)):
            where = p.place.module_of.get(("f", f))
            if where is None:
                continue
            r = demangle(m.name_of(f))
            if "app::" in r:
                self.names[r].add(MAIN if where == MAIN else "page")
        self.by_module = collections.defaultdict(set)
        for r, w in self.names.items():
            mm = re.match(r"^<?(app(?:::[a-z_][a-z0-9_]*)*)::", r)
            if mm:
                self.by_module[mm.group(1)] |= w

    def of_fn(self, modpath, fn):
        if not fn:
            return set()
        # Only names that start with the path: generic arguments name types of other code
        # (and LLVM gives a merged identical body any one of its names).
        pat = re.compile(r"^<?%s::(?:[A-Za-z_]\w*::)?(?:%s|__component_%s)(?:::|$|\s|>)"
                         % (re.escape(modpath), re.escape(fn), re.escape(camel_to_snake(fn))))
        res = set()
        for r, w in self.names.items():
            if pat.search(r):
                res |= w
        return res

    def of_module(self, modpath):
        return self.by_module.get(modpath, set())


def struct_fields(path, struct):
    """[(field, type)] of `pub struct STRUCT { … }` in declaration order."""
    try:
        with open(path, encoding="utf-8") as f:
            src = f.read()
    except OSError:
        return []
    m = re.search(r"pub struct %s\s*\{" % re.escape(struct), src)
    if not m:
        return []
    out = []
    for line in src[m.end():].split("\n"):
        if line.startswith("}"):
            break
        fm = re.match(r"^\s*pub (\w+):\s*(.+?),?\s*$", line)
        if fm:
            out.append((fm.group(1), fm.group(2)))
    return out


def texts_analysis(p, est):
    """The `Texts` tables in main: their strings and closures, and which fields only lazy
    pages use (those could move out of main with their pages)."""
    m = p.linked
    g = p.graph
    app_src = os.path.join(ROOT, "app", "src")
    tables = []
    for i, s in enumerate(m.symbols):
        if s["kind"] == 1 and s["name"] and i in g.dsym:
            r = demangle(s["name"])
            mm = re.match(r"^app::i18n::(\w+)::(TEXTS|UZ_LATN)$", r)
            if mm:
                tables.append((r, mm.group(1), mm.group(2), ("d", i)))
    heading("i18n tables (app/src/i18n): where each one is, and what it keeps in main")
    res = Residency(p)
    results = {}
    data_index = next(i for i, sec in enumerate(m.sections) if sec[0] == 11)
    for r, mod, static, n in sorted(tables):
        where = p.place.where(n)
        targets = g.edges.get(n, set())
        strs = [t for t in targets if t[0] == "d"]
        fns = [t for t in targets if t[0] == "f"]
        sbytes = sum(g.dsym[t[1]][1] - g.dsym[t[1]][0] for t in strs)
        fbytes = sum(m.body_size(t[1]) for t in fns)
        a, b = g.dsym[n[1]]
        print("%-34s in %-5s table %5d B, %3d strings %6d B, %2d closures %5d B (pre-opt)"
              % (r, "main" if where == MAIN else "pages", b - a, len(strs), sbytes, len(fns),
                 fbytes))
        if where != MAIN:
            continue
        retained = p.place.retained([n])
        c, pre, d = p.node_size(retained)
        units = [u for x in retained for u in p.node_units.get(x, ())]
        saved = est.marginal([units])[0] if est else None
        print("    all of it (if no main code read it): code %s KB, data %s KB, est. %s KB brotli"
              % (kb(c), kb(d), kb(saved)))
        src = os.path.join(app_src, "i18n", mod + ".rs")
        fields = table_fields(src, static)
        if not fields:
            continue
        # The table's layout follows the struct's declaration (all fields 4-aligned): its
        # function pointers, in address order, are the struct's `fn(…)` fields in order.
        struct = re.search(r"static\s+%s\s*:\s*(\w+)" % static,
                           open(src, encoding="utf-8").read()).group(1)
        decl = struct_fields(os.path.join(app_src, "i18n", "mod.rs"), struct) or \
            struct_fields(src, struct)
        fn_fields = [f for f, t in decl if t.startswith("fn(")]
        fn_slots = []
        for ty, off, idx, _ in m.relocs.get(data_index, []):
            fo = m.data_payload + off
            if a <= fo < b and m.symbols[idx]["kind"] == 0:
                fn_slots.append((fo, ("f", m.symbols[idx]["index"])))
        fn_slots.sort()
        closure_of = {}
        if len(fn_slots) == len(fn_fields):
            closure_of = dict(zip(fn_fields, (x[1] for x in fn_slots)))
        content = {}
        for t in strs:
            sa, sb = g.dsym[t[1]]
            content.setdefault(bytes(m.b[sa:sb]), t)
        rows = []
        skip = ("i18n" + os.sep + mod + ".rs", "server" + os.sep)
        for field, (kind, lits) in fields.items():
            users = field_users(field, app_src, skip)
            status = set()
            mods = set()
            for rel, mp, fn, line in users:
                w = res.of_fn(mp, fn)
                if not w:
                    w = {x + "?" for x in (res.of_module(mp) or {"page"})}
                status |= w
                mods.add(mp.replace("app::", "", 1))
            lookup_only = all(rel.startswith("i18n" + os.sep) for rel, mp, fn, line in users
                              if MAIN in res.of_fn(mp, fn))
            if not users:
                where_f = "unused"
            elif MAIN in status and lookup_only:
                where_f = "main-lookup"
            elif MAIN in status:
                where_f = "main"
            elif MAIN + "?" in status:
                where_f = "main?"
            else:
                where_f = "pages"
            size = only = 0
            nodes = []
            for lit in lits:
                t = content.get(lit.encode("utf-8"))
                if t is None:
                    continue
                ln = g.dsym[t[1]][1] - g.dsym[t[1]][0]
                size += ln
                if not [x for x in p.rev.get(t, ()) if x != n and x in p.place.main]:
                    only += ln
                    nodes.append(t)
            if field in closure_of:
                nodes.append(closure_of[field])
            rows.append((field, kind, where_f, size, only, sorted(mods), nodes))
        tot = collections.defaultdict(lambda: [0, 0, 0, 0, []])
        for field, kind, wf, size, only, mods, nodes in rows:
            t = tot[wf]
            t[0] += 1
            t[1] += size
            t[2] += only
            t[3] += kind == "fn"
            t[4].extend(nodes)
        print("    fields by who reads them (app/src searched for `.field`, the enclosing fn "
              "looked up in the placement; main-lookup: in main only through the i18n lookup "
              "fns such as Texts::field/problem; main?: fn not found, its module has code in "
              "main):")
        order = [wf for wf in ("main", "main-lookup", "main?", "pages", "unused") if wf in tot]
        sets = []
        for wf in order:
            ret = p.place.retained(tot[wf][4])
            sets.append([u for x in ret for u in p.node_units.get(x, ())])
        saved = est.marginal(sets) if est else [None] * len(sets)
        for wf, sv, us in zip(order, saved, sets):
            t = tot[wf]
            print("      %-11s %3d fields (%2d closures): strings %5d B (%5d B read by nothing "
                  "else in main), with closures %s KB code; est. %s KB brotli"
                  % (wf, t[0], t[3], t[1], t[2],
                     kb(sum(u.size for u in us if u.kind == "code")), kb(sv)))
        movable = [r2 for r2 in rows if r2[2] in ("pages", "unused")]
        by_mod = collections.defaultdict(lambda: [0, 0])
        for field, kind, wf, size, only, mods, nodes in movable:
            key = ", ".join(sorted(set(x.split("::")[0] for x in mods))) or "(no reader)"
            by_mod[key][0] += 1
            by_mod[key][1] += only
        print("    fields only lazy pages read, by the modules reading them:")
        for key, (cnt, only) in sorted(by_mod.items(), key=lambda kv: -kv[1][1])[:12]:
            print("      %-48s %3d fields %6d B" % (short(key, 48), cnt, only))
        if not closure_of:
            print("    (closures not matched to fields: %d fn fields declared, %d in the table)"
                  % (len(fn_fields), len(fn_slots)))
        results[r] = rows
    return results


# ---------------------------------------------------------------------------------------------
# Suspects
# ---------------------------------------------------------------------------------------------

STAFF_MODULES = ["board", "panel", "monitoring", "staff", "audit", "bodies", "verdict",
                 "thread", "tracking", "filing"]


def suspects(p, est, n_list=6):
    heading("suspects: size in main, and est. brotli saved if they left it")
    units = p.units
    code = [u for u in units if u.kind == "code"]

    def grp(*prefixes):
        return [u for u in units if u.group.startswith(prefixes)]

    def named(rx):
        r = re.compile(rx)
        return [u for u in units if r.search(u.readable)]

    defs = []
    defs.append(("core::fmt + alloc::fmt (formatting machinery)",
                 grp("core::fmt", "alloc::fmt")))
    defs.append(("number formatting/parsing (core::num: flt2dec, dec2flt, ints)",
                 grp("core::num")))
    defs.append(("panics (core/std::panicking, unwrap_failed, assert_failed, *_fail)",
                 named(r"panicking|unwrap_failed|expect_failed|assert_failed|_fail$|"
                       r"panic_bounds_check|slice_.*_fail|begin_panic|rust_begin_unwind")))
    paths = [u for u in units if u.kind == "data" and re.search(rb"\.rs$|/src/", u.bytes[:200])]
    defs.append(("panic locations: source file names (data)", paths))
    defs.append(("serde_json", grp("serde_json")))
    defs.append(("serde/serde_core (visitor plumbing)", grp("serde_core", "serde")))
    defs.append(("derived Serialize/Deserialize of app+domain types",
                 [u for u in code if re.search(r"serde_core::(de::Deserialize|ser::Serialize|"
                                               r"de::Visitor|de::DeserializeSeed)", u.readable)
                  and re.search(r"\b(app|domain)::", u.readable)]))
    defs.append(("server_fn (client side)", grp("server_fn")))
    defs.append(("domain (all)", grp("domain")))
    defs.append(("domain validation (not serde)",
                 [u for u in grp("domain") if "serde" not in u.readable]))
    defs.append(("leptos_router", grp("leptos_router")))
    defs.append(("leptos_meta", grp("leptos_meta")))
    defs.append(("chrono", grp("chrono")))
    defs.append(("wasm-bindgen glue (+ js_sys, web_sys)",
                 grp("(wasm-bindgen", "wasm_bindgen", "js_sys", "web_sys")))
    defs.append(("wasm_streams (exported ReadableStream glue)", named(r"wasm_streams|intounderlying")))
    defs.append(("std::sync::mpmc / std::thread (channels)",
                 grp("std::sync", "std::thread")))
    defs.append(("hashbrown / HashMap", named(r"hashbrown")))
    defs.append(("type erasure: AnyView/AnyAttribute/AnyNestedRoute instances",
                 named(r"IntoAny>::into_any|IntoAnyAttribute>::into_any_attr|"
                       r"any_view::|any_attribute::|IntoAnyNestedRoute")))
    defs.append(("dlmalloc (the allocator)", grp("dlmalloc")))
    defs.append(("unnamed functions made by wasm-opt (merged similar)",
                 grp("(wasm-opt made")))
    for mod in STAFF_MODULES:
        defs.append(("app::%s: code and data named after it" % mod,
                     [u for u in units if re.search(r"\bapp::%s\b" % mod, u.readable)
                      or u.group.startswith("app::%s" % mod)]))
    saved = est.marginal([d[1] for d in defs]) if est else [None] * len(defs)
    print("%-58s %8s %8s %6s %10s" % ("", "code KB", "data KB", "funcs", "est.br KB"))
    out = []
    for (label, us), sv in zip(defs, saved):
        c = sum(u.size for u in us if u.kind == "code")
        d = sum(u.size for u in us if u.kind == "data")
        nf = sum(1 for u in us if u.kind == "code")
        print("%-58s %8s %8s %6d %10s" % (short(label, 58), kb(c), kb(d), nf, kb(sv)))
        out.append((label, c, d, nf, sv, us))
    print("(sets overlap; est.br: all of main minus the set, brotli q9, scaled to q11 and to "
          "the shipped size; code and data of the set only, not what it keeps alive)")
    return out


def staff_in_main(p, est):
    heading("staff-side and page-only app code that stays in main, and who pulls it in")
    m = p.linked
    rows = []
    for n in p.place.main:
        if (n[0] == "f" and n[1] >= m.nimp) or n[0] == "d":
            lab = node_label(p, n)
            mm = re.search(r"\bapp::(%s)\b" % "|".join(STAFF_MODULES), lab)
            if mm:
                c, pre, d = p.node_size([n])
                rows.append((mm.group(1), c + d or pre, lab, n))
    by = collections.defaultdict(list)
    for r in rows:
        by[r[0]].append(r)
    print("(a name in generic arguments is not that module's code: LLVM merges identical "
          "functions, e.g. drop glue, and the merged body keeps one of the names)")
    for mod in STAFF_MODULES:
        rs = sorted(by.get(mod, []), key=lambda r: -r[1])
        if not rs:
            print("app::%-12s nothing in main" % mod)
            continue
        print("app::%-12s %3d symbols, %s KB (opt where known) in main" % (
            mod, len(rs), kb(sum(r[1] for r in rs))))
        for _, size, lab, n in rs[:5]:
            link = first_app_link(p, n)
            via = (" <- %s" % short(link[0], 60)) if link and link[0] != lab else ""
            print("      %6d  %s%s" % (size, short(lab, 100), via))


def snake_to_camel(s):
    return "".join(w[:1].upper() + w[1:] for w in s.split("_"))


def item_key(readable):
    """`app::accounts::forms::__component_register_page::{{closure}}` ->
    `app::accounts::forms::RegisterPage`; serde derives -> `app::error::AppError [serde]`."""
    mm = re.search(r"<impl (?:[\w:]+::)?(\w+)(?:<[^>]*>)? for ((?:app|domain)::[\w:]+)", readable)
    if mm:
        return "%s [%s]" % (mm.group(2), mm.group(1))
    q = qualified_self(readable)
    if q and re.match(r"^(app|domain)::", q[0]):
        return strip_generics(q[0])
    out = []
    for seg in split_top(readable):
        if seg.startswith(("{", "<", "_::")) or seg == "_":
            break
        if seg.startswith("__component_"):
            out.append(snake_to_camel(seg[len("__component_"):]))
            break
        out.append(strip_generics(seg))
        if seg[:1].isupper():
            break
    return "::".join(out)


# What-if sets: main symbols (regex on readable names) whose removal from main is a change to
# the app one could make; the table says what would leave main with them.
SCENARIOS = [
    ("/register lazy (RegisterPage out of the shell)",
     r"^app::accounts::forms::(RegisterPage|__component_register_page)\b"),
    ("sign-in form out of the shell (AppContext.sign_in)",
     r"^app::(accounts::forms::(SignInForm|__component_sign_in_form)\b|sign_in_form\b)"),
    ("both of the above",
     r"^app::(accounts::forms::(RegisterPage|__component_register_page|SignInForm|"
     r"__component_sign_in_form)\b|sign_in_form\b)"),
    ("offline support (provide_offline, UpdatePrompt, WaitingBadge)",
     r"^app::(offline::|context::use_offline_texts)"),
    ("SignOutButton in Nav", r"^app::accounts::settings::(SignOutButton|__component_sign_out_button)\\b"),
    ("<Title>/<Meta> of leptos_meta in App", r"^leptos_meta::(title|meta_tags)::"),
    ("the lazy routes' main-side plumbing (app::pages)", r"^app::pages::"),
    ("AppError's Deserialize (what error decoding drags in)",
     r"impl serde_core::de::Deserialize for app::error::AppError"),
    ("Problem's Deserialize (derived enum visitor)",
     r"impl serde_core::de::Deserialize for domain::form::Problem"),
    ("serde_json's error messages (invalid_type & co: the f64 printer, zmij)",
     r"^<serde_json::error::JsonUnexpected as core::fmt::Display>|"
     r"^<serde_core::de::Unexpected as core::fmt::Display>"),
    ("wasm_streams' exported stream glue (server_fn browser client)",
     r"wasm_streams|^intounderlying|^__wbg_intounderlying"),
    ("Registration::validate (client-side check of the register form)",
     r"^domain::account::Registration::validate"),
    ("together: sign-in form, offline support, <Title>/<Meta>, Problem's Deserialize",
     r"^app::(accounts::forms::(SignInForm|__component_sign_in_form)\b|sign_in_form\b)|"
     r"^app::(offline::|context::use_offline_texts)|^leptos_meta::(title|meta_tags)::|"
     r"impl serde_core::de::Deserialize for domain::form::Problem"),
]


def main_nodes_matching(p, rx):
    m = p.linked
    r = re.compile(rx)
    out = set()
    for x in p.place.main:
        if x[0] == "f" and x[1] >= m.nimp:
            lab = demangle(m.name_of(x[1]))
            if r.search(lab) or r.search(m.name_of(x[1])):
                out.add(x)
        elif x[0] == "d" and m.symbols[x[1]]["name"] and \
                not m.symbols[x[1]]["name"].startswith(".L"):
            if r.search(demangle(m.symbols[x[1]]["name"])):
                out.add(x)
    return out


def print_retained(p, est, title, named_sets, n, note, keep_order=False):
    heading(title)
    rows = []
    for label, nodes in named_sets:
        ret = p.place.retained(nodes)
        c, pre, d = p.node_size(ret)
        oc, opre, od = p.node_size(nodes)
        rows.append((label, len(nodes), oc + od, c, pre, d, ret))
    rows = [r for r in rows if r[1]]
    if not keep_order:
        rows.sort(key=lambda r: -(r[3] + r[5]))
    rows = rows[:n]
    saved = est.marginal([[u for x in r[6] for u in p.node_units.get(x, ())] for r in rows]) \
        if est else [None] * len(rows)
    print("%-56s %6s %8s %9s %9s %8s %9s" % ("", "syms", "own KB", "leaves KB", "pre-opt",
                                             "data KB", "est.br KB"))
    for (label, cnt, own, c, pre, d, _), sv in zip(rows, saved):
        print("%-56s %6d %8s %9s %9s %8s %9s" % (short(label, 56), cnt, kb(own), kb(c), kb(pre),
                                                 kb(d), kb(sv)))
    print(note)
    return [(r[0], r[3], r[5], sv) for r, sv in zip(rows, saved)]


# Split points one could add (a what-if replay of wasm-split with them): each is a lazy route
# or a `#[lazy]` function made of the matched symbols. For each, who downloads what moves.
REGISTER_RX = r"^app::accounts::forms::(RegisterPage|__component_register_page)\b"
SIGN_IN_RX = r"^app::sign_in_form\b"
OFFLINE_RX = r"^app::(offline::|context::use_offline_texts)"
# (label, {split name: regex}, split modules the visitor loads, those the citizen loads)
LAZY_WHATIFS = [
    ("/register as a lazy route", {"register": REGISTER_RX}, {"register"}, set()),
    ("the sign-in form (AppContext.sign_in) behind #[lazy]", {"sign_in_form": SIGN_IN_RX},
     set(), set()),
    ("both", {"register": REGISTER_RX, "sign_in_form": SIGN_IN_RX}, {"register"}, set()),
    ("offline support behind #[lazy], loaded only when needed", {"offline": OFFLINE_RX},
     set(), set()),
    ("offline support behind #[lazy], loaded after hydration", {"offline": OFFLINE_RX},
     {"offline"}, {"offline"}),
]
VISITOR_PAGE = "register"          # the first visit: `/` sends a visitor to /register
CITIZEN_PAGE = "new_appeal_page"   # a signed-in citizen's `/`: the appeal form


def whatif_lazy(p, est):
    heading("what-if: more split points (wasm-split replayed with them); what the visitor "
            "(/register) and the citizen (/, the form) would no longer download")
    if not p.place:
        return []
    base_main = p.place.main
    print("%-50s %8s %8s | %-19s | %-19s" % ("", "main KB", "main br", "visitor -br, files",
                                            "citizen -br, files"))
    out = []
    for label, spec, vis, cit in LAZY_WHATIFS:
        lazy = {name: main_nodes_matching(p, rx) for name, rx in spec.items()}
        if not all(lazy.values()):
            print("%-50s (nothing matches)" % short(label, 50))
            continue
        alt = Placement(p.graph, lazy)
        left = [x for x in base_main if x not in alt.main]
        where = {x: frozenset(alt.reached_by.get(x, set())) for x in left}

        def loaded(names, pages, extra):
            return any(pg in nm for nm in names for pg in pages) or bool(names & extra)
        vis_gone = [x for x in left if not loaded(where[x], [VISITOR_PAGE] if vis else [], vis)]
        cit_gone = [x for x in left if not loaded(where[x], [CITIZEN_PAGE], cit)]
        units = lambda xs: [u for x in xs for u in p.node_units.get(x, ())]
        sv = est.marginal([units(left), units(vis_gone), units(cit_gone)]) if est else [None] * 3
        mods = set(where.values())
        vis_files = sum(1 for nm in mods if loaded(nm, [VISITOR_PAGE] if vis else [], vis))
        cit_files = sum(1 for nm in mods if loaded(nm, [CITIZEN_PAGE], cit))
        c, pre, d = p.node_size(left)
        print("%-50s %8s %8s | %9s %9s | %9s %9s" % (
            short(label, 50), "-" + kb(c + d), "-" + kb(sv[0]), "-" + kb(sv[1]),
            "+%d" % vis_files, "-" + kb(sv[2]), "+%d" % cit_files))
        out.append((label, c + d, sv))
    print("(main: what leaves the main module; visitor/citizen: what of it that empty-cache "
          "load no longer fetches at all, est. brotli; files: files it fetches instead, each "
          "~0.4 KB of brotli overhead)")
    return out


def page_contents(p, page, n):
    """What a lazy page's files hold (pre-opt: the chunks' optimised bodies have no names)."""
    m = p.linked
    heading("what the %s page's own files hold (split + the chunks it loads), by group, "
            "before wasm-opt" % page)
    by = collections.Counter()
    tot = 0
    for x, where in p.place.module_of.items():
        if where != MAIN and page in where and x[0] == "f" and x[1] >= m.nimp:
            size = m.body_size(x[1])
            by[group_of(demangle(m.name_of(x[1])), p.depth)] += size
            tot += size
    print("%s KB of function bodies before wasm-opt; the largest groups:" % kb(tot))
    for k, v in by.most_common(n):
        print("  %-40s %8s KB %5.1f%%" % (short(k, 40), kb(v), 100.0 * v / max(1, tot)))


def retained_tables(p, est, n):
    m = p.linked
    items = collections.defaultdict(set)
    modules = collections.defaultdict(set)
    for x in p.place.main:
        if x[0] == "f" and x[1] >= m.nimp:
            lab = demangle(m.name_of(x[1]))
        elif x[0] == "d" and m.symbols[x[1]]["name"] and \
                not m.symbols[x[1]]["name"].startswith(".L"):
            lab = demangle(m.symbols[x[1]]["name"])
        else:
            continue
        if re.match(r"^(app|domain)::", lab) or re.search(r"<impl \S+ for (app|domain)::", lab):
            items[item_key(lab)].add(x)
            gk = group_of(lab, 2)
            if gk != "app" and gk.startswith(("app", "domain")):
                modules[gk].add(x)
    out = {}
    out["scenarios"] = print_retained(
        p, est, "what-if: what would leave main with these (their code, and all library code and "
        "constants only they keep there)",
        [(label, main_nodes_matching(p, rx)) for label, rx in SCENARIOS], len(SCENARIOS),
        "(own: the matched symbols; leaves: everything no longer reachable from main without "
        "them, pre-opt: the same before wasm-opt; est.br: all of main minus those, q9 scaled)",
        keep_order=True)
    out["items"] = print_retained(
        p, est, "what would leave main with each app/domain item (fn, component, type's impls)",
        sorted(items.items()), n,
        "(items overlap with what they share; the shell (App, Nav) is the floor)")
    out["modules"] = print_retained(
        p, est, "what would leave main with each app/domain module",
        sorted(modules.items()), n, "")
    return out


def duplicates(p, n):
    heading("same function, several copies (generic instances) in main")
    by = collections.defaultdict(list)
    for u in p.units:
        if u.kind == "code":
            key = re.sub(r" \[.*\]$", "", u.readable)
            by[key].append(u)
    rows = []
    for k, us in by.items():
        if len(us) > 1:
            sizes = sorted(u.size for u in us)
            rows.append((sum(sizes) - sizes[0], len(us), sum(sizes), k))
    rows.sort(key=lambda r: -r[0])
    total = sum(r[0] for r in rows)
    print("%d names with several bodies; %s KB beyond one copy of each" % (len(rows), kb(total)))
    print("%8s %6s %9s  %s" % ("extra B", "copies", "total B", "function"))
    for extra, cnt, tot, k in rows[:n]:
        print("%8d %6d %9d  %s" % (extra, cnt, tot, short(k, 140)))
    return total


def format_callers(p, n):
    m = p.linked
    targets = [("f", f) for f in range(m.nimp, m.nimp + len(m.bodies))
               if demangle(m.name_of(f)) in ("alloc::fmt::format", "alloc::fmt::format::format_inner",
                                             "core::fmt::write")]
    callers = set()
    for t in targets:
        for r in p.rev.get(t, ()):
            if r in p.place.main and r[0] == "f":
                callers.add(r)
    heading("main functions that call alloc::fmt::format / core::fmt::write directly")
    rows = sorted(((p.node_size([c])[0] or p.node_size([c])[1], node_label(p, c)) for c in callers),
                  key=lambda r: -r[0])
    print("%d callers; the largest:" % len(rows))
    for size, lab in rows[:n]:
        print("  %6d  %s" % (size, short(lab, 140)))


# ---------------------------------------------------------------------------------------------
# Reproducing the shipped main module with names (--optimise)
# ---------------------------------------------------------------------------------------------

def optimise(split_path, out_dir):
    """wasm-bindgen then wasm-opt as cargo-leptos runs them, plus `-g` to keep the names."""
    bindgen = shutil.which("wasm-bindgen")
    opt = shutil.which("wasm-opt") or os.path.join(ROOT, "end2end", "node_modules", ".bin",
                                                     "wasm-opt")
    if not bindgen or not os.path.exists(opt):
        raise SystemExit("--optimise needs wasm-bindgen and wasm-opt on PATH "
                         "(scripts/install-tools.sh)")
    features = ["-Oz", "--enable-bulk-memory", "--enable-nontrapping-float-to-int"]
    try:
        with open(os.path.join(ROOT, "Cargo.toml")) as f:
            mm = re.search(r"^wasm-opt-features\s*=\s*\[(.*?)\]", f.read(), re.M | re.S)
        if mm:
            features = re.findall(r'"([^"]+)"', mm.group(1))
    except OSError:
        pass
    subprocess.run([bindgen, "--target=web", "--keep-lld-exports", "--no-demangle",
                    "--out-name=main", "--out-dir=" + out_dir, split_path], check=True)
    src = os.path.join(out_dir, "main_bg.wasm")
    dst = os.path.join(out_dir, "main-opt-g.wasm")
    print("running %s %s -g (a minute or more)…" % (os.path.basename(opt), " ".join(features)),
          file=sys.stderr)
    subprocess.run([opt] + features + ["-g", src, "-o", dst], check=True)
    return dst


def same_code(a, b):
    def sec(m, sid):
        for s, _, h, _, e in m.sections:
            if s == sid:
                return m.b[h:e]
    return sec(a, 10) == sec(b, 10) and sec(a, 11) == sec(b, 11)


# ---------------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description="Size profile of a WASM module (see the header).")
    ap.add_argument("file", nargs="?", help="a .wasm file (default: the current build)")
    ap.add_argument("--top", type=int, default=40, help="rows per table (40)")
    ap.add_argument("--main", help="the split main module with names (frontend_split.wasm)")
    ap.add_argument("--linked", help="the linked module (frontend.wasm)")
    ap.add_argument("--opt", help="the main module after wasm-bindgen and wasm-opt -g")
    ap.add_argument("--optimise", action="store_true",
                    help="make --opt here: run wasm-bindgen and wasm-opt -g on the split main")
    ap.add_argument("--site", help="the pkg folder of the site (default: the build's)")
    ap.add_argument("--depth", type=int, default=2, help="module depth of the rollup (2)")
    ap.add_argument("--why", action="append", default=[],
                    help="regex: print the chains that keep matching symbols in main")
    ap.add_argument("--no-compress", action="store_true", help="no brotli estimates")
    ap.add_argument("--json", help="write the rollup, top functions and suspects here")
    args = ap.parse_args()

    comp = Compressor(not args.no_compress)
    d_linked, d_split, d_pkg = default_paths()
    linked = args.linked
    split = args.main
    site_dir = args.site
    single = None
    if args.file:
        m0 = Module(args.file)
        if m0.symbols and m0.relocs:
            linked = linked or args.file
            if not split:
                guess = re.sub(r"\.wasm$", "_split.wasm", args.file)
                split = guess if os.path.exists(guess) else None
        elif not linked and not split:
            single = m0
        else:
            split = split or args.file
    else:
        linked = linked or (d_linked if os.path.exists(d_linked) else None)
        split = split or (d_split if os.path.exists(d_split) else None)
        if site_dir is None and os.path.isdir(d_pkg):
            site_dir = d_pkg
    print("wasm-profile: compression estimates with %s" % (comp.kind or "nothing (--no-compress)"))

    site = Site(site_dir, comp) if site_dir and os.path.isdir(site_dir) else None
    shipped = Module(os.path.join(site.pkg, site.main)) if site and site.main else None

    if single is not None:
        print_module(single, "module", comp)
        if not single.func_names:
            print("(no name section: section sizes only)")
            return
        p = Profile(args, comp)
        p.split = single
        p.build_units()
        print_top(p, args.top)
        est = Estimator(p, comp, None, b"") if comp.kind else None
        print_rollup(p, est, "rollup by crate / module", lambda u: u.group, args.top)
        duplicates(p, min(args.top, 20))
        return

    if not linked and not split:
        raise SystemExit("no WASM found: build first (make build) or name a file")
    opt = args.opt
    tmp = None
    if args.optimise and not opt:
        import tempfile
        tmp = tempfile.mkdtemp(prefix="wasm-profile-")
        opt = optimise(split, tmp)

    p = Profile(args, comp)
    p.load(linked, split, opt)
    if site:
        print_site(site)
    if shipped:
        print_module(shipped, "shipped main module (names stripped)", comp)
    if p.linked:
        print_module(p.linked, "linked module (before wasm-split, wasm-bindgen, wasm-opt)")
    if p.split:
        print_module(p.split, "split main module (before wasm-bindgen, wasm-opt)")
    if p.opt:
        print_module(p.opt, "main module after wasm-bindgen + wasm-opt -g (names kept)")
        if shipped:
            print("code and data identical to the shipped main: %s"
                  % ("yes" if same_code(p.opt, shipped) else "NO (another build?)"))
    if p.place:
        print_placement(p)
    p.build_units()
    prof = p.opt or p.split
    actual = shipped and comp.brotli and comp.sizes([shipped.b])[0]
    other = b""
    if prof is not None:
        other = b"".join(prof.b[h:e] for sid, _, h, _, e in prof.sections
                         if sid not in (0, 10, 11))
    est = Estimator(p, comp, actual or None, other) if comp.kind else None
    if not p.opt:
        print("\n(sizes below are bodies before wasm-opt, which cuts about a fifth; "
              "--optimise profiles the optimised bodies)")
    print_top(p, args.top)
    rows = print_rollup(p, est, "main module by crate / module (where the code is defined)",
                        lambda u: u.group, args.top)
    crate_rows = print_rollup(p, est, "main module by crate",
                              lambda u: u.group.split("::")[0], min(args.top, 25))
    if p.place:
        app_rows = [u for u in p.units]

        def inst(u):
            mods = app_modules_in(u.readable)
            if mods:
                return "for " + mods[0]
            return "(library, no app type named)" if not u.group.startswith(("app", "domain")) \
                else u.group
        print_rollup(p, None, "main module by the app/domain module named in the symbol "
                     "(generic instances count for the type they are built for)", inst,
                     min(args.top, 15))
        del app_rows
        texts_analysis(p, est)
        sus = suspects(p, est)
        staff_in_main(p, est)
        retained_tables(p, est, min(args.top, 25))
        whatif_lazy(p, est)
        page_contents(p, CITIZEN_PAGE, 15)
        format_callers(p, 15)
        dup = duplicates(p, 20)
        for w in args.why:
            print_why(p, w)
        if args.json:
            with open(args.json, "w") as f:
                json.dump({
                    "groups": [{"group": r[1], "code": r[2], "pre": r[3], "data": r[4],
                                "est_br": r[5]} for r in rows],
                    "crates": [{"crate": r[1], "code": r[2], "data": r[4], "est_br": r[5]}
                               for r in crate_rows],
                    "top": [{"name": u.readable, "size": u.size, "pre": u.pre, "group": u.group}
                            for u in sorted((u for u in p.units if u.kind == "code"),
                                            key=lambda u: -u.size)[:args.top]],
                    "suspects": [{"label": s[0], "code": s[1], "data": s[2], "est_br_saved": s[4]}
                                 for s in sus],
                    "duplicate_bytes": dup,
                    "compression": comp.kind,
                }, f, indent=1)
    if tmp:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:
        pass
