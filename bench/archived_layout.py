"""Archived-layout generator: a deterministic archive laid out the way the NodeBE4 repos are.

Owns `python -m bench.archived_layout N OUT [--source DIR] [--seed S] [--force]`,
`lay_out()`, `simulate_pull()` and `undo_pull()`.

The real repos (society, teahouse, ...) run an hourly `archive.sh` that
`git mv`s every `_posts/X.md` whose file-name date is more than 120 (teahouse)
or 480 (society) days old to `archived/<that same file-name date>/X.md`: the
folder is named after the post's own date, not the day it was archived
(teahouse sample: 360 of 360 folders equal the file's date).  Scrapers then
re-add some archived articles to `_posts/` under the same name, byte-identical
or re-scraped (a line or two differ: the author, the `from` URL re-encoded, the
time of the date, `comments: True`, a body line).

`lay_out(n_files, OUT)` generates N distinct posts with `bench.make_corpus.generate`
straight into OUT/_posts and then places them:

* the newest KEEP_RATE (4 %) of the distinct posts stay in `_posts/`;
* the rest move (`os.rename`, bytes and mtime kept) to `archived/YYYY-MM-DD/`,
  the folder date being the post's date (`folder_lag=(lo, hi)` adds a seeded
  lo..hi days instead, for an archive whose folders are named after the day of
  archiving);
* DUP_RATE (about 2 %) of the archived names are copied back into `_posts/`: half
  byte-identical (`shutil.copy2`), half re-scraped (one front-matter change and,
  for 60 % of them, one body line), with the mtime taken from the file's date;

so that the tree holds exactly `n_files` files.  Same arguments => the same
file names, bytes and mtimes.

`simulate_pull(OUT)` does what an hourly pull brings: the oldest `_posts` posts
that are not yet archived move to `archived/<their date>/`, and brand-new posts
(re-dated copies of archived ones, with a new title, file name, `from` URL)
appear in `_posts/`.  `undo_pull()` puts the tree back as it was.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import random
import re
import shutil
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import quote, urlsplit

import yaml

from .corpus_source import SourceMissingError
from .make_corpus import DEFAULT_SOURCE, MAX_POSTS, OutputNotEmptyError, _check_out, _slug, generate

LAYOUT_VERSION = 1  # bump when the layout of the same arguments changes (bench caches trees by it)
KEEP_RATE = 0.04  # share of distinct posts still in _posts/ (the newest)
DUP_RATE = 0.02  # share of archived names also present in _posts/
BODY_CHANGE_RATE = 0.6  # re-scraped copies whose body differs too
MIN_FILES = 10
DATED = re.compile(r"^(\d{4}-\d\d-\d\d)-.+\.md$")
HEADING_STAMP = re.compile(r"<!--\d{10,13}-->")

AUTHOR_SUFFIXES = ("·转载", "(转)", "-mirror", "_repost")
BODY_NOTES = ("（更新）", "[更新]", "（转载请注明出处）", "(updated)")
# what a re-scrape changes in the front matter, with weights
FRONT_CHANGES = (("author", 3), ("date", 2), ("from", 2), ("comments", 2))


@dataclass(frozen=True)
class LayoutReport:
    """What one `lay_out()` call wrote: every count is of the tree on disk."""

    files: int  # post files in the tree: in_posts + in_archived
    distinct: int  # distinct post file names
    bytes: int
    in_posts: int  # files in _posts/
    in_archived: int  # files under archived/
    posts_only: int  # distinct posts only in _posts/ (the newest)
    archived_folders: int
    duplicates: int  # names both in _posts/ and archived/
    duplicates_identical: int
    duplicates_rescraped: int
    rescraped_changes: dict[str, int]  # change -> re-scraped files with it (a file can have two)
    folder_lag: tuple[int, int]
    seed: int
    seconds: float
    out: Path

    def as_dict(self) -> dict:
        d = asdict(self)
        d["out"] = str(self.out)
        d["version"] = LAYOUT_VERSION
        return d


@dataclass(frozen=True)
class PullReport:
    """What one `simulate_pull()` changed (relative '/'-separated paths), enough to undo it."""

    moved: tuple[tuple[str, str], ...]  # (from, to)
    added: tuple[str, ...]
    created_dirs: tuple[str, ...]
    dir_times: tuple[tuple[str, int, int], ...]  # (folder, atime_ns, mtime_ns) before the pull
    moved_mtimes: tuple[int, ...]  # mtime_ns of each moved file before the pull
    rewrite: bool  # moved files were rewritten (new inode, mtime now), as a git checkout does
    pull_day: str
    seconds: float


# ---------------------------------------------------------------- small helpers


def _name_day(name: str) -> date:
    return date.fromisoformat(name[:10])


def date_epoch(value: str) -> float | None:
    """The instant a front-matter `date:` value names (a bare day is UTC midnight), or None."""
    v = value.strip().strip("\"'")
    try:
        if len(v) == 10:
            d = date.fromisoformat(v)
            return datetime(d.year, d.month, d.day, tzinfo=timezone.utc).timestamp()
        dt = datetime.fromisoformat(v.replace("Z", "+00:00"))
    except ValueError:
        return None
    return (dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)).timestamp()


def _split(text: str) -> tuple[list[str], str]:
    """(front-matter lines without the `---` fences, body)."""
    if not text.startswith("---\n"):
        raise ValueError("no front matter")
    end = text.index("\n---\n", 3)
    return text[4:end].split("\n"), text[end + 5:]


def _join(lines: list[str], body: str) -> str:
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def _find(lines: list[str], key: str) -> int | None:
    for k, line in enumerate(lines):
        if line.startswith(key + ":"):
            return k
    return None


def _value(lines: list[str], key: str) -> str | None:
    k = _find(lines, key)
    return None if k is None else lines[k].split(":", 1)[1].strip()


def _plain_or_quoted(key: str, value: str) -> str:
    """`key: value`, JSON-quoted only when YAML would not read it back as that string."""
    try:
        if yaml.load(f"{key}: {value}", Loader=yaml.CSafeLoader) == {key: value}:
            return f"{key}: {value}"
    except yaml.YAMLError:
        pass
    return f"{key}: {json.dumps(value, ensure_ascii=False)}"


def _set_mtime(path: Path, lines: list[str]) -> None:
    epoch = date_epoch(_value(lines, "date") or "")
    if epoch is not None:
        os.utime(path, (epoch, epoch))


def _walk_posts(root: Path) -> list[str]:
    """Every `.md` file under root as a relative '/' path, hidden folders skipped, sorted."""
    out = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel = os.path.relpath(folder, root)
        for f in files:
            if f.endswith(".md"):
                out.append(f if rel == "." else f"{rel}/{f}".replace(os.sep, "/"))
    return sorted(out)


# ---------------------------------------------------------------- re-scraping


def rescrape(text: str, rng: random.Random) -> tuple[str, list[str]]:
    """A re-scraped copy of a post: one front-matter change, often one body line; (text, changes)."""
    lines, body = _split(text)
    possible = []
    author = _find(lines, "author")
    when = _value(lines, "date") or ""
    url = _value(lines, "from") or ""
    if author is not None:
        possible.append("author")
    if re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d.*", when):
        possible.append("date")
    if "%" in url:
        possible.append("from")
    possible.append("comments")
    weights = dict(FRONT_CHANGES)
    change = rng.choices(possible, [weights[p] for p in possible])[0]
    changes = [change]
    if change == "author":
        value = lines[author].split(":", 1)[1].strip()
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = json.loads(value)
        lines[author] = _plain_or_quoted("author", value + rng.choice(AUTHOR_SUFFIXES))
    elif change == "date":  # fetched again a few minutes later, same day
        k = _find(lines, "date")
        v = lines[k].split(":", 1)[1].strip()
        secs = int(v[11:13]) * 3600 + int(v[14:16]) * 60 + int(v[17:19])
        delta = rng.randint(60, 300)
        secs = secs + delta if secs + delta < 86_400 else secs - delta
        lines[k] = f"date: {v[:11]}{secs // 3600:02d}:{secs // 60 % 60:02d}:{secs % 60:02d}{v[19:]}"
    elif change == "from":  # the URL percent-encoded twice, in the front matter and the body heading
        new = url.replace("%", "%25")
        lines[_find(lines, "from")] = f"from: {new}"
        body = body.replace(url, new)
    else:
        k = _find(lines, "comments")
        if k is not None:
            del lines[k]
        else:
            at = _find(lines, "categories")
            lines.insert(len(lines) if at is None else at, "comments: True")
    if rng.random() < BODY_CHANGE_RATE:
        changes.append("body")
        parts = body.split("\n")
        long = [k for k, line in enumerate(parts) if len(line.strip()) >= 20 and not line.startswith("<!--")]
        note = rng.choice(BODY_NOTES)
        if long:
            k = long[rng.randrange(len(long))]
            parts[k] = parts[k].rstrip() + note
        else:
            parts.append(f"<p>{note}</p>")
        body = "\n".join(parts)
    return _join(lines, body), changes


# ---------------------------------------------------------------- the layout


def files_split(n_files: int) -> tuple[int, int, int]:
    """(distinct posts, posts only in _posts, duplicates) for a tree of n_files files."""
    distinct = round(n_files / (1 + DUP_RATE * (1 - KEEP_RATE)))
    return distinct, round(KEEP_RATE * distinct), n_files - distinct


def _clear(out: Path, source: Path, force: bool) -> None:
    try:
        _check_out(out, source, force)
    except OutputNotEmptyError:
        raise OutputNotEmptyError(f"OUT is not empty: {out} (use --force to replace OUT/_posts and OUT/archived)")
    for name in ("_posts", "archived"):
        target = out / name
        if target.is_symlink():
            raise ValueError(f"refusing to remove a symlinked {target}")
        if target.exists():
            shutil.rmtree(target)


def lay_out(n_files: int, out: Path, *, source: Path | None = None, seed: int = 1,
            folder_lag: tuple[int, int] = (0, 0), force: bool = False) -> LayoutReport:
    """Write an archived-layout archive of exactly n_files post files to OUT (see the module doc).

    OUT must be empty unless `force`, which replaces only OUT/_posts and OUT/archived."""
    started = time.perf_counter()
    distinct, keep, dups = files_split(n_files)
    if n_files < MIN_FILES or distinct > MAX_POSTS:
        raise ValueError(f"N must be between {MIN_FILES} and {round(MAX_POSTS * (1 + DUP_RATE * (1 - KEEP_RATE)))}")
    lo, hi = folder_lag
    if not 0 <= lo <= hi:
        raise ValueError(f"folder_lag must be 0 <= lo <= hi, got {folder_lag}")
    out = Path(out)
    source = Path(source) if source is not None else DEFAULT_SOURCE
    if not source.is_dir():
        raise SourceMissingError(f"source folder not found: {source}")
    _clear(out, source, force)
    posts_dir = generate(distinct, out, source, seed, force=True).out
    archived = out / "archived"

    names = sorted(os.listdir(posts_dir), key=lambda n: (n[:10], n))
    to_archive = sorted(names[: len(names) - keep])
    placed: dict[str, Path] = {}
    for name in to_archive:
        day = _name_day(name)
        if hi:
            day += timedelta(days=random.Random(f"{seed}:lag:{name}").randint(lo, hi))
        folder = archived / day.isoformat()
        folder.mkdir(parents=True, exist_ok=True)
        os.rename(posts_dir / name, folder / name)
        placed[name] = folder / name

    rng = random.Random(f"{seed}:dups")
    picked = rng.sample(to_archive, dups)
    identical = (dups + 1) // 2
    changes: Counter[str] = Counter()
    for k, name in enumerate(picked):
        target = posts_dir / name
        if k < identical:
            shutil.copy2(placed[name], target)
            continue
        text, what = rescrape(placed[name].read_bytes().decode("utf-8"), random.Random(f"{seed}:rescrape:{name}"))
        changes.update(what)
        target.write_bytes(text.encode("utf-8"))
        _set_mtime(target, _split(text)[0])
    return _count(out, seed=seed, folder_lag=(lo, hi), changes=changes, started=started)


def _count(out: Path, *, seed: int, folder_lag: tuple[int, int], changes: Counter, started: float) -> LayoutReport:
    """The report, counted from the tree on disk."""
    rels = _walk_posts(out)
    in_posts = [r for r in rels if r.startswith("_posts/")]
    in_archived = [r for r in rels if r.startswith("archived/")]
    posts_names = {r.rsplit("/", 1)[1] for r in in_posts}
    archived_by_name = {r.rsplit("/", 1)[1]: r for r in in_archived}
    both = posts_names & archived_by_name.keys()
    same = sum(1 for n in both if (out / "_posts" / n).read_bytes() == (out / archived_by_name[n]).read_bytes())
    return LayoutReport(
        files=len(rels), distinct=len(posts_names | archived_by_name.keys()),
        bytes=sum((out / r).stat().st_size for r in rels), in_posts=len(in_posts), in_archived=len(in_archived),
        posts_only=len(posts_names - both), archived_folders=len({r.rsplit("/", 1)[0] for r in in_archived}),
        duplicates=len(both), duplicates_identical=same, duplicates_rescraped=len(both) - same,
        rescraped_changes=dict(sorted(changes.items())), folder_lag=folder_lag, seed=seed,
        seconds=time.perf_counter() - started, out=out)


# ---------------------------------------------------------------- an hourly pull


def _archived_names(archived: Path) -> dict[str, Path]:
    """name -> path of every file in an archived/<folder>/ (the first folder, in name order, wins)."""
    if not archived.is_dir():
        return {}
    found: dict[str, Path] = {}
    for d in sorted(os.listdir(archived), reverse=True):
        if (archived / d).is_dir():
            found.update((f, archived / d / f) for f in os.listdir(archived / d))
    return found


def _dir_times(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_atime_ns, st.st_mtime_ns


def _new_post(text: str, day: date, k: int, seed: int, rng: random.Random) -> tuple[str, str]:
    """(title, text) of a brand-new post: `text` re-dated to `day`, with a new title and `from` URL."""
    lines, body = _split(text)
    meta = yaml.load("\n".join(lines), Loader=yaml.CSafeLoader) or {}
    title = str(meta.get("title") or "post")
    url = str(meta.get("from") or "")
    cjk = bool(re.search(r"[\u3400-\u9fff]", title))
    marks = ("（续）", "（更新）", "（二）", "·追踪") if cjk else (" (cont.)", " (update)", " – part 2")
    mark = rng.choice(marks)
    new_title = f"{title}{mark}"
    host = urlsplit(url).netloc or "example.org"
    new_url = f"https://{host}/{day.year}/{day.month:02d}/p{seed}-{k + 1}-{quote(_slug(new_title)[:40], safe='')}"
    when = _value(lines, "date") or day.isoformat()
    new_when = day.isoformat() + when[10:]
    for key, value in (("title", json.dumps(new_title, ensure_ascii=False)), ("date", new_when), ("from", new_url)):
        at = _find(lines, key)
        if at is None:
            lines.insert(0, f"{key}: {value}")
        else:
            lines[at] = f"{key}: {value}"
    epoch = date_epoch(new_when)
    body = body.replace(html.escape(title), html.escape(new_title))
    body = body.replace(html.escape(title, quote=False), html.escape(new_title, quote=False))
    if url:
        body = body.replace(url, new_url)
    if epoch is not None:
        body = HEADING_STAMP.sub(f"<!--{int(round(epoch * 1000))}-->", body, count=1)
    return new_title, _join(lines, body)


def simulate_pull(out: Path, *, moved: int = 350, added: int = 30, seed: int = 2, folder: str = "post",
                  rewrite: bool = False) -> PullReport:
    """Apply an hourly pull to the archive at OUT; `undo_pull(OUT, report)` reverts it.

    The `moved` oldest `_posts` posts whose name is not yet in `archived/` go to
    `archived/<their date>/` (`folder="pull"`: `archived/<pull day>/`, the day
    after the newest post), by `os.rename` (bytes and mtime unchanged); with
    `rewrite` they are written anew and the old file removed, as a git checkout
    does (same bytes, new inode, mtime now).  `added` new posts (re-dated copies
    of seeded archived posts, new title, name and URL, mtime from their date;
    now with `rewrite`) are written to `_posts/`."""
    started = time.perf_counter()
    if folder not in ("post", "pull"):
        raise ValueError(f"folder must be 'post' or 'pull', got {folder!r}")
    out = Path(out)
    posts_dir, archived = out / "_posts", out / "archived"
    taken = _archived_names(archived)
    current = [n for n in os.listdir(posts_dir) if DATED.match(n)]
    candidates = sorted((n for n in current if n not in taken), key=lambda n: (n[:10], n))
    if not 0 <= moved <= len(candidates):
        raise ValueError(f"cannot move {moved} posts: {len(candidates)} in _posts/ are not archived yet")
    if added < 0 or (added and not taken):
        raise ValueError("added must be >= 0, and new posts are made from archived ones")
    pull_day = max(_name_day(n) for n in [*current, *taken]) + timedelta(days=1)

    watched = [posts_dir, archived]
    dests = {n: archived / (n[:10] if folder == "post" else pull_day.isoformat()) for n in candidates[:moved]}
    watched += sorted({d for d in dests.values() if d.is_dir()})
    dir_times = tuple((p.relative_to(out).as_posix(), *_dir_times(p)) for p in watched if p.is_dir())
    created: list[str] = []
    moves: list[tuple[str, str]] = []
    mtimes: list[int] = []
    for name, dest in dests.items():
        if not dest.is_dir():
            dest.mkdir(parents=True)
            created.append(dest.relative_to(out).as_posix())
        src, dst = posts_dir / name, dest / name
        if dst.exists():
            raise FileExistsError(dst)
        mtimes.append(src.stat().st_mtime_ns)
        if rewrite:
            dst.write_bytes(src.read_bytes())
            src.unlink()
        else:
            os.rename(src, dst)
        moves.append((f"_posts/{name}", dst.relative_to(out).as_posix()))

    rng = random.Random(f"{seed}:pull")
    pool = sorted(n for n in taken if DATED.match(n))
    seen = {unicodedata.normalize("NFC", n).casefold() for n in os.listdir(posts_dir)}
    new: list[str] = []
    for k in range(added):
        text = taken[pool[rng.randrange(len(pool))]].read_bytes().decode("utf-8")
        title, body = _new_post(text, pull_day, k, seed, rng)
        slug = _slug(title)
        fname, j = f"{pull_day.isoformat()}-{slug}.md", 2
        while unicodedata.normalize("NFC", fname).casefold() in seen:
            fname, j = f"{pull_day.isoformat()}-{slug[:46].rstrip(' .')}-{j}.md", j + 1
        seen.add(unicodedata.normalize("NFC", fname).casefold())
        path = posts_dir / fname
        path.write_bytes(body.encode("utf-8"))
        if not rewrite:
            _set_mtime(path, _split(body)[0])
        new.append(f"_posts/{fname}")
    return PullReport(moved=tuple(moves), added=tuple(new), created_dirs=tuple(created), dir_times=dir_times,
                      moved_mtimes=tuple(mtimes), rewrite=rewrite, pull_day=pull_day.isoformat(),
                      seconds=time.perf_counter() - started)


def undo_pull(out: Path, report: PullReport) -> None:
    """Put the tree back as it was before `report`'s pull: names, bytes, file and folder mtimes."""
    out = Path(out)
    for rel in report.added:
        (out / rel).unlink(missing_ok=True)
    for (src, dst), mtime in zip(report.moved, report.moved_mtimes):
        if report.rewrite:
            (out / src).write_bytes((out / dst).read_bytes())
            os.utime(out / src, ns=(mtime, mtime))
            (out / dst).unlink()
        else:
            os.rename(out / dst, out / src)
    for rel in reversed(report.created_dirs):
        try:
            (out / rel).rmdir()
        except OSError:
            pass
    for rel, atime, mtime in report.dir_times:
        if (out / rel).is_dir():
            os.utime(out / rel, ns=(atime, mtime))


# ---------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.archived_layout",
        description="Lay out a deterministic archive of N post files at OUT the way the NodeBE4 repos are: "
                    "most in archived/YYYY-MM-DD/, the newest in _posts/, some names in both.")
    parser.add_argument("n", metavar="N", type=int, help="number of post files (distinct posts + duplicates)")
    parser.add_argument("out", metavar="OUT", type=Path, help="output folder")
    parser.add_argument("--source", type=Path, default=None,
                        help=f"folder of real posts to reuse (default: {DEFAULT_SOURCE})")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    parser.add_argument("--folder-lag", type=int, nargs=2, metavar=("MIN", "MAX"), default=(0, 0),
                        help="name archived/ folders MIN..MAX days after the post's date "
                             "(default 0 0: the post's own date, as archive.sh does)")
    parser.add_argument("--force", action="store_true", help="replace OUT/_posts and OUT/archived")
    args = parser.parse_args(argv)
    try:
        report = lay_out(args.n, args.out, source=args.source, seed=args.seed,
                         folder_lag=tuple(args.folder_lag), force=args.force)
    except SourceMissingError as exc:
        print(f"archived_layout: {exc}\n  (the real posts live in ../shared/corpus/oped2/_posts; "
              f"pass --source DIR to use another folder)", file=sys.stderr)
        return 2
    except (OutputNotEmptyError, NotADirectoryError, ValueError) as exc:
        print(f"archived_layout: {exc}", file=sys.stderr)
        return 2
    print(describe(report))
    return 0


def describe(r: LayoutReport) -> str:
    changes = ", ".join(f"{k} {v}" for k, v in r.rescraped_changes.items()) or "none"
    return (f"{r.files:,} files ({r.bytes / 1e6:.0f} MB), {r.distinct:,} distinct posts: "
            f"{r.in_posts:,} in _posts/ ({r.posts_only:,} only there), {r.in_archived:,} in archived/ "
            f"({r.archived_folders:,} folders); {r.duplicates:,} names in both: {r.duplicates_identical:,} "
            f"identical, {r.duplicates_rescraped:,} re-scraped ({changes}); in {r.seconds:.1f} s at {r.out}")


if __name__ == "__main__":
    sys.exit(main())
