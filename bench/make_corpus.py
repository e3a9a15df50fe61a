"""Scale-corpus generator: a deterministic N-post Jekyll archive built from real posts.

Owns `python -m bench.make_corpus N OUT [--source DIR] [--seed S] [--force]` and
`generate()`. Every generated post reuses real text from the source folder (by
default ../shared/corpus/oped2/_posts, which is only ever read):

* body: a source post taken round-robin over a seeded shuffle, its movable
  paragraphs (`<p ...>...</p>` elements with no block tags inside, or plain-text
  blocks between blank lines) permuted among the same slots of the page skeleton,
  with about half the posts swapping 10-40 % of them for paragraphs of similar
  length from one other post of the same real source. The skeleton (page chrome,
  the `<!--ms-->` / `[title](url)` / `------` heading) is kept, with the title,
  link and timestamp rewritten to the new post's. Sizes therefore average the
  source's (about 28-29 KB a post) and no word is invented.
* front matter: the source shape (layout, title, date, author, from, tags,
  sometimes comments, categories); 200 sources (the 8 real ones plus 192 made-up
  Chinese and Latin names) with Zipf-like frequencies; dates spread over
  2015-01-01..2024-12-31 in the four source date formats; unique titles (the
  source title, a numbered variant or two real title halves recombined), unique
  `from` URLs and unique `YYYY-MM-DD-slug.md` filenames (CJK, spaces) matching
  the date; each file's mtime is set from its date.

Post i depends only on (seed, i, source), and titles/filenames are made unique in
order, so a smaller archive is the prefix of a larger one with the same seed and
two runs are byte-identical.
"""

from __future__ import annotations

import argparse
import bisect
import functools
import html
import json
import multiprocessing
import os
import random
import re
import shutil
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import quote

import yaml

from .corpus_source import STAMP, TITLE, URL, SourceMissingError, SourcePost, load_sources

MAX_POSTS = 100_000
DEFAULT_SOURCE = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "oped2" / "_posts"

FIRST_DAY = date(2015, 1, 1)
DAYS = (date(2024, 12, 31) - FIRST_DAY).days + 1
ZIPF_S = 1.2
N_SOURCES = 200
COMMENTS_RATE = 0.075  # 31 of the 418 source posts carry `comments: True`
MIX_RATE = 0.5  # share of posts that take paragraphs from a second post
PARALLEL_FROM = 4000  # below this, one process is faster than forking

# Real source names in rank order (most posts first) and where they sit in the Zipf ranking.
REAL_SOURCES = ("燕京书评", "Matters", "iYouPort", "Nei.st", "泡泡", "中参馆", "medium", "Huli")
REAL_RANKS = (0, 1, 2, 4, 6, 9, 14, 22)

# Date formats: "ms" = 2020-07-16T19:41:00.000Z, "off" = 2016-05-05T10:41:23+02:00,
# "day" = 2019-01-01, "z" = 2020-07-16T19:41:00Z.  Profiles follow the real sources.
REAL_DATE_PROFILES = {
    "燕京书评": (("day", 27), ("ms", 85)),
    "iYouPort": (("off", 56), ("z", 8)),
    "泡泡": (("off", 1),),
    "Nei.st": (("off", 1),),
}
GENERATED_DATE_PROFILES = (
    ((("ms", 1),), 45),
    ((("off", 1),), 30),
    ((("day", 1), ("ms", 2)), 12),
    ((("off", 7), ("z", 1)), 8),
    ((("z", 1),), 5),
)
REAL_OFFSETS = {"泡泡": ("+01:00", "+02:00"), "Nei.st": ("+00:00", "+01:00"), "iYouPort": ("+00:00",)}
OFFSETS = (("+01:00", "+02:00"), ("+00:00",), ("+00:00", "+01:00"), ("+08:00",), ("-05:00", "-04:00"))

CN_HEADS = tuple("东方 南方 北方 西岭 海外 华人 公民 独立 自由 新知 思想 文化 历史 科技 经济 国际 城市 青年 "
                 "民间 时代 开放 深度 前哨 灯塔 长河 远山 星火 草根 端点 澎湃".split())
CN_TAILS = tuple("评论 周刊 日报 观察 论坛 之声 时报 书评 杂志 通讯 快讯 札记 视点 研究 档案 笔记".split())
LA_HEADS = tuple("Open Free Daily Pacific Northern Civic Global Eastern Harbor Lantern Quiet Silk River "
                 "Bamboo Granite Compass Beacon Meridian Atlas Summit Delta Orchid".split())
LA_TAILS = tuple("Review Post Journal Times Weekly Dispatch Report Digest Observer Monitor Ledger Herald "
                 "Gazette Chronicle Forum Notes Letters Lens".split())
NAME_SEED = "lectern-sources-v1"  # generated names do not depend on --seed

CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
TITLE_SPLIT = re.compile(r"(：|: | —— |——| - | \| |｜|，|？|！)")
FILENAME_BAD = re.compile(r'[\\/:*?"<>|#%\x00-\x1f\x7f]')
BRACKETS = ("【】", "「」", "『』", "《》", "（）", "()", "[]", "“”", "〈〉")




class OutputNotEmptyError(FileExistsError):
    """OUT is not empty and --force was not given."""


@dataclass(frozen=True)
class GenerateReport:
    """What one `generate()` call wrote."""

    posts: int
    bytes: int
    sources: int  # distinct tags/categories used
    source_posts: int  # usable posts read from the source folder
    seconds: float
    out: Path  # the OUT/_posts folder



@dataclass(frozen=True)
class Source:
    """One tag/category of the generated archive."""

    name: str
    host: str
    authors: tuple[str, ...]
    author_weights: tuple[int, ...]
    formats: tuple[tuple[str, int], ...]
    offsets: tuple[str, ...]  # UTC offsets used by the "off" format


@dataclass(frozen=True)
class Spec:
    """Everything about generated post i except its rendered body."""

    name: str  # filename
    tag: str
    head: str  # front matter block, both `---` lines included
    primary: int
    title: str
    url: str
    stamp: str  # epoch milliseconds for the `<!--ms-->` heading
    epoch: float  # mtime


# ---------------------------------------------------------------- sources (tags)


@functools.lru_cache(maxsize=None)
def _yaml_scalar(value: str, flow: bool = False) -> str:
    """`value` written plain as the source does (`author: X`, `tags: [ X ]`), quoted only if it must."""
    probe, want = (f"k: [ {value} ]", {"k": [value]}) if flow else (f"k: {value}", {"k": value})
    try:
        if yaml.load(probe, Loader=yaml.CSafeLoader) == want:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)


def build_sources(posts: list[SourcePost]) -> list[Source]:
    """The 200 sources in Zipf rank order: real ones at REAL_RANKS, made-up ones around them."""
    rng = random.Random(NAME_SEED)
    real_names = [n for n in REAL_SOURCES if any(p.tag == n for p in posts)]
    real_names += sorted({p.tag for p in posts} - set(real_names))
    cn = [h + t for h in CN_HEADS for t in CN_TAILS]
    la = [f"{h} {t}" for h in LA_HEADS for t in LA_TAILS]
    rng.shuffle(cn)
    rng.shuffle(la)
    made = []
    while len(made) + len(real_names) < N_SOURCES:
        pool = cn if len(made) % 2 == 0 else la
        name = pool.pop()
        if name not in real_names:
            made.append(name)
    ranks = dict(zip(REAL_RANKS, real_names))
    extra = iter(real_names[len(REAL_RANKS) :] + made)
    ordered = [ranks.get(r) or next(extra) for r in range(len(real_names) + len(made))]

    hosts: dict[str, Counter] = {}
    authors: dict[str, Counter] = {}
    for p in posts:
        hosts.setdefault(p.tag, Counter())[p.host] += 1
        authors.setdefault(p.tag, Counter())[p.author] += 1
    sources = []
    for rank, name in enumerate(ordered):
        if name in authors:
            host = min(hosts[name].items(), key=lambda kv: (-kv[1], kv[0]))[0]
            pairs = sorted(authors[name].items(), key=lambda kv: (-kv[1], kv[0]))
            names, weights = tuple(a for a, _ in pairs), tuple(w for _, w in pairs)
            formats = REAL_DATE_PROFILES.get(name, (("ms", 1),))
            offsets = REAL_OFFSETS.get(name, ("+00:00",))
        else:
            is_cn = bool(CJK.search(name))
            host = f"src{rank:03d}.example" if is_cn else name.lower().replace(" ", "") + ".example"
            staff = (f"{name}编辑部", f"{name}记者") if is_cn else (f"{name} Staff", f"{name} Desk")
            crew = 1 + (rng.random() < 0.3) * rng.randint(1, 2)
            names = (name,) + staff[: crew - 1]
            weights = tuple(range(len(names) * 2, 0, -2))
            formats = rng.choices([f for f, _ in GENERATED_DATE_PROFILES],
                                  [w for _, w in GENERATED_DATE_PROFILES])[0]
            offsets = rng.choice(OFFSETS)
        sources.append(Source(name, host, names, weights, formats, offsets))
    return sources


# ---------------------------------------------------------------- per-post metadata


def _format_date(rng: random.Random, fmt: str, offset: str) -> tuple[str, float]:
    """A date string in `fmt` and the instant it names (epoch seconds)."""
    day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    secs = rng.randrange(86_400)
    local = datetime(day.year, day.month, day.day) + timedelta(seconds=secs)
    if fmt == "day":
        instant = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
        return day.isoformat(), instant.timestamp()
    if fmt == "off":
        sign = 1 if offset[0] == "+" else -1
        tz = timezone(sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6])))
        return local.strftime("%Y-%m-%dT%H:%M:%S") + offset, local.replace(tzinfo=tz).timestamp()
    instant = local.replace(tzinfo=timezone.utc).timestamp()
    if fmt == "z":
        return local.strftime("%Y-%m-%dT%H:%M:%SZ"), instant
    ms = 0 if rng.random() < 0.8 else rng.randrange(1000)
    return local.strftime("%Y-%m-%dT%H:%M:%S") + f".{ms:03d}Z", instant + ms / 1000


def _variant_title(rng: random.Random, title: str, round_no: int, titles: list[str]) -> str:
    """A new title for the `round_no`-th reuse of a source post (round 0 keeps the title)."""
    if round_no == 0:
        return title
    cjk = bool(CJK.search(title))
    if rng.random() < 0.35:
        parts = TITLE_SPLIT.split(title, maxsplit=1)
        other = titles[rng.randrange(len(titles))]
        tail = TITLE_SPLIT.split(other, maxsplit=1)
        if len(parts) == 3 and len(tail) == 3 and parts[0].strip() and tail[2].strip():
            mixed = parts[0] + parts[1] + tail[2]
            if all(mixed.count(a) == mixed.count(b) for a, b in BRACKETS):
                return mixed
    n = round_no + 1
    if cjk:
        return title + rng.choice((f"（{n}）", f"（续{n}）", f"·之{n}"))
    return title + rng.choice((f" ({n})", f" (part {n})", f" – {n}"))


def _slug(title: str) -> str:
    slug = " ".join(FILENAME_BAD.sub("", title).split())
    return slug[:50].rstrip(" .") or "post"


def plan(n: int, posts: list[SourcePost], sources: list[Source], seed: int) -> list[Spec]:
    """Front matter, filename and body recipe of every post, in order."""
    order = list(range(len(posts)))
    random.Random(f"{seed}:order").shuffle(order)
    cum = []
    total = 0.0
    for rank in range(len(sources)):
        total += 1.0 / (rank + 1) ** ZIPF_S
        cum.append(total)
    all_titles = [p.title for p in posts]
    seen_titles: set[str] = set()
    seen_files: set[str] = set()
    specs = []
    for i in range(n):
        rng = random.Random(f"{seed}:{i}")
        primary = order[i % len(order)]
        post = posts[primary]
        src = sources[min(bisect.bisect(cum, rng.random() * total), len(sources) - 1)]

        title = _variant_title(rng, post.title, i // len(order), all_titles)
        base, k = title, 2
        while title in seen_titles:
            title = f"{base} ({k})" if not CJK.search(base) else f"{base}（{k}）"
            k += 1
        seen_titles.add(title)

        fmt = rng.choices([f for f, _ in src.formats], [w for _, w in src.formats])[0]
        date_text, epoch = _format_date(rng, fmt, rng.choice(src.offsets))
        slug = _slug(title)
        name, k = f"{date_text[:10]}-{slug}.md", 2
        while unicodedata.normalize("NFC", name).casefold() in seen_files:
            name = f"{date_text[:10]}-{slug[:46].rstrip(' .')}-{k}.md"
            k += 1
        seen_files.add(unicodedata.normalize("NFC", name).casefold())

        author = rng.choices(src.authors, src.author_weights)[0]
        url = f"https://{src.host}/{date_text[:4]}/{date_text[5:7]}/{i + 1}-{quote(slug[:40], safe='')}"
        tag = _yaml_scalar(src.name, flow=True)
        lines = [
            "---",
            "layout: post",
            f"title: {json.dumps(title, ensure_ascii=False)}",
            f"date: {date_text}",
            f"author: {_yaml_scalar(author)}",
            f"from: {url}",
            f"tags: [ {tag} ]",
        ]
        if rng.random() < COMMENTS_RATE:
            lines.append("comments: True")
        lines += [f"categories: [ {tag} ]", "---", ""]
        stamp = str(int(round(epoch * 1000)))
        specs.append(Spec(name, src.name, "\n".join(lines), primary, title, url, stamp, epoch))
    return specs


# ---------------------------------------------------------------- bodies and writing


def render_body(spec: Spec, index: int, seed: int, posts: list[SourcePost],
                donors: dict[str, list[int]]) -> str:
    """The body of post `index`: the primary's skeleton with its paragraphs shuffled and mixed."""
    post = posts[spec.primary]
    rng = random.Random(f"{seed}:{index}:body")
    paras = list(post.paragraphs)
    rng.shuffle(paras)
    pool = donors[post.tag]
    if len(paras) >= 2 and len(pool) > 1 and rng.random() < MIX_RATE:
        donor = posts[pool[rng.randrange(len(pool))]]
        if donor is post:
            donor = posts[pool[(pool.index(spec.primary) + 1) % len(pool)]]
        if donor.paragraphs:
            count = max(1, round(len(paras) * rng.uniform(0.1, 0.4)))
            for slot in rng.sample(range(len(paras)), count):
                # a donor paragraph of about the same length keeps the archive's size and word mix
                at = bisect.bisect_left(donor.lengths, len(paras[slot]))
                pick = min(max(at + rng.randrange(-1, 2), 0), len(donor.lengths) - 1)
                paras[slot] = donor.paragraphs[donor.by_length[pick]]
    title_html = html.escape(spec.title)
    out = []
    for tok in post.template:
        if tok.__class__ is str:
            out.append(tok)
        elif tok >= 0:
            out.append(paras[tok])
        elif tok == TITLE:
            out.append(title_html)
        elif tok == URL:
            out.append(spec.url)
        elif tok == STAMP:
            out.append(spec.stamp)
        else:  # the markdown heading `[title](url)`: text, not an attribute
            out.append(html.escape(spec.title, quote=False))
    return "".join(out)


_WORK: tuple | None = None  # (specs, posts, donors, seed, folder) shared with forked workers


def _write_range(bounds: tuple[int, int]) -> int:
    specs, posts, donors, seed, folder = _WORK
    written = 0
    for i in range(*bounds):
        spec = specs[i]
        data = (spec.head + render_body(spec, i, seed, posts, donors)).encode("utf-8")
        path = os.path.join(folder, spec.name)
        with open(path, "wb") as fh:
            fh.write(data)
        os.utime(path, (spec.epoch, spec.epoch))
        written += len(data)
    return written


def _check_out(out: Path, source: Path, force: bool) -> None:
    """Refuse, before anything is read or written, an OUT that overlaps the source or is not empty."""
    src = source.resolve()
    for target in (out.resolve(), (out / "_posts").resolve()):
        if target == src or src.is_relative_to(target) or target.is_relative_to(src):
            raise ValueError(f"refusing to write to {out}: it overlaps the source folder {source}")
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(f"OUT is not a folder: {out}")
    if out.is_dir() and any(out.iterdir()):
        if not force:
            raise OutputNotEmptyError(f"OUT is not empty: {out} (use --force to replace OUT/_posts)")
        if (out / "_posts").is_symlink():
            raise ValueError(f"refusing to remove a symlinked {out / '_posts'}")


def _prepare_out(out: Path) -> Path:
    """An empty OUT/_posts: only that folder is ever removed (after _check_out allowed it)."""
    posts_dir = out / "_posts"
    if posts_dir.exists():
        shutil.rmtree(posts_dir)
    posts_dir.mkdir(parents=True)
    return posts_dir


def generate(n: int, out: Path, source: Path | None = None, seed: int = 1, *,
             force: bool = False, jobs: int | None = None) -> GenerateReport:
    """Write an n-post archive to out/_posts; byte-identical for the same n, seed and source."""
    global _WORK
    if not 1 <= n <= MAX_POSTS:
        raise ValueError(f"N must be between 1 and {MAX_POSTS}, got {n}")
    started = time.perf_counter()
    source = Path(source) if source is not None else DEFAULT_SOURCE
    out = Path(out)
    if not source.is_dir():
        raise SourceMissingError(f"source folder not found: {source}")
    _check_out(out, source, force)
    posts = load_sources(source)
    sources = build_sources(posts)
    specs = plan(n, posts, sources, seed)
    donors: dict[str, list[int]] = {}
    for k, p in enumerate(posts):
        donors.setdefault(p.tag, []).append(k)
    folder = _prepare_out(out)

    jobs = jobs if jobs is not None else (min(os.cpu_count() or 1, 4) if n >= PARALLEL_FROM else 1)
    _WORK = (specs, posts, donors, seed, str(folder))
    try:
        if jobs > 1 and "fork" in multiprocessing.get_all_start_methods():
            step = max(500, n // (jobs * 8))
            chunks = [(a, min(a + step, n)) for a in range(0, n, step)]
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                total = sum(pool.imap_unordered(_write_range, chunks))
        else:
            total = _write_range((0, n))
    finally:
        _WORK = None
    return GenerateReport(
        posts=n,
        bytes=total,
        sources=len({s.tag for s in specs}),
        source_posts=len(posts),
        seconds=time.perf_counter() - started,
        out=folder,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.make_corpus",
        description="Generate a deterministic N-post Jekyll archive at OUT/_posts from real posts.",
    )
    parser.add_argument("n", metavar="N", type=int, help=f"number of posts, 1..{MAX_POSTS}")
    parser.add_argument("out", metavar="OUT", type=Path, help="output folder (posts go to OUT/_posts)")
    parser.add_argument("--source", type=Path, default=None,
                        help=f"folder of real posts to reuse (default: {DEFAULT_SOURCE})")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    parser.add_argument("--force", action="store_true",
                        help="write into a non-empty OUT, removing only OUT/_posts first")
    parser.add_argument("--jobs", type=int, default=None, help="writer processes (default: auto)")
    args = parser.parse_args(argv)
    if not 1 <= args.n <= MAX_POSTS:
        parser.error(f"N must be between 1 and {MAX_POSTS}")
    try:
        report = generate(args.n, args.out, args.source, args.seed, force=args.force, jobs=args.jobs)
    except SourceMissingError as exc:
        print(f"make_corpus: {exc}\n  (the real posts live in ../shared/corpus/oped2/_posts; "
              f"pass --source DIR to use another folder)", file=sys.stderr)
        return 2
    except (OutputNotEmptyError, NotADirectoryError, ValueError) as exc:
        print(f"make_corpus: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {report.posts} posts, {report.bytes / 1e6:.1f} MB "
          f"({report.bytes / report.posts / 1e3:.1f} KB/post), {report.sources} sources, "
          f"to {report.out} in {report.seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
