#!/usr/bin/env python3
"""Quote extraction and attribution scored on PolNeAR (issue 3).

    .venv/bin/python bench/polnear.py [--split dev|train] [--limit N] [--errors N]
                                      [--no-tagger | --compare]

`score_split(split, limit)` returns the same figures for a CI gate.

Reads ../shared/data/polnear/<split>/ (brat standoff; one annotator per
article, the first in sorted order), runs the product's stages on each text
(clean, nlp.layout, quotes.find_quotes, attribute.attribute), maps the spans
back to the text as read with the clean stage's offset map, and prints:

- content precision/recall/F1, matching one-to-one by token Dice >= 0.5 and by
  exact span (edges normalised: whitespace, quotation marks and final
  punctuation stripped on both sides, since PolNeAR is inconsistent about
  whether the marks belong to the content);
- recall split into direct (gold content inside quotation marks) and other;
- the same on speech-cued gold only (direct, or a cue holding a verb of
  saying): PolNeAR also attributes stances and actions ("has focused on
  childhood obesity"), which are not quotes; predictions matching such gold
  are left out of that scope's precision;
- speaker accuracy on Dice-matched quotes whose gold has a Source: the
  predicted speaker mention overlaps the gold Source, or both resolve to the
  same name;
- CofeNet-style exact F1 per span type (source, cue, content), each a set of
  exact (start, end) spans over all articles, same edge normalisation;
- words/s of clean + layout + find_quotes + attribute (one process, models
  loaded beforehand).

By default find_quotes runs with the attribution tagger (quotetrail/tagger.py);
`--no-tagger` scores the rules alone, `--compare` records both. The tagger
was trained on train, so its train figures are inflated: report dev.

Figures go to bench/results/polnear.json. Exits 0 with a message when the
data is absent. Develop on train, report on dev.
"""

from __future__ import annotations

import argparse
import bisect
import json
import re
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quotetrail import nlp, tagger  # noqa: E402
from quotetrail.attribute import attribute  # noqa: E402
from quotetrail.clean import clean  # noqa: E402
from quotetrail.lexicons.cues import SPEECH_VERBS, surface_forms  # noqa: E402
from quotetrail.models import Attribution, CleanText, Quote, RawDocument, Span  # noqa: E402
from quotetrail.quotes import MIN_WORDS, find_quotes  # noqa: E402

POLNEAR = ROOT.parent / "shared" / "data" / "polnear"
RESULTS = ROOT / "bench" / "results" / "polnear.json"
# CofeNet (Wang et al., COLING 2022) exact-span F1 on PolNeAR test.
ANCHORS = {"content": 0.729, "source": 0.832, "cue": 0.753}
TARGETS = {
    "content_f1_dice": 0.85,
    "content_f1_exact": 0.75,
    "direct_recall": 0.95,
    "speaker_accuracy": 0.90,
}
DICE_MATCH = 0.5
SHOW_KINDS = {"direct", "other"}
MARKS = "\"“”„«»'‘’"
EDGE = MARKS + " \t\n.,;:!?—–-"
_TOKEN = re.compile(r"\w+")
SPEECH_FORMS = surface_forms(SPEECH_VERBS)


@dataclass
class Gold:
    content: tuple[int, int]
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    pieces: tuple[tuple[int, int], ...] = ()


@dataclass
class Article:
    name: str
    text: str
    gold: list[Gold]
    sources: set[tuple[int, int]] = field(default_factory=set)
    cues: set[tuple[int, int]] = field(default_factory=set)
    contents: set[tuple[int, int]] = field(default_factory=set)


def _pieces(spec: str) -> tuple[tuple[int, int], ...]:
    out = []
    for part in spec.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return tuple(out)


def _extent(pieces: tuple[tuple[int, int], ...]) -> tuple[int, int]:
    return min(p[0] for p in pieces), max(p[1] for p in pieces)


def load(split: str, limit: int | None) -> list[Article]:
    base = POLNEAR / split
    by_article: dict[str, list[Path]] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        by_article.setdefault(name, []).append(ann)
    out = []
    for name in sorted(by_article)[:limit]:
        text = (base / "text" / f"{name}.txt").read_text(encoding="utf-8")
        ents: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
        rels: list[dict[str, str]] = []
        for line in by_article[name][0].read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if line.startswith("T") and len(cols) >= 2:
                kind, _, spec = cols[1].partition(" ")
                ents[cols[0]] = (kind, _pieces(spec))
            elif line.startswith("E") and len(cols) >= 2:
                rels.append(dict(a.split(":", 1) for a in cols[1].split() if ":" in a))
        art = Article(name, text, [])
        for rel in rels:
            content = ents.get(rel.get("Content", ""))
            if content is None:
                continue
            cue = ents.get(rel.get("Cue", ""))
            source = ents.get(rel.get("Source", ""))
            art.gold.append(
                Gold(
                    _extent(content[1]),
                    _extent(cue[1]) if cue else None,
                    _extent(source[1]) if source else None,
                    content[1],
                )
            )
        for kind, pieces in ents.values():
            target = {"Source": art.sources, "Cue": art.cues, "Content": art.contents}.get(kind)
            if target is not None:
                target |= {_norm(text, p) for p in pieces}
        out.append(art)
    return out


def _norm(text: str, span: tuple[int, int]) -> tuple[int, int]:
    a, b = span
    while a < b and text[a] in EDGE:
        a += 1
    while b > a and text[b - 1] in EDGE:
        b -= 1
    return a, b


def _tokens(text: str, span: tuple[int, int]) -> set[int]:
    return {m.start() for m in _TOKEN.finditer(text, span[0], span[1])}


def _dice(a: set[int], b: set[int]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _is_direct(text: str, span: tuple[int, int]) -> bool:
    a, b = span
    chunk = text[a:b].strip()
    if chunk[:1] in MARKS[:6] or chunk.rstrip(".,;:!? ")[-1:] in MARKS[:6]:
        return True
    before = text[max(0, a - 3) : a].strip()
    after = text[b : b + 3].strip(" .,;:!?")
    return before[-1:] in MARKS[:6] and after[:1] in MARKS[:6]


Unit = tuple[tuple[int, int], ...]


def _unit_tokens(text: str, unit: Unit) -> set[int]:
    out: set[int] = set()
    for piece in unit:
        out |= _tokens(text, piece)
    return out


def _match(text: str, gold: list[Unit], pred: list[Unit], exact: bool) -> dict[int, int]:
    """One-to-one gold index -> predicted index, best pairs first."""
    pairs = []
    gtok = [_unit_tokens(text, g) for g in gold]
    ptok = [_unit_tokens(text, p) for p in pred]
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if exact:
                if {_norm(text, x) for x in g} == {_norm(text, x) for x in p}:
                    pairs.append((1.0, gi, pi))
            else:
                d = _dice(gtok[gi], ptok[pi])
                if d >= DICE_MATCH:
                    pairs.append((d, gi, pi))
    pairs.sort(reverse=True)
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, pi in pairs:
        if gi not in out and pi not in used:
            out[gi] = pi
            used.add(pi)
    return out


def _predicted_units(quotes: tuple[Quote, ...]) -> list[tuple[Unit, int]]:
    """Quotes sharing one cue ("A," she said. "B.") form one unit, as in PolNeAR."""
    units: list[tuple[Unit, int]] = []
    by_cue: dict[tuple[int, int], int] = {}
    for qi, q in enumerate(quotes):
        piece = (q.content.start, q.content.end)
        key = (q.cue.start, q.cue.end) if q.cue is not None and q.kind == "direct" else None
        if key is not None and key in by_cue:
            ui = by_cue[key]
            units[ui] = (units[ui][0] + (piece,), units[ui][1])
            continue
        if key is not None:
            by_cue[key] = len(units)
        units.append(((piece,), qi))
    return units


def _in_scope(text: str, gold: Gold, scope: str) -> bool:
    if scope == "all":
        return True
    if scope == "speech":
        return _is_direct(text, gold.content) or _speech_cue(text, gold.cue)
    words = sum(len(_TOKEN.findall(text[a:b])) for a, b in gold.pieces)
    return words >= MIN_WORDS


def _speech_cue(text: str, cue: tuple[int, int] | None) -> bool:
    """A cue holding a verb of saying ("said", "told reporters", "according to")."""
    if cue is None:
        return False
    chunk = text[cue[0] : cue[1]].lower()
    return "according to" in chunk or any(w in SPEECH_FORMS for w in _TOKEN.findall(chunk))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass(frozen=True)
class _Run:
    """The product's stages 2 and 4-6 on one article."""

    cleaned: CleanText
    clean_quotes: tuple[Quote, ...]  # offsets into the cleaned text
    quotes: tuple[Quote, ...]  # the same quotes, offsets into the text as read
    attrs: tuple[Attribution, ...]  # one per quote, quotes as read


def _run(text: str, use_tagger: bool) -> _Run:
    cleaned = clean(RawDocument(source="polnear", text=text, format="text"))
    layout = nlp.layout(cleaned)
    found = find_quotes(cleaned, layout, use_tagger=use_tagger)
    attrs = attribute(cleaned, found, layout)
    as_read = tuple(_quote_as_read(cleaned, text, q) for q in found)
    return _Run(
        cleaned,
        found,
        as_read,
        tuple(replace(a, quote=q) for a, q in zip(attrs, as_read, strict=True)),
    )


def _span_as_read(cleaned: CleanText, text: str, span: Span | None) -> Span | None:
    if span is None:
        return None
    start, end = cleaned.to_read(span.start, span.end)
    return Span(start, end, text[start:end])


def _quote_as_read(cleaned: CleanText, text: str, q: Quote) -> Quote:
    content = _span_as_read(cleaned, text, q.content)
    assert content is not None
    return replace(
        q,
        content=content,
        cue=_span_as_read(cleaned, text, q.cue),
        speaker_mention=_span_as_read(cleaned, text, q.speaker_mention),
    )


def _gold_speaker_name(run: _Run, qi: int, source: tuple[int, int]) -> str | None:
    """The speaker attribution gives the gold source, in the quote's place."""
    offsets = run.cleaned.offsets
    start, end = bisect.bisect_left(offsets, source[0]), bisect.bisect_left(offsets, source[1])
    mention = Span(start, end, run.cleaned.text[start:end])
    probe = replace(run.clean_quotes[qi], speaker_mention=mention)
    return attribute(run.cleaned, (probe,))[0].speaker


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


SCOPES = ("all", "statements", "speech")
COUNT_KEYS = (
    "gold",
    "pred",
    "dice_tp_g",
    "dice_tp_p",
    "exact_tp",
    "direct",
    "direct_hit",
    "other",
    "other_hit",
    "spk_total",
    "spk_ok",
)


def _score_article(
    art: Article,
    run: _Run,
    scope: str,
    counts: dict[str, int],
    errors: list[str] | None,
    budget: int,
) -> None:
    text = art.text
    quotes = run.quotes
    units = _predicted_units(quotes)
    gold_meta = [g for g in art.gold if _in_scope(text, g, scope)]
    if scope == "speech":
        # A prediction that matches an attribution outside the scope is not a false
        # positive of the scope: leave it out of both sides.
        every = _match(text, [g.pieces for g in art.gold], [u for u, _ in units], exact=False)
        kept = {id(g) for g in gold_meta}
        outside = {pi for gi, pi in every.items() if id(art.gold[gi]) not in kept}
        units = [u for pi, u in enumerate(units) if pi not in outside]
    pred = [u for u, _ in units]
    gold = [g.pieces for g in gold_meta]
    dice = _match(text, gold, pred, exact=False)
    exact = _match(text, gold, pred, exact=True)
    counts["gold"] += len(gold)
    counts["pred"] += len(pred)
    counts["dice_tp_g"] += len(dice)
    counts["dice_tp_p"] += len(set(dice.values()))
    counts["exact_tp"] += len(exact)

    def note(line: str) -> None:
        if errors is not None and len(errors) < budget:
            errors.append(line)

    for gi, g in enumerate(gold_meta):
        key = "direct" if _is_direct(text, g.content) else "other"
        counts[key] += 1
        counts[key + "_hit"] += gi in dice
        if gi not in dice:
            if key in SHOW_KINDS:
                note(f"MISS {art.name}: {text[g.content[0] : g.content[1]][:160]!r}")
            continue
        if g.source is None:
            continue
        qi = units[dice[gi]][1]
        a = run.attrs[qi]
        counts["spk_total"] += 1
        mention = a.quote.speaker_mention
        ok = mention is not None and _overlaps((mention.start, mention.end), g.source)
        if not ok and a.speaker is not None:
            ok = _gold_speaker_name(run, qi, g.source) == a.speaker
        counts["spk_ok"] += ok
        if not ok:
            note(
                f"SPK {art.name}: gold={text[g.source[0] : g.source[1]]!r} "
                f"pred={mention.text if mention else None!r} -> {a.speaker!r}"
            )
    matched_p = set(dice.values())
    for pi, (_, qi) in enumerate(units):
        if pi not in matched_p:
            q = quotes[qi]
            note(f"FP {art.name}: [{q.kind}] {q.content.text[:160]!r}")


def _summary(counts: dict[str, int]) -> dict[str, Any]:
    def ratio(a: str, b: str) -> float:
        return counts[a] / counts[b] if counts[b] else 0.0

    p, r = ratio("dice_tp_p", "pred"), ratio("dice_tp_g", "gold")
    pe, re_ = ratio("exact_tp", "pred"), ratio("exact_tp", "gold")
    return {
        "gold_contents": counts["gold"],
        "predicted_units": counts["pred"],
        "content_dice": {"precision": p, "recall": r, "f1": _f1(p, r)},
        "content_exact": {"precision": pe, "recall": re_, "f1": _f1(pe, re_)},
        "recall_direct": ratio("direct_hit", "direct"),
        "recall_other": ratio("other_hit", "other"),
        "gold_direct": counts["direct"],
        "gold_other": counts["other"],
        "speaker_accuracy": ratio("spk_ok", "spk_total"),
        "speaker_evaluated": counts["spk_total"],
    }


def score_split(
    split: str,
    limit: int | None,
    *,
    use_tagger: bool = True,
    show_errors: int = 0,
    error_scope: str = "statements",
) -> dict[str, Any]:
    """All the figures for the first `limit` articles (all when None) of a split.

    Returns {} when PolNeAR is absent, so a caller can skip cleanly.
    """
    if not (POLNEAR / split / "attributions").is_dir():
        return {}
    arts = load(split, limit)
    nlp.parser()
    nlp.tokenizer()
    if use_tagger:
        tagger.model()
    counts = {scope: dict.fromkeys(COUNT_KEYS, 0) for scope in SCOPES}
    span_sets: dict[str, list[set[tuple[str, int, int]]]] = {
        k: [set(), set()] for k in ("source", "cue", "content")
    }
    elapsed = 0.0
    words = 0
    errors: list[str] = []
    for art in arts:
        text = art.text
        t0 = time.perf_counter()
        run = _run(text, use_tagger)
        quotes = run.quotes
        elapsed += time.perf_counter() - t0
        words += len(text.split())
        for scope in SCOPES:
            sink = errors if scope == error_scope else None
            _score_article(art, run, scope, counts[scope], sink, show_errors)
        for kind, gold_set, spans in (
            ("source", art.sources, [q.speaker_mention for q in quotes]),
            ("cue", art.cues, [q.cue for q in quotes]),
            ("content", art.contents, [q.content for q in quotes]),
        ):
            span_sets[kind][0] |= {(art.name, *s) for s in gold_set}
            span_sets[kind][1] |= {
                (art.name, *_norm(text, (s.start, s.end))) for s in spans if s is not None
            }
    cofenet = {}
    for kind, (g_set, p_set) in span_sets.items():
        tp = len(g_set & p_set)
        sp = tp / len(p_set) if p_set else 0.0
        sr = tp / len(g_set) if g_set else 0.0
        cofenet[kind] = {
            "precision": sp,
            "recall": sr,
            "f1": _f1(sp, sr),
            "anchor_cofenet_f1": ANCHORS[kind],
        }
    for line in errors:
        print(line)
    return {
        "split": split,
        "articles": len(arts),
        "annotator": "first .ann file per article in sorted order",
        "tagger": use_tagger,
        "all_gold": _summary(counts["all"]),
        f"statements_gold_ge_{MIN_WORDS}_words": _summary(counts["statements"]),
        "speech_gold": _summary(counts["speech"]),
        "cofenet_exact_f1": cofenet,
        "words": words,
        "seconds": elapsed,
        "words_per_second": words / elapsed if elapsed else 0.0,
        "targets": TARGETS,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--errors", type=int, default=0, help="print up to N errors")
    parser.add_argument("--error-scope", default="statements", choices=SCOPES)
    parser.add_argument("--no-write", action="store_true", help="do not write the JSON")
    parser.add_argument("--no-tagger", action="store_true", help="rules only (no trained tagger)")
    parser.add_argument(
        "--compare", action="store_true", help="also score rules only and record both"
    )
    args = parser.parse_args()
    if not (POLNEAR / args.split / "attributions").is_dir():
        print(f"PolNeAR not found at {POLNEAR / args.split}; nothing to bench.")
        return 0
    result = score_split(
        args.split,
        args.limit,
        use_tagger=not args.no_tagger,
        show_errors=args.errors,
        error_scope=args.error_scope,
    )
    if args.compare and not args.no_tagger:
        rules = score_split(args.split, args.limit, use_tagger=False)
        result["rules_only"] = {
            "all_gold": rules["all_gold"],
            "speech_gold": rules["speech_gold"],
            "cofenet_exact_f1": rules["cofenet_exact_f1"],
            "words_per_second": rules["words_per_second"],
        }
    print(json.dumps(result, indent=2))
    if not args.no_write and args.limit is None and not args.no_tagger:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
