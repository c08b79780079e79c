"""What the fuzz tests share: one mutation of seed bytes, one way to name a rejection, one histogram printout."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import strategies as st


def mutate(draw: st.DrawFn, data: bytearray, seeds: list[bytes], tokens: list[bytes], most: int = 6) -> bytes:
    """Up to ``most`` byte-level mutations of ``data``: flips, inserts, format tokens (sometimes repeated),
    deletions, truncation, duplicated runs, and a splice with another seed's tail."""
    for _ in range(draw(st.integers(1, most))):
        if not data:
            break
        op = draw(st.sampled_from(["flip", "insert", "token", "delete", "truncate", "duplicate", "splice"]))
        at = draw(st.integers(0, len(data) - 1))
        if op == "flip":
            data[at] = draw(st.integers(0, 255))
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif op == "token":
            data[at:at] = draw(st.sampled_from(tokens)) * draw(st.sampled_from([1, 1, 1, 2, 50]))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 200))]
        elif op == "truncate":
            del data[at:]
        elif op == "duplicate":
            end = min(len(data), at + draw(st.integers(1, 400)))
            data[end:end] = data[at:end] * draw(st.sampled_from([1, 1, 3]))
        else:
            other = draw(st.sampled_from(seeds))
            data[at:] = other[draw(st.integers(0, len(other) - 1)) :]
    return bytes(data)


def bucket(reason: str) -> str:
    """A short code for a rejection reason: its first words with names, quotes and numbers taken out, and for a
    reason that wraps a library's error (``... cannot be opened: KeyError: ...``, ``... cannot be read (...)``)
    the error's type or first words."""
    if " holds no order: " in reason:  # a mail: what it lacked, not who sent it
        why = re.sub(r"(?<![A-Za-z0-9])\d[\d.,]*", "N", reason.split(" holds no order: ", 1)[1].split(";")[0])
        return "rejected: the mail holds no order: " + " ".join(why.split()[:8])
    wrapped = re.search(r"(?:: |\()([^:()]{1,60}?)(?::|\)|$)", reason)
    text = re.sub(r"'[^']*'|\"[^\"]*\"|<[^>]*>|\([^)]*\)?", "…", reason)
    text = re.sub(r"(?<![A-Za-z0-9])\d[\d.,]*", "N", text)
    head = " ".join(text.split(":")[0].split()[:8])
    cut = re.search(r"^(.*? cannot be (?:opened|read))\b", text)
    if cut and wrapped:
        inner = re.sub(r"(?<![A-Za-z0-9])\d[\d.,]*", "N", " ".join(wrapped.group(1).split()[:5]))
        return f"rejected: {' '.join(cut.group(1).split()[:8])} [{inner}]"
    return f"rejected: {head}"


def print_histograms(config: pytest.Config, histograms: dict[str, Counter[str]], unit: str = "cases") -> None:
    """Print each target's outcome counts, past pytest's output capture so that `make test` shows them."""
    lines = []
    for target, counts in histograms.items():
        if counts:
            lines.append(f"\nfuzz outcomes, {target} ({sum(counts.values())} {unit}):")
            lines += [f"  {n:7d}  {code}" for code, n in counts.most_common()]
    if not lines:
        return
    capture = config.pluginmanager.getplugin("capturemanager")
    if capture is not None:
        with capture.global_and_fixture_disabled():
            print("\n".join(lines))
    else:
        print("\n".join(lines))
