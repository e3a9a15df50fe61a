"""The system packages of resources/system-packages.txt: which are missing, and installing them.

    python3 packaging/system_deps.py --install run        the packages `make run` needs (make calls this)
    python3 packaging/system_deps.py --install run test   and those `make test` needs too
    python3 packaging/system_deps.py --check run test     exit 1 naming the missing ones; installs nothing
    python3 packaging/system_deps.py --list run test      their names on one line (for apt-get by hand)
    python3 packaging/system_deps.py --depends            the .deb's Depends (the `run` packages)

`--install` asks dpkg-query which are missing (a few milliseconds: a set-up machine pays nothing else)
and installs those: as root with apt-get, otherwise with `sudo -n` when sudo needs no password,
otherwise it stops with the one command to run. On Linux without dpkg it loads the listed libraries
instead, names any that are missing and goes on; elsewhere (macOS, Windows) it does nothing: the Qt
wheel carries what it needs there. Standard library only: it runs before the virtual environment exists.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from reader.gui.platform_check import LIST_NAME, TAGS, SystemPackage, missing_libraries, read_package_list  # noqa: E402

LIST = ROOT / "resources" / LIST_NAME
SHOWN = f"resources/{LIST_NAME}"
APT_INSTALL = ("apt-get", "install", "-y", "-qq", "--no-install-recommends", "-o", "DPkg::Lock::Timeout=300")


def packages(tags: list[str], path: Path = LIST) -> list[SystemPackage]:
    return [p for p in read_package_list(path) if p.tag in tags]


def depends(path: Path = LIST) -> str:
    """The Depends field of the .deb: every `run` package, with its version constraint."""
    return ", ".join(p.depends for p in packages(["run"], path))


def missing_packages(names: list[str]) -> list[str]:
    """The names dpkg does not know as installed (`dpkg-query -W -f='${Status}'`). Ubuntu 24.04 renamed
    some libraries (libglib2.0-0t64, which provides libglib2.0-0): either name counts."""
    result = subprocess.run(["dpkg-query", "-W", "-f=${Package} ${Status}\\n", *names, *(f"{n}t64" for n in names)],
                            capture_output=True, text=True, check=False)
    installed = {line.split()[0].split(":")[0].removesuffix("t64") for line in result.stdout.splitlines()
                 if line.split() and line.split()[-1] == "installed"}
    return [name for name in names if name.removesuffix("t64") not in installed]


def install(names: list[str]) -> int:
    """apt-get install the packages: as root, through `sudo -n`, or say the command and return 1."""
    command = " ".join(APT_INSTALL[:2] + ("--no-install-recommends",) + tuple(names))
    if shutil.which("apt-get") is None:
        print(f"system_deps: these packages of {SHOWN} are missing and there is no apt-get to install them: "
              f"{' '.join(names)}", file=sys.stderr)
        return 1
    if os.geteuid() == 0:
        prefix: list[str] = []
    elif shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"], capture_output=True,
                                                 check=False).returncode == 0:
        prefix = ["sudo", "-n", "env", "DEBIAN_FRONTEND=noninteractive"]
    else:
        as_root = f"sudo {command}" if shutil.which("sudo") else f"su -c '{command}'"  # no sudo on a bare Debian
        print(f"Lectern needs {len(names)} system package{'s' if len(names) > 1 else ''} ({SHOWN}) that only "
              f"root can install; run this, then make again: {as_root}", file=sys.stderr)
        return 1
    print(f"system_deps: installing {' '.join(names)} ({SHOWN})", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}

    def apt(*words: str) -> subprocess.CompletedProcess:  # dpkg's hundreds of lines only when it fails
        return subprocess.run([*prefix, *words], env=env, stdin=subprocess.DEVNULL, capture_output=True,
                              text=True, check=False)

    done = apt(*APT_INSTALL, *names)
    if done.returncode != 0:
        # A machine that never ran `apt-get update` knows no package at all: update once, try again.
        print("system_deps: apt-get install failed; updating the package lists and trying again", flush=True)
        apt("apt-get", "update", "-qq")
        done = apt(*APT_INSTALL, *names)
        if done.returncode != 0:
            print("\n".join((done.stdout + done.stderr).splitlines()[-20:]), file=sys.stderr)
            print(f"system_deps: could not install them; try by hand: {'sudo ' if prefix else ''}{command}",
                  file=sys.stderr)
            return 1
    still = missing_packages(names)
    if still:
        print(f"system_deps: still missing after apt-get: {' '.join(still)}", file=sys.stderr)
        return 1
    return 0


def without_dpkg(wanted: list[SystemPackage]) -> None:
    """Not a Debian-like system: name the libraries that do not load (Debian names as a hint); go on."""
    missing = missing_libraries(wanted)
    if missing:
        print("system_deps: no dpkg here, and Qt will not find these libraries: "
              + ", ".join(f"{library} (Debian: {package})" for library, package in missing)
              + "; install them with your system's package manager", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="system_deps.py", description=__doc__.split("\n\n")[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--install", action="store_true", help="install the missing packages (root or sudo -n)")
    action.add_argument("--check", action="store_true", help="exit 1 naming the missing packages")
    action.add_argument("--list", action="store_true", help="print the packages' names on one line")
    action.add_argument("--depends", action="store_true", help="print the .deb's Depends (the run packages)")
    parser.add_argument("tags", nargs="*", metavar="TAG", help=f"which packages: {' '.join(TAGS)} (default: run)")
    parser.add_argument("--file", type=Path, default=LIST, help=argparse.SUPPRESS)  # the tests' own list
    args = parser.parse_args(argv)
    tags = args.tags or ["run"]
    if set(tags) - set(TAGS):
        parser.error(f"unknown tag {' '.join(sorted(set(tags) - set(TAGS)))}: the tags are {' '.join(TAGS)}")
    if args.depends:
        print(depends(args.file))
        return 0
    wanted = packages(tags, args.file)
    names = [p.name for p in wanted]
    if args.list:
        print(shlex.join(names))
        return 0
    if not sys.platform.startswith("linux"):
        return 0
    if shutil.which("dpkg-query") is None:
        without_dpkg(wanted)
        return 0
    missing = missing_packages(names)
    if not missing:
        return 0
    if args.check:
        print(f"system_deps: missing ({SHOWN}): {' '.join(missing)}", file=sys.stderr)
        return 1
    return install(missing)


if __name__ == "__main__":
    sys.exit(main())
